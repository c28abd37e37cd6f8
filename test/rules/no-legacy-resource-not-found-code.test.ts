import { RuleTester } from '@typescript-eslint/rule-tester';
import type { InferMessageIdsTypeFromRule } from '@typescript-eslint/utils/eslint-utils';
import rule from '../../rules/no-legacy-resource-not-found-code.js';
import { caseBuilders, code, type Expected } from '../helpers/rule-cases.js';

/**
 * Tests for `no-legacy-resource-not-found-code` (reference §6 and §15 rows X1–X3; design.md
 * principle 3 for the -32002 of other protocols that must stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts);
 * every invalid case states its autofix `output` (null: no fix).
 */

type MessageIds = InferMessageIdsTypeFromRule<typeof rule>;

const cases = caseBuilders(rule);
const { valid } = cases;
/** Every case here states its autofix `output` (null: no fix). */
const invalid = (name: string, source: string, expected: Expected<MessageIds>[], output: string | null, options: { filename?: string } = {}) =>
  cases.invalid(name, source, expected, { ...options, output });

// Message data. `sdkHint` is present only in files that import an MCP package.
const sdkHint = ' With SDK v2, `throw new ResourceNotFoundError(uri)` does this.';
const uri = '{ uri }';
const via = (name: string) => ` (\`${name}\` is -32002)`;
const emits = (sdk: boolean, through = '') => ({ uri, sdkHint: sdk ? sdkHint : '', via: through });
const compares = (through = '', conflict = '') => ({ via: through, conflict });
const asserts = (through = '') => ({ uri, via: through });
const emptyContents = (sdk: boolean) => ({ uri, sdkHint: sdk ? sdkHint : '' });
const switchConflict = ' This switch already handles -32602 in another branch: decide which branch a missing resource belongs to.';

const ruleTester = new RuleTester();

