import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { clientClasses, serverClasses } from '../mcp/sdk-api.js';
import { mcpExportOf } from './imports.js';
import { calledLocalFunction, calleeName, isFunction, localFunctionOf, meaningfulParent, propertyKeyName, returnedValues, unwrap, walkOwnBody } from './nodes.js';
import { mcpSideOf } from './sdk.js';
import { insideExpectation } from './test-expectations.js';
import { isTestFile, isTestModule, suiteCalls, testCallRoot, testCalls } from './test-module.js';
import { readsOf } from './unsent-values.js';
import { lookupTable } from '../mcp/lookup-table.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/*
 * JSON-RPC messages that are only test data: no MCP server or client receives, handles or
 * sends them, so rules about what a peer sends or answers stay silent on them (design.md
 * principle 3). This module is the one place that weighs the evidence; the entry points differ
 * only in how much of it the rules that call them need.
 *
 * The evidence:
 *
 * - **a test file** (`test-module.ts`): a test runner is imported or required, tests are
 *   declared at the top level, or (`isTransportTestData` only) the name is `*.test.*`,
 *   `*.spec.*`, `__tests__/`, `__mocks__/`;
 * - **handed to a transport double**: the first argument of `x.send(…)` or of an inbound
 *   delivery `x.onmessage(…)`/`x.onMessage(…)`/`x.handleMessage(…)`, where `x` is no SDK
 *   `Client`/`Server`/`McpServer` and is built in view (through `const`s, `let`s assigned in a
 *   hook, destructuring, `.property` reads and local factories such as `makeTransport()`) from a
 *   class declared in the file (`class FakeTransport implements Transport`), a mock function
 *   (`vi.fn()`, `jest.fn()`, `mock.fn()`, `sinon.stub()`/`sinon.fake()` and their `.mockX(…)`
 *   chains, but not a spy whose implementation still reaches the real `fetch`), or with such a
 *   double among its constructor or factory arguments at any depth of their option objects;
 * - **in a relay envelope**: the value of a property (not the body key) of an object that is
 *   not itself a JSON-RPC message and has other fields (`{ sessionId, message }`,
 *   `{ type: 'mcp', message }`), passed to a call directly, through `JSON.stringify`, or as the
 *   `body` of a request: an MCP endpoint takes the message itself as its body;
 * - **checked in place**: a direct argument of a synchronous call whose answer the test checks
 *   (`expect(isInitializeRequest(msg)).toBe(true)`, `const result = middleware(msg)` read and
 *   never awaited inside a test), or compared by an assertion (`expect(seen).toEqual([msg])`);
 * - **in a transport double's own code**: what a `Transport` class compares in `send()`
 *   (`isInTransportSendMethod`), what only ever reaches `onmessage(…)` (`isDeliveredInbound`),
 *   or a message every use of which goes to a variable the file uses as a transport
 *   (`isHandedToTransport`).
 *
 * The entry points keep the exact tests their rules were written against, and say so:
 * `isTransportTestData` (no-ping, no-legacy-cancellation, no-deprecated-roots,
 * no-deprecated-sampling) also accepts an inbound event delivered to an object built from
 * literals and handed to nothing, and treats any function reference given to `vi.fn(…)` as a
 * possible spy; `isUnitTestInput` (require-request-meta) also accepts checked-in-place uses and
 * objects of mock methods (`{ send: jest.fn() }`) as doubles, counts `data` as a body key, but
 * requires that the test around it connects no MCP server or client and that every use of a
 * `const` is in view.
 */

/** Mock-function factories: `vi.fn()`, `jest.fn()`, node:test's `mock.fn()`, `sinon.stub()`/`sinon.fake()`. */
const mockFactories: Readonly<Record<string, ReadonlySet<string>>> = lookupTable({
  vi: new Set(['fn']),
  jest: new Set(['fn']),
  mock: new Set(['fn']),
  sinon: new Set(['stub', 'fake']),
});
/** Keys of a JSON-RPC message; an object with one of them is a message (or a request's options), not an envelope around one. */
const messageKeys: ReadonlySet<string> = new Set(['jsonrpc', 'method', 'id', 'params', 'result', 'error']);
/** Inbound deliveries of a transport: the callback the code under test installed to receive messages. */
const inboundCallbacks: ReadonlySet<string> = new Set(['onmessage', 'onMessage']);
/** Members only a transport has together with `send`: the callbacks its user installs. */
const transportCallbacks: ReadonlySet<string> = new Set(['onmessage', 'onclose', 'onerror']);
const maxDepth = 6;

