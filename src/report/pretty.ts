import { Chalk, type ChalkInstance } from 'chalk';
import { targetRevision } from '../package-info.js';
import { groupByRule, sortFindings, type RuleGroup } from './by-rule.js';
import type { AuditResult, FileError, Finding, FixLevel, Severity, SkippedPath } from './finding.js';
import { plural, severityCounts } from './wording.js';

export interface PrettyOptions {
  /** Decided by the caller (TTY, `NO_COLOR`, `--color`), so this function reads no environment. */
  color: boolean;
  /** Terminal width to wrap messages at; without it each message stays on one line (for grep and logs). */
  width?: number;
}

type Style = (text: string) => string;

interface Styles {
  file: Style;
  severity: Record<Severity, Style>;
  fix: Record<FixLevel, Style>;
  dim: Style;
  heading: Style;
  failure: Style;
  caution: Style;
  success: Style;
}

/** A cell of an aligned row: its text and how to paint it once padded widths are known. */
interface Cell {
  text: string;
  style?: Style;
  align?: 'left' | 'right';
}

const gap = '  ';
const indent = '  ';

/** Findings grouped by file for a terminal, closing with a per-rule table and the totals. */
export function renderPretty(result: AuditResult, options: PrettyOptions): string {
  const styles = stylesFor(new Chalk({ level: options.color ? 1 : 0 }));
  const groups = groupByRule(result);
  const blocks = [
    ...findingsByFile(result.findings).map((findings) => fileBlock(findings, styles, options.width)),
    ...(result.errors.length > 0 ? [fileErrorBlock(result.errors, styles)] : []),
    ...(result.skipped.length > 0 ? [skippedBlock(result.skipped, styles)] : []),
    ...(groups.length > 0 ? [ruleSummaryBlock(groups, styles)] : []),
    closingLines(result, styles),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function stylesFor(chalk: ChalkInstance): Styles {
  return {
    file: chalk.underline,
    severity: { error: chalk.red, warning: chalk.yellow, info: chalk.blue },
    fix: { safe: chalk.green, transform: chalk.cyan, manual: chalk.magenta },
    dim: chalk.dim,
    heading: chalk.bold,
    failure: chalk.red.bold,
    caution: chalk.yellow.bold,
    success: chalk.green.bold,
  };
}

function findingsByFile(findings: Finding[]): Finding[][] {
  const byFile = new Map<string, Finding[]>();
  for (const finding of sortFindings(findings)) {
    const group = byFile.get(finding.file) ?? [];
    group.push(finding);
    byFile.set(finding.file, group);
  }
  return [...byFile.values()];
}

/**
 * One heading line per finding (position, severity, rule, fix level, aligned within the file),
 * then the message and the docs link under it: MCP messages say what to do, so they are long
 * and get lines of their own.
 */
function fileBlock(findings: Finding[], styles: Styles, width: number | undefined): string {
  const rows = findings.map((finding) => findingCells(finding, styles));
  const widths = columnWidths(rows);
  const bodyIndent = indent + ' '.repeat(widths[0]! + gap.length);
  const lines = findings.flatMap((finding, index) => [
    indent + alignRow(rows[index]!, widths),
    ...wrap(oneLine(finding.message), width === undefined ? undefined : width - bodyIndent.length).map((line) => bodyIndent + line),
    ...(finding.docsUrl ? [bodyIndent + styles.dim(finding.docsUrl)] : []),
  ]);
  return [styles.file(findings[0]!.file), ...lines].join('\n');
}

function findingCells(finding: Finding, styles: Styles): Cell[] {
  return [
    { text: `${finding.line}:${finding.column}`, style: styles.dim },
    { text: finding.severity, style: styles.severity[finding.severity] },
    { text: finding.ruleId, style: styles.heading },
    { text: finding.marked ? `[${finding.fix}, marked]` : `[${finding.fix}]`, style: styles.fix[finding.fix] },
  ];
}

/** Breaks text at spaces into lines of at most `width` characters (a longer word keeps its own line). */
function wrap(text: string, width: number | undefined): string[] {
  if (width === undefined || width < 20 || text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function fileErrorBlock(errors: FileError[], styles: Styles): string {
  const rows = errors.map((error): Cell[] => [
    { text: errorLocation(error) },
    { text: oneLine(error.message), style: styles.severity.error },
  ]);
  return [styles.heading(`${plural(errors.length, 'file')} could not be checked`), ...alignRows(rows)].join('\n');
}

function errorLocation(error: FileError): string {
  if (error.line === undefined) return error.file;
  return error.column === undefined ? `${error.file}:${error.line}` : `${error.file}:${error.line}:${error.column}`;
}

function skippedBlock(skipped: SkippedPath[], styles: Styles): string {
  const rows = skipped.map((path): Cell[] => [{ text: path.file }, { text: oneLine(path.reason), style: styles.dim }]);
  return [styles.heading(`Skipped ${plural(skipped.length, 'path')}`), ...alignRows(rows)].join('\n');
}

function ruleSummaryBlock(groups: RuleGroup[], styles: Styles): string {
  const header: Cell[] = ['Rule', 'Severity', 'Findings', 'Files', 'Fix levels'].map((text, index) => ({
    text,
    style: styles.heading,
    align: index === 2 || index === 3 ? 'right' : 'left',
  }));
  const rows = groups.map((group): Cell[] => [
    { text: group.id },
    { text: group.severities.join(', '), style: styles.severity[group.severities[0] ?? 'info'] },
    { text: String(group.findings.length), align: 'right' },
    { text: String(group.files), align: 'right' },
    { text: group.fixLevels.join(', ') },
  ]);
  return alignRows([header, ...rows]).join('\n');
}

function closingLines(result: AuditResult, styles: Styles): string {
  const { summary } = result;
  const lines: string[] = [];
  if (summary.findings.total > 0) {
    lines.push(styles.dim('Run `mcp-migrate explain <rule-id>` for what a rule flags and how to fix it.'));
  }
  const leftOut = [
    ...(summary.errors > 0 ? [`${plural(summary.errors, 'file')} could not be checked`] : []),
    ...(summary.skipped > 0 ? [`${plural(summary.skipped, 'path')} skipped`] : []),
    ...(summary.markers.total > 0 ? [`${plural(summary.markers.total, 'mcp-migrate marker')} in the code`] : []),
  ];
  const totals = totalsLine(result, styles);
  lines.push(leftOut.length > 0 ? `${totals} ${styles.dim(`(${leftOut.join(', ')})`)}` : totals);
  return lines.join('\n');
}

function totalsLine(result: AuditResult, styles: Styles): string {
  const { summary } = result;
  if (summary.findings.total === 0) {
    return styles.success(`✔ No MCP ${targetRevision} problems found in ${plural(summary.filesDiscovered, 'file')}`);
  }
  const style = summary.findings.error > 0 ? styles.failure : summary.findings.warning > 0 ? styles.caution : styles.severity.info;
  const symbol = summary.findings.error + summary.findings.warning > 0 ? '✖' : 'ℹ';
  return style(
    `${symbol} ${plural(summary.findings.total, 'problem')} (${severityCounts(summary)}) in ${plural(summary.filesWithFindings, 'file')}`,
  );
}

function alignRows(rows: Cell[][]): string[] {
  const widths = columnWidths(rows);
  return rows.map((row) => indent + alignRow(row, widths));
}

function columnWidths(rows: Cell[][]): number[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.text.length)));
  return widths;
}

/** Pads before painting, so escape codes never count towards a column's width; the last cell is not padded. */
function alignRow(row: Cell[], widths: number[]): string {
  return row
    .map((cell, index) => {
      const padding = index === row.length - 1 ? '' : ' '.repeat((widths[index] ?? 0) - cell.text.length);
      const painted = cell.style ? cell.style(cell.text) : cell.text;
      return cell.align === 'right' ? padding + painted : painted + padding;
    })
    .join(gap);
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}
