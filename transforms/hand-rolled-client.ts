import type { Linter, SourceCode } from 'eslint';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { API, FileInfo } from 'jscodeshift';
import { rules } from '../rules/index.js';
import { calledLocalFunction, enclosingFunction, isFunction, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { docsOf } from '../src/engine/catalog.js';
import { clientCapabilitiesMetaKey, clientInfoMetaKey, modernProtocolVersion, protocolVersionMetaKey } from '../src/mcp/client-wire.js';
import { removeListElement } from '../src/transforms/list-removal.js';
import { insertMarkers, staleMarkerRemovals } from '../src/transforms/markers.js';
import { detectQuoteStyle } from '../src/transforms/quote-style.js';
import { messageRange, nodeAt, offsetOf, runRules } from '../src/transforms/rule-findings.js';
import { applyTextEdits, indentAt, lineBreakOf, type TextEdit, wholeLines, withoutDoubleBlank } from '../src/transforms/text-edits.js';
import type { TransformOptions } from '../src/transforms/types.js';
import { lookupTable } from '../src/mcp/lookup-table.js';

/**
 * `hand-rolled-client`: moves a hand-rolled `fetch` MCP client (no SDK) to protocol 2026-07-28
 * where the rewrite is certain, driven by the client-side findings of the rules it resolves, so
 * lookalike JSON-RPC clients (Ethereum, LSP) are never touched:
 *
 * - the request builder (`{ jsonrpc: '2.0', id, method, params }` in a helper, or a literal
 *   message) gets the per-request `_meta` envelope (reference §1.2), built once in a constant
 *   from what the removed `initialize` sent (`clientInfo`, `capabilities`);
 * - the POST helper that sends `JSON.stringify(message)` gets `Mcp-Method` and `Mcp-Name` from
 *   the message (§2.2), through one small helper function it adds;
 * - the protocol version of the headers becomes '2026-07-28' (the literal, or the constant that
 *   holds it when nothing else uses the constant);
 * - an `initialize` whose result is unused and its `notifications/initialized` are deleted;
 * - the session id the client captured from the `Mcp-Session-Id` header, its echoes and the
 *   session DELETE are deleted, when that is all the variable is used for.
 *
 * Everything else these rules report (an `initialize` whose result is read, a session id also
 * used in logs, headers built elsewhere) gets a marker; the GET stream, resumption and
 * cancellation are other rules' and are marked by `mark-remaining`.
 */
export const parser = 'ts';

/** The rules it resolves, each with the client-side findings it handles. */
export const resolves: Readonly<Record<string, readonly string[]>> = lookupTable({
  'no-initialize-handshake': ['sendsInitialize', 'readsInitializeResult'],
  'require-request-meta': ['missingParams', 'missingMeta', 'missingMetaKeys', 'missingClientInfo'],
  'require-http-request-headers': ['missingHeaders'],
  'no-legacy-protocol-version': ['sendsLegacyVersion'],
  'no-session-id-header': ['readsHeader', 'writesHeader'],
  'no-standalone-get-stream': ['sendsSessionDelete'],
});

/** Findings that show the file is a hand-rolled MCP client: without one, the file is left alone. */
const clientEvidence = new Set(['sendsInitialize', 'missingParams', 'missingMeta', 'missingMetaKeys', 'missingHeaders']);

type Node = TSESTree.Node;
type Code = Readonly<TSESLint.SourceCode>;

interface Finding {
  ruleId: string;
  messageId: string;
  node: Node;
  message: Linter.LintMessage;
}

const maxPasses = 3;

/** The names this transform declares, when the file does not use them already. */
const envelopeName = 'requestMeta';
const headersHelperName = 'mcpRequestHeaders';

export default function transform(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  // The rules' own prefilter: a request method or the handshake, spelled in this file.
  if (!/tools\/|prompts\/|resources\/|initialize|completion\/complete/.test(file.source)) return undefined;
  const before = findingsOf(file.source, file.path);
  if (!before.findings.some((finding) => clientEvidence.has(finding.messageId))) return undefined;

  const quote = (options.quote ?? detectQuoteStyle(file.source)) === 'double' ? '"' : "'";
  const typed = /\.[cm]?tsx?$/.test(file.path);
  let source = file.source;
  let current = before;
  // An edit inside a statement another edit rewrites whole (a `try` unwrapped) waits for the next pass.
  for (let pass = 0; pass < maxPasses && current.findings.length > 0; pass++) {
    const edits = new Rewrite(current.sourceCode, current.findings, quote, typed).edits();
    if (edits.length === 0) break;
    source = applyTextEdits(source, edits).output;
    current = findingsOf(source, file.path);
  }

  // Markers an earlier transform put at code this one removed (session-header marks the session header) go too.
  if (source !== file.source) source = withoutStaleMarkers(source, file.path);

  const after = findingsOf(source, file.path);
  if (before.findings.length > after.findings.length) api.stats('edits', before.findings.length - after.findings.length);
  const marked = insertMarkers(
    after.sourceCode as unknown as SourceCode,
    after.findings.map((finding) => ({
      ruleId: finding.ruleId,
      text: finding.message.message,
      docsUrl: docsOf(rules[finding.ruleId]!).url ?? '',
      offset: offsetOf(after.sourceCode as unknown as SourceCode, finding.message.line, finding.message.column),
      placement: 'line' as const,
    })),
  );
  if (marked.added > 0) api.stats('markers', marked.added);
  source = marked.output;
  return source === file.source ? undefined : source;
}

function withoutStaleMarkers(source: string, filename: string): string {
  const run = runRules(Object.keys(resolves), source, filename);
  const findings = run.messages.map((message) => ({ ruleId: message.ruleId!.slice(message.ruleId!.indexOf('/') + 1), offset: offsetOf(run.sourceCode, message.line, message.column) }));
  return applyTextEdits(source, staleMarkerRemovals(run.sourceCode, Object.keys(resolves), findings)).output;
}

function findingsOf(source: string, filename: string): { findings: Finding[]; sourceCode: Code } {
  const run = runRules(Object.keys(resolves), source, filename);
  const sourceCode = run.sourceCode as unknown as Code;
  const findings: Finding[] = [];
  for (const message of run.messages) {
    const ruleId = message.ruleId!.slice(message.ruleId!.indexOf('/') + 1);
    if (!message.messageId || !resolves[ruleId]?.includes(message.messageId)) continue;
    const node = nodeAt(sourceCode, messageRange(run.sourceCode, message));
    if (node) findings.push({ ruleId, messageId: message.messageId, node, message });
  }
  return { findings, sourceCode };
}

/** One pass of certain edits over the file as the rules saw it. */
class Rewrite {
  private readonly text: string;
  private readonly newline: string;
  /** Statements and list elements deleted: findings inside them need no edit of their own. */
  private readonly removals: TextEdit[] = [];
  /** What the removals take away (a `try` unwrapped keeps its block, so it is not its edit's range). */
  private readonly removedRanges: (readonly [number, number])[] = [];
  private readonly others: TextEdit[] = [];
  /** The `initialize` params that feed the envelope. */
  private initializeParams: TSESTree.ObjectExpression | undefined;

  constructor(
    private readonly sourceCode: Code,
    private readonly findings: Finding[],
    private readonly quote: string,
    private readonly typed: boolean,
  ) {
    this.text = sourceCode.text;
    this.newline = lineBreakOf(this.text);
  }

  edits(): TextEdit[] {
    this.removeHandshake();
    this.removeSession();
    const version = this.rewriteVersions();
    this.addEnvelope(version);
    this.addHeaders();
    return [...this.removals, ...this.others];
  }

  private of(...messageIds: string[]): Finding[] {
    return this.findings.filter((finding) => messageIds.includes(finding.messageId));
  }

  private removed(node: Node): boolean {
    return this.removedRanges.some((range) => range[0] <= node.range[0] && node.range[1] <= range[1]);
  }

  private removeStatement(statement: Node): void {
    this.removals.push(this.statementRemoval(statement));
    this.removedRanges.push(statement.range);
  }

  // ---------------------------------------------------------------- the handshake

  /**
   * `await rpc('initialize', {…})` whose result nobody reads, and then the
   * `notifications/initialized` post: deleted. An `initialize` whose result is used stays
   * (with a marker), and so does its notification, so the file does not send half a handshake.
   */
  private removeHandshake(): void {
    let initializeKept = false;
    for (const finding of this.of('sendsInitialize')) {
      const method = stringValue(finding.node);
      if (method === 'initialize') {
        this.initializeParams ??= paramsBeside(finding.node);
        const statement = discardedSend(finding.node);
        if (statement) this.removeStatement(statement);
        else initializeKept = true;
      }
    }
    if (initializeKept) return;
    for (const finding of this.of('sendsInitialize')) {
      if (stringValue(finding.node) !== 'notifications/initialized') continue;
      const statement = discardedSend(finding.node);
      if (statement) this.removeStatement(statement);
    }
  }

  // ---------------------------------------------------------------- the session

  /**
   * The session id a client captured (`sessionId = res.headers.get('mcp-session-id') ?? …`) and
   * echoed (`...(sessionId ? { 'Mcp-Session-Id': sessionId } : {})`, `headers[…] = sessionId`),
   * with the DELETE that ends the session: all deleted, with the variable, when nothing else
   * reads the variable. Otherwise all stays and gets markers.
   */
  private removeSession(): void {
    const units: { range: readonly [number, number]; edit: TextEdit }[] = [];
    let variable: TSESLint.Scope.Variable | undefined;
    const sameVariable = (identifier: Node): boolean => {
      if (identifier.type !== AST_NODE_TYPES.Identifier) return false;
      const found = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
      if (!found || (variable && found !== variable)) return false;
      variable = found;
      return true;
    };

    for (const finding of this.of('readsHeader')) {
      const statement = statementOf(finding.node);
      const assignment = statement?.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || !sameVariable(assignment.left)) return;
      units.push({ range: statement!.range, edit: this.statementRemoval(statement!) });
    }
    for (const finding of this.of('writesHeader')) {
      const unit = this.headerWrite(finding.node, sameVariable);
      if (!unit) return;
      units.push(unit);
    }
    for (const finding of this.of('sendsSessionDelete')) {
      const unit = this.sessionDelete(finding.node);
      if (!unit) return;
      units.push(unit);
    }
    if (units.length === 0) return;
    if (variable) {
      const declaration = variable.defs.length === 1 ? variable.defs[0]!.parent : undefined;
      const declarator = variable.defs[0]?.node;
      if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || (declarator.init && !isUndefined(declarator.init))) return;
      const inUnit = (node: Node) => units.some((unit) => unit.range[0] <= node.range[0] && node.range[1] <= unit.range[1]);
      if (!variable.references.every((reference) => reference.identifier === declarator.id || inUnit(reference.identifier))) return;
      units.push({ range: declaration.range, edit: this.statementRemoval(declaration) });
    }
    for (const unit of units) {
      this.removals.push(unit.edit);
      this.removedRanges.push(unit.range);
    }
  }

  private statementRemoval(statement: Node): TextEdit {
    return { range: withoutDoubleBlank(this.text, wholeLines(this.text, statement.range)), text: '' };
  }

  /** The header write that goes: a spread `...(id ? { H: id } : {})`, a property `H: id`, or `if (id) headers[H] = id;`. */
  private headerWrite(at: Node, sameVariable: (node: Node) => boolean): { range: readonly [number, number]; edit: TextEdit } | undefined {
    const property = at.parent?.type === AST_NODE_TYPES.Property && at.parent.key === at ? at.parent : undefined;
    if (property && sameVariable(unwrap(property.value))) {
      const object = property.parent as TSESTree.ObjectExpression;
      const conditional = object.parent?.type === AST_NODE_TYPES.ConditionalExpression ? object.parent : undefined;
      if (conditional && object.properties.length === 1) {
        const spread = conditional.parent?.type === AST_NODE_TYPES.SpreadElement ? conditional.parent : undefined;
        const empty = unwrap(conditional.alternate);
        if (!spread || conditional.consequent !== object || empty.type !== AST_NODE_TYPES.ObjectExpression || empty.properties.length > 0) return undefined;
        if (!sameVariable(unwrap(conditional.test))) return undefined;
        const list = spread.parent as TSESTree.ObjectExpression;
        return { range: spread.range, edit: removeListElement(this.sourceCode as never, list.properties, spread, list) };
      }
      return { range: property.range, edit: removeListElement(this.sourceCode as never, object.properties, property, object) };
    }
    // `headers['Mcp-Session-Id'] = id`, alone or behind `if (id)`.
    const member = at.parent?.type === AST_NODE_TYPES.MemberExpression && at.parent.property === at ? at.parent : undefined;
    const assignment = member?.parent?.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member ? member.parent : undefined;
    if (!assignment || !sameVariable(unwrap(assignment.right))) return undefined;
    let statement: Node | undefined = assignment.parent;
    if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
    const guard = guardOf(statement);
    if (guard) {
      if (!sameVariable(unwrap(guard.test))) return undefined;
      statement = guard;
    }
    return { range: statement.range, edit: this.statementRemoval(statement) };
  }

  /**
   * `await fetch(url, { method: 'DELETE', … })` as a statement of its own (its result unused),
   * also behind `if (sessionId)`; a `finally` left empty goes with it.
   */
  private sessionDelete(at: Node): { range: readonly [number, number]; edit: TextEdit } | undefined {
    let statement = discardedSend(at);
    if (!statement) return undefined;
    const guard = guardOf(statement);
    if (guard) statement = guard;
    const block = statement.parent;
    const tryStatement = block?.type === AST_NODE_TYPES.BlockStatement && block.parent?.type === AST_NODE_TYPES.TryStatement ? block.parent : undefined;
    if (tryStatement && tryStatement.finalizer === block && block.body.length === 1) {
      // `} catch {…} finally { <only this> }` → `} catch {…}`; `try {…} finally { <only this> }` → the try block's statements.
      if (tryStatement.handler) return { range: statement.range, edit: { range: [tryStatement.handler.range[1], block.range[1]], text: '' } };
      return { range: statement.range, edit: this.unwrapTry(tryStatement) };
    }
    return { range: statement.range, edit: this.statementRemoval(statement) };
  }

  /** `try { a; b; } finally {…}` → `a; b;` one indentation step out (only for a try that is a statement on its own lines). */
  private unwrapTry(tryStatement: TSESTree.TryStatement): TextEdit {
    const range = wholeLines(this.text, tryStatement.range);
    const indent = indentAt(this.text, tryStatement.range[0]);
    const inner = tryStatement.block.body;
    if (inner.length === 0) return { range, text: '' };
    const firstLine = this.text.lastIndexOf('\n', inner[0]!.range[0] - 1) + 1;
    const lastEnd = this.text.indexOf('\n', inner.at(-1)!.range[1]);
    const lines = this.text.slice(firstLine, lastEnd === -1 ? this.text.length : lastEnd + 1).split('\n');
    const unit = indentAt(this.text, inner[0]!.range[0]).slice(indent.length);
    const body = lines.map((line) => (line.startsWith(indent + unit) ? indent + line.slice(indent.length + unit.length) : line)).join('\n');
    return { range, text: body };
  }

  // ---------------------------------------------------------------- the version

  /**
   * The legacy version in a header: the literal becomes '2026-07-28'; a constant is rewritten
   * where it is declared when every use of it is a reported header or goes with a removal.
   * Returns the constant the envelope should share, if there is one.
   */
  private rewriteVersions(): TSESTree.Identifier | undefined {
    let shared: TSESTree.Identifier | undefined;
    const reported = this.of('sendsLegacyVersion').filter((finding) => !this.removed(finding.node));
    const rewritten = new Set<Node>();
    for (const finding of reported) {
      const node = unwrap(finding.node);
      if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') {
        this.others.push({ range: node.range, text: this.literalLike(node, modernProtocolVersion) });
        continue;
      }
      if (node.type !== AST_NODE_TYPES.Identifier) continue;
      const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node);
      const declarator = variable?.defs.length === 1 ? variable.defs[0]!.node : undefined;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const' || declarator.parent.parent.type !== AST_NODE_TYPES.Program) continue;
      const init = declarator.init && unwrap(declarator.init);
      if (init?.type !== AST_NODE_TYPES.Literal || typeof init.value !== 'string') continue;
      const reportedNodes = new Set(reported.map((r) => unwrap(r.node)));
      const safe = variable!.references.every(
        (reference) => reference.identifier === declarator.id || reportedNodes.has(reference.identifier) || this.removed(reference.identifier) || this.isInitializeVersion(reference.identifier),
      );
      if (!safe) continue;
      if (!rewritten.has(init)) this.others.push({ range: init.range, text: this.literalLike(init, modernProtocolVersion) });
      rewritten.add(init);
      shared = declarator.id as TSESTree.Identifier;
    }
    return shared;
  }

  /** The `protocolVersion` the `initialize` params send (gone with the handshake, or staying with it on a 2026 constant, which a 2026 server answers the same). */
  private isInitializeVersion(identifier: Node): boolean {
    const property = identifier.parent;
    return property?.type === AST_NODE_TYPES.Property && property.value === identifier && property.parent === this.initializeParams && propertyKeyName(property) === 'protocolVersion';
  }

  private literalLike(literal: TSESTree.Literal, value: string): string {
    const quote = literal.raw.startsWith('"') ? '"' : "'";
    return `${quote}${value}${quote}`;
  }

  private string(value: string): string {
    return `${this.quote}${value}${this.quote}`;
  }

  // ---------------------------------------------------------------- the envelope

  /**
   * The `_meta` envelope, declared once as `requestMeta` before the first message builder,
   * spread into each builder's params. Needs the client's capabilities: the removed
   * `initialize`'s, or `{}` when the file never sent one.
   */
  private addEnvelope(version: TSESTree.Identifier | undefined): void {
    const targets = new Map<TSESTree.ObjectExpression, TSESTree.Property | undefined>();
    for (const finding of this.of('missingParams', 'missingMeta')) {
      if (this.removed(finding.node)) continue;
      const target = messageLiteralOf(finding.node, this.sourceCode);
      if (!target) continue;
      targets.set(target.message, target.params);
    }
    if (targets.size === 0) return;
    // A second pass finds the constant the first one declared.
    const declared = topLevelConst(this.sourceCode, envelopeName);
    if (!declared && hasName(this.sourceCode, envelopeName)) return;

    const first = [...targets.keys()].sort((a, b) => a.range[0] - b.range[0])[0]!;
    const anchor = topLevelStatementOf(first);
    const params = this.initializeParams;
    const copy = (key: string): string | undefined => {
      const value = params ? valueOf(params, key) : undefined;
      if (!value) return undefined;
      return declaredBefore(value, anchor, this.sourceCode) ? this.sourceCode.getText(value) : undefined;
    };
    const capabilities = params ? copy('capabilities') : '{}';
    if (capabilities === undefined) return;
    const clientInfo = copy('clientInfo');

    const unit = indentUnit(this.text);
    const indent = indentAt(this.text, anchor.range[0]);
    const nl = this.newline;
    const entries = [
      `${this.string(protocolVersionMetaKey)}: ${version ? version.name : this.string(modernProtocolVersion)},`,
      `${this.string(clientCapabilitiesMetaKey)}: ${reindent(capabilities, indent + unit, nl)},`,
      ...(clientInfo ? [`${this.string(clientInfoMetaKey)}: ${reindent(clientInfo, indent + unit, nl)},`] : []),
    ];
    const declaration =
      `${indent}/** The per-request envelope MCP ${modernProtocolVersion} wants in the params of every request, in place of \`initialize\`. */${nl}` +
      `${indent}const ${envelopeName} = {${nl}${entries.map((entry) => `${indent}${unit}${entry}${nl}`).join('')}${indent}};${nl}${nl}`;
    const lineStart = this.text.lastIndexOf('\n', leadingCommentStart(anchor, this.sourceCode) - 1) + 1;
    if (!declared) this.others.push({ range: [lineStart, lineStart], text: declaration });

    for (const [message, property] of targets) {
      if (!property) {
        // No params at all: after the last property.
        const last = message.properties.at(-1);
        if (!last) continue;
        this.others.push({ range: [last.range[1], last.range[1]], text: `, params: { _meta: ${envelopeName} }` });
        continue;
      }
      const value = unwrap(property.value);
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        this.others.push(this.appendProperty(value, `_meta: ${envelopeName}`));
      } else {
        // A builder's parameter (`params` or `params: params`): spread it under the envelope.
        const name = this.sourceCode.getText(property.value);
        this.others.push({ range: property.range, text: `params: { ...${name}, _meta: ${envelopeName} }` });
      }
    }
  }

  /** `{ a }` → `{ a, <property> }`, on a line of its own when the object's properties are. */
  private appendProperty(object: TSESTree.ObjectExpression, property: string): TextEdit {
    const last = object.properties.at(-1);
    const close = this.sourceCode.getLastToken(object)!;
    if (!last) return { range: [object.range[0], object.range[1]], text: `{ ${property} }` };
    const comma = this.sourceCode.getTokenAfter(last);
    const trailing = comma?.value === ',';
    if (this.text.slice(last.range[1], close.range[0]).includes('\n')) {
      const indent = indentAt(this.text, last.range[0]);
      const at = trailing ? comma.range[1] : last.range[1];
      return { range: [at, at], text: `${trailing ? '' : ','}${this.newline}${indent}${property}${trailing ? ',' : ''}` };
    }
    return { range: [last.range[1], last.range[1]], text: `, ${property}` };
  }

  // ---------------------------------------------------------------- the headers

  /**
   * A POST of `JSON.stringify(message)` with literal headers: `...mcpRequestHeaders(message)`
   * goes after the version header (added too when missing), and the helper, which reads the
   * method and the name from the message, goes after the function that posts.
   */
  private addHeaders(): void {
    const declared = topLevelFunction(this.sourceCode, headersHelperName);
    if (!declared && hasName(this.sourceCode, headersHelperName)) return;
    let helperAt: Node | undefined;
    for (const finding of this.of('missingHeaders')) {
      const call = finding.node.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== finding.node) continue;
      const init = call.arguments[1] && unwrap(call.arguments[1]);
      if (init?.type !== AST_NODE_TYPES.ObjectExpression) continue;
      const headers = headersLiteral(valueOf(init, 'headers'), this.sourceCode);
      const body = valueOf(init, 'body');
      if (headers?.type !== AST_NODE_TYPES.ObjectExpression || body?.type !== AST_NODE_TYPES.CallExpression) continue;
      const message = body.arguments.length === 1 ? unwrap(body.arguments[0]!) : undefined;
      if (!isJsonStringifyCall(body) || message?.type !== AST_NODE_TYPES.Identifier) continue;

      const version = headers.properties.find(
        (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && propertyKeyName(property)?.toLowerCase() === 'mcp-protocol-version',
      );
      const additions = [
        ...(version ? [] : [`${this.string('MCP-Protocol-Version')}: ${this.string(modernProtocolVersion)}`]),
        `...${headersHelperName}(${message.name})`,
      ];
      const after = version ?? headers.properties.at(-1);
      if (!after) continue;
      const comma = this.sourceCode.getTokenAfter(after);
      const end = comma?.value === ',' ? comma.range[1] : after.range[1];
      const multiline = this.text.slice(headers.range[0], headers.range[1]).includes('\n');
      if (multiline) {
        const lineEnd = this.text.indexOf('\n', end);
        const indent = indentAt(this.text, after.range[0]);
        const lead = comma?.value === ',' ? '' : ',';
        const text = additions.map((addition) => `${indent}${addition},${this.newline}`).join('');
        if (lead) this.others.push({ range: [after.range[1], after.range[1]], text: lead });
        this.others.push({ range: [lineEnd + 1, lineEnd + 1], text });
      } else {
        this.others.push({ range: [after.range[1], after.range[1]], text: `, ${additions.join(', ')}` });
      }
      helperAt ??= topLevelStatementOf(call);
    }
    if (!helperAt || declared) return;
    const nl = this.newline;
    const unit = indentUnit(this.text);
    const q = (value: string) => this.string(value);
    const signature = this.typed
      ? `function ${headersHelperName}(message: { jsonrpc?: string; method?: string; params?: unknown }): Record<string, string> {`
      : `function ${headersHelperName}(message) {`;
    const paramsLine = this.typed ? `const params = (message.params ?? {}) as { name?: unknown; uri?: unknown };` : 'const params = message.params ?? {};';
    const lines = [
      '/**',
      ` * The headers MCP ${modernProtocolVersion} wants on every request POST: \`Mcp-Method\`, and \`Mcp-Name\` for`,
      ' * the tool, prompt or resource that tools/call, prompts/get or resources/read names (Base64 in',
      ' * `=?base64?…?=` when it is not plain visible ASCII).',
      ' */',
      signature,
      `${unit}if (message.method === undefined) return {};`,
      `${unit}${paramsLine}`,
      `${unit}const name = message.method === ${q('resources/read')} ? params.uri : message.method === ${q('tools/call')} || message.method === ${q('prompts/get')} ? params.name : undefined;`,
      `${unit}if (typeof name !== ${q('string')}) return { ${q('Mcp-Method')}: message.method };`,
      `${unit}const plain = /^[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?$/.test(name) && !name.startsWith(${q('=?base64?')});`,
      `${unit}return { ${q('Mcp-Method')}: message.method, ${q('Mcp-Name')}: plain ? name : \`=?base64?\${btoa(String.fromCharCode(...new TextEncoder().encode(name)))}?=\` };`,
      '}',
    ];
    const end = helperAt.range[1];
    const lineEnd = this.text.indexOf('\n', end);
    const at = lineEnd === -1 ? this.text.length : lineEnd + 1;
    this.others.push({ range: [at, at], text: `${nl}${lines.join(nl)}${nl}` });
  }
}

