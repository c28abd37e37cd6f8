import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { calleeName, isFunction, meaningfulParent, propertyKeyName, unwrap } from './nodes.js';
import { mcpSideOf } from './sdk.js';
import { insideExpectation } from './test-expectations.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/*
 * JSON-RPC messages that are only test data for a transport: a unit test of a transport, a
 * relay or an event queue needs *some* message to push through it, and often picks `ping` or a
 * bare `notifications/cancelled`. No MCP server or client receives such a message, so rules
 * about what a peer sends or answers stay silent on it (design.md principle 3).
 */

/** `foo.test.ts`, `foo.spec.mjs`, `__tests__/foo.ts`, `__mocks__/foo.ts`. */
const testFileName = /(?:^|[\\/])__(?:tests|mocks)__[\\/]|[.-](?:test|spec)\.[cm]?[jt]sx?$/;
/** Test runners whose import makes a file a test. */
const testRunnerModules: ReadonlySet<string> = new Set(['vitest', '@jest/globals', 'node:test', 'bun:test', 'mocha']);

/** Methods a transport, relay or queue takes a message through: outgoing `send`, inbound deliveries. */
const outboundMethods: ReadonlySet<string> = new Set(['send']);
const inboundMethods: ReadonlySet<string> = new Set(['onmessage', 'onMessage', 'handleMessage']);

/** Keys under which an HTTP request's options carry its body: the message is the body itself, not in an envelope. */
const bodyKeys: ReadonlySet<string> = new Set(['body', 'json']);
/** Keys that make an object a JSON-RPC message or an HTTP request's options rather than an envelope. */
const messageKeys: ReadonlySet<string> = new Set(['jsonrpc', 'method', 'id', 'params', 'result', 'error']);

/** Mock-function factories: `vi.fn()`, `jest.fn()`, node:test's `mock.fn()`, `sinon.stub()`/`sinon.fake()`. */
const mockFactories: Readonly<Record<string, ReadonlySet<string>>> = {
  vi: new Set(['fn']),
  jest: new Set(['fn']),
  mock: new Set(['fn']),
  sinon: new Set(['stub', 'fake']),
};

const maxDepth = 6;

/**
 * Whether a JSON-RPC message literal is only test data for a transport. It must be in a test
 * file (`*.test.*`, `*.spec.*`, `__tests__/`, or a file importing vitest, `@jest/globals`,
 * `node:test`, `bun:test` or mocha), and every use of it (the literal itself, or each read of
 * the `const` it initialises; reads inside `expect(…)` that only compare it do not count) must be
 * one of:
 *
 * - **handed to a transport double**: the first argument of `x.send(…)`, or of an inbound
 *   delivery `x.onmessage(…)`/`x.onMessage(…)`/`x.handleMessage(…)`, where `x` is not an SDK
 *   `Client`/`Server`/`McpServer` and is built in view (directly, through `const`s, `let`s
 *   assigned in a hook, destructuring, and local factory functions such as `makeTransport()`)
 *   either from a class declared in the test file (`class FakeTransport implements Transport`),
 *   or with a test double among its constructor or factory arguments, at any depth of their
 *   option objects: a mock function (`vi.fn()`, `jest.fn()`, `mock.fn()`, `sinon.stub()`, with
 *   any `.mockResolvedValueOnce(…)` chain; not a spy whose implementation is the real `fetch`),
 *   an instance of a class declared in the test file, or what a local function returning one of
 *   those gives (`fetchFn: mockFetch(plan)`). For an inbound delivery whose result is discarded
 *   (an event callback, `queue.onMessage(msg);`, not a dispatcher awaited for its reply), an
 *   object built from only primitive, non-URL literals (`new SessionQueue('s1')`) that is never
 *   handed to anything (so no client or server is connected to it) also counts: the message goes
 *   nowhere but into it;
 * - **in a relay envelope**: the value of a property (other than `body`/`json`) of an object
 *   that is not itself a JSON-RPC message and has other fields (`{ sessionId, message }`,
 *   `{ type: 'mcp', message }`), which is passed to a call directly, through `JSON.stringify`,
 *   or as the `body` of a request. An MCP endpoint takes the message itself as its body, so an
 *   envelope is the protocol of the relay or message bus the test exercises.
 *
 * A message sent by an SDK client or server, to a transport that reaches a real peer (a spawned
 * process, a URL with the real `fetch`), or to a hand-rolled server the test drives, is not test
 * data.
 */
