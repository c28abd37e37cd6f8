import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { walk } from './nodes.js';
import { mcpInstanceClassOf } from './transports.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The MCP class (one of `classNames`) whose instances a keyed collection holds:
 * `const transports: Record<string, X> = {}`, `new Map<string, X>()`, a class field
 * `private sessions = new Map<string, X>()`, or a JavaScript object or Map the file fills with
 * instances. `collection` is the variable (its declaring identifier or any use), `this.field`, or
 * the field's declaration.
 * Found by asking `mcpInstanceClassOf` about the collection's element accesses in the file.
 */
export function collectionElementClass(collection: TSESTree.Node, classNames: readonly string[], sourceCode: SourceCode): string | undefined {
  for (const access of elementAccesses(collection, sourceCode)) {
    const found = mcpInstanceClassOf(access, classNames, sourceCode);
    if (found) return found;
  }
  return undefined;
}

/** `c[k]`, `c.get(k)` and the `v` of `c.set(k, v)`, for every use of the same collection. */
function elementAccesses(collection: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node[] {
  const uses = usesOf(collection, sourceCode);
  const accesses: TSESTree.Node[] = [];
  for (const use of uses) {
    const parent = use.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use) continue;
    if (parent.computed) {
      accesses.push(parent);
      continue;
    }
    const call = parent.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent || parent.property.type !== AST_NODE_TYPES.Identifier) continue;
    if (parent.property.name === 'get') accesses.push(call);
    if (parent.property.name === 'set' && call.arguments[1]) accesses.push(call.arguments[1]);
  }
  return accesses;
}

/** Every expression in the file that is the same collection: references of a variable, or `this.field` in its class. */
function usesOf(collection: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node[] {
  if (collection.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(collection), collection);
    return variable ? variable.references.map((reference) => reference.identifier as TSESTree.Node) : [];
  }
  const field = collection.type === AST_NODE_TYPES.PropertyDefinition ? fieldName(collection) : thisField(collection);
  const body = collection.type === AST_NODE_TYPES.PropertyDefinition ? collection.parent : enclosingClassBody(collection);
  if (!field || body?.type !== AST_NODE_TYPES.ClassBody) return [];
  const uses: TSESTree.Node[] = [];
  walk(body, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && thisField(node) === field) uses.push(node);
  });
  return uses;
}

function fieldName(definition: TSESTree.PropertyDefinition): string | undefined {
  if (definition.computed) return undefined;
  if (definition.key.type === AST_NODE_TYPES.Identifier) return definition.key.name;
  return definition.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${definition.key.name}` : undefined;
}

/** `t` for `this.t` and `#t` for `this.#t`. */
export function thisField(node: TSESTree.Node): string | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  if (node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  if (node.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${node.property.name}`;
  return undefined;
}

export function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === AST_NODE_TYPES.ClassBody) return current;
  return undefined;
}
