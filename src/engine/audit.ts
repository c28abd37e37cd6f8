import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, validateConfig, type McpMigrateConfig } from '../config.js';
import { didYouMean } from '../did-you-mean.js';
import {
  compareFindings,
  type AuditResult,
  type AuditSummary,
  type FileError,
  type Finding,
  type FixLevel,
  type RuleTally,
  type Severity,
  type SkippedPath,
} from '../report/finding.js';
import { UsageError } from '../usage-error.js';
import { AuditCache, defaultCacheLocation, textHash } from './audit-cache.js';
import { describeRule, engineChecks, knownCheckIds } from './catalog.js';
import { discoverFiles } from './discover.js';
import type { LintOutcome, LintSettings } from './lint.js';
import { backlogPerExtraWorker, createLinting, defaultJobs } from './pool.js';
import { prefilterFor } from './prefilter.js';
import { formatBytes, readSourceSync } from './read-source.js';
import { findMarkers, markerToken } from '../transforms/markers.js';

export interface AuditOptions {
  /** Paths in findings are relative to it; defaults to `process.cwd()`. */
  cwd?: string;
  /** Files and directories to audit; defaults to `cwd`. */
  paths?: string[];
  /** Run only these rules (ids as in `mcp-migrate list`). */
  rules?: string[];
  /** Do not run these rules or checks. */
  skipRules?: string[];
  /** A config file path, a config object, or `false` to ignore config files. Defaults to looking in `cwd`. */
  config?: string | McpMigrateConfig | false;
  /** Globs added to the config's `include`. */
  include?: string[];
  /** Globs added to the config's `exclude`. */
  exclude?: string[];
  /** Worker threads for parsing; 1 runs in this thread. */
  jobs?: number;
  /** Files holding MCP code above this many bytes are reported instead of parsed. */
  maxFileSize?: number;
  /** Reuse and keep each file's outcome in a cache file (`--cache`); `true` uses `defaultCacheLocation`. */
  cache?: boolean | { location: string };
  onProgress?: (progress: AuditProgress) => void;
}

export interface AuditProgress {
  phase: 'discover' | 'scan';
  done: number;
  total: number;
}

export const defaultMaxFileSize = 2 * 1024 * 1024;

/** Files read and prefiltered between turns of the event loop. */
const filesPerTurn = 64;

/**
 * Files waiting for or being parsed at once, and their bytes: bounds the source text held in
 * memory. The count leaves room for the backlog that makes the pool start another worker.
 */
const maxFilesInFlight = 4 * backlogPerExtraWorker;
const maxBytesInFlight = 32 * 1024 * 1024;

/**
 * The audit: discover files, prefilter, parse once and run the enabled rules, collect
 * findings. Configuration and usage problems throw `UsageError`; problems with single files
 * end up in `errors` and never stop the run.
 */