export function isTransportTestData(message: TSESTree.ObjectExpression, sourceCode: SourceCode, filename: string): boolean {
  if (!isTestFile(filename, sourceCode)) return false;
  const uses = usesOfValue(message, sourceCode);
  let delivered = false;
  for (const use of uses) {
    if (isRelayEnvelopeValue(use) || deliveredToDouble(use, sourceCode)) {
      delivered = true;
      continue;
    }
    // `expect(base.sent).toEqual([request])` only compares the message.
    if (use !== message && insideExpectation(use)) continue;
    return false;
  }
  return delivered;
}

const testFiles = new WeakMap<object, boolean>();

/** A test file: by its name, or because it imports a test runner. */
export function isTestFile(filename: string, sourceCode: SourceCode): boolean {
  if (testFileName.test(filename)) return true;
  const cached = testFiles.get(sourceCode.ast);
  if (cached !== undefined) return cached;
  const imports = sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && testRunnerModules.has(statement.source.value));
  testFiles.set(sourceCode.ast, imports);
  return imports;
}

/** The literal itself, or every read of the `const`/`let` it initialises. */
function usesOfValue(value: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node[] {
  const { parent, child } = meaningfulParent(value);
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return [value];
  const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
  return (variable?.references ?? []).filter((reference) => reference.identifier !== parent.id && reference.isRead()).map((reference) => reference.identifier as TSESTree.Node);
}

/** `{ sessionId, message: <use> }` handed to a call, through `JSON.stringify` or a request's `body`. */
function isRelayEnvelopeValue(use: TSESTree.Node): boolean {
  const { parent, child } = meaningfulParent(use);
  if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const key = propertyKeyName(parent);
  if (key === undefined || bodyKeys.has(key) || messageKeys.has(key)) return false;
  const envelope = parent.parent;
  const keys = envelope.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? propertyKeyName(property) : undefined));
  if (keys.length < 2 || keys.some((name) => name !== undefined && messageKeys.has(name))) return false;
  return isHandedOn(envelope);
}

function isHandedOn(value: TSESTree.Node): boolean {
  let node = value;
  for (let steps = 0; steps < 4; steps++) {
    const { parent, child } = meaningfulParent(node);
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(child as TSESTree.CallExpressionArgument)) {
      if (calleeName(parent) !== 'stringify') return true;
      node = parent;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === child && bodyKeys.has(propertyKeyName(parent) ?? '')) {
      node = parent.parent;
      continue;
    }
    return false;
  }
  return false;
}

/** `x.send(<use>)`, `x.onmessage?.(<use>)` where `x` is a transport double. */
function deliveredToDouble(use: TSESTree.Node, sourceCode: SourceCode): boolean {
  const { parent, child } = meaningfulParent(use);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== child) return false;
  const callee = unwrap(parent.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = calleeName(parent) ?? '';
  const inbound = inboundMethods.has(method);
  if (!inbound && !outboundMethods.has(method)) return false;
  if (mcpSideOf(callee.object, sourceCode)) return false;
  // An event callback (`queue.onMessage(msg);`) returns nothing; a dispatcher that answers is awaited for its reply.
  const eventOnly = inbound && meaningfulParent(parent).parent?.type === AST_NODE_TYPES.ExpressionStatement;
  return isTransportDouble(callee.object, eventOnly, sourceCode);
}

function isTransportDouble(receiver: TSESTree.Node, eventOnly: boolean, sourceCode: SourceCode): boolean {
  for (const origin of originsOf(receiver, sourceCode, 0)) {
    if (isTestDouble(origin, sourceCode, 0)) return true;
    if (origin.type !== AST_NODE_TYPES.NewExpression && origin.type !== AST_NODE_TYPES.CallExpression) continue;
    if (origin.arguments.some((argument) => containsTestDouble(argument, sourceCode, 0))) return true;
    if (eventOnly && origin.type === AST_NODE_TYPES.NewExpression && builtFromLiterals(origin) && !handedToAnything(receiver, sourceCode)) return true;
  }
  return false;
}

/**
 * The expressions that make a value: itself, or what a variable was initialised or assigned
 * with, a property of an object a local factory returns, and the results of local functions.
 */
