import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
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
 * Installs the project's own dependencies from the npm registry, as its user would: `npm ci` while
 * package.json still matches the example's lockfile, `npm install` once `fix --upgrade-sdk` has
 * changed package.json (it names the v2 packages and may raise zod). `--prefer-offline` lets npm
 * reuse what mcp-migrate's own `npm ci` put in its cache; what is not there comes from the registry.
 */
export function installDependencies(project: string): void {
  const npm = spawnSync(npmCommand, npmArgs(project), { cwd: project, encoding: 'utf8', env: npmEnv() });
  if (npm.status !== 0) throw new Error(`npm could not install ${project}'s dependencies (exit ${npm.status}):\n${npm.stdout}${npm.stderr}${npm.error?.message ?? ''}`);
}

/** {@link installDependencies} without blocking, so that two projects can install side by side. */
export async function installDependenciesAsync(project: string): Promise<void> {
  const run = await collect(npmCommand, npmArgs(project), project, npmEnv());
  if (run.status !== 0) throw new Error(`npm could not install ${project}'s dependencies (exit ${run.status}):\n${run.output}`);
}

const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function npmArgs(project: string): string[] {
  const verb = existsSync(join(project, 'package-lock.json')) && lockMatchesManifest(project) ? 'ci' : 'install';
  return [verb, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
}

/** Whether every dependency package.json names is in the lockfile's root entry with the same range. */
function lockMatchesManifest(project: string): boolean {
  type Manifest = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as Manifest;
  const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages?: Record<string, Manifest> };
  const root = lock.packages?.[''] ?? {};
  const same = (a: Record<string, string> = {}, b: Record<string, string> = {}) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  return same(manifest.dependencies, root.dependencies) && same(manifest.devDependencies, root.devDependencies);
}

/** npm run by `npm test` passes its own settings down in npm_config_* variables; the project gets npm's defaults. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_(config|package|lifecycle)_/i.test(name)));
}

/**
 * The project's own build (`tsc -p tsconfig.json`, into dist/) with the TypeScript it installed:
 * the type-check, and the code a test then runs. tsc still writes dist/ when it reports errors (no
 * example sets `noEmitOnError`).
 */
export function buildProject(project: string): { status: number | null; output: string } {
  const tsc = spawnSync(process.execPath, tscArgs(project), { cwd: project, encoding: 'utf8' });
  return { status: tsc.status, output: tsc.stdout + tsc.stderr };
}

/** {@link buildProject} without blocking, so that two projects can build side by side. */
export function buildProjectAsync(project: string): Promise<{ status: number | null; output: string }> {
  return collect(process.execPath, tscArgs(project), project, process.env);
}

function tscArgs(project: string): string[] {
  const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) throw new Error(`${project} has no node_modules/typescript: install its dependencies first (installDependencies)`);
  return [tsc, '-p', 'tsconfig.json'];
}

/** Runs a command to its end, with stdout and stderr in one string. */
function collect(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
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
