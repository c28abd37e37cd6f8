import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { errorCodeExports } from '../mcp/server-wire.js';
import { constantOrigin, staticValue } from './constants.js';
import { mcpExportOf } from './imports.js';
import { calleeName, isFunction, isJsonStringify, meaningfulParent, propertyKeyName, unwrap, walk } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A JSON-RPC error sent as an HTTP response whose status this file decides. */
export interface HttpErrorResponse {
  /** The `error` object of the body. */
  error: TSESTree.ObjectExpression;
  code: number;
  /** The status written next to it, or undefined when the response keeps the default 200. */
  status: { value: number; node: TSESTree.Node } | undefined;
  /** What sends the response (`res.json`, `Response.json`, `Response`), for reporting a default status. */
  sender: TSESTree.Node;
}

/** Methods of Node, Express and Fastify responses that send a body. */
const bodySenders: ReadonlySet<string> = new Set(['json', 'send', 'end']);
/** Calls that set the status of the response they are called on (Express, Fastify, Node). */
const statusSetters: ReadonlySet<string> = new Set(['status', 'code', 'writeHead']);
/** Calls that return the response again without touching its status, inside a chain. */
const chainable: ReadonlySet<string> = new Set(['set', 'header', 'headers', 'type', 'setHeader', 'append', 'vary', 'contentType']);
/** Routing calls whose callback's second parameter is the response (`app.post(path, (req, res) => …)`). */
const routeRegistrations: ReadonlySet<string> = new Set(['post', 'all', 'use', 'get', 'put', 'patch', 'delete', 'createServer', 'on', 'route']);
/** Types of a parameter that hold an HTTP response. */
const responseTypeNames: ReadonlySet<string> = new Set(['Response', 'ServerResponse', 'FastifyReply', 'OutgoingMessage']);

/**
 * The JSON-RPC error response a call or `new` sends, with its status, when both the error code
 * and the status (or its default) are visible there: `res.status(200).json({ error: { code } })`,
 * `res.writeHead(200, …)` then `res.end(JSON.stringify(body))`, `res.json(body)` on a route's
 * response, `new Response(JSON.stringify(body), { status })`, `Response.json(body, init)` and
 * Hono's `c.json(body, status)`.
 */
export function httpErrorResponseOf(node: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: SourceCode): HttpErrorResponse | undefined {
  if (node.type === AST_NODE_TYPES.NewExpression) return webResponse(node, node.callee, sourceCode);
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (callee.property.name === 'json' && isGlobal(callee.object, 'Response', sourceCode)) return webResponse(node, callee, sourceCode);
  if (!bodySenders.has(callee.property.name) || !node.arguments[0]) return undefined;
  const body = errorBodyOf(node.arguments[0], sourceCode);
  if (!body) return undefined;
  // Hono: `c.json(body, 404)`.
  const second = node.arguments[1];
  if (callee.property.name === 'json' && second) {
    const value = staticValue(second, sourceCode.getScope(second))?.value;
    return typeof value === 'number' ? { ...body, status: { value, node: second }, sender: callee } : undefined;
  }
  const status = statusOfChain(callee.object, node, sourceCode);
  if (status === 'unknown') return undefined;
  return { ...body, status, sender: callee };
}

function webResponse(node: TSESTree.CallExpression | TSESTree.NewExpression, sender: TSESTree.Node, sourceCode: SourceCode): HttpErrorResponse | undefined {
  if (node.type === AST_NODE_TYPES.NewExpression && !isGlobal(node.callee, 'Response', sourceCode)) return undefined;
  const [first, init] = node.arguments;
  if (!first) return undefined;
  const body = errorBodyOf(first, sourceCode);
  if (!body) return undefined;
  if (!init) return { ...body, status: undefined, sender };
  const options = objectOf(init, sourceCode);
  if (!options) return undefined;
  const statusProperty = options.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'status');
  if (options.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  if (!statusProperty) return { ...body, status: undefined, sender };
  const value = staticValue(statusProperty.value, sourceCode.getScope(statusProperty.value))?.value;
  return typeof value === 'number' ? { ...body, status: { value, node: statusProperty.value }, sender } : undefined;
}

/** `Response` (or another global) not shadowed by an import or a local binding. */
function isGlobal(node: TSESTree.Node, name: string, sourceCode: SourceCode): boolean {
  const inner = unwrap(node);
  if (inner.type !== AST_NODE_TYPES.Identifier || inner.name !== name) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(inner), inner);
  return !variable || variable.defs.length === 0;
}

