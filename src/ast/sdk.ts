import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { clientClasses, handlerRegistrations, serverClasses } from '../mcp/sdk-api.js';
import { fileEvidence } from './evidence.js';
import { calleeName, meaningfulParent, propertyKeyName, unwrap } from './nodes.js';
import { mcpInstanceClassOf } from './transports.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Whether an expression is an MCP SDK server or client: an instance of `McpServer`/`Server`
 * /`Client` imported from an MCP package (created, typed or stored in this file), or the
 * low-level `server` of an `McpServer` (`mcpServer.server`).
 */
export function mcpSideOf(expression: TSESTree.Node, sourceCode: SourceCode): 'server' | 'client' | undefined {
  const node = unwrap(expression);
  const className = mcpInstanceClassOf(node, [...serverClasses, ...clientClasses], sourceCode);
  if (className) return serverClasses.includes(className) ? 'server' : 'client';
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'server') {
    return mcpInstanceClassOf(node.object, ['McpServer'], sourceCode) ? 'server' : undefined;
  }
  return undefined;
}

/**
 * `receiver.method(...)` where the receiver is an MCP server or client. A method name that
 * only the SDK has (`sendLoggingMessage`, `elicitInput`) also counts on a receiver the file
 * cannot trace (a server passed in untyped), as long as the file imports an MCP package.
 */
export function sdkMethodCall(
  call: TSESTree.CallExpression,
  sourceCode: SourceCode,
  options: { methods: ReadonlySet<string>; side: 'server' | 'client' | 'any'; distinctive?: ReadonlySet<string> },
): { method: string; side: 'server' | 'client' | undefined } | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const method = callee.property.name;
  if (!options.methods.has(method)) return undefined;
  const side = mcpSideOf(callee.object, sourceCode);
  if (side) return options.side === 'any' || options.side === side ? { method, side } : undefined;
  if (options.distinctive?.has(method) && fileEvidence(sourceCode).importsMcp) return { method, side: undefined };
  return undefined;
}

/**
 * The parameter of an MCP handler callback that receives the request context (`extra` in SDK
 * v1, `ctx` in v2), found from the registration call: `setRequestHandler(schema, (req, extra))`,
 * `registerTool(name, { inputSchema }, (args, extra))` or `registerTool(name, {}, (extra))`,
 * `registerResource(name, 'x://y', meta, (uri, extra))` or with a template `(uri, vars, extra)`,
 * and the `createTask`/`getTask`/`getTaskResult` methods of an SDK v1
 * `server.experimental.tasks.registerToolTask(name, config, handler)` (like `registerTool`'s callback).
 */
export function handlerContextParameter(fn: TSESTree.FunctionLike, sourceCode: SourceCode): TSESTree.Parameter | undefined {
  const slot = handlerContextSlot(fn, sourceCode);
  if (!slot) return undefined;
  if (slot.index === 'last') return fn.params.length >= 2 ? fn.params[fn.params.length - 1] : undefined;
  return fn.params[slot.index];
}

/**
 * Where an MCP handler callback receives its context, whether or not it declares that
 * parameter: its registration kind and the parameter's index (`'last'` when the registration's
 * config cannot be read). A transform that adds the parameter needs this; undefined when `fn`
 * is not a handler callback.
 */
export function handlerContextSlot(
  fn: TSESTree.FunctionLike,
  sourceCode: SourceCode,
): { kind: 'request' | 'tool' | 'prompt' | 'resource'; index: number | 'last' } | undefined {
  const toolTask = toolTaskHandlerOf(fn, sourceCode);
  if (toolTask) return { kind: 'tool', index: contextIndex('tool', 'registerTool', toolTask.call.arguments.slice(1, 2), sourceCode) };
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
  const name = calleeName(call);
  const kind = name ? handlerRegistrations[name] : undefined;
  if (!name || !kind) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  // A server the file cannot trace (passed in untyped) still counts in a file that imports the SDK.
  if (mcpSideOf(callee.object, sourceCode) === undefined && !fileEvidence(sourceCode).importsMcp) return undefined;
  const before = call.arguments.slice(1, call.arguments.indexOf(fn as TSESTree.CallExpressionArgument));
  return { kind, index: contextIndex(kind, name, before, sourceCode) };
}

/** The methods of the SDK v1 `ToolTaskHandler` that `registerToolTask` calls (experimental/tasks/interfaces.d.ts). */
const toolTaskHandlerMethods: ReadonlySet<string> = new Set(['createTask', 'getTask', 'getTaskResult']);

/**
 * Which `ToolTaskHandler` method `fn` is, with its registration: `fn` is the `createTask`,
 * `getTask` or `getTaskResult` of the object passed (directly or through a constant) as the
 * handler of `registerToolTask(name, config, handler)`, on `server.experimental.tasks` of an
 * MCP server, or on any receiver in a file that imports the SDK.
 */
export function toolTaskHandlerOf(
  fn: TSESTree.FunctionLike,
  sourceCode: SourceCode,
): { method: 'createTask' | 'getTask' | 'getTaskResult'; call: TSESTree.CallExpression } | undefined {
  const { parent: property, child } = meaningfulParent(fn);
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== child || property.computed) return undefined;
  const method = propertyKeyName(property);
  if (!method || !toolTaskHandlerMethods.has(method) || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const call = toolTaskRegistrationOf(property.parent, sourceCode);
  return call ? { method: method as 'createTask' | 'getTask' | 'getTaskResult', call } : undefined;
}

