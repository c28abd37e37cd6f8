import type { Scope, SourceCode } from 'eslint';
import type { TSESTree } from '@typescript-eslint/utils';

/**
 * The Express-style routes that host one MCP endpoint, read from where its transport is
 * connected: `app.post(path, [middleware…,] handler)` (the handler inline or a named function
 * every use of which is such a route) and the `app.get`/`app.delete` routes of the same path
 * beside it. The http-handler transform replaces them all with one `createMcpHandler` endpoint,
 * so it must know everything the handlers touch outside themselves: a use it cannot account for
 * (a logger, a counter, a helper) is a reason not to rewrite, never something to drop silently.
 */
type Node = TSESTree.Node;
type Fn = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

export interface Route {
  statement: TSESTree.ExpressionStatement;
  method: string;
  receiver: string;
  path: string;
  middleware: string[];
  handler: Fn;
}

export interface Endpoint {
  post: Route;
  /** GET and DELETE routes of the same receiver and path. */
  others: Route[];
  /** `() => …`'s body: the expression that builds the server for one request. */
  factory: Node;
  /** The route handler's own names for the request and the response. */
  req: string;
  res: string;
  /** The pre-parsed body the handler gave `handleRequest()` (`req.body`), if any. */
  parsedBody?: Node;
  /** Statements that go with the routes: named handlers, helpers, session maps of transports, their shutdown loops. */
  removals: Node[];
  /** What the session callbacks (and requests of a known session) did besides keeping the map: it no longer runs. */
  sessionStatements: SessionStatement[];
  /** Transport options `createMcpHandler` has no place for (`allowedHosts: […]`, as written): the handler no longer applies them. */
  droppedOptions: string[];
}

export interface SessionStatement {
  /** `onsessioninitialized`, `onsessionclosed`, `onclose`, or `known session`. */
  where: string;
  text: string;
}

