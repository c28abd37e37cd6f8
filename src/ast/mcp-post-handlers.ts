import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { distinctiveServerRequests } from '../mcp/methods.js';
import { dispatchSites, isMcpSite, type DispatchSite } from './dispatch.js';
import { importedBindingOf } from './imports.js';
import { calleeName, enclosingFunction, isFunction, propertyKeyName, unwrap, walk } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Scope = TSESLint.Scope.Scope;

/**
 * A function that answers HTTP POSTs (or every method): `app.post('/mcp', fn)` and `.all`/`.use`
 * (Express, Hono, Fastify, Koa-router), `http.createServer(fn)`, a Next.js `export function
 * POST`, a Workers `export default { fetch }`, `Bun.serve({ fetch })`, `Deno.serve(fn)`.
 */
export interface PostHandler {
  fn: TSESTree.FunctionLike;
  /** Where a finding about the whole endpoint goes: the route path, `createServer`, `POST`, `fetch`, `serve`. */
  anchor: TSESTree.Node;
  /** Route middleware before the handler (`app.post('/mcp', auth, handler)`). */
  middleware: TSESTree.Node[];
}

const routeMethods = new Set(['post', 'all', 'use']);
const httpModules = /^(?:node:)?(?:http|https|http2)$/;
/** Module specifiers of the project's own code: relative paths and the usual path aliases. */
const ownModule = /^(?:\.{1,2}\/|\/|@\/|~\/|#)/;

const cache = new WeakMap<object, PostHandler[]>();

export function postHandlers(sourceCode: SourceCode): PostHandler[] {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  const handlers: PostHandler[] = [];
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const found = routeHandler(node, sourceCode) ?? createServerHandler(node, sourceCode) ?? serveHandler(node, sourceCode);
      if (found) handlers.push(found);
    } else if (node.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const found = exportedPost(node, sourceCode);
      if (found) handlers.push(found);
    } else if (node.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const found = defaultExportHandler(node, sourceCode);
      if (found) handlers.push(found);
    }
  });
  cache.set(sourceCode.ast, handlers);
  return handlers;
}

/** `app.post('/mcp', …middleware, handler)`, `router.route('/mcp').post(handler)`. */
function routeHandler(call: TSESTree.CallExpression, sourceCode: SourceCode): PostHandler | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (!routeMethods.has(callee.property.name)) return undefined;
  const routeCall = unwrap(callee.object);
  const chainedPath =
    routeCall.type === AST_NODE_TYPES.CallExpression && calleeName(routeCall) === 'route' && routeCall.arguments.length === 1 ? routeCall.arguments[0] : undefined;
  const [first, ...rest] = call.arguments;
  const path = chainedPath ?? first;
  const args = chainedPath ? call.arguments : rest;
  if (!path || !isRoutePath(path, sourceCode)) return undefined;
  const last = args.at(-1);
  const fn = last ? localFunction(last, sourceCode) : undefined;
  if (!fn) return undefined;
  return { fn, anchor: path, middleware: args.slice(0, -1).filter((arg) => unwrap(arg).type !== AST_NODE_TYPES.ObjectExpression) };
}

function isRoutePath(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Literal && inner.value instanceof RegExp) return true;
  const value = ASTUtils.getStaticValue(inner, sourceCode.getScope(inner))?.value;
  return typeof value === 'string' && (value.startsWith('/') || value === '*');
}

/** `http.createServer(fn)`, `createServer(options, fn)` from `node:http`/`https`/`http2`. */
function createServerHandler(call: TSESTree.CallExpression, sourceCode: SourceCode): PostHandler | undefined {
  if (calleeName(call) !== 'createServer' && calleeName(call) !== 'createSecureServer') return undefined;
  const callee = unwrap(call.callee);
  const owner = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : callee;
  if (owner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const binding = importedBindingOf(owner, sourceCode.getScope(owner));
  if (!binding || !httpModules.test(binding.source)) return undefined;
  const last = call.arguments.at(-1);
  const fn = last ? localFunction(last, sourceCode) : undefined;
  return fn ? { fn, anchor: callee.type === AST_NODE_TYPES.MemberExpression ? callee.property : callee, middleware: [] } : undefined;
}

/** `Bun.serve({ fetch(req) {…} })`, `Deno.serve(handler)`. */
function serveHandler(call: TSESTree.CallExpression, sourceCode: SourceCode): PostHandler | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || calleeName(call) !== 'serve' || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (callee.object.name !== 'Bun' && callee.object.name !== 'Deno') return undefined;
  for (const argument of call.arguments) {
    const inner = unwrap(argument);
    if (inner.type === AST_NODE_TYPES.ObjectExpression) {
      const found = fetchMember(inner);
      if (found) return found;
    }
    const fn = localFunction(argument, sourceCode);
    if (fn) return { fn, anchor: callee.property, middleware: [] };
  }
  return undefined;
}

