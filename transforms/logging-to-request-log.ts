import type { Linter } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { API, FileInfo } from 'jscodeshift';
import { rules } from '../rules/index.js';
import { calleeName, isFunction, unwrap, walk } from '../src/ast/nodes.js';
import { isMcpHandlerCallback } from '../src/ast/request-scope.js';
import { handlerContextParameter } from '../src/ast/sdk.js';
import { docsOf } from '../src/engine/catalog.js';
import { logLevelMetaKey } from '../src/mcp/deprecated-logging.js';
import { sdkMajorOfSource } from '../src/mcp/packages.js';
import { addContextParameter, freeName } from '../src/transforms/context-parameter.js';
import { insertMarkers, type MarkerRequest } from '../src/transforms/markers.js';
import { detectQuoteStyle } from '../src/transforms/quote-style.js';
import { messageRange, nodeAt, offsetOf, runRule } from '../src/transforms/rule-findings.js';
import { applyTextEdits, shiftedBy, type TextEdit, wholeLines, withoutDoubleBlank } from '../src/transforms/text-edits.js';
import type { TransformOptions } from '../src/transforms/types.js';
import { removeUnusedImports } from '../src/transforms/unused-imports.js';
import { lookupTable } from '../src/mcp/lookup-table.js';

/**
 * `logging-to-request-log`: MCP Logging moved to the request (2026-07-28 removed
 * `logging/setLevel`; a log notification may only answer a request that set
 * `_meta['io.modelcontextprotocol/logLevel']`). Driven by `no-deprecated-logging`'s findings, so
 * ordinary loggers' `setLevel` and `logging:` keys are never touched:
 *
 * - SDK v2, `server.sendLoggingMessage({ level, data, logger? })` inside a tool, resource, prompt
 *   or request handler becomes `ctx.mcpReq.log(level, data, logger?)` (server/dist `ServerContext`),
 *   which sends only when the request asked for logs, at or above its level. The handler gains its
 *   context parameter when it has none, at the index the v2 callback type gives it.
 * - Outside any request (timers, listeners, module code), on any SDK, the call becomes
 *   `console.error('[level]', data)`: stderr keeps level, logger and data; 2026-07-28 has no
 *   channel for such a message.
 * - A `setRequestHandler(SetLevelRequestSchema | 'logging/setLevel', …)` whose body only stores
 *   the level is deleted, on any SDK: with the `logging` capability both SDK majors install their
 *   own setLevel handler for 2025 clients, which their log calls already honour. When the stored
 *   level is read elsewhere, the handler stays and each read gets a marker.
 * - The `logging` capability is never removed: 2026-07-28 still requires it of a server that logs,
 *   and v2's `ctx.mcpReq.log` silently sends nothing without it (server/dist `buildContext`).
 *
 * Everything else the rule reports gets a marker.
 */
export const ruleId = 'no-deprecated-logging';
export const parser = 'ts';

export const needsV2Note =
  'logging-to-request-log needs SDK v2 (ctx.mcpReq.log) to rewrite sendLoggingMessage inside handlers and this file is on SDK v1; run `mcp-migrate fix --upgrade-sdk` to move it to v2 first';

const metaKey = `\`ctx.mcpReq.envelope?.[LOG_LEVEL_META_KEY]\` ('${logLevelMetaKey}')`;

/** What a person must do for each finding the transform cannot rewrite. */
const markerText: Record<string, string> = lookupTable({
  handlesSetLevel: `Delete this logging/setLevel handler (2026-07-28 removed the method): read the level of each request from ${metaKey}, or log through \`ctx.mcpReq.log\`, which does`,
  storesLogLevel: `Stop keeping the level set by logging/setLevel: read it per request from ${metaKey}`,
  sendsSetLevel: `Put \`_meta: { '${logLevelMetaKey}': level }\` (SDK v2: LOG_LEVEL_META_KEY) on each request whose logs you want instead of sending logging/setLevel`,
  sendsLogNotification: 'Log with `ctx.mcpReq.log(level, data)` from the request handler (SDK v2), which sends only when the request asked for logs, or to stderr (`console.error`)',
  sendsUnsolicitedLog: 'Log to stderr (`console.error`) or OpenTelemetry here: 2026-07-28 has no channel for a log notification outside a request',
  declaresLoggingCapability:
    'Keep `logging` while this server still sends log notifications (2026-07-28 requires it, and SDK v2 `ctx.mcpReq.log` sends nothing without it); drop it with the last log call, and prefer stderr or OpenTelemetry',
  consumesLogNotifications: `Add \`_meta: { '${logLevelMetaKey}': level }\` (SDK v2: LOG_LEVEL_META_KEY) to each request whose logs you want, or read the server's stderr`,
  consoleLogInStdioServer: 'Use `console.error` here: stdout is the protocol stream of this stdio server',
});

