import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-modern-sdk-entry.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `require-modern-sdk-entry` (reference §15 rows P11 and L12, typescript-sdk-v1-v2.md
 * §0.1 "v2 is legacy-only by default" and §3 rows 1, 12 and 19; design.md principle 3 for the
 * `connect()` of databases, websockets and brokers, other libraries' `Client` classes, and child
 * process stdio, which must stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);
const legacyReport = { 'mcp-migrate': { legacyGated: 'report' as const } };

const v1 = { upgrade: ' SDK v1 cannot serve 2026-07-28: upgrade to SDK v2 first.' };
const v2 = { upgrade: '' };

const ruleTester = new RuleTester();

ruleTester.run('require-modern-sdk-entry', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // The 2026-07-28 entries.
    // ---------------------------------------------------------------------------------
    valid(
      'serveStdio, createMcpHandler and a Client that negotiates',
      code`
        import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
        import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
        import { toNodeHandler } from '@modelcontextprotocol/node';
        import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

        const buildServer = () => new McpServer({ name: 'notes', version: '1.0.0' });
        serveStdio(() => buildServer(), { transport: new StdioServerTransport(socket, socket) });
        app.all('/mcp', toNodeHandler(createMcpHandler(() => buildServer())));

        const client = new Client({ name: 'cli', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
        const pinned = new Client({ name: 'cli', version: '1.0.0' }, { capabilities: {}, versionNegotiation: { mode: { pin: '2026-07-28' } } });
        await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      `,
    ),
    valid(
      'v2 Client with options built elsewhere or spread in (no guess)',
      code`
        import { Client, type ClientOptions } from '@modelcontextprotocol/client';

        export function makeClient(options: ClientOptions) {
          return new Client({ name: 'sdk-user', version: '2.0.0' }, options);
        }
        export const shared = new Client({ name: 'shared', version: '2.0.0' }, { ...defaults, capabilities: {} });
      `,
    ),

    valid(
      'v2 Client whose era is chosen after construction: setVersionNegotiation, connect with a prior verdict',
      code`
        import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

        export class Agent {
          private readonly client = new Client({ name: 'agent', version: '1.0.0' });
          constructor(auto: boolean) {
            this.client.setVersionNegotiation(auto ? { mode: 'auto' } : undefined);
          }
        }
      `,
    ),
    valid(
      'v2 Client connected with a cached discover result',
      code`
        import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'gateway', version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(url)), { prior: { kind: 'modern', discover: cached } });
      `,
    ),

    // ---------------------------------------------------------------------------------
    // connect() of other things; other libraries' Client classes; child process stdio.
    // ---------------------------------------------------------------------------------
    valid(
      'connect() of databases, brokers and websockets in an MCP server file',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import mongoose from 'mongoose';
        import { connect as natsConnect } from 'nats';
        import { Client as PgClient } from 'pg';

        const server = new McpServer({ name: 'db', version: '1.0.0' });
        await mongoose.connect(process.env.MONGO_URL!);
        const nats = await natsConnect({ servers: 'nats://localhost:4222' });
        const pg = new PgClient({ connectionString: process.env.DATABASE_URL });
        await pg.connect();
        const socket = new WebSocket('wss://example.com');
        redis.connect();
      `,
    ),
    valid(
      "other libraries' Client classes",
      code`
        import { Client } from '@elastic/elasticsearch';
        import Anthropic from '@anthropic-ai/sdk';
        import { Client as SshClient } from 'ssh2';

        const search = new Client({ node: 'http://localhost:9200' });
        const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
        const ssh = new SshClient();
        ssh.connect({ host: 'example.com' });
      `,
    ),
    valid(
      'an HttpClient and a stdio log sink with connect(), in a file with no MCP import',
      code`
        import { HttpClient } from '@angular/common/http';
        import { StdioServerTransport } from './log-sinks';

        export class ApiClient {
          constructor(private readonly http: HttpClient) {}
        }

        const client = new Client({ baseUrl: '/api' });
        await client.connect(new StdioServerTransport({ level: 'info' }));
      `,
    ),
    valid(
      'a stdio client that spawns a server, and child process stdio (CommonJS)',
      code`
        const { spawn } = require('node:child_process');
        const { Client } = require('@modelcontextprotocol/client');
        const { StdioClientTransport } = require('@modelcontextprotocol/client/stdio');

        const client = new Client({ name: 'runner', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
        client.connect(new StdioClientTransport({ command: 'node', args: ['server.js'] }));
        const child = spawn('git', ['status'], { stdio: 'pipe' });
        child.stdout.pipe(process.stdout);
      `,
      { filename: 'file.js' },
    ),
    // ---------------------------------------------------------------------------------
    // Clients that never reach a 2026-07-28 server: over the 2024-11-05 HTTP+SSE transport
    // (no-deprecated-sse-transport reports it), or a connect() the test expects to fail.
    // ---------------------------------------------------------------------------------
    valid(
      'SDK v1 clients of an SSE bridge: in a variable, from a factory, through a typed destructured parameter',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';

        let upstream: Client | undefined;

        const clientFor = (name: string) => new Client({ name, version: '1.0.0' }, { capabilities: {} });

        async function reconnect({ transport }: { transport: SSEClientTransport }) {
          const retry = new Client({ name: 'bridge-retry', version: '1.0.0' });
          await retry.connect(transport);
          return retry;
        }

        export async function bridge(sseUrl: string, name: string) {
          const transport = new SSEClientTransport(new URL(sseUrl));
          upstream = clientFor(name);
          try {
            await upstream.connect(transport);
          } catch {
            upstream = await reconnect({ transport });
          }
          const probe = new Client({ name: 'probe', version: '1.0.0' });
          await probe.connect(new SSEClientTransport(new URL('/sse', sseUrl)));
        }
      `,
    ),
    valid(
      'v2 test clients: through a transport factory given an sse server config, and a connect expected to fail',
      code`
        import { expect, it, vi } from 'vitest';
        import { Client } from '@modelcontextprotocol/client';
        import { buildTransport } from '../src/transport';

        it('records the GET that opens the event stream', async () => {
          const config = { type: 'sse' as const, url: legacyServer.url };
          const made = buildTransport(config, { onRequest: (entry) => seen.push(entry) });
          const client = new Client({ name: 'fetch-log', version: '1.0.0' });
          await client.connect(made.transport);
          expect(seen[0]?.method).toBe('GET');
        });

        it('routes through the proxy agent', async () => {
          const failing = vi.fn(async () => {
            throw new Error('stop');
          });
          const made = buildTransport({ type: 'streamable-http', url: 'https://example.com/mcp' }, { fetchFn: failing });
          const client = new Client({ name: 'proxy-check', version: '1.0.0' });
          await expect(client.connect(made.transport)).rejects.toThrow('stop');
        });
      `,
      { filename: 'transport.test.ts' },
    ),
    // A stdio gateway that takes the transport's messages for itself: the SDK server answers
    // nothing, and the stdio transport checks no version (its hand-rolled handshake is
    // no-initialize-handshake's).
    valid(
      'stdio gateways that reassign onmessage after connect()',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
        import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

        export async function pipeToUpstream(forward: (message: JSONRPCMessage) => Promise<JSONRPCMessage | undefined>) {
          const local = new Server({ name: 'gateway', version: '1.0.0' }, { capabilities: {} });
          await local.connect(new StdioServerTransport());
          local.transport!.onmessage = async (message) => {
            const reply = await forward(message);
            if (reply) process.stdout.write(JSON.stringify(reply) + '\\n');
          };
        }

        export async function tee(relay: (message: JSONRPCMessage) => void) {
          const server = new Server({ name: 'tee', version: '1.0.0' }, { capabilities: {} });
          const stdio = new StdioServerTransport();
          await server.connect(stdio);
          stdio.onmessage = (message) => relay(message);
        }
      `,
    ),
    valid(
      'a local class named StdioServerTransport',
      code`
        class StdioServerTransport {
          start() {}
        }
        await server.connect(new StdioServerTransport());
      `,
    ),
  ],

  invalid: [
    // ---------------------------------------------------------------------------------
    // P11 / row 12: stdio.
    // ---------------------------------------------------------------------------------
    invalid(
      'P11: server.connect(new StdioServerTransport()) on SDK v1',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

        const server = new McpServer({ name: 'weather', version: '1.0.0' });
        server.registerTool('forecast', { description: 'Forecast' }, async () => ({ content: [] }));
        await server.connect(new StdioServerTransport());
      `,
      [{ messageId: 'connectsStdioTransport', at: 'server.connect(new StdioServerTransport())', data: v1 }],
    ),
    invalid(
      'P11: SDK v2 after the codemod, transport held in a variable, low-level Server',
      code`
        import { Server } from '@modelcontextprotocol/server';
        import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';

        const server = new Server({ name: 'files', version: '2.0.0' }, { capabilities: { tools: {} } });
        const transport = new StdioServerTransport();
        await server.connect(transport);
      `,
      [{ messageId: 'connectsStdioTransport', at: 'server.connect(transport)', data: v2 }],
    ),
    invalid(
      'P11: CommonJS with a namespace require and an untraced server (JavaScript)',
      code`
        const stdio = require('@modelcontextprotocol/sdk/server/stdio.js');
        const { createServer } = require('./server');

        async function main() {
          const server = createServer();
          await server.connect(new stdio.StdioServerTransport());
        }
        main();
      `,
      [{ messageId: 'connectsStdioTransport', at: 'server.connect(new stdio.StdioServerTransport())', data: v1 }],
      { filename: 'file.js' },
    ),

    invalid(
      'P11: an onmessage set before connect() (connect() replaces it) still serves only 2025 clients',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

        const server = new Server({ name: 'audit', version: '1.0.0' }, { capabilities: { tools: {} } });
        const transport = new StdioServerTransport();
        transport.onmessage = (message) => console.error('in', message);
        await server.connect(transport);
      `,
      [{ messageId: 'connectsStdioTransport', at: 'server.connect(transport)', data: v1 }],
    ),
    // ---------------------------------------------------------------------------------
    // Row 1: stateless per-request HTTP hosting; and the sessionful connect.
    // ---------------------------------------------------------------------------------
    invalid(
      'row 1: the v1 stateless Express example',
      code`
        import express from 'express';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        const app = express();
        app.post('/mcp', async (req, res) => {
          const server = getServer();
          const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
          res.on('close', () => {
            transport.close();
            server.close();
          });
          await server.connect(transport);
          await transport.handleRequest(req, res, req.body);
        });
      `,
      [{ messageId: 'hostsStatelessHttpTransport', at: 'server.connect(transport)', data: { className: 'StreamableHTTPServerTransport', ...v1 } }],
    ),
    invalid(
      'row 1: SDK v2 after the codemod, Node and web-standard transports with aliases',
      code`
        import { McpServer, WebStandardStreamableHTTPServerTransport as WebTransport } from '@modelcontextprotocol/server';
        import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

        export async function handleNode(req: IncomingMessage, res: ServerResponse) {
          const transport = new NodeStreamableHTTPServerTransport();
          await buildServer().connect(transport);
          await transport.handleRequest(req, res);
        }
        export async function handleWeb(request: Request): Promise<Response> {
          const transport = new WebTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
          const server = new McpServer({ name: 'edge', version: '1.0.0' });
          await server.connect(transport);
          return transport.handleRequest(request);
        }
      `,
      [
        { messageId: 'hostsStatelessHttpTransport', at: 'buildServer().connect(transport)', data: { className: 'NodeStreamableHTTPServerTransport', ...v2 } },
        { messageId: 'hostsStatelessHttpTransport', at: 'server.connect(transport)', data: { className: 'WebStandardStreamableHTTPServerTransport', ...v2 } },
      ],
    ),
    invalid(
      'sessionful hosting: the connect is reported once, with the isLegacyRequest advice',
      code`
        import { randomUUID } from 'node:crypto';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        let transport: StreamableHTTPServerTransport;
        export async function openSession(req: Request, res: Response) {
          transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
          await buildServer().connect(transport);
          await transport.handleRequest(req, res, req.body);
        }
      `,
      [{ messageId: 'hostsHttpTransport', at: 'buildServer().connect(transport)', data: { className: 'StreamableHTTPServerTransport', ...v1 } }],
    ),

    // ---------------------------------------------------------------------------------
    // L12 / row 19: clients.
    // ---------------------------------------------------------------------------------
    invalid(
      'L12: the SDK v1 Client (ESM and require)',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        const sdk = require('@modelcontextprotocol/sdk/client/index.js');

        export const client = new Client({ name: 'notes-watch', version: '0.3.1' });
        export const other = new sdk.Client({ name: 'other', version: '1.0.0' }, { capabilities: { sampling: {} } });
      `,
      [
        { messageId: 'v1Client', at: "new Client({ name: 'notes-watch', version: '0.3.1' })" },
        { messageId: 'v1Client', at: "new sdk.Client({ name: 'other', version: '1.0.0' }, { capabilities: { sampling: {} } })" },
      ],
    ),
    invalid(
      'row 19: SDK v2 Client without versionNegotiation (none, options literal, options constant, alias)',
      code`
        import { Client } from '@modelcontextprotocol/client';
        import { Client as McpClient } from '@modelcontextprotocol/client';

        const OPTIONS = { capabilities: { elicitation: {} } };
        export const a = new Client({ name: 'a', version: '1.0.0' });
        export const b = new Client({ name: 'b', version: '1.0.0' }, { capabilities: {}, listChanged: {} });
        export const c = new McpClient({ name: 'c', version: '1.0.0' }, OPTIONS);
      `,
      [
        { messageId: 'clientWithoutNegotiation', at: "new Client({ name: 'a', version: '1.0.0' })" },
        { messageId: 'clientWithoutNegotiation', at: "new Client({ name: 'b', version: '1.0.0' }, { capabilities: {}, listChanged: {} })" },
        { messageId: 'clientWithoutNegotiation', at: "new McpClient({ name: 'c', version: '1.0.0' }, OPTIONS)" },
      ],
    ),

    // A client that falls back to SSE also connects over Streamable HTTP, where it must negotiate;
    // one whose connect() a test expects to succeed reaches a server.
    invalid(
      'clients that reach a Streamable HTTP server: SSE only as a fallback, a connect expected to resolve',
      code`
        import { expect, it } from 'vitest';
        import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
        import { Client } from '@modelcontextprotocol/client';
        import { buildTransport } from '../src/transport';

        export async function open(url: URL) {
          const client = new V1Client({ name: 'fallback', version: '1.0.0' });
          try {
            await client.connect(new StreamableHTTPClientTransport(url));
          } catch {
            await client.connect(new SSEClientTransport(url));
          }
          return client;
        }

        it('connects over streamable HTTP', async () => {
          const made = buildTransport({ type: 'streamable-http', url: server.url });
          const client = new Client({ name: 'http-check', version: '1.0.0' });
          await expect(client.connect(made.transport)).resolves.toBeUndefined();
        });
      `,
      [
        { messageId: 'v1Client', at: "new V1Client({ name: 'fallback', version: '1.0.0' })" },
        { messageId: 'clientWithoutNegotiation', at: "new Client({ name: 'http-check', version: '1.0.0' })" },
      ],
      { filename: 'client.test.ts' },
    ),

    // A dual-era server keeps its sessionful leg for 2025 clients behind isLegacyRequest().
    {
      ...invalid(
        'legacy-gated sessionful hosting is reported as servesLegacyClients',
        code`
          import { isLegacyRequest } from '@modelcontextprotocol/server';
          import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
          import { toWebRequest } from '@modelcontextprotocol/node';

          app.post('/mcp', async (req, res) => {
            if (await isLegacyRequest(toWebRequest(req, req.body))) {
              const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });
              await legacyServer.connect(transport);
              return transport.handleRequest(req, res, req.body);
            }
            return modern(req, res, req.body);
          });
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: 'legacyServer.connect(transport)',
            data: {
              message: rule.meta.messages.hostsHttpTransport.replace('{{className}}', 'NodeStreamableHTTPServerTransport').replace('{{upgrade}}', ''),
              gate: 'behind `await isLegacyRequest(toWebRequest(req, req.body))`',
            },
          },
        ],
      ),
      settings: legacyReport,
    },
  ],
});
