import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { calledLocalFunction, calleeName, isFunction, meaningfulParent, unwrap } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Matchers that assert a thrown error (`expect(fn).toThrow(…)`). */
const throwMatcher = /^toThrow\w*$/;
/** node:assert's `assert.rejects(promise)`, `assert.throws(fn)`. */
const assertRejection: ReadonlySet<string> = new Set(['rejects', 'throws']);
/** How many local helpers (`expectThrow(() => call())`) to follow. */
const maxHelperDepth = 2;

/**
 * Whether a call is made only for a test to assert that it fails: the subject of
 * `await expect(client.setLoggingLevel('info')).rejects.toThrow(…)`, the body of the function in
 * `expect(() => client.subscribeResource({ uri })).toThrow()` or `assert.rejects(…)`, also through
 * a local helper that does one of those with its argument
 * (`const expectThrow = async (fn) => { await expect(fn()).rejects.toThrow(); }`). The code
 * under test refuses the call (a guard, "not connected", a peer's error), so the test neither
 * sends nor migrates anything there.
 */
export function isAssertedToFail(call: TSESTree.Node, sourceCode: SourceCode): boolean {
  return assertedToFail(call, sourceCode, 0);
}

function assertedToFail(value: TSESTree.Node, sourceCode: SourceCode, depth: number): boolean {
  let { parent, child } = meaningfulParent(value);
  while (parent?.type === AST_NODE_TYPES.AwaitExpression) ({ parent, child } = meaningfulParent(parent));
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === child) {
    if (isExpectCall(parent)) return expectsFailure(parent);
    if (isAssertModuleCall(parent) && assertRejection.has(calleeName(parent) ?? '')) return true;
  }
  // `() => call()`, `async () => { await call(); }`: the function whose failure is asserted.
  const fn = parent && isFunction(parent) && parent.body === child ? parent : soleStatementFunction(parent);
  return fn !== undefined && functionAssertedToFail(fn, sourceCode, depth);
}

/** The function whose body is one `call();`, `await call();` or `return call();` statement holding `node`. */
function soleStatementFunction(node: TSESTree.Node | undefined): TSESTree.FunctionLike | undefined {
  if (node?.type !== AST_NODE_TYPES.ExpressionStatement && node?.type !== AST_NODE_TYPES.ReturnStatement) return undefined;
  const block = node.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement || block.body.length !== 1) return undefined;
  return block.parent && isFunction(block.parent) ? block.parent : undefined;
}

function functionAssertedToFail(fn: TSESTree.FunctionLike, sourceCode: SourceCode, depth: number): boolean {
  const { parent, child } = meaningfulParent(fn);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return false;
  if (parent.arguments[0] === child && isExpectCall(parent)) return expectsFailure(parent);
  if (parent.arguments[0] === child && isAssertModuleCall(parent) && assertRejection.has(calleeName(parent) ?? '')) return true;
  if (depth >= maxHelperDepth) return false;
  // A local helper that asserts the failure of what it is handed.
  const helper = calledLocalFunction(parent.callee, sourceCode);
  const parameter = helper?.params[parent.arguments.indexOf(child as TSESTree.CallExpressionArgument)];
  if (parameter?.type !== AST_NODE_TYPES.Identifier) return false;
  const reads = ASTUtils.findVariable(sourceCode.getScope(parameter), parameter)?.references.filter((reference) => reference.identifier !== parameter) ?? [];
  return (
    reads.length > 0 &&
    reads.every((reference) => {
      const read = reference.identifier;
      const { parent: user, child: used } = meaningfulParent(read);
      // `expect(fn()).rejects…` or `expect(fn).toThrow()`.
      if (user?.type === AST_NODE_TYPES.CallExpression && user.callee === used) return assertedToFail(user, sourceCode, depth + 1);
      return assertedToFail(read, sourceCode, depth + 1);
    })
  );
}

function isExpectCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'expect';
}

function isAssertModuleCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = unwrap(callee.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'assert';
}

/** `expect(x).rejects…` or `expect(x).toThrow(…)`, not negated: the test wants it to fail. */
function expectsFailure(expectCall: TSESTree.CallExpression): boolean {
  let rejects = false;
  for (let node: TSESTree.Node = expectCall; ; ) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node || parent.property.type !== AST_NODE_TYPES.Identifier) return false;
    const name = parent.property.name;
    if (name === 'not') return false;
    if (name === 'rejects') rejects = true;
    const call: TSESTree.Node | undefined = parent.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) return rejects || throwMatcher.test(name);
    node = parent;
  }
}

