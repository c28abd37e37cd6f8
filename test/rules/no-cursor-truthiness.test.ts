import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-cursor-truthiness.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-cursor-truthiness` (reference §15.8 row K6, §5 "Pagination"). Lookalikes that
 * must stay silent: database cursors, GraphQL `pageInfo.endCursor`, Slack, Notion and Stripe
 * pagination, an application's own `nextCursor`, and presence tests.
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

const sdk = (cursor: string) => ({ cursor, presence: '!== undefined' });
const wire = (cursor: string) => ({ cursor, presence: '!= null' });

const v1Loop = code`
  import { Client } from '@modelcontextprotocol/sdk/client/index.js';

  export async function allTools(client: Client) {
    const tools = [];
    let cursor: string | undefined;
    do {
      const result = await client.listTools({ cursor });
      tools.push(...result.tools);
      cursor = result.nextCursor;
    } while (cursor);
    return tools;
  }
`;

const v2Break = code`
  import { Client } from '@modelcontextprotocol/client';

  export async function allResources(client: Client) {
    const resources = [];
    let cursor: string | undefined = undefined;
    for (;;) {
      const page = await client.listResources({ cursor });
      resources.push(...page.resources);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return resources;
  }
`;

const handRolled = code`
  export async function listAllTools(url: string) {
    const tools: unknown[] = [];
    let cursor: string | undefined;
    for (let id = 1; ; id++) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list', params: { cursor } }),
      });
      const { result } = await res.json();
      tools.push(...result.tools);
      if (!result.nextCursor) return tools;
      cursor = result.nextCursor;
    }
  }
