import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-sealed-request-state.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `require-sealed-request-state` (reference §15.4 rows M8 and M10, §3.2 "MRTR"). Lookalikes
 * that must stay silent: OAuth `state` parameters, React and Redux state named `requestState`,
 * state sealed with `createRequestStateCodec` or an HMAC, and rounds that carry earlier answers.
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

ruleTester.run('require-sealed-request-state', rule, {
  valid: [
    valid(
      'an OAuth state parameter encoded and decoded as base64 JSON',
      code`
        import express from 'express';

        const app = express();
        app.get('/login', (req, res) => {
          const state = Buffer.from(JSON.stringify({ returnTo: req.query.returnTo, nonce: crypto.randomUUID() })).toString('base64url');
          res.redirect(\`https://auth.example.com/authorize?state=\${state}\`);
        });
        app.get('/callback', (req, res) => {
          const { returnTo } = JSON.parse(Buffer.from(String(req.query.state), 'base64url').toString('utf8'));
          res.redirect(returnTo);
        });
      `,
    ),
    valid(
      'React and Redux state named requestState',
      code`
        import { useState } from 'react';
        import { createSlice } from '@reduxjs/toolkit';

        export function useFetchState() {
          const [requestState, setRequestState] = useState('{"status":"idle"}');
          return { state: JSON.parse(requestState), set: (s: object) => setRequestState(JSON.stringify(s)) };
        }
        export const slice = createSlice({
          name: 'orders',
          initialState: { requestState: JSON.stringify({ status: 'idle', userId: '' }) },
          reducers: { load: (state, action) => ({ ...state, requestState: JSON.stringify(action.payload) }) },
        });
        export const parse = (state: { params: { requestState: string } }) => state;
      `,
    ),
    valid(
      'SDK v2 state sealed with createRequestStateCodec and verified by the server',
      code`
        import { createRequestStateCodec, inputRequired, McpServer, acceptedContent } from '@modelcontextprotocol/server';

        const codec = createRequestStateCodec<{ step: string; userId: string }>({ key: process.env.STATE_KEY!, ttlSeconds: 300 });
        const server = new McpServer({ name: 'pay', version: '2.0.0' }, { requestState: { verify: codec.verify } });
        server.registerTool('pay', { description: 'Pay' }, async (ctx) => {
          const confirmed = acceptedContent(ctx.mcpReq.inputResponses, 'confirm');
          if (!confirmed) {
            return inputRequired({
              inputRequests: { confirm: inputRequired.elicit({ message: 'Pay?', requestedSchema: { type: 'object', properties: {} } }) },
              requestState: await codec.mint({ step: 'confirm', userId: 'u1' }, ctx),
            });
          }
          const state = ctx.mcpReq.requestState<string>();
          return { content: [{ type: 'text', text: JSON.parse(state ?? '{}').step }] };
        });
      `,
    ),
    valid(
      'a hand-rolled server that verifies an HMAC before parsing',
      code`
        import { createHmac, timingSafeEqual } from 'node:crypto';

        function open(sealed: string): string {
          const [body, mac] = sealed.split('.');
          const expected = createHmac('sha256', process.env.KEY!).update(body!).digest('base64url');
          if (!timingSafeEqual(Buffer.from(mac!), Buffer.from(expected))) throw new Error('bad state');
          return Buffer.from(body!, 'base64url').toString('utf8');
        }
        export function handle(request: { method: string; params: { requestState?: string } }) {
          if (request.method === 'tools/call' && request.params.requestState) {
            const state = JSON.parse(open(request.params.requestState));
            return { resultType: 'complete', content: [{ type: 'text', text: String(state.userId) }] };
          }
        }
      `,
    ),
    valid(
      'rounds that carry earlier answers in requestState',
      code`
        import { acceptedContent, inputRequired, McpServer } from '@modelcontextprotocol/server';

        export function register(server: McpServer, codec: { mint(v: object, ctx: unknown): Promise<string> }) {
          server.registerTool('book', { description: 'Book a seat' }, async (ctx) => {
            const date = acceptedContent(ctx.mcpReq.inputResponses, 'date') ?? ctx.mcpReq.requestState<{ date: string }>()?.date;
            if (!date) return inputRequired({ inputRequests: { date: inputRequired.elicit({ message: 'When?', requestedSchema: { type: 'object', properties: {} } }) } });
            const seat = acceptedContent(ctx.mcpReq.inputResponses, 'seat');
            if (!seat) {
              return inputRequired({
                inputRequests: { seat: inputRequired.elicit({ message: 'Which seat?', requestedSchema: { type: 'object', properties: {} } }) },
                requestState: await codec.mint({ date }, ctx),
              });
            }
            return { content: [{ type: 'text', text: \`\${date} \${seat}\` }] };
          });
        }
      `,
    ),
    valid(
      'a first round asked before the guard on a later answer (answers read up front)',
      code`
        import { acceptedContent, inputRequired, McpServer } from '@modelcontextprotocol/server';

        export function register(server: McpServer) {
          server.registerTool('plan_trip', { description: 'Plan a trip' }, async (ctx) => {
            const dates = acceptedContent(ctx.mcpReq.inputResponses, 'dates');
            const destination = ctx.mcpReq.requestState<string>() ?? acceptedContent<{ d: string }>(ctx.mcpReq.inputResponses, 'dest')?.d;
            if (!destination) return inputRequired({ inputRequests: { dest: inputRequired.elicit({ message: 'Where?', requestedSchema: { type: 'object', properties: {} } }) } });
            if (!dates) {
              return inputRequired({
                requestState: destination,
                inputRequests: { dates: inputRequired.elicit({ message: 'When?', requestedSchema: { type: 'object', properties: {} } }) },
              });
            }
            return { content: [{ type: 'text', text: destination }] };
          });
        }
      `,
    ),
    // ---------------------------------------------------------------------------------
    // Plain state that nothing reads back: a forged value changes nothing.
    // ---------------------------------------------------------------------------------
    valid(
      'a round marker the handler never reads (it completes on inputResponses alone)',
      code`
        import { inputRequired, McpServer } from '@modelcontextprotocol/server';

        let rounds = 0;

        export function register(server: McpServer) {
          server.registerTool('confirm_delete', { description: 'Delete after confirmation' }, async (ctx) => {
            const answer = ctx.mcpReq.inputResponses?.confirm;
            if (answer === undefined) {
              return inputRequired({
                inputRequests: { confirm: inputRequired.elicit({ message: 'Delete?', requestedSchema: { type: 'object', properties: {} } }) },
                requestState: \`confirm-delete:\${++rounds}\`,
              });
            }
            return { content: [{ type: 'text', text: JSON.stringify(answer) }] };
          });
        }
      `,
    ),
    valid(
      'tool factories of a test server: one never reads its state, the other reads its own',
      code`
        import { inputRequired } from '@modelcontextprotocol/server';

        export function pingTool() {
          return {
            name: 'ping_twice',
            handler: async (_args: unknown, extra?: { inputResponses?: Record<string, unknown> }) =>
              extra?.inputResponses?.again === undefined
                ? inputRequired({ inputRequests: { again: inputRequired.listRoots() }, requestState: \`ping:\${Date.now()}\` })
                : { content: [] },
          };
        }

        export function stepTool() {
          return {
            name: 'two_steps',
            handler: async (_args: unknown, extra?: { requestState?: string }) => {
              if (extra?.requestState === undefined) {
                return inputRequired({ inputRequests: { first: inputRequired.listRoots() }, requestState: await seal('step-2') });
              }
              return { content: [] };
            },
          };
        }
      `,
    ),
  ],

  invalid: [
    invalid(
      'M8: SDK v2 inputRequired with JSON state that the retry reads back',
      code`
        import { inputRequired, McpServer } from '@modelcontextprotocol/server';

        export function register(server: McpServer) {
          server.registerTool('publish', { description: 'Publish a draft' }, async (ctx) => {
            const echoed = ctx.mcpReq.requestState();
            if (echoed) return publishDraft(JSON.parse(echoed).draftId);
            return inputRequired({
              inputRequests: { confirm: inputRequired.elicit({ message: 'Publish?', requestedSchema: { type: 'object', properties: {} } }) },
              requestState: JSON.stringify({ step: 'confirm', draftId: ctx.mcpReq.params.arguments.draftId }),
            });
          });
        }
      `,
      [
        { messageId: 'trustsUnsealedState', at: 'JSON.parse(echoed)', data: { how: 'with `JSON.parse`' } },
        {
          messageId: 'mintsUnsealedState',
          at: "JSON.stringify({ step: 'confirm', draftId: ctx.mcpReq.params.arguments.draftId })",
          data: { how: 'as plain JSON (`JSON.stringify`)' },
        },
      ],
    ),
    invalid(
      'M8: a named helper mints the state; the handler that calls it reads the state back',
      code`
        import { inputRequired, McpServer } from '@modelcontextprotocol/server';

        function askForStep(step: number) {
          return inputRequired({
            inputRequests: { next: inputRequired.elicit({ message: \`Step \${step}?\`, requestedSchema: { type: 'object', properties: {} } }) },
            requestState: \`wizard:\${step}\`,
          });
        }

        export function register(server: McpServer) {
          server.registerTool('wizard', { description: 'Three-step setup' }, async (ctx) => {
            const step = Number((ctx.mcpReq.requestState() ?? 'wizard:0').split(':')[1]);
            return step < 3 ? askForStep(step + 1) : { content: [{ type: 'text', text: 'done' }] };
          });
        }
      `,
      [{ messageId: 'mintsUnsealedState', at: '`wizard:${step}`', data: { how: 'as plain text' } }],
    ),
    invalid(
      'M8: base64 JSON that carries authorization fields (error), through an aliased import',
      code`
        import { inputRequired as needInput } from '@modelcontextprotocol/server';

        export async function refund(userId: string, amount: number) {
          return needInput({
            inputRequests: { approve: needInput.elicit({ message: \`Refund \${amount}?\`, requestedSchema: { type: 'object', properties: {} } }) },
            requestState: btoa(JSON.stringify({ userId, amount, approved: false })),
          });
        }
      `,
      [
        {
          messageId: 'unsealedStateGuardsDecision',
          at: 'btoa(JSON.stringify({ userId, amount, approved: false }))',
          data: { fields: '`userId`, `amount`, `approved`', how: 'encoded as `btoa()` of JSON' },
        },
      ],
    ),
    invalid(
      'M8: a hand-rolled input_required result with Buffer base64 state from a constant',
      code`
        export function handleCall(id: number, params: { name: string; arguments: { cartId: string } }) {
          const state = { cartId: params.arguments.cartId, step: 2 };
          return {
            jsonrpc: '2.0',
            id,
            result: {
              resultType: 'input_required',
              inputRequests: { address: { method: 'elicitation/create', params: { mode: 'form', message: 'Address?', requestedSchema: { type: 'object', properties: {} } } } },
              requestState: Buffer.from(JSON.stringify(state)).toString('base64'),
            },
          };
        }
      `,
      [
        {
          messageId: 'mintsUnsealedState',
          at: "Buffer.from(JSON.stringify(state)).toString('base64')",
          data: { how: 'as base64 of JSON (`Buffer.from(…).toString()`)' },
        },
      ],
    ),
    invalid(
      'M8: trusting echoed state: atob + JSON.parse with a business field (SDK v1 server file)',
      code`
        import { Server } from '@modelcontextprotocol/sdk/server/index.js';

        export function onRetry(server: Server, request: { params: { requestState?: string } }) {
          const state = JSON.parse(atob(request.params.requestState ?? ''));
          return charge(server, state.amount);
        }
      `,
      [
        {
          messageId: 'unsealedStateGuardsDecision',
          at: "JSON.parse(atob(request.params.requestState ?? ''))",
          data: { fields: '`amount`', how: 'decoded from `atob()` and `JSON.parse`' },
        },
      ],
    ),
    invalid(
      'M8: trusting echoed state: SDK v2 ctx.mcpReq.requestState() with no verify hook; destructured params',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        export function register(server: McpServer) {
          server.registerTool('wizard', { description: 'Wizard' }, async (ctx) => {
            const { step } = JSON.parse(ctx.mcpReq.requestState<string>() ?? '{}');
            return { content: [{ type: 'text', text: String(step) }] };
          });
        }
        export function handle(params: { requestState: string }) {
          const { requestState } = params;
          return JSON.parse(Buffer.from(requestState, 'base64').toString('utf8')) as { phase: string };
        }
      `,
      [
        { messageId: 'trustsUnsealedState', at: "JSON.parse(ctx.mcpReq.requestState<string>() ?? '{}')", data: { how: 'with `JSON.parse`' } },
        {
          messageId: 'trustsUnsealedState',
          at: "JSON.parse(Buffer.from(requestState, 'base64').toString('utf8'))",
          data: { how: 'from base64 (`Buffer.from`) and `JSON.parse`' },
        },
      ],
    ),
    invalid(
      'M8: require() in a JavaScript hand-rolled server; plain-text state with a role',
      code`
        const { McpServer } = require('@modelcontextprotocol/sdk/server/mcp.js');

        function ask(role, step) {
          return { resultType: 'input_required', inputRequests: {}, requestState: \`\${role}:\${step}\` };
        }
        module.exports = { ask, McpServer };
      `,
      [{ messageId: 'unsealedStateGuardsDecision', at: '`${role}:${step}`', data: { fields: '`role`', how: 'encoded as plain text' } }],
      { filename: 'file.js' },
    ),
    invalid(
      'M10: SDK v2 rounds that expect earlier inputResponses to accumulate',
      code`
        import { acceptedContent, inputRequired, McpServer } from '@modelcontextprotocol/server';

        export function register(server: McpServer) {
          server.registerTool('book', { description: 'Book a seat' }, async (ctx) => {
            const date = acceptedContent(ctx.mcpReq.inputResponses, 'date');
            if (!date) return inputRequired({ inputRequests: { date: inputRequired.elicit({ message: 'When?', requestedSchema: { type: 'object', properties: {} } }) } });
            const seat = acceptedContent(ctx.mcpReq.inputResponses, 'seat');
            if (!seat) return inputRequired({ inputRequests: { seat: inputRequired.elicit({ message: 'Which seat?', requestedSchema: { type: 'object', properties: {} } }) } });
            return { content: [{ type: 'text', text: \`\${date} \${seat}\` }] };
          });
        }
      `,
      [
        {
          messageId: 'expectsAccumulatedResponses',
          at: "{ inputRequests: { seat: inputRequired.elicit({ message: 'Which seat?', requestedSchema: { type: 'object', properties: {} } }) } }",
          data: { requested: '`seat`', key: 'date' },
        },
      ],
    ),
    invalid(
      'M10: the earlier answer read inside the guard itself',
      code`
        import { acceptedContent, inputRequired } from '@modelcontextprotocol/server';

        export async function confirmTwice(ctx: { mcpReq: { inputResponses?: Record<string, unknown> } }) {
          if (!acceptedContent(ctx.mcpReq.inputResponses, 'first')) return inputRequired({ inputRequests: { first: inputRequired.elicit({ message: 'Sure?', requestedSchema: { type: 'object', properties: {} } }) } });
          if (!acceptedContent(ctx.mcpReq.inputResponses, 'second')) return inputRequired({ inputRequests: { second: inputRequired.elicit({ message: 'Really?', requestedSchema: { type: 'object', properties: {} } }) } });
          return { content: [] };
        }
      `,
      [
        {
          messageId: 'expectsAccumulatedResponses',
          at: "{ inputRequests: { second: inputRequired.elicit({ message: 'Really?', requestedSchema: { type: 'object', properties: {} } }) } }",
          data: { requested: '`second`', key: 'first' },
        },
      ],
    ),
    invalid(
      'M10: a hand-rolled handler reads inputResponses keys of two rounds',
      code`
        export function callTool(params: { inputResponses?: Record<string, { action: string; content?: Record<string, string> }> }) {
          const { login } = params.inputResponses ?? {};
          if (!login) return { resultType: 'input_required', inputRequests: { login: { method: 'elicitation/create', params: { message: 'Login?' } } } };
          const otp = params.inputResponses?.otp;
          if (!otp) return { resultType: 'input_required', inputRequests: { otp: { method: 'elicitation/create', params: { message: 'Code?' } } } };
          return { resultType: 'complete', content: [] };
        }
      `,
      [
        {
          messageId: 'expectsAccumulatedResponses',
          at: "{ resultType: 'input_required', inputRequests: { otp: { method: 'elicitation/create', params: { message: 'Code?' } } } }",
          data: { requested: '`otp`', key: 'login' },
        },
      ],
    ),
  ],
});
