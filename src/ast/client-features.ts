import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  clientCapabilityKeys,
  clientCapabilityTypes,
  clientRequestSchemas,
  contextPushMethods,
  contextSendPaths,
  distinctiveSdkPushMethods,
  inputRequestMethods,
  inputRequiredBuilder,
  inputRequiredFactories,
  registerCapabilitiesMethod,
  sdkPushMethods,
  sdkServerSendMethod,
  serverContextTypes,
  untracedSendNames,
} from '../mcp/client-features.js';
import { serverAnsweredRequests } from '../mcp/methods.js';
import { handlerRegistrations } from '../mcp/sdk-api.js';
import { constantOrigin, staticValue } from './constants.js';
import { dispatchSites, isMcpSite } from './dispatch.js';
import { fileEvidence } from './evidence.js';
import { mcpExportOf } from './imports.js';
import { mcpMessageLiteral } from './json-rpc.js';
import { calleeName, isFunction, meaningfulParent, propertyKeyName, unwrap } from './nodes.js';
import { handlerContextPath, mcpSideOf } from './sdk.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A request a server sends to its client (2025 push style), which 2026-07-28 replaces with an
 * `input_required` result: an SDK call (`server.server.elicitInput(…)`, `ctx.mcpReq.send(…)`,
 * `extra.sendRequest(…)`) or a hand-rolled JSON-RPC request object with an `id`.
 */
export interface PushRequest {
  /** The method requested, when the code shows it (`elicitation/create`, `ping`, a custom one). */
  method: string | undefined;
  via: 'sdk' | 'json-rpc';
  /** Where to report: the method name when it is written inline, otherwise the callee. */
  node: TSESTree.Node;
}

/** A request embedded in an `input_required` result: the 2026-07-28 way to ask the client. */
export interface EmbeddedInputRequest {
  method: string;
  node: TSESTree.Node;
}

/**
 * The push request a call sends: SDK server methods (`elicitInput`, `createMessage`,
 * `listRoots`, `request`), handler-context senders (v1 `extra.sendRequest`, v2
 * `ctx.mcpReq.send`/`elicitInput`/`requestSampling`), and any `sendRequest`/`request`/`send`
 * call whose argument is an inline `elicitation/create`, `sampling/createMessage` or
 * `roots/list` request. Calls on an MCP client, and the v2 `inputRequired.*` builders, are not.
 */
export function pushRequestOfCall(call: TSESTree.CallExpression, sourceCode: SourceCode): PushRequest | undefined {
  // Three rules ask about every call of a file, and the object check asks again about its parent.
  if (pushCache.has(call)) return pushCache.get(call);
  const push = findPushRequest(call, sourceCode);
  pushCache.set(call, push);
  return push;
}

const pushCache = new WeakMap<TSESTree.CallExpression, PushRequest | undefined>();

function findPushRequest(call: TSESTree.CallExpression, sourceCode: SourceCode): PushRequest | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) {
    return untracedSend(call, sourceCode);
  }
  const name = callee.property.name;
  if (isInputRequiredBuilder(callee.object, sourceCode)) return undefined;
  const contextPath = serverContextPath(callee, sourceCode);
  if (contextPath) return contextPush(call, callee, contextPath, sourceCode);
  if (Object.hasOwn(sdkPushMethods, name)) return sdkPush(call, callee, name, sourceCode);
  if (name === sdkServerSendMethod && mcpSideOf(callee.object, sourceCode) === 'server') return requestArgumentOf(call, callee, sourceCode);
  return untracedSend(call, sourceCode);
}

/**
 * A hand-rolled JSON-RPC request (it has an `id`) for a method only servers send
 * (`elicitation/create`, `sampling/createMessage`, `roots/list`), or a `ping` request in a file
 * that dispatches requests only servers serve. Requests embedded in `inputRequests` and
 * arguments of SDK senders (reported as calls) are not.
 */
export function pushRequestOfObject(object: TSESTree.ObjectExpression, sourceCode: SourceCode): PushRequest | undefined {
  const literal = mcpMessageLiteral(object, sourceCode);
  if (!literal?.isRequest || isEmbeddedInInputRequests(object) || isSentByCall(object, sourceCode)) return undefined;
  const push = { method: literal.method, via: 'json-rpc' as const, node: literal.methodNode };
  if (inputRequestMethods.has(literal.method)) return push;
  // `ping` goes both ways in 2025: only a server's ping is a server-to-client request.
  if (literal.method === 'ping' && literal.hasJsonRpc && isHandRolledServer(sourceCode)) return push;
  return undefined;
}

