import type { Linter, SourceCode } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { API, FileInfo } from 'jscodeshift';
import { rules } from '../rules/index.js';
import { calleeName, isFunction, propertyKeyName, stringLiteralValue, unwrap, walk, walkOwnBody } from '../src/ast/nodes.js';
import { handlerContextPath, handlerContextSlot } from '../src/ast/sdk.js';
import { mcpSessionIdSource, sessionIdIn } from '../src/ast/session-id.js';
import { docsOf } from '../src/engine/catalog.js';
import { sdkMajorOfSource } from '../src/mcp/packages.js';
import { keyedAccessMethods } from '../src/mcp/session-state.js';
import { insertMarkers, type MarkerRequest } from '../src/transforms/markers.js';
import { detectQuoteStyle } from '../src/transforms/quote-style.js';
import { messageRange, nodeAt, offsetOf, runRule } from '../src/transforms/rule-findings.js';
import { applyTextEdits, indentAt, lineBreakOf, shiftedBy, type TextEdit, wholeLines } from '../src/transforms/text-edits.js';
import type { TransformOptions } from '../src/transforms/types.js';

/**
 * `session-state-handles`: application state keyed by the MCP session id (`extra.sessionId` in
 * SDK v1, `ctx.sessionId` in v2), which 2026-07-28 removed, becomes state keyed by an explicit,
 * server-minted handle that tools take as an ordinary argument (reference §3.1, SEP-2567).
 * Driven by `no-session-state`'s `sessionKeyedState` findings whose key is the handler
 * context's session id, so chat memories, cookie sessions and handles already passed as
 * arguments are never touched.
 *
 * A store is rewritten when it is an in-memory collection declared in this file (`new Map()`,
 * `new Set()`, `{}`, not exported) and every session-keyed access to it is a plain key
 * (`carts.get(extra.sessionId!)`, `prefs[sid]`) inside an inline `registerTool`/`tool` callback
 * whose input schema is a literal the transform can extend. Then:
 *
 * - the one tool that writes the store and reads nothing from it (`carts.set(sid, new Cart())`) mints
 *   the handle: `const cartId = randomUUID();` keys the entry and the result returns it
 *   (`structuredContent` plus its JSON as text) when the result is a plain literal, or gets a marker;
 * - every other tool gains `cartId: z.string().describe(…)` in its input schema (an `inputSchema`
 *   is added when it has none), the argument in its callback, and uses it as the key;
 * - stores keyed by the session in the same tool share one handle (they were one session's state);
 * - session-id reads and context parameters that only fed the keys go;
 * - the store's declaration gets a marker: in-memory state must move to a shared store when more
 *   than one instance serves requests (and, with no minting tool, that one must be added).
 *
 * A store that already lives outside the process is re-keyed the same way: a binding imported
 * from another module (`import { redis } from './redis.js'`), or a module constant made by an
 * imported function or class (`const drafts = sharedStore<Draft>('drafts')`, `new Redis(url)`),
 * when every session-keyed access is awaited (`await drafts.get(extra.sessionId!)`), the sign of
 * a store behind I/O. It gets no marker (only when no tool mints the handle). In-process caches
 * (`lru-cache`, `node-cache`, …) and sync access stay as they were: marked.
 *
 * Every other context-sourced finding (keys built into strings, per-session stores, record
 * filters, ids passed to helpers, ids used for log correlation) gets a marker. Findings about
 * transports and ids from the transport or the header belong to `http-handler` and `session-header`.
 */
export const ruleId = 'no-session-state';
export const parser = 'ts';

type Node = TSESTree.Node;
type Code = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

const markerText = {
  builtKey:
    'This key is built from the MCP session id, which 2026-07-28 requests do not carry: build it from an explicit handle instead, a tool argument that the tool creating this state mints (randomUUID()) and returns, and migrate or expire the entries stored under session keys',
  perSessionStore:
    'This store is created per MCP session, and 2026-07-28 has none: name it by an explicit handle instead, a tool argument that the tool creating it mints (randomUUID()) and returns, or by the auth principal',
  recordFilter:
    'This record is looked up by the MCP session id, which 2026-07-28 requests do not carry: store and filter by an explicit handle the tool takes as an argument (minted and returned by the tool that creates the record), or by the auth principal',
  helperKey:
    "This key is the MCP session id a caller passes in (the handler context's sessionId): have the calling tool take an explicit handle argument, minted and returned by the tool that creates this state, and pass that instead",
  otherKey:
    'Key this state by an explicit handle instead of the MCP session id, which 2026-07-28 requests do not carry: a tool argument that the tool creating the state mints (randomUUID()) and returns, stored where every server instance can read it',
  correlationV1: "Log the request's id (`extra.requestId`, or `ctx.mcpReq.id` on SDK v2) or the tool's handle argument here instead of the session id, which is undefined for 2026-07-28 requests",
  correlationV2: "Log the request's id (`ctx.mcpReq.id`) or the tool's handle argument here instead of the session id, which is undefined for 2026-07-28 requests",
};

/** A tool callback registered inline with `registerTool(name, config, cb)` or v1 `tool(name, …, cb)`. */
interface ToolHandler {
  fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
  call: TSESTree.CallExpression;
  toolName: string | undefined;
  schema: SchemaSite;
  /** The parameter holding the tool's arguments (when it has an input schema). */
  argsParam: TSESTree.Parameter | undefined;
  /** The parameter holding the request context, if declared. */
  ctxParam: TSESTree.Parameter | undefined;
  hasOutputSchema: boolean;
}