// ------------------------------------------------------------------ AST helpers

function stringValue(node: Node): string | undefined {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string' ? inner.value : undefined;
}

function isUndefined(node: Node): boolean {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined';
}

function isJsonStringifyCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'JSON' &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    callee.property.name === 'stringify'
  );
}

/** The statement of a block or program that holds `node`. */
function statementOf(node: Node): Node | undefined {
  let current: Node | undefined = node;
  while (current?.parent) {
    const parent: Node = current.parent;
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program || parent.type === AST_NODE_TYPES.SwitchCase) {
      return parent.type === AST_NODE_TYPES.SwitchCase && parent.test === current ? undefined : current;
    }
    if (isFunction(parent)) return undefined;
    current = parent;
  }
  return undefined;
}

function topLevelStatementOf(node: Node): Node {
  let current = node;
  while (current.parent && current.parent.type !== AST_NODE_TYPES.Program) current = current.parent;
  return current;
}

/**
 * The statement that sends `at` and drops the answer: `await send(…)`, `send(…).catch(…)`, as a
 * statement of its own, where `at` is in the arguments of the outermost call.
 */
function discardedSend(at: Node): Node | undefined {
  const statement = expressionStatementOf(at);
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  let expression = unwrap(statement.expression);
  if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = unwrap(expression.argument);
  if (expression.type !== AST_NODE_TYPES.CallExpression) return undefined;
  return expression.range[0] <= at.range[0] && at.range[1] <= expression.range[1] ? statement : undefined;
}

