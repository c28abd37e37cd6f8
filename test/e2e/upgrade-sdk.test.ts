import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-info.js';
import { git, jsonReport, runCli } from '../helpers/cli.js';

/**
 * The whole migration of the bundled legacy example (the one `npm run demo` audits): the official
 * SDK codemod, our transforms, the safe fixes and the markers, then the two promises of issue 4:
 * the result type-checks against the installed v2 packages, and what `audit` still reports is
 * all `manual`, each finding with a marker.
 */
const example = join(packageRoot, 'test', 'fixtures', 'projects', 'legacy-streamable-http');
const work = mkdtempSync(join(tmpdir(), 'mcp-migrate-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('fix --upgrade-sdk on the bundled legacy example', () => {
  const project = join(work, 'project');
  cpSync(example, project, { recursive: true });
  git(project, 'init', '-q');
  git(project, 'add', '-A');
  git(project, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'v1 server');

  it('moves package.json and the code to the v2 packages', () => {
    const run = runCli(['fix', '--upgrade-sdk', '--format', 'json'], { cwd: project });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { files: { file: string; edits: Record<string, number> }[]; failed: unknown[] };
    expect(report.failed).toEqual([]);
    expect(report.files.map((f) => f.file)).toContain('package.json');
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toEqual(expect.arrayContaining(['@modelcontextprotocol/server', '@modelcontextprotocol/node', '@modelcontextprotocol/client']));
    expect(manifest.dependencies).not.toHaveProperty('@modelcontextprotocol/sdk');
    const server = readFileSync(join(project, 'src', 'server.ts'), 'utf8');
    expect(server).not.toContain('@modelcontextprotocol/sdk');
  });

  it('type-checks against the installed v2 packages', () => {
    // The example's own dependencies are devDependencies of mcp-migrate, so its node_modules can be ours.
    symlinkSync(join(packageRoot, 'node_modules'), join(project, 'node_modules'), 'dir');
    const tsc = spawnSync(process.execPath, [join(packageRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('leaves only manual findings, each at a marker', () => {
    const report = jsonReport(runCli(['audit', '--format', 'json', '--fail-on', 'none'], { cwd: project }));
    expect(report.errors).toEqual([]);
    expect(report.findings.every((finding) => finding.fix === 'manual')).toBe(true);
    // `info` is the 2025 fallback the rewrites keep on purpose (a getter behind `??`): nothing to do until 2025 support goes.
    const actionable = report.findings.filter((finding) => finding.severity !== 'info');
    expect(actionable.length).toBeGreaterThan(0);
    expect(actionable.filter((finding) => !finding.marked).map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([]);
    expect(report.summary.markers.findings).toBe(actionable.length);
  });

  it('changes nothing on a second run', () => {
    const run = runCli(['fix', '--upgrade-sdk', '--check', '--format', 'json'], { cwd: project });
    expect(run.status, run.stdout).toBe(0);
    expect((JSON.parse(run.stdout) as { files: unknown[] }).files).toEqual([]);
  });
});
