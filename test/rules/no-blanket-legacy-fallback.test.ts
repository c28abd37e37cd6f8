import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-blanket-legacy-fallback.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-blanket-legacy-fallback` (reference §15.3 row C7, §1.4 on dual-era clients;
 * design.md principle 3 for the lookalikes that must stay silent).
 */

const { invalid, valid } = caseBuilders(rule);

const ruleTester = new RuleTester();

/** The legacy leg every case below falls back to. */
const legacyConnect = code`
  async function legacyConnect(url) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo } }),
    });
    return { era: 'legacy', res };
  }
`;

const discover = code`
  const discoverRequest = { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: envelope() } };
`;

ruleTester.run('no-blanket-legacy-fallback', rule, {
  valid: [
    valid(
      'a dual-era HTTP client that reads the 400 body before falling back',
      code`
        ${discover}
        ${legacyConnect}
        const MODERN_ERRORS = new Set([-32020, -32021, -32022, -32602]);

        export async function connect(url) {
          const res = await fetch(url, { method: 'POST', headers: modernHeaders(), body: JSON.stringify(discoverRequest) });
          if (res.ok) return { era: 'modern', discover: (await res.json()).result };
          const body = await res.json().catch(() => undefined);
          if (body?.error && MODERN_ERRORS.has(body.error.code)) throw new ModernRequestError(body.error);
          return legacyConnect(url);
        }
      `,
    ),
    valid(
      'a dual-era stdio client that falls back on anything but a modern error',
      code`
        const MODERN = [-32020, -32021, -32022, -32602];

        async function negotiate(transport) {
          const reply = await request(transport, { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta } }).catch(() => undefined);
          if (!reply || (reply.error && !MODERN.includes(reply.error.code))) {
            return request(transport, { jsonrpc: '2.0', id: 2, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo } });
          }
          return reply;
        }
      `,
    ),
    // A 2025 client starting a new session when the old one expired (404): no blanket 400.
    valid(
      'a session-expiry re-initialize on 404 in a dual-era file',
      code`
        ${discover}
        ${legacyConnect}

        export async function post(url, message) {
          const res = await fetch(url, { method: 'POST', body: JSON.stringify(message) });
          if (res.status === 404) {
            sessionId = undefined;
            return legacyConnect(url);
          }
          return res;
        }
      `,
    ),
    // A 2025-only client re-initializing on 400 is not a dual-era fallback (it has no modern probe).
    valid(
      'a 2025-only client re-initializing on 400',
      code`
        async function send(message) {
          const res = await fetch(url, { method: 'POST', headers: { 'mcp-session-id': sessionId }, body: JSON.stringify(message) });
          if (res.status === 400) {
            await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo } }) });
          }
          return res;
        }
      `,
    ),
    // An LSP client's initialize retry in a file with LSP methods.
    valid(
      'an LSP client re-initializing on a 400',
      code`
        async function start(conn) {
          const res = await conn.post({ jsonrpc: '2.0', id: 1, method: 'textDocument/didOpen', params });
          if (res.status === 400) await conn.post({ jsonrpc: '2.0', id: 2, method: 'initialize', params: { processId: process.pid, rootUri, capabilities: {} } });
          await conn.post({ jsonrpc: '2.0', id: 3, method: 'server/discover', params: {} });
        }
      `,
    ),
    // A chat session store re-initializing itself on a 400: no MCP at all.
    valid(
      "a chat session store's initialize() on a 400",
      code`
        export class ChatSessionStore {
          constructor(private readonly api: { post(path: string, body: object): Promise<Response> }) {}

          async initialize(): Promise<void> {
            await this.api.post('/sessions/init', {});
          }

          async save(id: string, messages: string[]) {
            const res = await this.api.post(\`/sessions/\${id}\`, { messages });
            if (res.status === 400) return this.initialize();
            return res;
          }
        }
      `,
    ),
    // A bare catch says nothing about the error: not judged.
    valid(
      'a fallback from a bare catch',
      code`
        ${discover}
        ${legacyConnect}
        export async function connect(url) {
          try {
            return await modern(url, discoverRequest);
          } catch {
            return legacyConnect(url);
          }
        }
      `,
    ),
  ],
  invalid: [
    invalid(
      'TS: any of 400, 404, 405 falls back',
      code`
        import type { InitializeResult } from '@modelcontextprotocol/sdk/types.js';
        ${discover}
        ${legacyConnect}

        export async function connect(url: string) {
          const res = await fetch(url, { method: 'POST', headers: modernHeaders(), body: JSON.stringify(discoverRequest) });
          if (res.status === 400 || res.status === 404 || res.status === 405) {
            return legacyConnect(url);
          }
          return { era: 'modern', discover: (await res.json()).result };
        }
      `,
      [{ messageId: 'fallsBackOnBadRequest', at: 'res.status === 400 || res.status === 404 || res.status === 405' }],
    ),
    invalid(
      'JS with require: !res.ok and an inline initialize',
      code`
        const { fetch } = require('undici');
        const { PROTOCOL_VERSION_META_KEY } = require('@modelcontextprotocol/client');

        async function connect(url) {
          const res = await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { [PROTOCOL_VERSION_META_KEY]: '2026-07-28' } } }) });
          if (!res.ok) {
            await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo } }) });
          }
          return res;
        }
      `,
      [{ messageId: 'fallsBackOnBadRequest', at: '!res.ok' }],
      { filename: 'file.js' },
    ),
    invalid(
      'an early return on success, then the fallback',
      code`
        ${discover}
        ${legacyConnect}

        export async function connect(url) {
          const res = await fetch(url, { method: 'POST', body: JSON.stringify(discoverRequest) });
          if (res.ok) return { era: 'modern', res };
          return legacyConnect(url);
        }
      `,
      [{ messageId: 'fallsBackOnBadRequest', at: 'res.ok' }],
    ),
    invalid(
      'a switch on the status in a class, through this.initialize()',
      code`
        import { Client } from '@modelcontextprotocol/client';

        export class Connection {
          async open() {
            const res = await this.post({ jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: this.envelope() } });
            switch (res.status) {
              case 200:
                return this.modern(res);
              case 400:
                return this.initialize();
              default:
                throw new Error(\`HTTP \${res.status}\`);
            }
          }

          async initialize() {
            return this.post({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: this.info } });
          }
        }
      `,
      [{ messageId: 'fallsBackOnBadRequest', at: '400', nth: 1 }],
    ),
    invalid(
      "SDK v1's StreamableHTTPError status in a catch",
      code`
        import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
        ${discover}
        ${legacyConnect}

        export async function connect(url) {
          try {
            return await modern(url, discoverRequest);
          } catch (err) {
            if (err instanceof StreamableHTTPError && err.code === 400) return legacyConnect(url);
            throw err;
          }
        }
      `,
      [{ messageId: 'fallsBackOnBadRequest', at: 'err instanceof StreamableHTTPError && err.code === 400' }],
    ),
    invalid(
      'stdio: a fallback keyed on -32601 alone',
      code`
        async function negotiate(transport) {
          const reply = await request(transport, { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta } });
          if (reply.error?.code === -32601) {
            return request(transport, { jsonrpc: '2.0', id: 2, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo } });
          }
          return reply;
        }
      `,
      [{ messageId: 'fallsBackOnOneErrorCode', at: 'reply.error?.code === -32601', data: { codes: '-32601' } }],
    ),
    invalid(
      'HTTP: 400 with the body read, but keyed on one code',
      code`
        ${discover}
        ${legacyConnect}
        const METHOD_NOT_FOUND = -32601;

        export async function connect(url) {
          const res = await fetch(url, { method: 'POST', body: JSON.stringify(discoverRequest) });
          const body = await res.json();
          if (res.status === 400 && body.error.code === METHOD_NOT_FOUND) return legacyConnect(url);
          return body.result;
        }
      `,
      [{ messageId: 'fallsBackOnOneErrorCode', at: 'res.status === 400 && body.error.code === METHOD_NOT_FOUND', data: { codes: '-32601' } }],
    ),
    // Dual-era by the protocol-version `_meta` key alone: no SDK import and no `server/discover`.
    invalid(
      'JS without imports: the protocol-version _meta key spelled out, then a 400 fallback',
      code`
        async function connect(url) {
          const res = await fetch(url, {
            method: 'POST',
            body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } } }),
          });
          if (res.status === 400) {
            return fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo } }) });
          }
          return res;
        }
        module.exports = { connect };
      `,
      [{ messageId: 'fallsBackOnBadRequest', at: 'res.status === 400' }],
      { filename: 'file.js' },
    ),
    // Dual-era by the SDK constant's name, imported from a local module rather than the SDK.
    invalid(
      'PROTOCOL_VERSION_META_KEY from a local module, and a fallback keyed on -32601',
      code`
        import { PROTOCOL_VERSION_META_KEY, envelope } from './wire.js';

        export async function open(transport: { request(message: object): Promise<{ error?: { code: number } }> }) {
          const reply = await transport.request({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { ...envelope(), [PROTOCOL_VERSION_META_KEY]: '2026-07-28' } } });
          if (reply.error?.code === -32601) {
            return transport.request({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'cli', version: '1.0.0' } } });
          }
          return reply;
        }
      `,
      [{ messageId: 'fallsBackOnOneErrorCode', at: 'reply.error?.code === -32601', data: { codes: '-32601' } }],
    ),
  ],
});
