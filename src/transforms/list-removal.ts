import type { SourceCode } from 'eslint';
import type { TSESTree } from '@typescript-eslint/utils';
import type { TextEdit } from './text-edits.js';

type Node = TSESTree.Node;

/**
 * The edit that removes one element of a comma-separated list (array elements, object
 * properties, call arguments) and keeps the list's own formatting: an element on a line of its
 * own goes with its line, so no blank line or dangling comma is left; an inline one goes with the
 * comma that joins it to a neighbour; a trailing comma stays if the list had one. The only
 * element of a list empties it (`[]`, `{}`), unless comments sit inside, which stay.
 */
export function removeListElement(sourceCode: SourceCode, elements: readonly Node[], element: Node, container: Node): TextEdit {
  const text = sourceCode.text;
  const tokenAfter = (node: Node | TSESTree.Token) => sourceCode.getTokenAfter(node as never) as TSESTree.Token | null;
  const tokenBefore = (node: Node) => sourceCode.getTokenBefore(node as never) as TSESTree.Token | null;
  const index = elements.indexOf(element);
  const after = tokenAfter(element);
  const trailingComma = after?.value === ',' ? after : undefined;
  const end = trailingComma?.range[1] ?? element.range[1];

  if (elements.length === 1 && (container.type === 'ArrayExpression' || container.type === 'ObjectExpression')) {
    const open = sourceCode.getFirstToken(container as never)!;
    const close = sourceCode.getLastToken(container as never)!;
    if (sourceCode.getCommentsInside(container as never).length === 0) return { range: [open.range[1], close.range[0]], text: '' };
    return { range: [element.range[0], end], text: '' };
  }

  const lineStart = text.lastIndexOf('\n', element.range[0] - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  const ownLine = /^[ \t]*$/.test(text.slice(lineStart, element.range[0])) && /^[ \t]*(\/\/[^\n]*)?\r?\n?$/.test(text.slice(end, lineEnd));
  const isLast = index === elements.length - 1;
  // On its own line with its comma (or the last element of a list with a trailing comma): the whole line.
  if (ownLine && (trailingComma || !isLast)) return { range: [lineStart, lineEnd], text: '' };
  if (!isLast) {
    // `a, <element>, b` → `a, b`: up to whatever follows the comma, comments included.
    const next = sourceCode.getTokenAfter(trailingComma as never, { includeComments: true }) as TSESTree.Token | null;
    return { range: [element.range[0], next?.range[0] ?? end], text: '' };
  }
  // The last element: with the comma before it, so `a, <element>` → `a`; a trailing comma stays.
  const comma = tokenBefore(element);
  return { range: [comma?.value === ',' ? comma.range[0] : element.range[0], element.range[1]], text: '' };
}