/**
 * What counts as a spy rather than a mock: `'anyReference'` takes any function handed to
 * `vi.fn(…)`/`.mockImplementation(…)` as possibly the real `fetch` (`isTransportTestData`);
 * `'namedFetch'` only `fetch`/`x.fetch` by name, for every `.mockX(…)` of a chain
 * (`isUnitTestInput`).
 */
type SpyRule = 'anyReference' | 'namedFetch';

// ---------------------------------------------------------------- isTransportTestData

/** Keys under which an HTTP request's options carry its body: the message is the body itself, not in an envelope. */
const transportBodyKeys: ReadonlySet<string> = new Set(['body', 'json']);
const outboundMethods: ReadonlySet<string> = new Set(['send']);
const inboundMethods: ReadonlySet<string> = new Set(['onmessage', 'onMessage', 'handleMessage']);

/**
 * Whether a JSON-RPC message literal is only test data for a transport: in a test file (by
 * name or code), every use of it (the literal, or each read of the `const` it initialises; reads
 * inside `expect(…)` that only compare it do not count) is handed to a transport double or is
 * the message of a relay envelope (see the module comment). For an inbound delivery whose
 * result is discarded (an event callback, `queue.onMessage(msg);`), an object built from only
 * primitive, non-URL literals (`new SessionQueue('s1')`) that is never handed to anything also
 * counts. A message sent by an SDK client or server, to a transport that reaches a real peer (a
 * spawned process, a URL with the real `fetch`), or to a hand-rolled server the test drives, is
 * not test data.
 */
export function isTransportTestData(message: TSESTree.ObjectExpression, sourceCode: SourceCode, filename: string): boolean {
  if (!isTestFile(filename, sourceCode)) return false;
  const uses = readsOfValue(message, sourceCode);
  let delivered = false;
  for (const use of uses) {
    if (isRelayEnvelopeValue(use, transportBodyKeys) || deliveredToTransportDouble(use, sourceCode)) {
      delivered = true;
      continue;
    }
    // `expect(base.sent).toEqual([request])` only compares the message.
    if (use !== message && insideExpectation(use)) continue;
    return false;
  }
  return delivered;
}