/** Node globals a serving handler may use without the rewrite losing anything. */
const harmlessGlobals = new Set(['console', 'JSON', 'Error', 'String', 'Number', 'Boolean', 'Object', 'Array', 'undefined', 'Map', 'Set', 'crypto']);
/** Imports whose use only serves the transport: they go with it. */
const servingModules = [/^@modelcontextprotocol\//, /^(node:)?crypto$/];
const postMethods = ['post', 'all'];
const otherMethods = ['get', 'delete'];

export function endpointOf(sourceCode: SourceCode, connect: TSESTree.CallExpression): Endpoint | { reason: string } {
  const handler = enclosingFunction(connect);
  if (!handler || connect.callee.type !== 'MemberExpression') return { reason: 'connect() is not in a route handler' };
  const routes = routesOf(sourceCode, handler);
  const post = routes?.find((route) => postMethods.includes(route.method));
  if (!routes || !post) return { reason: 'connect() is not in an Express-style `app.post(path, handler)` route' };
  const [reqParam, resParam] = post.handler.params;
  if (reqParam?.type !== 'Identifier' || resParam?.type !== 'Identifier') return { reason: 'the route handler does not take (req, res)' };

  const factory = factoryOf(sourceCode, connect.callee.object, handler);
  if ('reason' in factory) return factory;

  const others: Route[] = [];
  for (const sibling of siblingStatements(post.statement)) {
    const call = routeCall(sourceCode, sibling);
    if (!call || sibling === post.statement || !otherMethods.includes(call.method) || call.receiver !== post.receiver || call.path !== post.path) continue;
    const found = routeAt(sourceCode, sibling);
    if (!found) return { reason: `the ${call.method.toUpperCase()} route of ${post.path} has a handler this rewrite cannot follow` };
    others.push(found);
  }

  // Named handlers go with their routes; every use of them must be one of those routes.
  const routeStatements = new Set<Node>([post.statement, ...others.map((route) => route.statement)]);
  const removals: Node[] = [];
  const handlers = new Set<Fn>([post.handler, ...others.map((route) => route.handler)]);
  for (const fn of handlers) {
    const binding = bindingOf(sourceCode, fn);
    if (!binding) continue;
    if (!binding.uses.every((use) => within(use, [...routeStatements]))) return { reason: `\`${binding.name}\` is used outside the MCP routes` };
    removals.push(binding.statement);
  }
  const isHandlerBinding = (variable: Scope.Variable) => [...handlers].some((h) => bindingOf(sourceCode, h)?.name === variable.name && variable.defs[0]?.node === bindingOf(sourceCode, h)?.node);

  // What the handlers (and the helpers only they call) read from outside themselves.
  const kept = new Set(referencedVariables(sourceCode, factory.node));
  const scanned: Fn[] = [...handlers];
  const outer = new Map<Scope.Variable, Fn[]>();
  for (let i = 0; i < scanned.length; i++) {
    const fn = scanned[i]!;
    for (const variable of outerVariables(sourceCode, fn)) {
      if (kept.has(variable) || isHandlerBinding(variable) || outer.get(variable)?.includes(fn)) continue;
      if (!outer.has(variable)) {
        // A local helper (`transportFor(req)`) that only these routes call goes with them.
        const helper = helperFunction(sourceCode, variable);
        const binding = helper && bindingOf(sourceCode, helper);
        if (binding && binding.uses.every((use) => within(use, [...routeStatements, ...removals]))) {
          removals.push(binding.statement);
          scanned.push(helper);
          outer.set(variable, []);
          continue;
        }
      }
      if (outer.get(variable)?.length === 0) continue;
      outer.set(variable, [...(outer.get(variable) ?? []), fn]);
    }
  }

  // Session callbacks and the stream-resumption option: code the transport ran, not the request.
  const callbacks = sessionCallbacks(scanned);
  const eventStores = eventStoreOptions(scanned);
  const inCallbacks = (node: Node) => within(node, callbacks.map((callback) => callback.fn));
  const inEventStore = (node: Node) => within(node, eventStores);
  const scopes = [...new Set(scanned.flatMap((fn) => scopesIn(sourceCode, fn)))];
  const referencesIn = (variable: Scope.Variable) =>
    scopes
      .flatMap((scope) => scope.references)
      .filter((reference) => (reference.resolved ? reference.resolved === variable : variable.defs.length === 0 && reference.identifier.name === variable.name))
      .map((reference) => reference.identifier as unknown as Node);

  const accounted = new Set<Scope.Variable>();
  const maps = new Set<Scope.Variable>();
  for (const variable of outer.keys()) {
    const def = variable.defs[0];
    if (!def) {
      if (harmlessGlobals.has(variable.name)) accounted.add(variable);
      continue;
    }
    if (def.type === 'ImportBinding') {
      const source = (def.parent as unknown as TSESTree.ImportDeclaration).source.value;
      if (servingModules.some((pattern) => pattern.test(source))) accounted.add(variable);
      continue;
    }
    if (outer.get(variable)!.length === 0) {
      accounted.add(variable);
      continue;
    }
    // A collection the handlers read outside the session callbacks is where they keep transports.
    if (collectionDeclaration(def.node as unknown as Node) && referencesIn(variable).some((use) => !inCallbacks(use) && !inEventStore(use))) {
      maps.add(variable);
      accounted.add(variable);
    }
  }

  // What the session code did besides keeping the map: it cannot run any more, so it is listed, never dropped silently.
  const extras: SessionStatement[] = [];
  const extraUnits: Node[] = [];
  const outerOf = (node: Node) => referencedVariables(sourceCode, node).filter((variable) => outer.has(variable));
  for (const callback of callbacks) {
    for (const unit of unitsOf(callback.fn)) {
      const used = outerOf(unit);
      const bookkeeping = used.some((variable) => maps.has(variable)) && used.every((variable) => maps.has(variable) || (accounted.has(variable) && variable.defs.length > 0));
      if (bookkeeping) continue;
      extras.push({ where: callback.name, text: textOf(sourceCode, unit) });
      extraUnits.push(unit);
    }
  }
  for (const branch of sessionBranches(sourceCode, scanned, maps)) {
    for (const unit of branch.type === 'BlockStatement' ? branch.body : [branch]) {
      if (!outerOf(unit).some((variable) => !accounted.has(variable))) continue;
      extras.push({ where: 'known session', text: textOf(sourceCode, unit) });
      extraUnits.push(unit);
    }
  }
  for (const variable of outer.keys()) {
    if (accounted.has(variable)) continue;
    if (referencesIn(variable).every((use) => within(use, extraUnits) || inEventStore(use))) continue;
    const def = variable.defs[0];
    const source = def?.type === 'ImportBinding' ? ` (from ${(def.parent as unknown as TSESTree.ImportDeclaration).source.value})` : '';
    return { reason: `the handlers use \`${variable.name}\`${source}, which the rewrite would drop` };
  }

  // The event store handed to the transport goes with it when nothing else uses it.
  for (const option of eventStores) {
    const variable = option.type === 'Identifier' ? findVariable(sourceCode.getScope(option as never), option.name) : undefined;
    const declaration = variable?.defs.length === 1 ? (variable.defs[0]!.node as unknown as Node) : undefined;
    if (declaration?.type !== 'VariableDeclarator' || declaration.parent.declarations.length !== 1 || declaration.parent.parent.type !== 'Program') continue;
    if (declaration.init?.type !== 'NewExpression' || !variable!.references.every((reference) => reference.init || within(reference.identifier as unknown as Node, eventStores))) continue;
    removals.push(declaration.parent);
  }

  for (const variable of maps) {
    const collection = collectionDeclaration(variable.defs[0]!.node as unknown as Node)!;
    // A shutdown loop that only closes and forgets the map's transports has nothing left to close.
    for (const reference of variable.references) {
      const loop = shutdownLoop(reference.identifier as unknown as Node, variable);
      if (loop && !removals.includes(loop)) removals.push(loop);
    }
    const removed = [...routeStatements, ...removals];
    const outside = variable.references.find((reference) => !reference.init && !within(reference.identifier as unknown as Node, removed));
    if (outside) {
      const identifier = outside.identifier as unknown as Node;
      const loop = identifier.parent?.type === 'ForOfStatement' || identifier.parent?.type === 'ForInStatement' || identifier.parent?.parent?.type === 'ForOfStatement';
      const what = loop ? ' by a loop that does more than close and forget its transports' : '';
      return { reason: `the transport map \`${variable.name}\` is also used on line ${outside.identifier.loc?.start.line}${what}: remove that use, then run fix again` };
    }
    if (!removals.includes(collection)) removals.push(collection);
  }

  if (usesLocals(sourceCode, factory.node, handler)) {
    return { reason: 'the server is built from values of the request; build it from the factory\'s context (`({ authInfo, requestInfo }) => …`) instead' };
  }
  const droppedOptions = transportOptions(scanned).flatMap((options) =>
    options.properties.filter((property) => !(property.type === 'Property' && !property.computed && handledOptions.has(propertyName(property) ?? ''))).map((property) => textOf(sourceCode, property)),
  );
  return { post, others, factory: factory.node, req: reqParam.name, res: resParam.name, parsedBody: parsedBodyOf(post.handler, reqParam.name), removals, sessionStatements: extras, droppedOptions };
}

/**
 * Transport options the rewrite accounts for: sessions and resumption go with 2025, and
 * `enableJsonResponse` is what `createMcpHandler` does by default (JSON unless the handler sends
 * something before its result). Any other option (DNS rebinding protection, keep-alive, size
 * limits) would stop applying unseen, so it is listed in a marker.
 */
const handledOptions = new Set(['sessionIdGenerator', 'onsessioninitialized', 'onsessionclosed', 'eventStore', 'enableJsonResponse']);

function propertyName(property: TSESTree.Property): string | undefined {
  return property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : undefined;
}

/** A function declared on its own at statement level (`function transportFor(req) {…}`, `const f = () => …`). */
function helperFunction(sourceCode: SourceCode, variable: Scope.Variable): Fn | undefined {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  const node = def?.node as unknown as Node | undefined;
  let fn: Fn | undefined;
  if (node?.type === 'FunctionDeclaration') fn = node;
  else if (node?.type === 'VariableDeclarator' && (node.init?.type === 'ArrowFunctionExpression' || node.init?.type === 'FunctionExpression')) fn = node.init;
  return fn && bindingOf(sourceCode, fn) ? fn : undefined;
}

const sessionCallbackNames = ['onsessioninitialized', 'onsessionclosed'];

/** `new …StreamableHTTPServerTransport({ …options })` in the handlers. */
function transportOptions(functions: readonly Fn[]): TSESTree.ObjectExpression[] {
  const found: TSESTree.ObjectExpression[] = [];
  for (const fn of functions) {
    visit(fn.body, (node) => {
      if (node.type !== 'NewExpression' || node.callee.type !== 'Identifier' || !node.callee.name.endsWith('StreamableHTTPServerTransport')) return;
      const options = node.arguments[0];
      if (options?.type === 'ObjectExpression' && !found.includes(options)) found.push(options);
    });
  }
  return found;
}

function optionValue(options: TSESTree.ObjectExpression, name: string): Node | undefined {
  for (const property of options.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : undefined;
    if (key === name) return property.value;
  }
  return undefined;
}

/** The transport's session callbacks (`onsessioninitialized`, `onsessionclosed` options, `transport.onclose = …`). */
function sessionCallbacks(functions: readonly Fn[]): { name: string; fn: Fn }[] {
  const found: { name: string; fn: Fn }[] = [];
  const isFn = (node: Node | undefined): node is Fn => node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression';
  for (const options of transportOptions(functions)) {
    for (const name of sessionCallbackNames) {
      const value = optionValue(options, name);
      if (isFn(value)) found.push({ name, fn: value });
    }
  }
  for (const fn of functions) {
    visit(fn.body, (node) => {
      if (node.type !== 'AssignmentExpression' || node.left.type !== 'MemberExpression' || node.left.computed || node.left.property.type !== 'Identifier') return;
      if (node.left.property.name === 'onclose' && isFn(node.right)) found.push({ name: 'onclose', fn: node.right });
    });
  }
  return found;
}

/** The values of the transports' `eventStore` options: 2026-07-28 has no stream resumption, the option goes with the transport. */
function eventStoreOptions(functions: readonly Fn[]): Node[] {
  return transportOptions(functions).flatMap((options) => {
    const value = optionValue(options, 'eventStore');
    return value ? [value] : [];
  });
}

/** A callback's statements, or its expression body. */
function unitsOf(fn: Fn): Node[] {
  return fn.body.type === 'BlockStatement' ? fn.body.body : [fn.body];
}

/** What runs only for a request of a known session: the branch of an `if` whose test reads the transport map. */
function sessionBranches(sourceCode: SourceCode, functions: readonly Fn[], maps: ReadonlySet<Scope.Variable>): Node[] {
  const found: Node[] = [];
  for (const fn of functions) {
    visit(fn.body, (node) => {
      if (node.type !== 'IfStatement') return;
      if (referencedVariables(sourceCode, node.test).some((variable) => maps.has(variable))) found.push(node.consequent);
    });
  }
  return found;
}

/**
 * The loop around a reference to the transport map that only closes and forgets its transports
 * (`for (const id of Object.keys(transports)) { await transports[id].close(); delete transports[id]; }`,
 * `for (const t of transports.values()) await t.close();`), wrapped in try/catch or not.
 */
function shutdownLoop(reference: Node, map: Scope.Variable): Node | undefined {
  let loop: Node | undefined;
  for (let node: Node | undefined = reference.parent; node; node = node.parent) {
    if (node.type === 'ForOfStatement' || node.type === 'ForInStatement') {
      loop = node;
      break;
    }
    if (node.type.endsWith('Statement') || node.type.startsWith('Function') || node.type === 'ArrowFunctionExpression') return undefined;
  }
  if (!loop || (loop.type !== 'ForOfStatement' && loop.type !== 'ForInStatement') || !within(reference, [loop.right])) return undefined;
  const isMap = (node: Node) => node.type === 'Identifier' && node.name === map.name;
  const closes = (statement: Node): boolean => {
    switch (statement.type) {
      case 'BlockStatement':
        return statement.body.every(closes);
      case 'TryStatement':
        // What the catch did when a close failed goes with the close.
        return closes(statement.block) && (!statement.finalizer || closes(statement.finalizer));
      case 'EmptyStatement':
        return true;
      case 'ExpressionStatement': {
        let expression: Node = statement.expression;
        if (expression.type === 'AwaitExpression' || (expression.type === 'UnaryExpression' && expression.operator === 'void')) expression = expression.argument;
        if (expression.type === 'UnaryExpression' && expression.operator === 'delete') return expression.argument.type === 'MemberExpression' && isMap(expression.argument.object);
        if (expression.type !== 'CallExpression' || expression.callee.type !== 'MemberExpression' || expression.callee.property.type !== 'Identifier') return false;
        const method = expression.callee.property.name;
        return method === 'close' || (isMap(expression.callee.object) && (method === 'delete' || method === 'clear'));
      }
      default:
        return false;
    }
  };
  return closes(loop.body) ? loop : undefined;
}

function enclosingFunction(node: Node): Fn | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'ArrowFunctionExpression' || current.type === 'FunctionExpression' || current.type === 'FunctionDeclaration') return current;
  }
  return undefined;
}

