import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { usesOf } from './client-registration.js';
import { mcpExportOf } from './imports.js';
import { localFunction, postHandlers } from './mcp-post-handlers.js';
import { calleeName, isFunction, propertyKeyName, unwrap, walk } from './nodes.js';
import { handlerContextParameter, handlerContextPath, mcpSideOf } from './sdk.js';
import { mcpInstanceClassOf } from './transports.js';
import { lookupTable } from '../mcp/lookup-table.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Side = 'client' | 'server';
type Transport = 'http' | 'stdio';

/** Who sends a JSON-RPC message, and over what, as far as the file shows. */
export interface MessageSink {
  side: Side | undefined;
  transport: Transport | undefined;
}

/** SDK transports by the side and wire they serve. */
const sdkTransports: Readonly<Record<string, MessageSink>> = lookupTable({
  StreamableHTTPClientTransport: { side: 'client', transport: 'http' },
  SSEClientTransport: { side: 'client', transport: 'http' },
  StdioClientTransport: { side: 'client', transport: 'stdio' },
  StreamableHTTPServerTransport: { side: 'server', transport: 'http' },
  NodeStreamableHTTPServerTransport: { side: 'server', transport: 'http' },
  WebStandardStreamableHTTPServerTransport: { side: 'server', transport: 'http' },
  SSEServerTransport: { side: 'server', transport: 'http' },
  StdioServerTransport: { side: 'server', transport: 'stdio' },
  createMcpHandler: { side: 'server', transport: 'http' },
  serveStdio: { side: 'server', transport: 'stdio' },
});

/** Requests a client answers (server-to-client requests in 2025): their handlers run on the client. */
const clientHandledMethods = new Set(['sampling/createMessage', 'elicitation/create', 'roots/list']);
const clientHandledSchemas = new Set(['CreateMessageRequestSchema', 'ElicitRequestSchema', 'ListRootsRequestSchema']);

const httpRequestCalls = new Set(['fetch', 'post', 'request', 'ofetch', '$fetch']);
const responseWrites = new Set(['write', 'end', 'json', 'send', 'writeSSE', 'enqueue', 'writeSse', 'pushMessage']);
const responseNames = /^(?:res|resp|response|reply|stream|sse|writer|controller|c|ctx)$/;
/** Calls a serialised message passes through on its way out. */
const passThrough = new Set(['stringify', 'encode', 'from', 'concat']);
const maxDepth = 3;

/**
 * Where a message object goes: a `fetch` POST body (an HTTP client), a response write or SSE
 * event (an HTTP server), `process.stdout` (a stdio server), a child's `stdin` (a stdio
 * client), an SDK transport's `send`, an SDK `notification(…)` or a handler context's
 * `sendNotification(…)`, also through `const`s, `JSON.stringify`, templates and local helpers.
 */
export function sinkOf(object: TSESTree.Node, sourceCode: SourceCode, depth = 0): MessageSink | undefined {
  if (depth > maxDepth) return undefined;
  for (const use of usesOf(object, sourceCode)) {
    const sink = sinkOfUse(use, sourceCode, depth);
    if (sink) return sink;
  }
  return undefined;
}

function sinkOfUse(use: TSESTree.Node, sourceCode: SourceCode, depth: number): MessageSink | undefined {
  let node = use;
  for (let steps = 0; steps < 8; steps++) {
    const parent = node.parent;
    if (!parent) return undefined;
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.AwaitExpression:
        node = parent;
        continue;
      case AST_NODE_TYPES.BinaryExpression:
        if (parent.operator !== '+') return undefined;
        node = parent;
        continue;
      case AST_NODE_TYPES.Property:
        if (parent.value !== node || !['body', 'json', 'data', 'message'].includes(propertyKeyName(parent) ?? '')) return undefined;
        node = parent.parent;
        continue;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (!parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return undefined;
        if (passThrough.has(calleeName(parent) ?? '')) {
          node = parent;
          continue;
        }
        return sinkOfCall(parent, parent.arguments.indexOf(node as TSESTree.CallExpressionArgument), sourceCode, depth);
      }
      default:
        return parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node ? sinkOf(node, sourceCode, depth + 1) : undefined;
    }
  }
  return undefined;
}

