import type { Linter, SourceCode } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { API, FileInfo } from 'jscodeshift';
import { rules } from '../rules/index.js';
import { calledLocalFunction, calleeName, propertyKeyName, returnedValues, stringLiteralValue, unwrap } from '../src/ast/nodes.js';
import { docsOf } from '../src/engine/catalog.js';
import { renamedTaskFields, taskHandleFields, tasksGetMethod } from '../src/mcp/legacy-tasks.js';
import { isMcpModuleSpecifier } from '../src/mcp/packages.js';
import { removeListElement } from '../src/transforms/list-removal.js';
import { insertMarkers, isInCaseTest, type MarkerRequest } from '../src/transforms/markers.js';
import { detectQuoteStyle } from '../src/transforms/quote-style.js';
import { messageRange, nodeAt, offsetOf, runRule } from '../src/transforms/rule-findings.js';
import { applyTextEdits, lineBreakOf, shiftedBy, type TextEdit, wholeLines, withoutDoubleBlank } from '../src/transforms/text-edits.js';
import type { TransformOptions } from '../src/transforms/types.js';
import { importedName, removeUnusedImports } from '../src/transforms/unused-imports.js';
import { lookupTable } from '../src/mcp/lookup-table.js';

/**
 * `tasks-extension`: the 2025-11-25 experimental Tasks API to the io.modelcontextprotocol/tasks
 * extension of MCP 2026-07-28 (reference §7, catalogue T1–T16). Driven by `no-legacy-tasks-api`'s
 * findings, so A2A task stores, job queues and a todo app's `tasks/list` are never touched.
 *
 * SDK v2 (checked against @modelcontextprotocol/server and /client 2.4.0) ships no runtime for the
 * extension (no task store, no `registerToolTask` successor, nothing that serves `tasks/get` or
 * `tasks/update`), so there is no v2 API to rewrite to: the transform rewrites hand-rolled
 * wire-level code where the mapping is field for field, on either SDK major, and marks the rest:
 *
 * - a server's `tasks: {…}` capability in a hand-rolled initialize/discover result becomes
 *   `extensions: { 'io.modelcontextprotocol/tasks': {} }` (merged into an `extensions` literal
 *   already there); the extension has no settings, and `list`/`cancel`/`requests` have no successor;
 * - a client's `tasks: {…}` capability (client-hosted tasks, which 2026-07-28 removed) is deleted
 *   from hand-rolled initialize params;
 * - `{ task: { taskId, status, ttl, pollInterval, … } }` results become the flat handle
 *   `{ resultType: 'task', taskId, status, ttlMs, pollIntervalMs, … }`;
 * - `ttl`/`pollInterval` of a flat task (tasks/get, tasks/cancel, notification params) become
 *   `ttlMs`/`pollIntervalMs`;
 * - a self-contained `tasks/list` handler (a `case`, an `if` that returns, a
 *   `setRequestHandler(…)` statement, a dispatch-table entry with an inline function) is deleted,
 *   so the request reaches the code that answers unknown methods (-32601);
 * - `case 'tasks/result':` sharing its body with other cases loses its label; a branch of its own
 *   is marked, and so is the `tasks/get` branch next to it, which must now carry `result`/`error`;
 * - a hand-rolled `notifications/tasks/status` message whose params are a task field for field is
 *   renamed `notifications/tasks`, with a marker about the `subscriptions/listen` stream it may
 *   only go on.
 */
export const ruleId = 'no-legacy-tasks-api';
export const parser = 'ts';

const extensionId = 'io.modelcontextprotocol/tasks';

export const sdkNote =
  'tasks-extension marks the SDK Tasks API in this file instead of rewriting it: SDK v2 (2.4) has no runtime for the io.modelcontextprotocol/tasks extension, so the tool must be hand-rolled on it or made synchronous';
const clientCapsKey = "`_meta['io.modelcontextprotocol/clientCapabilities'].extensions['io.modelcontextprotocol/tasks']`";
const flatHandle = "`{ resultType: 'task', taskId, status, createdAt, lastUpdatedAt, ttlMs, pollIntervalMs }`";
const noRuntime = 'SDK v2 has no Tasks runtime';

