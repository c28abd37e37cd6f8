import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** GNU time reports the child's peak resident set size (worker threads live in the same process, so it covers them). */
const gnuTime = '/usr/bin/time';
export const canMeasureMemory = existsSync(gnuTime);

/**
 * Runs `argv` once in `cwd` and returns its wall time (measured here, around the process),
 * peak RSS in MiB and CPU time (both undefined without GNU time), exit status and output.
 * CPU time says how much work a tool did even when other processes share the cores.
 */
export function runOnce(argv, cwd, { env } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'mcp-migrate-bench-time-'));
  const timeFile = join(scratch, 'rss');
  // Peak RSS in KiB, then user and system CPU seconds (children included).
  const command = canMeasureMemory ? [gnuTime, '-f', '%M %U %S', '-o', timeFile, ...argv] : argv;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command[0], command.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      const wallMs = performance.now() - started;
      let peakRssMiB;
      let cpuMs;
      if (canMeasureMemory) {
        // GNU time writes "Command exited with non-zero status N" before the figures when the child fails.
        const [kib, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
        if (Number.isFinite(kib)) peakRssMiB = kib / 1024;
        if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user + system) * 1000;
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({ wallMs, peakRssMiB, cpuMs, status, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

export function median(values) {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * `runs` timed runs of `argv`: median wall time, peak RSS and CPU time, plus the last run for its
 * output. `options.before`, when given, runs untimed before each run.
 */
export async function measure(argv, cwd, runs, options = {}) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    await options.before?.();
    all.push(await runOnce(argv, cwd, options));
  }
  const last = all.at(-1);
  return {
    runs,
    wallMs: median(all.map((r) => r.wallMs)),
    peakRssMiB: median(all.map((r) => r.peakRssMiB)),
    cpuMs: median(all.map((r) => r.cpuMs)),
    wallMsEach: all.map((r) => Math.round(r.wallMs)),
    status: last.status,
    stdout: last.stdout,
    stderr: last.stderr,
  };
}
