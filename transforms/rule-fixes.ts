import type { API, FileInfo } from 'jscodeshift';
import { fixWithRules, runRules } from '../src/transforms/rule-findings.js';
import { rulesFor } from '../src/transforms/rule-selection.js';
import type { TransformOptions } from '../src/transforms/types.js';

/**
 * `rule-fixes`: the rules' own `safe` fixes (design.md principle 4), the same edits `eslint --fix`
 * and editor quick fixes make, applied by `fix` so one command does everything certain. Runs after
 * the structural transforms, which may leave code a safe fix still applies to.
 */
export const parser = 'ts';

export default function transform(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  const ruleIds = rulesFor(file.source, options);
  if (ruleIds.length === 0) return undefined;
  const before = runRules(ruleIds, file.source, file.path).messages.filter((message) => message.fix).length;
  if (before === 0) return undefined;
  const { output, fixed, messages } = fixWithRules(ruleIds, file.source, file.path);
  if (!fixed || output === file.source) return undefined;
  // What verifyAndFix reports is the output's own: the fixable findings left there were not applied.
  api.stats('edits', Math.max(1, before - messages.filter((message) => message.fix).length));
  return output;
}
