import type { CacheStatus } from '../engine/audit-cache.js';
import { targetRevision, toolName, toolVersion } from '../package-info.js';
import type { AuditResult, AuditSummary, FileError, Finding, RuleTally, SkippedPath } from './finding.js';

/** The `--format json` contract (design.md, "Output contracts"); bump `schemaVersion` on any breaking change. */
export function renderJson(result: AuditResult): string {
  const report = {
    schemaVersion: 1,
    tool: { name: toolName, version: toolVersion },
    target: targetRevision,
    findings: result.findings.map(findingJson),
    errors: result.errors.map(fileErrorJson),
    skipped: result.skipped.map(skippedJson),
    summary: summaryJson(result.summary),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

// Each object is rebuilt field by field so key order is the contract's, whatever order the engine built it in.
function findingJson(finding: Finding): Record<string, unknown> {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    message: finding.message,
    docsUrl: finding.docsUrl,
    fix: finding.fix,
    ...(finding.transform === undefined ? {} : { transform: finding.transform }),
    ...(finding.marked ? { marked: true } : {}),
  };
}

function fileErrorJson(error: FileError): Record<string, unknown> {
  return {
    file: error.file,
    message: error.message,
    ...(error.line === undefined ? {} : { line: error.line }),
    ...(error.column === undefined ? {} : { column: error.column }),
  };
}

function skippedJson(skipped: SkippedPath): Record<string, unknown> {
  return { file: skipped.file, reason: skipped.reason };
}

function summaryJson(summary: AuditSummary): Record<string, unknown> {
  const { total, error, warning, info } = summary.findings;
  return {
    filesDiscovered: summary.filesDiscovered,
    filesParsed: summary.filesParsed,
    filesWithFindings: summary.filesWithFindings,
    findings: { total, error, warning, info },
    byRule: Object.fromEntries(
      Object.keys(summary.byRule)
        .sort()
        .map((ruleId) => [ruleId, tallyJson(summary.byRule[ruleId]!)]),
    ),
    byFix: { safe: summary.byFix.safe, transform: summary.byFix.transform, manual: summary.byFix.manual },
    markers: { total: summary.markers.total, findings: summary.markers.findings },
    errors: summary.errors,
    skipped: summary.skipped,
    durationMs: summary.durationMs,
    ...(summary.cache ? { cache: cacheJson(summary.cache) } : {}),
  };
}

function cacheJson(cache: CacheStatus): Record<string, unknown> {
  return {
    location: cache.location,
    hits: cache.hits,
    ...(cache.discarded ? { discarded: cache.discarded } : {}),
    ...(cache.writeError ? { writeError: cache.writeError } : {}),
  };
}

function tallyJson(tally: RuleTally): RuleTally {
  return { error: tally.error, warning: tally.warning, info: tally.info, files: tally.files };
}
