import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isMcpModuleSpecifier } from '../mcp/packages.js';
import { unwrap } from './nodes.js';

/** Where a local binding comes from: `imported` is the exported name, `*` for a whole module. */
export interface ImportedBinding {
  source: string;
  imported: string;
}

type Scope = TSESLint.Scope.Scope;

/**
 * Follows a local name back to the module it was imported from: ES imports (named, default,
 * namespace, aliased), `import x = require()`, and `require()`/`await import()` bound whole or
 * destructured (`const { A: B } = require('m')`, `const A = require('m').A`).
 */
export function importedBindingOf(identifier: TSESTree.Identifier, scope: Scope): ImportedBinding | undefined {
  const variable = ASTUtils.findVariable(scope, identifier);
  if (!variable) return undefined;
  for (const def of variable.defs) {
    if (def.type === 'ImportBinding') {
      const node = def.node;
      if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
        const ref = node.moduleReference;
        if (ref.type === AST_NODE_TYPES.TSExternalModuleReference && typeof ref.expression.value === 'string') {
          return { source: ref.expression.value, imported: '*' };
        }
        continue;
      }
      const declaration = node.parent;
      if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) continue;
      const source = declaration.source.value;
      if (node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { source, imported: '*' };
      if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { source, imported: 'default' };
      const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : String(node.imported.value);
      return { source, imported };
    }
    if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
      const binding = bindingFromModuleExpression(def.node.id, def.name, def.node.init);
      if (binding) return binding;
    }
  }
  return undefined;
}

function moduleSourceOf(expression: TSESTree.Node): string | undefined {
  let node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrap(node.argument);
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === 'string'
  ) {
    return node.arguments[0].value;
  }
  if (node.type === AST_NODE_TYPES.ImportExpression && node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === 'string') {
    return node.source.value;
  }
  return undefined;
}

function bindingFromModuleExpression(
  pattern: TSESTree.Node,
  name: TSESTree.Identifier,
  init: TSESTree.Expression,
): ImportedBinding | undefined {
  const whole = moduleSourceOf(init);
  if (whole !== undefined) {
    if (pattern.type === AST_NODE_TYPES.Identifier) return { source: whole, imported: '*' };
    if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (value === name && !property.computed && property.key.type === AST_NODE_TYPES.Identifier) {
          return { source: whole, imported: property.key.name };
        }
      }
    }
    return undefined;
  }
  // const X = require('m').X
  const member = unwrap(init);
  if (member.type === AST_NODE_TYPES.MemberExpression && !member.computed && member.property.type === AST_NODE_TYPES.Identifier) {
    const source = moduleSourceOf(member.object);
    if (source !== undefined && pattern.type === AST_NODE_TYPES.Identifier) return { source, imported: member.property.name };
  }
  return undefined;
}

/**
 * The MCP SDK export an expression or type name refers to (`X`, `sdk.X`, `sdk.X` in a type
 * position), or undefined when it does not come from an MCP package.
 */
export function mcpExportOf(
  node: TSESTree.Node,
  scope: Scope,
): { source: string; name: string } | undefined {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const binding = importedBindingOf(inner, scope);
    if (binding && binding.imported !== '*' && isMcpModuleSpecifier(binding.source)) {
      return { source: binding.source, name: binding.imported };
    }
    return undefined;
  }
  const qualifier =
    inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier
      ? { object: inner.object, name: inner.property.name }
      : inner.type === AST_NODE_TYPES.TSQualifiedName
        ? { object: inner.left, name: inner.right.name }
        : undefined;
  if (qualifier && qualifier.object.type === AST_NODE_TYPES.Identifier) {
    const binding = importedBindingOf(qualifier.object, scope);
    if (binding && binding.imported === '*' && isMcpModuleSpecifier(binding.source)) {
      return { source: binding.source, name: qualifier.name };
    }
  }
  return undefined;
}
