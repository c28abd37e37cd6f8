import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { constantOrigin, staticValue } from '../src/ast/constants.js';
import { fileEvidence } from '../src/ast/evidence.js';
import { handlerFunctions, httpRoutes, routeHandledBy, type HttpRoute } from '../src/ast/http-routes.js';
import { mcpMessageLiteral } from '../src/ast/json-rpc.js';
import {
  answersMethodNotAllowed,
  endpointEvidenceTokens,
  evidenceIn,
  handsToTransport,
  inMcpHttpContext,
  isMcpEndpointRoute,
  routeEvidence,
  testsPath,
} from '../src/ast/mcp-http-endpoint.js';
import { calleeName, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import { eventStreamContentType, getStreamHandlerNames, mcpOnlyHeaders, sessionDeleteHandlerNames } from '../src/mcp/http-serving.js';
import { specUrls } from '../src/mcp/spec.js';
import { lookupTable } from '../src/mcp/lookup-table.js';

type MessageIds = 'servesGetStream' | 'servesSessionDelete' | 'routesAllMethodsToTransport' | 'opensGetStream' | 'sendsSessionDelete';

/** The removed 2025 uses of each HTTP method, server side. */
const serverMessage: Readonly<Record<string, MessageIds>> = lookupTable({ GET: 'servesGetStream', DELETE: 'servesSessionDelete' });

/** `req.method`, `c.req.method`, `request.method`: where the HTTP method of a request is read. */
function isRequestMethodRead(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier && inner.property.name === 'method';
}

/** The `if`/`?:` whose test holds `binary`, through `&&`, `||` and `!`; with whether `binary` being true takes the consequent. */
function conditionalOf(binary: TSESTree.BinaryExpression): { conditional: TSESTree.IfStatement | TSESTree.ConditionalExpression; whenTrue: boolean } | undefined {
  let child: TSESTree.Node = binary;
  let whenTrue = binary.operator === '===' || binary.operator === '==';
  for (let parent = binary.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.LogicalExpression) continue;
    if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') {
      whenTrue = !whenTrue;
      continue;
    }
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test === child) {
      return { conditional: parent, whenTrue };
    }
    return undefined;
  }
  return undefined;
}

/** The code that runs for the method a test selects: the branch, or what follows an `if` that exits early. */
function selectedBranch(conditional: TSESTree.IfStatement | TSESTree.ConditionalExpression, whenTrue: boolean): TSESTree.Node[] {
  if (whenTrue) return [conditional.consequent];
  if (conditional.alternate) return [conditional.alternate];
  if (conditional.type !== AST_NODE_TYPES.IfStatement || !exits(conditional.consequent)) return [];
  const block = conditional.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement && block.type !== AST_NODE_TYPES.Program) return [];
  const body = block.body as TSESTree.Node[];
  return body.slice(body.indexOf(conditional) + 1);
}

function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type === AST_NODE_TYPES.BlockStatement) return statement.body.some(exits);
  return false;
}

/** A `case 'GET':` body, through the empty cases that fall into the next one. */
function caseBody(switchCase: TSESTree.SwitchCase): TSESTree.Node[] {
  const cases = switchCase.parent.cases;
  const body: TSESTree.Node[] = [];
  for (let i = cases.indexOf(switchCase); i < cases.length && body.length === 0; i++) body.push(...cases[i]!.consequent);
  return body;
}

