import { RuleTester } from '@typescript-eslint/rule-tester';
import type { InferMessageIdsTypeFromRule } from '@typescript-eslint/utils/eslint-utils';
import rule from '../../rules/no-legacy-error-codes.js';
import { caseBuilders, code, type Expected } from '../helpers/rule-cases.js';

/**
 * Tests for `no-legacy-error-codes` (reference §6, §14 and §15 rows X5–X8, L6; design.md
 * principle 3 for the same numbers in wallets, LSP, the SDK's own local codes and JSON-RPC
 * frameworks, which must stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts);
 * every invalid case states its autofix `output` (null: no fix).
 */

type MessageIds = InferMessageIdsTypeFromRule<typeof rule>;

const cases = caseBuilders(rule);
const { valid } = cases;
const invalid = (name: string, source: string, expected: Expected<MessageIds>[], output: string | null, options: { filename?: string } = {}) =>
  cases.invalid(name, source, expected, { ...options, output });

const rc = {
  '-32001': { modern: '-32020', name: 'HeaderMismatch', advice: ' and HTTP 400 (SDK v2 exports no constant for it: write the number)' },
  '-32003': {
    modern: '-32021',
    name: 'MissingRequiredClientCapability',
    advice: ' with `data.requiredCapabilities` keyed by capability and HTTP 400 (SDK v2: `new MissingRequiredClientCapabilityError({ requiredCapabilities })`)',
  },
  '-32004': {
    modern: '-32022',
    name: 'UnsupportedProtocolVersion',
    advice: ' with `data: { supported, requested }` and HTTP 400 (SDK v2: `new UnsupportedProtocolVersionError({ supported, requested })`)',
  },
};
type Rc = keyof typeof rc;
const rcData = (code: Rc, via = '') => ({ code, via, ...rc[code] });
const via = (name: string, code: string) => ` (\`${name}\` is ${code})`;
const sent = (code: string, through = '') => ({ code, via: through });

const ruleTester = new RuleTester();

