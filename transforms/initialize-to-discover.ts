import type { Linter, SourceCode } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { API, FileInfo } from 'jscodeshift';
import { rules } from '../rules/index.js';
import type { DispatchSite } from '../src/ast/dispatch.js';
import { fileEvidence } from '../src/ast/evidence.js';
import { servedBySdk } from '../src/ast/hand-rolled-server.js';
import { containsNode, mcpRoutesOf, sdkRegistrationOf } from '../src/ast/mcp-method-sites.js';
import { calledLocalFunction, isFunction, propertyKeyName, returnedValues, unwrap, walk } from '../src/ast/nodes.js';
import { isTestModule } from '../src/ast/test-module.js';
import { docsOf } from '../src/engine/catalog.js';
import { modernProtocolVersion, protocolVersionMetaKey } from '../src/mcp/client-wire.js';
import { discoverMethod, initializedNotification, initializeMethod, serverInfoMetaKey } from '../src/mcp/handshake.js';
import { insertMarkers, type MarkerRequest } from '../src/transforms/markers.js';
import { detectQuoteStyle } from '../src/transforms/quote-style.js';
import { messageRange, nodeAt, offsetOf, runRule, runRules } from '../src/transforms/rule-findings.js';
import { applyTextEdits, lineBreakOf, type TextEdit, wholeLines } from '../src/transforms/text-edits.js';
import type { TransformOptions } from '../src/transforms/types.js';

/**
 * `initialize-to-discover`: a hand-rolled MCP server (a switch, an if-chain, a handler table or
 * a registry on method names, with no SDK server) that answers the 2025 `initialize` with an
 * InitializeResult literal gains a `server/discover` route beside it, which answers the
 * 2026-07-28 DiscoverResult built from the same values (reference §1.3, §5):
 *
 *   `{ protocolVersion, capabilities, serverInfo, instructions? }` →
 *   `{ resultType: 'complete', supportedVersions: ['2026-07-28'], capabilities, instructions?,
 *      ttlMs: 0, cacheScope: 'private', _meta: { 'io.modelcontextprotocol/serverInfo': serverInfo } }`
 *
 * The new route is a copy of the `initialize` route (the same reply call, the same terminator)
 * with the method and the result replaced, and without what only the handshake does there
 * (assignments that store flags or client details, declarations nothing kept reads). The
 * capabilities, serverInfo and instructions are the result's own property texts, so constants
 * stay references. The `initialize` route stays for 2025 clients; a marker says to delete it
 * with 2025 support unless the file already speaks of serving legacy clients. Driven by
 * `no-initialize-handshake` and `require-server-discover`, so LSP, esbuild and agent
 * `initialize` lookalikes, MCP Apps `ui/initialize`, servers that already answer
 * `server/discover`, test fakes and SDK-served files (the SDK answers discover on v2) are left
 * alone. Handshake gates, flag-setting `notifications/initialized` routes, stored initialize
 * params and routes it cannot rewrite get markers.
 */
export const ruleIds = ['no-initialize-handshake', 'require-server-discover'] as const;
export const parser = 'ts';

const [handshakeRule, discoverRule] = ruleIds;
/** The rules whose findings in an `initialize` route mark the calls that mint the session, which the `server/discover` copy leaves out. */
const sessionRuleIds = ['no-session-state', 'no-session-id-header'] as const;
/** Objects whose method calls are log lines (`log.info(…)`, `console.error(…)`), which the copy leaves out. */
const loggers = /^(?:log|logger|console)$/i;

type Node = TSESTree.Node;
type Code = Readonly<TSESLint.SourceCode>;

/** The keys of an InitializeResult this rewrite knows how to carry over. */
const resultKeys: ReadonlySet<string> = new Set(['protocolVersion', 'capabilities', 'serverInfo', 'instructions']);

/** Words that show a file already means to serve 2025 clients on purpose (then no "delete it later" marker). */
const legacyIntent = /legacy|dual[-_ ]?era/i;

const discoverAnswer = `{ resultType: 'complete', supportedVersions: ['${modernProtocolVersion}'], capabilities, instructions?, ttlMs, cacheScope, _meta: { '${serverInfoMetaKey}': serverInfo } }`;

