import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { headerMethods, sessionIdHeader } from '../mcp/headers.js';
import { streamableHttpServerTransports } from '../mcp/packages.js';
import { sessionLifecycleOptions } from '../mcp/session-state.js';
import { staticValue } from './constants.js';
import { fileEvidence } from './evidence.js';
import { calleeName, functionBindingName, propertyKeyName, unwrap } from './nodes.js';
import { handlerContextPath } from './sdk.js';
import { mcpInstanceClassOf } from './transports.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Where an MCP session id comes from: the `sessionId` of an SDK handler context (`extra` in v1,
 * `ctx` in v2), of an SDK Streamable HTTP server transport, the `Mcp-Session-Id` request header,
 * or the argument of an `onsessioninitialized`/`onsessionclosed` callback.
 */
export type SessionIdSource = 'context' | 'transport' | 'header' | 'lifecycle';

/** How many variables, parameters and wrappers to follow back before giving up. */
const maxDepth = 6;

/**
 * The MCP session id source an expression's value flows from, through constants and `let`s,
 * destructuring, `as`/`!`, `String(x)`, `` `${x}` ``, `x ?? fallback`, and the parameters of
 * functions in this file that are called with one. Undefined for anything else, so a
 * conversation id, a tool argument named `sessionId` or `req.session.id` stays unknown.
 */
export function mcpSessionIdSource(expression: TSESTree.Node, sourceCode: SourceCode): SessionIdSource | undefined {
  return new SessionIdTracer(sourceCode).sourceOf(expression, 0);
}

class SessionIdTracer {
  private readonly visited = new Set<TSESTree.Node>();

  constructor(private readonly sourceCode: SourceCode) {}

