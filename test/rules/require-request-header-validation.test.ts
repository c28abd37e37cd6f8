import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-request-header-validation.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `require-request-header-validation` (reference §15.2 rows H9, H10, H11 and §15.1
 * row L5; design.md principle 3 for the servers that must stay silent: SDK servers, other
 * JSON-RPC servers, stdio servers, and endpoints that validate elsewhere).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

const everything = 'the MCP-Protocol-Version header, the Mcp-Method header, the Mcp-Name header or the `_meta` protocolVersion and clientCapabilities';

ruleTester.run('require-request-header-validation', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // SDK servers: createMcpHandler validates headers and _meta.
    // ---------------------------------------------------------------------------------
    valid(
      'SDK v2 createMcpHandler behind toNodeHandler',
      code`
        import express from 'express';
        import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
        import { toNodeHandler } from '@modelcontextprotocol/node';

        const handler = createMcpHandler(() => buildServer());
        const app = express();
        app.post('/mcp', toNodeHandler(handler));
      `,
    ),
    valid(
      'SDK v2 low-level Server registering method strings, served over HTTP',
      code`
        import { Server } from '@modelcontextprotocol/server';
        import { toNodeHandler } from '@modelcontextprotocol/node';

        function buildServer() {
          const server = new Server({ name: 'notes', version: '1.0.0' }, { capabilities: { tools: {} } });
          server.setRequestHandler('tools/list', async () => ({ tools }));
          server.setRequestHandler('tools/call', async (request) => callTool(request.params));
          return server;
        }
        app.post('/mcp', async (req, res) => {
          await toNodeHandler(createHandler(buildServer))(req, res);
        });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Lookalikes: other JSON-RPC servers, stdio servers.
    // ---------------------------------------------------------------------------------
    valid(
      'a JSON-RPC server for another protocol',
      code`
        import express from 'express';

        const app = express();
        app.post('/rpc', express.json(), async (req, res) => {
          const { id, method, params } = req.body;
          switch (method) {
            case 'eth_blockNumber':
              return res.json({ jsonrpc: '2.0', id, result: await chain.blockNumber() });
            case 'users/create':
              return res.json({ jsonrpc: '2.0', id, result: await users.create(params) });
            default:
              return res.json({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
          }
        });
      `,
    ),
    valid(
      'a hand-rolled stdio server has no headers',
      code`
        import readline from 'node:readline';

        const rl = readline.createInterface({ input: process.stdin });
        rl.on('line', async (line) => {
          const message = JSON.parse(line);
          switch (message.method) {
            case 'tools/list':
              return reply(message.id, { tools });
            case 'tools/call':
              return reply(message.id, await callTool(message.params));
          }
        });
      `,
    ),
    valid(
      'a proxy that forwards messages upstream and only looks for subscriptions/listen',
      code`
        import { Hono } from 'hono';
        import type { JSONRPCMessage } from '@modelcontextprotocol/client';

        function awaitedResponseId(message: JSONRPCMessage) {
          if ('method' in message && message.id !== undefined) {
            if (message.method === 'subscriptions/listen') return undefined;
            return message.id;
          }
          return undefined;
        }

        const app = new Hono();
        app.post('/api/mcp/send', async (c) => {
          const { sessionId, message } = await c.req.json();
          const session = sessions.get(sessionId);
          await session.transport.send(message);
          const id = awaitedResponseId(message);
          return c.json(id === undefined ? { ok: true } : await session.waitFor(id));
        });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Hand-rolled endpoints that validate, here or where this file cannot see.
    // ---------------------------------------------------------------------------------
    valid(
      'a hand-rolled endpoint that validates every header and the _meta envelope',
      code`
        import express from 'express';

        const PROTOCOL_VERSION = 'io.modelcontextprotocol/protocolVersion';
        const app = express();
        app.post('/mcp', express.json(), async (req, res) => {
          const body = req.body;
          const meta = body.params?._meta ?? {};
          const version = req.get('MCP-Protocol-Version');
          if (!version || version !== meta[PROTOCOL_VERSION]) return headerMismatch(res, 'MCP-Protocol-Version');
          if (req.get('Mcp-Method') !== body.method) return headerMismatch(res, 'Mcp-Method');
          if (!meta['io.modelcontextprotocol/clientCapabilities']) return res.status(400).json({ jsonrpc: '2.0', id: body.id, error: { code: -32602, message: 'missing clientCapabilities' } });
          switch (body.method) {
            case 'tools/call':
              if (req.get('Mcp-Name') !== body.params.name) return headerMismatch(res, 'Mcp-Name');
              return res.json({ jsonrpc: '2.0', id: body.id, result: await callTool(body.params) });
            case 'tools/list':
              return res.json({ jsonrpc: '2.0', id: body.id, result: { tools } });
          }
        });
      `,
    ),
    // Mcp-Param-* headers come with tools/call only: a client's test double that lists
    // x-mcp-header tools but never runs one has no such header to check.
    valid(
      'a loopback test server that validates the standard headers and only lists x-mcp-header tools',
      code`
        import { createServer } from 'node:http';

        const catalogue = [{ name: 'forecast', inputSchema: { type: 'object', properties: { city: { type: 'string', 'x-mcp-header': 'City' } } } }];

        export function startListingDouble() {
          return createServer(async (req, res) => {
            let raw = '';
            for await (const chunk of req) raw += chunk;
            const body = JSON.parse(raw);
            const meta = body.params?._meta ?? {};
            const reject = () => res.writeHead(400).end(JSON.stringify({ jsonrpc: '2.0', id: body.id, error: { code: -32020, message: 'header mismatch' } }));
            if (req.headers['mcp-protocol-version'] !== meta['io.modelcontextprotocol/protocolVersion']) return reject();
            if (req.headers['mcp-method'] !== body.method) return reject();
            if (!meta['io.modelcontextprotocol/clientCapabilities']) return reject();
            if (body.method === 'server/discover') return res.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result: { resultType: 'complete', supportedVersions: ['2026-07-28'] } }));
            if (body.method === 'tools/list') return res.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result: { resultType: 'complete', tools: catalogue } }));
            res.writeHead(404).end();
          }).listen(0);
        }
      `,
    ),
    valid(
      'validation in route middleware from another file',
      code`
        import express from 'express';
        import { validateMcpRequest } from './middleware/validate-mcp.js';

        const app = express();
        app.post('/mcp', express.json(), validateMcpRequest, async (req, res) => {
          switch (req.body.method) {
            case 'tools/list':
              return res.json({ jsonrpc: '2.0', id: req.body.id, result: { tools } });
            case 'tools/call':
              return res.json({ jsonrpc: '2.0', id: req.body.id, result: await callTool(req.body.params) });
          }
        });
      `,
    ),
    valid(
      'the request and the body handed to helpers from other files',
      code`
        import { createServer } from 'node:http';
        import { assertStandardHeaders, assertEnvelope } from '../protocol/validation';

        createServer(async (req, res) => {
          const body = JSON.parse(await readBody(req));
          assertStandardHeaders(req, body);
          assertEnvelope(body);
          const result = body.method === 'tools/list' ? { tools } : body.method === 'tools/call' ? await callTool(body.params) : undefined;
          res.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result }));
        }).listen(3000);

        async function readBody(req) {
          let raw = '';
          for await (const chunk of req) raw += chunk;
          return raw;
        }
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Test doubles: a server a test module starts to feed the client under test.
    // ---------------------------------------------------------------------------------
    valid(
      'a vitest file that starts a loopback server answering the client under test',
      code`
        import { afterEach, expect, it } from 'vitest';
        import { createServer } from 'node:http';
        import { connectClient } from '../src/client';

        function startFakeServer(tools: unknown[]) {
          const server = createServer(async (req, res) => {
            let raw = '';
            for await (const chunk of req) raw += chunk;
            const body = JSON.parse(raw);
            const reply = (result: unknown) => res.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result }));
            if (body.method === 'server/discover') return reply({ supportedVersions: ['2026-07-28'], capabilities: { tools: {} } });
            if (body.method === 'tools/list') return reply({ tools });
            reply({});
          });
          return new Promise<number>((resolve) => server.listen(0, () => resolve((server.address() as { port: number }).port)));
        }

        it('lists the tools the server returns', async () => {
          const port = await startFakeServer([{ name: 'echo', inputSchema: { type: 'object' } }]);
          const client = await connectClient(\`http://127.0.0.1:\${port}/mcp\`);
          expect((await client.listTools()).tools).toHaveLength(1);
        });
      `,
    ),
    valid(
      'a Jest file (no import: the globals) with an Express double at module level',
      code`
        const express = require('express');
        const { McpClient } = require('../src/client');

        const app = express();
        let failures = 1;
        app.post('/mcp', express.json(), (req, res) => {
          if (req.body.method === 'tools/call' && failures-- > 0) return res.status(503).end();
          if (req.body.method === 'tools/call') return res.json({ jsonrpc: '2.0', id: req.body.id, result: { content: [] } });
          if (req.body.method === 'tools/list') return res.json({ jsonrpc: '2.0', id: req.body.id, result: { tools: [] } });
          res.json({ jsonrpc: '2.0', id: req.body.id, result: {} });
        });

        describe('retry on 503', () => {
          test('the client retries tools/call once', async () => {
            const server = app.listen(0);
            const client = new McpClient(\`http://127.0.0.1:\${server.address().port}/mcp\`);
            await expect(client.callTool('echo', {})).resolves.toEqual({ content: [] });
            server.close();
          });
        });
      `,
      { filename: 'retry.test.js' },
    ),
  ],
  invalid: [
    invalid(
      'an Express endpoint that checks nothing (its CORS list names the headers, which is not validation)',
      code`
        import express from 'express';
        import cors from 'cors';

        const app = express();
        app.use(cors({ allowedHeaders: ['Content-Type', 'MCP-Protocol-Version', 'Mcp-Method', 'Mcp-Name'] }));
        app.post('/mcp', express.json(), async (req, res) => {
          const msg = req.body;
          switch (msg.method) {
            case 'initialize':
              return res.json({ jsonrpc: '2.0', id: msg.id, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo } });
            case 'tools/list':
              return res.json({ jsonrpc: '2.0', id: msg.id, result: { tools } });
            case 'tools/call':
              return res.json({ jsonrpc: '2.0', id: msg.id, result: await callTool(msg.params) });
          }
        });
      `,
      [{ messageId: 'unvalidatedRequests', at: "'/mcp'", data: { missing: everything } }],
    ),
    invalid(
      'node:http in JavaScript: a version check that only rejects unknown values, a dispatch table, x-mcp-header tools',
      code`
        const http = require('node:http');

        const SUPPORTED = ['2025-06-18', '2026-07-28'];
        const tools = [{ name: 'get_weather', inputSchema: { type: 'object', properties: { region: { type: 'string', 'x-mcp-header': 'Region' } } } }];
        const handlers = {
          'tools/list': async () => ({ tools }),
          'tools/call': async (params) => callTool(params),
        };

        async function handle(message) {
          const handler = handlers[message.method];
          return handler ? { jsonrpc: '2.0', id: message.id, result: await handler(message.params) } : undefined;
        }

        http.createServer(async (req, res) => {
          const version = req.headers['mcp-protocol-version'];
          if (version && !SUPPORTED.includes(version)) {
            res.writeHead(400).end();
            return;
          }
          const message = JSON.parse(await readAll(req));
          res.end(JSON.stringify(await handle(message)));
        }).listen(8080);

        async function readAll(req) {
          const chunks = [];
          for await (const chunk of req) chunks.push(chunk);
          return Buffer.concat(chunks).toString();
        }
      `,
      [
        {
          messageId: 'unvalidatedRequests',
          at: 'createServer',
          data: { missing: 'the Mcp-Method header, the Mcp-Name header, the Mcp-Param-* headers of its `x-mcp-header` tool arguments or the `_meta` protocolVersion and clientCapabilities' },
        },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'node:http through an ESM namespace import, with a class that dispatches',
      code`
        import * as http from 'node:http';

        class Router {
          async handle(message) {
            switch (message.method) {
              case 'server/discover':
                return { supportedVersions: ['2026-07-28'], capabilities: { resources: {} } };
              case 'resources/read':
                return this.read(message.params.uri);
            }
          }
          async read(uri: string) {
            return { contents: [{ uri, text: await load(uri) }] };
          }
        }

        const router = new Router();
        http.createServer(async (req, res) => {
          const message = JSON.parse(await collect(req));
          res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: await router.handle(message) }));
        }).listen(3000);

        function collect(req: http.IncomingMessage): Promise<string> {
          return new Promise((resolve) => {
            let raw = '';
            req.on('data', (chunk) => (raw += chunk));
            req.on('end', () => resolve(raw));
          });
        }
      `,
      [{ messageId: 'unvalidatedRequests', at: 'createServer', data: { missing: everything } }],
    ),
    invalid(
      'a dev server script built like a test double, but not in a test module: it is served',
      code`
        import { createServer } from 'node:http';

        const tools = [{ name: 'echo', inputSchema: { type: 'object' } }];
        const callTool = async (params) => ({ content: [{ type: 'text', text: String(params.arguments.text) }] });

        // Started by \`npm run dev\`; \`vitest\` and \`it(...)\` appear only in this comment.
        createServer(async (req, res) => {
          let raw = '';
          for await (const chunk of req) raw += chunk;
          const body = JSON.parse(raw);
          const reply = (result) => res.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result }));
          if (body.method === 'tools/list') return reply({ tools });
          if (body.method === 'tools/call') return reply(await callTool(body.params));
          reply({});
        }).listen(3000);
      `,
      [{ messageId: 'unvalidatedRequests', at: 'createServer', inside: 'createServer(async', data: { missing: everything } }],
    ),
    invalid(
      'a Next.js route handler that checks the headers and the version but not the client capabilities',
      code`
        export async function POST(request: Request) {
          const body = await request.json();
          const meta = body.params?._meta ?? {};
          if (request.headers.get('mcp-protocol-version') !== meta['io.modelcontextprotocol/protocolVersion']) return mismatch();
          if (request.headers.get('mcp-method') !== body.method) return mismatch();
          if (body.method === 'prompts/get' && request.headers.get('mcp-name') !== body.params.name) return mismatch();
          if (body.method === 'prompts/list') return Response.json({ jsonrpc: '2.0', id: body.id, result: { prompts } });
          if (body.method === 'prompts/get') return Response.json({ jsonrpc: '2.0', id: body.id, result: await getPrompt(body.params) });
          return Response.json({ jsonrpc: '2.0', id: body.id, error: { code: -32601, message: 'Method not found' } }, { status: 404 });
        }
      `,
      [{ messageId: 'unvalidatedRequests', at: 'POST', data: { missing: 'the `_meta` clientCapabilities' } }],
    ),
    invalid(
      'Hono: Mcp-Method never read; no named requests, so no Mcp-Name is needed',
      code`
        import { Hono } from 'hono';

        const app = new Hono();
        app.post('/mcp', async (c) => {
          const body = await c.req.json();
          const meta = body.params._meta;
          if (c.req.header('MCP-Protocol-Version') !== meta['io.modelcontextprotocol/protocolVersion']) return c.json(mismatch(body.id), 400);
          if (!meta['io.modelcontextprotocol/clientCapabilities']) return c.json(invalidParams(body.id), 400);
          if (body.method === 'tools/list') return c.json({ jsonrpc: '2.0', id: body.id, result: { tools } });
          if (body.method === 'resources/list') return c.json({ jsonrpc: '2.0', id: body.id, result: { resources } });
          return c.json({ jsonrpc: '2.0', id: body.id, error: { code: -32601, message: 'Method not found' } }, 404);
        });
      `,
      [{ messageId: 'unvalidatedRequests', at: "'/mcp'", data: { missing: 'the Mcp-Method header' } }],
    ),
    invalid(
      'a Vercel function (default export) that routes MCP methods',
      code`
        import type { VercelRequest, VercelResponse } from '@vercel/node';
        import { listTools, callTool } from '../src/tools.js';

        export default async function handler(req: VercelRequest, res: VercelResponse) {
          if (req.method !== 'POST') return res.status(405).end();
          const { id, method, params } = req.body;
          if (method === 'tools/list') return res.json({ jsonrpc: '2.0', id, result: { tools: listTools() } });
          if (method === 'tools/call') return res.json({ jsonrpc: '2.0', id, result: await callTool(params.name, params.arguments) });
          return res.status(404).json({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
        }
      `,
      [{ messageId: 'unvalidatedRequests', at: 'handler', data: { missing: everything } }],
    ),
    invalid(
      'a Workers fetch handler with a module-level dispatch table',
      code`
        const methods = {
          'resources/list': listResources,
          'resources/read': readResource,
        };

        export default {
          async fetch(request: Request): Promise<Response> {
            if (request.method !== 'POST') return new Response(null, { status: 405 });
            const message = await request.json();
            const result = await methods[message.method](message.params);
            return Response.json({ jsonrpc: '2.0', id: message.id, result });
          },
        };
      `,
      [{ messageId: 'unvalidatedRequests', at: 'fetch', nth: 1, data: { missing: everything } }],
    ),
  ],
});
