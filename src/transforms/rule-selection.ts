import { everyRulePrefilter } from '../engine/prefilter.js';
import type { TransformOptions } from './types.js';

/**
 * The rules worth running on `text`: those the configuration enables (`options.rules`; all when
 * run by jscodeshift) whose prefilter tokens it holds, as the audit picks them.
 */
export function rulesFor(text: string, options: TransformOptions): string[] {
  const enabled = options.rules ? new Set(options.rules) : undefined;
  return everyRulePrefilter().scan(text).ruleIds.filter((id) => !enabled || enabled.has(id));
}

/** Whether any rule could report in `text`: the transform prefilter of the passes that run every rule. */
export function anyRuleApplies(text: string): boolean {
  return rulesFor(text, {}).length > 0;
}
