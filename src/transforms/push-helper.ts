import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { isFunction, unwrap } from '../ast/nodes.js';

type Node = TSESTree.Node;
type Code = Readonly<TSESLint.SourceCode>;

/**
 * A module-level helper that starts by asking the client for something and works on the answer:
 *
 *     async function askClientForProjects(): Promise<string[]> {
 *       const { roots } = await server.server.listRoots();
 *       return projectDirs(roots.flatMap(…));
 *     }
 *
 * Its request can move to its callers unchanged in meaning (the helper takes the answer as its
 * parameter, and every caller awaits the request just before the call where the helper awaited
 * it first thing), after which a tool handler among the callers can ask with `input_required`.
 */
export interface PushHelper {
  fn: TSESTree.FunctionDeclaration | TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
  /** `const <binding> = await <push>;`, the helper's first statement. */
  statement: TSESTree.VariableDeclaration;
  binding: TSESTree.Identifier | TSESTree.ObjectPattern;
  /** The push call (`server.server.listRoots()`). */
  push: TSESTree.CallExpression;
  /** Every `H()` call in the file, each the argument of an `await` in an async function. */
  calls: TSESTree.CallExpression[];
}

/**
 * The helper around a push call, when the call opens it as described on {@link PushHelper}: a
 * module-level `async function H()` or `const H = async () => {…}` with no parameters, called
 * only as `await H()` (never passed around or exported), whose request names only module-level
 * bindings that no caller shadows.
 */
export function pushHelperOf(code: Code, push: TSESTree.CallExpression): PushHelper | undefined {
  const awaited = push.parent;
  const declarator = awaited?.parent;
  const statement = declarator?.parent;
  if (awaited?.type !== 'AwaitExpression' || declarator?.type !== 'VariableDeclarator' || declarator.init !== awaited) return undefined;
  if (statement?.type !== 'VariableDeclaration' || statement.kind !== 'const' || statement.declarations.length !== 1) return undefined;
  if ((declarator.id.type !== 'Identifier' && declarator.id.type !== 'ObjectPattern') || declarator.id.typeAnnotation) return undefined;
  const body = statement.parent;
  const fn = body?.parent;
  if (body?.type !== 'BlockStatement' || body.body[0] !== statement || !fn || !isFunction(fn) || !fn.async || fn.params.length > 0) return undefined;
  const name = moduleLevelName(fn as PushHelper['fn']);
  if (!name || push.arguments.length > 0) return undefined;
  const variable = ASTUtils.findVariable(code.getScope(name), name);
  if (!variable) return undefined;
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init || reference.identifier === name) continue;
    const call = reference.identifier.parent;
    if (call?.type !== 'CallExpression' || call.callee !== reference.identifier || call.arguments.length > 0) return undefined;
    if (call.parent?.type !== 'AwaitExpression' || !enclosingAsync(call)) return undefined;
    if (!sameBindings(code, push, call)) return undefined;
    calls.push(call);
  }
  if (calls.length === 0) return undefined;
  return { fn: fn as PushHelper['fn'], statement, binding: declarator.id, push, calls };
}

/** The helper's name when it is declared at module level, unexported. */
function moduleLevelName(fn: PushHelper['fn']): TSESTree.Identifier | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.parent?.type === 'Program' && fn.id ? fn.id : undefined;
  const declarator = fn.parent;
  const declaration = declarator?.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== fn || declarator.id.type !== 'Identifier') return undefined;
  return declaration?.type === 'VariableDeclaration' && declaration.kind === 'const' && declaration.parent?.type === 'Program' ? declarator.id : undefined;
}

function enclosingAsync(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current.async;
  return false;
}

/** Every name the push reads means the same at the caller: module-level bindings, not shadowed there. */
function sameBindings(code: Code, push: TSESTree.CallExpression, call: TSESTree.CallExpression): boolean {
  const names: TSESTree.Identifier[] = [];
  let root: Node = unwrap(push.callee);
  while (root.type === 'MemberExpression') {
    if (root.computed) return false;
    root = unwrap(root.object);
  }
  if (root.type !== 'Identifier') return false;
  names.push(root);
  return names.every((identifier) => {
    const here = ASTUtils.findVariable(code.getScope(identifier), identifier);
    const there = ASTUtils.findVariable(code.getScope(call), identifier.name);
    return here !== null && here === there && here.scope.type === 'module';
  });
}
