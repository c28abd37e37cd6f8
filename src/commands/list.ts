import { describeRule, engineChecks, ruleIds } from '../engine/catalog.js';
import type { RuleDescriptor } from '../report/finding.js';
import { transforms } from '../../transforms/index.js';

/** `mcp-migrate list`: every rule, engine check and transform, as a table or as JSON. */
export function runList(options: { json?: boolean }): number {
  const ruleRows = ruleIds().map((id) => describeRule(id));
  const checkRows = Object.values(engineChecks);
  if (options.json) {
    const transformRows = transforms.map(({ id, description, resolves }) => ({ id, description, resolves }));
    process.stdout.write(`${JSON.stringify({ rules: ruleRows, checks: checkRows, transforms: transformRows }, null, 2)}\n`);
    return 0;
  }
  const lines = [
    'Rules (severity is the default of the rule\'s most serious finding)',
    ...table(ruleRows),
    '',
    'Engine checks',
    ...table(checkRows),
    '',
    'Transforms',
    ...transforms.flatMap((t) => [`  ${t.id}  resolves ${t.resolves.join(', ')}`, `  ${' '.repeat(t.id.length)}  ${t.description}`]),
    '',
    'Run `mcp-migrate explain <rule-id>` for a rule\'s documentation.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function table(rows: readonly RuleDescriptor[]): string[] {
  const idWidth = Math.max(...rows.map((row) => row.id.length));
  return rows.flatMap((row) => [
    `  ${row.id.padEnd(idWidth)}  ${row.severity.padEnd(7)}  fix: ${row.fixLevels.join(', ')}`,
    `  ${' '.repeat(idWidth)}  ${row.description}`,
    `  ${' '.repeat(idWidth)}  ${row.docsUrl}`,
  ]);
}
