import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-ping.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-ping` (reference §15.1 row L13; design.md principle 3 for the lookalikes:
 * Redis, WebSocket, database and Mongo pings, other JSON-RPC protocols' `ping`, /ping routes).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

ruleTester.run('no-ping', rule, {
  valid: [
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
