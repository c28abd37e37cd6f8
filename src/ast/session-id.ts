import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { headerMethods, sessionIdHeader } from '../mcp/headers.js';
import { streamableHttpServerTransports } from '../mcp/packages.js';
import { sessionLifecycleOptions } from '../mcp/session-state.js';
import { staticValue } from './constants.js';
import { fileEvidence } from './evidence.js';
import { calleeName, functionBindingName, isFunction, meaningfulParent, propertyKeyName, unwrap, walk } from './nodes.js';
import { handlerContextPath } from './sdk.js';
import { mcpInstanceClassOf } from './transports.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Where an MCP session id comes from: the `sessionId` of an SDK handler context (`extra` in v1,
 * `ctx` in v2), of an SDK Streamable HTTP server transport, the `Mcp-Session-Id` request header,
 * the argument of an `onsessioninitialized`/`onsessionclosed` callback, or a value the code itself
 * writes to the `Mcp-Session-Id` header (`res.setHeader('Mcp-Session-Id', session.id)`), with the
 * variable or field it is kept in.
 */
export type SessionIdSource = 'context' | 'transport' | 'header' | 'lifecycle' | 'written';

/** How many variables, parameters and wrappers to follow back before giving up. */
const maxDepth = 6;

/**
 * The MCP session id source an expression's value flows from, through constants and `let`s,
 * destructuring, `as`/`!`, `String(x)`, `` `${x}` ``, `x ?? fallback`, and the parameters of
 * functions in this file that are called with one. A value written to the `Mcp-Session-Id`
 * header makes its variable a session id, and its field (`session.id`) one on every object of
 * the same kind (see `writtenSessionIds`). Undefined for anything else, so a conversation id, a
 * tool argument named `sessionId` or `req.session.id` stays unknown.
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

  /** `transport.sessionId` of an SDK server transport; `headers['mcp-session-id']`; a field the code sends as the header. */
  private memberSource(member: TSESTree.MemberExpression): SessionIdSource | undefined {
    if (!member.computed) {
      const isSessionId = member.property.type === AST_NODE_TYPES.Identifier && member.property.name === 'sessionId';
      if (isSessionId && this.isServerTransport(member.object)) return 'transport';
      return writtenSessionIds(this.sourceCode).holdsField(member) ? 'written' : undefined;
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
    // `const sid = randomUUID(); res.setHeader('Mcp-Session-Id', sid)`
    return writtenSessionIds(this.sourceCode).variables.has(variable) ? 'written' : undefined;
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
    return argumentsPassedTo(fn, index, this.sourceCode);
  }

  private namesSessionHeader(node: TSESTree.Node): boolean {
    return namesSessionHeader(node, this.sourceCode);
  }

  private isServerTransport(node: TSESTree.Node): boolean {
    return mcpInstanceClassOf(node, streamableHttpServerTransports, this.sourceCode) !== undefined;
  }
}

function namesSessionHeader(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const value = staticValue(node, sourceCode.getScope(node))?.value;
  return typeof value === 'string' && value.toLowerCase() === sessionIdHeader;
}

/** The arguments at `index` of every call, in this file, of a named local function. */
function argumentsPassedTo(fn: TSESTree.FunctionLike, index: number, sourceCode: SourceCode): TSESTree.Node[] {
  const name = functionBindingName(fn);
  if (!name) return [];
  const variable = ASTUtils.findVariable(sourceCode.getScope(fn.parent ?? fn), name);
  const passed: TSESTree.Node[] = [];
  for (const reference of variable?.references ?? []) {
    const call = reference.identifier.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier && call.arguments[index]) {
      passed.push(call.arguments[index]);
    }
  }
  return passed;
}

// ---- Values the code writes to the Mcp-Session-Id header --------------------------------------

type Variable = TSESLint.Scope.Variable;

/**
 * What an object is, as far as the file tells without type information: the type it is declared,
 * asserted or returned as (`type:Session`), and the collection it was taken from (the `sessions`
 * variable, for `sessions.get(id)`, `sessions[id]` and `for (const s of sessions.values())`).
 * Two objects with a kind in common are the same kind of thing.
 */
type ObjectKind = string | Variable;

/** A field a session id is written from: `session.id` of that variable, or of any object of one of its kinds. */
interface SessionIdField {
  name: string;
  object: Variable;
  kinds: ReadonlySet<ObjectKind>;
}

/**
 * The ids a server mints itself and sends as `Mcp-Session-Id` (`res.setHeader(SESSION_HEADER,
 * session.id)`, `res.writeHead(200, { 'mcp-session-id': sid })`, `headers[SESSION_HEADER] = sid`):
 * the variables that hold them (followed back through declarations and the parameters of local
 * functions) and the fields they are read from.
 */