/** Where the tool's input schema can take a property. */
type SchemaSite =
  | { kind: 'object'; object: TSESTree.ObjectExpression }
  | { kind: 'addToConfig'; config: TSESTree.ObjectExpression }
  | { kind: 'addArgument'; before: Node };

/** A session-keyed access of a store: `carts.get(<key>)`, `prefs[<key>]`. */
interface Access {
  key: Node;
  handler: ToolHandler;
  write: boolean;
}

interface Store {
  variable: Variable;
  declaration: Node;
  name: string;
  accesses: Access[];
  /** `memory`: a collection in this process; `shared`: a store behind I/O (imported, awaited). */
  kind: 'memory' | 'shared';
}

/** Packages whose stores live in the process's memory, however they are called. */
const inProcessCaches: ReadonlySet<string> = new Set(['lru-cache', 'quick-lru', 'node-cache', 'memory-cache', 'mnemonist', 'tiny-lru', 'node-cache-manager']);

export default function transform(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  if (!file.source.includes('sessionId')) return undefined;
  const { messages, sourceCode } = runRule(ruleId, file.source, file.path);
  const code = sourceCode as unknown as Code;
  const ours = messages.filter((m) => isOurs(code, sourceCode, m));
  if (ours.length === 0) return undefined;
  const v2 = sdkMajorOfSource(file.source) === 2;
  const quote = (options.quote ?? detectQuoteStyle(file.source)) === 'double' ? '"' : "'";
  const docsUrl = docsOf(rules[ruleId]!).url ?? '';

  const stores = rewritableStores(code, sourceCode, ours);
  const edits: TextEdit[] = [];
  const extraMarkers: { offset: number; text: string }[] = [];
  if (stores.length > 0) {
    const plan = planEdits(code, stores, v2, quote);
    edits.push(...plan.edits);
    extraMarkers.push(...plan.markers);
  }

  const output = applyTextEdits(file.source, edits).output;
  const after = runRule(ruleId, output, file.path);
  const afterCode = after.sourceCode as unknown as Code;
  const left = after.messages.filter((m) => isOurs(afterCode, after.sourceCode, m));
  if (ours.length > left.length) api.stats('edits', ours.length - left.length);

  const shift = (offset: number) => shiftedBy(edits, offset);
  const requests: MarkerRequest[] = [
    ...extraMarkers.map((m) => ({ ruleId, text: m.text, docsUrl, offset: shift(m.offset) })),
    ...left.map((m) => ({ ruleId, text: leftoverText(afterCode, after.sourceCode, m, v2), docsUrl, offset: offsetOf(after.sourceCode, m.line, m.column) })),
  ];
  const marked = insertMarkers(after.sourceCode, requests);
  if (marked.added > 0) api.stats('markers', marked.added);
  return marked.output === file.source ? undefined : marked.output;
}

// ---- Which findings are ours ---------------------------------------------------------------



/** Log correlation by the context's id, and state keyed by the context's id (not the transport's or the header's). */
function isOurs(code: Code, sourceCode: SourceCode, message: Linter.LintMessage): boolean {
  if (message.messageId === 'sessionIdForCorrelation') return true;
  if (message.messageId !== 'sessionKeyedState') return false;
  const node = nodeAt(code, messageRange(sourceCode, message));
  return node !== undefined && findingSource(code, node) === 'context';
}

/** Where the session id of a `sessionKeyedState` finding comes from, read from the node it is reported on. */
function findingSource(code: Code, node: Node): string | undefined {
  const key = keyOf(node);
  if (key) return mcpSessionIdSource(key, code) ?? sessionIdIn(key, code);
  if (node.type === 'Property') return mcpSessionIdSource(node.value, code);
  if (node.type === 'NewExpression') {
    for (const argument of node.arguments) {
      const source = mcpSessionIdSource(argument, code);
      if (source) return source;
    }
    return undefined;
  }
  return sessionIdIn(node, code);
}

/** The key of a keyed access: `x.get(key)`, `x[key]`, `{ [key]: v }`. */
function keyOf(node: Node): Node | undefined {
  if (node.type === 'CallExpression' && unwrap(node.callee).type === 'MemberExpression') {
    const name = calleeName(node);
    return name && keyedAccessMethods.has(name) ? node.arguments[0] : undefined;
  }
  if (node.type === 'MemberExpression' && node.computed) return node.property;
  if (node.type === 'Property' && node.computed) return node.key;
  return undefined;
}

// ---- Stores that can be re-keyed -------------------------------------------------------------

/** The collection a keyed access reads or writes: `carts` in `carts.get(k)` and `carts[k]`. */
function collectionOf(node: Node): TSESTree.Identifier | undefined {
  let object: Node | undefined;
  if (node.type === 'CallExpression') {
    const callee = unwrap(node.callee);
    object = callee.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
  } else if (node.type === 'MemberExpression') {
    object = unwrap(node.object);
  }
  return object?.type === 'Identifier' ? object : undefined;
}

