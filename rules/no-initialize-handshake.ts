import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { clientAuthEvidence } from '../src/ast/client-auth.js';
import { jsonStringifyArgument, wireMessagesOf, type WireMessage } from '../src/ast/client-requests.js';
import { dispatchSites, isMcpSite, type DispatchSite } from '../src/ast/dispatch.js';
import { fileEvidence, speaksMcpTokens } from '../src/ast/evidence.js';
import { enclosingFunction, mcpMethodHandledAt } from '../src/ast/handlers.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { containsNode, isInHandlerOf, isMethodExpression, mcpMessageNaming, mcpRoutesOf, sdkRegistrationOf } from '../src/ast/mcp-method-sites.js';
import { mcpMessageLiteral } from '../src/ast/json-rpc.js';
import { isDescribedOnly, isRecordedMessage } from '../src/ast/message-records.js';
import { calleeName, isFunction, meaningfulParent, propertyKeyName, returnedValues, unwrap, walk } from '../src/ast/nodes.js';
import { lastEntry, noBindings, ValueReader, type Bindings } from '../src/ast/object-keys.js';
import { resultFieldReads } from '../src/ast/rpc-response-reads.js';
import { mcpSideOf, sdkMethodCall } from '../src/ast/sdk.js';
import { legacyGateOf } from '../src/ast/legacy-gate.js';
import { isInExpectation } from '../src/ast/test-intent.js';
import { isTestModule } from '../src/ast/test-module.js';
import { answerIsChecked, isCheckedInPlace } from '../src/ast/transport-test-data.js';
import { createRule, legacyGatedMessageId, type McpMigrateSettings } from '../src/create-rule.js';
import { distinctiveMcpMethods, mcpMethods } from '../src/mcp/methods.js';
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

/** Global functions that convert a value without changing what it stands for: `String(params.protocolVersion)`. */
const conversionFunctions: ReadonlySet<string> = new Set(['String', 'Number', 'Boolean', 'BigInt', 'structuredClone']);

/**
 * The value a conversion wraps: `String(x)`, `Number(x)`, `structuredClone(x)` (the globals,
 * not local functions of those names), `x.toString()`, `` `${x}` ``; undefined for anything else.
 */