const markerText = {
  keptInitialize: `This \`${initializeMethod}\` route now only answers 2025 clients (\`${discoverMethod}\` answers 2026-07-28 ones): delete it, with any \`${initializedNotification}\` route, once you no longer serve 2025 clients`,
  unconvertedInitialize: `Add a \`${discoverMethod}\` route beside this one that answers ${discoverAnswer} from the values this route answers with (ttlMs: 0 and cacheScope: 'private' are the conservative hints), and keep this route only for 2025 clients`,
  missingDiscover: `Add a \`${discoverMethod}\` route to this dispatch, answering ${discoverAnswer}: every 2026-07-28 server must implement it`,
  keptInitializeResult: `This InitializeResult now only answers 2025 \`${initializeMethod}\` requests: delete it with your 2025 support`,
  unconvertedInitializeResult: `Answer \`${discoverMethod}\` with these values as ${discoverAnswer}; this InitializeResult only answers 2025 clients`,
  gate: `Remove this gate: 2026-07-28 clients never send \`${initializeMethod}\`, so it refuses every modern request that reaches it; if 2025 clients still need it, apply it only to requests without \`params._meta['io.modelcontextprotocol/protocolVersion']\``,
  narrowedGate: `This gate now holds back only 2025 requests (those without \`params._meta['${protocolVersionMetaKey}']\`): 2026-07-28 requests pass it without whatever \`${initializeMethod}\` set up, so check that the code after it works for them, and remove the gate with your 2025 support`,
  initializedFlag: `2026-07-28 clients never send \`${initializedNotification}\`, so what this route sets stays unset for them: nothing may wait for it, and this route goes with your 2025 support`,
  unconvertedInitialized: `2026-07-28 clients never send \`${initializedNotification}\`: nothing may wait for it; keep this route only while you serve 2025 clients`,
  storedParams: `2026-07-28 clients never send \`${initializeMethod}\`, so what this stores is missing for them: read it from each request's \`params._meta\` ('io.modelcontextprotocol/clientInfo', 'io.modelcontextprotocol/clientCapabilities', 'io.modelcontextprotocol/protocolVersion') where it is used`,
};

export default function transform(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  if (!file.source.includes(initializeMethod)) return undefined;
  const before = runRule(handshakeRule, file.source, file.path);
  const sourceCode = before.sourceCode;
  const code = sourceCode as unknown as Code;
  // A test's fake peer plays whichever era the test needs; SDK servers answer discover themselves (v2).
  if (isTestModule(code.ast) || servedBySdk(code) || fileEvidence(code).mcpMethods.has(discoverMethod)) return undefined;
  const missing = runRule(discoverRule, file.source, file.path).messages;
  const findings = before.messages;
  if (findings.length === 0 && missing.length === 0) return undefined;
  const quote = (options.quote ?? detectQuoteStyle(file.source)) === 'double' ? '"' : "'";

  const results = findings.filter((m) => m.messageId === 'returnsInitializeResult').map((m) => resultObjectAt(code, messageRange(sourceCode, m)));
  const edits: TextEdit[] = [];
  /** Markers found on the input, by input offset: they are shifted through the edits. */
  const extra: MarkerRequest[] = [];
  const handshakeDocs = docsOf(rules[handshakeRule]!).url ?? '';
  const converted = new Set<DispatchSite>();
  const keepMarker = !legacyIntent.test(file.source);
  // Where the route mints the session (stores it, sends its id): only the handshake does that.
  const sessionFindings = runRules(sessionRuleIds, file.source, file.path).messages.map((m) => offsetOf(sourceCode, m.line, m.column));
  const handshakeOnly = (statement: Node) =>
    statement.type === 'ExpressionStatement' && statement.expression.type === 'CallExpression' && sessionFindings.some((offset) => containsOffset(statement, offset));

  for (const message of findings.filter((m) => m.messageId === 'handlesInitialize')) {
    const range = messageRange(sourceCode, message);
    const route = mcpRoutesOf(initializeMethod, code).find(({ at }) => at.range[0] === range[0] && at.range[1] === range[1]);
    if (!route || converted.has(route.site)) continue;
    const conversion = convertRoute(code, route.site, route.at, results.filter((r): r is TSESTree.ObjectExpression => r !== undefined), quote, handshakeOnly);
    if (!conversion) continue;
    edits.push(conversion.edit);
    converted.add(route.site);
    if (keepMarker) extra.push({ ruleId: handshakeRule, text: markerText.keptInitialize, docsUrl: handshakeDocs, ...clauseOffset(route.site, route.at) });
    // What the rule stops reporting once the dispatch is dual-era, but still breaks 2026-07-28 clients.
    for (const stored of findings.filter((m) => m.messageId === 'storesInitializeParams')) {
      const offset = offsetOf(sourceCode, stored.line, stored.column);
      if (containsOffset(conversion.branch, offset)) extra.push({ ruleId: handshakeRule, text: markerText.storedParams, docsUrl: handshakeDocs, offset });
    }
    const initialized = route.site.methods.get(initializedNotification);
    if (initialized && setsFlag(code, route.site, initialized)) {
      extra.push({ ruleId: handshakeRule, text: markerText.initializedFlag, docsUrl: handshakeDocs, ...clauseOffset(route.site, initialized) });
    }
  }

  // With a `server/discover` route, a gate refusing all but `initialize` now holds back only 2025 requests.
  if (converted.size > 0) {
    for (const message of findings.filter((m) => m.messageId === 'gatesOnHandshake')) {
      const gate = nodeAt(code, messageRange(sourceCode, message));
      const narrowed = gate && narrowGate(code, gate, quote);
      if (narrowed) edits.push(narrowed);
    }
  }

  const output = applyTextEdits(file.source, edits).output;
  const after = runRule(handshakeRule, output, file.path);
  const left = runRule(discoverRule, output, file.path).messages;
  const resolved = findings.length + missing.length - after.messages.length - left.length;
  if (edits.length > 0 && resolved > 0) api.stats('edits', resolved);

  const requests: MarkerRequest[] = extra.map((request) => ({ ...request, offset: shift(edits, request.offset) }));
  const afterCode = after.sourceCode as unknown as Code;
  const dualEra = edits.length > 0;
  for (const message of after.messages) {
    const request = markerFor(after.sourceCode, afterCode, message, dualEra);
    if (request) requests.push({ ruleId: handshakeRule, docsUrl: handshakeDocs, ...request });
  }
  const discoverDocs = docsOf(rules[discoverRule]!).url ?? '';
  for (const message of left) {
    requests.push({ ruleId: discoverRule, text: markerText.missingDiscover, docsUrl: discoverDocs, offset: offsetOf(after.sourceCode, message.line, message.column) });
  }
  const marked = insertMarkers(after.sourceCode, requests);
  if (marked.added > 0) api.stats('markers', marked.added);
  return marked.output === file.source ? undefined : marked.output;
}



