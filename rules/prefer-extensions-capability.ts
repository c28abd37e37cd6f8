import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { isMcpCapabilitiesObject } from '../src/ast/capability-objects.js';
import { constantOrigin, staticValue } from '../src/ast/constants.js';
import { speaksMcpTokens } from '../src/ast/evidence.js';
import { propertyKeyName, unwrap } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import { parsePrefixedKey } from '../src/mcp/reserved-meta-keys.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'extensionUnderExperimental';

export default createRule<[], MessageIds>({
  name: 'prefer-extensions-capability',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Declare MCP extensions under capabilities.extensions, which MCP 2026-07-28 added, rather than capabilities.experimental',
      spec: specUrls.versioning,
      catalogue: ['P1'],
      findings: { extensionUnderExperimental: { severity: 'warning', fix: 'manual' } },
      // Every report is a key of an `experimental` object.
      prefilter: ['experimental'],
      // The capabilities object is an SDK one (an MCP import) or in a file that speaks MCP, except:
      // `io.modelcontextprotocol/`: a request's `_meta['io.modelcontextprotocol/clientCapabilities']`;
      // `protocolVersion`: a hand-rolled initialize result or params (beside `serverInfo`/`clientInfo`);
      // `supportedVersions`: a hand-rolled server/discover result.
      prefilterAlso: [...speaksMcpTokens, 'io.modelcontextprotocol/', 'protocolVersion', 'supportedVersions'],
    },
    messages: {
      extensionUnderExperimental:
        "`{{id}}` is an extension id declared under `capabilities.experimental`; MCP 2026-07-28 negotiates extensions under `capabilities.extensions`, where 2026-07-28 peers look for them. Declare it as `extensions: { '{{id}}': {…} }` (SDK v1 and v2 accept it), keeping the `experimental` entry only while 2025 clients need it.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    // A constant `experimental` object shared by several capability objects is reported once.
    const reported = new Set<TSESTree.Node>();

    /** The object an `experimental:` or `extensions:` value stands for, in place or through a constant. */
    function objectOf(value: TSESTree.Node): TSESTree.ObjectExpression | undefined {
      const inner = unwrap(value);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      const origin = constantOrigin(inner, sourceCode.getScope(inner))?.node;
      return origin?.type === AST_NODE_TYPES.ObjectExpression ? origin : undefined;
    }

    function keyOf(property: TSESTree.Property): string | undefined {
      if (!property.computed) return propertyKeyName(property);
      const value = staticValue(property.key, sourceCode.getScope(property.key))?.value;
      return typeof value === 'string' ? value : undefined;
    }

    function propertiesOf(object: TSESTree.ObjectExpression): TSESTree.Property[] {
      return object.properties.filter((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property);
    }

    /** Ids a dual-era capabilities object already declares under `extensions` too. */
    function declaredExtensions(capabilities: TSESTree.ObjectExpression): Set<string> {
      const extensions = propertiesOf(capabilities).find((p) => propertyKeyName(p) === 'extensions');
      const object = extensions && objectOf(extensions.value);
      return new Set(object ? propertiesOf(object).map(keyOf).filter((k): k is string => k !== undefined) : []);
    }

    return {
      Property(node) {
        if (propertyKeyName(node) !== 'experimental' || node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
        const experimental = objectOf(node.value);
        if (!experimental) return;
        const extensionIds = propertiesOf(experimental).filter((p) => {
          const key = keyOf(p);
          return key !== undefined && parsePrefixedKey(key) !== undefined;
        });
        if (extensionIds.length === 0 || !isMcpCapabilitiesObject(node.parent, context)) return;
        const alsoUnderExtensions = declaredExtensions(node.parent);
        for (const property of extensionIds) {
          const id = keyOf(property)!;
          if (alsoUnderExtensions.has(id) || reported.has(property)) continue;
          reported.add(property);
          context.report({ node: property, messageId: 'extensionUnderExperimental', data: { id } });
        }
      },
    };
  },
});
