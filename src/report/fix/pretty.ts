import type { FixResult } from '../../engine/fix.js';
import { groupedNotes, verbFor } from './notes.js';

/** `fix` in a terminal: what changed per file, markers with file:line, failures, notes, totals. */
export function renderFixPretty(result: FixResult): string {
  const verb = verbFor(result);
  const lines: string[] = [];
  for (const outcome of result.changed) {
    const edits = Object.entries(outcome.edits).map(([id, n]) => `${id} ×${n}`);
    if (outcome.markersAdded) edits.push(`${outcome.markersAdded} marker${outcome.markersAdded === 1 ? '' : 's'}`);
    lines.push(`${verb.changed === 'changed' ? 'changed' : 'would change'}  ${outcome.file}  (${edits.join(', ') || 'markers'})`);
  }
  if (result.markers.length > 0) {
    lines.push('', 'Markers (need a person):');
    for (const marker of result.markers) lines.push(`  ${marker.file}:${marker.line}  ${marker.ruleId}: ${marker.text}`);
  }
  if (result.failed.length > 0) {
    lines.push('', 'Left unchanged because of an error:');
    for (const failure of result.failed) lines.push(`  ${failure.file}: ${failure.reason}`);
  }
  if (result.skipped.length > 0) {
    lines.push('', 'Skipped:');
    for (const skip of result.skipped) lines.push(`  ${skip.file}: ${skip.reason}`);
  }
  for (const note of groupedNotes(result)) lines.push('', `Note: ${note.message}${note.files.length > 0 ? ` (${note.files.join(', ')})` : ''}`);
  const s = result.summary;
  const per = Object.entries(s.byTransform).map(([id, n]) => `${id} ${n}`).join(', ');
  lines.push(
    '',
    `${s.filesChanged} file${s.filesChanged === 1 ? '' : 's'} ${verb.changed} of ${s.filesDiscovered}; ${s.edits} edit${s.edits === 1 ? '' : 's'} ${verb.edits}${per ? ` (${per})` : ''}; ` +
      `${s.markers} marker${s.markers === 1 ? '' : 's'} (${s.markersAdded} new); ${s.failed} failed; ${s.skipped} skipped.`,
  );
  if (result.mode === 'dry-run') lines.push('Dry run: nothing was written.');
  if (result.mode === 'check') lines.push(s.filesChanged > 0 ? 'Check failed: run `mcp-migrate fix` to apply these changes.' : 'Check passed: nothing to change.');
  return `${lines.join('\n').replace(/^\n+/, '')}\n`;
}
