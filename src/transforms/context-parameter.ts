import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { calleeName, isFunction } from '../ast/nodes.js';
import { isMcpHandlerCallback } from '../ast/request-scope.js';
import { handlerContextParameter, handlerContextSlot } from '../ast/sdk.js';
import type { TextEdit } from './text-edits.js';
import { lookupTable } from '../mcp/lookup-table.js';

type Code = Readonly<TSESLint.SourceCode>;

/**
 * The SDK request handler callback (tool, resource, prompt, `setRequestHandler`) that `node`
 * runs in, the innermost one; undefined outside any, and for a notification handler, which
 * answers no request and has no `mcpReq`.
 */
export function enclosingRequestHandler(node: TSESTree.Node, code: Code): TSESTree.FunctionLike | undefined {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunction(current) || !isMcpHandlerCallback(current, code)) continue;
    const call = current.parent;
    return call?.type === 'CallExpression' && calleeName(call) === 'setNotificationHandler' ? undefined : current;
  }
  return undefined;
}

/**
 * The name under which `node` reaches its handler's context (`ctx`, `extra`): the handler's own
 * parameter when it declares one as a plain identifier not shadowed at `node`, or a free name
 * from `candidates` with the edit that adds it. Undefined when neither works (a destructured
 * context, a registration whose callback shape is unknown, no free name).
 */
export function contextNameAt(node: TSESTree.Node, fn: TSESTree.FunctionLike, code: Code, candidates: string[]): { name: string; edit?: TextEdit } | undefined {
  const param = handlerContextParameter(fn, code);
  if (param) {
    if (param.type !== 'Identifier') return undefined;
    const variable = ASTUtils.findVariable(code.getScope(node), param.name);
    return variable?.defs[0]?.node === fn ? { name: param.name } : undefined;
  }
  const name = freeName(code, fn, candidates);
  const edit = name ? addContextParameter(code, fn, name) : undefined;
  return name && edit ? { name, edit } : undefined;
}

/** Placeholder names for the parameters before the context, by registration kind (v2 callback types). */
const leadingNames: Record<string, string[]> = lookupTable({ request: ['_request'], tool: ['_args'], prompt: ['_args'], resource: ['_uri', '_variables'] });

/** The edit that gives `fn` its context parameter `name` at the index its registration gives it. */
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

/** The first candidate that no scope around or inside `fn` binds or reads, so a new parameter captures nothing. */
export function freeName(code: Code, fn: TSESTree.Node, candidates: readonly string[]): string | undefined {
  const fnText = code.getText(fn);
  return candidates.find((candidate) => !new RegExp(`\\b${candidate}\\b`).test(fnText) && !ASTUtils.findVariable(code.getScope(fn), candidate));
}
