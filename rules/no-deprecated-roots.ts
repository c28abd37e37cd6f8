import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { isNegatedMatcherCall } from '../src/ast/assertions.js';
import {
  clientCapabilityAssignedBy,
  clientCapabilityOf,
  clientRequestHandlerOf,
  embeddedInputRequestOf,
  isTypePosition,
  mcpExportReferenceName,
  pushRequestOfCall,
  pushRequestOfObject,
  staticString,
} from '../src/ast/client-features.js';
import { staticValue } from '../src/ast/constants.js';
import { speaksMcpTokens } from '../src/ast/evidence.js';
import { isRecordedTrafficPredicate } from '../src/ast/message-predicates.js';
import { meaningfulParent, propertyKeyName, unwrap } from '../src/ast/nodes.js';
import { sdkMethodCall } from '../src/ast/sdk.js';
import { isInExpectation } from '../src/ast/test-intent.js';
import { isTransportTestData } from '../src/ast/transport-test-data.js';
import { isDisplayOnlyValue } from '../src/ast/unsent-values.js';
import { createRule } from '../src/create-rule.js';
import { rootsListChangedNotification, rootsListChangedSchema, rootsListChangedSender, rootsMethod } from '../src/mcp/client-features.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'requestsRoots' | 'removedRootsListChanged' | 'requestsRootsInput' | 'declaresRootsCapability' | 'handlesRootsRequests';

const senderMethods: ReadonlySet<string> = new Set([rootsListChangedSender]);