/** The object literal a `returnsInitializeResult` finding (on its `protocolVersion` property) belongs to. */
function resultObjectAt(code: Code, range: [number, number]): TSESTree.ObjectExpression | undefined {
  let property = nodeAt(code, range);
  // A shorthand `protocolVersion` has the range of its key and value too.
  while (property && property.type !== 'Property' && property.parent?.range[0] === range[0] && property.parent.range[1] === range[1]) property = property.parent;
  return property?.type === 'Property' && property.parent?.type === 'ObjectExpression' ? property.parent : undefined;
}

function containsOffset(node: Node, offset: number): boolean {
  return node.range[0] <= offset && offset < node.range[1];
}

/** An input offset moved past the text the edits (insertions before it) add. */
function shift(edits: readonly TextEdit[], offset: number): number {
  return offset + edits.filter((e) => e.range[1] <= offset).reduce((sum, e) => sum + e.text.length - (e.range[1] - e.range[0]), 0);
}

/** The marker for a finding the rule still makes on the output, for the shapes this transform owns. */
function markerFor(sourceCode: SourceCode, code: Code, message: Linter.LintMessage, dualEra: boolean): { text: string; offset: number; placement?: 'line' } | undefined {
  const offset = offsetOf(sourceCode, message.line, message.column);
  switch (message.messageId) {
    case 'gatesOnHandshake': {
      const gate = nodeAt(code, messageRange(sourceCode, message));
      const narrowed = gate !== undefined && code.getText(gate.parent ?? gate).includes(protocolVersionMetaKey);
      return { text: narrowed ? markerText.narrowedGate : markerText.gate, offset };
    }
    case 'returnsInitializeResult':
      return { text: dualEra ? markerText.keptInitializeResult : markerText.unconvertedInitializeResult, offset, placement: 'line' };
    case 'handlesInitialize':
    case 'handlesInitialized': {
      const node = nodeAt(code, messageRange(sourceCode, message));
      const method = message.messageId === 'handlesInitialize' ? initializeMethod : initializedNotification;
      const route = node && mcpRoutesOf(method, code).find(({ at }) => at === node);
      if (!route) return undefined; // an SDK registration or a client's route: not this transform's
      const text = method === initializeMethod ? markerText.unconvertedInitialize : markerText.unconvertedInitialized;
      return { text, ...clauseOffset(route.site, route.at) };
    }
    default:
      return undefined;
  }
}

/** Where a marker about a whole route goes: on the line before its `case`, property or `if`; inside an `else if`'s block. */
function clauseOffset(site: DispatchSite, at: Node): { offset: number; placement?: 'line' } {
  const clause = clauseOf(site, at);
  if (!clause) return { offset: at.range[0] };
  if (clause.type === 'IfStatement' && clause.parent?.type === 'IfStatement' && clause.parent.alternate === clause) {
    const first = clause.consequent.type === 'BlockStatement' ? clause.consequent.body[0] : undefined;
    return { offset: (first ?? at).range[0] };
  }
  return { offset: clause.range[0], placement: 'line' };
}

