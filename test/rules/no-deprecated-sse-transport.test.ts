import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-deprecated-sse-transport.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-deprecated-sse-transport` (reference §8 "HTTP+SSE transport (2024-11-05)",
 * §13 Deprecated 2, §15 row H19; design.md principle 3 for other libraries' SSE, browser
 * EventSource and `/sse` routes that do not serve MCP).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);
const legacyReport = { 'mcp-migrate': { legacyGated: 'report' as const } };

const ruleTester = new RuleTester();

ruleTester.run('no-deprecated-sse-transport', rule, {
  valid: [
    valid(
      'Streamable HTTP on both sides (SDK v2)',
      code`
        import { createMcpHandler } from '@modelcontextprotocol/server';
        import { toNodeHandler } from '@modelcontextprotocol/node';
        import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

        app.all('/mcp', toNodeHandler(createMcpHandler(() => buildServer())));
        const client = new Client({ name: 'c', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
        await client.connect(new StreamableHTTPClientTransport(new URL('http://localhost:3000/mcp')));
      `,
    ),
    valid(
      'another library: better-sse sessions on /sse and a /messages chat route',
      code`
        import express from 'express';
        import { createSession } from 'better-sse';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const app = express();
        const sessions: Record<string, Awaited<ReturnType<typeof createSession>>> = {};
        app.get('/sse', async (req, res) => {
          const session = await createSession(req, res);
          sessions[String(req.query.sessionId)] = session;
        });
        app.post('/messages', (req, res) => {
          sessions[String(req.query.sessionId)]?.push(req.body);
          res.sendStatus(202);
        });
      `,
    ),
    valid(
      'browser EventSource and a local class named SSEServerTransport',
      code`
        class SSEServerTransport {
          constructor(readonly endpoint: string) {}
          handlePostMessage(body: unknown) {}
        }
        const local = new SSEServerTransport('/updates');
        local.handlePostMessage({});
        const feed = new EventSource('/sse');
        feed.onmessage = (event) => render(JSON.parse(event.data));
      `,
    ),
    valid(
      "SSEServerTransport imported from a project's own module (CommonJS)",
      code`
        const { SSEServerTransport } = require('./transports/sse');

        module.exports = (res) => new SSEServerTransport('/messages', res);
      `,
      { filename: 'file.js' },
    ),
  ],

  invalid: [
    // ---------------------------------------------------------------------------------
    // H19: the v1 simpleSseServer example: the /sse + /messages route pair.
    // ---------------------------------------------------------------------------------
    invalid(
      'H19: the /sse and /messages routes of SDK v1 (one finding per route)',
      code`
        import express from 'express';
        import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

        const app = express();
        const transports: Record<string, SSEServerTransport> = {};
        app.get('/sse', async (_req, res) => {
          const transport = new SSEServerTransport('/messages', res);
          transports[transport.sessionId] = transport;
          res.on('close', () => delete transports[transport.sessionId]);
          await buildServer().connect(transport);
        });
        app.post('/messages', async (req, res) => {
          const sessionId = req.query.sessionId as string;
          const transport = transports[sessionId];
          if (!transport) return void res.status(400).send('No transport found for sessionId');
          await transport.handlePostMessage(req, res, req.body);
        });
      `,
      [
        { messageId: 'servesSseRoute', at: 'app.get', data: { route: 'GET /sse' } },
        { messageId: 'servesSseRoute', at: 'app.post', data: { route: 'POST /messages' } },
      ],
    ),
    // v2: the frozen server-legacy package, aliased import, node:http without routes.
    invalid(
      'H19: server-legacy (SDK v2) on node:http with an aliased import',
      code`
        import { createServer } from 'node:http';
        import { SSEServerTransport as LegacySse } from '@modelcontextprotocol/server-legacy/sse';

        const transports = new Map<string, LegacySse>();
        createServer(async (req, res) => {
          const url = new URL(req.url ?? '/', 'http://localhost');
          if (url.pathname === '/sse') {
            const transport = new LegacySse('/messages', res);
            transports.set(transport.sessionId, transport);
            await buildServer().connect(transport);
          } else if (url.pathname === '/messages') {
            const transport = transports.get(url.searchParams.get('sessionId') ?? '');
            await transport?.handlePostMessage(req, res);
          }
        });
      `,
      [
        { messageId: 'usesSseServerTransport', at: "new LegacySse('/messages', res)", data: { what: '`new SSEServerTransport()`' } },
        {
          messageId: 'usesSseServerTransport',
          at: "transports.get(url.searchParams.get('sessionId') ?? '')",
          data: { what: 'Looking a transport up by the `sessionId` query parameter' },
        },
        { messageId: 'usesSseServerTransport', at: 'transport?.handlePostMessage(req, res)', data: { what: '`handlePostMessage()`' } },
      ],
    ),
    invalid(
      'H19: CommonJS, namespace require, Fastify routes (JavaScript)',
      code`
        const sse = require('@modelcontextprotocol/sdk/server/sse.js');

        const transports = {};
        fastify.get('/sse', async (request, reply) => {
          const transport = new sse.SSEServerTransport('/messages', reply.raw);
          transports[transport.sessionId] = transport;
          await server.connect(transport);
        });
        fastify.post('/messages', async (request, reply) => {
          const { sessionId } = request.query;
          await transports[sessionId].handlePostMessage(request.raw, reply.raw, request.body);
        });
      `,
      [
        { messageId: 'servesSseRoute', at: 'fastify.get', data: { route: 'GET /sse' } },
        { messageId: 'servesSseRoute', at: 'fastify.post', data: { route: 'POST /messages' } },
      ],
      { filename: 'file.js' },
    ),
    // A module that only types the transport map: the import is the finding.
    invalid(
      'H19: a module that only types SSE transports',
      code`
        import type { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

        export type TransportMap = Record<string, SSEServerTransport>;
      `,
      [{ messageId: 'importsSseTransport', at: 'SSEServerTransport', nth: 1, data: { className: 'SSEServerTransport' } }],
    ),

    // ---------------------------------------------------------------------------------
    // Clients (Deprecated 2).
    // ---------------------------------------------------------------------------------
    invalid(
      'clients: SSEClientTransport from SDK v1 (a fallback) and from SDK v2',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
        import * as v2 from '@modelcontextprotocol/client';

        export async function connect(url: URL) {
          const client = new Client({ name: 'c', version: '1.0.0' });
          try {
            await client.connect(new StreamableHTTPClientTransport(url));
          } catch {
            await client.connect(new SSEClientTransport(url));
          }
          return client;
        }
        export const legacyTransport = new v2.SSEClientTransport(new URL('http://localhost:3001/sse'));
      `,
      [
        { messageId: 'usesSseClientTransport', at: 'new SSEClientTransport(url)' },
        { messageId: 'usesSseClientTransport', at: "new v2.SSEClientTransport(new URL('http://localhost:3001/sse'))" },
      ],
    ),
    invalid(
      'clients: the import alone when the file passes the class on',
      code`
        const { SSEClientTransport } = require('@modelcontextprotocol/sdk/client/sse.js');

        module.exports = { transports: { sse: SSEClientTransport } };
      `,
      [{ messageId: 'importsSseTransport', at: 'SSEClientTransport', nth: 1, data: { className: 'SSEClientTransport' } }],
      { filename: 'file.js' },
    ),

    // A dual-era server keeps HTTP+SSE for old clients only behind a legacy gate.
    {
      ...invalid(
        'legacy-gated HTTP+SSE is reported as servesLegacyClients',
        code`
          import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

          export function openLegacyStream(res: ServerResponse, protocolVersion: string) {
            if (protocolVersion === '2024-11-05') return new SSEServerTransport('/messages', res);
            return undefined;
          }
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: "new SSEServerTransport('/messages', res)",
            data: {
              message: rule.meta.messages.usesSseServerTransport.replace('{{what}}', '`new SSEServerTransport()`'),
              gate: "behind `protocolVersion === '2024-11-05'`",
            },
          },
        ],
      ),
      settings: legacyReport,
    },
  ],
});
