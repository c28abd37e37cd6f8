import type { TextEdit } from './text-edits.js';

/** A `${…}` substitution of a template: its source range and, when known, its static value. */
export interface Substitution {
  range: readonly [number, number];
  value: unknown;
}

/**
 * The edit that takes one header name out of a comma-separated header list written as a string
 * or template literal (`'Content-Type, mcp-session-id'`, `` `Content-Type, ${SESSION_HEADER}` ``),
 * leaving the other names and the list's own spacing as they were. `start`/`end` bound the
 * literal's content (inside the quotes); an item is either plain text or exactly one
 * substitution, compared by its static value. Undefined when the list has no such item or only
 * that one (then the whole value has to go, which is the caller's call).
 */
export function removeHeaderListItem(
  text: string,
  start: number,
  end: number,
  substitutions: readonly Substitution[],
  isTarget: (name: string) => boolean,
): TextEdit | undefined {
  // Split at commas outside substitutions.
  const items: { start: number; end: number }[] = [];
  let itemStart = start;
  for (let at = start; at < end; at++) {
    const inside = substitutions.find((s) => at >= s.range[0] && at < s.range[1]);
    if (inside) {
      at = inside.range[1] - 1;
      continue;
    }
    if (text[at] === ',') {
      items.push({ start: itemStart, end: at });
      itemStart = at + 1;
    }
  }
  items.push({ start: itemStart, end });
  if (items.length < 2) return undefined;

  const trimmed = items.map(({ start: s, end: e }) => {
    const raw = text.slice(s, e);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    return { start: s + lead, end: e - trail };
  });
  const index = trimmed.findIndex((item) => {
    const substitution = substitutions.find((s) => s.range[0] === item.start && s.range[1] === item.end);
    if (substitution) return typeof substitution.value === 'string' && isTarget(substitution.value);
    if (substitutions.some((s) => s.range[0] < item.end && s.range[1] > item.start)) return false;
    return isTarget(text.slice(item.start, item.end));
  });
  if (index < 0) return undefined;
  const item = trimmed[index]!;
  // `A, <item>, B` → `A, B` and `A, <item>` → `A`: from the comma before it; the first item goes with the comma after it.
  if (index > 0) return { range: [items[index]!.start - 1, item.end], text: '' };
  return { range: [item.start, trimmed[1]!.start], text: '' };
}
