import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { clientClasses, serverClasses } from '../mcp/sdk-api.js';
import { mcpExportOf } from './imports.js';
import { calleeName, isFunction, meaningfulParent, propertyKeyName, unwrap } from './nodes.js';
import { mcpSideOf } from './sdk.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/*
 * JSON-RPC message literals in tests that are inputs to the unit under test, not messages an
 * MCP server or client receives (design.md principle 3): a request handed to a predicate, an
 * id extractor or a middleware whose answer the test checks in place
 * (`expect(isInitializeRequest(msg)).toBe(true)`), or pushed through a transport double or a
 * relay's envelope in a test that connects no MCP server or client. Rules about what a client
 * puts on the wire stay silent on them.
 *
 * The transport-double half overlaps `transport-test-data.ts` (written alongside for no-ping and
 * no-legacy-cancellation); the two should become one helper.
 */

/** Test runners whose import makes a file a test. */
const testRunnerModules: ReadonlySet<string> = new Set(['vitest', '@jest/globals', 'node:test', 'bun:test', 'mocha', 'ava']);
/** Calls that declare a test (`it`, `test`, also `.only`, `.each(table)`); `describe` declares a suite. */
const testCalls: ReadonlySet<string> = new Set(['it', 'test', 'specify']);
const suiteCalls: ReadonlySet<string> = new Set(['describe', 'suite', 'context']);
const hookCalls: ReadonlySet<string> = new Set(['beforeEach', 'beforeAll', 'before']);

/** Methods a transport, relay or queue takes a message through: outgoing `send`, inbound deliveries. */
const deliveryMethods: ReadonlySet<string> = new Set(['send', 'onmessage', 'onMessage', 'handleMessage']);
/** Keys under which a request's options carry its body: there the message is the body, not in an envelope. */
const bodyKeys: ReadonlySet<string> = new Set(['body', 'json', 'data']);
/** Keys of a JSON-RPC message; an object with one of them is a message, not an envelope around one. */
const messageKeys: ReadonlySet<string> = new Set(['jsonrpc', 'method', 'id', 'params', 'result', 'error']);
/** SDK exports whose presence in a test means an MCP server or client is in play. */
const peerExports: ReadonlySet<string> = new Set([...serverClasses, ...clientClasses, 'createMcpHandler', 'serveStdio', 'InMemoryTransport']);
/** Mock-function factories: `vi.fn()`, `jest.fn()`, node:test's `mock.fn()`, `sinon.stub()`/`sinon.fake()`. */
const mockFactories: Readonly<Record<string, ReadonlySet<string>>> = {
  vi: new Set(['fn']),
  jest: new Set(['fn']),
  mock: new Set(['fn']),
  sinon: new Set(['stub', 'fake']),
};
/** Matchers of an `expect(…)` chain that wait for a promise: the value is then sent, not computed. */
const promiseMatchers: ReadonlySet<string> = new Set(['resolves', 'rejects']);
const maxDepth = 6;

/**
 * Whether a message literal is only checked in place: every use of it (the literal, or each read
 * of the `const` it initialises) is a direct argument of a synchronous call whose answer the test
 * checks (`expect(requestIdOf(msg)).toBe(7)`, `assert.ok(!isInitializeRequest(msg))`, or, inside a
 * test, `const result = runMiddleware(msg)` read but never awaited), or is compared by an
 * assertion (`expect(seen).toEqual([msg])`). A predicate, classifier or middleware computes
 * something from the message; nothing sends it, and it goes wherever a 2026-07-28 message would.
 */
export function isCheckedInPlace(message: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  const uses = usesOfValue(message, sourceCode);
  if (!uses) return false;
  let checked = false;
  for (const use of uses) {
    if (isCheckedByCall(use, sourceCode)) checked = true;
    else if (use === message || !isComparedByAssertion(use)) return false;
  }
  return checked;
}

/**
 * Whether a message literal is an input to the unit a test exercises rather than a request an
 * MCP server receives. In a test file, every use of it must be one of:
 *
 * - checked in place (`isCheckedInPlace`);
 * - handed to a transport double: the first argument of `x.send(…)`, `x.onmessage(…)` or
 *   `x.handleMessage(…)` where `x` is no SDK client or server and is built in view from a class
 *   declared in the file (`class FakeTransport implements Transport`), from an object whose
 *   methods are mock functions (`{ send: jest.fn(), … }`), or with such a double among the
 *   arguments that build it, at any depth (`new RemoteClientTransport({ fetchFn: vi.fn() })`,
 *   `new TrackingTransport(new FakeTransport())`, a local `makeTransport()` returning one);
 * - the message of a relay's envelope (`{ type: 'mcp', message }`, `{ sessionId, message }`)
 *   handed to a call, through `JSON.stringify` or a request's `body`: the relay's own protocol;
 * - compared by an assertion (a read of the `const`, not the literal).
 *
 * A transport double or an envelope only counts in a test that shows no MCP server or client:
 * the test's callback, the `beforeEach`/`beforeAll` hooks of the suites around it, and the
 * local functions they call make no SDK server, client or handler and call no `x.connect(…)`.
 * A message pushed through a double into a connected server still reaches it.
 */
