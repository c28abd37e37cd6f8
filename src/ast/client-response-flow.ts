import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { staticValue } from './constants.js';
import { callsOf } from './handler-functions.js';
import { enclosingFunction } from './handlers.js';
import { mcpMessageLiteral } from './json-rpc.js';
import { calleeName, isFunction, meaningfulParent, propertyKeyName, unwrap, walk } from './nodes.js';
import { sendingCallsOf } from './rpc-response-reads.js';
import { mcpSideOf } from './sdk.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A call whose value is (or resolves to) the response to an MCP request the file sends. */
export interface ResponseSource {
  call: TSESTree.CallExpression;
  /** The MCP method sent (`tools/call`), or for an SDK call the `Client` method called (`callTool`). */
  method: string;
  /** `hand-rolled`: a JSON-RPC message the file builds; `sdk`: a call on an SDK `Client`. */
  via: 'hand-rolled' | 'sdk';
}

/** One field the code reads off a response, its parsed body or its `result`. */
export interface ResponseRead {
  key: string;
  /** The member expression (`result.content`) or destructuring property (`{ content }`). */
  node: TSESTree.Node;
}

export interface ResponseFlow {
  reads: ResponseRead[];
  /** `in` tests on the value (`'content' in result`): the code tells result shapes apart. */
  shapeTests: TSESTree.Node[];
  /** The value is handed to a function the file cannot follow, which may look at anything. */
  escapes: boolean;
}

/** Calls that only print or serialise a value. */
const inertCall = /^(?:log|info|warn|error|debug|trace|stringify|dir|table)$/;
/** How far to follow a response through variables, builders and their callers. */
const maxDepth = 6;

/**
 * The calls that send one of `methods` and yield its response: the call a hand-rolled
 * `{ jsonrpc, id, method, params }` literal is sent through (`sendingCallsOf`), the calls of a
 * local function that takes the method as a parameter and sends the message itself
 * (`rpc('tools/call', params)`), the calls that send what such a function returns
 * (`call(request('tools/call', params))`), and SDK `Client` calls named in `sdkMethods`.
 */
export function responseSources(
  context: Context,
  methods: ReadonlySet<string>,
  sdkMethods: ReadonlySet<string> = new Set(),
): ResponseSource[] {
  const { sourceCode } = context;
  const sources: ResponseSource[] = [];
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ObjectExpression) {
      const message = mcpMessageLiteral(node, sourceCode);
      if (message?.isRequest && message.hasJsonRpc && methods.has(message.method)) {
        for (const call of sendingCallsOf(node, sourceCode)) sources.push({ call, method: message.method, via: 'hand-rolled' });
        return;
      }
      sources.push(...builderCallsOf(node, methods, context));
    } else if (node.type === AST_NODE_TYPES.CallExpression && sdkMethods.size > 0) {
      const callee = unwrap(node.callee);
      const name = calleeName(node);
      if (callee.type === AST_NODE_TYPES.MemberExpression && name && sdkMethods.has(name) && mcpSideOf(callee.object, sourceCode) === 'client') {
        sources.push({ call: node, method: name, via: 'sdk' });
      }
    }
  });
  return sources;
}

/** `function rpc(method, params) { … { jsonrpc: '2.0', id, method, params } … }`: the calls that pass it one of `methods`. */
function builderCallsOf(object: TSESTree.ObjectExpression, methods: ReadonlySet<string>, context: Context): ResponseSource[] {
  let hasJsonRpc = false;
  let methodValue: TSESTree.Node | undefined;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKeyName(property);
    if (key === 'jsonrpc') hasJsonRpc = true;
    if (key === 'method') methodValue = unwrap(property.value);
  }
  if (!hasJsonRpc || methodValue?.type !== AST_NODE_TYPES.Identifier) return [];
  const fn = enclosingFunction(object);
  const index = fn ? parameterIndex(fn, methodValue.name) : -1;
  if (!fn || index < 0) return [];
  // A builder that returns the message (`request('tools/call', …)`) hands it to the call that sends it.
  const returnsMessage = isReturnedBy(object, fn);
  const sources: ResponseSource[] = [];
  for (const call of callsOf(fn, context)) {
    const argument = call.arguments[index];
    const value = argument ? staticValue(argument, context.sourceCode.getScope(argument))?.value : undefined;
    if (typeof value !== 'string' || !methods.has(value)) continue;
    const senders = returnsMessage ? sendingCallsOf(call, context.sourceCode) : [call];
    for (const sender of senders) sources.push({ call: sender, method: value, via: 'hand-rolled' });
  }
  return sources;
}

function isReturnedBy(value: TSESTree.Node, fn: TSESTree.FunctionLike): boolean {
  const { parent, child } = meaningfulParent(value);
  if (parent?.type === AST_NODE_TYPES.ReturnStatement) return enclosingFunction(parent) === fn;
  return parent === fn && fn.body === child;
}

function parameterIndex(fn: TSESTree.FunctionLike, name: string): number {
  return fn.params.findIndex((param) => {
    const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    return target.type === AST_NODE_TYPES.Identifier && target.name === name;
  });
}

/**
 * Where a response goes and which fields the code reads off it: through `await`, variables and
 * destructuring, `.json()` and `.then(cb)`, a message's `.result`, and out of a local function
 * that returns it to that function's callers.
 */
