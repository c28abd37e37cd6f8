import { rules } from '../../rules/index.js';
import { legacyGatedMessageId } from '../../src/create-rule.js';
import { docsOf } from '../../src/engine/catalog.js';
import { fixLevels, severities } from '../../src/report/finding.js';

export const tableStart = '<!-- rules:start (generated from rules/index.ts: UPDATE_README=1 npx vitest run test/docs/readme.test.ts) -->';
export const tableEnd = '<!-- rules:end -->';

/**
 * The README's rule table, built from the registry so it cannot drift from the rules: the
 * description, the severities and fix levels the rule's findings can have (the `info` every
 * rule has for code gated to 2025 clients left out), and the catalogue rows.
 */
export function readmeRuleTable(): string {
  const rows = Object.entries(rules).map(([id, rule]) => {
    const docs = docsOf(rule);
    const kinds = Object.entries(docs.findings)
      .filter(([messageId]) => messageId !== legacyGatedMessageId)
      .map(([, kind]) => kind);
    const levels = severities.filter((severity) => kinds.some((kind) => kind.severity === severity));
    const fixes = fixLevels.filter((fix) => kinds.some((kind) => kind.fix === fix));
    return `| [\`${id}\`](rules/${id}.md) | ${docs.description} | ${levels.join(', ')} | ${fixes.join(', ')} | ${docs.catalogue.join(', ')} |`;
  });
  return [tableStart, '| rule | what it reports | severities | fix levels | catalogue |', '|---|---|---|---|---|', ...rows.sort(), tableEnd].join('\n');
}