export function isUnitTestInput(message: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  if (!isTestSource(sourceCode)) return false;
  const uses = usesOfValue(message, sourceCode);
  if (!uses) return false;
  let delivered = false;
  let checked = false;
  for (const use of uses) {
    if (isCheckedByCall(use, sourceCode)) checked = true;
    else if (deliveredToDouble(use, sourceCode) || isRelayEnvelopeValue(use)) delivered = true;
    else if (use === message || !isComparedByAssertion(use)) return false;
  }
  if (delivered) return !testHasMcpPeer(message, sourceCode);
  return checked;
}

const testSources = new WeakMap<object, boolean>();

/** A test file: it imports (or requires) a test runner, or declares tests or suites at its top level. */
export function isTestSource(sourceCode: SourceCode): boolean {
  const cached = testSources.get(sourceCode.ast);
  if (cached !== undefined) return cached;
  const found = sourceCode.ast.body.some((statement) => {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) return testRunnerModules.has(statement.source.value);
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      return statement.declarations.some((declarator) => {
        const init = declarator.init && unwrap(declarator.init);
        return init?.type === AST_NODE_TYPES.CallExpression && calleeName(init) === 'require' && testRunnerModules.has(String((init.arguments[0] as TSESTree.Literal | undefined)?.value));
      });
    }
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.CallExpression) return false;
    const root = calleeRoot(statement.expression);
    return root !== undefined && (testCalls.has(root) || suiteCalls.has(root));
  });
  testSources.set(sourceCode.ast, found);
  return found;
}

/** `it`, `it.only`, `test.each(table)`, `describe.skip`: the identifier a test-runner call starts from. */
function calleeRoot(call: TSESTree.CallExpression): string | undefined {
  let callee = unwrap(call.callee);
  while (callee.type === AST_NODE_TYPES.MemberExpression || callee.type === AST_NODE_TYPES.CallExpression) {
    callee = unwrap(callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee.callee);
  }
  return callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
}

/**
 * The places the value is used: the literal itself, or every read of the `const`/`let` it
 * initialises; undefined when the variable is exported or written again (its uses are not all in view).
 */
function usesOfValue(value: TSESTree.ObjectExpression, sourceCode: SourceCode): TSESTree.Node[] | undefined {
  const { parent, child } = meaningfulParent(value);
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child) return [value];
  if (parent.id.type !== AST_NODE_TYPES.Identifier || parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
  if (!variable) return undefined;
  const references = variable.references.filter((reference) => reference.identifier !== parent.id);
  if (references.length === 0 || references.some((reference) => reference.isWrite())) return undefined;
  return references.map((reference) => reference.identifier as TSESTree.Node);
}

/** `expect(…)`, `assert(…)`, `assert.equal(…)`, and the matchers of an `expect` chain (`toEqual(…)`). */
function isAssertionCall(call: TSESTree.CallExpression): boolean {
  const root = calleeRoot(call);
  if (root === 'expect' || root === 'assert') return true;
  return /^(?:to[A-Z]\w*|objectContaining|arrayContaining)$/.test(calleeName(call) ?? '');
}

/** The value sits in the arguments of an assertion (through object and array literals): it is what is expected. */
function isComparedByAssertion(use: TSESTree.Node): boolean {
  let { parent, child } = meaningfulParent(use);
  while (parent && (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.ObjectExpression || parent.type === AST_NODE_TYPES.ArrayExpression)) {
    ({ parent, child } = meaningfulParent(parent));
  }
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(child as TSESTree.CallExpressionArgument) && isAssertionCall(parent);
}

/** The use is a direct argument of a call (not an assertion) whose answer is checked in place. */
function isCheckedByCall(use: TSESTree.Node, sourceCode: SourceCode): boolean {
  const { parent, child } = meaningfulParent(use);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return false;
  if (isAssertionCall(parent)) return false;
  return answerIsChecked(parent, sourceCode);
}

