import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-legacy-subscriptions.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-legacy-subscriptions` (catalogue rows S1–S4 and H15; design.md principle 3 for
 * the other subscribe and broadcast mechanisms that must stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);

const sdkHint = ' On SDK v2, publish with `handler.notify.*()` on the `createMcpHandler` result.';
const subscribe = (method = 'resources/subscribe') => ({ method });
const calls = (method: 'subscribeResource' | 'unsubscribeResource') => ({
  method,
  request: method === 'subscribeResource' ? 'resources/subscribe' : 'resources/unsubscribe',
});
const sends = (method: string, notification: string, replacement: string) => ({ method, notification, replacement });
const writes = (method: string, filter: string, hint = '') => ({ method, filter, sdkHint: hint });
const waits = (method: string, filter: string) => ({ method, filter });

const ruleTester = new RuleTester();

ruleTester.run('no-legacy-subscriptions', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // Already migrated: listen streams, handler.notify, serveStdio.
    // ---------------------------------------------------------------------------------
    valid(
      'SDK v2 createMcpHandler publishing with handler.notify; capabilities keep their names',
      code`
        import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
        import { toNodeHandler } from '@modelcontextprotocol/node';

        function buildServer() {
          return new McpServer(
            { name: 'notes', version: '1.0.0' },
            { capabilities: { tools: { listChanged: true }, resources: { subscribe: true, listChanged: true } } },
          );
        }
        const handler = createMcpHandler(() => buildServer());
        app.all('/mcp', toNodeHandler(handler));
        notes.on('saved', (id) => {
          handler.notify.resourceUpdated(\`notes://\${id}\`);
          handler.notify.resourcesChanged();
        });
      `,
    ),
    valid(
      'SDK v2 serveStdio routes the instance’s send*ListChanged() calls to listen streams',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import { serveStdio } from '@modelcontextprotocol/server/stdio';

        serveStdio(() => {
          const server = new McpServer({ name: 'notes', version: '1.0.0' });
          watcher.on('change', () => {
            server.sendToolListChanged();
            server.server.sendResourceUpdated({ uri: 'notes://index' });
          });
          return server;
        });
      `,
    ),
    valid(
      'SDK v2 client that opens a listen stream',
      code`
        import { Client } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'watch', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
        client.setNotificationHandler('notifications/resources/updated', (n) => refresh(n.params.uri));
        client.setNotificationHandler('notifications/tools/list_changed', () => reloadTools());
        const subscription = await client.listen({ toolsListChanged: true, resourceSubscriptions: ['notes://index'] });
      `,
    ),
    valid(
      'SDK v2 client whose listChanged option opens the listen stream',
      code`
        import { Client } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'watch', version: '1.0.0' }, { listChanged: { tools: { onChanged: reloadTools } } });
        client.setNotificationHandler('notifications/tools/list_changed', () => audit.record('tools changed'));
      `,
    ),
    valid(
      'a hand-rolled 2026-07-28 server: subscribe answered with 404/-32601, notifications on listen streams',
      code`
        app.post('/mcp', async (req, res) => {
          const { id, method, params } = req.body;
          switch (method) {
            case 'resources/subscribe':
            case 'resources/unsubscribe':
              return res.status(404).json({ jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
            case 'subscriptions/listen': {
              const stream = openSse(res);
              stream.send({ jsonrpc: '2.0', method: 'notifications/subscriptions/acknowledged', params: { _meta: { 'io.modelcontextprotocol/subscriptionId': id }, notifications: params.notifications } });
              tools.on('changed', () =>
                stream.send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed', params: { _meta: { 'io.modelcontextprotocol/subscriptionId': id } } }),
              );
              return;
            }
          }
        });
      `,
    ),
    valid(
      'a hand-rolled if-chain that answers subscribe through a methodNotFound helper',
      code`
        export function route(message: JsonRpcRequest) {
          if (message.method === 'resources/subscribe' || message.method === 'resources/unsubscribe') return methodNotFound(message.id);
          if (message.method === 'resources/read') return read(message.params.uri);
        }
      `,
    ),
    valid(
      'SDK v2 constant for the subscription id key',
      code`
        import { SUBSCRIPTION_ID_META_KEY } from '@modelcontextprotocol/server';

        export function changed(stream: SseStream, listenId: number) {
          stream.send({ jsonrpc: '2.0', method: 'notifications/prompts/list_changed', params: { _meta: { [SUBSCRIPTION_ID_META_KEY]: listenId } } });
        }
      `,
    ),
    valid(
      'tests: a conformance check that subscribe is gone, and an expected notification',
      code`
        import { expect, it } from 'vitest';

        it('answers resources/subscribe with 404', async () => {
          const res = await post({ jsonrpc: '2.0', id: 1, method: 'resources/subscribe', params: { uri: 'notes://a' } });
          expect(res.status).toBe(404);
        });

        it('delivers list_changed on the listen stream', async () => {
          const received = await collect(stream);
          expect(received).toContainEqual({ jsonrpc: '2.0', method: 'notifications/tools/list_changed', params: expect.anything() });
        });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Lookalikes: other subscribe and broadcast mechanisms, in an MCP server file.
    // ---------------------------------------------------------------------------------
    valid(
      'RxJS, EventEmitter, Redis pub/sub, GraphQL subscriptions, websocket broadcasts, Svelte stores',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { interval } from 'rxjs';
        import { createClient } from 'redis';
        import { WebSocketServer } from 'ws';
        import { writable } from 'svelte/store';

        const server = new McpServer({ name: 'notes', version: '1.0.0' });
        interval(1000).subscribe(() => tick());
        emitter.on('resourceUpdated', (uri) => cache.delete(uri));
        const subscriber = createClient();
        await subscriber.subscribe('notes:changed', (message) => reload(message));
        export const resolvers = {
          Subscription: { noteChanged: { subscribe: () => pubsub.asyncIterator(['NOTE_CHANGED']) } },
        };
        const wss = new WebSocketServer({ port: 8080 });
        function broadcastListChanged() {
          for (const client of wss.clients) client.send(JSON.stringify({ type: 'list_changed', resource: 'notes' }));
        }
        const notes = writable([]);
        notes.subscribe((value) => render(value));
        store.subscribeResource('notes', onChange);
      `,
    ),
    valid(
      "a non-MCP subscribeResource and sendToolListChanged (no MCP import, untraced receivers)",
      code`
        export async function watch(firestore: Firestore, toolbar: Toolbar) {
          await firestore.subscribeResource({ uri: 'docs/notes' });
          toolbar.sendToolListChanged();
        }
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Subscribe messages that nothing sends: schema samples and traffic records.
    // ---------------------------------------------------------------------------------
    valid(
      'a schema test that parses a subscribe request and an update notification',
      code`
        import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';

        test('2025 subscription messages round-trip', () => {
          const request = JSONRPCMessageSchema.parse({ jsonrpc: '2.0', id: 4, method: 'resources/subscribe', params: { uri: 'file:///notes.md' } });
          const update = JSONRPCMessageSchema.safeParse({ jsonrpc: '2.0', method: 'notifications/resources/updated', params: { uri: 'file:///notes.md' } });
          expect(serialize(request)).toMatchSnapshot();
          expect(update.success).toBe(true);
        });
      `,
    ),
    valid(
      "an inspector's traffic log fixture with a subscribe request and the notifications that followed",
      code`
        import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

        type LogEntry = { direction: 'sent' | 'received'; at: string; message: JSONRPCMessage };

        export const subscriptionSession: LogEntry[] = [
          { direction: 'sent', at: '12:00:01', message: { jsonrpc: '2.0', id: 4, method: 'resources/subscribe', params: { uri: 'file:///notes.md' } } },
          { direction: 'received', at: '12:00:09', message: { jsonrpc: '2.0', method: 'notifications/resources/updated', params: { uri: 'file:///notes.md' } } },
        ];

        const received = { direction: 'received', at: '12:01:30' } as const;
        export const toolsChanged = { ...received, message: { jsonrpc: '2.0', method: 'notifications/tools/list_changed' } };
      `,
    ),
    valid(
      "a CLI's tests: command options that name resources/subscribe, and a uri the command requires",
      code`
        import { describe, expect, it } from 'vitest';
        import { runCommand } from '../src/commands.js';

        describe('runCommand', () => {
          it('streams updates for a subscribed resource', async () => {
            const outcome = await runCommand(client, { method: 'resources/subscribe', uri: 'notes://index' });
            expect(outcome.kind).toBe('stream');
          });

          it('needs a uri', async () => {
            await expect(runCommand(client, { method: 'resources/subscribe' })).rejects.toThrow(/--uri is required/);
            await expect(runCommand(client, { method: 'resources/unsubscribe' })).rejects.toThrow(/--uri is required/);
          });
        });
      `,
    ),
    valid(
      "a client wrapper's test: registering a list_changed handler on its proxy must not throw",
      code`
        import { expect, it } from 'vitest';
        import { Client } from '@modelcontextprotocol/client';
        import { rendererProxy } from '../src/renderer-proxy.js';

        it('accepts string-first notification registrations', () => {
          const proxy = rendererProxy(new Client({ name: 'host', version: '1.0.0' }));
          expect(() => proxy.setNotificationHandler('notifications/prompts/list_changed', () => {})).not.toThrow();
        });
      `,
    ),
  ],
  invalid: [
    // ---------------------------------------------------------------------------------
    // S1: servers handling resources/subscribe.
    // ---------------------------------------------------------------------------------
    invalid(
      'SDK v1 subscribe handlers with a per-session subscription set (the set is part of the handler\'s finding)',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        const server = new McpServer({ name: 'notes', version: '1.0.0' }, { capabilities: { resources: { subscribe: true } } });
        const subscriptions = new Map<string, Set<string>>();

        server.server.setRequestHandler(SubscribeRequestSchema, async (request, extra) => {
          subscriptions.get(extra.sessionId!)?.add(request.params.uri);
          return {};
        });
        server.server.setRequestHandler(UnsubscribeRequestSchema, async (request, extra) => {
          subscriptions.get(extra.sessionId!)?.delete(request.params.uri);
          return {};
        });
      `,
      [
        { messageId: 'handlesSubscribe', at: 'SubscribeRequestSchema', nth: 2, data: subscribe() },
        { messageId: 'handlesSubscribe', at: 'UnsubscribeRequestSchema', nth: 2, data: subscribe('resources/unsubscribe') },
      ],
    ),
    invalid(
      'SDK v1 schemas through require and an alias (JavaScript)',
      code`
        const { Server } = require('@modelcontextprotocol/sdk/server/index.js');
        const { SubscribeRequestSchema: Subscribe } = require('@modelcontextprotocol/sdk/types.js');

        const server = new Server({ name: 'notes', version: '1.0.0' }, { capabilities: { resources: { subscribe: true } } });
        const watched = new Set();
        server.setRequestHandler(Subscribe, async ({ params }) => {
          watched.add(params.uri);
          return {};
        });
      `,
      [
        { messageId: 'handlesSubscribe', at: 'Subscribe', inside: 'setRequestHandler(Subscribe', data: subscribe() },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'SDK v1 schema through a namespace import, and an SDK v2 string-method handler',
      code`
        import * as types from '@modelcontextprotocol/sdk/types.js';
        import { Server } from '@modelcontextprotocol/server';

        legacyServer.setRequestHandler(types.UnsubscribeRequestSchema, async () => ({}));
        const server = new Server({ name: 'notes', version: '2.0.0' }, { capabilities: { resources: { subscribe: true } } });
        server.setRequestHandler('resources/subscribe', async (request) => {
          subscribers.set(request.params.uri, Date.now());
          return {};
        });
      `,
      [
        { messageId: 'handlesSubscribe', at: 'types.UnsubscribeRequestSchema', data: subscribe('resources/unsubscribe') },
        { messageId: 'handlesSubscribe', at: "'resources/subscribe'", data: subscribe() },
      ],
    ),
    invalid(
      'a hand-rolled dispatch that keeps subscriptions per session (one finding per handler, not one more for its set)',
      code`
        export function handle(session: Session, message: JsonRpcRequest) {
          switch (message.method) {
            case 'resources/subscribe':
              session.subscriptions.add(message.params.uri);
              return {};
            case 'resources/unsubscribe':
              session.subscriptions.delete(message.params.uri);
              return {};
            case 'resources/read':
              return read(message.params.uri);
          }
        }
      `,
      [
        { messageId: 'handlesSubscribe', at: "'resources/subscribe'", data: subscribe() },
        { messageId: 'handlesSubscribe', at: "'resources/unsubscribe'", data: subscribe('resources/unsubscribe') },
      ],
    ),
    // ---------------------------------------------------------------------------------
    // S2: clients subscribing.
    // ---------------------------------------------------------------------------------
    invalid(
      'SDK v1 client subscribeResource and unsubscribeResource',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        const client = new Client({ name: 'watch', version: '1.0.0' });
        await client.subscribeResource({ uri: 'notes://index' });
        process.on('SIGINT', () => client.unsubscribeResource({ uri: 'notes://index' }));
      `,
      [
        { messageId: 'callsSubscribe', at: "client.subscribeResource({ uri: 'notes://index' })", data: calls('subscribeResource') },
        { messageId: 'callsSubscribe', at: "client.unsubscribeResource({ uri: 'notes://index' })", data: calls('unsubscribeResource') },
      ],
    ),
    invalid(
      'SDK v2 client through a namespace import, and a client passed in untyped (.mjs)',
      code`
        import * as mcp from '@modelcontextprotocol/client';

        const client = new mcp.Client({ name: 'watch', version: '2.0.0' });
        await client.subscribeResource({ uri });
        export const follow = (c, uri) => c.subscribeResource({ uri });
      `,
      [
        { messageId: 'callsSubscribe', at: 'client.subscribeResource({ uri })', data: calls('subscribeResource') },
        { messageId: 'callsSubscribe', at: 'c.subscribeResource({ uri })', data: calls('subscribeResource') },
      ],
      { filename: 'file.mjs' },
    ),
    invalid(
      'a hand-rolled client POSTing resources/subscribe',
      code`
        export async function subscribe(uri: string) {
          await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
            body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method: 'resources/subscribe', params: { uri } }),
          });
        }
      `,
      [{ messageId: 'sendsSubscribe', at: "'resources/subscribe'", data: subscribe() }],
    ),
    // ---------------------------------------------------------------------------------
    // S3 and H15: unsolicited change notifications.
    // ---------------------------------------------------------------------------------
    invalid(
      'SDK v1 McpServer senders inside a tool handler',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'notes', version: '1.0.0' });
        server.registerTool('add_note', { inputSchema: {} }, async () => {
          notes.add();
          server.sendToolListChanged();
          await server.server.sendResourceUpdated({ uri: 'notes://index' });
          return { content: [] };
        });
      `,
      [
        {
          messageId: 'sendsChangeUnsolicited',
          at: 'server.sendToolListChanged()',
          data: sends('sendToolListChanged', 'notifications/tools/list_changed', 'handler.notify.toolsChanged()'),
        },
        {
          messageId: 'sendsChangeUnsolicited',
          at: "server.server.sendResourceUpdated({ uri: 'notes://index' })",
          data: sends('sendResourceUpdated', 'notifications/resources/updated', 'handler.notify.resourceUpdated(uri)'),
        },
      ],
    ),
    invalid(
      'SDK v2 McpServer sender behind createMcpHandler, and an SDK v1 extra.sendNotification',
      code`
        import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';

        const server = new McpServer({ name: 'notes', version: '2.0.0' });
        export const handler = createMcpHandler(() => server);
        prompts.on('change', () => server.sendPromptListChanged());
        server.registerTool('touch', {}, async (extra) => {
          await extra.sendNotification({ method: 'notifications/resources/list_changed' });
          return { content: [] };
        });
      `,
      [
        {
          messageId: 'sendsChangeUnsolicited',
          at: 'server.sendPromptListChanged()',
          data: sends('sendPromptListChanged', 'notifications/prompts/list_changed', 'handler.notify.promptsChanged()'),
        },
        { messageId: 'writesChangeNotification', at: "'notifications/resources/list_changed'", data: writes('notifications/resources/list_changed', 'resourcesListChanged: true', sdkHint) },
      ],
    ),
    invalid(
      'a hand-rolled broadcast to every open SSE stream (JavaScript)',
      code`
        const streams = new Set();

        function broadcastUpdated(uri) {
          const message = { jsonrpc: '2.0', method: 'notifications/resources/updated', params: { uri } };
          for (const res of streams) res.write(\`event: message\\ndata: \${JSON.stringify(message)}\\n\\n\`);
        }

        function toolsChanged(session) {
          session.send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
        }
      `,
      [
        { messageId: 'writesChangeNotification', at: "'notifications/resources/updated'", data: writes('notifications/resources/updated', 'resourceSubscriptions: [uri]') },
        { messageId: 'writesChangeNotification', at: "'notifications/tools/list_changed'", data: writes('notifications/tools/list_changed', 'toolsListChanged: true') },
      ],
      { filename: 'file.js' },
    ),
    // ---------------------------------------------------------------------------------
    // S4: clients waiting for change notifications without a listen stream.
    // ---------------------------------------------------------------------------------
    invalid(
      'SDK v1 client notification handlers, in a file whose only listen() is an HTTP server',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { ResourceUpdatedNotificationSchema, ToolListChangedNotificationSchema as ToolsChanged } from '@modelcontextprotocol/sdk/types.js';

        const client = new Client({ name: 'watch', version: '1.0.0' });
        client.setNotificationHandler(ToolsChanged, () => reloadTools());
        client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => refresh(n.params.uri));
        app.listen(3000);
      `,
      [
        { messageId: 'listensWithoutSubscription', at: 'ToolsChanged', inside: '(ToolsChanged,', data: waits('notifications/tools/list_changed', 'toolsListChanged: true') },
        {
          messageId: 'listensWithoutSubscription',
          at: 'ResourceUpdatedNotificationSchema',
          inside: '(ResourceUpdatedNotificationSchema,',
          data: waits('notifications/resources/updated', 'resourceSubscriptions: [uri]'),
        },
      ],
    ),
    invalid(
      'SDK v2 client string-method handler (require)',
      code`
        const { Client } = require('@modelcontextprotocol/client');

        const client = new Client({ name: 'watch', version: '2.0.0' });
        client.setNotificationHandler('notifications/prompts/list_changed', () => reloadPrompts());
      `,
      [{ messageId: 'listensWithoutSubscription', at: "'notifications/prompts/list_changed'", data: waits('notifications/prompts/list_changed', 'promptsListChanged: true') }],
      { filename: 'file.js' },
    ),
    invalid(
      'a hand-rolled client dispatching incoming notifications',
      code`
        export function onMessage(message: JsonRpcMessage) {
          switch (message.method) {
            case 'notifications/resources/list_changed':
              return reloadResources();
            case 'notifications/message':
              return log(message.params);
          }
        }
      `,
      [{ messageId: 'listensWithoutSubscription', at: "'notifications/resources/list_changed'", data: waits('notifications/resources/list_changed', 'resourcesListChanged: true') }],
    ),
    // ---------------------------------------------------------------------------------
    // Dual-era: unsolicited notifications kept for 2025 clients.
    // ---------------------------------------------------------------------------------
    {
      ...invalid(
        'a sender behind a legacy era check is reported as servesLegacyClients',
        code`
          import { McpServer } from '@modelcontextprotocol/server';

          export function toolsChanged(server: McpServer, era: 'legacy' | 'modern') {
            if (era === 'legacy') server.sendToolListChanged();
            else handler.notify.toolsChanged();
          }
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: 'server.sendToolListChanged()',
            data: {
              message: rule.meta.messages.sendsChangeUnsolicited
                .replace('{{method}}', 'sendToolListChanged')
                .replace('{{notification}}', 'notifications/tools/list_changed')
                .replace('{{replacement}}', 'handler.notify.toolsChanged()'),
              gate: "behind `era === 'legacy'`",
            },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },

    // ---------------------------------------------------------------------------------
    // Command routers, proxies and inspectors: what they call and send is reported; a CLI's
    // method switch handles nothing.
    // ---------------------------------------------------------------------------------
    invalid(
      "a CLI's --method router: its resources/subscribe test handles nothing, the subscribeResource call is reported",
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        export async function runCommand(client: Client, args: { method: string; uri?: string }) {
          if (args.method === 'resources/list') return client.listResources();
          if (args.method === 'resources/read') return client.readResource({ uri: args.uri! });
          if (args.method === 'resources/subscribe') return client.subscribeResource({ uri: args.uri! });
          throw new Error(\`unknown method \${args.method}\`);
        }
      `,
      [{ messageId: 'callsSubscribe', at: 'client.subscribeResource({ uri: args.uri! })', data: calls('subscribeResource') }],
    ),
    invalid(
      'a hand-rolled gateway that answers JSON-RPC and forwards to an upstream client still handles resources/subscribe',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        const upstream = new Client({ name: 'gateway', version: '1.0.0' });

        export async function handle(request: JSONRPCRequest): Promise<JSONRPCResponse> {
          switch (request.method) {
            case 'resources/list':
              return { jsonrpc: '2.0', id: request.id, result: await upstream.listResources(request.params) };
            case 'resources/read':
              return { jsonrpc: '2.0', id: request.id, result: await upstream.readResource(request.params) };
            case 'resources/subscribe':
              await upstream.subscribeResource(request.params);
              return { jsonrpc: '2.0', id: request.id, result: {} };
          }
        }
      `,
      [
        { messageId: 'handlesSubscribe', at: "'resources/subscribe'", data: subscribe() },
        { messageId: 'callsSubscribe', at: 'upstream.subscribeResource(request.params)', data: calls('subscribeResource') },
      ],
    ),
    invalid(
      'an SDK v2 proxy server that registers resources/subscribe and forwards it upstream',
      code`
        import { Client } from '@modelcontextprotocol/client';
        import { Server } from '@modelcontextprotocol/server';

        export function proxyResources(upstream: Client, server: Server) {
          server.setRequestHandler('resources/list', (request) => upstream.listResources(request.params));
          server.setRequestHandler('resources/read', (request) => upstream.readResource(request.params));
          server.setRequestHandler('resources/subscribe', async (request) => {
            await upstream.subscribeResource(request.params);
            return {};
          });
        }
      `,
      [
        { messageId: 'handlesSubscribe', at: "'resources/subscribe'", data: subscribe() },
        { messageId: 'callsSubscribe', at: 'upstream.subscribeResource(request.params)', data: calls('subscribeResource') },
      ],
    ),
    {
      ...invalid(
      'a subscription set a handler fills while it answers -32601 to 2026-07-28 requests is still reported (as serving 2025 clients)',
      code`
        import { Server } from '@modelcontextprotocol/server';
        import { methodNotFound } from './errors.js';

        const server = new Server({ name: 'notes', version: '2.0.0' }, { capabilities: { resources: { subscribe: true } } });
        const watched = new Set<string>();
        server.setRequestHandler('resources/subscribe', async (request, ctx) => {
          if (isModern(ctx)) return methodNotFound('use subscriptions/listen');
          watched.add(request.params.uri);
          return {};
        });
      `,
      [
        {
          messageId: 'servesLegacyClients',
          at: 'watched.add(request.params.uri)',
          data: { message: rule.meta.messages.storesSubscription, gate: 'after `if (isModern(ctx)) return`' },
        },
      ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
    invalid(
      "a CLI's command options with params are a request after all, and a test that subscribes outside any assertion is reported",
      code`
        import { expect, it } from 'vitest';
        import { send } from '../src/rpc.js';

        it('gets updates for a subscribed note', async () => {
          await send(connection, { method: 'resources/subscribe', params: { uri: 'notes://1' } });
          client.setNotificationHandler('notifications/resources/list_changed', () => reload());
          expect(await nextUpdate()).toMatchObject({ uri: 'notes://1' });
        });
      `,
      [
        { messageId: 'sendsSubscribe', at: "'resources/subscribe'", data: subscribe() },
        { messageId: 'listensWithoutSubscription', at: "'notifications/resources/list_changed'", data: waits('notifications/resources/list_changed', 'resourcesListChanged: true') },
      ],
    ),
    invalid(
      'an inspector that logs what it sends: the request it sends is reported, the log entry is not',
      code`
        import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';

        export async function subscribeTo(uri: string) {
          const request: JSONRPCRequest = { jsonrpc: '2.0', id: nextId++, method: 'resources/subscribe', params: { uri } };
          trafficLog.push({ direction: 'sent', at: new Date().toISOString(), message: request });
          trafficLog.push({ direction: 'sent', at: new Date().toISOString(), message: { jsonrpc: '2.0', id: nextId, method: 'resources/unsubscribe', params: { uri } } });
          await transport.send(request);
        }
      `,
      [{ messageId: 'sendsSubscribe', at: "'resources/subscribe'", data: subscribe() }],
    ),
  ],
});