class WrittenSessionIds {
  readonly variables = new Set<Variable>();
  private readonly fields: SessionIdField[] = [];
  private readonly kinds: ObjectKinds;

  constructor(private readonly sourceCode: SourceCode) {
    this.kinds = new ObjectKinds(sourceCode);
    walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
      const value = this.writtenValue(node);
      if (value) this.collect(value, 0);
    });
  }

  /** `member` is `x.f` for a field `f` a session id is written from, on the same variable or the same kind of object. */
  holdsField(member: TSESTree.MemberExpression): boolean {
    if (member.computed || member.property.type !== AST_NODE_TYPES.Identifier || this.fields.length === 0) return false;
    const name = member.property.name;
    const candidates = this.fields.filter((field) => field.name === name);
    if (candidates.length === 0) return false;
    const object = unwrap(member.object);
    if (object.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(object), object);
    if (!variable) return false;
    if (candidates.some((field) => field.object === variable)) return true;
    const kinds = this.kinds.ofVariable(variable);
    return candidates.some((field) => [...field.kinds].some((kind) => kinds.has(kind)));
  }

  /** The value a header write puts under `Mcp-Session-Id`, if `node` is one. */
  private writtenValue(node: TSESTree.Node): TSESTree.Node | undefined {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const kind = headerMethods[calleeName(node)?.toLowerCase() ?? ''];
      const [name, value] = node.arguments;
      const writes = kind === 'write' || kind === 'read-or-write';
      return writes && name && value && namesSessionHeader(name, this.sourceCode) ? value : undefined;
    }
    if (node.type === AST_NODE_TYPES.Property && node.parent.type === AST_NODE_TYPES.ObjectExpression) {
      const named = node.computed ? namesSessionHeader(node.key, this.sourceCode) : propertyKeyName(node)?.toLowerCase() === sessionIdHeader;
      return named ? node.value : undefined;
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') {
      const left = unwrap(node.left);
      return left.type === AST_NODE_TYPES.MemberExpression && left.computed && namesSessionHeader(left.property, this.sourceCode) ? node.right : undefined;
    }
    return undefined;
  }

  /** Records where a written value is held: `sid`, `session.id`, `String(sid)`, `sid ?? randomUUID()`. */
  private collect(expression: TSESTree.Node, depth: number): void {
    if (depth > maxDepth) return;
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.collectVariable(node, depth);
      case AST_NODE_TYPES.MemberExpression: {
        const object = unwrap(node.object);
        if (node.computed || node.property.type !== AST_NODE_TYPES.Identifier || object.type !== AST_NODE_TYPES.Identifier) return;
        const variable = ASTUtils.findVariable(this.sourceCode.getScope(object), object);
        if (variable) this.fields.push({ name: node.property.name, object: variable, kinds: this.kinds.ofVariable(variable) });
        return;
      }
      case AST_NODE_TYPES.CallExpression:
        if (calleeName(node) === 'String' && unwrap(node.callee).type === AST_NODE_TYPES.Identifier && node.arguments[0]) this.collect(node.arguments[0], depth + 1);
        return;
      case AST_NODE_TYPES.TemplateLiteral:
        if (node.expressions.length === 1 && node.quasis.every((q) => q.value.cooked === '')) this.collect(node.expressions[0]!, depth + 1);
        return;
      case AST_NODE_TYPES.LogicalExpression:
        this.collect(node.left, depth + 1);
        return this.collect(node.right, depth + 1);
      case AST_NODE_TYPES.ConditionalExpression:
        this.collect(node.consequent, depth + 1);
        return this.collect(node.alternate, depth + 1);
      default:
        return;
    }
  }

  /** The variable, and what it was initialised from or, for a parameter of a local function, called with. */
  private collectVariable(identifier: TSESTree.Identifier, depth: number): void {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    if (!variable || this.variables.has(variable)) return;
    this.variables.add(variable);
    for (const def of variable.defs) {
      if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init) {
        this.collect(def.node.init, depth + 1);
      }
      if (def.type === 'Parameter') {
        const fn = def.node as TSESTree.FunctionLike;
        const index = fn.params.findIndex((p) => unwrap(p.type === AST_NODE_TYPES.AssignmentPattern ? p.left : p) === def.name);
        if (index >= 0) for (const argument of argumentsPassedTo(fn, index, this.sourceCode)) this.collect(argument, depth + 1);
      }
    }
  }
}

const writtenCache = new WeakMap<object, WrittenSessionIds>();

