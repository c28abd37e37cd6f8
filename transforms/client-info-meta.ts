import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { API, FileInfo } from 'jscodeshift';
import { rules } from '../rules/index.js';
import { mcpMethodHandledAt } from '../src/ast/handlers.js';
import { mcpRoutesOf, sdkRegistrationOf } from '../src/ast/mcp-method-sites.js';
import { calleeName, isFunction, unwrap, walk } from '../src/ast/nodes.js';
import { docsOf } from '../src/engine/catalog.js';
import { clientInfoGetters, initializedNotification, initializeMethod, initializeParamKeys, type EnvelopeKey } from '../src/mcp/handshake.js';
import { sdkMajorOfSource } from '../src/mcp/packages.js';
import { contextNameAt, enclosingRequestHandler } from '../src/transforms/context-parameter.js';
import { insertMarkers, type MarkerRequest } from '../src/transforms/markers.js';
import { namedImports } from '../src/transforms/named-imports.js';
import { detectQuoteStyle } from '../src/transforms/quote-style.js';
import { messageRange, nodeAt, runRule } from '../src/transforms/rule-findings.js';
import { applyTextEdits, shiftedBy, type TextEdit } from '../src/transforms/text-edits.js';
import type { TransformOptions } from '../src/transforms/types.js';
import { lookupTable } from '../src/mcp/lookup-table.js';

/**
 * `client-info-meta`: MCP 2026-07-28 has no `initialize`; each request carries the client's
 * identity, capabilities and protocol version in `params._meta['io.modelcontextprotocol/…']`
 * (reference §1.2). Driven by `no-initialize-handshake`'s `readsClientInfo` and
 * `storesInitializeParams` findings, so LSP's `initialize` and other `getClientVersion`s are
 * never touched:
 *
 * - SDK v2, `server.getClientVersion()` / `getClientCapabilities()` inside a tool, resource,
 *   prompt or request handler becomes the request's envelope read, falling back to the getter,
 *   which still answers for 2025 clients (server/dist `Server.getClientVersion` @deprecated):
 *   `(ctx.mcpReq.envelope as { [CLIENT_INFO_META_KEY]?: Implementation } | undefined)?.[CLIENT_INFO_META_KEY] ?? server.getClientVersion()`.
 *   The cast is there because the published declarations type `RequestMetaEnvelope` as `{}`.
 *   The handler gains its context parameter when it has none.
 * - A hand-rolled dispatch that stores `params.clientInfo` / `capabilities` / `protocolVersion`
 *   at `initialize`: each read of the stored value in another method's route becomes
 *   `(request.params?._meta?.['io.modelcontextprotocol/clientInfo'] ?? stored)`, the current
 *   request's value first. The store stays (with the initialize handler, left to
 *   `initialize-to-discover`) and gets a marker: it now only serves 2025 clients.
 *
 * Marked: reads outside any request (timers, `oninitialized`, module code, helpers called from
 * several routes), stores in SDK handlers, and what the transform cannot place a context in.
 * SDK v1 files are reported, not marked: `--upgrade-sdk` makes their getters rewritable.
 */
export const ruleId = 'no-initialize-handshake';
/** The findings of `no-initialize-handshake` this transform resolves; the rest is `initialize-to-discover`'s. */
export const findings: readonly string[] = ['readsClientInfo', 'storesInitializeParams'];
export const parser = 'ts';

const serverPackage = '@modelcontextprotocol/server';

/** The type each envelope key holds (server/dist `Implementation`, `ClientCapabilities`); the protocol version is a string. */
const envelopeTypes: Record<string, string | undefined> = lookupTable({
  CLIENT_INFO_META_KEY: 'Implementation',
  CLIENT_CAPABILITIES_META_KEY: 'ClientCapabilities',
  PROTOCOL_VERSION_META_KEY: undefined,
});

type Node = TSESTree.Node;
type Code = Readonly<TSESLint.SourceCode>;