/**
 * The call's answer is the subject of an assertion that does not wait for it
 * (`expect(f(x)).toBe(true)`, `expect(!f(x))…`, `assert.ok(f(x))`), or, inside a test, the
 * initialiser of a `const` that is read and never awaited (`const result = middleware(x)`):
 * the test checks what the call computes, in place.
 */
export function answerIsChecked(call: TSESTree.CallExpression, sourceCode: SourceCode): boolean {
  let { parent, child } = meaningfulParent(call);
  while (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') ({ parent, child } = meaningfulParent(parent));
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === child) {
    const root = calleeRoot(parent);
    if (root === 'assert') return true;
    return root === 'expect' && unwrap(parent.callee).type === AST_NODE_TYPES.Identifier && !waitsForPromise(parent);
  }
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  if (parent.parent.kind !== 'const' || !testCallbackOf(call)) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
  const reads = variable?.references.filter((reference) => reference.identifier !== parent.id) ?? [];
  return reads.length > 0 && reads.every((reference) => !isAwaitedRead(reference.identifier as TSESTree.Node));
}

/** `expect(x).resolves…`, `expect(x).rejects…`. */
function waitsForPromise(expectCall: TSESTree.CallExpression): boolean {
  for (let node: TSESTree.Node = expectCall; node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node; node = node.parent) {
    const property = node.parent.property;
    if (property.type === AST_NODE_TYPES.Identifier && promiseMatchers.has(property.name)) return true;
  }
  return false;
}

/** A read that treats the value as a promise: awaited, `.then(…)`, returned, or `expect(x).resolves`. */
function isAwaitedRead(read: TSESTree.Node): boolean {
  const { parent, child } = meaningfulParent(read);
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.AwaitExpression || parent.type === AST_NODE_TYPES.ReturnStatement) return true;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === child) {
    return parent.property.type === AST_NODE_TYPES.Identifier && ['then', 'catch', 'finally'].includes(parent.property.name);
  }
  return parent.type === AST_NODE_TYPES.CallExpression && calleeRoot(parent) === 'expect' && parent.arguments[0] === child && waitsForPromise(parent);
}

/** The callback of the `it(…)`/`test(…)` the node sits in. */
function testCallbackOf(node: TSESTree.Node): TSESTree.FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) {
    const call = current.parent;
    if (isFunction(current) && call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      const root = calleeRoot(call);
      if (root !== undefined && testCalls.has(root)) return current;
    }
  }
  return undefined;
}

/** `x.send(<use>)`, `x.onmessage?.(<use>)` where `x` is a transport double. */
function deliveredToDouble(use: TSESTree.Node, sourceCode: SourceCode): boolean {
  const { parent, child } = meaningfulParent(use);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== child) return false;
  const callee = unwrap(parent.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !deliveryMethods.has(calleeName(parent) ?? '')) return false;
  if (mcpSideOf(callee.object, sourceCode)) return false;
  return originsOf(callee.object, sourceCode, 0).some((origin) => isDouble(origin, sourceCode, 0));
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
    } else if (parent?.type === AST_NODE_TYPES.Property && parent.value === child && bodyKeys.has(propertyKeyName(parent) ?? '')) {
      node = parent.parent;
    } else {
      return false;
    }
  }
  return false;
}

/**
 * The expressions that make a value: itself, what a variable is initialised or assigned with
 * (also in a hook), a property of an object it was destructured from or read off, and what a
 * local function returns.
 */
function originsOf(expression: TSESTree.Node, sourceCode: SourceCode, depth: number): TSESTree.Node[] {
  const node = unwrap(expression);
  if (depth > maxDepth) return [node];
  if (node.type === AST_NODE_TYPES.AwaitExpression) return originsOf(node.argument, sourceCode, depth + 1);
  if (node.type === AST_NODE_TYPES.Identifier) return variableOrigins(node, sourceCode, depth);
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    const name = node.property.name;
    return originsOf(node.object, sourceCode, depth + 1).flatMap((holder) => {
      if (holder.type === AST_NODE_TYPES.ObjectExpression) {
        const value = propertyValue(holder, name);
        return value ? originsOf(value, sourceCode, depth + 1) : [];
      }
      // `makeHarness({ fetchFn }).transport`: what the factory was given decides.
      return holder.type === AST_NODE_TYPES.CallExpression || holder.type === AST_NODE_TYPES.NewExpression ? [holder] : [];
    });
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
    } else if (id.type === AST_NODE_TYPES.ObjectPattern) {
      // `const { base, tracked } = makeTracked()`
      const key = patternKeyOf(id, def.name as TSESTree.Identifier);
      if (key === undefined) continue;
      for (const holder of originsOf(init, sourceCode, depth + 1)) {
        const value = holder.type === AST_NODE_TYPES.ObjectExpression ? propertyValue(holder, key) : undefined;
        if (value) found.push(...originsOf(value, sourceCode, depth + 1));
      }
    }
  }
  // `let transport; beforeEach(() => { transport = new FakeTransport(); })`
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