function originsOf(expression: TSESTree.Node, sourceCode: SourceCode, depth: number): TSESTree.Node[] {
  const node = unwrap(expression);
  if (depth > maxDepth) return [node];
  if (node.type === AST_NODE_TYPES.AwaitExpression) return originsOf(node.argument, sourceCode, depth + 1);
  if (node.type === AST_NODE_TYPES.Identifier) return variableOrigins(node, sourceCode, depth);
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    const name = node.property.name;
    const found: TSESTree.Node[] = [];
    for (const holder of originsOf(node.object, sourceCode, depth + 1)) {
      if (holder.type === AST_NODE_TYPES.ObjectExpression) {
        const value = propertyValue(holder, name);
        if (value) found.push(...originsOf(value, sourceCode, depth + 1));
      } else if (holder.type === AST_NODE_TYPES.CallExpression || holder.type === AST_NODE_TYPES.NewExpression) {
        // `createTransport(config, { fetchFn }).transport`: what the factory was given decides.
        found.push(holder);
      }
    }
    return found;
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const fn = localFunction(node.callee, sourceCode);
    if (fn) return returnedValues(fn, sourceCode).flatMap((value) => originsOf(value, sourceCode, depth + 1));
  }
  return [node];
}

function variableOrigins(identifier: TSESTree.Identifier, sourceCode: SourceCode, depth: number): TSESTree.Node[] {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  if (!variable) return [];
  const found: TSESTree.Node[] = [];
  for (const def of variable.defs) {
    if (def.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) continue;
    const { id, init } = def.node;
    if (id.type === AST_NODE_TYPES.Identifier) {
      found.push(...originsOf(init, sourceCode, depth + 1));
      continue;
    }
    // `const { base, tracked } = makeTracked()`
    const key = id.type === AST_NODE_TYPES.ObjectPattern ? patternKeyOf(id, def.name as TSESTree.Identifier) : undefined;
    if (key === undefined) continue;
    for (const holder of originsOf(init, sourceCode, depth + 1)) {
      const value = holder.type === AST_NODE_TYPES.ObjectExpression ? propertyValue(holder, key) : undefined;
      if (value) found.push(...originsOf(value, sourceCode, depth + 1));
    }
  }
  // `let transport; beforeEach(() => { transport = new X(…) })`
  for (const reference of variable.references) {
    if (reference.writeExpr && !reference.init) found.push(...originsOf(reference.writeExpr as TSESTree.Node, sourceCode, depth + 1));
  }
  return found;
}

function patternKeyOf(pattern: TSESTree.ObjectPattern, name: TSESTree.Identifier): string | undefined {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value === name) return propertyKeyName(property);
  }
  return undefined;
}

function propertyValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === key) return property.value;
  }
  return undefined;
}

/** The function a local identifier names: `function makeTransport() {}`, `const mockFetch = () => …`. */
function localFunction(callee: TSESTree.Node, sourceCode: SourceCode): TSESTree.FunctionLike | undefined {
  const node = unwrap(callee);
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
  if (def?.type === 'FunctionName' && isFunction(def.node)) return def.node;
  if (def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
    const init = unwrap(def.node.init);
    if (isFunction(init)) return init;
  }
  return undefined;
}

/** The values a function returns (its own `return`s, not those of nested functions). */
function returnedValues(fn: TSESTree.FunctionLike, sourceCode: SourceCode): TSESTree.Node[] {
  if (!fn.body) return [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const values: TSESTree.Node[] = [];
  walkOwnBody(fn.body, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) values.push(node.argument);
  });
  return values;
}

/** Visits `body` and what is below it, except nested functions. */
function walkOwnBody(body: TSESTree.Node, visitorKeys: SourceCode['visitorKeys'], visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== body && isFunction(node)) continue;
    visit(node);
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item) stack.push(item as TSESTree.Node);
      } else if (child) {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

/** An argument, an option object's value at any depth, or a spread, that is a test double. */
function containsTestDouble(expression: TSESTree.Node, sourceCode: SourceCode, depth: number): boolean {
  if (depth > maxDepth) return false;
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    return node.properties.some((property) =>
      property.type === AST_NODE_TYPES.SpreadElement
        ? containsTestDouble(property.argument, sourceCode, depth + 1)
        : !isFunction(property.value) && containsTestDouble(property.value, sourceCode, depth + 1),
    );
  }
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    return node.elements.some((element) => element !== null && containsTestDouble(element, sourceCode, depth + 1));
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    // An option object or a fake held in a `const`.
    return variableOrigins(node, sourceCode, depth + 1).some((origin) => origin !== node && containsTestDouble(origin, sourceCode, depth + 1));
  }
  return isTestDouble(node, sourceCode, depth);
}

