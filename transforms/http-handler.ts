import type { SourceCode } from 'eslint';
import type { TSESTree } from '@typescript-eslint/utils';
import type { API, FileInfo, JSCodeshift } from 'jscodeshift';
import { rules } from '../rules/index.js';
import { docsOf } from '../src/engine/catalog.js';
import { sdkMajorOfSource, v2NodeEntry, v2ServerEntry } from '../src/mcp/packages.js';
import { insertMarkers } from '../src/transforms/markers.js';
import { detectQuoteStyle } from '../src/transforms/quote-style.js';
import { offsetOf, runRule } from '../src/transforms/rule-findings.js';
import { endpointOf, inPlaceEndpointOf, type InPlaceEndpoint, type Route, type SessionStatement } from '../src/transforms/express-endpoint.js';
import { applyTextEdits, indentAt, type TextEdit } from '../src/transforms/text-edits.js';
import type { TransformOptions } from '../src/transforms/types.js';

/**
 * `http-handler`: on SDK v2, the Express routes of a Streamable HTTP endpoint, stateless (a
 * server and a `NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined })` per
 * request) or sessionful (a transport map keyed by session id, `isInitializeRequest`, GET and
 * DELETE session routes), become one `createMcpHandler(factory)` endpoint mounted with
 * `toNodeHandler`, which serves 2026-07-28 and, statelessly, 2025 clients, and answers GET and
 * DELETE with 405. Only endpoints whose `connect()` `require-modern-sdk-entry` reports are
 * touched. A shutdown loop that only closes the map's transports, helpers only the removed routes
 * call and the `eventStore` option go with them; what the session callbacks did besides keeping
 * the map is listed in a marker at the new handler. A stateless transport inside a Node `http`
 * listener or a fetch-style (Hono) route is replaced in place: its `handleRequest()` becomes a
 * call of the handler, the rest of the listener stays. Handlers that do more than serve MCP,
 * servers built once and shared (no factory to call per request) and sessionful transports
 * outside Express get a marker saying why. SDK v1 has no
 * `createMcpHandler`: v1 files are left as they are, reported as needing `--upgrade-sdk`.
 */
export const ruleId = 'require-modern-sdk-entry';
export const parser = 'ts';

const handledMessages = ['hostsStatelessHttpTransport', 'hostsHttpTransport'];
const createMcpHandler = 'createMcpHandler';
const toNodeHandler = 'toNodeHandler';
export const needsV2Note =
  'http-handler needs SDK v2 (createMcpHandler, toNodeHandler) and this file is on SDK v1; run `mcp-migrate fix --upgrade-sdk` to move it to v2 first';

const mountAdvice =
  'serve with `toNodeHandler(createMcpHandler(() => buildServer()))` (createMcpHandler from @modelcontextprotocol/server, toNodeHandler from @modelcontextprotocol/node), passing the parsed body as its third argument; it answers GET and DELETE with 405';