/** The literal itself, or every read of the `const`/`let` it initialises. */
function readsOfValue(value: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node[] {
  const { parent, child } = meaningfulParent(value);
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return [value];
  return readReferences(parent.id, sourceCode).map((reference) => reference.identifier as TSESTree.Node);
}

/** The reads of a declared variable, not counting its declaration. */
function readReferences(identifier: TSESTree.Identifier, sourceCode: SourceCode): TSESLint.Scope.Reference[] {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return (variable?.references ?? []).filter((reference) => reference.identifier !== identifier && reference.isRead());
}

/** `x.send(<use>)`, `x.onmessage?.(<use>)` where `x` is a transport double. */
function deliveredToTransportDouble(use: TSESTree.Node, sourceCode: SourceCode): boolean {
  const receiver = deliveryReceiver(use, (method) => inboundMethods.has(method) || outboundMethods.has(method), sourceCode);
  if (!receiver) return false;
  const call = meaningfulParent(use).parent as TSESTree.CallExpression;
  // An event callback (`queue.onMessage(msg);`) returns nothing; a dispatcher that answers is awaited for its reply.
  const eventOnly = inboundMethods.has(calleeName(call) ?? '') && meaningfulParent(call).parent?.type === AST_NODE_TYPES.ExpressionStatement;
  return isTransportDouble(receiver, eventOnly, sourceCode);
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
  if (isMockFunction(node, 'anyReference', sourceCode)) return true;
  const fn = calledLocalFunction(node.callee, sourceCode);
  return fn !== undefined && returnedValues(fn, sourceCode.visitorKeys).some((value) => isTestDouble(value, sourceCode, depth + 1));
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

// ---------------------------------------------------------------- isUnitTestInput, isCheckedInPlace

/** Keys under which a request's options carry its body: there the message is the body, not in an envelope. */
const requestBodyKeys: ReadonlySet<string> = new Set(['body', 'json', 'data']);
const deliveryMethods: ReadonlySet<string> = new Set(['send', 'onmessage', 'onMessage', 'handleMessage']);
const hookCalls: ReadonlySet<string> = new Set(['beforeEach', 'beforeAll', 'before']);
/** SDK exports whose presence in a test means an MCP server or client is in play. */
const peerExports: ReadonlySet<string> = new Set([...serverClasses, ...clientClasses, 'createMcpHandler', 'serveStdio', 'InMemoryTransport']);
/** Matchers of an `expect(…)` chain that wait for a promise: the value is then sent, not computed. */
const promiseMatchers: ReadonlySet<string> = new Set(['resolves', 'rejects']);

/**
 * Whether a message literal is only checked in place: every use of it (the literal, or each read
 * of the `const` it initialises) is checked in place (see the module comment), and at least one
 * is an argument of a checked call. A predicate, classifier or middleware computes something
 * from the message; nothing sends it, and it goes wherever a 2026-07-28 message would.
 */
export function isCheckedInPlace(message: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  const uses = allUsesOfValue(message, sourceCode);
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
 * MCP server receives: in a test module, every use of it is checked in place, handed to a
 * transport double (here also an object whose methods are mock functions,
 * `{ send: jest.fn(), … }`), in a relay envelope, or (a read of the `const`) compared by an
 * assertion. A transport double or an envelope only counts in a test that shows no MCP server
 * or client: the test's callback, the `beforeEach`/`beforeAll` hooks of the suites around it,
 * and the local functions they call make no SDK server, client or handler and call no
 * `x.connect(…)`. A message pushed through a double into a connected server still reaches it.
 */
export function isUnitTestInput(message: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  if (!isTestModule(sourceCode.ast)) return false;
  const uses = allUsesOfValue(message, sourceCode);
  if (!uses) return false;
  let delivered = false;
  let checked = false;
  for (const use of uses) {
    if (isCheckedByCall(use, sourceCode)) checked = true;
    else if (deliveredToDouble(use, sourceCode) || isRelayEnvelopeValue(use, requestBodyKeys)) delivered = true;
    else if (use === message || !isComparedByAssertion(use)) return false;
  }
  if (delivered) return !testHasMcpPeer(message, sourceCode);
  return checked;
}

/**
 * The places the value is used: the literal itself, or every read of the `const`/`let` it
 * initialises; undefined when the variable is exported or written again (its uses are not all in view).
 */
function allUsesOfValue(value: TSESTree.ObjectExpression, sourceCode: SourceCode): TSESTree.Node[] | undefined {
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
  const root = testCallRoot(call);
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
    const root = testCallRoot(parent);
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
  return parent.type === AST_NODE_TYPES.CallExpression && testCallRoot(parent) === 'expect' && parent.arguments[0] === child && waitsForPromise(parent);
}

/** The callback of the `it(…)`/`test(…)` the node sits in. */
function testCallbackOf(node: TSESTree.Node): TSESTree.FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) {
    const call = current.parent;
    if (isFunction(current) && call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      const root = testCallRoot(call);
      if (root !== undefined && testCalls.has(root)) return current;
    }
  }
  return undefined;
}

/** `x.send(<use>)`, `x.onmessage?.(<use>)` where `x` is a transport double. */
function deliveredToDouble(use: TSESTree.Node, sourceCode: SourceCode): boolean {
  const receiver = deliveryReceiver(use, (method) => deliveryMethods.has(method), sourceCode);
  return receiver !== undefined && originsOf(receiver, sourceCode, 0).some((origin) => isDouble(origin, sourceCode, 0));
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
      return isMockFunction(node, 'namedFetch', sourceCode) || node.arguments.some((argument) => containsDouble(argument, sourceCode, depth + 1));
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
      if (call?.type === AST_NODE_TYPES.CallExpression && hookCalls.has(testCallRoot(call) ?? '')) scopes.push(...call.arguments.filter(isFunction));
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
      const fn = calledLocalFunction(inner.callee, sourceCode);
      if (fn) called.push(fn);
    });
    return called.some((fn) => visit(fn, depth + 1));
  };
  return scopes.some((scope) => visit(scope, 0));
}

/** `walk`, except into the arguments of mock-function calls (`vi.fn(impl)`, `.mockImplementation(impl)`). */
function walkOutsideMocks(node: TSESTree.Node, sourceCode: SourceCode, visit: (node: TSESTree.Node) => void): void {
  visit(node);
  const skipArguments = node.type === AST_NODE_TYPES.CallExpression && isMockFunction(node, 'namedFetch', sourceCode);
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
  return isFunction(node) && call?.type === AST_NODE_TYPES.CallExpression && suiteCalls.has(testCallRoot(call) ?? '');
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

// ---------------------------------------------------------------- a transport double's own code

/**
 * Whether `node` sits in the `send()` method of a class that `implements Transport` (the MCP
 * SDK's interface): the double observing what the code under test sends.
 */
export function isInTransportSendMethod(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.MethodDefinition || current.kind !== 'method' || propertyKeyName(current) !== 'send') continue;
    const classNode = current.parent.parent;
    if (classNode.type !== AST_NODE_TYPES.ClassDeclaration && classNode.type !== AST_NODE_TYPES.ClassExpression) return false;
    return (classNode.implements ?? []).some((clause) => mcpExportOf(clause.expression, sourceCode.getScope(clause))?.name === 'Transport');
  }
  return false;
}