const storedLevelReadText = `The level logging/setLevel stored is read here, and 2026-07-28 removed that method: read the level of the current request from ${metaKey} (or log through \`ctx.mcpReq.log\`, which filters by it), then delete the setLevel handler`;

type Node = TSESTree.Node;
type Code = Readonly<TSESLint.SourceCode>;

export default function transform(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  if (!/sendLoggingMessage|logging|SetLevelRequestSchema/.test(file.source)) return undefined;
  const { messages, sourceCode } = runRule(ruleId, file.source, file.path);
  if (messages.length === 0) return undefined;
  const v2 = sdkMajorOfSource(file.source) === 2;
  const code = sourceCode as unknown as Code;
  const quote = (options.quote ?? detectQuoteStyle(file.source)) === 'double' ? '"' : "'";

  const edits: TextEdit[] = [];
  const reads: number[] = [];
  let needsV2 = false;
  const stores = messages.filter((m) => m.messageId === 'storesLogLevel').map((m) => messageRange(sourceCode, m));
  for (const message of messages) {
    const node = nodeAt(code, messageRange(sourceCode, message));
    if (!node) continue;
    if (message.messageId === 'sendsLogNotification') {
      const call = sendCallOf(node);
      if (call && !v2) needsV2 = true;
      const rewrite = call && v2 ? handlerLogEdits(code, call) : undefined;
      if (rewrite) edits.push(...rewrite);
    } else if (message.messageId === 'sendsUnsolicitedLog') {
      const call = sendCallOf(node);
      const rewrite = call ? stderrEdit(code, call, quote) : undefined;
      if (rewrite) edits.push(rewrite);
    } else if (message.messageId === 'handlesSetLevel') {
      const removal = setLevelRemoval(code, node, stores);
      if (removal?.reads.length) reads.push(...removal.reads);
      else if (removal) edits.push(...removal.edits);
    }
  }
  if (needsV2) api.report(needsV2Note);

  let output = applyTextEdits(file.source, edits).output;
  if (edits.length > 0) {
    output = removeUnusedImports(output, file.path, (specifier) => specifier.local.name === 'SetLevelRequestSchema');
    const left = runRule(ruleId, output, file.path).messages.length;
    if (messages.length > left) api.stats('edits', messages.length - left);
  }

  // Whatever the rule still reports is a shape we did not rewrite: mark it, and mark where a kept level is read.
  const after = runRule(ruleId, output, file.path);
  const docsUrl = docsOf(rules[ruleId]!).url ?? '';
  // On SDK v1 a handler's sendLoggingMessage is left as it is, unmarked, like stdio-serve: `--upgrade-sdk` makes it rewritable.
  const afterCode = after.sourceCode as unknown as Code;
  const leftForV2 = (m: Linter.LintMessage) => !v2 && m.messageId === 'sendsLogNotification' && sendCallOf(nodeAt(afterCode, messageRange(after.sourceCode, m))) !== undefined;
  const requests: MarkerRequest[] = after.messages.filter((m) => !leftForV2(m)).map((m) => ({
    ruleId,
    text: markerText[m.messageId ?? ''] ?? m.message,
    docsUrl,
    offset: offsetOf(after.sourceCode, m.line, m.column),
  }));
  // Reads were found on the input; nothing before them changed when a handler is kept, but offsets shift with other edits.
  if (reads.length > 0) {
    const shift = (offset: number) => shiftedBy(edits, offset);
    for (const offset of reads) requests.push({ ruleId, text: storedLevelReadText, docsUrl, offset: shift(offset) });
  }
  const marked = insertMarkers(after.sourceCode, requests);
  if (marked.added > 0) api.stats('markers', marked.added);
  return marked.output === file.source ? undefined : marked.output;
}



/** `x.sendLoggingMessage(…)` from the rule's report on its callee; `notifications/message` objects are not rewritten. */
function sendCallOf(node: Node | undefined): TSESTree.CallExpression | undefined {
  const call = node?.parent;
  return node?.type === 'MemberExpression' && call?.type === 'CallExpression' && call.callee === node ? call : undefined;
}

/**
 * The texts of `{ level, data, logger? }`, a literal with nothing else (no `_meta`, spread or
 * computed key), and an optional second argument without side effects (`extra.sessionId`),
 * which a request-scoped or stderr log no longer needs.
 */
