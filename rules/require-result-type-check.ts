import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { isInAssertion, isInTestCase, responseFlowOf, responseSources, type ResponseRead } from '../src/ast/client-response-flow.js';
import { isFunction, unwrap } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import { completeResultFields, inputRequiredMethods, resultKindFields } from '../src/mcp/multi-round-trip.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'readsResultWithoutResultType';

export default createRule<[], MessageIds>({
  name: 'require-result-type-check',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require hand-rolled MCP clients to check resultType before reading a tools/call, prompts/get or resources/read result',
      spec: specUrls.resultType,
      catalogue: ['CM2'],
      findings: {
        readsResultWithoutResultType: { severity: 'error', fix: 'manual' },
      },
      // Every report follows the response to a request this file builds for one of these methods.
      prefilter: [...inputRequiredMethods],
    },
    messages: {
      readsResultWithoutResultType:
        "Reads `{{field}}` of a `{{method}}` result without checking `resultType`; under MCP 2026-07-28 the server may answer `resultType: 'input_required'` (no `{{field}}`: fulfil its `inputRequests`, then retry with a new id, `inputResponses` and the echoed `requestState`), or `'task'` when you declared the Tasks extension. Switch on `result.resultType` first (absent or `'complete'` means complete), or use SDK v2's `Client`, which does this itself.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      'Program:exit'() {
        for (const source of responseSources(context, inputRequiredMethods)) {
          const flow = responseFlowOf(source.call, context);
          // Code that tells result kinds apart, or hands the result to code it cannot see, is left alone.
          if (flow.escapes || flow.shapeTests.length > 0 || flow.reads.some((read) => resultKindFields.includes(read.key))) continue;
          const fields = completeResultFields[source.method] ?? [];
          const first = firstRead(flow.reads.filter((read) => fields.includes(read.key) && !isInAssertion(read.node) && !isInTestCase(read.node) && !isInErrorBranch(read.node)));
          if (first) context.report({ node: first.node, messageId: 'readsResultWithoutResultType', data: { field: first.key, method: source.method } });
        }
      },
    };
  },
});

/**
 * A read under `if (result.isError)` (or `result.isError ? … : …`, `result.isError && …`): only
 * complete results carry `isError`, so the branch never sees an `input_required` result.
 */
function isInErrorBranch(read: TSESTree.Node): boolean {
  let child: TSESTree.Node = read;
  for (let parent = read.parent; parent; child = parent, parent = parent.parent) {
    const guarded =
      ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.consequent === child && testsIsError(parent.test)) ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && parent.right === child && testsIsError(parent.left));
    if (guarded) return true;
    if (isFunction(parent)) return false;
  }
  return false;
}

/** `x.isError`, `x.isError === true`, or either side of an `&&` being one. */
function testsIsError(test: TSESTree.Node): boolean {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') return testsIsError(node.left) || testsIsError(node.right);
  if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '===' || node.operator === '==')) {
    return testsIsError(node.left) && node.right.type === AST_NODE_TYPES.Literal && node.right.value === true;
  }
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'isError';
}

function firstRead(reads: readonly ResponseRead[]): ResponseRead | undefined {
  return [...reads].sort((a, b) => a.node.range[0] - b.node.range[0])[0];
}
