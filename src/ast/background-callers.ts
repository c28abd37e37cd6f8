import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { enclosingFunction } from './handlers.js';
import { calleeName, functionBindingName, meaningfulParent } from './nodes.js';
import { requestScopeOf } from './request-scope.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Schedulers whose callback runs later, on its own: `setInterval(tick, 5000)`. */
const timerCallees: ReadonlySet<string> = new Set(['setInterval', 'setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick']);
/** How many local functions to climb through (`tick` → `sendOne`). */
const maxDepth = 3;

/**
 * Whether code that `requestScopeOf` cannot place (it sits in a local function, not in a
 * handler or a callback) runs in the background: its function is handed to a timer
 * (`setInterval(tick, 5000)`), or called from a timer callback, module code or another local
 * function that is (`setInterval(() => sendSimulatedLog(sessionId), 5000)`). One such caller
 * is enough: the code then runs outside any request at least some of the time.
 */
export function calledFromBackground(node: TSESTree.Node, context: Context): boolean {
  return backgroundCaller(enclosingFunction(node), context, 0);
}

function backgroundCaller(fn: TSESTree.FunctionLike | undefined, context: Context, depth: number): boolean {
  const name = fn && functionBindingName(fn);
  if (!name || depth >= maxDepth) return false;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(name), name);
  for (const reference of variable?.references ?? []) {
    if (reference.identifier === name || reference.init) continue;
    const { parent, child } = meaningfulParent(reference.identifier);
    if (parent?.type !== AST_NODE_TYPES.CallExpression) continue;
    // `setInterval(tick, 5000)`.
    if (parent.arguments[0] === child && timerCallees.has(calleeName(parent) ?? '')) return true;
    if (parent.callee !== child) continue;
    const scope = requestScopeOf(parent, context);
    if (scope === 'background') return true;
    if (scope === 'unknown' && backgroundCaller(enclosingFunction(parent), context, depth + 1)) return true;
  }
  return false;
}
