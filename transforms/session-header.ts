import type { Linter, SourceCode } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { API, FileInfo } from 'jscodeshift';
import { rules } from '../rules/index.js';
import { staticValue } from '../src/ast/constants.js';
import { meaningfulParent, unwrap } from '../src/ast/nodes.js';
import { docsOf } from '../src/engine/catalog.js';
import { corsHeaderListKeys, modernRequestHeaders, sessionIdHeader } from '../src/mcp/headers.js';
import { removeHeaderListItem, type Substitution } from '../src/transforms/header-list-text.js';
import { removeListElement } from '../src/transforms/list-removal.js';
import { insertMarkers } from '../src/transforms/markers.js';
import { offsetOf, runRule } from '../src/transforms/rule-findings.js';
import { applyTextEdits, type TextEdit, wholeLines } from '../src/transforms/text-edits.js';
import { lookupTable } from '../src/mcp/lookup-table.js';

/**
 * `session-header`: drops what is left of the `Mcp-Session-Id` header once nothing depends on it
 * (MCP 2026-07-28 has no sessions): writes of the header (`res.setHeader`, `res.header`,
 * `headers.set`, a header object's property, `headers[name] = …`), its entries in CORS lists
 * (arrays and comma-separated strings, templates included), reads whose value nobody uses, the
 * client transport's `sessionId` option and `terminateSession()`, and header-name constants the
 * edits leave unused. Driven by the findings of `no-session-id-header`, so other session headers
 * and lookalikes are never touched.
 *
 * "Nothing depends on it" is decided per file: while the file still routes or keys state by the
 * session (a `no-session-state` finding, or a read of the header whose value is used), the server
 * still needs its 2025 clients to echo the id, so writes and CORS entries stay and get a marker,
 * like the reads themselves (the `http-handler` transform and `no-session-state` deal with those).
 */
export const ruleId = 'no-session-id-header';
export const parser = 'ts';

type Node = TSESTree.Node;

/** What a person must do for each finding left in place. */
const markerText: Record<string, string> = lookupTable({
  readsHeader:
    'This reads Mcp-Session-Id, which 2026-07-28 clients never send, and the value is used: route and key state without it (no-session-state; the http-handler transform rewrites SDK hosting), then drop the read',
  writesHeader:
    'Stop sending Mcp-Session-Id (2026-07-28 has no sessions) once nothing in this file routes by the session; keep it only on a path that serves 2025 clients',
  listsHeaderInCors: `Drop Mcp-Session-Id from this CORS list once nothing in this file routes by the session, and allow ${modernRequestHeaders.join(', ')}`,
  namesHeader:
    'Mcp-Session-Id is gone in 2026-07-28: remove this mention of the header (a forwarded or stripped header, a comparison, an exported constant) once nothing needs it, another module included',
  readsTransportSessionId: 'transport.sessionId is undefined for 2026-07-28 requests: route and key state without it (no-session-state; the http-handler transform)',
  passesClientSessionId: 'Remove the sessionId option: 2026-07-28 servers have no session to resume',
  terminatesSession: 'Remove terminateSession(): 2026-07-28 servers have no session to end and answer DELETE with 405',
});

/** Removing a write can leave a read unused, and that read a constant: a few passes settle it. */
const maxPasses = 4;

