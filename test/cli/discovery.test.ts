import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonReport, mcpSource, runCli, symlink, tempProject } from '../helpers/cli.js';

const files = (run: ReturnType<typeof runCli>) => [...new Set(jsonReport(run).findings.map((f) => f.file))].sort();

const tree = {
  '.gitignore': 'dist/\n*.generated.ts\n',
  'src/server.ts': mcpSource.header,
  'src/nested/.gitignore': 'local-*.ts\n!local-keep.ts\n',
  'src/nested/local-secret.ts': mcpSource.header,
  'src/nested/local-keep.ts': mcpSource.header,
  'src/types.d.ts': mcpSource.header,
  'src/api.generated.ts': mcpSource.header,
  'dist/server.js': mcpSource.header,
  'node_modules/some-sdk/index.js': mcpSource.header,
  'packages/app/node_modules/dep/index.ts': mcpSource.header,
  'lib/client.mjs': mcpSource.header,
  'lib/legacy.cjs': mcpSource.header,
  'lib/view.tsx': mcpSource.header,
  'lib/view.jsx': mcpSource.header,
  'lib/mod.mts': mcpSource.header,
  'lib/mod.cts': mcpSource.header,
  'README.md': "req.headers['mcp-session-id']",
  'config.json': '{"header": "mcp-session-id"}',
};

const expected = [
  'lib/client.mjs', 'lib/legacy.cjs', 'lib/mod.cts', 'lib/mod.mts', 'lib/view.jsx', 'lib/view.tsx',
  'src/nested/local-keep.ts', 'src/server.ts',
];

describe('file discovery', () => {
  it('in a git work tree: tracked and untracked-but-not-ignored files, every .gitignore level, never node_modules or .d.ts', () => {
    const dir = tempProject(tree, { git: true });
    const untracked = tempProject({});
    expect(untracked).not.toBe(dir);
    const withUntracked = runCli(['audit', '--format', 'json', '.'], { cwd: dir });
    expect(files(withUntracked)).toEqual(expected);
  });

  it('outside git: a walk that honours the same .gitignore files', () => {
    const dir = tempProject(tree);
    expect(files(runCli(['audit', '--format', 'json', '.'], { cwd: dir }))).toEqual(expected);
  });

  it('audits a single file or several paths, reporting paths relative to the working directory', () => {
    const dir = tempProject(tree);
    const run = runCli(['audit', '--format', 'json', 'src/server.ts', 'lib'], { cwd: dir });
    expect(files(run)).toEqual(['lib/client.mjs', 'lib/legacy.cjs', 'lib/mod.cts', 'lib/mod.mts', 'lib/view.jsx', 'lib/view.tsx', 'src/server.ts']);
    const fromAbove = runCli(['audit', '--format', 'json', join(dir, 'src/server.ts')], { cwd: join(dir, 'lib') });
    expect(files(fromAbove)).toEqual(['../src/server.ts']);
  });

  it('applies --include and --exclude globs to paths relative to the working directory', () => {
    const dir = tempProject(tree);
    expect(files(runCli(['audit', '--format', 'json', '--include', 'lib/**', '--exclude', '**/*.cjs', '--exclude', 'lib/view.*', '.'], { cwd: dir })))
      .toEqual(['lib/client.mjs', 'lib/mod.cts', 'lib/mod.mts']);
  });

  it('does not follow a symbolic link out of the audited directory, and says so', () => {
    const outside = tempProject({ 'secret.ts': mcpSource.header });
    const dir = tempProject({ 'src/server.ts': mcpSource.clean });
    symlink(join(outside, 'secret.ts'), join(dir, 'src/linked.ts'));
    symlink(join(dir, 'src/server.ts'), join(dir, 'src/alias.ts'));
    const run = runCli(['audit', '--format', 'json', '.'], { cwd: dir });
    const report = jsonReport(run);
    expect(report.findings).toEqual([]);
    expect(report.skipped).toEqual([{ file: 'src/linked.ts', reason: expect.stringContaining('outside') }]);
    expect(run.status).toBe(0);
  });

  it('parses only files holding an MCP token', () => {
    const dir = tempProject({ 'a.ts': mcpSource.header, 'b.ts': mcpSource.clean, 'c.ts': 'export function sum(a: number, b: number) { return a + b; }\n' });
    const summary = jsonReport(runCli(['audit', '--format', 'json', '.'], { cwd: dir })).summary;
    expect(summary.filesDiscovered).toBe(3);
    expect(summary.filesParsed).toBe(1);
  });
});
