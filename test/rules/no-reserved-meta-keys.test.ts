import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-reserved-meta-keys.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-reserved-meta-keys` (reference §15.11 rows P7 and P8, §11, §12). Lookalikes that
 * must stay silent: `_meta` objects of other libraries, OpenTelemetry propagation code, the keys
 * the specification defines, and application keys under the application's own prefix.
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

const trace = (key: string, bare: string) => ({ key, bare, constant: `${bare.toUpperCase()}_META_KEY` });
const reserved = (key: string) => {
  const [prefix, name] = key.split('/') as [string, string];
  return { key, prefix, name };
};

ruleTester.run('no-reserved-meta-keys', rule, {
  valid: [
    valid(
      'bare trace keys, spec-defined keys and own-prefix keys in a request',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        export async function call(client: Client, traceparent: string, tracestate: string) {
          return client.callTool({
            name: 'search',
            arguments: { q: 'notes' },
            _meta: {
              traceparent,
              tracestate,
              baggage: 'tenant=acme',
              progressToken: 1,
              'io.modelcontextprotocol/logLevel': 'info',
              'com.acme/requestId': crypto.randomUUID(),
            },
          });
        }
      `,
    ),
    valid(
      'SDK v2 constants, MCP Apps and OpenAI Apps keys, an official extension id',
      code`
        import { McpServer, TRACEPARENT_META_KEY, SERVER_INFO_META_KEY } from '@modelcontextprotocol/server';

        export function register(server: McpServer, tp: string) {
          server.registerTool(
            'chart',
            { description: 'Draw a chart', _meta: { ui: { resourceUri: 'ui://chart' }, 'openai/outputTemplate': 'ui://chart' } },
            async () => ({
              content: [],
              _meta: { [TRACEPARENT_META_KEY]: tp, [SERVER_INFO_META_KEY]: { name: 'charts', version: '1' }, 'io.modelcontextprotocol/ui': {} },
            }),
          );
        }
      `,
    ),
    valid(
      'spec-defined envelope reads and the 2025 related-task key (another rule reports it)',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        export function install(server: Server) {
          server.setRequestHandler(CallToolRequestSchema, async (request) => {
            const meta = request.params._meta ?? {};
            const version = meta['io.modelcontextprotocol/protocolVersion'];
            const task = meta['io.modelcontextprotocol/related-task'];
            return { content: [{ type: 'text', text: String(version ?? task) }] };
          });
        }
      `,
    ),
    valid(
      'OpenTelemetry propagation into _meta through a carrier, and otel.* span attributes',
      code`
        import { context, propagation, trace } from '@opentelemetry/api';
        import { Client } from '@modelcontextprotocol/client';

        export async function tracedCall(client: Client, name: string) {
          const carrier: Record<string, string> = {};
          propagation.inject(context.active(), carrier);
          trace.getActiveSpan()?.setAttribute('otel.traceparent', carrier.traceparent ?? '');
          const headers = { 'otel.traceparent': carrier.traceparent };
          return client.callTool({ name, arguments: {}, _meta: { ...carrier } }, undefined, { headers });
        }
      `,
    ),
    valid(
      "another library's _meta objects in a file that does not speak MCP",
      code`
        export function toDocument(row: { id: string; trace: string }) {
          return {
            id: row.id,
            _meta: { 'otel.traceparent': row.trace, 'dev.mcp/build': 42, createdBy: 'importer' },
          };
        }
        export const traceOf = (doc: { _meta: Record<string, string> }) => doc._meta['otel/traceparent'];
      `,
    ),
    valid(
      'reserved-looking keys outside _meta objects',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        export const labels = { 'io.modelcontextprotocol/owner': 'platform', 'otel.traceparent': 'x' };
        export const server = new McpServer({ name: 'x', version: '1' });
      `,
    ),
  ],

  invalid: [
    invalid(
      'P7: namespaced trace keys in an SDK v1 client request',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        export async function call(client: Client, tp: string, ts: string) {
          return client.callTool({
            name: 'search',
            arguments: {},
            _meta: { 'io.modelcontextprotocol/traceparent': tp, 'otel.tracestate': ts },
          });
        }
      `,
      [
        { messageId: 'namespacedTraceKey', at: "'io.modelcontextprotocol/traceparent'", data: trace('io.modelcontextprotocol/traceparent', 'traceparent') },
        { messageId: 'namespacedTraceKey', at: "'otel.tracestate'", data: trace('otel.tracestate', 'tracestate') },
      ],
    ),
    invalid(
      'P7: a hand-rolled tools/call request with otel/traceparent and a dotted baggage key',
      code`
        export function callTool(id: number, name: string, traceparent: string, baggage: string) {
          return {
            jsonrpc: '2.0',
            id,
            method: 'tools/call',
            params: { name, arguments: {}, _meta: { 'otel/traceparent': traceparent, 'io.modelcontextprotocol.baggage': baggage } },
          };
        }
      `,
      [
        { messageId: 'namespacedTraceKey', at: "'otel/traceparent'", data: trace('otel/traceparent', 'traceparent') },
        { messageId: 'namespacedTraceKey', at: "'io.modelcontextprotocol.baggage'", data: trace('io.modelcontextprotocol.baggage', 'baggage') },
      ],
    ),
    invalid(
      'P7: a server reads and writes namespaced trace keys (SDK v1, v2 context)',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        export function register(server: McpServer) {
          server.registerTool('search', { description: 'Search' }, async (ctx) => {
            const parent = ctx.mcpReq._meta?.['otel.traceparent'];
            const { 'otel.tracestate': state } = ctx.mcpReq._meta ?? {};
            return { content: [{ type: 'text', text: String(parent ?? state) }] };
          });
        }
        export function forward(params: { _meta: Record<string, unknown> }, tp: string) {
          params._meta['io.modelcontextprotocol/traceparent'] = tp;
        }
      `,
      [
        { messageId: 'namespacedTraceKey', at: "'otel.traceparent'", data: trace('otel.traceparent', 'traceparent') },
        { messageId: 'namespacedTraceKey', at: "'otel.tracestate'", data: trace('otel.tracestate', 'tracestate') },
        { messageId: 'namespacedTraceKey', at: "'io.modelcontextprotocol/traceparent'", data: trace('io.modelcontextprotocol/traceparent', 'traceparent') },
      ],
    ),
    invalid(
      'P8: application keys under reserved prefixes in a tool result',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const server = new McpServer({ name: 'search', version: '1.0.0' });
        server.registerTool('search', { description: 'Search' }, async () => ({
          content: [],
          _meta: { 'io.modelcontextprotocol/cacheHit': true, 'dev.mcp/costCents': 3, 'com.mcp.tools/shard': 'eu-1' },
        }));
      `,
      [
        { messageId: 'reservedPrefix', at: "'io.modelcontextprotocol/cacheHit'", data: reserved('io.modelcontextprotocol/cacheHit') },
        { messageId: 'reservedPrefix', at: "'dev.mcp/costCents'", data: reserved('dev.mcp/costCents') },
        { messageId: 'reservedPrefix', at: "'com.mcp.tools/shard'", data: reserved('com.mcp.tools/shard') },
      ],
    ),
    invalid(
      'P8: keys through constants, a _meta constant object, namespace import',
      code`
        import * as mcp from '@modelcontextprotocol/server';

        const COST_KEY = 'dev.mcp/costCents';
        const META = { 'io.modelcontextprotocol/source': 'cache', [COST_KEY]: 0 };

        export const server = new mcp.McpServer({ name: 'search', version: '2.0.0' });
        server.registerTool('cached', { description: 'Cached search' }, async () => ({ content: [], _meta: META }));
      `,
      [
        { messageId: 'reservedPrefix', at: "'io.modelcontextprotocol/source'", data: reserved('io.modelcontextprotocol/source') },
        { messageId: 'reservedPrefix', at: 'COST_KEY', inside: '[COST_KEY]: 0', data: reserved('dev.mcp/costCents') },
      ],
    ),
    invalid(
      'P7/P8: require() in a JavaScript client',
      code`
        const { Client } = require('@modelcontextprotocol/sdk/client/index.js');

        async function search(client, q, tp) {
          return client.callTool({ name: 'search', arguments: { q }, _meta: { 'otel.traceparent': tp, 'io.modelcontextprotocol/user': 'me' } });
        }
        module.exports = { search, Client };
      `,
      [
        { messageId: 'namespacedTraceKey', at: "'otel.traceparent'", data: trace('otel.traceparent', 'traceparent') },
        { messageId: 'reservedPrefix', at: "'io.modelcontextprotocol/user'", data: reserved('io.modelcontextprotocol/user') },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'P8: a key under the spec prefix is MCP evidence on its own (a gateway with no SDK import)',
      code`
        export function tag(message: { params: { _meta?: Record<string, unknown> } }, region: string) {
          message.params._meta = { ...message.params._meta, 'io.modelcontextprotocol/gatewayRegion': region };
          return message;
        }
      `,
      [{ messageId: 'reservedPrefix', at: "'io.modelcontextprotocol/gatewayRegion'", data: reserved('io.modelcontextprotocol/gatewayRegion') }],
    ),
    invalid(
      'P8: a key built from the spec prefix without its slash (no SDK import)',
      code`
        const SPEC_NAMESPACE = 'io.modelcontextprotocol';
        export function tag(message: { params: { _meta: Record<string, unknown> } }, region: string) {
          message.params._meta[\`\${SPEC_NAMESPACE}/gatewayRegion\`] = region;
        }
      `,
      [{ messageId: 'reservedPrefix', at: '`${SPEC_NAMESPACE}/gatewayRegion`', data: reserved('io.modelcontextprotocol/gatewayRegion') }],
    ),
  ],
});