/** The route statements that mount `handler`: directly as the last argument, or through the name it is bound to. */
function routesOf(sourceCode: SourceCode, handler: Fn): Route[] | undefined {
  if (handler.parent.type === 'CallExpression' && handler.parent.parent.type === 'ExpressionStatement') {
    const route = routeAt(sourceCode, handler.parent.parent);
    return route?.handler === handler ? [route] : undefined;
  }
  if (handler.parent.type === 'CallExpression') return undefined;
  const binding = bindingOf(sourceCode, handler);
  if (!binding || binding.uses.length === 0) return undefined;
  const routes: Route[] = [];
  for (const use of binding.uses) {
    const call = use.parent;
    const statement = call?.parent;
    if (call?.type !== 'CallExpression' || call.arguments.at(-1) !== use || statement?.type !== 'ExpressionStatement') return undefined;
    const route = routeAt(sourceCode, statement);
    if (!route) return undefined;
    routes.push(route);
  }
  return routes;
}

function routeCall(sourceCode: SourceCode, statement: Node): { call: TSESTree.CallExpression; method: string; receiver: string; path: string } | undefined {
  const call = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
  if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || call.callee.computed || call.callee.property.type !== 'Identifier') return undefined;
  const path = call.arguments[0];
  if (call.arguments.length < 2 || (path?.type !== 'Literal' && path?.type !== 'TemplateLiteral' && path?.type !== 'Identifier')) return undefined;
  const receiver = call.callee.object;
  if (receiver.type !== 'Identifier' && receiver.type !== 'MemberExpression') return undefined;
  return { call, method: call.callee.property.name, receiver: textOf(sourceCode, receiver), path: textOf(sourceCode, path) };
}