/** The session ids this file writes to the `Mcp-Session-Id` header, computed once per file. */
function writtenSessionIds(sourceCode: SourceCode): WrittenSessionIds {
  let found = writtenCache.get(sourceCode.ast);
  if (!found) {
    found = new WrittenSessionIds(sourceCode);
    writtenCache.set(sourceCode.ast, found);
  }
  return found;
}

/** The kinds (`ObjectKind`) of a variable's objects, from its annotation, initialiser, assignments or loop. */
class ObjectKinds {
  private readonly cache = new Map<Variable, Set<ObjectKind>>();

  constructor(private readonly sourceCode: SourceCode) {}

  /** A variable's kinds; computed once (a cycle between variables sees the kinds found so far). */
  ofVariable(variable: Variable): Set<ObjectKind> {
    const cached = this.cache.get(variable);
    if (cached) return cached;
    const kinds = new Set<ObjectKind>();
    this.cache.set(variable, kinds);
    const depth = 0;
    for (const def of variable.defs) {
      const name = def.name as TSESTree.Identifier;
      this.addType(kinds, name.typeAnnotation?.typeAnnotation);
      if (def.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== name) continue;
      if (def.node.init) this.addOf(kinds, def.node.init, depth + 1);
      // `for (const session of sessions.values())`
      const loop = def.node.parent.parent;
      if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === def.node.parent) this.addElementsOf(kinds, loop.right);
    }
    for (const reference of variable.references) {
      if (reference.writeExpr && !reference.init) this.addOf(kinds, reference.writeExpr, depth + 1);
      const collection = collectionStoredIn(reference.identifier as TSESTree.Identifier);
      if (collection) this.addCollection(kinds, collection);
    }
    return kinds;
  }

  /** The kinds of the object an expression evaluates to. */
  private addOf(kinds: Set<ObjectKind>, expression: TSESTree.Node, depth: number): void {
    if (depth > maxDepth) return;
    if (expression.type === AST_NODE_TYPES.TSAsExpression || expression.type === AST_NODE_TYPES.TSSatisfiesExpression || expression.type === AST_NODE_TYPES.TSTypeAssertion) {
      this.addType(kinds, expression.typeAnnotation);
    }
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
        if (variable) for (const kind of this.ofVariable(variable)) kinds.add(kind);
        return;
      }
      case AST_NODE_TYPES.AwaitExpression:
        return this.addOf(kinds, node.argument, depth + 1);
      case AST_NODE_TYPES.ConditionalExpression:
        this.addOf(kinds, node.consequent, depth + 1);
        return this.addOf(kinds, node.alternate, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
        this.addOf(kinds, node.left, depth + 1);
        return this.addOf(kinds, node.right, depth + 1);
      case AST_NODE_TYPES.NewExpression:
        if (node.callee.type === AST_NODE_TYPES.Identifier) kinds.add(`type:${node.callee.name}`);
        return;
      case AST_NODE_TYPES.MemberExpression:
        // `sessions[id]`
        if (node.computed) this.addCollection(kinds, node.object);
        return;
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(node.callee);
        // `sessions.get(id)`
        if (callee.type === AST_NODE_TYPES.MemberExpression && calleeName(node) === 'get') return this.addCollection(kinds, callee.object);
        if (callee.type === AST_NODE_TYPES.Identifier) this.addReturnsOf(kinds, callee, depth + 1);
        return;
      }
      default:
        return;
    }
  }

  /** What a local function returns: its return type annotation, and its `return` expressions. */
  private addReturnsOf(kinds: Set<ObjectKind>, callee: TSESTree.Identifier, depth: number): void {
    const def = ASTUtils.findVariable(this.sourceCode.getScope(callee), callee)?.defs[0];
    const fn =
      def?.type === 'FunctionName' && isFunction(def.node)
        ? def.node
        : def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && isFunction(unwrap(def.node.init))
          ? (unwrap(def.node.init) as TSESTree.FunctionLike)
          : undefined;
    if (!fn) return;
    this.addType(kinds, fn.returnType?.typeAnnotation);
    if (fn.body?.type !== AST_NODE_TYPES.BlockStatement) {
      if (fn.body) this.addOf(kinds, fn.body, depth + 1);
      return;
    }
    walk(fn.body, this.sourceCode.visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && enclosingFunction(node) === fn) this.addOf(kinds, node.argument, depth + 1);
    });
  }

  /** The elements of `for (… of sessions.values())`, `of sessions`. */
  private addElementsOf(kinds: Set<ObjectKind>, iterated: TSESTree.Node): void {
    const node = unwrap(iterated);
    if (node.type === AST_NODE_TYPES.CallExpression && calleeName(node) === 'values' && node.arguments.length === 0) {
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) this.addCollection(kinds, callee.object);
    } else if (node.type === AST_NODE_TYPES.Identifier) {
      this.addCollection(kinds, node);
    }
  }

  /** An element of a collection variable: the variable itself, and the element type it is declared with. */
  private addCollection(kinds: Set<ObjectKind>, collection: TSESTree.Node): void {
    const node = unwrap(collection);
    if (node.type !== AST_NODE_TYPES.Identifier) return;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    if (!variable) return;
    kinds.add(variable);
    for (const def of variable.defs) {
      this.addType(kinds, elementType((def.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation));
      if (def.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) continue;
      const init = unwrap(def.node.init);
      // `new Map<string, Session>()`, `new Set<Session>()`
      if (init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier) {
        const params = init.typeArguments?.params ?? [];
        this.addType(kinds, init.callee.name === 'Map' ? params[1] : init.callee.name === 'Set' ? params[0] : undefined);
      }
      if (def.node.init.type === AST_NODE_TYPES.TSAsExpression || def.node.init.type === AST_NODE_TYPES.TSSatisfiesExpression) {
        this.addType(kinds, elementType(def.node.init.typeAnnotation));
      }
    }
  }

  /**
   * A named type (`Session`, `Session | undefined`, `Promise<Session>`) as a kind; not a type
   * parameter (`T` means something else in each function) nor `Object`.
   */
  private addType(kinds: Set<ObjectKind>, type: TSESTree.TypeNode | undefined): void {
    const reference = namedType(type);
    if (!reference || reference.typeName.type !== AST_NODE_TYPES.Identifier || reference.typeName.name === 'Object') return;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(reference), reference.typeName);
    if (variable?.defs.some((def) => def.node.type === AST_NODE_TYPES.TSTypeParameter)) return;
    kinds.add(`type:${reference.typeName.name}`);
  }
}

