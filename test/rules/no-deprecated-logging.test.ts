import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-deprecated-logging.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-deprecated-logging` (reference §15.7 rows G1–G5 and §15.11 P3 for the logging
 * capability; design.md principle 3 for the lookalikes that must stay silent: ordinary loggers'
 * `setLevel`, `logging:` keys of other configs, OpenTelemetry, `console.log` outside stdio
 * servers, `notifications/message` of other protocols).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);

const ruleTester = new RuleTester();

const what = (text: string) => ({ what: text });

ruleTester.run('no-deprecated-logging', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // Ordinary loggers and their levels, in MCP server files.
    // ---------------------------------------------------------------------------------
    valid(
      'winston, pino, log4js, loglevel and bunyan levels in an MCP server',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import winston from 'winston';
        import pino from 'pino';
        import log4js from 'log4js';
        import log from 'loglevel';
        import bunyan from 'bunyan';

        const logger = winston.createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
        const fastLogger = pino({ level: 'info' });
        fastLogger.level = 'debug';
        log4js.getLogger('mcp').level = 'warn';
        log.setLevel('debug');
        bunyan.createLogger({ name: 'mcp' }).level('trace');

        const server = new McpServer({ name: 'files', version: '1.0.0' });
        server.registerTool('set_verbosity', { inputSchema: { level: z.enum(['debug', 'info']) } }, async ({ level }) => {
          logger.level = level;
          log.setLevel(level);
          return { content: [{ type: 'text', text: \`log level is now \${level}\` }] };
        });
      `,
    ),
    valid(
      '`logging:` and `logger:` keys of other configurations',
      code`
        import Fastify from 'fastify';
        import { McpServer } from '@modelcontextprotocol/server';

        const app = Fastify({ logger: { level: 'info' } });
        export const serverlessConfig = { provider: { name: 'aws', logs: { restApi: true } }, logging: { level: 'INFO' } };
        const settings = { capabilities: { gpu: true }, logging: { enabled: true } };
        const server = new McpServer({ name: 'app', version: '1.0.0' }, { instructions: 'Use the tools.' });
      `,
    ),
    valid(
      'OpenTelemetry log exporters',
      code`
        import { LoggerProvider, BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';
        import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
        import { McpServer } from '@modelcontextprotocol/server';

        const provider = new LoggerProvider();
        provider.addLogRecordProcessor(new BatchLogRecordProcessor(new OTLPLogExporter()));
        const otel = provider.getLogger('mcp-server');

        const server = new McpServer({ name: 'traced', version: '1.0.0' });
        server.registerTool('ping_db', {}, async () => {
          otel.emit({ severityText: 'INFO', body: 'pinging the database' });
          return { content: [{ type: 'text', text: 'ok' }] };
        });
      `,
    ),

    // ---------------------------------------------------------------------------------
    // The 2026-07-28 way: per-request log level, ctx.mcpReq.log, stderr.
    // ---------------------------------------------------------------------------------
    valid(
      'SDK v2: ctx.mcpReq.log in a handler, console.error in a serveStdio server',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import { serveStdio } from '@modelcontextprotocol/server/stdio';

        function buildServer() {
          const server = new McpServer({ name: 'files', version: '2.0.0' });
          server.registerTool('scan', {}, async (ctx) => {
            await ctx.mcpReq.log('info', 'scanning');
            return { content: [{ type: 'text', text: 'done' }] };
          });
          return server;
        }

        serveStdio(() => buildServer());
        console.error('files MCP server on stdio');
      `,
    ),
    valid(
      'a client asking for logs per request, and handling log notifications',
      code`
        import { Client, LOG_LEVEL_META_KEY, LoggingMessageNotificationSchema } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'desk', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
        client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
          console.log(\`[\${notification.params.level}]\`, notification.params.data);
        });
        await client.callTool({ name: 'scan', arguments: {}, _meta: { [LOG_LEVEL_META_KEY]: 'debug' } });
      `,
    ),
    valid(
      'a 2026-07-28 hand-rolled server answering logging/setLevel with -32601',
      code`
        export function handle(request) {
          switch (request.method) {
            case 'tools/list':
              return { resultType: 'complete', tools: [], ttlMs: 0, cacheScope: 'private' };
            case 'logging/setLevel':
            case 'ping':
              return { error: { code: -32601, message: 'Method not found' } };
          }
        }
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Client notification handlers for other notifications, and other protocols' log messages.
    // ---------------------------------------------------------------------------------
    valid(
      'an MCP client handling progress and list changes, and a local schema named like the SDK one',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { ProgressNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
        import { LoggingMessageNotificationSchema } from './schemas.js';

        const client = new Client({ name: 'desk', version: '1.0.0' });
        client.setNotificationHandler(ProgressNotificationSchema, (notification) => bar.update(notification.params.progress));
        client.setNotificationHandler('notifications/tools/list_changed', () => refreshTools());
        peer.setNotificationHandler(LoggingMessageNotificationSchema, (entry) => console.error(entry));
      `,
    ),
    valid(
      'a v1 client that puts the logLevel key in _meta on the requests whose logs it handles',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

        const LOG_LEVEL = 'io.modelcontextprotocol/logLevel';
        const client = new Client({ name: 'desk', version: '1.0.0' });
        client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => console.error(n.params.data));
        export const scan = () => client.callTool({ name: 'scan', arguments: {}, _meta: { [LOG_LEVEL]: 'debug' } });
      `,
    ),
    valid(
      "another JSON-RPC peer's notifications/message, and LSP's window/logMessage",
      code`
        import { createMessageConnection } from 'vscode-jsonrpc/node';
        import { RpcPeer } from './rpc-peer.js';

        const connection = createMessageConnection(reader, writer);
        connection.onNotification('window/logMessage', (params) => output.appendLine(params.message));
        const peer = new RpcPeer(socket);
        peer.setNotificationHandler('notifications/message', (params) => chat.append(params.text));
      `,
    ),
    // ---------------------------------------------------------------------------------
    // console.log outside stdio servers.
    // ---------------------------------------------------------------------------------
    valid(
      'console.log in an HTTP MCP server and in a stdio client',
      code`
        import { createMcpHandler } from '@modelcontextprotocol/server';
        import { toNodeHandler } from '@modelcontextprotocol/node';
        import { Client } from '@modelcontextprotocol/client';
        import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

        app.all('/mcp', toNodeHandler(createMcpHandler(() => buildServer())));
        app.listen(3000, () => console.log('listening on http://localhost:3000/mcp'));

        const client = new Client({ name: 'cli', version: '1.0.0' });
        await client.connect(new StdioClientTransport({ command: 'node', args: ['server.js'] }));
        console.log(await client.listTools());
      `,
    ),
    valid(
      'interactive CLI clients that read commands from stdin and print to stdout',
      code`
        import { createInterface } from 'node:readline';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        const readline = createInterface({ input: process.stdin, output: process.stdout });
        const client = new Client({ name: 'cli', version: '1.0.0' });
        readline.on('line', async (line) => {
          if (line === 'tools') console.log(await client.listTools());
          else console.log(await client.request({ method: 'tools/call', params: { name: line, arguments: {} } }, CallToolResultSchema));
        });

        const rl = createInterface({ input: process.stdin });
        rl.on('line', async (line) => console.log(await rpc('tools/call', { name: line, arguments: {} })));
      `,
    ),
    valid(
      'a hand-rolled stdio server that writes its JSON-RPC lines with console.log',
      code`
        import readline from 'node:readline';

        const rl = readline.createInterface({ input: process.stdin });
        rl.on('line', async (line) => {
          const request = JSON.parse(line);
          if (request.method === 'tools/list') {
            console.log(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { tools: [] } }));
          }
          console.error('handled', request.method);
        });
      `,
    ),
    valid(
      'notifications/message in a file that does not speak MCP',
      code`
        import { io } from 'socket.io-client';

        const socket = io('https://chat.example.com');
        socket.emit('notifications/message', { text: 'hello' });
        bus.publish({ method: 'notifications/message', params: { from: 'alice', text: 'hi' } });
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Method names and messages that nothing sends or handles: predicates, traffic records,
    // schema samples, UI fixtures, and stdout in the HTTP arm of a dual-transport server.
    // ---------------------------------------------------------------------------------
    valid(
      'predicates asked about logging/setLevel: a retry policy test and a feature check',
      code`
        import { Client } from '@modelcontextprotocol/client';
        import { isOneShotMethod } from '../src/retry-policy.js';

        it('never replays a level change after a reconnect', () => {
          expect(isOneShotMethod('logging/setLevel')).toBe(true);
        });

        export function levelMenuEnabled(client: Client, allowed: Set<string>) {
          return allowed.has('logging/setLevel');
        }
      `,
    ),
    valid(
      "an inspector's traffic history: recorded copies of a setLevel request and log notifications",
      code`
        import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

        interface TrafficEntry {
          id: number;
          timestamp: number;
          direction: 'outgoing' | 'incoming';
          message: JSONRPCMessage;
        }

        export const sampleTraffic: TrafficEntry[] = [
          { id: 1, timestamp: 1718000000000, direction: 'outgoing', message: { jsonrpc: '2.0', id: 7, method: 'logging/setLevel', params: { level: 'debug' } } },
          { id: 2, timestamp: 1718000000420, direction: 'incoming', message: { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'indexed 42 files' } } },
        ];

        const incoming = { direction: 'incoming', timestamp: 1718000001000 } as const;
        export const diskWarning = { ...incoming, id: 3, message: { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'warning', data: 'disk almost full' } } };
      `,
    ),
    valid(
      'schema tests that parse a setLevel request and a log notification',
      code`
        import { JSONRPCMessageSchema, LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

        it('accepts the 2025 logging messages', () => {
          const request = JSONRPCMessageSchema.safeParse({ jsonrpc: '2.0', id: 1, method: 'logging/setLevel', params: { level: 'info' } });
          expect(request.success).toBe(true);
          const log = LoggingMessageNotificationSchema.parse({ method: 'notifications/message', params: { level: 'error', data: 'boom' } });
          expect(log.params.level).toBe('error');
        });
      `,
    ),
    valid(
      'a Storybook story whose args hold the initialize result a client got from a server',
      code`
        import type { Meta, StoryObj } from '@storybook/react';
        import type { InitializeResult } from '@modelcontextprotocol/sdk/types.js';
        import { ConnectionSummary } from './ConnectionSummary';

        const meta: Meta<typeof ConnectionSummary> = { component: ConnectionSummary };
        export default meta;

        const handshake: InitializeResult = {
          protocolVersion: '2025-06-18',
          capabilities: { tools: { listChanged: true }, logging: {} },
          serverInfo: { name: 'weather', version: '0.3.1' },
        };

        export const Connected: StoryObj<typeof ConnectionSummary> = {
          args: { status: 'connected', initializeResult: handshake },
        };
      `,
    ),
    valid(
      "console.log in the HTTP branch of a server that serves stdio only when asked (if/else)",
      code`
        import express from 'express';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        const server = new McpServer({ name: 'weather', version: '1.2.0' });
        const port = Number(process.env.PORT ?? 3000);

        if (process.env.MCP_TRANSPORT === 'stdio') {
          await server.connect(new StdioServerTransport());
          console.error('weather server on stdio');
        } else {
          const app = express();
          app.post('/mcp', express.json(), async (req, res) => {
            const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
            await server.connect(transport);
            await transport.handleRequest(req, res, req.body);
          });
          app.listen(port, () => console.log(\`weather server on http://localhost:\${port}/mcp\`));
        }
      `,
    ),
    valid(
      'console.log in the HTTP arm of a transport ternary (SDK v2 serveStdio)',
      code`
        import { serveStdio } from '@modelcontextprotocol/server/stdio';
        import { app, buildServer } from './app.js';

        export const start = (transport: 'stdio' | 'http', port: number) =>
          transport === 'stdio' ? serveStdio(() => buildServer()) : app.listen(port, () => console.log(\`MCP over HTTP on :\${port}\`));
      `,
    ),
    valid(
      'a hand-rolled server that reads stdin only under --stdio and logs its HTTP port otherwise (JavaScript)',
      code`
        import http from 'node:http';
        import { createInterface } from 'node:readline';

        function handle(request) {
          switch (request.method) {
            case 'tools/list': return { jsonrpc: '2.0', id: request.id, result: { tools } };
            case 'tools/call': return { jsonrpc: '2.0', id: request.id, result: callTool(request.params) };
          }
        }

        if (process.argv.includes('--stdio')) {
          createInterface({ input: process.stdin }).on('line', (line) => process.stdout.write(JSON.stringify(handle(JSON.parse(line))) + '\\n'));
        } else {
          http.createServer((req, res) => respond(req, res, handle)).listen(8080, () => console.log('listening on :8080'));
        }
      `,
      { filename: 'file.js' },
    ),

    // ---------------------------------------------------------------------------------
    // Log messages and setLevel names that only tests, fakes and dead code hold.
    // ---------------------------------------------------------------------------------
    valid(
      'a hand-rolled server keeps a log-message builder "for later" that nothing calls (JavaScript)',
      code`
        export default {
          async fetch(request) {
            const message = await request.json();
            switch (message.method) {
              case 'tools/list':
                return Response.json({ jsonrpc: '2.0', id: message.id, result: { tools } });
              default:
                return Response.json({ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not found' } });
            }
          },
        };

        // Kept for when the worker streams logs.
        function buildLogNotification(level, data) {
          return { jsonrpc: '2.0', method: 'notifications/message', params: { level, logger: 'worker', data } };
        }
      `,
      { filename: 'file.js' },
    ),
    valid(
      "a relay transport's unit test: sample log notifications sent through it, expected on the far side, fed to its onmessage",
      code`
        import { describe, expect, it, vi } from 'vitest';
        import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
        import { QueueTransport } from '../src/queue-transport.js';

        describe('QueueTransport', () => {
          it('routes notifications to the session channel', async () => {
            const transport = new QueueTransport('session-1');
            transport.onclose = vi.fn();
            const sample: JSONRPCMessage = { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'hello' } };
            await transport.send(sample);
            expect(published).toHaveBeenCalledWith(
              'session-1',
              expect.objectContaining({ method: 'notifications/message', params: expect.objectContaining({ level: 'info' }) }),
            );
          });

          it('ignores inbound notifications', () => {
            const transport = new QueueTransport('session-2');
            transport.onmessage?.({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'debug', data: 'x' } });
            expect(published).not.toHaveBeenCalled();
          });
        });
      `,
    ),
    valid(
      "a CLI's tests: command options that name logging/setLevel, and a level change the client wrapper refuses",
      code`
        import { describe, expect, it } from 'vitest';
        import { Client } from '@modelcontextprotocol/client';
        import { runCommand } from '../src/commands.js';

        describe('runCommand', () => {
          it('sets the level', async () => {
            const outcome = await runCommand(client, { method: 'logging/setLevel', level: 'debug' });
            expect(outcome.ok).toBe(true);
          });

          it('asks for a level', async () => {
            await expect(runCommand(client, { method: 'logging/setLevel' })).rejects.toThrow(/--level is required/);
          });

          it('refuses before connecting', async () => {
            const client = new Client({ name: 'cli', version: '1.0.0' });
            await expect(client.setLoggingLevel('info')).rejects.toThrow(/not connected/);
            const expectNotConnected = async (call: () => Promise<unknown>) => {
              await expect(call()).rejects.toThrow('Not connected');
            };
            await expectNotConnected(() => client.setLoggingLevel('debug'));
          });
        });
      `,
    ),
    valid(
      "UI tests of a connection panel: a server's capabilities read back field by field and passed through a builder",
      code`
        import { expect, it } from 'vitest';
        import type { InitializeResult, ServerCapabilities } from '@modelcontextprotocol/client';
        import { render, screen } from '@testing-library/react';
        import { ConnectionPanel } from './ConnectionPanel';

        const everything: ServerCapabilities = { tools: {}, prompts: {}, logging: {} };
        const handshake: InitializeResult = {
          protocolVersion: '2025-06-18',
          capabilities: { tools: { listChanged: true }, logging: {} },
          serverInfo: { name: 'weather', version: '1.0.0' },
        };
        function handshakeWith(capabilities: ServerCapabilities): InitializeResult {
          return { ...handshake, capabilities };
        }

        it('lists the advertised capabilities', () => {
          render(<ConnectionPanel result={{ ...handshake, capabilities: { ...handshake.capabilities, completions: {} } }} />);
          expect(screen.getByText(handshake.serverInfo.name)).toBeTruthy();
        });

        it('shows the Logs tab when logging is advertised', () => {
          render(<ConnectionPanel result={handshakeWith(everything)} />);
          expect(screen.getByRole('tab', { name: 'Logs' })).toBeTruthy();
        });
      `,
      { filename: 'file.tsx' },
    ),
    valid(
      'a fake transport that answers the client under test: logging in its replies, setLevel compared in send()',
      code`
        import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';

        export class ScriptedServerTransport implements Transport {
          onmessage?: (message: JSONRPCMessage) => void;
          onclose?: () => void;
          readonly sent: string[] = [];

          async start() {}
          async close() {
            this.onclose?.();
          }

          async send(message: JSONRPCMessage) {
            if (!('method' in message) || !('id' in message)) return;
            this.sent.push(message.method);
            if (message.method === 'initialize') {
              this.reply(message.id, { protocolVersion: '2025-06-18', capabilities: { logging: {} }, serverInfo: { name: 'fake', version: '0.0.0' } });
            } else if (message.method === 'logging/setLevel') {
              this.onmessage?.({ jsonrpc: '2.0', id: message.id, result: {} });
            }
          }

          private reply(id: string | number, result: Record<string, unknown>) {
            this.onmessage?.({ jsonrpc: '2.0', id, result });
          }
        }
      `,
    ),
  ],

  invalid: [
    // ---------------------------------------------------------------------------------
    // G1: handling logging/setLevel and keeping the level.
    // ---------------------------------------------------------------------------------
    invalid(
      'v1 setRequestHandler(SetLevelRequestSchema) that stores the level',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { SetLevelRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        let currentLevel = 'info';
        const server = new Server({ name: 'files', version: '1.0.0' }, { capabilities: { tools: {} } });
        server.setRequestHandler(SetLevelRequestSchema, async (request) => {
          currentLevel = request.params.level;
          return {};
        });
      `,
      [
        { messageId: 'handlesSetLevel', at: 'SetLevelRequestSchema', nth: 2 },
        { messageId: 'storesLogLevel', at: 'currentLevel = request.params.level' },
      ],
    ),
    invalid(
      "v2 setRequestHandler('logging/setLevel') keeping a level per session",
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        const levels = new Map();
        const mcp = new McpServer({ name: 'files', version: '2.0.0' });
        mcp.server.setRequestHandler('logging/setLevel', async (request, ctx) => {
          levels.set(ctx.sessionId, request.params.level);
          return {};
        });
      `,
      [
        { messageId: 'handlesSetLevel', at: "'logging/setLevel'" },
        { messageId: 'storesLogLevel', at: 'levels.set(ctx.sessionId, request.params.level)' },
      ],
    ),
    invalid(
      'a hand-rolled server routing logging/setLevel, also through a constant (JavaScript)',
      code`
        const SET_LEVEL = 'logging/setLevel';

        class StdioServer {
          handle(message) {
            switch (message.method) {
              case 'tools/list':
                return { tools: this.tools };
              case 'logging/setLevel':
                this.logLevel = message.params.level;
                return {};
            }
            if (message.method === SET_LEVEL) return {};
          }
        }
      `,
      [
        { messageId: 'handlesSetLevel', at: "'logging/setLevel'", nth: 2 },
        { messageId: 'storesLogLevel', at: 'this.logLevel = message.params.level' },
        { messageId: 'handlesSetLevel', at: 'SET_LEVEL', nth: 2 },
      ],
      { filename: 'file.js' },
    ),

    // ---------------------------------------------------------------------------------
    // G2: clients setting the level.
    // ---------------------------------------------------------------------------------
    invalid(
      'client.setLoggingLevel (v1 ESM, v2 aliased, an untraced client) and a hand-rolled request',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { Client as V2Client } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'desk', version: '1.0.0' });
        await client.setLoggingLevel('debug');
        const next = new V2Client({ name: 'desk', version: '2.0.0' });
        await next.setLoggingLevel('info');
        export const quiet = (c) => c.setLoggingLevel('error');

        await post({ jsonrpc: '2.0', id: 2, method: 'logging/setLevel', params: { level: 'debug' } });
      `,
      [
        { messageId: 'sendsSetLevel', at: 'client.setLoggingLevel', data: what('`client.setLoggingLevel()`') },
        { messageId: 'sendsSetLevel', at: 'next.setLoggingLevel', data: what('`next.setLoggingLevel()`') },
        { messageId: 'sendsSetLevel', at: 'c.setLoggingLevel', data: what('`c.setLoggingLevel()`') },
        { messageId: 'sendsSetLevel', at: "'logging/setLevel'", data: what('This request') },
      ],
    ),
    invalid(
      'client.setLoggingLevel with require (JavaScript)',
      code`
        const { Client } = require('@modelcontextprotocol/sdk/client/index.js');

        const client = new Client({ name: 'desk', version: '1.0.0' });
        client.setLoggingLevel('warning').catch(() => {});
      `,
      [{ messageId: 'sendsSetLevel', at: 'client.setLoggingLevel', data: what('`client.setLoggingLevel()`') }],
      { filename: 'file.js' },
    ),

    // ---------------------------------------------------------------------------------
    // Clients consuming log notifications (deprecated; 2026-07-28 sends them only on request).
    // ---------------------------------------------------------------------------------
    // The shape of the legacy examples: a v1 client from a helper, the SDK schema.
    invalid(
      'a v1 client handles LoggingMessageNotificationSchema (client from a helper, namespace import)',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
        import * as types from '@modelcontextprotocol/sdk/types.js';

        export async function main(): Promise<void> {
          const { client } = await connect();
          client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
            console.error(\`[server \${notification.params.level}]\`, notification.params.data);
          });
        }

        export function watch(desk: Client) {
          desk.setNotificationHandler(types.LoggingMessageNotificationSchema, (n) => log.info(n.params.data));
        }
      `,
      [
        { messageId: 'consumesLogNotifications', at: 'LoggingMessageNotificationSchema', inside: 'client.setNotificationHandler(LoggingMessageNotificationSchema' },
        { messageId: 'consumesLogNotifications', at: 'types.LoggingMessageNotificationSchema' },
      ],
    ),
    invalid(
      'a v2 client handles notifications/message by name, also through a constant',
      code`
        import { Client } from '@modelcontextprotocol/client';

        const LOG_MESSAGE = 'notifications/message';
        const client = new Client({ name: 'desk', version: '2.0.0' });
        client.setNotificationHandler('notifications/message', (notification) => console.error(notification.params.data));
        export const follow = (other: Client) => other.setNotificationHandler(LOG_MESSAGE, (n) => console.error(n.params.data));
      `,
      [
        { messageId: 'consumesLogNotifications', at: "'notifications/message'", inside: "setNotificationHandler('notifications/message'" },
        { messageId: 'consumesLogNotifications', at: 'LOG_MESSAGE', inside: 'setNotificationHandler(LOG_MESSAGE' },
      ],
    ),
    invalid(
      'a v1 client with require (JavaScript)',
      code`
        const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
        const { LoggingMessageNotificationSchema } = require('@modelcontextprotocol/sdk/types.js');

        const client = new Client({ name: 'desk', version: '1.0.0' });
        client.setNotificationHandler(LoggingMessageNotificationSchema, ({ params }) => console.error(params.level, params.data));
      `,
      [{ messageId: 'consumesLogNotifications', at: 'LoggingMessageNotificationSchema', inside: 'setNotificationHandler(LoggingMessageNotificationSchema' }],
      { filename: 'file.js' },
    ),

    // ---------------------------------------------------------------------------------
    // G3: log notifications, inside handlers (deprecated) and outside any request (no channel).
    // ---------------------------------------------------------------------------------
    invalid(
      'sendLoggingMessage and notifications/message inside handlers (v1)',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'files', version: '1.0.0' });
        server.registerTool('scan', { inputSchema: { dir: z.string() } }, async ({ dir }, extra) => {
          await server.sendLoggingMessage({ level: 'info', data: \`scanning \${dir}\` }, extra.sessionId);
          await extra.sendNotification({ method: 'notifications/message', params: { level: 'debug', data: dir } });
          for (const file of await readdir(dir)) await server.server.sendLoggingMessage({ level: 'debug', data: file });
          return { content: [{ type: 'text', text: 'done' }] };
        });
      `,
      [
        { messageId: 'sendsLogNotification', at: 'server.sendLoggingMessage', nth: 1, data: what('`server.sendLoggingMessage()`') },
        { messageId: 'sendsLogNotification', at: "'notifications/message'", data: what('This notification') },
        { messageId: 'sendsLogNotification', at: 'server.server.sendLoggingMessage', data: what('`server.server.sendLoggingMessage()`') },
      ],
    ),
    invalid(
      'log notifications from timers, watchers and module code (v2), and from a helper',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import { watch } from 'node:fs';

        const mcp = new McpServer({ name: 'files', version: '2.0.0' });
        setInterval(() => mcp.sendLoggingMessage({ level: 'info', data: 'still alive' }), 60_000);
        watch('./data', (event, file) => {
          void mcp.server.notification({ method: 'notifications/message', params: { level: 'info', data: \`\${event} \${file}\` } });
        });
        await mcp.sendLoggingMessage({ level: 'notice', data: 'started' });

        export function logTo(server: McpServer, data: unknown) {
          return server.sendLoggingMessage({ level: 'info', data });
        }
      `,
      [
        { messageId: 'sendsUnsolicitedLog', at: 'mcp.sendLoggingMessage', nth: 1, data: what('`mcp.sendLoggingMessage()`') },
        { messageId: 'sendsUnsolicitedLog', at: "'notifications/message'", data: what('This notification') },
        { messageId: 'sendsUnsolicitedLog', at: 'mcp.sendLoggingMessage', nth: 2, data: what('`mcp.sendLoggingMessage()`') },
        { messageId: 'sendsLogNotification', at: 'server.sendLoggingMessage', data: what('`server.sendLoggingMessage()`') },
      ],
    ),
    invalid(
      'a hand-rolled server writing notifications/message in a request branch and from an event listener',
      code`
        export function onRequest(request, write) {
          if (request.method === 'tools/call') {
            write({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'calling' } });
            return callTool(request.params);
          }
        }
        process.on('warning', (warning) => {
          process.stdout.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'warning', data: warning.message } }) + '\\n');
        });
      `,
      [
        { messageId: 'sendsLogNotification', at: "'notifications/message'", nth: 1, data: what('This notification') },
        { messageId: 'sendsUnsolicitedLog', at: "'notifications/message'", nth: 2, data: what('This notification') },
      ],
    ),

    invalid(
      'a hand-rolled stdio loop: the line listener is the request loop, not background code',
      code`
        import readline from 'node:readline';

        readline.createInterface({ input: process.stdin }).on('line', (line) => {
          const request = JSON.parse(line);
          switch (request.method) {
            case 'tools/call':
              send({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'calling' } });
              setTimeout(() => send({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'late' } }), 1000);
              return send({ jsonrpc: '2.0', id: request.id, result: callTool(request.params) });
          }
        });
      `,
      [
        { messageId: 'sendsLogNotification', at: "'notifications/message'", nth: 1, data: what('This notification') },
        { messageId: 'sendsUnsolicitedLog', at: "'notifications/message'", nth: 2, data: what('This notification') },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // G4, P3: the logging capability.
    // ---------------------------------------------------------------------------------
    invalid(
      'the logging capability on SDK servers (v1, v2, require) and in hand-rolled results',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import * as v2 from '@modelcontextprotocol/server';

        const one = new McpServer({ name: 'a', version: '1.0.0' }, { capabilities: { tools: {}, logging: {} } });
        const capabilities = { logging: {}, resources: {} };
        const two = new v2.McpServer({ name: 'b', version: '2.0.0' }, { capabilities });

        export const initializeResult = {
          protocolVersion: '2025-11-25',
          capabilities: { tools: {}, logging: {} },
          serverInfo: { name: 'c', version: '1.0.0' },
        };
        export const discoverResult = {
          resultType: 'complete',
          supportedVersions: ['2026-07-28'],
          capabilities: { logging: {} },
          ttlMs: 0,
          cacheScope: 'private',
        };
      `,
      [
        { messageId: 'declaresLoggingCapability', at: 'logging: {}', nth: 1 },
        { messageId: 'declaresLoggingCapability', at: 'logging: {}', nth: 2 },
        { messageId: 'declaresLoggingCapability', at: 'logging: {}', nth: 3 },
        { messageId: 'declaresLoggingCapability', at: 'logging: {}', nth: 4 },
      ],
    ),
    invalid(
      'the logging capability with require (JavaScript)',
      code`
        const { Server } = require('@modelcontextprotocol/sdk/server/index.js');

        const server = new Server({ name: 'legacy', version: '0.9.0' }, { capabilities: { logging: {}, prompts: {} } });
      `,
      [{ messageId: 'declaresLoggingCapability', at: 'logging: {}' }],
      { filename: 'file.js' },
    ),

    // ---------------------------------------------------------------------------------
    // G5: stdout in stdio servers.
    // ---------------------------------------------------------------------------------
    invalid(
      'console.log and console.info in a v1 stdio server',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

        const server = new McpServer({ name: 'files', version: '1.0.0' });
        server.registerTool('scan', {}, async () => {
          console.log('scanning');
          return { content: [{ type: 'text', text: 'done' }] };
        });
        await server.connect(new StdioServerTransport());
        console.info('files server running on stdio');
        console.error('this one is fine');
      `,
      [
        { messageId: 'consoleLogInStdioServer', at: 'console.log', data: { method: 'console.log' } },
        { messageId: 'consoleLogInStdioServer', at: 'console.info', data: { method: 'console.info' } },
      ],
      {
        output: code`
          import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
          import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

          const server = new McpServer({ name: 'files', version: '1.0.0' });
          server.registerTool('scan', {}, async () => {
            console.error('scanning');
            return { content: [{ type: 'text', text: 'done' }] };
          });
          await server.connect(new StdioServerTransport());
          console.error('files server running on stdio');
          console.error('this one is fine');
        `,
      },
    ),
    invalid(
      'console.debug in a v2 serveStdio server (JavaScript, require)',
      code`
        const { serveStdio } = require('@modelcontextprotocol/server/stdio');

        serveStdio(() => buildServer());
        console.debug('ready');
      `,
      [{ messageId: 'consoleLogInStdioServer', at: 'console.debug', data: { method: 'console.debug' } }],
      {
        filename: 'file.js',
        output: code`
          const { serveStdio } = require('@modelcontextprotocol/server/stdio');

          serveStdio(() => buildServer());
          console.error('ready');
        `,
      },
    ),
    invalid(
      'console.dir and console.table in a stdio server: reported, left for a person (they format unlike console.error)',
      code`
        import { serveStdio } from '@modelcontextprotocol/server/stdio';

        serveStdio(() => buildServer());
        console.dir(config, { depth: null });
        console.table(tools);
      `,
      [
        { messageId: 'consoleLogInStdioServer', at: 'console.dir', data: { method: 'console.dir' } },
        { messageId: 'consoleLogInStdioServer', at: 'console.table', data: { method: 'console.table' } },
      ],
      { output: null },
    ),
    invalid(
      'diagnostics on stdout in a hand-rolled stdio server',
      code`
        process.stdin.on('data', (chunk) => {
          const request = JSON.parse(String(chunk));
          console.log('got', request.method);
          if (request.method === 'tools/list') process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { tools } }) + '\\n');
        });
      `,
      [{ messageId: 'consoleLogInStdioServer', at: 'console.log', data: { method: 'console.log' } }],
      {
        output: code`
          process.stdin.on('data', (chunk) => {
            const request = JSON.parse(String(chunk));
            console.error('got', request.method);
            if (request.method === 'tools/list') process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { tools } }) + '\\n');
          });
        `,
      },
    ),

    // ---------------------------------------------------------------------------------
    // Dual-era code: the setLevel handler kept for 2025 clients.
    // ---------------------------------------------------------------------------------
    {
      ...invalid(
        'logging/setLevel handled only for 2025 clients',
        code`
          if (era === 'legacy') {
            server.setRequestHandler('logging/setLevel', async () => ({}));
          }
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: "'logging/setLevel'",
            data: { message: rule.meta.messages.handlesSetLevel, gate: "behind `era === 'legacy'`" },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },

    // ---------------------------------------------------------------------------------
    // The real thing next to the lookalikes above.
    // ---------------------------------------------------------------------------------
    invalid(
      "a CLI's --method router: its logging/setLevel case handles nothing, the setLoggingLevel call it makes is reported",
      code`
        import { parseArgs } from 'node:util';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import type { LoggingLevel } from '@modelcontextprotocol/sdk/types.js';

        const { values: args } = parseArgs({ options: { method: { type: 'string' }, name: { type: 'string' }, level: { type: 'string' } } });

        export async function run(client: Client) {
          switch (args.method) {
            case 'tools/list':
              return printJson(await client.listTools());
            case 'tools/call':
              return printJson(await client.callTool({ name: args.name!, arguments: {} }));
            case 'logging/setLevel':
              await client.setLoggingLevel(args.level as LoggingLevel);
              return printJson({ level: args.level });
          }
        }
      `,
      [{ messageId: 'sendsSetLevel', at: 'client.setLoggingLevel', data: what('`client.setLoggingLevel()`') }],
    ),
    invalid(
      'a stdio gateway that answers JSON-RPC and forwards to an upstream client still handles logging/setLevel',
      code`
        import { createInterface } from 'node:readline';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        const upstream = new Client({ name: 'gateway', version: '1.0.0' });
        let gatewayLevel = 'info';

        async function answer(request) {
          switch (request.method) {
            case 'tools/list':
              return upstream.listTools();
            case 'tools/call':
              return upstream.callTool(request.params);
            case 'logging/setLevel':
              gatewayLevel = request.params.level;
              return {};
          }
        }

        export async function serve() {
          for await (const line of createInterface({ input: process.stdin })) {
            const request = JSON.parse(line);
            process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: await answer(request) }) + '\\n');
          }
        }
      `,
      [
        { messageId: 'handlesSetLevel', at: "'logging/setLevel'" },
        { messageId: 'storesLogLevel', at: 'gatewayLevel = request.params.level' },
      ],
    ),
    invalid(
      'an SDK v2 proxy server that registers logging/setLevel and forwards it upstream: the handler and the call are both reported',
      code`
        import { Client } from '@modelcontextprotocol/client';
        import { Server } from '@modelcontextprotocol/server';

        export function proxyTo(upstream: Client, server: Server) {
          server.setRequestHandler('tools/list', () => upstream.listTools());
          server.setRequestHandler('tools/call', (request) => upstream.callTool(request.params));
          server.setRequestHandler('logging/setLevel', async (request) => {
            await upstream.setLoggingLevel(request.params.level);
            return {};
          });
        }
      `,
      [
        { messageId: 'handlesSetLevel', at: "'logging/setLevel'" },
        { messageId: 'sendsSetLevel', at: 'upstream.setLoggingLevel', data: what('`upstream.setLoggingLevel()`') },
      ],
    ),
    invalid(
      'a predicate argument is not a send; the request sent next to it is',
      code`
        import { Client } from '@modelcontextprotocol/client';

        export async function applyLevel(rpc: JsonRpcPeer, allowed: Set<string>, level: string) {
          if (!allowed.has('logging/setLevel')) return;
          await rpc.request('logging/setLevel', { level });
        }
      `,
      [{ messageId: 'sendsSetLevel', at: "'logging/setLevel'", nth: 2, data: what('This request') }],
    ),
    invalid(
      'an inspector that records what it sends: the message it sends is reported, the history entry is not',
      code`
        import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';

        export async function changeLevel(level: string) {
          const request: JSONRPCRequest = { jsonrpc: '2.0', id: nextId++, method: 'logging/setLevel', params: { level } };
          history.push({ id: history.length, timestamp: Date.now(), direction: 'outgoing', message: request });
          history.push({ id: history.length, timestamp: Date.now(), direction: 'outgoing', message: { jsonrpc: '2.0', method: 'notifications/message', params: { level, data: 'sent' } } });
          await transport.send(request);
        }
      `,
      [{ messageId: 'sendsSetLevel', at: "'logging/setLevel'", data: what('This request') }],
    ),
    invalid(
      'a log helper the server calls from a timer sends outside any request; one it calls from a handler does not',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        export function startHeartbeat(server: McpServer) {
          const beat = async () => {
            await server.sendLoggingMessage({ level: 'debug', data: 'heartbeat' });
          };
          beat();
          return setInterval(() => beat(), 30_000);
        }

        export function register(server: McpServer) {
          const note = (data: string) => server.sendLoggingMessage({ level: 'info', data });
          server.registerTool('reindex', {}, async () => {
            await note('reindexing');
            return { content: [] };
          });
        }
      `,
      [
        { messageId: 'sendsUnsolicitedLog', at: 'server.sendLoggingMessage', nth: 1, data: what('`server.sendLoggingMessage()`') },
        { messageId: 'sendsLogNotification', at: 'server.sendLoggingMessage', nth: 2, data: what('`server.sendLoggingMessage()`') },
      ],
    ),
    invalid(
      'a log-message builder the server calls, a setLevel request with params handed to a helper, and a log written to a transport outside tests',
      code`
        function logNotification(level: string, data: unknown) {
          return { jsonrpc: '2.0', method: 'notifications/message', params: { level, data } };
        }
        export async function onToolsCall(transport: WebSocketTransport, request: { id: number; params: unknown }) {
          await transport.send(logNotification('info', 'calling'));
          await transport.send({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'debug', data: request.params } });
          return callTool(request.params);
        }
        transport.onclose = () => shutdown();
        export const quiet = (level: string) => forward(upstream, { method: 'logging/setLevel', params: { level } });
      `,
      [
        { messageId: 'sendsLogNotification', at: "'notifications/message'", nth: 1, data: what('This notification') },
        { messageId: 'sendsLogNotification', at: "'notifications/message'", nth: 2, data: what('This notification') },
        { messageId: 'sendsSetLevel', at: "'logging/setLevel'", data: what('This request') },
      ],
    ),
    invalid(
      'a server test that really sets the level, next to one that asserts the call fails',
      code`
        import { expect, it } from 'vitest';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        it('changes the level', async () => {
          const client = new Client({ name: 'test', version: '1.0.0' });
          await client.connect(transport);
          await client.setLoggingLevel('debug');
          await expect(client.setLoggingLevel('loud' as never)).rejects.toThrow(/Invalid params/);
          await expect(client.setLoggingLevel('info')).resolves.toEqual({});
        });
      `,
      [
        { messageId: 'sendsSetLevel', at: 'client.setLoggingLevel', nth: 1, data: what('`client.setLoggingLevel()`') },
        { messageId: 'sendsSetLevel', at: 'client.setLoggingLevel', nth: 3, data: what('`client.setLoggingLevel()`') },
      ],
    ),
    invalid(
      'a capabilities constant that a status panel shows and the server is built with is still a declaration',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';

        const capabilities = { tools: {}, logging: {} };
        export const server = new Server({ name: 'weather', version: '1.0.0' }, { capabilities });
        const statusPanelProps = { title: 'Weather MCP', serverCapabilities: capabilities };
        renderStatus(statusPanelProps);
      `,
      [{ messageId: 'declaresLoggingCapability', at: 'logging: {}' }],
    ),
    invalid(
      "console.log in a dual-transport server: before the branch and in the stdio arm it is reported, in the HTTP arm it is not",
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

        const server = new McpServer({ name: 'weather', version: '1.2.0' });
        console.log('starting weather server');
        if (process.env.MCP_TRANSPORT === 'stdio') {
          await server.connect(new StdioServerTransport());
          console.info('ready on stdio');
        } else {
          startHttp(server).then((port) => console.log(\`ready on :\${port}\`));
        }
      `,
      [
        { messageId: 'consoleLogInStdioServer', at: 'console.log', nth: 1, data: { method: 'console.log' } },
        { messageId: 'consoleLogInStdioServer', at: 'console.info', data: { method: 'console.info' } },
      ],
      {
        output: code`
          import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
          import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

          const server = new McpServer({ name: 'weather', version: '1.2.0' });
          console.error('starting weather server');
          if (process.env.MCP_TRANSPORT === 'stdio') {
            await server.connect(new StdioServerTransport());
            console.error('ready on stdio');
          } else {
            startHttp(server).then((port) => console.log(\`ready on :\${port}\`));
          }
        `,
      },
    ),
  ],
});
