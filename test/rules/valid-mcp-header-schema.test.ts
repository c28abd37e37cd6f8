import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/valid-mcp-header-schema.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `valid-mcp-header-schema` (reference §15.11 row P6, §2.2 "x-mcp-header validity").
 * The checks mirror the v2 SDK client's `scanXMcpHeaderDeclarations`. Lookalikes that must stay
 * silent: other `x-*` vendor extensions in OpenAPI schemas, valid declarations, and
 * `x-mcp-header` in an `outputSchema`, where clients ignore it.
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

ruleTester.run('valid-mcp-header-schema', rule, {
  valid: [
    valid(
      'valid JSON Schema declarations in a low-level tools/list handler (SDK v1)',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        export function install(server: Server) {
          server.setRequestHandler(ListToolsRequestSchema, async () => ({
            tools: [
              {
                name: 'forecast',
                inputSchema: {
                  type: 'object',
                  properties: {
                    region: { type: 'string', 'x-mcp-header': 'Region' },
                    days: { type: 'integer', minimum: 1, 'x-mcp-header': 'Days' },
                    metric: { type: 'boolean', 'x-mcp-header': 'Metric' },
                    place: { type: 'object', properties: { city: { type: 'string', 'x-mcp-header': 'City' } } },
                  },
                  required: ['region'],
                },
              },
              {
                name: 'alerts',
                inputSchema: { type: 'object', properties: { region: { type: 'string', 'x-mcp-header': 'Region' } } },
              },
            ],
          }));
        }
      `,
    ),
    valid(
      'valid zod declarations (SDK v2)',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import * as z from 'zod';

        const server = new McpServer({ name: 'weather', version: '2.0.0' });
        server.registerTool(
          'forecast',
          {
            inputSchema: z.object({
              region: z.string().min(2).meta({ 'x-mcp-header': 'Region' }),
              days: z.number().int().positive().meta({ 'x-mcp-header': 'Days' }).optional(),
              unit: z.enum(['c', 'f']).meta({ 'x-mcp-header': 'Unit' }).default('c'),
              place: z.object({ city: z.string().meta({ 'x-mcp-header': 'City' }) }),
            }),
          },
          async () => ({ content: [] }),
        );
      `,
    ),
    valid(
      'other vendor extensions in an OpenAPI document',
      code`
        export const spec = {
          openapi: '3.1.0',
          components: {
            schemas: {
              Order: {
                type: 'object',
                properties: {
                  amount: { type: 'number', 'x-currency': 'EUR', 'x-header': 'X Amount' },
                  lines: { type: 'array', items: { type: 'object', 'x-order': 1 } },
                },
                'x-mcp-headers': ['Amount'],
              },
            },
          },
        };
      `,
    ),
    valid(
      'x-mcp-header in an outputSchema is ignored by clients',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { z } from 'zod';

        const server = new McpServer({ name: 'x', version: '1.0.0' });
        server.registerTool(
          'total',
          { inputSchema: { id: z.string() }, outputSchema: { total: z.number().meta({ 'x-mcp-header': 'Total' }) } },
          async () => ({ content: [], structuredContent: { total: 1 } }),
        );
        export const listed = { name: 'total', inputSchema: { type: 'object' }, outputSchema: { type: 'object', properties: { total: { type: 'number', 'x-mcp-header': 'Total' } } } };
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Negative fixtures: tools invalid on purpose, so a client's test can check it drops them.
    // ---------------------------------------------------------------------------------
    valid(
      'a vitest file serving a tool with a bad header name and asserting the client drops it',
      code`
        import { expect, it } from 'vitest';
        import { startFakeServer } from './helpers/fake-server';
        import { connect } from '../src/client';

        it('hides tools whose header annotation the spec rejects', async () => {
          const server = await startFakeServer({
            tools: [
              { name: 'search', inputSchema: { type: 'object' } },
              { name: 'lookup', inputSchema: { type: 'object', properties: { q: { type: 'string', 'x-mcp-header': 'Query Text' } } } },
            ],
          });
          const client = await connect(server.url);
          expect((await client.listTools()).map((tool) => tool.name)).toEqual(['search']);
        });
      `,
    ),
    valid(
      'a fixture module exporting a tool that says its header is malformed (zod)',
      code`
        import * as z from 'zod';

        /** Served by the conformance server: clients must leave it out of tools/list. */
        export function malformedHeaderTool() {
          return {
            name: 'malformed_header_tool',
            description: 'Declares a malformed x-mcp-header; conforming clients exclude it.',
            inputSchema: { city: z.string().meta({ 'x-mcp-header': 'City Name' }) },
            handler: async () => ({ content: [{ type: 'text', text: 'unreachable' }] }),
          };
        }
      `,
    ),
    valid(
      'registerTool whose name says the header is bad',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import * as z from 'zod';

        export function addFixtures(server: McpServer) {
          server.registerTool('badHeaderEcho', { inputSchema: z.object({ text: z.string().meta({ 'x-mcp-header': 'Echo:Text' }) }) }, async ({ text }) => ({
            content: [{ type: 'text', text }],
          }));
        }
      `,
    ),
  ],

  invalid: [
    invalid(
      'a real tool whose description mentions invalid input, not its header',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import * as z from 'zod';

        const server = new McpServer({ name: 'geo', version: '1.0.0' });
        server.registerTool(
          'geocode',
          {
            description: 'Geocodes an address; answers an error for invalid addresses.',
            inputSchema: z.object({ address: z.string().meta({ 'x-mcp-header': 'Postal Address' }) }),
          },
          async ({ address }) => ({ content: [{ type: 'text', text: await geocode(address) }] }),
        );
      `,
      [{ messageId: 'invalidHeaderName', at: "'x-mcp-header': 'Postal Address'", data: { value: '"Postal Address"' } }],
    ),
    invalid(
      'P6: JSON Schema: number type, a list type, a missing type, and a bad name',
      code`
        export const tools = [
          {
            name: 'transfer',
            inputSchema: {
              type: 'object',
              properties: {
                amount: { type: 'number', 'x-mcp-header': 'Amount' },
                memo: { type: ['string', 'null'], 'x-mcp-header': 'Memo' },
                account: { $ref: '#/$defs/Account', 'x-mcp-header': 'Account' },
                note: { type: 'string', 'x-mcp-header': 'Note: text' },
                tag: { type: 'string', 'x-mcp-header': '' },
              },
            },
          },
        ];
      `,
      [
        { messageId: 'headerOnUnsupportedType', at: "'x-mcp-header': 'Amount'", data: { type: '`number`' } },
        { messageId: 'headerOnUnsupportedType', at: "'x-mcp-header': 'Memo'", data: { type: '`string | null`' } },
        { messageId: 'headerOnUnsupportedType', at: "'x-mcp-header': 'Account'", data: { type: 'none (no `type`)' } },
        { messageId: 'invalidHeaderName', at: "'x-mcp-header': 'Note: text'", data: { value: '"Note: text"' } },
        { messageId: 'invalidHeaderName', at: "'x-mcp-header': ''", data: { value: '""' } },
      ],
    ),
    invalid(
      'P6: JSON Schema: under items, anyOf, $defs, if/then and on the root',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        export function install(server: Server) {
          server.setRequestHandler(ListToolsRequestSchema, async () => ({
            tools: [
              {
                name: 'search',
                inputSchema: {
                  type: 'object',
                  'x-mcp-header': 'Search',
                  properties: {
                    tags: { type: 'array', items: { type: 'string', 'x-mcp-header': 'Tag' } },
                    scope: { anyOf: [{ type: 'string', 'x-mcp-header': 'Scope' }, { type: 'integer' }] },
                    owner: { $ref: '#/$defs/Owner' },
                  },
                  $defs: { Owner: { type: 'object', properties: { id: { type: 'string', 'x-mcp-header': 'Owner' } } } },
                  if: { properties: { kind: { const: 'user' } } },
                  then: { properties: { user: { type: 'string', 'x-mcp-header': 'User' } } },
                },
              },
            ],
          }));
        }
      `,
      [
        { messageId: 'headerOnUnreachableProperty', at: "'x-mcp-header': 'Search'", data: { via: 'on the root schema' } },
        { messageId: 'headerOnUnreachableProperty', at: "'x-mcp-header': 'Tag'", data: { via: 'under `items`' } },
        { messageId: 'headerOnUnreachableProperty', at: "'x-mcp-header': 'Scope'", data: { via: 'under `anyOf`' } },
        { messageId: 'headerOnUnreachableProperty', at: "'x-mcp-header': 'Owner'", data: { via: 'under `$defs`' } },
        { messageId: 'headerOnUnreachableProperty', at: "'x-mcp-header': 'User'", data: { via: 'under `then`' } },
      ],
    ),
    invalid(
      'P6: JSON Schema: names repeated case-insensitively within one tool',
      code`
        export const tool = {
          name: 'route',
          inputSchema: {
            type: 'object',
            properties: {
              from: { type: 'string', 'x-mcp-header': 'Region' },
              to: { type: 'string', 'x-mcp-header': 'region' },
              via: { type: 'object', properties: { hub: { type: 'string', 'x-mcp-header': 'REGION' } } },
            },
          },
        };
      `,
      [
        { messageId: 'duplicateHeaderName', at: "'x-mcp-header': 'region'", data: { name: 'region', first: 'Region' } },
        { messageId: 'duplicateHeaderName', at: "'x-mcp-header': 'REGION'", data: { name: 'REGION', first: 'Region' } },
      ],
    ),
    invalid(
      'P6: zod (SDK v2): number, nullable, wrapped in arrays and unions, duplicates',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import { z } from 'zod';

        const server = new McpServer({ name: 'shop', version: '2.0.0' });
        server.registerTool(
          'checkout',
          {
            inputSchema: z.object({
              amount: z.number().positive().meta({ 'x-mcp-header': 'Amount' }),
              coupon: z.string().nullable().meta({ 'x-mcp-header': 'Coupon' }),
              skus: z.array(z.string().meta({ 'x-mcp-header': 'Sku' })),
              store: z.string().meta({ 'x-mcp-header': 'Store' }).or(z.number()),
              region: z.string().meta({ 'x-mcp-header': 'Region' }),
              shipTo: z.object({ region: z.string().meta({ 'x-mcp-header': 'region' }) }),
              channel: z.union([z.literal('web').meta({ 'x-mcp-header': 'Channel' }), z.literal('app')]),
            }),
          },
          async () => ({ content: [] }),
        );
      `,
      [
        { messageId: 'headerOnUnsupportedType', at: "'x-mcp-header': 'Amount'", data: { type: '`number`' } },
        { messageId: 'headerOnUnsupportedType', at: "'x-mcp-header': 'Coupon'", data: { type: '`string | null`' } },
        { messageId: 'headerOnUnreachableProperty', at: "'x-mcp-header': 'Sku'", data: { via: 'under `items` (`z.array()`)' } },
        { messageId: 'headerOnUnreachableProperty', at: "'x-mcp-header': 'Store'", data: { via: 'under `anyOf` (`.or()`)' } },
        { messageId: 'duplicateHeaderName', at: "'x-mcp-header': 'region'", data: { name: 'region', first: 'Region' } },
        { messageId: 'headerOnUnreachableProperty', at: "'x-mcp-header': 'Channel'", data: { via: 'under `anyOf` (`z.union()`)' } },
      ],
    ),
    invalid(
      'P6: zod raw shape (SDK v1) with require() in JavaScript; a bad name with a space',
      code`
        const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');
        const { z } = require('zod');

        const server = new McpServer({ name: 'pay', version: '1.0.0' });
        server.registerTool(
          'pay',
          { inputSchema: { amount: z.number().meta({ 'x-mcp-header': 'Amount' }), payee: z.string().meta({ 'x-mcp-header': 'Payee Id' }) } },
          async () => ({ content: [] }),
        );
        module.exports = server;
      `,
      [
        { messageId: 'headerOnUnsupportedType', at: "'x-mcp-header': 'Amount'", data: { type: '`number`' } },
        { messageId: 'invalidHeaderName', at: "'x-mcp-header': 'Payee Id'", data: { value: '"Payee Id"' } },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'P6: zod through an aliased import, a header-name constant, and fromJsonSchema',
      code`
        import { fromJsonSchema, McpServer } from '@modelcontextprotocol/server';
        import { z as zod } from 'zod/v4';

        const HEADER = 'x-mcp-header';
        const server = new McpServer({ name: 'geo', version: '2.0.0' });
        server.registerTool('lookup', { inputSchema: zod.object({ lat: zod.float64().meta({ [HEADER]: 'Lat' }) }) }, async () => ({ content: [] }));
        server.registerTool(
          'nearby',
          { inputSchema: fromJsonSchema({ type: 'object', properties: { radius: { type: 'number', [HEADER]: 'Radius' } } }) },
          async () => ({ content: [] }),
        );
      `,
      [
        { messageId: 'headerOnUnsupportedType', at: "[HEADER]: 'Lat'", data: { type: '`number`' } },
        { messageId: 'headerOnUnsupportedType', at: "[HEADER]: 'Radius'", data: { type: '`number`' } },
      ],
    ),
  ],
});
