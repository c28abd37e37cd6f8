import type { SourceCode } from 'eslint';
import type { TSESTree } from '@typescript-eslint/utils';
import type { API, ASTPath, FileInfo, ImportDeclaration, JSCodeshift } from 'jscodeshift';
import { rules } from '../rules/index.js';
import { docsOf } from '../src/engine/catalog.js';
import { sdkMajorOfSource, v2StdioEntry } from '../src/mcp/packages.js';
import { insertMarkers } from '../src/transforms/markers.js';
import { detectQuoteStyle } from '../src/transforms/quote-style.js';
import { offsetOf, runRule } from '../src/transforms/rule-findings.js';
import { applyTextEdits, type TextEdit, wholeLines } from '../src/transforms/text-edits.js';
import type { TransformOptions } from '../src/transforms/types.js';

/**
 * `stdio-serve`: on SDK v2, `await server.connect(new StdioServerTransport())` (directly, or
 * through a `transport` variable used nowhere else) becomes `serveStdio(() => server)` from
 * `@modelcontextprotocol/server/stdio`, which serves 2026-07-28 and still serves 2025 clients.
 * Only the calls `require-modern-sdk-entry` reports are touched; other shapes get a marker. SDK v1
 * has no `serveStdio`: v1 files are left as they are, reported as needing `--upgrade-sdk`.
 */
export const ruleId = 'require-modern-sdk-entry';
export const parser = 'ts';

const serveStdio = 'serveStdio';
const transportClass = 'StdioServerTransport';
export const needsV2Note = 'stdio-serve needs SDK v2 (serveStdio) and this file is on SDK v1; run `mcp-migrate fix --upgrade-sdk` to move it to v2 first';

export default function transform(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  if (!file.source.includes(transportClass)) return undefined;
  const { messages, sourceCode } = runRule(ruleId, file.source, file.path);
  const reports = messages.filter((m) => m.messageId === 'connectsStdioTransport');
  if (reports.length === 0) return undefined;
  if (sdkMajorOfSource(file.source) !== 2) {
    api.report(needsV2Note);
    return undefined;
  }

  // Statements are rewritten as text on the audit's own AST, so nothing around them is reprinted.
  const edits: TextEdit[] = [];
  for (const report of reports) {
    const call = callAt(sourceCode, offsetOf(sourceCode, report.line, report.column), offsetOf(sourceCode, report.endLine ?? report.line, report.endColumn ?? report.column));
    if (call) edits.push(...connectEdits(sourceCode, call));
  }
  let output = applyTextEdits(file.source, edits).output;
  if (edits.length > 0) {
    api.stats('edits', edits.filter((edit) => edit.text !== '').length);
    output = fixImports(api.jscodeshift, output, options.quote ?? detectQuoteStyle(file.source));
  }

  // Whatever the rule still reports is a shape we did not rewrite: mark it.
  const after = runRule(ruleId, output, file.path);
  const left = after.messages.filter((m) => m.messageId === 'connectsStdioTransport');
  const marked = insertMarkers(
    after.sourceCode,
    left.map((m) => ({
      ruleId,
      text: 'Serve with `serveStdio(() => server)` from @modelcontextprotocol/server/stdio (a custom transport goes in its `transport` option) instead of connect(StdioServerTransport), which serves only 2025 clients',
      docsUrl: docsOf(rules[ruleId]!).url ?? '',
      offset: offsetOf(after.sourceCode, m.line, m.column),
    })),
  );
  if (marked.added > 0) api.stats('markers', marked.added);
  return marked.output === file.source ? undefined : marked.output;
}

type Node = TSESTree.Node;

function callAt(sourceCode: SourceCode, start: number, end: number): TSESTree.CallExpression | undefined {
  let node = sourceCode.getNodeByRangeIndex(start) as Node | null;
  while (node && !(node.type === 'CallExpression' && node.range[0] === start && node.range[1] === end)) node = node.parent ?? null;
  return node ?? undefined;
}

/**
 * `[await] server.connect(<transport>);` as a statement of its own, where the transport is
 * `new StdioServerTransport()` with no arguments, or a variable holding one that nothing else uses
 * (its declaration goes too). Custom streams, `.then()` chains and transports used elsewhere
 * (`transport.onclose = …`) stay, and get a marker.
 */
