import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
import { ruleDocsUrl } from './package-info.js';
import type { FixLevel, Severity } from './report/finding.js';

/** The default severity and fix level of one kind of finding (one `messageId`). */
export interface FindingKind {
  severity: Severity;
  fix: FixLevel;
  /** The transform that resolves it, when `fix` is `transform`. */
  transform?: string;
}

/** What every mcp-migrate rule declares besides ESLint's own `meta.docs` fields. */
export interface McpRuleDocs {
  /** The 2026-07-28 specification section the rule enforces. */
  spec: string;
  /** Rows of the detection catalogue (reference §15) the rule covers. */
  catalogue: readonly string[];
  /**
   * Severity and fix level per `messageId`. One rule can report a breaking change as an error
   * and a harmless leftover as a warning; the CLI keeps that distinction, while ESLint applies
   * the single severity of the rule's config.
   */
  findings: Readonly<Record<string, FindingKind>>;
  /**
   * Case-insensitive substrings of which a file must contain at least one for the rule to be
   * able to report anything in it. Files with none are never parsed for this rule, so every
   * token list must be a necessary condition of every report.
   */
  prefilter: readonly string[];
}

export const createRule = ESLintUtils.RuleCreator<McpRuleDocs>(ruleDocsUrl);
