import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-http-request-headers.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `require-http-request-headers` (reference §2.2 and §15 rows C5, T14: the request
 * headers of hand-rolled HTTP clients; design.md principle 3 for REST/GraphQL calls, other
 * JSON-RPC protocols and the SDK transports that must stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);

const version = '`MCP-Protocol-Version: 2026-07-28` (the `_meta` protocolVersion)';
const methodOf = (method: string) => `\`Mcp-Method: ${method}\``;
const anyMethod = "`Mcp-Method` (the request's `method`)";
const nameOf = (...params: string[]) =>
  `\`Mcp-Name\` (${params.length === 1 ? `\`params.${params[0]}\`` : `${params.slice(0, -1).map((p) => `\`params.${p}\``).join(', ')} or \`params.${params.at(-1)}\``})`;
const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** Data of a `missingHeaders` report. */
function missing(methods: string[], headers: ('version' | 'method' | 'name')[], advice: string[]): Record<string, string> {
  const spelled = { version: '`MCP-Protocol-Version`', method: '`Mcp-Method`', name: '`Mcp-Name`' };
  return { methods: methods.map((m) => `\`${m}\``).join(', '), missing: list(headers.map((h) => spelled[h])), add: list(advice) };
}

const ruleTester = new RuleTester();

ruleTester.run('require-http-request-headers', rule, {
  valid: [
    valid(
      'a 2026-07-28 client sending every header, names in any case',
      code`
        const META = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };

        export async function callTool(url: string, name: string, args: object) {
          return fetch(url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              accept: 'application/json, text/event-stream',
              'mcp-protocol-version': '2026-07-28',
              'MCP-METHOD': 'tools/call',
              'Mcp-Name': name,
            },
            body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args, _meta: META } }),
          });
        }
      `,
    ),
    valid(
      'headers through constants, a shared base object and new Headers()',
      code`
        const PROTOCOL_HEADER = 'MCP-Protocol-Version';
        const BASE = { 'Content-Type': 'application/json', [PROTOCOL_HEADER]: '2026-07-28' };

        export async function listTools(url: string) {
          const headers = new Headers({ ...BASE, 'Mcp-Method': 'tools/list' });
          return fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: { _meta } }) });
        }

        export async function readResource(url: string, uri: string) {
          const headers = new Headers(BASE);
          headers.set('Mcp-Method', 'resources/read');
          headers.set('Mcp-Name', uri);
          return fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'resources/read', params: { uri, _meta } }) });
        }
      `,
    ),
    valid(
      'a generic rpc helper that derives the headers from the message',
      code`
        let id = 0;
        async function rpc(method: string, params: Record<string, unknown> = {}) {
          const headers: Record<string, string> = { 'Content-Type': 'application/json', 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': method };
          const name = params.name ?? params.uri ?? params.taskId;
          if (name !== undefined) headers['Mcp-Name'] = String(name);
          const res = await fetch(ENDPOINT, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) });
          return res.json();
        }

        export const tools = () => rpc('tools/list');
        export const call = (name: string) => rpc('tools/call', { name, arguments: {} });
      `,
    ),
    valid(
      'conditional spreads count as sent',
      code`
        export function post(url: string, method: string, name?: string) {
          return fetch(url, {
            method: 'POST',
            headers: { 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': method, ...(name ? { 'Mcp-Name': name } : {}) },
            body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'prompts/get', params: { name, _meta } }),
          });
        }
      `,
    ),
    valid(
      'headers that cannot be seen: passed in, from an imported helper, or spread from elsewhere',
      code`
        import { defaultHeaders } from './http.js';

        export async function call(url: string, init: RequestInit, message: object) {
          await fetch(url, { method: 'POST', headers: init.headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }) });
          await fetch(url, { method: 'POST', headers: defaultHeaders(), body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }) });
          await fetch(url, { ...init, method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list', params: {} }) });
          const headers = { 'Content-Type': 'application/json' };
          signRequest(headers);
          await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/list', params: {} }) });
        }
      `,
    ),
    valid(
      'an axios instance whose defaults carry the headers',
      code`
        import axios from 'axios';

        const mcp = axios.create({
          baseURL: 'https://notes.example.com/mcp',
          headers: { 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/list' },
        });
        export const list = () => mcp.post('', { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta } });
      `,
    ),
    valid(
      'the SDK transports send the headers themselves',
      code`
        import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'c', version: '1' }, { versionNegotiation: { mode: 'auto' } });
        await client.connect(new StreamableHTTPClientTransport(new URL('http://localhost:3000/mcp'), {
          fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, Authorization: \`Bearer \${token}\` } }),
        }));
        await client.callTool({ name: 'search', arguments: {} });
      `,
    ),
    valid(
      "a migrated server's tests that leave a header out on purpose",
      code`
        import { describe, expect, it } from 'vitest';

        describe('header validation', () => {
          it('answers 400 with -32020 when Mcp-Method is missing', async () => {
            const res = await fetch(url, {
              method: 'POST',
              headers: { 'MCP-Protocol-Version': '2026-07-28' },
              body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta } }),
            });
            expect(res.status).toBe(400);
          });
        });
      `,
    ),
    // Lookalikes: REST, GraphQL, other JSON-RPC protocols.
    valid(
      'REST and GraphQL POSTs',
      code`
        await fetch('/api/tools', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'search', method: 'tools/call' }) });
        await fetch('/graphql', { method: 'POST', body: JSON.stringify({ query: 'mutation { callTool(name: "x") { ok } }' }) });
      `,
    ),
    valid(
      'Ethereum JSON-RPC',
      code`
        import axios from 'axios';

        export const balance = (rpc: string, address: string) =>
          axios.post(rpc, { jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: [address, 'latest'] });
        export const block = (rpc: string) =>
          fetch(rpc, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'eth_blockNumber', params: [] }) });
      `,
    ),
    valid(
      'LSP over HTTP and A2A tasks',
      code`
        await fetch(lspUrl, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'textDocument/definition', params }) });
        await fetch(lspUrl, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { capabilities: {} } }) });
        await fetch(agentUrl, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tasks/get', params: { id: taskId } }) });
      `,
    ),
    valid(
      'GET requests and the handshake are other rules’ business',
      code`
        await fetch(url, { headers: { Accept: 'text/event-stream' } });
        await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18' } }) });
        await fetch(url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
      `,
    ),
  ],
  invalid: [
    invalid(
      'C5: a POST builder that sends only Content-Type and Accept',
      code`
        export async function listTools(url: string) {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
            body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta } }),
          });
          return res.json();
        }
      `,
      [{ messageId: 'missingHeaders', at: 'fetch', data: missing(['tools/list'], ['version', 'method'], [version, methodOf('tools/list')]) }],
    ),
    invalid(
      'C5: MCP-Protocol-Version alone, through a constant header name; tools/call also needs Mcp-Name',
      code`
        const VERSION_HEADER = 'mcp-protocol-version';
        const body = { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'search', arguments: { q: 'x' }, _meta } };

        export const search = (url: string) =>
          fetch(url, { method: 'post', headers: { [VERSION_HEADER]: '2026-07-28', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      `,
      [{ messageId: 'missingHeaders', at: 'fetch', nth: 1, data: missing(['tools/call'], ['method', 'name'], [methodOf('tools/call'), nameOf('name')]) }],
    ),
    invalid(
      'a generic rpc(method, params) helper: one report listing what its callers need',
      code`
        let nextId = 0;
        async function rpc(method: string, params: object = {}) {
          const response = await fetch(process.env.MCP_URL!, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'MCP-Protocol-Version': '2026-07-28' },
            body: JSON.stringify({ jsonrpc: '2.0', id: ++nextId, method, params: { ...params, _meta } }),
          });
          return response.json();
        }

        export const tools = () => rpc('tools/list');
        export const prompt = (name: string) => rpc('prompts/get', { name });
        export const read = (uri: string) => rpc('resources/read', { uri });
      `,
      [{ messageId: 'missingHeaders', at: 'fetch', data: missing(['tools/list', 'prompts/get', 'resources/read'], ['method', 'name'], [anyMethod, nameOf('name', 'uri')]) }],
    ),
    invalid(
      'a class client with a private fetch implementation and a request builder',
      code`
        export class NotesClient {
          private id = 0;
          constructor(private readonly url: string, private readonly fetchImpl: typeof fetch = fetch) {}

          private message(method: string, params: Record<string, unknown>) {
            return { jsonrpc: '2.0', id: ++this.id, method, params: { ...params, _meta: this.meta } };
          }

          async getTask(taskId: string) {
            const headers = { 'Content-Type': 'application/json', 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tasks/get' };
            return this.fetchImpl(this.url, { method: 'POST', headers, body: JSON.stringify(this.message('tasks/get', { taskId })) });
          }
        }
      `,
      [{ messageId: 'missingHeaders', at: 'this.fetchImpl', data: missing(['tasks/get'], ['name'], [nameOf('taskId')]) }],
    ),
    invalid(
      'header and _meta versions disagree',
      code`
        export const discover = (url: string) =>
          fetch(url, {
            method: 'POST',
            headers: { 'MCP-Protocol-Version': '2025-11-25', 'Mcp-Method': 'server/discover' },
            body: JSON.stringify({
              jsonrpc: '2.0',
              id: 1,
              method: 'server/discover',
              params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} } },
            }),
          });
      `,
      [{ messageId: 'mismatchedProtocolVersion', at: "'2025-11-25'", data: { header: '2025-11-25', meta: '2026-07-28' } }],
    ),
    invalid(
      'axios, ky and got',
      code`
        import axios from 'axios';
        import ky from 'ky';
        import got from 'got';

        const message = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta } };
        await axios.post(url, message, { headers: { 'Content-Type': 'application/json' } });
        await axios({ method: 'post', url, data: message });
        await ky.post(url, { json: message, headers: { 'Mcp-Method': 'tools/list' } });
        await got(url, { method: 'POST', json: message, headers: { 'MCP-Protocol-Version': '2026-07-28' } });
      `,
      [
        { messageId: 'missingHeaders', at: 'axios.post', data: missing(['tools/list'], ['version', 'method'], [version, methodOf('tools/list')]) },
        { messageId: 'missingHeaders', at: 'axios', inside: 'await axios({', data: missing(['tools/list'], ['version', 'method'], [version, methodOf('tools/list')]) },
        { messageId: 'missingHeaders', at: 'ky.post', data: missing(['tools/list'], ['version'], [version]) },
        { messageId: 'missingHeaders', at: 'got', inside: 'await got(url', data: missing(['tools/list'], ['method'], [methodOf('tools/list')]) },
      ],
    ),
    invalid(
      'an axios instance from require(), in JavaScript',
      code`
        const axios = require('axios');

        const http = axios.create({ baseURL: process.env.MCP_URL, headers: { 'MCP-Protocol-Version': '2026-07-28' } });
        module.exports.callTool = (name, args) =>
          http.post('/mcp', { jsonrpc: '2.0', id: Date.now(), method: 'tools/call', params: { name, arguments: args, _meta } });
      `,
      [{ messageId: 'missingHeaders', at: 'http.post', data: missing(['tools/call'], ['method', 'name'], [methodOf('tools/call'), nameOf('name')]) }],
      { filename: 'file.js' },
    ),
    invalid(
      'undici request and node-fetch',
      code`
        import { request } from 'undici';
        import nodeFetch from 'node-fetch';

        const payload = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'completion/complete', params: { ref, argument, _meta } });
        await request(url, { method: 'POST', body: payload });
        await nodeFetch(url, { method: 'POST', body: payload, headers: { 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'completion/complete' } });
      `,
      [{ messageId: 'missingHeaders', at: 'request', inside: 'await request(', data: missing(['completion/complete'], ['version', 'method'], [version, methodOf('completion/complete')]) }],
    ),
    invalid(
      'undici request aliased and through a namespace, in a file using SDK v2 types',
      code`
        import { request as post } from 'undici';
        import * as undici from 'undici';
        import type { CallToolResult } from '@modelcontextprotocol/client';

        const message = { jsonrpc: '2.0', id: 3, method: 'prompts/get', params: { name: 'greet', _meta } };
        await post(url, { method: 'POST', headers: { 'MCP-Protocol-Version': '2026-07-28' }, body: JSON.stringify(message) });
        await undici.request(url, { method: 'POST', headers: { 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'prompts/get' }, body: JSON.stringify(message) });
        export type Result = CallToolResult;
      `,
      [
        { messageId: 'missingHeaders', at: 'post', inside: 'await post(url', data: missing(['prompts/get'], ['method', 'name'], [methodOf('prompts/get'), nameOf('name')]) },
        { messageId: 'missingHeaders', at: 'undici.request', data: missing(['prompts/get'], ['name'], [nameOf('name')]) },
      ],
    ),
    invalid(
      'supertest requests in a server test (SDK v1 server)',
      code`
        import request from 'supertest';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { app } from '../src/app.js';

        it('lists tools', async () => {
          const res = await request(app)
            .post('/mcp')
            .set('Accept', 'application/json, text/event-stream')
            .set('MCP-Protocol-Version', '2026-07-28')
            .send({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta } });
          expect(res.status).toBe(200);
        });
      `,
      [{ messageId: 'missingHeaders', at: 'post', inside: ".post('/mcp')", data: missing(['tools/list'], ['method'], [methodOf('tools/list')]) }],
    ),
    {
      ...invalid(
        'a legacy-era branch of a dual-era client is reported as servesLegacyClients',
        code`
          export async function listTools(url: string, era: 'legacy' | 'modern') {
            const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
            if (era === 'legacy') return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
            return fetch(url, { method: 'POST', headers: { 'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/list' }, body });
          }
        `,
        [],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
      errors: [
        {
          messageId: 'servesLegacyClients',
          line: 3,
          column: 32,
          endColumn: 37,
          data: {
            message: rule.meta.messages.missingHeaders
              .replace('{{methods}}', '`tools/list`')
              .replace('{{missing}}', '`MCP-Protocol-Version` and `Mcp-Method`')
              .replace('{{add}}', `${version} and ${methodOf('tools/list')}`),
            gate: "behind `era === 'legacy'`",
          },
        },
      ],
    },
  ],
});
