import type { FixResult } from '../../engine/fix.js';

/** Notes about the whole project rather than one file carry this `file`. */
export const projectNote = '.';

/** Transform notes grouped by message, so "needs SDK v2" over 40 files is one line, not 40. */
export function groupedNotes(result: FixResult): { message: string; files: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const note of result.notes) {
    const files = groups.get(note.message) ?? [];
    if (note.file !== projectNote) files.push(note.file);
    groups.set(note.message, files);
  }
  return [...groups].map(([message, files]) => ({ message, files }));
}

export function verbFor(result: FixResult): { changed: string; edits: string } {
  return result.mode === 'write' ? { changed: 'changed', edits: 'applied' } : { changed: 'would change', edits: 'to apply' };
}