`;

ruleTester.run('no-cursor-truthiness', rule, {
  valid: [
    valid(
      'presence tests on MCP cursors',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        export async function allPrompts(client: Client) {
          const prompts = [];
          let cursor: string | undefined;
          do {
            const page = await client.listPrompts({ cursor });
            prompts.push(...page.prompts);
            if (page.nextCursor === undefined) break;
            cursor = page.nextCursor ?? undefined;
          } while (cursor !== undefined);
          return typeof cursor === 'string' ? prompts : [];
        }
      `,
    ),
    valid(
      'MongoDB cursors',
      code`
        import { MongoClient } from 'mongodb';

        export async function notes(client: MongoClient) {
          const cursor = client.db('app').collection('notes').find({});
          const out = [];
          while (await cursor.hasNext()) out.push(await cursor.next());
          if (!cursor) throw new Error('no cursor');
          return out;
        }
      `,
    ),
    valid(
      'GraphQL pageInfo.endCursor and Slack next_cursor',
      code`
        import { WebClient } from '@slack/web-api';

        export async function stars(gql: (q: string, v: object) => Promise<any>) {
          let after: string | null = null;
          do {
            const data = await gql('query($after: String) { viewer { starred(after: $after) { pageInfo { endCursor hasNextPage } } } }', { after });
            after = data.viewer.starred.pageInfo.hasNextPage ? data.viewer.starred.pageInfo.endCursor : null;
          } while (after);
        }
        export async function channels(slack: WebClient) {
          let cursor: string | undefined;
          do {
            const res = await slack.conversations.list({ cursor });
            cursor = res.response_metadata?.next_cursor;
          } while (cursor);
        }
      `,
    ),
    valid(
      'Notion and Stripe pagination',
      code`
        import { Client as Notion } from '@notionhq/client';
        import Stripe from 'stripe';

        export async function pages(notion: Notion, database_id: string) {
          let start_cursor: string | undefined;
          let response;
          do {
            response = await notion.databases.query({ database_id, start_cursor });
            start_cursor = response.next_cursor ?? undefined;
          } while (response.has_more && start_cursor);
        }
        export async function customers(stripe: Stripe) {
          let starting_after: string | undefined;
          for (;;) {
            const page = await stripe.customers.list({ limit: 100, starting_after });
            if (!page.has_more) break;
            starting_after = page.data.at(-1)?.id;
          }
        }
      `,
    ),
    valid(
      "an application's own nextCursor in an MCP server file",
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { api } from './api.js';

        export async function allNotes(server: McpServer) {
          const notes = [];
          let nextCursor: string | undefined;
          do {
            const page = await api.searchNotes({ cursor: nextCursor });
            notes.push(...page.items);
            nextCursor = page.nextCursor;
          } while (nextCursor);
          return { server, notes };
        }
      `,
    ),
    // The same builder-inside-a-call shape as the smoke check below, for methods that are not
    // MCP list methods: a search API's own cursor, and Slack's conversations.list.
    valid(
      'a nested request builder naming a method that is not an MCP list method',
      code`
        let nextId = 1;
        function request(method: string, params?: Record<string, unknown>) {
          return { jsonrpc: '2.0', id: nextId++, method, params };
        }
        declare function call<T>(message: ReturnType<typeof request>): Promise<T>;

        export async function searchAll(query: string) {
          const hits: unknown[] = [];
          let cursor: string | undefined;
          do {
            const page = await call<{ hits: unknown[]; nextCursor?: string }>(request('search/query', { query, cursor }));
            hits.push(...page.hits);
            cursor = page.nextCursor;
          } while (cursor);
          let channel: string | undefined;
          do {
            const page = await call<{ nextCursor?: string }>(request('conversations.list', { cursor: channel }));
            channel = page.nextCursor;
          } while (channel);
          return hits;
        }
      `,
    ),
    valid(
      'listTools on a registry in a file that does not import MCP',
      code`
        import { registry } from './registry.js';

        export async function names() {
          const page = await registry.listTools();
          return page.nextCursor ? [...page.tools, '…'] : page.tools;
        }
      `,
    ),
  ],

  invalid: [
    invalid('K6: SDK v1 do/while (cursor)', v1Loop, [{ messageId: 'treatsEmptyCursorAsEnd', at: 'cursor', inside: 'while (cursor);', data: sdk('cursor') }], {
      output: v1Loop.replace('} while (cursor);', '} while (cursor !== undefined);'),
    }),
    invalid('K6: SDK v2 if (!page.nextCursor) break', v2Break, [{ messageId: 'treatsEmptyCursorAsEnd', at: 'page.nextCursor', nth: 1, data: sdk('page.nextCursor') }], {
      output: v2Break.replace('if (!page.nextCursor) break;', 'if (page.nextCursor === undefined) break;'),
    }),
    (() => {
      const source = code`
        import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';

        export async function summary(client: McpClient) {
          const result = await client.listResourceTemplates();
          const more = result.nextCursor ? 'more…' : 'done';
          const again = !!result.nextCursor || Boolean(result?.nextCursor);
          return { more, again };
        }
      `;
      return invalid(
        'K6: aliased import; ternary, double negation, Boolean(), optional chain',
        source,
        [
          { messageId: 'treatsEmptyCursorAsEnd', at: 'result.nextCursor', inside: "result.nextCursor ? 'more…'", data: sdk('result.nextCursor') },
          { messageId: 'treatsEmptyCursorAsEnd', at: 'result.nextCursor', inside: '!!result.nextCursor', data: sdk('result.nextCursor') },
          { messageId: 'treatsEmptyCursorAsEnd', at: 'result?.nextCursor', data: sdk('result?.nextCursor') },
        ],
        {
          output: source
            .replace("result.nextCursor ? 'more…'", "result.nextCursor !== undefined ? 'more…'")
            .replace('!!result.nextCursor', '!(result.nextCursor === undefined)')
            .replace('Boolean(result?.nextCursor)', 'result?.nextCursor !== undefined'),
        },
      );
    })(),
    (() => {
      const source = code`
        import * as mcp from '@modelcontextprotocol/client';

        const client = new mcp.Client({ name: 'host', version: '2.0.0' });
        export async function allPrompts() {
          const prompts = [];
          for (let page = await client.listPrompts(); ; page = await client.listPrompts({ cursor: page.nextCursor })) {
            prompts.push(...page.prompts);
            if (!page.nextCursor || prompts.length > 1000) break;
          }
          return prompts;
        }
      `;
      return invalid(
        'K6: namespace import, cursor inside a logical test',
        source,
        [{ messageId: 'treatsEmptyCursorAsEnd', at: 'page.nextCursor', inside: '!page.nextCursor ||', data: sdk('page.nextCursor') }],
        { output: source.replace('!page.nextCursor ||', 'page.nextCursor === undefined ||') },
      );
    })(),
    (() => {
      const source = code`
        const { Client } = require('@modelcontextprotocol/sdk/client/index.js');

        async function allTools(client) {
          const all = [];
          let tools;
          let cursor;
          do {
            ({ tools, nextCursor: cursor } = await client.listTools({ cursor }));
            all.push(...tools);
          } while (cursor && all.length < 5000);
          return all;
        }
        module.exports = { allTools, Client };
      `;
      return invalid(
        'K6: require() in JavaScript, cursor destructured in an assignment',
        source,
        [{ messageId: 'treatsEmptyCursorAsEnd', at: 'cursor', inside: 'while (cursor &&', data: sdk('cursor') }],
        { filename: 'file.js', output: source.replace('while (cursor &&', 'while (cursor !== undefined &&') },
      );
    })(),
    invalid('K6: hand-rolled fetch of tools/list (raw JSON may hold null)', handRolled, [
      { messageId: 'treatsEmptyCursorAsEnd', at: 'result.nextCursor', inside: '!result.nextCursor', data: wire('result.nextCursor') },
    ], { output: handRolled.replace('if (!result.nextCursor)', 'if (result.nextCursor == null)') }),
    (() => {
      const source = code`
        declare function jsonRpcCall<T>(url: string, method: string, params: object): Promise<T>;

        export async function listTools(url: string) {
          const collected: unknown[] = [];
          let cursor: string | undefined = undefined;
          for (let page = 0; page < 5; page++) {
            const result: { tools: unknown[]; nextCursor?: string } = await jsonRpcCall(url, 'tools/list', cursor ? { cursor } : {});
            collected.push(...result.tools);
            if (!result.nextCursor) break;
            cursor = result.nextCursor;
          }
          return collected;
        }
      `;
      return invalid(
        'K6: a hand-rolled JSON-RPC helper; the cursor also decides whether to send one',
        source,
        [
          { messageId: 'treatsEmptyCursorAsEnd', at: 'cursor', inside: "list', cursor ?", data: wire('cursor') },
          { messageId: 'treatsEmptyCursorAsEnd', at: 'result.nextCursor', inside: '!result.nextCursor', data: wire('result.nextCursor') },
        ],
        { output: source.replace('cursor ? { cursor }', 'cursor != null ? { cursor }').replace('!result.nextCursor', 'result.nextCursor == null') },
      );
    })(),
    (() => {
      // legacy-clients/src/smoke.ts: the message is built by a nested `request(method, params)` call.
      const source = code`
        interface ListToolsResult {
          tools: { name: string }[];
          nextCursor?: string;
        }
        let nextId = 1;
        function request(method: string, params?: Record<string, unknown>) {
          return { jsonrpc: '2.0' as const, id: nextId++, method, params };
        }
        async function call<T>(message: ReturnType<typeof request>): Promise<T> {
          const res = await fetch(process.env.MCP_URL!, { method: 'POST', body: JSON.stringify(message) });
          return (await res.json()).result as T;
        }

        export async function listTools() {
          const tools: { name: string }[] = [];
          let cursor: string | undefined;
          do {
            const page = await call<ListToolsResult>(request('tools/list', { cursor }));
            tools.push(...page.tools);
            cursor = page.nextCursor;
          } while (cursor);
          return tools;
        }
      `;
      return invalid(
        'K6: hand-rolled client: call<T>(request(\'tools/list\', { cursor })), do/while (cursor)',
        source,
        [{ messageId: 'treatsEmptyCursorAsEnd', at: 'cursor', inside: 'while (cursor);', data: wire('cursor') }],
        { output: source.replace('} while (cursor);', '} while (cursor != null);') },
      );
    })(),
    (() => {
      const source = code`
        type Rpc = (method: string, params: object) => Promise<{ resources: unknown[]; nextCursor?: string }>;

        export async function allResources(rpc: Rpc) {
          const { resources, nextCursor } = await rpc('resources/list', {});
          if (nextCursor) console.warn('more resources than shown');
          return resources;
        }
      `;
      return invalid(
        'K6: a hand-rolled rpc helper, cursor destructured in a declaration',
        source,
        [{ messageId: 'treatsEmptyCursorAsEnd', at: 'nextCursor', inside: 'if (nextCursor)', data: wire('nextCursor') }],
        { output: source.replace('if (nextCursor)', 'if (nextCursor != null)') },
      );
    })(),
    (() => {
      const source = code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        export async function resume(client: Client) {
          let cursor: string | undefined = process.env.START_CURSOR;
          do {
            const page = await client.listTools({ cursor });
            cursor = page.nextCursor;
          } while (cursor);
        }
      `;
      return invalid(
        'K6: the cursor variable also holds another value: no fix',
        source,
        [{ messageId: 'cursorMayBeEmpty', at: 'cursor', inside: 'while (cursor)', data: { cursor: 'cursor' } }],
        { output: null },
      );
    })(),
    (() => {
      const source = code`
        import { Client } from '@modelcontextprotocol/client';

        export async function next(client: Client, cursor?: string) {
          const page = await client.listTools({ cursor });
          return { tools: page.tools, cursor: page.nextCursor || undefined };
        }
      `;
      return invalid(
        'K6: `|| undefined` replaces an empty cursor',
        source,
        [{ messageId: 'replacesEmptyCursor', at: 'page.nextCursor', nth: 1, data: { cursor: 'page.nextCursor', operator: '||' } }],
        { output: null },
      );
    })(),
  ],
});
