import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { fileEvidence } from '../src/ast/evidence.js';
import { mcpMessageLiteral } from '../src/ast/json-rpc.js';
import type { DispatchSite } from '../src/ast/dispatch.js';
import { contains, localFunction, postHandlers, type PostHandler, reachableFunctions, servingSites, sitesReachedFrom } from '../src/ast/mcp-post-handlers.js';
import { sinkOf } from '../src/ast/message-sinks.js';
import { calleeName, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { insideExpectation } from '../src/ast/test-expectations.js';
import { isTransportTestData } from '../src/ast/transport-test-data.js';
import { createRule } from '../src/create-rule.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds =
  | 'httpServerCancelsOnNotification'
  | 'httpClientPostsCancellation'
  | 'serverSendsCancellation'
  | 'clientSendsProgress'
  | 'cancellationWithoutRequestId';

const cancelledMethod = 'notifications/cancelled';
const progressMethod = 'notifications/progress';
const listenMethod = 'subscriptions/listen';
/** Events and properties through which HTTP code learns that the client went away. */
const disconnectEvents = new Set(['close', 'aborted', 'abort']);
const listenerMethods = new Set(['on', 'once', 'addListener', 'addEventListener']);

export default createRule<[], MessageIds>({
  name: 'no-legacy-cancellation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow 2025 cancellation and progress messages that MCP 2026-07-28 no longer sends: `notifications/cancelled` over HTTP or from servers, or without `requestId`, and client `notifications/progress`',
      spec: specUrls.cancellation,
      catalogue: ['H14', 'C6', 'S6', 'S7', 'S8'],
      findings: {
        httpServerCancelsOnNotification: { severity: 'error', fix: 'manual' },
        httpClientPostsCancellation: { severity: 'error', fix: 'manual' },
        serverSendsCancellation: { severity: 'error', fix: 'manual' },
        clientSendsProgress: { severity: 'error', fix: 'manual' },
        cancellationWithoutRequestId: { severity: 'error', fix: 'manual' },
      },
      prefilter: [cancelledMethod, progressMethod],
    },
    messages: {
      httpServerCancelsOnNotification:
        'Treats a POSTed `notifications/cancelled` as the way a request is cancelled, but on Streamable HTTP an MCP 2026-07-28 client cancels by closing the response stream and never sends it. Stop the work when the request\'s connection closes (`req.on(\'close\', …)`, `res.on(\'close\', …)`, `request.signal`).',
      httpClientPostsCancellation:
        'POSTs `notifications/cancelled` to cancel a request; MCP 2026-07-28 defines no client notifications over Streamable HTTP, where closing the request\'s response stream is the cancellation. Abort the request\'s fetch instead (`AbortController.abort()`, or the SDK\'s `signal` request option); keep the notification only on stdio.',
      serverSendsCancellation:
        'A server sends `notifications/cancelled`; under MCP 2026-07-28 a server sends it only on stdio, to end a `subscriptions/listen` stream. Remove it; to end a listen stream, answer the listen request with `{ resultType: \'complete\' }`.',
      clientSendsProgress:
        'A client sends `notifications/progress`, which MCP 2026-07-28 no longer allows: `notifications/cancelled` (on stdio) is the only client notification. Remove it.',
      cancellationWithoutRequestId:
        '`notifications/cancelled` without `params.requestId`; MCP 2026-07-28 requires the id of the request being cancelled. Add `requestId`.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const evidence = fileEvidence(sourceCode);
    // `notifications/cancelled` alone is not MCP's: other JSON-RPC protocols and LSP files stay silent.
    const speaksMcp = evidence.speaksMcp && !evidence.lookalikes.has('lsp');

    function checkMessage(object: TSESTree.ObjectExpression): void {
      const message = mcpMessageLiteral(object, sourceCode);
      if (!message || (message.method !== cancelledMethod && message.method !== progressMethod) || insideExpectation(object)) return;
      // A unit test of a transport pushes a placeholder notification through a fake: no peer cancels anything.
      if (isTransportTestData(object, sourceCode, context.filename)) return;
      const sink = sinkOf(object, sourceCode);
      const node = message.methodNode;
      if (message.method === progressMethod) {
        if (sink?.side === 'client') context.report({ node, messageId: 'clientSendsProgress' });
        return;
      }
      if (sink?.side === 'client' && sink.transport === 'http') return context.report({ node, messageId: 'httpClientPostsCancellation' });
      // On stdio a server may cancel its own `subscriptions/listen` streams; without any, it has nothing to cancel.
      if (sink?.side === 'server' && (sink.transport === 'http' || !evidence.mcpMethods.has(listenMethod))) {
        return context.report({ node, messageId: 'serverSendsCancellation' });
      }
      if (lacksRequestId(message.params)) context.report({ node, messageId: 'cancellationWithoutRequestId' });
    }

    function lacksRequestId(params: TSESTree.Node | undefined): boolean {
      if (!params) return true;
      const object = params.type === AST_NODE_TYPES.Identifier ? constObject(params) : params;
      if (object?.type !== AST_NODE_TYPES.ObjectExpression) return false;
      return object.properties.every((property) => property.type === AST_NODE_TYPES.Property && propertyKeyName(property) !== 'requestId');
    }

    function constObject(identifier: TSESTree.Identifier): TSESTree.Node | undefined {
      const def = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
      return def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init ? unwrap(def.node.init) : undefined;
    }

    /** A hand-rolled HTTP server whose dispatch routes `notifications/cancelled` and whose POST path never watches for a disconnect. */
    function checkHttpServerDispatch(): void {
      for (const handler of postHandlers(sourceCode)) {
        const functions = reachableFunctions(handler, sourceCode);
        const sites = sitesReachedFrom(functions, sourceCode, true);
        // The endpoint must answer MCP requests itself, not only pass messages on.
        if (servingSites(sites).length === 0) continue;
        for (const site of sites) {
          const node = site.methods.get(cancelledMethod);
          if (node && !watchesDisconnect(handler, functions, site)) context.report({ node, messageId: 'httpServerCancelsOnNotification' });
        }
      }
    }

    /**
     * Whether the code a POST that carries this message runs watches for the client going away:
     * the functions that dispatch it (innermost), what they call, the functions on the way from
     * the handler to them, and the route middleware. A `req.on('close')` in a sibling the handler
     * also calls (the GET event stream, detaching itself) is not the POST's cancellation.
     */
    function watchesDisconnect(handler: PostHandler, functions: readonly TSESTree.FunctionLike[], site: DispatchSite): boolean {
      const reach = (fn: TSESTree.FunctionLike) => reachableFunctions({ fn, anchor: fn, middleware: [] }, sourceCode);
      const runsSite = functions.filter((fn) => sitesReachedFrom([fn], sourceCode, true).includes(site));
      const dispatchers = runsSite.filter((fn) => !runsSite.some((other) => other !== fn && contains(fn, other)));
      const relevant = new Set<TSESTree.FunctionLike>([handler.fn]);
      for (const dispatcher of dispatchers) for (const fn of reach(dispatcher)) relevant.add(fn);
      for (const fn of functions) if (dispatchers.some((dispatcher) => reach(fn).includes(dispatcher))) relevant.add(fn);
      for (const middleware of handler.middleware) {
        const fn = localFunction(middleware, sourceCode);
        if (fn) for (const reached of reach(fn)) relevant.add(reached);
      }
      const known = new Set<TSESTree.Node>([...functions, ...relevant]);
      /** The function whose code `node` is: the nearest enclosing one this endpoint calls by name. */
      const ownerOf = (node: TSESTree.Node) => {
        for (let current = node.parent; current; current = current.parent) if (known.has(current)) return current;
        return undefined;
      };
      const requests = new Set([handler.fn.params[0]].filter((param) => param !== undefined));
      let found = false;
      for (const fn of relevant) {
        walk(fn.body ?? fn, sourceCode.visitorKeys, (node) => {
          if (found || ownerOf(node) !== fn) return;
          if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'signal') {
            found = isRequestExpression(node.object, requests);
          }
          if (node.type === AST_NODE_TYPES.CallExpression && listenerMethods.has(calleeName(node) ?? '') && node.arguments[0]) {
            const event = ASTUtils.getStaticValue(node.arguments[0], sourceCode.getScope(node.arguments[0]))?.value;
            found = typeof event === 'string' && disconnectEvents.has(event);
          }
        });
        if (found) return true;
      }
      return false;
    }

    function isRequestExpression(node: TSESTree.Node, requests: ReadonlySet<TSESTree.Node>): boolean {
      let root = unwrap(node);
      while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
      if (root.type !== AST_NODE_TYPES.Identifier) return false;
      const def = ASTUtils.findVariable(sourceCode.getScope(root), root)?.defs[0];
      return def?.type === 'Parameter' && requests.has(def.name as TSESTree.Node);
    }

    return {
      ObjectExpression(node) {
        if (speaksMcp) checkMessage(node);
      },
      'Program:exit'() {
        if (speaksMcp) checkHttpServerDispatch();
      },
    };
  },
});
