import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import {
  methodNotAllowedName,
  methodNotAllowedStatus,
  mcpOnlyHeaders,
  modernHttpEntries,
  nodeHandlerAdapters,
  transportRequestMethod,
} from '../mcp/http-serving.js';
import { distinctiveMcpMethods } from '../mcp/methods.js';
import { streamableHttpServerTransports } from '../mcp/packages.js';
import { staticValue } from './constants.js';
import { dispatchSites, isMcpSite } from './dispatch.js';
import { fileEvidence } from './evidence.js';
import { enclosingRoute, handlerFunctions, routesOnPath, type HttpRoute } from './http-routes.js';
import { mcpExportOf } from './imports.js';
import { mcpMessageLiteral } from './json-rpc.js';
import { functionBindingName, isFunction, localFunctionOf, stringLiteralValue, unwrap, walk } from './nodes.js';
import { mcpInstanceClassOf } from './transports.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What a stretch of code shows about serving or calling an MCP endpoint over HTTP. */
export interface EndpointEvidence {
  /** It speaks MCP over HTTP: an SDK transport, an MCP-only header, MCP dispatch or messages. */
  mcp: boolean;
  /** It hands the request to a 2026-07-28 entry (`createMcpHandler`, `toNodeHandler`), which answers GET and DELETE itself. */
  modern: boolean;
}

/**
 * Substrings one of which every piece of evidence needs: an SDK import, an MCP-only header, or
 * a distinctive MCP method name. Rules that report only on evidence use them as `prefilter`.
 * Whole method names, as other rules list them: the prefilter matches the longest token at each
 * position, so a family prefix (`tools/`) would be hidden by another rule's `tools/call`.
 */
export const endpointEvidenceTokens: readonly string[] = ['@modelcontextprotocol/', ...mcpOnlyHeaders, ...distinctiveMcpMethods];

const none: EndpointEvidence = { mcp: false, modern: false };
const mcpHeaderSet: ReadonlySet<string> = new Set(mcpOnlyHeaders);

/**
 * The MCP class (one of `classNames`) a value is an instance of: what `mcpInstanceClassOf`
 * sees, plus values returned by a local function whose return type names the class
 * (`const transport = transportFor(req)` with `function transportFor(): Transport | undefined`).
 */
export function mcpClassOfValue(expression: TSESTree.Node, classNames: readonly string[], sourceCode: SourceCode): string | undefined {
  const direct = mcpInstanceClassOf(expression, classNames, sourceCode);
  if (direct) return direct;
  const node = unwrap(expression);
  const call = node.type === AST_NODE_TYPES.Identifier ? initialCall(node, sourceCode) : callOf(node);
  const callee = call && unwrap(call.callee);
  const fn = callee?.type === AST_NODE_TYPES.Identifier ? localFunctionOf(callee, sourceCode) : undefined;
  return fn?.returnType ? classNamedByType(fn.returnType.typeAnnotation, classNames, sourceCode, 0) : undefined;
}

function callOf(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  const inner = node.type === AST_NODE_TYPES.AwaitExpression ? unwrap(node.argument) : node;
  return inner.type === AST_NODE_TYPES.CallExpression ? inner : undefined;
}

function initialCall(identifier: TSESTree.Identifier, sourceCode: SourceCode): TSESTree.CallExpression | undefined {
  const def = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
  if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return undefined;
  return callOf(unwrap(def.node.init));
}

