import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { isCommandOptions } from '../src/ast/command-options.js';
import type { DispatchSite } from '../src/ast/dispatch.js';
import { fileEvidence } from '../src/ast/evidence.js';
import { mcpHandlerSites, serverRequestMethodsOf } from '../src/ast/hand-rolled-server.js';
import { enclosingFunction, mcpMethodHandledAt } from '../src/ast/handlers.js';
import { importedBindingOf, mcpExportOf } from '../src/ast/imports.js';
import { mcpMessageLiteral } from '../src/ast/json-rpc.js';
import { calleeName, meaningfulParent, propertyKeyName, unwrap } from '../src/ast/nodes.js';
import { mcpSideOf, sdkMethodCall } from '../src/ast/sdk.js';
import { insideExpectation } from '../src/ast/test-expectations.js';
import { isClientCommandRouting, isSchemaCheckInput, isTrafficRecordValue } from '../src/ast/unsent-values.js';
import { createRule } from '../src/create-rule.js';
import {
  changeNotificationSchemas,
  changeNotifications,
  listenMethod,
  sdkChangeSenders,
  stdioServingEntry,
  subscribeClientMethods,
  subscribeMethods,
  subscribeSchemas,
  subscriptionIdMetaConstant,
  subscriptionIdMetaKey,
} from '../src/mcp/change-notifications.js';
import { isMcpModuleSpecifier } from '../src/mcp/packages.js';
import { specUrls } from '../src/mcp/spec.js';
import { lookupTable } from '../src/mcp/lookup-table.js';

type MessageIds =
  | 'handlesSubscribe'
  | 'storesSubscription'
  | 'callsSubscribe'
  | 'sendsSubscribe'
  | 'sendsChangeUnsolicited'
  | 'writesChangeNotification'
  | 'listensWithoutSubscription';

const changeSenderNames: ReadonlySet<string> = new Set(Object.keys(sdkChangeSenders));
/** What each SDK sender puts on the wire. */
const notificationOfSender: Readonly<Record<string, string>> = lookupTable({
  sendToolListChanged: 'notifications/tools/list_changed',
  sendPromptListChanged: 'notifications/prompts/list_changed',
  sendResourceListChanged: 'notifications/resources/list_changed',
  sendResourceUpdated: 'notifications/resources/updated',
});
/** Keys of a `subscriptions/listen` filter: a `.listen({ … })` with one of them opens a listen stream. */
const listenFilterKeys: ReadonlySet<string> = new Set(['toolsListChanged', 'promptsListChanged', 'resourcesListChanged', 'resourceSubscriptions']);
/** How code says "no such method" (`MethodNotFound`, `METHOD_NOT_FOUND`, `methodNotFound(id)`, 404): the 2026-07-28 answer to `resources/subscribe`. */
const methodNotFoundToken = /^(?:method_?not_?found|404)$/i;
/** Collection writes that keep a subscription: `subscriptions.add(uri)`, `subscribers.set(uri, …)`. */
const collectionWrites: ReadonlySet<string> = new Set(['add', 'set', 'push']);
/** The v2 client package, whose `listChanged` option opens a listen stream on 2026-07-28 connections. */
const v2ClientPackage = '@modelcontextprotocol/client';

