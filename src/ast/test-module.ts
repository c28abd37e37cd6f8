import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { unwrap } from './nodes.js';

/** Test runners whose import makes a file a test module. */
const testRunnerModules: ReadonlySet<string> = new Set(['vitest', '@jest/globals', 'node:test', 'bun:test', 'mocha', 'ava', '@playwright/test']);
/** Calls that declare tests at a module's top level. */
const testFunctions: ReadonlySet<string> = new Set(['describe', 'it', 'test', 'suite']);

const cache = new WeakMap<TSESTree.Program, boolean>();

/**
 * Whether the file is a test module: it imports (or requires) a test runner, or calls
 * `describe`/`it`/`test`/`suite` at its top level (`describe.each(…)(…)` too). Servers and tool
 * lists such a file builds are doubles handed to the code under test; nothing deploys them.
 * Decided from the code, not the file name, so fixtures in `test/` folders that are imported
 * by real code are not covered.
 */
export function isTestModule(program: TSESTree.Program): boolean {
  let known = cache.get(program);
  if (known === undefined) {
    known = program.body.some(isTestStatement);
    cache.set(program, known);
  }
  return known;
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
  let callee = unwrap(statement.expression.callee);
  while (callee.type === AST_NODE_TYPES.MemberExpression || callee.type === AST_NODE_TYPES.CallExpression) {
    callee = unwrap(callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee.callee);
  }
  return callee.type === AST_NODE_TYPES.Identifier && testFunctions.has(callee.name);
}