export default createRule<[], MessageIds>({
  name: 'no-deprecated-roots',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow server-sent roots/list requests and the removed roots list_changed notification, and warn on Roots, which MCP 2026-07-28 deprecated',
      spec: specUrls.roots,
      catalogue: ['M3', 'S5', 'P3', 'CM1'],
      findings: {
        requestsRoots: { severity: 'error', fix: 'transform', transform: 'push-to-input-required' },
        removedRootsListChanged: { severity: 'error', fix: 'manual' },
        requestsRootsInput: { severity: 'warning', fix: 'manual' },
        declaresRootsCapability: { severity: 'warning', fix: 'manual' },
        handlesRootsRequests: { severity: 'warning', fix: 'manual' },
      },
      // listRoots, roots/list, sendRootsListChanged, notifications/roots/list_changed, ListRootsRequestSchema, `roots:`.
      prefilter: ['roots'],
      // Every path needs an MCP import (SDK calls, schemas, `inputRequired`), a file that speaks
      // MCP (capabilities), or spells `roots/list` or `notifications/roots/list_changed`,
      // both distinctive methods. No extras.
      prefilterAlso: speaksMcpTokens,
    },
    messages: {
      requestsRoots:
        "Sends a `roots/list` request to the client, which MCP 2026-07-28 forbids: servers no longer send requests. Return `inputRequired({ inputRequests: { roots: inputRequired.listRoots() } })` and read `inputResponse(ctx.mcpReq.inputResponses, 'roots')` on the retry (SDK v2; hand-rolled: `{ resultType: 'input_required', inputRequests: { roots: { method: 'roots/list' } } }`), or better, since Roots is deprecated, take the paths as tool arguments or configuration.",
      removedRootsListChanged:
        '`notifications/roots/list_changed` was removed in MCP 2026-07-28: clients no longer announce root changes and servers never receive them. Remove it (a client declares at most `roots: {}`, itself deprecated), and let the server ask for roots in the request that needs them.',
      requestsRootsInput:
        'Asks the client for its roots, which MCP 2026-07-28 deprecated (Roots goes in a revision on or after 2027-07-28). Take the paths as tool arguments or server configuration instead.',
      declaresRootsCapability:
        'The client `roots` capability is deprecated in MCP 2026-07-28 (Roots goes in a revision on or after 2027-07-28). Keep it only while servers still ask for roots; pass paths to servers as tool arguments or configuration.',
      handlesRootsRequests:
        'Answers `roots/list`, which MCP 2026-07-28 deprecated: on SDK v2 this handler still fulfils the `roots/list` input requests of `input_required` results, but Roots goes in a revision on or after 2027-07-28. Pass paths to servers as tool arguments or configuration instead.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;

    function report(node: TSESTree.Node, messageId: MessageIds): void {
      context.report({ node, messageId });
    }

    /**
     * The removed notification's name, unless it is a type, what a test expects or looks for in
     * recorded traffic (`expect(sent).toContain(name)`, `.filter((m) => m.method === name)`), or
     * the method of a placeholder message a unit test pushes through a transport double.
     */
    function checkNotificationName(node: TSESTree.Literal | TSESTree.TemplateLiteral): void {
      if (staticString(node, sourceCode) !== rootsListChangedNotification || isTypePosition(node)) return;
      const { parent } = meaningfulParent(node);
      if (parent?.type === AST_NODE_TYPES.ImportDeclaration || parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return;
      if (parent?.type === AST_NODE_TYPES.CallExpression && isNegatedMatcherCall(parent)) return;
      if (isInExpectation(node) || isRecordedTrafficPredicate(node, sourceCode)) return;
      if (parent?.type === AST_NODE_TYPES.Property && isMethodOfTransportTestData(parent)) return;
      report(node, 'removedRootsListChanged');
    }

    /** `{ jsonrpc: '2.0', method: … }` handed only to a fake transport or a relay envelope in a test. */
    function isMethodOfTransportTestData(property: TSESTree.Property): boolean {
      return propertyKeyName(property) === 'method' && property.parent.type === AST_NODE_TYPES.ObjectExpression && isTransportTestData(property.parent, sourceCode, context.filename);
    }

    /** `roots: { listChanged: true }` is the removed notification; `roots: {}` alone is deprecated. */
    function checkCapability(property: TSESTree.Property): void {
      if (clientCapabilityOf(property, sourceCode) !== 'roots') return;
      // A fixture of the capabilities a UI shows (story args, component props) declares nothing.
      if (isDisplayOnlyValue(property.parent, sourceCode)) return;
      checkRootsValue(property.value, property);
    }

    /** `capabilities.roots = { listChanged: true }` on a `ClientCapabilities` object. */
    function checkCapabilityAssignment(assignment: TSESTree.AssignmentExpression): void {
      if (clientCapabilityAssignedBy(assignment, sourceCode) === 'roots') checkRootsValue(assignment.right, assignment);
    }

    function checkRootsValue(declared: TSESTree.Node, declaration: TSESTree.Node): void {
      const value = unwrap(declared);
      const listChanged =
        value.type === AST_NODE_TYPES.ObjectExpression
          ? value.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'listChanged')
          : undefined;
      // `listChanged: false` announces nothing; anything else (true, a flag) may.
      if (listChanged && staticValue(listChanged.value, sourceCode.getScope(listChanged.value))?.value !== false) {
        report(listChanged, 'removedRootsListChanged');
      } else {
        report(declaration, 'declaresRootsCapability');
      }
    }

    return {
      CallExpression(node) {
        const push = pushRequestOfCall(node, sourceCode);
        if (push?.method === rootsMethod) report(push.node, 'requestsRoots');
        const embedded = embeddedInputRequestOf(node, sourceCode);
        if (embedded?.method === rootsMethod) report(embedded.node, 'requestsRootsInput');
        const handler = clientRequestHandlerOf(node, sourceCode);
        if (handler?.method === rootsMethod) report(handler.node, 'handlesRootsRequests');
        if (sdkMethodCall(node, sourceCode, { methods: senderMethods, side: 'client', distinctive: senderMethods })) report(node.callee, 'removedRootsListChanged');
      },
      ObjectExpression(node) {
        const push = pushRequestOfObject(node, sourceCode);
        if (push?.method === rootsMethod && !isTransportTestData(node, sourceCode, context.filename)) report(push.node, 'requestsRoots');
        const embedded = embeddedInputRequestOf(node, sourceCode);
        if (embedded?.method === rootsMethod) report(embedded.node, 'requestsRootsInput');
      },
      Property(node) {
        checkCapability(node);
      },
      AssignmentExpression(node) {
        checkCapabilityAssignment(node);
      },
      Literal(node) {
        if (typeof node.value === 'string') checkNotificationName(node);
      },
      TemplateLiteral(node) {
        if (node.expressions.length === 0) checkNotificationName(node);
      },
      'Identifier, MemberExpression'(node: TSESTree.Identifier | TSESTree.MemberExpression) {
        if (mcpExportReferenceName(node, sourceCode) === rootsListChangedSchema) report(node, 'removedRootsListChanged');
      },
    };
  },
});
