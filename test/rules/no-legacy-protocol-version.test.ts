import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-legacy-protocol-version.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-legacy-protocol-version` (reference §1.4, §2.2 and §15 rows L10, L11;
 * typescript-sdk-v1-v2.md §3 row 18; design.md principle 3 for the dates and versions of
 * other services that must stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);

const where = {
  header: 'the `MCP-Protocol-Version` header',
  meta: "`_meta['io.modelcontextprotocol/protocolVersion']`",
  field: 'a `protocolVersion` field',
  pin: 'the `versionNegotiation` pin',
  transport: '`setProtocolVersion()` (the transport sends it as the `MCP-Protocol-Version` header)',
};
const sdkHint = ", or let SDK v2 negotiate it with `versionNegotiation: { mode: 'auto' }`";
const sends = (version: string, at: keyof typeof where, sdk = false) => ({ version, where: where[at], sdkHint: sdk ? sdkHint : '' });
const latest = "`LATEST_PROTOCOL_VERSION` ('2025-11-25')";
const compares = (name: string, value: string) => ({ name, value });

const ruleTester = new RuleTester();

ruleTester.run('no-legacy-protocol-version', rule, {
  valid: [
    valid(
      'a 2026-07-28 client: the same version in the header and _meta',
      code`
        const PROTOCOL_VERSION = '2026-07-28';

        export const post = (url: string, body: object) =>
          fetch(url, {
            method: 'POST',
            headers: { 'MCP-Protocol-Version': PROTOCOL_VERSION, 'Mcp-Method': 'tools/list' },
            body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': PROTOCOL_VERSION } } }),
          });
      `,
    ),
    valid(
      'dual-era supportedVersions lists, and the v2 client pinned to 2026-07-28',
      code`
        import { Client } from '@modelcontextprotocol/client';

        export const discover = () => ({
          resultType: 'complete',
          supportedVersions: ['2026-07-28', '2025-11-25', '2025-06-18'],
          capabilities: {},
          ttlMs: 0,
          cacheScope: 'private',
        });
        const client = new Client({ name: 'c', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
      `,
    ),
    valid(
      'the initialize handshake keeps its 2025 version (no-initialize-handshake reports the handshake)',
      code`
        export function handle(request: { method: string; id: number }) {
          switch (request.method) {
            case 'initialize':
              return { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'notes', version: '1' } };
            case 'tools/list':
              return { tools: [] };
          }
        }
        export const hello = { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo } };
      `,
    ),
    valid(
      'legacy versions compared with the request (a dual-era server routing 2025 clients)',
      code`
        export function era(req: { headers: Record<string, string | undefined> }) {
          const version = req.headers['mcp-protocol-version'];
          if (version === '2025-06-18' || version === '2025-03-26') return 'legacy';
          return version && version < '2026-07-28' ? 'legacy' : 'modern';
        }
      `,
    ),
    valid(
      'tests of a migrated server: 2025 versions sent on purpose, and expectations',
      code`
        import { expect, it } from 'vitest';

        it('answers an unsupported version with -32022', async () => {
          const res = await fetch(url, { method: 'POST', headers: { 'MCP-Protocol-Version': '2025-06-18' }, body });
          expect(await res.json()).toMatchObject({ error: { code: -32022 } });
        });
        it('keeps serving legacy clients', async () => {
          expect(sentHeaders).toEqual({ 'mcp-protocol-version': '2025-11-25' });
        });
      `,
    ),
    // Dates and versions of other things.
    valid(
      'release dates and other APIs’ versions',
      code`
        import Stripe from 'stripe';

        const stripe = new Stripe(key, { apiVersion: '2025-03-31' });
        export const release = { version: '1.4.0', date: '2025-06-18', notes: 'Spec 2025-06-18 support' };
        await fetch('https://api.github.com/repos/x/y', { headers: { 'X-GitHub-Api-Version': '2022-11-28', 'x-api-version': '2025-06-18' } });
        export const openapi = { openapi: '3.1.0', info: { title: 'Notes', version: '2025-11-25' } };
      `,
    ),
    valid(
      'a protocolVersion of another protocol with no 2025 MCP revision',
      code`
        export const hello = { protocolVersion: 3, features: ['binary'] };
        export const ws = { protocolVersion: '13' };
      `,
    ),
    valid(
      'SDK constants only logged or passed on, and the draft constant of v1 spec.types.js',
      code`
        import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
        import { LATEST_PROTOCOL_VERSION as DRAFT } from '@modelcontextprotocol/sdk/spec.types.js';

        console.log('SDK speaks', LATEST_PROTOCOL_VERSION);
        export const draft = { headers: { 'mcp-protocol-version': DRAFT } };
      `,
    ),
    valid(
      'a locally defined LATEST_PROTOCOL_VERSION that is 2026-07-28',
      code`
        const LATEST_PROTOCOL_VERSION = '2026-07-28';
        export const headers = { 'MCP-Protocol-Version': LATEST_PROTOCOL_VERSION };
        export const ok = (v: string) => v === LATEST_PROTOCOL_VERSION;
      `,
    ),
    valid(
      'L11 already migrated: -32022 checked first',
      code`
        export function isVersionError(err: { code: number; message: string }) {
          return err.code === -32022 || (err.code === -32602 && /unsupported protocol version/i.test(err.message));
        }
      `,
    ),
    valid(
      '-32602 checks about other things',
      code`
        if (err.code === -32602 && err.message.includes('Unknown tool')) return undefined;
        if (error.code === -32602) showValidationErrors(error.data);
      `,
    ),
    valid(
      'a dated protocolVersion of another protocol, in a file with no MCP evidence',
      code`
        // The card terminal's own handshake; its versions happen to be dates.
        export function terminalHello(terminalId: string) {
          return { type: 'hello', terminalId, protocolVersion: '2025-06-18', locale: 'en-GB' };
        }
      `,
    ),
    valid(
      'setProtocolVersion on a fake client the file creates (neither SDK nor transport)',
      code`
        import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

        // Stands in for the SDK client in the inspector's stories: it only remembers the version.
        class FakeInspectorClient {
          transport?: Transport;
          version = '';
          setProtocolVersion(version: string) {
            this.version = version;
          }
        }
        export const demo = new FakeInspectorClient();
        demo.setProtocolVersion('2025-06-18');
      `,
    ),
    // A unit test of the project's own transports: the version is recorded or forwarded to a fake.
    valid(
      'setProtocolVersion on project transports built over fakes in a unit test',
      code`
        import { beforeEach, describe, expect, it, vi } from 'vitest';
        import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
        import { VersionStampingTransport } from '../src/version-stamping-transport';
        import { RelayClientTransport } from '../src/relay-client-transport';

        class NullTransport implements Transport {
          async start() {}
          async send() {}
          async close() {}
        }

        function makeStamped() {
          const inner = new NullTransport();
          const stamped = new VersionStampingTransport(inner);
          return { inner, stamped };
        }

        describe('version plumbing', () => {
          let relay: RelayClientTransport;
          beforeEach(() => {
            relay = new RelayClientTransport({ baseUrl: 'http://relay.test/', fetchFn: vi.fn() });
          });

          it('remembers the negotiated version', () => {
            const { stamped } = makeStamped();
            stamped.setProtocolVersion('2025-06-18');
            expect(stamped.negotiatedVersion).toBeDefined();
          });

          it('puts the negotiated version on every relay envelope', async () => {
            relay.setProtocolVersion('2025-11-25');
            await relay.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
            expect(vi.mocked(relay.fetchFn)).toHaveBeenCalledTimes(1);
          });
        });
      `,
    ),
    valid(
      'lookalike: a file format with unsupported versions, a release date and its own protocolVersion (no MCP)',
      code`
        export function parseManifest(raw: { format: string; protocolVersion: number }) {
          if (raw.format !== 'v2') throw new Error(\`Unsupported manifest format \${raw.format}\`);
          return { releasedOn: '2025-06-18', protocolVersion: raw.protocolVersion, supported: true };
        }
      `,
    ),
  ],
  invalid: [
    invalid(
      'L10: setProtocolVersion in a test on an SDK transport and on one a helper module returns',
      code`
        import { expect, it } from 'vitest';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
        import { connectToStaging } from './support/staging';

        it('lists the tools of the staging server', async () => {
          const transport = new StreamableHTTPClientTransport(new URL(process.env.STAGING_URL!));
          transport.setProtocolVersion('2025-06-18');
          const { transport: shared } = await connectToStaging();
          shared.setProtocolVersion('2025-03-26');
          expect(transport.sessionId).toBeDefined();
        });
      `,
      [
        { messageId: 'sendsLegacyVersion', at: "'2025-06-18'", data: sends("'2025-06-18'", 'transport', true) },
        { messageId: 'sendsLegacyVersion', at: "'2025-03-26'", data: sends("'2025-03-26'", 'transport', true) },
      ],
    ),
    invalid(
      'L10: a hand-rolled client sending 2025-06-18 in the header and in _meta',
      code`
        export async function listTools(url: string) {
          return fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'mcp-protocol-version': '2025-06-18' },
            body: JSON.stringify({
              jsonrpc: '2.0',
              id: 1,
              method: 'tools/list',
              params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2025-11-25' } },
            }),
          });
        }
      `,
      [
        { messageId: 'sendsLegacyVersion', at: "'2025-06-18'", data: sends("'2025-06-18'", 'header') },
        { messageId: 'sendsLegacyVersion', at: "'2025-11-25'", data: sends("'2025-11-25'", 'meta') },
      ],
    ),
    invalid(
      'L10 through constants, header names in any case, Headers.set and header pairs',
      code`
        const PROTOCOL_VERSION = '2025-03-26';
        const HEADER = 'MCP-PROTOCOL-VERSION';
        const config = { protocolVersion: '2024-11-05' };

        const headers = new Headers([['Mcp-Protocol-Version', PROTOCOL_VERSION]]);
        headers.set(HEADER, config.protocolVersion);
        const extra: Record<string, string> = {};
        extra['mcp-protocol-version'] = PROTOCOL_VERSION;
      `,
      [
        { messageId: 'sendsLegacyVersion', at: "'2024-11-05'", data: sends("'2024-11-05'", 'field') },
        { messageId: 'sendsLegacyVersion', at: 'PROTOCOL_VERSION', nth: 2, data: sends("`PROTOCOL_VERSION` ('2025-03-26')", 'header') },
        { messageId: 'sendsLegacyVersion', at: 'config.protocolVersion', data: sends("`config.protocolVersion` ('2024-11-05')", 'header') },
        { messageId: 'sendsLegacyVersion', at: 'PROTOCOL_VERSION', nth: 3, data: sends("`PROTOCOL_VERSION` ('2025-03-26')", 'header') },
      ],
    ),
    invalid(
      'row 18: SDK v1 LATEST_PROTOCOL_VERSION sent, and v1 setProtocolVersion',
      code`
        import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

        const transport = new StreamableHTTPClientTransport(new URL(url));
        transport.setProtocolVersion('2025-06-18');
        export const meta = { 'io.modelcontextprotocol/protocolVersion': LATEST_PROTOCOL_VERSION };
      `,
      [
        { messageId: 'sendsLegacyVersion', at: "'2025-06-18'", data: sends("'2025-06-18'", 'transport', true) },
        { messageId: 'sendsLegacyVersion', at: 'LATEST_PROTOCOL_VERSION', nth: 2, data: sends(latest, 'meta', true) },
      ],
    ),
    invalid(
      'row 18: SDK v2 constants through namespace and aliased imports; comparisons that never see 2026',
      code`
        import * as mcp from '@modelcontextprotocol/client';
        import { PROTOCOL_VERSION_META_KEY, SUPPORTED_PROTOCOL_VERSIONS as SUPPORTED } from '@modelcontextprotocol/server';

        export const meta = { [PROTOCOL_VERSION_META_KEY]: mcp.LATEST_PROTOCOL_VERSION };
        export function outdated(version: string) {
          if (version !== mcp.LATEST_PROTOCOL_VERSION) console.warn('peer speaks', version);
          return !SUPPORTED.includes(version);
        }
      `,
      [
        { messageId: 'sendsLegacyVersion', at: 'mcp.LATEST_PROTOCOL_VERSION', nth: 1, data: sends(latest, 'meta', true) },
        { messageId: 'comparesWithLegacyConstant', at: 'mcp.LATEST_PROTOCOL_VERSION', nth: 2, data: compares('LATEST_PROTOCOL_VERSION', "'2025-11-25'") },
        { messageId: 'comparesWithLegacyConstant', at: 'SUPPORTED', inside: '!SUPPORTED.includes', data: compares('SUPPORTED_PROTOCOL_VERSIONS', "['2025-11-25', …, '2024-10-07']") },
      ],
    ),
    invalid(
      'a hand-rolled server that validates the version against the SDK list (CommonJS JavaScript)',
      code`
        const { SUPPORTED_PROTOCOL_VERSIONS, DEFAULT_NEGOTIATED_PROTOCOL_VERSION } = require('@modelcontextprotocol/sdk/types.js');

        module.exports = function checkVersion(req, res, next) {
          const version = req.headers['mcp-protocol-version'] ?? DEFAULT_NEGOTIATED_PROTOCOL_VERSION;
          if (SUPPORTED_PROTOCOL_VERSIONS.indexOf(version) < 0) return res.status(400).end();
          next();
        };
      `,
      [{ messageId: 'comparesWithLegacyConstant', at: 'SUPPORTED_PROTOCOL_VERSIONS', nth: 2, data: compares('SUPPORTED_PROTOCOL_VERSIONS', "['2025-11-25', …, '2024-10-07']") }],
      { filename: 'file.js' },
    ),
    invalid(
      'supportedVersions with only pre-2026 revisions (literal list, constant, SDK list)',
      code`
        import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';

        const VERSIONS = ['2025-11-25', '2025-06-18'];
        export const a = { resultType: 'complete', supportedVersions: ['2025-11-25'], capabilities: {} };
        export const b = { resultType: 'complete', supportedVersions: VERSIONS, capabilities: {} };
        export const c = { resultType: 'complete', supportedVersions: [...SUPPORTED_PROTOCOL_VERSIONS], capabilities: {} };
      `,
      [
        { messageId: 'advertisesLegacyVersions', at: "['2025-11-25']", data: { via: '' } },
        { messageId: 'advertisesLegacyVersions', at: 'VERSIONS', inside: 'supportedVersions: VERSIONS', data: { via: ' (`VERSIONS`)' } },
        { messageId: 'advertisesLegacyVersions', at: '[...SUPPORTED_PROTOCOL_VERSIONS]', data: { via: '' } },
      ],
    ),
    invalid(
      'SDK v2 client pinned to a 2025 revision',
      code`
        import { Client } from '@modelcontextprotocol/client';

        export const client = new Client({ name: 'c', version: '1' }, { versionNegotiation: { mode: { pin: '2025-11-25' } } });
      `,
      [{ messageId: 'sendsLegacyVersion', at: "'2025-11-25'", data: sends("'2025-11-25'", 'pin', true) }],
    ),
    invalid(
      'L11: unsupported version recognised by -32602 and the message (v1 ErrorCode, literal, nested if)',
      code`
        import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

        export function onError(error: McpError) {
          if (error.code === ErrorCode.InvalidParams && error.message.includes('Unsupported protocol version')) {
            return retryWith(error.data.supported[0]);
          }
          if (error.code === -32602) {
            if (/protocol version/i.test(error.message)) return fallBack();
          }
        }
      `,
      [
        { messageId: 'detectsVersionErrorByMessage', at: 'error.code === ErrorCode.InvalidParams', data: {} },
        { messageId: 'detectsVersionErrorByMessage', at: 'error.code === -32602', data: {} },
      ],
    ),
    invalid(
      'L11: -32602 plus data.supported (v2 ProtocolErrorCode)',
      code`
        import { ProtocolErrorCode } from '@modelcontextprotocol/client';

        export const pick = (e: { code: number; data?: { supported?: string[] } }) =>
          e.code === ProtocolErrorCode.InvalidParams && e.data?.supported ? e.data.supported[0] : undefined;
      `,
      [{ messageId: 'detectsVersionErrorByMessage', at: 'e.code === ProtocolErrorCode.InvalidParams', data: {} }],
    ),
    invalid(
      'a bare protocolVersion field in a file that names the MCP-Protocol-Version header',
      code`
        const upstream = { url: process.env.UPSTREAM_URL!, protocolVersion: '2025-03-26' };

        export const headersFor = (target: typeof upstream) => ({ 'MCP-Protocol-Version': target.protocolVersion });
      `,
      [{ messageId: 'sendsLegacyVersion', at: "'2025-03-26'", data: sends("'2025-03-26'", 'field') }],
    ),
    invalid(
      'setProtocolVersion on a transport class of this file, and on a client passed in',
      code`
        class ProxyTransport {
          setProtocolVersion(version: string) {
            this.headers.set('mcp-protocol-version', version);
          }
        }
        const transport = new ProxyTransport();
        transport.setProtocolVersion('2025-06-18');
        export function pin(client: { setProtocolVersion(v: string): void }) {
          client.setProtocolVersion('2025-11-25');
        }
      `,
      [
        { messageId: 'sendsLegacyVersion', at: "'2025-06-18'", data: sends("'2025-06-18'", 'transport') },
        { messageId: 'sendsLegacyVersion', at: "'2025-11-25'", data: sends("'2025-11-25'", 'transport') },
      ],
    ),
    // Without an MCP import or method name: each case below passes the prefilter through one extra token alone.
    invalid(
      'the _meta key under a prefix built from its name (no SDK import)',
      code`
        const NS = 'io.modelcontextprotocol';

        export function stamp(meta: Record<string, unknown>) {
          meta[\`\${NS}/protocolVersion\`] = '2025-06-18';
          return meta;
        }
      `,
      [{ messageId: 'sendsLegacyVersion', at: "'2025-06-18'", data: sends("'2025-06-18'", 'meta') }],
    ),
    invalid(
      'a bare protocolVersion field in a file that names the _meta key (no SDK import)',
      code`
        const upstream = { url: process.env.UPSTREAM_URL!, protocolVersion: '2025-03-26' };

        export const metaFor = (target: typeof upstream) => ({ 'io.modelcontextprotocol/protocolVersion': target.protocolVersion });
      `,
      [{ messageId: 'sendsLegacyVersion', at: "'2025-03-26'", data: sends("'2025-03-26'", 'field') }],
    ),
    invalid(
      'setProtocolVersion on a client passed in, in a file that names no header',
      code`
        export function pin(client: { setProtocolVersion(v: string): void }) {
          client.setProtocolVersion('2025-11-25');
        }
      `,
      [{ messageId: 'sendsLegacyVersion', at: "'2025-11-25'", data: sends("'2025-11-25'", 'transport') }],
    ),
    invalid(
      'a versionNegotiation pin in options built without the SDK import',
      code`
        export const clientOptions = { versionNegotiation: { mode: { pin: '2025-11-25' } } };
      `,
      [{ messageId: 'sendsLegacyVersion', at: "'2025-11-25'", data: sends("'2025-11-25'", 'pin') }],
    ),
    invalid(
      'supportedVersions of a discover result built without the SDK',
      code`
        export const discover = () => ({ supportedVersions: ['2025-06-18', '2025-03-26'], serverInfo: { name: 's', version: '1' } });
      `,
      [{ messageId: 'advertisesLegacyVersions', at: "['2025-06-18', '2025-03-26']", data: { via: '' } }],
    ),
    invalid(
      'L11: the literal -32602 and the message, without the SDK',
      code`
        export function onError(error: { code: number; message: string }) {
          if (error.code === -32602 && /protocol version/i.test(error.message)) return 'retry';
          return 'fail';
        }
      `,
      [{ messageId: 'detectsVersionErrorByMessage', at: 'error.code === -32602', data: {} }],
    ),
    {
      ...invalid(
        'the version of a legacy-gated branch is reported as servesLegacyClients',
        code`
          import { isLegacyRequest } from '@modelcontextprotocol/server';

          export async function headersFor(request: Request) {
            if (await isLegacyRequest(request)) return { 'MCP-Protocol-Version': '2025-11-25' };
            return { 'MCP-Protocol-Version': '2026-07-28' };
          }
        `,
        [],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
      errors: [
        {
          messageId: 'servesLegacyClients',
          line: 4,
          column: 72,
          data: {
            message: rule.meta.messages.sendsLegacyVersion.replace('{{version}}', "'2025-11-25'").replace('{{where}}', where.header).replace('{{sdkHint}}', sdkHint),
            gate: 'behind `await isLegacyRequest(request)`',
          },
        },
      ],
    },
  ],
});
