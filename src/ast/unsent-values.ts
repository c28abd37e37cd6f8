import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { sdkClientRequestMethods } from '../mcp/client-commands.js';
import { mcpMethodNames } from '../mcp/methods.js';
import { enclosingFunction } from './handlers.js';
import { calledLocalFunction, calleeName, functionBindingName, meaningfulParent, objectKeyNames, propertyKeyName, stringLiteralValue, unwrap, walk } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/*
 * Protocol-shaped values that never reach a peer (design.md principle 3): copies of messages
 * kept in a traffic log, samples handed to a schema in a test, fixtures a UI renders, and the
 * method switch of a client that issues one request per command. Rules that say a value is
 * sent, declared or handled ask here first.
 */

/**
 * Keys under which a fixture object may still travel as a whole (an envelope, options, a
 * payload), so the object that holds it decides. Any other plain key (`initializeResult`,
 * `clientCapabilities`) names a field of UI state or component props: the end of the road.
 */
const envelopeKeys: ReadonlySet<string> = new Set([
  'capabilities',
  'result',
  'params',
  '_meta',
  'payload',
  'data',
  'message',
  'body',
  'request',
  'response',
  'options',
  'init',
  'config',
  'settings',
  'value',
]);
const plainKey = /^[A-Za-z_$][\w$]*$/;
/** How deep to follow a value through constants, containers, returns and callers. */
const maxFlowDepth = 8;

/** Schema checks whose argument is a sample the test validates, not a message it sends. */
const schemaCheckMethods: ReadonlySet<string> = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync']);

/**
 * Whether an object literal is a copy of a message kept in a traffic record: the value of a
 * property (`message`, `detail`, …) of an object that says which way the message went
 * (`{ id, timestamp, direction: 'notification', message: { … } }`), also when the record's
 * other fields come from a spread constant (`{ ...baseEntry, message: { … } }`). A history view,
 * a log tail or a test of one shows such a message; it does not send it.
 */
export function isTrafficRecordValue(object: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  const { parent, child } = meaningfulParent(object);
  if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return recordKeyNames(parent.parent, sourceCode).has('direction');
}

/**
 * The keys of a record literal together with those of the local constant objects it spreads
 * (`{ ...baseEntry, message: { … } }`): what a traffic record says about its message.
 */
export function recordKeyNames(record: TSESTree.ObjectExpression, sourceCode: SourceCode): Set<string> {
  const keys = objectKeyNames(record);
  for (const element of record.properties) {
    if (element.type !== AST_NODE_TYPES.SpreadElement) continue;
    const init = constantObject(element.argument, sourceCode);
    if (init) for (const key of objectKeyNames(init)) keys.add(key);
  }
  return keys;
}

/** `Schema.safeParse({ jsonrpc: '2.0', method: … })`: a sample a test validates, not a message sent. */
export function isSchemaCheckInput(object: TSESTree.ObjectExpression): boolean {
  const { parent, child } = meaningfulParent(object);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== child) return false;
  const callee = unwrap(parent.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !schemaCheckMethods.has(calleeName(parent) ?? '')) return false;
  const receiver = unwrap(callee.object);
  return !(receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'JSON');
}

/**
 * Whether a value only ever ends up as data a UI renders: a fixture such as
 * `const caps: ClientCapabilities = { … }` or `const init: InitializeResult = { … }` whose every
 * use, through constants, enclosing objects, spreads, field reads (`...init.capabilities`), the
 * parameters of local builder functions (`initWith(caps)`) and their callers, is a component
 * prop or story arg (`initializeResult: init`, `<Panel caps={caps} />`). A value that is passed
 * to any other call, returned to an unknown caller, exported, assigned or put under a protocol
 * key of something sent is not display-only.
 *
 * `path` names the part of the value the caller cares about (`['elicitationId']` of an
 * elicitation's params): a read of another field (`request.url` in a test's assertion) does not
 * carry that part anywhere.
 */
export function isDisplayOnlyValue(node: TSESTree.Node, sourceCode: SourceCode, path: readonly string[] = []): boolean {
  return displayOnly(node, sourceCode, 0, path);
}

