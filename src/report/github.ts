import { targetRevision, toolName } from '../package-info.js';
import { sortFindings } from './by-rule.js';
import type { AuditResult, FileError, Finding, Severity } from './finding.js';
import { slashPath } from './paths.js';
import { plural, severityCounts } from './wording.js';

export interface GithubOptions {
  /**
   * The repository root. GitHub places annotations by paths relative to it, so when the audit runs in a
   * subdirectory the paths are rewritten; without it they stay relative to `result.cwd`.
   */
  srcRoot?: string;
}

type CommandName = 'error' | 'warning' | 'notice';

const commandOf: Record<Severity, CommandName> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub Actions workflow commands, which the runner turns into annotations on the pull request. */
export function renderGithub(result: AuditResult, options: GithubOptions = {}): string {
  const filePath = (file: string) => (options.srcRoot === undefined ? file : slashPath(result.cwd, file, options.srcRoot));
  const lines = [
    ...sortFindings(result.findings).map((finding) => findingCommand(finding, filePath(finding.file))),
    ...result.errors.map((error) => fileErrorCommand(error, filePath(error.file))),
    workflowCommand('notice', {}, summaryText(result)),
  ];
  return `${lines.join('\n')}\n`;
}

function findingCommand(finding: Finding, file: string): string {
  const properties = {
    file,
    line: finding.line,
    col: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    title: finding.ruleId,
  };
  const docs = finding.docsUrl ? ` (${finding.docsUrl})` : '';
  return workflowCommand(commandOf[finding.severity], properties, `${finding.message}${docs}`);
}

function fileErrorCommand(error: FileError, file: string): string {
  const properties = { file, line: error.line, col: error.line === undefined ? undefined : error.column };
  return workflowCommand('error', properties, error.message);
}

function summaryText(result: AuditResult): string {
  const { summary } = result;
  const scanned = `${plural(summary.filesDiscovered, 'file')} scanned`;
  const problems =
    summary.findings.total === 0
      ? `no MCP ${targetRevision} problems`
      : `${plural(summary.findings.total, 'problem')} (${severityCounts(summary)}) in ${plural(summary.filesWithFindings, 'file')}`;
  const notChecked = summary.errors > 0 ? `; ${plural(summary.errors, 'file')} could not be checked` : '';
  return `${toolName}: ${problems}; ${scanned}${notChecked}`;
}

function workflowCommand(name: CommandName, properties: Record<string, string | number | undefined>, message: string): string {
  const present = Object.entries(properties).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  const rendered = present.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${name}${rendered ? ` ${rendered}` : ''}::${escapeData(message)}`;
}

/** As `@actions/core` escapes a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As `@actions/core` escapes a property value, where `:` and `,` would end it. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
