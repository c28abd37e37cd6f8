import type { TSESTree } from '@typescript-eslint/utils';
import { responseSources } from '../src/ast/client-response-flow.js';
import { fileEvidence } from '../src/ast/evidence.js';
import { evaluateCondition, pathConditions, type ConditionReads, type Outcome, type PathCondition } from '../src/ast/fallback-conditions.js';
import { callsOf } from '../src/ast/handler-functions.js';
import { enclosingFunction } from '../src/ast/handlers.js';
import { createRule } from '../src/create-rule.js';
import { protocolVersionMetaKey, sdkMetaKeyConstants } from '../src/mcp/client-wire.js';
import { discoverMethod, initializeMethod } from '../src/mcp/handshake.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'fallsBackOnBadRequest' | 'fallsBackOnOneErrorCode';

/** How many functions to climb from the `initialize` request to the branch that calls it. */
const maxCallDepth = 3;
/** Statuses tried when asking whether a code test alone decides the fallback. */
const sampleStatuses: readonly number[] = [400, 404, 200, 500];
/** A JSON-RPC code no condition names: what "any other error" looks like. */
const otherCode = -31999;
const modernErrors = '-32020, -32021, -32022 or -32602';

const protocolVersionConstants = Object.keys(sdkMetaKeyConstants).filter((name) => sdkMetaKeyConstants[name] === protocolVersionMetaKey);

export default createRule<[], MessageIds>({
  name: 'no-blanket-legacy-fallback',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow dual-era MCP clients falling back to initialize on any HTTP 400, or only on one error code',
      spec: specUrls.versioning,
      catalogue: ['C7'],
      findings: {
        fallsBackOnBadRequest: { severity: 'error', fix: 'manual' },
        fallsBackOnOneErrorCode: { severity: 'error', fix: 'manual' },
      },
      // Every report leads to an `initialize` request the file sends.
      prefilter: [initializeMethod],
      // Every report needs `isDualEraClient()`: the file spells `server/discover` as a string, the
      // protocol-version `_meta` key, or the SDK constant naming that key (which may come from a local module).
      prefilterAlso: [discoverMethod, protocolVersionMetaKey, ...protocolVersionConstants],
    },
    messages: {
      fallsBackOnBadRequest: `Falls back to the 2025 \`initialize\` handshake on an HTTP 400 without reading the response body; a 2026-07-28 server answers a request it cannot accept with 400 and a JSON-RPC error (${modernErrors}), which means it is modern and the request needs fixing. Parse the body first: on one of those errors stay modern (for -32022 retry with a version from \`error.data.supported\`), and fall back only on anything else (SDK v2's \`versionNegotiation: { mode: 'auto' }\` does this).`,
      fallsBackOnOneErrorCode: `Falls back to the 2025 \`initialize\` handshake only when the error code is {{codes}}; MCP 2026-07-28 says the fallback MUST NOT be keyed on one error code, since a 2025 server may answer the probe with any error or not at all. Stay modern on a recognised 2026-07-28 error (${modernErrors}) and fall back on any other error or a timeout.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;

    /** A client that speaks both eras: it probes with `server/discover` or sends the 2026-07-28 envelope. */
    function isDualEraClient(): boolean {
      const evidence = fileEvidence(sourceCode);
      if (evidence.lookalikes.size > 0) return false;
      if (evidence.mcpMethods.has(discoverMethod)) return true;
      return sourceCode.ast.tokens.some(
        (token) =>
          (token.type === 'String' && token.value.slice(1, -1) === protocolVersionMetaKey) ||
          (token.type === 'Identifier' && protocolVersionConstants.includes(token.value)),
      );
    }

    function outcomeTruth(conditions: readonly PathCondition[], outcome: Outcome): boolean {
      const scratch: ConditionReads = { status: false, code: false, codes: new Set() };
      return conditions.every((condition) => evaluateCondition(condition, outcome, scratch, sourceCode) === true);
    }

    /** What each condition reads, or undefined when one of them reads something else (the body, a helper). */
    function readsOf(condition: PathCondition): ConditionReads | undefined {
      const reads: ConditionReads = { status: false, code: false, codes: new Set() };
      return evaluateCondition(condition, { status: 400, code: otherCode }, reads, sourceCode) === undefined ? undefined : reads;
    }

    /** Reports the branch that leads to `initialize`, when it is decided by the HTTP status or one error code alone. */
    function judge(conditions: readonly PathCondition[]): void {
      const reads = conditions.map(readsOf);
      if (reads.some((r) => r === undefined)) return;
      const known = reads as ConditionReads[];
      const codeTest = conditions.find((_, i) => known[i]!.code);
      if (codeTest) {
        const codes = [...new Set(known.flatMap((r) => [...r.codes]))];
        const keyed = sampleStatuses.some((status) =>
          codes.some((code) => outcomeTruth(conditions, { status, code }) && !outcomeTruth(conditions, { status, code: otherCode })),
        );
        if (keyed) context.report({ node: codeTest.test, messageId: 'fallsBackOnOneErrorCode', data: { codes: codes.join(' or ') } });
        return;
      }
      const statusTest = conditions.find((_, i) => known[i]!.status);
      if (statusTest && outcomeTruth(conditions, { status: 400, code: undefined })) {
        context.report({ node: statusTest.test, messageId: 'fallsBackOnBadRequest' });
      }
    }

    return {
      'Program:exit'() {
        if (!isDualEraClient()) return;
        let frontier: TSESTree.Node[] = responseSources(context, new Set([initializeMethod])).map((source) => source.call);
        const climbed = new Set<TSESTree.FunctionLike>();
        for (let depth = 0; depth <= maxCallDepth && frontier.length > 0; depth++) {
          const next: TSESTree.Node[] = [];
          for (const node of frontier) {
            const fn = enclosingFunction(node);
            const conditions = pathConditions(node, fn);
            if (!conditions) continue;
            if (conditions.length > 0) {
              judge(conditions);
            } else if (fn && !climbed.has(fn)) {
              // An unconditional `initialize`: the function is the fallback, and its callers decide when it runs.
              climbed.add(fn);
              next.push(...callsOf(fn, context));
            }
          }
          frontier = next;
        }
      },
    };
  },
});