/** The node a route is written as: the `case`, the `if`, the table's property, or the registration statement. */
function clauseOf(site: DispatchSite, at: Node): Node | undefined {
  switch (site.kind) {
    case 'switch':
      return at.parent?.type === 'SwitchCase' ? at.parent : undefined;
    case 'if-chain': {
      let node: Node | undefined = at.parent;
      while (node && node.type !== 'IfStatement') node = node.parent;
      return node;
    }
    case 'table':
      return at.parent?.type === 'Property' ? at.parent : undefined;
    case 'registry': {
      const call = at.parent;
      return call?.type === 'CallExpression' && call.parent?.type === 'ExpressionStatement' ? call.parent : undefined;
    }
    default:
      return undefined;
  }
}

/** Whether a route's code sets something to `true` (`this.initialized = true`, `ready = true`). */
function setsFlag(code: Code, site: DispatchSite, at: Node): boolean {
  const body = routeBody(site, at);
  let found = false;
  for (const part of body?.statements ?? (body?.expression ? [body.expression] : [])) {
    walk(part, code.visitorKeys, (node) => {
      if (node.type === 'AssignmentExpression' && node.right.type === 'Literal' && node.right.value === true) found = true;
    });
  }
  return found;
}

interface RouteBody {
  /** What the route is written as (see `clauseOf`). */
  clause: Node;
  /** The statements that run for the method, or the expression an arrow handler returns. */
  statements?: TSESTree.Statement[];
  expression?: TSESTree.Expression;
  /** The node holding them, for containment tests. */
  holder: Node;
}

function routeBody(site: DispatchSite, at: Node): RouteBody | undefined {
  const clause = clauseOf(site, at);
  if (!clause) return undefined;
  if (clause.type === 'SwitchCase') {
    const [only] = clause.consequent;
    if (clause.consequent.length === 1 && only?.type === 'BlockStatement') return { clause, statements: only.body, holder: only };
    return { clause, statements: clause.consequent, holder: clause };
  }
  if (clause.type === 'IfStatement') {
    const consequent = clause.consequent;
    return consequent.type === 'BlockStatement' ? { clause, statements: consequent.body, holder: consequent } : { clause, statements: [consequent], holder: consequent };
  }
  const fn = clause.type === 'Property' ? clause.value : clause.type === 'ExpressionStatement' && clause.expression.type === 'CallExpression' ? clause.expression.arguments.at(-1) : undefined;
  if (!fn || !isFunction(fn as Node)) return undefined;
  const body = (fn as TSESTree.FunctionLike).body;
  if (!body) return undefined;
  if (body.type === 'BlockStatement') return { clause, statements: body.body, holder: body };
  return { clause, expression: body, holder: body };
}

/** The InitializeResult a route answers with, and the node in the route to put the DiscoverResult in its place. */
interface Answer {
  object: TSESTree.ObjectExpression;
  /** The object itself (or its `as InitializeResult` wrapper), a reference to the constant holding it, or the call of the helper returning it. */
  target: Node;
  /** The object sits in a method of the class whose method holds the route, so `this` means the same in both. */
  sameThis?: boolean;
}

function answerOf(code: Code, body: RouteBody, results: readonly TSESTree.ObjectExpression[]): Answer | undefined {
  const inside = results.filter((object) => containsNode(body.holder, object));
  if (inside.length > 1) return undefined;
  if (inside.length === 1) {
    const object = inside[0]!;
    const wrapper = object.parent;
    const typed = (wrapper?.type === 'TSAsExpression' || wrapper?.type === 'TSSatisfiesExpression') && /Initialize/.test(code.getText(wrapper.typeAnnotation));
    return { object, target: typed ? wrapper : object };
  }
  // `reply(id, INIT_RESULT)`: a constant declared outside the route, read once in it.
  const answers: Answer[] = [];
  for (const object of results) {
    let declarator: Node | undefined = object.parent;
    while (declarator && (declarator.type === 'TSAsExpression' || declarator.type === 'TSSatisfiesExpression')) declarator = declarator.parent;
    if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier' || declarator.parent.kind !== 'const') continue;
    const variable = code.getDeclaredVariables(declarator).find((v) => v.name === (declarator.id as TSESTree.Identifier).name);
    const reads = (variable?.references ?? []).filter((r) => !r.init && containsNode(body.holder, r.identifier as Node));
    if (reads.length === 1) answers.push({ object, target: reads[0]!.identifier as Node });
  }
  // `return this.handleInitialize(params)`: a local function or a method of the same class whose one return is the result.
  walk(body.holder, code.visitorKeys, (node) => {
    if (node.type !== 'CallExpression') return;
    const helper = helperOf(code, node);
    const returned = helper ? returnedValues(helper.fn, code.visitorKeys) : [];
    const object = returned.length === 1 ? results.find((r) => unwrap(returned[0]!) === r) : undefined;
    const target = node.parent?.type === 'AwaitExpression' ? node.parent : node;
    if (object) answers.push({ object, target, sameThis: helper!.sameThis });
  });
  return answers.length === 1 ? answers[0] : undefined;
}