/** `inputRequired.elicit(…)`/`.createMessage(…)`/`.listRoots()` (SDK v2), or `{ method }` inside `inputRequests`. */
export function embeddedInputRequestOf(
  node: TSESTree.CallExpression | TSESTree.ObjectExpression,
  sourceCode: SourceCode,
): EmbeddedInputRequest | undefined {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    const factory = callee.property.name;
    if (!Object.hasOwn(inputRequiredFactories, factory) || !isInputRequiredBuilder(callee.object, sourceCode)) return undefined;
    return { method: inputRequiredFactories[factory]!, node: callee };
  }
  const literal = mcpMessageLiteral(node, sourceCode);
  if (!literal || !inputRequestMethods.has(literal.method) || !isEmbeddedInInputRequests(node)) return undefined;
  return { method: literal.method, node: literal.methodNode };
}

/**
 * The request a client-side handler answers: `client.setRequestHandler(ListRootsRequestSchema
 * | 'roots/list', …)` and the same for sampling and elicitation. Reported at the first argument.
 */
export function clientRequestHandlerOf(call: TSESTree.CallExpression, sourceCode: SourceCode): EmbeddedInputRequest | undefined {
  const callee = unwrap(call.callee);
  const first = call.arguments[0];
  if (calleeName(call) !== 'setRequestHandler' || callee.type !== AST_NODE_TYPES.MemberExpression || !first) return undefined;
  const side = mcpSideOf(callee.object, sourceCode);
  if (side === 'server') return undefined;
  const schema = mcpExportOf(first, sourceCode.getScope(first));
  if (schema && Object.hasOwn(clientRequestSchemas, schema.name)) return { method: clientRequestSchemas[schema.name]!, node: first };
  const method = staticString(first, sourceCode);
  if (method && inputRequestMethods.has(method) && (side === 'client' || fileEvidence(sourceCode).importsMcp)) return { method, node: first };
  return undefined;
}

/**
 * The capability a property declares when it sits in a client's capabilities: SDK options
 * (`new Client(info, { capabilities: { roots: {} } })`, `registerCapabilities({ … })`), the
 * `initialize` params and the 2026-07-28 `_meta` envelope of hand-rolled clients, and objects
 * typed `ClientCapabilities`. Only in files that speak MCP.
 */
export function clientCapabilityOf(property: TSESTree.Property, sourceCode: SourceCode): string | undefined {
  const object = property.parent;
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const name = propertyKeyName(property);
  if (name === undefined || !fileEvidence(sourceCode).speaksMcp) return undefined;
  return isClientCapabilities(object, sourceCode) ? name : undefined;
}

/**
 * The capability an assignment declares on a client's capabilities object:
 * `capabilities.roots = { listChanged: true }` or `caps['sampling'] = {}`, where the object is a
 * variable typed `ClientCapabilities` (`const capabilities: ClientCapabilities = {}`) or
 * initialised with an object literal `clientCapabilityOf` already knows as one. Only in files
 * that speak MCP.
 */
export function clientCapabilityAssignedBy(assignment: TSESTree.AssignmentExpression, sourceCode: SourceCode): string | undefined {
  if (assignment.operator !== '=') return undefined;
  const target = unwrap(assignment.left);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = target.computed ? staticString(target.property, sourceCode) : target.property.type === AST_NODE_TYPES.Identifier ? target.property.name : undefined;
  const holder = unwrap(target.object);
  if (name === undefined || holder.type !== AST_NODE_TYPES.Identifier || !fileEvidence(sourceCode).speaksMcp) return undefined;
  const def = ASTUtils.findVariable(sourceCode.getScope(holder), holder)?.defs[0];
  if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name) return undefined;
  const declarator = def.node;
  const init = declarator.init && unwrap(declarator.init);
  const typed = declarator.id.type === AST_NODE_TYPES.Identifier && isClientCapabilitiesType(declarator.id.typeAnnotation?.typeAnnotation, sourceCode);
  return typed || (init?.type === AST_NODE_TYPES.ObjectExpression && isClientCapabilities(init, sourceCode)) ? name : undefined;
}

/**
 * The name of the MCP export a value reference stands for (`X` imported or required from an MCP
 * package, or `ns.X`), skipping import specifiers, declarations and type positions.
 */
export function mcpExportReferenceName(node: TSESTree.Identifier | TSESTree.MemberExpression, sourceCode: SourceCode): string | undefined {
  const scope = sourceCode.getScope(node);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    if (node.computed || isTypePosition(node)) return undefined;
    return mcpExportOf(node, scope)?.name;
  }
  const variable = ASTUtils.findVariable(scope, node);
  const isValueRead = variable?.references.some((reference) => reference.identifier === node && !reference.init && reference.isValueReference);
  return isValueRead ? mcpExportOf(node, scope)?.name : undefined;
}

/** The file routes requests only servers serve (`tools/call`, `resources/read`, …) by hand. */
export function isHandRolledServer(sourceCode: SourceCode): boolean {
  return dispatchSites(sourceCode).some((site) => isMcpSite(site) && [...site.methods.keys()].some((method) => serverAnsweredRequests.has(method)));
}