export default function transform(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  if (!/getClientCapabilities|getClientVersion|clientInfo|capabilities|protocolVersion/.test(file.source)) return undefined;
  const { messages, sourceCode } = runRule(ruleId, file.source, file.path);
  const mine = messages.filter((m) => findings.includes(m.messageId ?? ''));
  if (mine.length === 0) return undefined;
  const v2 = sdkMajorOfSource(file.source) === 2;
  const code = sourceCode as unknown as Code;
  const quote = (options.quote ?? detectQuoteStyle(file.source)) === 'double' ? '"' : "'";
  const docsUrl = docsOf(rules[ruleId]!).url ?? '';

  const edits: TextEdit[] = [];
  /** Markers placed on the input; their offsets move with the edits before them. */
  const marks: { offset: number; text: string }[] = [];
  const contexts = new Map<TSESTree.FunctionLike, { name: string; edit?: TextEdit } | undefined>();
  const wantedImports = new Map<string, boolean>();
  const getterEdits: { call: TSESTree.CallExpression; context: string; constant: string }[] = [];
  let leftForV2 = 0;

  for (const message of mine) {
    const node = nodeAt(code, messageRange(sourceCode, message));
    if (!node) continue;
    if (message.messageId === 'readsClientInfo') {
      const call = node.type === 'CallExpression' ? node : undefined;
      const key = call ? clientInfoGetters[calleeName(call) ?? ''] : undefined;
      if (!call || !key) continue;
      const fn = enclosingRequestHandler(call, code);
      if (!fn) {
        marks.push({ offset: call.range[0], text: outsideRequestText(calleeName(call)!, key, inInitializedCallback(call)) });
        continue;
      }
      if (!v2) {
        leftForV2++;
        continue;
      }
      if (!contexts.has(fn)) contexts.set(fn, contextNameAt(call, fn, code, ['ctx', 'mcpCtx', 'requestCtx']));
      const context = contexts.get(fn);
      if (!context) {
        marks.push({ offset: call.range[0], text: `Read \`ctx.mcpReq.envelope?.[${key.constant}]\` here, falling back to \`${code.getText(call)}\` for 2025 clients: give this handler its context parameter` });
        continue;
      }
      getterEdits.push({ call, context: context.name, constant: key.constant });
      wantedImports.set(key.constant, false);
      const type = envelopeTypes[key.constant];
      if (type) wantedImports.set(type, true);
    } else {
      const store = node.type === 'AssignmentExpression' ? node : undefined;
      const metaKey = /io\.modelcontextprotocol\/\w+/.exec(message.message)?.[0];
      const key = metaKey ? Object.values(initializeParamKeys).find((k) => k.metaKey === metaKey) : undefined;
      if (!store || !key) continue;
      storeEdits(code, store, key, quote, edits, marks);
    }
  }

  if (getterEdits.length > 0) {
    const imports = namedImports(code, serverPackage, [...wantedImports].map(([name, typeOnly]) => ({ name, typeOnly })), quote);
    if (imports) {
      if (imports.edit) edits.push(imports.edit);
      for (const context of new Set([...contexts.values()])) if (context?.edit) edits.push(context.edit);
      for (const { call, context, constant } of getterEdits) {
        const local = imports.names.get(constant)!;
        const type = envelopeTypes[constant];
        const typeText = type ? imports.names.get(type)! : 'string';
        const read = `(${context}.mcpReq.envelope as { [${local}]?: ${typeText} } | undefined)?.[${local}] ?? ${code.getText(call)}`;
        edits.push({ range: call.range, text: needsParens(call) ? `(${read})` : read });
      }
    } else {
      for (const { call, constant } of getterEdits) {
        marks.push({ offset: call.range[0], text: `Read \`ctx.mcpReq.envelope?.[${constant}]\` here, falling back to \`${code.getText(call)}\` for 2025 clients (import ${constant} from ${serverPackage})` });
      }
    }
  }
  if (leftForV2 > 0) {
    api.report(`this file is on SDK v1: --upgrade-sdk would let client-info-meta rewrite ${leftForV2} getClientVersion()/getClientCapabilities() call${leftForV2 === 1 ? '' : 's'} in request handlers`);
  }

  const { output: edited, applied } = applyTextEdits(file.source, edits);
  let output = edited;
  if (applied > 0) {
    const left = runRule(ruleId, output, file.path).messages.filter((m) => findings.includes(m.messageId ?? '')).length;
    if (mine.length > left) api.stats('edits', mine.length - left);
  }
  if (marks.length > 0) {
    const after = runRule(ruleId, output, file.path);
    const shift = (offset: number) => shiftedBy(edits, offset);
    const requests: MarkerRequest[] = marks.map((m) => ({ ruleId, text: m.text, docsUrl, offset: shift(m.offset) }));
    const marked = insertMarkers(after.sourceCode, requests);
    if (marked.added > 0) api.stats('markers', marked.added);
    output = marked.output;
  }
  return output === file.source ? undefined : output;
}

