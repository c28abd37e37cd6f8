import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

/** Expressions that only add TypeScript types or parentheses around a value. */
const transparentWrappers = new Set<string>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.ChainExpression,
]);

type Wrapper =
  | TSESTree.TSAsExpression
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSNonNullExpression
  | TSESTree.TSTypeAssertion
  | TSESTree.ChainExpression;

/** The value expression under `as`, `satisfies`, `!`, `<T>` and optional-chain wrappers. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (transparentWrappers.has(current.type)) current = (current as Wrapper).expression;
  return current;
}

/** The nearest ancestor that is not a type-only or chain wrapper, with the node it wraps. */
export function meaningfulParent(node: TSESTree.Node): { parent: TSESTree.Node | undefined; child: TSESTree.Node } {
  let child = node;
  let parent = node.parent;
  while (parent && transparentWrappers.has(parent.type)) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** The name of a property key written as an identifier, a string or a number (not computed). */
export function propertyKeyName(property: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  const key = property.key;
  if (!property.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  return undefined;
}

/** `a.b.method(...)` → `method`; `method(...)` → `method`; anything else → undefined. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    return callee.property.name;
  }
  return undefined;
}

/** `JSON.stringify(…)`. */
export function isJsonStringify(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'JSON' && calleeName(call) === 'stringify';
}

/** The text of a string literal or of a template literal without substitutions. */
export function stringLiteralValue(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** A template literal's text with each substitution replaced by `…`, for reading error messages. */
export function templateText(node: TSESTree.Node): string | undefined {
  const plain = stringLiteralValue(node);
  if (plain !== undefined) return plain;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.quasis.map((q) => q.value.cooked ?? '').join('…');
  return undefined;
}

/** `-32002` written as a negated numeric literal. */
export function negativeNumberLiteral(node: TSESTree.Node): number | undefined {
  if (
    node.type === AST_NODE_TYPES.UnaryExpression &&
    node.operator === '-' &&
    node.argument.type === AST_NODE_TYPES.Literal &&
    typeof node.argument.value === 'number'
  ) {
    return -node.argument.value;
  }
  return undefined;
}

export function isFunction(node: TSESTree.Node): node is TSESTree.FunctionLike {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The nearest function (declaration, expression or arrow) that `node` sits in, or undefined at module level. */
export function enclosingFunction(node: TSESTree.Node): TSESTree.FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

/**
 * An expression that reads the same value every time it is evaluated and has no side
 * effects, so a fix may repeat it: `code`, `err.code`, `e.error?.code`, `x['code']`.
 */
export function isRepeatableReference(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.ThisExpression) return true;
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const propertyIsPlain = !inner.computed || inner.property.type === AST_NODE_TYPES.Literal;
    return propertyIsPlain && isRepeatableReference(inner.object);
  }
  return false;
}

/** Calls `visit` on `node` and every node below it, in source order. */
export function walk(node: TSESTree.Node, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>, visit: (node: TSESTree.Node) => void): void {
  visit(node);
  for (const key of visitorKeys[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child) if (item) walk(item as TSESTree.Node, visitorKeys, visit);
    } else if (child) {
      walk(child as TSESTree.Node, visitorKeys, visit);
    }
  }
}

/** Visits `body` and what is below it in source order, except functions declared inside it (and what is below those). */
export function walkOwnBody(body: TSESTree.Node, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>, visit: (node: TSESTree.Node) => void): void {
  const step = (node: TSESTree.Node): void => {
    if (node !== body && isFunction(node)) return;
    visit(node);
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item) step(item as TSESTree.Node);
      } else if (child) {
        step(child as TSESTree.Node);
      }
    }
  };
  step(body);
}

/** The values a function returns: its expression body, or its own `return`s (not those of functions inside it). */
export function returnedValues(fn: TSESTree.FunctionLike, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>): TSESTree.Node[] {
  if (!fn.body) return [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const values: TSESTree.Node[] = [];
  walkOwnBody(fn.body, visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) values.push(node.argument);
  });
  return values;
}

/** The function a name is declared as in this file: `function f() {}` or `const f = () => {}`. */
export function localFunctionOf(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.FunctionLike | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const def = variable?.defs[0];
  if (!def) return undefined;
  if (def.type === 'FunctionName' && isFunction(def.node)) return def.node;
  if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && isFunction(unwrap(def.node.init))) {
    return unwrap(def.node.init) as TSESTree.FunctionLike;
  }
  return undefined;
}

/** The local function a callee names (`makeTransport()`, `initWith(caps)`), through `as` and `!`. */
export function calledLocalFunction(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.FunctionLike | undefined {
  const node = unwrap(callee);
  return node.type === AST_NODE_TYPES.Identifier ? localFunctionOf(node, sourceCode) : undefined;
}

/** The statically named keys of an object literal (not spreads or computed keys without a static name). */
export function objectKeyNames(object: TSESTree.ObjectExpression): Set<string> {
  const keys = new Set<string>();
  for (const property of object.properties) {
    const key = property.type === AST_NODE_TYPES.Property ? propertyKeyName(property) : undefined;
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

/** The name a function is called by in its file: `function f() {}` or `const f = () => {}`. */
export function functionBindingName(fn: TSESTree.FunctionLike): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
  return fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier ? fn.parent.id : undefined;
}
