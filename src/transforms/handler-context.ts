import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { handlerContextSlot } from '../ast/sdk.js';
import type { TextEdit } from './text-edits.js';

type Code = Readonly<TSESLint.SourceCode>;

/** Placeholder names for the parameters before the context, by registration kind (SDK v2 callback types). */
const leadingNames: Record<string, string[]> = { request: ['_request'], tool: ['_args'], prompt: ['_args'], resource: ['_uri', '_variables'] };

/**
 * The edit that gives an SDK handler callback `fn` its context parameter `name` at the index its
 * registration gives it (`async () => …` → `async (ctx) => …`, `async (uri) => …` →
 * `async (uri, ctx) => …`), filling skipped parameters with placeholders. Undefined when the
 * index is unknown or already taken.
 */
export function addContextParameter(code: Code, fn: TSESTree.FunctionLike, name: string): TextEdit | undefined {
  const slot = handlerContextSlot(fn, code);
  if (!slot || slot.index === 'last' || slot.index < fn.params.length) return undefined;
  const fill = leadingNames[slot.kind]!.slice(fn.params.length, slot.index);
  if (fill.length !== slot.index - fn.params.length) return undefined;
  const names = [...fill, name].join(', ');
  const last = fn.params.at(-1);
  if (last) {
    const after = code.getTokenAfter(last as never);
    // `async extra => …` has no parentheses to add to.
    if (after?.value === '=>') return { range: last.range, text: `(${code.getText(last)}, ${names})` };
    return { range: [last.range[1], last.range[1]], text: `, ${names}` };
  }
  const open = code.getFirstToken(fn as never, { filter: (token) => token.value === '(' });
  if (!open || (fn.body && open.range[0] > fn.body.range[0])) return undefined;
  return { range: [open.range[1], open.range[1]], text: names };
}

/** The first candidate that no scope around or inside `fn` binds or reads, so a new binding captures nothing. */
export function freeName(code: Code, fn: TSESTree.Node, candidates: readonly string[]): string | undefined {
  const fnText = code.getText(fn);
  return candidates.find((candidate) => !new RegExp(`\\b${candidate}\\b`).test(fnText) && !ASTUtils.findVariable(code.getScope(fn), candidate));
}
