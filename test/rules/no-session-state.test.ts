import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-session-state.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-session-state` (reference §15.2 rows H3 and H4, §15.4 row M9 for session-keyed
 * parking, §15.11 row P10; design.md principle 3 for the lookalikes: chat/agent memory,
 * express-session, browser/CDP and terminal sessions, OAuth/cookie sessions, telemetry ids,
 * tool arguments named `sessionId`, and `sessionIdGenerator: undefined`).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 * Reads of the header and of `transport.sessionId` themselves are no-session-id-header's; this
 * rule reports the access that uses them as a key, never the same node.
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

const v1Server = 'StreamableHTTPServerTransport';
const v2Node = 'NodeStreamableHTTPServerTransport';
const fromContext = { source: "the handler context's `sessionId`" };
const fromTransport = { source: "the transport's `sessionId`" };
const fromHeader = { source: 'the `Mcp-Session-Id` header' };
const fromWritten = { source: 'the id it sends as the `Mcp-Session-Id` header' };
const declares = { action: 'Declares' };
const stores = { action: 'Stores into' };
const looksUp = { action: 'Looks up in' };
const removes = { action: 'Removes from' };

ruleTester.run('no-session-state', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // Stateless hosting is not a session.
    // ---------------------------------------------------------------------------------
    valid(
      'stateless transports: sessionIdGenerator undefined, inline and in an options const (v1, v2)',
      code`
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
        import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

        const options = { sessionIdGenerator: undefined, enableJsonResponse: true };

        app.post('/mcp', async (req, res) => {
          const server = buildServer();
          const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
          const modern = new NodeStreamableHTTPServerTransport(options);
          res.on('close', () => {
            void transport.close();
            void modern.close();
          });
          await server.connect(transport);
          await transport.handleRequest(req, res, req.body);
        });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // The 2026 fix: a tool argument named sessionId (an explicit handle).
    // ---------------------------------------------------------------------------------
    valid(
      'explicit handles: a tool argument named sessionId keys the store (v1 tool(), v2 registerTool())',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import { McpServer as V1Server } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { z } from 'zod';

        const carts = new Map<string, string[]>();
        const server = new McpServer({ name: 'shop', version: '2.0.0' });
        server.registerTool(
          'add_item',
          { description: 'Add an item to a basket', inputSchema: { sessionId: z.string(), item: z.string() } },
          async ({ sessionId, item }) => {
            const cart = carts.get(sessionId) ?? [];
            carts.set(sessionId, [...cart, item]);
            await redis.set(\`cart:\${sessionId}\`, JSON.stringify(cart));
            return { content: [{ type: 'text', text: \`\${cart.length + 1} items\` }] };
          },
        );
        const old = new V1Server({ name: 'shop', version: '1.0.0' });
        old.tool('list_items', { sessionId: z.string() }, async ({ sessionId }) => ({
          content: [{ type: 'text', text: (carts.get(sessionId) ?? []).join(', ') }],
        }));
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Chat and agent memory sessions.
    // ---------------------------------------------------------------------------------
    valid(
      'chat memory keyed by a chat id, and LangChain memory with a sessionId option',
      code`
        import { BufferMemory } from 'langchain/memory';
        import { RedisChatMessageHistory } from '@langchain/redis';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const conversations = new Map<string, { role: string; content: string }[]>();

        export function remember(sessionId: string, content: string) {
          const turns = conversations.get(sessionId) ?? [];
          conversations.set(sessionId, [...turns, { role: 'user', content }]);
          return new BufferMemory({ chatHistory: new RedisChatMessageHistory({ sessionId, client }) });
        }

        app.post('/chat', (req, res) => {
          const sessionId = String(req.body.chatId);
          res.json({ history: conversations.get(sessionId), key: \`chat:\${sessionId}\` });
        });
        export const server = new McpServer({ name: 'chat', version: '1.0.0' });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // express-session, OAuth and cookie sessions.
    // ---------------------------------------------------------------------------------
    valid(
      'express-session req.session.id / req.sessionID, cookie and OAuth state keyed stores',
      code`
        import session from 'express-session';
        import { createMcpHandler } from '@modelcontextprotocol/server';

        app.use(session({ secret: 's', resave: false, saveUninitialized: false }));
        app.get('/me', (req, res) => {
          const profile = profiles[req.session.id] ?? cache.get(req.sessionID);
          const tokens = tokenStore.get(req.cookies.sid);
          const verifier = pkce.get(String(req.query.state));
          res.json({ profile, tokens, verifier });
        });
        export const handler = createMcpHandler(() => buildServer());
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Browser / CDP / Playwright and terminal / PTY sessions.
    // ---------------------------------------------------------------------------------
    valid(
      'CDP and PTY sessions in an MCP server file',
      code`
        import { randomUUID } from 'node:crypto';
        import * as pty from 'node-pty';
        import { chromium } from 'playwright';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const terminals = new Map<string, pty.IPty>();
        const targets: Record<string, string> = {};

        export async function open(url: string) {
          const browser = await chromium.launch();
          const page = await browser.newPage();
          const cdp = await page.context().newCDPSession(page);
          targets[cdp.sessionId] = url;
          const sessionId = randomUUID();
          terminals.set(sessionId, pty.spawn('bash', [], {}));
          return sessionId;
        }
        export const server = new McpServer({ name: 'browser', version: '1.0.0' });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Telemetry ids and request ids.
    // ---------------------------------------------------------------------------------
    valid(
      'telemetry session ids, and ctx.mcpReq.id for correlation (v2)',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import { trace } from '@opentelemetry/api';

        const server = new McpServer({ name: 'search', version: '2.0.0' });
        server.registerTool('search', { description: 'Search' }, async (ctx) => {
          const span = trace.getActiveSpan();
          span?.setAttribute('session.id', analytics.sessionId);
          span?.setAttribute('mcp.request_id', String(ctx.mcpReq.id));
          logger.info({ requestId: ctx.mcpReq.id }, 'search called');
          posthog.capture({ distinctId: user.id, properties: { $session_id: analytics.sessionId } });
          return { content: [] };
        });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Collections of other transports.
    // ---------------------------------------------------------------------------------
    valid(
      'client transports keyed by server name; SSE transports (another rule)',
      code`
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
        import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

        const upstreams = new Map<string, StreamableHTTPClientTransport>();
        for (const [name, url] of Object.entries(config.servers)) upstreams.set(name, new StreamableHTTPClientTransport(new URL(url)));

        const sse: Record<string, SSEServerTransport> = {};
        app.get('/sse', async (_req, res) => {
          const transport = new SSEServerTransport('/messages', res);
          sse[transport.sessionId] = transport;
          await server.connect(transport);
        });
      `,
    ),
    // Local classes with MCP names are not the SDK's.
    valid(
      'a local StreamableHTTPServerTransport class and its map',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        class StreamableHTTPServerTransport {
          constructor(readonly options: { sessionIdGenerator?: () => string }) {}
          sessionId = '';
        }
        const transports: Record<string, StreamableHTTPServerTransport> = {};
        const t = new StreamableHTTPServerTransport({ sessionIdGenerator: () => 'x' });
        transports[t.sessionId] = t;
        export const server = new McpServer({ name: 'x', version: '1' });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Ids a hand-rolled server writes to other headers, and the same field on other kinds of objects.
    // ---------------------------------------------------------------------------------
    valid(
      'session.id sent as Mcp-Session-Id, but chat.id (another type), job.id and X-Request-Id key the stores',
      code`
        import type { ServerResponse } from 'node:http';

        interface McpSession {
          id: string;
        }
        interface ChatSession {
          id: string;
          messages: string[];
        }

        const chats = new Map<string, ChatSession>();
        const traces = new Map<string, number>();

        export function open(res: ServerResponse, session: McpSession, requestId: string): void {
          res.setHeader('Mcp-Session-Id', session.id);
          res.setHeader('X-Request-Id', requestId);
          traces.set(requestId, Date.now());
          log.info(\`session \${session.id} opened\`);
        }

        export function saveChat(chat: ChatSession): void {
          chats.set(chat.id, chat);
        }

        export function history(conversation: ChatSession | undefined): string[] {
          return conversation ? (chats.get(conversation.id)?.messages ?? []) : [];
        }

        // Type parameters name a different type in each function.
        export function resume<T extends { id: string }>(res: ServerResponse, current: T): void {
          res.setHeader('Mcp-Session-Id', current.id);
        }
        export function indexBy<T extends { id: string }>(item: T, index: Map<string, T>): void {
          index.set(item.id, item);
        }
      `,
    ),
    valid(
      'JavaScript: an untyped job object with an id next to the session object the server sends',
      code`
        const { randomUUID } = require('node:crypto');

        const jobs = new Map();
        exports.start = (res) => {
          const session = { id: randomUUID() };
          res.setHeader('mcp-session-id', session.id);
          const job = { id: randomUUID(), state: 'queued' };
          jobs.set(job.id, job);
          res.end();
        };
      `,
      { filename: 'file.js' },
    ),
    // Sending the id back in a request's headers keys nothing (no-session-id-header reports the header).
    valid(
      'a test client echoes the session id in the headers of its next requests',
      code`
        import { expect, it } from 'vitest';

        it('serves follow-up requests on the session', async () => {
          const first = await handler(new Request(url, { method: 'POST', body: initialize }));
          const sessionId = first.headers.get('mcp-session-id')!;
          const second = await handler(new Request(url, { method: 'POST', headers: { 'mcp-session-id': sessionId, accept: 'application/json' }, body: list }));
          const third = await fetch(url, { method: 'DELETE', headers: { 'Mcp-Session-Id': sessionId } });
          expect([second.status, third.status]).toEqual([200, 200]);
        });
      `,
    ),
    // A stdio server whose process-wide state is configuration, counters and shared data.
    valid(
      'stdio server: start-up configuration, counters and shared data are not sessions',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
        import { z } from 'zod';

        let config = await loadConfig();
        let calls = 0;
        let total = 0;
        const notes = new Map<string, string>();
        const server = new McpServer({ name: 'notes', version: '1.0.0' });
        server.registerTool('add', { inputSchema: { id: z.string(), text: z.string() } }, async ({ id, text }) => {
          calls++;
          total += text.length;
          notes.set(id, text);
          return { content: [{ type: 'text', text: \`\${config.name}: \${calls}\` }] };
        });
        server.registerTool('reload', { description: 'Reload' }, async () => {
          const fresh = await loadConfig();
          return { content: [{ type: 'text', text: fresh.name + String(calls + total) }] };
        });
        process.on('SIGHUP', async () => {
          config = await loadConfig();
        });
        await server.connect(new StdioServerTransport());
      `,
    ),
    valid(
      "sendLoggingMessage(params, extra.sessionId): no-deprecated-logging reports the call, and ctx.mcpReq.log fixes both",
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'search', version: '1.0.0' });
        server.registerTool('search', { description: 'Search' }, async (extra) => {
          await server.sendLoggingMessage({ level: 'info', data: 'searching' }, extra.sessionId);
          return { content: [] };
        });
      `,
    ),
  ],

  invalid: [
    // ---------------------------------------------------------------------------------
    // H3: the canonical SDK v1 sessionful server.
    // ---------------------------------------------------------------------------------
    invalid(
      'H3: v1 sessionful Express server (ESM)',
      code`
        import { randomUUID } from 'node:crypto';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        const transports: Record<string, StreamableHTTPServerTransport> = {};

        app.post('/mcp', async (req, res) => {
          const sessionId = req.headers['mcp-session-id'] as string | undefined;
          let transport: StreamableHTTPServerTransport;
          if (sessionId && transports[sessionId]) {
            transport = transports[sessionId];
          } else {
            transport = new StreamableHTTPServerTransport({
              sessionIdGenerator: () => randomUUID(),
              onsessioninitialized: (id) => {
                transports[id] = transport;
              },
            });
            transport.onclose = () => {
              if (transport.sessionId) delete transports[transport.sessionId];
            };
            await buildServer().connect(transport);
          }
          await transport.handleRequest(req, res, req.body);
        });
      `,
      [
        { messageId: 'sessionKeyedTransports', at: 'transports: Record<string, StreamableHTTPServerTransport> = {}', data: declares },
        { messageId: 'sessionKeyedTransports', at: 'transports[sessionId]', nth: 1, data: looksUp },
        { messageId: 'sessionKeyedTransports', at: 'transports[sessionId]', nth: 2, data: looksUp },
        { messageId: 'generatesSessionIds', at: 'sessionIdGenerator: () => randomUUID()', data: { className: v1Server } },
        { messageId: 'sessionLifecycleCallback', at: 'onsessioninitialized: (id) => {\n        transports[id] = transport;\n      }', data: { name: 'onsessioninitialized' } },
        { messageId: 'sessionKeyedTransports', at: 'transports[id]', data: stores },
        { messageId: 'sessionKeyedTransports', at: 'transports[transport.sessionId]', data: removes },
      ],
    ),
    // v2 Node transport, options in a constant, a Map, aliased import.
    invalid(
      'H3: v2 NodeStreamableHTTPServerTransport with options in a constant and a Map (aliased import)',
      code`
        import { randomUUID } from 'node:crypto';
        import { NodeStreamableHTTPServerTransport as Transport } from '@modelcontextprotocol/node';

        const sessions = new Map<string, Transport>();

        export async function open(req: IncomingMessage, res: ServerResponse) {
          const options = {
            sessionIdGenerator: randomUUID,
            onsessionclosed: (id: string) => {
              sessions.delete(id);
            },
          };
          const transport = new Transport(options);
          transport.onsessioninitialized = (id: string) => sessions.set(id, transport);
          const sid = req.headers['mcp-session-id'];
          const existing = typeof sid === 'string' ? sessions.get(sid) : undefined;
          await (existing ?? transport).handleRequest(req, res);
        }
      `,
      [
        { messageId: 'sessionKeyedTransports', at: 'sessions = new Map<string, Transport>()', data: declares },
        { messageId: 'generatesSessionIds', at: 'sessionIdGenerator: randomUUID', data: { className: v2Node } },
        { messageId: 'sessionLifecycleCallback', at: 'onsessionclosed: (id: string) => {\n      sessions.delete(id);\n    }', data: { name: 'onsessionclosed' } },
        { messageId: 'sessionKeyedTransports', at: 'sessions.delete(id)', data: removes },
        { messageId: 'sessionLifecycleCallback', at: 'transport.onsessioninitialized', data: { name: 'onsessioninitialized' } },
        { messageId: 'sessionKeyedTransports', at: 'sessions.set(id, transport)', data: stores },
        { messageId: 'sessionKeyedTransports', at: 'sessions.get(sid)', data: looksUp },
      ],
    ),
    // CommonJS: an untyped object filled with transports, the web-standard class through a namespace.
    invalid(
      'H3: CommonJS, an untyped object filled with transports, namespace require (.js)',
      code`
        const { randomUUID } = require('node:crypto');
        const sdk = require('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js');

        const transports = {};

        async function handle(request) {
          const sid = request.headers.get('mcp-session-id');
          if (sid && transports[sid]) return transports[sid].handleRequest(request);
          const transport = new sdk.WebStandardStreamableHTTPServerTransport({
            sessionIdGenerator: () => randomUUID(),
            onsessioninitialized: (id) => {
              transports[id] = transport;
            },
          });
          return transport.handleRequest(request);
        }
        module.exports = { handle };
      `,
      [
        { messageId: 'sessionKeyedTransports', at: 'transports = {}', data: declares },
        // \`if (sid && transports[sid]) return transports[sid]…\`: one statement, one lookup to replace.
        { messageId: 'sessionKeyedTransports', at: 'transports[sid]', nth: 1, data: looksUp },
        { messageId: 'generatesSessionIds', at: 'sessionIdGenerator: () => randomUUID()', data: { className: 'WebStandardStreamableHTTPServerTransport' } },
        { messageId: 'sessionLifecycleCallback', at: 'onsessioninitialized: (id) => {\n      transports[id] = transport;\n    }', data: { name: 'onsessioninitialized' } },
        { messageId: 'sessionKeyedTransports', at: 'transports[id]', data: stores },
      ],
      { filename: 'file.js' },
    ),
    // A gateway class holding transports in a private field.
    invalid(
      'H3: transports in a class field keyed by transport.sessionId',
      code`
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        export class Gateway {
          private readonly transports = new Map<string, StreamableHTTPServerTransport>();

          register(transport: StreamableHTTPServerTransport) {
            this.transports.set(transport.sessionId!, transport);
          }

          find(req: Request) {
            return this.transports.get(req.headers.get('Mcp-Session-Id') ?? '');
          }
        }
      `,
      [
        { messageId: 'sessionKeyedTransports', at: 'private readonly transports = new Map<string, StreamableHTTPServerTransport>();', data: declares },
        { messageId: 'sessionKeyedTransports', at: 'this.transports.set(transport.sessionId!, transport)', data: stores },
        { messageId: 'sessionKeyedTransports', at: "this.transports.get(req.headers.get('Mcp-Session-Id') ?? '')", data: looksUp },
      ],
    ),
    // ---------------------------------------------------------------------------------
    // H4: application state keyed by the session id.
    // ---------------------------------------------------------------------------------
    invalid(
      'H4: extra.sessionId as a Map, object and Redis key in SDK v1 tools',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { z } from 'zod';

        const carts = new Map<string, string[]>();
        const prefs: Record<string, { currency: string }> = {};
        const server = new McpServer({ name: 'shop', version: '1.0.0' });

        server.registerTool('add_item', { inputSchema: { item: z.string() } }, async ({ item }, extra) => {
          const cart = carts.get(extra.sessionId!) ?? [];
          carts.set(extra.sessionId!, [...cart, item]);
          const currency = prefs[extra.sessionId ?? 'anonymous']?.currency ?? 'EUR';
          await redis.set(\`cart:\${extra.sessionId}\`, JSON.stringify(cart));
          return { content: [{ type: 'text', text: \`\${cart.length + 1} items (\${currency})\` }] };
        });
      `,
      [
        { messageId: 'sessionKeyedState', at: 'carts.get(extra.sessionId!)', data: fromContext },
        { messageId: 'sessionKeyedState', at: 'carts.set(extra.sessionId!, [...cart, item])', data: fromContext },
        { messageId: 'sessionKeyedState', at: "prefs[extra.sessionId ?? 'anonymous']", data: fromContext },
        { messageId: 'sessionKeyedState', at: '`cart:${extra.sessionId}`', data: fromContext },
      ],
    ),
    invalid(
      'H4: v2 ctx.sessionId destructured, KV key through a constant, Durable Object by name, Mongo filter',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        export function buildServer(env: Env) {
          const server = new McpServer({ name: 'notes', version: '2.0.0' });
          server.registerTool('draft', { description: 'Current draft' }, async ({ sessionId, mcpReq }) => {
            const key = \`draft/\${sessionId}\`;
            const draft = await env.DRAFTS.get(key);
            const room = env.ROOMS.get(env.ROOMS.idFromName(sessionId!));
            const owner = await db.collection('owners').findOne({ sessionId, deleted: false });
            return { content: [{ type: 'text', text: \`\${draft} \${owner?.name} \${mcpReq.id}\` }] };
          });
          return server;
        }
      `,
      [
        { messageId: 'sessionKeyedState', at: '`draft/${sessionId}`', data: fromContext },
        { messageId: 'sessionKeyedState', at: 'env.ROOMS.idFromName(sessionId!)', data: fromContext },
        { messageId: 'sessionKeyedState', at: 'sessionId', inside: '{ sessionId, deleted: false }', data: fromContext },
      ],
    ),
    // The id handed to a local helper that keys a store; a store built per session.
    invalid(
      'H4: the session id passed to a local helper, and a per-session store (require, .js)',
      code`
        const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');

        const memories = new Map();
        function memoryFor(id) {
          if (!memories.has(id)) memories.set(id, []);
          return memories.get(id);
        }

        const server = new McpServer({ name: 'memo', version: '1.0.0' });
        server.registerTool('remember', { description: 'Remember' }, async (extra) => {
          memoryFor(extra.sessionId).push(Date.now());
          const history = new ChatHistory(extra.sessionId);
          return { content: [{ type: 'text', text: String(history.size) }] };
        });
        module.exports = { server };
      `,
      [
        // The guard and the write it guards are one statement, one change: one finding.
        { messageId: 'sessionKeyedState', at: 'memories.has(id)', data: fromContext },
        { messageId: 'sessionKeyedState', at: 'memories.get(id)', data: fromContext },
        { messageId: 'sessionKeyedState', at: 'new ChatHistory(extra.sessionId)', data: fromContext },
      ],
      { filename: 'file.js' },
    ),
    // The transport's id and the header value as keys of application state.
    invalid(
      "H4: transport.sessionId and the header's value keying application state",
      code`
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        const usage = new Map<string, number>();
        const profiles: Record<string, unknown> = {};

        export function track(transport: StreamableHTTPServerTransport, req: Request) {
          usage.set(transport.sessionId!, (usage.get(transport.sessionId!) ?? 0) + 1);
          const sid = req.headers.get('mcp-session-id');
          return { ...profiles[sid ?? ''], [String(sid)]: true };
        }
      `,
      [
        // The read inside the write is the same statement and the same map: one finding.
        { messageId: 'sessionKeyedState', at: 'usage.set(transport.sessionId!, (usage.get(transport.sessionId!) ?? 0) + 1)', data: fromTransport },
        { messageId: 'sessionKeyedState', at: "profiles[sid ?? '']", data: fromHeader },
        { messageId: 'sessionKeyedState', at: '[String(sid)]: true', data: fromHeader },
      ],
    ),
    // Subscribers remembered per session (the 2025 everything server's resources/subscribe).
    invalid(
      'H4: a Set of subscribed session ids in v1 low-level handlers',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        const subscriptions = new Map<string, Set<string>>();
        export function install(server: McpServer) {
          server.server.setRequestHandler(SubscribeRequestSchema, async (request, extra) => {
            const sessionId = extra.sessionId as string;
            const subscribers = subscriptions.get(request.params.uri) ?? new Set<string>();
            subscribers.add(sessionId);
            subscriptions.set(request.params.uri, subscribers);
            return {};
          });
          server.server.setRequestHandler(UnsubscribeRequestSchema, async (request, extra) => {
            const subscribers = subscriptions.get(request.params.uri);
            if (subscribers?.has(extra.sessionId!)) subscribers.delete(extra.sessionId!);
            return {};
          });
        }
      `,
      [
        { messageId: 'sessionKeyedState', at: 'subscribers.add(sessionId)', data: fromContext },
        // \`if (subscribers?.has(id)) subscribers.delete(id);\` is one statement: one finding.
        { messageId: 'sessionKeyedState', at: 'subscribers?.has(extra.sessionId!)', data: fromContext },
      ],
    ),
    invalid(
      'H4: a guard and the writes in its braces are separate statements, each reported; another map in the same statement too',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const loggingSessions = new Set<string>();
        const timers = new Map<string, NodeJS.Timeout>();
        export function install(server: McpServer) {
          server.registerTool('toggle_ticks', { description: 'Start or stop ticks' }, async (extra) => {
            const sid = extra.sessionId!;
            if (loggingSessions.has(sid)) {
              loggingSessions.delete(sid);
            } else {
              loggingSessions.add(sid);
            }
            if (timers.has(sid)) clearInterval(timers.get(sid)), timers.delete(sid);
            if (!loggingSessions.has(sid)) timers.set(sid, setInterval(tick, 5000));
            return { content: [] };
          });
        }
      `,
      [
        { messageId: 'sessionKeyedState', at: 'loggingSessions.has(sid)', inside: 'if (loggingSessions.has(sid)) {', data: fromContext },
        { messageId: 'sessionKeyedState', at: 'loggingSessions.delete(sid)', data: fromContext },
        { messageId: 'sessionKeyedState', at: 'loggingSessions.add(sid)', data: fromContext },
        { messageId: 'sessionKeyedState', at: 'timers.has(sid)', data: fromContext },
        { messageId: 'sessionKeyedState', at: 'loggingSessions.has(sid)', inside: 'if (!loggingSessions.has(sid)) timers', data: fromContext },
        { messageId: 'sessionKeyedState', at: 'timers.set(sid, setInterval(tick, 5000))', data: fromContext },
      ],
    ),
    // ---------------------------------------------------------------------------------
    // H4: a hand-rolled server's registry keyed by the id it sends as Mcp-Session-Id.
    // ---------------------------------------------------------------------------------
    // The shape of the legacy-hand-rolled example: the field, on the same variable and on
    // objects of the same type (a return annotation, a Map's element type, a for-of).
    (() => {
      const source = code`
        import { randomUUID } from 'node:crypto';
        import type { IncomingMessage, ServerResponse } from 'node:http';

        const SESSION_HEADER = 'Mcp-Session-Id';

        interface Session {
          id: string;
          initialized: boolean;
        }

        const sessions = new Map<string, Session>();

        function sessionOf(req: IncomingMessage): Session | undefined {
          const sessionId = req.headers[SESSION_HEADER.toLowerCase()];
          return typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
        }

        export async function handlePost(req: IncomingMessage, res: ServerResponse, message: { method: string }) {
          let session = sessionOf(req);
          if (!session) session = { id: randomUUID(), initialized: false };
          if (message.method === 'initialize') {
            sessions.set(session.id, session);
            res.setHeader(SESSION_HEADER, session.id);
          }
        }

        export function endSession(req: IncomingMessage, res: ServerResponse): void {
          const session = sessionOf(req);
          if (!session) return void res.writeHead(404).end();
          sessions.delete(session.id);
          res.writeHead(204).end();
        }

        export function sweep(): void {
          for (const stale of sessions.values()) if (!stale.initialized) sessions.delete(stale.id);
        }
      `;
      return invalid('H4: a hand-rolled session registry keyed by the id sent as Mcp-Session-Id', source, [
        { messageId: 'sessionKeyedState', at: 'sessions.get(sessionId)', data: fromHeader },
        { messageId: 'sessionKeyedState', at: 'sessions.set(session.id, session)', data: fromWritten },
        { messageId: 'sessionKeyedState', at: 'sessions.delete(session.id)', data: fromWritten },
        { messageId: 'sessionKeyedState', at: 'sessions.delete(stale.id)', data: fromWritten },
      ]);
    })(),
    // JavaScript: a minted id in a variable, sent through writeHead, keying an object through a helper.
    invalid(
      'H4 (JavaScript): an id minted into a variable, sent with writeHead, keys state through a local helper',
      code`
        const { randomUUID } = require('node:crypto');
        const http = require('node:http');

        const state = {};
        function remember(id, value) {
          state[id] = value;
        }

        http.createServer((req, res) => {
          const sid = randomUUID();
          remember(sid, { createdAt: Date.now() });
          res.writeHead(200, { 'content-type': 'text/event-stream', 'mcp-session-id': sid });
          res.end();
        });
      `,
      [{ messageId: 'sessionKeyedState', at: 'state[id]', data: fromWritten }],
      { filename: 'file.js' },
    ),
    // Fetch API: the id written by a helper's Headers.set, and assigned into a headers object.
    invalid(
      'H4: a token sent by a helper through Headers.set, and an id assigned into a headers object',
      code`
        const carts = new Map<string, string[]>();
        const SESSION = 'mcp-session-id';

        function withSession(response: Response, id: string): Response {
          response.headers.set(SESSION, id);
          return response;
        }

        export async function POST(request: Request): Promise<Response> {
          const token = crypto.randomUUID();
          carts.set(token, []);
          return withSession(Response.json({ ok: true }), token);
        }

        export function attach(headers: Record<string, string>, user: { sessionId: string }) {
          headers[SESSION] = user.sessionId;
          return { [user.sessionId]: Date.now() };
        }
      `,
      [
        { messageId: 'sessionKeyedState', at: 'carts.set(token, [])', data: fromWritten },
        { messageId: 'sessionKeyedState', at: '[user.sessionId]: Date.now()', data: fromWritten },
      ],
    ),
    // ---------------------------------------------------------------------------------
    // M9: an elicitation answer awaited per session.
    // ---------------------------------------------------------------------------------
    invalid(
      'M9: a pending elicitation parked by session id',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const pending = new Map<string, (answer: string) => void>();
        const server = new McpServer({ name: 'ask', version: '1.0.0' });
        server.registerTool('ask', { description: 'Ask' }, async (extra) => {
          const answer = await new Promise<string>((resolve) => pending.set(extra.sessionId!, resolve));
          return { content: [{ type: 'text', text: answer }] };
        });
      `,
      [{ messageId: 'sessionKeyedState', at: 'pending.set(extra.sessionId!, resolve)', data: fromContext }],
    ),
    // ---------------------------------------------------------------------------------
    // Correlation only: a warning.
    // ---------------------------------------------------------------------------------
    invalid(
      'correlation: console and logger lines, span attributes',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'search', version: '1.0.0' });
        server.registerTool('search', { description: 'Search' }, async (extra) => {
          console.error(\`[\${extra.sessionId}] search started\`);
          const { sessionId } = extra;
          logger.info({ sessionId, tool: 'search' }, 'called');
          span.setAttribute('mcp.session_id', sessionId ?? '');
          return { content: [] };
        });
      `,
      [
        { messageId: 'sessionIdForCorrelation', at: 'extra.sessionId', inside: '`[${extra.sessionId}] search started`' },
        { messageId: 'sessionIdForCorrelation', at: 'sessionId', inside: "{ sessionId, tool: 'search' }" },
        { messageId: 'sessionIdForCorrelation', at: 'sessionId', inside: "'mcp.session_id', sessionId ?? ''" },
      ],
    ),
    // ---------------------------------------------------------------------------------
    // P10: stdio process state used as a session.
    // ---------------------------------------------------------------------------------
    invalid(
      'P10: a stdio server that connects in one tool and queries in another',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
        import { z } from 'zod';

        let db: Connection | undefined;
        const server = new McpServer({ name: 'sql', version: '1.0.0' });
        server.registerTool('connect_database', { inputSchema: { url: z.string() } }, async ({ url }) => {
          db = await connect(url);
          return { content: [{ type: 'text', text: 'connected' }] };
        });
        server.registerTool('query', { inputSchema: { sql: z.string() } }, async ({ sql }) => {
          if (!db) return { isError: true, content: [{ type: 'text', text: 'call connect_database first' }] };
          return { content: [{ type: 'text', text: JSON.stringify(await db.query(sql)) }] };
        });
        await server.connect(new StdioServerTransport());
      `,
      [{ messageId: 'processStateAsSession', at: 'db = await connect(url)', data: { name: 'db' } }],
    ),
    invalid(
      'P10: v2 serveStdio factory with a project selected per process',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import { serveStdio } from '@modelcontextprotocol/server/stdio';

        let project = '';
        serveStdio(() => {
          const server = new McpServer({ name: 'proj', version: '2.0.0' });
          server.registerTool('select_project', { description: 'Select' }, async (ctx) => {
            project = String(ctx.mcpReq.id);
            return { content: [] };
          });
          server.registerTool('build', { description: 'Build' }, async () => ({ content: [{ type: 'text', text: project }] }));
          return server;
        });
      `,
      [{ messageId: 'processStateAsSession', at: 'project = String(ctx.mcpReq.id)', data: { name: 'project' } }],
    ),
    // ---------------------------------------------------------------------------------
    // Dual-era: sessions kept for 2025 clients behind isLegacyRequest().
    // ---------------------------------------------------------------------------------
    {
      ...invalid(
        'dual-era: a sessionful legacy leg behind isLegacyRequest() is servesLegacyClients',
        code`
          import { randomUUID } from 'node:crypto';
          import { isLegacyRequest } from '@modelcontextprotocol/server';
          import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

          export async function handle(req: IncomingMessage, res: ServerResponse, request: Request) {
            if (await isLegacyRequest(request)) {
              const legacy = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
              return legacy.handleRequest(req, res);
            }
            return modern(req, res);
          }
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: 'sessionIdGenerator: () => randomUUID()',
            data: {
              message: rule.meta.messages.generatesSessionIds.replace('{{className}}', v2Node),
              gate: 'behind `await isLegacyRequest(request)`',
            },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
  ],
});
