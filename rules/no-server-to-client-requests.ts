import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { isNegatedMatcherCall } from '../src/ast/assertions.js';
import { isTypePosition, mcpExportReferenceName, pushRequestOfCall, pushRequestOfObject, staticString } from '../src/ast/client-features.js';
import { mcpFileSide } from '../src/ast/code-side.js';
import { constantDeclarationName } from '../src/ast/constants.js';
import { fileEvidence, speaksMcpTokens } from '../src/ast/evidence.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { sinkOf } from '../src/ast/message-sinks.js';
import { calleeName, isFunction, meaningfulParent, negativeNumberLiteral, propertyKeyName, unwrap } from '../src/ast/nodes.js';
import { mcpSideOf, sdkMethodCall } from '../src/ast/sdk.js';
import { insideExpectation } from '../src/ast/test-expectations.js';
import { isTestModule } from '../src/ast/test-module.js';
import { isDeliveredInbound } from '../src/ast/transport-test-data.js';
import { isDisplayOnlyValue } from '../src/ast/unsent-values.js';
import { createRule } from '../src/create-rule.js';
import {
  elicitationCompleteNotification,
  elicitationCompleteSchema,
  elicitationCompletionNotifier,
  elicitationMethod,
  errorCodeEnums,
  rootsMethod,
  samplingMethod,
  urlElicitationRequiredCode,
  urlElicitationRequiredError,
  urlElicitationRequiredMember,
} from '../src/mcp/client-features.js';
import { tasksListMethod, tasksResultMethod } from '../src/mcp/legacy-tasks.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds =
  | 'elicitsInput'
  | 'writesElicitationRequest'
  | 'sendsServerRequest'
  | 'throwsUrlElicitationError'
  | 'expectsUrlElicitationError'
  | 'removedElicitationCompletion'
  | 'awaitsElicitationCompletion'
  | 'parksPendingRequest';

/** What code does with the URL-elicitation error: raise or declare it (server), or wait for it (client). */
type CodeRole = 'emits' | 'expects';

/**
 * Requests other rules report with their own advice: the roots and sampling rules (deprecation),
 * no-ping (ping is gone in both directions), and no-legacy-tasks-api (`tasks/result` and
 * `tasks/list` are gone in both directions too), so no request gets two findings.
 */
const reportedElsewhere: ReadonlySet<string> = new Set([samplingMethod, rootsMethod, 'ping', tasksResultMethod, tasksListMethod]);
/** SDK types of URL-mode elicitation params (`const p: ElicitRequestURLParams = { …, elicitationId }`). */
const elicitationParamsType = /^Elicit\w*Params$/;
const notifierMethods: ReadonlySet<string> = new Set([elicitationCompletionNotifier]);
/** Assertions whose argument is what the test expects to see (`toBe(-32042)`, `toThrow(UrlElicitationRequiredError)`). */
const expectationName = /^(?:to[A-Z]\w*|(?:deep|strict|deepStrict)?[Ee]qual|equals?|rejects|throws|instanceOf)$/;
const mentionsElicitation = /elicit/i;