/** The collection a value is put into: `sessions.set(key, value)`, `sessions[key] = value`, `sessions.add(value)`, `sessions.push(value)`. */
function collectionStoredIn(value: TSESTree.Identifier): TSESTree.Node | undefined {
  const { parent, child } = meaningfulParent(value);
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = calleeName(parent);
    const stores = (method === 'set' && parent.arguments[1] === child) || ((method === 'add' || method === 'push') && parent.arguments[0] === child);
    return stores ? parent.callee.object : undefined;
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === child && parent.operator === '=') {
    const left = unwrap(parent.left);
    return left.type === AST_NODE_TYPES.MemberExpression && left.computed ? left.object : undefined;
  }
  return undefined;
}

function enclosingFunction(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

const nullish = new Set<string>([AST_NODE_TYPES.TSUndefinedKeyword, AST_NODE_TYPES.TSNullKeyword, AST_NODE_TYPES.TSVoidKeyword]);

/** The plain type named by `Session`, `Session | undefined`, `Promise<Session>`, `Readonly<Session>`. */
function namedType(type: TSESTree.TypeNode | undefined): TSESTree.TSTypeReference | undefined {
  if (!type) return undefined;
  if (type.type === AST_NODE_TYPES.TSUnionType) {
    const named = type.types.filter((member) => !nullish.has(member.type));
    return named.length === 1 ? namedType(named[0]) : undefined;
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = type.typeName.name;
  const params = type.typeArguments?.params ?? [];
  if (name === 'Promise' || name === 'Readonly') return params.length === 1 ? namedType(params[0]) : undefined;
  return params.length === 0 ? type : undefined;
}

/** The element type of `Map<K, T>`, `Record<K, T>`, `Set<T>`, `T[]`, `Array<T>`, `{ [id: string]: T }`. */
function elementType(type: TSESTree.TypeNode | undefined): TSESTree.TypeNode | undefined {
  if (!type) return undefined;
  if (type.type === AST_NODE_TYPES.TSArrayType) return type.elementType;
  if (type.type === AST_NODE_TYPES.TSTypeLiteral) {
    const index = type.members.find((member) => member.type === AST_NODE_TYPES.TSIndexSignature);
    return index?.type === AST_NODE_TYPES.TSIndexSignature ? index.typeAnnotation?.typeAnnotation : undefined;
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  const params = type.typeArguments?.params ?? [];
  const name = type.typeName.name;
  if (name === 'Map' || name === 'ReadonlyMap' || name === 'Record') return params[1];
  if (name === 'Set' || name === 'ReadonlySet' || name === 'Array' || name === 'ReadonlyArray') return params[0];
  return undefined;
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
