import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-session-id-header.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-session-id-header` (reference §15 rows H1, H2, H17 and C1; design.md
 * principle 3 for the lookalikes that must stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);

const v1Server = 'StreamableHTTPServerTransport';
const webStandard = 'WebStandardStreamableHTTPServerTransport';
const v2Node = 'NodeStreamableHTTPServerTransport';
const v1Client = 'StreamableHTTPClientTransport';

const ruleTester = new RuleTester();

ruleTester.run('no-session-id-header', rule, {
  valid: [
    // Tests of migrated servers assert that no session header is sent.
    valid(
      'tests asserting the header is absent',
      code`
        import { expect, it } from 'vitest';
        import assert from 'node:assert/strict';

        it('sends no session header', async () => {
          const res = await fetch(url, { method: 'POST', body });
          expect(res.headers.get('mcp-session-id')).toBeNull();
          expect(res.headers.get('Mcp-Session-Id')).not.toBeDefined();
          expect(res.headers.has('mcp-session-id')).toBe(false);
          assert.equal(res.headers.get('mcp-session-id'), null);
        });
      `,
    ),
    // Absence asserted through a constant, and a stateless transport asserted to have no session id.
    valid(
      'tests asserting the header or the transport session id is absent, through a constant or directly',
      code`
        import { test } from 'node:test';
        import assert from 'node:assert/strict';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

        test('a stateless gateway hands out no session', async () => {
          const reply = await post(gatewayUrl, initializeBody);
          const minted = reply.headers.get('mcp-session-id');
          assert.equal(minted, null);
          const transport = new StreamableHTTPClientTransport(new URL(gatewayUrl));
          await client.connect(transport);
          assert.strictEqual(transport.sessionId, undefined);
        });
      `,
    ),
    // A traffic panel shows the headers a request carried; it sends nothing.
    valid(
      'a traffic panel entry recording the headers of a 2025 exchange',
      code`
        import type { TrafficRow } from '../panel/types';

        export const recordedCall: TrafficRow = {
          at: new Date('2025-12-01T09:00:00Z'),
          url: 'http://127.0.0.1:8080/mcp',
          requestHeaders: { 'content-type': 'application/json', 'Mcp-Session-Id': '5f0c9d1e-6a2b-4c3d-8e7f-001122334455' },
          requestBody: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }),
          responseStatus: 200,
          responseHeaders: { 'mcp-session-id': '5f0c9d1e-6a2b-4c3d-8e7f-001122334455' },
        };
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Lookalike header names: other session headers, prefixes and suffixes of the name.
    // ---------------------------------------------------------------------------------
    valid(
      'lookalike header names: x-session-id, session-id, mcp-session, x-mcp-session-id',
      code`
        import express from 'express';

        const app = express();
        app.post('/chat', (req, res) => {
          const sid = req.headers['x-session-id'];
          const other = req.get('session-id');
          const prefix = req.header('mcp-session');
          const vendor = req.headers['x-mcp-session-id'];
          res.setHeader('X-Mcp-Session', String(sid));
          res.set('Mcp-Session-Ids', String(other));
          res.json({ sid, other, prefix, vendor });
        });
      `,
    ),
    // The header named inside a longer sentence (error messages, logs): not a header operation.
    valid(
      'header named inside error messages and logs',
      code`
        import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

        app.post('/mcp', async (req, res) => {
          if (!isInitializeRequest(req.body)) {
            res.status(400).json({
              jsonrpc: '2.0',
              error: { code: -32000, message: 'Bad Request: missing mcp-session-id header' },
              id: null,
            });
            return;
          }
          logger.warn(\`unknown Mcp-Session-Id \${String(req.query.id)}\`);
          throw new Error('Invalid or expired Mcp-Session-Id, please re-initialize');
        });
      `,
    ),
    // Modern CORS configuration: only the 2026-07-28 headers.
    valid(
      'modern CORS config with the 2026-07-28 headers only',
      code`
        import cors from 'cors';

        app.use(
          cors({
            origin: '*',
            exposedHeaders: ['MCP-Protocol-Version', 'Mcp-Method', 'Mcp-Name'],
            allowedHeaders: 'Content-Type, Authorization, MCP-Protocol-Version, Mcp-Method, Mcp-Name',
          }),
        );
      `,
    ),

    // Templates with substitutions that do not spell the header: modern lists, vendor prefixes, messages.
    valid(
      'templates built from constants that do not spell Mcp-Session-Id',
      code`
        import type { ServerResponse } from 'node:http';

        const VENDOR = 'X-Acme';
        const PROTOCOL_HEADER = 'MCP-Protocol-Version';

        export function applyCors(res: ServerResponse, requestId: string): void {
          res.setHeader('Access-Control-Allow-Headers', \`Content-Type, Authorization, \${PROTOCOL_HEADER}, Mcp-Method, Mcp-Name\`);
          res.setHeader('Access-Control-Expose-Headers', \`\${VENDOR}-Session-Id, \${VENDOR}-Mcp-Session-Id\`);
          res.setHeader(\`\${VENDOR}-Request-Id\`, requestId);
          log.debug(\`cors applied to \${requestId}, no Mcp-Session-Id \${requestId.length}\`);
        }
      `,
    ),

    // ---------------------------------------------------------------------------------
    // OAuth / cookie sessions: express-session.
    // ---------------------------------------------------------------------------------
    valid(
      'express-session: req.session.id, req.sessionID',
      code`
        import express from 'express';
        import session from 'express-session';

        const app = express();
        app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: true }));
        app.get('/profile', (req, res) => {
          res.json({ id: req.session.id, sid: req.sessionID });
        });
      `,
    ),

    // ---------------------------------------------------------------------------------
    // `sessionId` of objects that are not MCP transports.
    // ---------------------------------------------------------------------------------
    // Chat / agent memory, in a file that is an MCP server.
    valid(
      'chat memory conversation.sessionId in an MCP server file',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { UpstashRedisChatMessageHistory } from '@langchain/community/stores/message/upstash_redis';

        export function memoryFor(server: McpServer, sessionId: string) {
          const conversation = new UpstashRedisChatMessageHistory({ sessionId, config: { url, token } });
          return { key: \`history:\${conversation.sessionId}\`, conversation };
        }
      `,
    ),
    // Browser automation: a Playwright CDP session.
    valid(
      'Playwright CDP session.sessionId',
      code`
        import { chromium } from 'playwright';

        const browser = await chromium.launch();
        const page = await browser.newPage();
        const session = await page.context().newCDPSession(page);
        await session.send('Network.enable');
        console.log(session.sessionId);
      `,
    ),
    // Another library's transport that takes a `sessionId` option.
    valid(
      "another library's WebSocketTransport with a sessionId option",
      code`
        import { WebSocketTransport } from '@open-rpc/client-js';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        const ws = new WebSocketTransport('wss://rpc.example.com', { sessionId });
        console.log(ws.sessionId);
        await ws.terminateSession();
      `,
    ),
    // MCP-named classes defined locally, not imported from an MCP package.
    valid(
      'MCP-named classes defined locally',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        class StreamableHTTPServerTransport {
          sessionId = crypto.randomUUID();
        }
        class StreamableHTTPClientTransport {
          constructor(readonly url: URL, readonly options: { sessionId?: string } = {}) {}
          async terminateSession() {}
        }

        const transport = new StreamableHTTPServerTransport();
        export const id = transport.sessionId;
        const client = new StreamableHTTPClientTransport(new URL('http://localhost:3000/mcp'), { sessionId: id });
        await client.terminateSession();
      `,
    ),
    // `transport` and a look-alike class imported from local (non-MCP) modules.
    valid(
      'transport and look-alike class from local modules',
      code`
        import { transport } from './mcp/transport.js';
        import { StreamableHTTPServerTransport } from './vendor/streamable-http.js';

        const local = new StreamableHTTPServerTransport();
        console.log(transport.sessionId, local.sessionId);
        const { sessionId } = local;
      `,
    ),
    // The same in CommonJS.
    valid(
      'look-alike transport required from a local module (CommonJS)',
      code`
        const { StreamableHTTPServerTransport } = require('./lib/transport');

        const transport = new StreamableHTTPServerTransport();
        module.exports = () => transport.sessionId;
      `,
      { filename: 'file.js' },
    ),

    // ---------------------------------------------------------------------------------
    // Stateless hosting (`sessionIdGenerator: undefined`) is not a session, and
    // session-keyed state (`extra.sessionId`) is no-session-state's concern.
    // ---------------------------------------------------------------------------------
    valid(
      'stateless server: sessionIdGenerator undefined',
      code`
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        app.post('/mcp', async (req, res) => {
          const server = buildServer();
          const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
          res.on('close', () => {
            transport.close();
            server.close();
          });
          await server.connect(transport);
          await transport.handleRequest(req, res, req.body);
        });
      `,
    ),
    valid(
      "extra.sessionId in a tool callback (no-session-state's concern)",
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'whoami', version: '1.0.0' });
        server.registerTool('whoami', { description: 'Who am I' }, async (_args, extra) => ({
          content: [{ type: 'text', text: String(extra.sessionId) }],
        }));
      `,
    ),

    // ---------------------------------------------------------------------------------
    // TypeScript types naming the header: no runtime behaviour.
    // ---------------------------------------------------------------------------------
    valid(
      'TypeScript types naming the header',
      code`
        import type { IncomingHttpHeaders } from 'node:http';

        type SessionHeader = 'mcp-session-id';
        type SessionHeaderValue = IncomingHttpHeaders['mcp-session-id'];
        interface McpRequestHeaders {
          'mcp-session-id'?: string;
          'Mcp-Session-Id'?: string;
        }
        declare function header(name: 'Mcp-Session-Id'): string | undefined;
      `,
    ),

    // ---------------------------------------------------------------------------------
    // HTTP+SSE (2024-11-05) transport: its sessionId is a query parameter, covered by
    // another rule.
    // ---------------------------------------------------------------------------------
    valid(
      'SSEServerTransport.sessionId (HTTP+SSE, another rule)',
      code`
        import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

        const transports: Record<string, SSEServerTransport> = {};
        app.get('/sse', async (_req, res) => {
          const transport = new SSEServerTransport('/messages', res);
          transports[transport.sessionId] = transport;
          res.on('close', () => {
            delete transports[transport.sessionId];
          });
          await server.connect(transport);
        });
        app.post('/messages', async (req, res) => {
          const transport = transports[String(req.query.sessionId)];
          console.log(transport?.sessionId);
          await transport?.handlePostMessage(req, res, req.body);
        });
      `,
    ),
    // A unit test's own mock request: built, then read back by the same test, handed to nothing.
    valid(
      'a mock request literal that the test only reads back itself',
      code`
        import { describe, expect, it } from 'vitest';
        import type { Request } from 'express';

        describe('session header parsing', () => {
          it('finds the id on the request', () => {
            const fakeReq = {
              method: 'POST',
              headers: { 'mcp-session-id': 'sess-42', accept: 'application/json' },
            } as unknown as Request;
            const id = fakeReq.headers['mcp-session-id'] as string;
            expect(id).toBe('sess-42');
            expect(fakeReq.method).toBe('POST');
          });
        });
      `,
    ),
  ],

  invalid: [
    // The same mock handed to the code under test is a request that carries the header.
    invalid(
      'a mock request literal passed to the handler under test, and a read from the real request',
      code`
        import { expect, it } from 'vitest';
        import { handleMcp } from '../src/mcp';

        it('routes by session', async () => {
          const fakeReq = { method: 'POST', headers: { 'mcp-session-id': 'sess-42' }, body: {} };
          const fakeRes = { status: vi.fn(), json: vi.fn() };
          await handleMcp(fakeReq as never, fakeRes as never);
          expect(fakeRes.status).not.toHaveBeenCalledWith(404);
        });

        export function sessionOf(req: { headers: Record<string, string | undefined> }) {
          return req.headers['mcp-session-id'];
        }
      `,
      [
        { messageId: 'writesHeader', at: "'mcp-session-id'", nth: 1 },
        { messageId: 'readsHeader', at: "'mcp-session-id'", nth: 2 },
      ],
    ),
    invalid(
      'headers of a const request object that another object passes on',
      code`
        const init = { method: 'POST', headers: { 'Mcp-Session-Id': sessionId, 'Content-Type': 'application/json' } };
        await fetch(url, { ...init, body: JSON.stringify(message) });
        console.log(init.headers['Content-Type']);
      `,
      [{ messageId: 'writesHeader', at: "'Mcp-Session-Id'" }],
    ),
    // Two spellings of the header in one fallback expression are one read; a second statement is another.
    invalid(
      'the header read under two spellings in one expression, and again in another statement',
      code`
        export function sessionIdOf(headers: Record<string, string | undefined>, res: { setHeader(n: string, v: string): void }) {
          const id = headers['mcp-session-id'] ?? headers['Mcp-Session-Id'] ?? '';
          if (headers['Mcp-Session-Id'] || headers['MCP-SESSION-ID']) res.setHeader('x-seen', '1');
          return id;
        }
      `,
      [
        { messageId: 'readsHeader', at: "'mcp-session-id'" },
        { messageId: 'readsHeader', at: "'Mcp-Session-Id'", nth: 2 },
      ],
    ),
    // One finding per transport per function: repeated reads of the same transport's id in one callback fold.
    invalid(
      'transport.sessionId read again and again in one callback, in another callback, and on another transport',
      code`
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        export function track(transport: StreamableHTTPServerTransport, backup: StreamableHTTPServerTransport, counter: Counter) {
          transport.onclose = () => {
            if (transport.sessionId) {
              counter.clear(transport.sessionId);
              log('closed', transport.sessionId, backup.sessionId);
            }
          };
          transport.onerror = () => {
            if (transport.sessionId) counter.clear(transport.sessionId);
          };
        }
      `,
      [
        {
          messageId: 'readsTransportSessionId',
          at: 'transport.sessionId',
          nth: 1,
          data: { object: 'transport', className: v1Server },
        },
        { messageId: 'readsTransportSessionId', at: 'backup.sessionId', data: { object: 'backup', className: v1Server } },
        {
          messageId: 'readsTransportSessionId',
          at: 'transport.sessionId',
          nth: 4,
          data: { object: 'transport', className: v1Server },
        },
      ],
    ),
    // A test that expects the session header pins the 2025 behaviour.
    invalid(
      'tests asserting the header is present',
      code`
        import { expect, it } from 'vitest';

        it('assigns a session', async () => {
          const res = await fetch(url, { method: 'POST', body });
          expect(res.headers.get('mcp-session-id')).toBeTruthy();
          expect(res.headers.get('mcp-session-id')).not.toBeNull();
        });
      `,
      [
        { messageId: 'readsHeader', at: "'mcp-session-id'", nth: 1 },
        { messageId: 'readsHeader', at: "'mcp-session-id'", nth: 2 },
      ],
    ),
    invalid(
      'a constant holding the header that a test also uses, and a session id a test expects to be set',
      code`
        import { test } from 'node:test';
        import assert from 'node:assert/strict';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

        test('a stateful gateway keeps its session', async () => {
          const reply = await post(gatewayUrl, initializeBody);
          const minted = reply.headers.get('mcp-session-id');
          assert.notEqual(minted, null);
          const transport = new StreamableHTTPClientTransport(new URL(gatewayUrl));
          await client.connect(transport);
          assert.ok(transport.sessionId);
        });
      `,
      [
        { messageId: 'readsHeader', at: "'mcp-session-id'" },
        { messageId: 'readsTransportSessionId', at: 'transport.sessionId', data: { object: 'transport', className: 'StreamableHTTPClientTransport' } },
      ],
    ),
    // ---------------------------------------------------------------------------------
    // H1: reading the header.
    // ---------------------------------------------------------------------------------
    (() => {
      const source = code`
        import type { Request, Response } from 'express';

        export async function handle(req: Request, res: Response) {
          const sessionId = req.headers['mcp-session-id'] as string | undefined;
          res.json({ sessionId });
        }
      `;
      return invalid("H1: req.headers['mcp-session-id']", source, [{ messageId: 'readsHeader', at: "'mcp-session-id'" }]);
    })(),
    // Header names are case-insensitive; optional chaining and template literals.
    (() => {
      const source = code`
        export function sessionOf(req: IncomingMessage): string | undefined {
          const a = req.headers['Mcp-Session-Id'];
          const b = req.headers?.['MCP-SESSION-ID'];
          const c = req.headers[\`mcp-session-id\`];
          return String(a ?? b ?? c);
        }
      `;
      return invalid('H1: mixed-case names, optional chaining, template literal', source, [
        { messageId: 'readsHeader', at: "'Mcp-Session-Id'" },
        { messageId: 'readsHeader', at: "'MCP-SESSION-ID'" },
        { messageId: 'readsHeader', at: '`mcp-session-id`' },
      ]);
    })(),
    // Through a constant: reported where it is used, not at the declaration.
    (() => {
      const source = code`
        const SESSION_HEADER = 'mcp-session-id';

        app.post('/mcp', (req, res) => {
          const sessionId = req.headers[SESSION_HEADER];
          const id = sessionId ?? randomUUID();
          res.setHeader(SESSION_HEADER, id);
          res.end();
        });
      `;
      return invalid('H1/H2: header name through a const, reported at each use', source, [
        { messageId: 'readsHeader', at: 'SESSION_HEADER', inside: 'req.headers[SESSION_HEADER]' },
        { messageId: 'writesHeader', at: 'SESSION_HEADER', inside: 'res.setHeader(SESSION_HEADER, id)' },
      ]);
    })(),
    // Through a property of a constant object (exported, but used here).
    (() => {
      const source = code`
        export const HEADERS = {
          SESSION: 'Mcp-Session-Id',
          PROTOCOL_VERSION: 'MCP-Protocol-Version',
        } as const;

        export function sessionOf(request: Request) {
          return request.headers.get(HEADERS.SESSION);
        }
      `;
      return invalid('H1: header name through a const object property (HEADERS.SESSION)', source, [
        { messageId: 'readsHeader', at: 'HEADERS.SESSION' },
      ]);
    })(),
    // Through a constant computed with `.toLowerCase()`.
    (() => {
      const source = code`
        const SESSION = 'Mcp-Session-Id'.toLowerCase();
        export const sid = (req: IncomingMessage) => req.headers[SESSION];
      `;
      return invalid('H1: header name through a const built with toLowerCase()', source, [
        { messageId: 'readsHeader', at: 'SESSION', inside: 'req.headers[SESSION]' },
      ]);
    })(),
    // Exported constants with no local use: reported at the declaration.
    (() => {
      const source = code`
        export const MCP_SESSION_ID_HEADER = 'Mcp-Session-Id';
        export const MCP_PROTOCOL_VERSION_HEADER = 'MCP-Protocol-Version';
        export const McpHeaders = {
          SessionId: 'mcp-session-id',
          ProtocolVersion: 'mcp-protocol-version',
        };
      `;
      return invalid('exported constants with no local use, reported at the declaration', source, [
        { messageId: 'namesHeader', at: "'Mcp-Session-Id'", data: { how: 'bound to `MCP_SESSION_ID_HEADER`' } },
        { messageId: 'namesHeader', at: "'mcp-session-id'", data: { how: 'bound to `McpHeaders.SessionId`' } },
      ]);
    })(),
    // Express: req.header(), req.get(); destructuring the headers object.
    (() => {
      const source = code`
        import express from 'express';

        const app = express();
        app.post('/mcp', (req, res) => {
          const fromHeader = req.header('Mcp-Session-Id');
          const fromGet = req.get('mcp-session-id');
          const { 'mcp-session-id': fromPattern } = req.headers;
          res.json({ fromHeader, fromGet, fromPattern });
        });
      `;
      return invalid('H1: Express req.header(), req.get(), destructuring req.headers', source, [
        { messageId: 'readsHeader', at: "'Mcp-Session-Id'" },
        { messageId: 'readsHeader', at: "'mcp-session-id'", inside: "req.get('mcp-session-id')" },
        { messageId: 'readsHeader', at: "'mcp-session-id'", inside: "{ 'mcp-session-id': fromPattern }" },
      ]);
    })(),
    // Hono: c.req.header() reads, c.header(name, value) writes.
    (() => {
      const source = code`
        import { Hono } from 'hono';

        const app = new Hono();
        app.post('/mcp', async (c) => {
          const sessionId = c.req.header('mcp-session-id') ?? crypto.randomUUID();
          c.header('Mcp-Session-Id', sessionId);
          return c.json(await dispatch(await c.req.json()));
        });
      `;
      return invalid('H1/H2: Hono c.req.header() and c.header(name, value)', source, [
        { messageId: 'readsHeader', at: "'mcp-session-id'" },
        { messageId: 'writesHeader', at: "'Mcp-Session-Id'" },
      ]);
    })(),
    // Fetch Request/Headers: has/get read, set/append write, delete only names it.
    (() => {
      const source = code`
        export async function handler(request: Request): Promise<Response> {
          if (!request.headers.has('mcp-session-id')) {
            return new Response('Bad Request', { status: 400 });
          }
          const sessionId = request.headers.get('Mcp-Session-Id')!;
          const headers = new Headers({ 'Content-Type': 'application/json' });
          headers.set('MCP-Session-Id', sessionId);
          headers.append('mcp-session-ID', sessionId);
          const upstream = new Headers(request.headers);
          upstream.delete('mcp-Session-Id');
          return new Response(await forward(upstream), { headers });
        }
      `;
      return invalid('H1/H2: Fetch headers has/get/set/append/delete', source, [
        { messageId: 'readsHeader', at: "'mcp-session-id'" },
        { messageId: 'readsHeader', at: "'Mcp-Session-Id'" },
        { messageId: 'writesHeader', at: "'MCP-Session-Id'" },
        { messageId: 'writesHeader', at: "'mcp-session-ID'" },
        { messageId: 'namesHeader', at: "'mcp-Session-Id'", data: { how: 'removed from a set of headers' } },
      ]);
    })(),

    // Fastify and Koa, with the name in a string enum.
    (() => {
      const source = code`
        import Fastify from 'fastify';

        enum McpHeader {
          SessionId = 'mcp-session-id',
          ProtocolVersion = 'mcp-protocol-version',
        }

        const fastify = Fastify();
        fastify.post('/mcp', async (request, reply) => {
          const sessionId = request.headers[McpHeader.SessionId];
          reply.header('Mcp-Session-Id', sessionId);
          return handle(request.body);
        });

        router.post('/mcp', async (ctx) => {
          const id = ctx.get('MCP-Session-Id');
          ctx.set('mcp-session-ID', id);
        });
      `;
      return invalid('H1/H2: Fastify and Koa, header name in a string enum', source, [
        { messageId: 'readsHeader', at: 'McpHeader.SessionId' },
        { messageId: 'writesHeader', at: "'Mcp-Session-Id'" },
        { messageId: 'readsHeader', at: "'MCP-Session-Id'" },
        { messageId: 'writesHeader', at: "'mcp-session-ID'" },
      ]);
    })(),

    // ---------------------------------------------------------------------------------
    // H2: writing the header (Node http, Express, Fetch Response).
    // ---------------------------------------------------------------------------------
    (() => {
      const source = code`
        import http from 'node:http';
        import { randomUUID } from 'node:crypto';

        http.createServer((req, res) => {
          const known = res.getHeader('mcp-session-id');
          res.setHeader('Mcp-Session-Id', String(known ?? randomUUID()));
          res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Mcp-Session-ID': String(known) });
          res.removeHeader('MCP-SESSION-ID');
          res.end();
        }).listen(3000);
      `;
      return invalid('H1/H2: Node http getHeader/setHeader/writeHead/removeHeader', source, [
        { messageId: 'readsHeader', at: "'mcp-session-id'" },
        { messageId: 'writesHeader', at: "'Mcp-Session-Id'" },
        { messageId: 'writesHeader', at: "'Mcp-Session-ID'" },
        { messageId: 'namesHeader', at: "'MCP-SESSION-ID'", data: { how: 'removed from a set of headers' } },
      ]);
    })(),
    (() => {
      const source = code`
        app.post('/mcp', (req, res) => {
          const id = randomUUID();
          res.header('Mcp-Session-Id', id);
          res.set('mcp-session-id', id);
          res.set({ 'MCP-Session-Id': id, 'Cache-Control': 'no-store' });
          res.append('Mcp-Session-ID', id);
          res.status(200).json(result);
        });
      `;
      return invalid('H2: Express res.header/set/append', source, [
        { messageId: 'writesHeader', at: "'Mcp-Session-Id'" },
        { messageId: 'writesHeader', at: "'mcp-session-id'" },
        { messageId: 'writesHeader', at: "'MCP-Session-Id'" },
        { messageId: 'writesHeader', at: "'Mcp-Session-ID'" },
      ]);
    })(),
    (() => {
      const source = code`
        export function respond(body: string, sessionId: string): Response {
          if (body === '') {
            return Response.json({ ok: true }, { headers: { 'mcp-session-id': sessionId } });
          }
          return new Response(body, {
            status: 200,
            headers: { 'Content-Type': 'text/event-stream', 'Mcp-Session-Id': sessionId },
          });
        }
      `;
      return invalid('H2: new Response() and Response.json() headers', source, [
        { messageId: 'writesHeader', at: "'mcp-session-id'" },
        { messageId: 'writesHeader', at: "'Mcp-Session-Id'" },
      ]);
    })(),
    // Computed keys, with a constant and with a literal.
    (() => {
      const source = code`
        const SESSION_HEADER = 'Mcp-Session-Id';

        export function buildHeaders(sessionId: string): Record<string, string> {
          return {
            'Content-Type': 'application/json',
            [SESSION_HEADER]: sessionId,
            ['mcp-session-id']: sessionId,
          };
        }
      `;
      return invalid('H2: computed keys with a const and a literal', source, [
        { messageId: 'writesHeader', at: 'SESSION_HEADER', inside: '[SESSION_HEADER]: sessionId' },
        { messageId: 'writesHeader', at: "'mcp-session-id'" },
      ]);
    })(),
    // `[name, value]` pairs of a HeadersInit set the header just like an object key does.
    (() => {
      const source = code`
        export async function post(url: string, sessionId: string, body: string) {
          const headers = new Headers([
            ['Content-Type', 'application/json'],
            ['mcp-session-id', sessionId],
          ]);
          return fetch(url, { method: 'POST', headers, body });
        }
      `;
      return invalid('C1: [name, value] pairs of new Headers()', source, [{ messageId: 'writesHeader', at: "'mcp-session-id'" }]);
    })(),
    // Assigning and deleting through a headers object.
    (() => {
      const source = code`
        export function withSession(init: Record<string, string>, sessionId?: string) {
          const headers: Record<string, string> = { ...init };
          if (sessionId) headers['mcp-session-id'] = sessionId;
          else delete headers['Mcp-Session-Id'];
          return headers;
        }
      `;
      return invalid("C1: assigning and deleting headers['mcp-session-id']", source, [
        { messageId: 'writesHeader', at: "'mcp-session-id'" },
        { messageId: 'namesHeader', at: "'Mcp-Session-Id'", data: { how: 'deleted from a set of headers' } },
      ]);
    })(),

    // ---------------------------------------------------------------------------------
    // C1: a hand-rolled client sending and reading the header.
    // ---------------------------------------------------------------------------------
    (() => {
      const source = code`
        let sessionId: string | undefined;

        export async function send(endpoint: string, message: unknown) {
          const response = await fetch(endpoint, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              Accept: 'application/json, text/event-stream',
              'mcp-session-id': sessionId!,
            },
            body: JSON.stringify(message),
          });
          sessionId = response.headers.get('mcp-session-id') ?? sessionId;
          return response.json();
        }
      `;
      return invalid('C1: hand-rolled fetch client sends and reads the header', source, [
        { messageId: 'writesHeader', at: "'mcp-session-id'", nth: 1 },
        { messageId: 'readsHeader', at: "'mcp-session-id'", nth: 2 },
      ]);
    })(),
    // The same in a React component (.tsx).
    (() => {
      const source = code`
        import { useState } from 'react';

        export function McpConsole({ url }: { url: string }) {
          const [sessionId, setSessionId] = useState<string | null>(null);
          async function send(message: unknown) {
            const res = await fetch(url, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', ...(sessionId ? { 'Mcp-Session-Id': sessionId } : {}) },
              body: JSON.stringify(message),
            });
            setSessionId(res.headers.get('Mcp-Session-Id'));
          }
          return <button onClick={() => send({ jsonrpc: '2.0', id: 1, method: 'tools/list' })}>List tools</button>;
        }
      `;
      return invalid(
        'C1: React component (.tsx) sends and reads the header',
        source,
        [
          { messageId: 'writesHeader', at: "'Mcp-Session-Id'", nth: 1 },
          { messageId: 'readsHeader', at: "'Mcp-Session-Id'", nth: 2 },
        ],
        { filename: 'file.tsx' },
      );
    })(),

    // ---------------------------------------------------------------------------------
    // H17: CORS configuration listing the header.
    // ---------------------------------------------------------------------------------
    // Express cors(): arrays.
    (() => {
      const source = code`
        import cors from 'cors';

        app.use(
          cors({
            origin: '*',
            exposedHeaders: ['Mcp-Session-Id'],
            allowedHeaders: ['Content-Type', 'mcp-session-id', 'mcp-protocol-version'],
          }),
        );
      `;
      return invalid('H17: Express cors() arrays', source, [
        { messageId: 'listsHeaderInCors', at: "'Mcp-Session-Id'", data: { key: 'exposedHeaders' } },
        { messageId: 'listsHeaderInCors', at: "'mcp-session-id'", data: { key: 'allowedHeaders' } },
      ]);
    })(),
    // Express cors(): comma-separated strings, in CommonJS.
    (() => {
      const source = code`
        const cors = require('cors');

        app.use(cors({ allowedHeaders: 'Content-Type, mcp-session-id', exposedHeaders: 'Mcp-Session-Id' }));
      `;
      return invalid(
        'H17: Express cors() comma strings (CommonJS)',
        source,
        [
          { messageId: 'listsHeaderInCors', at: "'Content-Type, mcp-session-id'", data: { key: 'allowedHeaders' } },
          { messageId: 'listsHeaderInCors', at: "'Mcp-Session-Id'", data: { key: 'exposedHeaders' } },
        ],
        { filename: 'file.js' },
      );
    })(),
    // Hono cors(): allowHeaders / exposeHeaders (the v1 SDK's Hono example).
    (() => {
      const source = code`
        import { Hono } from 'hono';
        import { cors } from 'hono/cors';

        const app = new Hono();
        app.use(
          '/mcp',
          cors({
            origin: '*',
            allowHeaders: ['Content-Type', 'mcp-session-id', 'Last-Event-ID', 'mcp-protocol-version'],
            exposeHeaders: ['Mcp-Session-Id', 'mcp-protocol-version'],
          }),
        );
      `;
      return invalid('H17: Hono cors() allowHeaders/exposeHeaders', source, [
        { messageId: 'listsHeaderInCors', at: "'mcp-session-id'", data: { key: 'allowHeaders' } },
        { messageId: 'listsHeaderInCors', at: "'Mcp-Session-Id'", data: { key: 'exposeHeaders' } },
      ]);
    })(),
    // CORS through a header constant.
    (() => {
      const source = code`
        import cors from 'cors';

        const SESSION_HEADER = 'Mcp-Session-Id';
        app.use(cors({ exposedHeaders: [SESSION_HEADER, 'MCP-Protocol-Version'] }));
      `;
      return invalid('H17: CORS list through a header constant', source, [
        { messageId: 'listsHeaderInCors', at: 'SESSION_HEADER', inside: '[SESSION_HEADER,', data: { key: 'exposedHeaders' } },
      ]);
    })(),
    // Raw Access-Control-* response headers.
    (() => {
      const source = code`
        export function preflight(res: ServerResponse) {
          res.setHeader('Access-Control-Expose-Headers', 'Mcp-Session-Id');
          res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Mcp-Session-Id, MCP-Protocol-Version');
          res.setHeader('access-control-allow-headers', ['Content-Type', 'mcp-session-id']);
          res.writeHead(204, { 'Access-Control-Allow-Headers': 'content-type,mcp-session-id' });
          res.end();
        }

        export const corsResponse = () =>
          new Response(null, { headers: { 'Access-Control-Expose-Headers': 'MCP-SESSION-ID' } });
      `;
      return invalid('H17: raw Access-Control-* headers', source, [
        { messageId: 'listsHeaderInCors', at: "'Mcp-Session-Id'", data: { key: 'Access-Control-Expose-Headers' } },
        {
          messageId: 'listsHeaderInCors',
          at: "'Content-Type, Mcp-Session-Id, MCP-Protocol-Version'",
          data: { key: 'Access-Control-Allow-Headers' },
        },
        { messageId: 'listsHeaderInCors', at: "'mcp-session-id'", data: { key: 'access-control-allow-headers' } },
        { messageId: 'listsHeaderInCors', at: "'content-type,mcp-session-id'", data: { key: 'Access-Control-Allow-Headers' } },
        { messageId: 'listsHeaderInCors', at: "'MCP-SESSION-ID'", data: { key: 'Access-Control-Expose-Headers' } },
      ]);
    })(),

    // Templates with substitutions, folded through constants (the legacy-hand-rolled example's CORS).
    (() => {
      const source = code`
        import type { ServerResponse } from 'node:http';

        const SESSION_HEADER = 'Mcp-Session-Id';
        const ALLOWED = \`Content-Type, \${SESSION_HEADER.toLowerCase()}\`;

        export function applyCors(res: ServerResponse): void {
          res.setHeader('Access-Control-Allow-Origin', '*');
          res.setHeader('Access-Control-Allow-Headers', \`Content-Type, Accept, Authorization, MCP-Protocol-Version, \${SESSION_HEADER}\`);
          res.setHeader('Access-Control-Expose-Headers', \`\${SESSION_HEADER}\`);
          app.use(cors({ allowedHeaders: ALLOWED }));
        }

        export function answer(res: ServerResponse, id: string, req: IncomingMessage): void {
          res.setHeader(\`\${SESSION_HEADER}\`, id);
          void req.headers[\`\${SESSION_HEADER.toLowerCase()}\`];
        }
      `;
      return invalid('H17/H2/H1: templates with constant substitutions', source, [
        {
          messageId: 'listsHeaderInCors',
          at: '`Content-Type, Accept, Authorization, MCP-Protocol-Version, ${SESSION_HEADER}`',
          data: { key: 'Access-Control-Allow-Headers' },
        },
        { messageId: 'listsHeaderInCors', at: '`${SESSION_HEADER}`', inside: "'Access-Control-Expose-Headers', `${SESSION_HEADER}`", data: { key: 'Access-Control-Expose-Headers' } },
        { messageId: 'listsHeaderInCors', at: 'ALLOWED', inside: 'allowedHeaders: ALLOWED', data: { key: 'allowedHeaders' } },
        { messageId: 'writesHeader', at: '`${SESSION_HEADER}`', inside: 'res.setHeader(`${SESSION_HEADER}`, id)' },
        { messageId: 'readsHeader', at: '`${SESSION_HEADER.toLowerCase()}`', inside: 'req.headers[`${SESSION_HEADER.toLowerCase()}`]' },
      ]);
    })(),

    // ---------------------------------------------------------------------------------
    // Header lists and comparisons (proxies and gateways forwarding the header).
    // ---------------------------------------------------------------------------------
    (() => {
      const source = code`
        const FORWARDED_HEADERS = ['authorization', 'content-type', 'mcp-session-id', 'mcp-protocol-version'];
        const STRIPPED = new Set(['host', 'Mcp-Session-Id']);

        export async function proxy(req: IncomingMessage, upstream: string) {
          const headers: Record<string, string> = {};
          for (const name of FORWARDED_HEADERS) {
            const value = req.headers[name];
            if (typeof value === 'string' && !STRIPPED.has(name)) headers[name] = value;
          }
          return fetch(upstream, { method: 'POST', headers });
        }
      `;
      return invalid('proxy header lists (array and Set)', source, [
        { messageId: 'namesHeader', at: "'mcp-session-id'", data: { how: 'in a list of header names' } },
        { messageId: 'namesHeader', at: "'Mcp-Session-Id'", data: { how: 'in a list of header names' } },
      ]);
    })(),
    (() => {
      const source = code`
        const SESSION_HEADER = 'mcp-session-id';

        export function copyHeaders(from: Headers, to: Headers) {
          from.forEach((value, name) => {
            if (name.toLowerCase() === 'mcp-session-id') return;
            if (SESSION_HEADER !== name.toLowerCase()) to.set(name, value);
          });
        }

        export function classify(header: string) {
          switch (header.toLowerCase()) {
            case 'Mcp-Session-Id':
              return 'session';
            default:
              return 'other';
          }
        }
      `;
      return invalid('comparisons with the header name (===, !==, switch case)', source, [
        { messageId: 'namesHeader', at: "'mcp-session-id'", nth: 2, data: { how: 'compared with a header name' } },
        {
          messageId: 'namesHeader',
          at: 'SESSION_HEADER',
          inside: 'SESSION_HEADER !==',
          data: { how: 'compared with a header name' },
        },
        { messageId: 'namesHeader', at: "'Mcp-Session-Id'", data: { how: 'compared with a header name' } },
      ]);
    })(),

    // ---------------------------------------------------------------------------------
    // H1/H3: `transport.sessionId` of a Streamable HTTP server transport.
    // ---------------------------------------------------------------------------------
    // The v1 SDK's sessionful Express example: held in a `let` typed with the class.
    (() => {
      const source = code`
        import { randomUUID } from 'node:crypto';
        import express from 'express';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
        import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

        const app = express();
        app.use(express.json());
        const transports: { [sessionId: string]: StreamableHTTPServerTransport } = {};

        app.post('/mcp', async (req, res) => {
          const sessionId = req.headers['mcp-session-id'] as string | undefined;
          let transport: StreamableHTTPServerTransport;
          if (sessionId && transports[sessionId]) {
            transport = transports[sessionId];
          } else if (!sessionId && isInitializeRequest(req.body)) {
            transport = new StreamableHTTPServerTransport({
              sessionIdGenerator: () => randomUUID(),
              onsessioninitialized: (id) => {
                transports[id] = transport;
              },
            });
            transport.onclose = () => {
              if (transport.sessionId) {
                delete transports[transport.sessionId];
              }
            };
            const server = new McpServer({ name: 'example', version: '1.0.0' });
            await server.connect(transport);
          } else {
            res.status(400).json({
              jsonrpc: '2.0',
              error: { code: -32000, message: 'Bad Request: No valid session ID provided' },
              id: null,
            });
            return;
          }
          await transport.handleRequest(req, res, req.body);
        });
      `;
      const data = { object: 'transport', className: v1Server };
      return invalid('H3: v1 sessionful Express example, let typed with the class', source, [
        { messageId: 'readsHeader', at: "'mcp-session-id'" },
        // The read in \`delete transports[transport.sessionId]\` repeats the one the guard made, in the same function.
        { messageId: 'readsTransportSessionId', at: 'transport.sessionId', inside: 'if (transport.sessionId)', data },
      ]);
    })(),
    // Web-standard transport held in a const (Workers, Deno, Bun).
    (() => {
      const source = code`
        import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

        const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });

        export default {
          async fetch(request: Request): Promise<Response> {
            const response = await transport.handleRequest(request);
            console.log('session', transport.sessionId);
            return response;
          },
        };
      `;
      return invalid('H3: WebStandardStreamableHTTPServerTransport in a const', source, [
        { messageId: 'readsTransportSessionId', at: 'transport.sessionId', data: { object: 'transport', className: webStandard } },
      ]);
    })(),
    // v2: NodeStreamableHTTPServerTransport from @modelcontextprotocol/node.
    (() => {
      const source = code`
        import { randomUUID } from 'node:crypto';
        import { McpServer } from '@modelcontextprotocol/server';
        import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

        const sessions = new Map<string, McpServer>();

        export async function open(server: McpServer) {
          const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
          await server.connect(transport);
          sessions.set(transport.sessionId!, server);
        }
      `;
      return invalid('H3: v2 NodeStreamableHTTPServerTransport', source, [
        { messageId: 'readsTransportSessionId', at: 'transport.sessionId', data: { object: 'transport', className: v2Node } },
      ]);
    })(),
    // An untyped `let` assigned later.
    (() => {
      const source = code`
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        let transport;

        export async function start(server) {
          transport = new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID });
          await server.connect(transport);
          logger.info({ session: transport.sessionId }, 'connected');
        }
      `;
      return invalid('H3: untyped let assigned later', source, [
        { messageId: 'readsTransportSessionId', at: 'transport.sessionId', data: { object: 'transport', className: v1Server } },
      ]);
    })(),
    // A parameter typed with the class (type-only import).
    (() => {
      const source = code`
        import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        export function sessionKey(transport: StreamableHTTPServerTransport): string {
          return \`mcp:\${transport.sessionId ?? 'anonymous'}\`;
        }
      `;
      return invalid('H3: parameter typed with the class (import type)', source, [
        { messageId: 'readsTransportSessionId', at: 'transport.sessionId', data: { object: 'transport', className: v1Server } },
      ]);
    })(),
    // A class field, read through `this.transport`.
    (() => {
      const source = code`
        import { randomUUID } from 'node:crypto';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        export class HttpGateway {
          private transport?: StreamableHTTPServerTransport;

          async start() {
            this.transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
          }

          get sessionId() {
            return this.transport?.sessionId;
          }
        }
      `;
      return invalid('H3: class field this.transport', source, [
        { messageId: 'readsTransportSessionId', at: 'this.transport?.sessionId', data: { object: 'this.transport', className: v1Server } },
      ]);
    })(),
    // An ECMAScript private field (`#transport`).
    (() => {
      const source = code`
        import { randomUUID } from 'node:crypto';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        export class Gateway {
          #transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });

          get id() {
            return this.#transport.sessionId;
          }
        }
      `;
      return invalid('H3: private class field this.#transport', source, [
        { messageId: 'readsTransportSessionId', at: 'this.#transport.sessionId', data: { object: 'this.#transport', className: v1Server } },
      ]);
    })(),
    // A constructor parameter property (`constructor(private readonly transport: …)`).
    (() => {
      const source = code`
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        export class SessionController {
          constructor(private readonly transport: StreamableHTTPServerTransport) {}

          current() {
            return this.transport.sessionId;
          }
        }
      `;
      return invalid('H3: constructor parameter property this.transport', source, [
        { messageId: 'readsTransportSessionId', at: 'this.transport.sessionId', data: { object: 'this.transport', className: v1Server } },
      ]);
    })(),
    // Plain JavaScript: a field assigned in the constructor, no declaration.
    (() => {
      const source = code`
        const { randomUUID } = require('node:crypto');
        const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');

        class McpHttpServer {
          constructor() {
            this.transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
          }

          get session() {
            return this.transport.sessionId;
          }
        }

        module.exports = { McpHttpServer };
      `;
      return invalid(
        'H3: JavaScript class field assigned in the constructor',
        source,
        [{ messageId: 'readsTransportSessionId', at: 'this.transport.sessionId', data: { object: 'this.transport', className: v1Server } }],
        { filename: 'file.js' },
      );
    })(),
    // An element of a `Record<string, StreamableHTTPServerTransport>`.
    (() => {
      const source = code`
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        const transports: Record<string, StreamableHTTPServerTransport> = {};

        app.delete('/mcp', async (req, res) => {
          const sid = String(req.query.session);
          console.log('closing', transports[sid].sessionId);
          res.sendStatus(204);
        });
      `;
      return invalid('H3: Record<string, Transport> element', source, [
        { messageId: 'readsTransportSessionId', at: 'transports[sid].sessionId', data: { object: 'transports[sid]', className: v1Server } },
      ]);
    })(),
    // Reused or created: `transports[sid] ?? new …` (both branches are transports).
    (() => {
      const source = code`
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        const transports: Record<string, StreamableHTTPServerTransport> = {};

        app.post('/mcp', async (req, res) => {
          const transport =
            transports[String(req.query.sid)] ?? new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });
          await transport.handleRequest(req, res, req.body);
          console.log('served', transport.sessionId);
        });
      `;
      return invalid('H3: transport from `map[id] ?? new Transport()`', source, [
        { messageId: 'readsTransportSessionId', at: 'transport.sessionId', data: { object: 'transport', className: v1Server } },
      ]);
    })(),
    // Elements of `Map`s: a local `new Map<…>()` and a class field typed `Map<…>`.
    (() => {
      const source = code`
        import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

        const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();

        export function describe(sid: string) {
          return sessions.get(sid)?.sessionId;
        }

        export class Registry {
          private readonly byId: Map<string, WebStandardStreamableHTTPServerTransport> = new Map();

          lookup(id: string) {
            return this.byId.get(id)!.sessionId;
          }
        }
      `;
      return invalid('H3: Map<string, Transport> .get() (local and class field)', source, [
        {
          messageId: 'readsTransportSessionId',
          at: 'sessions.get(sid)?.sessionId',
          data: { object: 'sessions.get(sid)', className: webStandard },
        },
        {
          messageId: 'readsTransportSessionId',
          at: 'this.byId.get(id)!.sessionId',
          data: { object: 'this.byId.get(id)!', className: webStandard },
        },
      ]);
    })(),
    // Untyped JavaScript map filled with `transports[id] = transport` (CommonJS).
    (() => {
      const source = code`
        const { randomUUID } = require('node:crypto');
        const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');

        const transports = {};
        const byClient = new Map();

        async function connect(server, clientId) {
          const transport = new StreamableHTTPServerTransport({
            sessionIdGenerator: () => randomUUID(),
            onsessioninitialized: (id) => {
              transports[id] = transport;
            },
          });
          byClient.set(clientId, transport);
          await server.connect(transport);
          return transport;
        }

        function close(id, clientId) {
          console.log('closing', transports[id].sessionId, byClient.get(clientId).sessionId);
          delete transports[id];
        }

        module.exports = { connect, close };
      `;
      return invalid(
        'H3: untyped JavaScript maps filled with transports (CommonJS)',
        source,
        [
          { messageId: 'readsTransportSessionId', at: 'transports[id].sessionId', data: { object: 'transports[id]', className: v1Server } },
          {
            messageId: 'readsTransportSessionId',
            at: 'byClient.get(clientId).sessionId',
            data: { object: 'byClient.get(clientId)', className: v1Server },
          },
        ],
        { filename: 'file.js' },
      );
    })(),
    // Destructuring `sessionId` out of a transport.
    (() => {
      const source = code`
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        export async function connect(server: McpServer) {
          const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });
          await server.connect(transport);
          const { sessionId } = transport;
          const { sessionId: sid } = transport;
          return [sessionId, sid];
        }
      `;
      const data = { object: 'transport', className: v1Server };
      return invalid('H3: destructuring sessionId from a transport', source, [
        { messageId: 'readsTransportSessionId', at: 'sessionId', inside: 'const { sessionId } = transport', data },
        { messageId: 'readsTransportSessionId', at: 'sessionId: sid', data },
      ]);
    })(),
    // Namespace import, with the class in an expression and in a type.
    (() => {
      const source = code`
        import * as streamableHttp from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        const transport = new streamableHttp.StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });
        export const currentSession = () => transport.sessionId;
        export function keyOf(t: streamableHttp.StreamableHTTPServerTransport) {
          return t.sessionId;
        }
      `;
      return invalid('H3: namespace import, class in an expression and in a type', source, [
        { messageId: 'readsTransportSessionId', at: 'transport.sessionId', data: { object: 'transport', className: v1Server } },
        {
          messageId: 'readsTransportSessionId',
          at: 't.sessionId',
          inside: 'return t.sessionId',
          data: { object: 't', className: v1Server },
        },
      ]);
    })(),
    // Aliased ES import and aliased / whole-module `require` (.mjs and .js).
    (() => {
      const source = code`
        import { StreamableHTTPServerTransport as HttpTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        const transport = new HttpTransport({ sessionIdGenerator: () => crypto.randomUUID() });
        export const id = () => transport.sessionId;
      `;
      return invalid(
        'H3: aliased ES import (.mjs)',
        source,
        [{ messageId: 'readsTransportSessionId', at: 'transport.sessionId', data: { object: 'transport', className: v1Server } }],
        { filename: 'file.mjs' },
      );
    })(),
    (() => {
      const source = code`
        const { StreamableHTTPServerTransport: HttpTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');
        const sdk = require('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js');

        const a = new HttpTransport({ sessionIdGenerator: () => 'a' });
        const b = new sdk.WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => 'b' });
        module.exports = { ids: () => [a.sessionId, b.sessionId] };
      `;
      return invalid(
        'H3: aliased and whole-module require (.js)',
        source,
        [
          { messageId: 'readsTransportSessionId', at: 'a.sessionId', data: { object: 'a', className: v1Server } },
          { messageId: 'readsTransportSessionId', at: 'b.sessionId', data: { object: 'b', className: webStandard } },
        ],
        { filename: 'file.js' },
      );
    })(),

    // ---------------------------------------------------------------------------------
    // C1: SDK client options and calls.
    // ---------------------------------------------------------------------------------
    (() => {
      const source = code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

        const sessionId = await store.get('mcp-session');
        const transport = new StreamableHTTPClientTransport(new URL(serverUrl), { sessionId });
        const client = new Client({ name: 'cli', version: '1.0.0' });
        await client.connect(transport);
        await store.set('mcp-session', transport.sessionId);

        process.on('SIGINT', async () => {
          await transport.terminateSession();
          await client.close();
        });
      `;
      return invalid('C1: StreamableHTTPClientTransport { sessionId }, .sessionId, terminateSession()', source, [
        { messageId: 'passesClientSessionId', at: 'sessionId', inside: '{ sessionId })', data: { className: v1Client } },
        { messageId: 'readsTransportSessionId', at: 'transport.sessionId', data: { object: 'transport', className: v1Client } },
        { messageId: 'terminatesSession', at: 'transport.terminateSession()' },
      ]);
    })(),
    // Explicit property, and options held in a constant.
    (() => {
      const source = code`
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

        export function reconnect(url: string, saved: { sessionId?: string }, token: string) {
          const options = {
            sessionId: saved.sessionId,
            requestInit: { headers: { Authorization: \`Bearer \${token}\` } },
          };
          const resumed = new StreamableHTTPClientTransport(new URL(url), options);
          const again = new StreamableHTTPClientTransport(new URL(url), { sessionId: saved.sessionId, reconnectionOptions });
          return [resumed, again];
        }
      `;
      return invalid('C1: client sessionId explicit and through an options const', source, [
        { messageId: 'passesClientSessionId', at: 'sessionId: saved.sessionId', nth: 1, data: { className: v1Client } },
        { messageId: 'passesClientSessionId', at: 'sessionId: saved.sessionId', nth: 2, data: { className: v1Client } },
      ]);
    })(),
    // A client held in a class field, session ended on shutdown.
    (() => {
      const source = code`
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

        export class RemoteTools {
          private transport: StreamableHTTPClientTransport | null = null;

          async stop() {
            await this.transport?.terminateSession();
            this.transport = null;
          }
        }
      `;
      return invalid('C1: terminateSession() on a class field', source, [
        { messageId: 'terminatesSession', at: 'this.transport?.terminateSession()' },
      ]);
    })(),
    // v2 client package, aliased import; namespace import of the v1 client.
    (() => {
      const source = code`
        import { StreamableHTTPClientTransport as HttpTransport } from '@modelcontextprotocol/client';
        import * as sdkClient from '@modelcontextprotocol/sdk/client/streamableHttp.js';

        export async function roundTrip(url: URL, previous: string) {
          const modern = new HttpTransport(url, { sessionId: previous });
          const legacy = new sdkClient.StreamableHTTPClientTransport(url, { sessionId: previous });
          await modern.terminateSession();
          await legacy.terminateSession();
        }
      `;
      return invalid('C1: v2 client package aliased, v1 namespace import', source, [
        { messageId: 'passesClientSessionId', at: 'sessionId: previous', nth: 1, data: { className: v1Client } },
        { messageId: 'passesClientSessionId', at: 'sessionId: previous', nth: 2, data: { className: v1Client } },
        { messageId: 'terminatesSession', at: 'modern.terminateSession()' },
        { messageId: 'terminatesSession', at: 'legacy.terminateSession()' },
      ]);
    })(),
  ],
});