export default createRule<[], MessageIds>({
  name: 'no-server-to-client-requests',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow server-to-client requests (push-style elicitation, URL elicitation errors, custom requests), which MCP 2026-07-28 replaced with input_required results',
      spec: specUrls.mrtr,
      catalogue: ['M1', 'M4', 'M5', 'M9', 'H8', 'X4'],
      findings: {
        elicitsInput: { severity: 'error', fix: 'transform', transform: 'push-to-input-required' },
        writesElicitationRequest: { severity: 'error', fix: 'manual' },
        sendsServerRequest: { severity: 'error', fix: 'manual' },
        throwsUrlElicitationError: { severity: 'error', fix: 'manual' },
        expectsUrlElicitationError: { severity: 'warning', fix: 'manual' },
        removedElicitationCompletion: { severity: 'error', fix: 'manual' },
        awaitsElicitationCompletion: { severity: 'warning', fix: 'manual' },
        parksPendingRequest: { severity: 'error', fix: 'manual' },
      },
      // SDK senders need an SDK import; hand-rolled requests name their method, and parked
      // promises count only beside a hand-rolled request (roots and sampling ones too).
      prefilter: ['elicit', '32042', 'ping', 'roots/list', 'sampling/createMessage', '@modelcontextprotocol/'],
      // Every path needs an MCP import, a file that speaks MCP, or a distinctive method
      // (`elicitation/create`, `notifications/elicitation/complete`, the push methods), except:
      // 'elicit': -32042 counts without MCP when its constant's name or the error around it says "elicitation".
      prefilterAlso: [...speaksMcpTokens, 'elicit'],
    },
    messages: {
      elicitsInput:
        "Sends an `elicitation/create` request to the client, which MCP 2026-07-28 forbids (elicitation itself is not deprecated). Return `inputRequired({ inputRequests: { name: inputRequired.elicit({ message, requestedSchema }) } })` and read `acceptedContent(ctx.mcpReq.inputResponses, 'name', schema)` on the retry (SDK v2, `@modelcontextprotocol/server`; URL mode: `inputRequired.elicitUrl({ message, url })`).",
      writesElicitationRequest:
        "Writes an `elicitation/create` request to the client, which MCP 2026-07-28 forbids (elicitation itself is not deprecated). Answer the `tools/call`, `prompts/get` or `resources/read` request with `{ resultType: 'input_required', inputRequests: { key: { method: 'elicitation/create', params } }, requestState }` and read `params.inputResponses.key` on the client's retry.",
      sendsServerRequest:
        'Sends {{request}} to the client, which MCP 2026-07-28 forbids: servers never send requests. Drop it, or if the tool needs input from the client, return `inputRequired({ inputRequests, requestState })` (SDK v2), which can ask only for `elicitation/create`, `sampling/createMessage` or `roots/list`.',
      throwsUrlElicitationError:
        "Uses error -32042 (URL elicitation required), which MCP 2026-07-28 removed. Return `inputRequired({ inputRequests: { auth: inputRequired.elicitUrl({ message, url }) } })` (SDK v2) or `{ resultType: 'input_required', inputRequests: { auth: { method: 'elicitation/create', params: { mode: 'url', message, url } } } }`, with your correlation id in `requestState`.",
      expectsUrlElicitationError:
        'Waits for error -32042 (URL elicitation required), which 2026-07-28 servers never send: they return `resultType: \'input_required\'` with a URL-mode `elicitation/create` input request. Keep this only for 2025 servers; SDK v2 clients fulfil the new form through their `elicitation/create` handler.',
      removedElicitationCompletion:
        'URL-elicitation completion (`elicitationId`, `notifications/elicitation/complete`, `createElicitationCompletionNotifier`) was removed in MCP 2026-07-28. Drop it: keep your own correlation id in `requestState` and decide on the client\'s retry whether the out-of-band step is done.',
      awaitsElicitationCompletion:
        "Waits for URL-elicitation completion (`elicitationId`, `notifications/elicitation/complete`), which 2026-07-28 servers never send: they ask for a URL with a `mode: 'url'` `elicitation/create` input request (no id, no completion notification) and learn the outcome from the client's retry. Keep this only for 2025 servers; SDK v2 clients fulfil the new form through their `elicitation/create` handler.",
      parksPendingRequest:
        "Parks a server-to-client request until the client answers, which MCP 2026-07-28 rules out: the answer comes back in a new request that may reach another instance. Put what you need in `requestState` and rebuild it from `params.inputResponses` on the retry.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const evidence = fileEvidence(sourceCode);
    /**
     * A client's file (client SDK only): it waits for a 2025 server's -32042 and completion
     * notifications rather than sending them, and its test doubles of such a server only drive
     * that handling, which is reported where it lives. A server's own tests check what the
     * server raises, which is reported in the server.
     */
    const side = mcpFileSide(sourceCode);
    const inTest = isTestModule(sourceCode.ast);
    /** `pending.set(id, resolve)`: reported at the end if the file writes server-to-client requests. */
    const parked: TSESTree.Node[] = [];
    let writesRequests = false;

    function report(node: TSESTree.Node, messageId: MessageIds, data?: Record<string, string>): void {
      context.report({ node, messageId, ...(data ? { data } : {}) });
    }

    function checkCall(call: TSESTree.CallExpression): void {
      const push = pushRequestOfCall(call, sourceCode);
      if (push?.via === 'json-rpc') writesRequests = true;
      if (push && !reportedElsewhere.has(push.method ?? '')) {
        if (push.method === elicitationMethod) report(push.node, push.via === 'sdk' ? 'elicitsInput' : 'writesElicitationRequest');
        else report(push.node, 'sendsServerRequest', { request: push.method ? `a \`${push.method}\` request` : 'a request' });
      }
      if (sdkMethodCall(call, sourceCode, { methods: notifierMethods, side: 'server', distinctive: notifierMethods })) {
        reportCompletion(call.callee);
      }
      if (calleeName(call) === 'set' && call.arguments.length === 2 && isPromiseSettler(call.arguments[1]!)) parked.push(call);
    }

    function checkObject(object: TSESTree.ObjectExpression): void {
      const push = pushRequestOfObject(object, sourceCode);
      if (!push) return;
      writesRequests = true;
      // Hand-rolled sampling, roots and ping requests are reported by their own rules.
      // In a client's file, a request literal is a fixture of what it receives unless a fake wire delivers it.
      if (push.method === elicitationMethod && (side !== 'client' || reachesWire(object))) report(push.node, 'writesElicitationRequest');
    }

    /** The message is written somewhere: `transport.onmessage(…)` of a fake peer, a `send`, a response or stdout. */
    function reachesWire(object: TSESTree.ObjectExpression): boolean {
      return isDeliveredInbound(object, sourceCode) || sinkOf(object, sourceCode) !== undefined;
    }

    /** A `resolve`/`reject` of `new Promise(…)`, or an object holding one: an answer the server waits for. */
    function isPromiseSettler(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) {
        return inner.properties.some((p) => p.type === AST_NODE_TYPES.Property && isPromiseSettler(p.value));
      }
      if (inner.type !== AST_NODE_TYPES.Identifier) return false;
      const def = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
      if (def?.type !== 'Parameter' || !isFunction(def.node)) return false;
      const executorOf = def.node.parent;
      return (
        executorOf?.type === AST_NODE_TYPES.NewExpression &&
        executorOf.arguments[0] === def.node &&
        executorOf.callee.type === AST_NODE_TYPES.Identifier &&
        executorOf.callee.name === 'Promise'
      );
    }

    function roleOf(expression: TSESTree.Node): CodeRole | undefined {
      const { parent, child } = meaningfulParent(expression);
      if (!parent || isTypePosition(child)) return undefined;
      // A field of an expected object waits for the error; under a negated matcher it has no role at all.
      if (parent.type === AST_NODE_TYPES.Property && parent.value === child) return expectedObjectRole(parent.parent);
      switch (parent.type) {
        case AST_NODE_TYPES.BinaryExpression:
          return ['===', '==', '!==', '!=', 'instanceof'].includes(parent.operator) ? 'expects' : 'emits';
        case AST_NODE_TYPES.SwitchCase:
          return parent.test === child ? 'expects' : undefined;
        case AST_NODE_TYPES.ArrayExpression:
          return 'expects';
        case AST_NODE_TYPES.CallExpression:
          if (parent.callee === child) return 'emits';
          if (isNegatedMatcherCall(parent)) return undefined;
          return expectationName.test(calleeName(parent) ?? '') ? 'expects' : 'emits';
        default:
          return 'emits';
      }
    }

    /**
     * A field of an object a test expects to see (`rejects.toMatchObject({ code: … })`,
     * `toEqual(expect.objectContaining({ … }))`): the test waits for the error, it does not raise it.
     */
    function expectedObjectRole(object: TSESTree.Node): CodeRole | undefined {
      let current: TSESTree.Node = object;
      for (let depth = 0; depth < 4; depth++) {
        const { parent, child } = meaningfulParent(current);
        if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== child) {
          if (isNegatedMatcherCall(parent)) return undefined;
          if (expectationName.test(calleeName(parent) ?? '')) return 'expects';
          if (calleeName(parent) !== 'objectContaining') return 'emits';
        } else if (parent?.type !== AST_NODE_TYPES.Property && parent?.type !== AST_NODE_TYPES.ObjectExpression && parent?.type !== AST_NODE_TYPES.ArrayExpression) {
          return 'emits';
        }
        if (!parent) return 'emits';
        current = parent;
      }
      return 'emits';
    }

    function reportUrlElicitation(node: TSESTree.Node): void {
      const role = roleOf(node);
      if (role) reportUrlElicitationAs(node, role);
    }

    /** -32042 as raised (server) or waited for (client): a client's file only ever waits for it. */
    function reportUrlElicitationAs(node: TSESTree.Node, role: CodeRole): void {
      if (inTest && (side === 'client' || (side === 'server' && role === 'expects'))) return;
      report(node, role === 'expects' || side === 'client' ? 'expectsUrlElicitationError' : 'throwsUrlElicitationError');
    }

    /**
     * URL-elicitation completion, removed; a client that handles it for 2025 servers (its file,
     * or a handler registered on an SDK `Client`) gets the client's warning. Fixtures stay
     * silent: a client's tests, what a server's tests expect, what a UI renders.
     */
    function reportCompletion(node: TSESTree.Node, onClient = false): void {
      if (inTest && (side === 'client' || insideExpectation(node))) return;
      report(node, onClient || side === 'client' ? 'awaitsElicitationCompletion' : 'removedElicitationCompletion');
    }

    /** `client.setNotificationHandler(node, …)` on an SDK `Client`. */
    function isClientRegistration(node: TSESTree.Node): boolean {
      const { parent, child } = meaningfulParent(node);
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== child || calleeName(parent) !== 'setNotificationHandler') return false;
      const callee = unwrap(parent.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && mcpSideOf(callee.object, sourceCode) === 'client';
    }

    /**
     * -32042 is MCP's URL-elicitation code in a file that speaks MCP (and nothing that reuses
     * the number), or where the constant's name or the error beside it says "elicitation".
     */
    function isUrlElicitationCode(node: TSESTree.Node): boolean {
      if (evidence.speaksMcp && evidence.lookalikes.size === 0) return true;
      const name = constantDeclarationName(node);
      if (name && mentionsElicitation.test(name)) return true;
      const { parent } = meaningfulParent(node);
      const container = parent?.type === AST_NODE_TYPES.Property ? parent.parent : parent;
      return container !== undefined && (container.type === AST_NODE_TYPES.ObjectExpression || container.type === AST_NODE_TYPES.NewExpression || container.type === AST_NODE_TYPES.CallExpression) &&
        mentionsElicitation.test(sourceCode.getText(container));
    }

    /**
     * `elicitationId` in URL-mode elicitation params: beside `mode` (`{ mode: 'url', url, message,
     * elicitationId }`), beside `url` in a copy of other params (`{ ...first, url, elicitationId }`),
     * in an object typed as elicitation params, or inside `data.elicitations`. A tool's own input
     * (`{ url, message, elicitationId }` as `callTool` arguments, or a zod input schema) is not.
     */
    function isElicitationIdField(property: TSESTree.Property): boolean {
      const object = property.parent;
      if (object.type !== AST_NODE_TYPES.ObjectExpression || !evidence.speaksMcp) return false;
      const siblings = object.properties.map((p) => (p.type === AST_NODE_TYPES.Property ? propertyKeyName(p) : undefined));
      if (siblings.includes('mode')) return true;
      const spreads = object.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement);
      if (siblings.includes('url') && (spreads || isTypedAsElicitationParams(object))) return true;
      const { parent } = meaningfulParent(object);
      return parent?.type === AST_NODE_TYPES.ArrayExpression && isPropertyValueOf(parent, 'elicitations');
    }

    /** `const p: ElicitRequestURLParams = { … }`, `{ … } as ElicitRequestParams`, `{ … } satisfies …`. */
    function isTypedAsElicitationParams(object: TSESTree.ObjectExpression): boolean {
      let type: TSESTree.TypeNode | undefined;
      const holder = object.parent;
      if (holder.type === AST_NODE_TYPES.TSAsExpression || holder.type === AST_NODE_TYPES.TSSatisfiesExpression) type = holder.typeAnnotation;
      const { parent, child } = meaningfulParent(object);
      if (!type && parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier) {
        type = parent.id.typeAnnotation?.typeAnnotation;
      }
      if (type?.type !== AST_NODE_TYPES.TSTypeReference) return false;
      const name = type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName.name : type.typeName.type === AST_NODE_TYPES.TSQualifiedName ? type.typeName.right.name : undefined;
      return name !== undefined && elicitationParamsType.test(name);
    }

    function isPropertyValueOf(node: TSESTree.Node, key: string): boolean {
      const { parent, child } = meaningfulParent(node);
      return parent?.type === AST_NODE_TYPES.Property && parent.value === child && propertyKeyName(parent) === key;
    }

    function checkProperty(property: TSESTree.Property): void {
      if (property.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
      const key = propertyKeyName(property);
      if (key === 'elicitationId' && isElicitationIdField(property) && !isDisplayOnlyValue(property.parent, sourceCode, ['elicitationId'])) {
        reportCompletion(property);
      }
      // `data: { elicitations: [...] }`: the payload of the -32042 error, unless its code says so already.
      if (key === 'elicitations' && evidence.speaksMcp && isPropertyValueOf(property.parent, 'data') && !hasUrlElicitationCode(property.parent)) {
        reportUrlElicitationAs(property, 'emits');
      }
    }

    /** The error object around `data` has `code: -32042` or `code: ErrorCode.UrlElicitationRequired`. */
    function hasUrlElicitationCode(data: TSESTree.ObjectExpression): boolean {
      const errorObject = meaningfulParent(data).parent?.parent;
      if (errorObject?.type !== AST_NODE_TYPES.ObjectExpression) return false;
      return errorObject.properties.some((p) => {
        if (p.type !== AST_NODE_TYPES.Property || propertyKeyName(p) !== 'code') return false;
        const value = unwrap(p.value);
        if (negativeNumberLiteral(value) === urlElicitationRequiredCode) return true;
        return value.type === AST_NODE_TYPES.MemberExpression && !value.computed && value.property.type === AST_NODE_TYPES.Identifier && value.property.name === urlElicitationRequiredMember;
      });
    }

    function checkNotificationName(node: TSESTree.Literal | TSESTree.TemplateLiteral): void {
      if (staticString(node, sourceCode) !== elicitationCompleteNotification || isTypePosition(node)) return;
      const { parent } = meaningfulParent(node);
      if (parent?.type === AST_NODE_TYPES.CallExpression && isNegatedMatcherCall(parent)) return;
      reportCompletion(node, isClientRegistration(node));
    }

    function checkReference(node: TSESTree.Identifier | TSESTree.MemberExpression): void {
      const name = mcpExportReferenceName(node, sourceCode);
      if (name === elicitationCompleteSchema) reportCompletion(node, isClientRegistration(node));
      if (name === urlElicitationRequiredError) reportUrlElicitation(node);
    }

    /** `ErrorCode.UrlElicitationRequired` (v1) and `ProtocolErrorCode.UrlElicitationRequired` (v2). */
    function checkEnumMember(node: TSESTree.MemberExpression): void {
      if (node.computed || node.property.type !== AST_NODE_TYPES.Identifier || node.property.name !== urlElicitationRequiredMember) return;
      const owner = mcpExportOf(node.object, sourceCode.getScope(node));
      if (owner && errorCodeEnums.has(owner.name)) reportUrlElicitation(node);
    }

    /** `error.data.elicitations`: a client reading the -32042 payload. */
    function checkElicitationsRead(node: TSESTree.MemberExpression): void {
      if (node.computed || node.property.type !== AST_NODE_TYPES.Identifier || node.property.name !== 'elicitations' || !evidence.speaksMcp) return;
      const object = unwrap(node.object);
      if (object.type === AST_NODE_TYPES.MemberExpression && !object.computed && object.property.type === AST_NODE_TYPES.Identifier && object.property.name === 'data') {
        reportUrlElicitationAs(node, 'expects');
      }
    }

    return {
      CallExpression: checkCall,
      ObjectExpression: checkObject,
      Property: checkProperty,
      Literal(node) {
        if (typeof node.value === 'string') checkNotificationName(node);
      },
      TemplateLiteral(node) {
        if (node.expressions.length === 0) checkNotificationName(node);
      },
      'Identifier, MemberExpression': checkReference,
      MemberExpression(node) {
        checkEnumMember(node);
        checkElicitationsRead(node);
      },
      'UnaryExpression[operator="-"]'(node: TSESTree.UnaryExpression) {
        if (negativeNumberLiteral(node) !== urlElicitationRequiredCode || !isUrlElicitationCode(node)) return;
        if (constantDeclarationName(node)) reportUrlElicitationAs(node, 'emits');
        else reportUrlElicitation(node);
      },
      AssignmentExpression(node) {
        const target = unwrap(node.left);
        if (target.type === AST_NODE_TYPES.MemberExpression && target.computed && isPromiseSettler(node.right)) parked.push(node);
      },
      'Program:exit'() {
        // A client parks its own requests' answers; a fake server in its tests waits for the client under test.
        if (!writesRequests || side === 'client') return;
        for (const node of parked) report(node, 'parksPendingRequest');
      },
    };
  },
});