/** The expression statement that holds `node`, also the body of an `if` without braces. */
function expressionStatementOf(node: Node): TSESTree.ExpressionStatement | undefined {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ExpressionStatement) return current;
    if (isFunction(current) || /Statement$|Declaration$/.test(current.type)) return undefined;
  }
  return undefined;
}

/** `if (x) <statement>` or `if (x) { <statement> }` with nothing else: the `if`. */
function guardOf(statement: Node): TSESTree.IfStatement | undefined {
  const parent = statement.parent;
  if (parent?.type === AST_NODE_TYPES.IfStatement && parent.consequent === statement && !parent.alternate) return parent;
  if (parent?.type === AST_NODE_TYPES.BlockStatement && parent.body.length === 1) {
    const grand = parent.parent;
    if (grand?.type === AST_NODE_TYPES.IfStatement && grand.consequent === parent && !grand.alternate) return grand;
  }
  return undefined;
}

/** The params object sent with an `initialize` method name: the next argument of a builder call, or the literal's `params`. */
function paramsBeside(method: Node): TSESTree.ObjectExpression | undefined {
  const parent = method.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    const next = parent.arguments[parent.arguments.indexOf(method as TSESTree.CallExpressionArgument) + 1];
    const value = next && unwrap(next);
    return value?.type === AST_NODE_TYPES.ObjectExpression ? value : undefined;
  }
  if (parent?.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const value = valueOf(parent.parent, 'params');
    return value?.type === AST_NODE_TYPES.ObjectExpression ? value : undefined;
  }
  return undefined;
}

