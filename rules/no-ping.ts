import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { speaksMcpTokens } from '../src/ast/evidence.js';
import { enclosingFunction } from '../src/ast/handlers.js';
import { mcpMessageNaming, mcpRoutesOf, sdkRegistrationOf } from '../src/ast/mcp-method-sites.js';
import { calleeName, unwrap } from '../src/ast/nodes.js';
import { isClientCommandRoute, isRecordedMessage } from '../src/ast/outbound-requests.js';
import { sdkMethodCall } from '../src/ast/sdk.js';
import { isTransportTestData } from '../src/ast/transport-test-data.js';
import { createRule } from '../src/create-rule.js';
import { pingMethod, timerFunctions } from '../src/mcp/handshake.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'callsPing' | 'keepAlivePing' | 'handlesPing' | 'sendsPing';

const pingOnly: ReadonlySet<string> = new Set([pingMethod]);
const liveness = 'leave liveness to the transport (HTTP keep-alive, SSE comment lines, the stdio process status), or make a cheap `tools/list` call when you need a round trip';

/** The timer call (`setInterval(...)`) whose callback holds `node`, if any. */
function timerAround(node: TSESTree.Node): string | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) continue;
    const name = calleeName(call);
    if (name && timerFunctions.includes(name)) return name;
  }
  return undefined;
}

export default createRule<[], MessageIds>({
  name: 'no-ping',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow MCP ping, which MCP 2026-07-28 removed',
      spec: specUrls.changelog,
      catalogue: ['L13'],
      findings: {
        callsPing: { severity: 'error', fix: 'manual' },
        keepAlivePing: { severity: 'error', fix: 'manual' },
        handlesPing: { severity: 'error', fix: 'manual' },
        sendsPing: { severity: 'error', fix: 'manual' },
      },
      // Every report names the method: `.ping(`, `PingRequestSchema`, `'ping'`.
      prefilter: ['ping'],
      // Every path needs MCP evidence: SDK calls and handlers an MCP import, a hand-rolled
      // route or message a distinctive method beside it or a file that speaks MCP. No extras.
      prefilterAlso: speaksMcpTokens,
    },
    messages: {
      callsPing: `\`{{call}}\` sends MCP \`ping\`, which 2026-07-28 removed: a 2026-07-28 server answers it with -32601 (Method not found) and SDK v2 throws on modern connections. Remove it; ${liveness}.`,
      keepAlivePing: `Pings the MCP peer from \`{{timer}}\` to keep the connection alive; 2026-07-28 removed \`ping\` (a modern server answers -32601) and every request stands alone. Remove the timer; ${liveness}.`,
      handlesPing:
        'Answers MCP `ping`, which 2026-07-28 removed: 2026-07-28 clients never send it, and a 2026-07-28 server answers it with -32601 (Method not found). Remove the handler, or keep it only on the path that serves 2025 clients.',
      sendsPing: `Sends a JSON-RPC \`ping\` message, which MCP 2026-07-28 removed (a modern peer answers -32601, and servers may not send requests at all). Remove it; ${liveness}.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const report = (node: TSESTree.Node, messageId: MessageIds, data?: Record<string, string>) =>
      context.report({ node, messageId, ...(data ? { data } : {}) });

    function shortCallee(call: TSESTree.CallExpression): string {
      const text = sourceCode.getText(unwrap(call.callee)).replace(/\s+/g, '');
      return `${text.length > 40 ? `…${text.slice(-39)}` : text}()`;
    }

    return {
      CallExpression(node) {
        const registration = sdkRegistrationOf(node, sourceCode);
        if (registration?.method === pingMethod) report(registration.at, 'handlesPing');
        if (!sdkMethodCall(node, sourceCode, { methods: pingOnly, side: 'any' })) return;
        const timer = timerAround(node);
        if (timer) report(node, 'keepAlivePing', { timer: `${timer}()` });
        else report(node, 'callsPing', { call: shortCallee(node) });
      },
      ObjectExpression(node) {
        const message = mcpMessageNaming(node, pingOnly, sourceCode);
        // A copy kept in a message log (`{ timestamp, direction, message }`) was sent elsewhere, if at all;
        // a unit test of a transport, relay or queue pushes a placeholder `ping` through a fake.
        if (message && !isRecordedMessage(node, sourceCode) && !isTransportTestData(node, sourceCode, context.filename)) report(message.methodNode, 'sendsPing');
      },
      'Program:exit'() {
        // A client's command router (`case 'ping': await client.ping()`) sends ping rather than answering it.
        for (const { at } of mcpRoutesOf(pingMethod, sourceCode)) if (!isClientCommandRoute(at, sourceCode)) report(at, 'handlesPing');
      },
    };
  },
});
