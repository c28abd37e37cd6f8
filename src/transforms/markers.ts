import type { Rule, SourceCode } from 'eslint';
import { applyTextEdits, lineBreakOf, type TextEdit, wholeLines } from './text-edits.js';

/**
 * Marker comments (design.md principle 6): `/* mcp-migrate(<rule-id>): <what to do>. <docs URL> *\/`,
 * put where a rewrite needs a person. One helper places them all, so every marker has the same
 * shape, sits as a leading comment on its own line before the enclosing statement (never inside a
 * string or template literal, since statements never start there), and is not added twice.
 */
export interface MarkerRequest {
  ruleId: string;
  /** What to do, one sentence; a trailing period is added when missing. */
  text: string;
  docsUrl: string;
  /** 0-based offset of the code that needs a person. */
  offset: number;
  /**
   * `statement` (the default): before the enclosing statement. `line`: on its own line right
   * before the line holding `offset`, for code that is no statement of its own (a `case` clause,
   * an object property); falls back to `statement` when that line starts inside a token (a
   * multi-line string, template or comment).
   */
  placement?: 'statement' | 'line';
}

const markerPattern = /\/\*\s*mcp-migrate\(([a-z0-9-]+)\):([^]*?)\*\//g;

export function markerComment(ruleId: string, text: string, docsUrl: string): string {
  // A `*/` inside the text would end the comment early.
  const sentence = text.replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim();
  return `/* mcp-migrate(${ruleId}): ${/[.!?]$/.test(sentence) ? sentence : `${sentence}.`} ${docsUrl} */`;
}

/**
 * Inserts a marker before the statement enclosing each request, unless that statement already
 * carries a marker of the same rule (a re-run, or two findings in one statement).
 */
export function insertMarkers(sourceCode: SourceCode, requests: readonly MarkerRequest[]): { output: string; added: number } {
  const text = sourceCode.text;
  const edits: TextEdit[] = [];
  const placed = new Set<string>();
  for (const request of requests) {
    const line = request.placement === 'line' ? lineInsertion(sourceCode, request) : undefined;
    if (line) {
      const key = `${line.at}:${request.ruleId}`;
      if (placed.has(key) || line.marked) continue;
      placed.add(key);
      edits.push({ range: [line.at, line.at], text: line.text });
      continue;
    }
    const statement = enclosingStatement(sourceCode, request.offset);
    if (!statement?.range) continue;
    const key = `${statement.range[0]}:${request.ruleId}`;
    if (placed.has(key) || hasMarker(sourceCode, statement, request.ruleId)) continue;
    placed.add(key);
    const lineStart = text.lastIndexOf('\n', statement.range[0] - 1) + 1;
    const before = text.slice(lineStart, statement.range[0]);
    const newline = lineBreakOf(text);
    const comment = markerComment(request.ruleId, request.text, request.docsUrl);
    // On its own line with the statement's indentation; after other code on the same line (`case x: stmt`), inline.
    const insertion = /^\s*$/.test(before) ? `${comment}${newline}${before}` : `${comment} `;
    edits.push({ range: [statement.range[0], statement.range[0]], text: insertion });
  }
  const { output, applied } = applyTextEdits(text, edits);
  return { output, added: applied };
}

/**
 * Whether a marker of `ruleId` stands before the statement enclosing `offset`: the finding there
 * was left to a person by `fix`, so the audit reports it as `manual` and marked.
 */
export function isMarked(sourceCode: SourceCode, offset: number, ruleId: string): boolean {
  const statement = enclosingStatement(sourceCode, offset);
  if (statement !== undefined && hasMarker(sourceCode, statement, ruleId)) return true;
  // A marker put with `placement: 'line'` sits on the line above (a `case` clause, a property).
  return lineAboveIsMarker(sourceCode.text, offset, ruleId);
}

/** Cheap test before parsing comments: every marker contains this. */
export const markerToken = 'mcp-migrate(';

/** Whether the line above the one holding `offset` is a marker of `ruleId` (how `placement: 'line'` puts them). */
function lineAboveIsMarker(text: string, offset: number, ruleId: string): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  return lineStart > 0 && text.slice(previousStart, lineStart).trimStart().startsWith(`/* mcp-migrate(${ruleId}):`);
}

/**
 * For `placement: 'line'`: where the marker goes (the start of the line holding the offset), its
 * text with the line's indentation, and whether the line above already is such a marker.
 */
