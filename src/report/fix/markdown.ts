import type { FixResult } from '../../engine/fix.js';
import { cellText, codeSpan } from '../markdown-text.js';
import { groupedNotes, verbFor } from './notes.js';

/** `fix --format markdown`: a pull-request body or CI summary of the rewrite. */
export function renderFixMarkdown(result: FixResult): string {
  const s = result.summary;
  const verb = verbFor(result);
  const out: string[] = [
    '## mcp-migrate fix',
    '',
    `${s.filesChanged} file(s) ${verb.changed}, ${s.edits} edit(s) ${verb.edits}, ${s.markers} marker(s) for a person (${s.markersAdded} new), ${s.failed} failed, ${s.skipped} skipped.`,
  ];
  if (result.changed.length > 0) {
    out.push('', '| file | edits |', '|---|---|');
    for (const o of result.changed) out.push(`| ${codeSpan(o.file)} | ${cellText(Object.entries(o.edits).map(([id, n]) => `${id} ×${n}`).join(', ') || 'markers only')} |`);
  }
  if (result.markers.length > 0) {
    out.push('', '### Markers', '', '| where | rule | what to do |', '|---|---|---|');
    for (const m of result.markers) out.push(`| ${codeSpan(`${m.file}:${m.line}`)} | ${codeSpan(m.ruleId)} | ${cellText(m.text)} |`);
  }
  if (result.failed.length > 0) {
    out.push('', '### Left unchanged', '');
    for (const f of result.failed) out.push(`- ${codeSpan(f.file)}: ${cellText(f.reason)}`);
  }
  if (result.skipped.length > 0) {
    out.push('', '### Skipped', '');
    for (const f of result.skipped) out.push(`- ${codeSpan(f.file)}: ${cellText(f.reason)}`);
  }
  for (const note of groupedNotes(result)) out.push('', `> ${cellText(note.message)}${note.files.length > 0 ? ` (${note.files.map(codeSpan).join(', ')})` : ''}`);
  return `${out.join('\n')}\n`;
}
