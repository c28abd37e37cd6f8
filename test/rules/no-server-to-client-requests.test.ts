import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-server-to-client-requests.js';
import { caseBuilders, code, rulePrefilter } from '../helpers/rule-cases.js';

/**
 * Tests for `no-server-to-client-requests` (reference §15 rows M1, M4, M5, M9, H8 and X4;
 * design.md principle 3: browser and CLI prompts, form builders, -32042 of other JSON-RPC
 * APIs, and a client's own elicitation handler stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);

/** A WebSocket JSON-RPC client without MCP: it pings, parks its answers, and has a -32042 quota code. */
const rpcLookalike = code`
  const QUOTA_EXCEEDED = -32042;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;

  export function call(ws: WebSocket, method: string, params?: unknown): Promise<unknown> {
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  export const ping = (ws: WebSocket) => ws.send(JSON.stringify({ jsonrpc: '2.0', id: ++nextId, method: 'ping' }));
  export const isQuotaError = (error: { code: number }) => error.code === QUOTA_EXCEEDED;
`;

const ruleTester = new RuleTester();

ruleTester.run('no-server-to-client-requests', rule, {
  valid: [
    valid('a WebSocket JSON-RPC client without MCP: it pings, parks its answers, and has a -32042 quota code', rpcLookalike),
    // ---------------------------------------------------------------------------------
    // Prompts and forms that are not MCP elicitation.
    // ---------------------------------------------------------------------------------
    valid(
      'browser prompt() and confirm() in a React form (.tsx)',
      code`
        import { useForm } from 'react-hook-form';

        export function Settings() {
          const { register, handleSubmit } = useForm<{ name: string }>();
          const onSubmit = handleSubmit((values) => {
            if (!window.confirm(\`Save \${values.name}?\`)) return;
            const note = prompt('Add a note for the audit log');
            save({ ...values, note });
          });
          return <form onSubmit={onSubmit}><input {...register('name')} /></form>;
        }
      `,
      { filename: 'file.tsx' },
    ),
    valid(
      'inquirer and enquirer prompts in an MCP client CLI',
      code`
        import inquirer from 'inquirer';
        import enquirer from 'enquirer';
        import { Client } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'cli', version: '1.0.0' }, { capabilities: { elicitation: { form: {}, url: {} } } });
        const { server } = await inquirer.prompt([{ type: 'input', name: 'server', message: 'Server URL?' }]);
        const { token } = await enquirer.prompt<{ token: string }>({ type: 'password', name: 'token', message: 'Token?' });
        export { client, server, token };
      `,
    ),
    // A client's elicitation handler is its auto-fulfilment hook on SDK v2: it stays.
    valid(
      'client-side elicitation handlers (v1 schema, v2 method string)',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
        import { Client as ClientV2 } from '@modelcontextprotocol/client';

        const v1 = new Client({ name: 'desktop', version: '1.0.0' }, { capabilities: { elicitation: {} } });
        v1.setRequestHandler(ElicitRequestSchema, async (request) => ({ action: 'accept', content: await askUser(request.params) }));
        const v2 = new ClientV2({ name: 'desktop', version: '2.0.0' }, { capabilities: { elicitation: { form: {} } } });
        v2.setRequestHandler('elicitation/create', async (request, ctx) => {
          await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: 1, progress: 1 } });
          return { action: 'accept', content: await askUser(request.params) };
        });
      `,
    ),
    // The 2026-07-28 way to ask: inputRequired (v2) and the hand-rolled input_required result.
    valid(
      'MRTR: inputRequired.elicit/elicitUrl and acceptedContent (v2)',
      code`
        import { McpServer, acceptedContent, inputRequired } from '@modelcontextprotocol/server';
        import { z } from 'zod';

        const Confirm = z.object({ confirm: z.boolean() });
        const server = new McpServer({ name: 'deploy', version: '2.0.0' });
        server.registerTool('deploy', { inputSchema: z.object({ env: z.string() }) }, async ({ env }, ctx) => {
          const answer = acceptedContent(ctx.mcpReq.inputResponses, 'confirm', Confirm);
          if (!answer) {
            return inputRequired({
              inputRequests: {
                confirm: inputRequired.elicit({ message: \`Deploy to \${env}?\`, requestedSchema: Confirm }),
                login: inputRequired.elicitUrl({ message: 'Sign in to continue', url: 'https://example.com/login' }),
              },
            });
          }
          await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: 1, progress: 1 } });
          return { content: [{ type: 'text', text: answer.confirm ? 'deployed' : 'cancelled' }] };
        });
      `,
    ),
    valid(
      'MRTR by hand: an input_required result with an embedded elicitation/create',
      code`
        export function callTool(message: { id: number; params: { name: string; inputResponses?: Record<string, { action: string }> } }) {
          const answer = message.params.inputResponses?.confirm;
          if (!answer) {
            return {
              jsonrpc: '2.0',
              id: message.id,
              result: {
                resultType: 'input_required',
                inputRequests: { confirm: { method: 'elicitation/create', params: { mode: 'form', message: 'Sure?', requestedSchema } } },
                requestState: seal({ step: 1 }),
              },
            };
          }
          return { jsonrpc: '2.0', id: message.id, result: { resultType: 'complete', content: [] } };
        }
      `,
    ),
    // -32042 of another JSON-RPC API, without MCP.
    valid(
      '-32042 as an application error code in a file that does not speak MCP',
      code`
        import { JSONRPCServer } from 'json-rpc-2.0';

        const QUOTA_EXCEEDED = -32042;
        const rpc = new JSONRPCServer();
        rpc.addMethod('search', ({ q }) => {
          if (overQuota()) throw { code: -32042, message: 'Quota exceeded' };
          return find(q);
        });
        export { QUOTA_EXCEEDED, rpc };
      `,
    ),
    // A hand-rolled client pinging a server is no-ping's concern, not a server-to-client request.
    valid(
      'a hand-rolled client sends ping and answers the server (no dispatch of server methods)',
      code`
        export async function ping(url: string) {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
          });
          return response.ok;
        }
        export async function listTools(url: string) {
          return post(url, { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} });
        }
      `,
    ),
    // Promises parked by id in a job queue, in a file that sends no server-to-client request.
    valid(
      'pending promises keyed by id in a job queue',
      code`
        const pending = new Map<string, (value: unknown) => void>();
        export function enqueue(job: Job) {
          return new Promise((resolve) => {
            pending.set(job.id, resolve);
            queue.push(job);
          });
        }
        export function complete(id: string, result: unknown) {
          pending.get(id)?.(result);
          pending.delete(id);
        }
      `,
    ),
    // Notifications are not requests; tests proving the old error is gone; types.
    valid(
      'notifications, negated assertions and types',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import type { ElicitationCompleteNotification } from '@modelcontextprotocol/sdk/types.js';
        import { expect } from 'vitest';

        const server = new McpServer({ name: 'jobs', version: '1.0.0' });
        server.registerTool('run', {}, async (extra) => {
          await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: 1, progress: 50 } });
          return { content: [] };
        });
        type Removed = 'notifications/elicitation/complete' | ElicitationCompleteNotification;
        expect(error.code).not.toBe(-32042);
        expect(sent).not.toContain('notifications/elicitation/complete');
        export type { Removed };
      `,
    ),
    // A server's ping request is no-ping's to report (ping is gone in both directions).
    valid(
      'a hand-rolled server writing ping keep-alives (reported by no-ping instead)',
      code`
        import http from 'node:http';

        const streams = new Set<http.ServerResponse>();
        let nextId = 1;
        setInterval(() => {
          for (const res of streams) res.write(\`data: \${JSON.stringify({ jsonrpc: '2.0', id: nextId++, method: 'ping' })}\\n\\n\`);
        }, 30_000);
        http.createServer(async (req, res) => {
          const message = JSON.parse(await readBody(req));
          switch (message.method) {
            case 'tools/list':
              return send(res, message.id, { tools });
            case 'resources/read':
              return send(res, message.id, await read(message.params.uri));
          }
        });
      `,
    ),
    // A test of a migrated server proving the old error is gone.
    valid(
      'negated matchers on an error object with -32042',
      code`
        import { Client } from '@modelcontextprotocol/client';
        import { expect, it } from 'vitest';

        it('answers with input_required instead of -32042', async () => {
          const client = new Client({ name: 'test', version: '1.0.0' });
          const result = await client.callTool({ name: 'pay' });
          expect(result).not.toMatchObject({ error: { code: -32042 } });
          expect(result.resultType).toBe('input_required');
        });
      `,
    ),
    // tasks/result and tasks/list are gone in both directions: no-legacy-tasks-api reports them.
    valid(
      'a v1 tool polling a client-side task with tasks/list and tasks/result (reported by no-legacy-tasks-api)',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { GetTaskPayloadResultSchema, ListTasksResultSchema } from '@modelcontextprotocol/sdk/types.js';

        const server = new McpServer({ name: 'digest', version: '1.0.0' });
        server.registerTool('collect', {}, async (extra) => {
          const { tasks } = await extra.sendRequest({ method: 'tasks/list', params: {} }, ListTasksResultSchema);
          const done = tasks.find((task) => task.status === 'completed');
          if (!done) return { content: [{ type: 'text', text: 'still running' }] };
          const payload = await extra.sendRequest({ method: 'tasks/result', params: { taskId: done.taskId } }, GetTaskPayloadResultSchema);
          return { content: [{ type: 'text', text: JSON.stringify(payload) }] };
        });
      `,
    ),
    // A tool whose own input happens to carry a URL, a message and an id called elicitationId.
    valid(
      'elicitationId as a tool argument and in a tool input schema',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { z } from 'zod';

        const server = new McpServer({ name: 'support', version: '1.0.0' });
        server.registerTool(
          'log_handoff',
          { inputSchema: { url: z.string().url(), message: z.string(), elicitationId: z.string() } },
          async ({ url, message, elicitationId }) => ({ content: [{ type: 'text', text: await audit.record({ url, message, elicitationId }) }] }),
        );

        export async function reportHandoff(client: Client, url: string, elicitationId: string) {
          return client.callTool({ name: 'log_handoff', arguments: { url, message: 'User left for the browser', elicitationId } });
        }
      `,
    ),

    // ---------------------------------------------------------------------------------
    // A client's side of 2025 URL elicitation in tests and fixtures, and a server's tests of
    // what it raises: the code they exercise is reported where it lives.
    // ---------------------------------------------------------------------------------
    valid(
      "a client's tests: a fake 2025 server throws -32042 with URL elicitations, and the test expects the error",
      code`
        import { describe, expect, it, vi } from 'vitest';
        import { ProtocolError, ProtocolErrorCode, UrlElicitationRequiredError } from '@modelcontextprotocol/client';
        import type { ElicitRequestURLParams } from '@modelcontextprotocol/client';
        import { BrowserAuthClient } from '../src/browser-auth-client.js';

        const signIn: ElicitRequestURLParams = { mode: 'url', url: 'https://auth.example.com/start', message: 'Sign in to continue', elicitationId: 'sign-in-1' };

        describe('BrowserAuthClient', () => {
          it('opens the sign-in page and retries', async () => {
            const request = vi.fn().mockRejectedValueOnce(new UrlElicitationRequiredError([signIn])).mockResolvedValue({ content: [] });
            const client = new BrowserAuthClient({ request });
            await client.callTool('search', {});
            expect(client.openedUrls).toEqual([signIn.url]);
            expect(client.lastPrompt).toMatchObject({ mode: 'url', elicitationId: 'sign-in-1' });
          });

          it('gives up on a -32042 without elicitations', async () => {
            const request = vi.fn().mockRejectedValue(new ProtocolError(ProtocolErrorCode.UrlElicitationRequired, 'Sign in'));
            const client = new BrowserAuthClient({ request });
            await expect(client.callTool('search', {})).rejects.toMatchObject({ code: -32042 });
          });
        });
      `,
    ),
    valid(
      'a Storybook story of a URL-mode elicitation prompt: the elicitation params are only story args',
      code`
        import type { Meta, StoryObj } from '@storybook/react';
        import type { ElicitRequestURLParams } from '@modelcontextprotocol/client';
        import { UrlPrompt } from './UrlPrompt';

        const signIn: ElicitRequestURLParams = {
          mode: 'url',
          url: 'https://auth.example.com/start?state=abc',
          message: 'Sign in to GitHub to continue.',
          elicitationId: 'elicit-42',
        };

        const meta: Meta<typeof UrlPrompt> = { component: UrlPrompt, parameters: { docs: { description: { component: signIn.message } } } };
        export default meta;

        export const Waiting: StoryObj<typeof UrlPrompt> = { args: { request: signIn, waiting: true } };
      `,
      { filename: 'file.tsx' },
    ),
    valid(
      "a server's own tests compare the -32042 its tool raises and the URL elicitation it sends",
      code`
        import { describe, expect, it, vi } from 'vitest';
        import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { registerCheckoutTool } from '../src/tools/checkout.js';

        describe('checkout', () => {
          it('asks for the payment page', async () => {
            const sendRequest = vi.fn().mockResolvedValue({ action: 'accept' });
            const handler = captureHandler(registerCheckoutTool, {} as McpServer);
            await handler({ cart: 'c-1' }, { sendRequest });
            expect(sendRequest).toHaveBeenCalledWith(
              expect.objectContaining({ params: expect.objectContaining({ mode: 'url', url: 'https://pay.example.com/c-1', elicitationId: 'c-1' }) }),
              expect.anything(),
            );
          });

          it('fails with URL elicitation when no session can ask', async () => {
            try {
              await captureHandler(registerCheckoutTool, {} as McpServer)({ cart: 'c-2' }, {});
            } catch (error: any) {
              expect(error.code).toBe(-32042);
              const [payment] = error.data.elicitations;
              expect(payment.url).toBe('https://pay.example.com/c-2');
            }
          });
        });
      `,
    ),
    valid(
      "a client's tests of a pure message helper: an elicitation/create request that only goes into the function",
      code`
        import { expect, it } from 'vitest';
        import type { JSONRPCMessage } from '@modelcontextprotocol/client';
        import { inlineSchemaRefs } from './schema-refs';

        const base = { jsonrpc: '2.0' as const, id: 1, method: 'elicitation/create' };

        it('inlines $ref entries of the requested schema', () => {
          const message: JSONRPCMessage = { ...base, params: { message: 'Name?', requestedSchema: { type: 'object', properties: { name: { $ref: '#/$defs/Name' } }, $defs: { Name: { type: 'string' } } } } };
          expect(inlineSchemaRefs(message)).toMatchObject({ params: { requestedSchema: { properties: { name: { type: 'string' } } } } });
        });
      `,
    ),
    valid(
      "a client's fake transport injects a server request and parks a waiter for the client's reply",
      code`
        import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';

        export class InjectingTransport implements Transport {
          onmessage?: (message: JSONRPCMessage) => void;
          private readonly waiters = new Map<number, (reply: JSONRPCMessage) => void>();

          async start() {}
          async close() {}

          injectRootsRequest(id: number): Promise<JSONRPCMessage> {
            const reply = new Promise<JSONRPCMessage>((resolve) => {
              this.waiters.set(id, resolve);
            });
            this.onmessage?.({ jsonrpc: '2.0', id, method: 'roots/list' });
            return reply;
          }

          async send(message: JSONRPCMessage) {
            if ('id' in message && 'result' in message && typeof message.id === 'number') this.waiters.get(message.id)?.(message);
          }
        }
      `,
    ),
  ],

  invalid: [
    // ---------------------------------------------------------------------------------
    // M1: push-style elicitation through the SDK.
    // ---------------------------------------------------------------------------------
    invalid(
      'M1: mcpServer.server.elicitInput() in a v1 tool',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { z } from 'zod';

        const server = new McpServer({ name: 'deploy', version: '1.0.0' });
        server.registerTool('deploy', { inputSchema: { env: z.string() } }, async ({ env }) => {
          const answer = await server.server.elicitInput({
            message: \`Deploy to \${env}?\`,
            requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean' } }, required: ['confirm'] },
          });
          return { content: [{ type: 'text', text: answer.action }] };
        });
      `,
      [{ messageId: 'elicitsInput', at: 'server.server.elicitInput' }],
    ),
    invalid(
      'M1: a low-level v1 Server, required and aliased (CommonJS)',
      code`
        const { Server: LowLevelServer } = require('@modelcontextprotocol/sdk/server/index.js');

        const server = new LowLevelServer({ name: 'deploy', version: '1.0.0' }, { capabilities: { tools: {} } });
        async function confirm(message) {
          const result = await server.elicitInput({ message, requestedSchema });
          return result.action === 'accept';
        }
        module.exports = { confirm };
      `,
      [{ messageId: 'elicitsInput', at: 'server.elicitInput' }],
      { filename: 'file.js' },
    ),
    invalid(
      'M1: extra.sendRequest({ method: elicitation/create }) and a helper typed RequestHandlerExtra',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
        import { ElicitResultSchema, type ServerNotification, type ServerRequest } from '@modelcontextprotocol/sdk/types.js';

        async function ask(extra: RequestHandlerExtra<ServerRequest, ServerNotification>, message: string) {
          return extra.sendRequest({ method: 'elicitation/create', params: { message, requestedSchema } }, ElicitResultSchema);
        }

        const server = new McpServer({ name: 'deploy', version: '1.0.0' });
        server.tool('deploy', async (extra) => {
          const first = await extra.sendRequest(
            { method: 'elicitation/create', params: { message: 'Which region?', requestedSchema } },
            ElicitResultSchema,
          );
          const second = await ask(extra, 'Sure?');
          return { content: [{ type: 'text', text: \`\${first.action} \${second.action}\` }] };
        });
      `,
      [
        { messageId: 'elicitsInput', at: "'elicitation/create'", nth: 1 },
        { messageId: 'elicitsInput', at: "'elicitation/create'", nth: 2 },
      ],
    ),
    invalid(
      'H8: a helper typed TaskRequestHandlerExtra that asks the client for a task (tasks/result is left to no-legacy-tasks-api)',
      code`
        import type { TaskRequestHandlerExtra } from '@modelcontextprotocol/sdk/experimental/tasks/interfaces.js';
        import { GetTaskResultSchema } from '@modelcontextprotocol/sdk/types.js';

        export async function pollClientTask(taskId: string, extra: TaskRequestHandlerExtra) {
          const status = await extra.sendRequest({ method: 'tasks/get', params: { taskId } }, GetTaskResultSchema);
          return extra.sendRequest({ method: 'tasks/result', params: { taskId } }, GetTaskResultSchema);
        }
      `,
      [{ messageId: 'sendsServerRequest', at: "'tasks/get'", data: { request: 'a `tasks/get` request' } }],
    ),
    invalid(
      'M1/M5: v2 ctx.mcpReq.elicitInput in URL mode with an elicitationId, and ctx.mcpReq.send',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        const server = new McpServer({ name: 'billing', version: '2.0.0' });
        server.registerTool('pay', {}, async (ctx) => {
          const elicitationId = crypto.randomUUID();
          await ctx.mcpReq.elicitInput({ mode: 'url', message: 'Pay on the checkout page', url: checkoutUrl(elicitationId), elicitationId });
          const form = await ctx.mcpReq.send({ method: 'elicitation/create', params: { message: 'Amount?', requestedSchema } });
          return { content: [{ type: 'text', text: form.action }] };
        });
      `,
      [
        { messageId: 'elicitsInput', at: 'ctx.mcpReq.elicitInput' },
        { messageId: 'removedElicitationCompletion', at: 'elicitationId', inside: '), elicitationId }' },
        { messageId: 'elicitsInput', at: "'elicitation/create'" },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // M1 + M9: a hand-rolled server writes elicitation requests and parks the answer.
    // ---------------------------------------------------------------------------------
    invalid(
      'M1/M9: hand-rolled SSE server writes elicitation/create and waits on a pending map',
      code`
        import express from 'express';

        const pendingElicitations = new Map<number, (answer: unknown) => void>();
        let nextId = 1;
        const app = express();
        app.post('/mcp', async (req, res) => {
          const message = req.body;
          if (message.method === 'tools/call') {
            res.setHeader('Content-Type', 'text/event-stream');
            const id = nextId++;
            const answer = new Promise((resolve) => {
              pendingElicitations.set(id, resolve);
            });
            const request = { jsonrpc: '2.0', id, method: 'elicitation/create', params: { message: 'Confirm?', requestedSchema } };
            res.write(\`event: message\\ndata: \${JSON.stringify(request)}\\n\\n\`);
            res.write(\`data: \${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: await run(await answer) })}\\n\\n\`);
            res.end();
          } else if ('result' in message && pendingElicitations.has(message.id)) {
            pendingElicitations.get(message.id)!(message.result);
            res.status(202).end();
          }
        });
      `,
      [
        { messageId: 'parksPendingRequest', at: 'pendingElicitations.set(id, resolve)' },
        { messageId: 'writesElicitationRequest', at: "'elicitation/create'" },
      ],
    ),

    invalid(
      'M9: a hand-rolled stdio server parks { resolve, reject } for its roots/list request (the request is no-deprecated-roots\'s)',
      code`
        const pending = {};
        let nextId = 1;
        function requestRoots() {
          const id = nextId++;
          return new Promise((resolve, reject) => {
            pending[id] = { resolve, reject };
            process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id, method: 'roots/list' }) + '\\n');
          });
        }
        process.stdin.on('data', async (chunk) => {
          const message = JSON.parse(chunk.toString());
          if (message.id in pending && !message.method) return pending[message.id].resolve(message.result);
          if (message.method === 'tools/call') reply(message.id, await run(message.params, await requestRoots()));
        });
      `,
      [{ messageId: 'parksPendingRequest', at: 'pending[id] = { resolve, reject }' }],
      { filename: 'file.mjs' },
    ),

    // ---------------------------------------------------------------------------------
    // H8: other server-to-client requests.
    // ---------------------------------------------------------------------------------
    invalid(
      'H8: server.server.request(custom) and an opaque request; ping is left to no-ping',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { EmptyResultSchema } from '@modelcontextprotocol/sdk/types.js';

        const server = new McpServer({ name: 'watch', version: '1.0.0' });
        const PING = { method: 'ping' } as const;
        server.registerTool('check', {}, async (extra) => {
          await extra.sendRequest({ method: 'ping' }, EmptyResultSchema);
          await extra.sendRequest(PING, EmptyResultSchema);
          await server.server.request({ method: 'acme/refresh', params: {} }, EmptyResultSchema);
          return { content: [] };
        });
        export async function forward(request, extra) {
          return extra.sendRequest(request, EmptyResultSchema);
        }
        server.server.setRequestHandler(ProxySchema, async (request, extra) => extra.sendRequest(request.params.inner, EmptyResultSchema));
      `,
      [
        { messageId: 'sendsServerRequest', at: "'acme/refresh'", data: { request: 'a `acme/refresh` request' } },
        { messageId: 'sendsServerRequest', at: 'extra.sendRequest', inside: 'extra.sendRequest(request.params.inner', data: { request: 'a request' } },
      ],
    ),
    invalid(
      'H8: v2 ctx.mcpReq.send with a request built elsewhere',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import { z } from 'zod';

        const server = new McpServer({ name: 'watch', version: '2.0.0' });
        server.registerTool('check', { inputSchema: z.object({ target: z.string() }) }, async ({ target }, ctx) => {
          await ctx.mcpReq.send(buildRequest(target));
          return { content: [] };
        });
      `,
      [{ messageId: 'sendsServerRequest', at: 'ctx.mcpReq.send', data: { request: 'a request' } }],
    ),
    // ---------------------------------------------------------------------------------
    // M4 / X4: URL elicitation through error -32042.
    // ---------------------------------------------------------------------------------
    invalid(
      'M4/M5: throw new UrlElicitationRequiredError (v1) with an elicitationId',
      code`
        import { UrlElicitationRequiredError } from '@modelcontextprotocol/sdk/types.js';

        export function requireLogin(userId: string) {
          const elicitationId = crypto.randomUUID();
          throw new UrlElicitationRequiredError([
            { mode: 'url', message: 'Sign in first', url: \`https://example.com/login?state=\${elicitationId}\`, elicitationId },
          ]);
        }
      `,
      [
        { messageId: 'throwsUrlElicitationError', at: 'UrlElicitationRequiredError', nth: 2 },
        { messageId: 'removedElicitationCompletion', at: 'elicitationId', inside: '`, elicitationId }' },
      ],
    ),
    invalid(
      'M4: ErrorCode.UrlElicitationRequired (v1 namespace) and a hand-rolled -32042 error',
      code`
        import * as types from '@modelcontextprotocol/sdk/types.js';

        export const viaSdk = () => new types.McpError(types.ErrorCode.UrlElicitationRequired, 'Authorization required');
        export const byHand = (id: number, url: string) => ({
          jsonrpc: '2.0',
          id,
          error: { code: -32042, message: 'URL elicitation required', data: { elicitations: [{ mode: 'url', url, message: 'Sign in' }] } },
        });
      `,
      [
        { messageId: 'throwsUrlElicitationError', at: 'types.ErrorCode.UrlElicitationRequired' },
        { messageId: 'throwsUrlElicitationError', at: '-32042' },
      ],
    ),
    invalid(
      'M4: data.elicitations on an error whose code is a constant from elsewhere',
      code`
        import { McpError } from '@modelcontextprotocol/sdk/types.js';
        import { URL_REQUIRED } from './codes.js';

        export const error = { code: URL_REQUIRED, message: 'Sign in', data: { elicitations: [{ mode: 'url', url, message: 'Sign in' }] } };
        export { McpError };
      `,
      [{ messageId: 'throwsUrlElicitationError', at: 'elicitations: [{ mode: \'url\', url, message: \'Sign in\' }]' }],
    ),
    invalid(
      'X4: clients waiting for -32042 (v2 enum, instanceof, switch, data.elicitations, a constant of the code)',
      code`
        import { Client, ProtocolErrorCode, UrlElicitationRequiredError } from '@modelcontextprotocol/client';

        const URL_ELICITATION_REQUIRED = -32042;
        export async function call(client: Client, name: string) {
          try {
            return await client.callTool({ name });
          } catch (error) {
            if (error instanceof UrlElicitationRequiredError) return openAll(error.elicitations);
            if (error.code === ProtocolErrorCode.UrlElicitationRequired) return openAll(error.data.elicitations);
            switch (error.code) {
              case -32042:
                return retryLater();
            }
            throw error;
          }
        }
        export { URL_ELICITATION_REQUIRED };
      `,
      [
        { messageId: 'expectsUrlElicitationError', at: '-32042', nth: 1 },
        { messageId: 'expectsUrlElicitationError', at: 'UrlElicitationRequiredError', inside: 'instanceof UrlElicitationRequiredError' },
        { messageId: 'expectsUrlElicitationError', at: 'ProtocolErrorCode.UrlElicitationRequired', inside: '=== ProtocolErrorCode.UrlElicitationRequired' },
        { messageId: 'expectsUrlElicitationError', at: 'error.data.elicitations' },
        { messageId: 'expectsUrlElicitationError', at: '-32042', nth: 2 },
      ],
    ),
    invalid(
      'X4: a test that expects -32042, in a file without MCP but naming the elicitation',
      code`
        import { expect, it } from 'vitest';

        it('asks for login through URL elicitation', async () => {
          const response = await post({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'pay' } });
          expect(response.error.code).toBe(-32042);
          await expect(callPay()).rejects.toMatchObject({ code: -32042 });
          expect(lastError).toEqual(expect.objectContaining({ error: { code: -32042 } }));
        });
      `,
      [
        { messageId: 'expectsUrlElicitationError', at: '-32042', nth: 1 },
        { messageId: 'expectsUrlElicitationError', at: '-32042', nth: 2 },
        { messageId: 'expectsUrlElicitationError', at: '-32042', nth: 3 },
      ],
    ),
    // No MCP import or method anywhere: only the word "elicitation" makes -32042 MCP's (the `elicit` extra of prefilterAlso).
    invalid(
      'X4: a file without MCP raising -32042 through a constant and an error that name the elicitation',
      code`
        const URL_ELICITATION_REQUIRED = -32042;

        export function requireLogin(url: string): never {
          throw { code: URL_ELICITATION_REQUIRED, message: 'Sign in first', data: { url } };
        }
        export const paymentError = () => new RpcError(-32042, 'URL elicitation required');
      `,
      [
        { messageId: 'throwsUrlElicitationError', at: '-32042', nth: 1 },
        { messageId: 'throwsUrlElicitationError', at: '-32042', nth: 2 },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // M5: URL-elicitation completion.
    // ---------------------------------------------------------------------------------
    invalid(
      'M5: createElicitationCompletionNotifier (v1), the notification by hand, and a client handler',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { ElicitationCompleteNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

        const server = new McpServer({ name: 'billing', version: '1.0.0' });
        export function onPaid(elicitationId: string) {
          const notify = server.server.createElicitationCompletionNotifier(elicitationId);
          return notify();
        }
        export const byHand = (id: string) => ({ jsonrpc: '2.0', method: 'notifications/elicitation/complete', params: { elicitationId: id } });

        const client = new Client({ name: 'desktop', version: '1.0.0' });
        client.setNotificationHandler(ElicitationCompleteNotificationSchema, (n) => closeBrowserTab(n.params.elicitationId));
      `,
      [
        { messageId: 'removedElicitationCompletion', at: 'server.server.createElicitationCompletionNotifier' },
        { messageId: 'removedElicitationCompletion', at: "'notifications/elicitation/complete'" },
        { messageId: 'awaitsElicitationCompletion', at: 'ElicitationCompleteNotificationSchema', inside: 'setNotificationHandler(ElicitationCompleteNotificationSchema' },
      ],
    ),

    invalid(
      'H8: the other tasks requests are still server-to-client requests',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { GetTaskResultSchema, ListTasksResultSchema } from '@modelcontextprotocol/sdk/types.js';
        import { z } from 'zod';

        const server = new McpServer({ name: 'digest', version: '1.0.0' });
        server.registerTool('collect', { inputSchema: { taskId: z.string() } }, async ({ taskId }, extra) => {
          await extra.sendRequest({ method: 'tasks/list', params: {} }, ListTasksResultSchema);
          const task = await extra.sendRequest({ method: 'tasks/get', params: { taskId } }, GetTaskResultSchema);
          return { content: [{ type: 'text', text: task.status }] };
        });
      `,
      [{ messageId: 'sendsServerRequest', at: "'tasks/get'", data: { request: 'a `tasks/get` request' } }],
    ),
    invalid(
      "X4: a server's own test: the mock server raising -32042 is reported, the test's expectations of it are not",
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { expect, it } from 'vitest';

        const mock = new McpServer({ name: 'mock-billing', version: '1.0.0' });
        mock.registerTool('pay', {}, async () => {
          throw Object.assign(new Error('Sign in first'), { code: -32042 });
        });

        it('asks for a browser sign-in', async () => {
          await expect(client.callTool({ name: 'pay' })).rejects.toMatchObject({ code: -32042 });
          expect(lastError).toEqual(expect.objectContaining({ error: { code: -32042 } }));
        });
      `,
      [{ messageId: 'throwsUrlElicitationError', at: '-32042', nth: 1 }],
    ),
    invalid(
      'M5: elicitationId beside url in a copy of other params, and in an object typed as elicitation params',
      code`
        import type { ElicitRequestURLParams } from '@modelcontextprotocol/sdk/types.js';

        const base = { mode: 'url', message: 'Finish the checkout in your browser' } as const;
        export function checkout(orderId: string, url: string) {
          const params: ElicitRequestURLParams = { url, message: base.message, elicitationId: orderId };
          const retry = { ...base, url, elicitationId: \`\${orderId}-retry\` };
          return [params, retry];
        }
      `,
      [
        { messageId: 'removedElicitationCompletion', at: 'elicitationId: orderId' },
        { messageId: 'removedElicitationCompletion', at: 'elicitationId: `${orderId}-retry`' },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // A client's own 2025 URL-elicitation support: warnings with the client's advice; a fake
    // 2025 server in a client's tests that writes elicitation/create on its fake wire.
    // ---------------------------------------------------------------------------------
    invalid(
      'a dual-era client: the completion notification handler, the pending URL prompt and the -32042 check are client warnings',
      code`
        import { Client, ProtocolErrorCode } from '@modelcontextprotocol/client';

        export class AuthAwareClient {
          private readonly client = new Client({ name: 'desk', version: '2.0.0' }, { capabilities: { elicitation: { url: {} } } });
          private readonly pending = new Map<string, () => void>();

          constructor() {
            this.client.setNotificationHandler('notifications/elicitation/complete', (notification) => {
              this.pending.get(notification.params.elicitationId)?.();
            });
          }

          async call(name: string) {
            try {
              return await this.client.callTool({ name });
            } catch (error) {
              if (error.code !== ProtocolErrorCode.UrlElicitationRequired) throw error;
              const [first] = error.data.elicitations;
              return this.prompt({ mode: 'url', url: first.url, message: first.message, elicitationId: first.elicitationId });
            }
          }
        }
      `,
      [
        { messageId: 'awaitsElicitationCompletion', at: "'notifications/elicitation/complete'" },
        { messageId: 'expectsUrlElicitationError', at: 'ProtocolErrorCode.UrlElicitationRequired' },
        { messageId: 'expectsUrlElicitationError', at: 'error.data.elicitations' },
        { messageId: 'awaitsElicitationCompletion', at: 'elicitationId: first.elicitationId' },
      ],
    ),
    invalid(
      "a client's test double of a 2025 server that writes elicitation/create on its fake wire",
      code`
        import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';

        export class ElicitingServerTransport implements Transport {
          onmessage?: (message: JSONRPCMessage) => void;
          async start() {}
          async close() {}
          async send(message: JSONRPCMessage) {
            if ('method' in message && message.method === 'notifications/initialized') {
              this.onmessage?.({ jsonrpc: '2.0', id: 900, method: 'elicitation/create', params: { message: 'Your name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } } });
            }
          }
        }
      `,
      [{ messageId: 'writesElicitationRequest', at: "'elicitation/create'" }],
    ),

    // ---------------------------------------------------------------------------------
    // Legacy-gated code: reported as servesLegacyClients when asked to.
    // ---------------------------------------------------------------------------------
    {
      ...invalid(
        'M1 behind a protocol-version check is servesLegacyClients; the modern branch is fine',
        code`
          import { McpServer, acceptedContent, inputRequired } from '@modelcontextprotocol/server';

          const server = new McpServer({ name: 'deploy', version: '2.0.0' });
          server.registerTool('deploy', {}, async (ctx) => {
            const version = ctx.mcpReq.envelope?.['io.modelcontextprotocol/protocolVersion'] ?? '2025-11-25';
            if (version < '2026-07-28') {
              const answer = await ctx.mcpReq.elicitInput({ message: 'Deploy?', requestedSchema });
              return { content: [{ type: 'text', text: answer.action }] };
            }
            const confirmed = acceptedContent(ctx.mcpReq.inputResponses, 'confirm');
            if (!confirmed) return inputRequired({ inputRequests: { confirm: inputRequired.elicit({ message: 'Deploy?', requestedSchema }) } });
            return { content: [{ type: 'text', text: 'deployed' }] };
          });
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: 'ctx.mcpReq.elicitInput',
            data: { message: rule.meta.messages.elicitsInput, gate: "behind `version < '2026-07-28'`" },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
    {
      ...invalid(
        'M1 on a legacy route taken only behind isLegacyRequest() is servesLegacyClients',
        code`
          import { McpServer, isLegacyRequest } from '@modelcontextprotocol/server';
          import { NodeStreamableHTTPServerTransport, toWebRequest } from '@modelcontextprotocol/node';

          async function legacyPost(req, res) {
            const server = new McpServer({ name: 'deploy', version: '2.0.0' });
            server.registerTool('deploy', {}, async (ctx) => {
              const answer = await ctx.mcpReq.elicitInput({ message: 'Deploy?', requestedSchema });
              return { content: [{ type: 'text', text: answer.action }] };
            });
            const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
            await server.connect(transport);
            await transport.handleRequest(req, res, req.body);
          }
          app.post('/mcp', async (req, res) => ((await isLegacyRequest(toWebRequest(req, req.body))) ? legacyPost(req, res) : modern(req, res)));
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: 'ctx.mcpReq.elicitInput',
            data: {
              message: rule.meta.messages.elicitsInput,
              gate: 'in `legacyPost`, which runs only behind `await isLegacyRequest(toWebRequest(req, req.body))`',
            },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
  ],
});

describe('no-server-to-client-requests prefilter', () => {
  const prefilter = rulePrefilter(rule);

  it('does not run on a JSON-RPC client that pings and parks requests but does not speak MCP', () => {
    expect(prefilter.scan(rpcLookalike).ruleIds).toEqual([]);
  });
});
