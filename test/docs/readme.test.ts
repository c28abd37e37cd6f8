import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { engineChecks } from '../../src/engine/catalog.js';
import { packageRoot } from '../../src/package-info.js';
import { runCli } from '../helpers/cli.js';

const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');

describe('README', () => {
  it('has a row in the rule table for every rule and engine check', () => {
    for (const id of Object.keys(rules)) expect(readme).toContain(`| [\`${id}\`](rules/${id}.md) |`);
    for (const id of Object.keys(engineChecks)) expect(readme).toContain(`| \`${id}\` |`);
  });

  it('documents every flag of every command', () => {
    for (const command of ['audit', 'list', 'explain']) {
      const help = runCli([command, '--help']).stdout;
      for (const flag of help.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)) {
        if (flag[1] === '--help') continue;
        expect(readme, `${command} ${flag[1]}`).toContain(flag[1]);
      }
    }
  });

  it('gives the two set-up commands and the demo script they rely on', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.demo).toContain('test/fixtures/projects/legacy-streamable-http');
  });
});