function logArguments(code: Code, call: TSESTree.CallExpression): { level: string; data: string; logger?: string; levelNode: Node; loggerNode?: Node } | undefined {
  const [params, session, ...rest] = call.arguments;
  if (!params || rest.length > 0 || params.type !== 'ObjectExpression') return undefined;
  if (session && !isPlainReference(session)) return undefined;
  const values: Record<string, Node> = {};
  for (const property of params.properties) {
    if (property.type !== 'Property' || property.computed || property.kind !== 'init' || property.method) return undefined;
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : undefined;
    if (key !== 'level' && key !== 'data' && key !== 'logger') return undefined;
    values[key] = property.value;
  }
  if (!values.level || !values.data) return undefined;
  const text = (n: Node) => code.getText(n);
  return { level: text(values.level), data: text(values.data), levelNode: values.level, ...(values.logger ? { logger: text(values.logger), loggerNode: values.logger } : {}) };
}

function isPlainReference(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return true;
  return inner.type === 'MemberExpression' && !inner.computed && isPlainReference(inner.object);
}

/**
 * `[await] server.sendLoggingMessage({ level, data, logger }, extra.sessionId)` in an SDK v2
 * handler callback → `ctx.mcpReq.log(level, data, logger)`, both returning `Promise<void>`.
 * The context parameter is the handler's own (an identifier), or added under a free name.
 */
function handlerLogEdits(code: Code, call: TSESTree.CallExpression): TextEdit[] | undefined {
  const args = logArguments(code, call);
  if (!args) return undefined;
  let fn: TSESTree.FunctionLike | undefined;
  for (let current: Node | undefined = call.parent; current && !fn; current = current.parent) {
    if (isFunction(current) && isMcpHandlerCallback(current, code)) fn = current;
  }
  // A notification handler has no request to answer, and no `mcpReq`.
  if (!fn || (fn.parent?.type === 'CallExpression' && calleeName(fn.parent) === 'setNotificationHandler')) return undefined;
  const logArgs = [args.level, args.data, ...(args.logger ? [args.logger] : [])].join(', ');
  const param = handlerContextParameter(fn, code);
  if (param) {
    if (param.type !== 'Identifier') return undefined; // destructured: `{ sessionId }` has no mcpReq to call
    // The name must still mean the parameter at the call (nothing in between shadows it).
    const variable = ASTUtils.findVariable(code.getScope(call), param.name);
    if (variable?.defs[0]?.node !== fn) return undefined;
    return [{ range: call.range, text: `${param.name}.mcpReq.log(${logArgs})` }];
  }
  const name = freeName(code, fn, ['ctx', 'mcpCtx', 'requestCtx']);
  const added = name ? addContextParameter(code, fn, name) : undefined;
  return added ? [{ range: call.range, text: `${name}.mcpReq.log(${logArgs})` }, added] : undefined;
}

/**
 * A background `[await] server.sendLoggingMessage({ level, data, logger })` used as a statement
 * (or as an arrow's whole body) → `console.error('[level] [logger]', data)`. A call whose promise
 * is used (`.catch(…)`, assigned) is left for a marker: `console.error` returns nothing.
 */
function stderrEdit(code: Code, call: TSESTree.CallExpression, quote: string): TextEdit | undefined {
  const args = logArguments(code, call);
  if (!args) return undefined;
  const console = ASTUtils.findVariable(code.getScope(call), 'console');
  if (console && console.defs.length > 0) return undefined;
  const target = call.parent?.type === 'AwaitExpression' || (call.parent?.type === 'UnaryExpression' && call.parent.operator === 'void') ? call.parent : call;
  const holder = target.parent;
  const standalone = holder?.type === 'ExpressionStatement' || (holder?.type === 'ArrowFunctionExpression' && holder.body === target && target === call);
  if (!standalone) return undefined;
  return { range: target.range, text: `console.error(${prefix(args, quote)}, ${args.data})` };
}