/** What a person must do for each finding the transform does not rewrite. */
const markerText: Record<string, string> = lookupTable({
  serverTasksCapability: `Replace \`tasks\` with \`extensions: { '${extensionId}': {} }\` once this server serves the extension (${noRuntime}, so hand-roll it), or drop it and make the tools synchronous`,
  clientTasksCapability: `Delete \`tasks\` (client-hosted tasks are gone); to consume server tasks, set ${clientCapsKey} = {} on each request instead`,
  declaresTaskSupport: `Delete \`execution.taskSupport\`: the server now decides per tools/call, and answers -32021 when a task is mandatory but the request does not declare ${clientCapsKey}`,
  sendsTaskParam: `Delete \`task\` and set ${clientCapsKey} = {} on this request instead; when the result has \`resultType === 'task'\`, poll \`tasks/get\` every \`pollIntervalMs\``,
  requestsClientTask: 'Delete the `task` param (client-hosted tasks are gone) and ask for the input with an `input_required` result (`inputRequired(...)` in SDK v2) answered on the retry',
  pollsClientTask: 'Delete this request (client-hosted tasks are gone) and ask for the input with an `input_required` result (`inputRequired(...)` in SDK v2) answered on the retry',
  readsTaskParam: `Stop reading \`params.task\` (2026-07-28 servers ignore it): decide here whether to create a task, and return one only when the request declares ${clientCapsKey}; pick \`ttlMs\` yourself`,
  returnsNestedTask: `Return the task flat, ${flatHandle}, and only when the request declares ${clientCapsKey}`,
  readsNestedTask: "Check `result.resultType === 'task'`, then read `result.taskId`, `result.ttlMs` and `result.pollIntervalMs` (the handle is flat now) and poll `tasks/get`",
  renamedTaskField: 'Rename `ttl` to `ttlMs` and `pollInterval` to `pollIntervalMs` in this task',
  usesTasksResult: "Replace tasks/result (2026-07-28 answers it with -32601): poll `tasks/get` until the task is terminal and read its `result` (completed) or `error` (failed), answering `inputRequests` with `tasks/update`",
  usesTasksList: 'Remove tasks/list (2026-07-28 answers it with -32601, no replacement): keep the task ids from `resultType: \'task\'` results yourself and poll each with `tasks/get`',
  cancelReturnsTask: "Answer tasks/cancel with the empty ack `{ resultType: 'complete' }`; clients read the outcome from `tasks/get`",
  usesTaskStatusNotification: `Send \`notifications/tasks\` (params: the whole task, with \`ttlMs\`/\`pollIntervalMs\`) instead, only on a \`subscriptions/listen\` stream opened with \`notifications: { taskIds }\` naming the task`,
  usesRelatedTaskMeta: 'Remove the related-task `_meta`: nothing replaces it, tasks/get and tasks/update carry the `taskId`',
  failsTaskOnToolError: "Mark the task `completed` with the tool result as its `result` when `isError` is true; keep `failed` for JSON-RPC errors, with `error` set",
  usesImmediateResponseMeta: 'Remove `io.modelcontextprotocol/model-immediate-response` (the extension does not define it) or move it under your own reverse-DNS prefix',
});

const handRollExtension = `hand-roll the ${extensionId} extension (a flat \`resultType: 'task'\` tools/call result, \`tasks/get\`, \`tasks/update\` and \`tasks/cancel\` registered with \`setRequestHandler(method, { params }, handler)\`)`;

