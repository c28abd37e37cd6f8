import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-initialize-handshake.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-initialize-handshake` (reference §15.1 rows L1, L2, L3, L4, L7 and L9;
 * design.md principle 3 for the lookalikes: LSP, esbuild, wasm/worker, agent-event and game
 * `initialize`, MCP Apps `ui/initialize`, other protocols' `capabilities`).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

const capabilities = { constant: 'CLIENT_CAPABILITIES_META_KEY', metaKey: 'io.modelcontextprotocol/clientCapabilities' };
const clientInfo = { constant: 'CLIENT_INFO_META_KEY', metaKey: 'io.modelcontextprotocol/clientInfo' };
const protocolVersion = { constant: 'PROTOCOL_VERSION_META_KEY', metaKey: 'io.modelcontextprotocol/protocolVersion' };

ruleTester.run('no-initialize-handshake', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // LSP: its own initialize request and InitializeResult (capabilities, serverInfo).
    // ---------------------------------------------------------------------------------
    valid(
      'vscode-languageserver onInitialize returning capabilities and serverInfo',
      code`
        import { createConnection, ProposedFeatures, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';

        const connection = createConnection(ProposedFeatures.all);
        let ready = false;
        connection.onInitialize((params): InitializeResult => {
          const clientName = params.clientInfo?.name;
          return {
            capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true },
            serverInfo: { name: 'notes-lsp', version: clientName ? '1.0.0' : '0.0.0' },
          };
        });
        connection.onInitialized(() => {
          ready = true;
        });
        connection.onHover(() => (ready ? null : null));
        connection.listen();
      `,
    ),
    valid(
      "a hand-rolled LSP server and client: 'initialize' next to textDocument/* methods",
      code`
        let initialized = false;
        export function handle(msg: { id: number; method: string; params: { capabilities: object } }) {
          switch (msg.method) {
            case 'initialize':
              initialized = true;
              return { capabilities: { hoverProvider: true }, serverInfo: { name: 'lsp' } };
            case 'textDocument/hover':
              if (!initialized) throw new Error('not initialized');
              return null;
          }
        }
        export const hello = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: 1, rootUri: null, capabilities: {} } };
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Other initialize(): esbuild, wasm, workers, game engines, agent events.
    // ---------------------------------------------------------------------------------
    valid(
      'esbuild, wasm, worker, game-engine and agent-event initialize in an MCP server file',
      code`
        import * as esbuild from 'esbuild-wasm';
        import init, { initialize } from './pkg/render.js';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        await esbuild.initialize({ wasmURL: '/esbuild.wasm' });
        await init();
        initialize({ threads: 2 });
        const worker = new Worker(new URL('./worker.js', import.meta.url));
        worker.postMessage({ type: 'initialize', canvas });
        engine.initialize({ width: 800, height: 600 });
        agent.on('initialize', (event: { sessionId: string }) => console.error(event.sessionId));
        worker.onmessage = (event: MessageEvent<{ type: string }>) => {
          if (event.data.type === 'initialize') worker.postMessage({ type: 'ready' });
        };
        export const server = new McpServer({ name: 'render', version: '1.0.0' });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // MCP Apps: ui/initialize is a different method.
    // ---------------------------------------------------------------------------------
    valid(
      'MCP Apps ui/initialize handshake between an app iframe and its host',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        window.parent.postMessage(
          { jsonrpc: '2.0', id: 1, method: 'ui/initialize', params: { appInfo: { name: 'chart' }, capabilities: {} } },
          '*',
        );
        window.addEventListener('message', (event: MessageEvent<{ method: string }>) => {
          switch (event.data.method) {
            case 'ui/initialize':
              return reply({ protocolVersion: '2026-01-26', hostCapabilities: {}, hostInfo: { name: 'host' } });
            case 'ui/notifications/initialized':
              return ready();
          }
        });
        export const server = new McpServer({ name: 'apps', version: '1.0.0' });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // capabilities and protocolVersion of other things, and MCP's own modern shapes.
    // ---------------------------------------------------------------------------------
    valid(
      'SDK capabilities options, an A2A agent card, a package protocolVersion',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        export const server = new McpServer({ name: 'notes', version: '1.0.0' }, { capabilities: { tools: {}, resources: {} } });
        export const agentCard = {
          protocolVersion: '0.3.0',
          name: 'notes-agent',
          capabilities: { streaming: true, pushNotifications: false },
          skills: [],
        };
        export const wire = { protocolVersion: 2, capabilities: ['gzip'] };
      `,
    ),
    valid(
      'a 2026-07-28 hand-rolled server: server/discover and per-request _meta',
      code`
        export function handle(msg: { id: number; method: string; params: { _meta: Record<string, unknown> } }) {
          const clientCapabilities = msg.params._meta['io.modelcontextprotocol/clientCapabilities'];
          switch (msg.method) {
            case 'server/discover':
              return {
                resultType: 'complete',
                supportedVersions: ['2026-07-28'],
                capabilities: { tools: {} },
                ttlMs: 0,
                cacheScope: 'private',
                _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'notes', version: '1.0.0' } },
              };
            case 'tools/list':
              return { resultType: 'complete', tools: listTools(clientCapabilities), ttlMs: 0, cacheScope: 'private' };
          }
        }
      `,
    ),
    valid(
      'a 2026-07-28 SDK v2 server and client reading the envelope and the discover result',
      code`
        import { CLIENT_CAPABILITIES_META_KEY, McpServer } from '@modelcontextprotocol/server';
        import { Client } from '@modelcontextprotocol/client';

        const server = new McpServer({ name: 'notes', version: '1.0.0' });
        server.registerTool('search', { description: 'Search' }, async (ctx) => {
          const caps = ctx.mcpReq.envelope?.[CLIENT_CAPABILITIES_META_KEY];
          return { content: [{ type: 'text', text: caps?.elicitation ? 'can ask' : 'cannot ask' }] };
        });

        const client = new Client({ name: 'cli', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
        const discover = await client.request({ method: 'server/discover', params: {} });
        console.log(discover._meta?.['io.modelcontextprotocol/serverInfo'], discover.supportedVersions);
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
    // A schema of the 2025 result validates it; it is not a result (the SDK's own types.ts).
    valid(
      'zod schemas shaped like the InitializeResult',
      code`
        import { z } from 'zod';
        import { ImplementationSchema, ResultSchema, ServerCapabilitiesSchema } from '@modelcontextprotocol/sdk/types.js';

        export const LegacyInitializeResult = z.object({
          protocolVersion: z.string(),
          capabilities: ServerCapabilitiesSchema,
          serverInfo: ImplementationSchema,
        });
        export const Extended = ResultSchema.extend({ protocolVersion: z.string(), capabilities: z.object({}), serverInfo: ImplementationSchema });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // `method !== 'initialize'` outside MCP dispatch code.
    // ---------------------------------------------------------------------------------
    valid(
      "a hand-rolled LSP server refusing everything but 'initialize' until it has one",
      code`
        let initialized = false;
        export function handle(msg: { id: number; method: string; params: { rootUri: string } }) {
          if (!initialized && msg.method !== 'initialize') {
            return { jsonrpc: '2.0', id: msg.id, error: { code: -32002, message: 'Server not initialized' } };
          }
          switch (msg.method) {
            case 'initialize':
              initialized = true;
              return { capabilities: { definitionProvider: true } };
            case 'textDocument/definition':
              return null;
          }
        }
      `,
    ),
    valid(
      "an MCP server bridging to a language server: the LSP pump's own 'initialize' gate",
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const pending: { method: string }[] = [];
        let lspReady = false;
        export function onLspMessage(msg: { method: string; params?: unknown }) {
          if (!lspReady && msg.method !== 'initialize') {
            pending.push(msg);
            return;
          }
          forward(msg);
        }
        export function route(message: { method: string }) {
          switch (message.method) {
            case 'tools/list':
              return listTools();
            case 'tools/call':
              return callTool(message);
          }
        }
        export const definition = (uri: string) => forward({ method: 'textDocument/definition', params: { uri } });
        export const server = new McpServer({ name: 'bridge', version: '1.0.0' });
      `,
    ),
    valid(
      "an MCP dispatch next to worker events and a ternary on the method",
      code`
        export function route(message: { method: string }, event: { type: string }) {
          if (event.type !== 'initialize') console.error('worker event', event.type);
          const kind = message.method !== 'initialize' ? 'request' : 'handshake';
          switch (message.method) {
            case 'tools/list':
              return { kind, tools: [] };
            case 'resources/list':
              return { kind, resources: [] };
          }
        }
      `,
    ),
    // An LSP client's request builder in an MCP server file: its `initialize` has no `protocolVersion`.
    valid(
      "an LSP client's request(method, params) builder sending the LSP initialize",
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        let nextId = 1;
        function request(method: string, params: Record<string, unknown>) {
          return { jsonrpc: '2.0', id: nextId++, method, params };
        }
        export async function startLsp(send: (message: object) => Promise<{ result: { serverInfo?: { name: string } } }>, rootUri: string) {
          const init = await send(request('initialize', { processId: process.pid, rootUri, capabilities: {}, clientInfo: { name: 'bridge' } }));
          await send(request('textDocument/didOpen', { textDocument: { uri: rootUri } }));
          return init.result.serverInfo?.name;
        }
        export const server = new McpServer({ name: 'bridge', version: '1.0.0' });
      `,
    ),
    // Names only: a local guard and a local server class, in files that do not import the SDK.
    valid(
      'local isInitializeRequest() and getClientCapabilities() without MCP imports',
      code`
        function isInitializeRequest(body: unknown): boolean {
          return typeof body === 'object' && body !== null && 'hello' in body;
        }
        class Server {
          getClientCapabilities() {
            return {};
          }
        }
        export const ok = isInitializeRequest(input) && new Server().getClientCapabilities();
      `,
    ),
  ],

  invalid: [
    // ---------------------------------------------------------------------------------
    // L1: isInitializeRequest() and friends.
    // ---------------------------------------------------------------------------------
    invalid(
      'L1: v1 isInitializeRequest(req.body) in the sessionful Express recipe, and as a callback',
      code`
        import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

        app.post('/mcp', async (req, res) => {
          const body = req.body;
          const starts = Array.isArray(body) ? body.some(isInitializeRequest) : isInitializeRequest(body);
          if (!starts) return res.status(400).end();
          await handle(req, res, body);
        });
      `,
      [
        { messageId: 'checksInitializeRequest', at: 'isInitializeRequest', inside: 'some(isInitializeRequest)', data: { guard: 'isInitializeRequest', method: 'initialize' } },
        { messageId: 'checksInitializeRequest', at: 'isInitializeRequest(body)', data: { guard: 'isInitializeRequest', method: 'initialize' } },
      ],
    ),
    invalid(
      'L1/L2: v2 guards aliased, and a v1 namespace through require (.js)',
      code`
        const types = require('@modelcontextprotocol/sdk/types.js');
        const { isInitializedNotification: isReady } = require('@modelcontextprotocol/server');

        function classify(message) {
          if (types.isInitializeRequest(message)) return 'handshake';
          if (isReady(message)) return 'ready';
          return 'request';
        }
        module.exports = { classify };
      `,
      [
        { messageId: 'checksInitializeRequest', at: 'types.isInitializeRequest(message)', data: { guard: 'isInitializeRequest', method: 'initialize' } },
        { messageId: 'checksInitializeRequest', at: 'isReady(message)', data: { guard: 'isInitializedNotification', method: 'notifications/initialized' } },
      ],
      { filename: 'file.js' },
    ),
    // ---------------------------------------------------------------------------------
    // L1/L2: SDK handler registrations and oninitialized.
    // ---------------------------------------------------------------------------------
    invalid(
      'L1/L2: v1 setRequestHandler(InitializeRequestSchema), setNotificationHandler(InitializedNotificationSchema), oninitialized',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { InitializeRequestSchema, InitializedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

        const server = new Server({ name: 'low', version: '1.0.0' }, { capabilities: { tools: {} } });
        server.setRequestHandler(InitializeRequestSchema, async (request) => ({
          protocolVersion: request.params.protocolVersion,
          capabilities: { tools: {} },
          serverInfo: { name: 'low', version: '1.0.0' },
        }));
        server.setNotificationHandler(InitializedNotificationSchema, () => warmUp());
        server.oninitialized = () => console.error('client ready');

        const mcp = new McpServer({ name: 'high', version: '1.0.0' });
        mcp.server.oninitialized = async () => {
          await loadIndex();
        };
      `,
      [
        { messageId: 'handlesInitialize', at: 'InitializeRequestSchema', inside: 'setRequestHandler(InitializeRequestSchema' },
        { messageId: 'returnsInitializeResult', at: 'protocolVersion: request.params.protocolVersion' },
        { messageId: 'handlesInitialized', at: 'InitializedNotificationSchema', inside: 'setNotificationHandler(InitializedNotificationSchema' },
        { messageId: 'handlesInitialized', at: 'server.oninitialized', inside: "server.oninitialized = () => console.error('client ready')" },
        { messageId: 'handlesInitialized', at: 'mcp.server.oninitialized' },
      ],
    ),
    invalid(
      "L1/L2: v2 string registrations ('initialize', 'notifications/initialized') on a typed parameter",
      code`
        import type { Server } from '@modelcontextprotocol/server';

        export function install(server: Server) {
          server.setRequestHandler('initialize', async () => legacyInitialize());
          server.setNotificationHandler('notifications/initialized', () => {});
        }
      `,
      [
        { messageId: 'handlesInitialize', at: "'initialize'" },
        { messageId: 'handlesInitialized', at: "'notifications/initialized'" },
      ],
    ),
    // ---------------------------------------------------------------------------------
    // L1/L2/L3/L4: hand-rolled servers.
    // ---------------------------------------------------------------------------------
    invalid(
      'L1/L2/L3/L4: hand-rolled stdio server: switch, stored params, initialized gate',
      code`
        const PROTOCOL_VERSION = '2025-11-25';

        export class NotesServer {
          private initialized = false;
          private clientCapabilities: Record<string, unknown> = {};

          handle(msg: { id: number; method: string; params: any }) {
            if (!this.initialized && msg.method !== 'initialize') {
              return { jsonrpc: '2.0', id: msg.id, error: { code: -32600, message: 'Server not initialized' } };
            }
            switch (msg.method) {
              case 'initialize': {
                this.clientCapabilities = msg.params.capabilities;
                const { clientInfo } = msg.params;
                this.clientName = clientInfo;
                return {
                  jsonrpc: '2.0',
                  id: msg.id,
                  result: { protocolVersion: PROTOCOL_VERSION, capabilities: { tools: {} }, serverInfo: { name: 'notes', version: '1.0.0' } },
                };
              }
              case 'notifications/initialized':
                this.initialized = true;
                return undefined;
              case 'tools/list':
                return { jsonrpc: '2.0', id: msg.id, result: { tools: [] } };
            }
          }
        }
      `,
      [
        { messageId: 'gatesOnHandshake', at: '!this.initialized', data: { gate: '!this.initialized' } },
        { messageId: 'handlesInitialize', at: "'initialize'", inside: "case 'initialize'" },
        { messageId: 'storesInitializeParams', at: 'this.clientCapabilities = msg.params.capabilities', data: { field: 'capabilities', ...capabilities } },
        { messageId: 'storesInitializeParams', at: 'this.clientName = clientInfo', data: { field: 'clientInfo', ...clientInfo } },
        { messageId: 'returnsInitializeResult', at: 'protocolVersion: PROTOCOL_VERSION' },
        { messageId: 'handlesInitialized', at: "'notifications/initialized'" },
      ],
    ),
    invalid(
      'L1/L3/L4: an if-chain on body.method in an SDK-importing HTTP server, and a dispatch table',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';

        const sessions = new Map<string, { protocolVersion?: string }>();

        app.post('/mcp', async (req, res) => {
          const body = req.body;
          if (body.method === 'initialize') {
            const session = { protocolVersion: '' };
            session.protocolVersion = body.params?.protocolVersion ?? '2025-03-26';
            sessions.set(String(body.id), session);
            return res.json({ jsonrpc: '2.0', id: body.id, result: { protocolVersion: session.protocolVersion, capabilities: {} } });
          }
          return forward(req, res);
        });

        export const handlers = {
          initialize: (params: { clientInfo: unknown }) => ({ protocolVersion: '2025-06-18', serverInfo: { name: 'x', version: '1' } }),
          'tools/call': callTool,
        };
      `,
      [
        { messageId: 'handlesInitialize', at: "'initialize'", inside: "body.method === 'initialize'" },
        {
          messageId: 'storesInitializeParams',
          at: "session.protocolVersion = body.params?.protocolVersion ?? '2025-03-26'",
          data: { field: 'protocolVersion', ...protocolVersion },
        },
        { messageId: 'returnsInitializeResult', at: 'protocolVersion: session.protocolVersion' },
        { messageId: 'handlesInitialize', at: 'initialize', inside: 'initialize: (params' },
        { messageId: 'returnsInitializeResult', at: "protocolVersion: '2025-06-18'" },
      ],
    ),
    // All three keys are the InitializeResult shape wherever they are built (JS, no imports).
    invalid(
      'L3: an InitializeResult built in a helper (.js)',
      code`
        function initializeResult(version) {
          return { protocolVersion: version, capabilities: { prompts: {} }, serverInfo: { name: 'prompts', version: '0.1.0' }, instructions: 'Ask me' };
        }
        module.exports = { initializeResult };
      `,
      [{ messageId: 'returnsInitializeResult', at: 'protocolVersion: version' }],
      { filename: 'file.js' },
    ),
    // ---------------------------------------------------------------------------------
    // L4: getClientCapabilities() / getClientVersion().
    // ---------------------------------------------------------------------------------
    invalid(
      'L4: getClientCapabilities()/getClientVersion() on v1 and v2 servers, typed and untyped',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import { Server as LowLevel } from '@modelcontextprotocol/sdk/server/index.js';

        const server = new McpServer({ name: 'notes', version: '1.0.0' });
        server.registerTool('ask', { description: 'Ask' }, async () => {
          if (!server.server.getClientCapabilities()?.elicitation) return { content: [] };
          return { content: [{ type: 'text', text: server.server.getClientVersion()?.name ?? '?' }] };
        });

        export function describe(low: LowLevel, injected: { getClientVersion(): unknown }) {
          return [low.getClientCapabilities(), injected.getClientVersion()];
        }
      `,
      [
        { messageId: 'readsClientInfo', at: 'server.server.getClientCapabilities()', data: { method: 'getClientCapabilities', ...capabilities } },
        { messageId: 'readsClientInfo', at: 'server.server.getClientVersion()', data: { method: 'getClientVersion', ...clientInfo } },
        { messageId: 'readsClientInfo', at: 'low.getClientCapabilities()', data: { method: 'getClientCapabilities', ...capabilities } },
        { messageId: 'readsClientInfo', at: 'injected.getClientVersion()', data: { method: 'getClientVersion', ...clientInfo } },
      ],
    ),
    // Params stored from an SDK v1 initialize override (namespace import).
    invalid(
      'L4: params stored from an SDK v1 initialize override, namespace import',
      code`
        import * as sdk from '@modelcontextprotocol/sdk/types.js';
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';

        let clientInfo: unknown;
        export class Gateway {
          private caps: unknown;
          constructor(private readonly server: Server) {
            server.setRequestHandler(sdk.InitializeRequestSchema, async (request) => {
              this.caps = request.params.capabilities;
              clientInfo = request.params.clientInfo;
              return upstreamInitialize(request);
            });
          }
        }
      `,
      [
        { messageId: 'handlesInitialize', at: 'sdk.InitializeRequestSchema' },
        { messageId: 'storesInitializeParams', at: 'this.caps = request.params.capabilities', data: { field: 'capabilities', ...capabilities } },
        { messageId: 'storesInitializeParams', at: 'clientInfo = request.params.clientInfo', data: { field: 'clientInfo', ...clientInfo } },
      ],
    ),
    // ---------------------------------------------------------------------------------
    // L7/L9: hand-rolled clients.
    // ---------------------------------------------------------------------------------
    invalid(
      'L7/L9: hand-rolled HTTP client: initialize, notifications/initialized, reading the result',
      code`
        export async function connect(url: string) {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
            body: JSON.stringify({
              jsonrpc: '2.0',
              id: 1,
              method: 'initialize',
              params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'cli', version: '1.0.0' } },
            }),
          });
          const { result } = await res.json();
          console.error(\`connected to \${result.serverInfo.name}\`);
          await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
          return result.protocolVersion as string;
        }
      `,
      [
        { messageId: 'sendsInitialize', at: "'initialize'", data: { method: 'initialize' } },
        { messageId: 'readsInitializeResult', at: 'result.serverInfo', data: { field: 'serverInfo', method: 'initialize' } },
        { messageId: 'sendsInitialize', at: "'notifications/initialized'", data: { method: 'notifications/initialized' } },
        { messageId: 'readsInitializeResult', at: 'result.protocolVersion', data: { field: 'protocolVersion', method: 'initialize' } },
      ],
    ),
    invalid(
      'L7/L9: stdio client with a message constant and an rpc() helper (.js)',
      code`
        const { spawn } = require('node:child_process');
        const INIT = {
          jsonrpc: '2.0',
          id: 0,
          method: 'initialize',
          params: { protocolVersion: '2025-06-18', capabilities: { roots: {} }, clientInfo: { name: 'x', version: '1' } },
        };

        async function start() {
          const child = spawn('node', ['server.js']);
          const init = await rpc(child, INIT);
          const { serverInfo } = init.result;
          return serverInfo.name;
        }
        module.exports = { start };
      `,
      [
        { messageId: 'sendsInitialize', at: "'initialize'", data: { method: 'initialize' } },
        { messageId: 'readsInitializeResult', at: 'serverInfo', inside: 'const { serverInfo } = init.result', data: { field: 'serverInfo', method: 'initialize' } },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'L7/L9: SDK client.request() with a hand-built initialize, and the RC discover serverInfo',
      code`
        import { Client } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'cli', version: '1.0.0' });
        const init = await client.request({ method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo } });
        console.log(init.serverInfo.name);
        const discover = await client.request({ method: 'server/discover', params: {} });
        console.log(discover.serverInfo?.version);
      `,
      [
        { messageId: 'sendsInitialize', at: "'initialize'", data: { method: 'initialize' } },
        { messageId: 'readsInitializeResult', at: 'init.serverInfo', data: { field: 'serverInfo', method: 'initialize' } },
        { messageId: 'readsInitializeResult', at: 'discover.serverInfo', data: { field: 'serverInfo', method: 'server/discover' } },
      ],
    ),
    // legacy-clients/src/smoke.ts: the message comes from the file's own request(method, params)
    // builder, and the answer passes through a readReply(res, id) helper that returns its body.
    invalid(
      'L7/L9: a request(method, params) builder, and the answer read through a readReply(res, id) helper',
      code`
        interface InitializeResult {
          protocolVersion: string;
          capabilities: Record<string, unknown>;
          serverInfo: { name: string; version: string };
        }
        interface JsonRpcResponse {
          jsonrpc: '2.0';
          id: number | null;
          result?: unknown;
          error?: { code: number; message: string };
        }
        declare function firstSseAnswer(res: Response, id: number): Promise<JsonRpcResponse>;

        let nextId = 1;
        function request(method: string, params?: Record<string, unknown>) {
          return { jsonrpc: '2.0' as const, id: nextId++, method, params };
        }
        async function post(message: object): Promise<Response> {
          return fetch(process.env.MCP_URL!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
        }
        async function readReply(res: Response, id: number): Promise<JsonRpcResponse> {
          if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
            return (await res.json()) as JsonRpcResponse;
          }
          const reply = await firstSseAnswer(res, id);
          return reply;
        }
        function statusOf(res: Response) {
          return { serverInfo: res.headers.get('server'), status: res.status };
        }

        export async function initialize(): Promise<void> {
          const message = request('initialize', {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'ops-smoke', version: '1.4.0' },
          });
          const res = await post(message);
          console.log(statusOf(res).serverInfo);
          const reply = await readReply(res, message.id);
          if (reply.error) throw new Error(reply.error.message);
          const init = reply.result as InitializeResult;
          const { name, version } = init.serverInfo;
          console.log(\`\${name} \${version}, protocol \${init.protocolVersion}\`);
          await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
          const listed = await readReply(await post(request('tools/list', {})), 2);
          console.log((listed.result as { serverInfo?: unknown }).serverInfo);
        }
      `,
      [
        { messageId: 'sendsInitialize', at: "'initialize'", data: { method: 'initialize' } },
        { messageId: 'readsInitializeResult', at: 'init.serverInfo', data: { field: 'serverInfo', method: 'initialize' } },
        { messageId: 'readsInitializeResult', at: 'init.protocolVersion', data: { field: 'protocolVersion', method: 'initialize' } },
        { messageId: 'sendsInitialize', at: "'notifications/initialized'", data: { method: 'notifications/initialized' } },
      ],
    ),
    invalid(
      'L7/L9: an rpc(url, method, params) helper that builds, sends and returns the result (.js)',
      code`
        let id = 0;
        async function rpc(url, method, params) {
          const res = await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) });
          const body = await res.json();
          return body.result;
        }

        async function connect(url) {
          const init = await rpc(url, 'initialize', { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'cli', version: '1.0.0' } });
          const tools = await rpc(url, 'tools/list', {});
          return { server: init.serverInfo.name, tools, lists: tools.serverInfo };
        }
        module.exports = { connect };
      `,
      [
        { messageId: 'sendsInitialize', at: "'initialize'", data: { method: 'initialize' } },
        { messageId: 'readsInitializeResult', at: 'init.serverInfo', data: { field: 'serverInfo', method: 'initialize' } },
      ],
      { filename: 'file.js' },
    ),
    // legacy-hand-rolled/src/server.ts: a session gate that lets only `initialize` through, the
    // params kept through a const and String(…), and a flag that skips sending notifications.
    invalid(
      "L1/L2/L4: a hand-rolled HTTP server: method !== 'initialize' without a session, params kept through a const and String()",
      code`
        import { randomUUID } from 'node:crypto';
        import type { IncomingMessage, ServerResponse } from 'node:http';

        type Message = { jsonrpc: '2.0'; id?: number; method: string; params?: Record<string, unknown> };
        interface Session {
          id: string;
          clientInfo?: { name: string; version: string };
          protocolVersion?: string;
          capabilities?: object;
          label?: string;
          initialized: boolean;
          stream?: ServerResponse;
        }
        const sessions = new Map<string, Session>();

        export function broadcastToolListChanged(): void {
          for (const session of sessions.values()) {
            if (!session.initialized || !session.stream) continue;
            session.stream.write(\`data: \${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' })}\n\n\`);
          }
        }

        export async function handlePost(req: IncomingMessage, res: ServerResponse, message: Message): Promise<void> {
          const sessionId = req.headers['mcp-session-id'];
          let session = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
          if (!session) {
            if (message.method !== 'initialize') {
              res.writeHead(400).end(JSON.stringify({ jsonrpc: '2.0', id: message.id ?? null, error: { code: -32000, message: 'No valid session ID provided' } }));
              return;
            }
            session = { id: randomUUID(), initialized: false };
          }
          if (message.id === undefined) {
            switch (message.method) {
              case 'notifications/initialized':
                session.initialized = true;
                break;
            }
            res.writeHead(202).end();
            return;
          }
          const { id, params = {} } = message;
          let result: unknown;
          switch (message.method) {
            case 'initialize': {
              const clientInfo = params.clientInfo as Session['clientInfo'];
              session.clientInfo = clientInfo;
              session.protocolVersion = String(params.protocolVersion);
              session.capabilities = structuredClone(params.capabilities ?? {});
              session.label = String(params.label ?? '');
              console.error(\`session \${session.id} opened by \${clientInfo?.name} on \${String(params.protocolVersion)}\`);
              sessions.set(session.id, session);
              result = { protocolVersion: '2025-06-18', capabilities: { tools: { listChanged: true } }, serverInfo: { name: 'tsintel', version: '0.4.2' } };
              break;
            }
            case 'tools/list':
              result = { tools: [] };
              break;
          }
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id, result }));
        }
      `,
      [
        { messageId: 'gatesOnHandshake', at: '!session.initialized', data: { gate: '!session.initialized' } },
        { messageId: 'gatesOnHandshake', at: "message.method !== 'initialize'", data: { gate: "message.method !== 'initialize'" } },
        { messageId: 'handlesInitialized', at: "'notifications/initialized'", inside: "case 'notifications/initialized'" },
        { messageId: 'handlesInitialize', at: "'initialize'", inside: "case 'initialize'" },
        { messageId: 'storesInitializeParams', at: 'session.clientInfo = clientInfo', data: { field: 'clientInfo', ...clientInfo } },
        { messageId: 'storesInitializeParams', at: 'session.protocolVersion = String(params.protocolVersion)', data: { field: 'protocolVersion', ...protocolVersion } },
        {
          messageId: 'storesInitializeParams',
          at: 'session.capabilities = structuredClone(params.capabilities ?? {})',
          data: { field: 'capabilities', ...capabilities },
        },
        { messageId: 'returnsInitializeResult', at: "protocolVersion: '2025-06-18'" },
      ],
    ),
    invalid(
      "L2: `!sessionId && body.method !== 'initialize'` in an if-chain dispatch (.js)",
      code`
        const sessions = new Map();
        async function handle(req, res) {
          const body = req.body;
          const sessionId = req.headers['mcp-session-id'];
          if (!sessionId && body.method !== 'initialize') return res.status(400).json({ error: 'session required' });
          if (body.method === 'tools/call') return res.json({ jsonrpc: '2.0', id: body.id, result: await callTool(body.params) });
          if (body.method === 'prompts/list') return res.json({ jsonrpc: '2.0', id: body.id, result: { prompts: [] } });
          return res.json({ jsonrpc: '2.0', id: body.id, result: sessions.get(sessionId) });
        }
        module.exports = { handle };
      `,
      [{ messageId: 'gatesOnHandshake', at: "body.method !== 'initialize'", data: { gate: "body.method !== 'initialize'" } }],
      { filename: 'file.js' },
    ),
    // ---------------------------------------------------------------------------------
    // Dual-era: the handshake kept for 2025 clients behind isLegacyRequest().
    // ---------------------------------------------------------------------------------
    {
      ...invalid(
        'dual-era: isInitializeRequest() behind isLegacyRequest() is servesLegacyClients',
        code`
          import { createMcpHandler, isInitializeRequest, isLegacyRequest } from '@modelcontextprotocol/server';

          const modern = createMcpHandler(() => buildServer());
          export async function handle(request: Request, body: unknown): Promise<Response> {
            if (await isLegacyRequest(request, body)) {
              if (isInitializeRequest(body)) return startLegacySession(request, body);
              return legacy(request, body);
            }
            return modern.fetch(request, { parsedBody: body });
          }
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: 'isInitializeRequest(body)',
            data: {
              message: rule.meta.messages.checksInitializeRequest.replace('{{guard}}', 'isInitializeRequest').replace('{{method}}', 'initialize'),
              gate: 'behind `await isLegacyRequest(request, body)`',
            },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
  ],
});
