import type { SourceCode } from 'eslint';
import type { TSESTree } from '@typescript-eslint/utils';
import type { API, FileInfo } from 'jscodeshift';
import { versionNegotiationOption } from '../src/mcp/http-serving.js';
import { detectQuoteStyle } from '../src/transforms/quote-style.js';
import { offsetOf, runRule } from '../src/transforms/rule-findings.js';
import { applyTextEdits, type TextEdit } from '../src/transforms/text-edits.js';
import type { TransformOptions } from '../src/transforms/types.js';

/**
 * `client-negotiation`: an SDK v2 `new Client(info)` or `new Client(info, { … })` without
 * `versionNegotiation` runs the 2025 `initialize` handshake (the v2 default is `'legacy'`). It gets
 * `versionNegotiation: { mode: 'auto' }`, which probes with `server/discover`, speaks 2026-07-28
 * when the server offers it and falls back to `initialize` otherwise. Only the clients
 * `require-modern-sdk-entry` reports are touched (not v1 clients, HTTP+SSE-only clients, or
 * clients that choose their era later); options built elsewhere are left for the marker.
 */
export const ruleId = 'require-modern-sdk-entry';
export const parser = 'ts';

const messageId = 'clientWithoutNegotiation';

export default function transform(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  if (!file.source.includes('Client')) return undefined;
  const { messages, sourceCode } = runRule(ruleId, file.source, file.path);
  const reports = messages.filter((m) => m.messageId === messageId);
  if (reports.length === 0) return undefined;
  const quote = (options.quote ?? detectQuoteStyle(file.source)) === 'double' ? '"' : "'";
  const setting = `${versionNegotiationOption}: { mode: ${quote}auto${quote} }`;

  const edits: TextEdit[] = [];
  const seen = new Set<TSESTree.ObjectExpression>();
  for (const report of reports) {
    const start = offsetOf(sourceCode, report.line, report.column);
    const end = offsetOf(sourceCode, report.endLine ?? report.line, report.endColumn ?? report.column);
    const client = newExpressionAt(sourceCode, start, end);
    if (!client) continue;
    const [info, options_] = client.arguments;
    if (!info || info.type === 'SpreadElement') continue;
    if (!options_) {
      edits.push({ range: [info.range[1], info.range[1]], text: `, { ${setting} }` });
      continue;
    }
    const object = optionsObject(sourceCode, options_);
    if (!object || seen.has(object)) continue;
    seen.add(object);
    edits.push(...addProperty(sourceCode, object, setting));
  }
  if (edits.length === 0) return undefined;
  const { output, applied } = applyTextEdits(file.source, edits);
  api.stats('edits', applied);
  return output;
}

type Node = TSESTree.Node;

function newExpressionAt(sourceCode: SourceCode, start: number, end: number): TSESTree.NewExpression | undefined {
  let node = sourceCode.getNodeByRangeIndex(start) as Node | null;
  while (node && !(node.type === 'NewExpression' && node.range[0] === start && node.range[1] === end)) node = node.parent ?? null;
  return node ?? undefined;
}

/**
 * The options object: written inline, or a `const` of this file initialised with an object literal
 * (the rule reports both). Spreads are never reported, so the object has none.
 */
function optionsObject(sourceCode: SourceCode, node: Node): TSESTree.ObjectExpression | undefined {
  if (node.type === 'ObjectExpression') return node;
  if (node.type !== 'Identifier') return undefined;
  const scope = sourceCode.getScope(node as never);
  let variable;
  for (let s: typeof scope | null = scope; s && !variable; s = s.upper) variable = s.set.get(node.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  const declarator = def?.node as unknown as TSESTree.VariableDeclarator | undefined;
  if (declarator?.type !== 'VariableDeclarator' || declarator.parent.kind !== 'const') return undefined;
  return declarator.init?.type === 'ObjectExpression' ? declarator.init : undefined;
}

/**
 * Adds `property` after the object's last property: on a line of its own, below any comment that
 * ends the last property's line, when the object spreads over lines; after it otherwise.
 */
function addProperty(sourceCode: SourceCode, object: TSESTree.ObjectExpression, property: string): TextEdit[] {
  const text = sourceCode.text;
  const last = object.properties.at(-1);
  if (!last) return [{ range: object.range, text: `{ ${property} }` }];
  const lineStart = text.lastIndexOf('\n', last.range[0] - 1) + 1;
  const indent = text.slice(lineStart, last.range[0]);
  const commaMatch = /^\s*,/.exec(text.slice(last.range[1], object.range[1] - 1));
  const afterComma = commaMatch ? last.range[1] + commaMatch[0].length : last.range[1];
  const newline = text.indexOf('\n', afterComma);
  const restOfLine = newline === -1 ? '' : text.slice(afterComma, newline);
  if (!/^[ \t]*$/.test(indent) || newline === -1 || newline >= object.range[1] || !/^[ \t]*(\/\/.*)?\r?$/.test(restOfLine)) {
    return [{ range: [last.range[1], last.range[1]], text: `, ${property}` }];
  }
  const edits: TextEdit[] = [{ range: [newline + 1, newline + 1], text: `${indent}${property}${commaMatch ? ',' : ''}\n` }];
  if (!commaMatch) edits.push({ range: [last.range[1], last.range[1]], text: ',' });
  return edits;
}
