import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-info.js';
import { expect } from 'vitest';
import { binPath, type CliRun, git, type JsonReport } from './cli.js';

/**
 * Steps the end-to-end tests share: a legacy example project copied out of
 * test/fixtures/projects, migrated with the CLI, and built with its own tsconfig.
 */

/** Copies `test/fixtures/projects/<name>` to `<work>/<as>` and commits it (`fix` wants a clean git tree). */
export function copyFixtureProject(name: string, work: string, as = name): string {
  const project = join(work, as);
  cpSync(join(packageRoot, 'test', 'fixtures', 'projects', name), project, { recursive: true });
  git(project, 'init', '-q');
  git(project, 'add', '-A');
  git(project, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'legacy project');
  return project;
}

/** Runs the built CLI in a child process without blocking, so that two projects can migrate side by side. */
export function runCliAsync(args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd,
      env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * The project's own build (`tsc -p tsconfig.json`, into dist/): the type-check, and the code a test
 * then runs. The examples' dependencies are devDependencies of mcp-migrate, so their node_modules
 * can be ours. tsc still writes dist/ when it reports errors (no example sets `noEmitOnError`).
 */
export function buildProject(project: string): { status: number | null; output: string } {
  const tsc = spawnSync(process.execPath, tscArgs(project), { cwd: project, encoding: 'utf8' });
  return { status: tsc.status, output: tsc.stdout + tsc.stderr };
}

/** {@link buildProject} without blocking, so that two projects can build side by side. */
export function buildProjectAsync(project: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tscArgs(project), { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

function tscArgs(project: string): string[] {
  linkNodeModules(project);
  return [join(packageRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'];
}

/**
 * Gives the project mcp-migrate's node_modules (the examples' dependencies are its
 * devDependencies), once, and tells git to ignore the link: a `node_modules/` pattern in the
 * example's `.gitignore` does not match a symbolic link, and `fix` refuses a dirty tree.
 */
export function linkNodeModules(project: string): void {
  if (existsSync(join(project, 'node_modules'))) return;
  symlinkSync(join(packageRoot, 'node_modules'), join(project, 'node_modules'), 'dir');
  if (existsSync(join(project, '.git', 'info'))) appendFileSync(join(project, '.git', 'info', 'exclude'), 'node_modules\n');
}

/**
 * What `audit` must report after a migration: only `manual` findings, and each error and warning at
 * a marker. `info` findings are the 2025 fallbacks the rewrites keep on purpose (a getter behind
 * `??`): nothing to do until 2025 support goes.
 */
export function expectOnlyMarkedManualFindings(report: JsonReport): void {
  expect(report.errors).toEqual([]);
  expect(report.findings.filter((finding) => finding.fix !== 'manual').map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.fix}`)).toEqual([]);
  const actionable = report.findings.filter((finding) => finding.severity !== 'info');
  expect(actionable.length).toBeGreaterThan(0);
  expect(actionable.filter((finding) => !finding.marked).map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([]);
  expect(report.summary.markers.findings).toBe(report.findings.filter((finding) => finding.marked).length);
}