/** Guidance for the SDK v1 experimental API (`usesSdkTasksApi`), by the name the finding is about. */
const sdkText: [RegExp, string][] = [
  [/registerToolTask/, `${noRuntime}: register the tool with \`registerTool\` and finish within the call, or ${handRollExtension}`],
  [/callToolStream/, `${noRuntime}: call \`client.callTool()\` with ${clientCapsKey} = {} set on the request and, when the result has \`resultType === 'task'\`, poll \`tasks/get\` every \`pollIntervalMs\``],
  [/getTaskResult/, `${noRuntime}: poll \`tasks/get\` (\`client.request({ method: 'tasks/get', params: { taskId } }, schema)\`) until the task is terminal and read its \`result\` or \`error\`; tasks/result is gone`],
  [/listTasks/, "Remove: tasks/list is gone with no replacement; keep the task ids you got from `resultType: 'task'` results"],
  [/cancelTask/, `${noRuntime}: send \`tasks/cancel\` with \`{ taskId }\` yourself; it answers an empty ack, so read the outcome from \`tasks/get\``],
  [/getTask\b/, `${noRuntime}: send \`tasks/get\` with \`{ taskId }\` yourself; the task comes back flat, with \`ttlMs\`/\`pollIntervalMs\` and \`result\`, \`error\` or \`inputRequests\``],
  [/createMessageStream|elicitInputStream/, 'Client-hosted tasks are gone: ask for the input with an `input_required` result (`inputRequired(...)` in SDK v2) answered on the retry'],
  [/taskRequestedTtl/, `Remove \`taskRequestedTtl\`: the extension has no \`task\` param, so pick \`ttlMs\` yourself`],
  [/InMemoryTaskStore|InMemoryTaskMessageQueue|taskStore|taskMessageQueue|defaultTaskPollInterval|maxTaskQueueSize|taskId/, `${noRuntime}: drop the SDK task store and keep tasks in your own durable store keyed by \`taskId\``],
  [/experimental/, `${noRuntime}: remove this import and ${handRollExtension}, or make the tools synchronous`],
];

const extensionNotification = 'notifications/tasks';
const listenText = 'Send `notifications/tasks` only on a `subscriptions/listen` stream opened with `notifications: { taskIds }` naming this task: 2026-07-28 has no unsolicited task notifications';
const tasksGetText =
  'tasks/result is gone (-32601): when the task is terminal, return its `result` (completed) or `error` (failed, a JSON-RPC error object) from this tasks/get branch, and its `inputRequests` while it is input_required';
const gateText = `Return this task only when the request declares ${clientCapsKey}, and the tool's own result otherwise: a 2026-07-28 server must not send a task to a client that did not declare the extension`;
const tasksResultText = 'Delete this tasks/result handler once tasks/get returns the task\'s `result`/`error` (2026-07-28 answers tasks/result with -32601)';

type Node = TSESTree.Node;
type Code = Readonly<TSESLint.SourceCode>;

interface Plan {
  edits: TextEdit[];
  /** Markers at the input's offsets that are not findings of the rule (shifted after the edits). */
  extraMarkers: { text: string; offset: number; atCase?: boolean }[];
}

export default function transform(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  if (!/task|sdk\/experimental|model-immediate-response/i.test(file.source)) return undefined;
  const { messages, sourceCode } = runRule(ruleId, file.source, file.path);
  if (messages.length === 0) return undefined;
  const code = sourceCode as unknown as Code;
  const quote = (options.quote ?? detectQuoteStyle(file.source)) === 'double' ? '"' : "'";

  const plan: Plan = { edits: [], extraMarkers: [] };
  const gated = /io\.modelcontextprotocol\/clientCapabilities|CLIENT_CAPABILITIES_META_KEY/.test(file.source) || messages.some((m) => m.messageId === 'readsTaskParam');
  for (const message of messages) {
    const node = nodeAt(code, messageRange(sourceCode, message));
    if (!node) continue;
    switch (message.messageId) {
      case 'serverTasksCapability':
        plan.edits.push(...serverCapabilityEdits(code, node, quote));
        break;
      case 'clientTasksCapability':
        plan.edits.push(...clientCapabilityEdits(code, node));
        break;
      case 'returnsNestedTask':
      case 'renamedTaskField': {
        const edits = message.messageId === 'returnsNestedTask' ? flatHandleEdits(code, node, quote) : renameFieldEdits(code, node, quote);
        plan.edits.push(...edits);
        // A flattened handle: unless the file already gates on the client's declaration (or reads `params.task`, marked), say it must.
        if (edits.some((e) => e.text.startsWith('resultType')) && !gated) plan.extraMarkers.push({ text: gateText, offset: node.range[0] });
        break;
      }
      case 'usesTasksList':
        plan.edits.push(...tasksListRemoval(code, node));
        break;
      case 'usesTasksResult':
        tasksResultPlan(code, node, plan);
        break;
      case 'usesTaskStatusNotification':
        statusNotificationPlan(code, node, quote, plan);
        break;
    }
  }

  if (messages.some((m) => m.messageId === 'usesSdkTasksApi')) api.report(sdkNote);

  let output = applyTextEdits(file.source, plan.edits).output;
  if (plan.edits.length > 0) {
    output = removeUnusedImports(output, file.path, isTaskExport);
    const left = runRule(ruleId, output, file.path).messages.length;
    if (messages.length > left) api.stats('edits', messages.length - left);
  }

  // Whatever the rule still reports is a shape this transform does not rewrite: mark it.
  const after = runRule(ruleId, output, file.path);
  const docsUrl = docsOf(rules[ruleId]!).url ?? '';
  const atCase = (offset: number) => (isInCaseTest(after.sourceCode, offset) ? { placement: 'line' as const } : {});
  const requests: MarkerRequest[] = after.messages.map((m) => {
    const offset = offsetOf(after.sourceCode, m.line, m.column);
    return { ruleId, text: textFor(m), docsUrl, offset, ...(m.messageId === 'usesTasksResult' || m.messageId === 'usesTasksList' ? atCase(offset) : {}) };
  });
  const shift = (offset: number) => shiftedBy(plan.edits, offset);
  for (const extra of plan.extraMarkers) requests.push({ ruleId, text: extra.text, docsUrl, offset: shift(extra.offset), ...(extra.atCase ? atCase(shift(extra.offset)) : {}) });
  const marked = insertMarkers(after.sourceCode, requests);
  if (marked.added > 0) api.stats('markers', marked.added);
  return marked.output === file.source ? undefined : marked.output;
}

