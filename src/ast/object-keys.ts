import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { staticValue } from './constants.js';
import { calleeName, enclosingFunction, isFunction, propertyKeyName, unwrap, walk } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The arguments followed calls passed to functions' parameters: reading a builder
 * `request('tools/call', { name })` binds `method` and `params` inside `request`. One map
 * holds a whole chain of calls (`callTool` → `request` → `post`), so an argument that names an
 * outer function's parameter resolves through the same map.
 */
export type Bindings = ReadonlyMap<TSESTree.Node, readonly TSESTree.Node[]>;

export const noBindings: Bindings = new Map();

/** An expression with the parameter bindings it is read under. */
export interface Bound {
  node: TSESTree.Node;
  bindings: Bindings;
}

/** What an expression stands for, seen through constants, bound parameters and wrappers. */
export type Resolved =
  | { kind: 'value'; node: TSESTree.Node; bindings: Bindings }
  /** `undefined`, or a parameter the call left out. */
  | { kind: 'absent' }
  /** A parameter of `fn` that no followed call binds: its callers decide. */
  | { kind: 'parameter'; fn: TSESTree.FunctionLike; index: number }
  | { kind: 'unknown' };

export interface ObjectEntry {
  /** The key as written (header names keep their case; compare them lower-cased). */
  key: string;
  keyNode: TSESTree.Node;
  value: Bound | undefined;
}

/** The keys an object expression is known to have. */
export interface ObjectShape {
  entries: ObjectEntry[];
  /** Keys that cannot be seen may be present too (a spread or a mutation of something unknown). */
  open: boolean;
}

/** How far to follow constants, parameters and builder calls (cycles, deep aliasing). */
const maxDepth = 8;
/** How many calls of one function to read it under. */
const maxCallers = 40;

/** Calls that read an object without changing it, so passing it to them keeps its keys known. */
const readOnlyCalls = new Set(['stringify', 'log', 'debug', 'info', 'warn', 'error', 'trace', 'keys', 'entries', 'values', 'freeze']);

/**
 * Reads values and object keys the way hand-rolled clients build them: object literals with
 * spreads and conditional spreads, constants and single-assignment variables mutated in place
 * (`headers['Mcp-Name'] = …`, `headers.set(…)`), `new Headers(…)`, `Object.assign`, and
 * local builder functions and methods whose one `return` gives the value, with their
 * parameters bound to the arguments of the call being followed.
 */
export class ValueReader {
  private callIndex: Map<TSESTree.Node, TSESTree.CallExpression[]> | undefined;

  constructor(
    private readonly sourceCode: SourceCode,
    /** Strings a rule knows although the file cannot show them (imported SDK constants). */
    private readonly knownString: (node: TSESTree.Node) => string | undefined = () => undefined,
  ) {}

