import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { calleeName, meaningfulParent, templateText, unwrap } from './nodes.js';

/** Test functions whose first argument is the test's title: `it`, `test`, `describe` (also `.only`, `.each`). */
const testFunctions = new Set(['it', 'test', 'describe', 'specify', 'suite', 'context']);

/**
 * Titles of tests that send old or malformed messages on purpose: a migrated server's tests
 * check that it rejects a request without `_meta`, answers a 2025 version with -32022, or
 * still serves 2025 clients.
 */
const deliberateTitle =
  /\bwithout\b|\bmissing\b|\breject|\brefuse|\binvalid\b|\bmalformed\b|\bmismatch|\bwrong\b|\bunsupported\b|\bbad request\b|\b400\b|-320(?:20|21|22)\b|-32602\b|\blegacy\b|\b2025\b|\bold(?:er)? clients?\b/i;

/** Matchers and assertion functions whose arguments describe what a test expects, not what it sends. */
const assertionCall = /^(?:expect|to[A-Z]\w*|(?:deep|strict|deepStrict)?[Ee]qual|objectContaining|match\w*)$/;

/** Whether `node` sits in a test whose title (or a `describe` around it) says it sends a bad or legacy message on purpose. */
export function isInDeliberateTest(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.CallExpression || !isTestCall(current)) continue;
    const title = current.arguments[0] && templateText(unwrap(current.arguments[0]));
    if (title !== undefined && deliberateTitle.test(title)) return true;
  }
  return false;
}

/** `it(…)`, `test.only(…)`, `describe.each(table)(…)`. */
function isTestCall(call: TSESTree.CallExpression): boolean {
  let callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.CallExpression) callee = unwrap(callee.callee);
  while (callee.type === AST_NODE_TYPES.MemberExpression) callee = unwrap(callee.object);
  return callee.type === AST_NODE_TYPES.Identifier && testFunctions.has(callee.name);
}

/** The value is (inside) an argument of a test expectation: `expect(sent).toEqual({ … })`. */
export function isInExpectation(value: TSESTree.Node): boolean {
  let { parent, child } = meaningfulParent(value);
  while (parent && (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.ObjectExpression || parent.type === AST_NODE_TYPES.ArrayExpression)) {
    ({ parent, child } = meaningfulParent(parent));
  }
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return false;
  return assertionCall.test(calleeName(parent) ?? '');
}
