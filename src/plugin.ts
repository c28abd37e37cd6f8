import type { Linter } from 'eslint';
import { rules } from '../rules/index.js';
import { defaultSeverity, docsOf, pluginNamespace } from './engine/catalog.js';
import { toolName, toolVersion } from './package-info.js';

const recommendedRules: Linter.RulesRecord = Object.fromEntries(
  Object.entries(rules).map(([id, rule]) => [`${pluginNamespace}/${id}`, defaultSeverity(docsOf(rule)) === 'error' ? 'error' : 'warn']),
);

/**
 * The ESLint plugin: the same rule objects the `audit` command runs. `configs.recommended` is a
 * flat config object that enables every rule at its default level; it sets no parser, so it
 * works beside whatever parser the project already uses for TypeScript.
 */
const plugin = {
  meta: { name: toolName, version: toolVersion, namespace: pluginNamespace },
  rules,
  configs: {} as Record<'recommended', Linter.Config>,
};

plugin.configs.recommended = {
  name: `${pluginNamespace}/recommended`,
  plugins: { [pluginNamespace]: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
  rules: recommendedRules,
};

export default plugin;
// Lets CommonJS configs `require('mcp-migrate/eslint-plugin')` get the plugin itself (Node ≥ 20.19).
export { plugin as 'module.exports' };