  sourceOf(expression: TSESTree.Node, depth: number): SessionIdSource | undefined {
    if (depth > maxDepth || this.visited.has(expression)) return undefined;
    this.visited.add(expression);
    const node = unwrap(expression);
    const contextPath = handlerContextPath(node, this.sourceCode);
    if (contextPath) return contextPath.length === 1 && contextPath[0] === 'sessionId' ? 'context' : undefined;
    switch (node.type) {
      case AST_NODE_TYPES.MemberExpression:
        return this.memberSource(node);
      case AST_NODE_TYPES.CallExpression:
        return this.callSource(node, depth);
      case AST_NODE_TYPES.Identifier:
        return this.variableSource(node, depth);
      case AST_NODE_TYPES.AwaitExpression:
        return this.sourceOf(node.argument, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
        return this.sourceOf(node.left, depth + 1) ?? this.sourceOf(node.right, depth + 1);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.sourceOf(node.consequent, depth + 1) ?? this.sourceOf(node.alternate, depth + 1);
      case AST_NODE_TYPES.TemplateLiteral:
        // `${sid}` alone is the id itself; a longer template is a key built from it (see sessionIdIn).
        return node.expressions.length === 1 && node.quasis.every((q) => q.value.cooked === '') ? this.sourceOf(node.expressions[0]!, depth + 1) : undefined;
      default:
        return undefined;
    }
  }

  /** `transport.sessionId` of an SDK server transport; `headers['mcp-session-id']`. */
  private memberSource(member: TSESTree.MemberExpression): SessionIdSource | undefined {
    if (!member.computed) {
      const isSessionId = member.property.type === AST_NODE_TYPES.Identifier && member.property.name === 'sessionId';
      return isSessionId && this.isServerTransport(member.object) ? 'transport' : undefined;
    }
    return this.namesSessionHeader(member.property) ? 'header' : undefined;
  }

  /** `req.get('mcp-session-id')`, `req.header(…)`, `headers.get(…)`, and `String(x)`. */
  private callSource(call: TSESTree.CallExpression, depth: number): SessionIdSource | undefined {
    const name = calleeName(call)?.toLowerCase();
    const first = call.arguments[0];
    if (!name || !first) return undefined;
    if (name === 'string' && unwrap(call.callee).type === AST_NODE_TYPES.Identifier) return this.sourceOf(first, depth + 1);
    const kind = headerMethods[name];
    const reads = kind === 'read' || (kind === 'read-or-write' && call.arguments.length === 1);
    return reads && this.namesSessionHeader(first) ? 'header' : undefined;
  }

  private variableSource(identifier: TSESTree.Identifier, depth: number): SessionIdSource | undefined {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    if (!variable) return undefined;
    for (const def of variable.defs) {
      const found =
        def.type === 'Parameter'
          ? this.parameterSource(def.node as TSESTree.FunctionLike, def.name as TSESTree.Identifier, depth)
          : def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator
            ? this.declaratorSource(def.node, def.name as TSESTree.Identifier, depth)
            : undefined;
      if (found) return found;
    }
    // `let sid; … sid = req.headers['mcp-session-id']`
    for (const reference of variable.references) {
      if (reference.writeExpr && !reference.init) {
        const written = this.sourceOf(reference.writeExpr, depth + 1);
        if (written) return written;
      }
    }
    return undefined;
  }

  private declaratorSource(declarator: TSESTree.VariableDeclarator, name: TSESTree.Identifier, depth: number): SessionIdSource | undefined {
    if (!declarator.init) return undefined;
    if (declarator.id === name) return this.sourceOf(declarator.init, depth + 1);
    if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
    // `const { sessionId } = transport`, `const { 'mcp-session-id': sid } = req.headers`
    for (const property of declarator.id.properties) {
      if (property.type !== AST_NODE_TYPES.Property || unwrap(property.value) !== name) continue;
      const key = property.computed ? staticValue(property.key, this.sourceCode.getScope(property.key))?.value : propertyKeyName(property);
      if (key === 'sessionId' && this.isServerTransport(declarator.init)) return 'transport';
      if (typeof key === 'string' && key.toLowerCase() === sessionIdHeader) return 'header';
    }
    return undefined;
  }

  /** The id an `onsessioninitialized` callback receives, or what the callers of a local function pass. */
  private parameterSource(fn: TSESTree.FunctionLike, name: TSESTree.Identifier, depth: number): SessionIdSource | undefined {
    const index = fn.params.findIndex((p) => unwrap(p.type === AST_NODE_TYPES.AssignmentPattern ? p.left : p) === name);
    if (index < 0) return undefined;
    if (index === 0 && this.isLifecycleCallback(fn)) return 'lifecycle';
    for (const argument of this.argumentsPassedTo(fn, index)) {
      const found = this.sourceOf(argument, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  private isLifecycleCallback(fn: TSESTree.FunctionLike): boolean {
    const parent = fn.parent;
    let key: string | undefined;
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === fn) key = propertyKeyName(parent);
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.left.type === AST_NODE_TYPES.MemberExpression) {
      key = parent.left.property.type === AST_NODE_TYPES.Identifier ? parent.left.property.name : undefined;
    }
    return key !== undefined && sessionLifecycleOptions.includes(key) && fileEvidence(this.sourceCode).importsMcp;
  }

  /** The arguments at `index` of every call, in this file, of a named local function. */
  private argumentsPassedTo(fn: TSESTree.FunctionLike, index: number): TSESTree.Node[] {
    const name = functionBindingName(fn);
    if (!name) return [];
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(fn.parent ?? fn), name);
    const passed: TSESTree.Node[] = [];
    for (const reference of variable?.references ?? []) {
      const call = reference.identifier.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier && call.arguments[index]) {
        passed.push(call.arguments[index]);
      }
    }
    return passed;
  }

  private namesSessionHeader(node: TSESTree.Node): boolean {
    const value = staticValue(node, this.sourceCode.getScope(node))?.value;
    return typeof value === 'string' && value.toLowerCase() === sessionIdHeader;
  }

  private isServerTransport(node: TSESTree.Node): boolean {
    return mcpInstanceClassOf(node, streamableHttpServerTransports, this.sourceCode) !== undefined;
  }
}

/** The session id inside a key built from it (`` `cart:${extra.sessionId}` ``, `'cart:' + sid`), if any. */
export function sessionIdIn(key: TSESTree.Node, sourceCode: SourceCode): SessionIdSource | undefined {
  const node = unwrap(key);
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    for (const expression of node.expressions) {
      const source = mcpSessionIdSource(expression, sourceCode);
      if (source) return source;
    }
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') {
    return sessionIdIn(node.left, sourceCode) ?? mcpSessionIdSource(node.left, sourceCode) ?? sessionIdIn(node.right, sourceCode) ?? mcpSessionIdSource(node.right, sourceCode);
  }
  return undefined;
}
