import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { mcpExportOf } from './imports.js';
import { unwrap, walk } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** How many assignments and declarations to follow before giving up (cycles, deep aliasing). */
const maxDepth = 6;

/**
 * The MCP class (one of `classNames`) that the value of `expression` is an instance of, found
 * without type information: `new X()`, variables and parameters annotated or initialised with
 * it, `this.field` declared with it, elements of collections typed `Record<string, X>`,
 * `{ [id: string]: X }` or `Map<string, X>` (read with `[key]` or `.get(key)`), and in plain
 * JavaScript collections filled with such instances.
 */
export function mcpInstanceClassOf(
  expression: TSESTree.Node,
  classNames: readonly string[],
  sourceCode: SourceCode,
): string | undefined {
  return new InstanceTracer(classNames, sourceCode).classOf(expression, 0);
}

class InstanceTracer {
  private readonly visited = new Set<TSESTree.Node>();

  constructor(
    private readonly classNames: readonly string[],
    private readonly sourceCode: SourceCode,
  ) {}

  classOf(expression: TSESTree.Node, depth: number): string | undefined {
    if (depth > maxDepth || this.visited.has(expression)) return undefined;
    this.visited.add(expression);
    const node = unwrap(expression);
    if (expression.type === AST_NODE_TYPES.TSAsExpression || expression.type === AST_NODE_TYPES.TSTypeAssertion) {
      const asserted = this.classOfType(expression.typeAnnotation, depth);
      if (asserted) return asserted;
    }
    switch (node.type) {
      case AST_NODE_TYPES.NewExpression:
        return this.className(node.callee);
      case AST_NODE_TYPES.Identifier:
        return this.classOfVariable(node, depth);
      case AST_NODE_TYPES.AwaitExpression:
        return this.classOf(node.argument, depth + 1);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.classOf(node.consequent, depth + 1) ?? this.classOf(node.alternate, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
        return this.classOf(node.left, depth + 1) ?? this.classOf(node.right, depth + 1);
      case AST_NODE_TYPES.MemberExpression: {
        if (node.computed) return this.elementClassOf(node.object, depth + 1);
        const field = thisFieldName(node);
        return field ? this.classOfField(node, field, depth + 1) : undefined;
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'get') {
          return this.elementClassOf(callee.object, depth + 1);
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private className(node: TSESTree.Node): string | undefined {
    const exported = mcpExportOf(node, this.sourceCode.getScope(node));
    return exported && this.classNames.includes(exported.name) ? exported.name : undefined;
  }

  private classOfType(type: TSESTree.Node | undefined, depth: number): string | undefined {
    if (!type || depth > maxDepth) return undefined;
    switch (type.type) {
      case AST_NODE_TYPES.TSTypeAnnotation:
        return this.classOfType(type.typeAnnotation, depth);
      case AST_NODE_TYPES.TSTypeReference:
        return this.className(type.typeName);
      case AST_NODE_TYPES.TSUnionType:
        for (const member of type.types) {
          const found = this.classOfType(member, depth + 1);
          if (found) return found;
        }
        return undefined;
      default:
        return undefined;
    }
  }

  /** The element class of `Record<K, X>`, `Map<K, X>` and `{ [k: string]: X }`. */
  private elementClassOfType(type: TSESTree.Node | undefined, depth: number): string | undefined {
    if (!type) return undefined;
    if (type.type === AST_NODE_TYPES.TSTypeAnnotation) return this.elementClassOfType(type.typeAnnotation, depth);
    if (type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier) {
      const args = type.typeArguments?.params ?? [];
      if ((type.typeName.name === 'Record' || type.typeName.name === 'Map') && args.length === 2) {
        return this.classOfType(args[1], depth + 1);
      }
    }
    if (type.type === AST_NODE_TYPES.TSTypeLiteral) {
      for (const member of type.members) {
        if (member.type === AST_NODE_TYPES.TSIndexSignature) return this.classOfType(member.typeAnnotation, depth + 1);
      }
    }
    return undefined;
  }

  private classOfVariable(identifier: TSESTree.Identifier, depth: number): string | undefined {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    if (!variable) return undefined;
    for (const def of variable.defs) {
      const declared = this.classOfType(typeAnnotationOf(def.name), depth + 1);
      if (declared) return declared;
      if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && def.node.id === def.name) {
        const fromInit = this.classOf(def.node.init, depth + 1);
        if (fromInit) return fromInit;
      }
    }
    // `let transport; … transport = new StreamableHTTPServerTransport(…)`
    for (const reference of variable.references) {
      if (reference.writeExpr && reference.writeExpr !== identifier) {
        const written = this.classOf(reference.writeExpr, depth + 1);
        if (written) return written;
      }
    }
    return undefined;
  }

  /**
   * `this.field`: the class's field declaration (`private t: X`, `#t = new X()`), a
   * constructor parameter property (`constructor(private t: X)`), or what the class assigns
   * to it (`this.t = new X()`, the JavaScript way).
   */
  private classOfField(member: TSESTree.MemberExpression, name: string, depth: number): string | undefined {
    const body = enclosingClassBody(member);
    if (!body) return undefined;
    const field = fieldDeclaration(body, name);
    const declared = field && (this.classOfType(field.typeAnnotation, depth) ?? (field.value ? this.classOf(field.value, depth) : undefined));
    if (declared) return declared;
    const parameter = parameterProperty(body, name);
    if (parameter) return this.classOfType(parameter.typeAnnotation, depth);
    for (const assigned of assignmentsToField(body, name, this.sourceCode.visitorKeys)) {
      const found = this.classOf(assigned, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** The class of the values held by a collection expression. */
  private elementClassOf(collection: TSESTree.Node, depth: number): string | undefined {
    if (depth > maxDepth) return undefined;
    const node = unwrap(collection);
    const fieldName = node.type === AST_NODE_TYPES.MemberExpression ? thisFieldName(node) : undefined;
    if (fieldName) {
      const body = enclosingClassBody(node);
      const field = body && fieldDeclaration(body, fieldName);
      return field ? (this.elementClassOfType(field.typeAnnotation, depth) ?? (field.value ? this.elementClassOfInit(field.value, depth) : undefined)) : undefined;
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
    if (!variable) return undefined;
    for (const def of variable.defs) {
      const declared = this.elementClassOfType(typeAnnotationOf(def.name), depth);
      if (declared) return declared;
      if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
        const fromInit = this.elementClassOfInit(def.node.init, depth);
        if (fromInit) return fromInit;
      }
    }
    // Untyped JavaScript: look at what the file stores in it (`transports[id] = t`, `transports.set(id, t)`).
    for (const reference of variable.references) {
      const stored = storedValue(reference.identifier);
      if (stored) {
        const found = this.classOf(stored, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  private elementClassOfInit(init: TSESTree.Node, depth: number): string | undefined {
    if (init.type === AST_NODE_TYPES.TSAsExpression || init.type === AST_NODE_TYPES.TSSatisfiesExpression) {
      return this.elementClassOfType(init.typeAnnotation, depth);
    }
    if (init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'Map') {
      const args = init.typeArguments?.params ?? [];
      return args.length === 2 ? this.classOfType(args[1], depth + 1) : undefined;
    }
    return undefined;
  }
}

/** The value written into a collection by `c[k] = v` or `c.set(k, v)`, when `identifier` is `c`. */
function storedValue(identifier: TSESTree.Node): TSESTree.Node | undefined {
  const parent = identifier.parent;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return undefined;
  const grand = parent.parent;
  if (parent.computed && grand?.type === AST_NODE_TYPES.AssignmentExpression && grand.left === parent) return grand.right;
  if (
    !parent.computed &&
    parent.property.type === AST_NODE_TYPES.Identifier &&
    parent.property.name === 'set' &&
    grand?.type === AST_NODE_TYPES.CallExpression &&
    grand.callee === parent
  ) {
    return grand.arguments[1];
  }
  return undefined;
}

function typeAnnotationOf(name: TSESTree.Node): TSESTree.TypeNode | undefined {
  return name.type === AST_NODE_TYPES.Identifier ? name.typeAnnotation?.typeAnnotation : undefined;
}

/** `t` for `this.t`, `#t` for `this.#t`; undefined for anything else. */
function thisFieldName(member: TSESTree.MemberExpression): string | undefined {
  if (member.object.type !== AST_NODE_TYPES.ThisExpression || member.computed) return undefined;
  if (member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  if (member.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.property.name}`;
  return undefined;
}

function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === AST_NODE_TYPES.ClassBody) return current;
  return undefined;
}

function memberName(key: TSESTree.Node): string | undefined {
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  return undefined;
}

function fieldDeclaration(body: TSESTree.ClassBody, name: string): TSESTree.PropertyDefinition | undefined {
  return body.body.find(
    (member): member is TSESTree.PropertyDefinition =>
      member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed && memberName(member.key) === name,
  );
}

function constructorOf(body: TSESTree.ClassBody): TSESTree.MethodDefinition | undefined {
  return body.body.find(
    (member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
  );
}

/** `constructor(private readonly transport: X)`: the parameter that declares the field. */
function parameterProperty(body: TSESTree.ClassBody, name: string): TSESTree.Identifier | undefined {
  for (const parameter of constructorOf(body)?.value.params ?? []) {
    if (parameter.type !== AST_NODE_TYPES.TSParameterProperty) continue;
    const inner = parameter.parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parameter.left : parameter.parameter;
    if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) return inner;
  }
  return undefined;
}

/** The values a class assigns to `this.<name>` in its methods and constructor. */
function assignmentsToField(body: TSESTree.ClassBody, name: string, visitorKeys: SourceCode['visitorKeys']): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  for (const member of body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition) continue;
    walk(member.value, visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && thisFieldName(node.left) === name) {
        found.push(node.right);
      }
    });
  }
  return found;
}
