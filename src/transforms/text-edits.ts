/** A replacement of `source.slice(range[0], range[1])` by `text`. */
export interface TextEdit {
  range: readonly [number, number];
  text: string;
}

/**
 * Applies non-overlapping edits to `source` (an edit overlapping an earlier-starting one is
 * dropped, as ESLint drops conflicting fixes, and the caller sees it still reported on a
 * re-run). Returns the new text and how many edits were applied.
 */
export function applyTextEdits(source: string, edits: readonly TextEdit[]): { output: string; applied: number } {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let cursor = 0;
  let applied = 0;
  for (const edit of sorted) {
    if (edit.range[0] < cursor) continue;
    output += source.slice(cursor, edit.range[0]) + edit.text;
    cursor = edit.range[1];
    applied++;
  }
  return { output: output + source.slice(cursor), applied };
}

/**
 * A statement's range widened to its whole line(s) when nothing else shares them, so no blank line
 * is left; a `//` comment after it on its last line is about it and goes with it.
 */
export function wholeLines(text: string, range: readonly [number, number]): [number, number] {
  const lineStart = text.lastIndexOf('\n', range[0] - 1) + 1;
  const newline = text.indexOf('\n', range[1]);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  const alone = /^[ \t]*$/.test(text.slice(lineStart, range[0])) && /^[ \t]*(\/\/[^\n]*)?\r?\n?$/.test(text.slice(range[1], lineEnd));
  return alone ? [lineStart, lineEnd] : [range[0], range[1]];
}

/** Where `offset` of the text before `edits` ends up after them (for a marker found before the edits were applied). */
export function shiftedBy(edits: readonly TextEdit[], offset: number): number {
  return offset + edits.filter((e) => e.range[1] <= offset).reduce((sum, e) => sum + e.text.length - (e.range[1] - e.range[0]), 0);
}

/** The file's line break: CRLF when it uses any, so inserted lines match (a mixed file keeps its CRLF). */
export function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The indentation of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** A removal of whole lines that sits between two blank lines also takes the second, so no double blank line is left. */
export function withoutDoubleBlank(text: string, range: readonly [number, number]): [number, number] {
  const blankAfter = /^[ \t]*\r?\n/.exec(text.slice(range[1]));
  const blankBefore = /\n[ \t]*\r?\n$/.test(text.slice(0, range[0]));
  return blankAfter && blankBefore && text[range[0] - 1] === '\n' ? [range[0], range[1] + blankAfter[0].length] : [range[0], range[1]];
}
