import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { API, FileInfo } from 'jscodeshift';
import { rules } from '../rules/index.js';
import { constantOrigin } from '../src/ast/constants.js';
import { servedBySdk } from '../src/ast/hand-rolled-server.js';
import { calledLocalFunction, calleeName, functionBindingName, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { docsOf } from '../src/engine/catalog.js';
import { insertMarkers, type MarkerRequest } from '../src/transforms/markers.js';
import { detectQuoteStyle } from '../src/transforms/quote-style.js';
import { messageRange, nodeAt, offsetOf, runRule, runRules } from '../src/transforms/rule-findings.js';
import { applyTextEdits, shiftedBy, type TextEdit } from '../src/transforms/text-edits.js';
import type { TransformOptions } from '../src/transforms/types.js';

/**
 * `get-stream-405`: a hand-rolled Streamable HTTP server (not served by the SDK) that keeps its 2025 GET stream
 * and session DELETE answers 405 Method Not Allowed, with `Allow: POST`, to GET and DELETE
 * requests that name no live session, which is every such request a 2026-07-28 client sends.
 *
 * The rewrite is the status of the route's "no session" rejection: in the GET or DELETE branch,
 * or in a local function the branch calls that no other route calls,
 * `if (!session) { res.writeHead(400 | 404, …); … }`
 * where `session` comes from a session lookup (code `no-session-state` or `no-session-id-header`
 * reports). 405 is right for both eras: a 2025 client always sends its session id on GET and
 * DELETE, and 2025 itself lets a server answer GET and DELETE with 405. The stream and the
 * session end stay for 2025 clients, with a marker to delete them with 2025 support. Driven by
 * `no-standalone-get-stream`, which stops reporting a route once it answers 405; SDK-served
 * files are `http-handler`'s. Anything else keeps the finding for `mark-remaining`.
 */
export const ruleId = 'no-standalone-get-stream';
export const parser = 'ts';

type Node = TSESTree.Node;
type Code = Readonly<TSESLint.SourceCode>;

/** The findings this transform resolves: a server's GET and DELETE routes. */
export const findings = ['servesGetStream', 'servesSessionDelete'] as const;
/** The rules whose findings show that a value comes from the 2025 session lookup. */
const sessionRuleIds = ['no-session-state', 'no-session-id-header'] as const;

const markerText: Record<(typeof findings)[number], string> = {
  servesGetStream:
    'GET now answers 405 to requests that name no live session, as 2026-07-28 clients expect; the event stream behind it only serves 2025 clients: delete it, answering every GET with 405, once you no longer serve them',
  servesSessionDelete:
    'DELETE now answers 405 to requests that name no live session, as 2026-07-28 clients expect; ending a session only serves 2025 clients: delete it, answering every DELETE with 405, once you no longer serve them',
};

export default function transform(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  if (!/GET|DELETE/.test(file.source)) return undefined;
  const { messages, sourceCode } = runRule(ruleId, file.source, file.path);
  const routes = messages.filter((m) => (findings as readonly string[]).includes(m.messageId ?? ''));
  const code = sourceCode as unknown as Code;
  if (routes.length === 0 || servedBySdk(code)) return undefined;
  const quote = (options.quote ?? detectQuoteStyle(file.source)) === 'double' ? '"' : "'";
  const sessionReads = runRules(sessionRuleIds, file.source, file.path).messages.map((m) => offsetOf(sourceCode, m.line, m.column));

  const edits: TextEdit[] = [];
  const markers: MarkerRequest[] = [];
  const docsUrl = docsOf(rules[ruleId]!).url ?? '';
  const rewritten = new Set<Node>();
  const branches = routes.map((route) => {
    const test = nodeAt(code, messageRange(sourceCode, route));
    return { route, test, branch: test && branchOf(test) };
  });
  const routeCode = branches.flatMap(({ branch }) => branch ?? []);
  for (const { route, test, branch } of branches) {
    const rejection = test && branch && sessionRejection(branch, routeCode, code, sessionReads);
    if (!test || !rejection) continue;
    if (!rewritten.has(rejection)) {
      const statusEdits = methodNotAllowed(rejection, code, quote);
      if (!statusEdits) continue;
      edits.push(...statusEdits);
    }
    rewritten.add(rejection);
    const offset = test.range[0];
    markers.push({ ruleId, text: markerText[route.messageId as (typeof findings)[number]], docsUrl, offset, placement: test.parent?.type === 'SwitchCase' ? 'line' : 'statement' });
  }
  if (edits.length === 0) return undefined;
  api.stats('edits', markers.length);
  // The markers' offsets are the input's: moved through the status edits, and placed on the edited text's parse.
  const edited = applyTextEdits(file.source, edits).output;
  const after = runRule(ruleId, edited, file.path).sourceCode;
  const marked = insertMarkers(after, markers.map((marker) => ({ ...marker, offset: shiftedBy(edits, marker.offset) })));
  if (marked.added > 0) api.stats('markers', marked.added);
  return marked.output;
}

/** The statements that run for the route: a `case 'GET':` body, or the consequent of `if (req.method === 'GET')`. */
function branchOf(test: Node): Node[] | undefined {
  const parent = test.parent;
  if (parent?.type === 'SwitchCase' && parent.test === test) return parent.consequent;
  if (test.type === 'BinaryExpression' && (test.operator === '===' || test.operator === '==') && parent?.type === 'IfStatement' && parent.test === test) {
    return [parent.consequent];
  }
  return undefined;
}

/**
 * The `res.writeHead(status, …)` of the branch's "no session" rejection, looked for in the branch
 * and in the local functions it calls that only GET and DELETE routes call (a rejection shared
 * with POST must keep its status): an `if (!session)` (or `session === undefined`) whose
 * `session` is a `const` initialised from a session lookup, and whose block writes one status.
 */
function sessionRejection(branch: Node[], routeCode: Node[], code: Code, sessionReads: number[]): TSESTree.CallExpression | undefined {
  const scopes: Node[] = [...branch];
  for (const statement of branch) {
    walk(statement, code.visitorKeys, (node) => {
      const fn = node.type === 'CallExpression' ? calledLocalFunction(node.callee, code) : undefined;
      if (fn?.body && onlyCalledFrom(fn, routeCode, code)) scopes.push(fn.body);
    });
  }
  for (const scope of scopes) {
    let found: TSESTree.CallExpression | undefined;
    walk(scope, code.visitorKeys, (node) => {
      if (found || node.type !== 'IfStatement' || node.alternate) return;
      const session = missingValueTested(node.test);
      if (!session || !isSessionLookup(session, code, sessionReads)) return;
      const writes = statusWrites(node.consequent, code);
      if (writes.length === 1 && exitsAfter(node.consequent)) found = writes[0];
    });
    if (found) return found;
  }
  return undefined;
}

/** Every use of the function's name lies in `places` (the GET and DELETE routes). */
function onlyCalledFrom(fn: TSESTree.FunctionLike, places: Node[], code: Code): boolean {
  const name = functionBindingName(fn);
  const variable = name && ASTUtils.findVariable(code.getScope(name), name);
  if (!variable) return false;
  return variable.references.every(
    (reference) => reference.init || places.some((place) => place.range[0] <= reference.identifier.range[0] && reference.identifier.range[1] <= place.range[1]),
  );
}

/** `!x`, `x === undefined`, `x == null`: the identifier tested for having no value. */
function missingValueTested(test: Node): TSESTree.Identifier | undefined {
  if (test.type === 'UnaryExpression' && test.operator === '!' && test.argument.type === 'Identifier') return test.argument;
  if (test.type === 'BinaryExpression' && (test.operator === '===' || test.operator === '==') && test.left.type === 'Identifier') {
    const right = test.right;
    const empty = (right.type === 'Identifier' && right.name === 'undefined') || (right.type === 'Literal' && right.value === null);
    return empty ? test.left : undefined;
  }
  return undefined;
}

/** A `const` whose initialiser (or a local function it calls) holds a session-id read or a session-keyed lookup. */
function isSessionLookup(identifier: TSESTree.Identifier, code: Code, sessionReads: number[]): boolean {
  const variable = ASTUtils.findVariable(code.getScope(identifier), identifier);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== 'Variable' || def.node.parent.kind !== 'const' || !def.node.init) return false;
  const ranges: Node[] = [def.node.init];
  walk(def.node.init, code.visitorKeys, (node) => {
    const fn = node.type === 'CallExpression' ? calledLocalFunction(node.callee, code) : undefined;
    if (fn?.body) ranges.push(fn.body);
  });
  return sessionReads.some((offset) => ranges.some((node) => node.range[0] <= offset && offset < node.range[1]));
}

