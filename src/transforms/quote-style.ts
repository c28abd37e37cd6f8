/**
 * The quote a file mostly uses for its string literals and import sources, so the literals a
 * transform writes look like the file's own (recast's `quote` option). Counts quoted tokens at
 * import/require sites first, where projects are most consistent; defaults to single quotes.
 */
export function detectQuoteStyle(source: string): 'single' | 'double' {
  const count = (pattern: RegExp) => source.match(pattern)?.length ?? 0;
  const single = count(/(?:from|import|require\()\s*'[^'\n]*'/g);
  const double = count(/(?:from|import|require\()\s*"[^"\n]*"/g);
  if (single !== double) return double > single ? 'double' : 'single';
  return count(/"[^"\n]*"/g) > count(/'[^'\n]*'/g) ? 'double' : 'single';
}
