import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { staticValue } from './constants.js';
import { isFunction, localFunctionOf, propertyKeyName, unwrap, walk } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** One HTTP route a file registers: `app.get('/mcp', handler)` and its siblings in other frameworks. */
export interface HttpRoute {
  /** Upper-case HTTP method (`GET`, `DELETE`, `POST`, `ALL`). */
  method: string;
  /** The path's static value, or its source text when it is computed; `<module>` for file-based routes. */
  path: string;
  /** The expressions that handle the request: functions, names of functions, `toNodeHandler(h)` calls. */
  handlers: TSESTree.Node[];
  /** Where a finding about the route goes: `app.get`, Fastify's `'GET'`, Next.js' `GET`. */
  reportNode: TSESTree.Node;
}

/** Route methods of Express, Router, Koa-router, Hono, Fastify and Restify (`app.get(path, …handlers)`). */
const verbs = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all']);
/** File-based routes: Next.js App Router and similar export one function per HTTP method. */
const exportedVerbs = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']);
const modulePath = '<module>';

const cache = new WeakMap<object, HttpRoute[]>();

/** Every HTTP route registered in the file, in source order. */
export function httpRoutes(sourceCode: SourceCode): HttpRoute[] {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  const routes: HttpRoute[] = [];
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) routes.push(...routesOfCall(node, sourceCode));
    else if (node.type === AST_NODE_TYPES.ExportNamedDeclaration) routes.push(...routesOfExport(node));
  });
  cache.set(sourceCode.ast, routes);
  return routes;
}

function routesOfCall(call: TSESTree.CallExpression, sourceCode: SourceCode): HttpRoute[] {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return [];
  const name = callee.property.name;
  if (name === 'route' && call.arguments.length === 1) return fastifyRoutes(call, sourceCode);
  if (!verbs.has(name)) return [];
  const method = name === 'del' ? 'DELETE' : name.toUpperCase();
  const chained = chainedRoutePath(callee.object);
  if (chained) return [{ method, path: pathKey(chained, sourceCode), handlers: [...call.arguments], reportNode: callee.property }];
  const [pathArgument, ...handlers] = call.arguments;
  if (!pathArgument || !isRouteShape(pathArgument, handlers, sourceCode)) return [];
  return [{ method, path: pathKey(pathArgument, sourceCode), handlers, reportNode: callee }];
}

