import type { FixResult } from '../../engine/fix.js';
import { targetRevision, toolName, toolVersion } from '../../package-info.js';
import { unifiedDiff } from './diff.js';

/** `fix --format json`: stable like the audit's contract; `diff` appears on files in `--dry-run`. */
export function renderFixJson(result: FixResult): string {
  const report = {
    schemaVersion: 1,
    tool: { name: toolName, version: toolVersion },
    target: targetRevision,
    mode: result.mode,
    transforms: result.transforms,
    files: result.changed.map((outcome) => ({
      file: outcome.file,
      edits: outcome.edits,
      markersAdded: outcome.markersAdded,
      ...(result.mode === 'dry-run' ? { diff: unifiedDiff(outcome) } : {}),
    })),
    markers: result.markers.map(({ ruleId, file, line, text }) => ({ ruleId, file, line, text })),
    failed: result.failed,
    skipped: result.skipped,
    notes: result.notes,
    summary: result.summary,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
