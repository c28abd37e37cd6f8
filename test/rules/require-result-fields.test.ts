import { RuleTester } from '@typescript-eslint/rule-tester';
import type { InferMessageIdsTypeFromRule } from '@typescript-eslint/utils/eslint-utils';
import rule from '../../rules/require-result-fields.js';
import { caseBuilders, code, type Expected } from '../helpers/rule-cases.js';

/**
 * Tests for `require-result-fields` (catalogue rows K1 and K2, changelog Major 8; design.md
 * principle 3 for the results of SDK servers and of other protocols, which must stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts);
 * every invalid case states its autofix `output` (null: no fix).
 */

type MessageIds = InferMessageIdsTypeFromRule<typeof rule>;

const cases = caseBuilders(rule);
const { valid } = cases;
const invalid = (name: string, source: string, expected: Expected<MessageIds>[], output: string | null, options: { filename?: string } = {}) =>
  cases.invalid(name, source, expected, { ...options, output });

const both = '`ttlMs` and `cacheScope`';
const all = '`resultType`, `ttlMs` and `cacheScope`';

const ruleTester = new RuleTester();

ruleTester.run('require-result-fields', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // Already migrated.
    // ---------------------------------------------------------------------------------
    valid(
      'results with resultType and cache hints; input_required results; errors',
      code`
        export async function handle(message: JsonRpcRequest) {
          const { method, params } = message;
          switch (method) {
            case 'server/discover':
              return {
                resultType: 'complete',
                supportedVersions: ['2026-07-28'],
                capabilities: { tools: {} },
                ttlMs: 3_600_000,
                cacheScope: 'public',
                _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'notes', version: '1.0.0' } },
              };
            case 'tools/list':
              return { resultType: 'complete', tools: TOOLS, ttlMs: 0, cacheScope: 'private' };
            case 'tools/call':
              if (!params.inputResponses?.confirm) {
                return { resultType: 'input_required', inputRequests: { confirm: confirmRequest(params) } };
              }
              return {
                resultType: 'complete',
                content: notes.map((note) => ({ type: 'text', text: note.title, content: note.body })),
              };
            default:
              return { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not found' } };
          }
        }
      `,
    ),
    valid(
      'ping and initialize results are other rules’ business',
      code`
        export function handle(message: JsonRpcRequest) {
          switch (message.method) {
            case 'initialize':
              return { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'notes', version: '1.0.0' } };
            case 'ping':
              return {};
            case 'tools/list':
              return { resultType: 'complete', tools: TOOLS, ttlMs: 0, cacheScope: 'private' };
          }
        }
      `,
    ),
    valid(
      'results the handler cannot see into: spreads, calls, helpers',
      code`
        const handlers = {
          'tools/list': async () => ({ ...toolPage(), resultType: 'complete' }),
          'tools/call': async (params: CallParams) => runTool(params),
          'resources/read': async (params: ReadParams) => withCacheHints(await read(params.uri)),
        };
        app.post('/mcp', async (req, res) => {
          res.json({ jsonrpc: '2.0', id: req.body.id, result: await handlers[req.body.method]?.(req.body.params) });
        });
      `,
    ),
    valid(
      'handlers whose results a dispatcher completes generically',
      code`
        const handlers: Record<string, (params: any) => Promise<object>> = {
          'tools/list': async () => ({ tools: TOOLS }),
          'tools/call': async (params) => ({ content: await run(params) }),
          'resources/read': async (params) => ({ contents: [await read(params.uri)] }),
        };

        app.post('/mcp', async (req, res) => {
          const { id, method, params } = req.body;
          const result = await handlers[method]!(params);
          res.json({ jsonrpc: '2.0', id, result: { resultType: 'complete', ttlMs: 0, cacheScope: 'private', ...result } });
        });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // The SDK builds the results: SDK v2 adds resultType and the cache hints.
    // ---------------------------------------------------------------------------------
    valid(
      'SDK v2 Server with string-method handlers',
      code`
        import { Server } from '@modelcontextprotocol/server';

        const server = new Server({ name: 'notes', version: '1.0.0' }, { capabilities: { tools: {} } });
        server.setRequestHandler('tools/list', async () => ({ tools }));
        server.setRequestHandler('tools/call', async () => ({ content: [{ type: 'text', text: 'ok' }] }));
      `,
    ),
    valid(
      'SDK v1 McpServer tools and resources (require)',
      code`
        const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');

        const server = new McpServer({ name: 'notes', version: '1.0.0' });
        server.registerTool('add', { inputSchema: {} }, async () => ({ content: [{ type: 'text', text: 'added' }] }));
        server.registerResource('note', 'notes://welcome', {}, async (uri) => ({ contents: [{ uri: uri.href, text: 'hi' }] }));
      `,
      { filename: 'file.js' },
    ),
    // ---------------------------------------------------------------------------------
    // Lookalikes: REST handlers, LSP, other JSON-RPC protocols, MCP clients.
    // ---------------------------------------------------------------------------------
    valid(
      'REST routes beside a migrated MCP dispatch',
      code`
        app.get('/api/notes', (req, res) => res.json({ items: [...notes.values()], nextCursor: undefined }));
        app.get('/api/notes/:id', (req, res) => {
          return res.json({ content: notes.get(req.params.id)?.body });
        });
        app.post('/mcp', async (req, res) => {
          const { id, method } = req.body;
          if (method === 'tools/list') return res.json({ jsonrpc: '2.0', id, result: { resultType: 'complete', tools, ttlMs: 0, cacheScope: 'private' } });
          if (method === 'tools/call') return res.json({ jsonrpc: '2.0', id, result: { resultType: 'complete', content: await run(req.body.params) } });
        });
      `,
    ),
    valid(
      'an LSP server returning hover contents',
      code`
        export function handle(message: LspRequest) {
          switch (message.method) {
            case 'initialize':
              return { capabilities: { hoverProvider: true } };
            case 'textDocument/hover':
              return { contents: { kind: 'markdown', value: hoverText(message.params) } };
            case 'textDocument/completion':
              return { items: completions(message.params), isIncomplete: false };
          }
        }
      `,
    ),
    valid(
      'an A2A server answering tasks/get',
      code`
        const methods = {
          'tasks/send': async (params: TaskSendParams) => ({ id: params.id, status: { state: 'submitted' } }),
          'tasks/get': async (params: TaskQueryParams) => ({ id: params.id, status: await statusOf(params.id), artifacts: [] }),
        };
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Results whose fix is not a result field.
    // ---------------------------------------------------------------------------------
    valid(
      'resources/read answering an unknown URI with empty contents (its fix is -32602, not cache hints)',
      code`
        export function readResource(id: number, uri: string) {
          switch (uri) {
            case 'notes://index':
              return { jsonrpc: '2.0', id, result: { resultType: 'complete', contents: [{ uri, text: index() }], ttlMs: 0, cacheScope: 'private' } };
            default:
              return { jsonrpc: '2.0', id, result: { contents: [] } };
          }
        }

        export function route(message: { id: number; method: string; params: { uri: string } }) {
          if (message.method === 'resources/read') return readResource(message.id, message.params.uri);
          if (message.method === 'tools/list') return { jsonrpc: '2.0', id: message.id, result: { resultType: 'complete', tools: [], ttlMs: 0, cacheScope: 'public' } };
        }
      `,
    ),
    valid(
      "a test's fake of a 2025 server (it answers initialize, not server/discover) driving a legacy-mode client",
      code`
        import { expect, it, vi } from 'vitest';
        import { ProxyTransport } from '../src/proxy-transport.js';

        it('lists tools through the proxy after a 2025 handshake', async () => {
          const fetchFn = vi.fn(async (_url: string, init: RequestInit) => {
            const message = JSON.parse(String(init.body));
            if (message.method === 'initialize') {
              return Response.json({ jsonrpc: '2.0', id: message.id, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'fake', version: '1' } } });
            }
            if (message.method === 'tools/list') {
              return Response.json({ jsonrpc: '2.0', id: message.id, result: { tools: [{ name: 'echo', inputSchema: { type: 'object' } }] } });
            }
            return new Response(null, { status: 202 });
          });
          const transport = new ProxyTransport({ fetchFn, legacy: true });
          expect(await transport.listTools()).toHaveLength(1);
        });
      `,
    ),
    valid(
      'an MCP client reading results',
      code`
        export async function loadTools(rpc: Rpc) {
          const page = await rpc.request({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
          return { tools: page.tools, fetchedAt: Date.now() };
        }
      `,
    ),
  ],
  invalid: [
    // ---------------------------------------------------------------------------------
    // K1 and K2 in a switch: what each result lacks.
    // ---------------------------------------------------------------------------------
    invalid(
      'results returned from a switch (TypeScript, a v1 type import)',
      code`
        import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

        export async function handle(method: string, params: any): Promise<unknown> {
          switch (method) {
            case 'tools/list':
              return { tools: TOOLS };
            case 'tools/call': {
              const result: CallToolResult = { content: [{ type: 'text', text: await run(params) }] };
              return { content: [{ type: 'text', text: await run(params) }], isError: false };
            }
            case 'prompts/list':
              return { resultType: 'complete', prompts: PROMPTS };
            case 'resources/list':
              return { resultType: 'complete', resources: RESOURCES, ttlMs: 60_000 };
            case 'resources/read':
              return {
                contents: [{ uri: params.uri, text: await read(params.uri) }],
              };
          }
        }
      `,
      [
        { messageId: 'missingResultTypeAndCacheHints', at: '{ tools: TOOLS }', data: { method: 'tools/list', missing: all } },
        { messageId: 'missingResultType', at: "{ content: [{ type: 'text', text: await run(params) }], isError: false }", data: { method: 'tools/call' } },
        { messageId: 'missingCacheHints', at: "{ resultType: 'complete', prompts: PROMPTS }", data: { method: 'prompts/list', missing: both } },
        { messageId: 'missingCacheHints', at: "{ resultType: 'complete', resources: RESOURCES, ttlMs: 60_000 }", data: { method: 'resources/list', missing: '`cacheScope`' } },
        {
          messageId: 'missingResultTypeAndCacheHints',
          at: '{\n        contents: [{ uri: params.uri, text: await read(params.uri) }],\n      }',
          data: { method: 'resources/read', missing: all },
        },
      ],
      code`
        import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

        export async function handle(method: string, params: any): Promise<unknown> {
          switch (method) {
            case 'tools/list':
              return { resultType: 'complete', ttlMs: 0, cacheScope: 'private', tools: TOOLS };
            case 'tools/call': {
              const result: CallToolResult = { content: [{ type: 'text', text: await run(params) }] };
              return { resultType: 'complete', content: [{ type: 'text', text: await run(params) }], isError: false };
            }
            case 'prompts/list':
              return { resultType: 'complete', ttlMs: 0, cacheScope: 'private', prompts: PROMPTS };
            case 'resources/list':
              return { resultType: 'complete', cacheScope: 'private', resources: RESOURCES, ttlMs: 60_000 };
            case 'resources/read':
              return {
                resultType: 'complete',
                ttlMs: 0,
                cacheScope: 'private',
                contents: [{ uri: params.uri, text: await read(params.uri) }],
              };
          }
        }
      `,
    ),
    invalid(
      'server/discover without cache hints, and a ternary of two tools/list pages',
      code`
        export function answer(method: string) {
          if (method === 'server/discover') {
            return { resultType: 'complete', supportedVersions: ['2026-07-28'], capabilities: { tools: {} } };
          }
          if (method === 'tools/list') return cached ? { tools: cached } : { tools: load() };
        }
      `,
      [
        { messageId: 'missingCacheHints', at: "{ resultType: 'complete', supportedVersions: ['2026-07-28'], capabilities: { tools: {} } }", data: { method: 'server/discover', missing: both } },
        { messageId: 'missingResultTypeAndCacheHints', at: '{ tools: cached }', data: { method: 'tools/list', missing: all } },
        { messageId: 'missingResultTypeAndCacheHints', at: '{ tools: load() }', data: { method: 'tools/list', missing: all } },
      ],
      code`
        export function answer(method: string) {
          if (method === 'server/discover') {
            return { resultType: 'complete', ttlMs: 0, cacheScope: 'private', supportedVersions: ['2026-07-28'], capabilities: { tools: {} } };
          }
          if (method === 'tools/list') return cached ? { resultType: 'complete', ttlMs: 0, cacheScope: 'private', tools: cached } : { resultType: 'complete', ttlMs: 0, cacheScope: 'private', tools: load() };
        }
      `,
    ),
    invalid(
      'cache hints go on their own lines after a resultType that has its own line',
      code`
        export function answer(method: string) {
          if (method === 'tools/list') {
            return {
              resultType: 'complete',
              tools: TOOLS,
            };
          }
        }
      `,
      [{ messageId: 'missingCacheHints', at: "{\n      resultType: 'complete',\n      tools: TOOLS,\n    }", data: { method: 'tools/list', missing: both } }],
      code`
        export function answer(method: string) {
          if (method === 'tools/list') {
            return {
              resultType: 'complete',
              ttlMs: 0,
              cacheScope: 'private',
              tools: TOOLS,
            };
          }
        }
      `,
    ),
    invalid(
      'a wrapper that adds only resultType: cacheable results still lack their cache hints',
      code`
        const complete = (result: object) => ({ resultType: 'complete', ...result });

        export const handlers = {
          'tools/list': () => ({ tools: TOOLS }),
          'tools/call': (params: CallParams) => ({ content: run(params) }),
          'prompts/list': () => ({ prompts: PROMPTS }),
        };
        export const dispatch = (method: keyof typeof handlers, params: CallParams) => complete(handlers[method](params));
      `,
      [
        { messageId: 'missingCacheHints', at: '{ tools: TOOLS }', data: { method: 'tools/list', missing: both } },
        { messageId: 'missingCacheHints', at: '{ prompts: PROMPTS }', data: { method: 'prompts/list', missing: both } },
      ],
      code`
        const complete = (result: object) => ({ resultType: 'complete', ...result });

        export const handlers = {
          'tools/list': () => ({ ttlMs: 0, cacheScope: 'private', tools: TOOLS }),
          'tools/call': (params: CallParams) => ({ content: run(params) }),
          'prompts/list': () => ({ ttlMs: 0, cacheScope: 'private', prompts: PROMPTS }),
        };
        export const dispatch = (method: keyof typeof handlers, params: CallParams) => complete(handlers[method](params));
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Results inside response messages.
    // ---------------------------------------------------------------------------------
    invalid(
      'the result of a { jsonrpc, id, result } response (JavaScript, require)',
      code`
        const express = require('express');

        const app = express();
        app.post('/mcp', express.json(), async (req, res) => {
          const { id, method, params } = req.body;
          if (method === 'tools/call') {
            return res.json({
              jsonrpc: '2.0',
              id,
              result: {
                content: [{ type: 'text', text: await run(params) }],
              },
            });
          }
          if (method === 'completion/complete') return res.json({ jsonrpc: '2.0', id, result: { completion: { values: [] } } });
        });
      `,
      [
        {
          messageId: 'missingResultType',
          at: "{\n        content: [{ type: 'text', text: await run(params) }],\n      }",
          data: { method: 'tools/call' },
        },
        { messageId: 'missingResultType', at: '{ completion: { values: [] } }', data: { method: 'completion/complete' } },
      ],
      code`
        const express = require('express');

        const app = express();
        app.post('/mcp', express.json(), async (req, res) => {
          const { id, method, params } = req.body;
          if (method === 'tools/call') {
            return res.json({
              jsonrpc: '2.0',
              id,
              result: {
                resultType: 'complete',
                content: [{ type: 'text', text: await run(params) }],
              },
            });
          }
          if (method === 'completion/complete') return res.json({ jsonrpc: '2.0', id, result: { resultType: 'complete', completion: { values: [] } } });
        });
      `,
      { filename: 'file.js' },
    ),
    invalid(
      'a result variable filled in each case and sent after the switch (.mjs)',
      code`
        import { createInterface } from 'node:readline';

        for await (const line of createInterface({ input: process.stdin })) {
          const { id, method, params } = JSON.parse(line);
          let result;
          switch (method) {
            case 'prompts/get':
              result = { messages: render(params.name, params.arguments) };
              break;
            case 'tools/call':
              result = { content: [], isError: true };
              break;
          }
          process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id, result }) + '\\n');
        }
      `,
      [
        { messageId: 'missingResultType', at: '{ messages: render(params.name, params.arguments) }', data: { method: 'prompts/get' } },
        { messageId: 'missingResultType', at: '{ content: [], isError: true }', data: { method: 'tools/call' } },
      ],
      code`
        import { createInterface } from 'node:readline';

        for await (const line of createInterface({ input: process.stdin })) {
          const { id, method, params } = JSON.parse(line);
          let result;
          switch (method) {
            case 'prompts/get':
              result = { resultType: 'complete', messages: render(params.name, params.arguments) };
              break;
            case 'tools/call':
              result = { resultType: 'complete', content: [], isError: true };
              break;
          }
          process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id, result }) + '\\n');
        }
      `,
      { filename: 'file.mjs' },
    ),
    invalid(
      'a reply helper called from a dispatch branch',
      code`
        export function onMessage(message: JsonRpcRequest) {
          if (message.method === 'resources/templates/list') reply(message.id, { resourceTemplates: TEMPLATES });
          else if (message.method === 'tools/call') reply(message.id, { content: [{ type: 'text', text: 'done' }] });
        }
      `,
      [
        { messageId: 'missingResultTypeAndCacheHints', at: '{ resourceTemplates: TEMPLATES }', data: { method: 'resources/templates/list', missing: all } },
        { messageId: 'missingResultType', at: "{ content: [{ type: 'text', text: 'done' }] }", data: { method: 'tools/call' } },
      ],
      code`
        export function onMessage(message: JsonRpcRequest) {
          if (message.method === 'resources/templates/list') reply(message.id, { resultType: 'complete', ttlMs: 0, cacheScope: 'private', resourceTemplates: TEMPLATES });
          else if (message.method === 'tools/call') reply(message.id, { resultType: 'complete', content: [{ type: 'text', text: 'done' }] });
        }
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Handlers in tables, registries and classes.
    // ---------------------------------------------------------------------------------
    invalid(
      'named handler functions in a dispatch table, with v2 types imported under an alias',
      code`
        import type { CallToolResult as ToolResult } from '@modelcontextprotocol/server';

        async function callTool(params: CallParams): Promise<ToolResult> {
          if (!TOOLS.has(params.name)) {
            return { content: [{ type: 'text', text: 'unknown tool' }], isError: true };
          }
          return {
            content: await TOOLS.get(params.name)!(params.arguments),
          };
        }

        const getPrompt = async (params: PromptParams) => ({ description: 'A note', messages: [] });

        export const handlers = {
          'tools/call': callTool,
          'prompts/get': getPrompt,
          'prompts/list': async () => ({ prompts: PROMPTS }),
        };
      `,
      [
        { messageId: 'missingResultType', at: "{ content: [{ type: 'text', text: 'unknown tool' }], isError: true }", data: { method: 'tools/call' } },
        { messageId: 'missingResultType', at: '{\n    content: await TOOLS.get(params.name)!(params.arguments),\n  }', data: { method: 'tools/call' } },
        { messageId: 'missingResultType', at: "{ description: 'A note', messages: [] }", data: { method: 'prompts/get' } },
        { messageId: 'missingResultTypeAndCacheHints', at: '{ prompts: PROMPTS }', data: { method: 'prompts/list', missing: all } },
      ],
      code`
        import type { CallToolResult as ToolResult } from '@modelcontextprotocol/server';

        async function callTool(params: CallParams): Promise<ToolResult> {
          if (!TOOLS.has(params.name)) {
            return { resultType: 'complete', content: [{ type: 'text', text: 'unknown tool' }], isError: true };
          }
          return {
            resultType: 'complete',
            content: await TOOLS.get(params.name)!(params.arguments),
          };
        }

        const getPrompt = async (params: PromptParams) => ({ resultType: 'complete', description: 'A note', messages: [] });

        export const handlers = {
          'tools/call': callTool,
          'prompts/get': getPrompt,
          'prompts/list': async () => ({ resultType: 'complete', ttlMs: 0, cacheScope: 'private', prompts: PROMPTS }),
        };
      `,
    ),
    invalid(
      'a JSON-RPC library registry, with the SDK types namespace-imported',
      code`
        import { JSONRPCServer } from 'json-rpc-2.0';
        import * as types from '@modelcontextprotocol/sdk/types.js';

        const rpc = new JSONRPCServer();
        rpc.addMethod('tools/list', () => ({ tools: TOOLS, nextCursor: undefined }));
        rpc.addMethod('completion/complete', complete);

        function complete(params: types.CompleteRequest['params']) {
          return { completion: { values: suggestions(params.argument.value), hasMore: false } };
        }
      `,
      [
        { messageId: 'missingResultTypeAndCacheHints', at: '{ tools: TOOLS, nextCursor: undefined }', data: { method: 'tools/list', missing: all } },
        { messageId: 'missingResultType', at: '{ completion: { values: suggestions(params.argument.value), hasMore: false } }', data: { method: 'completion/complete' } },
      ],
      code`
        import { JSONRPCServer } from 'json-rpc-2.0';
        import * as types from '@modelcontextprotocol/sdk/types.js';

        const rpc = new JSONRPCServer();
        rpc.addMethod('tools/list', () => ({ resultType: 'complete', ttlMs: 0, cacheScope: 'private', tools: TOOLS, nextCursor: undefined }));
        rpc.addMethod('completion/complete', complete);

        function complete(params: types.CompleteRequest['params']) {
          return { resultType: 'complete', completion: { values: suggestions(params.argument.value), hasMore: false } };
        }
      `,
    ),
    invalid(
      'class methods called from a switch',
      code`
        export class NotesServer {
          async handle(request: JsonRpcRequest) {
            switch (request.method) {
              case 'tools/call':
                return this.callTool(request.params);
              case 'resources/read':
                return await this.readNote(request.params.uri);
            }
          }

          private async callTool(params: CallParams) {
            return { content: [{ type: 'text', text: await this.store.run(params) }] };
          }

          private async readNote(uri: string) {
            return { contents: [{ uri, text: await this.store.read(uri) }], ttlMs: 0, cacheScope: 'private' };
          }
        }
      `,
      [
        { messageId: 'missingResultType', at: "{ content: [{ type: 'text', text: await this.store.run(params) }] }", data: { method: 'tools/call' } },
        { messageId: 'missingResultType', at: "{ contents: [{ uri, text: await this.store.read(uri) }], ttlMs: 0, cacheScope: 'private' }", data: { method: 'resources/read' } },
      ],
      code`
        export class NotesServer {
          async handle(request: JsonRpcRequest) {
            switch (request.method) {
              case 'tools/call':
                return this.callTool(request.params);
              case 'resources/read':
                return await this.readNote(request.params.uri);
            }
          }

          private async callTool(params: CallParams) {
            return { resultType: 'complete', content: [{ type: 'text', text: await this.store.run(params) }] };
          }

          private async readNote(uri: string) {
            return { resultType: 'complete', contents: [{ uri, text: await this.store.read(uri) }], ttlMs: 0, cacheScope: 'private' };
          }
        }
      `,
    ),
    invalid(
      "a test's fake that answers server/discover too is a 2026-07-28 peer: its results are checked",
      code`
        import { expect, it, vi } from 'vitest';

        it('lists tools from a modern server', async () => {
          const fetchFn = vi.fn(async (_url: string, init: RequestInit) => {
            const message = JSON.parse(String(init.body));
            if (message.method === 'server/discover') {
              return Response.json({ jsonrpc: '2.0', id: message.id, result: { resultType: 'complete', supportedVersions: ['2026-07-28'], capabilities: { tools: {} }, ttlMs: 0, cacheScope: 'public' } });
            }
            if (message.method === 'initialize') {
              return Response.json({ jsonrpc: '2.0', id: message.id, error: { code: -32022, message: 'Unsupported protocol version' } });
            }
            if (message.method === 'tools/list') {
              return Response.json({ jsonrpc: '2.0', id: message.id, result: { tools: [] } });
            }
            return new Response(null, { status: 202 });
          });
          expect(await listToolsWith(fetchFn)).toEqual([]);
        });
      `,
      [{ messageId: 'missingResultTypeAndCacheHints', at: '{ tools: [] }', data: { method: 'tools/list', missing: all } }],
      code`
        import { expect, it, vi } from 'vitest';

        it('lists tools from a modern server', async () => {
          const fetchFn = vi.fn(async (_url: string, init: RequestInit) => {
            const message = JSON.parse(String(init.body));
            if (message.method === 'server/discover') {
              return Response.json({ jsonrpc: '2.0', id: message.id, result: { resultType: 'complete', supportedVersions: ['2026-07-28'], capabilities: { tools: {} }, ttlMs: 0, cacheScope: 'public' } });
            }
            if (message.method === 'initialize') {
              return Response.json({ jsonrpc: '2.0', id: message.id, error: { code: -32022, message: 'Unsupported protocol version' } });
            }
            if (message.method === 'tools/list') {
              return Response.json({ jsonrpc: '2.0', id: message.id, result: { resultType: 'complete', ttlMs: 0, cacheScope: 'private', tools: [] } });
            }
            return new Response(null, { status: 202 });
          });
          expect(await listToolsWith(fetchFn)).toEqual([]);
        });
      `,
    ),
    invalid(
      'a 2025 server outside tests (initialize, no server/discover) and a resource read with contents is still reported',
      code`
        export function handle(message: { id: number; method: string; params: { uri: string } }) {
          switch (message.method) {
            case 'initialize':
              return { protocolVersion: '2025-06-18', capabilities: { resources: {} }, serverInfo: { name: 'notes', version: '1' } };
            case 'resources/read':
              return { contents: [{ uri: message.params.uri, text: read(message.params.uri) }] };
          }
        }
      `,
      [{ messageId: 'missingResultTypeAndCacheHints', at: '{ contents: [{ uri: message.params.uri, text: read(message.params.uri) }] }', data: { method: 'resources/read', missing: all } }],
      code`
        export function handle(message: { id: number; method: string; params: { uri: string } }) {
          switch (message.method) {
            case 'initialize':
              return { protocolVersion: '2025-06-18', capabilities: { resources: {} }, serverInfo: { name: 'notes', version: '1' } };
            case 'resources/read':
              return { resultType: 'complete', ttlMs: 0, cacheScope: 'private', contents: [{ uri: message.params.uri, text: read(message.params.uri) }] };
          }
        }
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Dual-era: results kept for 2025 clients behind a legacy gate.
    // ---------------------------------------------------------------------------------
    {
      ...invalid(
        'a result on a legacy-gated path is reported as servesLegacyClients, without a fix',
        code`
          export function handle(message: JsonRpcRequest, era: 'legacy' | 'modern') {
            switch (message.method) {
              case 'tools/call':
                if (era === 'legacy') return { content: legacyRun(message.params) };
                return { resultType: 'complete', content: run(message.params) };
            }
          }
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: '{ content: legacyRun(message.params) }',
            data: {
              message: rule.meta.messages.missingResultType.replace('{{method}}', 'tools/call'),
              gate: "behind `era === 'legacy'`",
            },
          },
        ],
        null,
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
  ],
});
