import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, runCli, tempProject } from '../helpers/cli.js';

const notFound = "import { McpError } from '@modelcontextprotocol/sdk/types.js';\nexport function missing(uri: string) {\n  throw new McpError(-32002, `Resource not found: ${uri}`, { uri });\n}\n";
const fixed = notFound.replace('-32002', '-32602');
const stdioV2 =
  "import { McpServer } from '@modelcontextprotocol/server';\nimport { StdioServerTransport } from '@modelcontextprotocol/server/stdio';\nconst server = new McpServer({ name: 'n', version: '1' });\nawait server.connect(new StdioServerTransport());\n";
const stdioV1 = stdioV2.replace("'@modelcontextprotocol/server'", "'@modelcontextprotocol/sdk/server/mcp.js'").replace("'@modelcontextprotocol/server/stdio'", "'@modelcontextprotocol/sdk/server/stdio.js'");

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

interface FixJson {
  mode: string;
  files: { file: string; edits: Record<string, number>; markersAdded: number; diff?: string }[];
  markers: { ruleId: string; file: string; line: number; text: string }[];
  failed: { file: string; reason: string }[];
  notes: { file: string; transform: string; message: string }[];
  summary: { filesChanged: number; edits: number; byTransform: Record<string, number>; markers: number; failed: number };
}