/** `X`, `X | undefined`, `Promise<X>` where X is one of the MCP classes. */
function classNamedByType(type: TSESTree.TypeNode, classNames: readonly string[], sourceCode: SourceCode, depth: number): string | undefined {
  if (depth > 3) return undefined;
  if (type.type === AST_NODE_TYPES.TSUnionType) {
    for (const member of type.types) {
      const found = classNamedByType(member, classNames, sourceCode, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  if (type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === 'Promise' && type.typeArguments?.params[0]) {
    return classNamedByType(type.typeArguments.params[0], classNames, sourceCode, depth + 1);
  }
  const exported = mcpExportOf(type.typeName, sourceCode.getScope(type));
  return exported && classNames.includes(exported.name) ? exported.name : undefined;
}

/**
 * A value that serves requests through a 2026-07-28 entry: `toNodeHandler(handler)`,
 * `createMcpHandler(factory)` and its `.fetch`, or a constant holding one of them.
 */
export function isModernEntryValue(expression: TSESTree.Node, sourceCode: SourceCode, depth = 0): boolean {
  if (depth > 4) return false;
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const exported = mcpExportOf(node.callee, sourceCode.getScope(node));
    return exported !== undefined && (nodeHandlerAdapters.includes(exported.name) || modernHttpEntries.includes(exported.name));
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'fetch') {
    return isModernEntryValue(node.object, sourceCode, depth + 1);
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const def = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
    if (def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && def.node.id.type === AST_NODE_TYPES.Identifier) {
      return isModernEntryValue(def.node.init, sourceCode, depth + 1);
    }
  }
  return false;
}

const identifierCache = new WeakMap<object, ReadonlySet<string>>();

/** Whether the file imports an MCP package and spells one of the named exports (for receivers the file cannot trace). */
export function fileNamesMcpExport(sourceCode: SourceCode, names: readonly string[]): boolean {
  if (!fileEvidence(sourceCode).importsMcp) return false;
  let identifiers = identifierCache.get(sourceCode.ast);
  if (!identifiers) {
    identifiers = new Set(sourceCode.ast.tokens.flatMap((token) => (token.type === 'Identifier' ? [token.value] : [])));
    identifierCache.set(sourceCode.ast, identifiers);
  }
  return names.some((name) => identifiers.has(name));
}

/** `transport.handleRequest(...)` on a Streamable HTTP server transport of the SDK. */
export function isTransportRequestCall(call: TSESTree.CallExpression, sourceCode: SourceCode): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
  if (callee.property.name !== transportRequestMethod) return false;
  if (mcpClassOfValue(callee.object, streamableHttpServerTransports, sourceCode)) return true;
  return fileNamesMcpExport(sourceCode, streamableHttpServerTransports);
}

const evidenceCache = new WeakMap<TSESTree.Node, EndpointEvidence>();

/** What the given statements or expressions (and the local functions they call) show. */
export function evidenceIn(nodes: readonly TSESTree.Node[], sourceCode: SourceCode): EndpointEvidence {
  let result = none;
  for (const node of nodes) {
    const found = evidenceOfNode(node, sourceCode);
    result = { mcp: result.mcp || found.mcp, modern: result.modern || found.modern };
  }
  return result;
}

function evidenceOfNode(root: TSESTree.Node, sourceCode: SourceCode): EndpointEvidence {
  const cached = evidenceCache.get(root);
  if (cached) return cached;
  const found = { mcp: false, modern: false };
  const sites = dispatchSites(sourceCode).filter(isMcpSite);
  const roots = visitWithCallees(root, sourceCode, (node) => {
    if (isModernEntryUse(node, sourceCode)) found.modern = found.mcp = true;
    else if (showsMcp(node, sourceCode)) found.mcp = true;
  });
  if (!found.mcp && sites.some((site) => roots.some((walked) => contains(walked, site.node)))) found.mcp = true;
  evidenceCache.set(root, found);
  return found;
}

function isModernEntryUse(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  return isModernEntryValue(node, sourceCode) || isModernEntryValue(node.callee, sourceCode);
}

function showsMcp(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
      return isTransportRequestCall(node, sourceCode);
    case AST_NODE_TYPES.NewExpression:
      return mcpInstanceClassOf(node, streamableHttpServerTransports, sourceCode) !== undefined;
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral: {
      const value = stringLiteralValue(node);
      return value !== undefined && mcpHeaderSet.has(value.toLowerCase());
    }
    case AST_NODE_TYPES.ObjectExpression: {
      // `initialize` and `ping` alone are LSP's and others' too (design.md principle 3).
      const message = mcpMessageLiteral(node, sourceCode);
      return message !== undefined && distinctiveMcpMethods.has(message.method);
    }
    default:
      return false;
  }
}

/** Walks `root` and, one level deep, the local functions it calls; returns what it walked. */
function visitWithCallees(root: TSESTree.Node, sourceCode: SourceCode, visit: (node: TSESTree.Node) => void): TSESTree.Node[] {
  const callees = new Set<TSESTree.FunctionLike>();
  walk(root, sourceCode.visitorKeys, (node) => {
    visit(node);
    const fn = node.type === AST_NODE_TYPES.CallExpression ? calledFunction(node, sourceCode) : undefined;
    if (fn && !contains(root, fn)) callees.add(fn);
  });
  for (const fn of callees) walk(fn, sourceCode.visitorKeys, visit);
  return [root, ...callees];
}

/** The function a call runs when the file defines it: `helper()` or `this.helper()` of the enclosing class. */
function calledFunction(call: TSESTree.CallExpression, sourceCode: SourceCode): TSESTree.FunctionLike | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return localFunctionOf(callee, sourceCode);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression || callee.computed) return undefined;
  const name = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  let body: TSESTree.Node | undefined = call.parent;
  while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
  const method = body?.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === AST_NODE_TYPES.MethodDefinition && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name,
  );
  return method?.value;
}

function contains(root: TSESTree.Node, node: TSESTree.Node): boolean {
  return node.range[0] >= root.range[0] && node.range[1] <= root.range[1];
}

/** Whether the code (or a local function it calls) hands a request to an SDK Streamable HTTP transport. */
export function handsToTransport(nodes: readonly TSESTree.Node[], sourceCode: SourceCode): boolean {
  let found = false;
  for (const root of nodes) {
    visitWithCallees(root, sourceCode, (node) => {
      if (!found && node.type === AST_NODE_TYPES.CallExpression && isTransportRequestCall(node, sourceCode)) found = true;
    });
  }
  return found;
}