/** The headers object literal: written in the call, or the initialiser of a `const` the call names. */
function headersLiteral(value: Node | undefined, sourceCode: Code): TSESTree.ObjectExpression | undefined {
  if (value?.type === AST_NODE_TYPES.ObjectExpression) return value;
  if (value?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(value), value);
  const declarator = variable?.defs.length === 1 ? variable.defs[0]!.node : undefined;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const' || !declarator.init) return undefined;
  // In the function that posts, so the message the headers are computed from is in scope there.
  if (enclosingFunction(declarator) !== enclosingFunction(value)) return undefined;
  const init = unwrap(declarator.init);
  return init.type === AST_NODE_TYPES.ObjectExpression ? init : undefined;
}

function valueOf(object: TSESTree.ObjectExpression, key: string): Node | undefined {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === key) return unwrap(property.value);
  }
  return undefined;
}

function propertyOf(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
  return object.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === key);
}

function hasKey(object: TSESTree.ObjectExpression, key: string): boolean {
  return propertyOf(object, key) !== undefined;
}

/**
 * The JSON-RPC message literal a request-meta finding is about, and its `params` property (none
 * when it has no params): the literal itself when the finding sits in it, or the literal a
 * local builder returns or sends when the finding is an argument of a call to it
 * (`rpc('tools/call', { name })` → `{ jsonrpc: '2.0', id, method, params }` in `rpc`), with
 * `params` being that argument's parameter.
 */
