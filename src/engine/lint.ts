import { parse as parsePath } from 'node:path';
import { Linter } from 'eslint';
import { rules } from '../../rules/index.js';
import type { McpMigrateSettings } from '../create-rule.js';
import plugin from '../plugin.js';
import type { FileError, Finding, Severity } from '../report/finding.js';
import { findMarkers, isMarked, markerToken } from '../transforms/markers.js';
import { docsOf, engineChecks, findingKind, pluginNamespace } from './catalog.js';
import { reusableConfig, rulesLanguageOptions } from './config-array.js';

/** What every linting thread needs to know; plain data, so it can be sent to workers. */
export interface LintSettings {
  /** Severity per rule or engine check that runs; absent means it does not run. */
  severities: Readonly<Record<string, Severity | 'default'>>;
}

export interface LintTask {
  absolute: string;
  /** As reported: relative to the working directory. */
  relative: string;
  text: string;
  /** The rules the prefilter found worth running on this file. */
  ruleIds: readonly string[];
}

export interface LintOutcome {
  findings: Finding[];
  /** Marker comments in the file. */
  markers: number;
  error?: FileError;
}

const unusedDirectiveCheck = 'unused-disable-directive';
const unusedDirectiveMessage = /^Unused eslint-(disable|enable) directive/;

/**
 * Runs our rules through ESLint's `Linter` with `@typescript-eslint/parser`, never loading the
 * audited project's own ESLint config (design.md principle 1). One parse per file serves every
 * rule; disable comments naming `mcp-migrate/<id>` work as in the editor.
 */
export class LintRunner {
  private readonly cwd = parsePath(process.cwd()).root;
  private readonly linter = new Linter({ cwd: this.cwd });
  private readonly configs = new Map<string, Linter.Config[]>();

  constructor(private readonly settings: LintSettings) {}

  lint(task: LintTask): LintOutcome {
    let messages: Linter.LintMessage[];
    try {
      messages = this.linter.verify(task.text, this.configFor(task.ruleIds), { filename: task.absolute });
    } catch (error) {
      return { findings: [], markers: 0, error: { file: task.relative, message: `mcp-migrate failed on this file (please report it): ${(error as Error).message}`, internal: true } };
    }
    const fatal = messages.find((message) => message.fatal);
    if (fatal) {
      return { findings: [], markers: 0, error: { file: task.relative, message: fatal.message, line: fatal.line, column: fatal.column } };
    }
    const findings = messages.flatMap((message) => this.toFindings(message, task.relative));
    if (!task.text.includes(markerToken)) return { findings, markers: 0 };
    return { findings: this.withMarkers(findings), markers: findMarkers(task.text).length };
  }

  /** A finding with a marker of its rule at its statement was left to a person by `fix`: `manual`, whatever its kind. */
  private withMarkers(findings: Finding[]): Finding[] {
    const sourceCode = this.linter.getSourceCode();
    if (!sourceCode) return findings;
    return findings.map((finding) => {
      const offset = sourceCode.getIndexFromLoc({ line: finding.line, column: finding.column - 1 });
      if (!isMarked(sourceCode, offset, finding.ruleId)) return finding;
      const { transform: _resolvedBy, ...rest } = finding;
      return { ...rest, fix: 'manual', marked: true };
    });
  }

  /** Configs differ only by the set of rules the prefilter picked, so a handful are ever built. */
  private configFor(ruleIds: readonly string[]): Linter.Config[] {
    const key = ruleIds.join(',');
    let config = this.configs.get(key);
    if (!config) {
      const enabled = Object.fromEntries(ruleIds.map((id) => [`${pluginNamespace}/${id}`, 'warn' as const]));
      config = reusableConfig([
        {
          files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
          languageOptions: { ...rulesLanguageOptions, sourceType: 'module' },
          linterOptions: { reportUnusedDisableDirectives: this.settings.severities[unusedDirectiveCheck] ? 'warn' : 'off' },
          plugins: { [pluginNamespace]: plugin as never },
          // The audit reports code gated to 2025 clients, at `info`; the editor default drops it.
          settings: { [pluginNamespace]: { legacyGated: 'report' } satisfies McpMigrateSettings },
          rules: enabled,
        },
        { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
      ], this.cwd);
      this.configs.set(key, config);
    }
    return config;
  }

  private toFindings(message: Linter.LintMessage, file: string): Finding[] {
    const location = {
      file,
      line: message.line,
      column: message.column,
      endLine: message.endLine ?? message.line,
      endColumn: message.endColumn ?? message.column,
    };
    if (message.ruleId === null) return this.unusedDirectiveFinding(message, location);
    const id = message.ruleId.slice(pluginNamespace.length + 1);
    const rule = rules[id];
    if (!rule) return [];
    const kind = findingKind(rule, message.messageId);
    const configured = this.settings.severities[id];
    const severity = configured && configured !== 'default' ? configured : (kind?.severity ?? 'error');
    // A kind whose fix is `safe` is only safe where the rule could attach the edit.
    const fix = message.fix ? 'safe' : kind?.fix === 'safe' || !kind ? 'manual' : kind.fix;
    return [
      {
        ruleId: id,
        severity,
        ...location,
        message: message.message,
        docsUrl: docsOf(rule).url ?? '',
        fix,
        ...(fix === 'transform' && kind?.transform ? { transform: kind.transform } : {}),
      },
    ];
  }

  /**
   * ESLint reports every unused directive, including those for rules of other plugins that
   * this run never loads; only directives naming enabled mcp-migrate rules are ours to report.
   */
  private unusedDirectiveFinding(message: Linter.LintMessage, location: Omit<Finding, 'ruleId' | 'severity' | 'message' | 'docsUrl' | 'fix'>): Finding[] {
    const verb = unusedDirectiveMessage.exec(message.message)?.[1];
    const configured = this.settings.severities[unusedDirectiveCheck];
    if (!verb || !configured) return [];
    const ours = [...message.message.matchAll(/'([^']+)'/g)]
      .map((match) => match[1]!)
      .filter((name) => name.startsWith(`${pluginNamespace}/`) && this.settings.severities[name.slice(pluginNamespace.length + 1)]);
    if (ours.length === 0) return [];
    const check = engineChecks[unusedDirectiveCheck]!;
    return [
      {
        ruleId: unusedDirectiveCheck,
        severity: configured === 'default' ? check.severity : configured,
        ...location,
        message: `Unused eslint-${verb} directive: ${ours.join(', ')} reported nothing here. Remove ${ours.length > 1 ? 'these rule ids' : 'it'} from the comment.`,
        docsUrl: check.docsUrl,
        fix: 'manual',
      },
    ];
  }
}
