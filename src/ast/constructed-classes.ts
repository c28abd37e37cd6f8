import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { localFunctionOf, propertyKeyName, unwrap, walkOwnBody } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** How many variables, destructurings and factory returns to follow. */
const maxDepth = 6;

/**
 * The `new X(…)` expressions a value is made by, followed through `const`s and `let`s (their
 * initialiser and later assignments, as in a `beforeEach`), `await`, and destructuring of what
 * a local factory returns (`const { tracked } = makeTracked()`, where `makeTracked` returns
 * `{ base, tracked }`). `undefined` when some way the value is made is not a construction this
 * file shows (a parameter, an import, a call of something else).
 */
export function constructionsOf(expression: TSESTree.Node, sourceCode: SourceCode): TSESTree.NewExpression[] | undefined {
  const found: TSESTree.NewExpression[] = [];
  return collect(expression, sourceCode, found, 0) ? found : undefined;
}

function collect(expression: TSESTree.Node, sourceCode: SourceCode, found: TSESTree.NewExpression[], depth: number): boolean {
  if (depth > maxDepth) return false;
  const node = unwrap(expression);
  switch (node.type) {
    case AST_NODE_TYPES.NewExpression:
      found.push(node);
      return true;
    case AST_NODE_TYPES.AwaitExpression:
      return collect(node.argument, sourceCode, found, depth + 1);
    case AST_NODE_TYPES.Identifier:
      return collectVariable(node, sourceCode, found, depth);
    default:
      return false;
  }
}

function collectVariable(identifier: TSESTree.Identifier, sourceCode: SourceCode, found: TSESTree.NewExpression[], depth: number): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator) return false;
  const { id, init } = def.node;
  const sources: TSESTree.Node[] = [];
  if (init && id.type === AST_NODE_TYPES.Identifier) sources.push(init);
  else if (init && id.type === AST_NODE_TYPES.ObjectPattern) {
    const value = destructuredFrom(id, def.name as TSESTree.Identifier, init, sourceCode);
    if (!value) return false;
    sources.push(value);
  } else if (init) return false;
  // `let transport; beforeEach(() => { transport = new X(…) })`
  for (const reference of variable.references) {
    if (reference.writeExpr && !reference.init) sources.push(reference.writeExpr as TSESTree.Node);
  }
  return sources.length > 0 && sources.every((source) => collect(source, sourceCode, found, depth + 1));
}

/** `const { tracked } = makeTracked()`: the value `makeTracked` puts under `tracked` in the object it returns. */
function destructuredFrom(pattern: TSESTree.ObjectPattern, name: TSESTree.Identifier, init: TSESTree.Expression, sourceCode: SourceCode): TSESTree.Node | undefined {
  const key = pattern.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && property.value === name);
  const keyName = key && propertyKeyName(key);
  let call = unwrap(init);
  if (call.type === AST_NODE_TYPES.AwaitExpression) call = unwrap(call.argument);
  if (!keyName || call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const fn = localFunctionOf(call.callee, sourceCode);
  const returned = fn && singleReturnedObject(fn, sourceCode);
  const property = returned?.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === keyName);
  return property?.value;
}

/** The object literal a function returns, when it has exactly one `return` (or an expression body). */
function singleReturnedObject(fn: TSESTree.FunctionLike, sourceCode: SourceCode): TSESTree.ObjectExpression | undefined {
  if (!fn.body) return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
    const value = unwrap(fn.body);
    return value.type === AST_NODE_TYPES.ObjectExpression ? value : undefined;
  }
  const returns = fn.body.body.filter((statement): statement is TSESTree.ReturnStatement => statement.type === AST_NODE_TYPES.ReturnStatement);
  if (returns.length !== 1 || !returns[0]!.argument || containsNestedReturn(fn.body, sourceCode.visitorKeys)) return undefined;
  const value = unwrap(returns[0]!.argument);
  return value.type === AST_NODE_TYPES.ObjectExpression ? value : undefined;
}

/** A `return` below the top level of a block (in an `if`, a loop), outside nested functions. */
function containsNestedReturn(body: TSESTree.BlockStatement, visitorKeys: SourceCode['visitorKeys']): boolean {
  let nested = false;
  walkOwnBody(body, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.parent !== body) nested = true;
  });
  return nested;
}