function rewritableStores(code: Code, sourceCode: SourceCode, findings: Linter.LintMessage[]): Store[] {
  const candidates = new Map<Variable, Node>();
  for (const message of findings) {
    if (message.messageId !== 'sessionKeyedState') continue;
    const node = nodeAt(code, messageRange(sourceCode, message));
    const collection = node && keyOf(node) && collectionOf(node);
    const variable = collection && ASTUtils.findVariable(code.getScope(collection), collection);
    if (variable) candidates.set(variable, node!);
  }
  const stores: Store[] = [];
  for (const variable of candidates.keys()) {
    const store = storeOf(code, variable);
    if (store) stores.push(store);
  }
  return stores;
}

/** A store every session-keyed access of which this transform can rewrite, or undefined. */
function storeOf(code: Code, variable: Variable): Store | undefined {
  const declared = declarationOf(code, variable);
  if (!declared) return undefined;
  const { declaration, kind } = declared;
  const accesses: Access[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    const identifier = reference.identifier as Node;
    const access = keyedAccessAround(identifier);
    if (!access) continue;
    const key = keyOf(access);
    if (!key) continue;
    const source = mcpSessionIdSource(key, code);
    if (!source) {
      if (sessionIdIn(key, code)) return undefined;
      continue; // keyed by something else: untouched
    }
    if (source !== 'context') return undefined;
    const handler = toolHandlerAround(code, access);
    if (!handler || !keyBelongsTo(code, key, handler.fn)) return undefined;
    if (kind === 'shared' && !isAwaited(access)) return undefined;
    accesses.push({ key, handler, write: isWrite(access) });
  }
  if (accesses.length === 0) return undefined;
  return { variable, declaration, name: variable.name, accesses, kind };
}

/**
 * Where the store is declared, and whether it lives in memory: an in-memory collection declared
 * in this file, or a store behind I/O (a binding imported from another module, or a module
 * constant made by an imported function or class). Undefined for anything else.
 */
function declarationOf(code: Code, variable: Variable): { declaration: Node; kind: Store['kind'] } | undefined {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || !def) return undefined;
  if (def.type === 'ImportBinding') {
    const statement = def.parent;
    if (statement?.type !== 'ImportDeclaration' || statement.importKind === 'type' || isTypeOnlySpecifier(def.node)) return undefined;
    return isInProcessCache(statement.source.value) ? undefined : { declaration: statement, kind: 'shared' };
  }
  if (def.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || def.node.id !== def.name) return undefined;
  const declaration = def.node.parent;
  if (declaration?.type !== 'VariableDeclaration' || declaration.parent?.type === 'ExportNamedDeclaration') return undefined;
  if (isInMemoryCollection(def.node.init)) return { declaration, kind: 'memory' };
  const source = declaration.kind === 'const' && declaration.parent?.type === 'Program' ? importedFactorySource(code, def.node.init) : undefined;
  return source !== undefined && !isInProcessCache(source) ? { declaration, kind: 'shared' } : undefined;
}

function isTypeOnlySpecifier(node: Node): boolean {
  return node.type === 'ImportSpecifier' && node.importKind === 'type';
}

function isInProcessCache(source: string): boolean {
  return inProcessCaches.has(source) || [...inProcessCaches].some((name) => source.startsWith(`${name}/`));
}

/** The module of the imported function or class that makes the value: `sharedStore(…)`, `new Redis(…)`, `redis.createClient(…)`. */
function importedFactorySource(code: Code, init: TSESTree.Expression | null): string | undefined {
  const value = init ? unwrap(init) : undefined;
  if (value?.type !== 'CallExpression' && value?.type !== 'NewExpression') return undefined;
  let root: Node = unwrap(value.callee);
  while (root.type === 'MemberExpression' && !root.computed) root = unwrap(root.object);
  if (root.type !== 'Identifier') return undefined;
  const def = ASTUtils.findVariable(code.getScope(root), root)?.defs[0];
  return def?.type === 'ImportBinding' && def.parent?.type === 'ImportDeclaration' && def.parent.importKind !== 'type' ? def.parent.source.value : undefined;
}

/** `await drafts.get(k)`: the access's value is awaited where it is made. */
function isAwaited(access: Node): boolean {
  let node: Node = access;
  while (node.parent && ['ChainExpression', 'TSNonNullExpression', 'TSAsExpression'].includes(node.parent.type)) node = node.parent;
  return node.parent?.type === 'AwaitExpression';
}

function isInMemoryCollection(init: TSESTree.Expression | null): boolean {
  if (!init) return false;
  const value = unwrap(init);
  if (value.type === 'ObjectExpression') return value.properties.length === 0;
  return value.type === 'NewExpression' && value.callee.type === 'Identifier' && ['Map', 'Set'].includes(value.callee.name);
}

/** `carts.get(…)` or `carts[…]` around a reference to `carts`. */
function keyedAccessAround(identifier: Node): Node | undefined {
  let object: Node = identifier;
  while (object.parent && ['TSNonNullExpression', 'TSAsExpression'].includes(object.parent.type)) object = object.parent;
  const member = object.parent;
  if (member?.type !== 'MemberExpression' || member.object !== object) return undefined;
  if (member.computed) return member;
  let callee: Node = member;
  if (callee.parent?.type === 'ChainExpression') callee = callee.parent;
  const call = callee.parent;
  return call?.type === 'CallExpression' && call.callee === callee ? call : undefined;
}

function isWrite(access: Node): boolean {
  if (access.type === 'CallExpression') return ['set', 'add', 'setItem', 'put'].includes(calleeName(access) ?? '');
  let child: Node = access;
  while (child.parent && ['TSNonNullExpression', 'TSAsExpression'].includes(child.parent.type)) child = child.parent;
  return child.parent?.type === 'AssignmentExpression' && child.parent.left === child && child.parent.operator === '=';
}

