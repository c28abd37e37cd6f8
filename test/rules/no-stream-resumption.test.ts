import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-stream-resumption.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-stream-resumption` (reference §2.1 and §15 rows H7, C4, H18, and the
 * last-event-id part of H17; design.md principle 3 for the EventSource feeds, event-sourcing
 * stores, `Last-Modified`/`ETag` handling and other SSE features that must stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);
const legacyReport = { 'mcp-migrate': { legacyGated: 'report' as const } };

const storeClass = { what: 'A class implementing the SDK `EventStore`' };
const storeShape = { what: 'An event store (`storeEvent`/`replayEventsAfter`)' };

const ruleTester = new RuleTester();

ruleTester.run('no-stream-resumption', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // 2026-07-28 shapes.
    // ---------------------------------------------------------------------------------
    valid(
      'v2 createMcpHandler, stateless v1 transport without resumption options',
      code`
        import { createMcpHandler } from '@modelcontextprotocol/server';
        import { toNodeHandler } from '@modelcontextprotocol/node';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        app.all('/mcp', toNodeHandler(createMcpHandler(() => buildServer())));
        export const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, eventStore: undefined });
      `,
    ),
    valid(
      'hand-rolled MCP SSE response with X-Accel-Buffering and event/data lines only',
      code`
        export async function handleMcp(req: IncomingMessage, res: ServerResponse, message: { id: number; method: string }) {
          if (message.method !== 'tools/call') return;
          res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
          res.write(\`event: message\\ndata: \${JSON.stringify(await callTool(message))}\\n\\n\`);
          res.write(': keep-alive\\n\\n');
          res.end();
        }
      `,
    ),
    // Tests of migrated servers assert the header is ignored.
    valid(
      'tests asserting Last-Event-ID is not sent',
      code`
        import { expect, it } from 'vitest';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

        it('does not resume', async () => {
          const request = await captured;
          expect(request.headers.get('last-event-id')).toBeNull();
        });
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Other features' SSE, generic EventSource clients, Last-Modified/ETag.
    // ---------------------------------------------------------------------------------
    valid(
      'a web UI event feed with resumption beside the MCP endpoint',
      code`
        import express from 'express';
        import { createMcpHandler } from '@modelcontextprotocol/server';
        import { toNodeHandler } from '@modelcontextprotocol/node';

        const app = express();
        app.all('/mcp', toNodeHandler(createMcpHandler(() => buildServer())));
        app.get('/events', (req, res) => {
          const lastId = Number(req.headers['last-event-id'] ?? 0);
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          for (const event of history.after(lastId)) res.write(\`id: \${event.id}\\ndata: \${JSON.stringify(event)}\\n\\n\`);
          res.write('retry: 5000\\n\\n');
        });
        app.get('/api/notes/:id', (req, res) => {
          if (req.headers['if-none-match'] === etag) return res.sendStatus(304);
          res.set('Last-Modified', updatedAt.toUTCString()).json(note);
        });
      `,
    ),
    valid(
      'an exported feed helper that reads Last-Event-ID, in an MCP server file',
      code`
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        export const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
        export function auditFeedCursor(req: IncomingMessage): number {
          return Number(req.headers['last-event-id'] ?? 0);
        }
      `,
    ),
    valid(
      'a browser EventSource client of a non-MCP feed that sends Last-Event-ID',
      code`
        export function follow(url: string, lastEventId?: string) {
          const source = new EventSource(url);
          source.addEventListener('message', (e) => console.log(e.lastEventId, e.data));
          return fetch(url, { headers: { Accept: 'text/event-stream', 'Last-Event-ID': lastEventId ?? '' } });
        }
      `,
    ),
    valid(
      'event sourcing: eventStore.append, EventStoreDB, an app EventStore interface',
      code`
        import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        interface EventStore {
          append(stream: string, events: unknown[]): Promise<void>;
        }
        class PostgresEventStore implements EventStore {
          async append(stream: string, events: unknown[]) {}
        }
        const eventStore: EventStore = new PostgresEventStore();
        const client = EventStoreDBClient.connectionString('esdb://localhost:2113');
        await client.appendToStream('orders', jsonEvent({ type: 'created', data: {} }));
        await eventStore.append('orders', []);
        export const config = { eventStore, retryInterval: 1000 };
      `,
    ),
    valid(
      "OAI-PMH harvesting's resumptionToken in an MCP server file",
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        export async function harvest(base: string, resumptionToken?: string) {
          const page = await oai.listRecords({ metadataPrefix: 'oai_dc', resumptionToken });
          return page.resumptionToken ? harvest(base, page.resumptionToken) : page;
        }
      `,
    ),
    valid(
      'a CORS list with Last-Event-ID for a non-MCP app',
      code`
        import cors from 'cors';

        app.use(cors({ allowedHeaders: ['Content-Type', 'Last-Event-ID'] }));
      `,
    ),
    valid(
      'Hono writeSSE with an id for a chat stream',
      code`
        import { Hono } from 'hono';
        import { streamSSE } from 'hono/streaming';

        const app = new Hono();
        app.get('/chat/stream', (c) =>
          streamSSE(c, async (stream) => {
            for await (const token of llm.stream(prompt)) await stream.writeSSE({ id: String(token.index), data: token.text });
          }),
        );
      `,
    ),
    // H18 is about responses a server sends through proxies: a traffic panel's record of a
    // response and a client test's fake SSE response are neither.
    valid(
      'a traffic panel entry recording an MCP SSE response',
      code`
        import type { TrafficRow } from '../panel/types';

        export const sseRow: TrafficRow = {
          url: 'http://127.0.0.1:8080/mcp',
          method: 'POST',
          requestHeaders: { accept: 'text/event-stream', 'mcp-protocol-version': '2025-06-18' },
          requestBody: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
          responseStatus: 200,
          responseHeaders: { 'content-type': 'text/event-stream' },
          elapsedMs: 31,
        };
      `,
    ),
    valid(
      'a vitest client test feeding the client a fake MCP SSE response through a mocked fetch',
      code`
        import { expect, it, vi } from 'vitest';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

        function fakeStream(frames: string[]): Response {
          const body = new ReadableStream<Uint8Array>({
            start(controller) {
              for (const frame of frames) controller.enqueue(new TextEncoder().encode(frame));
              controller.close();
            },
          });
          return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
        }

        it('reads a tools/list result from the stream', async () => {
          const fetchSpy = vi.fn().mockResolvedValueOnce(fakeStream(['event: message\\ndata: {"jsonrpc":"2.0","id":1,"result":{"tools":[]}}\\n\\n']));
          const transport = new StreamableHTTPClientTransport(new URL('http://localhost/mcp'), { fetch: fetchSpy });
          await transport.send({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
          expect(fetchSpy).toHaveBeenCalledOnce();
        });
      `,
    ),
  ],

  invalid: [
    // ---------------------------------------------------------------------------------
    // H7: the v1 resumability example.
    // ---------------------------------------------------------------------------------
    invalid(
      'H7: new InMemoryEventStore() and the eventStore/retryInterval options (SDK v1)',
      code`
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
        import { InMemoryEventStore } from '@modelcontextprotocol/sdk/examples/shared/inMemoryEventStore.js';

        const eventStore = new InMemoryEventStore();
        const transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          eventStore,
          retryInterval: 2000,
        });
      `,
      [
        { messageId: 'usesEventStore', at: 'new InMemoryEventStore()', data: { what: '`new InMemoryEventStore()`' } },
        { messageId: 'configuresResumption', at: 'eventStore', inside: 'eventStore,', data: { option: 'eventStore', className: 'StreamableHTTPServerTransport' } },
        { messageId: 'configuresResumption', at: 'retryInterval: 2000', data: { option: 'retryInterval', className: 'StreamableHTTPServerTransport' } },
      ],
    ),
    invalid(
      'H7: a Redis EventStore implementation and the v2 Node transport (options in a constant)',
      code`
        import type { EventStore, EventId, StreamId } from '@modelcontextprotocol/server';
        import type { JSONRPCMessage } from '@modelcontextprotocol/server';
        import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

        export class RedisEventStore implements EventStore {
          async storeEvent(streamId: StreamId, message: JSONRPCMessage): Promise<EventId> {
            return redis.xadd(streamId, '*', 'message', JSON.stringify(message));
          }
          async replayEventsAfter(lastEventId: EventId, { send }: { send: (id: EventId, m: JSONRPCMessage) => Promise<void> }) {
            return replay(lastEventId, send);
          }
        }
        const options = { sessionIdGenerator: () => crypto.randomUUID(), eventStore: new RedisEventStore() };
        export const transport = new NodeStreamableHTTPServerTransport(options);
        export function storeFor(tenant: string): EventStore {
          return stores.get(tenant);
        }
      `,
      [
        { messageId: 'usesEventStore', at: 'EventStore', inside: 'implements EventStore', data: storeClass },
        { messageId: 'configuresResumption', at: 'eventStore: new RedisEventStore()', data: { option: 'eventStore', className: 'NodeStreamableHTTPServerTransport' } },
        { messageId: 'usesEventStore', at: 'EventStore', inside: '): EventStore {', data: { what: 'The SDK `EventStore`' } },
      ],
    ),
    invalid(
      'H7: a plain-object event store in JavaScript, required from SDK v1',
      code`
        const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js');

        const events = new Map();
        const store = {
          async storeEvent(streamId, message) {
            const id = \`\${streamId}_\${Date.now()}\`;
            events.set(id, { streamId, message });
            return id;
          },
          async replayEventsAfter(lastEventId, { send }) {
            return replayFrom(events, lastEventId, send);
          },
        };
        module.exports = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), eventStore: store });
      `,
      [
        { messageId: 'usesEventStore', at: 'storeEvent', data: storeShape },
        { messageId: 'configuresResumption', at: 'eventStore: store', data: { option: 'eventStore', className: 'StreamableHTTPServerTransport' } },
      ],
      { filename: 'file.js' },
    ),
    // Hand-rolled servers: Last-Event-ID reads (any case, through a constant) and SSE id/retry lines.
    invalid(
      'H7: a hand-rolled MCP server replaying after Last-Event-ID and writing id:/retry: lines',
      code`
        import { createServer } from 'node:http';

        const LAST_EVENT_ID = 'Last-Event-ID';

        createServer(async (req, res) => {
          const sessionId = req.headers['mcp-session-id'];
          if (req.method === 'GET') {
            const from = req.headers['last-event-id'] ?? req.headers[LAST_EVENT_ID.toLowerCase()];
            res.writeHead(200, { 'Content-Type': 'text/event-stream', 'X-Accel-Buffering': 'no' });
            res.write('retry: 3000\\n\\n');
            for (const event of backlog(String(sessionId), from)) {
              res.write(\`id: \${event.id}\\nevent: message\\ndata: \${JSON.stringify(event.message)}\\n\\n\`);
            }
          }
        });
      `,
      [
        { messageId: 'readsLastEventId', at: "'last-event-id'" },
        { messageId: 'readsLastEventId', at: 'LAST_EVENT_ID.toLowerCase()' },
        { messageId: 'writesSseEventId', at: "'retry: 3000\\n\\n'", data: { field: 'retry' } },
        {
          messageId: 'writesSseEventId',
          at: '`id: ${event.id}\\nevent: message\\ndata: ${JSON.stringify(event.message)}\\n\\n`',
          data: { field: 'id' },
        },
      ],
    ),
    invalid(
      'H7: Hono route on the MCP endpoint reading the header and writing writeSSE ids',
      code`
        import { Hono } from 'hono';
        import { streamSSE } from 'hono/streaming';

        const app = new Hono();
        app.get('/mcp', (c) => {
          const session = sessions.get(c.req.header('mcp-session-id') ?? '');
          const after = c.req.header('Last-Event-Id');
          return streamSSE(c, async (stream) => {
            for (const event of session.replay(after)) await stream.writeSSE({ id: event.id, data: JSON.stringify(event.message) });
          });
        });
      `,
      [
        { messageId: 'readsLastEventId', at: "'Last-Event-Id'" },
        { messageId: 'writesSseEventId', at: 'id: event.id', data: { field: 'id' } },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // C4: clients.
    // ---------------------------------------------------------------------------------
    invalid(
      'C4: SDK client resumption tokens and reconnectionOptions (SDK v1)',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
        import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

        const transport = new StreamableHTTPClientTransport(new URL(url), {
          reconnectionOptions: { initialReconnectionDelay: 1000, maxReconnectionDelay: 30000, reconnectionDelayGrowFactor: 1.5, maxRetries: 5 },
        });
        const client = new Client({ name: 'long-runner', version: '1.0.0' });
        await client.connect(transport);
        const result = await client.request({ method: 'tools/call', params: { name: 'build', arguments: {} } }, CallToolResultSchema, {
          resumptionToken: saved.token,
          onresumptiontoken: (token) => saved.save(token),
        });
      `,
      [
        {
          messageId: 'resumesClientStream',
          at: 'reconnectionOptions: { initialReconnectionDelay: 1000, maxReconnectionDelay: 30000, reconnectionDelayGrowFactor: 1.5, maxRetries: 5 }',
          data: { what: 'The `reconnectionOptions` option of StreamableHTTPClientTransport' },
        },
        { messageId: 'resumesClientStream', at: 'resumptionToken: saved.token', data: { what: 'The `resumptionToken` request option' } },
        { messageId: 'resumesClientStream', at: 'onresumptiontoken: (token) => saved.save(token)', data: { what: 'The `onresumptiontoken` request option' } },
      ],
    ),
    invalid(
      'C4: v2 client transport resumeStream() and send options, aliased and namespace imports',
      code`
        import * as mcp from '@modelcontextprotocol/client';
        import { StreamableHTTPClientTransport as HttpTransport } from '@modelcontextprotocol/client';

        export async function resume(transport: HttpTransport, lastEventId: string) {
          await transport.resumeStream(lastEventId, { onresumptiontoken: persist });
        }
        export async function sendWithResume(transport: mcp.StreamableHTTPClientTransport, message: mcp.JSONRPCMessage) {
          await transport.send(message, { resumptionToken: await load() });
        }
      `,
      [
        { messageId: 'resumesClientStream', at: 'transport.resumeStream(lastEventId, { onresumptiontoken: persist })', data: { what: '`resumeStream()`' } },
        { messageId: 'resumesClientStream', at: 'resumptionToken: await load()', data: { what: 'The `resumptionToken` request option' } },
      ],
    ),
    invalid(
      'C4: a hand-rolled client reconnect loop that sends Last-Event-ID (JavaScript)',
      code`
        async function reconnect(url, sessionId, lastEventId) {
          const headers = new Headers({ Accept: 'text/event-stream', 'mcp-session-id': sessionId });
          headers.set('Last-Event-ID', lastEventId);
          return fetch(url, { headers });
        }
        async function reconnectPlain(url, sessionId, lastEventId) {
          return fetch(url, { headers: { 'Mcp-Session-Id': sessionId, 'last-event-id': lastEventId } });
        }
      `,
      [
        { messageId: 'sendsLastEventId', at: "'Last-Event-ID'" },
        { messageId: 'sendsLastEventId', at: "'last-event-id'" },
      ],
      { filename: 'file.js' },
    ),

    // ---------------------------------------------------------------------------------
    // H17 (the Last-Event-ID entry) and H18.
    // ---------------------------------------------------------------------------------
    invalid(
      'H17: Last-Event-ID in CORS lists next to MCP headers',
      code`
        import cors from 'cors';

        app.use(
          cors({
            allowedHeaders: ['Content-Type', 'mcp-session-id', 'Last-Event-ID', 'mcp-protocol-version'],
            exposedHeaders: 'mcp-session-id, last-event-id',
          }),
        );
      `,
      [
        { messageId: 'listsLastEventIdInCors', at: "'Last-Event-ID'", data: { key: 'allowedHeaders' } },
        { messageId: 'listsLastEventIdInCors', at: "'mcp-session-id, last-event-id'", data: { key: 'exposedHeaders' } },
      ],
    ),
    invalid(
      'H18: a hand-rolled MCP SSE response without X-Accel-Buffering',
      code`
        export async function respond(message: { id: number; method: string }, res: ServerResponse) {
          if (message.method === 'tools/call') {
            res.setHeader('Content-Type', 'text/event-stream');
            res.write(\`event: message\\ndata: \${JSON.stringify(await run(message))}\\n\\n\`);
            return res.end();
          }
          return new Response(stream, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
        }
      `,
      [
        { messageId: 'missingAccelBuffering', at: "'text/event-stream'" },
        { messageId: 'missingAccelBuffering', at: "'text/event-stream; charset=utf-8'" },
      ],
    ),

    // Dual-era: resumption kept for 2025 clients behind isLegacyRequest().
    {
      ...invalid(
        'legacy-gated Last-Event-ID read is reported as servesLegacyClients',
        code`
          import { isLegacyRequest, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';

          const legacy = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });
          export async function handle(request: Request) {
            if (await isLegacyRequest(request)) {
              audit(request.headers.get('last-event-id'));
              return legacy.handleRequest(request);
            }
            return modern.fetch(request);
          }
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: "'last-event-id'",
            data: { message: rule.meta.messages.readsLastEventId, gate: 'behind `await isLegacyRequest(request)`' },
          },
        ],
      ),
      settings: legacyReport,
    },
  ],
});
