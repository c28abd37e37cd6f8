import type { CacheStatus } from '../engine/audit-cache.js';
/** How bad a finding is. `info` marks code that is fine today but worth knowing about. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * What it takes to resolve a finding (design.md principle 4):
 * - `safe`: a behaviour-preserving edit under 2026-07-28, applied by `eslint --fix`;
 * - `transform`: a structural rewrite applied by `mcp-migrate fix`, meant for review;
 * - `manual`: no guess; the message says exactly what to do.
 */
export type FixLevel = 'safe' | 'transform' | 'manual';

export const severities: readonly Severity[] = ['error', 'warning', 'info'];

export const fixLevels: readonly FixLevel[] = ['safe', 'transform', 'manual'];

/** One problem at one place in one file. Lines and columns are 1-based; `endColumn` is exclusive. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Relative to the working directory, with `/` separators. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  docsUrl: string;
  fix: FixLevel;
  /** The transform that resolves it, when `fix` is `transform`. */
  transform?: string;
  /** A marker comment of `mcp-migrate fix` stands at it: a person has to act, and the marker says how. */
  marked?: true;
}

/** A file the audit could not check (unreadable, binary, not UTF-8, too large, unparseable). */
export interface FileError {
  file: string;
  message: string;
  line?: number;
  column?: number;
  /** mcp-migrate itself failed (a bug), rather than the file being unreadable or unparseable. */
  internal?: boolean;
}

/** A path discovery left out on purpose, for example a symbolic link that leaves the audited root. */
export interface SkippedPath {
  file: string;
  reason: string;
}

export interface RuleTally {
  error: number;
  warning: number;
  info: number;
  files: number;
}

export interface AuditSummary {
  /** Source files discovery found. */
  filesDiscovered: number;
  /** Files that held an MCP token and were parsed; the rest never are. */
  filesParsed: number;
  filesWithFindings: number;
  findings: { total: number; error: number; warning: number; info: number };
  /** Per rule id, only rules with at least one finding. */
  byRule: Record<string, RuleTally>;
  /** Per fix level. */
  byFix: Record<FixLevel, number>;
  /** Marker comments `mcp-migrate fix` left in the audited files, and how many findings sit at one. */
  markers: { total: number; findings: number };
  errors: number;
  skipped: number;
  durationMs: number;
  /** With `--cache`: where it is, and how many files' outcomes came from it instead of being read or parsed. */
  cache?: CacheStatus;
}

export interface AuditResult {
  findings: Finding[];
  errors: FileError[];
  skipped: SkippedPath[];
  summary: AuditSummary;
  /** The rules that ran, for reporters that describe them (SARIF). */
  rules: RuleDescriptor[];
  /** The directory `file` paths are relative to. */
  cwd: string;
}

/** What reporters need to know about a rule, without loading ESLint. */
export interface RuleDescriptor {
  id: string;
  description: string;
  severity: Severity;
  docsUrl: string;
  fixLevels: FixLevel[];
  transform?: string;
}

const severityRank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank[severity] >= severityRank[threshold];
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
