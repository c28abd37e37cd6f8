import jscodeshift, { type API } from 'jscodeshift';
import { hasWork, type TransformDescriptor } from '../../transforms/index.js';
import { findMarkers } from '../transforms/markers.js';
import { detectQuoteStyle } from '../transforms/quote-style.js';
import { ChangedOnDiskError, replaceFileIfUnchanged } from './atomic-write.js';
import type { SourceFile } from './discover.js';
import { readSourceSync } from './read-source.js';
import { parseError } from './reparse.js';
import { restore, strip } from './source-envelope.js';

export interface MarkerLocation {
  ruleId: string;
  file: string;
  line: number;
  text: string;
}

export interface FileFixOutcome {
  file: string;
  status: 'changed' | 'unchanged' | 'failed' | 'skipped';
  /** Findings each transform resolved in this file. */
  edits: Record<string, number>;
  markersAdded: number;
  /** Every marker in the file's resulting text, old and new. */
  markers: MarkerLocation[];
  /** What transforms said they could not do (`api.report`), e.g. "needs SDK v2". */
  notes: { transform: string; message: string }[];
  /** Why the file was left untouched (`failed`, `skipped`). */
  reason?: string;
  transform?: string;
  /** Original and new text (with BOM, shebang and line endings), for diffs. */
  before?: string;
  after?: string;
}

/**
 * One file as one transaction (design.md principle 5): read; run the selected transforms in
 * order on the code without its BOM, shebang and CRLF; re-parse the result; restore the
 * envelope; and, when `write`, replace the file atomically only if its bytes on disk are still
 * the ones read. Any error leaves the file as it was and is returned, never thrown.
 */
export interface FileFixInput {
  selected: readonly TransformDescriptor[];
  write: boolean;
  /** Rule ids the configuration enables, for the passes that run every rule. */
  enabledRules?: readonly string[];
  /** The official SDK codemod's text for this file (`--upgrade-sdk`), which the transforms start from. */
  upgraded?: { text: string; changes: number };
}

/** The pseudo-transform id `--upgrade-sdk` edits are counted under. */
export const upgradeSdkId = 'upgrade-sdk';

export async function fixFile(file: SourceFile, input: FileFixInput): Promise<FileFixOutcome> {
  const { selected, write, enabledRules, upgraded } = input;
  const outcome: FileFixOutcome = { file: file.relative, status: 'unchanged', edits: {}, markersAdded: 0, markers: [], notes: [] };
  const read = readSourceSync(file.absolute);
  if (!read.ok) return { ...outcome, status: 'skipped', reason: read.message };
  if (!upgraded && !selected.some((t) => hasWork(t, read.text, enabledRules))) return outcome;

  const before = read.raw.toString('utf8');
  const { code: original, envelope } = strip(before);
  let code = upgraded ? strip(upgraded.text).code : original;
  if (upgraded) outcome.edits[upgradeSdkId] = upgraded.changes;
  for (const descriptor of selected) {
    // Asked of the text as it is now: an earlier rewrite can bring in what a later transform acts on.
    if (!hasWork(descriptor, code, enabledRules)) continue;
    const stats: Record<string, number> = {};
    const api: API = {
      j: parserFor(file.absolute),
      jscodeshift: parserFor(file.absolute),
      stats: (name: string, quantity = 1) => void (stats[name] = (stats[name] ?? 0) + quantity),
      report: (message: string) => void outcome.notes.push({ transform: descriptor.id, message }),
    };
    try {
      const { default: transform } = await descriptor.load();
      const output = transform({ path: file.absolute, source: code }, api, { quote: detectQuoteStyle(original), ...(enabledRules ? { rules: enabledRules } : {}) });
      if (typeof output === 'string' && output !== code) code = output;
    } catch (error) {
      return { ...outcome, status: 'failed', transform: descriptor.id, reason: `${descriptor.id} failed: ${(error as Error).message}`, edits: {}, markersAdded: 0 };
    }
    if (stats.edits) outcome.edits[descriptor.id] = stats.edits;
  }
  const markers = findMarkers(code);
  outcome.markers = markers.map((marker) => ({ ...marker, file: file.relative, line: marker.line + envelopeLines(envelope.shebang) }));
  outcome.markersAdded = newMarkerCount(findMarkers(original), markers);
  if (code === original) return { ...outcome, edits: {}, markersAdded: 0 };

  const problem = parseError(code, file.absolute);
  if (problem) return { ...outcome, status: 'failed', reason: `the rewritten file would not parse (${problem}); left unchanged`, edits: {}, markersAdded: 0, markers: [] };
  const after = restore(code, envelope);
  if (write) {
    try {
      await replaceFileIfUnchanged(file.absolute, read.raw, after);
    } catch (error) {
      const reason = error instanceof ChangedOnDiskError ? error.message : `could not write the file: ${(error as Error).message}`;
      return { ...outcome, status: 'failed', reason, edits: {}, markersAdded: 0, markers: [] };
    }
  }
  return { ...outcome, status: 'changed', before, after };
}

function envelopeLines(shebang: string): number {
  return shebang ? 1 : 0;
}

/** jscodeshift with babel's TypeScript parser; `tsx` for files that may hold JSX (plain JS included). */
function parserFor(path: string): API['jscodeshift'] {
  return jscodeshift.withParser(/\.[cm]?ts$/.test(path) ? 'ts' : 'tsx');
}

/**
 * Markers in the result that were not in the file before. Counted on the result rather than from
 * the transforms' own `markers` stats, because a later transform can remove code an earlier one
 * marked, marker included (hand-rolled-client does, after session-header).
 */
function newMarkerCount(before: readonly { ruleId: string; text: string }[], after: readonly { ruleId: string; text: string }[]): number {
  const existing = new Map<string, number>();
  for (const marker of before) existing.set(`${marker.ruleId}\0${marker.text}`, (existing.get(`${marker.ruleId}\0${marker.text}`) ?? 0) + 1);
  let added = 0;
  for (const marker of after) {
    const key = `${marker.ruleId}\0${marker.text}`;
    const left = existing.get(key) ?? 0;
    if (left > 0) existing.set(key, left - 1);
    else added++;
  }
  return added;
}
