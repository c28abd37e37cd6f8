import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonReport, mcpSource, runCli, tempProject } from '../helpers/cli.js';

const project = (extra: Record<string, string> = {}) =>
  tempProject({ 'src/header.ts': mcpSource.header, 'src/code.ts': mcpSource.code, 'test/fixture.ts': mcpSource.header, ...extra });
const summarize = (run: ReturnType<typeof runCli>) => jsonReport(run).findings.map((f) => `${f.file}:${f.ruleId}:${f.severity}`).sort();

describe('rule selection', () => {
  it('--rule runs only the named rules, --skip-rule drops rules', () => {
    const dir = project();
    expect(summarize(runCli(['audit', '-f', 'json', '--rule', 'no-legacy-resource-not-found-code', '.'], { cwd: dir })))
      .toEqual(['src/code.ts:no-legacy-resource-not-found-code:error']);
    expect(summarize(runCli(['audit', '-f', 'json', '--skip-rule', 'no-legacy-resource-not-found-code', '.'], { cwd: dir })))
      .toEqual(['src/header.ts:no-session-id-header:error', 'test/fixture.ts:no-session-id-header:error']);
  });
});

describe('configuration', () => {
  it('reads mcp-migrate.config.json: rule levels, off, include and exclude', () => {
    const dir = project({
      'mcp-migrate.config.json': JSON.stringify({
        exclude: ['test/**'],
        rules: { 'no-session-id-header': 'warning', 'no-legacy-resource-not-found-code': 'off' },
      }),
    });
    const run = runCli(['audit', '-f', 'json', '.'], { cwd: dir });
    expect(summarize(run)).toEqual(['src/header.ts:no-session-id-header:warning']);
    expect(run.status).toBe(0);
  });

  it('reads package.json#mcpMigrate when there is no config file', () => {
    const dir = project({ 'package.json': JSON.stringify({ name: 'x', mcpMigrate: { include: ['src/**'], rules: { 'mcp-migrate/no-session-id-header': 'info' } } }) });
    expect(summarize(runCli(['audit', '-f', 'json', '.'], { cwd: dir })))
      .toEqual(['src/code.ts:no-legacy-resource-not-found-code:error', 'src/header.ts:no-session-id-header:info']);
  });

  it('lets --rule run a rule the config turned off', () => {
    const dir = project({ 'mcp-migrate.config.json': '{ "rules": { "no-session-id-header": "off" } }' });
    expect(summarize(runCli(['audit', '-f', 'json', '--rule', 'no-session-id-header', 'src'], { cwd: dir })))
      .toEqual(['src/header.ts:no-session-id-header:error']);
  });

  it('loads a JavaScript config only when named with --config, and ignores files with --no-config', () => {
    const dir = project({
      'mcp-migrate.config.json': '{ "rules": { "no-session-id-header": "off" } }',
      'audit.config.mjs': "export default { rules: { 'no-legacy-resource-not-found-code': 'off' } };\n",
    });
    expect(summarize(runCli(['audit', '-f', 'json', '--config', 'audit.config.mjs', 'src'], { cwd: dir })))
      .toEqual(['src/header.ts:no-session-id-header:error']);
    expect(summarize(runCli(['audit', '-f', 'json', '--no-config', 'src'], { cwd: dir })))
      .toEqual(['src/code.ts:no-legacy-resource-not-found-code:error', 'src/header.ts:no-session-id-header:error']);
  });

  it.each([
    ['{ "rules": { "no-sesion-id-header": "error" } }', 'unknown rule "no-sesion-id-header" in "rules" (did you mean "no-session-id-header"?)'],
    ['{ "rules": { "no-session-id-header": "fatal" } }', 'rules.no-session-id-header must be one of error, warning, info, off, not "fatal"'],
    ['{ "include": "src/**" }', '"include" must be an array of glob strings'],
    ['{ "rules": [] }', '"rules" must be an object'],
    ['[1, 2]', 'the configuration must be an object'],
    ['{ "rules": { ', 'not valid JSON'],
  ])('rejects %s with exit 2 and a message naming the problem', (content, message) => {
    const dir = project({ 'mcp-migrate.config.json': content });
    const run = runCli(['audit', '.'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`mcp-migrate.config.json: `);
    expect(run.stderr).toContain(message);
  });

  it('names a --config file that does not exist', () => {
    const run = runCli(['audit', '--config', 'missing.json', '.'], { cwd: project() });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('missing.json: cannot read the config file');
  });
});

describe('eslint-disable comments', () => {
  it('honours a disable comment for our rule and reports one that no longer suppresses anything', () => {
    const dir = tempProject({
      'src/a.ts': [
        "import express from 'express';",
        'const app = express();',
        "app.post('/mcp', (req) => {",
        '  // eslint-disable-next-line mcp-migrate/no-session-id-header -- legacy leg',
        "  const sid = req.headers['mcp-session-id'];",
        '  // eslint-disable-next-line mcp-migrate/no-session-id-header, no-console',
        "  console.log('x-session-id', sid);",
        '  // eslint-disable-next-line no-console -- not ours, never reported',
        '  console.log(sid);',
        '});',
        '',
      ].join('\n'),
    });
    const report = jsonReport(runCli(['audit', '-f', 'json', '.'], { cwd: dir }));
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'unused-disable-directive',
        severity: 'warning',
        line: 6,
        message: 'Unused eslint-disable directive: mcp-migrate/no-session-id-header reported nothing here. Remove it from the comment.',
      }),
    ]);
    const skipped = jsonReport(runCli(['audit', '-f', 'json', '--skip-rule', 'unused-disable-directive', '.'], { cwd: dir }));
    expect(skipped.findings).toEqual([]);
  });
});

describe('--output', () => {
  it('writes the report to the file, keeps stdout empty, and says where on stderr', () => {
    const dir = project();
    const run = runCli(['audit', '-f', 'json', '-o', 'report.json', 'src'], { cwd: dir });
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('wrote the json report to report.json (2 findings, 0 file errors)');
    expect(run.status).toBe(1);
    const written = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { findings: unknown[] };
    expect(written.findings).toHaveLength(2);
  });
});

describe('--jobs', () => {
  it('finds the same things with worker threads as in-band', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 240; i++) files[`pkg/file${String(i).padStart(3, '0')}.ts`] = i % 3 === 0 ? mcpSource.header : i % 3 === 1 ? mcpSource.code : mcpSource.clean;
    const dir = tempProject(files);
    const inBand = jsonReport(runCli(['audit', '-f', 'json', '--jobs', '1', '.'], { cwd: dir }));
    const pooled = jsonReport(runCli(['audit', '-f', 'json', '--jobs', '2', '.'], { cwd: dir }));
    expect(inBand.findings.length).toBe(160);
    expect(pooled.findings).toEqual(inBand.findings);
  });
});
