import { relative, resolve } from 'node:path';
import { supportsColor } from 'chalk';
import { writeFileAtomically } from '../engine/atomic-write.js';
import type { CacheStatus } from '../engine/audit-cache.js';
import { audit, type AuditProgress } from '../engine/audit.js';
import { gitTopLevel } from '../engine/git.js';
import { isAtLeast, type AuditResult, type Severity } from '../report/finding.js';
import { render, type Format } from '../report/index.js';
import { formatCount } from '../report/wording.js';

export type FailOn = Severity | 'none';

export interface AuditCommandOptions {
  format?: Format;
  output?: string;
  failOn: FailOn;
  rule: string[];
  skipRule: string[];
  /** A path, or `false` from `--no-config`. */
  config?: string | false;
  include: string[];
  exclude: string[];
  jobs?: number;
  maxFileSize?: number;
  cache?: boolean;
  cacheLocation?: string;
  progress: boolean;
  color?: boolean;
}

/** `mcp-migrate audit`: returns the exit code (design.md "Exit codes"). */
export async function runAudit(paths: string[], options: AuditCommandOptions): Promise<number> {
  const progress = progressReporter(options.progress);
  let result: AuditResult;
  try {
    result = await audit({
      paths,
      rules: options.rule,
      skipRules: options.skipRule,
      ...(options.config !== undefined ? { config: options.config } : {}),
      include: options.include,
      exclude: options.exclude,
      ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
      ...(options.maxFileSize !== undefined ? { maxFileSize: options.maxFileSize } : {}),
      ...(options.cache || options.cacheLocation ? { cache: options.cacheLocation ? { location: options.cacheLocation } : true } : {}),
      onProgress: progress.update,
    });
  } finally {
    progress.clear();
  }

  if (result.summary.cache) process.stderr.write(describeCache(result.summary.cache, result.summary.filesDiscovered, result.cwd));
  const format = options.format ?? 'pretty';
  const toFile = options.output !== undefined;
  const color = !toFile && (options.color ?? (supportsColor !== false && supportsColor.level > 0));
  const srcRoot = (await gitTopLevel(result.cwd)) ?? result.cwd;
  const width = !toFile && process.stdout.isTTY ? process.stdout.columns : undefined;
  const report = await render(format, result, { color, srcRoot, ...(width ? { width } : {}) });
  if (options.output) {
    await writeFileAtomically(resolve(options.output), report);
    const { findings, errors } = result.summary;
    process.stderr.write(`mcp-migrate: wrote the ${format} report to ${options.output} (${findings.total} findings, ${errors} file errors)\n`);
  } else {
    process.stdout.write(report);
  }
  return exitCode(result, options.failOn);
}

export function exitCode(result: AuditResult, failOn: FailOn): number {
  if (result.errors.some((error) => error.internal)) return 2;
  if (result.errors.length > 0) return 1;
  if (failOn !== 'none' && result.findings.some((finding) => isAtLeast(finding.severity, failOn))) return 1;
  return 0;
}


/** One self-overwriting line on stderr, only on a terminal and never in CI. */
function progressReporter(enabled: boolean): { update: (progress: AuditProgress) => void; clear: () => void } {
  const active = enabled && process.stderr.isTTY === true && !process.env.CI;
  let last = 0;
  let shown = false;
  return {
    update(progress) {
      if (!active) return;
      const now = Date.now();
      if (now - last < 100 && progress.done !== progress.total) return;
      last = now;
      shown = true;
      const text = progress.phase === 'discover' ? 'finding files…' : `scanning ${progress.done}/${progress.total} files`;
      process.stderr.write(`\r\x1b[2Kmcp-migrate: ${text}`);
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}

/** One line on stderr, so a report is the same bytes with and without the cache. */
function describeCache(cache: CacheStatus, files: number, cwd: string): string {
  const where = relative(cwd, cache.location) || cache.location;
  const lines = [`mcp-migrate: cache ${where}: ${formatCount(cache.hits)} of ${formatCount(files)} files unchanged since the last cached audit`];
  if (cache.discarded) lines.push(`mcp-migrate: started the cache afresh: ${cache.discarded}`);
  if (cache.writeError) lines.push(`mcp-migrate: warning: could not write the cache (${cache.writeError}); the next audit checks every file again`);
  return `${lines.join('\n')}\n`;
}
