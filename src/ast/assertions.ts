import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { calleeName, meaningfulParent, unwrap } from './nodes.js';

/** What a test asserts about a value: `expect(value).not.toBeNull()`, `assert.strictEqual(value, undefined)`. */
export interface Assertion {
  matcher: string;
  negated: boolean;
  /** The expected value, when the matcher takes one (`toBe(x)`, `strictEqual(value, x)`). */
  expected?: TSESTree.Node;
}

const nodeAssertEquality = new Set(['equal', 'strictEqual', 'deepEqual', 'deepStrictEqual', 'notEqual', 'notStrictEqual']);

/**
 * The assertion `value` is the subject of, for vitest/jest `expect(value)…matcher(x)` chains
 * (with `.not`, `.resolves`, `.rejects`) and node:assert `assert.equal(value, x)`/`assert.ok(value)`.
 */
export function assertionAbout(value: TSESTree.Node): Assertion | undefined {
  const { parent, child } = meaningfulParent(value);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== child) return undefined;
  const callee = unwrap(parent.callee);
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'expect') return matcherChain(parent);
  const name = calleeName(parent);
  const isAssertModule =
    (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'assert') ||
    (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'assert');
  if (!isAssertModule || !name) return undefined;
  if (nodeAssertEquality.has(name)) {
    return { matcher: name.replace(/^not/, '').replace(/^./, (c) => c.toLowerCase()), negated: name.startsWith('not'), ...(parent.arguments[1] ? { expected: parent.arguments[1] } : {}) };
  }
  return name === 'ok' || name === 'assert' ? { matcher: 'ok', negated: false } : undefined;
}

/** Follows `expect(x).not.resolves.toBe(y)` up to the matcher call. */
function matcherChain(expectCall: TSESTree.CallExpression): Assertion | undefined {
  let negated = false;
  let node: TSESTree.Node = expectCall;
  for (;;) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node || parent.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    const name = parent.property.name;
    const call: TSESTree.Node | undefined = parent.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
      return { matcher: name, negated, ...(call.arguments[0] ? { expected: call.arguments[0] } : {}) };
    }
    if (name === 'not') negated = !negated;
    node = parent;
  }
}

const emptyMatchers = new Set(['toBeNull', 'toBeUndefined', 'toBeFalsy']);
const presentMatchers = new Set(['toBeDefined', 'toBeTruthy', 'ok']);
const equalityMatchers = new Set(['toBe', 'toEqual', 'toStrictEqual', 'equal', 'strictEqual', 'deepEqual', 'deepStrictEqual']);

/** Whether the assertion says the value is absent: null, undefined or false. */
export function assertsAbsence(assertion: Assertion): boolean {
  if (emptyMatchers.has(assertion.matcher)) return !assertion.negated;
  if (presentMatchers.has(assertion.matcher)) return assertion.negated;
  if (equalityMatchers.has(assertion.matcher) && assertion.expected) {
    const expected = unwrap(assertion.expected);
    const empty =
      (expected.type === AST_NODE_TYPES.Literal && (expected.value === null || expected.value === false)) ||
      (expected.type === AST_NODE_TYPES.Identifier && expected.name === 'undefined');
    return empty !== assertion.negated;
  }
  return false;
}

/** `expect(x).not.toBe(y)`, `expect(p).rejects.not.toMatchObject(y)`, `assert.notStrictEqual(x, y)`: y is what it must not be. */
export function isNegatedMatcherCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  if (/^not[A-Z]/.test(calleeName(call) ?? '')) return true;
  for (let node: TSESTree.Node = unwrap(call.callee); node.type === AST_NODE_TYPES.MemberExpression; node = unwrap(node.object)) {
    if (node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'not') return true;
  }
  return false;
}
