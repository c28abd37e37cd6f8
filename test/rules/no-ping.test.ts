import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-ping.js';
import { caseBuilders, code, rulePrefilter } from '../helpers/rule-cases.js';

/**
 * Tests for `no-ping` (reference §15.1 row L13; design.md principle 3 for the lookalikes:
 * Redis, WebSocket, database and Mongo pings, other JSON-RPC protocols' `ping`, /ping routes).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);

/** A file without MCP that says ping: an HttpClient, Redis, a source map and a ping mapping. */
const pingLookalike = code`
  import Redis from 'ioredis';

  const redis = new Redis();
  const mapping = { ping: 'pong' } as const;

  export class HttpClient {
    constructor(private readonly baseUrl: string) {}
    async ping(): Promise<boolean> {
      return (await fetch(\`\${this.baseUrl}/ping\`)).ok;
    }
  }

  setInterval(() => void Promise.all([new HttpClient('https://api.example.com').ping(), redis.ping()]), 30_000);
  export const mapComment = '//# sourceMappingURL=http-client.js.map';
  export { mapping };
`;

const ruleTester = new RuleTester();

ruleTester.run('no-ping', rule, {
  valid: [
    valid('a file without MCP that says ping: an HttpClient, Redis, a source map and a ping mapping', pingLookalike),
    // ---------------------------------------------------------------------------------
    // ping() of other libraries, in files that are MCP servers or clients.
    // ---------------------------------------------------------------------------------
    valid(
      'Redis / ioredis ping in an MCP server',
      code`
        import Redis from 'ioredis';
        import { createClient } from 'redis';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const redis = new Redis(process.env.REDIS_URL!);
        const cache = createClient({ url: process.env.CACHE_URL });
        const server = new McpServer({ name: 'cache', version: '1.0.0' });

        export async function healthy(): Promise<boolean> {
          const [a, b] = await Promise.all([redis.ping(), cache.ping()]);
          return a === 'PONG' && b === 'PONG';
        }
        setInterval(() => void redis.ping(), 30_000);
      `,
    ),
    valid(
      'ws heartbeat: ws.ping() on a timer next to an MCP client',
      code`
        import { WebSocketServer, type WebSocket } from 'ws';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        const wss = new WebSocketServer({ port: 8080 });
        const client = new Client({ name: 'bridge', version: '1.0.0' });
        wss.on('connection', (socket: WebSocket) => {
          const timer = setInterval(() => socket.ping(), 15_000);
          socket.on('close', () => clearInterval(timer));
        });
      `,
    ),
    valid(
      'database pool ping and Mongo admin().ping()',
      code`
        import { Pool } from 'pg';
        import { MongoClient } from 'mongodb';
        import { McpServer } from '@modelcontextprotocol/server';

        const pool = new Pool();
        const mongo = new MongoClient(process.env.MONGO_URL!);
        export const server = new McpServer({ name: 'db', version: '2.0.0' });

        export async function check() {
          const conn = await pool.connect();
          await conn.query('SELECT 1');
          await mongo.db('admin').admin().ping();
          await mongo.db().command({ ping: 1 });
        }
      `,
    ),
    valid(
      'health-check routes named /ping next to an MCP endpoint',
      code`
        import express from 'express';
        import { createMcpHandler } from '@modelcontextprotocol/server';
        import { toNodeHandler } from '@modelcontextprotocol/node';

        const app = express();
        app.get('/ping', (_req, res) => res.send('pong'));
        app.get('/healthz', (_req, res) => res.json({ status: 'ok', ping: Date.now() }));
        app.all('/mcp', toNodeHandler(createMcpHandler(() => buildServer())));
      `,
    ),
    // ---------------------------------------------------------------------------------
    // `ping` in other JSON-RPC protocols: no MCP evidence in the file.
    // ---------------------------------------------------------------------------------
    valid(
      'a non-MCP JSON-RPC server routing ping',
      code`
        import { JSONRPCServer } from 'json-rpc-2.0';

        const rpc = new JSONRPCServer();
        rpc.addMethod('ping', () => 'pong');
        rpc.addMethod('echo', ({ text }: { text: string }) => text);

        export function handle(body: { jsonrpc: '2.0'; id: number; method: string }) {
          switch (body.method) {
            case 'ping':
              return { jsonrpc: '2.0', id: body.id, result: 'pong' };
            default:
              return rpc.receive(body);
          }
        }
        export const probe = { jsonrpc: '2.0', id: 1, method: 'ping' };
      `,
    ),
    valid(
      'an LSP-style server in a file without MCP evidence',
      code`
        const handlers = {
          initialize: () => ({ capabilities: {} }),
          ping: () => ({}),
        };
        export function dispatch(message: { method: keyof typeof handlers }) {
          if (message.method === 'ping') return {};
          return handlers[message.method]();
        }
      `,
    ),
    // In an MCP file, a heartbeat `type` or event name is not a JSON-RPC method.
    valid(
      "'ping' as a message type or event name in an MCP server file",
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        export const server = new McpServer({ name: 'live', version: '1.0.0' });
        socket.on('message', (data: { type: string }) => {
          if (data.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
        });
        switch (event) {
          case 'ping':
            break;
        }
      `,
    ),
    // A local class that happens to be called Client, and an untyped receiver.
    valid(
      'ping() on a local Client class and on an untraced object',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        class Client {
          async ping() {
            return true;
          }
        }
        const upstream = new Client();
        await upstream.ping();
        await services.client.ping();
      `,
    ),
    // A tool called ping and a prompt called initialize are not the methods, even when the
    // same receiver name also registers MCP methods elsewhere in the file.
    valid(
      'a tool named ping and a prompt named initialize',
      code`
        import { McpServer, Server } from '@modelcontextprotocol/server';

        export function toolServer() {
          const s = new McpServer({ name: 'tools', version: '1.0.0' });
          s.registerTool('ping', { description: 'Ping the upstream API' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
          s.registerPrompt('initialize', { description: 'Set up a project' }, () => ({ messages: [] }));
          return s;
        }

        export function lowLevel() {
          const s = new Server({ name: 'low', version: '1.0.0' }, { capabilities: { resources: {} } });
          s.setRequestHandler('resources/read', async () => ({ contents: [] }));
          return s;
        }
      `,
    ),
    // A debugging client that re-sends a request picked from its traffic log: each branch
    // issues the request through its client wrapper, whose own ping() is where the message is
    // built; nothing here answers a ping.
    valid(
      'a client re-issuing a logged request, ping included, through its wrapper',
      code`
        import type { Prompt } from '@modelcontextprotocol/client';
        import type { DebugClient } from './debug-client';

        export async function resend(client: DebugClient, method: string, params: { cursor?: string; uri?: string } = {}) {
          switch (method) {
            case 'tools/list':
              await client.listTools(params.cursor);
              break;
            case 'resources/read':
              await client.readResource(params.uri ?? '');
              break;
            case 'prompts/list':
              await client.listPrompts(params.cursor);
              break;
            case 'ping':
              await client.ping();
              break;
            default:
              throw new Error('cannot resend ' + method);
          }
        }
      `,
    ),
    // Entries of a traffic log rendered by a history panel: copies of messages, never sent.
    valid(
      'traffic-log entries holding a ping request, in a history view test',
      code`
        import type { JSONRPCMessage } from '@modelcontextprotocol/client';
        import { renderHistory } from './history';

        const base = { id: 'row-1', timestamp: new Date(0), direction: 'outgoing' as const };
        const rows = [
          { id: 'row-0', timestamp: new Date(0), direction: 'outgoing', message: { jsonrpc: '2.0', id: 3, method: 'ping' } as JSONRPCMessage },
          { ...base, message: { jsonrpc: '2.0', id: 4, method: 'ping' } },
        ];
        renderHistory(rows);
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Placeholder pings in unit tests of a transport, a relay or a queue: no peer receives them.
    // ---------------------------------------------------------------------------------
    valid(
      'a logging transport wrapper forwarding a ping to an in-file fake transport',
      code`
        import { describe, expect, it, vi } from 'vitest';
        import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
        import { LoggingTransport } from '../src/logging-transport';

        class MemoryTransport implements Transport {
          outbox: JSONRPCMessage[] = [];
          onmessage?: (message: JSONRPCMessage) => void;
          async start() {}
          async close() {}
          async send(message: JSONRPCMessage) {
            this.outbox.push(message);
          }
        }

        function setup() {
          const inner = new MemoryTransport();
          const log = vi.fn();
          const wrapped = new LoggingTransport(inner, { log });
          return { inner, log, wrapped };
        }

        describe('LoggingTransport', () => {
          it('passes messages through unchanged', async () => {
            const { inner, wrapped } = setup();
            const probe = { jsonrpc: '2.0', id: 1, method: 'ping' } as const;
            await wrapped.send(probe);
            expect(inner.outbox).toEqual([probe]);
          });
        });
      `,
      { filename: 'logging-transport.test.ts' },
    ),
    valid(
      'a relay client transport over a mocked fetch: send() before start() and on a 503',
      code`
        import { expect, test, vi } from 'vitest';
        import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
        import { RelayClientTransport } from '../src/relay-client-transport';

        function fakeFetch(status: number) {
          const impl = vi.fn(async () => new Response('upstream down', { status }));
          return impl as unknown as typeof fetch;
        }

        function makeRelay(status = 200) {
          return new RelayClientTransport({ endpoint: 'http://relay.invalid/', fetch: fakeFetch(status) });
        }

        test('send() before start() throws', async () => {
          const relay = makeRelay();
          const request: JSONRPCRequest = { jsonrpc: '2.0', id: 1, method: 'ping' };
          await expect(relay.send(request)).rejects.toThrow(/not started/);
        });

        test('a failed relay post surfaces the status', async () => {
          let relay: RelayClientTransport;
          relay = new RelayClientTransport({
            endpoint: 'http://relay.invalid/',
            fetch: vi.fn<typeof fetch>().mockResolvedValueOnce(Response.json({ session: 'a' })).mockResolvedValueOnce(new Response('no', { status: 503 })),
          });
          await relay.start();
          await expect(relay.send({ jsonrpc: '2.0', id: 2, method: 'ping' })).rejects.toThrow(/503/);
        });
      `,
    ),
    valid(
      'an event queue receiving a ping, in a test of its ordering',
      code`
        import { expect, it } from 'vitest';
        import type { JSONRPCMessage } from '@modelcontextprotocol/client';
        import { EventBuffer } from '../src/event-buffer';

        it('replays buffered events in arrival order', () => {
          const buffer = new EventBuffer('session-9');
          buffer.onLog('starting');
          buffer.onMessage({ jsonrpc: '2.0', id: 1, method: 'ping' } satisfies JSONRPCMessage);
          const kinds: string[] = [];
          buffer.drain((event) => kinds.push(event.kind));
          expect(kinds).toEqual(['log', 'message']);
        });
      `,
      { filename: 'event-buffer.spec.ts' },
    ),
    valid(
      'relay envelopes carrying a ping: posted to an unknown session, published on a bus',
      code`
        import { expect, it } from 'vitest';
        import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
        import { bus } from '../src/bus';

        it('rejects a send for an unknown session', async () => {
          const res = await fetch(relayUrl + '/relay/send', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ sessionId: 'missing', message: { jsonrpc: '2.0', id: 1, method: 'ping' } }),
          });
          expect(res.status).toBe(404);
        });

        it('resets the idle timer on traffic', async () => {
          const probe: JSONRPCMessage = { jsonrpc: '2.0', method: 'ping' };
          await bus.publish('to-server:abc', JSON.stringify({ kind: 'rpc', message: probe }));
          expect(received).toContainEqual(probe);
        });
      `,
    ),
    // The migrated form: liveness from the transport, a cheap tools/list probe.
    valid(
      'migrated client probing with listTools()',
      code`
        import { Client } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'probe', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
        setInterval(() => void client.listTools().catch(reconnect), 60_000);
      `,
    ),
  ],

  invalid: [
    // ---------------------------------------------------------------------------------
    // SDK client and server ping().
    // ---------------------------------------------------------------------------------
    invalid(
      'SDK v1 client.ping() (ESM)',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

        const client = new Client({ name: 'cli', version: '1.0.0' });
        await client.connect(new StdioClientTransport({ command: 'node', args: ['server.js'] }));
        await client.ping();
      `,
      [{ messageId: 'callsPing', at: 'client.ping()', data: { call: 'client.ping()' } }],
    ),
    invalid(
      'SDK v1 server.server.ping() and a low-level Server.ping() (require, .js)',
      code`
        const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
        const { Server } = require('@modelcontextprotocol/sdk/server/index.js');

        const mcp = new McpServer({ name: 'a', version: '1.0.0' });
        const low = new Server({ name: 'b', version: '1.0.0' }, { capabilities: {} });

        async function alive() {
          await mcp.server.ping();
          return low.ping();
        }
        module.exports = { alive };
      `,
      [
        { messageId: 'callsPing', at: 'mcp.server.ping()', data: { call: 'mcp.server.ping()' } },
        { messageId: 'callsPing', at: 'low.ping()', data: { call: 'low.ping()' } },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'SDK v2 client, aliased import, typed parameter and class field',
      code`
        import { Client as McpClient } from '@modelcontextprotocol/client';

        export async function check(client: McpClient) {
          await client.ping();
        }

        export class Upstream {
          private readonly client = new McpClient({ name: 'gw', version: '2.0.0' });

          async healthy() {
            await this.client.ping();
            return true;
          }
        }
      `,
      [
        { messageId: 'callsPing', at: 'client.ping()', inside: 'await client.ping()', data: { call: 'client.ping()' } },
        { messageId: 'callsPing', at: 'this.client.ping()', data: { call: 'this.client.ping()' } },
      ],
    ),
    invalid(
      'SDK v1 namespace import',
      code`
        import * as sdk from '@modelcontextprotocol/sdk/client/index.js';

        const client = new sdk.Client({ name: 'ns', version: '1.0.0' });
        export const probe = () => client.ping({ timeout: 2_000 });
      `,
      [{ messageId: 'callsPing', at: 'client.ping({ timeout: 2_000 })', data: { call: 'client.ping()' } }],
    ),
    // Keep-alive timers: the ping call is reported, the message names the timer.
    invalid(
      'keep-alive timers: setInterval around client.ping() (v1 and v2)',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { McpServer } from '@modelcontextprotocol/server';

        const client = new Client({ name: 'watch', version: '1.0.0' });
        const server = new McpServer({ name: 'srv', version: '1.0.0' });

        const keepAlive = setInterval(async () => {
          try {
            await client.ping();
          } catch {
            await reconnect();
          }
        }, 30_000);
        setTimeout(() => server.server.ping(), 5_000);
      `,
      [
        { messageId: 'keepAlivePing', at: 'client.ping()', data: { timer: 'setInterval()' } },
        { messageId: 'keepAlivePing', at: 'server.server.ping()', data: { timer: 'setTimeout()' } },
      ],
    ),
    // ---------------------------------------------------------------------------------
    // Handlers: SDK registrations and hand-rolled dispatch.
    // ---------------------------------------------------------------------------------
    invalid(
      'SDK v1 setRequestHandler(PingRequestSchema) on a server and a client',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { PingRequestSchema as Ping } from '@modelcontextprotocol/sdk/types.js';

        const server = new Server({ name: 's', version: '1.0.0' }, { capabilities: {} });
        server.setRequestHandler(Ping, async () => {
          lastSeen = Date.now();
          return {};
        });
        const client = new Client({ name: 'c', version: '1.0.0' });
        client.setRequestHandler(Ping, () => ({}));
      `,
      [
        { messageId: 'handlesPing', at: 'Ping', inside: 'server.setRequestHandler(Ping' },
        { messageId: 'handlesPing', at: 'Ping', inside: 'client.setRequestHandler(Ping' },
      ],
    ),
    invalid(
      "SDK v2 setRequestHandler('ping') and a v1 schema through a namespace (require)",
      code`
        const { Server } = require('@modelcontextprotocol/server');
        const types = require('@modelcontextprotocol/sdk/types.js');

        const server = new Server({ name: 's', version: '2.0.0' }, { capabilities: {} });
        server.setRequestHandler('ping', () => ({}));
        server.setRequestHandler(types.PingRequestSchema, () => ({}));
      `,
      [
        { messageId: 'handlesPing', at: "'ping'" },
        { messageId: 'handlesPing', at: 'types.PingRequestSchema' },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'hand-rolled MCP server: switch, if-chain and dispatch table routing ping',
      code`
        export async function handle(msg: { id: number; method: string; params?: unknown }) {
          switch (msg.method) {
            case 'tools/list':
              return { tools };
            case 'ping':
              return {};
          }
        }

        export function route(body: { method: string }) {
          if (body.method === 'tools/call') return callTool(body);
          else if (body.method === 'ping') return {};
        }

        export const handlers = {
          'resources/list': listResources,
          ping: async () => ({}),
        };
      `,
      [
        { messageId: 'handlesPing', at: "'ping'", inside: "case 'ping':" },
        { messageId: 'handlesPing', at: "'ping'", inside: "body.method === 'ping'" },
        { messageId: 'handlesPing', at: 'ping', inside: 'ping: async' },
      ],
    ),
    // A client answering the server's ping, in a file that speaks MCP: the switch routes only ping.
    invalid(
      "hand-rolled client answering the server's ping (.js)",
      code`
        const PING = 'ping';

        async function onMessage(message) {
          switch (message.method) {
            case PING:
              return send({ jsonrpc: '2.0', id: message.id, result: {} });
            default:
              return pending.get(message.id)?.(message);
          }
        }

        await send({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
        module.exports = { onMessage };
      `,
      [{ messageId: 'handlesPing', at: 'PING', inside: 'case PING:' }],
      { filename: 'file.js' },
    ),
    // A stdio bridge forwarding most requests to an upstream client still answers ping itself.
    invalid(
      'hand-rolled stdio bridge: branches forward to an upstream client, ping answered locally',
      code`
        import { upstreamClient } from './upstream';

        export async function onLine(line: string) {
          const request = JSON.parse(line);
          let result: unknown;
          switch (request.method) {
            case 'tools/list':
              result = await upstreamClient.listTools();
              break;
            case 'tools/call':
              result = await upstreamClient.callTool(request.params);
              break;
            case 'ping':
              result = {};
              break;
          }
          process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: request.id, result }) + '\\n');
        }
      `,
      [{ messageId: 'handlesPing', at: "'ping'", inside: "case 'ping':" }],
    ),
    invalid(
      'hand-rolled registry: rpc.addMethod next to MCP methods',
      code`
        rpc.addMethod('tools/list', listTools);
        rpc.addMethod('tools/call', callTool);
        rpc.addMethod('ping', () => ({}));
      `,
      [{ messageId: 'handlesPing', at: "'ping'" }],
    ),
    // ---------------------------------------------------------------------------------
    // Hand-rolled ping messages.
    // ---------------------------------------------------------------------------------
    invalid(
      'hand-rolled client sending a ping request, and SDK request()/sendRequest() with { method: ping }',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { EmptyResultSchema } from '@modelcontextprotocol/sdk/types.js';

        const client = new Client({ name: 'c', version: '1.0.0' });
        await client.request({ method: 'ping' }, EmptyResultSchema);

        const server = new McpServer({ name: 's', version: '1.0.0' });
        server.registerTool('slow', { description: 'Slow' }, async (extra) => {
          await extra.sendRequest({ method: 'ping' }, EmptyResultSchema);
          return { content: [] };
        });

        export async function probe(url: string) {
          const res = await fetch(url, {
            method: 'POST',
            body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'ping' }),
          });
          return res.ok;
        }
      `,
      [
        { messageId: 'sendsPing', at: "'ping'", inside: "client.request({ method: 'ping' }" },
        { messageId: 'sendsPing', at: "'ping'", inside: "extra.sendRequest({ method: 'ping' }" },
        { messageId: 'sendsPing', at: "'ping'", inside: "id: 7, method: 'ping'" },
      ],
    ),
    // Tests that really ping a peer: an SDK transport to a server URL (its fetch only spied on),
    // a spawned server over stdio, a hand-rolled server whose reply the test reads.
    invalid(
      'a test sending ping over SDK transports that reach a server',
      code`
        import { expect, it, vi } from 'vitest';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
        import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
        import { MiniServer } from '../src/mini-server';

        it('answers ping over HTTP and stdio', async () => {
          const spy = vi.fn((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
          const http = new StreamableHTTPClientTransport(new URL(serverUrl), { fetch: spy });
          await http.start();
          await http.send({ jsonrpc: '2.0', id: 1, method: 'ping' });

          const stdio = new StdioClientTransport({ command: 'node', args: ['dist/server.js'] });
          await stdio.start();
          await stdio.send({ jsonrpc: '2.0', id: 2, method: 'ping' });

          const server = new MiniServer('demo');
          const reply = await server.handleMessage({ jsonrpc: '2.0', id: 3, method: 'ping' });
          expect(reply).toEqual({ jsonrpc: '2.0', id: 3, result: {} });
        });
      `,
      [
        { messageId: 'sendsPing', at: "'ping'", inside: "id: 1, method: 'ping'" },
        { messageId: 'sendsPing', at: "'ping'", inside: "id: 2, method: 'ping'" },
        { messageId: 'sendsPing', at: "'ping'", inside: "id: 3, method: 'ping' })" },
      ],
      { filename: 'server.test.ts' },
    ),
    // A hand-rolled stdio server pinging its client (a server-to-client request too).
    invalid(
      'hand-rolled stdio server writing a ping request to stdout (.js)',
      code`
        const readline = require('node:readline');

        let nextId = 1;
        function keepAlive() {
          process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: nextId++, method: 'ping' }) + '\\n');
        }
        readline.createInterface({ input: process.stdin }).on('line', (line) => {
          const msg = JSON.parse(line);
          if (msg.method === 'tools/list') reply(msg.id, { tools: [] });
        });
        setInterval(keepAlive, 10000);
      `,
      [{ messageId: 'sendsPing', at: "'ping'" }],
      { filename: 'file.js' },
    ),
    // ---------------------------------------------------------------------------------
    // Dual-era: ping kept for 2025 clients behind isLegacyRequest().
    // ---------------------------------------------------------------------------------
    {
      ...invalid(
        'ping handled only behind isLegacyRequest() is servesLegacyClients',
        code`
          import { isLegacyRequest } from '@modelcontextprotocol/server';

          export async function handle(request: Request, body: { method: string }) {
            if (await isLegacyRequest(request, body)) {
              if (body.method === 'ping') return Response.json({ jsonrpc: '2.0', id: 1, result: {} });
              return legacy(request, body);
            }
            return modern(request, body);
          }
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: "'ping'",
            data: {
              message: rule.meta.messages.handlesPing,
              gate: 'behind `await isLegacyRequest(request, body)`',
            },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
  ],
});

describe('no-ping prefilter', () => {
  const prefilter = rulePrefilter(rule);

  it('does not run on a file that says ping but not MCP', () => {
    expect(prefilter.scan(pingLookalike).ruleIds).toEqual([]);
  });
});