function sinkOfCall(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, sourceCode: SourceCode, depth: number): MessageSink | undefined {
  const name = calleeName(call) ?? '';
  const callee = unwrap(call.callee);
  const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : undefined;
  if (call.type === AST_NODE_TYPES.NewExpression) return name === 'Response' ? { side: 'server', transport: 'http' } : undefined;
  if (httpRequestCalls.has(name) && index >= 1) return { side: 'client', transport: 'http' };
  if (receiver && name === 'notification') return sdkNotification(receiver, sourceCode);
  if (receiver && (name === 'sendNotification' || name === 'notify')) return contextNotification(callee, sourceCode);
  if (receiver && name === 'send') {
    const transport = sdkTransportOf(receiver, sourceCode);
    if (transport) return transport;
  }
  if (receiver && name === 'write') {
    const text = sourceCode.getText(receiver);
    if (text === 'process.stdout') return { side: 'server', transport: 'stdio' };
    if (/(?:^|\.)stdin$/.test(text)) return { side: 'client', transport: 'stdio' };
  }
  if (receiver && (responseWrites.has(name) || (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'Response' && name === 'json'))) {
    if (isResponseObject(receiver, sourceCode)) return { side: 'server', transport: 'http' };
  }
  const fn = localFunction(call.callee, sourceCode);
  const param = fn?.params[index];
  if (param?.type === AST_NODE_TYPES.Identifier) return parameterSink(param, sourceCode, depth);
  return undefined;
}

/** A local helper's parameter: where the helper sends it. */
function parameterSink(param: TSESTree.Identifier, sourceCode: SourceCode, depth: number): MessageSink | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(param), param);
  for (const reference of variable?.references ?? []) {
    if (reference.init) continue;
    const sink = sinkOfUse(reference.identifier, sourceCode, depth + 1);
    if (sink) return sink;
  }
  return undefined;
}

/** `Response.json(…)`, `res.write(…)` where `res` is an HTTP handler's response or named like one. */
function isResponseObject(receiver: TSESTree.Node, sourceCode: SourceCode): boolean {
  let root = receiver;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  if (root.name === 'Response') return true;
  const def = ASTUtils.findVariable(sourceCode.getScope(root), root)?.defs[0];
  if (def?.type === 'Parameter' && postHandlers(sourceCode).some((handler) => handler.fn === def.node)) return true;
  return responseNames.test(root.name) && postHandlers(sourceCode).length > 0;
}

function sdkTransportOf(receiver: TSESTree.Node, sourceCode: SourceCode): MessageSink | undefined {
  const className = mcpInstanceClassOf(receiver, Object.keys(sdkTransports), sourceCode);
  return className ? sdkTransports[className] : undefined;
}

/** `client.notification(…)` / `server.notification(…)` on an SDK instance; the wire from the file's SDK transports. */
function sdkNotification(receiver: TSESTree.Node, sourceCode: SourceCode): MessageSink | undefined {
  const side = mcpSideOf(receiver, sourceCode);
  return side ? { side, transport: fileTransport(sourceCode, side) } : undefined;
}

/** `extra.sendNotification(…)` (v1) or `ctx.mcpReq.notify(…)` (v2) inside an SDK handler. */
function contextNotification(callee: TSESTree.Node, sourceCode: SourceCode): MessageSink | undefined {
  if (!handlerContextPath(callee, sourceCode)) return undefined;
  for (let node = callee.parent; node; node = node.parent) {
    if (!isFunction(node) || !handlerContextParameter(node, sourceCode)) continue;
    const registration = node.parent as TSESTree.CallExpression;
    const registrationCallee = unwrap(registration.callee);
    const owner = registrationCallee.type === AST_NODE_TYPES.MemberExpression ? mcpSideOf(registrationCallee.object, sourceCode) : undefined;
    const side = owner ?? registrationSide(registration, sourceCode);
    return { side, transport: fileTransport(sourceCode, side) };
  }
  return undefined;
}

/** Whose handler a registration is when its receiver cannot be traced: the method or schema it registers for. */
function registrationSide(registration: TSESTree.CallExpression, sourceCode: SourceCode): Side {
  const first = registration.arguments[0];
  if (!first || calleeName(registration) !== 'setRequestHandler') return 'server';
  const value = ASTUtils.getStaticValue(first, sourceCode.getScope(first))?.value;
  if (typeof value === 'string') return clientHandledMethods.has(value) ? 'client' : 'server';
  const schema = mcpExportOf(first, sourceCode.getScope(first));
  return schema && clientHandledSchemas.has(schema.name) ? 'client' : 'server';
}

const transportCache = new WeakMap<object, Map<Side, Transport | undefined>>();

/** The one wire a file's SDK clients (or servers) use, from the transports it creates or imports. */
export function fileTransport(sourceCode: SourceCode, side: Side | undefined): Transport | undefined {
  if (!side) return undefined;
  let bySide = transportCache.get(sourceCode.ast);
  if (!bySide) {
    const seen: Record<Side, Set<Transport>> = { client: new Set(), server: new Set() };
    walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.Identifier || !(node.name in sdkTransports)) return;
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.ImportSpecifier || parent?.type === AST_NODE_TYPES.Property) return;
      if (!mcpExportOf(node, sourceCode.getScope(node))) return;
      const sink = sdkTransports[node.name]!;
      seen[sink.side!].add(sink.transport!);
    });
    bySide = new Map((['client', 'server'] as const).map((s) => [s, seen[s].size === 1 ? [...seen[s]][0] : undefined]));
    transportCache.set(sourceCode.ast, bySide);
  }
  return bySide.get(side);
}