describe('mcp-migrate fix', () => {
  it('rewrites files in place, and a second run changes nothing', () => {
    const dir = tempProject({ 'src/a.ts': notFound, 'src/serve.ts': stdioV2, 'src/other.ts': 'export const x = -32002;\n' }, { git: true });
    const run = runCli(['fix'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe(fixed);
    expect(read(dir, 'src/serve.ts')).toContain('serveStdio(() => server);');
    expect(read(dir, 'src/other.ts')).toBe('export const x = -32002;\n');
    expect(run.stdout).toContain('2 files changed of 3');
    git(dir, 'add', '-A');
    git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'fixed');
    const again = runCli(['fix', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(again.stdout).summary.filesChanged).toBe(0);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('--dry-run writes nothing and prints a unified diff and the summary', () => {
    const dir = tempProject({ 'src/a.ts': notFound }, { git: true });
    const run = runCli(['fix', '--dry-run'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe(notFound);
    expect(run.stdout).toContain('--- a/src/a.ts\n+++ b/src/a.ts\n');
    expect(run.stdout).toContain('-  throw new McpError(-32002');
    expect(run.stdout).toContain('+  throw new McpError(-32602');
    expect(run.stdout).toContain('1 file would change of 1');
    expect(run.stdout).toContain('Dry run: nothing was written.');
  });

  it('--check writes nothing and exits 1 only when something would change', () => {
    const dir = tempProject({ 'src/a.ts': notFound }, { git: true });
    const run = runCli(['fix', '--check'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(read(dir, 'src/a.ts')).toBe(notFound);
    const clean = tempProject({ 'src/a.ts': fixed }, { git: true });
    expect(runCli(['fix', '--check'], { cwd: clean }).status).toBe(0);
  });

  it('refuses a dirty git tree, naming the files and what to do; --allow-dirty goes ahead', () => {
    const dir = tempProject({ 'src/a.ts': notFound, 'README.md': 'notes\n' }, { git: true });
    writeFileSync(join(dir, 'README.md'), 'changed\n');
    writeFileSync(join(dir, 'new.txt'), 'untracked\n');
    const run = runCli(['fix'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('uncommitted changes (README.md, new.txt)');
    expect(run.stderr).toContain('Commit or stash them first');
    expect(run.stderr).toContain('--allow-dirty');
    expect(read(dir, 'src/a.ts')).toBe(notFound);
    // Writing nothing, --dry-run and --check need no clean tree.
    expect(runCli(['fix', '--dry-run'], { cwd: dir }).status).toBe(0);
    expect(runCli(['fix', '--allow-dirty'], { cwd: dir }).status).toBe(0);
    expect(read(dir, 'src/a.ts')).toBe(fixed);
  });

  it('warns outside git and still rewrites', () => {
    const dir = tempProject({ 'src/a.ts': notFound });
    const run = runCli(['fix'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('not inside a git work tree');
    expect(read(dir, 'src/a.ts')).toBe(fixed);
  });

  it('rolls a file back when a transform throws, and reports it', () => {
    const broken = "import '@modelcontextprotocol/sdk';\nconst = -32002;\n";
    const dir = tempProject({ 'src/a.ts': notFound, 'src/broken.ts': broken }, { git: true });
    const run = runCli(['fix', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as FixJson;
    expect(report.failed).toEqual([{ file: 'src/broken.ts', transform: 'resource-not-found-code', reason: expect.stringContaining('resource-not-found-code failed: cannot parse') }]);
    expect(read(dir, 'src/broken.ts')).toBe(broken);
    expect(read(dir, 'src/a.ts')).toBe(fixed);
  });

  it('keeps CRLF line endings, a byte-order mark and a shebang', () => {
    const crlf = notFound.replace(/\n/g, '\r\n');
    const withBom = `\ufeff${notFound}`;
    const withShebang = `#!/usr/bin/env node\n${stdioV2}`;
    const dir = tempProject({ 'crlf.ts': crlf, 'bom.ts': withBom, 'bin.ts': withShebang }, { git: true });
    expect(runCli(['fix'], { cwd: dir }).status).toBe(0);
    expect(read(dir, 'crlf.ts')).toBe(fixed.replace(/\n/g, '\r\n'));
    expect(read(dir, 'bom.ts')).toBe(`\ufeff${fixed}`);
    const bin = read(dir, 'bin.ts');
    expect(bin.startsWith('#!/usr/bin/env node\nimport { McpServer }')).toBe(true);
    expect(bin).toContain("import { serveStdio } from '@modelcontextprotocol/server/stdio';");
  });

  it('keeps the file mode', () => {
    const dir = tempProject({ 'bin.ts': `#!/usr/bin/env node\n${notFound}` }, { git: true });
    chmodSync(join(dir, 'bin.ts'), 0o755);
    git(dir, 'add', '-A');
    git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'mode');
    expect(runCli(['fix'], { cwd: dir }).status).toBe(0);
    expect(git(dir, 'diff', '--summary')).not.toContain('mode change');
  });

  it('--format json lists changed files, edits per transform, markers with lines, and v1 notes', () => {
    const constant = "import { McpError } from '@modelcontextprotocol/sdk/types.js';\nconst NOT_FOUND = -32002;\nexport function f(uri: string) {\n  throw new McpError(NOT_FOUND, `Resource not found: ${uri}`);\n}\n";
    const dir = tempProject({ 'src/a.ts': notFound, 'src/c.ts': constant, 'src/v1.ts': stdioV1 }, { git: true });
    const run = runCli(['fix', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as FixJson;
    expect(report.mode).toBe('write');
    expect(report.files).toEqual([
      { file: 'src/a.ts', edits: { 'resource-not-found-code': 1 }, markersAdded: 0 },
      { file: 'src/c.ts', edits: {}, markersAdded: 1 },
    ]);
    expect(report.markers).toEqual([{ ruleId: 'no-legacy-resource-not-found-code', file: 'src/c.ts', line: 4, text: expect.stringContaining('Send -32602') }]);
    expect(report.summary).toMatchObject({ filesChanged: 2, edits: 1, byTransform: { 'resource-not-found-code': 1 }, markers: 1, failed: 0 });
    expect(report.notes).toEqual([
      { file: 'src/v1.ts', transform: 'stdio-serve', message: expect.stringContaining('--upgrade-sdk') },
      { file: 'src/v1.ts', transform: 'mark-remaining', message: expect.stringContaining('--upgrade-sdk') },
    ]);
    expect(read(dir, 'src/v1.ts')).toBe(stdioV1);
  });

  it('--report writes the report to a file, and the terminal keeps the summary', () => {
    const dir = tempProject({ 'src/a.ts': notFound }, { git: true });
    const run = runCli(['fix', '--dry-run', '--format', 'markdown', '--report', join(dir, '..', `${dir.split('/').pop()}-report.md`)], { cwd: dir });
    expect(run.status).toBe(0);
    const report = readFileSync(join(dir, '..', `${dir.split('/').pop()}-report.md`), 'utf8');
    expect(report).toContain('## mcp-migrate fix');
    expect(report).toContain('| `src/a.ts` | resource-not-found-code ×1 |');
    expect(run.stdout).toContain('1 file would change of 1');
  });

  it('--transform and --skip-transform select transforms; an unknown id is a usage error with a suggestion', () => {
    const dir = tempProject({ 'src/a.ts': notFound, 'src/serve.ts': stdioV2 }, { git: true });
    const only = JSON.parse(runCli(['fix', '--dry-run', '--format', 'json', '--transform', 'stdio-serve'], { cwd: dir }).stdout) as FixJson;
    expect(only.files.map((f) => f.file)).toEqual(['src/serve.ts']);
    const skip = JSON.parse(runCli(['fix', '--dry-run', '--format', 'json', '--skip-transform', 'stdio-serve'], { cwd: dir }).stdout) as FixJson;
    // Without stdio-serve, the stdio server's finding is left to a person: mark-remaining marks it.
    expect(skip.files).toEqual([
      { file: 'src/a.ts', edits: { 'resource-not-found-code': 1 }, markersAdded: 0, diff: expect.any(String) },
      { file: 'src/serve.ts', edits: {}, markersAdded: 1, diff: expect.stringContaining('+/* mcp-migrate(require-modern-sdk-entry)') },
    ]);
    const unknown = runCli(['fix', '--transform', 'stdio-serv'], { cwd: dir });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown transform "stdio-serv" (did you mean "stdio-serve"?). Valid ids: resource-not-found-code, stdio-serve');
  });
  it('--upgrade-sdk runs the official SDK codemod first, then the transforms that need v2, in one reviewed change', () => {
    const manifest = `${JSON.stringify({ name: 'stdio-server', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.29.0', zod: '^4.2.0' } }, null, 2)}\n`;
    const dir = tempProject({ 'package.json': manifest, 'src/serve.ts': stdioV1 }, { git: true });

    const dry = runCli(['fix', '--upgrade-sdk', '--dry-run', '--format', 'json'], { cwd: dir });
    expect(dry.status, dry.stderr).toBe(0);
    const preview = JSON.parse(dry.stdout) as FixJson;
    expect(preview.files.map((f) => [f.file, Object.keys(f.edits)])).toEqual([
      ['src/serve.ts', ['upgrade-sdk', 'stdio-serve']],
      ['package.json', ['upgrade-sdk']],
    ]);
    expect(preview.files[1]!.diff).toContain('-    "@modelcontextprotocol/sdk": "^1.29.0"');
    expect(read(dir, 'src/serve.ts')).toBe(stdioV1);
    expect(read(dir, 'package.json')).toBe(manifest);
    expect(runCli(['fix', '--upgrade-sdk', '--check'], { cwd: dir }).status).toBe(1);

    const run = runCli(['fix', '--upgrade-sdk'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const serve = read(dir, 'src/serve.ts');
    expect(serve).not.toContain('@modelcontextprotocol/sdk');
    expect(serve).toContain('serveStdio(() => server);');
    expect(JSON.parse(read(dir, 'package.json')).dependencies).toHaveProperty('@modelcontextprotocol/server');
    expect(run.stdout).toContain('npm install');
  });

  it('--upgrade-sdk says so when nothing is on SDK v1, and still refuses a dirty tree', () => {
    const dir = tempProject({ 'src/serve.ts': stdioV2 }, { git: true });
    const run = runCli(['fix', '--upgrade-sdk', '--dry-run'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('there was nothing for --upgrade-sdk to do');
    writeFileSync(join(dir, 'src', 'serve.ts'), stdioV1);
    const dirty = runCli(['fix', '--upgrade-sdk'], { cwd: dir });
    expect(dirty.status).toBe(2);
    expect(read(dir, 'src/serve.ts')).toBe(stdioV1);
  });
});
