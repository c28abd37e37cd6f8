import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { docsOf } from '../../src/engine/catalog.js';
import { packageRoot } from '../../src/package-info.js';

/**
 * docs/catalogue-coverage.md lists every row of the reference's detection catalogue (§15) with
 * the rules whose `meta.docs.catalogue` claims it, and says why for rows no rule covers. These
 * tests keep the page, the reference and the rules in step.
 */

const reference = readFileSync(join(packageRoot, '../shared/reference/mcp-2026-07-28.md'), 'utf8');
const coverage = readFileSync(join(packageRoot, 'docs/catalogue-coverage.md'), 'utf8');

const rowLine = /^\| ([A-Z]{1,2}\d+) \|/;

/** The row ids of §15, in order. */
function catalogueRows(): string[] {
  const start = reference.search(/^## 15\. /m);
  const end = reference.search(/^## 16\. /m);
  if (start < 0 || end < start) throw new Error('the reference has no §15 followed by §16');
  return reference
    .slice(start, end)
    .split('\n')
    .flatMap((line) => rowLine.exec(line)?.[1] ?? []);
}

/** The page's rows: the row id, the rule ids it links, and the rest of the line. */
function coverageRows(): { row: string; ruleIds: string[]; line: string }[] {
  return coverage.split('\n').flatMap((line) => {
    const row = rowLine.exec(line)?.[1];
    if (!row) return [];
    const ruleIds = [...line.matchAll(/\[`([a-z0-9-]+)`\]\(\.\.\/rules\/([a-z0-9-]+)\.md\)/g)].map((match) => {
      expect(match[2], `${row}: the link to ${match[1]} points at ${match[2]}.md`).toBe(match[1]);
      return match[1]!;
    });
    return [{ row, ruleIds, line }];
  });
}

const rows = catalogueRows();
const listed = coverageRows();

describe('docs/catalogue-coverage.md', () => {
  it('reads the catalogue rows from the reference', () => {
    expect(rows.length).toBeGreaterThan(100);
    expect(new Set(rows).size).toBe(rows.length);
  });

  it('lists every catalogue row once, in the order of the reference', () => {
    expect(listed.map((entry) => entry.row)).toEqual(rows);
  });

  it('names for each row only rules that claim it', () => {
    for (const { row, ruleIds } of listed) {
      for (const id of ruleIds) {
        expect(rules, `${row} names ${id}, which is not a rule`).toHaveProperty(id);
        expect(docsOf(rules[id]!).catalogue, `${row} names ${id}, whose catalogue lacks it`).toContain(row);
      }
    }
  });

  it('names every rule with every row it claims', () => {
    const byRow = new Map(listed.map((entry) => [entry.row, entry.ruleIds]));
    for (const [id, rule] of Object.entries(rules)) {
      for (const row of docsOf(rule).catalogue) {
        expect(rows, `${id} claims ${row}, which §15 does not have`).toContain(row);
        expect(byRow.get(row), `${row} does not name ${id}, which claims it`).toContain(id);
      }
    }
  });

  it('says why for every row no rule covers', () => {
    for (const { row, ruleIds, line } of listed) {
      if (ruleIds.length > 0) continue;
      expect(line, `${row} has no rule and no reason`).toMatch(/\| Not covered: [A-Z`][^|]{40,}[.)] \|$/);
    }
  });
});
