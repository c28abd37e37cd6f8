import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-http-status-codes.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `require-http-status-codes` (reference §2.3, catalogue rows H12 and H13; design.md
 * principle 3 for JSON-RPC servers of other protocols and HTTP APIs with their own error bodies).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);

const byDefault = '200 (the default, no status is set)';
const notFound = (status: string) => ({ code: '-32601', meaning: 'method not found', status });
const badRequest = (code: '-32602' | '-32020' | '-32021' | '-32022', status: string) => ({
  code,
  meaning: {
    '-32602': 'invalid params: a required `_meta` field is missing',
    '-32020': 'header mismatch',
    '-32021': 'missing required client capability',
    '-32022': 'unsupported protocol version',
  }[code],
  status,
});

const ruleTester = new RuleTester();

ruleTester.run('require-http-status-codes', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // Already migrated: the statuses of reference §2.3.
    // ---------------------------------------------------------------------------------
    valid(
      'a hand-rolled server with the 2026-07-28 statuses',
      code`
        app.post('/mcp', async (req, res) => {
          const { id, method, params } = req.body;
          if (req.get('mcp-method') !== method) {
            return res.status(400).json({ jsonrpc: '2.0', id, error: { code: -32020, message: 'Header mismatch: Mcp-Method' } });
          }
          if (!params?._meta?.['io.modelcontextprotocol/protocolVersion']) {
            return res.status(400).json({ jsonrpc: '2.0', id, error: { code: -32602, message: 'Missing _meta protocolVersion' } });
          }
          switch (method) {
            case 'tools/call':
              return res.json({ jsonrpc: '2.0', id, result: await callTool(params) });
            default:
              return res.status(404).json({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
          }
        });
        app.get('/mcp', (req, res) => res.status(405).json({ jsonrpc: '2.0', id: null, error: { code: -32601, message: 'Method not allowed' } }));
      `,
    ),
    valid(
      'web-standard responses with the right statuses',
      code`
        export default {
          async fetch(request: Request) {
            const body = await request.json();
            if (body.method === 'tools/list') return Response.json({ jsonrpc: '2.0', id: body.id, result: listTools() });
            if (unsupported(body)) return Response.json({ jsonrpc: '2.0', id: body.id, error: { code: -32022, message: 'Unsupported protocol version' } }, { status: 400 });
            return new Response(JSON.stringify({ jsonrpc: '2.0', id: body.id, error: { code: -32601, message: 'Method not found' } }), { status: 404 });
          },
        };
      `,
    ),
    valid(
      '-32602 for bad tool arguments is an ordinary result of a request: HTTP 200 is fine',
      code`
        app.post('/mcp', async (req, res) => {
          const { id, method, params } = req.body;
          if (method === 'tools/call' && !TOOLS.has(params.name)) {
            return res.json({ jsonrpc: '2.0', id, error: { code: -32602, message: \`Unknown tool: \${params.name}\` } });
          }
        });
      `,
    ),
    valid(
      'statuses the file does not pin down: conditional, computed, set in a helper',
      code`
        app.post('/mcp', async (req, res) => {
          const { id, method } = req.body;
          if (method === 'tools/list') return res.json({ jsonrpc: '2.0', id, result: { tools } });
          if (legacy) res.statusCode = 200;
          res.end(JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } }));
        });
        export function reject(res: Response, id: number, status: number) {
          res.status(status).json({ jsonrpc: '2.0', id, error: { code: -32022, message: 'Unsupported protocol version' } });
        }
        export function sendError(res: Response, id: number, code: number, message: string) {
          res.status(200).json({ jsonrpc: '2.0', id, error: { code, message } });
        }
      `,
    ),
    valid(
      'transports without HTTP statuses: WebSocket and stdio',
      code`
        wss.on('connection', (ws) => {
          ws.on('message', (data) => {
            const { id, method } = JSON.parse(String(data));
            if (method === 'tools/list') return ws.send(JSON.stringify({ jsonrpc: '2.0', id, result: { tools } }));
            ws.send(JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } }));
          });
        });
        process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: 1, error: { code: -32022, message: 'Unsupported protocol version' } }) + '\\n');
      `,
    ),
    valid(
      'an SDK server: it sets these statuses itself',
      code`
        import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';

        const handler = createMcpHandler(() => new McpServer({ name: 'notes', version: '1.0.0' }));
        app.post('/mcp/tools/list', (req, res) => res.json({ jsonrpc: '2.0', id: null, error: { code: -32601, message: 'Use POST /mcp' } }));
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Lookalikes: other JSON-RPC servers, HTTP APIs with their own error bodies.
    // ---------------------------------------------------------------------------------
    valid(
      'a JSON-RPC server of another protocol (no MCP evidence)',
      code`
        app.post('/rpc', async (req, res) => {
          const { id, method, params } = req.body;
          const handler = methods[method];
          if (!handler) return res.status(200).json({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
          res.json({ jsonrpc: '2.0', id, result: await handler(params) });
        });
      `,
    ),
    valid(
      'an Ethereum JSON-RPC proxy in a file that also names an MCP method',
      code`
        import { JsonRpcProvider } from 'ethers';

        const provider = new JsonRpcProvider(RPC_URL);
        app.post('/eth', async (req, res) => {
          if (req.body.method === 'eth_sendTransaction') return res.json({ jsonrpc: '2.0', id: req.body.id, error: { code: -32601, message: 'disabled' } });
          res.json({ jsonrpc: '2.0', id: req.body.id, result: await provider.send(req.body.method, req.body.params) });
        });
        export const mcpToolName = 'tools/call';
      `,
    ),
    valid(
      'HTTP API error bodies with their own codes',
      code`
        app.get('/api/notes/:id', (req, res) => {
          const note = notes.get(req.params.id);
          if (!note) return res.status(200).json({ error: { code: 'NOT_FOUND', message: 'no such note' } });
          res.json({ error: { code: 404, message: 'gone' }, method: 'resources/read' });
        });
      `,
    ),
  ],
  invalid: [
    // ---------------------------------------------------------------------------------
    // H12: -32601 without 404.
    // ---------------------------------------------------------------------------------
    invalid(
      'Express: explicit 200 and 400, and the default 200 (TypeScript, ESM)',
      code`
        import express, { type Request, type Response } from 'express';

        const app = express();
        app.post('/mcp', async (req: Request, res: Response) => {
          const { id, method, params } = req.body;
          switch (method) {
            case 'tools/list':
              return res.json({ jsonrpc: '2.0', id, result: { tools } });
            case 'ping':
              return res.status(400).json({ jsonrpc: '2.0', id, error: { code: -32601, message: 'ping was removed' } });
            case 'logging/setLevel':
              return res.json({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
            default:
              return res.status(200).json({ jsonrpc: '2.0', id, error: { code: -32601, message: \`Unknown method \${method}\` } });
          }
        });
      `,
      [
        { messageId: 'methodNotFoundStatus', at: '400', data: notFound('400') },
        { messageId: 'methodNotFoundStatus', at: 'res.json', nth: 2, data: notFound(byDefault) },
        { messageId: 'methodNotFoundStatus', at: '200', data: notFound('200') },
      ],
    ),
    invalid(
      'Node http: writeHead(200) before the body, and statusCode = 200 (JavaScript, require)',
      code`
        const http = require('node:http');

        http.createServer(async (req, res) => {
          const message = JSON.parse(await readBody(req));
          if (message.method === 'tools/call') return send(res, await callTool(message.params));
          if (message.method === 'resources/subscribe') {
            res.statusCode = 200;
            res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not found' } }));
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not found' } }));
        }).listen(3000);
      `,
      [
        { messageId: 'methodNotFoundStatus', at: '200', inside: 'res.statusCode = 200', data: notFound('200') },
        { messageId: 'methodNotFoundStatus', at: '200', inside: 'res.writeHead(200', data: notFound('200') },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'Hono, Fastify and a constant body, with the SDK v1 ErrorCode',
      code`
        import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';

        const methodNotFound = { jsonrpc: '2.0', id: null, error: { code: ErrorCode.MethodNotFound, message: 'Method not found' } };
        hono.post('/mcp', async (c) => c.json(methodNotFound, 200));
        fastify.post('/mcp', async (request, reply) => reply.code(200).send(methodNotFound));
        express.post('/mcp', (req, res) => res.status(400).set('x-mcp', 'legacy').json(methodNotFound));
      `,
      [
        { messageId: 'methodNotFoundStatus', at: '200', inside: 'c.json(methodNotFound, 200)', data: notFound('200') },
        { messageId: 'methodNotFoundStatus', at: '200', inside: 'reply.code(200)', data: notFound('200') },
        { messageId: 'methodNotFoundStatus', at: '400', data: notFound('400') },
      ],
    ),
    // ---------------------------------------------------------------------------------
    // H13: -32602 (missing _meta), -32020, -32021, -32022 without 400.
    // ---------------------------------------------------------------------------------
    invalid(
      'web-standard Response: explicit and default 200 (SDK v2 constants under an alias)',
      code`
        import { ProtocolErrorCode as Codes } from '@modelcontextprotocol/server';

        export async function handle(request: Request): Promise<Response> {
          const body = await request.json();
          if (!body.params?._meta) {
            return Response.json({ jsonrpc: '2.0', id: body.id, error: { code: -32602, message: 'Missing required _meta field: io.modelcontextprotocol/protocolVersion' } });
          }
          if (request.headers.get('mcp-method') !== body.method) {
            return new Response(JSON.stringify({ jsonrpc: '2.0', id: body.id, error: { code: -32020, message: 'Header mismatch' } }), { status: 200 });
          }
          if (!supported(body)) {
            return new Response(JSON.stringify({ jsonrpc: '2.0', id: body.id, error: { code: Codes.UnsupportedProtocolVersion, message: 'Unsupported protocol version' } }), {
              headers: { 'content-type': 'application/json' },
            });
          }
          return dispatch(body);
        }
      `,
      [
        { messageId: 'badRequestStatus', at: 'Response.json', data: badRequest('-32602', byDefault) },
        { messageId: 'badRequestStatus', at: '200', data: badRequest('-32020', '200') },
        { messageId: 'badRequestStatus', at: 'Response', inside: "new Response(JSON.stringify({ jsonrpc: '2.0', id: body.id, error: { code: Codes", data: badRequest('-32022', byDefault) },
      ],
    ),
    invalid(
      'Express: -32021 with 200 through a local constant, -32022 with 404 (namespace import, .mjs)',
      code`
        import * as types from '@modelcontextprotocol/sdk/types.js';

        const MISSING_CAPABILITY = -32021;

        app.post('/mcp', async (req, res) => {
          if (req.body.method === 'tools/call' && !declaresElicitation(req.body.params._meta)) {
            res.status(200);
            return res.json({ jsonrpc: '2.0', id: req.body.id, error: { code: MISSING_CAPABILITY, message: 'Elicitation required', data: { requiredCapabilities: { elicitation: {} } } } });
          }
          if (req.body.params._meta['io.modelcontextprotocol/protocolVersion'] !== types.LATEST_PROTOCOL_VERSION) {
            return res.status(404).json({ jsonrpc: '2.0', id: req.body.id, error: { code: -32022, message: 'Unsupported protocol version' } });
          }
        });
      `,
      [
        { messageId: 'badRequestStatus', at: '200', data: badRequest('-32021', '200') },
        { messageId: 'badRequestStatus', at: '404', data: badRequest('-32022', '404') },
      ],
      { filename: 'file.mjs' },
    ),
    invalid(
      'an early-returning validation branch does not set the status of the code after it',
      code`
        app.post('/mcp', async (req, res) => {
          if (!req.body?.jsonrpc) {
            res.status(400).json({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid request' } });
            return;
          }
          const handler = handlers[req.body.method];
          if (!handler) {
            res.json({ jsonrpc: '2.0', id: req.body.id, error: { code: -32601, message: 'Method not found' } });
            return;
          }
          res.json({ jsonrpc: '2.0', id: req.body.id, result: await handler(req.body.params) });
        });
        const handlers = { 'tools/list': listTools, 'tools/call': callTool };
      `,
      [{ messageId: 'methodNotFoundStatus', at: 'res.json', nth: 1, data: notFound(byDefault) }],
    ),
    // ---------------------------------------------------------------------------------
    // Dual-era: a 2025 answer kept behind a legacy gate.
    // ---------------------------------------------------------------------------------
    {
      ...invalid(
        'a legacy-gated answer is reported as servesLegacyClients',
        code`
          app.post('/mcp', async (req, res) => {
            if (req.body.method === 'tools/list') return res.status(200).json({ jsonrpc: '2.0', id: req.body.id, result: listTools() });
            if (req.body.method === 'initialize') {
              if (await isLegacyRequest(toWebRequest(req))) return res.json({ jsonrpc: '2.0', id: req.body.id, error: { code: -32601, message: 'Use server/discover' } });
              return res.status(404).json({ jsonrpc: '2.0', id: req.body.id, error: { code: -32601, message: 'Method not found' } });
            }
          });
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: 'res.json',
            inside: "return res.json({ jsonrpc: '2.0', id: req.body.id, error",
            data: {
              message: rule.meta.messages.methodNotFoundStatus.replace('{{status}}', byDefault),
              gate: 'behind `await isLegacyRequest(toWebRequest(req))`',
            },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
  ],
});