/**
 * Whether a value only ever reaches the code under test as an inbound message: it ends up in
 * the argument of `transport.onmessage(…)`/`this.onmessage?.(…)`, through enclosing objects
 * (`{ jsonrpc: '2.0', id, result: { capabilities } }`), spreads, `const`s and the parameters of
 * local helpers and methods of the same class (`this.reply(id, { capabilities })`). Reads inside
 * a test's expectations do not count as uses.
 */
export function isDeliveredInbound(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  return deliveredInbound(node, sourceCode, 0);
}

function deliveredInbound(node: TSESTree.Node, sourceCode: SourceCode, depth: number): boolean {
  if (depth > maxDepth) return false;
  const { parent, child } = meaningfulParent(node);
  switch (parent?.type) {
    case AST_NODE_TYPES.Property:
      return parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression && deliveredInbound(parent.parent, sourceCode, depth + 1);
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.ArrayExpression: {
      const container = parent.type === AST_NODE_TYPES.SpreadElement ? parent.parent : parent;
      return (container.type === AST_NODE_TYPES.ObjectExpression || container.type === AST_NODE_TYPES.ArrayExpression) && deliveredInbound(container, sourceCode, depth + 1);
    }
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier && everyUseIs(parent.id, sourceCode, (read) => deliveredInbound(read, sourceCode, depth + 1));
    case AST_NODE_TYPES.CallExpression: {
      const index = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
      if (index < 0) return false;
      const callee = unwrap(parent.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && inboundCallbacks.has(calleeName(parent) ?? '')) return true;
      const helper = helperFunction(callee, sourceCode);
      const parameter = helper?.params[index];
      return parameter?.type === AST_NODE_TYPES.Identifier && everyUseIs(parameter, sourceCode, (read) => deliveredInbound(read, sourceCode, depth + 1));
    }
    default:
      return false;
  }
}

/** The variable is read at least once outside expectations, and every such read passes `test`. */
function everyUseIs(identifier: TSESTree.Identifier, sourceCode: SourceCode, test: (read: TSESTree.Node) => boolean): boolean {
  const uses = readsOf(identifier, sourceCode).filter((read) => !insideExpectation(read));
  return uses.length > 0 && uses.every(test);
}

/** A function declared in the file (`deliver(msg)`), or a method of the enclosing class (`this.reply(id, result)`). */
function helperFunction(callee: TSESTree.Node, sourceCode: SourceCode): TSESTree.FunctionLike | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return localFunctionOf(callee, sourceCode);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || unwrap(callee.object).type !== AST_NODE_TYPES.ThisExpression || callee.computed) return undefined;
  const name = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  for (let current: TSESTree.Node | undefined = callee.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.ClassBody) continue;
    for (const member of current.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method' && propertyKeyName(member) === name) return member.value;
    }
    return undefined;
  }
  return undefined;
}

/**
 * Whether a message is handed straight to a transport: every use of it (the literal, or each
 * read of the `const` it initialises, leaving out reads in expectations) is the argument of
 * `transport.send(…)` or an inbound delivery (`transport.onmessage(…)`), where `transport` is
 * a variable the file also uses as a transport: it installs or reads `onmessage`/`onclose`/
 * `onerror` on it, or hands it to `connect(…)`. A unit test of a transport or relay writes a
 * sample message this way to check where it goes; no server or client API sends it.
 */
export function isHandedToTransport(message: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  const { parent, child } = meaningfulParent(message);
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier) {
    return everyUseIs(parent.id, sourceCode, (use) => handedToTransport(use, sourceCode));
  }
  return handedToTransport(message, sourceCode);
}

function handedToTransport(value: TSESTree.Node, sourceCode: SourceCode): boolean {
  const { parent, child } = meaningfulParent(value);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== child) return false;
  const callee = unwrap(parent.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = calleeName(parent) ?? '';
  if (inboundCallbacks.has(name)) return true;
  return name === 'send' && isTransportVariable(unwrap(callee.object), sourceCode);
}

function isTransportVariable(receiver: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(receiver), receiver);
  return (variable?.references ?? []).some((reference) => {
    const { parent, child } = meaningfulParent(reference.identifier);
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child && !parent.computed) {
      return parent.property.type === AST_NODE_TYPES.Identifier && transportCallbacks.has(parent.property.name);
    }
    return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === child && calleeName(parent) === 'connect';
  });
}