/** A route statement whose handler (its last argument) is a function written inline or bound to a name. */
function routeAt(sourceCode: SourceCode, statement: Node): Route | undefined {
  const found = routeCall(sourceCode, statement);
  if (!found) return undefined;
  const last = found.call.arguments.at(-1)!;
  let handler: Fn | undefined;
  if (last.type === 'ArrowFunctionExpression' || last.type === 'FunctionExpression') handler = last;
  else if (last.type === 'Identifier') handler = functionNamed(sourceCode, last);
  if (!handler) return undefined;
  const middleware = found.call.arguments.slice(1, -1).map((argument) => sourceCode.getText(argument as never));
  return { statement: statement as TSESTree.ExpressionStatement, method: found.method, receiver: found.receiver, path: found.path, middleware, handler };

}

function functionNamed(sourceCode: SourceCode, identifier: TSESTree.Identifier): Fn | undefined {
  const variable = findVariable(sourceCode.getScope(identifier as never), identifier.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  const node = def?.node as unknown as Node | undefined;
  if (node?.type === 'FunctionDeclaration') return node;
  if (node?.type === 'VariableDeclarator' && (node.init?.type === 'ArrowFunctionExpression' || node.init?.type === 'FunctionExpression')) return node.init;
  return undefined;
}

/** The name a handler is bound to at statement level, its declaration and every other use of it. */
function bindingOf(sourceCode: SourceCode, fn: Fn): { name: string; node: Node; statement: Node; uses: TSESTree.Identifier[] } | undefined {
  let id: TSESTree.Identifier | undefined;
  let statement: Node | undefined;
  let node: Node | undefined;
  if (fn.type === 'FunctionDeclaration' && fn.id) {
    id = fn.id;
    statement = fn.parent.type === 'ExportNamedDeclaration' ? undefined : fn;
    node = fn;
  } else if (fn.parent.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier' && fn.parent.parent.declarations.length === 1) {
    id = fn.parent.id;
    node = fn.parent;
    statement = fn.parent.parent.parent.type === 'ExportNamedDeclaration' ? undefined : fn.parent.parent;
  }
  if (!id || !statement) return undefined;
  const variable = sourceCode.getDeclaredVariables(node as never).find((v) => v.name === id!.name);
  if (!variable) return undefined;
  const uses = variable.references.filter((r) => !r.init).map((r) => r.identifier as unknown as TSESTree.Identifier);
  return { name: id.name, node: node!, statement, uses };
}

/**
 * The server the connect() call serves: a variable the handler declares from a call
 * (`const server = buildServer()`, `await createServer(config)`, `new McpServer(…)`), or such a
 * call written in place. A server built outside the handler is shared by every request.
 */
function factoryOf(sourceCode: SourceCode, receiver: Node, handler: Fn): { node: Node } | { reason: string } {
  const shared = {
    reason:
      'the server is built once and shared by every request, so there is no factory to hand createMcpHandler: move its construction and registrations into a function that returns a new McpServer (`function buildServer() { const server = new McpServer(…); server.registerTool(…); return server; }`) and connect `buildServer()` here',
  };
  const strip = (node: Node) => (node.type === 'AwaitExpression' ? node.argument : node);
  const direct = strip(receiver);
  if (direct.type === 'CallExpression') return { node: direct };
  if (direct.type !== 'Identifier') return shared;
  const variable = findVariable(sourceCode.getScope(direct as never), direct.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  const declarator = def?.node as unknown as Node | undefined;
  if (declarator?.type !== 'VariableDeclarator' || !declarator.init || !within(declarator, [handler])) return shared;
  const init = strip(declarator.init);
  if (init.type !== 'CallExpression' && init.type !== 'NewExpression') return shared;
  // `new McpServer(…)` followed by registrations in the handler: those would be lost.
  const uses = variable!.references.filter((reference) => !reference.init).map((reference) => reference.identifier as unknown as Node);
  if (init.type === 'NewExpression' && uses.some((use) => !isConnectOrClose(use))) {
    return { reason: 'the handler builds and configures the server itself: move that into a function that returns the server, and connect its result here' };
  }
  return { node: init };
}

function isConnectOrClose(identifier: Node): boolean {
  const member = identifier.parent;
  return member?.type === 'MemberExpression' && member.object === identifier && member.property.type === 'Identifier' && ['connect', 'close'].includes(member.property.name);
}

/** The third argument of the handler's `handleRequest(req, res, body)`, when it reads only the request. */
function parsedBodyOf(handler: Fn, req: string): Node | undefined {
  let found: Node | undefined;
  visit(handler.body, (node) => {
    if (found || node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.property.type !== 'Identifier' || node.callee.property.name !== 'handleRequest') return;
    const body = node.arguments[2];
    if (body?.type === 'MemberExpression' && body.object.type === 'Identifier' && body.object.name === req) found = body;
  });
  return found;
}

/** `const transports = {}`, `const sessions: Record<…> = {}`, `new Map()`: a collection declared on its own. */
function collectionDeclaration(node: Node): Node | undefined {
  if (node.type !== 'VariableDeclarator' || node.parent.declarations.length !== 1 || node.parent.parent.type === 'ExportNamedDeclaration') return undefined;
  const init = node.init;
  const isCollection =
    (init?.type === 'ObjectExpression' && init.properties.length === 0) ||
    (init?.type === 'NewExpression' && init.callee.type === 'Identifier' && ['Map', 'Set'].includes(init.callee.name) && init.arguments.length === 0);
  return isCollection ? node.parent : undefined;
}

/** The variables declared outside `fn` that it reads or writes. */
function outerVariables(sourceCode: SourceCode, fn: Fn): Scope.Variable[] {
  const found = new Set<Scope.Variable>();
  const globalScope = sourceCode.scopeManager.globalScope!;
  for (const scope of scopesIn(sourceCode, fn)) {
    for (const reference of scope.references) {
      // Types are erased: `(req: Request, res: Response)` loses nothing when the handler goes.
      if ((reference as unknown as { isValueReference?: boolean }).isValueReference === false) continue;
      const variable = reference.resolved ?? globalScope.set.get(reference.identifier.name) ?? ({ name: reference.identifier.name, defs: [], references: [] } as unknown as Scope.Variable);
      if (!variable.defs[0] || !within(variable.defs[0].name as unknown as Node, [fn])) {
        if (![...found].some((v) => v.name === variable.name && v.defs.length === 0 && variable.defs.length === 0)) found.add(variable);
      }
    }
  }
  return [...found];
}

function referencedVariables(sourceCode: SourceCode, node: Node): Scope.Variable[] {
  const fn = enclosingFunction(node);
  const scopes = fn ? scopesIn(sourceCode, fn) : [sourceCode.scopeManager.globalScope!];
  return scopes.flatMap((scope) => scope.references.filter((r) => within(r.identifier as unknown as Node, [node]) && r.resolved).map((r) => r.resolved!));
}

function scopesIn(sourceCode: SourceCode, fn: Fn): Scope.Scope[] {
  const scopes: Scope.Scope[] = [sourceCode.getScope(fn.body as never)];
  if (scopes[0]!.block !== (fn as unknown)) scopes.unshift(sourceCode.scopeManager.acquire(fn as never) ?? scopes[0]!);
  for (let i = 0; i < scopes.length; i++) for (const child of scopes[i]!.childScopes) if (!scopes.includes(child)) scopes.push(child);
  return [...new Set(scopes)];
}

/** Whether `node` reads a variable declared inside `fn` (`req`, a local): a factory at module level would lose it. */
function usesLocals(sourceCode: SourceCode, node: Node, fn: Fn): boolean {
  return referencedVariables(sourceCode, node).some((variable) => variable.defs.some((def) => within(def.name as unknown as Node, [fn])));
}

function findVariable(scope: Scope.Scope, name: string): Scope.Variable | undefined {
  for (let s: Scope.Scope | null = scope; s; s = s.upper) {
    const variable = s.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}

function siblingStatements(statement: Node): Node[] {
  const parent = statement.parent;
  return parent && (parent.type === 'Program' || parent.type === 'BlockStatement') ? parent.body : [statement];
}

function within(node: Node, containers: readonly Node[]): boolean {
  return containers.some((container) => node.range[0] >= container.range[0] && node.range[1] <= container.range[1]);
}

function visit(node: Node, callback: (node: Node) => void): void {
  callback(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as Node).type === 'string' && Array.isArray((child as Node).range)) visit(child as Node, callback);
    }
  }
}

