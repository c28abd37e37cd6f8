import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-request-meta.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `require-request-meta` (reference §1.2 and §15 rows L7, L8, CM5: the per-request
 * `_meta` envelope of hand-rolled clients; design.md principle 3 for the JSON-RPC of other
 * protocols and the SDK clients that must stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);
const method = (name: string) => ({ method: name });
const lacks = (name: string, missing: string) => ({ method: name, missing });
const versionKey = "'io.modelcontextprotocol/protocolVersion'";
const capabilitiesKey = "'io.modelcontextprotocol/clientCapabilities'";

const dualEra = code`
  export function listToolsRequest(era: 'legacy' | 'modern', id: number) {
    if (era === 'legacy') return { jsonrpc: '2.0', id, method: 'tools/list', params: {} };
    return { jsonrpc: '2.0', id, method: 'tools/list', params: {} };
  }
`;

/** Line and column of the `nth` occurrence of `text`, moved `offset` characters in. */
function positionOf(source: string, text: string, nth: number, offset: number): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < nth; i++) index = source.indexOf(text, index + 1);
  const before = source.slice(0, index + offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

const ruleTester = new RuleTester();

ruleTester.run('require-request-meta', rule, {
  valid: [
    valid(
      'a hand-rolled client that sends the full envelope',
      code`
        const META = {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientCapabilities': {},
          'io.modelcontextprotocol/clientInfo': { name: 'notes-cli', version: '1.0.0' },
        };
        let nextId = 0;

        export async function listTools(url: string) {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/list' },
            body: JSON.stringify({ jsonrpc: '2.0', id: ++nextId, method: 'tools/list', params: { _meta: META } }),
          });
          return res.json();
        }
      `,
    ),
    valid(
      'a builder that adds the envelope to every request, keys through the v2 constants',
      code`
        import { CLIENT_CAPABILITIES_META_KEY, CLIENT_INFO_META_KEY, PROTOCOL_VERSION_META_KEY } from '@modelcontextprotocol/client';

        const envelope = {
          [PROTOCOL_VERSION_META_KEY]: '2026-07-28',
          [CLIENT_CAPABILITIES_META_KEY]: { elicitation: {} },
          [CLIENT_INFO_META_KEY]: { name: 'bot', version: '2.0.0' },
        };

        let id = 0;
        function request(method: string, params: Record<string, unknown> = {}) {
          return { jsonrpc: '2.0' as const, id: ++id, method, params: { ...params, _meta: envelope } };
        }

        export const calls = [request('tools/list'), request('tools/call', { name: 'search', arguments: { q: 'mcp' } })];
      `,
    ),
    valid(
      'a class client whose request method merges the envelope in',
      code`
        export class McpHttpClient {
          private id = 0;
          constructor(private readonly url: string, private readonly meta: Record<string, unknown>) {}

          private async rpc(method: string, params?: object) {
            const body = { jsonrpc: '2.0', id: ++this.id, method, params: { ...params, _meta: this.meta } };
            return (await fetch(this.url, { method: 'POST', body: JSON.stringify(body) })).json();
          }

          listTools() {
            return this.rpc('tools/list');
          }
        }
      `,
    ),
    valid(
      'params from elsewhere (a proxy forwarding what it received) cannot be seen',
      code`
        export async function forward(upstream: { send(message: unknown): Promise<void> }, incoming: { id: number; params: unknown }) {
          await upstream.send({ jsonrpc: '2.0', id: incoming.id, method: 'tools/call', params: incoming.params });
        }
      `,
    ),
    valid(
      'notifications, responses and the handshake are not checked here',
      code`
        export const cancelled = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 3 } };
        export const response = { jsonrpc: '2.0', id: 3, result: { tools: [] } };
        export const hello = { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo } };
        export const ping = { jsonrpc: '2.0', id: 9, method: 'ping' };
      `,
    ),
    valid(
      'embedded input requests of an input_required result are not JSON-RPC requests',
      code`
        export function askForConfirmation() {
          return {
            resultType: 'input_required',
            inputRequests: {
              confirm: { method: 'elicitation/create', params: { message: 'Delete it?', requestedSchema: { type: 'object', properties: {} } } },
              roots: { method: 'roots/list' },
            },
          };
        }
      `,
    ),
    valid(
      'SDK clients add the envelope themselves',
      code`
        import { Client } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'c', version: '1' }, { versionNegotiation: { mode: 'auto' } });
        await client.request({ method: 'tools/list', params: {} });
        await client.callTool({ name: 'search', arguments: {} });
      `,
    ),
    valid(
      'test expectations about what a proxy received',
      code`
        import { expect, it } from 'vitest';

        it('forwards the call', () => {
          expect(upstream.sent).toEqual([{ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x' } }]);
          expect(upstream.sent[0]).toMatchObject({ method: 'tools/list' });
        });
      `,
    ),
    valid(
      "a migrated server's tests that send a request without the envelope on purpose",
      code`
        import request from 'supertest';
        import { describe, expect, it } from 'vitest';

        describe('envelope validation', () => {
          it('rejects a request without _meta with -32602', async () => {
            const res = await request(app).post('/mcp').send({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
            expect(res.status).toBe(400);
          });
          it('answers a request that is missing params', async () => {
            await post({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
          });
        });
      `,
    ),
    // Other protocols' JSON-RPC.
    valid(
      'Ethereum JSON-RPC over HTTP',
      code`
        export async function blockNumber(rpcUrl: string) {
          const res = await fetch(rpcUrl, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
          });
          return (await res.json()).result;
        }
      `,
    ),
    valid(
      'LSP requests',
      code`
        connection.sendRequest({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri }, position } });
        writer.write({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri, capabilities: {} } });
      `,
    ),
    valid(
      "A2A's tasks/get and tasks/cancel (params.id, not params.taskId)",
      code`
        export async function pollTask(agentUrl: string, id: string) {
          const res = await fetch(agentUrl, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ jsonrpc: '2.0', id: crypto.randomUUID(), method: 'tasks/get', params: { id, historyLength: 10 } }),
          });
          await fetch(agentUrl, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tasks/cancel', params: { id } }) });
          return res.json();
        }
      `,
    ),
    valid(
      'a generic JSON-RPC helper never called with an MCP method',
      code`
        let n = 0;
        export function call(method: string, params?: unknown) {
          return { jsonrpc: '2.0', id: ++n, method, params };
        }
        call('eth_getBalance', ['0xabc', 'latest']);
      `,
    ),
    // Requests recorded or described, not sent.
    valid(
      'network-panel entries recording requests already sent (sentAt/response, and a JSON.stringify body stamped new Date())',
      code`
        type NetworkEntry = { sentAt: Date; request: unknown; response?: unknown };

        // What the network panel shows before anything has been sent: a recorded exchange.
        export const recorded: NetworkEntry[] = [
          {
            sentAt: new Date('2025-11-02T10:00:00Z'),
            request: { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'search', arguments: { q: 'mcp' } } },
            response: { jsonrpc: '2.0', id: 7, result: { content: [] } },
          },
        ];
        export const logLine = { at: new Date(), body: JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'tools/list' }) };
      `,
    ),
    valid(
      'a test fixture of a tools/call read only for its fields',
      code`
        import { expect, it } from 'vitest';
        import { titleFor } from '../src/panel.js';

        it('titles a tools/call after its tool', () => {
          const request = { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'search', arguments: {} } };
          expect(titleFor(request.method, request.params.name)).toBe('search()');
        });
      `,
    ),
    // Requests a test feeds to the unit it exercises, not to an MCP server.
    valid(
      'requests handed to a predicate, an id extractor and a middleware whose answers the test checks in place',
      code`
        import { describe, expect, it } from 'vitest';
        import { isListRequest, requestIdOf } from '../src/messages.js';
        import { scopeCheck } from '../src/scopes.js';

        describe('message helpers', () => {
          it('reads the id of a request', () => {
            expect(requestIdOf({ jsonrpc: '2.0', id: 7, method: 'tools/list' })).toBe(7);
          });
          it('classifies list requests', () => {
            const list = { jsonrpc: '2.0', id: 1, method: 'prompts/list', params: {} };
            expect(isListRequest(list)).toBe(true);
          });
          it('answers 403 to a tool call when the token lacks the scope', () => {
            const result = scopeCheck({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'deploy', arguments: {} } }, 'token-without-scope');
            expect(result.status).toBe(403);
          });
        });
      `,
    ),
    valid(
      "messages pushed through a transport's doubles: a fake class, a mocked fetchFn, an object of vi.fn() methods",
      code`
        import { expect, it, vi } from 'vitest';
        import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
        import { LoggingTransport } from '../src/logging-transport.js';
        import { ProxyTransport } from '../src/proxy-transport.js';
        import { relayToBus } from '../src/relay.js';

        class RecordingTransport implements Transport {
          sent: JSONRPCMessage[] = [];
          async start() {}
          async close() {}
          async send(message: JSONRPCMessage) {
            this.sent.push(message);
          }
        }

        it('logs what it forwards', async () => {
          const inner = new RecordingTransport();
          const logged = new LoggingTransport(inner, { log: vi.fn() });
          const request = { jsonrpc: '2.0', id: 1, method: 'tools/list' } as const;
          await logged.send(request);
          expect(inner.sent).toEqual([request]);
        });

        it('retries a send after a 401', async () => {
          const fetchFn = vi.fn<typeof fetch>().mockResolvedValueOnce(new Response(null, { status: 401 })).mockResolvedValue(Response.json({ ok: true }));
          const transport = new ProxyTransport({ baseUrl: 'http://proxy.test', fetchFn });
          await transport.send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo' } });
          expect(fetchFn).toHaveBeenCalledTimes(2);
        });

        it('publishes what the client transport receives', async () => {
          const clientSide: Transport = { start: vi.fn(), close: vi.fn(), send: vi.fn() };
          await relayToBus('session-1', clientSide);
          clientSide.onmessage?.({ jsonrpc: '2.0', id: 3, method: 'resources/read', params: { uri: 'notes://1' } });
          expect(clientSide.send).not.toHaveBeenCalled();
        });
      `,
    ),
    valid(
      "a message in a relay's envelope, published to an in-memory bus",
      code`
        import { expect, it } from 'vitest';
        import { MemoryBus } from '../src/bus.js';
        import { SessionRelay } from '../src/relay.js';

        it('delivers bus messages to the session', async () => {
          const bus = new MemoryBus();
          const relay = new SessionRelay(bus, 'session-1');
          const received: unknown[] = [];
          relay.onmessage = (message) => received.push(message);
          const request = { jsonrpc: '2.0', id: 'r1', method: 'tools/list', params: {} };
          await bus.publish('to-server:session-1', JSON.stringify({ type: 'mcp', message: request }));
          expect(received).toEqual([request]);
        });
      `,
    ),
  ],
  invalid: [
    // L8: no params at all.
    invalid(
      'tools/list without params (L8)',
      code`
        export async function listTools(url: string) {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
          });
          return res.json();
        }
      `,
      [{ messageId: 'missingParams', at: "'tools/list'", data: method('tools/list') }],
    ),
    // L7/L8: params without _meta.
    invalid(
      'tools/call with params but no _meta (L7)',
      code`
        const message = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'search', arguments: { q: 'x' } } };
        socket.send(JSON.stringify(message));
      `,
      [{ messageId: 'missingMeta', at: "{ name: 'search', arguments: { q: 'x' } }", data: method('tools/call') }],
    ),
    invalid(
      'a request builder with the method as a parameter: reported at each call',
      code`
        let id = 0;
        function rpc(method: string, params?: Record<string, unknown>) {
          return { jsonrpc: '2.0', id: ++id, method, params };
        }

        export const list = rpc('tools/list');
        export const read = rpc('resources/read', { uri: 'notes://1' });
        export const other = rpc('eth_chainId');
      `,
      [
        { messageId: 'missingParams', at: "'tools/list'", data: method('tools/list') },
        { messageId: 'missingMeta', at: "{ uri: 'notes://1' }", data: method('resources/read') },
      ],
    ),
    invalid(
      'a class client: this.rpc(method, params) building the message before fetch',
      code`
        export class NotesClient {
          private nextId = 1;
          constructor(private readonly endpoint: string) {}

          private async rpc(method: string, params?: unknown) {
            const res = await fetch(this.endpoint, {
              method: 'POST',
              headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
              body: JSON.stringify({ jsonrpc: '2.0', id: this.nextId++, method, params }),
            });
            return res.json();
          }

          listPrompts() {
            return this.rpc('prompts/list', {});
          }

          getPrompt(name: string) {
            return this.rpc('prompts/get', { name, arguments: {} });
          }
        }
      `,
      [
        { messageId: 'missingMeta', at: '{}', inside: "this.rpc('prompts/list', {})", data: method('prompts/list') },
        { messageId: 'missingMeta', at: '{ name, arguments: {} }', data: method('prompts/get') },
      ],
    ),
    // The envelope is there but incomplete.
    invalid(
      '_meta with clientInfo only (the non-conforming blog example)',
      code`
        const body = {
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: { name: 'get_weather', arguments: { city: 'Paris' }, _meta: { 'io.modelcontextprotocol/clientInfo': { name: 'w', version: '1' } } },
        };
        await fetch(url, { method: 'POST', body: JSON.stringify(body) });
      `,
      [
        {
          messageId: 'missingMetaKeys',
          at: "{ 'io.modelcontextprotocol/clientInfo': { name: 'w', version: '1' } }",
          data: lacks('tools/call', `${versionKey} and ${capabilitiesKey}`),
        },
      ],
    ),
    invalid(
      'CM5: capabilities declared once, not in each request (keys through v1-era constants in this file)',
      code`
        const VERSION_KEY = 'io.modelcontextprotocol/protocolVersion';
        const meta = { [VERSION_KEY]: '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'n', version: '1' } };

        export const discover = { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: meta } };
      `,
      [{ messageId: 'missingMetaKeys', at: "{ [VERSION_KEY]: '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'n', version: '1' } }", data: lacks('server/discover', capabilitiesKey) }],
    ),
    invalid(
      'SHOULD: no clientInfo (v2 constants, namespace import)',
      code`
        import * as mcp from '@modelcontextprotocol/client';

        export const listen = {
          jsonrpc: '2.0',
          id: 4,
          method: 'subscriptions/listen',
          params: { notifications: { toolsListChanged: true }, _meta: { [mcp.PROTOCOL_VERSION_META_KEY]: '2026-07-28', [mcp.CLIENT_CAPABILITIES_META_KEY]: {} } },
        };
      `,
      [
        {
          messageId: 'missingClientInfo',
          at: "{ [mcp.PROTOCOL_VERSION_META_KEY]: '2026-07-28', [mcp.CLIENT_CAPABILITIES_META_KEY]: {} }",
          data: method('subscriptions/listen'),
        },
      ],
    ),
    invalid(
      'aliased v2 constant import, missing capabilities',
      code`
        import { PROTOCOL_VERSION_META_KEY as VERSION } from '@modelcontextprotocol/server';

        export const read = { jsonrpc: '2.0', id: 2, method: 'resources/read', params: { uri: 'notes://a', _meta: { [VERSION]: '2026-07-28' } } };
      `,
      [{ messageId: 'missingMetaKeys', at: "{ [VERSION]: '2026-07-28' }", data: lacks('resources/read', capabilitiesKey) }],
    ),
    invalid(
      'the Tasks extension: tasks/get with a taskId',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        export const poll = (taskId: string) => ({ jsonrpc: '2.0', id: 5, method: 'tasks/get', params: { taskId } });
      `,
      [{ messageId: 'missingMeta', at: '{ taskId }', data: method('tasks/get') }],
    ),
    // JavaScript, CommonJS, stdio.
    invalid(
      'a stdio client in CommonJS JavaScript',
      code`
        const { spawn } = require('node:child_process');

        const child = spawn('notes-server', [], { stdio: ['pipe', 'pipe', 'inherit'] });
        let id = 0;
        function send(method, params) {
          child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) + '\\n');
        }
        send('completion/complete', { ref: { type: 'ref/prompt', name: 'greet' }, argument: { name: 'who', value: 'A' } });
        send('resources/templates/list');
      `,
      [
        { messageId: 'missingMeta', at: "{ ref: { type: 'ref/prompt', name: 'greet' }, argument: { name: 'who', value: 'A' } }", data: method('completion/complete') },
        { messageId: 'missingParams', at: "'resources/templates/list'", data: method('resources/templates/list') },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'a v1 SDK transport sending a raw request (the transport adds nothing)',
      code`
        import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

        const transport = new StdioClientTransport({ command: 'notes-server' });
        await transport.start();
        await transport.send({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
      `,
      [{ messageId: 'missingMeta', at: '{}', inside: 'params: {} }', data: method('tools/list') }],
    ),
    // Dual-era clients keep 2025 requests for 2025 servers on purpose.
    {
      name: 'a 2025 request behind a legacy-era check is reported as servesLegacyClients',
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
      code: dualEra,
      errors: [
        {
          messageId: 'servesLegacyClients',
          ...positionOf(dualEra, 'params: {} };', 1, 8),
          data: { message: rule.meta.messages.missingMeta.replace('{{method}}', 'tools/list'), gate: "behind `era === 'legacy'`" },
        },
        { messageId: 'missingMeta', ...positionOf(dualEra, 'params: {} };', 2, 8), data: method('tools/list') },
      ],
    },
    // Tests whose requests reach an MCP server.
    invalid(
      'a message pushed through a double into a server the test connects, and one a test sends to the server under test',
      code`
        import { expect, it, vi } from 'vitest';
        import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
        import { BusServerTransport, relayToBus } from '../src/relay.js';
        import { buildServer } from '../src/server.js';
        import { handleMcpPost } from '../src/http.js';

        it('answers tools/list through the relay', async () => {
          const server = buildServer();
          await server.connect(new BusServerTransport('session-1'));
          const clientSide: Transport = { start: vi.fn(), close: vi.fn(), send: vi.fn() };
          await relayToBus('session-1', clientSide);
          clientSide.onmessage?.({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
          await vi.waitFor(() => expect(clientSide.send).toHaveBeenCalled());
        });

        it('serves prompts/list over HTTP', async () => {
          const response = await handleMcpPost({ jsonrpc: '2.0', id: 2, method: 'prompts/list' });
          expect(response.status).toBe(200);
        });
      `,
      [
        { messageId: 'missingMeta', at: '{}', inside: "method: 'tools/list', params: {} }", data: method('tools/list') },
        { messageId: 'missingParams', at: "'prompts/list'", data: method('prompts/list') },
      ],
    ),
    // Logged or queued, and sent all the same.
    invalid(
      'a request written to the log and then sent is still reported',
      code`
        export function callTool(socket: WebSocket, log: unknown[], name: string) {
          const request = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name, arguments: {} } };
          log.push({ sentAt: new Date(), request });
          socket.send(JSON.stringify(request));
        }
      `,
      [{ messageId: 'missingMeta', at: '{ name, arguments: {} }', data: method('tools/call') }],
    ),
    invalid(
      'an offline outbox item stamped queuedAt: Date.now() goes out later: still reported',
      code`
        const outbox: { queuedAt: number; message: unknown }[] = [];

        // Calls made while offline wait here and go out when the socket reconnects.
        export function callTool(name: string) {
          outbox.push({ queuedAt: Date.now(), message: { jsonrpc: '2.0', id: outbox.length + 1, method: 'tools/call', params: { name, arguments: {} } } });
        }
        export function flush(socket: WebSocket) {
          for (const item of outbox.splice(0)) socket.send(JSON.stringify(item.message));
        }
      `,
      [{ messageId: 'missingMeta', at: '{ name, arguments: {} }', data: method('tools/call') }],
    ),
  ],
});
