import type { AuditSummary } from './finding.js';

const irregularPlurals: Record<string, string> = { info: 'infos' };

/**
 * `1,234,567`: a whole number grouped by thousands, as `toLocaleString('en-US')` writes it, without
 * the 20–25 ms that its first call spends loading ICU's locale data (a cached audit takes 0.6 s).
 */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** `1 error`, `2 errors`, `1,234 findings`. */
export function plural(count: number, noun: string): string {
  const word = count === 1 ? noun : (irregularPlurals[noun] ?? `${noun}s`);
  return `${formatCount(count)} ${word}`;
}

/** `9 errors, 3 warnings, 1 info`: infos only when there are some, as most runs have none. */
export function severityCounts(summary: AuditSummary): string {
  const { error, warning, info } = summary.findings;
  const counts = [plural(error, 'error'), plural(warning, 'warning')];
  if (info > 0) counts.push(plural(info, 'info'));
  return counts.join(', ');
}
