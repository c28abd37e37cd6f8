import type { TSESLint } from '@typescript-eslint/utils';
import type { McpRuleDocs } from '../src/create-rule.js';
import noLegacyResourceNotFoundCode from './no-legacy-resource-not-found-code.js';
import noSessionIdHeader from './no-session-id-header.js';

/** A rule as the engine and the plugin see it: an ESLint rule whose docs carry mcp-migrate's metadata. */
export type McpRule = TSESLint.RuleModule<string, readonly unknown[], McpRuleDocs>;

/** Every rule, by id. The id is also the file name and the docs page name (`rules/<id>.md`). */
export const rules: Readonly<Record<string, McpRule>> = {
  'no-session-id-header': noSessionIdHeader,
  'no-legacy-resource-not-found-code': noLegacyResourceNotFoundCode,
};

export const ruleIds: readonly string[] = Object.keys(rules);