function displayOnly(node: TSESTree.Node, sourceCode: SourceCode, depth: number, path: readonly string[]): boolean {
  if (depth > maxFlowDepth) return false;
  const { parent, child } = meaningfulParent(node);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
      if (parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
      const reads = readsOf(parent.id, sourceCode);
      return reads.length > 0 && reads.every((read) => displayOnly(read, sourceCode, depth + 1, path));
    }
    case AST_NODE_TYPES.Property: {
      if (parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
      const key = parent.computed ? undefined : propertyKeyName(parent);
      if (key !== undefined && plainKey.test(key) && !envelopeKeys.has(key) && !mcpMethodNames.has(key)) return true;
      return displayOnly(parent.parent, sourceCode, depth + 1, key === undefined ? [] : [key, ...path]);
    }
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === child && fieldReadOnlyDisplays(parent, sourceCode, depth, path);
    case AST_NODE_TYPES.SpreadElement:
      return parent.parent.type === AST_NODE_TYPES.ObjectExpression && displayOnly(parent.parent, sourceCode, depth + 1, path);
    case AST_NODE_TYPES.JSXExpressionContainer:
      return parent.parent.type === AST_NODE_TYPES.JSXAttribute;
    case AST_NODE_TYPES.JSXSpreadAttribute:
      return true;
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== child && displayOnly(parent, sourceCode, depth + 1, path);
    case AST_NODE_TYPES.LogicalExpression:
      return displayOnly(parent, sourceCode, depth + 1, path);
    case AST_NODE_TYPES.ReturnStatement: {
      const fn = enclosingFunction(parent);
      return fn !== undefined && callersOnlyDisplay(fn, sourceCode, depth, path);
    }
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === child && callersOnlyDisplay(parent, sourceCode, depth, path);
    case AST_NODE_TYPES.CallExpression:
      return parent.callee !== child && parameterOnlyDisplays(parent, child, sourceCode, depth, path);
    default:
      return false;
  }
}

/**
 * `value.field`: a read of another field than the one the path leads to carries nothing on
 * (`expect(screen.getByText(request.url))`); a read of that field (or of any field, with no
 * path) carries it on, and is followed. Calling a method on the value or writing to it is not a
 * read.
 */
function fieldReadOnlyDisplays(member: TSESTree.MemberExpression, sourceCode: SourceCode, depth: number, path: readonly string[]): boolean {
  const { parent, child } = meaningfulParent(member);
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === child) return false;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === child) return false;
  const field = member.computed ? stringLiteralValue(unwrap(member.property)) : member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  if (path.length === 0 || field === undefined) return displayOnly(member, sourceCode, depth + 1, []);
  return field !== path[0] || displayOnly(member, sourceCode, depth + 1, path.slice(1));
}

/** An argument of a local builder (`initWith(caps)`): every read of its parameter is display-only. */
function parameterOnlyDisplays(call: TSESTree.CallExpression, argument: TSESTree.Node, sourceCode: SourceCode, depth: number, path: readonly string[]): boolean {
  const fn = calledLocalFunction(call.callee, sourceCode);
  const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
  const parameter = fn && index >= 0 ? fn.params[index] : undefined;
  const name = parameter?.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
  if (name?.type !== AST_NODE_TYPES.Identifier) return false;
  const reads = readsOf(name, sourceCode);
  return reads.length > 0 && reads.every((read) => displayOnly(read, sourceCode, depth + 1, path));
}

/** Every call of a builder function (`initWith(caps)`) is itself display-only. */
function callersOnlyDisplay(fn: TSESTree.FunctionLike, sourceCode: SourceCode, depth: number, path: readonly string[]): boolean {
  const name = functionBindingName(fn);
  if (!name) return false;
  const reads = readsOf(name, sourceCode);
  return (
    reads.length > 0 &&
    reads.every((read) => {
      const { parent, child } = meaningfulParent(read);
      return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === child && displayOnly(parent, sourceCode, depth + 1, path);
    })
  );
}

