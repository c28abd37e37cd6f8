import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-request-state-tampering.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-request-state-tampering` (reference §15.5 row CM4; design.md principle 3 for
 * the lookalikes that must stay silent).
 */

const { invalid, valid } = caseBuilders(rule);

const ruleTester = new RuleTester();

ruleTester.run('no-request-state-tampering', rule, {
  valid: [
    valid(
      'a hand-rolled client that echoes requestState untouched, only when there is one',
      code`
        export async function callTool(name: string, args: object) {
          let extra: Record<string, unknown> = {};
          for (let round = 0; round < 5; round++) {
            const res = await fetch(url, {
              method: 'POST',
              body: JSON.stringify({ jsonrpc: '2.0', id: nextId(), method: 'tools/call', params: { name, arguments: args, ...extra, _meta: envelope() } }),
            });
            const { result } = await res.json();
            if (result.resultType !== 'input_required') return result;
            const inputResponses = await fulfil(result.inputRequests ?? {});
            extra = { inputResponses, ...(result.requestState !== undefined ? { requestState: result.requestState } : {}) };
          }
          throw new Error('too many rounds');
        }
      `,
    ),
    // The server's side of the exchange: reading its own sealed state is require-sealed-request-state's business.
    valid(
      'a server verifying the echoed params.requestState',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        switch (request.method) {
          case 'tools/call': {
            const state = request.params.requestState ? JSON.parse(verifySeal(request.params.requestState)) : undefined;
            return run(state);
          }
        }
      `,
    ),
    // React UI state named requestState, and an OAuth state parameter.
    valid(
      "a UI's requestState and OAuth's state parameter",
      code`
        import { useState } from 'react';

        export function useSearch() {
          const [requestState, setRequestState] = useState('idle');
          const phase = requestState.split(':')[0];
          return { phase, busy: requestState === 'loading', setRequestState };
        }
        const { state } = Object.fromEntries(new URL(callbackUrl).searchParams);
        const saved = JSON.parse(atob(state));
      `,
    ),
    // SDK v2 clients fulfil input_required themselves; logging the token is not reading it.
    valid(
      'an SDK v2 client storing and logging the state it gets back',
      code`
        import { Client } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'c', version: '1' }, { versionNegotiation: { mode: 'auto' } });
        const result = await client.callTool({ name: 'deploy', arguments: {} }, undefined, { allowInputRequired: true });
        console.debug('round state', result.requestState);
        pending.set(jobId, result.requestState);
      `,
    ),
  ],
  invalid: [
    invalid(
      'hand-rolled TS client decoding the state with atob and JSON.parse',
      code`
        import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

        const res = await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'book', arguments: {}, _meta } }) });
        const { result } = await res.json();
        if (result.resultType === 'input_required') {
          const step = JSON.parse(atob(result.requestState)).step;
          showProgress(step);
        }
      `,
      [{ messageId: 'inspectsRequestState', at: 'atob(result.requestState)', data: { how: 'Decodes (`atob(…)`)' } }],
    ),
    invalid(
      'hand-rolled JS builder: state destructured, split, and changed before the retry',
      code`
        async function rpc(method, params) {
          const response = await fetch(URL, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: Date.now(), method, params }) });
          return (await response.json()).result;
        }

        async function readDoc(uri) {
          const first = await rpc('resources/read', { uri, _meta });
          const { requestState } = first;
          const [version] = requestState.split('.');
          return rpc('resources/read', { uri, _meta, requestState: requestState.trim() + ':' + version });
        }
      `,
      [
        { messageId: 'inspectsRequestState', at: "requestState.split('.')", data: { how: 'Looks inside (`.split()`)' } },
        { messageId: 'altersRequestState', at: 'requestState.trim()', data: { how: '`.trim()`' } },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'SDK v2 client with allowInputRequired: Buffer decoding and overwriting',
      code`
        import { Client } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'c', version: '1' });
        const result = await client.callTool({ name: 'deploy', arguments: {} }, undefined, { allowInputRequired: true });
        const claims = Buffer.from(result.requestState, 'base64url').toString();
        result.requestState = \`\${result.requestState}|retry\`;
      `,
      [
        { messageId: 'inspectsRequestState', at: "Buffer.from(result.requestState, 'base64url')", data: { how: 'Decodes (`Buffer.from(…)`)' } },
        { messageId: 'altersRequestState', at: 'result.requestState = `${result.requestState}|retry`', data: { how: 'overwritten' } },
      ],
    ),
    invalid(
      'SDK v1 namespace-imported client (via require) comparing the state',
      code`
        const sdk = require('@modelcontextprotocol/sdk/client/index.js');

        const client = new sdk.Client({ name: 'c', version: '1' });
        const prompt = await client.getPrompt({ name: 'plan' });
        if (prompt.requestState === 'v1:expired') restart();
      `,
      [{ messageId: 'inspectsRequestState', at: "prompt.requestState === 'v1:expired'", data: { how: 'Compares' } }],
      { filename: 'file.js' },
    ),
    invalid(
      'an aliased v2 client import re-encoding the state into the retry',
      code`
        import { Client as McpClient } from '@modelcontextprotocol/client';

        export async function retry(client: McpClient, name: string) {
          const first = await client.request({ method: 'tools/call', params: { name } }, Schema, { allowInputRequired: true });
          return client.request({ method: 'tools/call', params: { name, requestState: encodeURIComponent(first.requestState) } }, Schema);
        }
      `,
      [{ messageId: 'altersRequestState', at: 'encodeURIComponent(first.requestState)', data: { how: 'rewritten by `encodeURIComponent(…)`' } }],
    ),
  ],
});
