import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-result-type-check.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `require-result-type-check` (reference §15.5 row CM2; design.md principle 3 for
 * the lookalikes that must stay silent).
 */

const { invalid, valid } = caseBuilders(rule);

const ruleTester = new RuleTester();

const messageOf = (field: string, method: string) => ({ messageId: 'readsResultWithoutResultType' as const, data: { field, method } });

ruleTester.run('require-result-type-check', rule, {
  valid: [
    valid(
      'a hand-rolled client that switches on resultType',
      code`
        export async function callTool(name: string, args: object, round = 0): Promise<string> {
          const res = await fetch(MCP_URL, {
            method: 'POST',
            headers,
            body: JSON.stringify({ jsonrpc: '2.0', id: nextId(), method: 'tools/call', params: { name, arguments: args, _meta: envelope() } }),
          });
          const { result } = await res.json();
          switch (result.resultType ?? 'complete') {
            case 'complete':
              return result.content[0].text;
            case 'input_required':
              return retry(name, args, result, round + 1);
            default:
              throw new Error(\`unsupported result type \${result.resultType}\`);
          }
        }
      `,
    ),
    valid(
      'a hand-rolled client that looks for inputRequests first, and one that tests the shape with in',
      code`
        async function read(uri) {
          const body = await post({ jsonrpc: '2.0', id: 1, method: 'resources/read', params: { uri, _meta } }).then((r) => r.json());
          if (body.result.inputRequests) return fulfil(body.result);
          return body.result.contents;
        }
        async function prompt(name) {
          const message = await send({ jsonrpc: '2.0', id: 2, method: 'prompts/get', params: { name, _meta } });
          return 'messages' in message.result ? message.result.messages : [];
        }
      `,
    ),
    // Only complete results carry isError: a read under it never sees an input_required result.
    valid(
      'a content read under if (result.isError), with a message builder and a sender',
      code`
        function request(method: string, params?: Record<string, unknown>) {
          return { jsonrpc: '2.0', id: nextId++, method, params };
        }

        async function checkTools() {
          const result = await call<CallToolResult>(request('tools/call', { name: 'search', arguments: { query: 'disk' } }));
          if (result.isError) throw new Error(\`search failed: \${result.content.map((block) => block.text ?? '').join(' ')}\`);
          const failed = result.isError === true && result.content.length;
          console.log('search ok', failed);
        }
      `,
    ),
    // SDK clients lift results: v1 speaks 2025, v2 fulfils input_required itself.
    valid(
      'SDK v1 and v2 clients reading content',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { Client as ModernClient } from '@modelcontextprotocol/client';

        const legacy = new Client({ name: 'a', version: '1' });
        const modern = new ModernClient({ name: 'b', version: '1' }, { versionNegotiation: { mode: 'auto' } });
        const one = await legacy.callTool({ name: 'echo', arguments: {} });
        const two = await modern.callTool({ name: 'echo', arguments: {} });
        console.log(one.content, two.content);
        const raw = await modern.request({ method: 'tools/call', params: { name: 'echo' } }, CallToolResultSchema);
        console.log(raw.content);
      `,
    ),
    // A result handed to code the file cannot see.
    valid(
      'a result passed on to a handler',
      code`
        const { result } = await (await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }) })).json();
        render(result);
        log(result.content.length);
      `,
    ),
    // Tests of one's own server assert on the content they know it returns.
    valid(
      "a server's test asserting on tools/call content",
      code`
        import { expect, it } from 'vitest';

        it('echoes', async () => {
          const res = await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'hi' }, _meta } }) });
          const body = await res.json();
          expect(body.result.content[0].text).toBe('hi');
        });

        test('lists the echo output', async () => {
          const reply = await send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo', arguments: { text: 'a' }, _meta } });
          const [first] = reply.result.content;
          assert.equal(first.text, 'a');
        });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Lookalikes: LLM tool calls, A2A, LSP.
    // ---------------------------------------------------------------------------------
    valid(
      "OpenAI and Anthropic replies' content",
      code`
        import OpenAI from 'openai';
        import Anthropic from '@anthropic-ai/sdk';

        const chat = await new OpenAI().chat.completions.create({ model: 'gpt-4o', messages, tools });
        const call = chat.choices[0].message.tool_calls?.[0];
        const reply = await new Anthropic().messages.create({ model: 'claude', max_tokens: 512, messages });
        console.log(call, reply.content[0]);
      `,
    ),
    valid(
      'an A2A message/send and an LSP executeCommand request',
      code`
        const a2a = await fetch(agentUrl, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'message/send', params: { message } }) });
        const { result } = await a2a.json();
        console.log(result.parts);
        const lsp = await connection.sendRequest('workspace/executeCommand', { command: 'tools/call', arguments: [] });
        console.log(lsp.content);
      `,
    ),
  ],
  invalid: [
    invalid(
      'fetch, .json() and .result.content in TypeScript with v1 types',
      code`
        import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

        export async function callTool(name: string, args: Record<string, unknown>): Promise<string> {
          const res = await fetch(MCP_URL, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
            body: JSON.stringify({ jsonrpc: '2.0', id: nextId(), method: 'tools/call', params: { name, arguments: args, _meta: envelope() } }),
          });
          const body = await res.json();
          const result = body.result as CallToolResult;
          return result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\\n');
        }
      `,
      [{ ...messageOf('content', 'tools/call'), at: 'result.content' }],
    ),
    invalid(
      'a JS builder taking the method, whose callers read structuredContent and messages',
      code`
        let id = 0;
        async function rpc(method, params) {
          const response = await fetch(URL, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) });
          const { result, error } = await response.json();
          if (error) throw new Error(error.message);
          return result;
        }

        module.exports.weather = async (city) => (await rpc('tools/call', { name: 'weather', arguments: { city } })).structuredContent;
        module.exports.prompt = async (name) => {
          const { messages } = await rpc('prompts/get', { name });
          return messages;
        };
      `,
      [
        { ...messageOf('structuredContent', 'tools/call'), at: "(await rpc('tools/call', { name: 'weather', arguments: { city } })).structuredContent" },
        { ...messageOf('messages', 'prompts/get'), at: 'messages', nth: 1 },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'a message builder whose message a sender sends, directly and through a variable',
      code`
        function request(method: string, params?: Record<string, unknown>) {
          return { jsonrpc: '2.0', id: nextId++, method, params };
        }

        export async function search(query: string) {
          const result = await call<CallToolResult>(request('tools/call', { name: 'search', arguments: { query } }));
          if (result.isError) throw new Error('search failed');
          return result.content;
        }

        export async function runbook(name: string) {
          const message = request('prompts/get', { name });
          const prompt = await call<GetPromptResult>(message);
          return prompt.messages;
        }
      `,
      [
        { ...messageOf('content', 'tools/call'), at: 'result.content' },
        { ...messageOf('messages', 'prompts/get'), at: 'prompt.messages' },
      ],
    ),
    invalid(
      'resources/read through .then and destructuring, with v2 types',
      code`
        import type { ReadResourceResult } from '@modelcontextprotocol/client';

        const request = { jsonrpc: '2.0', id: 7, method: 'resources/read', params: { uri, _meta } } as const;
        export const text = post(request).then((message: { result: ReadResourceResult }) => {
          const { result: { contents } } = message;
          return contents[0];
        });
      `,
      [{ ...messageOf('contents', 'resources/read'), at: 'contents', nth: 1 }],
    ),
    invalid(
      'a JS client over a child process, with require',
      code`
        const { spawn } = require('node:child_process');
        const readline = require('node:readline');

        const server = spawn('mcp-server', [], { stdio: ['pipe', 'pipe', 'inherit'] });
        const lines = readline.createInterface({ input: server.stdout });
        function request(message) {
          server.stdin.write(JSON.stringify(message) + '\\n');
          return new Promise((resolve) => lines.once('line', (line) => resolve(JSON.parse(line))));
        }
        async function search(q) {
          const reply = await request({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'search', arguments: { q }, _meta } });
          return reply.result.content;
        }
      `,
      [{ ...messageOf('content', 'tools/call'), at: 'reply.result.content' }],
      { filename: 'file.js' },
    ),
    {
      ...invalid(
        'a read behind an era gate is reported as serving legacy clients',
        code`
          async function call(era, name) {
            const res = await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name } }) });
            const { result } = await res.json();
            if (era === 'legacy') return result.content;
            return undefined;
          }
        `,
        [],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
      errors: [
        {
          messageId: 'servesLegacyClients',
          line: 4,
          data: { message: rule.meta.messages.readsResultWithoutResultType.replace(/\{\{field\}\}/g, 'content').replace(/\{\{method\}\}/g, 'tools/call'), gate: "behind `era === 'legacy'`" },
        },
      ],
    },
  ],
});