function textFor(message: Linter.LintMessage): string {
  const id = message.messageId ?? '';
  if (id === 'usesSdkTasksApi' || id === 'usesLegacyTaskShape') {
    const api = /^(.*?) (?:belongs to|is a 2025)/.exec(message.message)?.[1] ?? message.message;
    const found = sdkText.find(([pattern]) => pattern.test(api));
    if (id === 'usesLegacyTaskShape') return `${api} is a 2025-11-25 Tasks wire shape (deprecated interop in SDK v2): keep it only on code that talks to 2025 peers, and give 2026-07-28 peers the extension's flat shapes`;
    return found ? found[1] : message.message;
  }
  if (id === 'usesTasksResult' && !message.message.includes('handled here')) return markerText.usesTasksResult!;
  if (id === 'usesTasksResult') return tasksResultText;
  return markerText[id] ?? message.message;
}



function plainProperty(node: Node | undefined): node is TSESTree.Property {
  return node?.type === 'Property' && !node.computed && node.kind === 'init' && !node.method;
}

function propertyNamed(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  return object.properties.find((p): p is TSESTree.Property => p.type === 'Property' && propertyKeyName(p) === name);
}

/** A string key as the file would write it: `'io.modelcontextprotocol/tasks'`. */
function quoted(value: string, quote: string): string {
  return `${quote}${value}${quote}`;
}

// ------------------------------------------------------------------ capabilities (T1, T2)

/**
 * The capabilities object holding `tasks`, when it is the `capabilities` of a hand-rolled
 * message (initialize or server/discover result, initialize params) written right there: an SDK
 * constructor's or `registerCapabilities()`'s capabilities configure a runtime SDK v2 no longer
 * has, and are marked.
 */
function handRolledCapabilities(tasks: Node): TSESTree.ObjectExpression | undefined {
  if (!plainProperty(tasks) || tasks.parent.type !== 'ObjectExpression') return undefined;
  const capabilities = tasks.parent;
  const holder = capabilities.parent;
  if (!plainProperty(holder) || propertyKeyName(holder) !== 'capabilities' || holder.value !== capabilities) return undefined;
  const message = holder.parent;
  if (message.type !== 'ObjectExpression') return undefined;
  const keys = message.properties.map((p) => (p.type === 'Property' ? propertyKeyName(p) : undefined));
  return keys.some((key) => key === 'serverInfo' || key === 'protocolVersion' || key === 'supportedVersions' || key === 'clientInfo') ? capabilities : undefined;
}

