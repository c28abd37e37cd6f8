import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-dynamic-tool-list.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-dynamic-tool-list` (reference §15.11 row P9, §3.1: lists "MUST NOT vary per
 * connection or as a side effect of other requests"). Lookalikes that must stay silent: feature
 * flags applied at start-up, lists built per request from the caller's authorization, servers
 * built in a factory, and UI components' `enable()`/`disable()`.
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

const inHandler = (call: string, kind: string, where: string) => ({ call, kind, where, list: `${kind}s/list` });
const registered = (kind: string, name: string, where: string) => ({ kind, name, where, list: `${kind}s/list` });
const atRuntime = (call: string, kind: string, trigger: string) => ({ call, kind, trigger });

ruleTester.run('no-dynamic-tool-list', rule, {
  valid: [
    valid(
      'feature flags applied at start-up, at module level and in a builder',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { z } from 'zod';

        const server = new McpServer({ name: 'notes', version: '1.0.0' });
        const purge = server.registerTool('purge_notes', { description: 'Delete all notes' }, async () => ({ content: [] }));
        if (process.env.ALLOW_PURGE !== 'true') purge.disable();

        export async function buildServer(flags: { beta: boolean }) {
          const s = new McpServer({ name: 'notes', version: '1.0.0' });
          const beta = s.registerTool('summarize', { inputSchema: { id: z.string() } }, async () => ({ content: [] }));
          if (!flags.beta) beta.disable();
          beta.update({ description: 'Summarize a note (beta)' });
          return s;
        }
      `,
    ),
    valid(
      'a server built per HTTP request from the caller’s authorization',
      code`
        import express from 'express';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

        const app = express();
        app.post('/mcp', async (req, res) => {
          const server = new McpServer({ name: 'notes', version: '1.0.0' });
          const admin = server.registerTool('reindex', { description: 'Rebuild the index' }, async () => ({ content: [] }));
          if (!req.auth?.scopes.includes('admin')) admin.disable();
          const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
          await server.connect(transport);
          await transport.handleRequest(req, res, req.body);
        });
      `,
    ),
    valid(
      'registrations in a v2 server factory',
      code`
        import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';

        export const handler = createMcpHandler(({ authInfo }) => {
          const server = new McpServer({ name: 'notes', version: '2.0.0' });
          server.registerTool('search', { description: 'Search notes' }, async () => ({ content: [] }));
          if (authInfo?.scopes.includes('admin')) {
            server.registerTool('reindex', { description: 'Rebuild the index' }, async () => ({ content: [] }));
          }
          return server;
        });
      `,
    ),
    valid(
      'UI components enabled and disabled in event handlers',
      code`
        import { Client } from '@modelcontextprotocol/client';

        declare class Button { enable(): void; disable(): void; }
        const send = new Button();
        const client = new Client({ name: 'chat', version: '1.0.0' });
        socket.on('connect', () => send.enable());
        socket.on('disconnect', () => send.disable());
        export { client };
      `,
    ),
    valid(
      'a list the builder derives from shared state changes over time, for every instance alike',
      code`
        import { McpServer, type RegisteredResource, type RegisteredTool } from '@modelcontextprotocol/server';
        import * as z from 'zod';

        const notes = new Map<string, string>();
        let farewellEnabled = false;

        export function buildServer(): McpServer {
          const server = new McpServer({ name: 'board', version: '2.0.0' });
          const registered = new Map<string, RegisteredResource>();
          const registerNote = (id: string) => {
            registered.set(id, server.registerResource(\`note-\${id}\`, \`note:///\${id}\`, {}, async (uri) => ({ contents: [{ uri: uri.href, text: notes.get(id) ?? '' }] })));
          };
          for (const id of notes.keys()) registerNote(id);
          const farewell: RegisteredTool = server.registerTool('farewell', { description: 'Say goodbye' }, async () => ({ content: [] }));
          if (!farewellEnabled) farewell.disable();

          server.registerTool('add_note', { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => {
            const id = String(notes.size + 1);
            notes.set(id, text);
            registerNote(id);
            return { content: [] };
          });
          server.registerTool('remove_note', { inputSchema: z.object({ id: z.string() }) }, async ({ id }) => {
            if (notes.delete(id)) registered.get(id)?.remove();
            return { content: [] };
          });
          server.registerTool('flip_farewell', { description: 'Toggle farewell for everyone' }, async () => {
            farewellEnabled = !farewellEnabled;
            farewell.update({ enabled: farewellEnabled });
            return { content: [] };
          });
          return server;
        }
      `,
    ),
    valid(
      'a tool always listed and gated by a handle argument',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import * as z from 'zod';

        const connections = new Map<string, Db>();
        const server = new McpServer({ name: 'db', version: '2.0.0' });
        server.registerTool('connect_database', { inputSchema: z.object({ url: z.string() }) }, async ({ url }) => {
          const id = crypto.randomUUID();
          connections.set(id, await Db.connect(url));
          return { content: [{ type: 'text', text: id }], structuredContent: { connection_id: id } };
        });
        server.registerTool('query', { inputSchema: z.object({ connection_id: z.string(), sql: z.string() }) }, async ({ connection_id, sql }) => {
          const db = connections.get(connection_id);
          if (!db) return { isError: true, content: [{ type: 'text', text: 'Unknown connection_id; call connect_database first.' }] };
          return { content: [{ type: 'text', text: JSON.stringify(await db.query(sql)) }] };
        });
      `,
    ),
  ],

  invalid: [
    invalid(
      'P9: SDK v1, a tool enabled by another tool ("tools appear after connect_database")',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { z } from 'zod';

        const server = new McpServer({ name: 'db', version: '1.0.0' });
        let db: Db | undefined;
        const query = server.registerTool('query', { inputSchema: { sql: z.string() } }, async ({ sql }) => ({
          content: [{ type: 'text', text: JSON.stringify(await db!.query(sql)) }],
        }));
        query.disable();

        server.registerTool('connect_database', { inputSchema: { url: z.string() } }, async ({ url }) => {
          db = await Db.connect(url);
          query.enable();
          server.sendToolListChanged();
          return { content: [{ type: 'text', text: 'connected' }] };
        });
      `,
      [{ messageId: 'changesListInHandler', at: 'query.enable()', data: inHandler('query.enable()', 'tool', 'the `connect_database` tool') }],
    ),
    invalid(
      'P9: SDK v1 server.tool/prompt with an aliased import; update() and remove()',
      code`
        import { McpServer as Mcp } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new Mcp({ name: 'notes', version: '1.0.0' });
        const admin = server.prompt('admin-report', async () => ({ messages: [] }));
        const legacy = server.tool('legacy_export', async () => ({ content: [] }));
        server.tool('login', async () => {
          admin.update({ description: 'Weekly admin report' });
          legacy.remove();
          return { content: [] };
        });
      `,
      [
        {
          messageId: 'changesListInHandler',
          at: "admin.update({ description: 'Weekly admin report' })",
          data: inHandler('admin.update()', 'prompt', 'the `login` tool'),
        },
        { messageId: 'changesListInHandler', at: 'legacy.remove()', data: inHandler('legacy.remove()', 'tool', 'the `login` tool') },
      ],
    ),
    invalid(
      'P9: SDK v2, a resource registered from a tool (namespace import)',
      code`
        import * as mcp from '@modelcontextprotocol/server';
        import * as z from 'zod';

        export function buildServer() {
          const server = new mcp.McpServer({ name: 'projects', version: '2.0.0' });
          server.registerTool('open_project', { inputSchema: z.object({ path: z.string() }) }, async ({ path }) => {
            server.registerResource('project-readme', \`file://\${path}/README.md\`, {}, async (uri) => ({ contents: [{ uri: uri.href, text: '' }] }));
            return { content: [{ type: 'text', text: \`opened \${path}\` }] };
          });
          return server;
        }
      `,
      [
        {
          messageId: 'registersInHandler',
          at: "server.registerResource('project-readme', `file://${path}/README.md`, {}, async (uri) => ({ contents: [{ uri: uri.href, text: '' }] }))",
          data: registered('resource', 'project-readme', 'the `open_project` tool'),
        },
      ],
    ),
    invalid(
      'P9: handles kept in a Map and a class field, toggled from a helper a tool calls',
      code`
        import { McpServer, type RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';

        export class AdminServer {
          private readonly mcp = new McpServer({ name: 'admin', version: '1.0.0' });
          private readonly tools = new Map<string, RegisteredTool>();
          private sudo = this.mcp.registerTool('sudo_mode', { description: 'Elevate' }, async () => this.elevate());

          constructor(names: string[]) {
            for (const name of names) {
              this.tools.set(name, this.mcp.registerTool(name, { description: name }, async () => ({ content: [] })));
              this.tools.get(name)?.disable();
            }
          }

          private async elevate() {
            unlock(this.tools);
            this.sudo.disable();
            return { content: [] };
          }
        }

        function unlock(tools: Map<string, RegisteredTool>) {
          for (const tool of tools.values()) tool.enable();
        }
      `,
      [
        { messageId: 'changesListInHandler', at: 'this.sudo.disable()', data: inHandler('this.sudo.disable()', 'tool', 'the `sudo_mode` tool') },
        { messageId: 'changesListInHandler', at: 'tool.enable()', data: inHandler('tool.enable()', 'tool', 'the `sudo_mode` tool') },
      ],
    ),
    invalid(
      'P9: a low-level notification handler updates a handle; require() in JavaScript',
      code`
        const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
        const { RootsListChangedNotificationSchema } = require('@modelcontextprotocol/sdk/types.js');

        const server = new McpServer({ name: 'files', version: '1.0.0' });
        const workspace = server.resource('workspace', 'file:///workspace', async (uri) => ({ contents: [] }));
        server.server.setNotificationHandler(RootsListChangedNotificationSchema, async () => {
          workspace.update({ metadata: { description: 'Workspace (changed)' } });
        });
        module.exports = server;
      `,
      [
        {
          messageId: 'changesListInHandler',
          at: "workspace.update({ metadata: { description: 'Workspace (changed)' } })",
          data: inHandler('workspace.update()', 'resource', 'an MCP notification handler'),
        },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'P9: a handle from a constant object, toggled in a function only a tool calls',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        const server = new McpServer({ name: 'ops', version: '2.0.0' });
        const TOOLS = {
          deploy: server.registerTool('deploy', { description: 'Deploy' }, async () => ({ content: [] })),
        };

        function armDeploy() {
          TOOLS.deploy.enable();
        }

        server.registerTool('approve_release', { description: 'Approve' }, async () => {
          armDeploy();
          return { content: [] };
        });
      `,
      [{ messageId: 'changesListInHandler', at: 'TOOLS.deploy.enable()', data: inHandler('TOOLS.deploy.enable()', 'tool', 'the `approve_release` tool') }],
    ),
    invalid(
      'P9: a resource registered on one instance only (a per-session server built by a factory)',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import * as z from 'zod';

        export function buildServer(): McpServer {
          const server = new McpServer({ name: 'dynamic', version: '2.0.0' });
          let next = 1;
          const register = (name: string, text: string) =>
            server.registerResource(name, \`https://example.com/dynamic/\${name}\`, {}, async (uri) => ({ contents: [{ uri: uri.href, text }] }));
          register('initial', 'Initial content');
          server.registerTool('add_resource', { inputSchema: z.object({ content: z.string() }) }, async ({ content }) => {
            register(\`note-\${next++}\`, content);
            return { content: [] };
          });
          return server;
        }
      `,
      [
        {
          messageId: 'registersInHandler',
          at: 'server.registerResource(name, `https://example.com/dynamic/${name}`, {}, async (uri) => ({ contents: [{ uri: uri.href, text }] }))',
          data: registered('resource', 'name', 'the `add_resource` tool'),
        },
      ],
    ),
    invalid(
      'P9: toggled on a timer and from an admin route (warning)',
      code`
        import express from 'express';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'notes', version: '1.0.0' });
        const write = server.registerTool('write_note', { description: 'Write' }, async () => ({ content: [] }));

        setInterval(() => {
          if (maintenanceWindow()) write.disable();
        }, 60_000);

        const admin = express();
        admin.post('/admin/write/enable', (_req, res) => {
          write.enable();
          res.sendStatus(204);
        });
      `,
      [
        { messageId: 'changesListAtRuntime', at: 'write.disable()', data: atRuntime('write.disable()', 'tool', 'in a `setInterval` callback') },
        { messageId: 'changesListAtRuntime', at: 'write.enable()', data: atRuntime('write.enable()', 'tool', 'in the HTTP route `POST /admin/write/enable`') },
      ],
    ),
  ],
});