/** `'[info]'`, `'[info] [db]'`, or a template literal when the level or logger is not a string literal. */
function prefix(args: { level: string; levelNode: Node; logger?: string; loggerNode?: Node }, quote: string): string {
  const literal = (node: Node | undefined) => (node?.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined);
  const level = literal(args.levelNode);
  const logger = args.loggerNode ? literal(args.loggerNode) : undefined;
  if (level !== undefined && (!args.loggerNode || logger !== undefined)) {
    const text = `[${level}]${logger !== undefined ? ` [${logger}]` : ''}`;
    return `${quote}${text.replace(/\\/g, '\\\\').replaceAll(quote, `\\${quote}`)}${quote}`;
  }
  const part = (node: Node, source: string) => {
    const value = literal(node);
    return value !== undefined ? value.replace(/[`\\$]/g, '\\$&') : `\${${source}}`;
  };
  return `\`[${part(args.levelNode, args.level)}]${args.loggerNode ? ` [${part(args.loggerNode, args.logger!)}]` : ''}\``;
}

/**
 * `server.setRequestHandler(SetLevelRequestSchema | 'logging/setLevel', handler);` whose handler
 * only stores the level (the rule's `storesLogLevel` reports), reads `request.params` into
 * locals and returns `{}`: the statement is deleted, with the stored variable when nothing else
 * uses it. When the stored level is read elsewhere, the reads are returned instead.
 */
function setLevelRemoval(code: Code, node: Node, stores: [number, number][]): { edits: TextEdit[]; reads: number[] } | undefined {
  const call = node.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== node || call.arguments.length !== 2 || calleeName(call) !== 'setRequestHandler') return undefined;
  const fn = call.arguments[1]!;
  const statement = call.parent;
  if (statement?.type !== 'ExpressionStatement' || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return undefined;
  const targets: Node[] = [];
  const body = fn.body.type === 'BlockStatement' ? fn.body.body : [{ type: 'ReturnStatement', argument: fn.body } as TSESTree.ReturnStatement];
  for (const part of body) {
    if (part.type === 'ReturnStatement') {
      if (part.argument && !(part.argument.type === 'ObjectExpression' && part.argument.properties.length === 0)) return undefined;
    } else if (part.type === 'VariableDeclaration') {
      if (!part.declarations.every((d) => d.init && isPlainReference(d.init))) return undefined;
    } else if (part.type === 'ExpressionStatement' && stores.some(([start, end]) => part.expression.range[0] === start && part.expression.range[1] === end)) {
      const expression = part.expression;
      if (expression.type === 'AssignmentExpression') targets.push(expression.left);
      else if (expression.type === 'CallExpression' && expression.callee.type === 'MemberExpression') targets.push(expression.callee.object);
      else return undefined;
    } else {
      return undefined;
    }
  }
  const reads: number[] = [];
  const edits: TextEdit[] = [{ range: wholeLines(code.text, statement.range), text: '' }];
  for (const target of targets) {
    const inner = unwrap(target);
    if (inner.type === 'Identifier') {
      const variable = ASTUtils.findVariable(code.getScope(inner), inner);
      if (!variable) return undefined;
      const outside = variable.references.filter((r) => !r.init && !within(r.identifier as Node, fn));
      reads.push(...outside.filter((r) => r.isRead()).map((r) => r.identifier.range[0]));
      if (outside.length === 0) edits.push(...unusedDeclaration(code, variable));
    } else {
      // `this.logLevel`, `state.level`: the same member text read anywhere else in the file.
      const text = code.getText(inner);
      walk(code.ast, code.visitorKeys, (other) => {
        if (other.type !== 'MemberExpression' || within(other, fn) || code.getText(other) !== text) return;
        const isWrite = other.parent?.type === 'AssignmentExpression' && other.parent.left === other;
        if (!isWrite) reads.push(other.range[0]);
      });
    }
  }
  return { edits: mergeRemovals(code.text, edits), reads };
}

/** Removals that touch become one, which then takes one of two surrounding blank lines along. */
function mergeRemovals(text: string, edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0]);
  const merged: [number, number][] = [];
  for (const { range } of sorted) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged.map((range) => ({ range: withoutDoubleBlank(text, range), text: '' }));
}

/** `let currentLevel = 'info';` or `const levels = new Map();` alone in its declaration, nothing in its initialiser that could matter. */
function unusedDeclaration(code: Code, variable: TSESLint.Scope.Variable): TextEdit[] {
  const declarator = variable.defs[0]?.node;
  if (variable.defs.length !== 1 || declarator?.type !== 'VariableDeclarator') return [];
  const declaration = declarator.parent;
  if (declaration.type !== 'VariableDeclaration' || declaration.declarations.length !== 1 || declaration.parent?.type === 'ExportNamedDeclaration') return [];
  const init = declarator.init ? unwrap(declarator.init) : undefined;
  const harmless = !init || init.type === 'Literal' || (init.type === 'Identifier' && init.name === 'undefined') || (init.type === 'NewExpression' && init.arguments.length === 0);
  return harmless ? [{ range: wholeLines(code.text, declaration.range), text: '' }] : [];
}

function within(node: Node, root: Node): boolean {
  return node.range[0] >= root.range[0] && node.range[1] <= root.range[1];
}