/** The function a call runs: a local function (`buildResult()`), or a method of the class the call is in (`this.handleInitialize()`). */
function helperOf(code: Code, call: TSESTree.CallExpression): { fn: TSESTree.FunctionLike; sameThis: boolean } | undefined {
  const local = calledLocalFunction(call.callee, code);
  if (local) return { fn: local, sameThis: false };
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.object.type !== 'ThisExpression' || callee.property.type !== 'Identifier') return undefined;
  const name = callee.property.name;
  // `this` at the call: the nearest function that is not an arrow must be an instance method.
  let fn: Node | undefined = call.parent;
  while (fn && (!isFunction(fn) || fn.type === 'ArrowFunctionExpression')) fn = fn.parent;
  const method = fn?.parent;
  if (method?.type !== 'MethodDefinition' || method.static) return undefined;
  const helper = method.parent.body.find(
    (member): member is TSESTree.MethodDefinition => member.type === 'MethodDefinition' && !member.static && member.kind === 'method' && propertyKeyName(member) === name,
  );
  return helper ? { fn: helper.value, sameThis: true } : undefined;
}

/**
 * The `server/discover` route made from an `initialize` route, inserted before it, and the
 * route's body; undefined when the route has a shape this rewrite does not follow.
 */
function convertRoute(
  code: Code,
  site: DispatchSite,
  at: Node,
  results: readonly TSESTree.ObjectExpression[],
  quote: string,
  handshakeOnly: (statement: Node) => boolean,
): { edit: TextEdit; branch: Node } | undefined {
  if (site.kind === 'registry' && at.parent?.type === 'CallExpression' && sdkRegistrationOf(at.parent, code)) return undefined;
  const body = routeBody(site, at);
  if (!body) return undefined;
  const answer = answerOf(code, body, results);
  if (!answer) return undefined;
  const discover = discoverResultText(code, answer, quote);
  if (!discover) return undefined;

  const text = code.text;
  // An arrow's body that becomes an object literal needs parentheses: `() => ({ … })`.
  const arrowBody = answer.target.parent?.type === 'ArrowFunctionExpression' && answer.target.parent.body === answer.target;
  const inner: TextEdit[] = [{ range: answer.target.range, text: arrowBody ? `(${discover})` : discover }];
  // The method: the case test, the compared value, the registration's argument, the table's key.
  const clause = body.clause;
  const method = `${quote}${discoverMethod}${quote}`;
  if (clause.type === 'Property') {
    const keyRange = clause.computed ? [code.getTokenBefore(clause.key)!.range[0], code.getTokenAfter(clause.key)!.range[1]] : clause.key.range;
    inner.push({ range: keyRange as [number, number], text: method });
  } else {
    inner.push({ range: at.range, text: method });
  }
  if (clause.type === 'IfStatement' && !isLoneComparison(clause.test, at)) return undefined;

  let kept: Node[] = body.expression ? [body.expression] : [];
  if (body.statements) {
    const keptSet = keptStatements(code, body.statements, answer, handshakeOnly);
    if (!keptSet) return undefined;
    for (const statement of body.statements) if (!keptSet.has(statement)) inner.push({ range: wholeLines(text, withTrailingComment(code, statement)), text: '' });
    // A comment on the `case …: {` line speaks of the `initialize` route, not of the copy.
    const opening = body.holder.type === 'BlockStatement' ? body.holder : undefined;
    const openingComment = opening && trailingComment(code, code.getFirstToken(opening)!);
    if (openingComment) inner.push({ range: [code.getFirstToken(opening)!.range[1], openingComment.range[1]], text: '' });
    kept = body.statements.filter((s) => keptSet.has(s));
    // A copied `case` must not fall through into the `initialize` case after it, nor declare
    // its names a second time in the switch's one scope (`case x: const info = …`).
    if (clause.type === 'SwitchCase' && !exits(kept.at(-1))) return undefined;
    if (body.holder === clause && kept.some((s) => s.type === 'VariableDeclaration')) return undefined;
  }
  // A handler function whose copy reads none of its parameters takes none: `async () => …`.
  const fn = body.holder.parent;
  if (fn && isFunction(fn) && fn.params.length > 0 && body.holder === fn.body) {
    const read = readVariables(code, kept, protocolVersionOf(answer));
    const params = fn.params.flatMap((param) => code.getDeclaredVariables(param));
    if (!params.some((variable) => read.has(variable))) {
      const open = code.getTokenBefore(fn.params[0]!);
      const parenthesised = open?.value === '(';
      inner.push({ range: [fn.params[0]!.range[0], fn.params.at(-1)!.range[1]], text: parenthesised ? '' : '()' });
    }
  }

  const copyRange: [number, number] = clause.type === 'IfStatement' ? [clause.range[0], clause.consequent.range[1]] : [clause.range[0], clause.range[1]];
  const copy = applyTextEdits(
    text.slice(...copyRange),
    inner.map((e) => ({ range: [e.range[0] - copyRange[0], e.range[1] - copyRange[0]] as const, text: e.text })),
  ).output;
  const newline = lineBreakOf(text);

  const elseIf = clause.parent?.type === 'IfStatement' && clause.parent.alternate === clause;
  const insertAt = clause.type === 'SwitchCase' ? groupStart(code, clause) : elseIf ? clause.range[0] : leadingStart(code, clause);
  const lineStart = text.lastIndexOf('\n', insertAt - 1) + 1;
  const ownLine = /^[ \t]*$/.test(text.slice(lineStart, insertAt));
  const indent = ownLine ? text.slice(lineStart, insertAt) : '';
  let insertion: string;
  if (clause.type === 'IfStatement') {
    const consequentExits = clause.consequent.type === 'BlockStatement' ? exits(clause.consequent.body.at(-1)) : exits(clause.consequent);
    insertion = !elseIf && consequentExits && ownLine ? `${copy}${newline}${indent}` : `${copy} else `;
    return { edit: { range: [insertAt, insertAt], text: insertion }, branch: body.holder };
  }
  const separator = clause.type === 'Property' ? ',' : '';
  insertion = ownLine ? `${copy}${separator}${newline}${indent}` : `${copy}${separator} `;
  return { edit: { range: [insertAt, insertAt], text: insertion }, branch: body.holder };
}

