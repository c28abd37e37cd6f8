import { closest, distance } from 'fastest-levenshtein';

/** ` (did you mean "x"?)` when a known name is close to what was typed, else an empty string. */
export function didYouMean(input: string, known: readonly string[]): string {
  if (known.length === 0) return '';
  const best = closest(input, [...known]);
  const threshold = Math.max(2, Math.floor(best.length / 3));
  return distance(input, best) <= threshold ? ` (did you mean "${best}"?)` : '';
}
