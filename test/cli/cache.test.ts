import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mcpSource, runCli, tempProject } from '../helpers/cli.js';

describe('audit --cache', () => {
  it('prints the same report from the cache, says so on stderr, and keeps the cache where asked', () => {
    const dir = tempProject({ 'src/a.ts': mcpSource.header, 'src/b.ts': mcpSource.code, 'src/c.ts': mcpSource.clean });
    const plain = runCli(['audit', '--jobs', '1', dir], { cwd: dir });
    const args = ['audit', '--jobs', '1', '--cache-location', '.cache/audit.json', dir];
    const first = runCli(args, { cwd: dir });
    const second = runCli(args, { cwd: dir });
    expect(existsSync(join(dir, '.cache/audit.json'))).toBe(true);
    expect(first.stderr).toBe('mcp-migrate: cache .cache/audit.json: 0 of 3 files unchanged since the last cached audit\n');
    expect(second.stderr).toBe('mcp-migrate: cache .cache/audit.json: 3 of 3 files unchanged since the last cached audit\n');
    expect([first.status, second.status]).toEqual([plain.status, plain.status]);
    expect(first.stdout).toBe(plain.stdout);
    expect(second.stdout).toBe(plain.stdout);
    const json = JSON.parse(runCli([...args, '--format', 'json'], { cwd: dir }).stdout) as { summary: { filesParsed: number; cache: unknown } };
    expect(json.summary.filesParsed).toBe(0);
    expect(json.summary.cache).toEqual({ location: join(dir, '.cache/audit.json'), hits: 3 });
  });

  it('uses no cache unless asked', () => {
    const dir = tempProject({ 'src/a.ts': mcpSource.header });
    const run = runCli(['audit', dir], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(existsSync(join(dir, '.mcp-migrate-cache.json'))).toBe(false);
  });
});
