import type { Linter, SourceCode } from 'eslint';
import type { TSESTree } from '@typescript-eslint/utils';
import type { API, FileInfo } from 'jscodeshift';
import { rules } from '../rules/index.js';
import { docsOf } from '../src/engine/catalog.js';
import { invalidParamsCode, legacyResourceNotFoundCode, v2ResourceNotFoundError } from '../src/mcp/error-codes.js';
import { sdkMajorOfSource, v2ErrorPackages } from '../src/mcp/packages.js';
import { privateConstantTableEntry } from '../src/ast/constant-table-entry.js';
import { negativeNumberLiteral } from '../src/ast/nodes.js';
import { insertMarkers, type MarkerRequest } from '../src/transforms/markers.js';
import { messageRange, nodeAt, offsetOf, runRule } from '../src/transforms/rule-findings.js';
import { applyTextEdits, type TextEdit } from '../src/transforms/text-edits.js';
import { importedName, removeUnusedImports } from '../src/transforms/unused-imports.js';
import { lookupTable } from '../src/mcp/lookup-table.js';

/**
 * `resource-not-found-code`: -32002 sent as MCP's resource-not-found becomes -32602, and client
 * checks accept both. Driven by the rule's own findings and fixes, so lookalike -32002s (wallets,
 * LSP, application codes) are never touched. On SDK v2, `new ProtocolError(code, message, { uri })`
 * becomes `new ResourceNotFoundError(uri, message)`. A file's own code table
 * (`const ErrorCode = { …, ResourceNotFound: -32002 }`) gets -32602 in that entry when every read
 * of it sends a missing resource. What has no safe edit (other constants, test expectations,
 * empty `contents`) gets a marker.
 */
export const ruleId = 'no-legacy-resource-not-found-code';
export const parser = 'ts';

const legacy = String(legacyResourceNotFoundCode);
const modern = String(invalidParamsCode);

/** What a person must do for each finding the transform cannot rewrite. */
const markerText: Record<string, string> = lookupTable({
  emitsLegacyCode: `Send ${modern} (Invalid params) with data { uri } here instead of ${legacy}, the code MCP 2026-07-28 retired`,
  comparesLegacyCode: `Accept ${modern} as well as ${legacy} here: 2026-07-28 servers send ${modern}`,
  assertsLegacyCode: `Expect ${modern} (Invalid params) here: a 2026-07-28 server answers a missing resource with it`,
  bindsLegacyCode: `This constant is ${legacy}, the retired resource-not-found code: send ${modern} from servers, accept both in clients, then change or split it`,
  usesLegacyCode: `${legacy} is the retired resource-not-found code: servers send ${modern}, clients should accept both`,
  returnsEmptyContents: `Throw ${modern} (Invalid params) with data { uri } for a missing resource instead of returning empty contents`,
});

/** ESLint applies fixes in up to 10 passes; two settle every fix this rule makes (a dropped overlap, then none). */
const maxPasses = 3;

export default function transform(file: FileInfo, api: API): string | undefined {
  if (!/32002|ResourceNotFound/.test(file.source)) return undefined;
  let source = file.source;
  let found: number | undefined;
  for (let pass = 0; pass < maxPasses; pass++) {
    const { messages, sourceCode } = runRule(ruleId, source, file.path);
    found ??= messages.length;
    const edits = editsFor(messages, sourceCode);
    if (edits.length === 0) break;
    source = removeUnusedImports(applyTextEdits(source, edits).output, file.path, isUpgradeLeftover);
  }
  const { messages, sourceCode } = runRule(ruleId, source, file.path);
  // An edit is a finding resolved; what is left gets a marker.
  if (found! > messages.length) api.stats('edits', found! - messages.length);
  const docsUrl = docsOf(rules[ruleId]!).url ?? '';
  const requests: MarkerRequest[] = messages.map((message) => ({
    ruleId,
    text: markerText[message.messageId ?? ''] ?? message.message,
    docsUrl,
    offset: offsetOf(sourceCode, message.line, message.column),
  }));
  const marked = insertMarkers(sourceCode, requests);
  if (marked.added > 0) api.stats('markers', marked.added);
  return marked.output === file.source ? undefined : marked.output;
}

/** The rule's fixes, with `new ProtocolError(…, { uri })` on SDK v2 upgraded to `ResourceNotFoundError`. */
function editsFor(messages: Linter.LintMessage[], sourceCode: SourceCode): TextEdit[] {
  const edits: TextEdit[] = [];
  const v2 = sdkMajorOfSource(sourceCode.text) === 2;
  for (const message of messages) {
    if (!message.fix) continue;
    const upgrade = v2 && message.messageId === 'emitsLegacyCode' ? resourceNotFoundErrorEdits(sourceCode, message.fix.range[0]) : undefined;
    edits.push(...(upgrade ?? [{ range: message.fix.range, text: message.fix.text }]));
  }
  return [...edits, ...tableEntryEdits(messages, sourceCode)];
}