export default function transform(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  if (!file.source.includes('StreamableHTTPServerTransport')) return undefined;
  const { messages, sourceCode } = runRule(ruleId, file.source, file.path);
  const reports = messages.filter((m) => handledMessages.includes(m.messageId ?? ''));
  if (reports.length === 0) return undefined;
  if (sdkMajorOfSource(file.source) !== 2) {
    api.report(needsV2Note);
    return undefined;
  }

  // Routes are rewritten as text on the audit's own AST, so nothing around them is reprinted.
  const edits: TextEdit[] = [];
  const taken = new Set<string>();
  const leftovers: { handler: string; statements: SessionStatement[] }[] = [];
  const dropped: { handler: string; options: string[] }[] = [];
  for (const report of reports) {
    const call = callAt(sourceCode, report);
    const plan = call && planEndpoint(sourceCode, call, taken);
    // A plan applies whole or not at all (two connect() calls of one endpoint plan it twice).
    if (plan && 'edits' in plan && !plan.edits.some((edit) => edits.some((other) => overlaps(edit.range, other.range)))) {
      edits.push(...plan.edits);
      if (plan.sessionStatements.length > 0) leftovers.push({ handler: plan.handler, statements: plan.sessionStatements });
      if (plan.droppedOptions.length > 0) dropped.push({ handler: plan.handler, options: plan.droppedOptions });
    }
  }
  let output = applyTextEdits(file.source, edits).output;
  if (edits.length > 0) {
    api.stats('edits', edits.length);
    output = fixImports(api.jscodeshift, file.source, output, options.quote ?? detectQuoteStyle(file.source));
  }

  // Whatever the rule still reports is a shape we did not rewrite: mark it, saying why.
  const after = runRule(ruleId, output, file.path);
  const left = after.messages.filter((m) => handledMessages.includes(m.messageId ?? ''));
  const marked = insertMarkers(after.sourceCode, [
    ...left.map((m) => ({
      ruleId,
      text: markerText(after.sourceCode, m),
      docsUrl: docsOf(rules[ruleId]!).url ?? '',
      offset: offsetOf(after.sourceCode, m.line, m.column),
    })),
    // What the removed session code did besides keeping the map no longer runs: say so at the new handler.
    ...leftovers.map(({ handler, statements }) => ({
      ruleId: sessionRuleId,
      text: sessionMarkerText(statements),
      docsUrl: docsOf(rules[sessionRuleId]!).url ?? '',
      offset: output.indexOf(`const ${handler} = ${toNodeHandler}(`),
    })),
    // Transport options createMcpHandler does not take stop applying: say so at the new handler.
    ...dropped.map(({ handler, options }) => ({
      ruleId,
      text: droppedOptionsText(options),
      docsUrl: docsOf(rules[ruleId]!).url ?? '',
      offset: output.indexOf(`const ${handler} = ${toNodeHandler}(`),
    })),
  ]);
  if (marked.added > 0) api.stats('markers', marked.added);
  return marked.output === file.source ? undefined : marked.output;
}

type Node = TSESTree.Node;
type Report = { line: number; column: number; endLine?: number; endColumn?: number; messageId?: string };

const sessionRuleId = 'no-session-state';

/**
 * One sentence listing the statements the session callbacks (and requests of a known session)
 * ran besides keeping the transport map, each with where it ran, so none is lost unseen.
 */
function sessionMarkerText(statements: readonly SessionStatement[]): string {
  const labels: Record<string, string> = {
    onsessioninitialized: 'when a session started (onsessioninitialized)',
    onsessionclosed: 'when the client ended its session (onsessionclosed)',
    onclose: 'when the transport closed (onclose)',
    'known session': 'on each request of a known session',
  };
  const groups = new Map<string, string[]>();
  for (const statement of statements) {
    const code = statement.text.replace(/\s+/g, ' ').replace(/;$/, '');
    groups.set(statement.where, [...(groups.get(statement.where) ?? []), `\`${code.length > 100 ? `${code.slice(0, 99)}…` : code}\``]);
  }
  const ran = [...groups].map(([where, codes]) => `${codes.join(', ')} ${labels[where] ?? `in ${where}`}`).join('; ');
  return `The removed 2025 session code also ran ${ran}: with no sessions in 2026-07-28 this no longer runs, so move what is still needed to the tool handlers or the request (state kept per session has no session to key it) and delete the rest`;
}

const dnsRebindingOptions = /^(enableDnsRebindingProtection|allowedHosts|allowedOrigins)\b/;

/** The removed transport's options that `createMcpHandler` does not take, and what to do instead. */
function droppedOptionsText(options: readonly string[]): string {
  const list = options.map((option) => option.replace(/\s+/g, ' ')).map((option) => `\`${option.length > 80 ? `${option.slice(0, 79)}…` : option}\``).join(', ');
  const dns = options.some((option) => dnsRebindingOptions.test(option))
    ? ' For DNS rebinding protection, check each request before the handler with `hostHeaderValidation([...hostnames])` and `originValidation([...hostnames])` from @modelcontextprotocol/node (`if (!validateHost(req, res)) return;`; hostnames without ports).'
    : '';
  return `The removed transport was created with ${list}, which \`${createMcpHandler}\` does not take: this handler no longer applies ${options.length > 1 ? 'them' : 'it'}.${dns} Move what is still needed in front of the handler or into the \`${createMcpHandler}\` options, and delete the rest`;
}

