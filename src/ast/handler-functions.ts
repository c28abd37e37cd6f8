import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { requestSchemaMethods } from '../mcp/methods.js';
import { handlerRegistrations } from '../mcp/sdk-api.js';
import { fileEvidence } from './evidence.js';
import { mcpMethodHandledAt } from './handlers.js';
import { mcpExportOf } from './imports.js';
import { calleeName, isFunction, unwrap, walk } from './nodes.js';
import { mcpSideOf } from './sdk.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** An MCP handler a node runs in, and how to name it in a message. */
export interface HandlerSite {
  fn: TSESTree.FunctionLike | undefined;
  /** `the \`connect_database\` tool`, `a \`tools/call\` handler`. */
  description: string;
}

/** How many hops through local helper functions to follow back to a handler. */
const maxCallDepth = 2;

/**
 * The MCP request, notification, tool, prompt or resource handler `node` runs in: an SDK
 * registration callback (`registerTool(name, config, cb)`, `setRequestHandler(schema, cb)`, also
 * a function declared elsewhere and passed by name), a hand-rolled `case 'tools/call':` branch,
 * or a local function called from one of those.
 */
export function mcpHandlerAround(node: TSESTree.Node, context: Context, depth = 0): HandlerSite | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const registered = registeredHandler(current, context);
    if (registered) return registered;
  }
  const method = mcpMethodHandledAt(node, context);
  if (method && fileEvidence(context.sourceCode).speaksMcp) return { fn: undefined, description: `a \`${method}\` handler` };
  return depth < maxCallDepth ? viaCallers(node, context, depth) : undefined;
}

/** A function registered as an MCP handler, in place or by name. */
function registeredHandler(fn: TSESTree.FunctionLike, context: Context): HandlerSite | undefined {
  const direct = registrationTaking(fn, context);
  if (direct) return { fn, description: direct };
  for (const reference of referencesTo(fn, context)) {
    const byName = registrationTaking(reference, context);
    if (byName) return { fn, description: byName };
  }
  return undefined;
}

/** What a handler registration says about the callback passed at `argument`. */
function registrationTaking(argument: TSESTree.Node, context: Context): string | undefined {
  const call = argument.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] === argument || !call.arguments.includes(argument as TSESTree.CallExpressionArgument)) {
    return undefined;
  }
  const name = calleeName(call);
  const kind = name ? handlerRegistrations[name] : undefined;
  const callee = unwrap(call.callee);
  if (!kind || callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (mcpSideOf(callee.object, context.sourceCode) !== 'server' && !fileEvidence(context.sourceCode).importsMcp) return undefined;
  const scope = context.sourceCode.getScope(call);
  const first = call.arguments[0];
  if (name === 'setNotificationHandler') return 'an MCP notification handler';
  if (kind === 'request') {
    const schema = first && mcpExportOf(first, scope);
    const method = schema ? requestSchemaMethods[schema.name] : stringOf(first, scope);
    return method ? `a \`${method}\` handler` : 'an MCP request handler';
  }
  const entry = stringOf(first, scope);
  return entry ? `the \`${entry}\` ${kind}` : `a ${kind} handler`;
}

function stringOf(node: TSESTree.Node | undefined, scope: TSESLint.Scope.Scope): string | undefined {
  const value = node ? ASTUtils.getStaticValue(node, scope)?.value : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The identifier nodes that refer to a named function (`function f() {}`, `const f = () => {}`). */
export function referencesTo(fn: TSESTree.FunctionLike, context: Context): TSESTree.Identifier[] {
  const name = functionName(fn);
  if (!name) return [];
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(name), name);
  return (variable?.references ?? []).filter((r) => r.identifier !== name && r.isRead()).map((r) => r.identifier as TSESTree.Identifier);
}

function functionName(fn: TSESTree.FunctionLike): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return fn.id;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id;
  return undefined;
}

/** A local function or method called from inside a handler. */
function viaCallers(node: TSESTree.Node, context: Context, depth: number): HandlerSite | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    for (const call of callsOf(current, context)) {
      const outer = mcpHandlerAround(call, context, depth + 1);
      if (outer) return outer;
    }
  }
  return undefined;
}

/** The calls of a named function (`f()`) or of a class method from its own class (`this.m()`). */
export function callsOf(fn: TSESTree.FunctionLike, context: Context): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of referencesTo(fn, context)) {
    if (reference.parent?.type === AST_NODE_TYPES.CallExpression && reference.parent.callee === reference) calls.push(reference.parent);
  }
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.computed || method.key.type !== AST_NODE_TYPES.Identifier) return calls;
  const name = method.key.name;
  walk(method.parent, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = unwrap(node.callee);
    const isThisCall =
      callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression &&
      !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === name;
    if (isThisCall) calls.push(node);
  });
  return calls;
}