export function responseFlowOf(call: TSESTree.CallExpression, context: Context): ResponseFlow {
  const flow: ResponseFlow = { reads: [], shapeTests: [], escapes: false };
  const seen = new Set<TSESTree.Node>();
  const sourceCode = context.sourceCode;

  function follow(value: TSESTree.Node, depth: number): void {
    if (depth > maxDepth || seen.has(value)) return;
    seen.add(value);
    const { parent, child } = meaningfulParent(value);
    if (!parent) return;
    switch (parent.type) {
      case AST_NODE_TYPES.AwaitExpression:
        return follow(parent, depth);
      case AST_NODE_TYPES.LogicalExpression:
        // `a ?? b`, `a || b` may be either side; `a && b` is `b` when it matters.
        return parent.operator !== '&&' || parent.right === child ? follow(parent, depth) : undefined;
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.init === child ? bind(parent.id, depth + 1) : undefined;
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.right === child && parent.left.type === AST_NODE_TYPES.Identifier ? bind(parent.left, depth + 1) : undefined;
      case AST_NODE_TYPES.MemberExpression:
        return parent.object === child ? member(parent, depth) : undefined;
      case AST_NODE_TYPES.ReturnStatement:
        return returned(child, depth);
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === child ? returned(child, depth) : undefined;
      case AST_NODE_TYPES.BinaryExpression:
        if (parent.operator === 'in' && parent.right === child) flow.shapeTests.push(parent);
        return;
      case AST_NODE_TYPES.CallExpression:
        if (parent.arguments.includes(child as TSESTree.CallExpressionArgument) && !inertCall.test(calleeName(parent) ?? '')) flow.escapes = true;
        return;
      default:
        return;
    }
  }

  function member(node: TSESTree.MemberExpression, depth: number): void {
    const key = memberKey(node);
    if (key === undefined) return;
    const call = node.parent;
    const isCallee = call?.type === AST_NODE_TYPES.CallExpression && call.callee === node;
    if (isCallee && key === 'json') return follow(call, depth + 1);
    if (isCallee && key === 'then') return thenCallback(call, depth);
    if (key === 'result') return follow(node, depth + 1);
    flow.reads.push({ key, node });
  }

  function memberKey(node: TSESTree.MemberExpression): string | undefined {
    if (!node.computed) return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
    const value = staticValue(node.property, sourceCode.getScope(node.property))?.value;
    return typeof value === 'string' ? value : undefined;
  }

  /** `send(…).then((response) => …)`: follow the callback's parameter. */
  function thenCallback(call: TSESTree.CallExpression, depth: number): void {
    const callback = call.arguments[0] && unwrap(call.arguments[0]);
    if (callback && isFunction(callback) && callback.params[0]) bind(callback.params[0], depth + 1);
    follow(call, depth + 1);
  }

  /** A local function returns the value: its callers get it. */
  function returned(value: TSESTree.Node, depth: number): void {
    const fn = enclosingFunction(value);
    if (!fn) return;
    for (const caller of callsOf(fn, context)) follow(caller, depth + 1);
  }

  function bind(pattern: TSESTree.Node, depth: number): void {
    if (depth > maxDepth) return;
    if (pattern.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(sourceCode.getScope(pattern), pattern);
      for (const reference of variable?.references ?? []) {
        if (reference.isRead()) follow(reference.identifier as TSESTree.Node, depth);
      }
      return;
    }
    if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return bind(pattern.left, depth);
    if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return;
    for (const property of pattern.properties) {
      if (property.type === AST_NODE_TYPES.RestElement) {
        bind(property.argument, depth + 1);
        continue;
      }
      const key = propertyKeyName(property);
      if (key === 'result') bind(property.value, depth + 1);
      else if (key !== undefined) flow.reads.push({ key, node: property });
    }
  }

  follow(call, 0);
  return flow;
}

/** Test functions whose callback is a test case: `it`, `test` (also `.only`, `.each(…)`). */
const testFunctions: ReadonlySet<string> = new Set(['it', 'test', 'specify']);

/**
 * Whether a node sits in a test case (`it('…', async () => { … })`): a test of one's own server
 * knows what that server answers, so what it reads is not a client's assumption.
 */
export function isInTestCase(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.CallExpression) continue;
    let callee = unwrap(current.callee);
    if (callee.type === AST_NODE_TYPES.CallExpression) callee = unwrap(callee.callee);
    while (callee.type === AST_NODE_TYPES.MemberExpression) callee = unwrap(callee.object);
    if (callee.type === AST_NODE_TYPES.Identifier && testFunctions.has(callee.name)) return true;
  }
  return false;
}

/** Assertion calls of tests (`expect(…)`, `assert.equal(…)`): what a test checks about its own server's answer. */
const assertionCallee = /^(?:expect|assert|ok|equal|strictEqual|deepEqual|deepStrictEqual|match)$/;

/** Whether a node sits inside a test assertion's arguments. */
export function isInAssertion(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(current.callee);
      const root = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : callee;
      if (assertionCallee.test(calleeName(current) ?? '') || (root.type === AST_NODE_TYPES.Identifier && root.name === 'assert')) return true;
    }
    if (current.type.endsWith('Statement') || isFunction(current)) return false;
  }
  return false;
}
