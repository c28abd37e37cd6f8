import type { TSESTree } from '@typescript-eslint/utils';
import { fileEvidence, speaksMcpTokens } from '../src/ast/evidence.js';
import { isHandRolledServer, servedBySdk } from '../src/ast/hand-rolled-server.js';
import { httpErrorResponseOf, type HttpErrorResponse } from '../src/ast/http-error-responses.js';
import { createRule } from '../src/create-rule.js';
import { errorStatusRules, type ErrorStatusRule } from '../src/mcp/server-wire.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'methodNotFoundStatus' | 'badRequestStatus';

/**
 * Statuses that are certainly wrong for an error that needs `required`: a success (the default
 * 200 included), or the other of the two statuses 2026-07-28 assigns. Anything else (405 for
 * GET, 401/403, 5xx) may be deliberate, so the rule leaves it alone.
 */
function isWrongStatus(status: number, required: ErrorStatusRule['status']): boolean {
  if (status >= 200 && status < 300) return true;
  return required === 404 ? status === 400 : status === 404;
}

export default createRule<[], MessageIds>({
  name: 'require-http-status-codes',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require HTTP 404 for -32601 and HTTP 400 for -32602 (missing _meta), -32020, -32021 and -32022 in hand-rolled MCP Streamable HTTP servers, as MCP 2026-07-28 does',
      spec: specUrls.streamableHttp,
      catalogue: ['H12', 'H13'],
      findings: {
        methodNotFoundStatus: { severity: 'error', fix: 'manual' },
        badRequestStatus: { severity: 'error', fix: 'manual' },
      },
      // The code must be visible in the response: as a number or as an SDK name for it.
      prefilter: ['32601', '32602', '32020', '32021', '32022', 'MethodNotFound', 'METHOD_NOT_FOUND', 'InvalidParams', 'INVALID_PARAMS', 'MissingRequiredClientCapability', 'UnsupportedProtocolVersion'],
      // Only in a file that speaks MCP: a hand-rolled server routes a distinctive method name,
      // which is itself speaksMcp evidence, so no extra is needed.
      prefilterAlso: speaksMcpTokens,
    },
    messages: {
      methodNotFoundStatus:
        'Answers -32601 (method not found) with HTTP {{status}}; on 2026-07-28 Streamable HTTP an unknown or removed method gets HTTP 404 with -32601. Send it with status 404 (`res.status(404)`, `new Response(body, { status: 404 })`).',
      badRequestStatus:
        'Answers {{code}} ({{meaning}}) with HTTP {{status}}; MCP 2026-07-28 requires HTTP 400 with this error on Streamable HTTP. Send it with status 400 (`res.status(400)`, `new Response(body, { status: 400 })`).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const evidence = fileEvidence(sourceCode);
    // A hand-rolled MCP server, or its HTTP layer: a file that speaks MCP without an SDK server
    // (which sets these statuses itself) and without signs of another JSON-RPC protocol.
    const isMcpHttpServer = !servedBySdk(sourceCode) && (isHandRolledServer(sourceCode) || (evidence.speaksMcp && evidence.lookalikes.size === 0));
    if (!isMcpHttpServer) return {};

    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const response = httpErrorResponseOf(node, sourceCode);
      if (!response) return;
      const rule = errorStatusRules.find((candidate) => candidate.code === response.code);
      if (!rule || (rule.onlyWhen && !rule.onlyWhen.test(sourceCode.getText(response.error)))) return;
      const status = response.status?.value ?? 200;
      if (!isWrongStatus(status, rule.status)) return;
      const reported: TSESTree.Node = response.status?.node ?? response.sender;
      const data = { code: String(rule.code), meaning: rule.meaning, status: describeStatus(response) };
      context.report({ node: reported, messageId: rule.status === 404 ? 'methodNotFoundStatus' : 'badRequestStatus', data });
    }

    return {
      CallExpression: check,
      NewExpression: check,
    };
  },
});

function describeStatus(response: HttpErrorResponse): string {
  return response.status ? String(response.status.value) : '200 (the default, no status is set)';
}
