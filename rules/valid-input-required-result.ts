import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { embeddedInputRequestOf } from '../src/ast/client-features.js';
import { isHandRolledServer } from '../src/ast/hand-rolled-server.js';
import { capabilityChecksOf, sdkChecksCapabilities } from '../src/ast/input-request-capabilities.js';
import { inputRequiredMarkerOf, requestAnsweredWith } from '../src/ast/mrtr-answers.js';
import { meaningfulParent, propertyKeyName } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import { clientCapabilitiesMetaKey } from '../src/mcp/client-wire.js';
import { capabilityOfInputRequest, inputRequiredMethods, missingCapabilityCode } from '../src/mcp/multi-round-trip.js';
import { inputRequestsKey } from '../src/mcp/request-state.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'inputRequiredFromOtherMethod' | 'undeclaredCapabilityRequest';

const allowed = [...inputRequiredMethods].map((method) => `\`${method}\``).join(', ');

/** Keys of a Tasks extension task, whose `inputRequests` belong to the task rather than to this request. */
const taskKeys: readonly string[] = ['taskId', 'status'];

export default createRule<[], MessageIds>({
  name: 'valid-input-required-result',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require input_required results only from tools/call, prompts/get and resources/read, and only for client capabilities the request declared',
      spec: specUrls.mrtr,
      catalogue: ['M6', 'M7'],
      findings: {
        inputRequiredFromOtherMethod: { severity: 'error', fix: 'manual' },
        undeclaredCapabilityRequest: { severity: 'error', fix: 'manual' },
      },
      // An `input_required` result is `inputRequired(…)` or spells `'input_required'`; an embedded request sits in `inputRequests`.
      prefilter: ['input_required', 'inputRequired', inputRequestsKey],
    },
    messages: {
      inputRequiredFromOtherMethod: `Returns an \`input_required\` result from a \`{{method}}\` handler; MCP 2026-07-28 allows it only from ${allowed}, and a client treats it as an invalid result. Answer \`{{method}}\` with a complete result (or an error such as -32021 when a client capability is missing), and ask for input in a tool call, prompt or resource read instead.`,
      undeclaredCapabilityRequest: `Embeds a \`{{method}}\` input request without checking that this request's \`_meta['${clientCapabilitiesMetaKey}']\` declares \`{{capability}}\`; MCP 2026-07-28 forbids input requests for capabilities the client did not declare. Check it first, and when the request cannot proceed without it answer ${missingCapabilityCode} with \`data.requiredCapabilities: { {{capability}}: {} }\` (HTTP 400); SDK v2 servers (\`inputRequired(…)\` served by \`McpServer\`) do this for you.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;

    function checkAnsweredMethod(value: TSESTree.CallExpression | TSESTree.ObjectExpression): void {
      const marker = inputRequiredMarkerOf(value, sourceCode);
      if (!marker) return;
      const method = requestAnsweredWith(value, context);
      if (method && !inputRequiredMethods.has(method)) {
        context.report({ node: marker, messageId: 'inputRequiredFromOtherMethod', data: { method } });
      }
    }

    /** The result object an embedded request's `inputRequests` map sits in, when it is written inline. */
    function containingResult(request: TSESTree.ObjectExpression): TSESTree.ObjectExpression | undefined {
      const entry = meaningfulParent(request).parent;
      const map = entry?.type === AST_NODE_TYPES.Property ? entry.parent : undefined;
      const holder = map ? meaningfulParent(map).parent : undefined;
      return holder?.type === AST_NODE_TYPES.Property && holder.parent.type === AST_NODE_TYPES.ObjectExpression ? holder.parent : undefined;
    }

    function isTaskResult(result: TSESTree.ObjectExpression | undefined): boolean {
      return !!result?.properties.some((p) => p.type === AST_NODE_TYPES.Property && taskKeys.includes(propertyKeyName(p) ?? ''));
    }

    function checkCapability(object: TSESTree.ObjectExpression): void {
      const request = embeddedInputRequestOf(object, sourceCode);
      const capability = request && capabilityOfInputRequest[request.method];
      const result = containingResult(object);
      if (!request || !capability || isTaskResult(result)) return;
      // A server's answer, not a client test's canned response: answered to a request, or built in a hand-rolled server.
      if (!(result && requestAnsweredWith(result, context)) && !isHandRolledServer(sourceCode)) return;
      // The SDK v2 seam answers -32021 for undeclared capabilities itself; only hand-rolled servers must.
      if (sdkChecksCapabilities(sourceCode)) return;
      const checks = capabilityChecksOf(sourceCode);
      if (checks.refuses || checks.looked.has(capability)) return;
      context.report({ node: request.node, messageId: 'undeclaredCapabilityRequest', data: { method: request.method, capability } });
    }

    return {
      CallExpression: checkAnsweredMethod,
      ObjectExpression(node) {
        checkAnsweredMethod(node);
        checkCapability(node);
      },
    };
  },
});
