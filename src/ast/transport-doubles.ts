import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { mcpExportOf } from './imports.js';
import { calleeName, isFunction, meaningfulParent, propertyKeyName, unwrap } from './nodes.js';
import { insideExpectation } from './test-expectations.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/*
 * Test doubles written as an MCP `Transport`: a fake wire that hands the code under test the
 * messages a peer would send (`this.onmessage?.({ jsonrpc: '2.0', id, result })`) and looks at
 * what that code sends (`send(message) { if (message.method === 'initialize') … }`). What such a
 * double delivers is received by the code under test, and what it compares in `send()` is what
 * it observes; neither is a server declaring, handling or sending anything.
 */

/** Inbound deliveries of a transport: the callback the code under test installed to receive messages. */
const inboundCallbacks: ReadonlySet<string> = new Set(['onmessage', 'onMessage']);
const maxDepth = 6;

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
      return parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier && readsDeliveredInbound(parent.id, sourceCode, depth);
    case AST_NODE_TYPES.CallExpression: {
      const index = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
      if (index < 0) return false;
      const callee = unwrap(parent.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && inboundCallbacks.has(calleeName(parent) ?? '')) return true;
      const helper = helperFunction(callee, sourceCode);
      const parameter = helper?.params[index];
      return parameter?.type === AST_NODE_TYPES.Identifier && readsDeliveredInbound(parameter, sourceCode, depth);
    }
    default:
      return false;
  }
}

function readsDeliveredInbound(identifier: TSESTree.Identifier, sourceCode: SourceCode, depth: number): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const reads = (variable?.references ?? []).filter((reference) => reference.isRead() && reference.identifier !== identifier && !reference.isTypeReference);
  const uses = reads.map((reference) => reference.identifier as TSESTree.Node).filter((read) => !insideExpectation(read));
  return uses.length > 0 && uses.every((read) => deliveredInbound(read, sourceCode, depth + 1));
}

/** A function declared in the file (`deliver(msg)`), or a method of the enclosing class (`this.reply(id, result)`). */
function helperFunction(callee: TSESTree.Node, sourceCode: SourceCode): TSESTree.FunctionLike | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const def = ASTUtils.findVariable(sourceCode.getScope(callee), callee)?.defs[0];
    if (def?.type === 'FunctionName' && isFunction(def.node)) return def.node;
    const init = def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init ? unwrap(def.node.init) : undefined;
    return init && isFunction(init) ? init : undefined;
  }
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

/** Members only a transport has together with `send`: the callbacks its user installs. */
const transportCallbacks: ReadonlySet<string> = new Set(['onmessage', 'onclose', 'onerror']);

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
    const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
    const uses = (variable?.references ?? [])
      .filter((reference) => reference.isRead() && reference.identifier !== parent.id && !reference.isTypeReference)
      .map((reference) => reference.identifier as TSESTree.Node)
      .filter((read) => !insideExpectation(read));
    return uses.length > 0 && uses.every((use) => handedToTransport(use, sourceCode));
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
