import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { clientClasses, serverClasses } from '../mcp/sdk-api.js';
import { staticValue } from './constants.js';
import { fileEvidence } from './evidence.js';
import { mcpExportOf } from './imports.js';
import { meaningfulParent, propertyKeyName, unwrap } from './nodes.js';
import { mcpSideOf } from './sdk.js';
import { mcpInstanceClassOf } from './transports.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** An object that declares MCP capabilities, and whose: a server's, a client's, or unknown. */
export interface CapabilitiesDeclaration {
  side: 'server' | 'client' | undefined;
}

const clientCapabilitiesMetaKey = 'io.modelcontextprotocol/clientCapabilities';
const clientCapabilitiesMetaKeyExport = 'CLIENT_CAPABILITIES_META_KEY';
/** Keys beside `capabilities` in a hand-rolled InitializeResult / DiscoverResult, and in initialize params. */
const serverResultKeys = new Set(['serverInfo', 'protocolVersion', 'supportedVersions', 'instructions']);
const clientParamsKeys = new Set(['clientInfo']);

/**
 * Whether an object literal is an MCP capabilities declaration (design.md principle 3): the
 * `capabilities` option of an SDK `McpServer`/`Server`/`Client`, the argument of
 * `server.registerCapabilities()`, the `capabilities` of a hand-rolled initialize or
 * server/discover result or of initialize params, or a request's
 * `_meta['io.modelcontextprotocol/clientCapabilities']`. The object may be held in a constant.
 */
export function mcpCapabilitiesOf(object: TSESTree.ObjectExpression, sourceCode: SourceCode): CapabilitiesDeclaration | undefined {
  for (const use of usesOf(object, sourceCode)) {
    const found = capabilitiesAt(use, sourceCode);
    if (found) return found;
  }
  return undefined;
}

/** The MCP class (`McpServer`, `Server`, `Client`) whose constructor takes `options` as its options argument. */
export function mcpClassConstructedWith(options: TSESTree.ObjectExpression, sourceCode: SourceCode): string | undefined {
  for (const use of usesOf(options, sourceCode)) {
    const { parent, child } = meaningfulParent(use);
    if (parent?.type === AST_NODE_TYPES.NewExpression && parent.arguments[1] === child) {
      const className = mcpInstanceClassOf(parent, [...serverClasses, ...clientClasses], sourceCode);
      if (className) return className;
    }
  }
  return undefined;
}

/** Where the value of an object literal is used: where it is written, and every read of the constant it initialises. */
function usesOf(object: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node[] {
  const { parent, child } = meaningfulParent(object);
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) {
    return [object];
  }
  const variable = ASTUtils.findVariable(sourceCode.getScope(parent), parent.id);
  const reads = variable?.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier as TSESTree.Node) ?? [];
  return [object, ...reads];
}

function capabilitiesAt(use: TSESTree.Node, sourceCode: SourceCode): CapabilitiesDeclaration | undefined {
  const { parent, child } = meaningfulParent(use);
  if (!parent) return undefined;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === child) return registeredCapabilities(parent, sourceCode);
  if (parent.type !== AST_NODE_TYPES.Property || parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) {
    return undefined;
  }
  if (isClientCapabilitiesMetaKey(parent, sourceCode)) return { side: 'client' };
  if (propertyKeyName(parent) !== 'capabilities') return undefined;
  const container = parent.parent;
  const className = mcpClassConstructedWith(container, sourceCode);
  if (className) return { side: clientClasses.includes(className) ? 'client' : 'server' };
  if (!speaksMcp(sourceCode)) return undefined;
  const siblings = container.properties.map((p) => (p.type === AST_NODE_TYPES.Property ? propertyKeyName(p) : undefined));
  if (siblings.some((key) => key !== undefined && clientParamsKeys.has(key))) return { side: 'client' };
  if (siblings.some((key) => key !== undefined && serverResultKeys.has(key))) return { side: 'server' };
  return undefined;
}

/** `server.registerCapabilities({ … })` on an SDK server (or an untraced receiver in a file that imports the SDK). */
function registeredCapabilities(call: TSESTree.CallExpression, sourceCode: SourceCode): CapabilitiesDeclaration | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (callee.property.name !== 'registerCapabilities') return undefined;
  const side = mcpSideOf(callee.object, sourceCode);
  if (side === 'server' || (side === undefined && fileEvidence(sourceCode).importsMcp)) return { side: 'server' };
  return undefined;
}

/** `'io.modelcontextprotocol/clientCapabilities': …`, also as `[CLIENT_CAPABILITIES_META_KEY]` imported from the SDK. */
function isClientCapabilitiesMetaKey(property: TSESTree.Property, sourceCode: SourceCode): boolean {
  if (!property.computed) return propertyKeyName(property) === clientCapabilitiesMetaKey;
  const scope = sourceCode.getScope(property.key);
  return staticValue(property.key, scope)?.value === clientCapabilitiesMetaKey || mcpExportOf(property.key, scope)?.name === clientCapabilitiesMetaKeyExport;
}

/** Hand-rolled shapes count only in files that speak MCP and show no LSP signs (LSP has `capabilities` too). */
function speaksMcp(sourceCode: SourceCode): boolean {
  const evidence = fileEvidence(sourceCode);
  return evidence.speaksMcp && !evidence.lookalikes.has('lsp');
}