/**
 * The status set on the receiver of a body-sending call: in the same chain
 * (`res.status(200).json(…)`), by a statement that runs before it on every path
 * (`res.writeHead(200, …); res.end(…)`, `res.statusCode = 200`), or the default 200 when the
 * receiver is a route handler's response and nothing before the call sets its status.
 * `unknown` when the status is set somewhere this cannot pin down.
 */
function statusOfChain(receiver: TSESTree.Node, call: TSESTree.CallExpression, sourceCode: SourceCode): Status | 'unknown' {
  let current = unwrap(receiver);
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const name = calleeName(current);
    const callee = unwrap(current.callee);
    if (!name || callee.type !== AST_NODE_TYPES.MemberExpression) return 'unknown';
    if (statusSetters.has(name)) return statusFromArgument(current.arguments[0], sourceCode);
    if (!chainable.has(name)) return 'unknown';
    current = unwrap(callee.object);
  }
  if (current.type !== AST_NODE_TYPES.Identifier && current.type !== AST_NODE_TYPES.MemberExpression) return 'unknown';
  const set = statusOnPathTo(call, sourceCode.getText(current), sourceCode);
  if (set !== undefined) return set;
  return current.type === AST_NODE_TYPES.Identifier && isHttpResponse(current, sourceCode) ? undefined : 'unknown';
}

type Status = HttpErrorResponse['status'];

function statusFromArgument(argument: TSESTree.Node | undefined, sourceCode: SourceCode): Status | 'unknown' {
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
  const value = staticValue(argument, sourceCode.getScope(argument))?.value;
  return typeof value === 'number' ? { value, node: argument } : 'unknown';
}

/**
 * The status the code before `call` (in its function) leaves on `receiver`: the nearest
 * statement that sets it, `unknown` when something before sets it only on some paths, and
 * undefined when nothing does. An `if` that sets a status and always returns
 * (`if (!body) { res.status(400).json(…); return; }`) does not reach the call.
 */
function statusOnPathTo(call: TSESTree.CallExpression, receiver: string, sourceCode: SourceCode): Status | 'unknown' {
  let node: TSESTree.Node = call;
  for (let parent: TSESTree.Node | undefined = node.parent; parent && !isFunction(parent); node = parent, parent = parent.parent) {
    for (const part of partsRunBefore(parent, node).reverse()) {
      const status = statusSetBy(part, receiver, sourceCode);
      if (status !== undefined) return status;
      if (alwaysExitsWhenTaken(part)) continue;
      if (setsStatusIn(part, receiver, sourceCode)) return 'unknown';
    }
  }
  return undefined;
}

/** The children of `parent` that run before `child` does. */
function partsRunBefore(parent: TSESTree.Node, child: TSESTree.Node): TSESTree.Node[] {
  switch (parent.type) {
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.BlockStatement:
      return (parent.body as TSESTree.Node[]).slice(0, (parent.body as TSESTree.Node[]).indexOf(child));
    case AST_NODE_TYPES.SwitchCase:
      return parent.consequent.includes(child as TSESTree.Statement) ? parent.consequent.slice(0, parent.consequent.indexOf(child as TSESTree.Statement)) : [];
    case AST_NODE_TYPES.SwitchStatement:
      return child === parent.discriminant ? [] : [parent.discriminant];
    case AST_NODE_TYPES.IfStatement:
      return child === parent.test ? [] : [parent.test];
    case AST_NODE_TYPES.TryStatement:
      if (child === parent.handler) return [parent.block];
      return child === parent.finalizer ? [parent.block, ...(parent.handler ? [parent.handler] : [])] : [];
    default:
      return [];
  }
}

/** `if (…) { …; return; }` without an else: whatever it does, the code after it runs only when it was not taken. */
function alwaysExitsWhenTaken(statement: TSESTree.Node): boolean {
  return statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && exits(statement.consequent);
}

function exits(statement: TSESTree.Node): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement: {
      const last = statement.body.at(-1);
      return last !== undefined && exits(last);
    }
    case AST_NODE_TYPES.IfStatement:
      return statement.alternate !== null && exits(statement.consequent) && exits(statement.alternate);
    default:
      return false;
  }
}