export async function audit(options: AuditOptions = {}): Promise<AuditResult> {
  const started = performance.now();
  const cwd = resolve(options.cwd ?? process.cwd());
  const config =
    options.config === false
      ? {}
      : typeof options.config === 'object'
        ? validateConfig(options.config, 'config')
        : (await loadConfig(cwd, options.config)).config;
  const severities = resolveSeverities(config, options.rules ?? [], options.skipRules ?? []);
  const maxFileSize = options.maxFileSize ?? defaultMaxFileSize;

  options.onProgress?.({ phase: 'discover', done: 0, total: 0 });
  const discovery = await discoverFiles({
    cwd,
    paths: options.paths && options.paths.length > 0 ? options.paths : ['.'],
    include: [...(config.include ?? []), ...(options.include ?? [])],
    exclude: [...(config.exclude ?? []), ...(options.exclude ?? [])],
  });

  const prefilter = prefilterFor(Object.keys(severities));
  const settings: LintSettings = { severities };
  const linting = createLinting(settings, options.jobs ?? defaultJobs(), discovery.files.length);
  const cache = options.cache
    ? AuditCache.open(options.cache === true ? await defaultCacheLocation(cwd) : resolve(cwd, options.cache.location), { severities, maxFileSize, cwd })
    : undefined;
  const findings: Finding[] = [];
  const errors: FileError[] = [];
  let parsed = 0;
  let done = 0;
  let markers = 0;
  const take = (outcome: LintOutcome) => {
    findings.push(...outcome.findings);
    markers += outcome.markers;
    if (outcome.error) errors.push(outcome.error);
  };

  try {
    // Reading and prefiltering is synchronous (see readSourceSync); only parsing is handed off,
    // to the pool or to a later turn of the event loop, and the files the prefilter drops never
    // leave this loop.
    const scanFile = (file: (typeof discovery.files)[number]): { done: Promise<void>; bytes: number } | undefined => {
      const unchanged = cache?.unchanged(file);
      if (unchanged) {
        take(unchanged);
        return undefined;
      }
      const read = readSourceSync(file.absolute);
      if (!read.ok) {
        errors.push({ file: file.relative, message: read.message });
        return undefined;
      }
      // Hashing is cheaper than the prefilter: after a fresh checkout most files are known by their text.
      const sha1 = cache ? textHash(read.text) : undefined;
      const sameText = sha1 ? cache?.sameText(file, sha1) : undefined;
      if (sameText) {
        take(sameText);
        return undefined;
      }
      const { ruleIds, hasDirective } = prefilter.scan(read.text);
      if (ruleIds.length === 0 && !hasDirective) {
        const dropped = { findings: [], markers: read.text.includes(markerToken) ? findMarkers(read.text).length : 0 };
        take(dropped);
        cache?.record(file, dropped, sha1);
        return undefined;
      }
      if (read.bytes > maxFileSize) {
        errors.push({
          file: file.relative,
          message: `file is ${formatBytes(read.bytes)}, over the ${formatBytes(maxFileSize)} parse limit; raise --max-file-size or exclude it`,
        });
        return undefined;
      }
      parsed++;
      const done = linting.lint({ absolute: file.absolute, relative: file.relative, text: read.text, ruleIds }).then((outcome) => {
        take(outcome);
        // A file that could not be parsed or checked is tried again next time.
        if (!outcome.error) cache?.record(file, outcome, sha1);
      });
      return { done, bytes: read.bytes };
    };
    const progress = () => options.onProgress?.({ phase: 'scan', done: ++done, total: discovery.files.length });
    const inFlight = new Set<Promise<void>>();
    let inFlightBytes = 0;
    for (const [index, file] of discovery.files.entries()) {
      // Lets the pool take in finished files and hand out the next ones.
      if (index % filesPerTurn === 0) await new Promise(setImmediate);
      const linted = scanFile(file);
      if (!linted) {
        progress();
        continue;
      }
      const bytes = linted.bytes;
      inFlightBytes += bytes;
      const tracked: Promise<void> = linted.done.then(() => {
        inFlight.delete(tracked);
        inFlightBytes -= bytes;
        progress();
      });
      inFlight.add(tracked);
      while (inFlight.size >= maxFilesInFlight || inFlightBytes >= maxBytesInFlight) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await linting.close();
  }
  await cache?.save((relative) => existsSync(resolve(cwd, relative)));

  findings.sort(compareFindings);
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const ran = Object.keys(severities);
  return {
    findings,
    errors,
    skipped: discovery.skipped,
    summary: {
      ...summarize(findings, errors, discovery.skipped, discovery.files.length, parsed, markers, performance.now() - started),
      ...(cache ? { cache: cache.status } : {}),
    },
    rules: ran.map((id) => describeRule(id)),
    cwd,
  };
}

/**
 * Which rules and checks run, at which severity (`default` keeps each finding's own):
 * config `rules` sets levels and `off`; `--rule` limits the run to the named ones (even if
 * the config turned them off); `--skip-rule` removes.
 */
export function resolveSeverities(
  config: McpMigrateConfig,
  only: readonly string[],
  skip: readonly string[],
): Record<string, Severity | 'default'> {
  const known = knownCheckIds();
  for (const id of [...only, ...skip]) {
    if (!known.includes(id)) {
      throw new UsageError(`unknown rule "${id}"${didYouMean(id, known)}. Valid ids: ${known.join(', ')}`);
    }
  }
  const result: Record<string, Severity | 'default'> = {};
  for (const id of known) {
    const configured = config.rules?.[id];
    const selected = only.length === 0 ? configured !== 'off' : only.includes(id) || Object.hasOwn(engineChecks, id);
    if (!selected || skip.includes(id)) continue;
    result[id] = configured && configured !== 'off' ? configured : 'default';
  }
  return result;
}

function summarize(
  findings: Finding[],
  errors: FileError[],
  skipped: SkippedPath[],
  discovered: number,
  parsed: number,
  markers: number,
  durationMs: number,
): AuditSummary {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byFix: Record<FixLevel, number> = { safe: 0, transform: 0, manual: 0 };
  const byRule: Record<string, RuleTally> = {};
  const filesByRule = new Map<string, Set<string>>();
  for (const finding of findings) {
    bySeverity[finding.severity]++;
    byFix[finding.fix]++;
    const tally = (byRule[finding.ruleId] ??= { error: 0, warning: 0, info: 0, files: 0 });
    tally[finding.severity]++;
    const files = filesByRule.get(finding.ruleId) ?? new Set<string>();
    files.add(finding.file);
    filesByRule.set(finding.ruleId, files);
    tally.files = files.size;
  }
  return {
    filesDiscovered: discovered,
    filesParsed: parsed,
    filesWithFindings: new Set(findings.map((f) => f.file)).size,
    findings: { total: findings.length, ...bySeverity },
    byRule,
    byFix,
    markers: { total: markers, findings: findings.filter((f) => f.marked).length },
    errors: errors.length,
    skipped: skipped.length,
    durationMs: Math.round(durationMs),
  };
}