/** TypeScript nodes that wrap a runtime value rather than make a type. */
const valueWrappers: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.TSEnumMember,
]);

/** A node whose value is a type, not a runtime value: `type T = 'x'`, `typeof Schema`, `T.X`. */
export function isTypePosition(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent !== undefined && parent.type.startsWith('TS') && !valueWrappers.has(parent.type);
}

/** A string a node evaluates to statically (literal, template without substitutions, constant). */
export function staticString(node: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  const value = staticValue(node, sourceCode.getScope(node))?.value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The path from a server handler's context to `node` (`['mcpReq', 'send']` for
 * `ctx.mcpReq.send`): through the SDK registration (`handlerContextPath`), or a parameter typed
 * `RequestHandlerExtra`/`ServerContext` in a helper the handler calls. Client handlers have a
 * context too; theirs is not a server's.
 */
export function serverContextPath(node: TSESTree.Node, sourceCode: SourceCode): string[] | undefined {
  const path = handlerContextPath(node, sourceCode) ?? typedContextPath(node, sourceCode);
  return path && !isInClientHandler(node, sourceCode) ? path : undefined;
}

function contextPush(
  call: TSESTree.CallExpression,
  callee: TSESTree.MemberExpression,
  path: readonly string[],
  sourceCode: SourceCode,
): PushRequest | undefined {
  const key = path.join('.');
  const [first, second] = path;
  if (path.length === 2 && first === 'mcpReq' && second && Object.hasOwn(contextPushMethods, second)) {
    return { method: contextPushMethods[second], via: 'sdk', node: callee };
  }
  return contextSendPaths.some((sendPath) => sendPath.join('.') === key) ? requestArgumentOf(call, callee, sourceCode) : undefined;
}

function sdkPush(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, name: string, sourceCode: SourceCode): PushRequest | undefined {
  const push = { method: sdkPushMethods[name], via: 'sdk' as const, node: callee };
  const side = mcpSideOf(callee.object, sourceCode);
  if (side) return side === 'server' ? push : undefined;
  if (!fileEvidence(sourceCode).importsMcp || isLocalObject(callee.object, sourceCode)) return undefined;
  if (distinctiveSdkPushMethods.has(name)) return push;
  // Chat UIs and mail builders have a `createMessage` too: ask for the low-level `.server` or MCP's sampling params.
  return isLowLevelServer(callee.object) || looksLikeSamplingParams(call.arguments[0]) ? push : undefined;
}

/** The method of the request a generic sender sends, reported at the inline method name when there is one. */
function requestArgumentOf(call: TSESTree.CallExpression, callee: TSESTree.Node, sourceCode: SourceCode): PushRequest {
  const request = call.arguments[0];
  const inline = request && unwrap(request);
  if (inline?.type === AST_NODE_TYPES.ObjectExpression) {
    const methodValue = methodPropertyValue(inline);
    return methodValue ? { method: staticString(methodValue, sourceCode), via: 'sdk', node: methodValue } : { method: undefined, via: 'sdk', node: callee };
  }
  // `const request = { method: 'ping' } as const; await extra.sendRequest(request, EmptyResultSchema)`
  const origin = inline && constantOrigin(inline, sourceCode.getScope(inline))?.node;
  const methodValue = origin?.type === AST_NODE_TYPES.ObjectExpression ? methodPropertyValue(origin) : undefined;
  return { method: methodValue ? staticString(methodValue, sourceCode) : undefined, via: 'sdk', node: callee };
}

/** `send({ method: 'elicitation/create', params })` on something the file cannot trace. */
function untracedSend(call: TSESTree.CallExpression, sourceCode: SourceCode): PushRequest | undefined {
  const name = calleeName(call);
  const request = call.arguments[0] && unwrap(call.arguments[0]);
  if (!name || !untracedSendNames.has(name) || request?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && mcpSideOf(callee.object, sourceCode) === 'client') return undefined;
  const methodValue = methodPropertyValue(request);
  const method = methodValue && staticString(methodValue, sourceCode);
  if (!methodValue || !method || !inputRequestMethods.has(method)) return undefined;
  return { method, via: fileEvidence(sourceCode).importsMcp ? 'sdk' : 'json-rpc', node: methodValue };
}

function methodPropertyValue(object: TSESTree.ObjectExpression): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'method') return property.value;
  }
  return undefined;
}

/** `ctx.mcpReq.send({ method: 'elicitation/create' })` is reported as the call: the object is not a second finding. */
function isSentByCall(object: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  const { parent, child } = meaningfulParent(object);
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === child && pushRequestOfCall(parent, sourceCode) !== undefined;
}

