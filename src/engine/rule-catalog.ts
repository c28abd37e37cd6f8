import type { McpRule } from '../../rules/index.js';
import type { McpRuleDocs } from '../create-rule.js';

/**
 * What the audit needs to know of a rule before any file is parsed: its description, its kinds
 * of finding and its prefilter tokens. `src/engine/rule-catalog.generated.ts` holds it for every rule, generated
 * from the rules' own `meta.docs` (`npm run catalog`), so an audit whose files all come from the
 * cache, `list`, and config validation never load the rule modules (a third of a cached run).
 */
export type RuleCatalogEntry = Pick<McpRuleDocs, 'findings' | 'prefilter' | 'prefilterAlso'> & { description: string };

/** The source of `src/engine/rule-catalog.generated.ts` for these rules; test/registry.test.ts checks the file is current. */
export function renderRuleCatalog(rules: Readonly<Record<string, McpRule>>): string {
  const entries: Record<string, RuleCatalogEntry> = {};
  for (const [id, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs;
    if (!docs) throw new Error(`${id}: mcp-migrate rule without meta.docs`);
    entries[id] = {
      description: docs.description,
      findings: docs.findings,
      prefilter: docs.prefilter,
      ...(docs.prefilterAlso ? { prefilterAlso: docs.prefilterAlso } : {}),
    };
  }
  return [
    '// Generated from the rules\' meta.docs by `npm run catalog`; do not edit. test/registry.test.ts checks it is current.',
    "import type { RuleCatalogEntry } from './rule-catalog.js';",
    '',
    `export const ruleCatalog: Readonly<Record<string, RuleCatalogEntry>> = ${JSON.stringify(entries, null, 2)};`,
    '',
  ].join('\n');
}
