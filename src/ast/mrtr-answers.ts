import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { inputRequiredBuilder, inputRequiredResultType } from '../mcp/request-state.js';
import { handlerRegistrations } from '../mcp/sdk-api.js';
import { replyHelperName } from '../mcp/server-wire.js';
import { staticValue } from './constants.js';
import { requestAnsweredByReturn, requestAnsweredBySend } from './handler-results.js';
import { enclosingFunction, mcpMethodHandledAt } from './handlers.js';
import { mcpExportOf } from './imports.js';
import { calleeName, meaningfulParent, propertyKeyName } from './nodes.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** How many variables to follow from a value to the place it is answered. */
const maxAliasDepth = 2;

/**
 * Where a value says it is an `input_required` result: the `inputRequired` callee of SDK v2
 * `inputRequired({ … })` (also `ns.inputRequired`, aliased and required), or the
 * `resultType: 'input_required'` property of a hand-built result. Undefined for anything else,
 * the `inputRequired.elicit(…)` request builders included.
 */
export function inputRequiredMarkerOf(node: TSESTree.CallExpression | TSESTree.ObjectExpression, sourceCode: SourceCode): TSESTree.Node | undefined {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    return mcpExportOf(node.callee, sourceCode.getScope(node))?.name === inputRequiredBuilder ? node.callee : undefined;
  }
  return node.properties.find(
    (property): property is TSESTree.Property =>
      property.type === AST_NODE_TYPES.Property &&
      keyOf(property, sourceCode) === 'resultType' &&
      staticValue(property.value, sourceCode.getScope(property.value))?.value === inputRequiredResultType,
  );
}

function keyOf(property: TSESTree.Property, sourceCode: SourceCode): string | undefined {
  if (!property.computed) return propertyKeyName(property);
  const value = staticValue(property.key, sourceCode.getScope(property.key))?.value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The MCP request a value is the answer to: returned from (or the arrow body of) a handler, the
 * `result` of a response message, the result argument of a reply helper, or stored in a
 * variable that is then one of those. Undefined when the code does not show which request.
 */
export function requestAnsweredWith(value: TSESTree.Node, context: Context, depth = 0): string | undefined {
  let { parent, child } = meaningfulParent(value);
  while (parent && isPassThrough(parent, child)) ({ parent, child } = meaningfulParent(parent));
  if (!parent) return undefined;
  switch (parent.type) {
    case AST_NODE_TYPES.ReturnStatement:
      return returnedTo(child, context);
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === child ? returnedTo(child, context) : undefined;
    case AST_NODE_TYPES.Property:
      return parent.value === child && propertyKeyName(parent) === 'result' ? requestAnsweredBySend(parent, context) : undefined;
    case AST_NODE_TYPES.CallExpression:
      return parent.arguments.length >= 2 && parent.arguments.at(-1) === child && replyHelperName.test(calleeName(parent) ?? '')
        ? requestAnsweredBySend(parent, context)
        : undefined;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier ? viaVariable(parent.id, context, depth) : undefined;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === child && parent.left.type === AST_NODE_TYPES.Identifier ? viaVariable(parent.left, context, depth) : undefined;
    default:
      return undefined;
  }
}

/**
 * The request a returned value answers: hand-rolled dispatch (`requestAnsweredByReturn`), or
 * the callback of an SDK registration (`setRequestHandler(ListToolsRequestSchema, fn)`,
 * `registerResource(…, fn)`), whose method the schema or the registration names.
 */
function returnedTo(value: TSESTree.Node, context: Context): string | undefined {
  const method = requestAnsweredByReturn(value, context);
  if (method) return method;
  const fn = enclosingFunction(value);
  const call = fn?.parent;
  const isRegistration =
    call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(fn as TSESTree.CallExpressionArgument) && Object.hasOwn(handlerRegistrations, calleeName(call) ?? '');
  return isRegistration ? mcpMethodHandledAt(value, context) : undefined;
}

/** Expressions whose value is the value inside them: `await x`, `cond ? x : y`, `x ?? y`. */
function isPassThrough(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return true;
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== child;
    default:
      return false;
  }
}

function viaVariable(identifier: TSESTree.Identifier, context: Context, depth: number): string | undefined {
  if (depth >= maxAliasDepth) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
  for (const reference of variable?.references ?? []) {
    if (!reference.isRead()) continue;
    const method = requestAnsweredWith(reference.identifier as TSESTree.Node, context, depth + 1);
    if (method) return method;
  }
  return undefined;
}