function markerText(sourceCode: SourceCode, report: Report): string {
  const call = callAt(sourceCode, report);
  const plan = call ? planEndpoint(sourceCode, call, new Set()) : { reason: 'the transport is not connected in a route handler' };
  const reason = 'reason' in plan ? plan.reason : 'its edits overlap another rewrite';
  const what =
    report.messageId === 'hostsHttpTransport'
      ? 'This transport keeps 2025 sessions (Mcp-Session-Id), which 2026-07-28 removed: drop the session map and the GET/DELETE session routes and'
      : 'Replace this per-request transport, connect() and handleRequest():';
  return `${what} ${mountAdvice}. Not rewritten because ${reason}`;
}

function callAt(sourceCode: SourceCode, report: Report): TSESTree.CallExpression | undefined {
  const start = offsetOf(sourceCode, report.line, report.column);
  const end = offsetOf(sourceCode, report.endLine ?? report.line, report.endColumn ?? report.column);
  let node = sourceCode.getNodeByRangeIndex(start) as Node | null;
  while (node && !(node.type === 'CallExpression' && node.range[0] === start && node.range[1] === end)) node = node.parent ?? null;
  return node ?? undefined;
}

type Plan = { edits: TextEdit[]; handler: string; sessionStatements: SessionStatement[]; droppedOptions: string[] } | { reason: string };

/**
 * The endpoint's routes become `const mcpHandler = toNodeHandler(createMcpHandler(() => <factory>))`
 * (before the first of them, so no route reads it before it exists), the POST route passes the
 * parsed body on, GET and DELETE routes (added when missing) mount the handler itself, which
 * answers them with 405; named handlers and session maps used only by those routes go.
 */
function planEndpoint(sourceCode: SourceCode, call: TSESTree.CallExpression, taken: Set<string>): Plan {
  const endpoint = endpointOf(sourceCode, call);
  if ('reason' in endpoint) {
    // Not Express: a Node `http` listener or a fetch-style (Hono) route is served in place.
    if (!routeShapeReasons.some((reason) => endpoint.reason.startsWith(reason))) return endpoint;
    const inPlace = inPlaceEndpointOf(sourceCode, call);
    return 'reason' in inPlace ? inPlace : planInPlace(sourceCode, inPlace, taken);
  }
  const { post, others, req, res } = endpoint;
  const text = (node: Node) => sourceCode.getText(node as never);
  const name = freeName(sourceCode, 'mcpHandler', taken);
  const semicolon = text(post.statement).endsWith(';') ? ';' : '';
  const mount = (route: Route, handler: string) => `${route.receiver}.${route.method}(${[route.path, ...route.middleware, handler].join(', ')})${semicolon}`;
  const declaration = `const ${name} = ${toNodeHandler}(${createMcpHandler}(() => ${text(endpoint.factory)}))${semicolon}`;
  const postLines = [mount(post, `(${req}, ${res}) => ${name}(${req}, ${res}${endpoint.parsedBody ? `, ${text(endpoint.parsedBody)}` : ''})`)];
  // Stateless 2025 serving has no standalone GET stream and no session to DELETE: the handler answers both with 405.
  if (post.method === 'post') {
    for (const method of ['get', 'delete']) {
      if (!others.some((route) => route.method === method)) postLines.push(mount({ ...post, method, middleware: post.middleware }, name));
    }
  }
  const routes = [post, ...others].sort((x, y) => x.statement.range[0] - y.statement.range[0]);
  const edits: TextEdit[] = routes.map((route, index) => {
    const lines = route === post ? postLines : [mount(route, name)];
    if (index === 0) lines.unshift(declaration);
    // The comments on a GET or DELETE session route describe what it no longer does.
    const start = route === post ? route.statement.range[0] : commentsStart(sourceCode, route.statement);
    return { range: [start, route.statement.range[1]] as [number, number], text: lines.join(`\n${indentAt(sourceCode.text, route.statement.range[0])}`) };
  });
  for (const removal of endpoint.removals) edits.push({ range: removalRange(sourceCode, removal), text: '' });
  return { edits, handler: name, sessionStatements: endpoint.sessionStatements, droppedOptions: endpoint.droppedOptions };
}