export default function transform(file: FileInfo, api: API): string | undefined {
  // The rule's own prefilter: the header name, or an SDK import (client options, terminateSession).
  if (!/mcp-session-id|@modelcontextprotocol\//i.test(file.source)) return undefined;
  let source = file.source;
  let found: number | undefined;
  for (let pass = 0; pass < maxPasses; pass++) {
    const { messages, sourceCode } = runRule(ruleId, source, file.path);
    found ??= messages.length;
    if (messages.length === 0) break;
    const edits = editsFor(messages, sourceCode, file.path);
    if (edits.length === 0) break;
    source = applyTextEdits(source, edits).output;
  }
  const { messages, sourceCode } = runRule(ruleId, source, file.path);
  if (found! > messages.length) api.stats('edits', found! - messages.length);
  const docsUrl = docsOf(rules[ruleId]!).url ?? '';
  const marked = insertMarkers(
    sourceCode,
    messages.map((message) => ({
      ruleId,
      text: markerText[message.messageId ?? ''] ?? message.message,
      docsUrl,
      offset: offsetOf(sourceCode, message.line, message.column),
    })),
  );
  if (marked.added > 0) api.stats('markers', marked.added);
  return marked.output === file.source ? undefined : marked.output;
}

/**
 * The edits for one pass. Client options and unused reads and constants are always safe to drop;
 * server writes and CORS entries only when the file no longer depends on the session (see above).
 */
function editsFor(messages: Linter.LintMessage[], sourceCode: SourceCode, filename: string): TextEdit[] {
  const always: TextEdit[] = [];
  const serverSide: TextEdit[] = [];
  const readNodes: Node[] = [];
  let sessionStillRead = runRule('no-session-state', sourceCode.text, filename).messages.length > 0;

  for (const message of messages) {
    const node = nodeOf(sourceCode, message);
    if (!node) continue;
    switch (message.messageId) {
      case 'writesHeader':
        pushEdit(serverSide, writeEdit(sourceCode, node));
        break;
      case 'listsHeaderInCors':
        pushEdit(serverSide, corsEdit(sourceCode, node));
        break;
      case 'readsHeader':
        readNodes.push(node);
        break;
      case 'passesClientSessionId':
        pushEdit(always, clientOptionEdit(sourceCode, node));
        break;
      case 'terminatesSession':
        pushEdit(always, standaloneCallEdit(sourceCode, node));
        break;
      case 'namesHeader':
        pushEdit(always, unusedConstantEdit(sourceCode, node));
        pushEdit(serverSide, assignedCorsListEdit(sourceCode, node));
        break;
      default:
        // `transport.sessionId` and anything else: a marker, unless a removed write took it along.
        break;
    }
  }

  // A read whose only uses are in writes that go can go with them (`res.setHeader(H, req.headers[h])`).
  const within = (use: Node, edits: TextEdit[]) => edits.some((edit) => use.range[0] >= edit.range[0] && use.range[1] <= edit.range[1]);
  const reads: { declaration: Node; uses: Node[] }[] = [];
  for (const node of readNodes) {
    // Echoed straight into a write that goes (`res.setHeader(H, req.headers[h])`): goes with it.
    if (within(node, serverSide)) continue;
    const read = unusedRead(sourceCode, node);
    if (read) reads.push(read);
    else sessionStillRead = true;
  }
  const edits = [...always];
  for (const read of reads) {
    if (read.uses.length === 0) edits.push(declarationEdit(sourceCode, read.declaration));
    else if (!read.uses.every((use) => within(use, serverSide))) sessionStillRead = true;
  }
  if (!sessionStillRead) {
    edits.push(...serverSide);
    for (const read of reads) if (read.uses.length > 0) edits.push(declarationEdit(sourceCode, read.declaration));
  }
  return edits;
}

function pushEdit(edits: TextEdit[], edit: TextEdit | undefined): void {
  if (edit) edits.push(edit);
}

function nodeOf(sourceCode: SourceCode, message: Linter.LintMessage): Node | undefined {
  const start = offsetOf(sourceCode, message.line, message.column);
  const end = offsetOf(sourceCode, message.endLine ?? message.line, message.endColumn ?? message.column);
  let node = sourceCode.getNodeByRangeIndex(start) as Node | null;
  while (node && !(node.range[0] === start && node.range[1] === end)) node = node.parent ?? null;
  return node ?? undefined;
}

function scopeOf(sourceCode: SourceCode, node: Node): TSESLint.Scope.Scope {
  return sourceCode.getScope(node as never) as unknown as TSESLint.Scope.Scope;
}

/** The header name itself, in any case, through constants too. */
function isSessionHeaderName(sourceCode: SourceCode, node: Node): boolean {
  const value = staticValue(node, scopeOf(sourceCode, node))?.value;
  return typeof value === 'string' && value.trim().toLowerCase() === sessionIdHeader;
}

/**
 * Whether evaluating the expression can do nothing but produce a value, so dropping it loses no
 * behaviour: names, literals, member reads, templates and operators over those, `x!`, `x as T`.
 * Calls (`randomUUID()`), assignments and `new` are not.
 */
function isPure(node: Node): boolean {
  switch (node.type) {
    case 'Identifier':
    case 'Literal':
    case 'ThisExpression':
      return true;
    case 'TemplateLiteral':
      return node.expressions.every(isPure);
    case 'MemberExpression':
      return isPure(node.object) && (!node.computed || isPure(node.property));
    case 'ChainExpression':
    case 'TSNonNullExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
      return isPure(node.expression);
    case 'LogicalExpression':
    case 'BinaryExpression':
      return node.left.type !== 'PrivateIdentifier' && isPure(node.left) && isPure(node.right);
    case 'ConditionalExpression':
      return isPure(node.test) && isPure(node.consequent) && isPure(node.alternate);
    case 'UnaryExpression':
      return node.operator !== 'delete' && isPure(node.argument);
    default:
      return false;
  }
}

/** A statement that sits in a list of statements, so deleting it leaves valid code (`if (x) stmt;` does not qualify). */
function isListedStatement(statement: Node): boolean {
  const parent = statement.parent;
  if (!parent) return false;
  if (parent.type === 'Program' || parent.type === 'BlockStatement' || parent.type === 'StaticBlock') return true;
  return parent.type === 'SwitchCase' && parent.consequent.includes(statement as TSESTree.Statement);
}

/**
 * The statement, with the `if` around it when it is all that `if` does and the test only reads
 * values (`if (sessionId) { res.setHeader(H, sessionId); }`): an empty `if` would be left otherwise.
 */
function statementEdit(sourceCode: SourceCode, statement: Node): TextEdit | undefined {
  let target = statement;
  const block = statement.parent?.type === 'BlockStatement' && statement.parent.body.length === 1 ? statement.parent : undefined;
  const branch = block ?? statement;
  if (branch.parent?.type === 'IfStatement' && branch.parent.consequent === branch && !branch.parent.alternate && isPure(branch.parent.test)) {
    if (sourceCode.getCommentsInside(branch as never).length === 0) target = branch.parent;
  }
  if (!isListedStatement(target)) return undefined;
  return declarationEdit(sourceCode, target);
}

/** `<call>;` or `await <call>;` as a statement of its own: the statement. */
function statementOfCall(call: Node): Node | undefined {
  const { parent, child } = meaningfulParent(call);
  if (parent?.type === 'ExpressionStatement') return parent;
  if (parent?.type === 'AwaitExpression' && parent.argument === child && parent.parent.type === 'ExpressionStatement') return parent.parent;
  return undefined;
}

/**
 * A write of the header: `res.setHeader(H, v);` (`res.header`, `res.set`, `headers.set`,
 * `headers.append`, `c.header`) as a statement; `{ [H]: v }` in a header object;
 * `headers[H] = v;`; a `[H, v]` entry. The value must be pure, so nothing but the header goes.
 */
function writeEdit(sourceCode: SourceCode, node: Node): TextEdit | undefined {
  const { parent, child } = meaningfulParent(node);
  if (!parent) return undefined;
  if (parent.type === 'CallExpression' && parent.arguments[0] === child) {
    if (parent.callee.type !== 'MemberExpression' || !isPure(parent.callee.object) || !parent.arguments.every((a) => a.type !== 'SpreadElement' && isPure(a))) return undefined;
    const statement = statementOfCall(parent);
    return statement ? statementEdit(sourceCode, statement) : undefined;
  }
  if (parent.type === 'Property' && parent.key === child && parent.parent.type === 'ObjectExpression') {
    if (!isPure(parent.value)) return undefined;
    return removeListElement(sourceCode, parent.parent.properties, parent, parent.parent);
  }
  if (parent.type === 'MemberExpression' && parent.property === child) {
    const outer = meaningfulParent(parent);
    if (outer.parent?.type !== 'AssignmentExpression' || outer.parent.operator !== '=' || !isPure(outer.parent.right) || !isPure(parent.object)) return undefined;
    if (outer.parent.parent.type !== 'ExpressionStatement') return undefined;
    return statementEdit(sourceCode, outer.parent.parent);
  }
  if (parent.type === 'ArrayExpression' && parent.elements.length === 2 && parent.elements[0] === child) {
    const entries = meaningfulParent(parent).parent;
    if (entries?.type !== 'ArrayExpression' || !parent.elements.every((e) => e && e.type !== 'SpreadElement' && isPure(e))) return undefined;
    return removeListElement(sourceCode, entries.elements.filter((e): e is TSESTree.Expression => e !== null), parent, entries);
  }
  return undefined;
}

/**
 * A CORS entry: the name inside a comma-separated list (the rest of the list stays); an array
 * element; an `Access-Control-*-Headers` value or `exposedHeaders` option that is the name alone
 * (the statement or the property goes: no header and an empty one expose the same). An
 * `allowedHeaders` that is the name alone is left: without the option `cors` reflects every
 * requested header, which is not what an empty list does.
 */
function corsEdit(sourceCode: SourceCode, node: Node): TextEdit | undefined {
  const listEdit = headerListEdit(sourceCode, node);
  if (listEdit) return listEdit;
  if (!isSessionHeaderName(sourceCode, node)) return undefined;
  const { parent, child } = meaningfulParent(node);
  if (parent?.type === 'ArrayExpression') {
    const elements = parent.elements.filter((e): e is TSESTree.Expression => e !== null);
    // `exposedHeaders: ['Mcp-Session-Id']`: exposing nothing is not exposing, so the option goes.
    const option = meaningfulParent(parent);
    if (elements.length === 1 && option.parent?.type === 'Property' && option.parent.value === option.child && isExposeKey(option.parent)) {
      return removeListElement(sourceCode, (option.parent.parent as TSESTree.ObjectExpression).properties, option.parent, option.parent.parent);
    }
    return removeListElement(sourceCode, elements, child, parent);
  }
  if (parent?.type === 'CallExpression' && parent.arguments[1] === child && parent.arguments.length === 2) {
    if (parent.callee.type !== 'MemberExpression' || !isPure(parent.callee.object) || !isPure(parent.arguments[0]!)) return undefined;
    const statement = statementOfCall(parent);
    return statement ? statementEdit(sourceCode, statement) : undefined;
  }
  if (parent?.type === 'Property' && parent.value === child && parent.parent.type === 'ObjectExpression') {
    if (!isExposeKey(parent)) return undefined;
    return removeListElement(sourceCode, parent.parent.properties, parent, parent.parent);
  }
  return undefined;
}

/** `exposedHeaders`, `exposeHeaders`, `Access-Control-Expose-Headers`, in an object literal. */
function isExposeKey(property: TSESTree.Property): boolean {
  if (property.parent.type !== 'ObjectExpression' || property.computed) return false;
  const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : '';
  return /expose/i.test(key);
}

/** `headers['Access-Control-Expose-Headers'] = 'mcp-session-id, x-trace'`: the rule sees a mention, this is a CORS list. */
function assignedCorsListEdit(sourceCode: SourceCode, node: Node): TextEdit | undefined {
  const { parent, child } = meaningfulParent(node);
  if (parent?.type !== 'AssignmentExpression' || parent.right !== child) return undefined;
  const target = unwrap(parent.left);
  if (target.type !== 'MemberExpression') return undefined;
  const key = target.computed ? staticValue(target.property, scopeOf(sourceCode, target))?.value : target.property.type === 'Identifier' ? target.property.name : undefined;
  if (typeof key !== 'string' || !corsHeaderListKeys.includes(key.toLowerCase())) return undefined;
  return headerListEdit(sourceCode, node);
}

/** The header's item out of a comma-separated string or template literal. */
function headerListEdit(sourceCode: SourceCode, node: Node): TextEdit | undefined {
  const isTarget = (name: string) => name.toLowerCase() === sessionIdHeader;
  if (node.type === 'Literal' && typeof node.value === 'string') {
    return removeHeaderListItem(sourceCode.text, node.range[0] + 1, node.range[1] - 1, [], isTarget);
  }
  if (node.type !== 'TemplateLiteral') return undefined;
  const scope = scopeOf(sourceCode, node);
  const substitutions: Substitution[] = node.expressions.map((expression, index) => ({
    // `${` ends the quasi before, `}` starts the one after.
    range: [node.quasis[index]!.range[1] - 2, node.quasis[index + 1]!.range[0] + 1],
    value: staticValue(expression, scope)?.value,
  }));
  return removeHeaderListItem(sourceCode.text, node.range[0] + 1, node.range[1] - 1, substitutions, isTarget);
}

/**
 * A read whose value lands in a variable declared by it alone (`const sid = req.headers[h] as string;`,
 * also `h1 ?? h2` over two spellings), with the places that variable is read. Anything else (a
 * read in a condition, a lookup, an argument) is logic that depends on the session.
 */
function unusedRead(sourceCode: SourceCode, node: Node): { declaration: Node; uses: Node[] } | undefined {
  let read = meaningfulParent(node).parent;
  if (read?.type !== 'MemberExpression' && read?.type !== 'CallExpression') return undefined;
  if (read.type === 'CallExpression' && (read.callee.type !== 'MemberExpression' || !isPure(read.callee.object))) return undefined;
  if (read.type === 'MemberExpression' && !isPure(read.object)) return undefined;
  let { parent, child } = meaningfulParent(read);
  while (parent?.type === 'LogicalExpression' && isPure(parent.left) && (parent.right === child ? true : isPure(parent.right) || isReadCall(parent.right))) {
    ({ parent, child } = meaningfulParent(parent));
  }
  if (parent?.type !== 'VariableDeclarator' || parent.init !== child || parent.id.type !== 'Identifier') return undefined;
  const declaration = parent.parent;
  if (declaration.declarations.length !== 1 || !isListedStatement(declaration)) return undefined;
  const variable = ASTUtils.findVariable(scopeOf(sourceCode, parent.id), parent.id);
  if (!variable) return undefined;
  return { declaration, uses: variable.references.filter((reference) => !reference.init).map((reference) => reference.identifier as Node) };
}

/** `req.header(h)`, `headers.get(h)`: a method call on a pure receiver with pure arguments. */
function isReadCall(node: Node): boolean {
  const inner = unwrap(node);
  return inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression' && isPure(inner.callee.object) && inner.arguments.every((a) => a.type !== 'SpreadElement' && isPure(a));
}

/** A whole statement on lines of its own; with a blank line on both sides, one of them goes too. */
function declarationEdit(sourceCode: SourceCode, declaration: Node): TextEdit {
  const text = sourceCode.text;
  const [start, end] = wholeLines(text, declaration.range);
  const blankAfter = /^[ \t]*\r?\n/.exec(text.slice(end));
  const blankBefore = /\n[ \t]*\r?\n$/.test(text.slice(0, start)) || /^[ \t]*\r?\n$/.test(text.slice(0, start));
  return { range: [start, blankAfter && blankBefore ? end + blankAfter[0].length : end], text: '' };
}

/**
 * `sessionId: saved` in the client transport's options: the property; the whole options argument
 * when it was the only property of an object written in the call (`new T(url, { sessionId })` → `new T(url)`).
 */
function clientOptionEdit(sourceCode: SourceCode, found: Node): TextEdit | undefined {
  // A shorthand `{ sessionId }` is found as its key, which spans the same text as the property.
  const node = found.type === 'Identifier' && found.parent?.type === 'Property' && found.parent.shorthand ? found.parent : found;
  if (node.type !== 'Property' || node.parent.type !== 'ObjectExpression' || node.computed || !isPure(node.value)) return undefined;
  const object = node.parent;
  const { parent, child } = meaningfulParent(object);
  if (object.properties.length === 1 && parent?.type === 'NewExpression' && parent.arguments.at(-1) === child && parent.arguments.length === 2) {
    return removeListElement(sourceCode, parent.arguments, child, parent);
  }
  return removeListElement(sourceCode, object.properties, node, object);
}

/** `[await] transport.terminateSession();` as a statement of its own. */
function standaloneCallEdit(sourceCode: SourceCode, node: Node): TextEdit | undefined {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || !isPure(node.callee.object)) return undefined;
  const statement = statementOfCall(node);
  return statement ? statementEdit(sourceCode, statement) : undefined;
}

/**
 * `const SESSION_HEADER = 'Mcp-Session-Id';` that nothing reads (any more): the declaration.
 * An exported constant may be used by another module, so it stays (and gets a marker).
 */
function unusedConstantEdit(sourceCode: SourceCode, node: Node): TextEdit | undefined {
  const { parent, child } = meaningfulParent(node);
  if (parent?.type !== 'VariableDeclarator' || parent.init !== child || parent.id.type !== 'Identifier') return undefined;
  const declaration = parent.parent;
  if (declaration.kind !== 'const' || declaration.declarations.length !== 1 || !isListedStatement(declaration)) return undefined;
  if (!isSessionHeaderName(sourceCode, node)) return undefined;
  const variable = ASTUtils.findVariable(scopeOf(sourceCode, parent.id), parent.id);
  if (!variable || variable.references.some((reference) => !reference.init)) return undefined;
  return declarationEdit(sourceCode, declaration);
}
