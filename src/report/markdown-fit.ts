/**
 * Keeps a Markdown document (a pull request body, a job summary) under a length limit by
 * leaving out rows of its long tables and lists, never its totals: GitHub rejects a pull
 * request body longer than about 65,536 characters, and a job summary is cut at 1 MiB.
 */

/** A table (or list) whose rows may be left out when the document is too long. */
export interface CuttableBlock<Kind extends string> {
  kind: Kind;
  /** Heading and table header, written only when at least one row is kept. */
  open: string;
  rows: string[];
  /** Written after the kept rows (a closing `</details>`), or empty. */
  close: string;
}

export interface FitInput<Kind extends string> {
  /** Blocks always kept, before the cuttable ones (title, totals, small tables). */
  head: string[];
  blocks: CuttableBlock<Kind>[];
  /** Blocks always kept, after the cuttable ones and the omission notice. */
  tail: string[];
  /** Which kinds get room first; rows of the last kind are the first left out. */
  fillOrder: Kind[];
  maxLength: number;
  /** The notice that says how many rows of each kind were left out (only kinds with some). */
  notice: (omitted: Partial<Record<Kind, number>>) => string;
}

const blockSeparator = '\n\n';

/** The whole document when it fits; otherwise as many rows as fit, in `fillOrder`, and the notice. */
export function fitMarkdown<Kind extends string>(input: FitInput<Kind>): string {
  const { head, blocks, tail, fillOrder, maxLength, notice } = input;
  const everything = blocks.map((block) => block.rows.length);
  const full = assemble(head, blocks, everything, undefined, tail);
  if (full.length <= maxLength) return full;

  // The notice is reserved at its longest, as if every row were left out.
  const longestNotice = notice(rowsPerKind(blocks, everything));
  const fixedLength = assemble(head, [], [], longestNotice, tail).length;
  const kept = keptRowCounts(blocks, fillOrder, maxLength - fixedLength);
  const omitted = rowsPerKind(blocks, blocks.map((block, index) => block.rows.length - (kept[index] ?? 0)));
  return assemble(head, blocks, kept, Object.keys(omitted).length > 0 ? notice(omitted) : undefined, tail);
}

function assemble<Kind extends string>(head: string[], blocks: CuttableBlock<Kind>[], kept: number[], notice: string | undefined, tail: string[]): string {
  const tables = blocks.flatMap((block, index) => {
    const rowCount = kept[index] ?? 0;
    return rowCount > 0 ? [blockText(block, rowCount)] : [];
  });
  return `${[...head, ...tables, ...(notice === undefined ? [] : [notice]), ...tail].join(blockSeparator)}\n`;
}

function blockText<Kind extends string>(block: CuttableBlock<Kind>, rowCount: number): string {
  return [block.open, ...block.rows.slice(0, rowCount), ...(block.close ? [block.close] : [])].join('\n');
}

/** What `blockText` adds besides its rows, with the separator before it. */
function blockOverhead<Kind extends string>(block: CuttableBlock<Kind>): number {
  return blockSeparator.length + block.open.length + (block.close ? 1 + block.close.length : 0);
}

/** How many rows of each block fit in `budget` characters, dropping rows from the end of each kind. */
function keptRowCounts<Kind extends string>(blocks: CuttableBlock<Kind>[], fillOrder: Kind[], budget: number): number[] {
  const kept = blocks.map(() => 0);
  let remaining = budget;
  for (const kind of fillOrder) remaining = fillKind(blocks, kind, kept, remaining);
  return kept;
}

function fillKind<Kind extends string>(blocks: CuttableBlock<Kind>[], kind: Kind, kept: number[], budget: number): number {
  let remaining = budget;
  for (const [index, block] of blocks.entries()) {
    if (block.kind !== kind) continue;
    for (const row of block.rows) {
      const cost = (kept[index] === 0 ? blockOverhead(block) : 0) + 1 + row.length;
      if (cost > remaining) return remaining;
      kept[index] = (kept[index] ?? 0) + 1;
      remaining -= cost;
    }
  }
  return remaining;
}

/** Row counts per kind, leaving out kinds with none. */
function rowsPerKind<Kind extends string>(blocks: CuttableBlock<Kind>[], counts: number[]): Partial<Record<Kind, number>> {
  const perKind: Partial<Record<Kind, number>> = {};
  blocks.forEach((block, index) => {
    const count = counts[index] ?? 0;
    if (count > 0) perKind[block.kind] = (perKind[block.kind] ?? 0) + count;
  });
  return perKind;
}
