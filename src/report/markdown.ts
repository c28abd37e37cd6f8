import { targetRevision, toolName, toolVersion } from '../package-info.js';
import { groupByRule, sortFindings, type RuleGroup } from './by-rule.js';
import type { AuditResult, FileError, SkippedPath } from './finding.js';
import { cellText, codeSpan, escapeHtml, linkTarget } from './markdown-text.js';
import { plural } from './wording.js';

export interface MarkdownOptions {
  /** GitHub caps a pull request body near 65,536 characters; the default leaves room for text around it. */
  maxLength?: number;
}

export const defaultMarkdownMaxLength = 60_000;

type SectionKind = 'findings' | 'errors' | 'skipped';

/** A table whose rows may be left out when the document is too long. */
interface Section {
  kind: SectionKind;
  open: string;
  rows: string[];
  close: string;
}

// File errors go first because they say the audit is incomplete; skipped paths are deliberate and matter least.
const fillOrder: SectionKind[] = ['errors', 'findings', 'skipped'];
const blockSeparator = '\n\n';

/** A pull request body or `$GITHUB_STEP_SUMMARY`: totals and the per-rule table always, then as many rows as fit. */
export function renderMarkdown(result: AuditResult, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? defaultMarkdownMaxLength;
  const groups = groupByRule(result);
  const head = [`## ${toolName} audit: MCP ${targetRevision}`, totalsLine(result)];
  if (groups.length > 0) head.push(ruleTable(groups));
  const sections = [...findingSections(groups), ...fileErrorSections(result.errors), ...skippedSections(result.skipped)];
  const footer = footerLine(groups.length > 0);

  const everything = sections.map((section) => section.rows.length);
  const full = assemble(head, sections, everything, undefined, footer);
  if (full.length <= maxLength) return full;

  // The notice is reserved at its longest, as if every row were left out.
  const longestNotice = omissionNotice(rowsPerKind(sections, everything), maxLength);
  const fixedLength = assemble(head, [], [], longestNotice, footer).length;
  const kept = keptRowCounts(sections, maxLength - fixedLength);
  const omitted = rowsPerKind(sections, sections.map((section, index) => section.rows.length - (kept[index] ?? 0)));
  const anyOmitted = Object.values(omitted).some((count) => count > 0);
  return assemble(head, sections, kept, anyOmitted ? omissionNotice(omitted, maxLength) : undefined, footer);
}

function assemble(head: string[], sections: Section[], kept: number[], notice: string | undefined, footer: string): string {
  const tables = sections.flatMap((section, index) => {
    const rowCount = kept[index] ?? 0;
    return rowCount > 0 ? [tableBlock(section, rowCount)] : [];
  });
  const blocks = [...head, ...tables, ...(notice === undefined ? [] : [notice]), footer];
  return `${blocks.join(blockSeparator)}\n`;
}

function tableBlock(section: Section, rowCount: number): string {
  return [section.open, ...section.rows.slice(0, rowCount), ...(section.close ? [section.close] : [])].join('\n');
}

/** What `tableBlock` adds besides its rows, with the separator before it. */
function tableOverhead(section: Section): number {
  return blockSeparator.length + section.open.length + (section.close ? 1 + section.close.length : 0);
}

/** How many rows of each section fit in `budget` characters, dropping rows from the end of each kind. */
function keptRowCounts(sections: Section[], budget: number): number[] {
  const kept = sections.map(() => 0);
  let remaining = budget;
  for (const kind of fillOrder) remaining = fillKind(sections, kind, kept, remaining);
  return kept;
}

function fillKind(sections: Section[], kind: SectionKind, kept: number[], budget: number): number {
  let remaining = budget;
  for (const [index, section] of sections.entries()) {
    if (section.kind !== kind) continue;
    for (const row of section.rows) {
      const cost = (kept[index] === 0 ? tableOverhead(section) : 0) + 1 + row.length;
      if (cost > remaining) return remaining;
      kept[index] = (kept[index] ?? 0) + 1;
      remaining -= cost;
    }
  }
  return remaining;
}

function rowsPerKind(sections: Section[], counts: number[]): Record<SectionKind, number> {
  const perKind: Record<SectionKind, number> = { findings: 0, errors: 0, skipped: 0 };
  sections.forEach((section, index) => (perKind[section.kind] += counts[index] ?? 0));
  return perKind;
}

function omissionNotice(omitted: Record<SectionKind, number>, maxLength: number): string {
  const parts = [
    ...(omitted.findings > 0 ? [plural(omitted.findings, 'finding')] : []),
    ...(omitted.errors > 0 ? [plural(omitted.errors, 'file error')] : []),
    ...(omitted.skipped > 0 ? [plural(omitted.skipped, 'skipped path')] : []),
  ];
  return (
    `> **Left out: ${parts.join(', ')}**, to keep this under ${maxLength.toLocaleString('en-US')} characters. ` +
    'The full list is in the JSON or SARIF report (`mcp-migrate audit --format json` or `--format sarif`).'
  );
}

function totalsLine(result: AuditResult): string {
  const { summary } = result;
  const { total, error, warning, info } = summary.findings;
  const scanned = `${plural(summary.filesDiscovered, 'file')} scanned, ${summary.filesParsed.toLocaleString('en-US')} parsed`;
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
