import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { meaningfulParent, propertyKeyName, unwrap } from './nodes.js';

type Scope = TSESLint.Scope.Scope;

/**
 * Where a value read through a constant was written: the initializer of a `const`, of a
 * property of a `const` object (`Codes.NOT_FOUND`), or of an enum member. Undefined for
 * anything that is not a plain constant.
 */
export function constantOrigin(node: TSESTree.Node, scope: Scope): { node: TSESTree.Node; name: string } | undefined {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const init = constInitializer(inner, scope);
    return init ? { node: unwrap(init), name: inner.name } : undefined;
  }
  if (inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.Identifier) {
    const key = memberKey(inner, scope);
    if (key === undefined) return undefined;
    const name = `${inner.object.name}.${key}`;
    const variable = ASTUtils.findVariable(scope, inner.object);
    for (const def of variable?.defs ?? []) {
      if (def.type === 'TSEnumName' && def.node.type === AST_NODE_TYPES.TSEnumDeclaration) {
        const member = def.node.body.members.find((m) => enumMemberName(m) === key);
        return member?.initializer ? { node: unwrap(member.initializer), name } : undefined;
      }
    }
    const init = constInitializer(inner.object, scope);
    const object = init && unwrap(init);
    if (object?.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === key) {
          return { node: unwrap(property.value), name };
        }
      }
    }
  }
  return undefined;
}

/**
 * The static value of an expression: ESLint's `getStaticValue` (constants, templates,
 * concatenation, `.toLowerCase()`), plus enum members, which it does not follow.
 */
export function staticValue(node: TSESTree.Node, scope: Scope): { value: unknown } | null {
  const direct = ASTUtils.getStaticValue(node, scope);
  if (direct) return direct;
  const origin = constantOrigin(node, scope);
  if (origin && origin.node !== node) return ASTUtils.getStaticValue(origin.node, scope);
  return null;
}

function constInitializer(identifier: TSESTree.Identifier, scope: Scope): TSESTree.Expression | undefined {
  const variable = ASTUtils.findVariable(scope, identifier);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== 'Variable') return undefined;
  const declarator = def.node;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const') return undefined;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return declarator.init ?? undefined;
}

function memberKey(member: TSESTree.MemberExpression, scope: Scope): string | undefined {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  const value = ASTUtils.getStaticValue(member.property, scope);
  return value && (typeof value.value === 'string' || typeof value.value === 'number') ? String(value.value) : undefined;
}

function enumMemberName(member: TSESTree.TSEnumMember): string | undefined {
  if (member.id.type === AST_NODE_TYPES.Identifier) return member.id.name;
  if (member.id.type === AST_NODE_TYPES.Literal) return String(member.id.value);
  return undefined;
}

/**
 * The name a value is declared under when it is the initialiser of a constant: `NAME` for
 * `const NAME = value`, `Obj.KEY` for `const Obj = { KEY: value }`, `Enum.Member` for an enum
 * member. The counterpart of `constantOrigin`, seen from the declaration.
 */
export function constantDeclarationName(value: TSESTree.Node): string | undefined {
  const { parent, child } = meaningfulParent(value);
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.parent.kind === 'const' ? parent.id.name : undefined;
  }
  if (parent?.type === AST_NODE_TYPES.TSEnumMember && parent.initializer === child) {
    const enumName = parent.parent.parent.type === AST_NODE_TYPES.TSEnumDeclaration ? parent.parent.parent.id.name : undefined;
    const member = enumMemberName(parent);
    return enumName && member ? `${enumName}.${member}` : undefined;
  }
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const key = propertyKeyName(parent);
    const objectName = key === undefined ? undefined : constantDeclarationName(parent.parent);
    return objectName ? `${objectName}.${key}` : undefined;
  }
  return undefined;
}
