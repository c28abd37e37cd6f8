import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-server-discover.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `require-server-discover` (changelog Major 3, catalogue row L1's discover part;
 * design.md principle 3 for the JSON-RPC servers of other protocols that must stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);
const missing = (methods: string) => ({ methods });

const ruleTester = new RuleTester();

ruleTester.run('require-server-discover', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // Already migrated: the server answers server/discover.
    // ---------------------------------------------------------------------------------
    valid(
      'a hand-rolled server that handles server/discover',
      code`
        import express from 'express';

        const app = express();
        app.post('/mcp', express.json(), async (req, res) => {
          const { id, method, params } = req.body;
          switch (method) {
            case 'server/discover':
              return res.json({ jsonrpc: '2.0', id, result: discoverResult() });
            case 'tools/list':
              return res.json({ jsonrpc: '2.0', id, result: { resultType: 'complete', tools, ttlMs: 0, cacheScope: 'private' } });
            case 'tools/call':
              return res.json({ jsonrpc: '2.0', id, result: await callTool(params) });
            default:
              return res.status(404).json({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
          }
        });
      `,
    ),
    valid(
      'a dispatch table with a computed server/discover key from a constant',
      code`
        const DISCOVER = 'server/discover';

        export const handlers: Record<string, (params: unknown) => Promise<unknown>> = {
          [DISCOVER]: async () => discover(),
          'tools/list': async () => listTools(),
          'tools/call': async (params) => callTool(params),
          'resources/read': async (params) => readResource(params),
        };
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Too little evidence that this file is the whole server.
    // ---------------------------------------------------------------------------------
    valid(
      'a helper module that routes two methods',
      code`
        import { listTools, callTool } from './tools.js';

        export const toolHandlers = {
          'tools/list': listTools,
          'tools/call': callTool,
        };
      `,
    ),
    valid(
      'a switch over two tool methods in a plugin file',
      code`
        export async function handleToolRequest(method: string, params: ToolParams) {
          switch (method) {
            case 'tools/list':
              return { tools: registry.describe() };
            case 'tools/call':
              return registry.call(params.name, params.arguments);
          }
        }
      `,
    ),
    valid(
      'two consecutive ifs in a helper',
      code`
        export function toolRoute(method: string, params: CallParams) {
          if (method === 'tools/list') return listTools();
          if (method === 'tools/call') return callTool(params);
        }
      `,
    ),
    // ---------------------------------------------------------------------------------
    // The SDK serves the file: SDK v2 answers server/discover itself.
    // ---------------------------------------------------------------------------------
    valid(
      'SDK v2 low-level Server with string-method handlers',
      code`
        import { Server } from '@modelcontextprotocol/server';

        const server = new Server({ name: 'notes', version: '1.0.0' }, { capabilities: { tools: {}, resources: {} } });
        server.setRequestHandler('tools/list', async () => ({ tools }));
        server.setRequestHandler('tools/call', async (request) => callTool(request.params));
        server.setRequestHandler('resources/read', async (request) => readResource(request.params.uri));
      `,
    ),
    valid(
      'SDK v2 handlers registered on a server passed in untyped (JavaScript)',
      code`
        export function registerHandlers(server) {
          server.setRequestHandler('tools/list', async () => ({ tools }));
          server.setRequestHandler('tools/call', async (request) => callTool(request.params));
          server.setRequestHandler('prompts/list', async () => ({ prompts }));
        }
      `,
      { filename: 'file.js' },
    ),
    valid(
      'SDK v1 Server through a namespace import, with a hand-written switch inside a handler',
      code`
        import * as sdk from '@modelcontextprotocol/sdk/server/index.js';

        const server = new sdk.Server({ name: 'notes', version: '1.0.0' }, { capabilities: { tools: {} } });
        export function describe(method: string) {
          switch (method) {
            case 'tools/list': return 'lists tools';
            case 'tools/call': return 'calls a tool';
            case 'resources/read': return 'reads a resource';
          }
        }
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Lookalikes: other JSON-RPC servers, MCP clients.
    // ---------------------------------------------------------------------------------
    valid(
      'an LSP server: initialize plus textDocument methods',
      code`
        import { createInterface } from 'node:readline';

        for await (const line of createInterface({ input: process.stdin })) {
          const message = JSON.parse(line);
          switch (message.method) {
            case 'initialize':
              reply(message.id, { capabilities: { hoverProvider: true, textDocumentSync: 1 } });
              break;
            case 'initialized':
              break;
            case 'textDocument/hover':
              reply(message.id, hover(message.params));
              break;
            case 'shutdown':
              reply(message.id, null);
              break;
          }
        }
      `,
    ),
    valid(
      'an A2A server: tasks/send, tasks/get, tasks/cancel',
      code`
        app.post('/a2a', async (req, res) => {
          const { id, method, params } = req.body;
          if (method === 'tasks/send') return res.json({ jsonrpc: '2.0', id, result: await taskStore.start(params) });
          else if (method === 'tasks/get') return res.json({ jsonrpc: '2.0', id, result: await taskStore.get(params.id) });
          else if (method === 'tasks/cancel') return res.json({ jsonrpc: '2.0', id, result: await taskStore.cancel(params.id) });
          res.status(404).json({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
        });
      `,
    ),
    valid(
      'an MCP client switching on incoming notifications and server requests',
      code`
        export function onServerMessage(message: JsonRpcMessage) {
          switch (message.method) {
            case 'notifications/tools/list_changed':
              return refreshTools();
            case 'notifications/resources/updated':
              return refreshResource(message.params.uri);
            case 'notifications/message':
              return log(message.params);
            case 'sampling/createMessage':
              return answerSampling(message);
          }
        }
      `,
    ),
    valid(
      'a hand-rolled MCP client sending requests through a JSON-RPC library',
      code`
        import { JSONRPCClient } from 'json-rpc-2.0';

        export async function snapshot(rpc: JSONRPCClient, params: PageParams, args: CallArgs) {
          const tools = await rpc.request('tools/list', params);
          const prompts = await rpc.request('prompts/list', params);
          const result = await rpc.request('tools/call', args);
          return { tools, prompts, result };
        }
      `,
    ),
    valid(
      'MCP Apps ui/initialize and an agent-event initialize',
      code`
        window.addEventListener('message', (event) => {
          switch (event.data.method) {
            case 'ui/initialize':
              return post({ jsonrpc: '2.0', id: event.data.id, result: { hostContext } });
            case 'ui/notifications/tool-result':
              return render(event.data.params);
          }
        });
        agent.on('initialize', () => console.log('agent ready'));
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Code that reads the method of requests it does not answer, and client command routers.
    // ---------------------------------------------------------------------------------
    valid(
      'an OAuth scope middleware that reads body.method for four methods and answers nothing',
      code`
        import type { RequestHandler } from 'express';

        export const requireScopes: RequestHandler = (req, res, next) => {
          const body = req.body as { method?: string };
          let needed: string | undefined;
          if (body.method === 'tools/call') needed = 'mcp:tools:execute';
          else if (body.method === 'tools/list' || body.method === 'prompts/list') needed = 'mcp:read';
          else if (body.method === 'resources/read') needed = 'mcp:resources:read';
          if (needed && !req.auth?.scopes.includes(needed)) {
            res.status(403).set('WWW-Authenticate', \`Bearer error="insufficient_scope", scope="\${needed}"\`).end();
            return;
          }
          next();
        };
      `,
    ),
    valid(
      'a scope middleware whose branches look the required scopes up in a registry',
      code`
        import type { RequestHandler } from 'express';

        export function requireToolScopes(registry: ScopeRegistry): RequestHandler {
          return (req, res, next) => {
            const { method, params } = req.body ?? {};
            let required: string[] | undefined;
            if (method === 'tools/call') required = registry.tools.get(params?.name);
            else if (method === 'prompts/get') required = registry.prompts.get(params?.name);
            else if (method === 'resources/read') required = registry.lookupResource(params?.uri);
            if (!required?.length || hasScopes(req.auth, required)) return next();
            res.status(403).json({ jsonrpc: '2.0', id: null, error: { code: -32603, message: 'insufficient scope' } });
          };
        }
      `,
    ),
    valid(
      'an audit helper that classifies requests by method (returns what a request targets)',
      code`
        export function auditTarget(body: JsonRpcRequest) {
          switch (body.method) {
            case 'tools/call':
              return { kind: 'tool', target: body.params.name };
            case 'prompts/get':
              return { kind: 'prompt', target: body.params.name };
            case 'resources/read':
              return { kind: 'resource', target: body.params.uri };
          }
        }
      `,
    ),
    valid(
      "a CLI's --method router that makes one SDK client request per method",
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        export async function runCommand(client: Client, method: string, args: CommandArgs) {
          switch (method) {
            case 'tools/list':
              return client.listTools();
            case 'tools/call':
              return client.callTool({ name: args.name, arguments: args.arguments });
            case 'resources/read':
              return client.readResource({ uri: args.uri });
          }
        }
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Test doubles: fake servers a client's tests connect to.
    // ---------------------------------------------------------------------------------
    valid(
      "a fetch mock and a Transport double that play a 2025 server in a client's test",
      code`
        import { describe, expect, it, vi } from 'vitest';
        import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
        import { DeskClient } from '../src/desk-client';

        const fetchFn = vi.fn<typeof fetch>().mockImplementation(async (_url, init) => {
          const message = JSON.parse(String(init?.body));
          switch (message.method) {
            case 'initialize':
              return Response.json({ jsonrpc: '2.0', id: message.id, result: { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'fake', version: '0' } } });
            case 'tools/list':
              return Response.json({ jsonrpc: '2.0', id: message.id, result: { tools: [] } });
            default:
              return new Response(null, { status: 202 });
          }
        });

        class HandshakeOnlyServer implements Transport {
          onmessage?: (message: JSONRPCMessage) => void;
          async start() {}
          async close() {}
          async send(message: JSONRPCMessage) {
            if (!('method' in message)) return;
            if (message.method === 'initialize' && 'id' in message) {
              this.onmessage?.({ jsonrpc: '2.0', id: message.id, result: { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'fake', version: '0' } } });
              return;
            }
            if (message.method === 'notifications/initialized') this.onmessage?.({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
          }
        }

        describe('DeskClient', () => {
          it('connects over HTTP', async () => {
            const client = new DeskClient({ url: 'http://fake.test/mcp', fetchFn });
            await client.connect();
            expect(fetchFn).toHaveBeenCalled();
          });
          it('connects over a transport', async () => {
            const client = new DeskClient({ transport: new HandshakeOnlyServer() });
            await expect(client.connect()).resolves.toBeUndefined();
          });
        });
      `,
    ),
  ],
  invalid: [
    // ---------------------------------------------------------------------------------
    // L1: hand-rolled servers without server/discover.
    // ---------------------------------------------------------------------------------
    invalid(
      'a fixture server module that tests import (not itself a test) still serves',
      code`
        import http from 'node:http';

        export function startFixtureServer(port: number) {
          return http.createServer(async (req, res) => {
            const message = JSON.parse(await readBody(req));
            switch (message.method) {
              case 'initialize':
                return res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo } }));
              case 'tools/list':
                return res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { tools: [] } }));
            }
          }).listen(port);
        }
      `,
      [{ messageId: 'missingServerDiscover', at: 'message.method', inside: 'switch (message.method)', data: missing('`initialize`, `tools/list`') }],
      { filename: 'test-servers/fixture-server.ts' },
    ),
    invalid(
      'a switch that routes initialize (TypeScript, ESM, a v1 type import)',
      code`
        import express from 'express';
        import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

        const app = express();
        app.post('/mcp', express.json(), async (req, res) => {
          const message = req.body;
          switch (message.method) {
            case 'initialize':
              return res.json({ jsonrpc: '2.0', id: message.id, result: { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo } });
            case 'notifications/initialized':
              return res.status(202).end();
            case 'tools/list':
              return res.json({ jsonrpc: '2.0', id: message.id, result: { tools } });
            case 'tools/call': {
              const result: CallToolResult = await callTool(message.params);
              return res.json({ jsonrpc: '2.0', id: message.id, result });
            }
          }
        });
      `,
      [{ messageId: 'missingServerDiscover', at: 'message.method', inside: 'switch (message.method)', data: missing('`initialize`, `tools/list`, `tools/call`') }],
    ),
    invalid(
      'an if-chain over three requests in a JavaScript file with require',
      code`
        const http = require('node:http');

        http.createServer(async (req, res) => {
          const body = JSON.parse(await readBody(req));
          let result;
          if (body.method === 'tools/list') result = { tools };
          else if (body.method === 'tools/call') result = await callTool(body.params);
          else if (body.method === 'resources/read') result = await readResource(body.params.uri);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result }));
        }).listen(3000);
      `,
      [{ messageId: 'missingServerDiscover', at: "body.method === 'tools/list'", data: missing('`tools/list`, `tools/call`, `resources/read`') }],
      { filename: 'file.js' },
    ),
    invalid(
      'consecutive ifs are one dispatch, even when initialize comes first',
      code`
        export async function handle(body: JsonRpcRequest) {
          if (body.method === 'initialize') return initialize(body.params);
          if (body.method === 'tools/list') return { tools };
          if (body.method === 'tools/call') return callTool(body.params);
          throw new MethodNotFound(body.method);
        }
      `,
      [{ messageId: 'missingServerDiscover', at: "body.method === 'initialize'", data: missing('`initialize`, `tools/list`, `tools/call`') }],
    ),
    invalid(
      'a typed dispatch table, with v2 types imported under an alias',
      code`
        import type { ListToolsResult as ToolsPage } from '@modelcontextprotocol/server';

        type Handler = (params: any) => Promise<unknown>;

        const handlers: Record<string, Handler> = {
          initialize: async () => ({ protocolVersion: '2025-11-25', capabilities: { tools: {}, prompts: {} }, serverInfo }),
          'tools/list': async (): Promise<ToolsPage> => ({ tools }),
          'prompts/list': async () => ({ prompts }),
          'prompts/get': async (params) => renderPrompt(params.name, params.arguments),
          'tools/call': async (params) => callTool(params),
        };

        export async function dispatch(message: { method: string; params: unknown }) {
          return handlers[message.method]?.(message.params);
        }
      `,
      [{ messageId: 'missingServerDiscover', at: 'handlers', nth: 1, data: missing('`initialize`, `tools/list`, `prompts/list`, `prompts/get`, …') }],
    ),
    invalid(
      'a JSON-RPC library registry, with the SDK types namespace-imported',
      code`
        import { JSONRPCServer } from 'json-rpc-2.0';
        import * as types from '@modelcontextprotocol/sdk/types.js';

        const rpc = new JSONRPCServer();
        rpc.addMethod('initialize', () => ({ protocolVersion: types.LATEST_PROTOCOL_VERSION, capabilities: {}, serverInfo }));
        rpc.addMethod('tools/list', listTools);
        rpc.addMethod('tools/call', (params) => callTool(params));

        function listTools() {
          return { tools };
        }
      `,
      [{ messageId: 'missingServerDiscover', at: 'rpc.addMethod', nth: 1, data: missing('`initialize`, `tools/list`, `tools/call`') }],
    ),
    invalid(
      'method names read from a constant object, in a stdio server (.mjs)',
      code`
        import { createInterface } from 'node:readline';

        const Methods = { LIST_TOOLS: 'tools/list', CALL_TOOL: 'tools/call', READ: 'resources/read', TEMPLATES: 'resources/templates/list' };

        for await (const line of createInterface({ input: process.stdin })) {
          const { id, method, params } = JSON.parse(line);
          switch (method) {
            case Methods.LIST_TOOLS: write(id, { tools }); break;
            case Methods.CALL_TOOL: write(id, await callTool(params)); break;
            case Methods.READ: write(id, await read(params.uri)); break;
            case Methods.TEMPLATES: write(id, { resourceTemplates }); break;
          }
        }
      `,
      [{ messageId: 'missingServerDiscover', at: 'method', inside: 'switch (method)', data: missing('`tools/list`, `tools/call`, `resources/read`, `resources/templates/list`') }],
      { filename: 'file.mjs' },
    ),
    invalid(
      'a handshake-only dispatch: initialize and notifications/initialized',
      code`
        export function handshake(message: JsonRpcRequest, session: Session) {
          if (message.method === 'initialize') {
            session.clientInfo = message.params.clientInfo;
            return { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo };
          } else if (message.method === 'notifications/initialized') {
            session.ready = true;
          }
        }
      `,
      [{ messageId: 'missingServerDiscover', at: "message.method === 'initialize'", data: missing('`initialize`') }],
    ),
    invalid(
      'two dispatch sites in one file: one report each',
      code`
        export function routeStdio(message: Message) {
          switch (message.method) {
            case 'tools/list': return { tools };
            case 'tools/call': return callTool(message.params);
            case 'prompts/list': return { prompts };
          }
        }

        export const httpRoutes = {
          'tools/list': () => ({ tools }),
          'tools/call': (params: CallParams) => callTool(params),
          'prompts/list': () => ({ prompts }),
        };
      `,
      [
        { messageId: 'missingServerDiscover', at: 'message.method', inside: 'switch (message.method)', data: missing('`tools/list`, `tools/call`, `prompts/list`') },
        { messageId: 'missingServerDiscover', at: 'httpRoutes', data: missing('`tools/list`, `tools/call`, `prompts/list`') },
      ],
    ),
    // ---------------------------------------------------------------------------------
    // Dual-era: a dispatch kept for 2025 clients behind isLegacyRequest().
    // ---------------------------------------------------------------------------------
    {
      ...invalid(
        'a legacy-gated dispatch is reported as servesLegacyClients',
        code`
          export async function handle(request: Request, body: JsonRpcRequest) {
            if (await isLegacyRequest(request, body)) {
              switch (body.method) {
                case 'initialize': return legacyInitialize(body);
                case 'tools/list': return { tools };
                case 'tools/call': return callTool(body.params);
              }
            }
            return modernHandler.fetch(request, { parsedBody: body });
          }
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: 'body.method', inside: 'switch (body.method)',
            data: {
              message: rule.meta.messages.missingServerDiscover.replace('{{methods}}', '`initialize`, `tools/list`, `tools/call`'),
              gate: 'behind `await isLegacyRequest(request, body)`',
            },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },

    // ---------------------------------------------------------------------------------
    // Servers next to the lookalikes: a scope check in the same file, an upstream client.
    // ---------------------------------------------------------------------------------
    invalid(
      'a server file with a scope check: the check is silent, the dispatch that answers is reported',
      code`
        export function neededScope(body: JsonRpcRequest): string | undefined {
          let scope: string | undefined;
          if (body.method === 'tools/call') scope = 'mcp:tools:execute';
          else if (body.method === 'tools/list') scope = 'mcp:read';
          else if (body.method === 'resources/read') scope = 'mcp:resources:read';
          return scope;
        }

        export async function answer(body: JsonRpcRequest, res: Response) {
          switch (body.method) {
            case 'tools/list': return res.json({ jsonrpc: '2.0', id: body.id, result: { tools } });
            case 'tools/call': return res.json({ jsonrpc: '2.0', id: body.id, result: await callTool(body.params) });
            case 'resources/read': return res.json({ jsonrpc: '2.0', id: body.id, result: await read(body.params.uri) });
          }
        }
      `,
      [{ messageId: 'missingServerDiscover', at: 'body.method', inside: 'switch (body.method)', data: missing('`tools/list`, `tools/call`, `resources/read`') }],
    ),
    invalid(
      'an if-chain whose branches store what handlers computed, answered once after the chain (JavaScript)',
      code`
        export async function onMessage(body, reply) {
          let result;
          if (body.method === 'tools/list') result = listTools();
          else if (body.method === 'tools/call') result = await callTool(body.params);
          else if (body.method === 'resources/read') result = await readResource(body.params.uri);
          reply(body.id, result);
        }
      `,
      [{ messageId: 'missingServerDiscover', at: "body.method === 'tools/list'", data: missing('`tools/list`, `tools/call`, `resources/read`') }],
      { filename: 'file.js' },
    ),
    invalid(
      'a gateway that answers JSON-RPC by forwarding to an upstream SDK client',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        const upstream = new Client({ name: 'gateway', version: '1.0.0' });

        export async function forward(request: JSONRPCRequest) {
          switch (request.method) {
            case 'tools/list':
              return { jsonrpc: '2.0', id: request.id, result: await upstream.listTools(request.params) };
            case 'tools/call':
              return { jsonrpc: '2.0', id: request.id, result: await upstream.callTool(request.params) };
            case 'prompts/get':
              return { jsonrpc: '2.0', id: request.id, result: await upstream.getPrompt(request.params) };
          }
        }
      `,
      [{ messageId: 'missingServerDiscover', at: 'request.method', inside: 'switch (request.method)', data: missing('`tools/list`, `tools/call`, `prompts/get`') }],
    ),
    invalid(
      'a JSON-RPC library proxy whose registered methods forward to an upstream SDK client',
      code`
        import { JSONRPCServer } from 'json-rpc-2.0';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        export function mountProxy(rpc: JSONRPCServer, upstream: Client) {
          rpc.addMethod('tools/list', (params) => upstream.listTools(params));
          rpc.addMethod('tools/call', (params) => upstream.callTool(params));
          rpc.addMethod('resources/read', (params) => upstream.readResource(params));
        }
      `,
      [{ messageId: 'missingServerDiscover', at: 'rpc.addMethod', nth: 1, data: missing('`tools/list`, `tools/call`, `resources/read`') }],
    ),
  ],
});