// ---------------------------------------------------------------- shared tracing

/**
 * The receiver `x` when `use` is the first argument of `x.<method>(…)` for a delivery method
 * `accepts`, and `x` is no SDK client or server.
 */
function deliveryReceiver(use: TSESTree.Node, accepts: (method: string) => boolean, sourceCode: SourceCode): TSESTree.Node | undefined {
  const { parent, child } = meaningfulParent(use);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== child) return undefined;
  const callee = unwrap(parent.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !accepts(calleeName(parent) ?? '')) return undefined;
  return mcpSideOf(callee.object, sourceCode) ? undefined : callee.object;
}

/** `{ sessionId, message: <use> }` handed to a call, through `JSON.stringify` or a request's body (one of `bodyKeys`). */
function isRelayEnvelopeValue(use: TSESTree.Node, bodyKeys: ReadonlySet<string>): boolean {
  const { parent, child } = meaningfulParent(use);
  if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const key = propertyKeyName(parent);
  if (key === undefined || bodyKeys.has(key) || messageKeys.has(key)) return false;
  const envelope = parent.parent;
  const keys = envelope.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? propertyKeyName(property) : undefined));
  if (keys.length < 2 || keys.some((name) => name !== undefined && messageKeys.has(name))) return false;
  return isHandedOn(envelope, bodyKeys);
}

function isHandedOn(value: TSESTree.Node, bodyKeys: ReadonlySet<string>): boolean {
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
    const fn = calledLocalFunction(node.callee, sourceCode);
    if (fn) return returnedValues(fn, sourceCode.visitorKeys).flatMap((value) => originsOf(value, sourceCode, depth + 1));
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

/** A class declared in this file: in a test file, a fake. */
function isLocalClass(callee: TSESTree.Node, sourceCode: SourceCode): boolean {
  const node = unwrap(callee);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const def = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
  if (def?.type === 'ClassName') return true;
  return def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init?.type === AST_NODE_TYPES.ClassExpression;
}

/**
 * `vi.fn(impl?)` and its `.mockX(…)` chain, unless an implementation hands calls to the real
 * `fetch` (a spy). Under `'anyReference'` only `.mockImplementation…(…)` in a chain is checked
 * for forwarding (`.mockResolvedValueOnce(response)` gives a canned value).
 */
function isMockFunction(call: TSESTree.CallExpression, spy: SpyRule, sourceCode: SourceCode): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
  const name = callee.property.name;
  const object = unwrap(callee.object);
  const forwards = () => call.arguments.some((argument) => forwardsToRealFetch(argument, spy, sourceCode));
  if (object.type === AST_NODE_TYPES.CallExpression && /^mock[A-Z]/.test(name)) {
    const mayForward = spy === 'namedFetch' || /^mockImplementation/.test(name);
    return isMockFunction(object, spy, sourceCode) && !(mayForward && forwards());
  }
  if (object.type !== AST_NODE_TYPES.Identifier || !mockFactories[object.name]?.has(name)) return false;
  return !forwards();
}

/** `vi.fn(fetch)`, `vi.fn(globalThis.fetch)`, `vi.fn((...args) => fetch(...args))`: a spy that still reaches the network. */
function forwardsToRealFetch(argument: TSESTree.Node, spy: SpyRule, sourceCode: SourceCode): boolean {
  const node = unwrap(argument);
  if (node.type === AST_NODE_TYPES.Identifier) return spy === 'anyReference' || node.name === 'fetch';
  if (node.type === AST_NODE_TYPES.MemberExpression) return spy === 'anyReference' || memberName(node) === 'fetch';
  if (!isFunction(node) || !node.body) return false;
  const globals = spy === 'anyReference' ? ['globalThis', 'window'] : ['globalThis', 'window', 'global'];
  let calls = false;
  walkOwnBody(node.body, sourceCode.visitorKeys, (inner) => {
    if (inner.type !== AST_NODE_TYPES.CallExpression) return;
    const target = unwrap(inner.callee);
    if (target.type === AST_NODE_TYPES.Identifier && target.name === 'fetch') calls = true;
    if (target.type === AST_NODE_TYPES.MemberExpression && memberName(target) === 'fetch') {
      const holder = unwrap(target.object);
      if (holder.type === AST_NODE_TYPES.Identifier && globals.includes(holder.name)) calls = true;
    }
  });
  return calls;
}

function memberName(member: TSESTree.MemberExpression): string | undefined {
  return !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
}