/** The inline tool callback an access sits in, when its registration can take a handle argument. */
function toolHandlerAround(code: Code, node: Node): ToolHandler | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const handler = toolHandlerOf(code, current);
    if (handler) return handler;
  }
  return undefined;
}

function toolHandlerOf(code: Code, fn: TSESTree.FunctionLike): ToolHandler | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return undefined;
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.arguments.at(-1) !== fn) return undefined;
  const name = calleeName(call);
  if (name !== 'registerTool' && name !== 'tool') return undefined;
  const slot = handlerContextSlot(fn, code);
  if (slot?.kind !== 'tool' || slot.index === 'last') return undefined;
  if (fn.params.some((p) => p.type === 'RestElement' || p.type === 'AssignmentPattern')) return undefined;
  const toolName = call.arguments[0] ? stringLiteralValue(call.arguments[0]) : undefined;
  let schema: SchemaSite | undefined;
  let hasOutputSchema = false;
  if (name === 'registerTool') {
    const config = call.arguments.length === 3 ? unwrap(call.arguments[1]!) : undefined;
    if (config?.type !== 'ObjectExpression' || config.properties.some((p) => p.type !== 'Property' || p.computed)) return undefined;
    const property = (key: string) => config.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyKeyName(p) === key);
    hasOutputSchema = property('outputSchema') !== undefined;
    const input = property('inputSchema');
    if (input) {
      const object = schemaObject(code, input.value);
      if (!object) return undefined;
      schema = { kind: 'object', object };
    } else {
      schema = { kind: 'addToConfig', config };
    }
  } else {
    // v1 `tool(name, [description], [paramsSchema], [annotations], cb)`.
    const middle = call.arguments.slice(1, -1);
    const objects = middle.filter((a) => unwrap(a).type === 'ObjectExpression');
    if (middle.some((a) => unwrap(a).type !== 'ObjectExpression' && stringLiteralValue(unwrap(a)) === undefined && unwrap(a).type !== 'TemplateLiteral')) return undefined;
    if (slot.index === 1) {
      const shape = objects[0] ? unwrap(objects[0]) : undefined;
      if (shape?.type !== 'ObjectExpression' || !isZodShape(code, shape)) return undefined;
      schema = { kind: 'object', object: shape };
    } else {
      schema = { kind: 'addArgument', before: objects[0] ?? fn };
    }
  }
  const ctxIndex = slot.index;
  const ctxParam = fn.params[ctxIndex];
  const argsParam = schema.kind === 'object' ? fn.params[0] : undefined;
  if (schema.kind !== 'object' && fn.params.length > 1) return undefined;
  if (argsParam && argsParam.type !== 'Identifier' && argsParam.type !== 'ObjectPattern') return undefined;
  return { fn, call, toolName, schema, argsParam, ctxParam, hasOutputSchema };
}

/** The object literal of an input schema: `{ … }` or `z.object({ … })` (with `.strict()` and the like after it). */
function schemaObject(code: Code, value: Node): TSESTree.ObjectExpression | undefined {
  let node = unwrap(value);
  if (node.type === 'ObjectExpression') return isZodShape(code, node) ? node : undefined;
  while (node.type === 'CallExpression') {
    const callee = unwrap(node.callee);
    if (callee.type !== 'MemberExpression') return undefined;
    const object = unwrap(callee.object);
    if (object.type === 'Identifier' && calleeName(node) === 'object' && object.name === zodName(code)) {
      const shape = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
      return node.arguments.length === 1 && shape?.type === 'ObjectExpression' && isZodShape(code, shape) ? shape : undefined;
    }
    node = object;
  }
  return undefined;
}

/** A literal of named properties only (no spreads), whose values use zod: a raw shape. */
function isZodShape(code: Code, object: TSESTree.ObjectExpression): boolean {
  const z = zodName(code);
  return object.properties.every((p) => p.type === 'Property' && !p.computed && propertyKeyName(p) !== undefined && rootName(p.value) === z);
}

function rootName(node: Node): string | undefined {
  let current = unwrap(node);
  while (current.type === 'CallExpression' || current.type === 'MemberExpression') current = unwrap(current.type === 'CallExpression' ? current.callee : current.object);
  return current.type === 'Identifier' ? current.name : undefined;
}

/** The local name of zod (`import { z } from 'zod'`, `import * as z from 'zod/v4'`). */
function zodName(code: Code): string | undefined {
  for (const statement of code.ast.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type' || !/^zod(\/|$)/.test(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportNamespaceSpecifier' || specifier.type === 'ImportDefaultSpecifier') return specifier.local.name;
      if (specifier.imported.type === 'Identifier' && specifier.imported.name === 'z' && specifier.importKind !== 'type') return specifier.local.name;
    }
  }
  return undefined;
}

/** Every identifier the key reads is declared inside the handler (its context parameter or a local from it). */
function keyBelongsTo(code: Code, key: Node, fn: Node): boolean {
  let belongs = true;
  walk(key, code.visitorKeys, (node) => {
    if (node.type !== 'Identifier' || !isRead(node)) return;
    const variable = ASTUtils.findVariable(code.getScope(node), node);
    const declared = variable?.defs[0]?.name as Node | undefined;
    if (!declared || !within(declared, fn)) belongs = false;
  });
  return belongs;
}