/** The values a function returns (its own `return`s, not those of functions inside it). */
function returnedValues(fn: TSESTree.FunctionLike, sourceCode: SourceCode): TSESTree.Node[] {
  if (!fn.body) return [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const values: TSESTree.Node[] = [];
  walkOwnBody(fn.body, sourceCode, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) values.push(node.argument);
  });
  return values;
}

/** Visits `body` and what is below it, except functions declared inside it. */
function walkOwnBody(body: TSESTree.Node, sourceCode: SourceCode, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== body && isFunction(node)) continue;
    visit(node);
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item) stack.push(item as TSESTree.Node);
      } else if (child) {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

/**
 * A test double: an instance of a class declared in this file, a mock function, an object whose
 * methods are mock functions, or something built with a double among its arguments.
 */
function isDouble(origin: TSESTree.Node, sourceCode: SourceCode, depth: number): boolean {
  if (depth > maxDepth) return false;
  const node = unwrap(origin);
  switch (node.type) {
    case AST_NODE_TYPES.NewExpression:
      return isLocalClass(node.callee, sourceCode) || node.arguments.some((argument) => containsDouble(argument, sourceCode, depth + 1));
    case AST_NODE_TYPES.CallExpression:
      return isMockFunction(node, sourceCode) || node.arguments.some((argument) => containsDouble(argument, sourceCode, depth + 1));
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.some(
        (property) => property.type === AST_NODE_TYPES.Property && !isFunction(property.value) && containsDouble(property.value, sourceCode, depth + 1),
      );
    default:
      return false;
  }
}

/** An argument, or a value at any depth of an option object or array, that is a double. */
function containsDouble(expression: TSESTree.Node, sourceCode: SourceCode, depth: number): boolean {
  if (depth > maxDepth) return false;
  const node = unwrap(expression);
  switch (node.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.some((property) =>
        property.type === AST_NODE_TYPES.SpreadElement
          ? containsDouble(property.argument, sourceCode, depth + 1)
          : !isFunction(property.value) && containsDouble(property.value, sourceCode, depth + 1),
      );
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.some((element) => element !== null && containsDouble(element, sourceCode, depth + 1));
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.CallExpression: {
      const origins = originsOf(node, sourceCode, depth + 1);
      return origins.some((found) => (found === node ? isDouble(found, sourceCode, depth + 1) : containsDouble(found, sourceCode, depth + 1)));
    }
    default:
      return isDouble(node, sourceCode, depth + 1);
  }
}

/** `vi.fn(impl?)` and its `.mockX(…)` chain, unless its implementation hands calls on to the real `fetch` (a spy). */
function isMockFunction(call: TSESTree.CallExpression, sourceCode: SourceCode): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
  const name = callee.property.name;
  const object = unwrap(callee.object);
  const forwards = call.arguments.some((argument) => forwardsToRealFetch(argument, sourceCode));
  if (object.type === AST_NODE_TYPES.CallExpression && /^mock[A-Z]/.test(name)) return isMockFunction(object, sourceCode) && !forwards;
  if (object.type !== AST_NODE_TYPES.Identifier || !mockFactories[object.name]?.has(name)) return false;
  return !forwards;
}

/** `vi.fn(fetch)`, `vi.fn((...args) => fetch(...args))`: a spy that still reaches the network. */
function forwardsToRealFetch(argument: TSESTree.Node, sourceCode: SourceCode): boolean {
  const node = unwrap(argument);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'fetch';
  if (node.type === AST_NODE_TYPES.MemberExpression) return calleeText(node) === 'fetch';
  if (!isFunction(node) || !node.body) return false;
  let calls = false;
  walkOwnBody(node.body, sourceCode, (inner) => {
    if (inner.type !== AST_NODE_TYPES.CallExpression) return;
    const target = unwrap(inner.callee);
    if (target.type === AST_NODE_TYPES.Identifier && target.name === 'fetch') calls = true;
    if (target.type === AST_NODE_TYPES.MemberExpression && calleeText(target) === 'fetch' && ['globalThis', 'window', 'global'].includes(rootName(target) ?? '')) calls = true;
  });
  return calls;
}

