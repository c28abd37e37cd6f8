import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { lifecycleSchemas } from '../mcp/handshake.js';
import { distinctiveMcpMethods } from '../mcp/methods.js';
import { staticValue } from './constants.js';
import { type DispatchSite, dispatchSites, isMcpSite } from './dispatch.js';
import { fileEvidence } from './evidence.js';
import { mcpMethodHandledAt } from './handlers.js';
import { mcpExportOf } from './imports.js';
import { type McpMessageLiteral, mcpMessageLiteral } from './json-rpc.js';
import { calleeName, isFunction, unwrap } from './nodes.js';
import { handlerContextPath, mcpSideOf } from './sdk.js';

/*
 * Where code handles or sends one particular MCP method, for the methods whose names other
 * protocols share (`initialize`, `ping`): the generic `dispatchSites` count a site as MCP's
 * only when it also routes a method no other protocol has, which misses the common
 * `if (body.method === 'initialize')` of an SDK-based HTTP server and a client's lone
 * `case 'ping':`. These helpers accept such a site when the rest of the file is MCP's.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;
type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** One place a hand-rolled dispatch routes a method: the site and the node naming the method. */
export interface McpRoute {
  site: DispatchSite;
  at: TSESTree.Node;
}

/**
 * The hand-rolled routes of `method` that are MCP's: at a site that also routes a method only
 * MCP has, or a `switch`/`if` on a message's `method` in a file that imports the SDK or spells
 * distinctive MCP methods and shows no lookalike family (LSP, wallets).
 */
export function mcpRoutesOf(method: string, sourceCode: SourceCode): McpRoute[] {
  const routes: McpRoute[] = [];
  for (const site of dispatchSites(sourceCode)) {
    const at = site.methods.get(method);
    if (!at) continue;
    if (isMcpSite(site) || isMethodTestInMcpFile(site, at, sourceCode)) routes.push({ site, at });
  }
  return routes;
}

function isMethodTestInMcpFile(site: DispatchSite, at: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (site.kind !== 'switch' && site.kind !== 'if-chain') return false;
  const evidence = fileEvidence(sourceCode);
  if (!evidence.speaksMcp || evidence.lookalikes.size > 0) return false;
  const tested = testedExpression(at);
  return tested !== undefined && isMethodExpression(tested);
}

/** What a routed method name is compared with: the switch's discriminant or the other side of `===`. */
function testedExpression(at: TSESTree.Node): TSESTree.Node | undefined {
  const parent = at.parent;
  if (parent?.type === AST_NODE_TYPES.SwitchCase) return parent.parent.discriminant;
  if (parent?.type === AST_NODE_TYPES.BinaryExpression) return parent.left === at ? parent.right : parent.left;
  return undefined;
}

/** `method`, `rpcMethod`, `msg.method`, `body?.['method']`: a JSON-RPC message's method, not a `type` or an event name. */
export function isMethodExpression(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return /method$/i.test(inner.name);
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (!inner.computed) return inner.property.type === AST_NODE_TYPES.Identifier && inner.property.name === 'method';
  return inner.property.type === AST_NODE_TYPES.Literal && inner.property.value === 'method';
}

/** The node that holds a route's handler: the switch or if-chain, the table, or the registration call. */
function routeContainer({ site, at }: McpRoute): TSESTree.Node {
  return site.kind === 'registry' && at.parent ? at.parent : site.node;
}

export function containsNode(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * `server.setRequestHandler(InitializeRequestSchema | 'initialize', fn)` and
 * `setNotificationHandler(...)` on an MCP SDK object (or in a file that imports the SDK, for a
 * server passed in untyped): the method registered and the argument that names it.
 */
export function sdkRegistrationOf(call: TSESTree.CallExpression, sourceCode: SourceCode): { method: string; at: TSESTree.Node } | undefined {
  const name = calleeName(call);
  const callee = unwrap(call.callee);
  const first = call.arguments[0];
  if ((name !== 'setRequestHandler' && name !== 'setNotificationHandler') || callee.type !== AST_NODE_TYPES.MemberExpression || !first) {
    return undefined;
  }
  if (mcpSideOf(callee.object, sourceCode) === undefined && !fileEvidence(sourceCode).importsMcp) return undefined;
  const scope = sourceCode.getScope(call);
  const schema = mcpExportOf(first, scope);
  if (schema) {
    const method = lifecycleSchemas[schema.name];
    return method ? { method, at: first } : undefined;
  }
  const value = staticValue(first, scope)?.value;
  return typeof value === 'string' ? { method: value, at: first } : undefined;
}

/**
 * Whether `node` runs as the handler of `method`: inside a callback registered for it through
 * the SDK, or inside the branch an MCP route sends it to (`case 'initialize': …`).
 */
export function isInHandlerOf(node: TSESTree.Node, method: string, context: Context): boolean {
  const { sourceCode } = context;
  for (let current = node.parent; current; current = current.parent) {
    const call = current.parent;
    if (isFunction(current) && call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      if (sdkRegistrationOf(call, sourceCode)?.method === method) return true;
    }
  }
  if (mcpMethodHandledAt(node, context) !== method) return false;
  return mcpRoutesOf(method, sourceCode).some((route) => containsNode(routeContainer(route), node));
}

/** SDK methods that send a message object built by the caller. */
const sendingMethods = new Set(['request', 'notification', 'sendRequest', 'sendNotification', 'send']);

/**
 * An MCP message literal (`{ jsonrpc: '2.0', id, method, params }`) naming one of `methods`
 * that is MCP's: its method is one only MCP has, it is handed to an SDK object
 * (`client.request(msg, schema)`, `extra.sendRequest(msg)`, `ctx.mcpReq.send(msg)`), or it is a
 * JSON-RPC message in a file that speaks MCP and shows no lookalike family.
 */
export function mcpMessageNaming(
  object: TSESTree.ObjectExpression,
  methods: ReadonlySet<string>,
  sourceCode: SourceCode,
): McpMessageLiteral | undefined {
  const message = mcpMessageLiteral(object, sourceCode);
  if (!message || !methods.has(message.method)) return undefined;
  if (distinctiveMcpMethods.has(message.method) || isSentThroughSdk(object, sourceCode)) return message;
  const evidence = fileEvidence(sourceCode);
  const jsonRpc = message.hasJsonRpc || message.isRequest;
  return jsonRpc && evidence.speaksMcp && evidence.lookalikes.size === 0 ? message : undefined;
}

function isSentThroughSdk(object: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  const call = object.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== object) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !sendingMethods.has(calleeName(call) ?? '')) return false;
  return mcpSideOf(callee.object, sourceCode) !== undefined || handlerContextPath(callee, sourceCode) !== undefined;
}