function connectEdits(sourceCode: SourceCode, call: TSESTree.CallExpression): TextEdit[] {
  if (call.callee.type !== 'MemberExpression' || call.arguments.length !== 1) return [];
  const statement = call.parent.type === 'AwaitExpression' ? call.parent.parent : call.parent;
  if (statement?.type !== 'ExpressionStatement') return [];
  const argument = call.arguments[0]!;
  let declaration: TSESTree.VariableDeclaration | undefined;
  if (argument.type === 'Identifier') {
    declaration = soleUseDeclaration(sourceCode, argument);
    if (!declaration) return [];
  } else if (!isBareTransport(argument)) {
    return [];
  }
  const receiver = sourceCode.getText(call.callee.object as never);
  const semicolon = sourceCode.getText(statement as never).endsWith(';') ? ';' : '';
  const edits: TextEdit[] = [{ range: statement.range, text: `${serveStdio}(() => ${receiver})${semicolon}` }];
  if (declaration) edits.push({ range: wholeLines(sourceCode.text, declaration.range), text: '' });
  return edits;
}

function isBareTransport(node: Node): boolean {
  return node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === transportClass && node.arguments.length === 0;
}

/** `const transport = new StdioServerTransport();`, alone in its declaration and read only by this call. */
function soleUseDeclaration(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.VariableDeclaration | undefined {
  const scope = sourceCode.getScope(identifier as never);
  let variable;
  for (let s: typeof scope | null = scope; s && !variable; s = s.upper) variable = s.set.get(identifier.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  const declarator = def?.node as unknown as TSESTree.VariableDeclarator | undefined;
  if (!variable || declarator?.type !== 'VariableDeclarator' || !declarator.init || !isBareTransport(declarator.init)) return undefined;
  const declaration = declarator.parent;
  if (declaration.type !== 'VariableDeclaration' || declaration.declarations.length !== 1) return undefined;
  const reads = variable.references.filter((reference) => !reference.init);
  return reads.length === 1 && (reads[0]!.identifier as unknown) === identifier ? declaration : undefined;
}

/**
 * Adds `serveStdio` to the stdio entry's import (or a new import after the last one), and drops
 * `StdioServerTransport` when nothing uses it any more. Only import declarations are reprinted.
 */
function fixImports(j: JSCodeshift, source: string, quote: 'single' | 'double'): string {
  // Babel keeps a shebang as an interpreter directive that recast prints badly; mcp-migrate's runner
  // strips it before transforms run, this covers `npx jscodeshift -t` too.
  const shebang = /^#![^\n]*\n/.exec(source)?.[0] ?? '';
  const root = j(source.slice(shebang.length));
  const stillUsed = root.find(j.Identifier, { name: transportClass }).filter((p) => p.parent.node.type !== 'ImportSpecifier').length > 0;
  const hasServe = () => root.find(j.ImportSpecifier, { imported: { name: serveStdio } }).length > 0;
  if (!stillUsed) {
    root.find(j.ImportSpecifier, { imported: { name: transportClass } }).forEach((p) => {
      const declaration = p.parent.node as ImportDeclaration;
      if (declaration.source.value === v2StdioEntry && !hasServe()) p.replace(j.importSpecifier(j.identifier(serveStdio)));
      else if ((declaration.specifiers ?? []).length === 1) j(p.parent as ASTPath).remove();
      else j(p).remove();
    });
  }
  if (!hasServe()) {
    const stdioImport = root.find(j.ImportDeclaration, { source: { value: v2StdioEntry } }).filter((p) => p.node.importKind !== 'type');
    if (stdioImport.length > 0) {
      stdioImport.paths()[0]!.node.specifiers!.push(j.importSpecifier(j.identifier(serveStdio)));
    } else {
      const declaration = j.importDeclaration([j.importSpecifier(j.identifier(serveStdio))], j.literal(v2StdioEntry));
      const imports = root.find(j.ImportDeclaration);
      if (imports.length > 0) imports.at(imports.length - 1).insertAfter(declaration);
      else root.get().node.program.body.unshift(declaration);
    }
  }
  return shebang + root.toSource({ quote });
}
