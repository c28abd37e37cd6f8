import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { lineBreakOf, type TextEdit } from './text-edits.js';

type Code = Readonly<TSESLint.SourceCode>;

export interface WantedImport {
  name: string;
  /** Imported with `type` (`verbatimModuleSyntax` needs it for a type). */
  typeOnly?: boolean;
}

/**
 * Makes the named exports `wanted` of `from` available in the file: the local names to write
 * (an existing import's alias is reused), and the edit that adds the missing ones to the file's
 * value import of `from` (`import { A } from '…'` → `import { A, B, type C } from '…'`), or a
 * new import line after the last import. Undefined when a missing name is already bound to
 * something else at module level.
 */
export function namedImports(code: Code, from: string, wanted: readonly WantedImport[], quote: string): { names: Map<string, string>; edit?: TextEdit } | undefined {
  const names = new Map<string, string>();
  const imports = code.ast.body.filter((s): s is TSESTree.ImportDeclaration => s.type === 'ImportDeclaration');
  for (const declaration of imports) {
    if (declaration.source.value !== from) continue;
    for (const specifier of declaration.specifiers) {
      if (specifier.type !== 'ImportSpecifier') continue;
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
      names.set(imported, specifier.local.name);
    }
  }
  // Values first, then types, each alphabetically: `A, B, type C`.
  const missing = wanted.filter((w) => !names.has(w.name)).sort((a, b) => Number(a.typeOnly ?? false) - Number(b.typeOnly ?? false) || a.name.localeCompare(b.name));
  if (missing.length === 0) return { names };
  const moduleScope = code.scopeManager?.globalScope?.childScopes[0] ?? code.scopeManager?.globalScope;
  if (missing.some((w) => moduleScope?.set.has(w.name))) return undefined;
  for (const w of missing) names.set(w.name, w.name);

  // A value import with a braced list (`import { A }`, `import D, { A }`) takes the new names at its end.
  const target = imports.find((d) => d.source.value === from && d.importKind !== 'type' && d.specifiers.some((s) => s.type === 'ImportSpecifier'));
  const list = (typeKeyword: boolean) => missing.map((w) => `${typeKeyword && w.typeOnly ? 'type ' : ''}${w.name}`).join(', ');
  if (target) {
    const last = target.specifiers.at(-1)!;
    return { names, edit: { range: [last.range[1], last.range[1]], text: `, ${list(true)}` } };
  }
  const after = imports.at(-1);
  const line = `import { ${list(true)} } from ${quote}${from}${quote};`;
  const newline = lineBreakOf(code.text);
  if (!after) return { names, edit: { range: [0, 0], text: `${line}${newline}` } };
  return { names, edit: { range: [after.range[1], after.range[1]], text: `${newline}${line}` } };
}