/** `res.status(200);`, `res.writeHead(200, …);`, `res.statusCode = 200;` as a whole statement. */
function statusSetBy(statement: TSESTree.Node, receiver: string, sourceCode: SourceCode): Status | 'unknown' | undefined {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const expression = unwrap(statement.expression);
  if (expression.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(expression.callee);
    const name = calleeName(expression);
    if (callee.type === AST_NODE_TYPES.MemberExpression && name && statusSetters.has(name) && sourceCode.getText(callee.object) === receiver) {
      return statusFromArgument(expression.arguments[0], sourceCode);
    }
  }
  if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=' && isStatusCodeOf(expression.left, receiver, sourceCode)) {
    return statusFromArgument(expression.right, sourceCode);
  }
  return undefined;
}

function isStatusCodeOf(node: TSESTree.Node, receiver: string, sourceCode: SourceCode): boolean {
  const target = unwrap(node);
  return (
    target.type === AST_NODE_TYPES.MemberExpression &&
    !target.computed &&
    target.property.type === AST_NODE_TYPES.Identifier &&
    target.property.name === 'statusCode' &&
    sourceCode.getText(target.object) === receiver
  );
}

/** Whether anything inside `root` sets the status of `receiver`. */
function setsStatusIn(root: TSESTree.Node, receiver: string, sourceCode: SourceCode): boolean {
  if (!sourceCode.getText(root).includes(receiver)) return false;
  let found = false;
  walk(root, sourceCode.visitorKeys, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(node.callee);
      const name = calleeName(node);
      found = callee.type === AST_NODE_TYPES.MemberExpression && name !== undefined && (statusSetters.has(name) || name === 'sendStatus') && sourceCode.getText(callee.object) === receiver;
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      found = isStatusCodeOf(node.left, receiver, sourceCode);
    }
  });
  return found;
}

/**
 * A parameter that holds an HTTP response: typed `Response`/`ServerResponse`/`FastifyReply`,
 * or the second parameter of a route callback (`app.post('/mcp', (req, res) => …)`,
 * `http.createServer((req, res) => …)`).
 */
function isHttpResponse(identifier: TSESTree.Identifier, sourceCode: SourceCode): boolean {
  const def = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
  if (def?.type !== 'Parameter') return false;
  const name = def.name as TSESTree.Identifier;
  const annotation = name.typeAnnotation?.typeAnnotation;
  if (annotation?.type === AST_NODE_TYPES.TSTypeReference) {
    const typeName = annotation.typeName.type === AST_NODE_TYPES.TSQualifiedName ? annotation.typeName.right.name : annotation.typeName.type === AST_NODE_TYPES.Identifier ? annotation.typeName.name : undefined;
    if (typeName && responseTypeNames.has(typeName)) return true;
  }
  const fn = def.node as TSESTree.FunctionLike;
  if (fn.params[1] !== name) return false;
  const { parent, child } = meaningfulParent(fn);
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(child as TSESTree.CallExpressionArgument) && routeRegistrations.has(calleeName(parent) ?? '');
}

/** The `error` object and code of a JSON-RPC error body: an object, a constant, or `JSON.stringify(…)` of one. */
function errorBodyOf(argument: TSESTree.Node, sourceCode: SourceCode): { error: TSESTree.ObjectExpression; code: number } | undefined {
  let node = unwrap(argument);
  if (node.type === AST_NODE_TYPES.CallExpression && isJsonStringify(node) && node.arguments[0]) node = unwrap(node.arguments[0]);
  const body = objectOf(node, sourceCode);
  const errorProperty = body?.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'error');
  const error = errorProperty && objectOf(errorProperty.value, sourceCode);
  const codeProperty = error?.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'code');
  if (!error || !codeProperty) return undefined;
  const code = errorCodeValue(codeProperty.value, sourceCode);
  return code === undefined ? undefined : { error, code };
}

function objectOf(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.ObjectExpression | undefined {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
  const origin = constantOrigin(inner, sourceCode.getScope(inner));
  return origin?.node.type === AST_NODE_TYPES.ObjectExpression ? origin.node : undefined;
}

/** A code written as a number, a constant, or an SDK enum member or constant (`ErrorCode.MethodNotFound`, `METHOD_NOT_FOUND`). */
export function errorCodeValue(node: TSESTree.Node, sourceCode: SourceCode): number | undefined {
  const inner = unwrap(node);
  const scope = sourceCode.getScope(inner);
  const exported = mcpExportOf(inner, scope);
  if (exported && exported.name in errorCodeExports) return errorCodeExports[exported.name];
  if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier) {
    const owner = mcpExportOf(inner.object, scope);
    const key = owner ? `${owner.name}.${inner.property.name}` : undefined;
    if (key && key in errorCodeExports) return errorCodeExports[key];
  }
  const value = staticValue(inner, scope)?.value;
  return typeof value === 'number' ? value : undefined;
}
