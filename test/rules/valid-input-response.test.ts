import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/valid-input-response.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `valid-input-response` (reference §15.5 row CM3; design.md principle 3 for the
 * lookalikes that must stay silent).
 */

const { invalid, valid } = caseBuilders(rule);

const ruleTester = new RuleTester();

ruleTester.run('valid-input-response', rule, {
  valid: [
    valid(
      'SDK v2 client hooks returning plain answers',
      code`
        import { Client } from '@modelcontextprotocol/client';

        const client = new Client({ name: 'ide', version: '1.0.0' }, { capabilities: { elicitation: {}, roots: {} } });
        client.setRequestHandler('elicitation/create', async (request) => {
          const content = await ui.askForm(request.params.message, request.params.requestedSchema);
          return content ? { action: 'accept', content } : { action: 'decline' };
        });
        client.setRequestHandler('roots/list', () => ({ roots: workspace.folders.map((f) => ({ uri: f.uri, name: f.name })) }));
      `,
    ),
    // Server results carry resultType and _meta; they are not input responses.
    valid(
      'server tool results with resultType and _meta',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        const server = new McpServer({ name: 's', version: '1' });
        server.registerTool('echo', {}, async () => ({ content: [], _meta: { 'com.example/trace': traceId() } }));
        server.server.setRequestHandler('tools/list', async () => ({ resultType: 'complete', tools: [], ttlMs: 0, cacheScope: 'private' }));
      `,
    ),
    // The request a hand-rolled client sends carries _meta in its params, not in an answer.
    valid(
      "a hand-rolled client's retry carrying inputResponses and its own _meta",
      code`
        const responses = {};
        for (const [key, request] of Object.entries(result.inputRequests)) {
          switch (request.method) {
            case 'elicitation/create':
              responses[key] = { action: 'accept', content: await askUser(request.params) };
              break;
            case 'roots/list':
              responses[key] = { roots: folders };
              break;
          }
        }
        await post({
          jsonrpc: '2.0',
          id: nextId(),
          method: 'tools/call',
          params: { name, arguments: args, inputResponses: responses, requestState: result.requestState, _meta: envelope() },
        });
      `,
    ),
    // LLM sampling lookalike: a provider reply with its own metadata, outside any MCP handler.
    valid(
      "an LLM provider's chat reply with metadata",
      code`
        import OpenAI from 'openai';

        export async function complete(messages) {
          const reply = await new OpenAI().chat.completions.create({ model: 'gpt-4o', messages });
          return { role: 'assistant', content: reply.choices[0].message.content, model: reply.model, _meta: { usage: reply.usage } };
        }
      `,
    ),
    // A server that asks for sampling builds the request, not the answer.
    valid(
      'a hand-rolled server building an embedded sampling request',
      code`
        switch (msg.method) {
          case 'tools/call':
            return { resultType: 'input_required', inputRequests: { draft: { method: 'sampling/createMessage', params: { messages, maxTokens: 100 } } } };
        }
      `,
    ),
  ],
  invalid: [
    invalid(
      'SDK v1: an elicitation handler returning _meta',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        const client = new Client({ name: 'cli', version: '1' }, { capabilities: { elicitation: {} } });
        client.setRequestHandler(ElicitRequestSchema, async (request) => ({
          action: 'accept',
          content: await prompt(request.params),
          _meta: { 'com.example/answeredBy': 'cli' },
        }));
      `,
      [{ messageId: 'resultFieldInInputResponse', at: "_meta: { 'com.example/answeredBy': 'cli' }", data: { method: 'elicitation/create', key: '_meta' } }],
    ),
    invalid(
      'SDK v2: a sampling hook returning resultType, by a named function and a variable',
      code`
        import { Client } from '@modelcontextprotocol/client';

        async function sample(request) {
          const reply = { role: 'assistant', content: await llm(request.params.messages), model: 'local', resultType: 'complete' };
          return reply;
        }

        const client = new Client({ name: 'agent', version: '1' });
        client.setRequestHandler('sampling/createMessage', sample);
      `,
      [{ messageId: 'resultFieldInInputResponse', at: "resultType: 'complete'", data: { method: 'sampling/createMessage', key: 'resultType' } }],
    ),
    invalid(
      'SDK v1 namespace and aliased schema imports: roots and elicitation',
      code`
        import * as types from '@modelcontextprotocol/sdk/types.js';
        import { ElicitRequestSchema as Elicit } from '@modelcontextprotocol/sdk/types.js';

        export function install(client) {
          client.setRequestHandler(types.ListRootsRequestSchema, () => ({ roots, resultType: 'complete' }));
          client.setRequestHandler(Elicit, () => (approved ? { action: 'accept', content: {}, _meta: {} } : { action: 'cancel' }));
        }
      `,
      [
        { messageId: 'resultFieldInInputResponse', at: "resultType: 'complete'", data: { method: 'roots/list', key: 'resultType' } },
        { messageId: 'resultFieldInInputResponse', at: '_meta: {}', data: { method: 'elicitation/create', key: '_meta' } },
      ],
    ),
    invalid(
      'SDK v2 required from a JS file: a roots hook',
      code`
        const { Client } = require('@modelcontextprotocol/client');

        const client = new Client({ name: 'ide', version: '1' });
        client.setRequestHandler('roots/list', async () => {
          return { roots: await listFolders(), _meta: { source: 'workspace' } };
        });
      `,
      [{ messageId: 'resultFieldInInputResponse', at: "_meta: { source: 'workspace' }", data: { method: 'roots/list', key: '_meta' } }],
      { filename: 'file.js' },
    ),
    invalid(
      'hand-rolled client fulfilling inputRequests with resultType and _meta',
      code`
        async function fulfil(inputRequests) {
          const responses = {};
          for (const [key, request] of Object.entries(inputRequests)) {
            switch (request.method) {
              case 'elicitation/create':
                responses[key] = { action: 'accept', content: await askUser(request.params), resultType: 'complete' };
                break;
              case 'sampling/createMessage':
                responses[key] = { role: 'assistant', content: await llm(request.params), model: 'm', _meta: { cost: 3 } };
                break;
            }
          }
          return responses;
        }
      `,
      [
        { messageId: 'resultFieldInInputResponse', at: "resultType: 'complete'", data: { method: 'elicitation/create', key: 'resultType' } },
        { messageId: 'resultFieldInInputResponse', at: '_meta: { cost: 3 }', data: { method: 'sampling/createMessage', key: '_meta' } },
      ],
    ),
    invalid(
      'hand-rolled 2025 client answering roots/list with a result carrying _meta',
      code`
        ws.on('message', (raw) => {
          const msg = JSON.parse(raw);
          if (msg.method === 'roots/list') {
            ws.send(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result: { roots: folders, _meta: { host: 'ide' } } }));
          }
        });
      `,
      [{ messageId: 'resultFieldInInputResponse', at: "_meta: { host: 'ide' }", data: { method: 'roots/list', key: '_meta' } }],
    ),
    // 2025 results could carry _meta: a dual-era client keeps it for 2025 servers only.
    {
      ...invalid(
        'an answer with _meta behind an era gate is reported as serving legacy clients',
        code`
          import { Client } from '@modelcontextprotocol/client';

          const client = new Client({ name: 'ide', version: '1' }, { versionNegotiation: { mode: 'auto' } });
          client.setRequestHandler('roots/list', () =>
            client.getProtocolEra() === 'legacy' ? { roots: folders, _meta: { host: 'ide' } } : { roots: folders },
          );
        `,
        [],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
      errors: [
        {
          messageId: 'servesLegacyClients',
          line: 5,
          data: {
            message: rule.meta.messages.resultFieldInInputResponse.replace('{{method}}', 'roots/list').replace(/\{\{key\}\}/g, '_meta'),
            gate: "behind `client.getProtocolEra() === 'legacy'`",
          },
        },
      ],
    },
  ],
});