/** The value reads of a variable (not its declaration, writes or `typeof` in types): where the value goes next. */
export function readsOf(identifier: TSESTree.Identifier, sourceCode: SourceCode): TSESTree.Node[] {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return (variable?.references ?? [])
    .filter((reference) => reference.isRead() && reference.identifier !== identifier && !reference.isTypeReference)
    .map((reference) => reference.identifier as TSESTree.Node);
}

/**
 * Whether a value is only ever returned by a function nobody calls: a builder kept "for future
 * use" (`function createLogMessage(level, data) { return { jsonrpc: '2.0', method: … } }`) that is
 * neither called, passed on nor exported. Nothing it builds reaches a peer.
 */
export function isReturnedByUnusedFunction(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const { parent, child } = meaningfulParent(node);
  let fn: TSESTree.FunctionLike | undefined;
  if (parent?.type === AST_NODE_TYPES.ReturnStatement) fn = enclosingFunction(parent);
  else if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === child) fn = parent;
  const name = fn && functionBindingName(fn);
  if (!fn || !name || isExportedFunction(fn)) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(name), name);
  return variable !== null && variable.references.every((reference) => reference.identifier === name || reference.init === true);
}

/** `export function f`, `export const f = () => …`, `export default function`: callers outside the file may use what it returns. */
export function isExportedFunction(fn: TSESTree.FunctionLike): boolean {
  const holder = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.parent : fn.parent?.parent?.parent;
  return holder?.type === AST_NODE_TYPES.ExportNamedDeclaration || holder?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
}

/**
 * Whether `node` sits in a client's command router: a function that issues one request per MCP
 * method through the SDK client API (`case 'tools/call': await client.callTool(…)`,
 * `if (args.method === 'logging/setLevel') await client.setLoggingLevel(level)`), in a file that
 * writes no JSON-RPC result. A CLI's `--method` switch or a UI replaying a logged request spells
 * method names; it neither handles nor serves them.
 */
export function isClientCommandRouting(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (!routesByCondition(node)) return false;
  const fn = enclosingFunction(node);
  if (!fn?.body || writesJsonRpcResult(sourceCode)) return false;
  const issued = new Set<string>();
  walk(fn.body, sourceCode.visitorKeys, (inner) => {
    if (inner.type !== AST_NODE_TYPES.CallExpression || unwrap(inner.callee).type !== AST_NODE_TYPES.MemberExpression) return;
    const name = calleeName(inner);
    if (name && sdkClientRequestMethods.has(name)) issued.add(name);
  });
  return issued.size >= 2;
}

/**
 * A `switch` or `if` on the method name, or one of its `case` tests or comparisons: how a
 * command router picks the call to make. A registration (`server.setRequestHandler('logging/setLevel', fn)`,
 * `rpc.addMethod('tools/list', fn)`) or a handler table serves the method, even when its
 * handlers forward to an upstream client, as a proxy's do.
 */
function routesByCondition(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.SwitchStatement || node.type === AST_NODE_TYPES.IfStatement) return true;
  const { parent, child } = meaningfulParent(node);
  return (parent?.type === AST_NODE_TYPES.SwitchCase && parent.test === child) || parent?.type === AST_NODE_TYPES.BinaryExpression;
}

const resultWriters = new WeakMap<object, boolean>();

/** The file builds a JSON-RPC success response (`{ jsonrpc: '2.0', id, result }`): it answers requests. */
function writesJsonRpcResult(sourceCode: SourceCode): boolean {
  const cached = resultWriters.get(sourceCode.ast);
  if (cached !== undefined) return cached;
  let found = false;
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.ObjectExpression) return;
    const keys = objectKeyNames(node);
    found = keys.has('result') && (keys.has('jsonrpc') || keys.has('id'));
  });
  resultWriters.set(sourceCode.ast, found);
  return found;
}

/** The object literal a `const` identifier is initialised with. */
function constantObject(expression: TSESTree.Node, sourceCode: SourceCode): TSESTree.ObjectExpression | undefined {
  const inner = unwrap(expression);
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
  if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return undefined;
  const init = unwrap(def.node.init);
  return init.type === AST_NODE_TYPES.ObjectExpression ? init : undefined;
}
