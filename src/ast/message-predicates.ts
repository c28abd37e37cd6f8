import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, isFunction, meaningfulParent, unwrap } from './nodes.js';
import { isTestModule } from './test-module.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/*
 * Method names a test compares recorded traffic with: `server.waitUntilRecorded((req) =>
 * req.method === 'notifications/roots/list_changed')`, `sent.filter((m) => m.method === …)`.
 * The test picks messages its subject sent out of a log; the name is what it looks for, and the
 * message itself is built (and reported) where the code under test sends it.
 */

const equalities: ReadonlySet<string> = new Set(['===', '==']);

/**
 * Whether a method-name literal is compared with a message's `method` (`m.method === name`,
 * `name == msg.method`) in a predicate handed to a call (`filter`, `find`, `some`,
 * `waitUntilRecorded`, …) in a test module: the function's expression body or a `return`, also
 * when the comparison is one operand of `&&`/`||`. The same comparison in a dispatcher, or in
 * code that is not a test, is not a predicate over recorded traffic.
 */
export function isRecordedTrafficPredicate(literal: TSESTree.Node, sourceCode: SourceCode): boolean {
  const { parent, child } = meaningfulParent(literal);
  if (parent?.type !== AST_NODE_TYPES.BinaryExpression || !equalities.has(parent.operator)) return false;
  const other = parent.left === child ? parent.right : parent.left;
  if (!isMethodRead(other)) return false;
  let condition: TSESTree.Node = parent;
  let above = meaningfulParent(condition);
  while (above.parent?.type === AST_NODE_TYPES.LogicalExpression) {
    condition = above.parent;
    above = meaningfulParent(condition);
  }
  const holder = above.parent;
  let fn: TSESTree.Node | undefined;
  if (holder && isFunction(holder) && holder.body === above.child) fn = holder;
  else if (holder?.type === AST_NODE_TYPES.ReturnStatement) fn = enclosingFunction(holder);
  if (!fn) return false;
  const call = meaningfulParent(fn);
  if (call.parent?.type !== AST_NODE_TYPES.CallExpression || !call.parent.arguments.includes(call.child as TSESTree.CallExpressionArgument)) return false;
  return isTestModule(sourceCode.ast);
}

/** `m.method`, `m?.method`, `m.message.method`. */
function isMethodRead(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier && inner.property.name === 'method';
}