function toolTaskRegistrationOf(handler: TSESTree.ObjectExpression, sourceCode: SourceCode): TSESTree.CallExpression | undefined {
  const { parent, child } = meaningfulParent(handler);
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator) return registerToolTaskCall(parent, child, sourceCode);
  // `const handler = { createTask, getTask, getTaskResult }; registerToolTask(name, config, handler)`
  if (parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(parent), parent.id);
  for (const reference of variable?.references ?? []) {
    if (reference.init) continue;
    const use = meaningfulParent(reference.identifier as TSESTree.Node);
    const call = registerToolTaskCall(use.parent, use.child, sourceCode);
    if (call) return call;
  }
  return undefined;
}

function registerToolTaskCall(parent: TSESTree.Node | undefined, child: TSESTree.Node, sourceCode: SourceCode): TSESTree.CallExpression | undefined {
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[2] !== child || calleeName(parent) !== 'registerToolTask') return undefined;
  const callee = unwrap(parent.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  // `server.experimental.tasks.registerToolTask`: the server is below `.experimental.tasks`.
  let receiver = unwrap(callee.object);
  for (const name of ['tasks', 'experimental']) {
    if (receiver.type !== AST_NODE_TYPES.MemberExpression || receiver.computed || receiver.property.type !== AST_NODE_TYPES.Identifier || receiver.property.name !== name) break;
    receiver = unwrap(receiver.object);
  }
  if (mcpSideOf(receiver, sourceCode) === 'server' || fileEvidence(sourceCode).importsMcp) return parent;
  return undefined;
}

function contextIndex(
  kind: 'request' | 'tool' | 'prompt' | 'resource',
  name: string,
  before: TSESTree.CallExpressionArgument[],
  sourceCode: SourceCode,
): number | 'last' {
  switch (kind) {
    case 'request':
      return 1;
    case 'tool':
    case 'prompt': {
      const schemaKey = kind === 'tool' ? 'inputSchema' : 'argsSchema';
      if (name === 'registerTool' || name === 'registerPrompt') {
        const config = objectLiteral(before[0], sourceCode);
        if (!config) return 'last';
        return config.properties.some((p) => p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === schemaKey) ? 1 : 0;
      }
      // v1 `tool(name, [description], [paramsSchema], [annotations], cb)`: anything but a description is a schema.
      return before.some((arg) => !isStringExpression(arg)) ? 1 : 0;
    }
    case 'resource': {
      const uri = before[0];
      if (uri && isStringExpression(uri)) return 1;
      if (uri && unwrap(uri).type === AST_NODE_TYPES.NewExpression) return 2;
      return 'last';
    }
  }
}

function objectLiteral(node: TSESTree.Node | undefined, sourceCode: SourceCode): TSESTree.ObjectExpression | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(inner), inner);
    const def = variable?.defs[0];
    if (def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
      const init = unwrap(def.node.init);
      return init.type === AST_NODE_TYPES.ObjectExpression ? init : undefined;
    }
  }
  return undefined;
}

function isStringExpression(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  return (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') || inner.type === AST_NODE_TYPES.TemplateLiteral;
}

/**
 * The path from an MCP handler's context parameter to `node`: `['sessionId']` for
 * `extra.sessionId`, `['mcpReq', 'elicitInput']` for `ctx.mcpReq.elicitInput`, also through
 * destructuring (`async (args, { sessionId }) => …`, `const { mcpReq } = ctx`). Undefined when
 * `node` does not come from a handler context.
 */
export function handlerContextPath(node: TSESTree.Node, sourceCode: SourceCode): string[] | undefined {
  const path: string[] = [];
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const key = !current.computed && current.property.type === AST_NODE_TYPES.Identifier ? current.property.name : undefined;
    if (!key) return undefined;
    path.unshift(key);
    current = unwrap(current.object);
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
  const prefix = contextPathOfBinding(current, sourceCode, 0);
  return prefix ? [...prefix, ...path] : undefined;
}

/** The context path an identifier's binding stands for: `[]` for the context itself. */
function contextPathOfBinding(identifier: TSESTree.Identifier, sourceCode: SourceCode, depth: number): string[] | undefined {
  if (depth > 4) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const def = variable?.defs[0];
  if (!def) return undefined;
  if (def.type === 'Parameter') {
    const fn = def.node as TSESTree.FunctionLike;
    const name = def.name as TSESTree.Identifier;
    const parameter = fn.params.find((p) => containsNode(p, name));
    const contextParameter = parameter && handlerContextParameter(fn, sourceCode);
    return contextParameter === parameter && parameter ? patternPath(parameter, name) : undefined;
  }
  if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
    // `const { sessionId } = extra` or `const c = ctx.mcpReq`
    const source = handlerContextPath(def.node.init, sourceCode);
    const within = patternPath(def.node.id, def.name as TSESTree.Identifier);
    return source && within ? [...source, ...within] : undefined;
  }
  return undefined;
}

/** The property keys leading from a binding pattern to `name` inside it: `{ a: { b } }` → `['a', 'b']`. */
function patternPath(pattern: TSESTree.Node, name: TSESTree.Identifier): string[] | undefined {
  if (pattern === name) return [];
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return patternPath(pattern.left, name);
  if (pattern.type === AST_NODE_TYPES.TSParameterProperty) return patternPath(pattern.parameter, name);
  if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
      const inner = patternPath(property.value, name);
      if (inner) return [property.key.name, ...inner];
    }
  }
  return undefined;
}

function containsNode(root: TSESTree.Node, target: TSESTree.Node): boolean {
  for (let node: TSESTree.Node | undefined = target; node; node = node.parent) if (node === root) return true;
  return false;
}