export default createRule<[], MessageIds>({
  name: 'no-legacy-subscriptions',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow resources/subscribe and unsolicited list_changed and resources/updated notifications, which MCP 2026-07-28 replaced with subscriptions/listen',
      spec: specUrls.subscriptions,
      catalogue: ['S1', 'S2', 'S3', 'S4', 'H15'],
      findings: {
        handlesSubscribe: { severity: 'error', fix: 'manual' },
        storesSubscription: { severity: 'error', fix: 'manual' },
        callsSubscribe: { severity: 'error', fix: 'manual' },
        sendsSubscribe: { severity: 'error', fix: 'manual' },
        sendsChangeUnsolicited: { severity: 'error', fix: 'manual' },
        writesChangeNotification: { severity: 'error', fix: 'manual' },
        listensWithoutSubscription: { severity: 'warning', fix: 'manual' },
      },
      // Whole method, schema and SDK method names: the prefilter matches the longest token at
      // each place, so a shorter one ('list_changed') would be hidden by other rules' longer ones.
      prefilter: [
        ...subscribeMethods,
        ...Object.keys(subscribeSchemas),
        ...subscribeClientMethods,
        ...Object.keys(changeNotifications),
        ...Object.keys(changeNotificationSchemas),
        ...Object.keys(sdkChangeSenders),
      ],
    },
    messages: {
      handlesSubscribe:
        'Handles `{{method}}`, which MCP 2026-07-28 removed: a 2026-07-28 server answers it with -32601 (HTTP 404) and takes resource subscriptions as `notifications: { resourceSubscriptions: [uri] }` of a `subscriptions/listen` request. Serve `subscriptions/listen` instead (SDK v2 `createMcpHandler`/`serveStdio` do), and keep this handler, with any per-session subscription set it fills, only while you serve 2025 clients.',
      storesSubscription:
        "Keeps a resource subscription per session; MCP 2026-07-28 has neither: the client's open `subscriptions/listen` stream and its `resourceSubscriptions` filter are the subscription. Drop this store and send `notifications/resources/updated` only on the listen streams that asked for the URI (SDK v2: `handler.notify.resourceUpdated(uri)`).",
      callsSubscribe:
        '`{{method}}()` sends `{{request}}`, which MCP 2026-07-28 removed (SDK v2 throws on a 2026-07-28 connection). Open a listen stream instead: `client.listen({ resourceSubscriptions: [uri] })` on SDK v2, and close the subscription to unsubscribe.',
      sendsSubscribe:
        'Sends `{{method}}`, which MCP 2026-07-28 removed: send a `subscriptions/listen` request with `params: { notifications: { resourceSubscriptions: [uri] } }` and read the updates on its stream (SDK v2: `client.listen({ resourceSubscriptions: [uri] })`); closing the stream unsubscribes.',
      sendsChangeUnsolicited:
        '`{{method}}()` sends `{{notification}}` to every connected client unasked; under MCP 2026-07-28 it may only go to `subscriptions/listen` streams that asked for it. On SDK v2 publish with `{{replacement}}` on the `createMcpHandler` result, or serve with `serveStdio`, which routes this call for you.',
      writesChangeNotification:
        "Writes `{{method}}` outside a `subscriptions/listen` stream; MCP 2026-07-28 delivers it only on listen streams whose filter asked for it (`{{filter}}`), after `notifications/subscriptions/acknowledged`, with `_meta['io.modelcontextprotocol/subscriptionId']` set to the listen request's id.{{sdkHint}}",
      listensWithoutSubscription:
        'Waits for `{{method}}`, which a 2026-07-28 server sends only on a `subscriptions/listen` stream the client opened, and nothing in this file opens one. Call `client.listen({ {{filter}} })` on SDK v2 (or send `subscriptions/listen` with `notifications: { {{filter}} }`); this handler then receives them.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const evidence = fileEvidence(sourceCode);
    /** Client handlers of change notifications, reported at the end unless the file opens a listen stream. */
    const waiting: { node: TSESTree.Node; method: string }[] = [];
    /** Subscription stores filled in a subscribe handler, reported at the end unless the handler is. */
    const stores: TSESTree.Node[] = [];
    /** The code of each subscribe handler reported: a store filled there is part of that finding. */
    const reportedHandlers: TSESTree.Node[] = [];
    let opensListenStream = evidence.mcpMethods.has(listenMethod);
    const servedByStdio = importsFromMcp(stdioServingEntry);
    const sdkHint = evidence.importsMcp ? ' On SDK v2, publish with `handler.notify.*()` on the `createMcpHandler` result.' : '';

    function report(node: TSESTree.Node, messageId: MessageIds, data?: Record<string, string>): void {
      context.report({ node, messageId, ...(data ? { data } : {}) });
    }

    /** Whether the file imports `name` from an MCP package (`serveStdio`). */
    function importsFromMcp(name: string): boolean {
      if (!evidence.importsMcp) return false;
      return sourceCode.ast.tokens.some((token) => {
        if (token.type !== 'Identifier' || token.value !== name) return false;
        const node = sourceCode.getNodeByRangeIndex(token.range[0]);
        if (node?.type !== AST_NODE_TYPES.Identifier) return false;
        const binding = importedBindingOf(node, sourceCode.getScope(node));
        return binding !== undefined && isMcpModuleSpecifier(binding.source);
      });
    }

    /** The code that runs for `method` at a dispatch site: the case body, the `if` branch, the table value, the registered callback. */
    function branchOf(site: DispatchSite, methodNode: TSESTree.Node): TSESTree.Node[] {
      const parent = methodNode.parent;
      if (site.kind === 'switch' && parent?.type === AST_NODE_TYPES.SwitchCase) {
        const cases = parent.parent.cases;
        return cases.slice(cases.indexOf(parent)).find((c) => c.consequent.length > 0)?.consequent ?? [];
      }
      if (parent?.type === AST_NODE_TYPES.Property) return [parent.value];
      if (parent?.type === AST_NODE_TYPES.CallExpression) return parent.arguments.slice(1);
      for (let node: TSESTree.Node | undefined = methodNode; node; node = node.parent) {
        if (node.parent?.type === AST_NODE_TYPES.IfStatement && node.parent.test === node) return [node.parent.consequent];
      }
      return [];
    }

    /** Code that answers "method not found" (-32601, HTTP 404): how a 2026-07-28 server treats subscribe. */
    function answersMethodNotFound(nodes: readonly TSESTree.Node[]): boolean {
      return nodes.some((node) =>
        sourceCode.getTokens(node).some((token, index, tokens) =>
          methodNotFoundToken.test(token.value) || (token.value === '32601' && tokens[index - 1]?.value === '-'),
        ),
      );
    }

    /** S1 and S4 at hand-rolled and v2 dispatch sites. */
    function checkSites(): void {
      for (const site of mcpHandlerSites(sourceCode)) {
        const isServerSide = serverRequestMethodsOf(site).length > 0;
        for (const [method, node] of site.methods) {
          // A client's command router (`args.method === 'resources/subscribe'` → `client.subscribe…`) handles nothing.
          const branch = branchOf(site, node);
          if (subscribeMethods.has(method) && !answersMethodNotFound(branch) && !isClientCommandRouting(node, sourceCode)) {
            report(node, 'handlesSubscribe', { method });
            reportedHandlers.push(...branch);
          }
          // `expect(() => proxy.setNotificationHandler(…)).not.toThrow()` tests a registration API; it waits for nothing.
          if (method in changeNotifications && !isServerSide && !insideExpectation(node)) waiting.push({ node, method });
        }
      }
    }

    /** `setRequestHandler(SubscribeRequestSchema, …)`, `setNotificationHandler(ToolListChangedNotificationSchema, …)` (SDK v1 schemas). */
    function checkSchemaRegistration(node: TSESTree.CallExpression): void {
      const name = calleeName(node);
      const first = node.arguments[0];
      if (!first || (name !== 'setRequestHandler' && name !== 'setNotificationHandler')) return;
      const schema = mcpExportOf(first, sourceCode.getScope(first))?.name;
      if (!schema) return;
      const subscribe = subscribeSchemas[schema];
      if (name === 'setRequestHandler' && subscribe && !answersMethodNotFound(node.arguments.slice(1))) {
        report(first, 'handlesSubscribe', { method: subscribe });
        reportedHandlers.push(...node.arguments.slice(1));
      }
      const notification = changeNotificationSchemas[schema];
      if (name === 'setNotificationHandler' && notification && !isOnServer(node) && !insideExpectation(node)) waiting.push({ node: first, method: notification });
    }

    function isOnServer(call: TSESTree.CallExpression): boolean {
      const callee = unwrap(call.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && mcpSideOf(callee.object, sourceCode) === 'server';
    }

    /** S1: `subscriptions.add(uri)` inside a `resources/subscribe` handler. */
    function checkSubscriptionStore(node: TSESTree.CallExpression): void {
      const name = calleeName(node);
      if (!name || !collectionWrites.has(name) || unwrap(node.callee).type !== AST_NODE_TYPES.MemberExpression) return;
      if (!node.arguments.some((argument) => /uri/i.test(sourceCode.getText(argument)))) return;
      if (mcpMethodHandledAt(node, context) === 'resources/subscribe') stores.push(node);
    }

    /** S1 stores outside the subscribe handlers reported above (in a helper the handler calls, or a handler left unreported). */
    function reportStores(): void {
      for (const node of stores) {
        if (!reportedHandlers.some((handler) => handler.range[0] <= node.range[0] && node.range[1] <= handler.range[1])) report(node, 'storesSubscription');
      }
    }

    /** S2 and S3 through the SDK: `client.subscribeResource(…)`, `server.sendToolListChanged()`. */
    function checkSdkCall(node: TSESTree.CallExpression): void {
      const subscribe = sdkMethodCall(node, sourceCode, { methods: subscribeClientMethods, side: 'client', distinctive: subscribeClientMethods });
      // The SDK's takes `{ uri }`; an untraced receiver called with a string is somebody else's.
      if (subscribe && !(subscribe.side === undefined && isPlainValue(node.arguments[0]))) {
        const request = subscribe.method === 'subscribeResource' ? 'resources/subscribe' : 'resources/unsubscribe';
        report(node, 'callsSubscribe', { method: subscribe.method, request });
      }
      const sender = sdkMethodCall(node, sourceCode, { methods: changeSenderNames, side: 'server', distinctive: changeSenderNames });
      if (sender && !servedByStdio) {
        report(node, 'sendsChangeUnsolicited', {
          method: sender.method,
          notification: notificationOfSender[sender.method]!,
          replacement: sdkChangeSenders[sender.method]!,
        });
      }
    }

    /** Whether a `.listen(…)` call opens an MCP listen stream: on an SDK client, or with a listen filter. */
    function checkListen(node: TSESTree.CallExpression): void {
      const callee = unwrap(node.callee);
      if (calleeName(node) !== 'listen' || callee.type !== AST_NODE_TYPES.MemberExpression) return;
      const filter = node.arguments[0] && unwrap(node.arguments[0]);
      const hasFilterKey = filter?.type === AST_NODE_TYPES.ObjectExpression && filter.properties.some((p) => p.type === AST_NODE_TYPES.Property && listenFilterKeys.has(propertyKeyName(p) ?? ''));
      if (hasFilterKey || mcpSideOf(callee.object, sourceCode) === 'client') opensListenStream = true;
    }

    /** `new Client(info, { listChanged: … })` from SDK v2 opens a listen stream on 2026-07-28 connections. */
    function checkClientOptions(node: TSESTree.NewExpression): void {
      const exported = mcpExportOf(node.callee, sourceCode.getScope(node));
      const options = node.arguments[1] && unwrap(node.arguments[1]);
      if (exported?.name !== 'Client' || exported.source !== v2ClientPackage || options?.type !== AST_NODE_TYPES.ObjectExpression) return;
      if (options.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'listChanged')) opensListenStream = true;
    }

    /** S2 and S3 hand-rolled: `{ method: 'resources/subscribe' }` sent, `{ method: 'notifications/tools/list_changed' }` written. */
    function checkMessage(node: TSESTree.ObjectExpression): void {
      const message = mcpMessageLiteral(node, sourceCode);
      // Assertions, schema samples and traffic-log copies describe messages; they send none.
      if (!message || isAssertionArgument(node) || isSchemaCheckInput(node) || isTrafficRecordValue(node, sourceCode)) return;
      if (subscribeMethods.has(message.method)) {
        // `runMethod(client, { method: 'resources/subscribe', uri })`: a command's options, since a
        // subscribe request without `params` has no URI; the SDK call it leads to is reported there.
        if (isCommandOptions(node)) return;
        // A test that sends it to check the answer is "method not found" (404, -32601).
        const body = enclosingFunction(node)?.body;
        if (!(body && answersMethodNotFound([body]))) report(message.methodNode, 'sendsSubscribe', { method: message.method });
        return;
      }
      const filter = changeNotifications[message.method];
      if (!filter || message.isRequest || servedByStdio) return;
      if (carriesSubscriptionId(message.params) || mcpMethodHandledAt(node, context) === listenMethod) return;
      report(message.methodNode, 'writesChangeNotification', { method: message.method, filter, sdkHint });
    }

    function carriesSubscriptionId(params: TSESTree.Node | undefined): boolean {
      if (!params) return false;
      const text = sourceCode.getText(params);
      return text.includes(subscriptionIdMetaKey) || text.includes(subscriptionIdMetaConstant);
    }

    return {
      CallExpression(node) {
        checkSchemaRegistration(node);
        checkSubscriptionStore(node);
        checkSdkCall(node);
        checkListen(node);
      },
      NewExpression: checkClientOptions,
      ObjectExpression: checkMessage,
      'Program:exit'() {
        checkSites();
        reportStores();
        if (opensListenStream) return;
        for (const { node, method } of waiting) {
          report(node, 'listensWithoutSubscription', { method, filter: changeNotifications[method]! });
        }
      },
    };
  },
});

function isPlainValue(node: TSESTree.Node | undefined): boolean {
  const inner = node && unwrap(node);
  return inner?.type === AST_NODE_TYPES.Literal || inner?.type === AST_NODE_TYPES.TemplateLiteral;
}

/**
 * An object a test compares against (`expect(messages).toContainEqual({ method: … })`,
 * `assert.deepEqual(msg, { … })`): what a test expects to receive, not a message it sends.
 */
function isAssertionArgument(object: TSESTree.ObjectExpression): boolean {
  let { parent, child } = meaningfulParent(object);
  while (parent && (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.ObjectExpression || parent.type === AST_NODE_TYPES.ArrayExpression)) {
    ({ parent, child } = meaningfulParent(parent));
  }
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return false;
  let callee = unwrap(parent.callee);
  while (callee.type === AST_NODE_TYPES.MemberExpression) callee = unwrap(callee.object);
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'assert') return true;
  return callee.type === AST_NODE_TYPES.CallExpression && calleeName(callee) === 'expect';
}