/** `log.info(`session ${id} opened by ${clientInfo.name}`)`: a log line about the handshake. */
function isLogLine(statement: TSESTree.ExpressionStatement): boolean {
  const call = statement.expression.type === 'CallExpression' ? statement.expression : undefined;
  const callee = call && unwrap(call.callee);
  if (callee?.type !== 'MemberExpression' || callee.computed) return false;
  const object = unwrap(callee.object);
  const name = object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' && !object.computed && object.property.type === 'Identifier' ? object.property.name : undefined;
  return name !== undefined && loggers.test(name);
}

/**
 * `if (message.method !== 'initialize') return refuse(…)` → `if (message.method !== 'initialize'
 * && Object(Object(message.params)._meta)['io.modelcontextprotocol/protocolVersion'] === undefined)`:
 * the gate keeps refusing 2025 requests made before the handshake and lets 2026-07-28 requests
 * (which carry the `_meta` protocol version) through. `Object(…)` reads the key whatever `params`
 * is typed as, and whether or not it is there. Only a comparison that is the `if`'s whole test or
 * one side of `&&` is narrowed (adding `&& …` keeps its meaning); a flag gate (`!initialized`) is not.
 */
function narrowGate(code: Code, gate: Node, quote: string): TextEdit | undefined {
  if (gate.type !== 'BinaryExpression' || (gate.operator !== '!==' && gate.operator !== '!=')) return undefined;
  const tested = [gate.left, gate.right].map((side) => unwrap(side)).find((side) => side.type === 'MemberExpression');
  if (tested?.type !== 'MemberExpression' || tested.computed || tested.property.type !== 'Identifier' || tested.property.name !== 'method') return undefined;
  const parent = gate.parent;
  const inIf = parent?.type === 'IfStatement' && parent.test === gate;
  const inAnd = parent?.type === 'LogicalExpression' && parent.operator === '&&';
  if (!inIf && !inAnd) return undefined;
  const message = code.getText(tested.object);
  const check = `Object(Object(${message}.params)._meta)[${quote}${protocolVersionMetaKey}${quote}] === undefined`;
  return { range: [gate.range[1], gate.range[1]], text: ` && ${check}` };
}

/** `message.method === 'initialize'` alone, not one side of `||`/`&&`. */
function isLoneComparison(test: Node, at: Node): boolean {
  let inner = test;
  while (inner.type === 'TSAsExpression' || inner.type === 'TSNonNullExpression') inner = inner.expression;
  return inner.type === 'BinaryExpression' && (inner.left === at || inner.right === at);
}

function exits(statement: Node | undefined): boolean {
  return statement?.type === 'ReturnStatement' || statement?.type === 'BreakStatement' || statement?.type === 'ThrowStatement' || statement?.type === 'ContinueStatement';
}

/** A `case` with the empty cases that fall into it: the new case goes before them all, and before their comments. */
function groupStart(code: Code, clause: TSESTree.SwitchCase): number {
  const cases = clause.parent.cases;
  let first = cases.indexOf(clause);
  while (first > 0 && cases[first - 1]!.consequent.length === 0) first--;
  return leadingStart(code, cases[first]!);
}