/** `tasks: { list: {}, requests: { tools: { call: {} } } }` → `extensions: { 'io.modelcontextprotocol/tasks': {} }`. */
function serverCapabilityEdits(code: Code, tasks: Node, quote: string): TextEdit[] {
  const capabilities = handRolledCapabilities(tasks);
  if (!capabilities || !plainProperty(tasks) || code.getCommentsInside(tasks as never).length > 0) return [];
  const entry = `${quoted(extensionId, quote)}: {}`;
  const extensions = propertyNamed(capabilities, 'extensions');
  if (!extensions) return [{ range: tasks.range, text: `extensions: { ${entry} }` }];
  const value = unwrap(extensions.value);
  if (value.type !== 'ObjectExpression') return [];
  if (value.properties.some((p) => p.type === 'Property' && propertyKeyName(p) === extensionId)) {
    return [removeListElement(code as unknown as SourceCode, capabilities.properties, tasks, capabilities)];
  }
  const last = value.properties.at(-1);
  const insertion: TextEdit = last
    ? { range: [last.range[1], last.range[1]], text: `, ${entry}` }
    : { range: [value.range[0] + 1, value.range[1] - 1], text: ` ${entry} ` };
  return [insertion, removeListElement(code as unknown as SourceCode, capabilities.properties, tasks, capabilities)];
}

/** A client's `tasks` capability in hand-rolled initialize params: client-hosted tasks are gone, delete it. */
function clientCapabilityEdits(code: Code, tasks: Node): TextEdit[] {
  const capabilities = handRolledCapabilities(tasks);
  if (!capabilities) return [];
  return [removeListElement(code as unknown as SourceCode, capabilities.properties, tasks, capabilities)];
}

// ------------------------------------------------------------------ the task handle (T5)

/** The properties of a 2025 task literal, when each maps to the extension field by field. */
function taskFields(code: Code, object: Node): TSESTree.Property[] | undefined {
  if (object.type !== 'ObjectExpression' || code.getCommentsInside(object as never).length > 0) return undefined;
  const fields: TSESTree.Property[] = [];
  for (const property of object.properties) {
    if (!plainProperty(property)) return undefined;
    const key = propertyKeyName(property);
    if (!key || !taskHandleFields.has(key)) return undefined;
    fields.push(property);
  }
  return fields.some((p) => propertyKeyName(p) === 'taskId') ? fields : undefined;
}

/** A task field's text with its 2025 name changed: `ttl: x` → `ttlMs: x`, shorthand `ttl` → `ttlMs: ttl`. */
function renamedFieldText(code: Code, property: TSESTree.Property): string {
  const text = code.getText(property);
  const key = propertyKeyName(property)!;
  const replacement = renamedTaskFields[key];
  if (!replacement) return text;
  if (property.shorthand) return `${replacement}: ${code.getText(property.value)}`;
  const keyText = code.getText(property.key);
  const newKey = property.key.type === 'Literal' ? `${keyText[0]}${replacement}${keyText[0]}` : replacement;
  return newKey + text.slice(keyText.length);
}

/**
 * `{ task: { taskId, status, ttl, pollInterval } }` → `{ resultType: 'task', taskId, status,
 * ttlMs: ttl, pollIntervalMs: pollInterval }`, the `task` property replaced in place by the
 * fields (re-indented one level out when the literal spans lines). Only `_meta` may sit beside it.
 */
function flatHandleEdits(code: Code, task: Node, quote: string): TextEdit[] {
  if (!plainProperty(task) || task.parent.type !== 'ObjectExpression') return [];
  const outer = task.parent;
  if (outer.properties.some((p) => p !== task && !(plainProperty(p) && propertyKeyName(p) === '_meta'))) return [];
  const inner = unwrap(task.value);
  const fields = taskFields(code, inner);
  if (!fields || code.getCommentsInside(task as never).some((c) => c.range[1] <= inner.range[0])) return [];
  const text = code.text;
  const resultType = `resultType: ${quoted('task', quote)}`;
  const multiline = fields.length > 0 && text.slice(inner.range[0], fields[0]!.range[0]).includes('\n');
  if (!multiline) return [{ range: task.range, text: [resultType, ...fields.map((f) => renamedFieldText(code, f))].join(', ') }];
  const indentOf = (offset: number) => /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', offset - 1) + 1))![0];
  const outerIndent = indentOf(task.range[0]);
  const innerIndent = indentOf(fields[0]!.range[0]);
  const dedent = (s: string) => s.split('\n').map((line, i) => (i > 0 && line.startsWith(innerIndent) ? outerIndent + line.slice(innerIndent.length) : line)).join('\n');
  const newline = lineBreakOf(text);
  const body = fields.map((f) => dedent(renamedFieldText(code, f))).join(`,${newline}${outerIndent}`);
  return [{ range: task.range, text: `${resultType},${newline}${outerIndent}${body}` }];
}

