import { targetRevision, toolName, toolVersion } from '../package-info.js';
import { groupByRule, sortFindings, type RuleGroup } from './by-rule.js';
import type { AuditResult, FileError, SkippedPath } from './finding.js';
import { type CuttableBlock, fitMarkdown } from './markdown-fit.js';
import { cellText, codeSpan, escapeHtml, linkTarget } from './markdown-text.js';
import { formatCount, plural } from './wording.js';

export interface MarkdownOptions {
  /** GitHub caps a pull request body near 65,536 characters; the default leaves room for text around it. */
  maxLength?: number;
}

export const defaultMarkdownMaxLength = 60_000;

type SectionKind = 'findings' | 'errors' | 'skipped';
type Section = CuttableBlock<SectionKind>;

// File errors go first because they say the audit is incomplete; skipped paths are deliberate and matter least.
const fillOrder: SectionKind[] = ['errors', 'findings', 'skipped'];

/** A pull request body or `$GITHUB_STEP_SUMMARY`: totals and the per-rule table always, then as many rows as fit. */
export function renderMarkdown(result: AuditResult, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? defaultMarkdownMaxLength;
  const groups = groupByRule(result);
  const head = [`## ${toolName} audit: MCP ${targetRevision}`, totalsLine(result)];
  if (groups.length > 0) head.push(ruleTable(groups));
  return fitMarkdown({
    head,
    blocks: [...findingSections(groups), ...fileErrorSections(result.errors), ...skippedSections(result.skipped)],
    tail: [footerLine(groups.length > 0)],
    fillOrder,
    maxLength,
    notice: (omitted) => omissionNotice(omitted, maxLength),
  });
}

function omissionNotice(omitted: Partial<Record<SectionKind, number>>, maxLength: number): string {
  const parts = [
    ...(omitted.findings ? [plural(omitted.findings, 'finding')] : []),
    ...(omitted.errors ? [plural(omitted.errors, 'file error')] : []),
    ...(omitted.skipped ? [plural(omitted.skipped, 'skipped path')] : []),
  ];
  return (
    `> **Left out: ${parts.join(', ')}**, to keep this under ${formatCount(maxLength)} characters. ` +
    'The full list is in the JSON or SARIF report (`mcp-migrate audit --format json` or `--format sarif`).'
  );
}

function totalsLine(result: AuditResult): string {
  const { summary } = result;
  const { total, error, warning, info } = summary.findings;
  const scanned = `${plural(summary.filesDiscovered, 'file')} scanned, ${formatCount(summary.filesParsed)} parsed`;
  const problems =
    total === 0
      ? `**No MCP ${targetRevision} problems found**`
      : `**${plural(total, 'finding')}** (${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(info, 'info')}) in ${plural(summary.filesWithFindings, 'file')}`;
  return [problems, scanned, plural(summary.errors, 'file error'), plural(summary.skipped, 'skipped path'), ...(summary.markers.total > 0 ? [plural(summary.markers.total, 'mcp-migrate marker')] : [])].join(' · ');
}

function ruleTable(groups: RuleGroup[]): string {
  const rows = groups.map((group) =>
    tableRow([
      group.docsUrl ? `[${codeSpan(group.id)}](${linkTarget(group.docsUrl)})` : codeSpan(group.id),
      group.severities.join(', '),
      String(group.findings.length),
      String(group.files),
      group.fixLevels.join(', '),
    ]),
  );
  return ['| Rule | Severity | Findings | Files | Fix |', '|:--|:--|--:|--:|:--|', ...rows].join('\n');
}

function findingSections(groups: RuleGroup[]): Section[] {
  return groups.map((group, index) => ({
    kind: 'findings',
    open: [
      ...(index === 0 ? ['### Findings', ''] : []),
      `<details><summary><code>${escapeHtml(group.id)}</code>: ${plural(group.findings.length, 'finding')}</summary>`,
      '',
      '| Location | Severity | Message |',
      '|:--|:--|:--|',
    ].join('\n'),
    rows: sortFindings(group.findings).map((finding) =>
      tableRow([codeSpan(`${finding.file}:${finding.line}:${finding.column}`), finding.severity, cellText(finding.message)]),
    ),
    close: '\n</details>',
  }));
}

function fileErrorSections(errors: FileError[]): Section[] {
  if (errors.length === 0) return [];
  const location = (error: FileError) =>
    [error.file, error.line, error.line === undefined ? undefined : error.column].filter((part) => part !== undefined).join(':');
  return [
    {
      kind: 'errors',
      open: ['### Files that could not be checked', '', '| File | Error |', '|:--|:--|'].join('\n'),
      rows: errors.map((error) => tableRow([codeSpan(location(error)), cellText(error.message)])),
      close: '',
    },
  ];
}

function skippedSections(skipped: SkippedPath[]): Section[] {
  if (skipped.length === 0) return [];
  return [
    {
      kind: 'skipped',
      open: ['### Skipped paths', '', '| Path | Reason |', '|:--|:--|'].join('\n'),
      rows: skipped.map((path) => tableRow([codeSpan(path.file), cellText(path.reason)])),
      close: '',
    },
  ];
}

function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function footerLine(hasFindings: boolean): string {
  const explain = hasFindings ? ' · `npx mcp-migrate explain <rule-id>` describes a rule and its fix' : '';
  return `<sub>${toolName} ${toolVersion} · MCP ${targetRevision}${explain}</sub>`;
}