/** An identifier that is a value, not a property name or a type. */
function isRead(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) return false;
  if (parent?.type === 'Property' && parent.key === node && !parent.computed && !parent.shorthand) return false;
  return !parent?.type.startsWith('TS') || parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression';
}

function within(node: Node, root: Node): boolean {
  return node.range[0] >= root.range[0] && node.range[1] <= root.range[1];
}

// ---- The edits ---------------------------------------------------------------------------------

interface HandlerPlan {
  handler: ToolHandler;
  /** Handle names the tool takes as arguments, with the description of each. */
  takes: { name: string; description: string }[];
  /** Handle names the tool mints. */
  mints: string[];
  keys: { key: Node; name: string }[];
}

function planEdits(code: Code, stores: Store[], v2: boolean, quote: string): { edits: TextEdit[]; markers: { offset: number; text: string }[] } {
  const edits: TextEdit[] = [];
  const markers: { offset: number; text: string }[] = [];
  const plans = new Map<Node, HandlerPlan>();
  const planOf = (handler: ToolHandler) => {
    let plan = plans.get(handler.fn);
    if (!plan) plans.set(handler.fn, (plan = { handler, takes: [], mints: [], keys: [] }));
    return plan;
  };
  const z = zodName(code);
  const crypto = randomUUIDSource(code, quote);
  const taken = new Set<string>();

  for (const group of storeGroups(stores)) {
    const accesses = group.flatMap((store) => store.accesses);
    const handlers = [...new Set(accesses.map((a) => a.handler.fn))].map((fn) => accesses.find((a) => a.handler.fn === fn)!.handler);
    // The tool that creates the state: it writes the stores and reads nothing from them.
    const creators = handlers.filter((h) => accesses.every((a) => a.handler !== h || a.write) && h.fn.body.type === 'BlockStatement');
    const mint = creators.length === 1 && crypto ? creators[0] : undefined;
    const takers = handlers.filter((h) => h !== mint);
    if (takers.length > 0 && !z) continue; // no zod to write the argument with: the findings get markers
    const named = handleName(code, group, handlers, taken);
    if (!named) continue;
    const { name, singular } = named;
    taken.add(name);
    const description = mint?.toolName ? `The ${singular ?? 'state'} handle returned by ${mint.toolName}` : `The ${singular ?? 'state'} handle`;
    for (const handler of handlers) {
      const plan = planOf(handler);
      if (handler === mint) plan.mints.push(name);
      else plan.takes.push({ name, description });
    }
    for (const access of accesses) planOf(access.handler).keys.push({ key: access.key, name });

    for (const store of group) {
      const shared = `\`${store.name}\` lives in this process's memory: when more than one server instance serves requests, move it to a shared store (Redis, a database) keyed by ${name}, give entries a lifetime, and answer an unknown or expired ${name} with isError: true`;
      const noMint = `No tool creates ${name} yet: add one that stores a new entry under randomUUID() and returns the id in its result`;
      if (store.kind === 'memory') markers.push({ offset: store.declaration.range[0], text: mint ? shared : `${shared}. ${noMint}` });
      else if (!mint) markers.push({ offset: store.declaration.range[0], text: `\`${store.name}\` is now keyed by ${name}. ${noMint}` });
    }
  }

  let needsImport = false;
  for (const plan of plans.values()) {
    const result = handlerEdits(code, plan, v2, quote, z ?? 'z', crypto?.call ?? 'randomUUID()');
    edits.push(...result.edits);
    markers.push(...result.markers);
    if (plan.mints.length > 0) needsImport = true;
  }
  if (needsImport && crypto?.edit) edits.push(crypto.edit);
  return { edits, markers };
}

/** How to call randomUUID here, and the import edit that makes it available. */
function randomUUIDSource(code: Code, quote: string): { call: string; edit?: TextEdit } | undefined {
  const imports = code.ast.body.filter((s): s is TSESTree.ImportDeclaration => s.type === 'ImportDeclaration');
  if (imports.length === 0) return undefined;
  for (const statement of imports) {
    if (!/^(node:)?crypto$/.test(statement.source.value) || statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== 'ImportSpecifier') return { call: `${specifier.local.name}.randomUUID()` };
      if (specifier.imported.type === 'Identifier' && specifier.imported.name === 'randomUUID') return { call: `${specifier.local.name}()` };
    }
  }
  if (ASTUtils.findVariable(code.scopeManager!.globalScope!.childScopes[0] ?? code.scopeManager!.globalScope!, 'randomUUID')) return undefined;
  const named = imports.find((s) => /^(node:)?crypto$/.test(s.source.value) && s.importKind !== 'type' && s.specifiers.every((x) => x.type === 'ImportSpecifier'));
  const last = named?.specifiers.at(-1);
  if (named && last) return { call: 'randomUUID()', edit: { range: [last.range[1], last.range[1]], text: ', randomUUID' } };
  const first = imports[0]!;
  const newline = lineBreakOf(code.text);
  return { call: 'randomUUID()', edit: { range: [first.range[0], first.range[0]], text: `import { randomUUID } from ${quote}node:crypto${quote};${newline}` } };
}

/**
 * `carts` → `cartId`, `sessionPrefs` → `prefId`, from the first store of the group that names
 * something; `handle` when none does (`sessions`, `state`) or the name is taken.
 */