const routeShapeReasons = ['connect() is not in a route handler', 'connect() is not in an Express-style', 'the route handler does not take (req, res)'];

/**
 * `const mcpHandler = toNodeHandler(createMcpHandler(() => <factory>))` (fetch-style:
 * `createMcpHandler(…)`) before the top-level statement holding the listener; the statements that
 * build, connect and close the server and transport go; `transport.handleRequest(…)` becomes
 * `mcpHandler(…)` (`mcpHandler.fetch(…)`) with the same arguments.
 */
function planInPlace(sourceCode: SourceCode, endpoint: InPlaceEndpoint, taken: Set<string>): Plan {
  const text = (node: Node) => sourceCode.getText(node as never);
  const name = freeName(sourceCode, 'mcpHandler', taken);
  const semicolon = /;\s*$/.test(text(endpoint.anchor)) || endpoint.anchor.type.endsWith('Declaration') ? ';' : '';
  const handler = `${createMcpHandler}(() => ${text(endpoint.factory)})`;
  const declaration = `const ${name} = ${endpoint.kind === 'node' ? `${toNodeHandler}(${handler})` : handler}${semicolon}\n\n`;
  const edits: TextEdit[] = [
    { range: [endpoint.anchor.range[0], endpoint.anchor.range[0]], text: declaration },
    { range: endpoint.callee.range, text: endpoint.kind === 'node' ? name : `${name}.fetch` },
    ...endpoint.removals.map((removal) => ({ range: removalRange(sourceCode, removal), text: '' })),
  ];
  if (endpoint.postMethod) edits.push({ range: endpoint.postMethod.range, text: 'all' });
  return { edits, handler: name, sessionStatements: [], droppedOptions: [] };
}

function overlaps(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

/**
 * A removed statement's whole lines, with the comments right above it, and the blank line after
 * it when one also precedes it (so no double blank line is left).
 */
function removalRange(sourceCode: SourceCode, statement: Node): [number, number] {
  const text = sourceCode.text;
  const start = commentsStart(sourceCode, statement);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let end = text.indexOf('\n', statement.range[1]);
  end = end === -1 ? text.length : end + 1;
  // A comment after the statement on its last line goes with it.
  if (!/^[ \t]*$/.test(text.slice(lineStart, start)) || !/^[ \t]*(\/\/[^\n]*)?\r?\n?$/.test(text.slice(statement.range[1], end))) return [statement.range[0], statement.range[1]];
  const blankAfter = /^[ \t]*\r?\n/.exec(text.slice(end));
  const blankBefore = lineStart === 0 || /\n[ \t]*\r?\n$/.test(text.slice(0, lineStart));
  return [lineStart, blankAfter && blankBefore ? end + blankAfter[0].length : end];
}

/** Where the comments right above a statement (no blank line between) begin, or the statement itself. */
function commentsStart(sourceCode: SourceCode, statement: Node): number {
  const text = sourceCode.text;
  let start = statement.range[0];
  const comments = sourceCode.getCommentsBefore(statement as never);
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i]!;
    if (/\n\s*\n/.test(text.slice(comment.range![1], start)) || !/^\s*$/.test(text.slice(text.lastIndexOf('\n', comment.range![0] - 1) + 1, comment.range![0]))) break;
    start = comment.range![0];
  }
  return start;
}

