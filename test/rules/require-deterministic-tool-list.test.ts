import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-deterministic-tool-list.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `require-deterministic-tool-list` (reference §15.8 row K5; design.md principle 3
 * for the lookalikes that must stay silent).
 */

const { invalid, valid } = caseBuilders(rule);

const ruleTester = new RuleTester();

const how = (text: string) => ({ messageId: 'nondeterministicToolList' as const, data: { how: text } });

ruleTester.run('require-deterministic-tool-list', rule, {
  valid: [
    valid(
      'a hand-rolled tools/list sorted by name, with a random trace id',
      code`
        switch (message.method) {
          case 'tools/list': {
            const traceId = Math.random().toString(36).slice(2);
            log.debug({ traceId }, 'listing tools');
            return { resultType: 'complete', tools: [...tools].sort((a, b) => a.name.localeCompare(b.name)), ttlMs: 60_000, cacheScope: 'public' };
          }
          case 'tools/call':
            return callTool(message.params);
        }
      `,
    ),
    // Randomness in tools, prompts and other apps is theirs to have.
    valid(
      'a dice tool, a shuffled prompts/list and a quiz app',
      code`
        import { McpServer } from '@modelcontextprotocol/server';
        import shuffle from 'lodash/shuffle';

        const server = new McpServer({ name: 'games', version: '1' });
        server.registerTool('roll', {}, async () => ({ content: [{ type: 'text', text: String(1 + Math.floor(Math.random() * 6)) }] }));
        server.server.setRequestHandler('prompts/list', async () => ({ prompts: shuffle(prompts) }));
        export const quiz = (questions) => [...questions].sort(() => Math.random() - 0.5);
      `,
    ),
    // LLM sampling parameters and retry jitter inside the handler.
    valid(
      'jitter and sampling parameters in a tools/list handler',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        server.setRequestHandler(ListToolsRequestSchema, async () => {
          await sleep(100 + Math.random() * 50);
          const summary = await llm.complete({ prompt: 'summarise', temperature: Math.random() });
          return { tools: registry.list(), _meta: { summary } };
        });
      `,
    ),
  ],
  invalid: [
    invalid(
      'hand-rolled: a random comparator',
      code`
        switch (body.method) {
          case 'tools/list':
            return res.json({ jsonrpc: '2.0', id: body.id, result: { tools: tools.sort(() => Math.random() - 0.5) } });
          case 'tools/call':
            return res.json({ jsonrpc: '2.0', id: body.id, result: await callTool(body.params) });
        }
      `,
      [{ ...how('sorts with a random comparator (`sort(() => Math.random() …)`)'), at: 'tools.sort(() => Math.random() - 0.5)' }],
    ),
    invalid(
      'SDK v1 from a JS file: lodash shuffle through require',
      code`
        const _ = require('lodash');
        const { ListToolsRequestSchema } = require('@modelcontextprotocol/sdk/types.js');

        server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: _.shuffle(Object.values(tools)) }));
      `,
      [{ ...how('shuffles the tools (`_.shuffle(…)`)'), at: '_.shuffle(Object.values(tools))' }],
      { filename: 'file.js' },
    ),
    invalid(
      'SDK v2: an aliased lodash-es import, and a namespace sampleSize',
      code`
        import { Server } from '@modelcontextprotocol/server';
        import { shuffle as mix } from 'lodash-es';
        import * as R from 'es-toolkit';

        const server = new Server({ name: 's', version: '1' }, { capabilities: { tools: {} } });
        server.setRequestHandler('tools/list', async () => ({ tools: [...mix(core), ...R.sampleSize(extras, 3)] }));
      `,
      [
        { ...how('shuffles the tools (`mix(…)`)'), at: 'mix(core)' },
        { ...how('picks tools at random (`R.sampleSize(…)`)'), at: 'R.sampleSize(extras, 3)' },
      ],
    ),
    invalid(
      'a dispatch table whose tools/list helper picks a featured tool and filters at random',
      code`
        function listTools() {
          const featured = catalogue[Math.floor(Math.random() * catalogue.length)];
          const exposed = catalogue.filter(() => Math.random() < rollout);
          return { tools: [featured, ...exposed] };
        }

        export const methods = {
          'tools/list': listTools,
          'tools/call': callTool,
        };
      `,
      [
        { ...how('picks tools at random (`catalogue[Math.floor(Math.random() * catalogue.length)]`)'), at: 'catalogue[Math.floor(Math.random() * catalogue.length)]' },
        { ...how('picks tools at random (`filter(() => Math.random() …)`)'), at: 'catalogue.filter(() => Math.random() < rollout)' },
      ],
    ),
    invalid(
      'a local Fisher-Yates shuffle called from a tools/list branch',
      code`
        function shuffleInPlace(items) {
          for (let i = items.length - 1; i > 0; i--) {
            const j = Math.floor(Math.random() * (i + 1));
            [items[i], items[j]] = [items[j], items[i]];
          }
          return items;
        }

        if (request.method === 'tools/list') reply(request.id, { tools: shuffleInPlace(loadTools()) });
        else if (request.method === 'tools/call') reply(request.id, await run(request.params));
      `,
      [{ ...how('shuffles the tools (`shuffleInPlace(…)`)'), at: 'shuffleInPlace(loadTools())' }],
    ),
    // A dual-era server that keeps its old behaviour for 2025 clients only.
    {
      ...invalid(
        'a shuffle behind isLegacyRequest() is reported as serving legacy clients',
        code`
          if (request.method === 'tools/list') {
            if (await isLegacyRequest(httpRequest)) return reply(request.id, { tools: shuffle(tools) });
            return reply(request.id, { resultType: 'complete', tools, ttlMs: 0, cacheScope: 'private' });
          }
        `,
        [],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
      errors: [
        {
          messageId: 'servesLegacyClients',
          line: 2,
          data: {
            message: rule.meta.messages.nondeterministicToolList.replace('{{how}}', 'shuffles the tools (`shuffle(…)`)'),
            gate: 'behind `await isLegacyRequest(httpRequest)`',
          },
        },
      ],
    },
  ],
});