function handleName(code: Code, group: Store[], handlers: ToolHandler[], taken: Set<string>): { name: string; singular: string | undefined } | undefined {
  const snake = handlers.some((h) => h.schema.kind === 'object' && h.schema.object.properties.some((p) => p.type === 'Property' && /_/.test(propertyKeyName(p) ?? '')));
  const styled = (words: string) => (snake ? words.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : words);
  const singulars = group.map((store) => singularOf(store.name)).filter((s): s is string => s !== undefined);
  const candidates = [...singulars.flatMap((s) => [{ name: `${s}Id`, singular: s }]), ...singulars.map((s) => ({ name: `${s}Handle`, singular: s }))];
  for (const fallback of ['handle', 'stateHandle']) candidates.push({ name: fallback, singular: singulars[0] ?? undefined! });
  const found = candidates.map((c) => ({ ...c, name: styled(c.name) })).find((c) => !taken.has(c.name) && handlers.every((h) => isFreeIn(code, h, c.name)));
  return found;
}

/**
 * Stores keyed by the session id in the same tool were one session's state: they share one
 * handle, so the groups are the stores connected through the tools that use them.
 */
function storeGroups(stores: Store[]): Store[][] {
  const groups: Store[][] = [];
  for (const store of stores) {
    const fns = new Set(store.accesses.map((a) => a.handler.fn));
    const joined = groups.filter((g) => g.some((other) => other.accesses.some((a) => fns.has(a.handler.fn))));
    const merged = [...joined.flat(), store];
    for (const g of joined) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  return groups.map((g) => [...g].sort((a, b) => a.declaration.range[0] - b.declaration.range[0]));
}

function singularOf(name: string): string | undefined {
  let words = name.replace(/^(per)?sessions?(?=[A-Z_]|$)|(By|Per|For|_by|_per|_for)?_?Sessions?(Id)?$|(Store|Map|Cache|Registry)$/gi, '');
  words = words.replace(/^_+|_+$/g, '');
  if (!words || /^(sessions?|state|data|store|map|cache|redis|keyv|kv|db|database|client|storage)$/i.test(words)) return undefined;
  words = words[0]!.toLowerCase() + words.slice(1);
  if (/ies$/.test(words)) return `${words.slice(0, -3)}y`;
  if (/(ss|x)es$/.test(words)) return words.slice(0, -2);
  if (/[^su]s$/.test(words)) return words.slice(0, -1);
  return words;
}

/** Not a property of the tool's schema, and not a name its callback or the scopes around it already use. */
function isFreeIn(code: Code, handler: ToolHandler, name: string): boolean {
  if (handler.schema.kind === 'object' && handler.schema.object.properties.some((p) => p.type === 'Property' && propertyKeyName(p) === name)) return false;
  if (new RegExp(`\\b${name}\\b`).test(code.getText(handler.fn))) return false;
  return !ASTUtils.findVariable(code.getScope(handler.fn), name);
}

function handlerEdits(code: Code, plan: HandlerPlan, v2: boolean, quote: string, z: string, uuid: string): { edits: TextEdit[]; markers: { offset: number; text: string }[] } {
  const { handler } = plan;
  const edits: TextEdit[] = [];
  const markers: { offset: number; text: string }[] = [];
  const str = (text: string) => `${quote}${text.replace(/\\/g, '\\\\').replaceAll(quote, `\\${quote}`)}${quote}`;
  const fields = plan.takes.map((t) => `${t.name}: ${z}.string().describe(${str(t.description)})`);

  // What the keys become.
  const argsName = handler.argsParam?.type === 'Identifier' ? handler.argsParam.name : undefined;
  const keyText = (name: string) => (plan.mints.includes(name) ? name : argsName ? `${argsName}.${name}` : name);
  const dead: [number, number][] = [];
  for (const { key, name } of plan.keys) {
    edits.push({ range: key.range, text: keyText(name) });
    dead.push(key.range);
  }

  // Session-id locals that only fed the keys go; the first one makes room for the minted handle.
  const removedDeclarations = deadSessionLocals(code, handler.fn, dead);
  const mintStatements = plan.mints.map((name) => `const ${name} = ${uuid};`);
  const body = handler.fn.body;
  if (mintStatements.length > 0 && body.type === 'BlockStatement') {
    const first = body.body[0];
    const replaced = removedDeclarations.find((d) => first && d === first) ?? removedDeclarations[0];
    if (replaced) {
      edits.push({ range: replaced.range, text: mintStatements.join(`${lineBreakOf(code.text)}${indentOf(code, replaced)}`) });
    } else if (first) {
      edits.push({ range: [first.range[0], first.range[0]], text: mintStatements.map((s) => `${s}${lineBreakOf(code.text)}${indentOf(code, first)}`).join('') });
    }
  }
  for (const declaration of removedDeclarations) {
    dead.push(declaration.range);
    if (mintStatements.length > 0 && edits.some((e) => e.range[0] === declaration.range[0] && e.range[1] === declaration.range[1])) continue;
    edits.push({ range: wholeLines(code.text, declaration.range), text: '' });
  }

  // The result of a minting tool returns the handle.
  if (plan.mints.length > 0) {
    const returned = `{ ${plan.mints.join(', ')} }`;
    const text = `Return ${plan.mints.join(' and ')} to the caller in this result (for example \`structuredContent: ${returned}\` and the same JSON as text), so later calls can pass it back`;
    const results = ownReturns(code, handler.fn);
    if (results.length === 0) markers.push({ offset: body.range[0] + 1, text });
    for (const result of results) {
      const object = result.argument ? unwrap(result.argument) : undefined;
      if (object?.type === 'ObjectExpression' && isErrorResult(object)) continue;
      const content = object?.type === 'ObjectExpression' && !handler.hasOutputSchema ? plainContent(object) : undefined;
      if (!content || !object || object.type !== 'ObjectExpression') {
        markers.push({ offset: result.range[0], text });
        continue;
      }
      edits.push(appendListItem(code, content.value as TSESTree.ArrayExpression, `{ type: ${str('text')}, text: JSON.stringify(${returned}) }`));
      edits.push(insertAfterProperty(code, object, content, `structuredContent: ${returned}`));
    }
  }

  // The schema and the parameters.
  let addsArgs = false;
  if (fields.length > 0) {
    const schema = handler.schema;
    if (schema.kind === 'object') {
      edits.push(prependProperties(code, schema.object, fields));
    } else if (schema.kind === 'addToConfig') {
      const shape = `{ ${fields.join(', ')} }`;
      edits.push(appendProperty(code, schema.config, `inputSchema: ${v2 ? `${z}.object(${shape})` : shape}`));
      addsArgs = true;
    } else {
      edits.push({ range: [schema.before.range[0], schema.before.range[0]], text: `{ ${fields.join(', ')} }, ` });
      addsArgs = true;
    }
  }
  edits.push(...paramsEdit(code, handler, plan, dead, addsArgs));
  return { edits, markers };
}

/** `const sid = extra.sessionId!` declared in the handler, used nowhere but in the replaced keys. */
function deadSessionLocals(code: Code, fn: Node, dead: [number, number][]): TSESTree.VariableDeclaration[] {
  const found: TSESTree.VariableDeclaration[] = [];
  walkOwnBody(fn, code.visitorKeys, (node) => {
    if (node.type !== 'VariableDeclaration' || node.declarations.length !== 1) return;
    const declarator = node.declarations[0]!;
    if (declarator.id.type !== 'Identifier' || !declarator.init || !isContextSessionId(code, declarator.init)) return;
    if (node.parent?.type !== 'BlockStatement') return;
    const variable = code.getDeclaredVariables(declarator)[0];
    if (variable && variable.references.every((r) => r.init || dead.some((range) => within(r.identifier as Node, { range } as Node)))) found.push(node);
  });
  return found;
}

function isContextSessionId(code: Code, node: Node): boolean {
  let value = unwrap(node);
  if (value.type === 'LogicalExpression' && value.operator === '??') value = unwrap(value.left);
  const path = handlerContextPath(value, code);
  return path?.length === 1 && path[0] === 'sessionId';
}

/** The callback's parameters: the tool's arguments added or extended; a context parameter left unused goes. */
function paramsEdit(code: Code, handler: ToolHandler, plan: HandlerPlan, dead: [number, number][], addsArgs: boolean): TextEdit[] {
  const { fn, ctxParam, argsParam } = handler;
  const names = plan.takes.map((t) => t.name);
  const isDead = (node: Node) => dead.some((range) => within(node, { range } as Node));
  const declared = code.getDeclaredVariables(fn);
  const unused = (param: Node) => declared.filter((v) => v.defs.some((d) => within(d.name as Node, param))).every((v) => v.references.every((r) => isDead(r.identifier as Node)));
  const annotation = (param: TSESTree.ObjectPattern) => (param.typeAnnotation ? code.getText(param.typeAnnotation) : '');

  // The context: dropped when nothing reads it any more and it is the last parameter; `{ sessionId }` loses that property.
  let ctxText: string | undefined = ctxParam ? code.getText(ctxParam) : undefined;
  let changed = false;
  if (ctxParam && fn.params.at(-1) === ctxParam) {
    if (unused(ctxParam)) {
      ctxText = undefined;
      changed = true;
    } else if (ctxParam.type === 'ObjectPattern') {
      const gone = ctxParam.properties.filter((p) => p.type === 'Property' && propertyKeyName(p) === 'sessionId' && unused(p.value));
      if (gone.length > 0) {
        const kept = ctxParam.properties.filter((p) => !gone.includes(p)).map((p) => code.getText(p));
        ctxText = `{ ${kept.join(', ')} }${annotation(ctxParam)}`;
        changed = true;
      }
    }
  }

  // The tool's arguments: a new `{ cartId }`, or the handle added to the destructuring pattern.
  let argsText: string | undefined = argsParam ? code.getText(argsParam) : undefined;
  let argsEdit: TextEdit | undefined;
  let newArgs: string | undefined;
  if (names.length > 0 && (addsArgs || !argsParam)) {
    newArgs = `{ ${names.join(', ')} }`;
    changed = true;
  } else if (names.length > 0 && argsParam?.type === 'ObjectPattern') {
    const first = argsParam.properties[0];
    argsEdit = first ? { range: [first.range[0], first.range[0]], text: `${names.join(', ')}, ` } : { range: argsParam.range, text: `{ ${names.join(', ')} }${annotation(argsParam)}` };
    argsText = applyTextEdits(code.text.slice(0, argsParam.range[1]), [argsEdit]).output.slice(argsParam.range[0]);
  }
  if (!changed) return argsEdit ? [argsEdit] : [];

  const texts: string[] = newArgs ? [newArgs] : [];
  for (const param of fn.params) {
    if (param === ctxParam) {
      if (ctxText !== undefined) texts.push(ctxText);
    } else {
      texts.push(param === argsParam && argsText !== undefined ? argsText : code.getText(param));
    }
  }
  const list = texts.join(', ');
  if (fn.params.length === 0) {
    const open = code.getFirstToken(fn as never, { filter: (t) => t.value === '(' });
    return open && open.range[0] < fn.body.range[0] ? [{ range: [open.range[1], open.range[1]], text: list }] : [];
  }
  const parenthesised = code.getTokenBefore(fn.params[0] as never)?.value === '(';
  return [{ range: [fn.params[0]!.range[0], fn.params.at(-1)!.range[1]], text: parenthesised ? list : `(${list})` }];
}

/** The function's own `return` statements. */
function ownReturns(code: Code, fn: TSESTree.FunctionLike): TSESTree.ReturnStatement[] {
  const found: TSESTree.ReturnStatement[] = [];
  if (fn.body?.type === 'BlockStatement') walkOwnBody(fn.body, code.visitorKeys, (node) => node.type === 'ReturnStatement' && found.push(node));
  return found;
}

function isErrorResult(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((p) => p.type === 'Property' && propertyKeyName(p) === 'isError' && p.value.type === 'Literal' && p.value.value === true);
}

/** `content: [ … ]` of a result literal without `structuredContent` or spreads. */
function plainContent(object: TSESTree.ObjectExpression): TSESTree.Property | undefined {
  if (object.properties.some((p) => p.type !== 'Property' || p.computed || propertyKeyName(p) === 'structuredContent')) return undefined;
  const content = object.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyKeyName(p) === 'content');
  return content?.value.type === 'ArrayExpression' && content.value.elements.every((e) => e && e.type !== 'SpreadElement') ? content : undefined;
}