/** `base`, or `base2`, `base3`… when the file already has an identifier of that name. */
function freeName(sourceCode: SourceCode, base: string, taken: Set<string>): string {
  const used = new Set(sourceCode.ast.tokens.filter((token) => token.type === 'Identifier').map((token) => token.value));
  let name = base;
  for (let i = 2; used.has(name) || taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

/**
 * Imports after the rewrite: a binding the removed code was the only user of goes (the transport
 * class, `isInitializeRequest`, `randomUUID`, the handlers' `Request`/`Response` types), and
 * `createMcpHandler` joins the server entry's import and `toNodeHandler` the Node entry's (taking
 * the transport class's place, or a new import after the last one). Only import declarations are
 * reprinted.
 */
function fixImports(j: JSCodeshift, before: string, source: string, quote: 'single' | 'double'): string {
  // Babel keeps a shebang as an interpreter directive that recast prints badly; mcp-migrate's runner
  // strips it before transforms run, this covers `npx jscodeshift -t` too.
  const strip = (text: string) => text.slice(/^#![^\n]*\n/.exec(text)?.[0].length ?? 0);
  const shebang = source.slice(0, source.length - strip(source).length);
  const usedBefore = usedNames(j, j(strip(before)));
  const root = j(strip(source));
  const usedAfter = usedNames(j, root);
  const imported = (name: string) => root.find(j.ImportSpecifier, { imported: { name } }).length > 0;
  const added: [string, string][] = [];
  root.find(j.ImportDeclaration).forEach((p) => {
    const specifiers = p.node.specifiers ?? [];
    const localName = (s: (typeof specifiers)[number]) => (typeof s.local?.name === 'string' ? s.local.name : undefined);
    const left = specifiers.filter((s) => {
      const name = localName(s);
      return !name || !usedBefore.has(name) || usedAfter.has(name);
    });
    if (left.length === specifiers.length) return;
    if (left.length > 0) p.node.specifiers = left;
    else if (p.node.source.value === v2NodeEntry && p.node.importKind !== 'type' && usedAfter.has(toNodeHandler) && !imported(toNodeHandler)) p.node.specifiers = [j.importSpecifier(j.identifier(toNodeHandler))];
    else if (p.node.source.value === v2ServerEntry && p.node.importKind !== 'type' && usedAfter.has(createMcpHandler) && !imported(createMcpHandler)) p.node.specifiers = [j.importSpecifier(j.identifier(createMcpHandler))];
    else j(p).remove();
  });
  for (const [name, entry] of [
    [createMcpHandler, v2ServerEntry],
    [toNodeHandler, v2NodeEntry],
  ] as const) {
    if (imported(name) || !usedAfter.has(name)) continue;
    const existing = root
      .find(j.ImportDeclaration, { source: { value: entry } })
      .filter((p) => p.node.importKind !== 'type' && (p.node.specifiers ?? []).length > 0 && (p.node.specifiers ?? []).every((s) => s.type === 'ImportSpecifier'));
    if (existing.length > 0) {
      existing.paths()[0]!.node.specifiers!.push(j.importSpecifier(j.identifier(name)));
    } else {
      added.push([name, entry]);
    }
  }
  let output = root.toSource({ quote });
  // recast ends the imports it prints with `;`; a file written without semicolons keeps its style.
  const importEnd = /^(?:import\b|\}\s*from\b)[^\n]*['"](;?)[ \t]*$/gm;
  const endings = [...before.matchAll(importEnd)].map((m) => m[1]);
  const semicolon = endings.length > 0 && endings.every((ending) => ending === '') ? '' : ';';
  if (semicolon === '') output = output.replace(importEnd, (line) => line.replace(/;([ \t]*)$/, '$1'));
  // New imports go in as text right after the last one: recast would set them off with a blank line.
  if (added.length > 0) {
    const q = quote === 'double' ? '"' : "'";
    const lines = added.map(([name, entry]) => `import { ${name} } from ${q}${entry}${q}${semicolon}`);
    const imports = j(output).find(j.ImportDeclaration);
    const end = imports.length > 0 ? (imports.at(imports.length - 1).get().node as { end?: number }).end : undefined;
    output = end === undefined ? `${lines.join('\n')}\n${output}` : `${output.slice(0, end)}\n${lines.join('\n')}${output.slice(end)}`;
  }
  return shebang + output;
}

/** The names a file reads (values and types), leaving out import specifiers, `a.name` and `{ name: … }` keys. */
function usedNames(j: JSCodeshift, root: ReturnType<JSCodeshift>): Set<string> {
  const names = new Set<string>();
  root.find(j.Identifier).forEach((p) => {
    const parent = p.parent?.node;
    if (/^Import(Default|Namespace)?Specifier$/.test(parent?.type ?? '')) return;
    if (p.name === 'property' && /MemberExpression$/.test(parent?.type ?? '') && !parent.computed) return;
    if (p.name === 'key' && !parent?.computed && !parent?.shorthand) return;
    names.add(p.node.name);
  });
  return names;
}