function messageLiteralOf(at: Node, sourceCode: Code): { message: TSESTree.ObjectExpression; params: TSESTree.Property | undefined } | undefined {
  const parent = at.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === at && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const message = parent.parent;
    if (!hasKey(message, 'jsonrpc') || message.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return undefined;
    return { message, params: propertyOf(message, 'params') };
  }
  if (parent?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const fn = calledLocalFunction(parent.callee, sourceCode);
  if (!fn) return undefined;
  const index = parent.arguments.indexOf(at as TSESTree.CallExpressionArgument);
  const methodParameter = fn.params[index === 0 ? 0 : index - 1];
  const paramsParameter = fn.params[index === 0 ? 1 : index];
  const nameOf = (parameter: TSESTree.Parameter | undefined) => {
    const id = parameter?.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
    return id?.type === AST_NODE_TYPES.Identifier ? id.name : undefined;
  };
  const methodName = nameOf(methodParameter);
  const paramsName = nameOf(paramsParameter);
  if (!methodName || !fn.body) return undefined;
  let found: { message: TSESTree.ObjectExpression; params: TSESTree.Property | undefined } | undefined;
  let count = 0;
  walk(fn.body, sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.ObjectExpression || !hasKey(node, 'jsonrpc')) return;
    const method = valueOf(node, 'method');
    if (method?.type !== AST_NODE_TYPES.Identifier || method.name !== methodName) return;
    const params = propertyOf(node, 'params');
    const value = params && unwrap(params.value);
    if (params && (value?.type !== AST_NODE_TYPES.Identifier || value.name !== paramsName)) return;
    if (node.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return;
    count++;
    found = { message: node, params };
  });
  return count === 1 ? found : undefined;
}