// ---- Text helpers ------------------------------------------------------------------------------


function indentOf(code: Code, node: Node): string {
  return indentAt(code.text, node.range[0]);
}

/** Whether a list's items sit on lines of their own (the first one on another line than the opening bracket). */
function isMultiline(code: Code, container: Node, first: Node): boolean {
  return code.getFirstToken(container as never)!.loc.end.line !== first.loc.start.line;
}

/** Adds properties at the start of an object literal, in its own layout. */
function prependProperties(code: Code, object: TSESTree.ObjectExpression, texts: string[]): TextEdit {
  const first = object.properties[0];
  if (!first) return { range: [object.range[0] + 1, object.range[1] - 1], text: ` ${texts.join(', ')} ` };
  if (isMultiline(code, object, first)) {
    const indent = indentOf(code, first);
    return { range: [first.range[0], first.range[0]], text: texts.map((t) => `${t},${lineBreakOf(code.text)}${indent}`).join('') };
  }
  return { range: [first.range[0], first.range[0]], text: `${texts.join(', ')}, ` };
}

function appendProperty(code: Code, object: TSESTree.ObjectExpression, text: string): TextEdit {
  const last = object.properties.at(-1);
  if (!last) return { range: [object.range[0] + 1, object.range[1] - 1], text: ` ${text} ` };
  return insertAfterProperty(code, object, last, text);
}

