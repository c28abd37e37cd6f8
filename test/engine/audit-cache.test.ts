import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit, type AuditResult } from '../../src/index.js';
import { git, mcpSource, tempProject } from '../helpers/cli.js';

const where = (result: AuditResult) => result.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}:${f.severity}`);

/** A project with two MCP files and an ordinary one, audited once to fill the cache. */
async function cachedProject() {
  const dir = tempProject({ 'src/a.ts': mcpSource.header, 'src/b.ts': mcpSource.code, 'src/c.ts': mcpSource.clean });
  const location = join(dir, 'cache.json');
  const run = (options: { rules?: string[]; config?: object } = {}) => audit({ cwd: dir, jobs: 1, cache: { location }, ...options });
  const first = await run();
  return { dir, location, run, first };
}

describe('the audit cache (--cache)', () => {
  it('gives the same findings from the cache, reading and parsing nothing unchanged', async () => {
    const { run, first, location } = await cachedProject();
    expect(first.summary.cache).toEqual({ location, hits: 0 });
    expect(first.summary.filesParsed).toBe(2);
    const second = await run();
    expect(where(second)).toEqual(where(first));
    expect(second.findings).toEqual(first.findings);
    expect(second.summary.cache?.hits).toBe(3);
    expect(second.summary.filesParsed).toBe(0);
  });

  it('checks an edited file again, and never reports what it no longer holds', async () => {
    const { dir, run, first } = await cachedProject();
    expect(where(first)).toContain('src/a.ts:3:no-session-id-header:error');
    writeFileSync(join(dir, 'src/a.ts'), mcpSource.clean);
    writeFileSync(join(dir, 'src/c.ts'), `\n\n${mcpSource.header}`);
    const second = await run();
    expect(where(second)).toEqual(['src/b.ts:2:no-legacy-resource-not-found-code:error', 'src/c.ts:5:no-session-id-header:error']);
    expect(second.summary.cache?.hits).toBe(1);
  });

  it('does not parse a file whose text is unchanged under a new modification time (a fresh checkout)', async () => {
    const { dir, run, first } = await cachedProject();
    const later = new Date(Date.now() + 60_000);
    for (const name of ['a', 'b', 'c']) utimesSync(join(dir, `src/${name}.ts`), later, later);
    const second = await run();
    expect(second.findings).toEqual(first.findings);
    expect(second.summary.filesParsed).toBe(0);
    // Every file is read again, and known by the hash of its text.
    expect(second.summary.cache?.hits).toBe(3);
  });

  it('starts afresh when the rule levels change', async () => {
    const { run } = await cachedProject();
    const second = await run({ config: { rules: { 'no-session-id-header': 'warning' } } });
    expect(second.summary.cache).toMatchObject({ hits: 0, discarded: 'the tool, its dependencies, the rules or the options changed' });
    expect(where(second)).toContain('src/a.ts:3:no-session-id-header:warning');
    const only = await run({ rules: ['no-legacy-resource-not-found-code'] });
    expect(where(only)).toEqual(['src/b.ts:2:no-legacy-resource-not-found-code:error']);
  });

  it('forgets deleted files', async () => {
    const { dir, location, run } = await cachedProject();
    rmSync(join(dir, 'src/b.ts'));
    await run();
    const cached = JSON.parse(readFileSync(location, 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(cached.files).sort()).toEqual(['src/a.ts', 'src/c.ts']);
  });

  it('keeps the rest of the cache when one folder is audited', async () => {
    const { dir, location, run } = await cachedProject();
    writeFileSync(join(dir, 'lib.ts'), mcpSource.code);
    const part = await audit({ cwd: dir, paths: ['lib.ts'], jobs: 1, cache: { location } });
    expect(where(part)).toEqual(['lib.ts:2:no-legacy-resource-not-found-code:error']);
    const whole = await run();
    expect(whole.summary.cache?.hits).toBe(4);
    expect(whole.summary.filesParsed).toBe(0);
  });

  it('ignores a cache file that is not one, and replaces it', async () => {
    const { location, run, first } = await cachedProject();
    writeFileSync(location, '{ "key": ');
    const second = await run();
    expect(second.summary.cache).toMatchObject({ hits: 0, discarded: 'it is not valid JSON' });
    expect(second.findings).toEqual(first.findings);
    writeFileSync(location, '[1, 2]');
    expect((await run()).summary.cache?.discarded).toBe('it is not an mcp-migrate audit cache');
    expect((await run()).summary.cache).toEqual({ location, hits: 3 });
  });

  it('reports a cache it cannot write, and still audits', async () => {
    const dir = tempProject({ 'src/a.ts': mcpSource.header });
    const blocked = join(dir, 'blocked');
    mkdirSync(blocked);
    chmodSync(blocked, 0o500);
    try {
      const result = await audit({ cwd: dir, jobs: 1, cache: { location: join(blocked, 'sub', 'cache.json') } });
      expect(where(result)).toEqual(['src/a.ts:3:no-session-id-header:error']);
      // root ignores the mode; the test still shows the audit goes on.
      if (process.getuid?.() !== 0) expect(result.summary.cache?.writeError).toMatch(/EACCES/);
    } finally {
      chmodSync(blocked, 0o700);
    }
  });

  it('defaults to node_modules/.cache/mcp-migrate, else the git directory, else a dot file, never dirtying the work tree', async () => {
    const withModules = tempProject({ 'src/a.ts': mcpSource.header, 'node_modules/x/index.js': '', '.gitignore': 'node_modules\n' }, { git: true });
    await audit({ cwd: withModules, jobs: 1, cache: true });
    expect(existsSync(join(withModules, 'node_modules/.cache/mcp-migrate/audit-cache.json'))).toBe(true);
    expect(git(withModules, 'status', '--porcelain')).toBe('');
    const inGit = tempProject({ 'src/a.ts': mcpSource.header }, { git: true });
    await audit({ cwd: inGit, jobs: 1, cache: true });
    expect(existsSync(join(inGit, '.git/mcp-migrate/audit-cache.json'))).toBe(true);
    expect(git(inGit, 'status', '--porcelain')).toBe('');
    const plain = tempProject({ 'src/a.ts': mcpSource.header });
    await audit({ cwd: plain, jobs: 1, cache: true });
    expect(existsSync(join(plain, '.mcp-migrate-cache.json'))).toBe(true);
  });
});