function outsideRequestText(method: string, key: EnvelopeKey, initialized: boolean): string {
  const read = `\`ctx.mcpReq.envelope?.[${key.constant}]\` (SDK v2), falling back to \`${method}()\` for 2025 clients`;
  if (initialized) return `This runs only after a 2025 \`initialize\`, so what it keeps stays unset for 2026-07-28 clients: in each handler that uses the kept value, read ${read}`;
  return `No request is being handled here, and 2026-07-28 clients identify themselves per request: move this read into the handler that needs it and read ${read}`;
}

/** In `server.oninitialized = () => …` or a `notifications/initialized` handler. */
function inInitializedCallback(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const parent = current.parent;
    if (parent?.type === 'AssignmentExpression' && parent.right === current && parent.left.type === 'MemberExpression' && !parent.left.computed) {
      if (parent.left.property.type === 'Identifier' && parent.left.property.name === 'oninitialized') return true;
    }
    if (parent?.type === 'CallExpression' && calleeName(parent) === 'setNotificationHandler') return true;
  }
  return false;
}

/**
 * A store of an `initialize` param (`clientInfo = params.clientInfo`) in a hand-rolled route:
 * each read of the stored value in another method's route takes the current request's
 * `_meta` value first; reads with no request at hand are marked, and so is the store.
 */
function storeEdits(code: Code, store: TSESTree.AssignmentExpression, key: EnvelopeKey, quote: string, edits: TextEdit[], marks: { offset: number; text: string }[]): void {
  const handRolled = mcpRoutesOf(initializeMethod, code).some(({ site }) => site.node.range[0] <= store.range[0] && store.range[1] <= site.node.range[1]) && !inSdkRegistration(store, code);
  if (!handRolled) {
    marks.push({ offset: store.range[0], text: `Stop keeping what the 2025 \`initialize\` said: read \`ctx.mcpReq.envelope?.[${key.constant}]\` in each handler that needs it (SDK v2), which 2026-07-28 requests carry` });
    return;
  }
  const metaRead = (params: string) => `${params}?._meta?.[${quote}${key.metaKey}${quote}]`;
  for (const read of readsOfStored(code, store)) {
    if (isEnvelopeFallback(read)) continue;
    const method = mcpMethodHandledAt(read, { sourceCode: code } as never);
    if (method === initializeMethod || method === initializedNotification) continue;
    const params = method ? requestParamsAt(read, code) : undefined;
    if (!params) {
      marks.push({
        offset: read.range[0],
        text: `This reads the ${key.metaKey.split('/')[1]} stored at \`initialize\`, which 2026-07-28 clients never send: pass \`params._meta['${key.metaKey}']\` of the request being handled in here, falling back to the stored value for 2025 clients`,
      });
      continue;
    }
    const text = `${metaRead(params)} ?? ${code.getText(read)}`;
    edits.push({ range: read.range, text: needsParens(read) ? `(${text})` : text });
  }
  marks.push({
    offset: store.range[0],
    text: `Keep this only while 2025 clients are served: 2026-07-28 requests carry \`params._meta['${key.metaKey}']\`, which the reads take first; delete it together with the initialize handler`,
  });
}

function inSdkRegistration(node: Node, code: Code): boolean {
  for (let current = node.parent; current; current = current.parent) {
    const call = current.parent;
    if (isFunction(current) && call?.type === 'CallExpression' && sdkRegistrationOf(call, code)) return true;
  }
  return false;
}

/** The reads of what a store writes: its variable's references, or the same member text (`this.clientInfo`) elsewhere. */
function readsOfStored(code: Code, store: TSESTree.AssignmentExpression): Node[] {
  const target = unwrap(store.left);
  if (target.type === 'Identifier') {
    const variable = ASTUtils.findVariable(code.getScope(target), target);
    return (variable?.references ?? []).filter((r) => r.isRead() && !r.isWrite()).map((r) => r.identifier as Node);
  }
  if (target.type !== 'MemberExpression' || target.computed) return [];
  const text = code.getText(target);
  const reads: Node[] = [];
  walk(code.ast, code.visitorKeys, (node) => {
    if (node.type !== 'MemberExpression' || node === target || code.getText(node) !== text) return;
    const parent = node.parent;
    const written = (parent?.type === 'AssignmentExpression' && parent.left === node) || (parent?.type === 'UpdateExpression');
    if (!written) reads.push(node);
  });
  return reads;
}