/** Where a node's own leading comments begin (a comment on the line before it goes with it, unless it trails code there). */
function leadingStart(code: Code, node: Node): number {
  const comments = code.getCommentsBefore(node);
  let start = node.range[0];
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i]!;
    const between = code.text.slice(comment.range[1], start);
    if (!/^\s*$/.test(between) || (between.match(/\n/g)?.length ?? 0) > 1) break;
    const lineStart = code.text.lastIndexOf('\n', comment.range[0] - 1) + 1;
    if (!/^[ \t]*$/.test(code.text.slice(lineStart, comment.range[0]))) break;
    start = comment.range[0];
  }
  return start;
}

/** A `// …` comment after a token on the same line, with nothing but blanks between. */
function trailingComment(code: Code, token: TSESTree.Token | Node): TSESTree.Comment | undefined {
  const comment = code.getCommentsAfter(token)[0];
  if (!comment || comment.type !== 'Line') return undefined;
  return /^[ \t]*$/.test(code.text.slice(token.range[1], comment.range[0])) ? comment : undefined;
}

/** A statement's range with the `// …` comment that trails it on its line: removing the statement removes its comment. */
function withTrailingComment(code: Code, statement: Node): [number, number] {
  const comment = trailingComment(code, statement);
  return [statement.range[0], comment ? comment.range[1] : statement.range[1]];
}

/**
 * The statements of the route the copy keeps: the one holding the answer, the declarations what
 * is kept reads, and a closing `break`/`return`. Assignments (flags, stored client details) stay
 * behind in the `initialize` route; anything else makes the route too involved to copy.
 */
function keptStatements(code: Code, statements: readonly TSESTree.Statement[], answer: Answer, handshakeOnly: (statement: Node) => boolean): Set<Node> | undefined {
  const main = statements.find((s) => containsNode(s, answer.target));
  if (!main) return undefined;
  const kept = new Set<Node>([main]);
  const mainIndex = statements.indexOf(main);
  const declarations: TSESTree.VariableDeclaration[] = [];
  for (const [index, statement] of statements.entries()) {
    if (statement === main) continue;
    if (statement.type === 'VariableDeclaration') declarations.push(statement);
    else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') continue;
    else if (statement.type === 'ExpressionStatement' && (handshakeOnly(statement) || isLogLine(statement))) continue;
    else if (index < mainIndex && isVersionGuard(code, statement, declarations)) continue;
    else if (index > mainIndex && exits(statement) && !('argument' in statement && statement.argument)) kept.add(statement);
    else return undefined;
  }
  // The protocol version goes: what only it reads goes with it.
  const skipped = protocolVersionOf(answer);
  for (let changed = true; changed; ) {
    changed = false;
    const read = readVariables(code, [...kept], skipped);
    for (const declaration of declarations) {
      if (kept.has(declaration)) continue;
      if (code.getDeclaredVariables(declaration).some((v) => read.has(v))) {
        kept.add(declaration);
        changed = true;
      }
    }
  }
  return kept;
}

/**
 * `if (!SUPPORTED.includes(params.protocolVersion)) return fail(…)`: a check of the version the
 * client asked for in `initialize` that leaves the route, with no `else`. A `server/discover`
 * request carries no such version, so the copy goes without it. The version is read as
 * `….protocolVersion` or through a declaration before it initialised from one.
 */
function isVersionGuard(code: Code, statement: TSESTree.Statement, declarations: readonly TSESTree.VariableDeclaration[]): boolean {
  if (statement.type !== 'IfStatement' || statement.alternate) return false;
  const consequent = statement.consequent.type === 'BlockStatement' ? statement.consequent.body.at(-1) : statement.consequent;
  if (!exits(consequent) || (statement.consequent.type === 'BlockStatement' && statement.consequent.body.length !== 1)) return false;
  const readsVersion = (node: Node) => {
    let found = false;
    walk(node, code.visitorKeys, (inner) => {
      if (inner.type === 'MemberExpression' && !inner.computed && inner.property.type === 'Identifier' && inner.property.name === 'protocolVersion') found = true;
    });
    return found;
  };
  if (readsVersion(statement.test)) return true;
  const versions = declarations.filter((d) => d.declarations.every((declarator) => declarator.init && readsVersion(declarator.init)));
  const variables = new Set(versions.flatMap((d) => code.getDeclaredVariables(d)));
  return [...readVariables(code, [statement.test], [])].some((v) => variables.has(v));
}

/** The answer's `protocolVersion` property when it is written in the route (the copy drops it), for `readVariables`' `skipped`. */
function protocolVersionOf(answer: Answer): Node[] {
  const property = answer.object.properties.find((p) => p.type === 'Property' && propertyKeyName(p) === 'protocolVersion');
  return property && containsNode(answer.target, property) ? [property] : [];
}

