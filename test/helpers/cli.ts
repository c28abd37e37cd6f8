import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { packageRoot } from '../../src/package-info.js';
import type { AuditSummary, FileError, Finding, SkippedPath } from '../../src/report/finding.js';

export const binPath = join(packageRoot, 'bin', 'mcp-migrate.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI the way a user does, in a child process, with CI set so no progress line shows. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? packageRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A throw-away directory holding `files` (path → content); removed after the test file. */
export function tempProject(files: Record<string, string | Buffer>, options: { git?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'mcp-migrate-test-'));
  created.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  if (options.git) {
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'fixture', '--allow-empty');
  }
  return root;
}

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

export function symlink(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path);
}

/** Parses the JSON report, failing with the CLI's stderr if stdout is not pure JSON. */
export function jsonReport(run: CliRun): JsonReport {
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`stdout is not JSON (status ${run.status}).\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

export interface JsonReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  target: string;
  findings: Finding[];
  errors: FileError[];
  skipped: SkippedPath[];
  summary: AuditSummary;
}

/** Source that trips each rule once, for tests that need findings without caring which. */
export const mcpSource = {
  header: "import express from 'express';\nconst app = express();\napp.post('/mcp', (req) => req.headers['mcp-session-id']);\n",
  code: "import { McpError } from '@modelcontextprotocol/sdk/types.js';\nthrow new McpError(-32002, 'Resource not found');\n",
  corsWarning: "import cors from 'cors';\nexport const c = cors({ exposedHeaders: ['Mcp-Session-Id'] });\n",
  clean: "export const greeting = 'hello';\n",
};
