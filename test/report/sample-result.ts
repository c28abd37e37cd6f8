import { resolve } from 'node:path';
import type { AuditResult, FileError, Finding, FixLevel, RuleDescriptor, RuleTally, SkippedPath } from '../../src/report/finding.js';

/** The git top-level of the imaginary audited repository. */
export const repoRoot = resolve('/work/demo-repo');
/** The audit ran in a package of that repository, so finding paths are relative to it. */
export const packageDir = resolve(repoRoot, 'packages/server');

const docs = (ruleId: string) => `https://github.com/mcp-migrate/mcp-migrate/blob/v0.1.0/rules/${ruleId}.md`;

export const sampleRules: RuleDescriptor[] = [
  {
    id: 'no-session-id-header',
    description: 'Disallow the Mcp-Session-Id header, which MCP 2026-07-28 removed',
    severity: 'error',
    docsUrl: docs('no-session-id-header'),
    fixLevels: ['manual'],
  },
  {
    id: 'no-session-state',
    description: 'Disallow application state keyed by the MCP session',
    severity: 'error',
    docsUrl: docs('no-session-state'),
    fixLevels: ['transform', 'manual'],
    transform: 'session-state-handles',
  },
  {
    id: 'no-legacy-resource-not-found-code',
    description: 'Disallow -32002 as the resource-not-found error code',
    severity: 'error',
    docsUrl: docs('no-legacy-resource-not-found-code'),
    fixLevels: ['safe'],
  },
  {
    id: 'no-deprecated-roots',
    description: 'Flag Roots, which MCP 2026-07-28 deprecated',
    severity: 'warning',
    docsUrl: docs('no-deprecated-roots'),
    fixLevels: ['manual'],
  },
  {
    id: 'no-initialize-handshake',
    description: 'Disallow the initialize handshake',
    severity: 'error',
    docsUrl: docs('no-initialize-handshake'),
    fixLevels: ['transform'],
  },
];

/** A finding with sensible defaults; tests override what they look at. */
export function makeFinding(overrides: Partial<Finding> & Pick<Finding, 'ruleId'>): Finding {
  return {
    severity: 'error',
    file: 'src/server.ts',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    message: `Finding of ${overrides.ruleId}`,
    docsUrl: docs(overrides.ruleId),
    fix: 'manual',
    ...overrides,
  };
}

export const sampleFindings: Finding[] = [
  makeFinding({
    ruleId: 'no-session-id-header',
    line: 12,
    column: 5,
    endLine: 12,
    endColumn: 41,
    message: "Reads the `Mcp-Session-Id` header; MCP 2026-07-28 has no sessions, so it's never sent.",
  }),
  makeFinding({
    ruleId: 'no-session-id-header',
    severity: 'warning',
    line: 40,
    column: 3,
    endLine: 40,
    endColumn: 20,
    message: 'Lists `Mcp-Session-Id` in the CORS exposed headers.',
  }),
  makeFinding({
    ruleId: 'no-session-state',
    file: 'src/transport/http handler.ts',
    line: 7,
    column: 1,
    endLine: 9,
    endColumn: 2,
    message: 'Transports are kept in a map keyed by the session id.',
    fix: 'transform',
    transform: 'session-state-handles',
  }),
  makeFinding({
    ruleId: 'no-legacy-resource-not-found-code',
    file: 'src/resources.ts',
    line: 22,
    column: 11,
    endLine: 22,
    endColumn: 17,
    message: 'Resource not found is -32602 in MCP 2026-07-28, not -32002.',
    fix: 'safe',
  }),
  makeFinding({
    ruleId: 'no-deprecated-roots',
    severity: 'info',
    file: 'src/resources.ts',
    line: 3,
    column: 9,
    endLine: 3,
    endColumn: 18,
    message: 'listRoots() is deprecated in MCP 2026-07-28.',
  }),
  makeFinding({
    ruleId: 'unused-disable-directive',
    severity: 'warning',
    line: 2,
    column: 1,
    endLine: 2,
    endColumn: 52,
    message: "Unused eslint-disable directive (no problems were reported from 'mcp-migrate/no-session-state').",
    docsUrl: 'https://github.com/mcp-migrate/mcp-migrate/blob/v0.1.0/README.md#disable-comments',
  }),
];

export const sampleErrors: FileError[] = [
  { file: 'src/broken.ts', message: 'Unexpected token. A constructor, method, accessor, or property was expected.', line: 4, column: 3 },
];

export const sampleSkipped: SkippedPath[] = [{ file: 'vendor/linked', reason: 'symbolic link that leaves the audited root' }];

interface ResultParts {
  findings?: Finding[];
  errors?: FileError[];
  skipped?: SkippedPath[];
  rules?: RuleDescriptor[];
  filesDiscovered?: number;
  filesParsed?: number;
  markers?: number;
  cwd?: string;
}

/** An AuditResult whose summary agrees with its findings, as the engine's would. */
export function makeResult(parts: ResultParts = {}): AuditResult {
  const findings = parts.findings ?? [];
  const errors = parts.errors ?? [];
  const skipped = parts.skipped ?? [];
  const count = (predicate: (finding: Finding) => boolean) => findings.filter(predicate).length;
  const fixCount = (fix: FixLevel) => count((finding) => finding.fix === fix);
  return {
    findings,
    errors,
    skipped,
    rules: parts.rules ?? sampleRules,
    cwd: parts.cwd ?? packageDir,
    summary: {
      filesDiscovered: parts.filesDiscovered ?? 40,
      filesParsed: parts.filesParsed ?? 12,
      filesWithFindings: new Set(findings.map((finding) => finding.file)).size,
      findings: {
        total: findings.length,
        error: count((finding) => finding.severity === 'error'),
        warning: count((finding) => finding.severity === 'warning'),
        info: count((finding) => finding.severity === 'info'),
      },
      byRule: tallyByRule(findings),
      byFix: { safe: fixCount('safe'), transform: fixCount('transform'), manual: fixCount('manual') },
      markers: { total: parts.markers ?? 0, findings: count((finding) => finding.marked === true) },
      errors: errors.length,
      skipped: skipped.length,
      durationMs: 123,
    },
  };
}

function tallyByRule(findings: Finding[]): Record<string, RuleTally> {
  const tallies: Record<string, RuleTally> = {};
  for (const finding of findings) {
    const tally = (tallies[finding.ruleId] ??= { error: 0, warning: 0, info: 0, files: 0 });
    tally[finding.severity] += 1;
  }
  for (const ruleId of Object.keys(tallies)) {
    tallies[ruleId]!.files = new Set(findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.file)).size;
  }
  return tallies;
}

export function sampleResult(): AuditResult {
  return makeResult({ findings: sampleFindings, errors: sampleErrors, skipped: sampleSkipped });
}

export function emptyResult(): AuditResult {
  return makeResult({ filesDiscovered: 7, filesParsed: 0 });
}

/** `count` findings of one rule, each on its own line of one file, with messages long enough to fill a page. */
export function manyFindings(count: number, ruleId = 'no-session-id-header'): Finding[] {
  return Array.from({ length: count }, (_, index) =>
    makeFinding({
      ruleId,
      // Zero-padded, so sorted order is creation order.
      file: `src/handlers/handler-${String(Math.floor(index / 100)).padStart(3, '0')}.ts`,
      line: (index % 100) + 1,
      column: 5,
      endLine: (index % 100) + 1,
      endColumn: 30,
      message: `Finding number ${index + 1}: reads the \`Mcp-Session-Id\` header, which MCP 2026-07-28 removed.`,
    }),
  );
}
