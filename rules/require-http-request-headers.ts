import type { TSESTree } from '@typescript-eslint/utils';
import { isMcpWireMessage, wireMessagesOf, type WireMessage } from '../src/ast/client-requests.js';
import { httpPostOf, type HttpPost } from '../src/ast/http-posts.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { entryIgnoringCase, lastEntry, ValueReader, type ObjectEntry } from '../src/ast/object-keys.js';
import { isInDeliberateTest } from '../src/ast/test-intent.js';
import { createRule } from '../src/create-rule.js';
import {
  headerSpelling,
  methodHeader,
  modernProtocolVersion,
  nameHeader,
  nameHeaderParams,
  protocolVersionHeader,
  protocolVersionMetaKey,
  sdkMetaKeyConstants,
} from '../src/mcp/client-wire.js';
import { envelopeRequests } from '../src/mcp/methods.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'missingHeaders' | 'mismatchedProtocolVersion';

export default createRule<[], MessageIds>({
  name: 'require-http-request-headers',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the MCP-Protocol-Version, Mcp-Method and Mcp-Name headers on the MCP requests hand-rolled HTTP clients POST',
      spec: specUrls.streamableHttp,
      catalogue: ['C5', 'T14'],
      findings: {
        missingHeaders: { severity: 'error', fix: 'manual' },
        mismatchedProtocolVersion: { severity: 'error', fix: 'manual' },
      },
      // Every report is about a POST whose body names a request method, spelled in this file.
      prefilter: ['tools/', 'prompts/', 'resources/', 'completion/complete', 'server/discover', 'subscriptions/listen', 'tasks/'],
    },
    messages: {
      missingHeaders:
        "This POST sends MCP {{methods}} without {{missing}}, which MCP 2026-07-28 requires on requests: a 2026-07-28 server answers 400 with -32020 (HeaderMismatch). Add {{add}}, or use SDK v2's `StreamableHTTPClientTransport`, which sends them.",
      mismatchedProtocolVersion: `The MCP-Protocol-Version header ('{{header}}') differs from \`_meta['${protocolVersionMetaKey}']\` ('{{meta}}') in the body; a 2026-07-28 server rejects the mismatch with 400 and -32020. Send the same version in both ('${modernProtocolVersion}').`,
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

    function requestsSentBy(post: HttpPost): WireMessage[] {
      return wireMessagesOf(post.payload, reader).filter(
        (message) => message.hasJsonRpc && envelopeRequests.has(message.method) && isMcpWireMessage(message, reader),
      );
    }

    function checkHeaders(post: HttpPost, requests: WireMessage[]): void {
      const headers = post.headers!;
      const methods = [...new Set(requests.map((request) => request.method))];
      const required = [protocolVersionHeader, methodHeader];
      if (methods.some((method) => nameHeaderParams[method])) required.push(nameHeader);
      const missing = required.filter((header) => !entryIgnoringCase(headers, header));
      if (missing.length === 0) return;
      context.report({
        node: post.sender,
        messageId: 'missingHeaders',
        data: {
          methods: methods.map((method) => `\`${method}\``).join(', '),
          missing: listOf(missing.map((header) => `\`${headerSpelling[header]}\``)),
          add: listOf(missing.map((header) => headerAdvice(header, methods))),
        },
      });
    }

    function checkVersionsMatch(post: HttpPost, requests: WireMessage[]): void {
      const header = entryIgnoringCase(post.headers!, protocolVersionHeader);
      const headerVersion = header?.value && reader.stringValue(header.value);
      if (!header?.value || headerVersion === undefined) return;
      for (const request of requests) {
        const metaVersion = metaProtocolVersion(request);
        if (metaVersion === undefined || metaVersion === headerVersion) continue;
        context.report({ node: header.value.node, messageId: 'mismatchedProtocolVersion', data: { header: headerVersion, meta: metaVersion } });
        return;
      }
    }

    function metaProtocolVersion(request: WireMessage): string | undefined {
      const params = request.params && reader.objectShape(request.params);
      const meta = params && params !== 'absent' ? lastEntry(params, '_meta') : undefined;
      const metaShape = meta?.value && reader.objectShape(meta.value);
      const version: ObjectEntry | undefined = metaShape && metaShape !== 'absent' ? lastEntry(metaShape, protocolVersionMetaKey) : undefined;
      return version?.value ? reader.stringValue(version.value) : undefined;
    }

    return {
      CallExpression(node: TSESTree.CallExpression) {
        const post = httpPostOf(node, reader, sourceCode);
        // Headers built elsewhere (a variable passed in, a wrapper's defaults) cannot be checked.
        if (!post?.headers || isInDeliberateTest(node)) return;
        const requests = requestsSentBy(post);
        if (requests.length === 0) return;
        checkHeaders(post, requests);
        checkVersionsMatch(post, requests);
      },
    };
  },
});

/** What to send for a missing header, given the methods the POST can carry. */
function headerAdvice(header: string, methods: string[]): string {
  if (header === protocolVersionHeader) return `\`MCP-Protocol-Version: ${modernProtocolVersion}\` (the \`_meta\` protocolVersion)`;
  if (header === methodHeader) return methods.length === 1 ? `\`Mcp-Method: ${methods[0]}\`` : "`Mcp-Method` (the request's `method`)";
  const params = [...new Set(methods.map((method) => nameHeaderParams[method]).filter((param): param is string => param !== undefined))];
  return `\`Mcp-Name\` (${listOf(params.map((param) => `\`params.${param}\``), 'or')})`;
}

function listOf(items: string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