/** Whether every identifier `value` reads is declared at the top of the module before `anchor`, so a copy placed there works. */
function declaredBefore(value: Node, anchor: Node, sourceCode: Code): boolean {
  let ok = true;
  walk(value, sourceCode.visitorKeys, (node) => {
    if (!ok || node.type !== AST_NODE_TYPES.Identifier) return;
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && !parent.shorthand) return;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) return;
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    const def = variable?.defs[0];
    const declaration = def?.parent ?? def?.node;
    ok = !!declaration && declaration.parent?.type === AST_NODE_TYPES.Program && declaration.range[1] <= anchor.range[0];
  });
  return ok;
}

function topLevelConst(sourceCode: Code, name: string): TSESTree.VariableDeclarator | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.kind !== 'const') continue;
    const found = statement.declarations.find((d) => d.id.type === AST_NODE_TYPES.Identifier && d.id.name === name);
    if (found) return found;
  }
  return undefined;
}

function topLevelFunction(sourceCode: Code, name: string): TSESTree.FunctionDeclaration | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id?.name === name) return statement;
  }
  return undefined;
}

/** Whether `name` is declared or used anywhere in the file. */
function hasName(sourceCode: Code, name: string): boolean {
  return sourceCode.ast.tokens?.some((token) => token.type === 'Identifier' && token.value === name) ?? false;
}

/** Where a statement's leading comments (its doc comment) start. */
function leadingCommentStart(statement: Node, sourceCode: Code): number {
  const comments = sourceCode.getCommentsBefore(statement);
  return comments[0]?.range[0] ?? statement.range[0];
}

/** The file's indentation step: the first indented code line's (not a doc comment's ` * `), two spaces when none. */
function indentUnit(text: string): string {
  return /\n( +|\t)(?![ *])\S/.exec(text)?.[1] ?? '  ';
}

/** A copied multi-line expression, moved so that its last line (the closing bracket) sits at `indent`. */
function reindent(text: string, indent: string, newline: string): string {
  const lines = text.split(/\r?\n/);
  if (lines.length === 1) return text;
  const base = /^[ \t]*/.exec(lines.at(-1)!)![0].length;
  return [lines[0], ...lines.slice(1).map((line) => (line.trim() === '' ? '' : `${indent}${line.slice(Math.min(base, /^[ \t]*/.exec(line)![0].length))}`))].join(newline);
}
