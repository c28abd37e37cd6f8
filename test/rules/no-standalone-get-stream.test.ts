import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-standalone-get-stream.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-standalone-get-stream` (reference §2.1 and §15 rows H5, H6, C2, C3; design.md
 * principle 3 for the REST routes, other SSE feeds, health checks and JSON GETs that must stay
 * silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);
const legacyReport = { 'mcp-migrate': { legacyGated: 'report' as const } };

const ruleTester = new RuleTester();

ruleTester.run('no-standalone-get-stream', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // The 2026-07-28 shapes: GET and DELETE answer 405, or go to createMcpHandler.
    // ---------------------------------------------------------------------------------
    valid(
      'v1 stateless example: GET and DELETE answer 405',
      code`
        import express from 'express';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        const app = express();
        app.post('/mcp', async (req, res) => {
          const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
          await buildServer().connect(transport);
          await transport.handleRequest(req, res, req.body);
        });
        app.get('/mcp', (_req, res) => {
          res.writeHead(405).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null }));
        });
        app.delete('/mcp', (_req, res) => res.status(405).set('Allow', 'POST').send());
      `,
    ),
    valid(
      'v2: every method goes to createMcpHandler through toNodeHandler',
      code`
        import express from 'express';
        import { createMcpHandler } from '@modelcontextprotocol/server';
        import { toNodeHandler } from '@modelcontextprotocol/node';

        const handler = createMcpHandler(() => buildServer());
        const serve = toNodeHandler(handler);
        const app = express();
        app.post('/mcp', serve);
        app.get('/mcp', serve);
        app.delete('/mcp', toNodeHandler(handler));
      `,
    ),
    valid(
      'Hono: GET on the MCP path handed to handler.fetch, DELETE answered with a 405 constant',
      code`
        import { Hono } from 'hono';
        import { createMcpHandler } from '@modelcontextprotocol/server';

        const METHOD_NOT_ALLOWED = 405;
        const mcp = createMcpHandler(() => buildServer());
        const app = new Hono();
        app.post('/mcp', (c) => mcp.fetch(c.req.raw));
        app.get('/mcp', (c) => mcp.fetch(c.req.raw));
        app.delete('/mcp', (c) => c.text('Method Not Allowed', METHOD_NOT_ALLOWED));
      `,
    ),
    valid(
      'plain node:http: non-POST methods answered with 405 by a status constant',
      code`
        import { createServer } from 'node:http';
        import { StatusCodes } from 'http-status-codes';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        createServer(async (req, res) => {
          if (req.method === 'GET' || req.method === 'DELETE') {
            res.writeHead(StatusCodes.METHOD_NOT_ALLOWED, { Allow: 'POST' }).end();
            return;
          }
          const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
          await buildServer().connect(transport);
          await transport.handleRequest(req, res);
        }).listen(3000);
      `,
    ),
    valid(
      'switch on the method: GET falls through to the 405 of DELETE',
      code`
        import { createServer } from 'node:http';
        import { toNodeHandler } from '@modelcontextprotocol/node';

        const serve = toNodeHandler(handler);
        createServer(async (req, res) => {
          switch (req.method) {
            case 'POST':
              return serve(req, res);
            case 'GET':
            case 'DELETE':
              res.statusCode = 405;
              return res.end();
          }
        });
      `,
    ),

    valid(
      'app.all: mounting createMcpHandler, or filtering the method before the transport',
      code`
        import express from 'express';
        import { createMcpHandler } from '@modelcontextprotocol/server';
        import { toNodeHandler } from '@modelcontextprotocol/node';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        const app = express();
        app.all('/mcp', toNodeHandler(createMcpHandler(() => buildServer())));
        app.all('/v1/mcp', async (req, res) => {
          if (req.method !== 'POST') return void res.status(405).set('Allow', 'POST').end();
          const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
          await buildServer().connect(transport);
          await transport.handleRequest(req, res, req.body);
        });
      `,
    ),

    // ---------------------------------------------------------------------------------
    // REST GET/DELETE routes and other features' SSE feeds beside the MCP endpoint.
    // ---------------------------------------------------------------------------------
    valid(
      'REST routes, a web UI event feed and a health check in an MCP server file',
      code`
        import express from 'express';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        const app = express();
        app.post('/mcp', async (req, res) => {
          const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
          await buildServer().connect(transport);
          await transport.handleRequest(req, res, req.body);
        });
        app.get('/mcp', (_req, res) => res.sendStatus(405));
        app.get('/api/notes/:id', (req, res) => res.json(notes.get(req.params.id)));
        app.delete('/api/notes/:id', (req, res) => {
          notes.delete(req.params.id);
          res.status(204).end();
        });
        app.get('/events', (req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
          const send = (note: unknown) => res.write(\`data: \${JSON.stringify(note)}\\n\\n\`);
          bus.on('note', send);
          req.on('close', () => bus.off('note', send));
        });
        app.get('/healthz', (_req, res) => res.send('ok'));
      `,
    ),
    valid(
      'node:http: a GET feed selected by its own path beside the MCP path',
      code`
        import { createServer } from 'node:http';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        createServer(async (req, res) => {
          const url = new URL(req.url ?? '/', 'http://localhost');
          if (req.method === 'GET' && url.pathname === '/events') {
            res.writeHead(200, { 'Content-Type': 'text/event-stream' });
            feed.add(res);
            return;
          }
          if (url.pathname === '/mcp') {
            if (req.method !== 'POST') return void res.writeHead(405).end();
            const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
            await buildServer().connect(transport);
            await transport.handleRequest(req, res);
          }
        });
      `,
    ),
    // A GET-only metadata handler in a file that also serves MCP.
    valid(
      'OAuth metadata handler that serves GET only, in an MCP server file',
      code`
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        export function protectedResourceMetadata(request: Request): Response {
          if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 400 });
          return Response.json({ resource: 'https://notes.example.com/mcp', authorization_servers: [issuer] });
        }
        export async function mcp(request: Request, transport: StreamableHTTPServerTransport) {
          return transport.handleRequest(request);
        }
      `,
    ),
    // A route named /mcp with nothing else that is MCP's.
    valid(
      'a route merely named /mcp (a "minecraft panel" app)',
      code`
        import express from 'express';

        const app = express();
        app.get('/mcp', (_req, res) => res.render('minecraft-panel'));
        app.delete('/mcp', (req, res) => {
          servers.stop(String(req.query.id));
          res.redirect('/');
        });
      `,
    ),
    // An SSE endpoint with its own path in another framework.
    valid(
      'Fastify: a notifications stream on its own path, and a JSON route',
      code`
        import Fastify from 'fastify';
        import { toNodeHandler } from '@modelcontextprotocol/node';

        const fastify = Fastify();
        const serve = toNodeHandler(handler);
        fastify.route({ method: ['POST', 'GET', 'DELETE'], url: '/mcp', handler: (request, reply) => serve(request.raw, reply.raw, request.body) });
        fastify.get('/notifications', async (request, reply) => {
          reply.raw.writeHead(200, { 'Content-Type': 'text/event-stream' });
          notifications.subscribe((n) => reply.raw.write(\`data: \${JSON.stringify(n)}\\n\\n\`));
        });
        fastify.get('/status', async () => ({ ok: true }));
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Clients: fetch GETs of JSON APIs, EventSource feeds, REST DELETEs.
    // ---------------------------------------------------------------------------------
    valid(
      'fetch GETs of JSON APIs and of a non-MCP event stream; REST DELETE',
      code`
        import { Client } from '@modelcontextprotocol/client';

        export async function loadProfile(id: string) {
          const res = await fetch(\`https://api.example.com/users/\${id}\`, { method: 'GET', headers: { Accept: 'application/json' } });
          return res.json();
        }
        export async function watchDeploys() {
          const res = await fetch('https://ci.example.com/deploys/stream', { headers: { Accept: 'text/event-stream' } });
          return res.body;
        }
        export async function removeItem(id: string) {
          await fetch(\`/api/items/\${id}\`, { method: 'DELETE', headers: { Authorization: \`Bearer \${token}\` } });
        }
        const feed = new EventSource('/events');
      `,
    ),
    valid(
      'axios.get of an event stream and axios.delete without MCP headers',
      code`
        const axios = require('axios');

        async function poll() {
          await axios.get('https://status.example.com/stream', { headers: { Accept: 'text/event-stream' }, responseType: 'stream' });
          await axios.delete('https://api.example.com/jobs/1', { headers: { 'x-request-id': id } });
        }
      `,
      { filename: 'file.js' },
    ),
    // handleGetRequest outside any MCP code.
    valid(
      'a controller method named handleGetRequest in a plain web app',
      code`
        export class ArticlesController {
          async handleGetRequest(req: Request): Promise<Response> {
            return Response.json(await articles.list());
          }
          async handleDeleteRequest(req: Request): Promise<Response> {
            await articles.remove(new URL(req.url).searchParams.get('id')!);
            return new Response(null, { status: 204 });
          }
        }
      `,
    ),
    // A modern-only hand-rolled transport answering 405.
    valid(
      'hand-rolled server: handleGetRequest answers 405',
      code`
        export class McpHttpEndpoint {
          async handle(req: Request): Promise<Response> {
            if (req.method === 'GET') return this.handleGetRequest();
            const body = await req.json();
            if (body.method === 'tools/call') return Response.json(await this.callTool(body));
            return Response.json({ jsonrpc: '2.0', id: body.id, error: { code: -32601, message: 'Method not found' } }, { status: 404 });
          }
          handleGetRequest(): Response {
            return new Response(null, { status: 405, headers: { Allow: 'POST' } });
          }
        }
      `,
    ),
  ],

  invalid: [
    // ---------------------------------------------------------------------------------
    // H5 and H6: Express routes (the v1 sessionful example).
    // ---------------------------------------------------------------------------------
    invalid(
      'H5/H6: v1 sessionful Express example, GET and DELETE /mcp',
      code`
        import express from 'express';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        const app = express();
        const transports: Record<string, StreamableHTTPServerTransport> = {};
        app.post('/mcp', async (req, res) => {
          const transport = transports[req.headers['mcp-session-id'] as string] ?? (await createSession());
          await transport.handleRequest(req, res, req.body);
        });
        const handleSessionRequest = async (req: express.Request, res: express.Response) => {
          const sessionId = req.headers['mcp-session-id'] as string | undefined;
          if (!sessionId || !transports[sessionId]) {
            res.status(400).send('Invalid or missing session ID');
            return;
          }
          await transports[sessionId].handleRequest(req, res);
        };
        app.get('/mcp', handleSessionRequest);
        app.delete('/mcp', handleSessionRequest);
        async function handleGetRequest(req: express.Request, res: express.Response) {
          await transports[String(req.headers['mcp-session-id'])].handleRequest(req, res);
        }
        app.get('/v2/mcp', handleGetRequest);
      `,
      [
        { messageId: 'servesGetStream', at: 'app.get', nth: 1 },
        { messageId: 'servesSessionDelete', at: 'app.delete' },
        { messageId: 'servesGetStream', at: 'app.get', nth: 2 },
      ],
    ),
    invalid(
      'H5: a router with the path in a constant, the GET route evidenced by the POST route',
      code`
        import { Router } from 'express';
        import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

        const MCP_PATH = '/v1/mcp';
        export const router = Router();
        router.post(MCP_PATH, async (req, res) => {
          const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });
          await getServer().connect(transport);
          await transport.handleRequest(req, res, req.body);
        });
        router.get(MCP_PATH, (req, res) => {
          res.setHeader('Content-Type', 'text/event-stream');
          streams.add(res);
        });
      `,
      [{ messageId: 'servesGetStream', at: 'router.get' }],
    ),
    invalid(
      'H5/H6: route chains and a route body that reads mcp-session-id',
      code`
        import express from 'express';

        const app = express();
        app
          .route('/mcp')
          .post(handlePost)
          .get((req, res) => {
            const stream = openStream(req.header('Mcp-Session-Id'));
            stream.pipe(res);
          })
          .delete((req, res) => {
            sessions.delete(String(req.headers['mcp-session-id']));
            res.status(204).end();
          });
      `,
      [
        { messageId: 'servesGetStream', at: 'get', inside: '.get((req' },
        { messageId: 'servesSessionDelete', at: 'delete', inside: '.delete((req' },
      ],
    ),
    // Hono with the web-standard transport (v1) and an aliased import.
    invalid(
      'H5/H6: Hono with WebStandardStreamableHTTPServerTransport imported under an alias',
      code`
        import { Hono } from 'hono';
        import { WebStandardStreamableHTTPServerTransport as Transport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

        const transport = new Transport({ sessionIdGenerator: () => crypto.randomUUID() });
        const app = new Hono();
        app.post('/mcp', (c) => transport.handleRequest(c.req.raw));
        app.get('/mcp', (c) => transport.handleRequest(c.req.raw));
        app.delete('/mcp', (c) => transport.handleRequest(c.req.raw));
      `,
      [
        { messageId: 'servesGetStream', at: 'app.get' },
        { messageId: 'servesSessionDelete', at: 'app.delete' },
      ],
    ),
    invalid(
      'H5/H6: app.all hands every method to a sessionful transport (Express and Hono)',
      code`
        import express from 'express';
        import { Hono } from 'hono';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
        import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

        const transports = new Map<string, StreamableHTTPServerTransport>();
        const app = express();
        app.all('/mcp', async (req, res) => {
          const sessionId = req.headers['mcp-session-id'];
          let transport = transports.get(String(sessionId));
          if (!sessionId && req.method === 'POST' && isInitializeRequest(req.body)) transport = await createSession(req);
          await transport?.handleRequest(req, res, req.body);
        });

        const web = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });
        const hono = new Hono();
        hono.all('/mcp', (c) => web.handleRequest(c.req.raw));
      `,
      [
        { messageId: 'routesAllMethodsToTransport', at: 'app.all' },
        { messageId: 'routesAllMethodsToTransport', at: 'hono.all' },
      ],
    ),
    // Fastify's route() with a method list, v2 Node transport through a namespace import.
    invalid(
      "H5/H6: Fastify route({ method: ['GET', 'POST', 'DELETE'] }) with a namespace import",
      code`
        import Fastify from 'fastify';
        import * as mcpNode from '@modelcontextprotocol/node';

        const fastify = Fastify();
        const transport = new mcpNode.NodeStreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });
        fastify.route({
          method: ['GET', 'POST', 'DELETE'],
          url: '/mcp',
          handler: async (request, reply) => transport.handleRequest(request.raw, reply.raw, request.body),
        });
      `,
      [
        { messageId: 'servesGetStream', at: "'GET'" },
        { messageId: 'servesSessionDelete', at: "'DELETE'" },
      ],
    ),
    // CommonJS, JavaScript: the transport stored in a plain object.
    invalid(
      'H5/H6: CommonJS require and an untyped transports object (JavaScript)',
      code`
        const express = require('express');
        const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');

        const app = express();
        const transports = {};
        app.post('/mcp', async (req, res) => {
          const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
          transports[transport.sessionId] = transport;
          await transport.handleRequest(req, res, req.body);
        });
        app.get('/mcp', async (req, res) => {
          await transports[req.headers['mcp-session-id']].handleRequest(req, res);
        });
        app.delete('/mcp', async (req, res) => {
          await transports[req.headers['mcp-session-id']].close();
          res.end();
        });
      `,
      [
        { messageId: 'servesGetStream', at: 'app.get' },
        { messageId: 'servesSessionDelete', at: 'app.delete' },
      ],
      { filename: 'file.js' },
    ),
    // Next.js App Router: one exported function per method.
    invalid(
      'H5/H6: Next.js route handlers exporting GET and DELETE beside an MCP POST',
      code`
        import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';

        const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });

        export async function POST(request: Request) {
          return transport.handleRequest(request);
        }
        export const GET = (request: Request) => transport.handleRequest(request);
        export { handleDelete as DELETE };
        function handleDelete(request: Request) {
          return transport.handleRequest(request);
        }
      `,
      [
        { messageId: 'servesGetStream', at: 'GET', inside: 'export const GET' },
        { messageId: 'servesSessionDelete', at: 'DELETE', inside: 'handleDelete as DELETE' },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // H5/H6: method tests inside an MCP handler.
    // ---------------------------------------------------------------------------------
    invalid(
      "H5/H6: node:http handler with req.method === 'GET' and a DELETE that ends the session",
      code`
        import { createServer } from 'node:http';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        createServer(async (req, res) => {
          const sessionId = req.headers['mcp-session-id'];
          if (req.method === 'GET') {
            res.writeHead(200, { 'Content-Type': 'text/event-stream' });
            listeners.set(String(sessionId), res);
            return;
          }
          if (req.method === 'DELETE') {
            sessions.delete(String(sessionId));
            return void res.writeHead(200).end();
          }
          const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
          await buildServer().connect(transport);
          await transport.handleRequest(req, res);
        });
      `,
      [
        { messageId: 'servesGetStream', at: "req.method === 'GET'" },
        { messageId: 'servesSessionDelete', at: "req.method === 'DELETE'" },
      ],
    ),
    invalid(
      'H5: a hand-rolled JSON-RPC endpoint: switch on the method, and a negated test whose rest serves GET',
      code`
        export async function handleMcp(request: Request): Promise<Response> {
          switch (request.method) {
            case 'POST': {
              const message = await request.json();
              if (message.method === 'tools/list') return Response.json({ jsonrpc: '2.0', id: message.id, result: { tools } });
              return Response.json({ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'not found' } });
            }
            case 'GET':
              return new Response(notificationStream(), { headers: { 'Content-Type': 'text/event-stream' } });
          }
          return new Response(null, { status: 400 });
        }

        export async function legacyStream(request: Request): Promise<Response> {
          if (request.method !== 'GET') return handleMcp(request);
          return new Response(notificationStream(), { headers: { 'Content-Type': 'text/event-stream' } });
        }
      `,
      [
        { messageId: 'servesGetStream', at: "'GET'", inside: "case 'GET'" },
        { messageId: 'servesGetStream', at: "request.method !== 'GET'" },
      ],
    ),
    // A copied transport that defines its own GET and DELETE handlers.
    invalid(
      'H5/H6: a hand-rolled transport class with handleGetRequest and handleDeleteRequest',
      code`
        import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

        export class HttpTransport {
          private streams = new Map<string, WritableStreamDefaultWriter>();
          async handleGetRequest(req: Request): Promise<Response> {
            const { readable, writable } = new TransformStream();
            this.streams.set(req.headers.get('mcp-session-id') ?? '', writable.getWriter());
            return new Response(readable, { headers: { 'Content-Type': 'text/event-stream' } });
          }
          async handleDeleteRequest(req: Request): Promise<Response> {
            this.streams.delete(req.headers.get('mcp-session-id') ?? '');
            return new Response(null, { status: 200 });
          }
          send(message: JSONRPCMessage) {}
        }
      `,
      [
        { messageId: 'servesGetStream', at: 'handleGetRequest' },
        { messageId: 'servesSessionDelete', at: 'handleDeleteRequest' },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // C2 and C3: hand-rolled clients.
    // ---------------------------------------------------------------------------------
    invalid(
      'C2/C3: a hand-rolled client opening the GET stream and ending its session',
      code`
        export class McpHttpClient {
          constructor(private readonly url: string, private sessionId?: string) {}

          async listen(): Promise<ReadableStream<Uint8Array> | null> {
            const res = await fetch(this.url, {
              method: 'GET',
              headers: { Accept: 'text/event-stream', 'Mcp-Session-Id': this.sessionId ?? '' },
            });
            return res.body;
          }

          async close(): Promise<void> {
            await fetch(this.url, { method: 'DELETE', headers: { 'mcp-session-id': this.sessionId ?? '' } });
          }
        }
      `,
      [
        { messageId: 'opensGetStream', at: 'fetch', inside: 'fetch(this.url, {\n      method' },
        { messageId: 'sendsSessionDelete', at: 'fetch', inside: "fetch(this.url, { method: 'DELETE'" },
      ],
    ),
    invalid(
      'C2/C3: the GET and DELETE go to the URL this file POSTs MCP messages to (JavaScript)',
      code`
        const ENDPOINT = 'http://localhost:3000/mcp';

        async function callTool(name, args) {
          const res = await fetch(ENDPOINT, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
            body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
          });
          return res.json();
        }
        async function notifications() {
          return fetch(ENDPOINT, { headers: { Accept: 'text/event-stream' } });
        }
        async function bye() {
          await fetch(ENDPOINT, { method: 'DELETE' });
        }
      `,
      [
        { messageId: 'opensGetStream', at: 'fetch', inside: 'return fetch(ENDPOINT' },
        { messageId: 'sendsSessionDelete', at: 'fetch', inside: "fetch(ENDPOINT, { method: 'DELETE'" },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'C3: axios.delete with the session header',
      code`
        import axios from 'axios';

        export async function endSession(url: string, sessionId: string) {
          await axios.delete(url, { headers: { 'mcp-session-id': sessionId } });
        }
      `,
      [{ messageId: 'sendsSessionDelete', at: 'axios.delete' }],
    ),

    // ---------------------------------------------------------------------------------
    // Dual-era servers keep the legacy GET behind isLegacyRequest(): info in the audit.
    // ---------------------------------------------------------------------------------
    {
      ...invalid(
        'legacy-gated GET stream is reported as servesLegacyClients',
        code`
          import { isLegacyRequest } from '@modelcontextprotocol/server';
          import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';

          const legacy = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });

          export async function handle(request: Request): Promise<Response> {
            if (await isLegacyRequest(request)) {
              if (request.method === 'GET') return legacy.handleRequest(request);
              return legacy.handleRequest(request);
            }
            return modern.fetch(request);
          }
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: "request.method === 'GET'",
            data: { message: rule.meta.messages.servesGetStream, gate: 'behind `await isLegacyRequest(request)`' },
          },
        ],
      ),
      settings: legacyReport,
    },
  ],
});