function fetchMember(object: TSESTree.ObjectExpression): PostHandler | undefined {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'fetch' && isFunction(property.value)) {
      return { fn: property.value, anchor: property.key, middleware: [] };
    }
  }
  return undefined;
}

/**
 * `export default { fetch(request) {…} }` (Workers), and a default-exported function taking the
 * request (Vercel and Next.js API routes: `export default async function handler(req, res)`).
 */
function defaultExportHandler(node: TSESTree.ExportDefaultDeclaration, sourceCode: SourceCode): PostHandler | undefined {
  const declaration = unwrap(node.declaration);
  if (declaration.type === AST_NODE_TYPES.ObjectExpression) return fetchMember(declaration);
  const fn = localFunction(declaration, sourceCode);
  const request = fn?.params[0];
  if (!fn || !request) return undefined;
  const anchor = fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id ? fn.id : declaration.type === AST_NODE_TYPES.Identifier ? declaration : request;
  return { fn, anchor, middleware: [] };
}

/** Next.js route handlers: `export async function POST(request)`, `export const POST = async (req) => …`. */
function exportedPost(node: TSESTree.ExportNamedDeclaration, sourceCode: SourceCode): PostHandler | undefined {
  const declaration = node.declaration;
  if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === 'POST') return { fn: declaration, anchor: declaration.id, middleware: [] };
  if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) return undefined;
  for (const declarator of declaration.declarations) {
    if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === 'POST' && declarator.init) {
      const fn = localFunction(declarator.init, sourceCode);
      if (fn) return { fn, anchor: declarator.id, middleware: [] };
    }
  }
  return undefined;
}

/** A function written here: inline, or a local function declaration or `const f = () => …` referenced by name. */
export function localFunction(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.FunctionLike | undefined {
  const inner = unwrap(node);
  if (isFunction(inner)) return inner;
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
  if (def?.type === 'FunctionName' && isFunction(def.node)) return def.node;
  if (def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
    const init = unwrap(def.node.init);
    return isFunction(init) ? init : undefined;
  }
  return undefined;
}

/**
 * The handler and the local functions it calls, directly or through other local functions
 * (`this.method()` of the same class included), up to a few levels deep.
 */
export function reachableFunctions(handler: PostHandler, sourceCode: SourceCode): TSESTree.FunctionLike[] {
  const found: TSESTree.FunctionLike[] = [];
  const queue: { fn: TSESTree.FunctionLike; depth: number }[] = [{ fn: handler.fn, depth: 0 }];
  for (const middleware of handler.middleware) {
    const fn = localFunction(middleware, sourceCode);
    if (fn) queue.push({ fn, depth: 0 });
  }
  while (queue.length > 0) {
    const { fn, depth } = queue.shift()!;
    if (found.includes(fn)) continue;
    found.push(fn);
    if (depth >= 4) continue;
    walk(fn.body ?? fn, sourceCode.visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return;
      const callee = node.type === AST_NODE_TYPES.Identifier ? localFunction(node, sourceCode) : (classMethod(node) ?? objectMethod(node, sourceCode));
      if (callee && callee !== fn) queue.push({ fn: callee, depth: depth + 1 });
    });
  }
  return found;
}

/**
 * `router.handle` where `router` is a `const` holding `new Router()` of a class declared here,
 * or an object literal with a `handle` function.
 */
