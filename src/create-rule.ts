import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
import { legacyGateOf } from './ast/legacy-gate.js';
import { everyRulePrefilter } from './engine/prefilter.js';
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
  /**
   * A second necessary condition, for rules whose tokens are everyday words (`ping`, `task`,
   * `initialize`): the file must also hold one of these. Most such rules report only in files
   * that speak MCP, and use `speaksMcpTokens`, the substrings that evidence needs.
   */
  prefilterAlso?: readonly string[];
}

/**
 * The message id every rule gets for a finding in code gated to 2025 clients (behind
 * `isLegacyRequest()`, an `era === 'legacy'` or protocol-version check): `info` in the audit.
 */
export const legacyGatedMessageId = 'servesLegacyClients';

/** `settings['mcp-migrate'].legacyGated`: what to do with findings in legacy-gated code. */
export interface McpMigrateSettings {
  /** `report` (the audit's choice): as `info`; `ignore` (the default in ESLint): drop them. */
  legacyGated?: 'report' | 'ignore';
}

const createNamedRule = ESLintUtils.RuleCreator<McpRuleDocs>(ruleDocsUrl);

/**
 * Whether rule `id` can report anything in `text`: whether the text holds its prefilter tokens,
 * the necessary condition the audit tests before it parses a file. One scan of the text serves
 * every rule (the prefilter keeps its last result), as ESLint creates all of a file's rules on
 * the same text one after the other. The tokens come from the generated catalog, which
 * test/registry.test.ts checks against each rule's own docs.
 */
function mayReportIn(text: string, id: string): boolean {
  return everyRulePrefilter().scan(text).ruleIds.includes(id);
}

/**
 * Every mcp-migrate rule is made here. Besides ESLint's `RuleCreator` (docs URL, default
 * options), it keeps one report per node, and routes reports in code explicitly gated to 2025
 * clients to one extra message, `servesLegacyClients`, at `info`: dual-era servers keep such
 * code on purpose.
 *
 * In a file without the rule's prefilter tokens the rule listens to nothing, in ESLint as in the
 * audit (which does not even parse such a file): the tokens are a necessary condition of every
 * report, so this changes no finding, and it keeps the plugin from doubling the time ESLint
 * spends on the ordinary files of a monorepo (our 40 rules cost about 5 ms a file there).
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, McpRuleDocs>>,
): ESLintUtils.RuleModule<MessageIds | typeof legacyGatedMessageId, Options, McpRuleDocs> {
  const messages = rule.meta.messages as Record<string, string>;
  const withGate = {
    ...rule,
    meta: {
      ...rule.meta,
      messages: {
        ...rule.meta.messages,
        [legacyGatedMessageId]: '{{message}} This code only serves 2025 clients ({{gate}}): keep it while you support them, and remove it with that support.',
      },
      docs: {
        ...rule.meta.docs,
        findings: { ...rule.meta.docs.findings, [legacyGatedMessageId]: { severity: 'info', fix: 'manual' } },
      },
    },
    create(context: Readonly<TSESLint.RuleContext<MessageIds | typeof legacyGatedMessageId, Options>>, options: Options) {
      if (!mayReportIn(context.sourceCode.text, rule.name)) return {};
      const settings = (context.settings['mcp-migrate'] ?? {}) as McpMigrateSettings;
      // One finding per node: rules reach the same node through several selectors and traces.
      const reported = new Set<TSESTree.Node>();
      const gatedContext = Object.create(context, {
        report: {
          value(descriptor: TSESLint.ReportDescriptor<MessageIds>) {
            const node = 'node' in descriptor ? (descriptor.node as TSESTree.Node) : undefined;
            if (node && !('loc' in descriptor && descriptor.loc)) {
              if (reported.has(node)) return;
              reported.add(node);
            }
            const gate = node ? legacyGateOf(node, context.sourceCode) : undefined;
            if (!gate) return context.report(descriptor);
            if (settings.legacyGated !== 'report') return;
            const message = interpolate(messages[descriptor.messageId] ?? '', descriptor.data as Record<string, unknown> | undefined);
            // The same place as the original report; a gated finding offers no fix.
            const where = 'loc' in descriptor && descriptor.loc ? { node: node!, loc: descriptor.loc } : { node: node! };
            context.report({ ...where, messageId: legacyGatedMessageId, data: { message, gate } });
          },
        },
      }) as typeof context;
      return rule.create(gatedContext as never, options);
    },
  };
  return createNamedRule(withGate as never) as never;
}

/** ESLint's `{{ name }}` placeholders. */
function interpolate(template: string, data: Record<string, unknown> | undefined): string {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, key: string) => (data && key in data ? String(data[key]) : whole));
}