/**
 * `throw new RpcError(ErrorCode.ResourceNotFound, …)` where `ErrorCode` is the file's own
 * `const` table with `ResourceNotFound: -32002`: the entry becomes -32602, when every read of it
 * is a spot the rule reports as sending a missing resource. Then the edit changes exactly what
 * those spots send. An entry also read elsewhere (compared with incoming codes, exported, the
 * table passed whole) keeps its marker: there -32002 may still be meant.
 */
function tableEntryEdits(messages: Linter.LintMessage[], sourceCode: SourceCode): TextEdit[] {
  const code = sourceCode as unknown as Parameters<typeof nodeAt>[0];
  const emits = messages.filter((m) => m.messageId === 'emitsLegacyCode' && !m.fix).map((m) => messageRange(sourceCode, m));
  const isEmit = (node: TSESTree.Node) => emits.some(([start, end]) => node.range[0] === start && node.range[1] === end);
  const edits = new Map<TSESTree.Node, TextEdit[]>();
  for (const range of emits) {
    const node = nodeAt(code, range);
    const entry = node && privateConstantTableEntry(node, code);
    if (!entry || edits.has(entry.value) || negativeNumberLiteral(entry.value) !== legacyResourceNotFoundCode || !entry.reads.every(isEmit)) continue;
    edits.set(entry.value, [{ range: entry.value.range, text: modern }, ...whyComment(sourceCode, entry.property)]);
  }
  return [...edits.values()].flat();
}

/**
 * `// Invalid params: …` at the end of the entry's line, when nothing else follows it there, so
 * that `ResourceNotFound: -32602` beside `InvalidParams: -32602` does not read as a typo.
 */
function whyComment(sourceCode: SourceCode, property: TSESTree.Property): TextEdit[] {
  const text = sourceCode.text;
  const lineEnd = text.slice(property.range[1]).search(/\r?\n/);
  if (lineEnd < 0) return [];
  const after = text.slice(property.range[1], property.range[1] + lineEnd);
  if (!/^,?\s*$/.test(after)) return [];
  const at = property.range[1] + after.replace(/\s+$/, '').length;
  return [{ range: [at, at], text: ` // MCP 2026-07-28 answers a missing resource with ${modern} (Invalid params), not ${legacy}` }];
}

/**
 * `new ProtocolError(<code>, message, { uri: x })`, the class imported by name from a v2 package
 * that exports `ResourceNotFoundError`: rewritten to `new ResourceNotFoundError(x, message)`,
 * which sends -32602 with `data: { uri }`. Any other shape keeps the plain code edit.
 */
function resourceNotFoundErrorEdits(sourceCode: SourceCode, codeOffset: number): TextEdit[] | undefined {
  let node = sourceCode.getNodeByRangeIndex(codeOffset) as TSESTree.Node | null;
  while (node && node.type !== 'NewExpression') node = node.parent ?? null;
  if (!node || node.type !== 'NewExpression' || node.callee.type !== 'Identifier') return undefined;
  const [code, message, data, ...rest] = node.arguments;
  if (!code || rest.length > 0 || code.range[0] > codeOffset || code.range[1] <= codeOffset) return undefined;
  const uri = data?.type === 'ObjectExpression' && data.properties.length === 1 ? uriProperty(data.properties[0]!) : undefined;
  if (!uri) return undefined;
  const imported = namedImportOf(sourceCode, node.callee.name);
  if (!imported || !v2ErrorPackages.includes(imported.source.value) || imported.specifier.imported.type !== 'Identifier') return undefined;
  if (imported.specifier.imported.name !== 'ProtocolError') return undefined;
  const text = (n: TSESTree.Node) => sourceCode.getText(n as never);
  const args = [text(uri), ...(message && message.type !== 'SpreadElement' ? [text(message)] : [])].join(', ');
  const edits: TextEdit[] = [{ range: node.range, text: `new ${v2ResourceNotFoundError}(${args})` }];
  if (!namedImportOf(sourceCode, v2ResourceNotFoundError)) {
    const last = imported.declaration.specifiers.at(-1)!;
    edits.push({ range: [last.range[1], last.range[1]], text: `, ${v2ResourceNotFoundError}` });
  }
  return edits;
}

function uriProperty(property: TSESTree.ObjectLiteralElement): TSESTree.Node | undefined {
  if (property.type !== 'Property' || property.computed || property.kind !== 'init') return undefined;
  const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? property.key.value : undefined;
  return key === 'uri' ? property.value : undefined;
}

interface NamedImport {
  declaration: TSESTree.ImportDeclaration;
  specifier: TSESTree.ImportSpecifier;
  source: TSESTree.StringLiteral;
}

function namedImportOf(sourceCode: SourceCode, localName: string): NamedImport | undefined {
  for (const statement of (sourceCode.ast as unknown as TSESTree.Program).body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportSpecifier' && specifier.local.name === localName) return { declaration: statement, specifier, source: statement.source };
    }
  }
  return undefined;
}

/** Names the upgrade can leave unused; removed so projects with `noUnusedLocals` still compile. */
const upgradeLeftovers = ['ProtocolError', 'ProtocolErrorCode'];

function isUpgradeLeftover(specifier: TSESTree.ImportSpecifier, from: string): boolean {
  return v2ErrorPackages.includes(from) && upgradeLeftovers.includes(importedName(specifier));
}