function objectMethod(member: TSESTree.MemberExpression, sourceCode: SourceCode): TSESTree.FunctionLike | undefined {
  const object = unwrap(member.object);
  if (object.type !== AST_NODE_TYPES.Identifier || member.computed || member.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = member.property.name;
  const def = ASTUtils.findVariable(sourceCode.getScope(object), object)?.defs[0];
  const init = def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init ? unwrap(def.node.init) : undefined;
  if (init?.type === AST_NODE_TYPES.ObjectExpression) {
    const property = init.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === name);
    return property ? localFunction(property.value, sourceCode) : undefined;
  }
  if (init?.type !== AST_NODE_TYPES.NewExpression || init.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const classDef = ASTUtils.findVariable(sourceCode.getScope(init), init.callee)?.defs[0];
  const body = classDef?.type === 'ClassName' && (classDef.node.type === AST_NODE_TYPES.ClassDeclaration || classDef.node.type === AST_NODE_TYPES.ClassExpression) ? classDef.node.body : undefined;
  const method = body?.body.find((element) => (element.type === AST_NODE_TYPES.MethodDefinition || element.type === AST_NODE_TYPES.PropertyDefinition) && propertyKeyName(element) === name);
  const value = method && 'value' in method ? method.value : undefined;
  return value && isFunction(value) ? value : undefined;
}

/** `this.handle` inside a class: the method of that class. */
function classMethod(member: TSESTree.MemberExpression): TSESTree.FunctionLike | undefined {
  if (member.object.type !== AST_NODE_TYPES.ThisExpression || member.computed || member.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = member.property.name;
  for (let node: TSESTree.Node | undefined = member.parent; node; node = node.parent) {
    if (node.type !== AST_NODE_TYPES.ClassBody) continue;
    for (const element of node.body) {
      if (element.type === AST_NODE_TYPES.MethodDefinition && propertyKeyName(element) === name) return element.value;
      if (element.type === AST_NODE_TYPES.PropertyDefinition && propertyKeyName(element) === name && element.value && isFunction(element.value)) return element.value;
    }
    return undefined;
  }
  return undefined;
}

/** The MCP dispatch sites (`isMcpSite`, or any when `anyMethod`) that code in `functions` runs or consults. */
export function sitesReachedFrom(functions: readonly TSESTree.FunctionLike[], sourceCode: SourceCode, anyMethod = false): DispatchSite[] {
  return dispatchSites(sourceCode).filter((site) => {
    if (!anyMethod && !isMcpSite(site)) return false;
    if (functions.some((fn) => contains(fn, site.node))) return true;
    const anchor = siteVariable(site, sourceCode);
    return anchor !== undefined && anchor.references.some((reference) => functions.some((fn) => contains(fn, reference.identifier)));
  });
}

/**
 * The sites that serve MCP rather than inspect a message in passing: switches, tables and
 * registries routing a request only an MCP server answers, and `if`s when those of one
 * function route at least two methods together, one of them such a request (`if (m === 'tools/list') …; if (m === 'tools/call') …`). A lone
 * `if (message.method === 'subscriptions/listen')` in a proxy passes the message on; it does
 * not answer it.
 */
export function servingSites(sites: readonly DispatchSite[]): DispatchSite[] {
  const ifMethods = new Map<TSESTree.Node | undefined, Set<string>>();
  for (const site of sites) {
    if (site.kind !== 'if-chain') continue;
    const owner = enclosingFunction(site.node);
    const methods = ifMethods.get(owner) ?? new Set<string>();
    for (const method of site.methods.keys()) methods.add(method);
    ifMethods.set(owner, methods);
  }
  const answersRequests = (methods: Iterable<string>) => [...methods].some((method) => distinctiveServerRequests.has(method));
  return sites.filter((site) => {
    if (site.kind !== 'if-chain') return answersRequests(site.methods.keys());
    const methods = ifMethods.get(enclosingFunction(site.node)) ?? new Set<string>();
    return methods.size >= 2 && answersRequests(methods);
  });
}

/** The variable a dispatch table is stored in (`const handlers = { … }`), or a registry's receiver (`rpc.addMethod(…)`). */
function siteVariable(site: DispatchSite, sourceCode: SourceCode): TSESLint.Scope.Variable | undefined {
  if (site.kind === 'table') {
    let top: TSESTree.Node = site.node;
    while (top.parent && (top.parent.type === AST_NODE_TYPES.TSAsExpression || top.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)) top = top.parent;
    const declarator = top.parent;
    if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.Identifier) {
      return ASTUtils.findVariable(sourceCode.getScope(declarator), declarator.id) ?? undefined;
    }
  }
  if (site.kind === 'registry' && site.node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(site.node.callee);
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : undefined;
    if (receiver?.type === AST_NODE_TYPES.Identifier) return ASTUtils.findVariable(sourceCode.getScope(receiver), receiver) ?? undefined;
  }
  return undefined;
}

export function contains(root: TSESTree.Node, node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) if (current === root) return true;
  return false;
}

