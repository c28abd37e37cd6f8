import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import {
  clientCapabilityAssignedBy,
  clientCapabilityOf,
  clientRequestHandlerOf,
  embeddedInputRequestOf,
  pushRequestOfCall,
  pushRequestOfObject,
  staticString,
} from '../src/ast/client-features.js';
import { fileEvidence, speaksMcpTokens } from '../src/ast/evidence.js';
import { propertyKeyName } from '../src/ast/nodes.js';
import { isTransportTestData } from '../src/ast/transport-test-data.js';
import { isDisplayOnlyValue } from '../src/ast/unsent-values.js';
import { createRule } from '../src/create-rule.js';
import { deprecatedIncludeContexts, samplingMethod } from '../src/mcp/client-features.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'requestsSampling' | 'requestsSamplingInput' | 'includesContext' | 'declaresSamplingCapability' | 'handlesSamplingRequests';

export default createRule<[], MessageIds>({
  name: 'no-deprecated-sampling',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow server-sent sampling/createMessage requests, and warn on Sampling, which MCP 2026-07-28 deprecated',
      spec: specUrls.sampling,
      catalogue: ['M2', 'P2', 'P3', 'CM1'],
      findings: {
        requestsSampling: { severity: 'error', fix: 'transform', transform: 'push-to-input-required' },
        requestsSamplingInput: { severity: 'warning', fix: 'manual' },
        includesContext: { severity: 'warning', fix: 'manual' },
        declaresSamplingCapability: { severity: 'warning', fix: 'manual' },
        handlesSamplingRequests: { severity: 'warning', fix: 'manual' },
      },
      // createMessage (SDK and sampling/createMessage), requestSampling and `sampling:`, includeContext.
      prefilter: ['sampling', 'createMessage', 'includeContext'],
      // Every report needs the file to speak MCP (an MCP import or `sampling/createMessage`), except:
      // `includeContext` beside `messages` and `maxTokens` (CreateMessageRequestParams' shape).
      prefilterAlso: [...speaksMcpTokens, 'includeContext'],
    },
    messages: {
      requestsSampling:
        "Sends a `sampling/createMessage` request to the client, which MCP 2026-07-28 forbids: servers no longer send requests. Return `inputRequired({ inputRequests: { answer: inputRequired.createMessage({ messages, maxTokens }) } })` and read `inputResponse(ctx.mcpReq.inputResponses, 'answer')` on the retry (SDK v2; hand-rolled: `{ resultType: 'input_required', inputRequests: { answer: { method: 'sampling/createMessage', params } } }`), or better, since Sampling is deprecated, call an LLM provider API directly.",
      requestsSamplingInput:
        'Asks the client to sample an LLM, which MCP 2026-07-28 deprecated (Sampling goes in a revision on or after 2027-07-28). Call an LLM provider API directly instead.',
      includesContext:
        "`includeContext: '{{value}}'` is deprecated and goes with Sampling (MCP 2026-07-28). Omit it or use `'none'`, and put the context the model needs into `messages`.",
      declaresSamplingCapability:
        'The client `sampling` capability is deprecated in MCP 2026-07-28 (Sampling goes in a revision on or after 2027-07-28). Keep it only while servers still sample through the client; servers should call LLM provider APIs directly.',
      handlesSamplingRequests:
        'Answers `sampling/createMessage`, which MCP 2026-07-28 deprecated: on SDK v2 this handler still fulfils the sampling input requests of `input_required` results, but Sampling goes in a revision on or after 2027-07-28. Servers should call LLM provider APIs directly.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const report = (node: TSESTree.Node, messageId: MessageIds, data?: Record<string, string>) =>
      context.report({ node, messageId, ...(data ? { data } : {}) });

    /**
     * `includeContext: 'thisServer'` in MCP sampling params: the file speaks MCP, or the object
     * has the other required fields of `CreateMessageRequestParams`. Params a UI shows (a story's
     * args, a component's props) only display what some server sent; no server sends them here.
     */
    function checkIncludeContext(property: TSESTree.Property): void {
      if (propertyKeyName(property) !== 'includeContext' || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
      const value = staticString(property.value, sourceCode);
      if (!value || !deprecatedIncludeContexts.has(value)) return;
      if (isDisplayOnlyValue(property.parent, sourceCode)) return;
      const siblings = new Set(property.parent.properties.map((p) => (p.type === AST_NODE_TYPES.Property ? propertyKeyName(p) : undefined)));
      if (fileEvidence(sourceCode).speaksMcp || (siblings.has('messages') && siblings.has('maxTokens'))) {
        report(property.value, 'includesContext', { value });
      }
    }

    return {
      CallExpression(node) {
        const push = pushRequestOfCall(node, sourceCode);
        if (push?.method === samplingMethod) report(push.node, 'requestsSampling');
        const embedded = embeddedInputRequestOf(node, sourceCode);
        if (embedded?.method === samplingMethod) report(embedded.node, 'requestsSamplingInput');
        const handler = clientRequestHandlerOf(node, sourceCode);
        if (handler?.method === samplingMethod) report(handler.node, 'handlesSamplingRequests');
      },
      ObjectExpression(node) {
        const push = pushRequestOfObject(node, sourceCode);
        // A unit test of a transport or relay pushes a placeholder request through a fake; no client answers it.
        if (push?.method === samplingMethod && !isTransportTestData(node, sourceCode, context.filename)) report(push.node, 'requestsSampling');
        const embedded = embeddedInputRequestOf(node, sourceCode);
        if (embedded?.method === samplingMethod) report(embedded.node, 'requestsSamplingInput');
      },
      Property(node) {
        // A fixture of the capabilities a UI shows (story args, component props) declares nothing.
        if (clientCapabilityOf(node, sourceCode) === 'sampling' && !isDisplayOnlyValue(node.parent, sourceCode)) report(node, 'declaresSamplingCapability');
        checkIncludeContext(node);
      },
      AssignmentExpression(node) {
        // `capabilities.sampling = {}` on a `ClientCapabilities` object.
        if (clientCapabilityAssignedBy(node, sourceCode) === 'sampling') report(node, 'declaresSamplingCapability');
      },
    };
  },
});