ruleTester.run('no-legacy-resource-not-found-code', rule, {
  valid: [
    // Tests of migrated servers check that the old code is gone.
    valid(
      'negated assertions on -32002',
      code`
        import { expect, it } from 'vitest';
        import { Client } from '@modelcontextprotocol/client';
        import assert from 'node:assert/strict';

        it('answers a missing resource with -32602', async () => {
          const error = await client.readResource({ uri: 'notes://missing' }).catch((e) => e);
          expect(error.code).not.toBe(-32002);
          await expect(client.readResource({ uri })).rejects.not.toMatchObject({ code: -32002 });
          assert.notStrictEqual(error.code, -32002);
        });
      `,
    ),
    // ---------------------------------------------------------------------------------
    // X3 already migrated: comparisons that accept both codes.
    // ---------------------------------------------------------------------------------
    valid(
      'comparisons that accept -32002 and -32602',
      code`
        import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

        export function isMissingResource(err: unknown): boolean {
          if (!(err instanceof McpError)) return false;
          if (err.code === -32002 || err.code === -32602) return true;
          if (err.code !== -32602 && err.code !== -32002) return false;
          return err.code === -32002 || err.code === ErrorCode.InvalidParams;
        }

        export const missing = (code: number) => [-32002, -32602].includes(code);
        export const MISSING = new Set([-32602, -32002]);
      `,
    ),
    valid(
      'switch cases that accept -32002 and -32602 in one group',
      code`
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        export function describe(error: McpError) {
          switch (error.code) {
            case -32002:
            case -32602:
              return 'missing';
            default:
              return 'other';
          }
        }

        export function describeReversed(error: McpError) {
          switch (error.code) {
            case -32602:
            // older servers
            case -32002:
              return 'missing';
          }
        }
      `,
    ),
    valid(
      'v2 enum members that accept both',
      code`
        import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/client';

        export function isNotFound(e: ProtocolError) {
          return (
            e.code === ProtocolErrorCode.ResourceNotFound || e.code === ProtocolErrorCode.InvalidParams ||
            [ProtocolErrorCode.ResourceNotFound, ProtocolErrorCode.InvalidParams].includes(e.code)
          );
        }
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Wallets (EIP-1193 / EIP-1474): -32002 "request already pending".
    // ---------------------------------------------------------------------------------
    valid(
      'MetaMask window.ethereum eth_requestAccounts',
      code`
        export async function connectWallet() {
          try {
            const accounts = await window.ethereum.request({ method: 'eth_requestAccounts' });
            return accounts[0];
          } catch (error: any) {
            if (error.code === -32002) {
              alert('Please open MetaMask: a connection request is already pending.');
            }
            throw error;
          }
        }
      `,
    ),
    valid(
      'React wallet button (.tsx) importing @metamask/providers',
      code`
        import detectEthereumProvider from '@metamask/detect-provider';
        import type { MetaMaskInpageProvider } from '@metamask/providers';

        export function ConnectButton() {
          async function onClick() {
            const provider = (await detectEthereumProvider()) as MetaMaskInpageProvider;
            try {
              await provider.request({ method: 'wallet_requestPermissions', params: [{ eth_accounts: {} }] });
            } catch (err) {
              switch ((err as { code: number }).code) {
                case -32002:
                  return;
                default:
                  throw err;
              }
            }
          }
          return <button onClick={onClick}>Connect</button>;
        }
      `,
      { filename: 'file.tsx' },
    ),
    valid(
      'ethers BrowserProvider',
      code`
        import { BrowserProvider } from 'ethers';

        const PENDING = [-32002];
        export async function accounts() {
          const provider = new BrowserProvider(window.ethereum);
          try {
            return await provider.send('eth_requestAccounts', []);
          } catch (e: any) {
            if (PENDING.includes(e.error?.code) || e.error?.code === -32002) return [];
            throw e;
          }
        }
      `,
    ),
    valid(
      'MCP wallet tool importing viem',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { createWalletClient, custom } from 'viem';

        const server = new McpServer({ name: 'wallet', version: '1.0.0' });
        server.registerTool('connect', { description: 'Connect the wallet' }, async () => {
          const wallet = createWalletClient({ transport: custom(provider) });
          try {
            const [address] = await wallet.requestAddresses();
            return { content: [{ type: 'text', text: address }] };
          } catch (err) {
            if ((err as { code?: number }).code === -32002) {
              return { content: [{ type: 'text', text: 'Check your wallet' }], isError: true };
            }
            throw err;
          }
        });
      `,
    ),

    // ---------------------------------------------------------------------------------
    // LSP: ServerNotInitialized = -32002.
    // ---------------------------------------------------------------------------------
    valid(
      'vscode-languageserver ErrorCodes.ServerNotInitialized and local copies',
      code`
        import { createConnection, ErrorCodes, ProposedFeatures, ResponseError } from 'vscode-languageserver/node';

        export const ServerNotInitialized = -32002;
        export enum LspErrorCodes {
          ServerNotInitialized = -32002,
          UnknownErrorCode = -32001,
        }

        const connection = createConnection(ProposedFeatures.all);
        let initialized = false;
        connection.onRequest('custom/data', () => {
          if (!initialized) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'Server not initialized');
          if (!initialized) throw new ResponseError(-32002, 'Server not initialized');
          return [];
        });
      `,
    ),
    valid(
      'vscode-languageclient checking -32002',
      code`
        import { LanguageClient } from 'vscode-languageclient/node';

        export async function hover(client: LanguageClient, params: unknown) {
          try {
            return await client.sendRequest('textDocument/hover', params);
          } catch (e: any) {
            if (e.code === -32002) return null;
            throw e;
          }
        }
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Application codes that say something else, even in an MCP file.
    // ---------------------------------------------------------------------------------
    valid(
      'rate limit and quota codes in an MCP server',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        const RATE_LIMITED = -32002;
        export function limit(id: number) {
          if (tooMany()) return { jsonrpc: '2.0', id, error: { code: -32002, message: 'Rate limit exceeded' } };
          if (overQuota()) throw new McpError(-32002, 'Quota exceeded for this API key');
          if (busy()) throw new McpError(RATE_LIMITED, 'Try again later');
        }
      `,
    ),

    // ---------------------------------------------------------------------------------
    // No MCP evidence in the file at all.
    // ---------------------------------------------------------------------------------
    valid(
      'JSON-RPC service with no MCP evidence',
      code`
        export const LEGACY_CODE = -32002;

        export function toJsonRpcError(id: number, err: AppError) {
          return { jsonrpc: '2.0', id, error: { code: -32002, message: err.message } };
        }

        export async function call(method: string, params: unknown) {
          const response = await post({ jsonrpc: '2.0', id: 1, method, params });
          if (response.error?.code === -32002) return retryLater();
          return response.result;
        }
      `,
    ),
    // "not found" about something that is not a resource, in a file that does not speak MCP.
    valid(
      'JSON-RPC "User not found" with no MCP evidence (CommonJS)',
      code`
        const jayson = require('jayson');

        const server = new jayson.Server({
          getUser(args, callback) {
            const user = users.get(args.id);
            if (!user) return callback({ code: -32002, message: 'User not found' });
            callback(null, user);
          },
        });
        module.exports = server;
      `,
      { filename: 'file.js' },
    ),

    // ---------------------------------------------------------------------------------
    // Other numbers, and -32002 in a type.
    // ---------------------------------------------------------------------------------
    valid(
      '-32602, 32002, -3200, -320020 and type-level -32002',
      code`
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        type LegacyResourceNotFound = -32002;
        interface LegacyError {
          code: -32002;
        }
        const PORT = 32002;
        export function fail(uri: string) {
          if (PORT === 32002) throw new McpError(-32602, 'Resource not found', { uri });
          if (uri === '') return { error: { code: -3200, message: 'Resource not found' } };
          return { error: { code: -320020, message: 'Resource not found' } };
        }
      `,
    ),

    // ---------------------------------------------------------------------------------
    // X2 lookalikes: empty `contents` that is not a missing resource.
    // ---------------------------------------------------------------------------------
    valid(
      'unconditional empty contents, and empty contents in list and tool handlers',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { ListResourcesRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        const server = new McpServer({ name: 'mail', version: '1.0.0' });
        server.resource('drafts', 'mail://drafts', async () => {
          return { contents: [] };
        });
        server.server.setRequestHandler(ListResourcesRequestSchema, async () => {
          if (!index) return { resources: [], contents: [] };
          return { resources: index.list() };
        });
        server.registerTool('search', { description: 'Search mail' }, async ({ q }) => {
          const hits = await search(q);
          if (hits.length === 0) return { content: [], contents: [] };
          return { content: hits.map((text) => ({ type: 'text', text })) };
        });
      `,
    ),
    valid(
      'empty contents outside any resources/read handler',
      code`
        export const EMPTY = { contents: [] };

        export function emptyResult(found: boolean) {
          if (!found) return { contents: [] };
          return EMPTY;
        }
      `,
    ),
    valid(
      'hand-rolled resources/list returning an empty list',
      code`
        export function handle({ id, method }) {
          switch (method) {
            case 'resources/list':
              if (!catalog) return { jsonrpc: '2.0', id, result: { resources: [], contents: [] } };
              return { jsonrpc: '2.0', id, result: { resources: catalog } };
          }
        }
      `,
      { filename: 'file.mjs' },
    ),

    // ---------------------------------------------------------------------------------
    // Already migrated servers.
    // ---------------------------------------------------------------------------------
    valid(
      'v2 ResourceNotFoundError and InvalidParams',
      code`
        import { McpServer, ProtocolError, ProtocolErrorCode, ResourceNotFoundError, ResourceTemplate } from '@modelcontextprotocol/server';

        const server = new McpServer({ name: 'docs', version: '2.0.0' });
        server.registerResource('doc', new ResourceTemplate('docs://{id}', { list: undefined }), {}, async (uri, { id }) => {
          const doc = await load(String(id));
          if (!doc) throw new ResourceNotFoundError(uri.href);
          if (doc.deleted) throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Resource not found', { uri: uri.href });
          return { contents: [{ uri: uri.href, text: doc.body }] };
        });
      `,
    ),
    // An MCP server reusing -32002 as its own application code: the message says what it means.
    valid(
      '-32002 with a message about something else, in an MCP tool',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { McpError } from '@modelcontextprotocol/sdk/types.js';
        import { z } from 'zod';

        const server = new McpServer({ name: 'crm', version: '1.0.0' });
        server.registerTool('get_profile', { inputSchema: { userId: z.string().optional() } }, async ({ userId }) => {
          if (!userId) throw new McpError(-32002, 'User ID required');
          if (!/^u_\w+$/.test(userId)) throw new McpError(-32002, \`Malformed user ID: \${userId}\`);
          return { content: [{ type: 'text', text: JSON.stringify(await crm.profile(userId)) }] };
        });
      `,
    ),
  ],

  invalid: [
    // ---------------------------------------------------------------------------------
    // X1: a server emitting -32002.
    // ---------------------------------------------------------------------------------
    (() => {
      const source = code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { McpError, ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
          const { uri } = request.params;
          const file = files.get(uri);
          if (!file) throw new McpError(-32002, 'Resource not found', { uri });
          return { contents: [{ uri, mimeType: 'text/plain', text: file }] };
        });
      `;
      return invalid(
        'X1: throw new McpError(-32002, ...) in a ReadResourceRequestSchema handler',
        source,
        [{ messageId: 'emitsLegacyCode', at: '-32002', data: emits(true) }],
        source.replace('-32002', '-32602'),
      );
    })(),
    (() => {
      const source = code`
        const { McpError } = require('@modelcontextprotocol/sdk/types.js');

        function notFound(uri) {
          return new McpError(-32002, \`Resource \${uri} not found\`, { uri });
        }
        module.exports = { notFound };
      `;
      return invalid(
        'X1: new McpError(-32002) built by a helper (CommonJS)',
        source,
        [{ messageId: 'emitsLegacyCode', at: '-32002', data: emits(true) }],
        source.replace('-32002', '-32602'),
        { filename: 'file.js' },
      );
    })(),
    (() => {
      const source = code`
        export function handle(message) {
          const { id, method, params } = message;
          switch (method) {
            case 'resources/read': {
              const doc = documents.get(params.uri);
              if (!doc) {
                return { jsonrpc: '2.0', id, error: { code: -32002, message: \`Resource \${params.uri} not found\` } };
              }
              return { jsonrpc: '2.0', id, result: { contents: [{ uri: params.uri, text: doc }] } };
            }
            default:
              return { jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } };
          }
        }
      `;
      return invalid(
        'X1: hand-rolled JSON-RPC error object in case resources/read (.mjs)',
        source,
        [{ messageId: 'emitsLegacyCode', at: '-32002', data: emits(false) }],
        source.replace('-32002', '-32602'),
        { filename: 'file.mjs' },
      );
    })(),
    (() => {
      const source = code`
        import type { ServerResponse } from 'node:http';

        function reply(res: ServerResponse, id: number, code: number, message: string, data?: unknown) {
          res.end(JSON.stringify({ jsonrpc: '2.0', id, error: { code, message, data } }));
        }

        export function onRequest(res: ServerResponse, { id, method, params }: JsonRpcRequest) {
          if (method === 'resources/read') {
            if (!store.has(params.uri)) return reply(res, id, -32002, 'Resource not found', { uri: params.uri });
            return sendResult(res, id, { contents: [store.get(params.uri)] });
          }
          if (method === 'tools/call') return sendError(res, id, -32002, \`Unknown resource \${params.name}\`);
        }
      `;
      return invalid(
        'X1: reply(id, -32002, ...) and sendError(...) in a hand-rolled server',
        source,
        [
          { messageId: 'emitsLegacyCode', at: '-32002', nth: 1, data: emits(false) },
          { messageId: 'emitsLegacyCode', at: '-32002', nth: 2, data: emits(false) },
        ],
        source.replaceAll('-32002', '-32602'),
      );
    })(),
    (() => {
      const source = code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        export function codeFor(kind: 'missing' | 'invalid') {
          if (kind === 'missing') return -32002;
          return -32602;
        }

        export function tag(err: Error & { code?: number }) {
          err.code = -32002;
          return err;
        }

        export const notFound = (uri: string) => Object.assign(new Error(\`Resource \${uri} not found\`), { code: -32002 });
      `;
      return invalid(
        'X1: -32002 returned, assigned to .code and set as a code property',
        source,
        [
          { messageId: 'emitsLegacyCode', at: '-32002', nth: 1, data: emits(true) },
          { messageId: 'emitsLegacyCode', at: '-32002', nth: 2, data: emits(true) },
          { messageId: 'emitsLegacyCode', at: '-32002', nth: 3, data: emits(true) },
        ],
        source.replaceAll('-32002', '-32602'),
      );
    })(),

    // X1 through constants: reported at the use, no fix (the constant may be used elsewhere).
    (() => {
      const source = code`
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        const RESOURCE_NOT_FOUND = -32002;

        export function notFound(uri: string): never {
          throw new McpError(RESOURCE_NOT_FOUND, \`Resource \${uri} not found\`, { uri });
        }

        export const notFoundResponse = (id: number, uri: string) => ({
          jsonrpc: '2.0',
          id,
          error: { code: RESOURCE_NOT_FOUND, message: 'Resource not found', data: { uri } },
        });
      `;
      return invalid(
        'X1: const RESOURCE_NOT_FOUND = -32002 used in errors',
        source,
        [
          { messageId: 'emitsLegacyCode', at: 'RESOURCE_NOT_FOUND', nth: 2, data: emits(true, via('RESOURCE_NOT_FOUND')) },
          { messageId: 'emitsLegacyCode', at: 'RESOURCE_NOT_FOUND', nth: 3, data: emits(true, via('RESOURCE_NOT_FOUND')) },
        ],
        null,
      );
    })(),
    (() => {
      const source = code`
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        export const RESOURCE_NOT_FOUND = -32002;
        export const ErrorCodes = {
          ResourceNotFound: -32002,
          InvalidParams: -32602,
        } as const;
      `;
      return invalid(
        'X1: exported constants with no local use, reported at the declaration',
        source,
        [
          { messageId: 'bindsLegacyCode', at: '-32002', nth: 1, data: { name: 'RESOURCE_NOT_FOUND' } },
          { messageId: 'bindsLegacyCode', at: '-32002', nth: 2, data: { name: 'ErrorCodes.ResourceNotFound' } },
        ],
        null,
      );
    })(),
    (() => {
      const source = code`
        const { McpError } = require('@modelcontextprotocol/sdk/types.js');

        const RESOURCE_NOT_FOUND = -32002;
        const INVALID_PARAMS = -32602;

        module.exports = { RESOURCE_NOT_FOUND, INVALID_PARAMS };
      `;
      return invalid(
        'X1: constant exported through module.exports, reported at the declaration (CommonJS)',
        source,
        [{ messageId: 'bindsLegacyCode', at: '-32002', data: { name: 'RESOURCE_NOT_FOUND' } }],
        null,
        { filename: 'file.js' },
      );
    })(),
    (() => {
      const source = code`
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        enum Codes {
          ResourceNotFound = -32002,
          Internal = -32603,
        }

        export function read(uri: string) {
          const hit = cache.get(uri);
          if (!hit) throw new McpError(Codes.ResourceNotFound, 'Resource not found', { uri });
          return hit;
        }
      `;
      return invalid(
        'X1: enum member Codes.ResourceNotFound = -32002',
        source,
        [{ messageId: 'emitsLegacyCode', at: 'Codes.ResourceNotFound', data: emits(true, via('Codes.ResourceNotFound')) }],
        null,
      );
    })(),
    (() => {
      const source = code`
        export const ErrorCode = { ResourceNotFound: -32002, InvalidParams: -32602 };

        export function handle({ id, method, params }) {
          if (method === 'resources/read' && !files.has(params.uri)) {
            return { jsonrpc: '2.0', id, error: { code: ErrorCode.ResourceNotFound, message: 'Resource not found' } };
          }
        }
      `;
      return invalid(
        'X1: hand-rolled ErrorCode object (not the SDK enum)',
        source,
        [{ messageId: 'emitsLegacyCode', at: 'ErrorCode.ResourceNotFound', data: emits(false, via('ErrorCode.ResourceNotFound')) }],
        null,
        { filename: 'file.js' },
      );
    })(),

    // X1 with SDK v2: ProtocolErrorCode.ResourceNotFound (fix: ProtocolErrorCode.InvalidParams).
    (() => {
      const source = code`
        import { McpServer, ProtocolError, ProtocolErrorCode, ResourceTemplate } from '@modelcontextprotocol/server';

        const server = new McpServer({ name: 'docs', version: '2.0.0' });
        server.registerResource('doc', new ResourceTemplate('docs://{id}', { list: undefined }), {}, async (uri, { id }) => {
          const doc = await load(String(id));
          if (!doc) throw new ProtocolError(ProtocolErrorCode.ResourceNotFound, \`Resource \${uri.href} not found\`);
          if (doc.hidden) throw ProtocolError.fromError(ProtocolErrorCode.ResourceNotFound, 'Hidden', { uri: uri.href });
          return { contents: [{ uri: uri.href, text: doc.body }] };
        });
      `;
      return invalid(
        'X1: v2 new ProtocolError(ProtocolErrorCode.ResourceNotFound)',
        source,
        [
          { messageId: 'emitsLegacyCode', at: 'ProtocolErrorCode.ResourceNotFound', nth: 1, data: emits(true) },
          { messageId: 'emitsLegacyCode', at: 'ProtocolErrorCode.ResourceNotFound', nth: 2, data: emits(true) },
        ],
        source.replaceAll('ProtocolErrorCode.ResourceNotFound', 'ProtocolErrorCode.InvalidParams'),
      );
    })(),
    (() => {
      const source = code`
        import * as mcp from '@modelcontextprotocol/server';
        import { ProtocolErrorCode as Code } from '@modelcontextprotocol/server';

        export function missing(uri: string) {
          if (uri.startsWith('tmp:')) throw new mcp.ProtocolError(Code.ResourceNotFound, 'Resource not found');
          throw new mcp.ProtocolError(mcp.ProtocolErrorCode.ResourceNotFound, 'Resource not found');
        }
      `;
      return invalid(
        'X1: v2 namespace import and aliased ProtocolErrorCode',
        source,
        [
          { messageId: 'emitsLegacyCode', at: 'Code.ResourceNotFound', nth: 1, data: emits(true) },
          { messageId: 'emitsLegacyCode', at: 'mcp.ProtocolErrorCode.ResourceNotFound', data: emits(true) },
        ],
        source
          .replace('(Code.ResourceNotFound', '(Code.InvalidParams')
          .replace('mcp.ProtocolErrorCode.ResourceNotFound', 'mcp.ProtocolErrorCode.InvalidParams'),
      );
    })(),

    // ---------------------------------------------------------------------------------
    // X3: clients recognising a missing resource only by -32002.
    // ---------------------------------------------------------------------------------
    (() => {
      const source = code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        export async function readOrNull(client: Client, uri: string) {
          try {
            return await client.readResource({ uri });
          } catch (err) {
            if (err instanceof McpError && err.code === -32002) return null;
            throw err;
          }
        }
      `;
      return invalid(
        'X3: err.code === -32002 inside && (parenthesised fix)',
        source,
        [{ messageId: 'comparesLegacyCode', at: '-32002', data: compares() }],
        source.replace('err.code === -32002', '(err.code === -32002 || err.code === -32602)'),
      );
    })(),
    (() => {
      const source = code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        export async function tryRead(client: Client, uri: string) {
          try {
            return await client.readResource({ uri });
          } catch (error: any) {
            if (error.code === -32002) {
              return undefined;
            }
            if (error.code !== -32002 || retries > 3) throw error;
            const missing = -32002 == error?.code;
            const isGone = (e: { code: number }) => e.code === -32002;
            if (!(error.code === -32002)) log(error);
            return missing || isGone(error) ? undefined : retry();
          }
        }
      `;
      return invalid(
        'X3: ===, !==, == (reversed, optional chain), arrow body and negation',
        source,
        [
          { messageId: 'comparesLegacyCode', at: '-32002', nth: 1, data: compares() },
          { messageId: 'comparesLegacyCode', at: '-32002', nth: 2, data: compares() },
          { messageId: 'comparesLegacyCode', at: '-32002', nth: 3, data: compares() },
          { messageId: 'comparesLegacyCode', at: '-32002', nth: 4, data: compares() },
          { messageId: 'comparesLegacyCode', at: '-32002', nth: 5, data: compares() },
        ],
        code`
          import { Client } from '@modelcontextprotocol/sdk/client/index.js';

          export async function tryRead(client: Client, uri: string) {
            try {
              return await client.readResource({ uri });
            } catch (error: any) {
              if (error.code === -32002 || error.code === -32602) {
                return undefined;
              }
              if ((error.code !== -32002 && error.code !== -32602) || retries > 3) throw error;
              const missing = -32002 == error?.code || error?.code == -32602;
              const isGone = (e: { code: number }) => e.code === -32002 || e.code === -32602;
              if (!(error.code === -32002 || error.code === -32602)) log(error);
              return missing || isGone(error) ? undefined : retry();
            }
          }
        `,
      );
    })(),
    (() => {
      const source = code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        const RESOURCE_NOT_FOUND = -32002;

        export async function fetchDoc(client: Client, uri: string) {
          const result = await client.readResource({ uri }).catch((e) => e);
          if (result.code === RESOURCE_NOT_FOUND) return null;
          if (codeOf(result) === -32002) return null;
          return result;
        }
      `;
      return invalid(
        'X3: comparisons through a constant or a call (no fix)',
        source,
        [
          { messageId: 'comparesLegacyCode', at: 'RESOURCE_NOT_FOUND', nth: 2, data: compares(via('RESOURCE_NOT_FOUND')) },
          { messageId: 'comparesLegacyCode', at: '-32002', nth: 2, data: compares() },
        ],
        null,
      );
    })(),
    (() => {
      const source = code`
        export async function read(uri) {
          const response = await rpc({ jsonrpc: '2.0', id: 7, method: 'resources/read', params: { uri } });
          if (response.error?.code === -32002) return null;
          return response.result.contents;
        }
      `;
      return invalid(
        'X3: hand-rolled client response.error?.code (.mjs)',
        source,
        [{ messageId: 'comparesLegacyCode', at: '-32002', data: compares() }],
        source.replace('response.error?.code === -32002', 'response.error?.code === -32002 || response.error?.code === -32602'),
        { filename: 'file.mjs' },
      );
    })(),
    (() => {
      const source = code`
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        export function classify(e: McpError) {
          switch (e.code) {
            case -32002:
              return 'missing';
            default:
              return 'error';
          }
        }
      `;
      return invalid(
        'X3: switch case -32002 (fix inserts case -32602)',
        source,
        [{ messageId: 'comparesLegacyCode', at: '-32002', data: compares() }],
        code`
          import { McpError } from '@modelcontextprotocol/sdk/types.js';

          export function classify(e: McpError) {
            switch (e.code) {
              case -32002:
              case -32602:
                return 'missing';
              default:
                return 'error';
            }
          }
        `,
      );
    })(),
    (() => {
      const source = code`
        import { ProtocolErrorCode } from '@modelcontextprotocol/client';

        export function classify(e: { code: number }) {
          switch (e.code) {
            case ProtocolErrorCode.ResourceNotFound: return 'missing';
          }
        }
      `;
      return invalid(
        'X3: switch case ProtocolErrorCode.ResourceNotFound (fix inserts InvalidParams)',
        source,
        [{ messageId: 'comparesLegacyCode', at: 'ProtocolErrorCode.ResourceNotFound', data: compares() }],
        code`
          import { ProtocolErrorCode } from '@modelcontextprotocol/client';

          export function classify(e: { code: number }) {
            switch (e.code) {
              case ProtocolErrorCode.ResourceNotFound:
              case ProtocolErrorCode.InvalidParams: return 'missing';
            }
          }
        `,
      );
    })(),
    (() => {
      const source = code`
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        export function classify(error: McpError, uri: string) {
          switch (error.code) {
            case -32002:
              return notFound(uri);
            case -32602:
              return badRequest(error);
          }
        }
      `;
      return invalid(
        'X3: switch with -32602 in its own branch (reported, no fix)',
        source,
        [{ messageId: 'comparesLegacyCode', at: '-32002', data: compares('', switchConflict) }],
        null,
      );
    })(),
    (() => {
      const source = code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        const MISSING = new Set([-32002, 404]);
        export const isMissing = (code: number) => [-32002].includes(code) || MISSING.has(code);
      `;
      return invalid(
        'X3: [-32002].includes(code) and new Set([-32002, ...]) (fix adds -32602)',
        source,
        [
          { messageId: 'comparesLegacyCode', at: '-32002', nth: 1, data: compares() },
          { messageId: 'comparesLegacyCode', at: '-32002', nth: 2, data: compares() },
        ],
        source.replace('[-32002, 404]', '[-32002, -32602, 404]').replace('[-32002]', '[-32002, -32602]'),
      );
    })(),
    (() => {
      const source = code`
        import { useEffect, useState } from 'react';
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        export function ResourceView({ client, uri }: Props) {
          const [text, setText] = useState<string>();
          useEffect(() => {
            client.readResource({ uri }).then(
              (r) => setText(r.contents[0]?.text),
              (e: McpError) => setText(e.code === -32002 ? 'Not found' : e.message),
            );
          }, [client, uri]);
          return <pre>{text}</pre>;
        }
      `;
      return invalid(
        'X3: comparison in a React component (.tsx)',
        source,
        [{ messageId: 'comparesLegacyCode', at: '-32002', data: compares() }],
        source.replace('e.code === -32002', 'e.code === -32002 || e.code === -32602'),
        { filename: 'file.tsx' },
      );
    })(),

    // ---------------------------------------------------------------------------------
    // Test assertions expecting -32002 (assertsLegacyCode, manual).
    // ---------------------------------------------------------------------------------
    (() => {
      const source = code`
        import assert from 'node:assert/strict';
        import { describe, expect, it } from 'vitest';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        describe('resources/read', () => {
          it('rejects unknown resources', async () => {
            await expect(client.readResource({ uri: 'notes://missing' })).rejects.toMatchObject({ code: -32002 });
          });
          it('reports the code', async () => {
            const err = await client.readResource({ uri: 'notes://missing' }).catch((e) => e);
            expect(err.code).toBe(-32002);
            assert.strictEqual(err.code, -32002);
            expect(err).toEqual(expect.objectContaining({ code: -32002 }));
          });
        });
      `;
      return invalid(
        'assertions: toMatchObject, toBe, assert.strictEqual, objectContaining',
        source,
        [
          { messageId: 'assertsLegacyCode', at: '-32002', nth: 1, data: asserts() },
          { messageId: 'assertsLegacyCode', at: '-32002', nth: 2, data: asserts() },
          { messageId: 'assertsLegacyCode', at: '-32002', nth: 3, data: asserts() },
          { messageId: 'assertsLegacyCode', at: '-32002', nth: 4, data: asserts() },
        ],
        null,
      );
    })(),
    // An expected JSON-RPC response is an expectation, however deep the code sits in it.
    (() => {
      const source = code`
        import request from 'supertest';
        import { expect, it } from 'vitest';

        it('answers a missing resource with an error', async () => {
          const res = await request(app)
            .post('/mcp')
            .send({ jsonrpc: '2.0', id: 1, method: 'resources/read', params: { uri: 'notes://missing' } });
          expect(res.body).toEqual({ jsonrpc: '2.0', id: 1, error: { code: -32002, message: 'Resource not found' } });
        });
      `;
      return invalid(
        'assertions: JSON-RPC error object nested in toEqual()',
        source,
        [{ messageId: 'assertsLegacyCode', at: '-32002', data: asserts() }],
        null,
      );
    })(),

    // node:test and mocha/chai spellings of the same expectations.
    (() => {
      const source = code`
        import assert from 'node:assert/strict';
        import { test } from 'node:test';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        test('missing resource', async () => {
          await assert.rejects(client.readResource({ uri: 'notes://missing' }), { code: -32002 });
          assert.throws(() => readSync(client, 'notes://missing'), { code: -32002 });
        });
      `;
      return invalid(
        'assertions: node:assert rejects()/throws() with an error matcher object',
        source,
        [
          { messageId: 'assertsLegacyCode', at: '-32002', nth: 1, data: asserts() },
          { messageId: 'assertsLegacyCode', at: '-32002', nth: 2, data: asserts() },
        ],
        null,
      );
    })(),
    (() => {
      const source = code`
        import { expect } from 'chai';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        describe('resources/read', () => {
          it('rejects a missing resource', async () => {
            const err = await client.readResource({ uri: 'notes://missing' }).catch((e) => e);
            expect(err).to.have.property('code', -32002);
            expect(err.code).to.equal(-32002);
          });
        });
      `;
      return invalid(
        'assertions: chai property() and equal()',
        source,
        [
          { messageId: 'assertsLegacyCode', at: '-32002', nth: 1, data: asserts() },
          { messageId: 'assertsLegacyCode', at: '-32002', nth: 2, data: asserts() },
        ],
        null,
      );
    })(),

    // ---------------------------------------------------------------------------------
    // X2: empty `contents` for a resource that was not found.
    // ---------------------------------------------------------------------------------
    (() => {
      const source = code`
        import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'notes', version: '1.0.0' });
        server.resource('note', new ResourceTemplate('notes://{id}', { list: undefined }), async (uri, { id }) => {
          const note = await db.notes.find(String(id));
          if (!note) {
            return { contents: [] };
          }
          return { contents: [{ uri: uri.href, text: note.body }] };
        });
      `;
      return invalid(
        'X2: if (!doc) return { contents: [] } in server.resource()',
        source,
        [{ messageId: 'returnsEmptyContents', at: 'contents: []', data: emptyContents(true) }],
        null,
      );
    })(),
    (() => {
      const source = code`
        import { McpServer, ResourceTemplate } from '@modelcontextprotocol/server';

        server.registerResource('doc', new ResourceTemplate('docs://{id}', { list: undefined }), { title: 'Doc' }, async (uri, { id }) => {
          const doc = docs.get(String(id));
          return doc ? { contents: [{ uri: uri.href, text: doc }] } : { contents: [] };
        });
      `;
      return invalid(
        'X2: ternary empty contents in registerResource()',
        source,
        [{ messageId: 'returnsEmptyContents', at: 'contents: []', data: emptyContents(true) }],
        null,
      );
    })(),
    (() => {
      const source = code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
          try {
            const row = await sql\`select body from docs where uri = \${request.params.uri}\`;
            if (!row) return { contents: [] };
            return { contents: [{ uri: request.params.uri, text: row.body }] };
          } catch {
            return { contents: [] };
          }
        });
      `;
      return invalid(
        'X2: empty contents under if and in catch in a ReadResourceRequestSchema handler',
        source,
        [
          { messageId: 'returnsEmptyContents', at: 'contents: []', nth: 1, data: emptyContents(true) },
          { messageId: 'returnsEmptyContents', at: 'contents: []', nth: 2, data: emptyContents(true) },
        ],
        null,
      );
    })(),
    (() => {
      const source = code`
        export function handle({ id, method, params }) {
          switch (method) {
            case 'resources/read':
              if (!documents.has(params.uri)) return { jsonrpc: '2.0', id, result: { contents: [] } };
              return { jsonrpc: '2.0', id, result: { contents: [{ uri: params.uri, text: documents.get(params.uri) }] } };
          }
        }
      `;
      return invalid(
        'X2: hand-rolled case resources/read (.js)',
        source,
        [{ messageId: 'returnsEmptyContents', at: 'contents: []', data: emptyContents(false) }],
        null,
        { filename: 'file.js' },
      );
    })(),
    // The not-found path written as the fallback after `if (found) return …`.
    (() => {
      const source = code`
        import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';

        server.registerResource('note', new ResourceTemplate('notes://{id}', { list: undefined }), {}, async (uri, { id }) => {
          const note = await db.notes.find(String(id));
          if (note) return { contents: [{ uri: uri.href, text: note.body }] };
          return { contents: [] };
        });
      `;
      return invalid(
        'X2: empty contents as the fallback after if (found) return',
        source,
        [{ messageId: 'returnsEmptyContents', at: 'contents: []', data: emptyContents(true) }],
        null,
      );
    })(),
    // Beside a tool's own -32002, a missing resource still answered with it.
    (() => {
      const source = code`
        import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        const server = new McpServer({ name: 'crm', version: '1.0.0' });
        server.registerTool('get_profile', {}, async () => {
          throw new McpError(-32002, 'User ID required');
        });
        server.registerResource('profile', new ResourceTemplate('crm://users/{id}', { list: undefined }), {}, async (uri, { id }) => {
          const user = await crm.find(String(id));
          if (!user) throw new McpError(-32002, \`User \${id} not found\`, { uri: uri.href });
          if (user.archived) throw new McpError(-32002, \`No profile at \${uri.href}\`);
          return { contents: [{ uri: uri.href, text: JSON.stringify(user) }] };
        });
      `;
      return invalid(
        'X1: a not-found message, and any message in a resource read, beside a tool\'s own -32002',
        source,
        [
          { messageId: 'emitsLegacyCode', at: '-32002', nth: 2, data: emits(true) },
          { messageId: 'emitsLegacyCode', at: '-32002', nth: 3, data: emits(true) },
        ],
        source.replace('-32002, `User $', '-32602, `User $').replace('-32002, `No profile', '-32602, `No profile'),
      );
    })(),
  ],
});