function lineInsertion(sourceCode: SourceCode, request: MarkerRequest): { at: number; text: string; marked: boolean } | undefined {
  const text = sourceCode.text;
  const lineStart = text.lastIndexOf('\n', request.offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const first = lineStart + indent.length;
  // A token or comment starts there, so the line does not begin inside a string, template or comment.
  if (!sourceCode.getTokenByRangeStart(first, { includeComments: true })) return undefined;
  const newline = lineBreakOf(text);
  const marked = lineAboveIsMarker(text, request.offset, request.ruleId);
  return { at: lineStart, text: `${indent}${markerComment(request.ruleId, request.text, request.docsUrl)}${newline}`, marked };
}

/** The markers in a file's text, with 1-based lines: what reports count and list. */
export function findMarkers(text: string): { ruleId: string; line: number; text: string }[] {
  const found: { ruleId: string; line: number; text: string }[] = [];
  for (const match of text.matchAll(markerPattern)) {
    const line = text.slice(0, match.index).split('\n').length;
    found.push({ ruleId: match[1]!, line, text: match[2]!.trim() });
  }
  return found;
}

type Node = Rule.Node | (SourceCode['ast'] & { parent?: undefined });

/** Whether `offset` is in the test of a `case` clause: a marker there belongs above the `case` (`placement: 'line'`), not above the whole `switch`. */
export function isInCaseTest(sourceCode: SourceCode, offset: number): boolean {
  let node = sourceCode.getNodeByRangeIndex(offset) as Node | null;
  while (node && node.type !== 'Program') {
    const parent = node.parent as Node | undefined;
    if (parent?.type === 'SwitchCase') return parent.test === node;
    node = parent ?? null;
  }
  return false;
}

/** The innermost statement (or class member) holding `offset` that sits in a list of statements. */
function enclosingStatement(sourceCode: SourceCode, offset: number): Node | undefined {
  let node = sourceCode.getNodeByRangeIndex(offset) as Node | null;
  while (node && node.type !== 'Program') {
    const parent = node.parent as Node | undefined;
    if (parent && isStatementList(parent, node)) return node;
    node = parent ?? null;
  }
  return undefined;
}

function isStatementList(parent: Node, child: Node): boolean {
  switch (parent.type) {
    case 'Program':
    case 'BlockStatement':
    case 'StaticBlock':
    case 'ClassBody':
      return true;
    case 'SwitchCase':
      return parent.consequent.includes(child as never);
    default:
      // `TSModuleBlock` and friends are not in ESLint's ESTree types.
      return (parent.type as string) === 'TSModuleBlock' || (parent.type as string) === 'TSInterfaceBody';
  }
}

function hasMarker(sourceCode: SourceCode, statement: Node, ruleId: string): boolean {
  return sourceCode.getCommentsBefore(statement as never).some((comment) => comment.type === 'Block' && comment.value.trimStart().startsWith(`mcp-migrate(${ruleId}):`));
}

/**
 * Edits that delete the markers of `ruleIds` no finding of their rule stands under any more: an
 * earlier transform marked code that a later one rewrote (a session header `session-header`
 * marked, then `hand-rolled-client` removed). A marker is live when a finding of its rule is in
 * the statement it precedes, or on the first code line after it and the markers stacked with it.
 */
export function staleMarkerRemovals(sourceCode: SourceCode, ruleIds: readonly string[], findings: readonly { ruleId: string; offset: number }[]): TextEdit[] {
  const text = sourceCode.text;
  const edits: TextEdit[] = [];
  for (const comment of sourceCode.getAllComments()) {
    const ruleId = comment.type === 'Block' ? /^\s*mcp-migrate\(([a-z0-9-]+)\):/.exec(comment.value)?.[1] : undefined;
    if (!ruleId || !ruleIds.includes(ruleId) || !comment.range) continue;
    const next = sourceCode.getTokenAfter(comment as never);
    if (!next) continue;
    const statement = enclosingStatement(sourceCode, next.range[0]);
    const inStatement = statement?.range && statement.range[0] === next.range[0] ? statement.range : undefined;
    const codeLineStart = text.lastIndexOf('\n', next.range[0] - 1) + 1;
    const codeLineEnd = text.indexOf('\n', next.range[0]);
    const live = findings.some(
      (finding) =>
        finding.ruleId === ruleId &&
        ((inStatement && inStatement[0] <= finding.offset && finding.offset < inStatement[1]) ||
          (finding.offset >= codeLineStart && (codeLineEnd === -1 || finding.offset < codeLineEnd))),
    );
    if (live) continue;
    edits.push({ range: wholeLines(text, comment.range), text: '' });
  }
  return edits;
}