/** Evidence of a route: its own handlers. */
export function routeEvidence(route: HttpRoute, sourceCode: SourceCode): EndpointEvidence {
  if (route.handlers.some((handler) => isModernEntryValue(handler, sourceCode))) return { mcp: true, modern: true };
  const functions = route.handlers.flatMap((handler) => handlerFunctions(handler, sourceCode));
  const calls = route.handlers.filter((handler) => unwrap(handler).type === AST_NODE_TYPES.CallExpression);
  return evidenceIn([...functions, ...calls], sourceCode);
}

/**
 * Whether a route is the MCP endpoint: its own handler serves MCP, or another route on the
 * same path does (`app.post('/mcp', …transport.handleRequest…)` beside `app.get('/mcp', …)`).
 * A route merely named `/mcp` is not enough.
 */
export function isMcpEndpointRoute(route: HttpRoute, sourceCode: SourceCode): boolean {
  return routesOnPath(route, sourceCode).some((other) => routeEvidence(other, sourceCode).mcp);
}

/** Whether the code answers 405 Method Not Allowed, the 2026-07-28 answer to GET and DELETE. */
export function answersMethodNotAllowed(nodes: readonly TSESTree.Node[], sourceCode: SourceCode): boolean {
  let found = false;
  for (const root of nodes) {
    visitWithCallees(root, sourceCode, (node) => {
      if (found) return;
      if (node.type === AST_NODE_TYPES.Literal && node.value === methodNotAllowedStatus) found = true;
      else if (node.type === AST_NODE_TYPES.Identifier && (methodNotAllowedName.test(node.name) || isConstant405(node, sourceCode))) found = true;
    });
  }
  return found;
}

function isConstant405(identifier: TSESTree.Identifier, sourceCode: SourceCode): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === identifier && !parent.computed) return false;
  return staticValue(identifier, sourceCode.getScope(identifier))?.value === methodNotAllowedStatus;
}

/** `req.url`, `url.pathname`, `c.req.path`, `path`: an expression naming the request path. */
const pathName = /^(?:url|path|pathname|originalUrl|route|routePath)$/i;

function isPathExpression(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return pathName.test(inner.name);
  return inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier && pathName.test(inner.property.name);
}

/** Whether a condition selects by request path: `req.url === '/events'`, `url.pathname.startsWith('/mcp')`. */
export function testsPath(test: TSESTree.Node, sourceCode: SourceCode): boolean {
  let found = false;
  walk(test, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.BinaryExpression && (isPathExpression(node.left) || isPathExpression(node.right))) found = true;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && isPathExpression(callee.object)) found = true;
    }
  });
  return found;
}

/** The innermost branch around `node` that is selected by a request path, up to its function. */
function enclosingPathBranch(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node | undefined {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && !isFunction(child); child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && child !== parent.test && testsPath(parent.test, sourceCode)) return child;
    if (parent.type === AST_NODE_TYPES.SwitchCase && child !== parent.test && testsPath(parent.parent.discriminant, sourceCode)) return parent;
  }
  return undefined;
}

/**
 * Whether `node` sits in code that serves or calls an MCP endpoint over HTTP: inside a route
 * that is the MCP endpoint; inside a branch selected by a path that shows MCP evidence; inside
 * a function or class that shows it; in a helper called from such places; or at module level
 * in a file that shows it. The nearest route or path branch decides alone, so an `/events`
 * feed beside `/mcp` stays silent; so does a helper of the same file that nothing MCP calls.
 */
export function inMcpHttpContext(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): boolean {
  const routed = enclosingRoute(node, sourceCode);
  if (routed) return isMcpEndpointRoute(routed.route, sourceCode);
  const branch = enclosingPathBranch(node, sourceCode);
  if (branch) return evidenceIn([branch], sourceCode).mcp;
  let insideFunction = false;
  for (let current = node.parent; current; current = current.parent) {
    if ((isFunction(current) || current.type === AST_NODE_TYPES.ClassBody) && evidenceIn([current], sourceCode).mcp) return true;
    if (!isFunction(current)) continue;
    insideFunction = true;
    const callers = callSitesOf(current, sourceCode);
    if (callers.length > 0) return depth < 2 && callers.some((call) => inMcpHttpContext(call, sourceCode, depth + 1));
  }
  return !insideFunction && evidenceIn([sourceCode.ast], sourceCode).mcp;
}

/** Where a named local function is called (or passed on) in this file. */
function callSitesOf(fn: TSESTree.FunctionLike, sourceCode: SourceCode): TSESTree.Node[] {
  const name = functionBindingName(fn);
  if (!name) return [];
  const variable = ASTUtils.findVariable(sourceCode.getScope(fn.parent ?? fn), name);
  return (variable?.references ?? []).filter((reference) => !reference.init && reference.identifier !== name).map((reference) => reference.identifier as TSESTree.Node);
}