/** The variables the code in `nodes` reads, outside `skipped`. */
function readVariables(code: Code, nodes: readonly Node[], skipped: readonly Node[]): Set<TSESLint.Scope.Variable> {
  const found = new Set<TSESLint.Scope.Variable>();
  for (const scope of code.scopeManager!.scopes) {
    for (const reference of scope.references) {
      const id = reference.identifier as Node;
      if (!reference.resolved || !nodes.some((n) => containsNode(n, id)) || skipped.some((n) => containsNode(n, id))) continue;
      found.add(reference.resolved);
    }
  }
  return found;
}

/**
 * The DiscoverResult literal, from the InitializeResult's own property texts, laid out as the
 * original (one line, or one property a line with its indentation and trailing comma).
 * Undefined for a result with other keys, spreads or computed keys, without capabilities, or
 * (for a constant read in the route) whose values read names the route does not see the same.
 */
function discoverResultText(code: Code, answer: Answer, quote: string): string | undefined {
  const { object, target } = answer;
  const properties = new Map<string, TSESTree.Property>();
  for (const property of object.properties) {
    if (property.type !== 'Property' || property.computed || property.kind !== 'init' || property.method) return undefined;
    const key = propertyKeyName(property);
    if (!key || !resultKeys.has(key)) return undefined;
    properties.set(key, property);
  }
  const capabilities = properties.get('capabilities');
  if (!capabilities) return undefined;
  const serverInfo = properties.get('serverInfo');
  const instructions = properties.get('instructions');
  const moved = [capabilities, serverInfo, instructions].filter((p): p is TSESTree.Property => p !== undefined);
  if (target !== object && !containsNode(target, object) && !sameBindings(code, moved, target, answer.sameThis ?? false)) return undefined;

  const text = code.text;
  const newline = lineBreakOf(text);
  // The object's own quotes where it shows them (a JSON-style `"protocolVersion": "2025-06-18"`), else the file's.
  const version = properties.get('protocolVersion');
  const shown = [version?.value, version?.key].find((n) => n?.type === 'Literal' && typeof n.value === 'string') as TSESTree.StringLiteral | undefined;
  const localQuote = shown ? shown.raw[0]! : quote;
  const q = (s: string) => `${localQuote}${s}${localQuote}`;
  const quotedKeys = version?.key.type === 'Literal';
  const key = (name: string) => (quotedKeys ? q(name) : name);
  const lineIndent = (offset: number) => /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', offset - 1) + 1))![0];
  const first = object.properties[0]!;
  const multiline = object.loc.start.line !== object.loc.end.line && first.loc.start.line !== object.loc.start.line;
  // A constant's properties keep their layout relative to the line the answer now sits on.
  const oldIndent = multiline ? lineIndent(first.range[0]) : '';
  const closeIndent = multiline ? lineIndent(object.range[1] - 1) : '';
  const baseIndent = target === object || containsNode(target, object) ? closeIndent : lineIndent(target.range[0]);
  const newIndent = baseIndent + oldIndent.slice(closeIndent.length);
  const reindent = (s: string) => (multiline ? s.replace(/\n[ \t]*/g, (m) => `\n${newIndent}${m.slice(1 + oldIndent.length)}`) : s);

  const parts = [
    `${key('resultType')}: ${q('complete')}`,
    `${key('supportedVersions')}: [${q(modernProtocolVersion)}]`,
    reindent(code.getText(capabilities)),
    ...(instructions ? [reindent(code.getText(instructions))] : []),
    `${key('ttlMs')}: 0`,
    `${key('cacheScope')}: ${q('private')}`,
    ...(serverInfo ? [`${key('_meta')}: { ${q(serverInfoMetaKey)}: ${reindent(code.getText(serverInfo.value))} }`] : []),
  ];
  if (!multiline) return `{ ${parts.join(', ')} }`;
  const trailing = code.getTokenBefore(code.getLastToken(object)!)?.value === ',' ? ',' : '';
  return `{${newline}${parts.map((p) => `${newIndent}${p}`).join(`,${newline}`)}${trailing}${newline}${baseIndent}}`;
}

/** Whether every name the moved property values read means the same variable where the answer now goes. */
function sameBindings(code: Code, properties: readonly TSESTree.Property[], target: Node, sameThis: boolean): boolean {
  const scope = code.getScope(target);
  for (const variable of readVariables(code, properties.map((p) => p.value), [])) {
    if (ASTUtils.findVariable(scope, variable.name) !== variable) return false;
  }
  if (sameThis) return true;
  // `this` means something else in the route.
  let usesThis = false;
  for (const property of properties) walk(property.value, code.visitorKeys, (node) => void (node.type === 'ThisExpression' && (usesThis = true)));
  return !usesThis;
}
