import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { clientClasses, serverClasses } from '../mcp/sdk-api.js';
import { fileEvidence } from './evidence.js';
import { mcpMethodHandledAt } from './handlers.js';
import { mcpExportOf } from './imports.js';
import { meaningfulParent, propertyKeyName, unwrap } from './nodes.js';
import { sdkMethodCall } from './sdk.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** SDK types that annotate a capabilities object. */
const capabilityTypes: ReadonlySet<string> = new Set(['ServerCapabilities', 'ClientCapabilities']);

/** The `_meta` key, and its v2 constant, under which a 2026-07-28 client sends its capabilities. */
const clientCapabilitiesMetaKey = 'io.modelcontextprotocol/clientCapabilities';
const clientCapabilitiesMetaConstant = 'CLIENT_CAPABILITIES_META_KEY';

const registerCapabilities: ReadonlySet<string> = new Set(['registerCapabilities']);

/**
 * Whether an object literal is an MCP capabilities object (design.md principle 3): the
 * `capabilities` of SDK server or client options, the argument of `registerCapabilities()`,
 * a value typed `ServerCapabilities`/`ClientCapabilities` from an MCP package, the per-request
 * `_meta['io.modelcontextprotocol/clientCapabilities']`, or the `capabilities` of a hand-rolled
 * initialize result or params (`protocolVersion` beside `serverInfo`/`clientInfo`) or
 * discover result (`supportedVersions`). Also through a constant used in one of those places.
 */
export function isMcpCapabilitiesObject(object: TSESTree.ObjectExpression, context: Context): boolean {
  return isCapabilitiesValue(object, context) || constantUsedAs(object, context, isCapabilitiesValue);
}

/** The value at `expression`'s position is an MCP capabilities object. */
function isCapabilitiesValue(expression: TSESTree.Node, context: Context): boolean {
  const { parent, child } = meaningfulParent(expression);
  if (child.type === AST_NODE_TYPES.TSAsExpression || child.type === AST_NODE_TYPES.TSSatisfiesExpression) {
    if (isCapabilityType(child.typeAnnotation, context)) return true;
  }
  if (!parent) return false;
  // `capabilities: legacy ? { experimental } : { extensions }`
  if ((parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child) || parent.type === AST_NODE_TYPES.LogicalExpression) {
    return isCapabilitiesValue(parent, context);
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child) {
    return parent.id.type === AST_NODE_TYPES.Identifier && isCapabilityType(parent.id.typeAnnotation?.typeAnnotation, context);
  }
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === child) {
    return sdkMethodCall(parent, context.sourceCode, { methods: registerCapabilities, side: 'any', distinctive: registerCapabilities }) !== undefined;
  }
  if (parent.type !== AST_NODE_TYPES.Property || parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
  if (isClientCapabilitiesMetaKey(parent, context)) return true;
  if (propertyKeyName(parent) !== 'capabilities') return false;
  const owner = parent.parent;
  return isMcpOptionsOrHandshake(owner, context) || constantUsedAs(owner, context, isMcpOptionsPosition);
}

function isClientCapabilitiesMetaKey(property: TSESTree.Property, context: Context): boolean {
  if (propertyKeyName(property) === clientCapabilitiesMetaKey) return true;
  if (!property.computed) return false;
  const scope = context.sourceCode.getScope(property);
  if (ASTUtils.getStaticValue(property.key, scope)?.value === clientCapabilitiesMetaKey) return true;
  return mcpExportOf(property.key, scope)?.name === clientCapabilitiesMetaConstant;
}

function isCapabilityType(type: TSESTree.TypeNode | undefined, context: Context): boolean {
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const exported = mcpExportOf(type.typeName, context.sourceCode.getScope(type));
  return exported !== undefined && capabilityTypes.has(exported.name);
}

/** An object holding `capabilities` that is SDK options (in place) or a hand-rolled handshake shape. */
function isMcpOptionsOrHandshake(owner: TSESTree.ObjectExpression, context: Context): boolean {
  if (isMcpOptionsPosition(owner, context)) return true;
  const keys = new Set(owner.properties.map((p) => (p.type === AST_NODE_TYPES.Property ? propertyKeyName(p) : undefined)));
  // LSP's InitializeResult has capabilities and serverInfo, but never protocolVersion.
  if (keys.has('protocolVersion') && (keys.has('serverInfo') || keys.has('clientInfo'))) return true;
  if (keys.has('supportedVersions')) return true;
  return isInDiscoverOrMcpInitializeHandler(owner, context);
}

function isInDiscoverOrMcpInitializeHandler(node: TSESTree.Node, context: Context): boolean {
  const method = mcpMethodHandledAt(node, context);
  if (method === 'server/discover') return true;
  const evidence = fileEvidence(context.sourceCode);
  return method === 'initialize' && evidence.speaksMcp && !evidence.lookalikes.has('lsp');
}

/** The second argument of `new McpServer(info, options)`, `new Server(…)` or `new Client(…)`. */
function isMcpOptionsPosition(expression: TSESTree.Node, context: Context): boolean {
  const { parent, child } = meaningfulParent(expression);
  if (parent?.type !== AST_NODE_TYPES.NewExpression || parent.arguments[1] !== child) return false;
  const exported = mcpExportOf(parent.callee, context.sourceCode.getScope(parent));
  return exported !== undefined && [...serverClasses, ...clientClasses].includes(exported.name);
}

/** `const x = <object>` where some read of `x` sits in a position `test` accepts. */
function constantUsedAs(
  object: TSESTree.ObjectExpression,
  context: Context,
  test: (expression: TSESTree.Node, context: Context) => boolean,
): boolean {
  const { parent, child } = meaningfulParent(object);
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(parent), parent.id);
  return (variable?.references ?? []).some((reference) => reference.isRead() && test(unwrap(reference.identifier), context));
}