/** Inserts an item right after `after` in a comma-separated list, in the list's layout. */
function insertAfterProperty(code: Code, container: Node, after: Node, text: string): TextEdit {
  const items = container.type === 'ObjectExpression' ? container.properties : container.type === 'ArrayExpression' ? container.elements : [];
  const first = items[0] as Node;
  const comma = code.getTokenAfter(after as never);
  const hasComma = comma?.value === ',';
  if (isMultiline(code, container, first)) {
    const indent = indentOf(code, after);
    if (hasComma) return { range: [comma.range[1], comma.range[1]], text: `${lineBreakOf(code.text)}${indent}${text},` };
    return { range: [after.range[1], after.range[1]], text: `,${lineBreakOf(code.text)}${indent}${text}` };
  }
  return { range: [after.range[1], after.range[1]], text: `, ${text}` };
}

function appendListItem(code: Code, array: TSESTree.ArrayExpression, text: string): TextEdit {
  const last = array.elements.at(-1);
  if (!last) return { range: [array.range[0] + 1, array.range[1] - 1], text };
  return insertAfterProperty(code, array, last, text);
}

// ---- Markers for what is left --------------------------------------------------------------

function leftoverText(code: Code, sourceCode: SourceCode, message: Linter.LintMessage, v2: boolean): string {
  if (message.messageId === 'sessionIdForCorrelation') return v2 ? markerText.correlationV2 : markerText.correlationV1;
  const node = nodeAt(code, messageRange(sourceCode, message));
  if (!node) return message.message;
  if (node.type === 'NewExpression') return markerText.perSessionStore;
  if (node.type === 'Property' && !node.computed) return markerText.recordFilter;
  const key = keyOf(node);
  if (!key || sessionIdIn(unwrap(key), code) || node.type === 'TemplateLiteral' || node.type === 'BinaryExpression') {
    return key && !sessionIdIn(unwrap(key), code) ? markerText.otherKey : markerText.builtKey;
  }
  // The key traced to a parameter of a helper that callers hand the session id.
  const handler = toolHandlerAround(code, node);
  if (!handler || !keyBelongsTo(code, key, handler.fn)) return markerText.helperKey;
  return markerText.otherKey;
}
