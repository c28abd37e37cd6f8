import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { constantOrigin, staticValue } from '../src/ast/constants.js';
import { fileEvidence, speaksMcpTokens } from '../src/ast/evidence.js';
import { handlerContextPath } from '../src/ast/sdk.js';
import { propertyKeyName, unwrap } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import {
  isReservedPrefix,
  namespacedTraceKey,
  officialExtensionNames,
  parsePrefixedKey,
  specDefinedMetaKeyNames,
  traceContextKeyConstants,
} from '../src/mcp/reserved-meta-keys.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'namespacedTraceKey' | 'reservedPrefix';

type Report = { messageId: MessageIds; data: Record<string, string> };

/** The prefix every key the specification defines carries; a key under it is evidence of MCP on its own. */
const specPrefix = 'io.modelcontextprotocol/';

/** What is wrong with a `_meta` key, if anything. */
function problemWith(key: string): Report | undefined {
  const bare = namespacedTraceKey(key);
  if (bare) return { messageId: 'namespacedTraceKey', data: { key, bare, constant: traceContextKeyConstants[bare]! } };
  const parsed = parsePrefixedKey(key);
  if (!parsed || !isReservedPrefix(parsed.prefix)) return undefined;
  const isSpecPrefix = parsed.prefix === specPrefix.slice(0, -1);
  if (isSpecPrefix && (specDefinedMetaKeyNames.has(parsed.name) || officialExtensionNames.has(parsed.name))) return undefined;
  return { messageId: 'reservedPrefix', data: { key, prefix: parsed.prefix, name: parsed.name } };
}

export default createRule<[], MessageIds>({
  name: 'no-reserved-meta-keys',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow namespaced trace-context keys and application keys under reserved prefixes in MCP _meta objects',
      spec: specUrls.requestMeta,
      catalogue: ['P7', 'P8'],
      findings: {
        namespacedTraceKey: { severity: 'warning', fix: 'manual' },
        reservedPrefix: { severity: 'warning', fix: 'manual' },
      },
      // Keys of `_meta` objects, or of the v2 handler context's `envelope`.
      prefilter: ['_meta', 'envelope'],
      // Without speaksMcp only keys under the spec's prefix count (P8):
      // - `io.modelcontextprotocol`: that prefix, without its `/` so a key built from the prefix's name still counts.
      prefilterAlso: [...speaksMcpTokens, 'io.modelcontextprotocol'],
    },
    messages: {
      namespacedTraceKey:
        'MCP 2026-07-28 carries W3C Trace Context in `_meta` under the bare `{{bare}}` key, so peers never read `{{key}}`. Use `{{bare}}` (SDK v2: `{{constant}}`).',
      reservedPrefix:
        '`{{key}}` uses the `{{prefix}}/` prefix, which MCP 2026-07-28 reserves for keys the specification defines, and it defines no `{{name}}`. Put application keys under a reverse-DNS prefix you own, such as `com.example/{{name}}`.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const speaksMcp = fileEvidence(sourceCode).speaksMcp;
    const reported = new Set<TSESTree.Node>();

    function check(keyNode: TSESTree.Node, key: string | undefined): void {
      if (key === undefined || reported.has(keyNode)) return;
      const problem = problemWith(key);
      // Other libraries have `_meta` objects too: without an MCP import or method name, only keys under the spec's own prefix count.
      if (!problem || (!speaksMcp && !key.startsWith(specPrefix))) return;
      reported.add(keyNode);
      context.report({ node: keyNode, ...problem });
    }

    function keyOfProperty(property: TSESTree.Property): string | undefined {
      if (!property.computed) return propertyKeyName(property);
      return stringValue(property.key);
    }

    function stringValue(node: TSESTree.Node): string | undefined {
      const value = staticValue(node, sourceCode.getScope(node))?.value;
      return typeof value === 'string' ? value : undefined;
    }

    /** The object literal a `_meta:` value stands for, in place or through a constant. */
    function objectOf(value: TSESTree.Node): TSESTree.ObjectExpression | undefined {
      const inner = unwrap(value);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      const origin = constantOrigin(inner, sourceCode.getScope(inner))?.node;
      return origin?.type === AST_NODE_TYPES.ObjectExpression ? origin : undefined;
    }

    function checkObject(object: TSESTree.ObjectExpression): void {
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.Property) check(property.key, keyOfProperty(property));
      }
    }

    /**
     * An expression that holds a `_meta` object: `x._meta`, `ctx.mcpReq.envelope`, or a variable
     * initialised with one (`const meta = request.params._meta`).
     */
    function holdsMeta(expression: TSESTree.Node, depth = 0): boolean {
      const inner = unwrap(expression);
      // `request.params._meta ?? {}`
      if (inner.type === AST_NODE_TYPES.LogicalExpression) return holdsMeta(inner.left, depth);
      if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier) {
        if (inner.property.name === '_meta') return true;
        if (inner.property.name === 'envelope') return handlerContextPath(inner, sourceCode)?.join('.') === 'mcpReq.envelope';
        return false;
      }
      if (inner.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
      const path = handlerContextPath(inner, sourceCode);
      if (path) return path.at(-1) === '_meta' || path.join('.') === 'mcpReq.envelope';
      const variable = ASTUtils.findVariable(sourceCode.getScope(inner), inner);
      const def = variable?.defs[0];
      return def?.type === 'Variable' && def.node.id === def.name && def.node.init !== null && holdsMeta(def.node.init, depth + 1);
    }

    return {
      Property(node) {
        if (propertyKeyName(node) !== '_meta' || node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
        const object = objectOf(node.value);
        if (object) checkObject(object);
      },
      // `params._meta = { … }`
      AssignmentExpression(node) {
        const target = unwrap(node.left);
        const isMetaField =
          target.type === AST_NODE_TYPES.MemberExpression && !target.computed &&
          target.property.type === AST_NODE_TYPES.Identifier && target.property.name === '_meta';
        const object = isMetaField ? objectOf(node.right) : undefined;
        if (object) checkObject(object);
      },
      'MemberExpression[computed=true]'(node: TSESTree.MemberExpression) {
        if (holdsMeta(node.object)) check(node.property, stringValue(node.property));
      },
      'VariableDeclarator[id.type="ObjectPattern"]'(node: TSESTree.VariableDeclarator) {
        if (!node.init || node.id.type !== AST_NODE_TYPES.ObjectPattern || !holdsMeta(node.init)) return;
        for (const property of node.id.properties) {
          if (property.type === AST_NODE_TYPES.Property) check(property.key, keyOfProperty(property));
        }
      },
    };
  },
});