/** `params?._meta?.['io.modelcontextprotocol/clientInfo'] ?? clientInfo`: a read already made the 2025 fallback. */
function isEnvelopeFallback(read: Node): boolean {
  let child: Node = read;
  let parent = read.parent;
  while (parent && (parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression')) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type !== 'LogicalExpression' || parent.operator !== '??' || parent.right !== child) return false;
  const left = unwrap(parent.left);
  return left.type === 'MemberExpression' && left.computed && ((left.property.type === 'Literal' && String(left.property.value).startsWith('io.modelcontextprotocol/')) || (left.property.type === 'Identifier' && /_META_KEY$/.test(left.property.name)));
}

/**
 * The text of the current request's params where a route handles it: `msg.params` for
 * `switch (msg.method)` / `if (msg.method === …)`, `params` destructured beside `method`, or the
 * first parameter of a table or registry handler (`params`, or `request.params`). The binding
 * must mean the same at `read`.
 */
function requestParamsAt(read: Node, code: Code): string | undefined {
  let child: Node = read;
  for (let parent = read.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'SwitchCase' && parent.test && child !== parent.test) return paramsOfMethodExpression(parent.parent.discriminant, read, code);
    if (parent.type === 'IfStatement' && child === parent.consequent) {
      const tested = methodOperand(parent.test);
      if (tested) return paramsOfMethodExpression(tested, read, code);
    }
    if (isFunction(parent) && (parent.parent?.type === 'Property' || parent.parent?.type === 'CallExpression')) {
      const [first] = parent.params;
      if (first?.type !== 'Identifier' || !sameBinding(first.name, first, read, code)) return undefined;
      if (/params$/i.test(first.name)) return first.name;
      return /^(?:req|request|msg|message|rpc|body|payload)$/i.test(first.name) ? `${first.name}.params` : undefined;
    }
  }
  return undefined;
}

/** `msg.method === 'tools/call'`, `'tools/call' === method`, or one of those joined with `&&`. */
function methodOperand(test: Node): Node | undefined {
  const inner = unwrap(test);
  if (inner.type === 'LogicalExpression' && inner.operator === '&&') return methodOperand(inner.left) ?? methodOperand(inner.right);
  if (inner.type !== 'BinaryExpression' || (inner.operator !== '===' && inner.operator !== '==')) return undefined;
  return inner.left.type === 'Literal' ? inner.right : inner.left;
}

function paramsOfMethodExpression(expression: Node, read: Node, code: Code): string | undefined {
  const inner = unwrap(expression);
  if (inner.type === 'MemberExpression' && !inner.computed && inner.property.type === 'Identifier' && inner.property.name === 'method') {
    const object = unwrap(inner.object);
    return object.type === 'Identifier' && sameBinding(object.name, object, read, code) ? `${object.name}.params` : undefined;
  }
  if (inner.type !== 'Identifier') return undefined;
  // `const { method, params } = msg;`: the params destructured beside the method.
  const def = ASTUtils.findVariable(code.getScope(inner), inner)?.defs[0];
  const pattern = def?.type === 'Variable' && def.node.type === 'VariableDeclarator' ? def.node.id : undefined;
  if (pattern?.type !== 'ObjectPattern') return undefined;
  for (const property of pattern.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier' || property.key.name !== 'params') continue;
    const value = unwrap(property.value);
    return value.type === 'Identifier' && sameBinding(value.name, value, read, code) ? value.name : undefined;
  }
  return undefined;
}

/** Whether `name` at `read` is the binding `name` names at `at`. */
function sameBinding(name: string, at: Node, read: Node, code: Code): boolean {
  const there = ASTUtils.findVariable(code.getScope(at), name);
  return there !== null && ASTUtils.findVariable(code.getScope(read), name) === there;
}

/** Whether `a ?? b` put where `node` stands needs parentheses: anywhere but a whole argument, initialiser, value or statement. */
function needsParens(node: Node): boolean {
  const parent = node.parent;
  switch (parent?.type) {
    case 'VariableDeclarator':
      return parent.init !== node;
    case 'CallExpression':
    case 'NewExpression':
      return !parent.arguments.includes(node as TSESTree.CallExpressionArgument);
    case 'Property':
      return parent.value !== node;
    case 'ReturnStatement':
    case 'ExpressionStatement':
    case 'TemplateLiteral':
    case 'ArrayExpression':
    case 'SpreadElement':
      return false;
    case 'AssignmentExpression':
      return parent.right !== node;
    case 'ArrowFunctionExpression':
      return parent.body !== node;
    default:
      return true;
  }
}


