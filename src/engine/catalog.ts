import { ruleCatalog } from './rule-catalog.generated.js';
import type { McpRule } from '../../rules/index.js';
import type { FindingKind, McpRuleDocs } from '../create-rule.js';
import { readmeUrl, ruleDocsUrl } from '../package-info.js';
import type { RuleCatalogEntry } from './rule-catalog.js';
import type { RuleTokens } from './prefilter.js';
import { isAtLeast, type FixLevel, type RuleDescriptor, type Severity } from '../report/finding.js';

/** The namespace of our rules in ESLint configs and disable comments: `mcp-migrate/<id>`. */
export const pluginNamespace = 'mcp-migrate';

/** A rule's docs; `createRule` always writes them, the ESLint type just does not promise it. */
export function docsOf(rule: McpRule): McpRuleDocs & { description: string; url?: string } {
  const docs = rule.meta.docs;
  if (!docs) throw new Error('mcp-migrate rule without meta.docs');
  return docs;
}

/** The tokens the prefilter needs to find in a file before the rule is run on it, from its docs or its catalog entry. */
export function ruleTokensOf({ prefilter, prefilterAlso }: Pick<McpRuleDocs, 'prefilter' | 'prefilterAlso'>): RuleTokens {
  return { anyOf: prefilter, alsoOneOf: prefilterAlso };
}

/** A rule's entry in the generated catalog, without loading the rule. */
export function catalogEntry(id: string): RuleCatalogEntry | undefined {
  return Object.hasOwn(ruleCatalog, id) ? ruleCatalog[id] : undefined;
}

/** The ids of our rules, in the registry's order. */
export function ruleIds(): string[] {
  return Object.keys(ruleCatalog);
}

/** The highest severity any of a rule's findings has: the rule's level in `configs.recommended`. */
export function defaultSeverity({ findings }: Pick<McpRuleDocs, 'findings'>): Severity {
  const kinds = Object.values(findings);
  return kinds.reduce<Severity>((highest, kind) => (isAtLeast(kind.severity, highest) ? kind.severity : highest), 'info');
}

export function findingKind(rule: McpRule, messageId: string | undefined): FindingKind | undefined {
  return messageId === undefined ? undefined : docsOf(rule).findings[messageId];
}

export function describeRule(id: string): RuleDescriptor {
  const check = engineChecks[id];
  if (check) return check;
  const entry = catalogEntry(id);
  if (!entry) throw new Error(`unknown rule ${id}`);
  const kinds = Object.values(entry.findings);
  const fixLevels = [...new Set<FixLevel>(kinds.map((k) => k.fix))];
  const transform = kinds.find((k) => k.transform)?.transform;
  return {
    id,
    description: entry.description,
    severity: defaultSeverity(entry),
    docsUrl: ruleDocsUrl(id),
    fixLevels,
    ...(transform ? { transform } : {}),
  };
}

/**
 * Checks the engine itself makes, which configs and `--skip-rule` can name like rules but
 * which are not ESLint rules (ESLint reports these through its own linter options).
 */
export const engineChecks: Readonly<Record<string, RuleDescriptor>> = {
  'unused-disable-directive': {
    id: 'unused-disable-directive',
    description: 'Report eslint-disable comments for mcp-migrate rules that no longer suppress anything',
    severity: 'warning',
    docsUrl: readmeUrl('disable-comments'),
    fixLevels: ['manual'],
  },
};

/** Every id a config, `--rule` or `--skip-rule` may name. */
export function knownCheckIds(): string[] {
  return [...ruleIds(), ...Object.keys(engineChecks)];
}
