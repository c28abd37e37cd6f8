import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-remote-schema-refs.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-remote-schema-refs` (reference §15.11 row P5, §9 "$ref"). Lookalikes that must
 * stay silent: OpenAPI tooling dereferencing its own documents, config-schema validation, tool
 * schemas handled with network resolution off, and `inputSchema` fields of files that do not
 * speak MCP.
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

ruleTester.run('no-remote-schema-refs', rule, {
  valid: [
    valid(
      'an OpenAPI-to-MCP generator dereferences its own OpenAPI document',
      code`
        import $RefParser from '@apidevtools/json-schema-ref-parser';
        import { McpServer } from '@modelcontextprotocol/server';

        export async function toolsFromOpenApi(server: McpServer, path: string) {
          const spec = await $RefParser.dereference(path);
          const bundled = await $RefParser.bundle('./openapi.yaml');
          for (const [route, item] of Object.entries(spec.paths ?? {})) server.registerTool(route, { description: String(item) }, async () => ({ content: [] }));
          return bundled;
        }
      `,
    ),
    valid(
      'config-schema validation with a remote loadSchema',
      code`
        import Ajv from 'ajv';
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

        const ajv = new Ajv({ loadSchema: async (uri) => (await fetch(uri)).json() });
        export async function loadConfig(configSchema: object, config: unknown, server: McpServer) {
          const validate = await ajv.compileAsync(configSchema);
          return validate(config) ? server : undefined;
        }
      `,
    ),
    valid(
      'tool schemas compiled without network resolution',
      code`
        import Ajv from 'ajv';
        import $RefParser from '@apidevtools/json-schema-ref-parser';
        import { readFile } from 'node:fs/promises';
        import { Client } from '@modelcontextprotocol/client';

        const ajv = new Ajv({ strict: false });
        const local = new Ajv({ loadSchema: async (uri) => JSON.parse(await readFile(new URL(uri), 'utf8')) });
        export async function validators(client: Client) {
          const { tools } = await client.listTools();
          return Promise.all(
            tools.map(async (tool) => {
              const a = await $RefParser.dereference(tool.inputSchema, { resolve: { http: false } });
              const b = await $RefParser.dereference(tool.inputSchema, { resolve: { external: false } });
              const c = await $RefParser.bundle(tool.outputSchema, { resolve: { http: { canRead: /^https:\\/\\/schemas\\.acme\\.dev\\// } } });
              return [ajv.compile(a), ajv.compile(b), await local.compileAsync(tool.inputSchema), c];
            }),
          );
        }
      `,
    ),
    valid(
      'inputSchema fields in a file that does not speak MCP',
      code`
        import $RefParser from '@apidevtools/json-schema-ref-parser';

        export async function resolveActions(actions: { inputSchema: object }[]) {
          return Promise.all(actions.map((action) => $RefParser.dereference(action.inputSchema)));
        }
      `,
    ),
  ],

  invalid: [
    invalid(
      'P5: json-schema-ref-parser on tools/list results (SDK v1 client, default import)',
      code`
        import $RefParser from '@apidevtools/json-schema-ref-parser';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        export async function resolvedTools(client: Client) {
          const { tools } = await client.listTools();
          for (const tool of tools) {
            tool.inputSchema = (await $RefParser.dereference(tool.inputSchema)) as typeof tool.inputSchema;
          }
          return tools;
        }
      `,
      [{ messageId: 'refParserResolvesHttp', at: '$RefParser.dereference(tool.inputSchema)', data: { call: '$RefParser.dereference()' } }],
    ),
    invalid(
      'P5: a named import, an instance, options without resolve, an http object without canRead (SDK v2)',
      code`
        import { $RefParser, dereference } from '@apidevtools/json-schema-ref-parser';
        import type { Tool } from '@modelcontextprotocol/client';

        const parser = new $RefParser();
        export async function prepare(tool: Tool) {
          const input = await dereference(tool.inputSchema, { dereference: { circular: 'ignore' } });
          const output = await parser.bundle(structuredClone(tool.outputSchema), { resolve: { http: { timeout: 5000 } } });
          return { input, output };
        }
      `,
      [
        { messageId: 'refParserResolvesHttp', at: "dereference(tool.inputSchema, { dereference: { circular: 'ignore' } })", data: { call: 'dereference()' } },
        {
          messageId: 'refParserResolvesHttp',
          at: 'parser.bundle(structuredClone(tool.outputSchema), { resolve: { http: { timeout: 5000 } } })',
          data: { call: 'parser.bundle()' },
        },
      ],
    ),
    invalid(
      'P5: require() in JavaScript, the schema destructured from a tool',
      code`
        const $RefParser = require('@apidevtools/json-schema-ref-parser');
        const { Client } = require('@modelcontextprotocol/sdk/client/index.js');

        async function inputOf(tool) {
          const { inputSchema } = tool;
          return $RefParser.resolve(inputSchema);
        }
        module.exports = { inputOf, Client };
      `,
      [{ messageId: 'refParserResolvesHttp', at: '$RefParser.resolve(inputSchema)', data: { call: '$RefParser.resolve()' } }],
      { filename: 'file.js' },
    ),
    invalid(
      'P5: Ajv compileAsync with a fetching loadSchema, through a helper',
      code`
        import Ajv2020 from 'ajv/dist/2020';
        import axios from 'axios';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        async function loadRemote(uri: string) {
          return (await axios.get(uri)).data;
        }
        const ajv = new Ajv2020({ loadSchema: loadRemote });

        function compileToolSchema(schema: object) {
          return ajv.compileAsync(schema);
        }

        export async function validators(client: Client) {
          const { tools } = await client.listTools();
          return Promise.all(tools.map((tool) => compileToolSchema(tool.inputSchema)));
        }
      `,
      [{ messageId: 'ajvLoadsRemoteRefs', at: 'ajv.compileAsync(schema)', data: { call: 'ajv.compileAsync()' } }],
    ),
    invalid(
      "P5: the SDK's Ajv export in a class field, a loader from another module, a Tool['inputSchema'] parameter",
      code`
        import { Ajv } from '@modelcontextprotocol/client/validators/ajv';
        import type { Tool } from '@modelcontextprotocol/client';
        import { loadSchemaFromRegistry } from './registry.js';

        export class ToolValidator {
          private readonly ajv = new Ajv({ loadSchema: loadSchemaFromRegistry });

          async compile(schema: Tool['inputSchema']) {
            return this.ajv.compileAsync(schema);
          }
        }
      `,
      [{ messageId: 'ajvLoadsRemoteRefs', at: 'this.ajv.compileAsync(schema)', data: { call: 'this.ajv.compileAsync()' } }],
    ),
  ],
});