/**
 * A mock function (`vi.fn()`, `vi.fn<typeof fetch>().mockResolvedValueOnce(…)`), an instance of
 * a class declared in this file, or what a local function returning one of those gives.
 */
function isTestDouble(expression: TSESTree.Node, sourceCode: SourceCode, depth: number): boolean {
  if (depth > maxDepth) return false;
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.NewExpression) return isLocalClass(node.callee, sourceCode);
  if (node.type === AST_NODE_TYPES.Identifier) {
    return variableOrigins(node, sourceCode, depth + 1).some((origin) => origin !== node && isTestDouble(origin, sourceCode, depth + 1));
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  if (isMockFunction(node, sourceCode)) return true;
  const fn = localFunction(node.callee, sourceCode);
  return fn !== undefined && returnedValues(fn, sourceCode).some((value) => isTestDouble(value, sourceCode, depth + 1));
}

/** `vi.fn(impl?)` and its `.mockX(…)` chain, unless an implementation hands calls to the real `fetch` (a spy). */
function isMockFunction(call: TSESTree.CallExpression, sourceCode: SourceCode): boolean {
  const forwards = (argument: TSESTree.Node) => forwardsToRealFetch(argument, sourceCode);
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
  const name = callee.property.name;
  const object = unwrap(callee.object);
  if (object.type === AST_NODE_TYPES.CallExpression && /^mock[A-Z]/.test(name)) {
    // `.mockResolvedValueOnce(response)` gives a canned value; `.mockImplementation(fn)` may still forward.
    return isMockFunction(object, sourceCode) && !(/^mockImplementation/.test(name) && call.arguments.some(forwards));
  }
  if (object.type !== AST_NODE_TYPES.Identifier || !mockFactories[object.name]?.has(name)) return false;
  return !call.arguments.some(forwards);
}

/** `vi.fn(fetch)`, `vi.fn(globalThis.fetch)`, `vi.fn((...args) => fetch(...args))`: a spy that still reaches the network. */
function forwardsToRealFetch(argument: TSESTree.Node, sourceCode: SourceCode): boolean {
  const node = unwrap(argument);
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) return true;
  if (!isFunction(node) || !node.body) return false;
  let calls = false;
  walkOwnBody(node.body, sourceCode.visitorKeys, (inner) => {
    if (inner.type !== AST_NODE_TYPES.CallExpression) return;
    const target = unwrap(inner.callee);
    if (target.type === AST_NODE_TYPES.Identifier && target.name === 'fetch') calls = true;
    if (target.type === AST_NODE_TYPES.MemberExpression && calleeName(inner) === 'fetch' && unwrap(target.object).type === AST_NODE_TYPES.Identifier) {
      const holder = unwrap(target.object) as TSESTree.Identifier;
      if (holder.name === 'globalThis' || holder.name === 'window') calls = true;
    }
  });
  return calls;
}

/** A class declared in this file: in a test file, a fake. */
function isLocalClass(callee: TSESTree.Node, sourceCode: SourceCode): boolean {
  const node = unwrap(callee);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const def = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
  if (def?.type === 'ClassName') return true;
  return def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init?.type === AST_NODE_TYPES.ClassExpression;
}

/** `new SessionQueue('s1')`: nothing but primitive literals, so no peer, URL-less or not, is given to it. */
function builtFromLiterals(construction: TSESTree.NewExpression): boolean {
  return construction.arguments.every((argument) => {
    const node = unwrap(argument);
    return node.type === AST_NODE_TYPES.Literal && !/^[a-z][\w+.-]*:\/\//i.test(String(node.value));
  });
}

/** The receiver's variable is passed to a call or stored somewhere (`server.connect(queue)`, `{ queue }`). */
function handedToAnything(receiver: TSESTree.Node, sourceCode: SourceCode): boolean {
  const node = unwrap(receiver);
  if (node.type !== AST_NODE_TYPES.Identifier) return true;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  if (!variable) return true;
  return variable.references.some((reference) => {
    if (reference.init || !reference.isRead()) return false;
    const { parent, child } = meaningfulParent(reference.identifier as TSESTree.Node);
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) return false;
    // Asserting on it (`expect(queue).toBe…`) hands it to nothing.
    const callee = parent?.type === AST_NODE_TYPES.CallExpression ? unwrap(parent.callee) : undefined;
    return !(callee?.type === AST_NODE_TYPES.Identifier && callee.name === 'expect');
  });
}
