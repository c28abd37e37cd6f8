import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { unwrap } from './nodes.js';

/*
 * The one place that decides whether a file is a test. Every rule and helper that stays
 * silent in tests asks here (`isTestModule`, or `isTestFile` where the file name counts too),
 * so the list of runners and test calls is kept once.
 */

/** Test runners whose import (or `require`) makes a file a test module. */
const testRunnerModules: ReadonlySet<string> = new Set(['vitest', '@jest/globals', 'node:test', 'bun:test', 'mocha', 'ava', '@playwright/test']);
/** Calls that declare tests (`it`, `test`, `specify`) or suites (`describe`, `suite`, `context`) at a module's top level. */
export const testCalls: ReadonlySet<string> = new Set(['it', 'test', 'specify']);
export const suiteCalls: ReadonlySet<string> = new Set(['describe', 'suite', 'context']);
/** `foo.test.ts`, `foo.spec.mjs`, `__tests__/foo.ts`, `__mocks__/foo.ts`. */
const testFileName = /(?:^|[\\/])__(?:tests|mocks)__[\\/]|[.-](?:test|spec)\.[cm]?[jt]sx?$/;

const cache = new WeakMap<TSESTree.Program, boolean>();

/**
 * Whether the file is a test module: it imports (or requires) a test runner (vitest,
 * `@jest/globals`, `node:test`, `bun:test`, mocha, ava, `@playwright/test`), or calls
 * `describe`/`it`/`test`/`suite`/`specify`/`context` at its top level (`describe.each(…)(…)`,
 * `it.only(…)` too). Servers, tool lists and messages such a file builds are doubles handed to
 * the code under test; nothing deploys them. Decided from the code, not the file name, so
 * fixtures in `test/` folders that are imported by real code are not covered.
 */
export function isTestModule(program: TSESTree.Program): boolean {
  let known = cache.get(program);
  if (known === undefined) {
    known = program.body.some(isTestStatement);
    cache.set(program, known);
  }
  return known;
}

/**
 * `isTestModule`, or a test by its name alone (`*.test.*`, `*.spec.*`, `__tests__/`,
 * `__mocks__/`): for evidence that only ever occurs in tests (a message pushed through a
 * transport double), where a jest-globals file that imports nothing still counts.
 */
export function isTestFile(filename: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return testFileName.test(filename) || isTestModule(sourceCode.ast);
}

/** `it`, `it.only`, `test.each(table)`, `describe.skip`: the identifier a test-runner call starts from. */
export function testCallRoot(call: TSESTree.CallExpression): string | undefined {
  let callee = unwrap(call.callee);
  while (callee.type === AST_NODE_TYPES.MemberExpression || callee.type === AST_NODE_TYPES.CallExpression) {
    callee = unwrap(callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee.callee);
  }
  return callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
}

function isTestStatement(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration) return testRunnerModules.has(statement.source.value);
  if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
    // `const { describe, it } = require('node:test')`
    return statement.declarations.some((declarator) => {
      const init = declarator.init && unwrap(declarator.init);
      return (
        init?.type === AST_NODE_TYPES.CallExpression &&
        init.callee.type === AST_NODE_TYPES.Identifier &&
        init.callee.name === 'require' &&
        init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
        testRunnerModules.has(String(init.arguments[0].value))
      );
    });
  }
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const root = testCallRoot(statement.expression);
  return root !== undefined && (testCalls.has(root) || suiteCalls.has(root));
}
