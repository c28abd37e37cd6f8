import { ruleIds } from '../engine/catalog.js';
import { prefilterFor, type Prefilter } from '../engine/prefilter.js';
import type { TransformOptions } from './types.js';

let allRules: Prefilter | undefined;

/**
 * The rules worth running on `text`: those the configuration enables (`options.rules`; all when
 * run by jscodeshift) whose prefilter tokens it holds, as the audit picks them.
 */
export function rulesFor(text: string, options: TransformOptions): string[] {
  allRules ??= prefilterFor(ruleIds());
  const enabled = options.rules ? new Set(options.rules) : undefined;
  return allRules.scan(text).ruleIds.filter((id) => !enabled || enabled.has(id));
}

/** Whether any rule could report in `text`: the transform prefilter of the passes that run every rule. */
export function anyRuleApplies(text: string): boolean {
  return rulesFor(text, {}).length > 0;
}