/** `inputRequests: { key: { method: 'elicitation/create', params } }`, or `inputRequests[key] = { … }`. */
function isEmbeddedInInputRequests(object: TSESTree.ObjectExpression): boolean {
  const { parent, child } = meaningfulParent(object);
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const container = meaningfulParent(parent.parent);
    return container.parent?.type === AST_NODE_TYPES.Property && container.parent.value === container.child && propertyKeyName(container.parent) === 'inputRequests';
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === child) {
    const target = unwrap(parent.left);
    return target.type === AST_NODE_TYPES.MemberExpression && isInputRequestsName(unwrap(target.object));
  }
  return false;
}

function isInputRequestsName(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'inputRequests';
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'inputRequests';
}

/** The v2 `inputRequired` builder imported from an MCP package. */
function isInputRequiredBuilder(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  return mcpExportOf(node, sourceCode.getScope(node))?.name === inputRequiredBuilder;
}

/**
 * `this`, or a variable holding an object this file makes (`new DirectoryTree()`, `{ … }`):
 * their `listRoots()` is the file's own, since `mcpSideOf` found no MCP class behind them.
 */
function isLocalObject(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.ThisExpression) return true;
  if (inner.type !== AST_NODE_TYPES.Identifier) return false;
  const def = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
  if (def?.type === 'ClassName' || def?.type === 'FunctionName') return true;
  if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
  const init = unwrap(def.node.init);
  return init.type === AST_NODE_TYPES.NewExpression || init.type === AST_NODE_TYPES.ObjectExpression;
}

/** `mcp.server` (an `McpServer`'s low-level `Server`), but not `this.server`, which is any class's field. */
function isLowLevelServer(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  return (
    inner.type === AST_NODE_TYPES.MemberExpression &&
    !inner.computed &&
    inner.property.type === AST_NODE_TYPES.Identifier &&
    inner.property.name === 'server' &&
    unwrap(inner.object).type !== AST_NODE_TYPES.ThisExpression
  );
}

/** `{ messages, maxTokens }`: the required fields of MCP's `CreateMessageRequestParams`. */
function looksLikeSamplingParams(argument: TSESTree.Node | undefined): boolean {
  const inner = argument && unwrap(argument);
  if (inner?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const keys = new Set(inner.properties.map((p) => (p.type === AST_NODE_TYPES.Property ? propertyKeyName(p) : undefined)));
  return keys.has('messages') && keys.has('maxTokens');
}

/** `function ask(extra: RequestHandlerExtra<…>) { extra.sendRequest(…) }`: the context passed to a helper. */
function typedContextPath(node: TSESTree.Node, sourceCode: SourceCode): string[] | undefined {
  const path: string[] = [];
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    if (current.computed || current.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    path.unshift(current.property.name);
    current = unwrap(current.object);
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ASTUtils.findVariable(sourceCode.getScope(current), current)?.defs[0];
  if (def?.type !== 'Parameter' || def.name.type !== AST_NODE_TYPES.Identifier) return undefined;
  const type = def.name.typeAnnotation?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const exported = mcpExportOf(type.typeName, sourceCode.getScope(type));
  return exported && serverContextTypes.has(exported.name) ? path : undefined;
}

/** Whether `node` sits in a handler registered on an MCP client (`client.setRequestHandler(…, (req, ctx) => …)`). */
function isInClientHandler(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const call = current.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(current as TSESTree.CallExpressionArgument)) continue;
    const name = calleeName(call);
    const callee = unwrap(call.callee);
    if (!name || !Object.hasOwn(handlerRegistrations, name) || callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    return mcpSideOf(callee.object, sourceCode) === 'client';
  }
  return false;
}

function isClientCapabilities(object: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  if (object.parent.type === AST_NODE_TYPES.TSAsExpression || object.parent.type === AST_NODE_TYPES.TSSatisfiesExpression) {
    if (isClientCapabilitiesType(object.parent.typeAnnotation, sourceCode)) return true;
  }
  const { parent, child } = meaningfulParent(object);
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === child) {
    const key = parent.computed ? staticString(parent.key, sourceCode) : propertyKeyName(parent);
    return key !== undefined && clientCapabilityKeys.has(key);
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier) {
    return isClientCapabilitiesType(parent.id.typeAnnotation?.typeAnnotation, sourceCode) || /capabilities$/i.test(parent.id.name);
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === child && calleeName(parent) === registerCapabilitiesMethod) {
    const callee = unwrap(parent.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && mcpSideOf(callee.object, sourceCode) !== 'server';
  }
  return false;
}

function isClientCapabilitiesType(type: TSESTree.TypeNode | undefined, sourceCode: SourceCode): boolean {
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const exported = mcpExportOf(type.typeName, sourceCode.getScope(type));
  return exported !== undefined && clientCapabilityTypes.has(exported.name);
}