export default createRule<[], MessageIds>({
  name: 'no-standalone-get-stream',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow the GET stream and the session DELETE of 2025 Streamable HTTP, which MCP 2026-07-28 removed',
      spec: specUrls.streamableHttp,
      catalogue: ['H5', 'H6', 'C2', 'C3'],
      findings: {
        servesGetStream: { severity: 'error', fix: 'transform', transform: 'http-handler' },
        servesSessionDelete: { severity: 'error', fix: 'transform', transform: 'http-handler' },
        routesAllMethodsToTransport: { severity: 'error', fix: 'manual' },
        opensGetStream: { severity: 'error', fix: 'manual' },
        sendsSessionDelete: { severity: 'error', fix: 'manual' },
      },
      // Every report needs evidence of an MCP endpoint, and every kind of evidence spells one of these.
      prefilter: endpointEvidenceTokens,
    },
    messages: {
      servesGetStream:
        'Serves GET on the MCP endpoint, the 2025 standalone SSE stream that MCP 2026-07-28 removed. Answer GET with 405 Method Not Allowed (SDK v2 `createMcpHandler` does) and deliver change notifications on `subscriptions/listen` streams instead.',
      servesSessionDelete:
        'Serves DELETE on the MCP endpoint to end a 2025 session; MCP 2026-07-28 has no sessions. Answer DELETE with 405 Method Not Allowed (SDK v2 `createMcpHandler` does) and drop the session teardown.',
      routesAllMethodsToTransport:
        'Hands every HTTP method, GET and DELETE included, to a 2025 Streamable HTTP transport, which opens the standalone SSE stream and ends sessions; MCP 2026-07-28 removed both. Answer GET and DELETE with 405 Method Not Allowed, or mount SDK v2 `createMcpHandler`, which does.',
      opensGetStream:
        'Opens the 2025 GET SSE stream of an MCP endpoint, which 2026-07-28 servers answer with 405. POST `subscriptions/listen` with a `notifications` filter and read its SSE response instead (SDK v2: `client.listen(filter)`).',
      sendsSessionDelete:
        'Sends the 2025 session-ending DELETE to an MCP endpoint; 2026-07-28 servers keep no session and answer 405. Remove the request.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    let postUrls: Set<string> | undefined;

    /**
     * A GET or DELETE route on the MCP endpoint that neither answers 405 nor hands over to
     * `createMcpHandler`; or an all-methods route that hands every request, GET and DELETE
     * included, to an SDK transport without looking at the method.
     */
    function checkRoute(route: HttpRoute): void {
      const messageId = route.method === 'ALL' ? 'routesAllMethodsToTransport' : serverMessage[route.method];
      if (!messageId || !isMcpEndpointRoute(route, sourceCode) || routeEvidence(route, sourceCode).modern) return;
      const bodies = route.handlers.flatMap((handler) => handlerFunctions(handler, sourceCode));
      if (answersMethodNotAllowed([...route.handlers, ...bodies], sourceCode)) return;
      if (messageId === 'routesAllMethodsToTransport' && (!handsToTransport(bodies, sourceCode) || filtersMethods(bodies))) return;
      context.report({ node: route.reportNode, messageId });
    }

    /**
     * Handlers that sort requests by HTTP method themselves: they test for GET or DELETE (those
     * branches are judged below), or turn away everything but POST (`req.method !== 'POST'`).
     * A `req.method === 'POST' && isInitializeRequest(…)` test lets GET through to the transport.
     */
    function filtersMethods(bodies: TSESTree.Node[]): boolean {
      let found = false;
      for (const body of bodies) {
        walk(body, sourceCode.visitorKeys, (node) => {
          if (node.type === AST_NODE_TYPES.BinaryExpression) {
            const method = testedHttpMethod(node.left, node.right);
            const negated = node.operator === '!==' || node.operator === '!=';
            if (method === 'GET' || method === 'DELETE' || (method === 'POST' && negated)) found = true;
          }
          if (node.type === AST_NODE_TYPES.SwitchStatement && node.cases.some((c) => c.test && ['GET', 'DELETE'].includes(testedHttpMethod(node.discriminant, c.test) ?? ''))) {
            found = true;
          }
        });
      }
      return found;
    }

    function testedHttpMethod(left: TSESTree.Node, right: TSESTree.Node): string | undefined {
      const [read, other] = isRequestMethodRead(left) ? [left, right] : [right, left];
      return isRequestMethodRead(read) ? httpMethodOf(other) : undefined;
    }

    /** Code that runs for GET or DELETE inside an MCP endpoint: it must answer 405 or hand over to `createMcpHandler`. */
    function servesRemovedMethod(test: TSESTree.Node, branch: TSESTree.Node[], pathTest: TSESTree.Node): boolean {
      if (branch.length === 0) return false;
      const onMcpEndpoint = testsPath(pathTest, sourceCode) ? evidenceIn(branch, sourceCode).mcp : inMcpHttpContext(test, sourceCode);
      if (!onMcpEndpoint || answersMethodNotAllowed(branch, sourceCode)) return false;
      return !evidenceIn(branch, sourceCode).modern;
    }

    function httpMethodOf(node: TSESTree.Node): string | undefined {
      const value = staticValue(node, sourceCode.getScope(node))?.value;
      return typeof value === 'string' ? value.toUpperCase() : undefined;
    }

    function checkMethodComparison(binary: TSESTree.BinaryExpression): void {
      const [read, other] = isRequestMethodRead(binary.left) ? [binary.left, binary.right] : [binary.right, binary.left];
      if (!isRequestMethodRead(read)) return;
      const messageId = serverMessage[httpMethodOf(other) ?? ''];
      const selected = messageId && conditionalOf(binary);
      if (!messageId || !selected) return;
      const branch = selectedBranch(selected.conditional, selected.whenTrue);
      if (servesRemovedMethod(binary, branch, selected.conditional.test)) context.report({ node: binary, messageId });
    }

    function checkMethodCase(switchCase: TSESTree.SwitchCase): void {
      if (!switchCase.test || !isRequestMethodRead(switchCase.parent.discriminant)) return;
      const messageId = serverMessage[httpMethodOf(switchCase.test) ?? ''];
      if (messageId && servesRemovedMethod(switchCase.test, caseBody(switchCase), switchCase.test)) {
        context.report({ node: switchCase.test, messageId });
      }
    }

    /** `handleGetRequest()`/`handleDeleteRequest()` of a hand-rolled (or copied) transport. */
    function checkHandlerDefinition(key: TSESTree.Node, name: string | undefined, body: TSESTree.Node): void {
      const messageId = getStreamHandlerNames.includes(name ?? '') ? 'servesGetStream' : sessionDeleteHandlerNames.includes(name ?? '') ? 'servesSessionDelete' : undefined;
      if (!messageId || !inMcpHttpContext(key, sourceCode) || answersMethodNotAllowed([body], sourceCode)) return;
      context.report({ node: key, messageId });
    }

    /** `fetch(url, { method, headers })`, `axios.get(url, { headers })`, `http.delete(url, { headers })`. */
    function checkClientRequest(call: TSESTree.CallExpression): void {
      const request = clientRequestOf(call);
      if (!request || !talksToMcpEndpoint(request)) return;
      if (request.method === 'DELETE') context.report({ node: request.reportNode, messageId: 'sendsSessionDelete' });
      else if (request.method === 'GET' && acceptsEventStream(request.headers)) context.report({ node: request.reportNode, messageId: 'opensGetStream' });
    }

    function clientRequestOf(call: TSESTree.CallExpression): ClientRequest | undefined {
      const name = calleeName(call);
      const [url, initArgument] = call.arguments;
      if (!url || !name) return undefined;
      const init = initArgument ? objectLiteralOf(initArgument) : undefined;
      if (name === 'fetch') {
        const methodProperty = init && propertyOf(init, 'method');
        const method = methodProperty ? httpMethodOf(methodProperty.value) : 'GET';
        return method ? { url, method, headers: headersOf(init), reportNode: unwrap(call.callee) } : undefined;
      }
      // HTTP client libraries: the route-free `get(url, config)` / `delete(url, config)` shape.
      if ((name === 'get' || name === 'delete') && init && !httpRoutes(sourceCode).some((route) => route.reportNode === call.callee || route.reportNode === unwrap(call.callee))) {
        return { url, method: name.toUpperCase(), headers: headersOf(init), reportNode: unwrap(call.callee) };
      }
      return undefined;
    }

    function objectLiteralOf(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      const origin = constantOrigin(inner, sourceCode.getScope(inner))?.node;
      return origin?.type === AST_NODE_TYPES.ObjectExpression ? origin : undefined;
    }

    function headersOf(init: TSESTree.ObjectExpression | undefined): Map<string, TSESTree.Node> {
      const headers = new Map<string, TSESTree.Node>();
      const property = init && propertyOf(init, 'headers');
      const object = property && objectLiteralOf(property.value);
      for (const entry of object?.properties ?? []) {
        if (entry.type !== AST_NODE_TYPES.Property) continue;
        const key = entry.computed ? staticValue(entry.key, sourceCode.getScope(entry.key))?.value : propertyKeyName(entry);
        if (typeof key === 'string') headers.set(key.toLowerCase(), entry.value);
      }
      return headers;
    }

    function propertyOf(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
      return object.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === key);
    }

    function acceptsEventStream(headers: Map<string, TSESTree.Node>): boolean {
      const accept = headers.get('accept');
      const value = accept && staticValue(accept, sourceCode.getScope(accept))?.value;
      return typeof value === 'string' && value.toLowerCase().includes(eventStreamContentType);
    }

    /** The request names an MCP-only header, or goes to the URL this file POSTs MCP messages to. */
    function talksToMcpEndpoint(request: ClientRequest): boolean {
      if (mcpOnlyHeaders.some((header) => request.headers.has(header))) return true;
      return fileEvidence(sourceCode).speaksMcp && mcpPostUrls().has(urlKey(request.url));
    }

    function urlKey(url: TSESTree.Node): string {
      const value = staticValue(url, sourceCode.getScope(url))?.value;
      return typeof value === 'string' ? value : sourceCode.getText(url);
    }

    /** URLs (by value or source text) of the `fetch` POSTs in the file whose body is an MCP JSON-RPC message. */
    function mcpPostUrls(): Set<string> {
      if (postUrls) return postUrls;
      postUrls = new Set<string>();
      walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression || calleeName(node) !== 'fetch' || !node.arguments[0] || !node.arguments[1]) return;
        const init = objectLiteralOf(node.arguments[1]);
        const body = init && propertyOf(init, 'body');
        if (body && sendsMcpMessage(body.value)) postUrls!.add(urlKey(node.arguments[0]));
      });
      return postUrls;
    }

    /** `JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params })`, also through a constant. */
    function sendsMcpMessage(body: TSESTree.Node): boolean {
      let found = false;
      walk(body, sourceCode.visitorKeys, (node) => {
        const object = node.type === AST_NODE_TYPES.ObjectExpression ? node : node.type === AST_NODE_TYPES.Identifier ? objectLiteralOf(node) : undefined;
        if (object && mcpMessageLiteral(object, sourceCode)) found = true;
      });
      return found;
    }

    return {
      'Program:exit'() {
        for (const route of httpRoutes(sourceCode)) checkRoute(route);
      },
      BinaryExpression(node) {
        if (['===', '==', '!==', '!='].includes(node.operator)) checkMethodComparison(node);
      },
      SwitchCase(node) {
        checkMethodCase(node);
      },
      MethodDefinition(node) {
        checkHandlerDefinition(node.key, propertyKeyName(node), node.value);
      },
      FunctionDeclaration(node) {
        // A function mounted as a route is judged with its route.
        if (node.id && !routeHandledBy(node, sourceCode)) checkHandlerDefinition(node.id, node.id.name, node.body);
      },
      CallExpression(node) {
        checkClientRequest(node);
      },
    };
  },
});

interface ClientRequest {
  url: TSESTree.Node;
  method: string;
  headers: Map<string, TSESTree.Node>;
  reportNode: TSESTree.Node;
}
