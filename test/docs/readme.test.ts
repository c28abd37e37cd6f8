import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { engineChecks } from '../../src/engine/catalog.js';
import { packageRoot } from '../../src/package-info.js';
import { transforms } from '../../transforms/index.js';
import { runCli } from '../helpers/cli.js';
import { readmeRuleTable, tableEnd, tableStart } from '../helpers/readme-rule-table.js';

const readmePath = join(packageRoot, 'README.md');
const readme = readFileSync(readmePath, 'utf8');

describe('README', () => {
  it('carries the rule table generated from the registry, and a row for every engine check', () => {
    const table = readmeRuleTable();
    const start = readme.indexOf(tableStart);
    const end = readme.indexOf(tableEnd);
    if (process.env.UPDATE_README) {
      writeFileSync(readmePath, readme.slice(0, start) + table + readme.slice(end + tableEnd.length));
      return;
    }
    expect(start, 'the README lacks the generated rule table markers').toBeGreaterThan(0);
    expect(readme.slice(start, end + tableEnd.length)).toBe(table);
    for (const id of Object.keys(rules)) expect(table).toContain(`| [\`${id}\`](rules/${id}.md) |`);
    for (const id of Object.keys(engineChecks)) expect(readme).toContain(`| \`${id}\` |`);
  });

  it('documents every flag of every command', () => {
    for (const command of ['audit', 'fix', 'pr', 'list', 'explain']) {
      const help = runCli([command, '--help']).stdout;
      for (const flag of help.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)) {
        if (flag[1] === '--help') continue;
        expect(readme, `${command} ${flag[1]}`).toContain(flag[1]);
      }
    }
  });

  it('documents every transform with a before/after example', () => {
    for (const { id } of transforms) {
      const section = readme.slice(readme.indexOf(`##### \`${id}\``));
      expect(section, id).toMatch(/^##### `[\w-]+`\n[^]*?\/\/ before\n[^]*?\/\/ after\n[^]*?Limits:/);
    }
  });

  it('gives the two set-up commands and the demo script they rely on', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.demo).toContain('test/fixtures/projects/legacy-streamable-http');
  });
});