/** `app.route('/mcp').get(a).delete(b)`: the path of the chain a method call hangs off. */
function chainedRoutePath(object: TSESTree.Node): TSESTree.Node | undefined {
  const inner = unwrap(object);
  if (inner.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(inner.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (callee.property.name === 'route' && inner.arguments.length === 1 && inner.arguments[0]?.type !== AST_NODE_TYPES.ObjectExpression) {
    return inner.arguments[0];
  }
  return verbs.has(callee.property.name) ? chainedRoutePath(callee.object) : undefined;
}

/**
 * `get(path, handler)` rather than `map.get(key)`, `axios.get(url, config)` or `cache.get(k, v)`:
 * a path that reads like one (a literal starting with `/`) followed by something that is not a
 * config object, or any path followed by a function.
 */
function isRouteShape(path: TSESTree.Node, handlers: TSESTree.Node[], sourceCode: SourceCode): boolean {
  if (handlers.length === 0 || path.type === AST_NODE_TYPES.SpreadElement || isFunction(unwrap(path))) return false;
  const hasFunction = handlers.some((h) => isFunction(unwrap(h)));
  // A config object makes it a client call, unless a function follows it (Fastify's `get(path, { schema }, handler)`).
  if (!hasFunction && handlers.some((h) => unwrap(h).type === AST_NODE_TYPES.ObjectExpression)) return false;
  const value = staticValue(path, sourceCode.getScope(path))?.value;
  return (typeof value === 'string' && value.startsWith('/')) || hasFunction;
}

function pathKey(path: TSESTree.Node, sourceCode: SourceCode): string {
  const value = staticValue(path, sourceCode.getScope(path))?.value;
  return typeof value === 'string' ? value : sourceCode.getText(path);
}

/** Fastify's `fastify.route({ method: ['GET', 'POST'], url: '/mcp', handler })`. */
function fastifyRoutes(call: TSESTree.CallExpression, sourceCode: SourceCode): HttpRoute[] {
  const options = call.arguments[0] && unwrap(call.arguments[0]);
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const property = (key: string) =>
    options.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === key);
  const methodProperty = property('method');
  const url = property('url') ?? property('path');
  const handler = property('handler');
  if (!methodProperty || !url || !handler) return [];
  const methodNodes = unwrap(methodProperty.value).type === AST_NODE_TYPES.ArrayExpression
    ? (unwrap(methodProperty.value) as TSESTree.ArrayExpression).elements.filter((e): e is TSESTree.Expression => e !== null && e.type !== AST_NODE_TYPES.SpreadElement)
    : [methodProperty.value];
  const path = pathKey(url.value, sourceCode);
  const routes: HttpRoute[] = [];
  for (const node of methodNodes) {
    const value = staticValue(node, sourceCode.getScope(node))?.value;
    if (typeof value === 'string') routes.push({ method: value.toUpperCase(), path, handlers: [handler.value], reportNode: node });
  }
  return routes;
}

/** `export async function GET(req) {…}`, `export const DELETE = …`, `export { handler as GET }`. */
function routesOfExport(node: TSESTree.ExportNamedDeclaration): HttpRoute[] {
  const declaration = node.declaration;
  if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id && exportedVerbs.has(declaration.id.name)) {
    return [{ method: declaration.id.name, path: modulePath, handlers: [declaration], reportNode: declaration.id }];
  }
  if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
    return declaration.declarations.flatMap((d) =>
      d.id.type === AST_NODE_TYPES.Identifier && exportedVerbs.has(d.id.name) && d.init
        ? [{ method: d.id.name, path: modulePath, handlers: [d.init], reportNode: d.id }]
        : [],
    );
  }
  if (node.source) return [];
  return node.specifiers.flatMap((specifier) => {
    const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : String(specifier.exported.value);
    return exportedVerbs.has(exported) && specifier.local.type === AST_NODE_TYPES.Identifier
      ? [{ method: exported, path: modulePath, handlers: [specifier.local], reportNode: specifier.exported }]
      : [];
  });
}

/**
 * The functions that run for a handler expression: the function itself, the function a name
 * refers to in this file, and functions wrapped by a call (`asyncHandler(async (req, res) => …)`).
 */
export function handlerFunctions(handler: TSESTree.Node, sourceCode: SourceCode): TSESTree.FunctionLike[] {
  const node = unwrap(handler);
  if (isFunction(node)) return [node];
  if (node.type === AST_NODE_TYPES.Identifier) {
    const fn = localFunctionOf(node, sourceCode);
    return fn ? [fn] : [];
  }
  if (node.type === AST_NODE_TYPES.CallExpression) return node.arguments.flatMap((argument) => (isFunction(unwrap(argument)) ? [unwrap(argument) as TSESTree.FunctionLike] : []));
  return [];
}

/** The route whose handler is `fn` (directly, by name, or wrapped), or undefined. */
export function routeHandledBy(fn: TSESTree.FunctionLike, sourceCode: SourceCode): HttpRoute | undefined {
  return httpRoutes(sourceCode).find((route) => route.handlers.some((handler) => handlerFunctions(handler, sourceCode).includes(fn)));
}

/** The innermost function around `node` that handles a route, with that route. */
export function enclosingRoute(node: TSESTree.Node, sourceCode: SourceCode): { route: HttpRoute; fn: TSESTree.FunctionLike } | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const route = routeHandledBy(current, sourceCode);
    if (route) return { route, fn: current };
  }
  return undefined;
}

/** Routes of the file that share a path with `route` (itself included). */
export function routesOnPath(route: HttpRoute, sourceCode: SourceCode): HttpRoute[] {
  return httpRoutes(sourceCode).filter((other) => other.path === route.path);
}