ruleTester.run('no-legacy-error-codes', rule, {
  valid: [
    valid(
      'the final 2026-07-28 codes, with HTTP 400 and an object of capabilities',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        export function reject(res, id, kind: 'header' | 'capability' | 'version') {
          if (kind === 'header') return res.status(400).json({ jsonrpc: '2.0', id, error: { code: -32020, message: 'Header mismatch: Mcp-Name' } });
          if (kind === 'capability') {
            return res.status(400).json({ jsonrpc: '2.0', id, error: { code: -32021, message: 'Missing capability', data: { requiredCapabilities: { sampling: {} } } } });
          }
          return res.status(400).json({ jsonrpc: '2.0', id, error: { code: -32022, message: 'Unsupported protocol version', data: { supported: ['2026-07-28'], requested } } });
        }
      `,
    ),
    // Wallets (EIP-1474): -32003 "Transaction rejected", -32004 "Method not supported", -32005 "Limit exceeded".
    valid(
      'EIP-1474 wallet error codes',
      code`
        import { BrowserProvider } from 'ethers';

        export async function send(tx: object) {
          try {
            return await window.ethereum.request({ method: 'eth_sendTransaction', params: [tx] });
          } catch (error: any) {
            if (error.code === -32003) return { status: 'rejected' };
            if (error.code === -32004) throw new Error('Method not supported by this wallet');
            if (error.code === -32005) return { status: 'rate-limited' };
            throw error;
          }
        }
        export const rpcError = (id: number) => ({ jsonrpc: '2.0', id, error: { code: -32003, message: 'Transaction rejected' } });
      `,
    ),
    // LSP: -32001 UnknownErrorCode, -32800…-32803.
    valid(
      'LSP error codes',
      code`
        import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';

        export function cancelled() {
          return new ResponseError(-32800, 'Request cancelled');
        }
        export const unknown = { code: -32001, message: 'Unknown error' };
        export const modified = new ResponseError(-32801, 'Content modified');
      `,
    ),
    valid(
      "the SDK's own local codes: RequestTimeout, session errors of the v1 sessionful pattern",
      code`
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        app.post('/mcp', (req, res) => {
          res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null });
          res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
        });
        export function retryable(error: McpError) {
          return error.code === -32001 || error.code === -32000;
        }
      `,
    ),
    valid(
      "a JSON-RPC framework's server-error codes in a file that is not MCP",
      code`
        import jayson from 'jayson';

        export const server = new jayson.Server({
          add(args, callback) {
            if (!Array.isArray(args)) return callback({ code: -32010, message: 'Expected an array' });
            callback(null, args.reduce((a, b) => a + b, 0));
          },
          quota(args, callback) {
            callback({ code: -32050, message: 'Quota exceeded' });
          },
        });
      `,
    ),
    valid(
      'codes other rules own (-32002, -32042), and application codes outside the JSON-RPC range',
      code`
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        export const notFound = (uri: string) => new McpError(-32002, \`Resource \${uri} not found\`);
        export const urlNeeded = new McpError(-32042, 'URL elicitation required');
        export const locked = new McpError(4009, 'Note is locked');
        export const toolResult = { isError: true, structuredContent: { code: -32050 }, content: [] };
      `,
    ),
    valid(
      'client checks that already accept the final code',
      code`
        import { Client } from '@modelcontextprotocol/client';

        export const isVersionError = (err: { code: number }) => err.code === -32022 || err.code === -32004;
        export const isOther = (err: { code: number }) => err.code !== -32003 && err.code !== -32021;
      `,
    ),
    valid(
      'tests that check the release-candidate codes are gone',
      code`
        import { expect, it } from 'vitest';
        import { Client } from '@modelcontextprotocol/client';

        it('uses the final codes', async () => {
          const error = await call().catch((e) => e);
          expect(error.code).not.toBe(-32003);
          expect(error).not.toMatchObject({ code: -32004 });
        });
      `,
    ),
    valid(
      '-32602 for other invalid params, and for a 2025 initialize (dual-era servers answer it the 2025 way)',
      code`
        export function handle(message: { method: string; id: number; params: { protocolVersion: string } }) {
          switch (message.method) {
            case 'initialize':
              return { jsonrpc: '2.0', id: message.id, error: { code: -32602, message: 'Unsupported protocol version', data: { supported: ['2025-11-25'], requested: message.params.protocolVersion } } };
            case 'tools/call':
              return { jsonrpc: '2.0', id: message.id, error: { code: -32602, message: 'Unknown tool' } };
          }
        }
      `,
    ),
    valid(
      'requiredCapabilities outside MCP errors',
      code`
        export const manifest = { name: 'camera-plugin', requiredCapabilities: ['camera', 'microphone'] };
      `,
    ),
    valid(
      'lookalike: another JSON-RPC API answering -32602 with the requested amount (no MCP)',
      code`
        export const tooLarge = (id: number, requested: number) => ({
          jsonrpc: '2.0',
          id,
          error: { code: -32602, message: 'Invalid params: amount too large', data: { requested, max: 100 } },
        });
      `,
    ),
  ],
  invalid: [
    // X5: the release candidate's numbers.
    invalid(
      'X5: -32003 as missing capability in a hand-rolled server (safe fix)',
      code`
        export function requireSampling(id: number) {
          if (!caps.sampling) {
            return { jsonrpc: '2.0', id, error: { code: -32003, message: 'Missing required client capability', data: { requiredCapabilities: { sampling: {} } } } };
          }
        }
        const methods = ['tools/call'];
      `,
      [{ messageId: 'emitsRcCode', at: '-32003', data: rcData('-32003') }],
      code`
        export function requireSampling(id: number) {
          if (!caps.sampling) {
            return { jsonrpc: '2.0', id, error: { code: -32021, message: 'Missing required client capability', data: { requiredCapabilities: { sampling: {} } } } };
          }
        }
        const methods = ['tools/call'];
      `,
    ),
    invalid(
      'X5: -32004 as unsupported version (SDK v1 McpError, safe fix)',
      code`
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        export const unsupported = (requested: string) => new McpError(-32004, 'Unsupported protocol version', { supported: ['2026-07-28'], requested });
      `,
      [{ messageId: 'emitsRcCode', at: '-32004', data: rcData('-32004') }],
      code`
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        export const unsupported = (requested: string) => new McpError(-32022, 'Unsupported protocol version', { supported: ['2026-07-28'], requested });
      `,
    ),
    invalid(
      'X5: -32001 only where it says header mismatch; through a constant, no fix',
      code`
        import { ProtocolError } from '@modelcontextprotocol/server';

        const HEADER_MISMATCH = -32001;
        export function checkHeaders(req: Request, body: { method: string }) {
          if (req.headers.get('mcp-method') !== body.method) throw new ProtocolError(HEADER_MISMATCH, 'Mcp-Method does not match the body');
          if (!req.headers.get('mcp-protocol-version')) return Response.json({ error: { code: -32001, message: 'Header mismatch: MCP-Protocol-Version missing' } }, { status: 400 });
        }
      `,
      [
        { messageId: 'emitsRcCode', at: 'HEADER_MISMATCH', inside: 'new ProtocolError(HEADER_MISMATCH', data: rcData('-32001', via('HEADER_MISMATCH', '-32001')) },
        { messageId: 'emitsRcCode', at: '-32001', nth: 2, data: rcData('-32001') },
      ],
      code`
        import { ProtocolError } from '@modelcontextprotocol/server';

        const HEADER_MISMATCH = -32001;
        export function checkHeaders(req: Request, body: { method: string }) {
          if (req.headers.get('mcp-method') !== body.method) throw new ProtocolError(HEADER_MISMATCH, 'Mcp-Method does not match the body');
          if (!req.headers.get('mcp-protocol-version')) return Response.json({ error: { code: -32020, message: 'Header mismatch: MCP-Protocol-Version missing' } }, { status: 400 });
        }
      `,
    ),
    invalid(
      'X5: -32003 with no message to confirm it, in an MCP file (reported, not fixed)',
      code`
        import { ProtocolError as PE } from '@modelcontextprotocol/server';

        export function refuse(missing: string[]) {
          throw new PE(-32003, describe(missing));
        }
      `,
      [{ messageId: 'emitsRcCode', at: '-32003', data: rcData('-32003') }],
      null,
    ),
    invalid(
      'X5: clients that recognise the release-candidate codes (accept-both fix for comparisons)',
      code`
        import { Client } from '@modelcontextprotocol/client';

        export function classify(err: { code: number }) {
          if (err.code === -32004) return 'pick-another-version';
          switch (err.code) {
            case -32003:
              return 'declare-capability';
          }
          return 'other';
        }
      `,
      [
        { messageId: 'comparesRcCode', at: '-32004', data: rcData('-32004') },
        { messageId: 'comparesRcCode', at: '-32003', data: rcData('-32003') },
      ],
      code`
        import { Client } from '@modelcontextprotocol/client';

        export function classify(err: { code: number }) {
          if (err.code === -32004 || err.code === -32022) return 'pick-another-version';
          switch (err.code) {
            case -32003:
              return 'declare-capability';
          }
          return 'other';
        }
      `,
    ),
    invalid(
      'X5: a test that expects the release-candidate code, and an unused constant',
      code`
        import { expect, it } from 'vitest';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        export const MISSING_CAPABILITY = -32003;
        it('refuses without sampling', async () => {
          const error = await client.callTool({ name: 'summarise' }).catch((e) => e);
          expect(error.code).toBe(-32003);
        });
      `,
      [
        { messageId: 'bindsRcCode', at: '-32003', nth: 1, data: { name: 'MISSING_CAPABILITY', code: '-32003', error: 'MissingRequiredClientCapability', modern: '-32021' } },
        { messageId: 'expectsRcCode', at: '-32003', nth: 2, data: rcData('-32003') },
      ],
      null,
    ),
    // L6: unsupported version sent as -32602.
    invalid(
      'L6: a hand-rolled HTTP server answering an unknown MCP-Protocol-Version with -32602 (safe fix)',
      code`
        const SUPPORTED = ['2026-07-28'];
        export function checkVersion(req, res, next) {
          const requested = req.headers['mcp-protocol-version'];
          if (!SUPPORTED.includes(requested)) {
            return res.status(400).json({ jsonrpc: '2.0', id: null, error: { code: -32602, message: 'Unsupported protocol version', data: { supported: SUPPORTED, requested } } });
          }
          next();
        }
        const handled = ['tools/list'];
      `,
      [{ messageId: 'sendsVersionErrorAsInvalidParams', at: '-32602', data: { via: '' } }],
      code`
        const SUPPORTED = ['2026-07-28'];
        export function checkVersion(req, res, next) {
          const requested = req.headers['mcp-protocol-version'];
          if (!SUPPORTED.includes(requested)) {
            return res.status(400).json({ jsonrpc: '2.0', id: null, error: { code: -32022, message: 'Unsupported protocol version', data: { supported: SUPPORTED, requested } } });
          }
          next();
        }
        const handled = ['tools/list'];
      `,
    ),
    invalid(
      'L6 without MCP evidence: the message and both data keys say it (a gateway helper)',
      code`
        export const versionError = (id: string | number, requested: string) => ({
          jsonrpc: '2.0',
          id,
          error: { code: -32602, message: 'Unsupported protocol version', data: { supported: ['2026-07-28'], requested } },
        });
      `,
      [{ messageId: 'sendsVersionErrorAsInvalidParams', at: '-32602', data: { via: '' } }],
      code`
        export const versionError = (id: string | number, requested: string) => ({
          jsonrpc: '2.0',
          id,
          error: { code: -32022, message: 'Unsupported protocol version', data: { supported: ['2026-07-28'], requested } },
        });
      `,
    ),
    invalid(
      'L6: SDK v1 ErrorCode.InvalidParams (no v1 member to fix to) and v2 ProtocolErrorCode (fixed)',
      code`
        import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
        import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

        export const v1 = (requested: string) => new McpError(ErrorCode.InvalidParams, \`Unsupported protocol version: \${requested}\`, { supported, requested });
        export const v2 = (requested: string) => new ProtocolError(ProtocolErrorCode.InvalidParams, 'Unsupported protocol version', { supported, requested });
      `,
      [
        { messageId: 'sendsVersionErrorAsInvalidParams', at: 'ErrorCode.InvalidParams', nth: 1, data: { via: '' } },
        { messageId: 'sendsVersionErrorAsInvalidParams', at: 'ProtocolErrorCode.InvalidParams', data: { via: '' } },
      ],
      code`
        import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
        import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

        export const v1 = (requested: string) => new McpError(ErrorCode.InvalidParams, \`Unsupported protocol version: \${requested}\`, { supported, requested });
        export const v2 = (requested: string) => new ProtocolError(ProtocolErrorCode.UnsupportedProtocolVersion, 'Unsupported protocol version', { supported, requested });
      `,
    ),
    invalid(
      'L6 in CommonJS JavaScript, through a constant',
      code`
        const { McpError } = require('@modelcontextprotocol/sdk/types.js');
        const INVALID_PARAMS = -32602;

        module.exports.unsupported = (requested) => {
          throw new McpError(INVALID_PARAMS, 'Unsupported protocol version', { supported: ['2026-07-28'], requested });
        };
      `,
      [{ messageId: 'sendsVersionErrorAsInvalidParams', at: 'INVALID_PARAMS', nth: 2, data: { via: via('INVALID_PARAMS', '-32602') } }],
      null,
      { filename: 'file.js' },
    ),
    // X6, X7: application codes in the ranges MCP reserves or made legacy.
    invalid(
      'X6: application codes in -32020…-32099, literal and through an enum',
      code`
        import { McpError } from '@modelcontextprotocol/sdk/types.js';

        enum NotesError {
          Locked = -32030,
          TooLong = 1001,
        }

        export function lock(id: string) {
          throw new McpError(NotesError.Locked, \`Note \${id} is locked\`);
        }
        export const quota = { jsonrpc: '2.0', id: 1, error: { code: -32050, message: 'Quota exceeded' } };
      `,
      [
        { messageId: 'emitsReservedCode', at: 'NotesError.Locked', data: sent('-32030', via('NotesError.Locked', '-32030')) },
        { messageId: 'emitsReservedCode', at: '-32050', data: sent('-32050') },
      ],
      null,
    ),
    invalid(
      'X7: new codes in -32000…-32019, including -32003 that means something else (SDK v2 namespace import)',
      code`
        import * as mcp from '@modelcontextprotocol/server';

        export function limit() {
          throw new mcp.ProtocolError(-32003, 'Rate limit exceeded, retry in a minute');
        }
        export const locked = { jsonrpc: '2.0', id: 2, error: { code: -32010, message: 'Note is locked' } };
      `,
      [
        { messageId: 'emitsLegacyRangeCode', at: '-32003', data: sent('-32003') },
        { messageId: 'emitsLegacyRangeCode', at: '-32010', data: sent('-32010') },
      ],
      null,
    ),
    // X8: requiredCapabilities as a list.
    invalid(
      'X8: requiredCapabilities given as an array (safe fix), and through a constant (no fix)',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const NEEDED = ['roots'];
        export const a = { code: -32021, message: 'Missing capability', data: { requiredCapabilities: ['sampling', 'elicitation'] } };
        export const b = { code: -32021, message: 'Missing capability', data: { requiredCapabilities: NEEDED } };
      `,
      [
        { messageId: 'listsRequiredCapabilities', at: "['sampling', 'elicitation']", data: { object: '`{ sampling: {}, elicitation: {} }`' } },
        { messageId: 'listsRequiredCapabilities', at: 'NEEDED', nth: 2, data: { object: '`{ roots: {} }`' } },
      ],
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const NEEDED = ['roots'];
        export const a = { code: -32021, message: 'Missing capability', data: { requiredCapabilities: { sampling: {}, elicitation: {} } } };
        export const b = { code: -32021, message: 'Missing capability', data: { requiredCapabilities: NEEDED } };
      `,
    ),
    {
      ...invalid(
        'the 2025 answer behind isLegacyRequest() is reported as servesLegacyClients',
        code`
          import { isLegacyRequest } from '@modelcontextprotocol/server';

          export async function versionError(request: Request, requested: string) {
            if (await isLegacyRequest(request)) return { code: -32602, message: 'Unsupported protocol version', data: { supported, requested } };
            return { code: -32022, message: 'Unsupported protocol version', data: { supported, requested } };
          }
        `,
        [],
        null,
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
      errors: [
        {
          messageId: 'servesLegacyClients',
          line: 4,
          column: 54,
          data: { message: rule.meta.messages.sendsVersionErrorAsInvalidParams.replace('{{via}}', ''), gate: 'behind `await isLegacyRequest(request)`' },
        },
      ],
    },
  ],
});