  resolve(bound: Bound, depth = 0): Resolved {
    if (depth > maxDepth) return { kind: 'unknown' };
    const node = unwrap(bound.node);
    if (node.type === AST_NODE_TYPES.Identifier) return this.resolveIdentifier(node, bound.bindings, depth);
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const key = this.memberKey(node, bound.bindings);
      const shape = key === undefined ? undefined : this.objectShape({ node: node.object, bindings: bound.bindings }, depth + 1);
      const entry = key !== undefined && shape && shape !== 'absent' ? lastEntry(shape, key) : undefined;
      if (entry?.value) return this.resolve(entry.value, depth + 1);
    }
    return { kind: 'value', node, bindings: bound.bindings };
  }

  /**
   * What an expression stands for at each call that decides it: an expression that is a
   * parameter nobody binds yet (`method` inside `async function rpc(method, params)`) is read
   * once per call of its function in this file, with that call's arguments bound.
   */
  variants(bound: Bound, depth = 0): { resolved: Resolved; bindings: Bindings }[] {
    const resolved = this.resolve(bound, depth);
    if (resolved.kind !== 'parameter' || depth > maxDepth || bound.bindings.has(resolved.fn)) return [{ resolved, bindings: bound.bindings }];
    return this.callersOf(resolved.fn)
      .slice(0, maxCallers)
      .flatMap((call) => this.variants({ node: bound.node, bindings: withCall(bound.bindings, resolved.fn, call) }, depth + 1));
  }

  /** The string an expression always has, if it has one. */
  stringValue(bound: Bound, depth = 0): string | undefined {
    const known = this.knownString(unwrap(bound.node));
    if (known !== undefined) return known;
    const resolved = this.resolve(bound, depth);
    if (resolved.kind !== 'value') return undefined;
    const node = resolved.node;
    const direct = this.knownString(node);
    if (direct !== undefined) return direct;
    if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length > 0) {
      let text = '';
      for (let i = 0; i < node.quasis.length; i++) {
        text += node.quasis[i]!.value.cooked ?? '';
        const expression = node.expressions[i];
        if (!expression) continue;
        const part = this.stringValue({ node: expression, bindings: resolved.bindings }, depth + 1);
        if (part === undefined) return undefined;
        text += part;
      }
      return text;
    }
    const value = staticValue(node, this.sourceCode.getScope(node))?.value;
    return typeof value === 'string' ? value : undefined;
  }

  /** The keys of an object value; `absent` for `undefined`; undefined when they cannot be seen. */
  objectShape(bound: Bound, depth = 0): ObjectShape | 'absent' | undefined {
    if (depth > maxDepth) return undefined;
    const node = unwrap(bound.node);
    if (node.type === AST_NODE_TYPES.Identifier) return this.identifierShape(node, bound.bindings, depth);
    const resolved = this.resolve(bound, depth);
    if (resolved.kind === 'absent') return 'absent';
    if (resolved.kind !== 'value') return undefined;
    if (resolved.node !== node) return this.objectShape(resolved, depth + 1);
    const at = (child: TSESTree.Node): Bound => ({ node: child, bindings: bound.bindings });
    switch (node.type) {
      case AST_NODE_TYPES.ObjectExpression:
        return this.literalShape(node, bound.bindings, depth);
      case AST_NODE_TYPES.ConditionalExpression:
        return union([this.objectShape(at(node.consequent), depth + 1), this.objectShape(at(node.alternate), depth + 1)]);
      case AST_NODE_TYPES.LogicalExpression:
        // `cond && { … }` spreads nothing or the object; `a ?? b`, `a || b` one of the two.
        return node.operator === '&&'
          ? union([{ entries: [], open: false }, this.objectShape(at(node.right), depth + 1)])
          : union([this.objectShape(at(node.left), depth + 1), this.objectShape(at(node.right), depth + 1)]);
      case AST_NODE_TYPES.NewExpression:
        return calleeName(node) === 'Headers' ? this.entriesShape(node.arguments[0], bound.bindings, depth) : undefined;
      case AST_NODE_TYPES.CallExpression:
        return this.callShape(node, bound.bindings, depth);
      default:
        return isNothing(node) ? 'absent' : undefined;
    }
  }

  /** The expression a call to a local function or method returns, with its parameters bound. */
  callReturn(call: TSESTree.CallExpression, bindings: Bindings): Bound | undefined {
    const fn = this.calledFunction(call);
    if (!fn) return undefined;
    const returned = singleReturn(fn, this.sourceCode);
    if (!returned) return undefined;
    return { node: returned, bindings: withCall(bindings, fn, call) };
  }

  /** The function a call runs, when it is declared in this file: `f(…)`, `const f = () => …`, `this.f(…)`. */
  calledFunction(call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.FunctionLike | undefined {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(this.sourceCode.getScope(callee), callee);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type === 'FunctionName' && isFunction(def.node)) return def.node;
      if (def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && def.node.parent.kind === 'const') {
        const init = unwrap(def.node.init);
        return isFunction(init) ? init : undefined;
      }
      return undefined;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
      return classMember(callee, callee.property.name);
    }
    return undefined;
  }

  /** Every call of `fn` in this file (by its name, or `this.name(…)` inside its class). */
  callersOf(fn: TSESTree.FunctionLike): readonly TSESTree.CallExpression[] {
    if (!this.callIndex) {
      // One walk per file: rules ask for the callers of the same builders again and again.
      const index = new Map<TSESTree.Node, TSESTree.CallExpression[]>();
      walk(this.sourceCode.ast, this.sourceCode.visitorKeys, (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return;
        const called = this.calledFunction(node);
        if (called) index.set(called, [...(index.get(called) ?? []), node]);
      });
      this.callIndex = index;
    }
    return this.callIndex.get(fn) ?? [];
  }

  private resolveIdentifier(node: TSESTree.Identifier, bindings: Bindings, depth: number): Resolved {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    if (!variable) return node.name === 'undefined' ? { kind: 'absent' } : { kind: 'unknown' };
    const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type === 'Parameter') return this.resolveParameter(def.node as TSESTree.FunctionLike, def.name as TSESTree.Identifier, bindings, depth);
    if (def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init) {
      if (def.node.parent.kind !== 'const' && variable.references.some((reference) => reference.isWrite() && !reference.init)) return { kind: 'unknown' };
      return this.resolve({ node: def.node.init, bindings }, depth + 1);
    }
    return { kind: 'unknown' };
  }

  private resolveParameter(fn: TSESTree.FunctionLike, name: TSESTree.Identifier, bindings: Bindings, depth: number): Resolved {
    const index = fn.params.findIndex((param) => param === name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === name));
    if (index < 0) return { kind: 'unknown' };
    const args = bindings.get(fn);
    if (!args) return { kind: 'parameter', fn, index };
    const argument = args[index];
    if (argument?.type === AST_NODE_TYPES.SpreadElement || args.slice(0, index).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return { kind: 'unknown' };
    if (argument) return this.resolve({ node: argument, bindings }, depth + 1);
    const param = fn.params[index];
    return param?.type === AST_NODE_TYPES.AssignmentPattern ? this.resolve({ node: param.right, bindings }, depth + 1) : { kind: 'absent' };
  }

  /** A variable's object, plus the keys the file adds to it later (`h['Mcp-Name'] = n`, `h.set(…)`). */
  private identifierShape(node: TSESTree.Identifier, bindings: Bindings, depth: number): ObjectShape | 'absent' | undefined {
    const resolved = this.resolve({ node, bindings }, depth);
    if (resolved.kind === 'absent') return 'absent';
    if (resolved.kind !== 'value') return undefined;
    const shape = this.objectShape(resolved, depth + 1);
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    const def = variable?.defs[0];
    if (!shape || shape === 'absent' || def?.type !== 'Variable') return shape;
    const mutated: ObjectShape = { entries: [...shape.entries], open: shape.open };
    for (const reference of variable!.references) {
      if (reference.init || reference.identifier === node) continue;
      this.applyUse(reference.identifier as TSESTree.Identifier, mutated, bindings);
    }
    return mutated;
  }

  private applyUse(identifier: TSESTree.Identifier, shape: ObjectShape, bindings: Bindings): void {
    const parent = identifier.parent;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      const outer = parent.parent;
      const key = this.memberKey(parent, bindings);
      if (outer.type === AST_NODE_TYPES.AssignmentExpression && outer.left === parent) {
        if (key === undefined) shape.open = true;
        else shape.entries.push({ key, keyNode: parent.property, value: { node: outer.right, bindings } });
        return;
      }
      if (outer.type === AST_NODE_TYPES.CallExpression && outer.callee === parent) {
        const method = !parent.computed && parent.property.type === AST_NODE_TYPES.Identifier ? parent.property.name : undefined;
        if (method === 'set' || method === 'append') {
          const [name, value] = outer.arguments;
          const text = name ? this.stringValue({ node: name, bindings }) : undefined;
          if (text === undefined || !name) shape.open = true;
          else shape.entries.push({ key: text, keyNode: name, value: value ? { node: value, bindings } : undefined });
        }
      }
      return;
    }
    if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(identifier)) {
      const name = calleeName(parent);
      if (name === 'assign' && parent.arguments[0] === identifier) {
        for (const source of parent.arguments.slice(1)) merge(shape, this.objectShape({ node: source, bindings }));
      } else if (!name || !readOnlyCalls.has(name)) {
        // Handed to code that may add keys (`addAuthHeaders(headers)`).
        shape.open = true;
      }
    }
  }

  private literalShape(object: TSESTree.ObjectExpression, bindings: Bindings, depth: number): ObjectShape {
    const shape: ObjectShape = { entries: [], open: false };
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        merge(shape, this.objectShape({ node: property.argument, bindings }, depth + 1));
        continue;
      }
      const key = property.computed ? this.stringValue({ node: property.key, bindings }, depth + 1) : propertyKeyName(property);
      if (key === undefined) shape.open = true;
      else shape.entries.push({ key, keyNode: property.key, value: { node: property.value, bindings } });
    }
    return shape;
  }

  /** `new Headers({ … })`, `new Headers([[name, value], …])`, `Object.fromEntries([…])`. */
  private entriesShape(init: TSESTree.Node | undefined, bindings: Bindings, depth: number): ObjectShape | 'absent' | undefined {
    if (!init) return { entries: [], open: false };
    const node = unwrap(init);
    if (node.type !== AST_NODE_TYPES.ArrayExpression) return this.objectShape({ node, bindings }, depth + 1);
    const shape: ObjectShape = { entries: [], open: false };
    for (const element of node.elements) {
      const pair = element && unwrap(element);
      if (pair?.type !== AST_NODE_TYPES.ArrayExpression || !pair.elements[0] || pair.elements[0].type === AST_NODE_TYPES.SpreadElement) {
        shape.open = true;
        continue;
      }
      const key = this.stringValue({ node: pair.elements[0], bindings }, depth + 1);
      const value = pair.elements[1];
      if (key === undefined) shape.open = true;
      else shape.entries.push({ key, keyNode: pair.elements[0], value: value && value.type !== AST_NODE_TYPES.SpreadElement ? { node: value, bindings } : undefined });
    }
    return shape;
  }

  private callShape(call: TSESTree.CallExpression, bindings: Bindings, depth: number): ObjectShape | 'absent' | undefined {
    const callee = unwrap(call.callee);
    const isObjectMethod = (name: string) =>
      callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Object' && calleeName(call) === name;
    if (isObjectMethod('assign')) {
      const shape: ObjectShape = { entries: [], open: false };
      for (const argument of call.arguments) merge(shape, this.objectShape({ node: argument, bindings }, depth + 1));
      return shape;
    }
    if (isObjectMethod('fromEntries')) return this.entriesShape(call.arguments[0], bindings, depth);
    const returned = this.callReturn(call, bindings);
    return returned ? this.objectShape(returned, depth + 1) : undefined;
  }

  private memberKey(member: TSESTree.MemberExpression, bindings: Bindings): string | undefined {
    if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
    return this.stringValue({ node: member.property, bindings });
  }
}

