import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/prefer-extensions-capability.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `prefer-extensions-capability` (reference §15.11 row P1, §11; changelog Minor 1).
 * Lookalikes that must stay silent: `experimental` keys of other configs (Next.js, Vite,
 * TypeScript, LSP), and MCP's own `experimental` flags that are not extension ids.
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

const id = (value: string) => ({ id: value });

ruleTester.run('prefer-extensions-capability', rule, {
  valid: [
    valid(
      'Next.js config experimental flags',
      code`
        /** @type {import('next').NextConfig} */
        module.exports = {
          reactStrictMode: true,
          experimental: { serverActions: { bodySizeLimit: '2mb' }, typedRoutes: true },
        };
      `,
      { filename: 'next.config.js' },
    ),
    valid(
      'Vite and Astro configs with slashed experimental keys',
      code`
        import { defineConfig } from 'vite';

        export default defineConfig({
          experimental: { renderBuiltUrl: (file) => ({ relative: true }), 'hmr/partial': true },
          build: { target: 'es2022' },
        });
        export const astro = { experimental: { 'content.layer/v2': true } };
      `,
    ),
    valid(
      'an LSP server declares vendor experimental capabilities (no protocolVersion)',
      code`
        import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';

        const connection = createConnection(ProposedFeatures.all);
        connection.onInitialize(() => ({
          capabilities: { hoverProvider: true, experimental: { 'dev.rust-analyzer/hoverActions': true } },
          serverInfo: { name: 'notes-lsp' },
        }));
      `,
    ),
    valid(
      'MCP experimental flags that are not extension ids',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer(
          { name: 'search', version: '1.0.0' },
          { capabilities: { tools: {}, experimental: { streamingResults: {}, batch: { maxSize: 10 } } } },
        );
      `,
    ),
    valid(
      'already declared under extensions',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        export const server = new McpServer(
          { name: 'apps', version: '2.0.0' },
          { capabilities: { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } } } },
        );
      `,
    ),
    valid(
      'a dual-era server mirrors the extension under experimental for 2025 clients',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        const search = { maxResults: 50 };
        export const server = new McpServer(
          { name: 'search', version: '2.0.0' },
          { capabilities: { extensions: { 'com.acme/search': search }, experimental: { 'com.acme/search': search } } },
        );
      `,
    ),
    valid(
      'MCP-named classes defined locally',
      code`
        class McpServer {
          constructor(readonly info: object, readonly options: object) {}
        }
        export const server = new McpServer({ name: 'x' }, { capabilities: { experimental: { 'com.acme/search': {} } } });
      `,
    ),
  ],

  invalid: [
    invalid(
      'P1: SDK v1 McpServer options (ESM)',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer(
          { name: 'search', version: '1.0.0' },
          { capabilities: { tools: {}, experimental: { 'com.acme/search': { maxResults: 50 } } } },
        );
      `,
      [{ messageId: 'extensionUnderExperimental', at: "'com.acme/search': { maxResults: 50 }", data: id('com.acme/search') }],
    ),
    invalid(
      'P1: SDK v1 low-level Server, aliased import',
      code`
        import { Server as LowLevelServer } from '@modelcontextprotocol/sdk/server/index.js';

        export const server = new LowLevelServer(
          { name: 'search', version: '1.0.0' },
          {
            capabilities: {
              experimental: {
                'com.acme/search': {},
                'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] },
                tracing: {},
              },
            },
          },
        );
      `,
      [
        { messageId: 'extensionUnderExperimental', at: "'com.acme/search': {}", data: id('com.acme/search') },
        {
          messageId: 'extensionUnderExperimental',
          at: "'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] }",
          data: id('io.modelcontextprotocol/ui'),
        },
      ],
    ),
    invalid(
      'P1: SDK v2 Client capabilities',
      code`
        import { Client } from '@modelcontextprotocol/client';

        const client = new Client(
          { name: 'host', version: '2.0.0' },
          { capabilities: { experimental: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } } } },
        );
      `,
      [
        {
          messageId: 'extensionUnderExperimental',
          at: "'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] }",
          data: id('io.modelcontextprotocol/ui'),
        },
      ],
    ),
    invalid(
      'P1: namespace import, options and experimental through constants, computed key',
      code`
        import * as mcp from '@modelcontextprotocol/server';

        const SEARCH_EXTENSION = 'com.acme/search';
        const EXPERIMENTAL = { [SEARCH_EXTENSION]: { maxResults: 50 } };
        const options = { capabilities: { tools: {}, experimental: EXPERIMENTAL } };

        export const build = () => new mcp.McpServer({ name: 'search', version: '2.0.0' }, options);
      `,
      [{ messageId: 'extensionUnderExperimental', at: '[SEARCH_EXTENSION]: { maxResults: 50 }', data: id('com.acme/search') }],
    ),
    invalid(
      'P1: require() in a JavaScript file',
      code`
        const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');

        module.exports = new McpServer({ name: 'search', version: '1.0.0' }, {
          capabilities: { experimental: { 'dev.acme.tools/batch': {} } },
        });
      `,
      [{ messageId: 'extensionUnderExperimental', at: "'dev.acme.tools/batch': {}", data: id('dev.acme.tools/batch') }],
      { filename: 'file.js' },
    ),
    invalid(
      'P1: registerCapabilities() and a typed capabilities constant',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import type { ServerCapabilities } from '@modelcontextprotocol/sdk/types.js';

        const server = new McpServer({ name: 'search', version: '1.0.0' });
        server.server.registerCapabilities({ experimental: { 'com.acme/search': {} } });

        export const capabilities: ServerCapabilities = { experimental: { 'com.acme/batch': {} } };
      `,
      [
        { messageId: 'extensionUnderExperimental', at: "'com.acme/search': {}", data: id('com.acme/search') },
        { messageId: 'extensionUnderExperimental', at: "'com.acme/batch': {}", data: id('com.acme/batch') },
      ],
    ),
    invalid(
      'P1: hand-rolled initialize and server/discover results',
      code`
        export function handle(message: { id: number; method: string }) {
          switch (message.method) {
            case 'initialize':
              return {
                protocolVersion: '2025-11-25',
                capabilities: { tools: {}, experimental: { 'com.acme/search': {} } },
                serverInfo: { name: 'search', version: '1.0.0' },
              };
            case 'server/discover':
              return {
                resultType: 'complete',
                supportedVersions: ['2026-07-28'],
                capabilities: { tools: {}, experimental: { 'com.acme/batch': {} } },
                ttlMs: 0,
                cacheScope: 'private',
              };
            case 'tools/list':
              return { tools: [] };
          }
        }
      `,
      [
        { messageId: 'extensionUnderExperimental', at: "'com.acme/search': {}", data: id('com.acme/search') },
        { messageId: 'extensionUnderExperimental', at: "'com.acme/batch': {}", data: id('com.acme/batch') },
      ],
    ),
    invalid(
      'P1: a hand-rolled client sends its capabilities in _meta',
      code`
        export const listTools = (id: number) => ({
          jsonrpc: '2.0',
          id,
          method: 'tools/list',
          params: {
            _meta: {
              'io.modelcontextprotocol/protocolVersion': '2026-07-28',
              'io.modelcontextprotocol/clientCapabilities': { experimental: { 'com.acme/search': {} } },
            },
          },
        });
      `,
      [{ messageId: 'extensionUnderExperimental', at: "'com.acme/search': {}", data: id('com.acme/search') }],
    ),
    // No MCP import and no distinctive method name: the shape alone says MCP (prefilterAlso's extras).
    invalid(
      'P1: a hand-rolled initialize result built in a file that names no MCP method',
      code`
        export function initializeResult(version: string) {
          return {
            protocolVersion: version,
            capabilities: { tools: {}, experimental: { 'com.acme/search': {} } },
            serverInfo: { name: 'search', version: '1.0.0' },
          };
        }
      `,
      [{ messageId: 'extensionUnderExperimental', at: "'com.acme/search': {}", data: id('com.acme/search') }],
    ),
    invalid(
      'P1: a hand-rolled discover result built in a file that names no MCP method',
      code`
        export const discoverResult = () => ({
          resultType: 'complete',
          supportedVersions: ['2026-07-28'],
          capabilities: { experimental: { 'com.acme/batch': {} } },
        });
      `,
      [{ messageId: 'extensionUnderExperimental', at: "'com.acme/batch': {}", data: id('com.acme/batch') }],
    ),
    invalid(
      'P1: the client capabilities _meta of a request built in a file that names no MCP method',
      code`
        export const requestMeta = {
          'io.modelcontextprotocol/clientCapabilities': { experimental: { 'com.acme/search': {} } },
        };
      `,
      [{ messageId: 'extensionUnderExperimental', at: "'com.acme/search': {}", data: id('com.acme/search') }],
    ),
    {
      ...invalid(
        'P1: behind an era check, the legacy capabilities serve 2025 clients',
        code`
          import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';

          export const handler = createMcpHandler((ctx) =>
            new McpServer(
              { name: 'search', version: '2.0.0' },
              {
                capabilities:
                  ctx.era === 'legacy'
                    ? { experimental: { 'com.acme/search': {} } }
                    : { extensions: { 'com.acme/search': {} } },
              },
            ),
          );
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: "'com.acme/search': {}",
            nth: 1,
            data: {
              message: rule.meta.messages.extensionUnderExperimental.replaceAll('{{id}}', 'com.acme/search'),
              gate: "behind `ctx.era === 'legacy'`",
            },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
  ],
});
