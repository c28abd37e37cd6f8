/**
 * A small seeded random source, so that the same options always generate the same tree and
 * two runs of the benchmark measure the same bytes.
 */
export function seededRandom(seed) {
  // mulberry32 over a string hash of the seed: fast, and good enough to vary templates.
  let state = 0;
  for (const char of String(seed)) state = (Math.imul(state ^ char.charCodeAt(0), 2654435761) + 1) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** A whole number in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    /** An entry of `weighted` ([value, weight][]) chosen in proportion to its weight. */
    weighted(weighted) {
      const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of weighted) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return weighted[weighted.length - 1][0];
    },
  };
}

export const capitalize = (word) => word[0].toUpperCase() + word.slice(1);
