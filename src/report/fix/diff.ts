import { createTwoFilesPatch } from 'diff';
import type { FileFixOutcome } from '../../engine/transform-runner.js';

/** A unified diff of one changed file, `a/<file>` → `b/<file>` as `git diff` names them. */
export function unifiedDiff(outcome: FileFixOutcome): string {
  const patch = createTwoFilesPatch(`a/${outcome.file}`, `b/${outcome.file}`, outcome.before ?? '', outcome.after ?? '', undefined, undefined, { context: 3 });
  // The package opens with a `=====` separator line that `git diff` does not print.
  return patch.replace(/^=+\n/, '');
}
