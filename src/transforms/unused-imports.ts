import type { TSESTree } from '@typescript-eslint/utils';
import { removeListElement } from './list-removal.js';
import { runRules } from './rule-findings.js';
import { applyTextEdits, type TextEdit, wholeLines } from './text-edits.js';

/**
 * Removes the named imports a transform's edits left without a use (`SetLevelRequestSchema` of a
 * deleted handler, `ProtocolError` after `ResourceNotFoundError`), so projects built with
 * `noUnusedLocals` still compile. Only specifiers `candidate` accepts are touched, never an
 * import the code did not use before; a declaration left with none goes with its line.
 */
export function removeUnusedImports(source: string, filename: string, candidate: (specifier: TSESTree.ImportSpecifier, from: string) => boolean): string {
  const { sourceCode } = runRules([], source, filename);
  const program = sourceCode.ast as unknown as TSESTree.Program;
  const moduleScope = sourceCode.scopeManager?.globalScope?.childScopes[0] ?? sourceCode.scopeManager?.globalScope;
  const edits: TextEdit[] = [];
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    const unused = statement.specifiers.filter(
      (specifier): specifier is TSESTree.ImportSpecifier =>
        specifier.type === 'ImportSpecifier' &&
        candidate(specifier, statement.source.value) &&
        moduleScope?.set.get(specifier.local.name)?.references.length === 0,
    );
    if (unused.length === 0) continue;
    if (unused.length === statement.specifiers.length) edits.push({ range: wholeLines(source, statement.range), text: '' });
    else for (const specifier of unused) edits.push(removeListElement(sourceCode, statement.specifiers, specifier, statement));
  }
  const { output, applied } = applyTextEdits(source, edits);
  // Two neighbours at the end of a list overlap: the second goes on the next round.
  return applied > 0 ? removeUnusedImports(output, filename, candidate) : output;
}

/** The name a specifier imports (`a` of `import { a as b }`). */
export function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
}
