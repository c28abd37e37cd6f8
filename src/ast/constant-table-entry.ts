import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { propertyKeyName, unwrap } from './nodes.js';

/** One entry of a file's own constant table: `const Codes = { …, Key: value } as const`. */
export interface ConstantTableEntry {
  /** The table's name (`Codes`). */
  table: string;
  key: string;
  /** The entry's `Key: value` property. */
  property: TSESTree.Property;
  /** Its value, without `as`/`satisfies` wrappers. */
  value: TSESTree.Node;
  /** Every `Codes.Key` in the file (including the one asked about). */
  reads: TSESTree.MemberExpression[];
}

/**
 * The table entry `member` (`Codes.Key`) reads, when changing that entry's value changes nothing
 * but the value of its own `Codes.Key` reads: the table is a module's or function's `const`
 * object literal that is not exported, and every other use of `Codes` in the file reads one
 * entry by a static name (`Codes.Other`), never the table as a whole (`export { Codes }`,
 * `Object.values(Codes)`, `typeof Codes`, `Codes[key]`). Undefined otherwise.
 */
export function privateConstantTableEntry(member: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): ConstantTableEntry | undefined {
  const read = unwrap(member);
  if (read.type !== AST_NODE_TYPES.MemberExpression || read.object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const key = staticKey(read);
  if (key === undefined) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(read), read.object);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
  const declarator = def.node;
  if (declarator.parent.kind !== 'const' || declarator.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return undefined;
  const table = declarator.init && unwrap(declarator.init);
  if (table?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const entries = table.properties.filter((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === key);
  // A spread could bring the key in (or override it) where this entry is not the one read.
  if (entries.length !== 1 || table.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const reads: TSESTree.MemberExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    const use = reference.identifier.parent;
    if (use?.type !== AST_NODE_TYPES.MemberExpression || use.object !== reference.identifier) return undefined;
    const usedKey = staticKey(use);
    if (usedKey === undefined) return undefined;
    if (usedKey === key) reads.push(use);
  }
  return { table: read.object.name, key, property: entries[0]!, value: unwrap(entries[0]!.value), reads };
}

function staticKey(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  const property = member.property;
  return property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string' ? property.value : undefined;
}
