import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { mcpMethodNames, requestSchemaMethods, resourceRegistrationMethods } from '../mcp/methods.js';
import { fileEvidence } from './evidence.js';
import { mcpExportOf } from './imports.js';
import { calleeName, isFunction, propertyKeyName, unwrap } from './nodes.js';


type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * The MCP method whose handler contains `node`, or undefined. Recognises SDK registrations
 * (`setRequestHandler(ReadResourceRequestSchema | 'resources/read', fn)`, `registerResource`
 * and v1 `resource` callbacks) and hand-rolled dispatch (`case 'resources/read':`,
 * `if (method === 'resources/read')`, `{ 'resources/read': fn }`, `addMethod('resources/read', fn)`).
 */
export function mcpMethodHandledAt(node: TSESTree.Node, context: Context): string | undefined {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    const method = methodOfBranch(parent, child, context);
    if (method) return method;
  }
  return undefined;
}

function methodOfBranch(parent: TSESTree.Node, child: TSESTree.Node, context: Context): string | undefined {
  const scope = () => context.sourceCode.getScope(parent);
  switch (parent.type) {
    case AST_NODE_TYPES.SwitchCase: {
      if (child === parent.test || !parent.test) return undefined;
      // A case body also runs for the empty cases just above it: `case 'a': case 'b': body`.
      const cases = parent.parent.cases;
      for (let i = cases.indexOf(parent); i >= 0; i--) {
        const current = cases[i]!;
        if (current !== parent && current.consequent.length > 0) break;
        const method = current.test ? methodName(current.test, scope()) : undefined;
        if (method) return method;
      }
      return undefined;
    }
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return child === parent.consequent ? methodTestedBy(parent.test, scope()) : undefined;
    case AST_NODE_TYPES.Property:
      return child === parent.value && isFunctionOrReference(child) ? methodFromKey(parent, scope()) : undefined;
    case AST_NODE_TYPES.CallExpression:
      return isFunction(child) && parent.arguments.includes(child as TSESTree.CallExpressionArgument)
        ? methodOfRegistration(parent, child, context)
        : undefined;
    default:
      return undefined;
  }
}

function methodName(node: TSESTree.Node, scope: TSESLint.Scope.Scope): string | undefined {
  const value = ASTUtils.getStaticValue(node, scope)?.value;
  return typeof value === 'string' && mcpMethodNames.has(value) ? value : undefined;
}

/** `method === 'x'`, `'x' === req.method`, and `a && method === 'x'`. */
function methodTestedBy(test: TSESTree.Node, scope: TSESLint.Scope.Scope): string | undefined {
  const inner = unwrap(test);
  if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator === '&&') {
    return methodTestedBy(inner.left, scope) ?? methodTestedBy(inner.right, scope);
  }
  if (inner.type === AST_NODE_TYPES.BinaryExpression && (inner.operator === '===' || inner.operator === '==')) {
    return methodName(inner.right, scope) ?? methodName(inner.left, scope);
  }
  return undefined;
}

function isFunctionOrReference(node: TSESTree.Node): boolean {
  return isFunction(node) || node.type === AST_NODE_TYPES.Identifier;
}

function methodFromKey(property: TSESTree.Property, scope: TSESLint.Scope.Scope): string | undefined {
  const key = property.computed ? methodName(property.key, scope) : propertyKeyName(property);
  return key !== undefined && mcpMethodNames.has(key) ? key : undefined;
}

function methodOfRegistration(call: TSESTree.CallExpression, handler: TSESTree.Node, context: Context): string | undefined {
  const name = calleeName(call);
  const first = call.arguments[0];
  if (!first || first === handler) return undefined;
  const scope = context.sourceCode.getScope(call);
  if (name === 'setRequestHandler' || name === 'setNotificationHandler') {
    const schema = mcpExportOf(first, scope);
    if (schema) return requestSchemaMethods[schema.name];
  }
  if (name && resourceRegistrationMethods.includes(name) && fileEvidence(context.sourceCode).importsMcp) {
    return 'resources/read';
  }
  // Hand-rolled registries: addMethod('resources/read', fn), router.on('tools/call', fn), map.set(...).
  return methodName(first, scope);
}

/** The function a node sits in, or undefined at module level. */
export function enclosingFunction(node: TSESTree.Node): TSESTree.FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}