function textOf(sourceCode: SourceCode, node: Node): string {
  return sourceCode.getText(node as never);
}

/**
 * An endpoint served in place, inside a request listener this rewrite keeps: Node `http`
 * (`createServer(async (req, res) => { …routing…; const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined }); await server.connect(transport); await transport.handleRequest(req, res); })`)
 * or a fetch-style route (Hono's `app.post('/mcp', (c) => … transport.handleRequest(c.req.raw))` with
 * the web-standard transport). The statements that build, connect and close the per-request
 * server and transport go; `transport.handleRequest(…)` becomes a call of the handler, with the
 * same arguments; everything else in the listener (other routes, guards) stays.
 */
export interface InPlaceEndpoint {
  /** The handler declaration goes before this top-level statement. */
  anchor: Node;
  factory: Node;
  /** `node`: `toNodeHandler(createMcpHandler(…))`, called as `(req, res, body?)`; `web`: `createMcpHandler(…)`, called as `.fetch(request, options?)`. */
  kind: 'node' | 'web';
  /** The callee `transport.handleRequest` to replace. */
  callee: Node;
  removals: Node[];
  /** The `post` of a fetch-style `app.post(path, handler)` route with no GET or DELETE route beside it: `all` lets the handler answer those with 405. */
  postMethod?: Node;
}

