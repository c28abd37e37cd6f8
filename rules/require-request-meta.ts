import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { isMcpWireMessage, wireMessagesOf, type WireMessage } from '../src/ast/client-requests.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { isDescribedOnly, isRecordedMessage } from '../src/ast/message-records.js';
import { propertyKeyName } from '../src/ast/nodes.js';
import { lastEntry, noBindings, ValueReader, type Bound, type ObjectShape } from '../src/ast/object-keys.js';
import { isInDeliberateTest, isInExpectation } from '../src/ast/test-intent.js';
import { isUnitTestInput } from '../src/ast/transport-test-data.js';
import { createRule } from '../src/create-rule.js';
import {
  clientInfoMetaKey,
  modernProtocolVersion,
  requiredRequestMetaKeys,
  sdkMetaKeyConstants,
} from '../src/mcp/client-wire.js';
import { envelopeRequests } from '../src/mcp/methods.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'missingParams' | 'missingMeta' | 'missingMetaKeys' | 'missingClientInfo';

const envelope = `\`_meta: { '${requiredRequestMetaKeys[0]}': '${modernProtocolVersion}', '${requiredRequestMetaKeys[1]}': {…}, '${clientInfoMetaKey}': { name, version } }\``;

export default createRule<[], MessageIds>({
  name: 'require-request-meta',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the per-request `_meta` envelope on the requests hand-rolled MCP clients send',
      spec: specUrls.requestMeta,
      catalogue: ['L7', 'L8', 'CM5'],
      findings: {
        missingParams: { severity: 'error', fix: 'manual' },
        missingMeta: { severity: 'error', fix: 'manual' },
        missingMetaKeys: { severity: 'error', fix: 'manual' },
        missingClientInfo: { severity: 'warning', fix: 'manual' },
      },
      // Every report names the request's method, spelled in this file.
      prefilter: ['tools/', 'prompts/', 'resources/', 'completion/complete', 'server/discover', 'subscriptions/listen', 'tasks/'],
    },
    messages: {
      missingParams: `This \`{{method}}\` request has no \`params\`; MCP 2026-07-28 requires \`params._meta\` on every request, so a 2026-07-28 server rejects it with -32602. Send \`params: { ${envelope.slice(1, -1)} }\` (SDK v2's \`Client\` adds the envelope itself).`,
      missingMeta: `The params of this \`{{method}}\` request have no \`_meta\`; 2026-07-28 servers reject a request without the per-request envelope with -32602. Add ${envelope} (SDK v2's \`Client\` adds it itself).`,
      missingMetaKeys: `The \`_meta\` of this \`{{method}}\` request lacks {{missing}}, which MCP 2026-07-28 requires on every request (a 2026-07-28 server answers -32602): add {{missing}} ('${modernProtocolVersion}', and the client's capabilities, \`{}\` for none).`,
      missingClientInfo: `The \`_meta\` of this \`{{method}}\` request has no \`'${clientInfoMetaKey}'\`; with no initialize to carry it, 2026-07-28 clients SHOULD send \`{ name, version }\` there on every request.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const reader = new ValueReader(sourceCode, (node) => {
      const origin = mcpExportOf(node, sourceCode.getScope(node));
      return origin ? sdkMetaKeyConstants[origin.name] : undefined;
    });
    const reported = new Set<string>();

    function report(node: TSESTree.Node, messageId: MessageIds, data: Record<string, string>): void {
      const key = `${node.range.join(':')}:${messageId}`;
      if (reported.has(key) || isInDeliberateTest(node)) return;
      reported.add(key);
      context.report({ node, messageId, data });
    }

    function isClientRequest(message: WireMessage): boolean {
      return message.isRequest && message.hasJsonRpc && envelopeRequests.has(message.method) && isMcpWireMessage(message, reader);
    }

    function checkParams(message: WireMessage): void {
      const data = { method: message.method };
      if (!message.params) {
        if (!message.open) report(message.methodNode, 'missingParams', data);
        return;
      }
      const params = reader.objectShape(message.params);
      if (params === 'absent') return report(message.methodNode, 'missingParams', data);
      if (!params) return;
      const meta = lastEntry(params, '_meta');
      if (!meta) {
        if (!params.open) report(valueNode(message.params), 'missingMeta', data);
        return;
      }
      if (meta.value) checkMeta(meta.value, data);
    }

    function checkMeta(value: Bound, data: { method: string }): void {
      const meta = reader.objectShape(value);
      if (meta === 'absent') return report(valueNode(value), 'missingMeta', data);
      if (!meta || meta.open) return;
      const missing = requiredRequestMetaKeys.filter((key) => !hasKey(meta, key));
      if (missing.length > 0) return report(valueNode(value), 'missingMetaKeys', { ...data, missing: missing.map((key) => `'${key}'`).join(' and ') });
      if (!hasKey(meta, clientInfoMetaKey)) report(valueNode(value), 'missingClientInfo', data);
    }

    /** Where to point at a value: the expression it resolved to (a caller's argument, a constant's object). */
    function valueNode(bound: Bound): TSESTree.Node {
      const resolved = reader.resolve(bound);
      return resolved.kind === 'value' ? resolved.node : bound.node;
    }

    return {
      ObjectExpression(node) {
        if (!hasMethodKey(node) || isInExpectation(node)) return;
        // Entries of a message log or network panel, and fixtures read only for their fields, are not sent.
        if (isRecordedMessage(node, reader) || isDescribedOnly(node, sourceCode)) return;
        // A test's input to a predicate, a middleware, a transport double or a relay: no MCP server receives it.
        if (isUnitTestInput(node, sourceCode)) return;
        for (const message of wireMessagesOf({ node, bindings: noBindings }, reader)) {
          if (message.object === node && isClientRequest(message)) checkParams(message);
        }
      },
    };
  },
});

function hasKey(shape: ObjectShape, key: string): boolean {
  return lastEntry(shape, key) !== undefined;
}

function hasMethodKey(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'method');
}
