import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-deprecated-sampling.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `no-deprecated-sampling` (reference §15 rows M2, P2, P3 and the sampling part of
 * CM1; design.md principle 3: LLM sampling parameters, LLM SDK calls, statistical sampling,
 * trace samplers, audio sample rates and local `createMessage` functions stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);

const ruleTester = new RuleTester();

ruleTester.run('no-deprecated-sampling', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // LLM sampling parameters and provider SDKs, inside an MCP server: the replacement.
    // ---------------------------------------------------------------------------------
    valid(
      'Anthropic messages.create with temperature/top_p/top_k in an MCP tool',
      code`
        import Anthropic from '@anthropic-ai/sdk';
        import { McpServer } from '@modelcontextprotocol/server';
        import { z } from 'zod';

        const anthropic = new Anthropic();
        const server = new McpServer({ name: 'summarise', version: '2.0.0' });
        server.registerTool('summarise', { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => {
          const message = await anthropic.messages.create({
            model: 'claude-sonnet-4-5',
            max_tokens: 512,
            temperature: 0.2,
            top_p: 0.9,
            top_k: 40,
            messages: [{ role: 'user', content: \`Summarise:\\n\${text}\` }],
          });
          return { content: [{ type: 'text', text: message.content.map((b) => (b.type === 'text' ? b.text : '')).join('') }] };
        });
      `,
    ),
    valid(
      'OpenAI chat.completions.create and the Vercel AI SDK generateText',
      code`
        import OpenAI from 'openai';
        import { generateText } from 'ai';
        import { openai } from '@ai-sdk/openai';

        const client = new OpenAI();
        export async function answer(question: string) {
          const completion = await client.chat.completions.create({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: question }],
            temperature: 0.7,
            top_p: 1,
          });
          const { text } = await generateText({ model: openai('gpt-4o'), prompt: question, topK: 20, maxTokens: 200 });
          return completion.choices[0]?.message.content ?? text;
        }
      `,
    ),
    // Statistical sampling, trace samplers and audio sample rates.
    valid(
      'statistical sampling, OpenTelemetry samplers and audio sample rates',
      code`
        import { NodeSDK } from '@opentelemetry/sdk-node';
        import { TraceIdRatioBasedSampler, ParentBasedSampler } from '@opentelemetry/sdk-trace-base';
        import sample from 'lodash/sample';

        export const sdk = new NodeSDK({ sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(0.1) }) });
        export const sampling = { rate: 0.25, strategy: 'reservoir' };
        export function reservoirSampling<T>(items: T[], k: number): T[] {
          return items.slice(0, k);
        }
        export const pick = sample(['a', 'b', 'c']);
        export const audio = new AudioContext({ sampleRate: 44_100 });
      `,
    ),
    // Local createMessage functions: a chat UI and an e-mail builder, one in an MCP file.
    valid(
      'local createMessage functions (chat UI, e-mail builder) in an MCP file',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { createMessage as createMimeMessage } from 'mimetext';
        import { chat } from './chat-store.js';

        export const server = new McpServer({ name: 'mailer', version: '1.0.0' });
        export function createMessage(text: string) {
          return { id: crypto.randomUUID(), text, createdAt: Date.now() };
        }
        export async function send(to: string, text: string) {
          const mail = createMimeMessage();
          mail.setRecipient(to);
          await chat.createMessage({ channel: 'general', text });
          return createMessage(text);
        }
      `,
    ),
    // A `sampling` key that is not a client capability.
    valid(
      'sampling options of an LLM gateway config, in a file that speaks MCP',
      code`
        import { Client } from '@modelcontextprotocol/client';

        export const gateway = { model: 'gpt-4o', sampling: { temperature: 0.3, topP: 0.95 } };
        export const client = new Client({ name: 'agent', version: '1.0.0' }, { capabilities: { elicitation: {} } });
      `,
    ),
    // includeContext in a non-MCP payload without MCP's other sampling fields.
    valid(
      'includeContext of another API, in a file that does not speak MCP',
      code`
        export const searchRequest = { query: 'mcp', includeContext: 'thisServer', limit: 10 };
      `,
    ),
    // Capabilities a UI shows (an inspector's story args and component props) declare nothing.
    valid(
      'client capabilities as Storybook args and as a component prop (.tsx)',
      code`
        import type { Meta, StoryObj } from '@storybook/react';
        import type { ClientCapabilities } from '@modelcontextprotocol/client';
        import { SamplingBadge } from './SamplingBadge';

        const withTools: ClientCapabilities = { sampling: { tools: {} } };

        export default { title: 'Inspector/SamplingBadge', component: SamplingBadge } satisfies Meta<typeof SamplingBadge>;
        export const Enabled: StoryObj<typeof SamplingBadge> = { args: { serverName: 'notes', capabilities: { sampling: {} } } };
        export const WithTools = () => <SamplingBadge serverName="notes" capabilities={withTools} />;
      `,
      { filename: 'file.tsx' },
    ),
    // Sampling params a UI shows (the request a server sent, as story args and props) are not sent here.
    valid(
      'includeContext in sampling params shown by a Storybook story and a component test (.tsx)',
      code`
        import type { Meta, StoryObj } from '@storybook/react';
        import type { CreateMessageRequestParams } from '@modelcontextprotocol/client';
        import { render, screen } from '@testing-library/react';
        import { it, expect } from 'vitest';
        import { SamplingReview } from './SamplingReview';

        const detailed: CreateMessageRequestParams = {
          messages: [{ role: 'user', content: { type: 'text', text: 'Draft a reply to the last email.' } }],
          maxTokens: 800,
          temperature: 0.4,
          includeContext: 'allServers',
        };

        export default { title: 'Review/SamplingReview', component: SamplingReview } satisfies Meta<typeof SamplingReview>;
        export const Detailed: StoryObj<typeof SamplingReview> = {
          args: { pending: { id: 'req-7', serverName: 'mail', params: detailed } },
        };

        it('shows the context the server asked for', () => {
          render(<SamplingReview pending={{ id: 'req-8', serverName: 'mail', params: { ...detailed, includeContext: 'thisServer' } }} />);
          expect(screen.getByText('thisServer')).toBeTruthy();
        });
      `,
      { filename: 'file.tsx' },
    ),
    // A unit test of a client-side relay needs some frame to push through a mocked event stream.
    valid(
      'a placeholder sampling request inside an event frame fed to a mocked stream in a transport test',
      code`
        import { expect, it, vi } from 'vitest';
        import { RelayClientTransport } from '../src/relay-client-transport';

        function frame(event: { type: string; data: unknown }): string {
          return 'data: ' + JSON.stringify(event) + '\\n\\n';
        }

        it('hands every message frame to onmessage', async () => {
          const fetchFn = vi.fn().mockResolvedValue(new Response(frame({ type: 'message', data: { jsonrpc: '2.0', id: 3, method: 'sampling/createMessage' } })));
          const transport = new RelayClientTransport({ baseUrl: 'http://relay.test/', fetchFn });
          transport.onmessage = vi.fn();
          await transport.start();
          expect(transport.onmessage).toHaveBeenCalledTimes(1);
        });
      `,
    ),
  ],

  invalid: [
    // ---------------------------------------------------------------------------------
    // M2: servers asking the client to sample.
    // ---------------------------------------------------------------------------------
    invalid(
      'M2: mcpServer.server.createMessage() in a v1 tool',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { z } from 'zod';

        const server = new McpServer({ name: 'summarise', version: '1.0.0' });
        server.registerTool('summarise', { inputSchema: { text: z.string() } }, async ({ text }) => {
          const response = await server.server.createMessage({
            messages: [{ role: 'user', content: { type: 'text', text: \`Summarise: \${text}\` } }],
            maxTokens: 500,
          });
          return { content: [response.content] };
        });
      `,
      [{ messageId: 'requestsSampling', at: 'server.server.createMessage' }],
    ),
    invalid(
      'M2/P2: low-level v1 Server.createMessage with includeContext (CommonJS)',
      code`
        const { Server } = require('@modelcontextprotocol/sdk/server/index.js');

        const server = new Server({ name: 'agent', version: '1.0.0' }, { capabilities: { tools: {} } });
        async function think(prompt) {
          return server.createMessage({
            messages: [{ role: 'user', content: { type: 'text', text: prompt } }],
            includeContext: 'thisServer',
            maxTokens: 200,
          });
        }
        module.exports = { think };
      `,
      [
        { messageId: 'requestsSampling', at: 'server.createMessage' },
        { messageId: 'includesContext', at: "'thisServer'", data: { value: 'thisServer' } },
      ],
      { filename: 'file.js' },
    ),
    invalid(
      'M2: extra.sendRequest({ method: sampling/createMessage }) in a v1 handler',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';
        import { CallToolRequestSchema, CreateMessageResultSchema } from '@modelcontextprotocol/sdk/types.js';

        export function register(server: Server) {
          server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
            const result = await extra.sendRequest(
              { method: 'sampling/createMessage', params: { messages: request.params.arguments.messages, maxTokens: 100, includeContext: 'allServers' } },
              CreateMessageResultSchema,
            );
            return { content: [result.content] };
          });
        }
      `,
      [
        { messageId: 'requestsSampling', at: "'sampling/createMessage'" },
        { messageId: 'includesContext', at: "'allServers'", data: { value: 'allServers' } },
      ],
    ),
    invalid(
      'M2: v2 ctx.mcpReq.requestSampling() and an untyped server with MCP sampling params',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        export function registerTools(mcp: McpServer, upstream) {
          mcp.registerTool('ask', {}, async (ctx) => {
            const first = await ctx.mcpReq.requestSampling({ messages, maxTokens: 100 });
            const second = await upstream.createMessage({ messages, maxTokens: 100 });
            return { content: [first.content, second.content] };
          });
        }
      `,
      [
        { messageId: 'requestsSampling', at: 'ctx.mcpReq.requestSampling' },
        { messageId: 'requestsSampling', at: 'upstream.createMessage' },
      ],
    ),
    invalid(
      'M2: a v2 handler destructures mcpReq and sends sampling/createMessage',
      code`
        import { McpServer as Server2 } from '@modelcontextprotocol/server';

        const server = new Server2({ name: 'agent', version: '2.0.0' });
        server.registerTool('ask', {}, async ({ mcpReq }) => {
          const reply = await mcpReq.send({ method: 'sampling/createMessage', params: { messages, maxTokens: 64 } });
          return { content: [reply.content] };
        });
      `,
      [{ messageId: 'requestsSampling', at: "'sampling/createMessage'" }],
    ),
    invalid(
      'M2: a hand-rolled stdio server writes a sampling/createMessage request',
      code`
        import readline from 'node:readline';

        let nextId = 100;
        const rl = readline.createInterface({ input: process.stdin });
        rl.on('line', (line) => {
          const message = JSON.parse(line);
          if (message.method === 'tools/call') {
            const request = { jsonrpc: '2.0', id: nextId++, method: 'sampling/createMessage', params: { messages: message.params.arguments.messages, maxTokens: 100 } };
            process.stdout.write(JSON.stringify(request) + '\\n');
          }
        });
      `,
      [{ messageId: 'requestsSampling', at: "'sampling/createMessage'" }],
      { filename: 'file.mjs' },
    ),

    // ---------------------------------------------------------------------------------
    // The 2026-07-28 way to ask, still deprecated; includeContext (P2) there too.
    // ---------------------------------------------------------------------------------
    invalid(
      'M2: inputRequired.createMessage() (v2) and an embedded hand-rolled sampling request',
      code`
        import { inputRequired as ask, inputResponse } from '@modelcontextprotocol/server';

        export function handle(ctx) {
          const answer = inputResponse(ctx.mcpReq.inputResponses, 'answer');
          if (answer.kind === 'sampling') return { content: [answer.result.content] };
          return ask({ inputRequests: { answer: ask.createMessage({ messages, maxTokens: 100, includeContext: 'thisServer' }) } });
        }
        export const byHand = {
          resultType: 'input_required',
          inputRequests: { answer: { method: 'sampling/createMessage', params: { messages, maxTokens: 100 } } },
        };
      `,
      [
        { messageId: 'requestsSamplingInput', at: 'ask.createMessage' },
        { messageId: 'includesContext', at: "'thisServer'", data: { value: 'thisServer' } },
        { messageId: 'requestsSamplingInput', at: "'sampling/createMessage'" },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // P3 and CM1: clients.
    // ---------------------------------------------------------------------------------
    invalid(
      'P3/CM1: v1 client declares sampling and answers CreateMessageRequestSchema',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
        import OpenAI from 'openai';

        const openai = new OpenAI();
        const client = new Client({ name: 'desktop', version: '1.0.0' }, { capabilities: { sampling: {} } });
        client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
          const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages: toOpenAi(request.params.messages) });
          return { role: 'assistant', content: { type: 'text', text: completion.choices[0]!.message.content ?? '' }, model: 'gpt-4o' };
        });
      `,
      [
        { messageId: 'declaresSamplingCapability', at: 'sampling: {}' },
        { messageId: 'handlesSamplingRequests', at: 'CreateMessageRequestSchema', inside: 'setRequestHandler(CreateMessageRequestSchema' },
      ],
    ),
    invalid(
      'P3/CM1: v2 client (namespace import) with sampling context and a method-string handler',
      code`
        import * as mcp from '@modelcontextprotocol/client';

        const client = new mcp.Client({ name: 'desktop', version: '2.0.0' }, { capabilities: { sampling: { context: {}, tools: {} } } });
        client.setRequestHandler('sampling/createMessage', async (request) => llm(request.params));
      `,
      [
        { messageId: 'declaresSamplingCapability', at: 'sampling: { context: {}, tools: {} }' },
        { messageId: 'handlesSamplingRequests', at: "'sampling/createMessage'" },
      ],
    ),
    invalid(
      'P3: a hand-rolled 2026 client declares sampling in the request envelope',
      code`
        export const request = {
          jsonrpc: '2.0',
          id: 7,
          method: 'tools/call',
          params: {
            name: 'summarise',
            arguments: { text },
            _meta: {
              'io.modelcontextprotocol/protocolVersion': '2026-07-28',
              'io.modelcontextprotocol/clientCapabilities': { sampling: {}, elicitation: {} },
            },
          },
        };
      `,
      [{ messageId: 'declaresSamplingCapability', at: 'sampling: {}' }],
    ),

    invalid(
      'P3: capabilities a badge shows and the client then declares through a spread (.tsx)',
      code`
        import { Client } from '@modelcontextprotocol/client';
        import type { ClientCapabilities } from '@modelcontextprotocol/client';
        import { SamplingBadge } from './SamplingBadge';

        const shown: ClientCapabilities = { sampling: {} };
        export const client = new Client({ name: 'inspector', version: '2.0.0' }, { capabilities: { ...shown, elicitation: {} } });
        export const Badge = () => <SamplingBadge serverName="notes" capabilities={shown} />;
      `,
      [{ messageId: 'declaresSamplingCapability', at: 'sampling: {}' }],
      { filename: 'file.tsx' },
    ),

    invalid(
      'P3: sampling assigned on a ClientCapabilities object',
      code`
        import { Client } from '@modelcontextprotocol/client';
        import type { ClientCapabilities } from '@modelcontextprotocol/client';

        export function createDeskClient(options: { sample?: boolean }) {
          const capabilities: ClientCapabilities = {};
          if (options.sample) capabilities.sampling = {};
          return new Client({ name: 'desk', version: '1.0.0' }, { capabilities });
        }
      `,
      [{ messageId: 'declaresSamplingCapability', at: 'capabilities.sampling = {}' }],
    ),
    // No MCP import and no method name: `messages` and `maxTokens` beside it (prefilterAlso's extra).
    invalid(
      'P2: includeContext in sampling params built in a file that does not speak MCP',
      code`
        export function summaryParams(text: string) {
          return {
            messages: [{ role: 'user', content: { type: 'text', text } }],
            maxTokens: 300,
            includeContext: 'allServers',
          };
        }
      `,
      [{ messageId: 'includesContext', at: "'allServers'", data: { value: 'allServers' } }],
    ),
    invalid(
      'P2: includeContext in params a preview shows and the server then sends (.tsx)',
      code`
        import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
        import { SamplingPreview } from './SamplingPreview';

        const server = new McpServer({ name: 'mail', version: '1.0.0' });
        const params = { messages: [{ role: 'user', content: { type: 'text', text: 'Summarise the inbox.' } }], maxTokens: 400, includeContext: 'thisServer' };
        export const Preview = () => <SamplingPreview params={params} />;
        server.registerTool('summarise', {}, async () => {
          const reply = await server.server.createMessage(params);
          return { content: [reply.content] };
        });
      `,
      [
        { messageId: 'includesContext', at: "'thisServer'", data: { value: 'thisServer' } },
        { messageId: 'requestsSampling', at: 'server.server.createMessage' },
      ],
      { filename: 'file.tsx' },
    ),
    invalid(
      'M2: a test-double server pushing a sampling request into the client under test',
      code`
        import { it } from 'vitest';
        import { Client } from '@modelcontextprotocol/client';
        import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';

        class SamplingServer implements Transport {
          onmessage?: (message: JSONRPCMessage) => void;
          async start() {}
          async close() {}
          async send() {}
          ask() {
            this.onmessage?.({ jsonrpc: '2.0', id: 41, method: 'sampling/createMessage', params: { messages: [], maxTokens: 5 } });
          }
        }

        it('queues the sampling request', async () => {
          const server = new SamplingServer();
          await new Client({ name: 'desk', version: '1.0.0' }).connect(server);
          server.ask();
        });
      `,
      [{ messageId: 'requestsSampling', at: "'sampling/createMessage'" }],
    ),

    // ---------------------------------------------------------------------------------
    // Legacy-gated code: reported as servesLegacyClients when asked to.
    // ---------------------------------------------------------------------------------
    {
      ...invalid(
        'M2 behind isLegacyClient() is servesLegacyClients',
        code`
          import { McpServer, inputRequired } from '@modelcontextprotocol/server';

          const server = new McpServer({ name: 'agent', version: '2.0.0' });
          server.registerTool('ask', {}, async (ctx) => {
            if (isLegacyClient(ctx)) {
              const reply = await ctx.mcpReq.requestSampling({ messages, maxTokens: 50 });
              return { content: [reply.content] };
            }
            return callProviderDirectly(ctx);
          });
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: 'ctx.mcpReq.requestSampling',
            data: { message: rule.meta.messages.requestsSampling, gate: 'behind `isLegacyClient(ctx)`' },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
    {
      ...invalid(
        'M2 on a legacy route taken only behind isLegacyRequest() is servesLegacyClients',
        code`
          import { McpServer, isLegacyRequest } from '@modelcontextprotocol/server';
          import { NodeStreamableHTTPServerTransport, toWebRequest } from '@modelcontextprotocol/node';

          async function legacyPost(req, res) {
            const server = new McpServer({ name: 'legacy', version: '2.0.0' });
            server.registerTool('ask', {}, async () => {
              const result = await server.server.createMessage({ messages, maxTokens: 50 });
              return { content: [{ type: 'text', text: JSON.stringify(result) }] };
            });
            const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
            await server.connect(transport);
            await transport.handleRequest(req, res, req.body);
          }
          app.post('/mcp', async (req, res) => ((await isLegacyRequest(toWebRequest(req, req.body))) ? legacyPost(req, res) : modern(req, res)));
        `,
        [
          {
            messageId: 'servesLegacyClients',
            at: 'server.server.createMessage',
            data: {
              message: rule.meta.messages.requestsSampling,
              gate: 'in `legacyPost`, which runs only behind `await isLegacyRequest(toWebRequest(req, req.body))`',
            },
          },
        ],
      ),
      settings: { 'mcp-migrate': { legacyGated: 'report' } },
    },
  ],
});
