import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-legacy-cancellation.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-legacy-cancellation` (reference §15.2 row H14, §15.3 row C6, §15.6 rows S6, S7
 * and S8; design.md principle 3 for the cancellation code of other protocols, which must stay
 * silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

ruleTester.run('no-legacy-cancellation', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // 2026-07-28 cancellation: aborting the request, closing the stream.
    // ---------------------------------------------------------------------------------
    valid(
      'a hand-rolled HTTP client aborts the fetch',
      code`
        export async function callTool(endpoint: string, name: string, args: object, signal: AbortSignal) {
          const response = await fetch(endpoint, {
            method: 'POST',
            signal,
            headers: { 'content-type': 'application/json', 'mcp-method': 'tools/call', 'mcp-name': name },
            body: JSON.stringify({ jsonrpc: '2.0', id: nextId(), method: 'tools/call', params: { name, arguments: args, _meta: envelope() } }),
          });
          return response.json();
        }

        const controller = new AbortController();
        setTimeout(() => controller.abort(), 30_000);
      `,
    ),
    valid(
      'an SDK client cancels with an AbortSignal',
      code`
        import { Client } from '@modelcontextprotocol/client';

        const controller = new AbortController();
        const result = client.callTool({ name: 'slow_report' }, { signal: controller.signal });
        cancelButton.onclick = () => controller.abort();
      `,
    ),
    valid(
      'a stdio client cancels with the request id',
      code`
        import { spawn } from 'node:child_process';

        const server = spawn('notes-mcp', ['--stdio']);
        export function cancel(requestId: number) {
          server.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId, reason: 'user cancelled' } }) + '\\n');
        }
        export function listTools(id: number) {
          server.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list', params: { _meta: envelope() } }) + '\\n');
        }
      `,
    ),
    valid(
      'a stdio server ends a subscriptions/listen stream',
      code`
        const listens = new Map<number, Subscription>();

        function handle(message) {
          switch (message.method) {
            case 'subscriptions/listen':
              return listens.set(message.id, subscribe(message.params.notifications));
          }
        }

        export function shutdown() {
          for (const id of listens.keys()) {
            process.stdout.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id } }) + '\\n');
          }
        }
      `,
    ),
    valid(
      'a hand-rolled HTTP server that stops work when the client disconnects',
      code`
        import express from 'express';

        app.post('/mcp', async (req, res) => {
          const controller = new AbortController();
          res.on('close', () => controller.abort());
          const message = req.body;
          switch (message.method) {
            case 'notifications/cancelled':
              inflight.get(message.params.requestId)?.abort();
              return res.status(202).end();
            case 'tools/call':
              return res.json({ jsonrpc: '2.0', id: message.id, result: await callTool(message.params, controller.signal) });
          }
        });
      `,
    ),
    // The disconnect watched on the POST's own path: before the dispatch, in a helper it calls, in route middleware.
    valid(
      'node:http: the request handler aborts on close before handing the POST to the dispatch function',
      code`
        import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

        async function handlePost(req: IncomingMessage, res: ServerResponse, signal: AbortSignal) {
          const message = JSON.parse(await readBody(req));
          switch (message.method) {
            case 'notifications/cancelled':
              inflight.get(message.params.requestId)?.abort();
              return void res.writeHead(202).end();
            case 'tools/call':
              return void res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: await callTool(message.params, signal) }));
          }
        }

        createServer((req, res) => {
          const controller = new AbortController();
          res.on('close', () => controller.abort());
          if (req.method === 'POST') void handlePost(req, res, controller.signal);
        }).listen(3000);
      `,
    ),
    valid(
      'node:http: the dispatch function calls a helper that stops the work when the response closes',
      code`
        import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

        function abortOnDisconnect(res: ServerResponse): AbortSignal {
          const controller = new AbortController();
          res.once('close', () => controller.abort());
          return controller.signal;
        }

        async function handlePost(req: IncomingMessage, res: ServerResponse) {
          const message = JSON.parse(await readBody(req));
          if (message.method === 'notifications/cancelled') return void res.writeHead(202).end();
          if (message.method === 'tools/call') {
            const result = await callTool(message.params, abortOnDisconnect(res));
            res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
          }
        }

        createServer((req, res) => {
          if (req.method === 'POST') void handlePost(req, res);
        });
      `,
    ),
    valid(
      'Express: route middleware watches the disconnect',
      code`
        import express from 'express';

        function cancelOnClose(req, res, next) {
          res.locals.controller = new AbortController();
          res.on('close', () => res.locals.controller.abort());
          next();
        }

        app.post('/mcp', cancelOnClose, async (req, res) => {
          const message = req.body;
          switch (message.method) {
            case 'notifications/cancelled':
              return res.status(202).end();
            case 'tools/call':
              return res.json({ jsonrpc: '2.0', id: message.id, result: await callTool(message.params, res.locals.controller.signal) });
          }
        });
      `,
    ),
    valid(
      'a server sends progress on the request stream',
      code`
        app.post('/mcp', async (req, res) => {
          const message = req.body;
          if (message.method === 'tools/call') {
            res.writeHead(200, { 'content-type': 'text/event-stream' });
            const progress = { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: message.params._meta.progressToken, progress: 1 } };
            res.write(\`data: \${JSON.stringify(progress)}\\n\\n\`);
          }
        });
      `,
    ),
    valid(
      'a test that expects a cancellation message',
      code`
        import { expect, it } from 'vitest';
        import { Client } from '@modelcontextprotocol/client';

        it('cancels on stdio', async () => {
          expect(sent).toContainEqual({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { reason: 'timeout' } });
        });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // A bare notification used as test data for a transport over a mocked fetch: no request is
    // cancelled and no peer receives it.
    // ---------------------------------------------------------------------------------
    valid(
      'a relay transport unit test pushing a bare notifications/cancelled through a mocked fetch',
      code`
        import { describe, expect, it, vi } from 'vitest';
        import type { JSONRPCMessage } from '@modelcontextprotocol/client';
        import { RelayClientTransport } from '../src/relay-client-transport';

        function relayWith(post: () => Response) {
          const fetchFn = vi.fn(async (input: RequestInfo | URL) => (String(input).endsWith('/send') ? post() : Response.json({ session: 's1' })));
          return new RelayClientTransport({ endpoint: 'http://relay.invalid', fetchFn });
        }

        describe('notifications', () => {
          it('does not wait for a response to a notification whose post fails', async () => {
            const note: JSONRPCMessage = { jsonrpc: '2.0', method: 'notifications/cancelled' };
            const relay = relayWith(() => new Response('down', { status: 502 }));
            await relay.start();
            await expect(relay.send(note)).rejects.toThrow(/502/);
          });

          it('stamps the negotiated version on every post', async () => {
            const bodies: string[] = [];
            const fetchFn = vi.fn<typeof fetch>().mockImplementation(async (_input, init) => {
              bodies.push(String(init?.body));
              return Response.json({ ok: true });
            });
            const relay = new RelayClientTransport({ endpoint: 'http://relay.invalid', fetchFn });
            relay.setProtocolVersion('2025-11-25');
            await relay.send({ jsonrpc: '2.0', method: 'notifications/cancelled' });
            expect(JSON.parse(bodies[0]!)).toMatchObject({ protocolVersion: '2025-11-25' });
          });
        });
      `,
      { filename: 'relay-client-transport.test.ts' },
    ),
    // ---------------------------------------------------------------------------------
    // Lookalikes: other protocols' cancellation.
    // ---------------------------------------------------------------------------------
    valid(
      "LSP's $/cancelRequest",
      code`
        import { createMessageConnection } from 'vscode-jsonrpc/node';

        const connection = createMessageConnection(reader, writer);
        export function cancel(id: number) {
          void connection.sendNotification('$/cancelRequest', { id });
        }
      `,
    ),
    valid(
      'another JSON-RPC protocol that names its cancellation the same way',
      code`
        export async function cancelJob(endpoint: string, id: string) {
          await fetch(endpoint, {
            method: 'POST',
            body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { id } }),
          });
        }
      `,
    ),
    valid(
      'an agent protocol session/cancel',
      code`
        import { ClientSideConnection } from '@agentclientprotocol/sdk';

        export async function stop(connection: ClientSideConnection, sessionId: string) {
          await connection.cancel({ sessionId });
          send({ jsonrpc: '2.0', method: 'session/cancel', params: { sessionId } });
        }
      `,
    ),
  ],
  invalid: [
    // ---------------------------------------------------------------------------------
    // H14: hand-rolled HTTP servers that cancel on the notification.
    // ---------------------------------------------------------------------------------
    invalid(
      'an Express MCP server cancels only on a POSTed notifications/cancelled',
      code`
        import express from 'express';

        const inflight = new Map<string | number, AbortController>();
        app.post('/mcp', async (req, res) => {
          const message = req.body;
          switch (message.method) {
            case 'notifications/cancelled':
              inflight.get(message.params.requestId)?.abort();
              return res.status(202).end();
            case 'tools/call': {
              const controller = new AbortController();
              inflight.set(message.id, controller);
              const result = await callTool(message.params, controller.signal);
              return res.json({ jsonrpc: '2.0', id: message.id, result });
            }
          }
        });
      `,
      [{ messageId: 'httpServerCancelsOnNotification', at: "'notifications/cancelled'" }],
    ),
    invalid(
      'node:http in JavaScript with the cancellation in a local dispatch function',
      code`
        const http = require('node:http');

        function dispatch(message) {
          if (message.method === 'notifications/cancelled') return cancel(message.params.requestId);
          if (message.method === 'resources/read') return readResource(message.params.uri);
        }

        http.createServer(async (req, res) => {
          const message = JSON.parse(await text(req));
          res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: await dispatch(message) }));
        }).listen(3000);
      `,
      [{ messageId: 'httpServerCancelsOnNotification', at: "'notifications/cancelled'" }],
      { filename: 'file.js' },
    ),

    // The shape of the legacy-hand-rolled example: the only `close` listener belongs to the GET
    // event stream, which the same request handler also serves.
    invalid(
      'node:http: the close listener detaches the GET event stream, not the POST that dispatches the cancellation',
      code`
        import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

        async function handlePost(req: IncomingMessage, res: ServerResponse): Promise<void> {
          const message = JSON.parse(await readBody(req));
          if (message.id === undefined) {
            switch (message.method) {
              case 'notifications/cancelled': {
                session.inflight.get(message.params?.requestId)?.abort();
                break;
              }
            }
            res.writeHead(202).end();
            return;
          }
          switch (message.method) {
            case 'tools/list':
              return void res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { tools: [] } }));
          }
        }

        function openEventStream(req: IncomingMessage, res: ServerResponse): void {
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          session.stream = res;
          req.on('close', () => {
            if (session.stream === res) session.stream = undefined;
          });
        }

        const server = createServer((req, res) => {
          switch (req.method) {
            case 'POST':
              void handlePost(req, res);
              return;
            case 'GET':
              openEventStream(req, res);
              return;
          }
        });
        server.on('close', () => log.info('stopped'));
      `,
      [{ messageId: 'httpServerCancelsOnNotification', at: "'notifications/cancelled'" }],
    ),
    invalid(
      'Express: only the GET stream route listens for close',
      code`
        import express from 'express';

        app.get('/mcp', (req, res) => {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          req.on('close', () => streams.delete(res));
        });
        app.post('/mcp', async (req, res) => {
          const message = req.body;
          if (message.method === 'notifications/cancelled') return res.status(202).end();
          if (message.method === 'tools/call') return res.json({ jsonrpc: '2.0', id: message.id, result: await callTool(message.params) });
        });
      `,
      [{ messageId: 'httpServerCancelsOnNotification', at: "'notifications/cancelled'" }],
    ),

    // ---------------------------------------------------------------------------------
    // C6: clients that POST the notification.
    // ---------------------------------------------------------------------------------
    invalid(
      'a hand-rolled HTTP client POSTs the cancellation, directly and through a local helper',
      code`
        async function post(endpoint: string, message: object) {
          return fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
        }

        export async function listTools(endpoint: string) {
          return post(endpoint, { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
        }

        export async function cancel(endpoint: string, requestId: number) {
          await fetch(endpoint, {
            method: 'POST',
            body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId, reason: 'timeout' } }),
          });
          await post(endpoint, { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId } });
        }
      `,
      [
        { messageId: 'httpClientPostsCancellation', at: "'notifications/cancelled'", nth: 1 },
        { messageId: 'httpClientPostsCancellation', at: "'notifications/cancelled'", nth: 2 },
      ],
    ),
    invalid(
      'an SDK v1 client on Streamable HTTP sends the notification by hand',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

        const client = new Client({ name: 'notes-cli', version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(url)));
        export async function cancel(requestId: number) {
          await client.notification({ method: 'notifications/cancelled', params: { requestId, reason: 'user pressed Ctrl+C' } });
        }
      `,
      [{ messageId: 'httpClientPostsCancellation', at: "'notifications/cancelled'" }],
    ),

    // ---------------------------------------------------------------------------------
    // S6: servers that send the notification.
    // ---------------------------------------------------------------------------------
    invalid(
      'SDK servers: v1 extra.sendNotification and v2 ctx.mcpReq.notify, aliased import',
      code`
        import { McpServer as Mcp } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new Mcp({ name: 'jobs', version: '1.0.0' });
        server.registerTool('stop', { inputSchema: {} }, async (args, extra) => {
          await extra.sendNotification({ method: 'notifications/cancelled', params: { requestId: extra.requestId } });
          return { content: [] };
        });
        server.registerTool('halt', {}, async (ctx) => {
          await ctx.mcpReq.notify({ method: 'notifications/cancelled', params: { requestId: ctx.mcpReq.id } });
          return { content: [] };
        });
      `,
      [
        { messageId: 'serverSendsCancellation', at: "'notifications/cancelled'", nth: 1 },
        { messageId: 'serverSendsCancellation', at: "'notifications/cancelled'", nth: 2 },
      ],
    ),
    invalid(
      'SDK v2 server through a namespace import: server.notification and ctx.mcpReq.notify',
      code`
        import * as mcp from '@modelcontextprotocol/server';

        export function build() {
          const server = new mcp.McpServer({ name: 'jobs', version: '2.0.0' });
          server.registerTool('halt', { description: 'Stops a job' }, async (ctx) => {
            await ctx.mcpReq.notify({ method: 'notifications/cancelled', params: { requestId: ctx.mcpReq.id } });
            return { content: [] };
          });
          process.on('SIGTERM', () => server.server.notification({ method: 'notifications/cancelled', params: { requestId: 0 } }));
          return server;
        }
      `,
      [
        { messageId: 'serverSendsCancellation', at: "'notifications/cancelled'", nth: 1 },
        { messageId: 'serverSendsCancellation', at: "'notifications/cancelled'", nth: 2 },
      ],
    ),
    invalid(
      'a hand-rolled HTTP server writes the notification to an SSE stream',
      code`
        app.post('/mcp', async (req, res) => {
          const message = req.body;
          if (message.method === 'tools/call') {
            res.writeHead(200, { 'content-type': 'text/event-stream' });
            const timer = setTimeout(() => {
              res.write(\`data: \${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: message.id } })}\\n\\n\`);
              res.end();
            }, 60_000);
            res.on('close', () => clearTimeout(timer));
          }
        });
      `,
      [{ messageId: 'serverSendsCancellation', at: "'notifications/cancelled'" }],
    ),

    // ---------------------------------------------------------------------------------
    // S7: clients that send progress.
    // ---------------------------------------------------------------------------------
    invalid(
      'an SDK v1 client reports progress on a sampling request',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        const client = new Client({ name: 'desk', version: '1.0.0' }, { capabilities: { sampling: {} } });
        client.setRequestHandler(CreateMessageRequestSchema, async (request, extra) => {
          await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: request.params._meta?.progressToken, progress: 0.5 } });
          return await llm.complete(request.params);
        });
      `,
      [{ messageId: 'clientSendsProgress', at: "'notifications/progress'" }],
    ),
    invalid(
      'a hand-rolled stdio client in JavaScript: progress, and a cancellation without requestId',
      code`
        const { spawn } = require('node:child_process');

        const child = spawn('node', ['server.js']);
        function send(message) {
          child.stdin.write(JSON.stringify(message) + '\\n');
        }
        send({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
        send({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 'sync', progress: 3, total: 10 } });
        send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { reason: 'shutting down' } });
        child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled' }) + '\\n');
      `,
      [
        { messageId: 'clientSendsProgress', at: "'notifications/progress'" },
        { messageId: 'cancellationWithoutRequestId', at: "'notifications/cancelled'", nth: 1 },
        { messageId: 'cancellationWithoutRequestId', at: "'notifications/cancelled'", nth: 2 },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'a test cancelling over a stdio transport to a spawned server, without requestId',
      code`
        import { it } from 'vitest';
        import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

        it('stops the slow tool', async () => {
          const transport = new StdioClientTransport({ command: 'node', args: ['dist/index.js'] });
          await transport.start();
          await transport.send({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'slow', arguments: {} } });
          await transport.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { reason: 'test over' } });
        });
      `,
      [{ messageId: 'cancellationWithoutRequestId', at: "'notifications/cancelled'" }],
      { filename: 'cancel.test.ts' },
    ),
    invalid(
      'S8 where the sender cannot be told',
      code`
        import type { JSONRPCNotification } from '@modelcontextprotocol/sdk/types.js';

        const params = { reason: 'task expired' };
        export const expired: JSONRPCNotification = { jsonrpc: '2.0', method: 'notifications/cancelled', params };
      `,
      [{ messageId: 'cancellationWithoutRequestId', at: "'notifications/cancelled'" }],
    ),
  ],
});

const report = { 'mcp-migrate': { legacyGated: 'report' } };

ruleTester.run('no-legacy-cancellation (dual-era code)', rule, {
  valid: [
    {
      name: 'the legacy path of a dual-era client is dropped in the editor',
      code: code`
        export async function cancel(endpoint: string, requestId: number, era: 'legacy' | 'modern', controller: AbortController) {
          if (era === 'legacy') {
            await fetch(endpoint, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId } }) });
          } else controller.abort();
          await fetch(endpoint, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }) });
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a dual-era server keeps the notification branch behind isLegacyRequest()',
      settings: report,
      code: code`
        import { isLegacyRequest } from '@modelcontextprotocol/server';

        app.post('/mcp', async (req, res) => {
          const message = req.body;
          if (await isLegacyRequest(toWebRequest(req), message)) {
            switch (message.method) {
              case 'notifications/cancelled':
                inflight.get(message.params.requestId)?.abort();
                return res.status(202).end();
              case 'tools/call':
                return res.json({ jsonrpc: '2.0', id: message.id, result: await callTool(message.params) });
            }
          }
          return modernHandler(req, res);
        });
      `,
      errors: [
        {
          messageId: 'servesLegacyClients',
          data: { message: rule.meta.messages.httpServerCancelsOnNotification, gate: 'behind `await isLegacyRequest(toWebRequest(req), message)`' },
          line: 7,
        },
      ],
    },
    {
      name: 'the legacy path of a dual-era client is reported as serving 2025 clients',
      settings: report,
      code: code`
        export async function cancel(endpoint: string, requestId: number, era: 'legacy' | 'modern', controller: AbortController) {
          if (era === 'legacy') {
            await fetch(endpoint, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId } }) });
          } else controller.abort();
          await fetch(endpoint, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }) });
        }
      `,
      errors: [
        {
          messageId: 'servesLegacyClients',
          data: { message: rule.meta.messages.httpClientPostsCancellation, gate: "behind `era === 'legacy'`" },
          line: 3,
        },
      ],
    },
  ],
});