/** What the endpoint hands to code this file cannot see. */
export interface Delegation {
  /** The request or its headers go to such code (route middleware, `await checkHeaders(req)`). */
  headers: boolean;
  /** The request or its parsed body goes to such code (`await handleMessage(body)` from another module). */
  body: boolean;
}

/**
 * Whether the handler passes the request, its headers or its body to functions defined in
 * other files of the project (relative or aliased imports) or given to it as parameters: those
 * may validate what this file does not. Libraries (bare package imports) and globals do not.
 */
export function delegationOf(handler: PostHandler, functions: readonly TSESTree.FunctionLike[], sourceCode: SourceCode): Delegation {
  const delegation: Delegation = { headers: false, body: false };
  if (handler.middleware.some((middleware) => !localFunction(middleware, sourceCode) && isForeignCallee(middleware, functions, sourceCode))) {
    return { headers: true, body: true };
  }
  const requestParams = new Set(handler.fn.params.slice(0, 1).map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : undefined)));
  const bodyNames = bodyVariables(functions, sourceCode);
  for (const fn of functions) {
    walk(fn.body ?? fn, sourceCode.visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return;
      if (loggingCall.test(calleeName(node) ?? '') || !isForeignCallee(node.callee, functions, sourceCode)) return;
      for (const argument of node.arguments) {
        const kind = carriedPart(argument, requestParams, bodyNames);
        if (kind === 'request') {
          delegation.headers = true;
          delegation.body = true;
        } else if (kind === 'headers') delegation.headers = true;
        else if (kind === 'body') delegation.body = true;
      }
    });
  }
  return delegation;
}

/** Names bound to the parsed request body: `const body = await req.json()`, `= JSON.parse(raw)`, `= req.body`. */
function bodyVariables(functions: readonly TSESTree.FunctionLike[], sourceCode: SourceCode): Set<string> {
  const names = new Set<string>();
  for (const fn of functions) {
    walk(fn.body ?? fn, sourceCode.visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.VariableDeclarator || node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return;
      let init = unwrap(node.init);
      if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
      const name = init.type === AST_NODE_TYPES.CallExpression ? calleeName(init) : init.type === AST_NODE_TYPES.MemberExpression && !init.computed && init.property.type === AST_NODE_TYPES.Identifier ? init.property.name : undefined;
      if (name === 'json' || name === 'parse' || name === 'body') names.add(node.id.name);
    });
    // The dispatch function's own message parameter.
    for (const param of fn.params) if (param.type === AST_NODE_TYPES.Identifier && fn !== functions[0]) names.add(param.name);
  }
  return names;
}

function carriedPart(argument: TSESTree.Node, requestParams: Set<string | undefined>, bodyNames: Set<string>): 'request' | 'headers' | 'body' | undefined {
  const inner = unwrap(argument);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    if (requestParams.has(inner.name)) return 'request';
    return bodyNames.has(inner.name) ? 'body' : undefined;
  }
  if (inner.type !== AST_NODE_TYPES.MemberExpression || inner.computed || inner.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const root = unwrap(inner.object);
  if (root.type !== AST_NODE_TYPES.Identifier && !(root.type === AST_NODE_TYPES.MemberExpression)) return undefined;
  const name = inner.property.name;
  if (name === 'headers' || name === 'raw' || name === 'req') return 'headers';
  if (name === 'body') return 'body';
  return undefined;
}

/** Logging and reply calls take the request or message without judging it. */
const loggingCall = /^(?:log|debug|info|warn|warning|error|trace|fatal|emit|send|write|reply|respond|json|end)$/i;

/**
 * A callee from the project's other files, or a function the endpoint was given from outside
 * (a factory's parameter): code this file cannot see.
 */
function isForeignCallee(callee: TSESTree.Node, functions: readonly TSESTree.FunctionLike[], sourceCode: SourceCode): boolean {
  let root = unwrap(callee);
  while (root.type === AST_NODE_TYPES.MemberExpression || root.type === AST_NODE_TYPES.CallExpression) {
    root = unwrap(root.type === AST_NODE_TYPES.MemberExpression ? root.object : root.callee);
  }
  if (root.type === AST_NODE_TYPES.ThisExpression) return !classMethod(unwrap(callee) as TSESTree.MemberExpression);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const scope: Scope = sourceCode.getScope(root);
  const binding = importedBindingOf(root, scope);
  if (binding) return ownModule.test(binding.source);
  const def = ASTUtils.findVariable(scope, root)?.defs[0];
  return def?.type === 'Parameter' && !functions.includes(def.node as TSESTree.FunctionLike);
}
