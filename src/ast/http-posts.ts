import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { fetchModules, httpClientLibraries, instanceFactories, supertestModules, undiciModule } from '../mcp/http-clients.js';
import { importedBindingOf } from './imports.js';
import { calleeName, unwrap } from './nodes.js';
import { lastEntry, noBindings, type Bound, type ObjectShape, type ValueReader } from './object-keys.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Library = 'axios' | 'ky' | 'got';

/** An HTTP POST whose payload and headers the file shows. */
export interface HttpPost {
  call: TSESTree.CallExpression;
  /** The function or method that sends it, where a finding about the request goes. */
  sender: TSESTree.Node;
  /** The value sent: a JSON string (`JSON.stringify(message)`) or an object the library serialises. */
  payload: Bound;
  /** Every header it sends; undefined when some cannot be seen (headers from elsewhere). */
  headers: ObjectShape | undefined;
}

const empty = (): ObjectShape => ({ entries: [], open: false });

/**
 * The POST a call sends, for `fetch` (global, `node-fetch`, `undici`, an injected
 * `fetchImpl`), undici's `request`, axios, ky and got (also their `create`/`extend`
 * instances, whose default headers count), and supertest chains
 * (`request(app).post(url).set(name, value).send(payload)`).
 */
export function httpPostOf(call: TSESTree.CallExpression, reader: ValueReader, sourceCode: SourceCode): HttpPost | undefined {
  return fetchPost(call, reader, sourceCode) ?? libraryPost(call, reader, sourceCode) ?? supertestPost(call, reader, sourceCode);
}

function fetchPost(call: TSESTree.CallExpression, reader: ValueReader, sourceCode: SourceCode): HttpPost | undefined {
  const callee = unwrap(call.callee);
  const name = calleeName(call);
  const isFetch = name !== undefined && /fetch/i.test(name) && !isImportedFromOtherModule(callee, sourceCode, fetchModules);
  if (!isFetch && !isUndiciRequest(callee, sourceCode)) return undefined;
  const init = call.arguments[1];
  const options = init ? reader.objectShape({ node: init, bindings: noBindings }) : undefined;
  if (!options || options === 'absent' || !isPost(options, reader)) return undefined;
  const body = lastEntry(options, 'body')?.value;
  if (!body) return undefined;
  return { call, sender: callee, payload: body, headers: headersOf([options], reader) };
}

/** undici's `request`, also aliased (`import { request as post }`) or through a namespace (`undici.request`). */
function isUndiciRequest(callee: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const binding = importedBindingOf(callee, sourceCode.getScope(callee));
    return binding?.source === undiciModule && binding.imported === 'request';
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'request') return false;
  const owner = unwrap(callee.object);
  return owner.type === AST_NODE_TYPES.Identifier && importedBindingOf(owner, sourceCode.getScope(owner))?.source === undiciModule;
}

function libraryPost(call: TSESTree.CallExpression, reader: ValueReader, sourceCode: SourceCode): HttpPost | undefined {
  const callee = unwrap(call.callee);
  const member = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  const client = clientOf(member ? (callee as TSESTree.MemberExpression).object : callee, reader, sourceCode);
  if (!client) return undefined;
  const args = call.arguments;
  const read = (node: TSESTree.Node | undefined) => (node ? reader.objectShape({ node, bindings: noBindings }) : 'absent');
  if (client.library === 'axios') {
    // axios.post(url, data, config) | axios.request(config) | axios(config) | axios(url, config)
    if (member === 'post') return withPayload(call, callee, args[1] && { node: args[1], bindings: noBindings }, [...client.defaults, read(args[2])], reader);
    const config = member === 'request' || (!member && args.length === 1) ? read(args[0]) : !member ? read(args[1]) : undefined;
    if (!config || config === 'absent' || !isPost(config, reader)) return undefined;
    return withPayload(call, callee, lastEntry(config, 'data')?.value, [...client.defaults, config], reader);
  }
  // ky.post(url, options) | got.post(url, options) | ky(url, options) | got(url, options)
  if (member && member !== 'post') return undefined;
  const options = read(args[1]);
  if (!member && (!options || options === 'absent' || !isPost(options, reader))) return undefined;
  const shape = options && options !== 'absent' ? options : undefined;
  const payload = shape ? (lastEntry(shape, 'json') ?? lastEntry(shape, 'body'))?.value : undefined;
  return withPayload(call, callee, payload, [...client.defaults, options], reader);
}

function withPayload(
  call: TSESTree.CallExpression,
  sender: TSESTree.Node,
  payload: Bound | undefined,
  options: (ObjectShape | 'absent' | undefined)[],
  reader: ValueReader,
): HttpPost | undefined {
  return payload ? { call, sender, payload, headers: headersOf(options, reader) } : undefined;
}

