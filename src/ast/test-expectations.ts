import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { unwrap } from './nodes.js';

/**
 * Whether a node sits inside a test expectation (`expect(…)…`, `assert…(…)`): such code
 * describes what a test checks, it does not send or read anything itself.
 */
export function insideExpectation(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.CallExpression) continue;
    let root = unwrap(current.callee);
    while (root.type === AST_NODE_TYPES.MemberExpression || root.type === AST_NODE_TYPES.CallExpression) {
      root = unwrap(root.type === AST_NODE_TYPES.MemberExpression ? root.object : root.callee);
    }
    if (root.type === AST_NODE_TYPES.Identifier && (root.name === 'expect' || root.name === 'assert')) return true;
  }
  return false;
}