/**
 * `ttl`/`pollInterval` renamed in place; when the task is the `task` of a wrapper that holds
 * nothing else (`reply(res, id, { task: { taskId, ttl } })` in a tools/call branch, which the rule
 * reports field by field), the wrapper is flattened as well.
 */
function renameFieldEdits(code: Code, property: Node, quote: string): TextEdit[] {
  if (!plainProperty(property) || !renamedTaskFields[propertyKeyName(property) ?? '']) return [];
  const holder = property.parent.parent;
  if (plainProperty(holder) && propertyKeyName(holder) === 'task' && unwrap(holder.value) === property.parent) {
    const flat = flatHandleEdits(code, holder, quote);
    if (flat.length > 0) return flat;
  }
  return [{ range: property.range, text: renamedFieldText(code, property) }];
}

// ------------------------------------------------------------------ removed methods (T7, T8, T10)

/** Ends with `return`, `throw`, `break` or `continue` (the last statement of a block counts). */
function terminates(statements: readonly Node[]): boolean {
  const last = statements.at(-1);
  if (!last) return false;
  if (last.type === 'BlockStatement') return terminates(last.body);
  return last.type === 'ReturnStatement' || last.type === 'ThrowStatement' || last.type === 'BreakStatement' || last.type === 'ContinueStatement';
}

/** The `case` whose test is the method name (a literal or a constant). */
function caseOf(node: Node): TSESTree.SwitchCase | undefined {
  const parent = node.parent;
  return parent?.type === 'SwitchCase' && parent.test === node ? parent : undefined;
}

/** The range of a `case` with its own-line comments right above it and its whole lines. */
function caseRange(code: Code, clause: TSESTree.SwitchCase, end: number): [number, number] {
  let start = clause.range[0];
  const comments = code.getCommentsBefore(clause as never);
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i]!;
    const between = code.text.slice(comment.range[1], start);
    if (!/^\s*$/.test(between) || between.split('\n').length > 2 || comment.value.includes('mcp-migrate(')) break;
    start = comment.range[0];
  }
  return wholeLines(code.text, [start, end]);
}

/**
 * How a `case` for a removed method goes: its label alone when it shares a body with other
 * cases (`case 'tasks/result': case 'tasks/get': …`), the whole clause when it is a branch of its
 * own that nothing falls into and that does not fall out, otherwise not at all (undefined).
 */
function caseRemoval(code: Code, clause: TSESTree.SwitchCase, allowWholeBranch: boolean): TextEdit | undefined {
  const cases = clause.parent.cases;
  const index = cases.indexOf(clause);
  const previous = index > 0 ? cases[index - 1] : undefined;
  const next = cases[index + 1];
  const sharesWithPrevious = previous !== undefined && previous.consequent.length === 0;
  if (clause.consequent.length === 0 && next) return { range: caseRange(code, clause, clause.range[1]), text: '' };
  if (sharesWithPrevious) {
    const colon = code.getTokenAfter(clause.test as never)!;
    return { range: caseRange(code, clause, colon.range[1]), text: '' };
  }
  if (!allowWholeBranch || !terminates(clause.consequent)) return undefined;
  if (previous && !terminates(previous.consequent)) return undefined;
  return { range: caseRange(code, clause, clause.range[1]), text: '' };
}

/** `tasks/list` handled by a self-contained branch or registration: removed; anything else is marked. */
function tasksListRemoval(code: Code, node: Node): TextEdit[] {
  // A method name held in a constant stays: deleting its only use would orphan the constant.
  if (node.type !== 'Literal' && node.type !== 'TemplateLiteral' && node.parent?.type !== 'CallExpression') return [];
  const clause = caseOf(node);
  if (clause) {
    const removal = caseRemoval(code, clause, true);
    return removal ? [removal] : [];
  }
  // `if (method === 'tasks/list') { …; return …; }` with no else.
  const comparison = node.parent;
  if (comparison?.type === 'BinaryExpression' && (comparison.operator === '===' || comparison.operator === '==')) {
    const statement = comparison.parent;
    if (statement?.type === 'IfStatement' && statement.test === comparison && !statement.alternate && terminates([statement.consequent]) && isInStatementList(statement)) {
      return [statementRemoval(code.text, statement.range)];
    }
    return [];
  }
  // `server.setRequestHandler('tasks/list' | ListTasksRequestSchema, handler);`
  const call = node.parent;
  if (call?.type === 'CallExpression' && call.arguments[0] === node && calleeName(call) === 'setRequestHandler') {
    const statement = call.parent;
    if (statement?.type === 'ExpressionStatement' && statement.expression === call && isInStatementList(statement)) {
      return [statementRemoval(code.text, statement.range)];
    }
    return [];
  }
  // `{ 'tasks/list': async (params) => …, … }` in a dispatch table, the handler written inline.
  const property = node.parent;
  if (property?.type === 'Property' && property.key === node && property.parent.type === 'ObjectExpression') {
    const value = unwrap(property.value);
    const inline = value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression' || property.method;
    if (inline) return [removeListElement(code as unknown as SourceCode, property.parent.properties, property, property.parent)];
  }
  return [];
}

