import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/valid-input-required-result.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `valid-input-required-result` (reference §15.4 rows M6 and M7; design.md
 * principle 3 for the lookalikes that must stay silent).
 */

const { invalid, valid } = caseBuilders(rule);

const ruleTester = new RuleTester();

ruleTester.run('valid-input-required-result', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // The three requests that may ask for input, on SDK v2 (which checks capabilities itself).
    // ---------------------------------------------------------------------------------
    valid(
      'SDK v2 tool, prompt and resource handlers returning inputRequired(...)',
      code`
        import { McpServer, ResourceTemplate, acceptedContent, inputRequired } from '@modelcontextprotocol/server';
        import { z } from 'zod';

        const confirm = z.object({ confirm: z.boolean() });
        const server = new McpServer({ name: 'deployer', version: '1.0.0' });

        server.registerTool('deploy', { inputSchema: z.object({ env: z.string() }) }, async ({ env }, ctx) => {
          const answer = acceptedContent(ctx.mcpReq.inputResponses, 'confirm', confirm);
          if (!answer) {
            return inputRequired({ inputRequests: { confirm: inputRequired.elicit({ message: \`Deploy to \${env}?\`, requestedSchema: confirm }) } });
          }
          return { content: [{ type: 'text', text: \`deployed to \${env}\` }] };
        });

        server.registerPrompt('review', { argsSchema: z.object({ pr: z.string() }) }, async ({ pr }, ctx) =>
          ctx.mcpReq.inputResponses ? { messages: [] } : inputRequired({ inputRequests: { roots: inputRequired.listRoots() } }),
        );

        server.registerResource('doc', new ResourceTemplate('docs://{id}', { list: undefined }), {}, async (uri) =>
          inputRequired({ requestState: uri.href }),
        );
      `,
    ),
    // SDK v2 low-level handlers for the same three methods.
    valid(
      'SDK v2 setRequestHandler for tools/call and resources/read',
      code`
        import { Server, inputRequired } from '@modelcontextprotocol/server';

        const server = new Server({ name: 'files', version: '1.0.0' }, { capabilities: { tools: {}, resources: {} } });
        server.setRequestHandler('tools/call', async (request, ctx) =>
          ctx.mcpReq.inputResponses ? { content: [] } : inputRequired({ inputRequests: { pick: inputRequired.elicit({ message: 'Which file?', requestedSchema: { type: 'object', properties: {} } }) } }),
        );
        server.setRequestHandler('resources/read', async () => inputRequired({ requestState: 'busy' }));
      `,
    ),
    // A hand-rolled server that checks the declared capability before asking, and refuses with -32021.
    valid(
      'hand-rolled tools/call that checks clientCapabilities first',
      code`
        const CAPS = 'io.modelcontextprotocol/clientCapabilities';

        export async function handle(message) {
          const { id, method, params } = message;
          switch (method) {
            case 'tools/list':
              return { jsonrpc: '2.0', id, result: { resultType: 'complete', tools, ttlMs: 0, cacheScope: 'private' } };
            case 'tools/call': {
              const caps = params._meta?.[CAPS] ?? {};
              if (!caps.elicitation) {
                return { jsonrpc: '2.0', id, error: { code: -32021, message: 'elicitation required', data: { requiredCapabilities: { elicitation: {} } } } };
              }
              if (!params.inputResponses?.confirm) {
                return {
                  jsonrpc: '2.0',
                  id,
                  result: {
                    resultType: 'input_required',
                    inputRequests: { confirm: { method: 'elicitation/create', params: { mode: 'form', message: 'Sure?', requestedSchema } } },
                  },
                };
              }
              return { jsonrpc: '2.0', id, result: { resultType: 'complete', content: [] } };
            }
          }
        }
      `,
    ),
    // A hand-rolled server that checks through a helper given the capability's name.
    valid(
      'hand-rolled prompts/get checking through hasCapability(meta, name)',
      code`
        import { hasCapability } from './envelope.js';

        const handlers = {
          'prompts/list': () => ({ resultType: 'complete', prompts, ttlMs: 0, cacheScope: 'private' }),
          'prompts/get': (params) => {
            if (hasCapability(params._meta, 'sampling')) {
              return { resultType: 'input_required', inputRequests: { draft: { method: 'sampling/createMessage', params: { messages, maxTokens: 200 } } } };
            }
            return { resultType: 'complete', messages };
          },
        };
      `,
    ),
    // Load shedding: only requestState, no input request, from resources/read.
    valid(
      'hand-rolled resources/read returning input_required with requestState only',
      code`
        switch (body.method) {
          case 'resources/list':
            return reply(body.id, { resultType: 'complete', resources: [], ttlMs: 0, cacheScope: 'private' });
          case 'resources/read':
            if (busy()) return reply(body.id, { resultType: 'input_required', requestState: retryToken() });
            return reply(body.id, { resultType: 'complete', contents: read(body.params.uri), ttlMs: 0, cacheScope: 'private' });
        }
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Lookalikes: other task systems.
    // ---------------------------------------------------------------------------------
    // A2A: a task whose state is input-required, answered to tasks/get.
    valid(
      'A2A server: tasks/get returning a task in the input-required state',
      code`
        import { A2AError } from '@a2a-js/sdk/server';

        rpc.addMethod('message/send', async (params) => startTask(params.message));
        rpc.addMethod('tasks/get', async (params) => {
          const task = await store.load(params.id);
          return { kind: 'task', id: task.id, contextId: task.contextId, status: { state: 'input-required', message: task.prompt } };
        });
      `,
    ),
    // The Tasks extension: tasks/get reports a task waiting for input in a complete result.
    valid(
      'Tasks extension tasks/get with status input_required in a complete result',
      code`
        const methods = {
          'tools/call': callTool,
          'tasks/get': async (params) => {
            const task = await tasks.get(params.taskId);
            return {
              resultType: 'complete',
              taskId: task.id,
              status: 'input_required',
              inputRequests: { approve: { method: 'elicitation/create', params: { mode: 'form', message: 'Approve?', requestedSchema } } },
            };
          },
        };
      `,
    ),
    // A job queue with its own input_required state, outside any MCP handler.
    valid(
      'a job queue result with resultType input_required outside MCP handlers',
      code`
        import { Queue } from 'bullmq';

        const queue = new Queue('reviews');
        export async function nextStep(job) {
          if (!job.data.approvedBy) return { resultType: 'input_required', jobId: job.id };
          return { resultType: 'done', jobId: job.id };
        }
      `,
    ),
    // A client's test serving a canned input_required response.
    valid(
      "a client test's mocked input_required response",
      code`
        import { vi, it, expect } from 'vitest';
        import { callTool } from '../src/client.js';

        it('fulfils an elicitation', async () => {
          fetchMock.mockResponseOnce(JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            result: { resultType: 'input_required', inputRequests: { ok: { method: 'elicitation/create', params: { message: 'Go?' } } } },
          }));
          expect(await callTool('deploy', {})).toEqual({ content: [] });
        });
      `,
    ),
  ],
  invalid: [
    // ---------------------------------------------------------------------------------
    // M6: input_required from other methods.
    // ---------------------------------------------------------------------------------
    invalid(
      'SDK v1: a hand-built input_required result from tools/list',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

        const server = new Server({ name: 'x', version: '1' }, { capabilities: { tools: {} } });
        server.setRequestHandler(ListToolsRequestSchema, async () => ({ resultType: 'input_required', requestState: await mintToken() }));
      `,
      [{ messageId: 'inputRequiredFromOtherMethod', at: "resultType: 'input_required'", data: { method: 'tools/list' } }],
    ),
    invalid(
      'SDK v2: inputRequired(...) from completion/complete, returned after a branch',
      code`
        import { McpServer, inputRequired } from '@modelcontextprotocol/server';

        const mcp = new McpServer({ name: 'x', version: '1' });
        mcp.server.setRequestHandler('completion/complete', async (request, ctx) => {
          if (ctx.mcpReq.inputResponses) return { completion: { values: [] } };
          return inputRequired({ inputRequests: { repo: inputRequired.elicit({ message: 'Which repo?', requestedSchema }) } });
        });
      `,
      [{ messageId: 'inputRequiredFromOtherMethod', at: 'inputRequired', nth: 2, data: { method: 'completion/complete' } }],
    ),
    invalid(
      'SDK v2: an aliased import in a prompts/list handler',
      code`
        import { Server, inputRequired as askFor } from '@modelcontextprotocol/server';

        const server = new Server({ name: 'x', version: '1' });
        server.setRequestHandler('prompts/list', () => askFor({ requestState: 'later' }));
      `,
      [{ messageId: 'inputRequiredFromOtherMethod', at: 'askFor', nth: 2, data: { method: 'prompts/list' } }],
    ),
    invalid(
      'SDK v2: a namespace import in a resources/list handler, through a variable',
      code`
        import * as mcp from '@modelcontextprotocol/server';

        export function register(server: mcp.Server) {
          server.setRequestHandler('resources/list', async () => {
            const pending = mcp.inputRequired({ requestState: 'warming-up' });
            return pending;
          });
        }
      `,
      [{ messageId: 'inputRequiredFromOtherMethod', at: 'mcp.inputRequired', data: { method: 'resources/list' } }],
    ),
    invalid(
      'SDK v2 required from a JS file: tools/list',
      code`
        const { Server, inputRequired } = require('@modelcontextprotocol/server');

        const server = new Server({ name: 'x', version: '1' });
        server.setRequestHandler('tools/list', () => inputRequired({ requestState: 'retry' }));
      `,
      [{ messageId: 'inputRequiredFromOtherMethod', at: 'inputRequired', nth: 2, data: { method: 'tools/list' } }],
      { filename: 'file.js' },
    ),
    invalid(
      'hand-rolled: a switch branch for tools/list and a reply helper for server/discover',
      code`
        export function dispatch(req, res) {
          const { id, method } = req.body;
          switch (method) {
            case 'server/discover':
              return sendResult(res, id, { resultType: 'input_required', requestState: 'warming' });
            case 'tools/list': {
              const result = { resultType: 'input_required', requestState: 'warming' };
              return res.json({ jsonrpc: '2.0', id, result });
            }
            case 'tools/call':
              return res.json({ jsonrpc: '2.0', id, result: { resultType: 'input_required', requestState: 'warming' } });
          }
        }
      `,
      [
        { messageId: 'inputRequiredFromOtherMethod', at: "resultType: 'input_required'", nth: 1, data: { method: 'server/discover' } },
        { messageId: 'inputRequiredFromOtherMethod', at: "resultType: 'input_required'", nth: 2, data: { method: 'tools/list' } },
      ],
    ),
    // ---------------------------------------------------------------------------------
    // M7: input requests without a capability check, in hand-rolled servers.
    // ---------------------------------------------------------------------------------
    invalid(
      'hand-rolled tools/call asking for elicitation, sampling and roots without checking',
      code`
        import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

        export async function handle(message) {
          const { id, method, params } = message;
          switch (method) {
            case 'tools/list':
              return { jsonrpc: '2.0', id, result: { resultType: 'complete', tools, ttlMs: 0, cacheScope: 'private' } };
            case 'tools/call':
              if (!params.inputResponses) {
                return {
                  jsonrpc: '2.0',
                  id,
                  result: {
                    resultType: 'input_required',
                    inputRequests: {
                      confirm: { method: 'elicitation/create', params: { mode: 'form', message: 'Sure?', requestedSchema } },
                      summary: { method: 'sampling/createMessage', params: { messages, maxTokens: 100 } },
                      roots: { method: 'roots/list' },
                    },
                  },
                };
              }
              return { jsonrpc: '2.0', id, result: { resultType: 'complete', content: [] } };
          }
        }
      `,
      [
        { messageId: 'undeclaredCapabilityRequest', at: "'elicitation/create'", data: { method: 'elicitation/create', capability: 'elicitation' } },
        { messageId: 'undeclaredCapabilityRequest', at: "'sampling/createMessage'", data: { method: 'sampling/createMessage', capability: 'sampling' } },
        { messageId: 'undeclaredCapabilityRequest', at: "'roots/list'", data: { method: 'roots/list', capability: 'roots' } },
      ],
    ),
    invalid(
      'hand-rolled JS server: a request assigned into inputRequests, and a helper answering tools/call',
      code`
        const ELICIT = 'elicitation/create';

        function askForLogin(state) {
          const inputRequests = {};
          inputRequests.login = { method: ELICIT, params: { mode: 'url', message: 'Sign in', url: loginUrl(state) } };
          return { resultType: 'input_required', inputRequests, requestState: state };
        }

        module.exports = {
          'tools/list': () => ({ resultType: 'complete', tools: [], ttlMs: 0, cacheScope: 'private' }),
          'tools/call': (params) => (params.inputResponses ? run(params) : askForLogin(seal(params))),
        };
      `,
      [{ messageId: 'undeclaredCapabilityRequest', at: 'ELICIT', nth: 2, data: { method: 'elicitation/create', capability: 'elicitation' } }],
      { filename: 'file.js' },
    ),
    invalid(
      'both at once: a hand-rolled completion/complete asking for elicitation',
      code`
        rpc.addMethod('completion/complete', async () => ({
          resultType: 'input_required',
          inputRequests: { q: { method: 'elicitation/create', params: { message: 'More?' } } },
        }));
      `,
      [
        { messageId: 'inputRequiredFromOtherMethod', at: "resultType: 'input_required'", data: { method: 'completion/complete' } },
        { messageId: 'undeclaredCapabilityRequest', at: "'elicitation/create'", data: { method: 'elicitation/create', capability: 'elicitation' } },
      ],
    ),
  ],
});
