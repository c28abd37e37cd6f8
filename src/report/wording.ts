import type { AuditSummary } from './finding.js';

const irregularPlurals: Record<string, string> = { info: 'infos' };

/** `1 error`, `2 errors`, `1,234 findings`. */
export function plural(count: number, noun: string): string {
  const word = count === 1 ? noun : (irregularPlurals[noun] ?? `${noun}s`);
  return `${count.toLocaleString('en-US')} ${word}`;
}

/** `9 errors, 3 warnings, 1 info`: infos only when there are some, as most runs have none. */
export function severityCounts(summary: AuditSummary): string {
  const { error, warning, info } = summary.findings;
  const counts = [plural(error, 'error'), plural(warning, 'warning')];
  if (info > 0) counts.push(plural(info, 'info'));
  return counts.join(', ');
}