const statelessOptions = ['sessionIdGenerator'];

export function inPlaceEndpointOf(sourceCode: SourceCode, connect: TSESTree.CallExpression): InPlaceEndpoint | { reason: string } {
  const fn = enclosingFunction(connect);
  const connectStatement = statementOf(connect);
  const block = connectStatement?.parent;
  if (!fn || !connectStatement || block?.type !== 'BlockStatement' || connect.callee.type !== 'MemberExpression') return { reason: 'connect() is not a statement of a request handler' };
  const argument = connect.arguments[0];
  const transport = argument?.type === 'Identifier' ? findVariable(sourceCode.getScope(argument as never), argument.name) : undefined;
  const declarator = transport?.defs.length === 1 ? (transport.defs[0]!.node as unknown as Node) : undefined;
  const construction = declarator?.type === 'VariableDeclarator' ? declarator.init : undefined;
  if (!declarator || construction?.type !== 'NewExpression' || construction.callee.type !== 'Identifier' || declarator.parent?.parent !== block) {
    return { reason: 'the transport is not created in the statement list that connects it' };
  }
  const kind = construction.callee.name === 'WebStandardStreamableHTTPServerTransport' ? 'web' : construction.callee.name.endsWith('StreamableHTTPServerTransport') ? 'node' : undefined;
  if (!kind) return { reason: 'the transport is not an SDK Streamable HTTP transport' };
  const options = construction.arguments[0];
  const stateless =
    options?.type === 'ObjectExpression' &&
    options.properties.every((property) => property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && statelessOptions.includes(property.key.name)) &&
    optionValue(options, 'sessionIdGenerator')?.type === 'Identifier' &&
    (optionValue(options, 'sessionIdGenerator') as TSESTree.Identifier).name === 'undefined';
  if (!stateless) return { reason: 'outside an Express-style route only a transport created with just `{ sessionIdGenerator: undefined }` is rewritten' };

  const factory = factoryOf(sourceCode, connect.callee.object, fn);
  if ('reason' in factory) return factory;
  if (usesLocals(sourceCode, factory.node, fn)) {
    return { reason: 'the server is built from values of the request; build it from the factory\'s context (`({ authInfo, requestInfo }) => …`) instead' };
  }

  // Every use of the transport and of the server variable must be one of the statements that go, or the handleRequest() call.
  const removals = new Set<Node>([declarator.parent!, connectStatement]);
  let callee: Node | undefined;
  const server = connect.callee.object.type === 'Identifier' ? findVariable(sourceCode.getScope(connect.callee.object as never), connect.callee.object.name) : undefined;
  const serverDeclarator = server?.defs.length === 1 ? (server.defs[0]!.node as unknown as Node) : undefined;
  if (serverDeclarator && within(serverDeclarator, [fn])) {
    if (serverDeclarator.type !== 'VariableDeclarator' || serverDeclarator.parent?.parent !== block || serverDeclarator.parent.declarations.length !== 1) return { reason: 'the server is not created in the statement list that connects it' };
    removals.add(serverDeclarator.parent);
  }
  const variables = [transport!, ...(serverDeclarator ? [server!] : [])];
  for (const variable of variables) {
    for (const reference of variable.references) {
      if (reference.init) continue;
      const identifier = reference.identifier as unknown as Node;
      if ([...removals].some((removal) => within(identifier, [removal]))) continue;
      const member = identifier.parent;
      if (variable === transport && member?.type === 'MemberExpression' && member.object === identifier && !member.computed && member.property.type === 'Identifier' && member.property.name === 'handleRequest' && member.parent?.type === 'CallExpression' && member.parent.callee === member) {
        if (callee) return { reason: 'the transport handles more than one request' };
        callee = member;
        continue;
      }
      let statement: Node | undefined = identifier;
      while (statement && statement.parent !== block) statement = statement.parent;
      if (statement && closesOnly(statement, variables)) {
        removals.add(statement);
        continue;
      }
      return { reason: `\`${variable.name}\` is used for more than serving the request (line ${identifier.loc.start.line})` };
    }
  }
  if (!callee) return { reason: 'the transport never handles the request' };

  let anchor: Node = fn;
  while (anchor.parent && anchor.parent.type !== 'Program') anchor = anchor.parent;
  let postMethod: Node | undefined;
  const route = fn.parent?.type === 'CallExpression' && fn.parent.arguments.at(-1) === fn && fn.parent.parent?.type === 'ExpressionStatement' ? routeCall(sourceCode, fn.parent.parent) : undefined;
  if (kind === 'web' && route?.method === 'post' && route.call.callee.type === 'MemberExpression') {
    const siblings = siblingStatements(route.call.parent!).map((statement) => routeCall(sourceCode, statement));
    if (!siblings.some((other) => other && other.receiver === route.receiver && other.path === route.path && ['get', 'delete', 'all'].includes(other.method))) postMethod = route.call.callee.property;
  }
  return { anchor, factory: factory.node, kind, callee, removals: [...removals], ...(postMethod ? { postMethod } : {}) };
}