/** A statement's whole lines, with one of the blank lines around it when it sat between two. */
function statementRemoval(text: string, range: readonly [number, number]): TextEdit {
  return { range: withoutDoubleBlank(text, wholeLines(text, range)), text: '' };
}

function isInStatementList(statement: Node): boolean {
  const parent = statement.parent;
  return parent?.type === 'BlockStatement' || parent?.type === 'Program' || (parent?.type === 'SwitchCase' && parent.consequent.includes(statement as TSESTree.Statement));
}

/**
 * `case 'tasks/result':` sharing a body loses its label. A branch of its own cannot be folded
 * into tasks/get by rote (it blocks until the task ends): it is marked by the rule's finding, and
 * the `tasks/get` branch of the same switch gets a marker saying what it must now return.
 */
function tasksResultPlan(code: Code, node: Node, plan: Plan): void {
  const clause = caseOf(node);
  if (!clause || (node.type !== 'Literal' && node.type !== 'TemplateLiteral')) return;
  const removal = caseRemoval(code, clause, false);
  if (removal) {
    plan.edits.push(removal);
    return;
  }
  const tasksGet = clause.parent.cases.find((c) => c.test && stringLiteralValue(c.test) === tasksGetMethod);
  if (tasksGet?.test) plan.extraMarkers.push({ text: tasksGetText, offset: tasksGet.test.range[0], atCase: true });
}

/**
 * `{ jsonrpc: '2.0', method: 'notifications/tasks/status', params }` whose params are a task
 * field for field (a literal, or a local helper returning only such literals): renamed
 * `notifications/tasks`, and marked for the stream it may go on.
 */
function statusNotificationPlan(code: Code, node: Node, quote: string, plan: Plan): void {
  if (node.type !== 'Literal' && node.type !== 'TemplateLiteral') return;
  const property = node.parent;
  if (!plainProperty(property) || property.value !== node || propertyKeyName(property) !== 'method' || property.parent.type !== 'ObjectExpression') return;
  const message = property.parent;
  const keys = message.properties.map((p) => (p.type === 'Property' ? propertyKeyName(p) : undefined));
  if (!keys.includes('jsonrpc') || keys.some((key) => key === undefined || !['jsonrpc', 'method', 'params'].includes(key))) return;
  const params = propertyNamed(message, 'params');
  if (!params || !isTaskPayload(code, unwrap(params.value))) return;
  const raw = code.getText(node);
  const q = raw[0] === '"' || raw[0] === "'" || raw[0] === '`' ? raw[0] : quote;
  plan.edits.push({ range: node.range, text: `${q}${extensionNotification}${q}` });
  plan.extraMarkers.push({ text: listenText, offset: message.range[0] });
}

function isTaskPayload(code: Code, value: Node): boolean {
  if (value.type === 'ObjectExpression') return taskFields(code, value) !== undefined;
  if (value.type !== 'CallExpression') return false;
  const fn = calledLocalFunction(value.callee, code);
  const returned = fn ? returnedValues(fn, code.visitorKeys) : [];
  return returned.length > 0 && returned.every((r) => taskFields(code, unwrap(r)) !== undefined);
}

// ------------------------------------------------------------------ imports

/** Only the imports the edits can have orphaned: 2025 task schemas and types, never unrelated ones. */
function isTaskExport(specifier: TSESTree.ImportSpecifier, from: string): boolean {
  return isMcpModuleSpecifier(from) && /Task/.test(importedName(specifier));
}
