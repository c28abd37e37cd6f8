#!/usr/bin/env node
/**
 * Re-runs the accuracy measurement of docs/accuracy.md: audits public MCP projects at pinned
 * commits and prints, per rule, how many findings each project gets. The findings themselves are
 * written as JSON for reading one by one. Nothing of the projects is copied into this repository.
 *
 *   node scripts/measure-accuracy.mjs --checkouts DIR [--out DIR]
 *
 * DIR holds one checkout per project, named `<owner>+<repo>`: either a work tree, or a git
 * directory (bare clone, or `repo/` inside it, as `fetch` leaves them), which is exported at the
 * pinned commit into a temporary directory. Run `npm run build` first.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The projects of docs/accuracy.md: different shapes of MCP code, pinned. */
export const projects = [
  { repo: 'modelcontextprotocol/servers', commit: '76d64c822f5125032f89eb71dbdb94e42b434821', shape: 'SDK v1 servers (stdio, Express Streamable HTTP, SSE)' },
  { repo: 'modelcontextprotocol/example-remote-server', commit: '0813d97f50f1c5acf646c16941798f0d89db51fe', shape: 'SDK v1 Express server with OAuth and Redis-backed sessions' },
  { repo: 'cloudflare/mcp-server-cloudflare', commit: '70ff690553722f731849ede6ba9ce98958395a23', shape: 'Workers servers (agents McpAgent on Durable Objects)' },
  { repo: 'janwilmake/stateless-mcp', commit: '53bc4bb9a2de72d399ddcba5bb843e8e619fdf4b', shape: 'hand-rolled JSON-RPC server on Workers' },
  { repo: 'modelcontextprotocol/use-mcp', commit: '40c02d2d982a4fd99d08b931801e10728993c79f', shape: 'browser client library (React hook)' },
  { repo: 'modelcontextprotocol/inspector', commit: '86d5f58ec8c369839b8237455ad8b1c17b15a984', shape: 'client UI and proxy (gateway)' },
  { repo: 'supercorp-ai/supergateway', commit: 'ffd7d247161d486d5c8f15ef6a65f5492881b128', shape: 'stdio ↔ SSE/Streamable HTTP gateway' },
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function option(name) {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
}

/** A work tree of the project at its pinned commit, and whether it is a temporary export. */
function checkoutOf(checkouts, project) {
  const base = join(checkouts, project.repo.replace('/', '+'));
  for (const gitDir of [join(base, 'repo'), base]) {
    if (!existsSync(join(gitDir, 'HEAD')) || existsSync(join(gitDir, '.git'))) continue;
    const target = mkdtempSync(join(tmpdir(), 'mcp-migrate-accuracy-'));
    const archive = execFileSync('git', ['--git-dir', gitDir, 'archive', '--format=tar', project.commit], { maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', target], { input: archive });
    return { dir: target, temporary: true };
  }
  if (existsSync(base)) return { dir: base, temporary: false };
  return undefined;
}

function main() {
  const checkouts = option('--checkouts');
  if (!checkouts) {
    console.error('usage: node scripts/measure-accuracy.mjs --checkouts DIR [--out DIR]');
    process.exit(2);
  }
  const out = resolve(option('--out') ?? join(tmpdir(), 'mcp-migrate-accuracy'));
  mkdirSync(out, { recursive: true });
  const totals = {};
  for (const project of projects) {
    const checkout = checkoutOf(resolve(checkouts), project);
    if (!checkout) {
      console.error(`${project.repo}: no checkout under ${checkouts}, skipped`);
      continue;
    }
    try {
      const run = spawnSync(process.execPath, [join(root, 'bin/mcp-migrate.js'), 'audit', '--format', 'json', '--fail-on', 'none', '--no-config', '.'], {
        cwd: checkout.dir,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      if (run.status !== 0 && run.status !== 1) throw new Error(run.stderr);
      const report = JSON.parse(run.stdout);
      const file = join(out, `${project.repo.replace('/', '+')}.json`);
      writeFileSync(file, JSON.stringify({ ...project, ...report }, null, 2));
      const byRule = Object.entries(report.summary.byRule).map(([id, tally]) => `${id} ${tally.error + tally.warning + tally.info}`);
      console.log(`${project.repo}@${project.commit.slice(0, 8)} (${project.shape}): ${report.summary.filesDiscovered} files, ${report.summary.filesParsed} parsed, ${report.findings.length} findings, ${report.errors.length} file errors`);
      for (const line of byRule) console.log(`  ${line}`);
      for (const [id, tally] of Object.entries(report.summary.byRule)) totals[id] = (totals[id] ?? 0) + tally.error + tally.warning + tally.info;
    } finally {
      if (checkout.temporary) rmSync(checkout.dir, { recursive: true, force: true });
    }
  }
  console.log('\nfindings per rule, all projects:');
  for (const [id, count] of Object.entries(totals).sort()) console.log(`  ${id} ${count}`);
  console.log(`\nfindings to read: ${out}/*.json`);
}

main();
