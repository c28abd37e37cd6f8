import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { handlerRegistrations } from '../mcp/sdk-api.js';
import { fileEvidence } from './evidence.js';
import { mcpMethodHandledAt } from './handlers.js';
import { calleeName, isFunction, unwrap } from './nodes.js';
import { mcpSideOf } from './sdk.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Where code runs relative to an MCP request: `handler` inside the handling of one (an SDK
 * handler callback or a hand-rolled dispatch branch), `background` in a timer, an event
 * listener or at module level (nothing a 2026-07-28 response stream belongs to), `unknown`
 * in a helper function the file cannot place.
 */
export type RequestScope = 'handler' | 'background' | 'unknown';

/** Callbacks that run later or on their own schedule, not as part of the request around them. */
const backgroundCallees = new Set([
  'setInterval',
  'setTimeout',
  'setImmediate',
  'queueMicrotask',
  'nextTick',
  'on',
  'once',
  'addListener',
  'addEventListener',
  'subscribe',
  'watch',
  'schedule',
]);

export function requestScopeOf(node: TSESTree.Node, context: Context): RequestScope {
  const { sourceCode } = context;
  const boundary = handledBranchBoundary(node, context);
  let insideFunction = false;
  for (let current = node.parent; current && current !== boundary; current = current.parent) {
    if (!isFunction(current)) continue;
    insideFunction = true;
    if (isBackgroundCallback(current)) return 'background';
    if (isMcpHandlerCallback(current, sourceCode)) return 'handler';
  }
  if (boundary) return 'handler';
  return insideFunction ? 'unknown' : 'background';
}

/**
 * The nearest ancestor of `node` that is no longer inside the hand-rolled dispatch branch or
 * SDK registration handling it, or undefined when nothing handles it. Walking up from `node`,
 * a background callback met before this boundary runs outside the request.
 */
function handledBranchBoundary(node: TSESTree.Node, context: Context): TSESTree.Node | undefined {
  if (!mcpMethodHandledAt(node, context)) return undefined;
  for (let current = node.parent; current; current = current.parent) {
    if (!mcpMethodHandledAt(current, context)) return current;
  }
  return undefined;
}

/** A function passed to `setTimeout`, `emitter.on`, `cron.schedule` and the like. */
function isBackgroundCallback(fn: TSESTree.FunctionLike): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const name = calleeName(call);
  return name !== undefined && backgroundCallees.has(name);
}

/**
 * A callback registered as an MCP handler: `setRequestHandler(schema, fn)`,
 * `registerTool(name, config, fn)`, v1 `tool(…, fn)`, `registerPrompt`, `registerResource`, on
 * an SDK server (or on an untraced receiver in a file that imports the SDK).
 */
export function isMcpHandlerCallback(fn: TSESTree.FunctionLike, sourceCode: SourceCode): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const name = calleeName(call);
  const callee = unwrap(call.callee);
  if (!name || !handlerRegistrations[name] || callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  return mcpSideOf(callee.object, sourceCode) !== undefined || fileEvidence(sourceCode).importsMcp;
}
