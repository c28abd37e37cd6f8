import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-deprecated-roots.js';
import { caseBuilders, code, rulePrefilter } from '../helpers/rule-cases.js';

/**
 * Tests for `no-deprecated-roots` (reference §15 rows M3, S5, P3 and the roots part of CM1;
 * design.md principle 3 for the filesystem, React, VS Code and LSP "roots" that must stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);

/** A file without MCP that says roots: a Jest config and a monorepo workspace scan. */
const rootsLookalike = code`
  import { readdir } from 'node:fs/promises';

  export const jestConfig = { roots: ['<rootDir>/src', '<rootDir>/test'], capabilities: { roots: { listChanged: true } } };

  export async function listPackages(roots: string[]): Promise<string[]> {
    const found = await Promise.all(roots.map((root) => readdir(root)));
    return found.flat();
  }
`;

const ruleTester = new RuleTester();

ruleTester.run('no-deprecated-roots', rule, {
  valid: [
    valid('a file without MCP that says roots: a Jest config and a monorepo workspace scan', rootsLookalike),
    // ---------------------------------------------------------------------------------
    // Filesystem and monorepo roots, in an MCP server file.
    // ---------------------------------------------------------------------------------
    valid(
      'filesystem roots: path.parse().root, findRoot(), workspace roots, rootDir',
      code`
        import path from 'node:path';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { findRoot } from '@manypkg/find-root';
        import { z } from 'zod';

        const server = new McpServer({ name: 'files', version: '1.0.0' });
        const config = { rootDir: process.cwd(), roots: ['/srv/data', '/srv/shared'] };

        server.registerTool('list_dir', { inputSchema: { dir: z.string() } }, async ({ dir }) => {
          const { root } = path.parse(dir);
          const monorepo = await findRoot(dir);
          const roots = config.roots.filter((r) => dir.startsWith(r));
          return { content: [{ type: 'text', text: JSON.stringify({ root, monorepo: monorepo.rootDir, roots }) }] };
        });
      `,
    ),
    // A filesystem helper that has its own listRoots(), in an MCP server file.
    valid(
      "the file's own listRoots() on a local object and on this",
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import { DirectoryTree } from './tree.js';

        const tree = new DirectoryTree(process.env.DATA_DIR ?? '.');
        export class Workspace {
          listRoots() {
            return tree.listRoots();
          }
          describe() {
            return this.listRoots().join(', ');
          }
        }
        export const server = new McpServer({ name: 'workspace', version: '1.0.0' });
      `,
    ),
    // React roots and DOM root elements.
    valid(
      'React createRoot, ReactDOM.createRoot and a #root element (.tsx)',
      code`
        import { createRoot } from 'react-dom/client';
        import ReactDOM from 'react-dom/client';
        import { App } from './App';

        const root = createRoot(document.getElementById('root')!);
        root.render(<App />);
        const legacyRoot = ReactDOM.createRoot(document.querySelector('#root') as HTMLElement);
        legacyRoot.unmount();
      `,
      { filename: 'file.tsx' },
    ),
    // VS Code workspace folders and an LSP client's rootUri and capabilities.
    valid(
      'VS Code workspaceFolders and LSP rootUri/capabilities',
      code`
        import * as vscode from 'vscode';
        import { LanguageClient } from 'vscode-languageclient/node';

        const folders = vscode.workspace.workspaceFolders ?? [];
        const initializeParams = {
          processId: process.pid,
          rootUri: folders[0]?.uri.toString() ?? null,
          rootPath: folders[0]?.uri.fsPath,
          workspaceFolders: folders.map((f) => ({ uri: f.uri.toString(), name: f.name })),
          capabilities: { workspace: { workspaceFolders: true, configuration: true } },
        };
        export const client = new LanguageClient('demo', serverOptions, { workspaceFolder: folders[0] });
        export { initializeParams };
      `,
    ),
    // `roots` in a capabilities object of something that is not MCP.
    valid(
      'a roots capability of another protocol, in a file that does not speak MCP',
      code`
        import { Client } from '@acme/rpc';

        export const client = new Client('wss://rpc.example.com', {
          capabilities: { roots: { listChanged: true } },
        });
      `,
    ),
    // A server that takes paths as tool arguments: the recommended replacement.
    valid(
      'paths as tool arguments (the 2026-07-28 recommendation)',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import { readdir } from 'node:fs/promises';
        import { z } from 'zod';

        const server = new McpServer({ name: 'files', version: '2.0.0' });
        server.registerTool(
          'list_files',
          { description: 'List a directory', inputSchema: z.object({ path: z.string().describe('Absolute directory path') }) },
          async ({ path }) => ({ content: [{ type: 'text', text: (await readdir(path)).join('\\n') }] }),
        );
      `,
    ),
    // A client calling a server tool; no roots involved.
    valid(
      'an MCP client without the roots capability',
      code`
        import { Client } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'cli', version: '1.0.0' }, { capabilities: { elicitation: {} }, versionNegotiation: { mode: 'auto' } });
        export const result = await client.callTool({ name: 'list_files', arguments: { path: '/tmp' } });
      `,
    ),
    // Types and tests that prove the notification is gone.
    valid(
      'types and negated assertions naming the removed notification',
      code`
        import type { RootsListChangedNotification } from '@modelcontextprotocol/sdk/types.js';
        import { expect, it } from 'vitest';

        type Removed = 'notifications/roots/list_changed';
        export type Legacy = RootsListChangedNotification | { method: Removed };

        it('never announces root changes', () => {
          expect(sent.map((m) => m.method)).not.toContain('notifications/roots/list_changed');
        });
      `,
    ),
    // Capabilities a UI shows (an inspector's story args and component props) declare nothing.
    valid(
      'client capabilities as Storybook args and as a component prop (.tsx)',
      code`
        import type { Meta, StoryObj } from '@storybook/react';
        import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
        import { CapabilitiesPanel } from './CapabilitiesPanel';

        const clientCapabilities: ClientCapabilities = { roots: { listChanged: true }, sampling: {} };
        const bare: ClientCapabilities = { roots: {} };

        const meta: Meta<typeof CapabilitiesPanel> = { component: CapabilitiesPanel };
        export default meta;
        export const Connected: StoryObj<typeof CapabilitiesPanel> = { args: { clientCapabilities } };
        export const Minimal = () => <CapabilitiesPanel clientCapabilities={bare} />;
      `,
      { filename: 'file.tsx' },
    ),
    // What a test looks for in the traffic its client sent: the name, not a message.
    valid(
      'positive expectations and predicates over recorded traffic in a test',
      code`
        import { expect, it } from 'vitest';
        import { startRecordingServer } from './support/recording-server';
        import { connectDesktopClient } from './support/desktop-client';

        it('tells the server when the workspace folders change', async () => {
          const server = await startRecordingServer();
          const client = await connectDesktopClient(server.url, { roots: [] });
          await client.setRoots([{ uri: 'file:///home/ada/notes', name: 'notes' }]);
          const announced = await server.waitFor((message) => message.method === 'notifications/roots/list_changed', { timeoutMs: 2000 });
          expect(announced.method).toBe('notifications/roots/list_changed');
          expect(server.recordedMethods()).toContain('notifications/roots/list_changed');
          const repeats = server.recorded().filter((message) => {
            return message.method === 'notifications/roots/list_changed' && message.jsonrpc === '2.0';
          });
          expect(repeats).toHaveLength(1);
        });
      `,
    ),
    // A unit test of a transport wrapper needs some message to push through an in-file fake.
    valid(
      'placeholder roots messages pushed through an in-file fake transport in a unit test',
      code`
        import { describe, expect, it, vi } from 'vitest';
        import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
        import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
        import { AuditedTransport } from '../src/audited-transport';

        class MemoryTransport implements Transport {
          sent: JSONRPCMessage[] = [];
          onmessage?: (message: JSONRPCMessage) => void;
          async start() {}
          async send(message: JSONRPCMessage) {
            this.sent.push(message);
          }
          async close() {}
        }

        describe('AuditedTransport', () => {
          it('audits notifications on their way out', async () => {
            const inner = new MemoryTransport();
            const audit = vi.fn();
            const transport = new AuditedTransport(inner, audit);
            const note = { jsonrpc: '2.0', method: 'notifications/roots/list_changed' } as const;
            await transport.send(note);
            expect(inner.sent).toEqual([note]);
            expect(audit).toHaveBeenCalledWith('out', note);
          });

          it('audits requests on their way in', () => {
            const inner = new MemoryTransport();
            const audit = vi.fn();
            const transport = new AuditedTransport(inner, audit);
            transport.onmessage = vi.fn();
            inner.onmessage?.({ jsonrpc: '2.0', id: 12, method: 'roots/list' });
            expect(audit).toHaveBeenCalledTimes(1);
          });
        });
      `,
    ),
    // Assignments that declare nothing on a client's capabilities.
    valid(
      'roots assigned on objects that are not client capabilities',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        const server = new McpServer({ name: 'files', version: '2.0.0' });
        const workspace = { name: 'default', roots: [] as string[] };
        workspace.roots = process.argv.slice(2);
        const capabilities = server.server.getClientCapabilities() ?? {};
        export const clientHasRoots = capabilities.roots !== undefined;
      `,
    ),
  ],

  invalid: [
    // ---------------------------------------------------------------------------------
    // M3: servers asking the client for its roots.
    // ---------------------------------------------------------------------------------
    invalid(
      'M3: mcpServer.server.listRoots() in a v1 tool (ESM)',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'files', version: '1.0.0' });
        server.registerTool('list_roots', { description: 'Show the client roots' }, async () => {
          const { roots } = await server.server.listRoots();
          return { content: [{ type: 'text', text: roots.map((r) => r.uri).join('\\n') }] };
        });
      `,
      [{ messageId: 'requestsRoots', at: 'server.server.listRoots' }],
    ),
    invalid(
      'M3/S5: low-level v1 Server re-reads roots on roots/list_changed',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { RootsListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

        const server = new Server({ name: 'files', version: '1.0.0' }, { capabilities: { tools: {} } });
        let allowed: string[] = [];
        server.setNotificationHandler(RootsListChangedNotificationSchema, async () => {
          const { roots } = await server.listRoots();
          allowed = roots.map((root) => new URL(root.uri).pathname);
        });
      `,
      [
        { messageId: 'removedRootsListChanged', at: 'RootsListChangedNotificationSchema', inside: 'setNotificationHandler(RootsListChangedNotificationSchema' },
        { messageId: 'requestsRoots', at: 'server.listRoots' },
      ],
    ),
    invalid(
      'M3: require() and an aliased class in plain JavaScript',
      code`
        const { McpServer: Mcp } = require('@modelcontextprotocol/sdk/server/mcp.js');

        const mcp = new Mcp({ name: 'files', version: '1.0.0' });
        mcp.tool('roots', async () => {
          const result = await mcp.server.listRoots();
          return { content: [{ type: 'text', text: JSON.stringify(result.roots) }] };
        });
      `,
      [{ messageId: 'requestsRoots', at: 'mcp.server.listRoots' }],
      { filename: 'file.js' },
    ),
    invalid(
      'M3: extra.sendRequest({ method: roots/list }) in a v1 handler, through a namespace import',
      code`
        import * as types from '@modelcontextprotocol/sdk/types.js';
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';

        export function register(server: Server) {
          server.setRequestHandler(types.CallToolRequestSchema, async (request, extra) => {
            const { roots } = await extra.sendRequest({ method: 'roots/list' }, types.ListRootsResultSchema);
            return { content: [{ type: 'text', text: String(roots.length) }] };
          });
        }
      `,
      [{ messageId: 'requestsRoots', at: "'roots/list'" }],
    ),
    invalid(
      'M3: v2 ctx.mcpReq.send({ method: roots/list }) and an untyped server passed in',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        export function registerTools(mcp: McpServer, legacyServer) {
          mcp.registerTool('roots', {}, async (ctx) => {
            const { roots } = await ctx.mcpReq.send({ method: 'roots/list' });
            const again = await legacyServer.server.listRoots();
            return { content: [{ type: 'text', text: String(roots.length + again.roots.length) }] };
          });
        }
      `,
      [
        { messageId: 'requestsRoots', at: "'roots/list'" },
        { messageId: 'requestsRoots', at: 'legacyServer.server.listRoots' },
      ],
    ),
    invalid(
      'M3: a hand-rolled server writes a roots/list request to its SSE stream',
      code`
        import http from 'node:http';

        let nextId = 1;
        http.createServer(async (req, res) => {
          const message = JSON.parse(await body(req));
          switch (message.method) {
            case 'tools/call':
              res.writeHead(200, { 'Content-Type': 'text/event-stream' });
              res.write(\`data: \${JSON.stringify({ jsonrpc: '2.0', id: nextId++, method: 'roots/list' })}\\n\\n\`);
              break;
            case 'tools/list':
              res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { tools } }));
          }
        });
      `,
      [{ messageId: 'requestsRoots', at: "'roots/list'" }],
    ),

    // ---------------------------------------------------------------------------------
    // The 2026-07-28 way to ask, still deprecated.
    // ---------------------------------------------------------------------------------
    invalid(
      'P3: inputRequired.listRoots() (v2) and an embedded hand-rolled roots/list request',
      code`
        import * as mcp from '@modelcontextprotocol/server';

        export const ask = () => mcp.inputRequired({ inputRequests: { roots: mcp.inputRequired.listRoots() } });
        export const askByHand = () => ({ resultType: 'input_required', inputRequests: { roots: { method: 'roots/list' } } });
      `,
      [
        { messageId: 'requestsRootsInput', at: 'mcp.inputRequired.listRoots' },
        { messageId: 'requestsRootsInput', at: "'roots/list'" },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // S5 and P3: clients.
    // ---------------------------------------------------------------------------------
    invalid(
      'S5: v1 client with roots.listChanged sends notifications/roots/list_changed',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        const client = new Client(
          { name: 'ide', version: '1.0.0' },
          { capabilities: { roots: { listChanged: true }, sampling: {} } },
        );
        export async function onWorkspaceChanged() {
          await client.sendRootsListChanged();
        }
      `,
      [
        { messageId: 'removedRootsListChanged', at: 'listChanged: true' },
        { messageId: 'removedRootsListChanged', at: 'client.sendRootsListChanged' },
      ],
    ),
    invalid(
      'P3/CM1: v2 client (aliased) declares roots and answers roots/list',
      code`
        import { Client as McpClient } from '@modelcontextprotocol/client';

        const client = new McpClient({ name: 'ide', version: '2.0.0' }, { capabilities: { roots: {} } });
        client.setRequestHandler('roots/list', async () => ({
          roots: workspaceFolders.map((folder) => ({ uri: folder.uri, name: folder.name })),
        }));
      `,
      [
        { messageId: 'declaresRootsCapability', at: 'roots: {}' },
        { messageId: 'handlesRootsRequests', at: "'roots/list'" },
      ],
    ),
    invalid(
      'CM1: v1 client answers ListRootsRequestSchema through a namespace import (CommonJS)',
      code`
        const sdk = require('@modelcontextprotocol/sdk/types.js');
        const { Client } = require('@modelcontextprotocol/sdk/client/index.js');

        const client = new Client({ name: 'ide', version: '1.0.0' });
        client.registerCapabilities({ roots: { listChanged: false } });
        client.setRequestHandler(sdk.ListRootsRequestSchema, async () => ({ roots: [{ uri: 'file:///work' }] }));
      `,
      [
        { messageId: 'declaresRootsCapability', at: 'roots: { listChanged: false }' },
        { messageId: 'handlesRootsRequests', at: 'sdk.ListRootsRequestSchema' },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'S5/P3: a hand-rolled client: initialize capabilities, the removed notification, the 2026 envelope',
      code`
        const CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';

        export const initialize = {
          jsonrpc: '2.0',
          id: 0,
          method: 'initialize',
          params: { protocolVersion: '2025-11-25', capabilities: { roots: { listChanged: true } }, clientInfo },
        };
        export const rootsChanged = { jsonrpc: '2.0', method: 'notifications/roots/list_changed' };
        export const listTools = {
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/list',
          params: { _meta: { [CLIENT_CAPABILITIES]: { roots: {} } } },
        };
      `,
      [
        { messageId: 'removedRootsListChanged', at: 'listChanged: true' },
        { messageId: 'removedRootsListChanged', at: "'notifications/roots/list_changed'" },
        { messageId: 'declaresRootsCapability', at: 'roots: {}' },
      ],
    ),
    invalid(
      'S5: a v2 server handles the removed notification by method name',
      code`
        import { Server } from '@modelcontextprotocol/server';

        const server = new Server({ name: 'files', version: '2.0.0' });
        server.setNotificationHandler('notifications/roots/list_changed', () => cache.clear());
      `,
      [{ messageId: 'removedRootsListChanged', at: "'notifications/roots/list_changed'" }],
    ),
    // A capabilities object typed with the SDK type.
    invalid(
      'P3: an object typed ClientCapabilities',
      code`
        import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';

        export const caps: ClientCapabilities = { roots: {}, elicitation: {} };
      `,
      [{ messageId: 'declaresRootsCapability', at: 'roots: {}' }],
    ),

    invalid(
      'P3: capabilities a panel shows and the client then declares (.tsx)',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
        import { CapabilitiesPanel } from './CapabilitiesPanel';

        const capabilities: ClientCapabilities = { roots: {}, elicitation: {} };
        export const client = new Client({ name: 'inspector', version: '1.0.0' }, { capabilities });
        export const Panel = () => <CapabilitiesPanel clientCapabilities={capabilities} />;
      `,
      [{ messageId: 'declaresRootsCapability', at: 'roots: {}' }],
      { filename: 'file.tsx' },
    ),

    invalid(
      'S5/P3: roots assigned on a ClientCapabilities object',
      code`
        import { Client } from '@modelcontextprotocol/client';
        import type { ClientCapabilities } from '@modelcontextprotocol/client';

        export function createDeskClient(options: { roots?: string[]; watchRoots?: boolean }) {
          const capabilities: ClientCapabilities = {};
          if (options.watchRoots) {
            capabilities.roots = { listChanged: true };
          } else if (options.roots) {
            capabilities['roots'] = {};
          }
          return new Client({ name: 'desk', version: '1.0.0' }, { capabilities });
        }
      `,
      [
        { messageId: 'removedRootsListChanged', at: 'listChanged: true' },
        { messageId: 'declaresRootsCapability', at: "capabilities['roots'] = {}" },
      ],
    ),
    invalid(
      'S5: a test-double server pushing the roots traffic a 2025 server sends into the client under test',
      code`
        import { expect, it } from 'vitest';
        import { Client } from '@modelcontextprotocol/client';
        import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';

        class ScriptedServer implements Transport {
          onmessage?: (message: JSONRPCMessage) => void;
          async start() {}
          async close() {}
          async send(message: JSONRPCMessage) {
            if ('method' in message && message.method === 'notifications/initialized') {
              this.onmessage?.({ jsonrpc: '2.0', id: 900, method: 'roots/list' });
            }
          }
        }

        it('answers the server with its roots', async () => {
          const client = new Client({ name: 'desk', version: '1.0.0' });
          await client.connect(new ScriptedServer());
          expect(client.getServerVersion()).toBeDefined();
        });
      `,
      [{ messageId: 'requestsRoots', at: "'roots/list'" }],
    ),
    invalid(
      'S5: the removed notification picked out of a queue by production code',
      code`
        export function pendingRootChanges(outbox: { method: string }[]) {
          return outbox.filter((message) => message.method === 'notifications/roots/list_changed');
        }
      `,
      [{ messageId: 'removedRootsListChanged', at: "'notifications/roots/list_changed'" }],
    ),

    // ---------------------------------------------------------------------------------
    // Legacy-gated code: reported as servesLegacyClients when asked to.
    // ---------------------------------------------------------------------------------
    {
      ...invalid(
        'M3 behind an era check is servesLegacyClients',
        code`
          import { McpServer } from '@modelcontextprotocol/server';

          export function buildServer(era: 'legacy' | 'modern') {
            const server = new McpServer({ name: 'files', version: '2.0.0' });
            server.registerTool('roots', {}, async () => {
              if (era === 'legacy') {
                const { roots } = await server.server.listRoots();
                return { content: [{ type: 'text', text: roots.map((r) => r.uri).join(', ') }] };
              }
              return { content: [{ type: 'text', text: 'Pass the directory as the path argument.' }] };
            });
            return server;
          }
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: 'server.server.listRoots',
            data: { message: rule.meta.messages.requestsRoots, gate: "behind `era === 'legacy'`" },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
    {
      ...invalid(
        'M3 on a legacy route taken only behind isLegacyRequest() is servesLegacyClients',
        code`
          import { McpServer, isLegacyRequest } from '@modelcontextprotocol/server';
          import { NodeStreamableHTTPServerTransport, toWebRequest } from '@modelcontextprotocol/node';

          async function legacyPost(req, res) {
            const server = new McpServer({ name: 'legacy', version: '2.0.0' });
            server.registerTool('roots', {}, async () => {
              const result = await server.server.listRoots();
              return { content: [{ type: 'text', text: JSON.stringify(result) }] };
            });
            const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
            await server.connect(transport);
            await transport.handleRequest(req, res, req.body);
          }
          app.post('/mcp', async (req, res) => ((await isLegacyRequest(toWebRequest(req, req.body))) ? legacyPost(req, res) : modern(req, res)));
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: 'server.server.listRoots',
            data: {
              message: rule.meta.messages.requestsRoots,
              gate: 'in `legacyPost`, which runs only behind `await isLegacyRequest(toWebRequest(req, req.body))`',
            },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
  ],
});

describe('no-deprecated-roots prefilter', () => {
  const prefilter = rulePrefilter(rule);

  it('does not run on a file that says roots but not MCP', () => {
    expect(prefilter.scan(rootsLookalike).ruleIds).toEqual([]);
  });
});
