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
    // A chat session store's own initialize(): no MCP in the file (nor its prefilter tokens).
    valid(
      "a chat session store's initialize() and initialized flag",
      code`
        export class ChatSessionStore {
          private initialized = false;
          private sessions = new Map<string, { id: string; messages: string[] }>();

          async initialize(): Promise<void> {
            if (this.initialized) return;
            this.sessions = new Map(await loadSessions());
            this.initialized = true;
          }

          async append(id: string, message: string) {
            if (!this.initialized) await this.initialize();
            this.sessions.get(id)?.messages.push(message);
          }
        }
      `,
    ),
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
    // ---------------------------------------------------------------------------------
    // Front ends, clients and message logs that name the handshake without doing it.
    // ---------------------------------------------------------------------------------
    valid(
      'a CLI front end whose switch runs tools/list and roots/list for the user through a client',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

        // mcpc <method> [json]: runs the method the user names and prints what comes back.
        export async function runMethod(client: Client, transport: StreamableHTTPClientTransport, method: string, args: Record<string, unknown>) {
          switch (method) {
            case 'initialize':
              return { protocolVersion: transport.protocolVersion, capabilities: client.getServerCapabilities(), serverInfo: client.getServerVersion() };
            case 'tools/list':
              return client.listTools();
            case 'tools/call':
              return client.callTool({ name: String(args.name), arguments: args });
            case 'roots/list':
              return { roots: configuredRoots() };
            default:
              throw new Error('mcpc does not know ' + method);
          }
        }
      `,
    ),
    valid(
      'a request console pre-filling params per method in consecutive ifs (initialize next to roots/list and sampling/createMessage)',
      code`
        // The request console fills in these params when the user picks a method to try.
        export function paramsTemplate(method: string): Record<string, unknown> {
          if (method === 'initialize') return { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'console', version: '0.3.0' } };
          if (method === 'tools/call') return { name: '', arguments: {} };
          if (method === 'roots/list') return {};
          if (method === 'sampling/createMessage') return { messages: [], maxTokens: 256 };
          return {};
        }
      `,
    ),
    valid(
      'a client-only connection panel holding the InitializeResult it was given',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

        // What the connection panel shows once the client is connected.
        export async function connectionSummary(url: URL) {
          const transport = new StreamableHTTPClientTransport(url);
          const client = new Client({ name: 'inspector', version: '0.9.0' });
          await client.connect(transport);
          const summary = {
            protocolVersion: transport.protocolVersion,
            capabilities: client.getServerCapabilities(),
            serverInfo: client.getServerVersion(),
          };
          return summary;
        }
      `,
    ),
    valid(
      "a desktop host's own settings object with getClientVersion()/getClientCapabilities(), in a client-only file",
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import type { HostSettings } from './settings.js';

        // The desktop host builds one client per configured server, from its own settings.
        export function createClient(settings: HostSettings) {
          return new Client(settings.getClientVersion(), { capabilities: settings.getClientCapabilities() });
        }
      `,
    ),
    valid(
      'getClientVersion()/getClientCapabilities() as the 2025 fallback of an envelope read (SDK v2)',
      code`
        import { CLIENT_CAPABILITIES_META_KEY, CLIENT_INFO_META_KEY, McpServer, type ClientCapabilities, type Implementation } from '@modelcontextprotocol/server';

        const server = new McpServer({ name: 'notes', version: '1.0.0' });
        server.registerTool('ask', { description: 'Ask' }, async (ctx) => {
          const caps = (ctx.mcpReq.envelope as { [CLIENT_CAPABILITIES_META_KEY]?: ClientCapabilities } | undefined)?.[CLIENT_CAPABILITIES_META_KEY] ?? server.server.getClientCapabilities();
          const client = (ctx.mcpReq.envelope as { [CLIENT_INFO_META_KEY]?: Implementation } | undefined)?.[CLIENT_INFO_META_KEY] ?? server.server.getClientVersion();
          return { content: [{ type: 'text', text: caps?.elicitation ? client?.name ?? '?' : '?' }] };
        });
      `,
    ),
    valid(
      'a health endpoint reporting protocolVersion, capabilities and serverInfo next to a status',
      code`
        import express from 'express';
        import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';

        export const app = express();
        app.get('/healthz', (_req, res) => {
          res.json({ status: 'ok', protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: { tools: {} }, serverInfo: { name: 'notes', version: '1.2.0' } });
        });
      `,
    ),
    valid(
      "an inspector's message-log entry recording the initialize it sent",
      code`
        import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

        type HistoryEntry = { direction: 'sent' | 'received'; timestamp: number; message: JSONRPCMessage };
        export const history: HistoryEntry[] = [];

        // Seeds the message log the inspector shows on its first screen.
        history.push({
          direction: 'sent',
          timestamp: Date.now(),
          message: { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'inspector', version: '0.9.0' } } },
        });
      `,
    ),
    valid(
      'a test expecting the 2025 handshake a legacy client sends',
      code`
        import { expect, it } from 'vitest';
        import { connectLegacy } from '../src/legacy-client.js';

        it('opens a 2025 session with the handshake', async () => {
          const transport = await connectLegacy();
          expect(transport.sent[0]).toEqual({
            jsonrpc: '2.0',
            id: 0,
            method: 'initialize',
            params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'cli', version: '1.0.0' } },
          });
        });
      `,
    ),
    valid(
      'a test fixture of an initialize request read only for its method and client name',
      code`
        import { expect, it } from 'vitest';
        import { labelFor } from '../src/message-label.js';

        it('labels the handshake with the client name', () => {
          const request = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'cli', version: '1.0.0' } } };
          expect(labelFor(request.method, request.params.clientInfo.name)).toBe('Handshake from cli');
        });
      `,
    ),
    valid(
      "a unit test of the SDK's isInitializeRequest and of a helper, checking their answers in place",
      code`
        import { describe, expect, it } from 'vitest';
        import { isInitializeRequest, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
        import { waitsForReply } from '../src/pending.js';

        describe('message predicates', () => {
          it('tells the handshake from other requests', () => {
            const hello: JSONRPCMessage = {
              jsonrpc: '2.0',
              id: 1,
              method: 'initialize',
              params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'cli', version: '1.0.0' } },
            };
            expect(isInitializeRequest(hello)).toBe(true);
          });
          it('does not wait for a reply to a notification', () => {
            expect(waitsForReply({ jsonrpc: '2.0', method: 'notifications/initialized' })).toBe(false);
          });
        });
      `,
    ),
    valid(
      "a test's fake peer that answers both eras: the initialize branch beside server/discover serves only the legacy leg",
      code`
        import { expect, it } from 'vitest';
        import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
        import { connectWith } from '../src/connect.js';

        class BothErasTransport implements Transport {
          onmessage?: (message: JSONRPCMessage) => void;
          async start() {}
          async close() {}
          async send(message: JSONRPCMessage) {
            if (!('method' in message) || !('id' in message)) return;
            if (message.method === 'server/discover') {
              return this.reply(message.id, { resultType: 'complete', supportedVersions: ['2026-07-28'], capabilities: { tools: {} }, ttlMs: 0, cacheScope: 'public' });
            }
            if (message.method === 'initialize') {
              return this.reply(message.id, { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'fake', version: '1.0.0' } });
            }
          }
          private reply(id: string | number, result: Record<string, unknown>) {
            this.onmessage?.({ jsonrpc: '2.0', id, result });
          }
        }

        it.each(['legacy', 'modern'] as const)('connects in the %s era', async (era) => {
          const client = await connectWith(new BothErasTransport(), era);
          expect(client.era).toBe(era);
        });
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
    // No MCP token in the file: the method is distinctive only as a value, built from a prefix
    // (what the `notifications/` token of the rule's prefilterAlso is for).
    invalid(
      'L7: notifications/initialized built from a prefix constant (.js)',
      code`
        const NOTIFY = 'notifications/';

        function send(child, message) {
          child.stdin.write(JSON.stringify(message) + '\\n');
        }

        function handshakeDone(child) {
          send(child, { jsonrpc: '2.0', method: NOTIFY + 'initialized' });
        }
        module.exports = { handshakeDone };
      `,
      [{ messageId: 'sendsInitialize', at: "NOTIFY + 'initialized'", data: { method: 'notifications/initialized' } }],
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
    {
      ...invalid(
        "dual-era: a test's fake peers: the initialize route beside server/discover is servesLegacyClients; a 2025-only fake's route keeps its error, its result goes with it",
        code`
          import type { ServerResponse } from 'node:http';
          import { afterAll, it } from 'vitest';

          function bothEras(body: { id: number; method: string }, res: ServerResponse) {
            const send = (result: object) => res.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result }));
            if (body.method === 'initialize') {
              return send({ protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'both', version: '1' } });
            }
            if (body.method === 'server/discover') {
              return send({ resultType: 'complete', supportedVersions: ['2026-07-28'], capabilities: { tools: {} }, ttlMs: 0, cacheScope: 'public' });
            }
            if (body.method === 'tools/list') return send({ resultType: 'complete', tools: [], ttlMs: 0, cacheScope: 'public' });
          }

          function legacyOnly(body: { id: number; method: string }, res: ServerResponse) {
            const send = (result: object) => res.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result }));
            if (body.method === 'initialize') {
              return send({ protocolVersion: '2025-03-26', capabilities: { tools: {} }, serverInfo: { name: 'old', version: '1' } });
            }
            if (body.method === 'tools/list') return send({ tools: [] });
          }

          const servers = [startServer(bothEras), startServer(legacyOnly)];
          afterAll(() => Promise.all(servers.map((server) => server.stop())));
          it('lists tools from either server', async () => {
            for (const server of servers) await listTools(server.url);
          });
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: "'initialize'",
            nth: 1,
            data: {
              message: rule.meta.messages.handlesInitialize,
              gate: 'the `initialize` route of a dispatch that also answers `server/discover`',
            },
          },
          { messageId: 'handlesInitialize', at: "'initialize'", nth: 2 },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
    {
      ...invalid(
        'dual-era: a hand-rolled server answering server/discover and initialize: the initialize branch is servesLegacyClients',
        code`
          const SERVER_INFO = { name: 'notes', version: '2.0.0' };

          export function handle(message: { id: number; method: string; params: { protocolVersion?: string } }) {
            switch (message.method) {
              case 'server/discover':
                return { resultType: 'complete', supportedVersions: ['2026-07-28'], capabilities: { tools: {} }, ttlMs: 0, cacheScope: 'public', _meta: { 'io.modelcontextprotocol/serverInfo': SERVER_INFO } };
              case 'initialize':
                return { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: SERVER_INFO };
              case 'tools/list':
                return { resultType: 'complete', tools: [], ttlMs: 0, cacheScope: 'public' };
            }
          }
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: "'initialize'",
            data: { message: rule.meta.messages.handlesInitialize, gate: 'the `initialize` route of a dispatch that also answers `server/discover`' },
          },
          {
            messageId: 'servesLegacyClients',
            at: "protocolVersion: '2025-11-25'",
            data: { message: rule.meta.messages.returnsInitializeResult, gate: 'the `initialize` route of a dispatch that also answers `server/discover`' },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
    invalid(
      'tests that send the handshake to the server under test, and wait for its answer',
      code`
        import { expect, it } from 'vitest';
        import { handle } from '../src/server.js';

        const hello = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } };

        it('answers the handshake', async () => {
          expect(await handle(hello)).toMatchObject({ id: 1 });
          await expect(handle({ jsonrpc: '2.0', method: 'notifications/initialized' })).resolves.toBeUndefined();
        });
      `,
      [
        { messageId: 'sendsInitialize', at: "'initialize'", data: { method: 'initialize' } },
        { messageId: 'sendsInitialize', at: "'notifications/initialized'", data: { method: 'notifications/initialized' } },
      ],
    ),
    // ---------------------------------------------------------------------------------
    // The real handshake next to the lookalikes above.
    // ---------------------------------------------------------------------------------
    invalid(
      "L1/L3/L4: consecutive ifs: the 'initialize' if after a tools/list if stores params and returns the result",
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';

        type Rpc = { jsonrpc: '2.0'; id: number; method: string; params: Record<string, any> };
        const connection: { clientInfo?: unknown } = {};

        export function answer(body: Rpc) {
          if (body.method === 'tools/list') return { tools: [] };
          if (body.method === 'initialize') {
            connection.clientInfo = body.params.clientInfo;
            return { protocolVersion: '2025-03-26', capabilities: { tools: {} } };
          }
          if (body.method === 'tools/call') return callTool(body.params);
          return undefined;
        }
      `,
      [
        { messageId: 'handlesInitialize', at: "'initialize'" },
        { messageId: 'storesInitializeParams', at: 'connection.clientInfo = body.params.clientInfo', data: { field: 'clientInfo', ...clientInfo } },
        { messageId: 'returnsInitializeResult', at: "protocolVersion: '2025-03-26'" },
      ],
    ),
    invalid(
      "L1/L3: a CLI front end's switch is left alone, the mock server in the same file is not",
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        // mcpc <method>: runs what the user names through the client.
        export async function runMethod(client: Client, method: string) {
          switch (method) {
            case 'initialize':
              return client.getServerVersion();
            case 'tools/list':
              return client.listTools();
            case 'roots/list':
              return { roots: configuredRoots() };
          }
        }

        // The server mcpc --self-test runs against.
        export function mockServer(msg: { id: number; method: string }) {
          switch (msg.method) {
            case 'initialize':
              return { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'mock', version: '0.0.0' } };
            case 'tools/list':
              return { tools: [] };
            case 'notifications/roots/list_changed':
              return undefined;
          }
        }
      `,
      [
        { messageId: 'handlesInitialize', at: "'initialize'", nth: 2 },
        { messageId: 'returnsInitializeResult', at: "protocolVersion: '2025-06-18'" },
      ],
    ),
    invalid(
      'L3: a scripted fake server in a client-only test still answers with the InitializeResult',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { expect, it } from 'vitest';
        import { ScriptedTransport } from './scripted-transport.js';

        it('shows the name of the server it connected to', async () => {
          const transport = new ScriptedTransport([
            { jsonrpc: '2.0', id: 0, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'fake', version: '1.0.0' } } },
          ]);
          const client = new Client({ name: 'panel', version: '1.0.0' });
          await client.connect(transport);
          expect(client.getServerVersion()?.name).toBe('fake');
        });
      `,
      [{ messageId: 'returnsInitializeResult', at: "protocolVersion: '2025-06-18'" }],
    ),
    invalid(
      'L4: an untraced getClientVersion() in a gateway that imports both the client and the server SDK',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';

        // The gateway connects upstream under the name of the client that connected to it.
        export function upstreamClient(downstream: { getClientVersion(): { name: string; version: string } }) {
          return new Client(downstream.getClientVersion());
        }
      `,
      [{ messageId: 'readsClientInfo', at: 'downstream.getClientVersion()', data: { method: 'getClientVersion', ...clientInfo } }],
    ),
    invalid(
      'L1/L4: a gateway filling in the params.capabilities it forwards keeps nothing; keeping clientInfo is reported',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';

        export class Gateway {
          private clientInfo: unknown;
          constructor(private readonly upstream: { send(message: unknown): Promise<unknown> }) {}

          async route(message: { id: number; method: string; params: Record<string, any> }) {
            if (message.method === 'initialize') {
              // Some clients leave capabilities out; the upstream server insists on the field.
              message.params.capabilities = message.params.capabilities ?? {};
              this.clientInfo = message.params.clientInfo;
            }
            return this.upstream.send(message);
          }
        }
      `,
      [
        { messageId: 'handlesInitialize', at: "'initialize'" },
        { messageId: 'storesInitializeParams', at: 'this.clientInfo = message.params.clientInfo', data: { field: 'clientInfo', ...clientInfo } },
      ],
    ),
    invalid(
      "L1: a relay's case 'initialize' is reported once, not again for the check on the message it forwards",
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';

        export async function relay(message: { id: number; method: string; params: Record<string, any> }) {
          switch (message.method) {
            case 'initialize': {
              const upstreamMessage = translateForUpstream(message);
              if (upstreamMessage.method === 'initialize') upstreamMessage.params.protocolVersion = upstreamVersion;
              return upstream.request(upstreamMessage);
            }
            case 'tools/list':
              return upstream.request(message);
          }
        }
      `,
      [{ messageId: 'handlesInitialize', at: "'initialize'", inside: "case 'initialize'" }],
    ),
    invalid(
      'L3: an InitializeResult with instructions and _meta is still the 2025 shape (.js)',
      code`
        function initializeResult(version) {
          return {
            protocolVersion: version,
            capabilities: { resources: {} },
            serverInfo: { name: 'docs', version: '2.1.0' },
            instructions: 'Read the docs resources first',
            _meta: { 'com.example/build': 'a1b2c3' },
          };
        }
        module.exports = { initializeResult };
      `,
      [{ messageId: 'returnsInitializeResult', at: 'protocolVersion: version' }],
      { filename: 'file.js' },
    ),
    invalid(
      'L7: an initialize written to the message log and then sent is still reported',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        export async function hello(transport: { send(message: unknown): Promise<void> }, history: unknown[]) {
          const message = { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'inspector', version: '0.9.0' } } };
          history.push({ direction: 'sent', timestamp: Date.now(), message });
          await transport.send(message);
        }
      `,
      [{ messageId: 'sendsInitialize', at: "'initialize'", data: { method: 'initialize' } }],
    ),
  ],
});