/** `bindings` plus the arguments `call` passes to `fn`. */
export function withCall(bindings: Bindings, fn: TSESTree.FunctionLike, call: TSESTree.CallExpression | TSESTree.NewExpression): Bindings {
  const extended = new Map(bindings);
  extended.set(fn, call.arguments);
  return extended;
}

/** The last entry for `key`: later keys of an object literal win. */
export function lastEntry(shape: ObjectShape, key: string): ObjectEntry | undefined {
  for (let i = shape.entries.length - 1; i >= 0; i--) if (shape.entries[i]!.key === key) return shape.entries[i];
  return undefined;
}

/** The entry whose key equals `key` ignoring case (HTTP header names). */
export function entryIgnoringCase(shape: ObjectShape, key: string): ObjectEntry | undefined {
  const lower = key.toLowerCase();
  for (let i = shape.entries.length - 1; i >= 0; i--) if (shape.entries[i]!.key.toLowerCase() === lower) return shape.entries[i];
  return undefined;
}

function merge(into: ObjectShape, shape: ObjectShape | 'absent' | undefined): void {
  if (shape === 'absent') return;
  if (!shape) {
    into.open = true;
    return;
  }
  into.entries.push(...shape.entries);
  if (shape.open) into.open = true;
}

/** Either of several objects: every key any of them has may be there. */
function union(shapes: (ObjectShape | 'absent' | undefined)[]): ObjectShape | undefined {
  const shape: ObjectShape = { entries: [], open: false };
  for (const part of shapes) merge(shape, part);
  return shape;
}

function isNothing(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void');
}

/** The one expression a function returns: an arrow's body, or the argument of its only `return`. */
function singleReturn(fn: TSESTree.FunctionLike, sourceCode: SourceCode): TSESTree.Node | undefined {
  if (!fn.body) return undefined;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const returns: TSESTree.ReturnStatement[] = [];
  walk(fn.body, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && enclosingFunction(node) === fn) returns.push(node);
  });
  return returns.length === 1 && returns[0]!.argument ? returns[0]!.argument : undefined;
}

function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === AST_NODE_TYPES.ClassBody) return current;
  return undefined;
}

/** The method or arrow-valued field `name` of the class `this` refers to at `member`. */
function classMember(member: TSESTree.MemberExpression, name: string): TSESTree.FunctionLike | undefined {
  const body = enclosingClassBody(member);
  for (const element of body?.body ?? []) {
    if ((element.type === AST_NODE_TYPES.MethodDefinition || element.type === AST_NODE_TYPES.PropertyDefinition) && !element.static && propertyKeyName(element) === name) {
      const value = element.value && unwrap(element.value);
      if (value && isFunction(value)) return value;
    }
  }
  return undefined;
}
