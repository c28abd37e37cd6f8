import type { FixResult } from '../../engine/fix.js';
import { defaultMarkdownMaxLength } from '../markdown.js';
import { type CuttableBlock, fitMarkdown } from '../markdown-fit.js';
import { cellText, codeSpan } from '../markdown-text.js';
import { formatCount, plural } from '../wording.js';
import { groupedNotes, verbFor } from './notes.js';

type SectionKind = 'files' | 'markers' | 'failed' | 'skipped';

/** Which rows keep their place when the report is too long: the files left unchanged first, skipped paths last. */
const fillOrder: SectionKind[] = ['failed', 'files', 'markers', 'skipped'];

/**
 * `fix --format markdown`: a pull-request body or CI summary of the rewrite, kept under
 * `maxLength` like the audit's (rows of the long tables are left out, the totals never).
 */
export function renderFixMarkdown(result: FixResult, maxLength = defaultMarkdownMaxLength): string {
  const s = result.summary;
  const verb = verbFor(result);
  const totals = `${s.filesChanged} file(s) ${verb.changed}, ${s.edits} edit(s) ${verb.edits}, ${s.markers} marker(s) for a person (${s.markersAdded} new), ${s.failed} failed, ${s.skipped} skipped.`;
  const blocks: CuttableBlock<SectionKind>[] = [
    {
      kind: 'files',
      open: '| file | edits |\n|---|---|',
      rows: result.changed.map((o) => `| ${codeSpan(o.file)} | ${cellText(Object.entries(o.edits).map(([id, n]) => `${id} ×${n}`).join(', ') || 'markers only')} |`),
      close: '',
    },
    {
      kind: 'markers',
      open: '### Markers\n\n| where | rule | what to do |\n|---|---|---|',
      rows: result.markers.map((m) => `| ${codeSpan(`${m.file}:${m.line}`)} | ${codeSpan(m.ruleId)} | ${cellText(m.text)} |`),
      close: '',
    },
    { kind: 'failed', open: '### Left unchanged\n', rows: result.failed.map((f) => `- ${codeSpan(f.file)}: ${cellText(f.reason)}`), close: '' },
    { kind: 'skipped', open: '### Skipped\n', rows: result.skipped.map((f) => `- ${codeSpan(f.file)}: ${cellText(f.reason)}`), close: '' },
  ];
  const notes = groupedNotes(result).map((note) => `> ${cellText(note.message)}${note.files.length > 0 ? ` (${note.files.map(codeSpan).join(', ')})` : ''}`);
  return fitMarkdown({
    head: [`## mcp-migrate fix\n\n${totals}`],
    blocks,
    tail: notes,
    fillOrder,
    maxLength,
    notice: (omitted) => omissionNotice(omitted, maxLength),
  });
}

function omissionNotice(omitted: Partial<Record<SectionKind, number>>, maxLength: number): string {
  const parts = [
    ...(omitted.failed ? [plural(omitted.failed, 'unchanged file')] : []),
    ...(omitted.files ? [plural(omitted.files, 'changed file')] : []),
    ...(omitted.markers ? [plural(omitted.markers, 'marker')] : []),
    ...(omitted.skipped ? [plural(omitted.skipped, 'skipped path')] : []),
  ];
  return `> **Left out: ${parts.join(', ')}**, to keep this under ${formatCount(maxLength)} characters. The full list is in \`mcp-migrate fix --format json\`.`;
}