/** An axios/ky/got client: the library itself, or an instance made from it with default options. */
function clientOf(node: TSESTree.Node, reader: ValueReader, sourceCode: SourceCode, depth = 0): { library: Library; defaults: (ObjectShape | 'absent' | undefined)[] } | undefined {
  const inner = unwrap(node);
  if (inner.type !== AST_NODE_TYPES.Identifier || depth > 3) return undefined;
  const binding = importedBindingOf(inner, sourceCode.getScope(inner));
  if (binding) {
    const library = httpClientLibraries[binding.source];
    return library && (binding.imported === 'default' || binding.imported === '*') ? { library, defaults: [] } : undefined;
  }
  const variable = ASTUtils.findVariable(sourceCode.getScope(inner), inner);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.parent.kind !== 'const' || !def.node.init) return undefined;
  const init = unwrap(def.node.init);
  if (init.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (!instanceFactories.includes(calleeName(init) ?? '')) return undefined;
  const parent = clientOf(init.callee.object, reader, sourceCode, depth + 1);
  if (!parent) return undefined;
  // Defaults changed later (`http.defaults.headers.common[…] = …`) cannot be followed.
  const changesDefaults = variable!.references.some((reference) => {
    const parentNode = reference.identifier.parent;
    return parentNode?.type === AST_NODE_TYPES.MemberExpression && parentNode.object === reference.identifier && !parentNode.computed &&
      parentNode.property.type === AST_NODE_TYPES.Identifier && ['defaults', 'interceptors', 'hooks'].includes(parentNode.property.name);
  });
  const defaults = init.arguments[0] ? reader.objectShape({ node: init.arguments[0], bindings: noBindings }) : 'absent';
  return { library: parent.library, defaults: [...parent.defaults, changesDefaults ? undefined : defaults] };
}

/** Links of a supertest chain between `request(app)` and `.send(payload)`. */
const supertestLinks = new Set(['post', 'set', 'type', 'accept', 'auth', 'query', 'timeout']);

/** `request(app).post('/mcp').set('Accept', …).send(payload)` from supertest, also on an agent. */
function supertestPost(call: TSESTree.CallExpression, reader: ValueReader, sourceCode: SourceCode): HttpPost | undefined {
  if (calleeName(call) !== 'send' || !call.arguments[0]) return undefined;
  const headers = empty();
  let post: TSESTree.Node | undefined;
  let link = unwrap(call.callee);
  while (link.type === AST_NODE_TYPES.MemberExpression) {
    const inner = unwrap(link.object);
    const name = inner.type === AST_NODE_TYPES.CallExpression ? calleeName(inner) : undefined;
    if (inner.type !== AST_NODE_TYPES.CallExpression || !supertestLinks.has(name ?? '')) {
      if (!post || !isSupertest(inner, sourceCode)) return undefined;
      return { call, sender: post, payload: { node: call.arguments[0], bindings: noBindings }, headers: headers.open ? undefined : headers };
    }
    if (name === 'set') addSetHeaders(inner, headers, reader);
    link = unwrap(inner.callee);
    if (name === 'post' && link.type === AST_NODE_TYPES.MemberExpression) post = link.property;
  }
  return undefined;
}

function addSetHeaders(call: TSESTree.CallExpression, headers: ObjectShape, reader: ValueReader): void {
  const [name, value] = call.arguments;
  if (!name) return;
  if (!value) {
    const shape = reader.objectShape({ node: name, bindings: noBindings });
    if (shape && shape !== 'absent') headers.entries.push(...shape.entries);
    if (!shape || (shape !== 'absent' && shape.open)) headers.open = true;
    return;
  }
  const key = reader.stringValue({ node: name, bindings: noBindings });
  if (key === undefined) headers.open = true;
  else headers.entries.push({ key, keyNode: name, value: { node: value, bindings: noBindings } });
}

/** `request(app)`, `supertest.agent(app)` or a constant holding one, with `request` imported from supertest. */
function isSupertest(root: TSESTree.Node, sourceCode: SourceCode, depth = 0): boolean {
  if (root.type === AST_NODE_TYPES.Identifier && depth === 0) {
    const def = ASTUtils.findVariable(sourceCode.getScope(root), root)?.defs[0];
    const init = def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator ? def.node.init : undefined;
    return init ? isSupertest(unwrap(init), sourceCode, depth + 1) : false;
  }
  if (root.type !== AST_NODE_TYPES.CallExpression) return false;
  let callee = unwrap(root.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) callee = unwrap(callee.object);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const binding = importedBindingOf(callee, sourceCode.getScope(callee));
  return binding !== undefined && supertestModules.includes(binding.source);
}

function isPost(options: ObjectShape, reader: ValueReader): boolean {
  const method = lastEntry(options, 'method')?.value;
  return method !== undefined && reader.stringValue(method)?.toUpperCase() === 'POST';
}

/** The union of the `headers` of several option objects (instance defaults, then the call's). */
function headersOf(options: (ObjectShape | 'absent' | undefined)[], reader: ValueReader): ObjectShape | undefined {
  const headers = empty();
  for (const option of options) {
    if (option === 'absent') continue;
    if (!option || option.open) return undefined;
    const value = lastEntry(option, 'headers')?.value;
    if (!value) continue;
    const shape = reader.objectShape(value);
    if (!shape || (shape !== 'absent' && shape.open)) return undefined;
    if (shape !== 'absent') headers.entries.push(...shape.entries);
  }
  return headers;
}

/** `fetch` bound to an import of some unrelated module (`import { fetch } from './cache'`). */
function isImportedFromOtherModule(callee: TSESTree.Node, sourceCode: SourceCode, modules: readonly string[]): boolean {
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const binding = importedBindingOf(callee, sourceCode.getScope(callee));
  return binding !== undefined && !modules.includes(binding.source);
}