function convertedValue(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | undefined {
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    const [expression] = node.expressions;
    return node.expressions.length === 1 && expression && node.quasis.every((quasi) => quasi.value.cooked === '') ? expression : undefined;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(node.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const isToString = !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'toString';
    return isToString && node.arguments.length === 0 ? callee.object : undefined;
  }
  const [argument] = node.arguments;
  if (callee.type !== AST_NODE_TYPES.Identifier || !conversionFunctions.has(callee.name) || node.arguments.length !== 1 || !argument) return undefined;
  if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const declared = ASTUtils.findVariable(sourceCode.getScope(callee), callee)?.defs.length ?? 0;
  return declared === 0 ? argument : undefined;
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

function hasMethodKey(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'method');
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

/** The keys an InitializeResult has; an object with others (`status`, `protocolEra`, …) is somebody's state. */
const initializeResultKeys: ReadonlySet<string> = new Set([...initializeResultFields, 'instructions', '_meta']);

const answeredByServers: ReadonlySet<string> = new Set(mcpMethods.filter((m) => m.kind === 'request' && m.answeredBy === 'server').map((m) => m.name));
const answeredByClients: ReadonlySet<string> = new Set(mcpMethods.filter((m) => m.kind === 'request' && m.answeredBy === 'client').map((m) => m.name));

/**
 * A dispatch that routes requests only servers answer (`tools/list`) and requests only clients
 * answer (`roots/list`) alike is no MCP endpoint: it is a front end that runs any method a user
 * names (a CLI's `--method`, a test console) through a client.
 */
function routesBothSides(site: DispatchSite): boolean {
  const methods = [...site.methods.keys()];
  return methods.some((method) => answeredByServers.has(method)) && methods.some((method) => answeredByClients.has(method));
}

/** `{ jsonrpc, id, result: { … } }`: the object is the result of a JSON-RPC response. */
function isResponseResult(object: TSESTree.ObjectExpression): boolean {
  const { parent, child } = meaningfulParent(object);
  if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== child || propertyKeyName(parent) !== 'result') return false;
  const keys = objectKeys(parent.parent as TSESTree.ObjectExpression);
  return keys.has('id') || keys.has('jsonrpc');
}

/** `message.params.protocolVersion = …`: a value written into a message's params, forwarded rather than kept. */
function writesMessageParams(target: TSESTree.Node): boolean {
  const inner = unwrap(target);
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return false;
  const holder = unwrap(inner.object);
  return holder.type === AST_NODE_TYPES.MemberExpression && !holder.computed && holder.property.type === AST_NODE_TYPES.Identifier && holder.property.name === 'params';
}

const messages: Record<MessageIds, string> = {
  checksInitializeRequest:
    '`{{guard}}()` looks for the 2025 `{{method}}` handshake, which MCP 2026-07-28 removed: modern requests carry their own `_meta` and open no session. On SDK v2 serve every request with `createMcpHandler(factory)`, and route 2025 clients with `isLegacyRequest()` while you still serve them.',
  handlesInitialize: `Handles the 2025 \`initialize\` request, which MCP 2026-07-28 removed: answer ${discoverShape} instead (SDK v2 builds it from the server's options), and read client details from each request's \`_meta\`.`,
  handlesInitialized:
    'Runs code on the 2025 `notifications/initialized`, which MCP 2026-07-28 removed: modern clients never send it, and SDK v2 `createMcpHandler` never fires `oninitialized`. Do this work when the server is built, or lazily in the request that needs it.',
  gatesOnHandshake:
    '`{{gate}}` holds a client back until it has done the 2025 `initialize` handshake (its requests refused, or what the server sends withheld); 2026-07-28 clients never send `initialize`, so they never get past it. Remove the gate: every request is self-contained.',
  readsClientInfo:
    '`{{method}}()` returns what the client sent in the 2025 `initialize`; under 2026-07-28 there is none (it is undefined on SDK v2 `serveStdio`), because the client sends it with every request. Read `ctx.mcpReq.envelope?.[{{constant}}]` (SDK v2) or `params._meta[\'{{metaKey}}\']` in the handler instead.',
  storesInitializeParams:
    "Keeps the `{{field}}` of the 2025 `initialize` for later requests; 2026-07-28 has no handshake, and every request carries it in `params._meta['{{metaKey}}']`. Read it from each request (SDK v2: `ctx.mcpReq.envelope?.[{{constant}}]`) and never cache it across requests.",
  returnsInitializeResult: `Returns the 2025 InitializeResult shape (\`protocolVersion\`, \`capabilities\`, \`serverInfo\`); a 2026-07-28 server answers ${discoverShape}: one version becomes the \`supportedVersions\` list and \`serverInfo\` moves into \`_meta\`.`,
  sendsInitialize:
    "Sends the 2025 `{{method}}` handshake message, which MCP 2026-07-28 removed. Drop it and put `_meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {…}, 'io.modelcontextprotocol/clientInfo': {…} }` on every request (optionally calling `server/discover` first); SDK v2 clients do this with `versionNegotiation: { mode: 'auto' }`.",
  readsInitializeResult: `Reads \`{{field}}\` from the \`{{method}}\` result, a shape 2026-07-28 does not have: \`server/discover\` returns \`supportedVersions\` (pick one) and the server's identity in \`_meta['${serverInfoMetaKey}']\`.`,
};

/** ESLint's `{{ name }}` placeholders, for the message a legacy-gated finding quotes. */
function interpolate(template: string, data: Record<string, string> | undefined): string {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, key: string) => data?.[key] ?? whole);
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
        checksInitializeRequest: { severity: 'error', fix: 'transform', transform: 'http-handler' },
        handlesInitialize: { severity: 'error', fix: 'transform', transform: 'initialize-to-discover' },
        handlesInitialized: { severity: 'error', fix: 'transform', transform: 'initialize-to-discover' },
        gatesOnHandshake: { severity: 'error', fix: 'manual' },
        readsClientInfo: { severity: 'error', fix: 'transform', transform: 'client-info-meta' },
        storesInitializeParams: { severity: 'error', fix: 'manual' },
        returnsInitializeResult: { severity: 'error', fix: 'transform', transform: 'initialize-to-discover' },
        sendsInitialize: { severity: 'error', fix: 'manual' },
        readsInitializeResult: { severity: 'error', fix: 'manual' },
      },
      // `initialize` also matches `initialized`, `isInitializeRequest` and `InitializeRequestSchema`;
      // an InitializeResult shape spells `serverInfo`; discover results are read after `server/discover`.
      prefilter: ['initialize', 'getClientCapabilities', 'getClientVersion', 'serverInfo', discoverMethod],
      // Most paths need the file to speak MCP (an SDK import, a distinctive method, an MCP route);
      // the others need one of:
      // - `protocolVersion`: an InitializeResult shape, or an `initialize` message whose params are MCP's, in any file;
      // - `notifications/`: `notifications/initialized` built from a prefix (`NS + 'initialized'`), distinctive as a value.
      prefilterAlso: [...speaksMcpTokens, 'protocolVersion', 'notifications/'],
    },
    messages,
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    /** Nodes reported here: L9 reads only the results of an `initialize` this rule reported. */
    const reported = new Set<TSESTree.Node>();
    /** Flags set to `true` by a handshake handler (`this.initialized = true`), by their text. */
    const handshakeFlags = new Set<string>();

    /** Keys of the reports made, so a node reached twice (two builders, two paths) is reported once. */
    const made = new Set<string>();
    const reader = new ValueReader(sourceCode);
    const legacyGated = ((context.settings['mcp-migrate'] ?? {}) as McpMigrateSettings).legacyGated;
    /** The file is an MCP client's: it imports the client SDK and nothing of the server side. */
    const clientOnly = (() => {
      const sides = clientAuthEvidence(sourceCode);
      return sides.importsMcpClient && !sides.importsMcpServer;
    })();
    let frontEndSites: DispatchSite[] | undefined;
    /** Dispatches that run methods for a user rather than answer them (`routesBothSides`). */
    function frontEnds(): DispatchSite[] {
      frontEndSites ??= dispatchSites(sourceCode).filter(routesBothSides);
      return frontEndSites;
    }

    /** Inside a front end's dispatch: its switch or table, or the block of its `if`s (consecutive ones form one site). */
    function inFrontEnd(node: TSESTree.Node): boolean {
      return frontEnds().some((site) => containsNode(site.kind === 'if-chain' && site.node.parent ? site.node.parent : site.node, node));
    }

    function report(node: TSESTree.Node, messageId: MessageIds, data?: Record<string, string>): void {
      reported.add(node);
      const key = `${node.range.join(':')}:${messageId}`;
      if (made.has(key)) return;
      made.add(key);
      const dualEra = legacyGateOf(node, sourceCode) ? undefined : dualEraRouteOf(node);
      if (dualEra) {
        // `createRule` turns reports behind an explicit 2025 gate into `servesLegacyClients`; a
        // handshake route beside `server/discover` is such a gate too, so report it the same way.
        if (legacyGated !== 'report') return;
        const gate = `the \`${dualEra}\` route of a dispatch that also answers \`${discoverMethod}\``;
        (context as unknown as TSESLint.RuleContext<string, []>).report({ node, messageId: legacyGatedMessageId, data: { message: interpolate(messages[messageId], data), gate } });
        return;
      }
      context.report({ node, messageId, ...(data ? { data } : {}) });
    }

    /**
     * The handshake method (`initialize`, `notifications/initialized`) whose route in a dispatch
     * that also routes `server/discover` holds `node` (the route itself, or code in its branch):
     * a dual-era peer, whose handshake routes only ever run for 2025 clients.
     */
    function dualEraRouteOf(node: TSESTree.Node): string | undefined {
      const handledAt = mcpMethodHandledAt(node, context);
      for (const method of handshakeMethods) {
        const handled = handledAt === method;
        for (const { site, at } of mcpRoutesOf(method, sourceCode)) {
          if (!site.methods.has(discoverMethod)) continue;
          const container = site.kind === 'registry' ? at.parent : site.kind === 'if-chain' ? site.node.parent : site.node;
          if (at === node || (handled && container && containsNode(container, node))) return method;
        }
      }
      return undefined;
    }

    function isInHandshakeHandler(node: TSESTree.Node): boolean {
      return isInHandlerFor(node, initializeMethod) || isInHandlerFor(node, initializedNotification);
    }

    /**
     * `isInHandlerOf`, outside front ends, and also in the second and later of consecutive
     * `if (method === …)` statements, which form one dispatch site: the route's own `if` holds it.
     */
    function isInHandlerFor(node: TSESTree.Node, method: string): boolean {
      if (inFrontEnd(node)) return false;
      if (isInHandlerOf(node, method, context)) return true;
      if (mcpMethodHandledAt(node, context) !== method) return false;
      return mcpRoutesOf(method, sourceCode).some(({ site, at }) => {
        if (site.kind !== 'if-chain' || routesBothSides(site)) return false;
        let statement: TSESTree.Node | undefined = at.parent;
        while (statement && statement.type !== AST_NODE_TYPES.IfStatement) statement = statement.parent;
        return statement !== undefined && containsNode(statement, node);
      });
    }

    /** `isInitializeRequest(body)`, and the guard passed as a callback: `messages.some(isInitializeRequest)`. */
    function checkGuardCall(call: TSESTree.CallExpression): void {
      // `expect(isInitializeRequest(msg)).toBe(true)`: a test of the predicate, checking its answer in place.
      if (answerIsChecked(call, sourceCode)) return;
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
      // A receiver the file cannot trace, in a client's file, is the client's own object, not an SDK server.
      if (found && found.side === undefined && clientOnly) return;
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
      if (writesMessageParams(node.left)) return undefined;
      return outlivesHandler(node.left) ? initializeParamOf(node.right, 0) : undefined;
    }

    /**
     * The `initialize` param a value holds: read directly (`request.params.clientInfo`,
     * `params?.capabilities ?? {}`), converted (`String(params.protocolVersion)`), or through a
     * `const` initialised from one or destructured from the params (`const { clientInfo } = params`).
     */
    function initializeParamOf(value: TSESTree.Node, depth: number): string | undefined {
      if (depth > 3) return undefined;
      let inner = unwrap(value);
      for (let step = 0; step < 3; step++) {
        const converted = convertedValue(inner, sourceCode);
        if (converted) inner = unwrap(converted);
        else if (inner.type === AST_NODE_TYPES.LogicalExpression) inner = unwrap(inner.left);
        else break;
      }
      if (inner.type === AST_NODE_TYPES.Identifier) return destructuredParam(inner) ?? constantParam(inner, depth);
      if (inner.type !== AST_NODE_TYPES.MemberExpression || inner.computed || inner.property.type !== AST_NODE_TYPES.Identifier) return undefined;
      const field = inner.property.name;
      return field in initializeParamKeys && readsParams(inner.object) ? field : undefined;
    }

    /** `const clientInfo = params.clientInfo as ClientInfo; … = clientInfo`. */
    function constantParam(identifier: TSESTree.Identifier, depth: number): string | undefined {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name || !def.node.init) return undefined;
      return def.node.parent.kind === 'const' ? initializeParamOf(def.node.init, depth + 1) : undefined;
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
      checkInitializeResult(node);
      const literal = mcpMessageLiteral(node, sourceCode);
      // An expectation, an entry of a message log, or a fixture read only for its fields is not sent.
      // A message a test only hands to a predicate or helper whose answer it checks is not sent either.
      if ((literal || hasMethodKey(node)) && (isInExpectation(node) || isRecordedMessage(node, reader) || isDescribedOnly(node, sourceCode) || isCheckedInPlace(node, sourceCode))) return;
      if (literal) {
        checkSentHandshake(node);
        checkResultReads(literal.method, literal.methodNode, node, noBindings);
      } else if (hasMethodKey(node)) {
        // `{ jsonrpc: '2.0', id, method, params }` in a builder: one message per call that names the method.
        for (const message of wireMessagesOf({ node, bindings: noBindings }, reader)) {
          if (message.object === node) checkBuiltMessage(message);
        }
      }
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

    /**
     * A message a local builder makes from its arguments (`request('initialize', { protocolVersion,
     * capabilities, clientInfo })`): the handshake when it is MCP's on the same evidence as a
     * literal (MCP params, a method only MCP has, or a JSON-RPC message in a file that speaks MCP
     * and shows no lookalike), reported where the caller names the method.
     */
    function checkBuiltMessage(message: WireMessage): void {
      if (handshakeMethods.has(message.method) && isMcpHandshake(message)) report(message.methodNode, 'sendsInitialize', { method: message.method });
      checkResultReads(message.method, message.methodNode, message.object, message.bindings);
    }

    function isMcpHandshake(message: WireMessage): boolean {
      if (distinctiveMcpMethods.has(message.method)) return true;
      const params = message.method === initializeMethod && message.params ? reader.objectShape(message.params) : undefined;
      if (params && params !== 'absent' && lastEntry(params, 'protocolVersion') && (lastEntry(params, 'clientInfo') || lastEntry(params, 'capabilities'))) return true;
      const evidence = fileEvidence(sourceCode);
      return (message.isRequest || message.hasJsonRpc) && evidence.speaksMcp && evidence.lookalikes.size === 0;
    }

    function checkInitializeResult(node: TSESTree.ObjectExpression): void {
      const keys = objectKeys(node);
      const protocolVersion = keys.get('protocolVersion');
      if (!protocolVersion || keys.has('supportedVersions') || keys.has('clientInfo') || isSchemaShape(node)) return;
      if ([...keys.keys()].some((key) => !initializeResultKeys.has(key))) return;
      const complete = initializeResultFields.every((field) => keys.has(field));
      const partial = keys.has('capabilities') || keys.has('serverInfo');
      const inHandler = isInHandlerFor(node, initializeMethod);
      // A test's fake peer answering `initialize`: its route is reported (`handlesInitialize`),
      // and what changes is the fake's era, one decision for the whole branch. In a server, the
      // result is a separate edit (it becomes the `server/discover` result) and keeps its finding.
      if (inHandler && isTestModule(sourceCode.ast)) return;
      // A client only holds the InitializeResult it was given (to show it, to test with it);
      // in a client's file the shape counts where a (fake) server answers with it.
      if (complete && clientOnly && !inHandler && !isResponseResult(node)) return;
      if (complete || (partial && inHandler)) report(protocolVersion, 'returnsInitializeResult');
    }

    /**
     * L9: what a client reads from the answer to its own `initialize` (or to a release-candidate
     * `server/discover`), read under the bindings of the call that built the message.
     */
    function checkResultReads(method: string, methodNode: TSESTree.Node, object: TSESTree.ObjectExpression, bindings: Bindings): void {
      if (method !== initializeMethod && method !== discoverMethod) return;
      if (method === initializeMethod && !reported.has(methodNode)) return;
      for (const call of answerCalls(sendsOf(object, bindings, 0), bindings)) {
        for (const read of resultFieldReads(call, changedResultFields, sourceCode)) {
          const field = read.type === AST_NODE_TYPES.Property ? propertyKeyName(read) : sourceCode.getText((read as TSESTree.MemberExpression).property);
          report(read, 'readsInitializeResult', { field: field ?? 'serverInfo', method });
        }
      }
    }

    /**
     * The calls that send a message: the first call it is an argument of (through
     * `JSON.stringify(…)` and the option objects around it), through a variable it is bound to
     * first, and out of a builder that returns it, to the call the message was read under.
     */
    function sendsOf(value: TSESTree.Node, bindings: Bindings, depth: number): TSESTree.CallExpression[] {
      if (depth > 6) return [];
      const { parent, child } = meaningfulParent(value);
      switch (parent?.type) {
        case AST_NODE_TYPES.CallExpression:
          if (!parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return [];
          return jsonStringifyArgument(parent) === child ? sendsOf(parent, bindings, depth + 1) : [parent];
        case AST_NODE_TYPES.Property:
        case AST_NODE_TYPES.ObjectExpression:
          return sendsOf(parent, bindings, depth + 1);
        case AST_NODE_TYPES.VariableDeclarator:
          return parent.init === child ? readsOf(parent.id).flatMap((read) => sendsOf(read, bindings, depth + 1)) : [];
        case AST_NODE_TYPES.ReturnStatement:
        case AST_NODE_TYPES.ArrowFunctionExpression: {
          const call = returnedTo(child, bindings);
          return call ? sendsOf(call, bindings, depth + 1) : [];
        }
        default:
          return [];
      }
    }

    /**
     * The sending calls, plus the calls whose value is the same answer: a local helper it is
     * handed to that returns it, its `.json()` body or its `.result` (`readReply(res, id)`), and
     * the builder call it is returned out of (`const init = await rpc('initialize', …)`).
     */
    function answerCalls(sends: TSESTree.CallExpression[], bindings: Bindings): TSESTree.CallExpression[] {
      const calls = new Set(sends);
      const seen = new Set<TSESTree.Node>();
      const follow = (value: TSESTree.Node, depth: number): void => {
        if (depth > 6 || seen.has(value)) return;
        seen.add(value);
        const { parent, child } = meaningfulParent(value);
        switch (parent?.type) {
          case AST_NODE_TYPES.AwaitExpression:
            return follow(parent, depth);
          case AST_NODE_TYPES.VariableDeclarator:
            if (parent.init === child) for (const read of readsOf(parent.id)) follow(read, depth + 1);
            return;
          case AST_NODE_TYPES.MemberExpression: {
            if (parent.object !== child || parent.computed || parent.property.type !== AST_NODE_TYPES.Identifier) return;
            if (parent.property.name === 'result') return follow(parent, depth + 1);
            const call = parent.parent;
            if (parent.property.name === 'json' && call.type === AST_NODE_TYPES.CallExpression && call.callee === parent) follow(call, depth + 1);
            return;
          }
          case AST_NODE_TYPES.CallExpression: {
            const index = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
            const fn = index >= 0 ? reader.calledFunction(parent) : undefined;
            if (!fn || !returnsParameter(fn, index)) return;
            calls.add(parent);
            return follow(parent, depth + 1);
          }
          case AST_NODE_TYPES.ReturnStatement:
          case AST_NODE_TYPES.ArrowFunctionExpression: {
            const call = returnedTo(child, bindings);
            if (!call) return;
            calls.add(call);
            return follow(call, depth + 1);
          }
          default:
            return;
        }
      };
      for (const call of sends) follow(call, 0);
      return [...calls];
    }

    /** The call a returned value goes to: the one call of its function the message was read under. */
    function returnedTo(returned: TSESTree.Node, bindings: Bindings): TSESTree.CallExpression | undefined {
      const parent = returned.parent;
      if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body !== returned) return undefined;
      const fn = enclosingFunction(returned);
      const args = fn && bindings.get(fn);
      return args ? reader.callersOf(fn).find((call) => call.arguments === args) : undefined;
    }

    /** Whether one of a local function's returns is its `index`th parameter, that parameter's `.json()` body or `.result`. */
    function returnsParameter(fn: TSESTree.FunctionLike, index: number): boolean {
      const param = fn.params[index];
      const target = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      if (target?.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(target), target);
      return !!variable && returnedValues(fn, sourceCode.visitorKeys).some((value) => derivesFrom(value, variable, 0));
    }

    function derivesFrom(value: TSESTree.Node, variable: TSESLint.Scope.Variable, depth: number): boolean {
      if (depth > 4) return false;
      const node = unwrap(value);
      switch (node.type) {
        case AST_NODE_TYPES.AwaitExpression:
          return derivesFrom(node.argument, variable, depth + 1);
        case AST_NODE_TYPES.MemberExpression:
          return !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'result' && derivesFrom(node.object, variable, depth + 1);
        case AST_NODE_TYPES.CallExpression: {
          const callee = unwrap(node.callee);
          const isJson = callee.type === AST_NODE_TYPES.MemberExpression && node.arguments.length === 0 && calleeName(node) === 'json';
          return isJson && derivesFrom((callee as TSESTree.MemberExpression).object, variable, depth + 1);
        }
        case AST_NODE_TYPES.Identifier: {
          const found = ASTUtils.findVariable(sourceCode.getScope(node), node);
          if (found === variable) return true;
          const def = found?.defs.length === 1 ? found.defs[0] : undefined;
          if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name || !def.node.init) return false;
          return def.node.parent.kind === 'const' && derivesFrom(def.node.init, variable, depth + 1);
        }
        default:
          return false;
      }
    }


    /** The places a `const x = …` is read. */
    function readsOf(pattern: TSESTree.Node): TSESTree.Node[] {
      if (pattern.type !== AST_NODE_TYPES.Identifier) return [];
      const variable = ASTUtils.findVariable(sourceCode.getScope(pattern), pattern);
      return (variable?.references ?? []).filter((reference) => reference.isRead()).map((reference) => reference.identifier);
    }

    /**
     * The routes of a handshake method that answer it: not a front end's (`routesBothSides`), and
     * not a second test of the same method inside the code one route already runs for it (a
     * gateway that, while handling `initialize`, also looks at the `initialize` it forwards).
     */
    function handshakeRoutes(method: string): TSESTree.Node[] {
      const routes = mcpRoutesOf(method, sourceCode).filter(({ site }) => !routesBothSides(site));
      return routes
        .filter(({ site, at }) => !routes.some((outer) => outer.site !== site && containsNode(outer.site.node, at) && mcpMethodHandledAt(at, context) === method))
        .map(({ at }) => at);
    }

    /** `!this.initialized`, `initialized === false` outside the handshake handlers; returns the gates reported. */
    function reportGates(): TSESTree.Node[] {
      const gates: TSESTree.Node[] = [];
      if (handshakeFlags.size === 0) return gates;
      walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
        const negated = negatedOperand(node);
        const flag = negated && flagText(negated, sourceCode.getText(negated));
        if (!flag || !handshakeFlags.has(flag) || isInHandshakeHandler(node)) return;
        gates.push(node);
        report(node, 'gatesOnHandshake', { gate: gateText(node) });
      });
      return gates;
    }

    /**
     * `if (message.method !== 'initialize') return refuse(…)`: every request but the handshake
     * held back (typically one without a session), in MCP dispatch code: the function routes MCP
     * methods, or the file's dispatch is MCP's and it shows no lookalike protocol (LSP). A test
     * that already holds a reported flag gate (`!this.initialized && …`) is one finding.
     */
    function reportMethodGates(flagGates: readonly TSESTree.Node[]): void {
      const sites = dispatchSites(sourceCode).filter(isMcpSite);
      if (sites.length === 0) return;
      const lookalikes = fileEvidence(sourceCode).lookalikes.size > 0;
      walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
        if (node.type !== AST_NODE_TYPES.BinaryExpression || (node.operator !== '!==' && node.operator !== '!=')) return;
        const tested = isInitializeName(node.right) ? node.left : isInitializeName(node.left) ? node.right : undefined;
        if (!tested || !isMethodExpression(tested)) return;
        const test = gateTestOf(node);
        if (!test || flagGates.some((gate) => containsNode(test, gate))) return;
        const fn = enclosingFunction(node);
        if (lookalikes && !sites.some((site) => enclosingFunction(site.node) === fn)) return;
        report(node, 'gatesOnHandshake', { gate: gateText(node) });
      });
    }

    function isInitializeName(node: TSESTree.Node): boolean {
      if (node.type === AST_NODE_TYPES.PrivateIdentifier) return false;
      return ASTUtils.getStaticValue(node, sourceCode.getScope(node))?.value === initializeMethod;
    }

    /** The test of the `if` (with no `else`) a comparison decides, alone or joined with `&&`/`||`. */
    function gateTestOf(comparison: TSESTree.Node): TSESTree.Node | undefined {
      let child: TSESTree.Node = comparison;
      for (;;) {
        const { parent, child: wrapped } = meaningfulParent(child);
        if (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.operator !== '??') {
          child = parent;
          continue;
        }
        return parent?.type === AST_NODE_TYPES.IfStatement && parent.test === wrapped && !parent.alternate ? parent.test : undefined;
      }
    }

    function gateText(node: TSESTree.Node): string {
      return sourceCode.getText(node).replace(/\s+/g, ' ');
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
        for (const at of handshakeRoutes(initializeMethod)) report(at, 'handlesInitialize');
        for (const at of handshakeRoutes(initializedNotification)) report(at, 'handlesInitialized');
        reportMethodGates(reportGates());
      },
    };
  },
});
