import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { packageRoot } from '../../src/package-info.js';
import { symlink, tempProject } from '../helpers/cli.js';

/**
 * A project that installs mcp-migrate next to ESLint and lists the plugin in its own
 * eslint.config.js, linted by the real `eslint` CLI exactly as its developers run it.
 */
function userProject(): string {
  const dir = tempProject({});
  cpSync(join(packageRoot, 'test/fixtures/projects/eslint-user'), dir, { recursive: true });
  // What `npm install` would leave: the packages the config imports, under node_modules.
  symlink(packageRoot, join(dir, 'node_modules/mcp-migrate'));
  symlink(join(packageRoot, 'node_modules/eslint'), join(dir, 'node_modules/eslint'));
  symlink(join(packageRoot, 'node_modules/@typescript-eslint'), join(dir, 'node_modules/@typescript-eslint'));
  return dir;
}

function eslint(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(dir, 'node_modules/eslint/bin/eslint.js'), ...args], { cwd: dir, encoding: 'utf8' });
}

interface EslintResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; line: number; message: string }[];
}

describe('the ESLint plugin in a user project', () => {
  it('reports both rules through configs.recommended, honouring disable comments', () => {
    const dir = userProject();
    const run = eslint(dir, '--format', 'json', '.');
    const results = JSON.parse(run.stdout) as EslintResult[];
    const messages = results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.ruleId}:${m.severity}`));
    expect(messages).toEqual([
      '6:mcp-migrate/no-session-id-header:2',
      '17:mcp-migrate/no-legacy-resource-not-found-code:2',
    ]);
    expect(run.status).toBe(1);
  });

  it('applies the safe fix with eslint --fix', () => {
    const dir = userProject();
    eslint(dir, '--fix', '.');
    const fixed = readFileSync(join(dir, 'src/server.ts'), 'utf8');
    expect(fixed).toContain('throw new McpError(-32602, `Resource ${uri.href} not found`, { uri: uri.href });');
    expect(fixed).toContain("return req.header('Mcp-Session-Id');");
  });

  it('can be loaded with require() from a CommonJS config', () => {
    const dir = userProject();
    const run = spawnSync(process.execPath, ['-e', "const p = require('mcp-migrate/eslint-plugin'); console.log(p.meta.name, Object.keys(p.rules).length, typeof p.configs.recommended)"], { cwd: dir, encoding: 'utf8' });
    expect(run.stdout.trim()).toBe(`mcp-migrate ${Object.keys(rules).length} object`);
  });
});