function calleeText(member: TSESTree.MemberExpression): string | undefined {
  return !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
}

function rootName(member: TSESTree.MemberExpression): string | undefined {
  const object = unwrap(member.object);
  return object.type === AST_NODE_TYPES.Identifier ? object.name : undefined;
}

/** A class declared in this file: in a test file, a fake. */
function isLocalClass(callee: TSESTree.Node, sourceCode: SourceCode): boolean {
  const node = unwrap(callee);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const def = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
  if (def?.type === 'ClassName') return true;
  return def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init?.type === AST_NODE_TYPES.ClassExpression;
}

/**
 * Whether the test a node sits in shows an MCP server or client: its callback (or the whole file,
 * outside a test), the `beforeEach`/`beforeAll` hooks of the suites around it and of the file,
 * and the local functions those call, make an SDK server, client or handler, or connect
 * something (`server.connect(transport)`, `client.connect(transport)`).
 */
function testHasMcpPeer(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const test = testCallbackOf(node);
  if (!test) return containsPeer(sourceCode.ast, sourceCode);
  const scopes: TSESTree.Node[] = [test];
  for (let current: TSESTree.Node | undefined = test.parent; current; current = current.parent) {
    const body = current.type === AST_NODE_TYPES.Program ? current.body : isSuiteCallback(current) ? blockOf(current) : undefined;
    for (const statement of body ?? []) {
      const call = statement.type === AST_NODE_TYPES.ExpressionStatement ? unwrap(statement.expression) : undefined;
      if (call?.type === AST_NODE_TYPES.CallExpression && hookCalls.has(calleeRoot(call) ?? '')) scopes.push(...call.arguments.filter(isFunction));
    }
  }
  const seen = new Set<TSESTree.Node>();
  const visit = (scope: TSESTree.Node, depth: number): boolean => {
    if (seen.has(scope) || depth > 3) return false;
    seen.add(scope);
    if (containsPeer(scope, sourceCode)) return true;
    const called: TSESTree.FunctionLike[] = [];
    walkOutsideMocks(scope, sourceCode, (inner) => {
      if (inner.type !== AST_NODE_TYPES.CallExpression) return;
      const fn = localFunction(inner.callee, sourceCode);
      if (fn) called.push(fn);
    });
    return called.some((fn) => visit(fn, depth + 1));
  };
  return scopes.some((scope) => visit(scope, 0));
}

/** `walk`, except into the arguments of mock-function calls (`vi.fn(impl)`, `.mockImplementation(impl)`). */
function walkOutsideMocks(node: TSESTree.Node, sourceCode: SourceCode, visit: (node: TSESTree.Node) => void): void {
  visit(node);
  const skipArguments = node.type === AST_NODE_TYPES.CallExpression && isMockFunction(node, sourceCode);
  for (const key of sourceCode.visitorKeys[node.type] ?? []) {
    if (skipArguments && key === 'arguments') continue;
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child) if (item) walkOutsideMocks(item as TSESTree.Node, sourceCode, visit);
    } else if (child) {
      walkOutsideMocks(child as TSESTree.Node, sourceCode, visit);
    }
  }
}

function isSuiteCallback(node: TSESTree.Node): node is TSESTree.FunctionLike {
  const call = node.parent;
  return isFunction(node) && call?.type === AST_NODE_TYPES.CallExpression && suiteCalls.has(calleeRoot(call) ?? '');
}

function blockOf(fn: TSESTree.FunctionLike): TSESTree.Statement[] | undefined {
  return fn.body?.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : undefined;
}

/**
 * Whether the code makes an SDK server, client or handler, or connects something. The
 * implementation given to a mock function (`vi.fn(async (url) => …)`) is the double's own code,
 * not the test's, so it is not looked into.
 */
function containsPeer(scope: TSESTree.Node, sourceCode: SourceCode): boolean {
  let found = false;
  walkOutsideMocks(scope, sourceCode, (node) => {
    if (found || (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression)) return;
    const callee = unwrap(node.callee);
    if (node.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.MemberExpression && calleeName(node) === 'connect' && node.arguments.length > 0) {
      found = true;
      return;
    }
    const target = callee.type === AST_NODE_TYPES.MemberExpression && node.type === AST_NODE_TYPES.CallExpression ? unwrap(callee.object) : callee;
    const exported = mcpExportOf(target, sourceCode.getScope(node));
    if (exported && peerExports.has(exported.name)) found = true;
  });
  return found;
}
