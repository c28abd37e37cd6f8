import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { mcpExportOf } from '../src/ast/imports.js';
import { containsNode, isInHandlerOf, mcpMessageNaming, mcpRoutesOf, sdkRegistrationOf } from '../src/ast/mcp-method-sites.js';
import { mcpMessageLiteral } from '../src/ast/json-rpc.js';
import { calleeName, isFunction, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { resultFieldReads, sendingCallsOf } from '../src/ast/rpc-response-reads.js';
import { mcpSideOf, sdkMethodCall } from '../src/ast/sdk.js';
import { createRule } from '../src/create-rule.js';
import {
  changedResultFields,
  clientInfoGetters,
  discoverMethod,
  handshakeGuards,
  initializedNotification,
  initializeMethod,
  initializeParamKeys,
  initializeResultFields,
  schemaBuilderCalls,
  serverInfoMetaKey,
} from '../src/mcp/handshake.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds =
  | 'checksInitializeRequest'
  | 'handlesInitialize'
  | 'handlesInitialized'
  | 'gatesOnHandshake'
  | 'readsClientInfo'
  | 'storesInitializeParams'
  | 'returnsInitializeResult'
  | 'sendsInitialize'
  | 'readsInitializeResult';

const handshakeMethods: ReadonlySet<string> = new Set([initializeMethod, initializedNotification]);
const getterNames: ReadonlySet<string> = new Set(Object.keys(clientInfoGetters));
const discoverShape =
  "`server/discover` (`{ resultType: 'complete', supportedVersions: ['2026-07-28'], capabilities, ttlMs, cacheScope, _meta: { 'io.modelcontextprotocol/serverInfo': { name, version } } }`)";

/** `this.initialized`, `state.ready`, `initialized`: what a handshake flag is written as, without `?.` and spaces. */
function flagText(node: TSESTree.Node, text: string): string | undefined {
  const inner = unwrap(node);
  if (inner.type !== AST_NODE_TYPES.Identifier && inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  return text.replace(/\s+|\?(?=\.)/g, '');
}

/** The `initialize` param a value reads (`request.params.clientInfo`, `params?.capabilities ?? {}`), if any. */
function initializeParamRead(value: TSESTree.Node): string | undefined {
  let inner = unwrap(value);
  if (inner.type === AST_NODE_TYPES.LogicalExpression) inner = unwrap(inner.left);
  if (inner.type !== AST_NODE_TYPES.MemberExpression || inner.computed || inner.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const field = inner.property.name;
  return field in initializeParamKeys && readsParams(inner.object) ? field : undefined;
}

/** `params`, `request.params`, `msg.body?.params`. */
function readsParams(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return /params$/i.test(inner.name);
  return inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier && inner.property.name === 'params';
}

/** `z.object({ protocolVersion: z.string(), … })`, `ResultSchema.extend({ … })`: a schema of the shape, not a result. */
function isSchemaShape(object: TSESTree.ObjectExpression): boolean {
  const call = object.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === object && schemaBuilderCalls.has(calleeName(call) ?? '');
}

function objectKeys(object: TSESTree.ObjectExpression): Map<string, TSESTree.Property> {
  const keys = new Map<string, TSESTree.Property>();
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKeyName(property);
    if (key !== undefined) keys.set(key, property);
  }
  return keys;
}

export default createRule<[], MessageIds>({
  name: 'no-initialize-handshake',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow the initialize handshake, which MCP 2026-07-28 replaced with per-request _meta and server/discover',
      spec: specUrls.versioning,
      catalogue: ['L1', 'L2', 'L3', 'L4', 'L7', 'L9'],
      findings: {
        checksInitializeRequest: { severity: 'error', fix: 'manual' },
        handlesInitialize: { severity: 'error', fix: 'manual' },
        handlesInitialized: { severity: 'error', fix: 'manual' },
        gatesOnHandshake: { severity: 'error', fix: 'manual' },
        readsClientInfo: { severity: 'error', fix: 'manual' },
        storesInitializeParams: { severity: 'error', fix: 'manual' },
        returnsInitializeResult: { severity: 'error', fix: 'manual' },
        sendsInitialize: { severity: 'error', fix: 'manual' },
        readsInitializeResult: { severity: 'error', fix: 'manual' },
      },
      // `initialize` also matches `initialized`, `isInitializeRequest` and `InitializeRequestSchema`;
      // an InitializeResult shape spells `serverInfo`; discover results are read after `server/discover`.
      prefilter: ['initialize', 'getClientCapabilities', 'getClientVersion', 'serverInfo', discoverMethod],
    },
    messages: {
      checksInitializeRequest:
        '`{{guard}}()` looks for the 2025 `{{method}}` handshake, which MCP 2026-07-28 removed: modern requests carry their own `_meta` and open no session. On SDK v2 serve every request with `createMcpHandler(factory)`, and route 2025 clients with `isLegacyRequest()` while you still serve them.',
      handlesInitialize: `Handles the 2025 \`initialize\` request, which MCP 2026-07-28 removed: answer ${discoverShape} instead (SDK v2 builds it from the server's options), and read client details from each request's \`_meta\`.`,
      handlesInitialized:
        'Runs code on the 2025 `notifications/initialized`, which MCP 2026-07-28 removed: modern clients never send it, and SDK v2 `createMcpHandler` never fires `oninitialized`. Do this work when the server is built, or lazily in the request that needs it.',
      gatesOnHandshake:
        'Refuses requests until the 2025 handshake has set `{{flag}}`; 2026-07-28 clients never send `initialize`, so every modern request would be refused. Remove the gate: each request is self-contained.',
      readsClientInfo:
        '`{{method}}()` returns what the client sent in the 2025 `initialize`; under 2026-07-28 there is none (it is undefined on SDK v2 `serveStdio`), because the client sends it with every request. Read `ctx.mcpReq.envelope?.[{{constant}}]` (SDK v2) or `params._meta[\'{{metaKey}}\']` in the handler instead.',
      storesInitializeParams:
        "Keeps the `{{field}}` of the 2025 `initialize` for later requests; 2026-07-28 has no handshake, and every request carries it in `params._meta['{{metaKey}}']`. Read it from each request (SDK v2: `ctx.mcpReq.envelope?.[{{constant}}]`) and never cache it across requests.",
      returnsInitializeResult: `Returns the 2025 InitializeResult shape (\`protocolVersion\`, \`capabilities\`, \`serverInfo\`); a 2026-07-28 server answers ${discoverShape}: one version becomes the \`supportedVersions\` list and \`serverInfo\` moves into \`_meta\`.`,
      sendsInitialize:
        "Sends the 2025 `{{method}}` handshake message, which MCP 2026-07-28 removed. Drop it and put `_meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {…}, 'io.modelcontextprotocol/clientInfo': {…} }` on every request (optionally calling `server/discover` first); SDK v2 clients do this with `versionNegotiation: { mode: 'auto' }`.",
      readsInitializeResult: `Reads \`{{field}}\` from the \`{{method}}\` result, a shape 2026-07-28 does not have: \`server/discover\` returns \`supportedVersions\` (pick one) and the server's identity in \`_meta['${serverInfoMetaKey}']\`.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    /** Nodes reported here: L9 reads only the results of an `initialize` this rule reported. */
    const reported = new Set<TSESTree.Node>();
    /** Flags set to `true` by a handshake handler (`this.initialized = true`), by their text. */
    const handshakeFlags = new Set<string>();

    function report(node: TSESTree.Node, messageId: MessageIds, data?: Record<string, string>): void {
      reported.add(node);
      context.report({ node, messageId, ...(data ? { data } : {}) });
    }

    function isInHandshakeHandler(node: TSESTree.Node): boolean {
      return isInHandlerOf(node, initializeMethod, context) || isInHandlerOf(node, initializedNotification, context);
    }

    /** `isInitializeRequest(body)`, and the guard passed as a callback: `messages.some(isInitializeRequest)`. */
    function checkGuardCall(call: TSESTree.CallExpression): void {
      const called = handshakeGuardOf(call.callee);
      if (called) report(call, 'checksInitializeRequest', called);
      for (const argument of call.arguments) {
        const passed = handshakeGuardOf(argument);
        if (passed) report(argument, 'checksInitializeRequest', passed);
      }
    }

    function handshakeGuardOf(node: TSESTree.Node): { guard: string; method: string } | undefined {
      const exported = mcpExportOf(node, sourceCode.getScope(node));
      const method = exported ? handshakeGuards[exported.name] : undefined;
      return exported && method ? { guard: exported.name, method } : undefined;
    }

    function checkRegistration(call: TSESTree.CallExpression): void {
      const registration = sdkRegistrationOf(call, sourceCode);
      if (registration?.method === initializeMethod) report(registration.at, 'handlesInitialize');
      if (registration?.method === initializedNotification) report(registration.at, 'handlesInitialized');
    }

    function checkClientInfoGetter(call: TSESTree.CallExpression): void {
      const found = sdkMethodCall(call, sourceCode, { methods: getterNames, side: 'server', distinctive: getterNames });
      const key = found && clientInfoGetters[found.method];
      if (found && key) report(call, 'readsClientInfo', { method: found.method, ...key });
    }

    function checkAssignment(node: TSESTree.AssignmentExpression): void {
      const left = unwrap(node.left);
      if (left.type === AST_NODE_TYPES.MemberExpression && !left.computed && left.property.type === AST_NODE_TYPES.Identifier) {
        if (left.property.name === 'oninitialized' && mcpSideOf(left.object, sourceCode) === 'server') {
          return report(left, 'handlesInitialized');
        }
      }
      if (!isInHandshakeHandler(node)) return;
      const value = unwrap(node.right);
      if (value.type === AST_NODE_TYPES.Literal && value.value === true) {
        const flag = flagText(left, sourceCode.getText(left));
        if (flag) handshakeFlags.add(flag);
        return;
      }
      const field = storedParam(node);
      const key = field ? initializeParamKeys[field] : undefined;
      if (field && key) report(node, 'storesInitializeParams', { field, ...key });
    }

    /** The `initialize` param an assignment keeps beyond the handler: `this.clientInfo = params.clientInfo`. */
    function storedParam(node: TSESTree.AssignmentExpression): string | undefined {
      if (!outlivesHandler(node.left)) return undefined;
      const direct = initializeParamRead(node.right);
      if (direct) return direct;
      const value = unwrap(node.right);
      return value.type === AST_NODE_TYPES.Identifier ? destructuredParam(value) : undefined;
    }

    /** A member (`this.x`, `session.x`) or a variable declared outside the function doing the assignment. */
    function outlivesHandler(target: TSESTree.Node): boolean {
      const inner = unwrap(target);
      if (inner.type === AST_NODE_TYPES.MemberExpression) return true;
      if (inner.type !== AST_NODE_TYPES.Identifier) return false;
      const def = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
      if (!def) return false;
      let fn: TSESTree.Node | undefined = inner.parent;
      while (fn && !isFunction(fn)) fn = fn.parent;
      return !fn || !containsNode(fn, def.name);
    }

    /** `const { clientInfo } = request.params; … = clientInfo`. */
    function destructuredParam(identifier: TSESTree.Identifier): string | undefined {
      const def = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
      if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return undefined;
      if (def.node.id.type !== AST_NODE_TYPES.ObjectPattern || !readsParams(def.node.init)) return undefined;
      for (const property of def.node.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyKeyName(property);
        if (key && key in initializeParamKeys && unwrap(property.value) === def.name) return key;
      }
      return undefined;
    }

    function checkObject(node: TSESTree.ObjectExpression): void {
      checkSentHandshake(node);
      checkInitializeResult(node);
      checkResultReads(node);
    }

    function checkSentHandshake(node: TSESTree.ObjectExpression): void {
      const message = mcpMessageNaming(node, handshakeMethods, sourceCode) ?? initializeWithMcpParams(node);
      if (message) report(message.methodNode, 'sendsInitialize', { method: message.method });
    }

    /** `{ method: 'initialize', params: { protocolVersion, capabilities, clientInfo } }`: MCP's by its params, in any file. */
    function initializeWithMcpParams(node: TSESTree.ObjectExpression) {
      const message = mcpMessageLiteral(node, sourceCode);
      if (message?.method !== initializeMethod || message.params?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const keys = objectKeys(message.params);
      return keys.has('protocolVersion') && (keys.has('clientInfo') || keys.has('capabilities')) ? message : undefined;
    }

    function checkInitializeResult(node: TSESTree.ObjectExpression): void {
      const keys = objectKeys(node);
      const protocolVersion = keys.get('protocolVersion');
      if (!protocolVersion || keys.has('supportedVersions') || keys.has('clientInfo') || isSchemaShape(node)) return;
      const complete = initializeResultFields.every((field) => keys.has(field));
      const partial = keys.has('capabilities') || keys.has('serverInfo');
      if (complete || (partial && isInHandlerOf(node, initializeMethod, context))) report(protocolVersion, 'returnsInitializeResult');
    }

    /** L9: what a client reads from the answer to its own `initialize` (or to a release-candidate `server/discover`). */
    function checkResultReads(node: TSESTree.ObjectExpression): void {
      const message = mcpMessageLiteral(node, sourceCode);
      if (message?.method !== initializeMethod && message?.method !== discoverMethod) return;
      if (message.method === initializeMethod && !reported.has(message.methodNode)) return;
      for (const call of sendingCallsOf(node, sourceCode)) {
        for (const read of resultFieldReads(call, changedResultFields, sourceCode)) {
          const field = read.type === AST_NODE_TYPES.Property ? propertyKeyName(read) : sourceCode.getText((read as TSESTree.MemberExpression).property);
          report(read, 'readsInitializeResult', { field: field ?? 'serverInfo', method: message.method });
        }
      }
    }

    /** `!this.initialized`, `initialized === false` outside the handshake handlers. */
    function reportGates(): void {
      if (handshakeFlags.size === 0) return;
      walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
        const negated = negatedOperand(node);
        const flag = negated && flagText(negated, sourceCode.getText(negated));
        if (flag && handshakeFlags.has(flag) && !isInHandshakeHandler(node)) report(node, 'gatesOnHandshake', { flag });
      });
    }

    function negatedOperand(node: TSESTree.Node): TSESTree.Node | undefined {
      if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return node.argument;
      if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '===' || node.operator === '==')) {
        if (node.right.type === AST_NODE_TYPES.Literal && node.right.value === false) return node.left;
      }
      return undefined;
    }

    return {
      CallExpression(node) {
        checkGuardCall(node);
        checkRegistration(node);
        checkClientInfoGetter(node);
      },
      AssignmentExpression: checkAssignment,
      ObjectExpression: checkObject,
      'Program:exit'() {
        for (const { at } of mcpRoutesOf(initializeMethod, sourceCode)) report(at, 'handlesInitialize');
        for (const { at } of mcpRoutesOf(initializedNotification, sourceCode)) report(at, 'handlesInitialized');
        reportGates();
      },
    };
  },
});