/** The `<res>.writeHead(status, …)` calls in a node. */
function statusWrites(node: Node, code: Code): TSESTree.CallExpression[] {
  const writes: TSESTree.CallExpression[] = [];
  walk(node, code.visitorKeys, (inner) => {
    if (inner.type === 'CallExpression' && calleeName(inner) === 'writeHead' && inner.callee.type === 'MemberExpression' && inner.arguments.length >= 1) writes.push(inner);
  });
  return writes;
}

/** The rejection ends the handler: its block returns (or is a bare `return …`). */
function exitsAfter(consequent: Node): boolean {
  if (consequent.type === 'ReturnStatement') return true;
  return consequent.type === 'BlockStatement' && consequent.body.at(-1)?.type === 'ReturnStatement';
}

/**
 * `writeHead(400, headers)` → `writeHead(405, { ...headers, Allow: 'POST' })`, keeping a literal's
 * own properties in place. The `writeHead(status, statusMessage, headers)` form keeps its
 * message. Undefined for headers that may be an array of raw header pairs (a literal array, or
 * anything but an object literal or a constant one), where an `Allow` entry has another shape.
 */
function methodNotAllowed(call: TSESTree.CallExpression, code: Code, quote: string): TextEdit[] | undefined {
  const [status, second, third, ...rest] = call.arguments as Node[];
  if (!status || rest.length > 0 || status.type === 'SpreadElement') return undefined;
  const hasMessage = second !== undefined && (second.type === 'TemplateLiteral' || (second.type === 'Literal' && typeof second.value === 'string'));
  if (third && !hasMessage) return undefined;
  const headers = hasMessage ? third : second;
  const allow = `Allow: ${quote}POST${quote}`;
  const edits: TextEdit[] = [{ range: status.range, text: '405' }];
  const object = headers && unwrap(headers);
  if (!headers) {
    const after = hasMessage ? second! : status;
    edits.push({ range: [after.range[1], after.range[1]], text: `, { ${allow} }` });
  } else if (object?.type === 'ObjectExpression') {
    const hasAllow = object.properties.some((p) => p.type === 'Property' && propertyKeyName(p)?.toLowerCase() === 'allow');
    const last = object.properties.at(-1);
    if (!hasAllow) edits.push(last ? { range: [last.range[1], last.range[1]], text: `, ${allow}` } : { range: object.range, text: `{ ${allow} }` });
  } else if (constantOrigin(headers, code.getScope(headers))?.node.type === 'ObjectExpression') {
    edits.push({ range: headers.range, text: `{ ...${code.getText(headers)}, ${allow} }` });
  } else return undefined;
  return edits;
}