function statementOf(node: Node): Node | undefined {
  for (let current: Node | undefined = node; current; current = current.parent) {
    if (current.parent?.type === 'BlockStatement' || current.parent?.type === 'Program') return current;
    if (current.type.startsWith('Function') || current.type === 'ArrowFunctionExpression') return undefined;
  }
  return undefined;
}

/** `res.on('close', () => { transport.close(); server.close(); })`: a statement that only closes what goes. */
function closesOnly(statement: Node, variables: readonly Scope.Variable[]): boolean {
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression') return false;
  const call = statement.expression;
  const listener = call.arguments[1];
  if (call.callee.type !== 'MemberExpression' || call.callee.property.type !== 'Identifier' || !['on', 'once'].includes(call.callee.property.name)) return false;
  if (call.arguments[0]?.type !== 'Literal' || call.arguments[0].value !== 'close') return false;
  if (listener?.type !== 'ArrowFunctionExpression' && listener?.type !== 'FunctionExpression') return false;
  const names = variables.map((variable) => variable.name);
  const isClose = (node: Node): boolean => {
    let expression = node.type === 'ExpressionStatement' ? node.expression : node;
    if (expression.type === 'AwaitExpression' || (expression.type === 'UnaryExpression' && expression.operator === 'void')) expression = expression.argument;
    return (
      expression.type === 'CallExpression' &&
      expression.callee.type === 'MemberExpression' &&
      expression.callee.object.type === 'Identifier' &&
      names.includes(expression.callee.object.name) &&
      expression.callee.property.type === 'Identifier' &&
      expression.callee.property.name === 'close'
    );
  };
  return listener.body.type === 'BlockStatement' ? listener.body.body.every(isClose) : isClose(listener.body);
}
