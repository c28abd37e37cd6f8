import type { FixResult } from '../../engine/fix.js';

/** Transform notes grouped by message, so "needs SDK v2" over 40 files is one line, not 40. */
export function groupedNotes(result: FixResult): { message: string; files: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const note of result.notes) groups.set(note.message, [...(groups.get(note.message) ?? []), note.file]);
  return [...groups].map(([message, files]) => ({ message, files }));
}

export function verbFor(result: FixResult): { changed: string; edits: string } {
  return result.mode === 'write' ? { changed: 'changed', edits: 'applied' } : { changed: 'would change', edits: 'to apply' };
}
