import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { pushRequestOfCall } from '../src/ast/client-features.js';
import { reachesOnlyComponentProps } from '../src/ast/component-props.js';
import { staticValue } from '../src/ast/constants.js';
import { mcpCapabilitiesOf, mcpClassConstructedWith } from '../src/ast/declared-capabilities.js';
import { fileEvidence, speaksMcpTokens } from '../src/ast/evidence.js';
import { methodOfHandlerFunction, requestAnsweredByReturn } from '../src/ast/handler-results.js';
import { enclosingFunction, mcpMethodHandledAt } from '../src/ast/handlers.js';
import { importedBindingOf, mcpExportOf } from '../src/ast/imports.js';
import { mcpMessageLiteral } from '../src/ast/json-rpc.js';
import { methodNameRole } from '../src/ast/method-name-roles.js';
import { isClientCommandRoute, isInClientCommandBranch, isRecordedMessage } from '../src/ast/outbound-requests.js';
import { calleeName, functionBindingName, isFunction, meaningfulParent, objectKeyNames, propertyKeyName, returnedValues, stringLiteralValue, unwrap, walk } from '../src/ast/nodes.js';
import { handlerContextParameter, handlerContextPath, mcpSideOf, sdkMethodCall, toolTaskHandlerOf } from '../src/ast/sdk.js';
import { taskEvidence } from '../src/ast/task-evidence.js';
import { isInExpectation } from '../src/ast/test-intent.js';
import { createRule } from '../src/create-rule.js';
import {
  experimentalTasksModule,
  immediateResponseMetaKey,
  legacyTaskContextFields,
  legacyTaskExports,
  legacyTaskInteropExports,
  legacyTaskMessageType,
  legacyTaskOptionKeys,
  legacyTaskSchemaMethods,
  relatedTaskMetaKey,
  relatedTaskOptionKey,
  renamedTaskFields,
  taskAugmentableClientMethods,
  taskAugmentableMethods,
  taskHandlerContextTypes,
  taskHandleFields,
  taskOutcomeMethods,
  tasksCancelMethod,
  tasksListMethod,
  tasksResultMethod,
  taskStatusNotificationMethod,
  type LegacyTaskTopic,
} from '../src/mcp/legacy-tasks.js';
import { isMcpModuleSpecifier } from '../src/mcp/packages.js';
import { replyHelperName } from '../src/mcp/server-wire.js';
import { specUrls } from '../src/mcp/spec.js';
import { lookupTable } from '../src/mcp/lookup-table.js';

type MessageIds =
  | 'serverTasksCapability'
  | 'clientTasksCapability'
  | 'declaresTaskSupport'
  | 'sendsTaskParam'
  | 'requestsClientTask'
  | 'pollsClientTask'
  | 'readsTaskParam'
  | 'returnsNestedTask'
  | 'readsNestedTask'
  | 'renamedTaskField'
  | 'usesTasksResult'
  | 'usesTasksList'
  | 'cancelReturnsTask'
  | 'usesTaskStatusNotification'
  | 'usesRelatedTaskMeta'
  | 'failsTaskOnToolError'
  | 'usesSdkTasksApi'
  | 'usesLegacyTaskShape'
  | 'usesImmediateResponseMeta';

const noRuntime = 'SDK v2 has no Tasks runtime yet, so the extension must be hand-rolled';
const flatHandle = "`{ resultType: 'task', taskId, status, ttlMs, pollIntervalMs }`";
/** What serving the extension means, for messages that already said where its capability goes. */
const extensionShapes = `a flat ${flatHandle} from tools/call, \`tasks/get\` polling, \`tasks/update\` for input and \`notifications/tasks\` on \`subscriptions/listen\``;
const extensionSummary = `the io.modelcontextprotocol/tasks extension (capability under \`extensions['io.modelcontextprotocol/tasks']\`, ${extensionShapes})`;

/** Which message reports a reference to a 2025 Tasks export. */
const topicMessages: Readonly<Record<LegacyTaskTopic, MessageIds>> = {
  tasksResult: 'usesTasksResult',
  tasksList: 'usesTasksList',
  statusNotification: 'usesTaskStatusNotification',
  relatedTask: 'usesRelatedTaskMeta',
  sdk: 'usesSdkTasksApi',
};

/** Method names by the message that reports them. */
const removedMethodMessages: Readonly<Record<string, MessageIds>> = lookupTable({
  [tasksResultMethod]: 'usesTasksResult',
  [tasksListMethod]: 'usesTasksList',
  [taskStatusNotificationMethod]: 'usesTaskStatusNotification',
});

/** `callTool` is the SDK's own name: an untraced receiver counts in a file that imports the SDK. */
const callToolMethod: ReadonlySet<string> = new Set(['callTool']);

/** Methods whose 2025 results or params carry a task. */
const taskResultMethods: ReadonlySet<string> = new Set(['tools/call', 'tasks/get', tasksCancelMethod, taskStatusNotificationMethod]);

/** The values of the 2025 `execution.taskSupport` (`ToolExecution`). */
const taskSupportValues: ReadonlySet<string> = new Set(['forbidden', 'optional', 'required']);

/** Names only the task-returning calls of a 2025 task store have. */
const taskValueName = /task/i;

/** The keys of a JSON-RPC request or notification: an object with any other key is not one. */
const messageKeys: ReadonlySet<string> = new Set(['jsonrpc', 'id', 'method', 'params']);
/** Calls that put a message on its way: `request`, `sendRequest`, `rpc.call`, `notify`, `publish` (but see `incomingCallName`). */
const sendingCallName = /request|rpc|send|call|notif|invoke|emit|dispatch|post|publish|write/i;
/** Messages whose report stands for the whole call or registration it sits in (`setRequestHandler('tasks/list', { params: ListTasksRequestSchema.shape.params }, …)`). */
const methodMessageIds: ReadonlySet<MessageIds> = new Set(['usesTasksResult', 'usesTasksList', 'usesTaskStatusNotification', 'cancelReturnsTask', 'pollsClientTask']);
/** SDK and transport methods that send a request or notification; a function put in their place intercepts what goes out. */
const outgoingMethodNames: ReadonlySet<string> = new Set(['request', 'send', 'sendRequest', 'notification', 'sendNotification']);
/** Test harness calls that feed a message into the code under test, as if the peer had sent it: `transport.injectRequest('tasks/list', 1)`. */
const incomingCallName = /^(?:inject|simulate)[A-Z]/;
/** Test expectations about what was sent: `toHaveBeenCalledWith`, `objectContaining`, `toContainEqual`. */
const assertionName = /^(?:to[A-Z]\w*|objectContaining|(?:deep|strict|deepStrict)?[Ee]qual)$/;

export default createRule<[], MessageIds>({
  name: 'no-legacy-tasks-api',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow the 2025-11-25 experimental Tasks API, which MCP 2026-07-28 replaced with the io.modelcontextprotocol/tasks extension',
      spec: specUrls.tasksExtension,
      catalogue: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13', 'T15', 'T16'],
      findings: {
        serverTasksCapability: { severity: 'error', fix: 'transform', transform: 'tasks-extension' },
        clientTasksCapability: { severity: 'error', fix: 'transform', transform: 'tasks-extension' },
        declaresTaskSupport: { severity: 'error', fix: 'manual' },
        sendsTaskParam: { severity: 'error', fix: 'manual' },
        requestsClientTask: { severity: 'error', fix: 'manual' },
        pollsClientTask: { severity: 'error', fix: 'manual' },
        readsTaskParam: { severity: 'error', fix: 'manual' },
        returnsNestedTask: { severity: 'error', fix: 'transform', transform: 'tasks-extension' },
        readsNestedTask: { severity: 'error', fix: 'manual' },
        renamedTaskField: { severity: 'error', fix: 'transform', transform: 'tasks-extension' },
        usesTasksResult: { severity: 'error', fix: 'manual' },
        usesTasksList: { severity: 'error', fix: 'transform', transform: 'tasks-extension' },
        cancelReturnsTask: { severity: 'error', fix: 'manual' },
        usesTaskStatusNotification: { severity: 'error', fix: 'transform', transform: 'tasks-extension' },
        usesRelatedTaskMeta: { severity: 'error', fix: 'manual' },
        failsTaskOnToolError: { severity: 'error', fix: 'manual' },
        usesSdkTasksApi: { severity: 'error', fix: 'manual' },
        usesLegacyTaskShape: { severity: 'error', fix: 'manual' },
        usesImmediateResponseMeta: { severity: 'warning', fix: 'manual' },
      },
      // Every 2025 task name spells "task"; the two that do not are the experimental barrel and T16's key.
      prefilter: ['task', 'sdk/experimental', immediateResponseMetaKey],
      // Every other report needs speaksMcp, an MCP import (SDK tracing) or a distinctive method
      // name (`tools/call`, `tasks/result`…), all among speaksMcpTokens, except:
      // taskSupport: a tool definition `{ name, inputSchema, execution: { taskSupport } }` counts by its shape (T3);
      // io.modelcontextprotocol/: the `_meta` keys related-task and model-immediate-response, and a request's
      //   `_meta['io.modelcontextprotocol/clientCapabilities']: { tasks }`, are reported wherever they are written.
      prefilterAlso: [...speaksMcpTokens, 'taskSupport', 'io.modelcontextprotocol/'],
    },
    messages: {
      serverTasksCapability: `Declares the 2025-11-25 \`tasks\` server capability, which MCP 2026-07-28 removed (servers must not advertise it). Declare \`capabilities.extensions['io.modelcontextprotocol/tasks']: {}\` in the server/discover result and serve the extension's shapes: ${extensionShapes} (${noRuntime}).`,
      clientTasksCapability: `Declares the 2025-11-25 \`tasks\` client capability, which MCP 2026-07-28 removed with client-hosted tasks; a client declaring only it counts as not supporting tasks. To consume tasks, declare \`extensions['io.modelcontextprotocol/tasks']: {}\` in every request's \`_meta['io.modelcontextprotocol/clientCapabilities']\` (${noRuntime}).`,
      declaresTaskSupport:
        "`execution.taskSupport` went with the 2025-11-25 Tasks API: under the io.modelcontextprotocol/tasks extension the server decides per tools/call whether to return a task. Remove it, and reply -32021 when a task is mandatory but the request's `_meta` client capabilities do not declare `extensions['io.modelcontextprotocol/tasks']`.",
      sendsTaskParam: `Asks for a task with the 2025-11-25 \`task: { ttl }\` param, which 2026-07-28 servers ignore. Declare \`extensions['io.modelcontextprotocol/tasks']: {}\` in the request's \`_meta\` client capabilities instead, and handle a ${flatHandle} result by polling \`tasks/get\` (${noRuntime}).`,
      requestsClientTask:
        'Asks the client to run `{{method}}` as a task (the 2025-11-25 `task: { ttl }` param), but MCP 2026-07-28 removed client-hosted tasks, and servers no longer send requests to clients at all. Drop the param, and ask for the input with an `input_required` result (`inputRequired(...)` in SDK v2) answered on the retry.',
      pollsClientTask:
        'Sends `{{method}}` to the client to follow a task the client hosts, but MCP 2026-07-28 removed client-hosted tasks, and servers no longer send requests to clients at all. Drop it, and ask for the input with an `input_required` result (`inputRequired(...)` in SDK v2) answered on the retry.',
      readsTaskParam:
        "Reads the 2025-11-25 `task` request param, which 2026-07-28 removed (servers must ignore it). Decide per call whether to create a task, and return one only when the request's `_meta` client capabilities declare `extensions['io.modelcontextprotocol/tasks']`.",
      returnsNestedTask: `Returns the 2025-11-25 nested \`{ task: { taskId, status, ttl, pollInterval } }\`, which 2026-07-28 clients do not understand. The io.modelcontextprotocol/tasks extension returns it flat, ${flatHandle} plus \`createdAt\`/\`lastUpdatedAt\`, and only to requests that declared the extension (${noRuntime}).`,
      readsNestedTask:
        "Reads `{{path}}`, the 2025-11-25 nested task handle; 2026-07-28 servers using the io.modelcontextprotocol/tasks extension return it flat. Check `result.resultType === 'task'`, then read `result.taskId`, `result.ttlMs` and `result.pollIntervalMs` and poll `tasks/get`.",
      renamedTaskField:
        '`{{field}}` is the 2025-11-25 name of this task field; the io.modelcontextprotocol/tasks extension calls it `{{replacement}}` and the old key must not appear. Rename it (and flatten the handle with `resultType: \'task\'` where it is a tools/call result).',
      usesTasksResult:
        'Uses `tasks/result` ({{what}}), which MCP 2026-07-28 removed (servers answer -32601). Poll `tasks/get` until the task is terminal and read its `result` (completed) or `error` (failed), answering `inputRequests` with `tasks/update` (io.modelcontextprotocol/tasks extension; SDK v2 has no Tasks runtime yet).',
      usesTasksList:
        'Uses `tasks/list` ({{what}}), which MCP 2026-07-28 removed with no replacement (servers answer -32601). Keep the task ids you get from `{ resultType: \'task\', taskId }` results yourself, and poll each with `tasks/get`.',
      cancelReturnsTask:
        "This `tasks/cancel` handler returns a task, the 2025-11-25 shape. Under the io.modelcontextprotocol/tasks extension `tasks/cancel` answers an empty ack `{ resultType: 'complete' }`, and clients poll `tasks/get` for the outcome.",
      usesTaskStatusNotification:
        'Uses `notifications/tasks/status` ({{what}}), which MCP 2026-07-28 removed. The io.modelcontextprotocol/tasks extension sends `notifications/tasks` (params: the full task) only on a `subscriptions/listen` stream opened with `notifications: { taskIds: [...] }`.',
      usesRelatedTaskMeta:
        'Uses the 2025-11-25 `io.modelcontextprotocol/related-task` `_meta` ({{what}}), which MCP 2026-07-28 removed with nothing in its place. Remove it: the io.modelcontextprotocol/tasks extension correlates by the `taskId` param of `tasks/get` and `tasks/update`.',
      failsTaskOnToolError:
        "Marks the task `failed` for a tool result with `isError: true`; under the io.modelcontextprotocol/tasks extension that task is `completed`, with the tool result as its `result`. Keep `failed` for JSON-RPC errors, with `error` set.",
      usesSdkTasksApi: `{{api}} belongs to the 2025-11-25 experimental Tasks API, which SDK v2 removed and 2026-07-28 replaced with ${extensionSummary}. ${noRuntime} (or the tool made synchronous).`,
      usesLegacyTaskShape: `{{api}} is a 2025-11-25 Tasks wire shape, which SDK v2 keeps only as deprecated interop and MCP 2026-07-28 replaced with ${extensionSummary}. Keep it only on code that talks to 2025 peers, and give 2026-07-28 peers the extension's shapes (${noRuntime}).`,
      usesImmediateResponseMeta:
        '`io.modelcontextprotocol/model-immediate-response` is a 2025-11-25 task `_meta` key that the io.modelcontextprotocol/tasks extension does not define. Remove it, or move it under your own reverse-DNS prefix.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const evidence = taskEvidence(sourceCode);
    const importsMcp = fileEvidence(sourceCode).importsMcp;
    /** Objects reported as a whole, whose fields need no report of their own. */
    const coveredObjects = new Set<TSESTree.Node>();
    const reportedTypeNames = new Set<string>();
    /** Where a removed method or a tasks/cancel answer was reported: the call around it needs no schema report too. */
    const methodReports: { node: TSESTree.Node; messageId: MessageIds }[] = [];
    /** Uses of a 2025 schema or type inside a call, reported at the end unless that call got a method report. */
    const schemaUses: { node: TSESTree.Node; messageId: MessageIds; data: Record<string, string>; call: TSESTree.CallExpression }[] = [];
    /** Statements and result values that already have their one report. */
    const reportedContextStatements = new Set<TSESTree.Node>();
    const reportedResultBindings = new Set<unknown>();

    function report(node: TSESTree.Node, messageId: MessageIds, data?: Record<string, string>): void {
      if (methodMessageIds.has(messageId)) methodReports.push({ node, messageId });
      context.report({ node, messageId, ...(data ? { data } : {}) });
    }

    function text(node: TSESTree.Node): string {
      const oneLine = sourceCode.getText(node).replace(/\s+/g, ' ');
      return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
    }

    // ------------------------------------------------------------------ capabilities (T1, T2)

    function checkCapabilities(object: TSESTree.ObjectExpression): void {
      const tasks = propertyNamed(object, 'tasks');
      if (!tasks) return;
      const declaration = mcpCapabilitiesOf(object, sourceCode);
      if (!declaration || reachesOnlyComponentProps(object, sourceCode, context.filename)) return;
      const side = declaration.side ?? sideFromShape(tasks.value);
      report(tasks, side === 'client' ? 'clientTasksCapability' : 'serverTasksCapability');
    }

    /** Client task capabilities are about sampling and elicitation requests; server ones about tools. */
    function sideFromShape(value: TSESTree.Node): 'server' | 'client' {
      const tasks = objectLiteral(value);
      const requests = tasks && propertyNamed(tasks, 'requests');
      const kinds = requests && objectLiteral(requests.value);
      return kinds && (propertyNamed(kinds, 'sampling') || propertyNamed(kinds, 'elicitation')) ? 'client' : 'server';
    }

    // ------------------------------------------------------------------ constructor options (T15)

    function checkConstructorOptions(object: TSESTree.ObjectExpression): void {
      const options = object.properties.filter(
        (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && legacyTaskOptionKeys.has(propertyKeyName(p) ?? ''),
      );
      if (options.length === 0) return;
      const className = mcpClassConstructedWith(object, sourceCode);
      if (!className) return;
      for (const option of options) report(option, 'usesSdkTasksApi', { api: `The \`${propertyKeyName(option)}\` option of \`new ${className}()\`` });
    }

    // ------------------------------------------------------------------ task shapes (T3, T4, T5)

    function checkTaskSupport(property: TSESTree.Property): void {
      const value = unwrap(property.value);
      if (propertyKeyName(property) !== 'execution' || value.type !== AST_NODE_TYPES.ObjectExpression) return;
      const taskSupport = propertyNamed(value, 'taskSupport');
      if (!taskSupport) return;
      if (!evidence.mcpTasks && !isToolDefinition(property.parent, taskSupport)) return;
      // A tool fixture for a tool panel or a story: the client rendering what a 2025 server sent.
      if (reachesOnlyComponentProps(property.parent, sourceCode, context.filename)) return;
      report(property, 'declaresTaskSupport');
    }

    /**
     * `{ name, inputSchema, execution: { taskSupport: 'optional' } }` is an MCP tool definition
     * by its shape, also in a file with no MCP evidence of its own (a tools module the server
     * imports), as long as `taskSupport` holds one of the 2025 values and the file shows no A2A signs.
     */
    function isToolDefinition(tool: TSESTree.Node, taskSupport: TSESTree.Property): boolean {
      if (tool.type !== AST_NODE_TYPES.ObjectExpression || evidence.speaksA2a) return false;
      const keys = objectKeyNames(tool);
      if (!keys.has('name') || !keys.has('inputSchema')) return false;
      const value = staticValue(taskSupport.value, sourceCode.getScope(taskSupport))?.value;
      return value === undefined || (typeof value === 'string' && taskSupportValues.has(value));
    }

    /** `{ method: 'tools/call', params: { name, arguments, task: { ttl } } }`, hand-rolled or passed to `client.request()`. */
    function checkTaskAugmentedMessage(object: TSESTree.ObjectExpression): void {
      const message = mcpMessageLiteral(object, sourceCode);
      if (!message || !taskAugmentableMethods.has(message.method) || message.params?.type !== AST_NODE_TYPES.ObjectExpression) return;
      const task = propertyNamed(message.params, 'task');
      if (!task) return;
      // `sampling/createMessage` and `elicitation/create` go from the server to the client, which was to host the task.
      if (message.method === 'tools/call') report(task, 'sendsTaskParam');
      else report(task, 'requestsClientTask', { method: message.method });
    }

    /**
     * `client.callTool({ name, arguments, task: { ttl } })` and its `options.task`, and the same
     * through SDK v1 `client.experimental.tasks.callToolStream(params, schema, options)`.
     */
    function checkCallToolArguments(call: TSESTree.CallExpression): void {
      const sdkCall = sdkMethodCall(call, sourceCode, { methods: taskAugmentableClientMethods, side: 'client', distinctive: callToolMethod });
      if (sdkCall?.method !== 'callTool' && !isCallToolStream(call)) return;
      for (const argument of call.arguments) {
        const object = objectOf(argument);
        const task = object && propertyNamed(object, 'task');
        if (task) report(task, 'sendsTaskParam');
      }
    }

    /** `client.experimental.tasks.callToolStream(…)` on an MCP client, or on any receiver in a file that imports the SDK. */
    function isCallToolStream(call: TSESTree.CallExpression): boolean {
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'callToolStream') return false;
      const tasks = unwrap(callee.object);
      const experimental = tasks.type === AST_NODE_TYPES.MemberExpression && memberName(tasks) === 'tasks' ? unwrap(tasks.object) : undefined;
      if (experimental?.type !== AST_NODE_TYPES.MemberExpression || memberName(experimental) !== 'experimental') return false;
      return mcpSideOf(experimental.object, sourceCode) === 'client' || importsMcp;
    }

    /**
     * `return { task }` from a tools/call handler, or a JSON-RPC `result: { task: { taskId,
     * status, ttl… } }` in MCP code. A `task` anywhere else (inside `structuredContent`, a
     * todo item) is somebody's data.
     */
    function checkNestedTaskResult(object: TSESTree.ObjectExpression): void {
      const task = propertyNamed(object, 'task');
      if (!task || task.computed) return;
      const inner = unwrap(task.value);
      const isRpcResult = isValueOf(object, 'result') && inner.type === AST_NODE_TYPES.ObjectExpression && hasTaskHandleKeys(inner) && evidence.mcpTasks;
      if (!isRpcResult && !(isReturnedValue(object) && handlesToolCall(object))) return;
      report(task, 'returnsNestedTask');
      if (inner.type === AST_NODE_TYPES.ObjectExpression) coveredObjects.add(inner);
    }

    function hasTaskHandleKeys(object: TSESTree.ObjectExpression): boolean {
      const keys = objectKeyNames(object);
      return keys.has('taskId') && (keys.has('status') || keys.has('ttl') || keys.has('pollInterval'));
    }

    /**
     * A flat 2025 task with `ttl`/`pollInterval`: what a tasks/get, tasks/cancel or tools/call
     * handler returns, a JSON-RPC `result`, or status notification `params`.
     */
    function checkRenamedFields(object: TSESTree.ObjectExpression): void {
      if (coveredObjects.has(object) || !evidence.mcpTasks || !objectKeyNames(object).has('taskId')) return;
      const handled = legacyTaskMethodHandledAt(object);
      const isTaskResult =
        (handled && taskResultMethods.has(handled)) || isValueOf(object, 'result') || isValueOf(object, 'params') || isReturnedFromTaskHelper(object);
      if (!isTaskResult) return;
      for (const property of object.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        const field = propertyKeyName(property);
        const replacement = field === undefined ? undefined : renamedTaskFields[field];
        if (field && replacement) report(property, 'renamedTaskField', { field, replacement });
      }
    }

    /**
     * An object a local helper returns (`function toTask(job) { return { taskId, …, ttl } }`)
     * whose result a tasks/get, tasks/cancel or tools/call handler returns or sends
     * (`result = toTask(job)`), or that is sent as a JSON-RPC `result`/`params`
     * (`{ method: 'notifications/tasks/status', params: toTask(job) }`) or returned as the
     * nested `task` of a tools/call result (`return { task: toTask(job) }`).
     */
    function isReturnedFromTaskHelper(object: TSESTree.ObjectExpression): boolean {
      if (!isReturnedValue(object)) return false;
      const answered = methodAnsweredByReturn(object);
      if (answered && taskResultMethods.has(answered)) return true;
      const fn = enclosingFunction(object);
      return fn !== undefined && callsOf(fn).some((call) => {
        if (isValueOf(call, 'result') || isValueOf(call, 'params')) return true;
        const { parent } = meaningfulParent(call);
        return isValueOf(call, 'task') && parent?.type === AST_NODE_TYPES.Property && isReturnedValue(parent.parent) && handlesToolCall(parent.parent);
      });
    }

    /** The calls of a function declared in this file (`function f()`, `const f = () => …`), with their awaits. */
    function callsOf(fn: TSESTree.FunctionLike): TSESTree.Node[] {
      const name = functionBindingName(fn);
      const variable = name && ASTUtils.findVariable(sourceCode.getScope(fn.parent ?? fn), name);
      const calls: TSESTree.Node[] = [];
      for (const reference of variable ? variable.references : []) {
        const { parent, child } = meaningfulParent(reference.identifier as TSESTree.Node);
        if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== child) continue;
        const outer = meaningfulParent(parent);
        calls.push(outer.parent?.type === AST_NODE_TYPES.AwaitExpression ? outer.parent : parent);
      }
      return calls;
    }

    function handlesToolCall(node: TSESTree.Node): boolean {
      return methodAnsweredByReturn(node) === 'tools/call' || isInRegisteredTool(node);
    }

    /**
     * Inside the callback of `registerTool`/`tool` on an SDK server, or the `createTask` of an
     * SDK v1 `registerToolTask(name, config, { createTask, getTask, getTaskResult })`, whose
     * result is what tools/call returns for a task request.
     */
    function isInRegisteredTool(node: TSESTree.Node): boolean {
      const fn = enclosingFunction(node);
      if (fn && toolTaskHandlerOf(fn, sourceCode)?.method === 'createTask') return true;
      const call = fn?.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || !['registerTool', 'tool'].includes(calleeName(call) ?? '')) return false;
      const callee = unwrap(call.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && (mcpSideOf(callee.object, sourceCode) === 'server' || importsMcp);
    }

    // ------------------------------------------------------------------ handlers (T4 server side, T9)

    /**
     * The MCP method whose handler holds `node`: hand-rolled dispatch and SDK registrations as
     * `mcpMethodHandledAt` sees them, plus registrations with the 2025 task schemas
     * (`setRequestHandler(CancelTaskRequestSchema, …)`). Hand-rolled task methods count only
     * in files whose task code is MCP's.
     */
    function legacyTaskMethodHandledAt(node: TSESTree.Node): string | undefined {
      for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
        const method = schemaRegisteredMethod(fn);
        if (method) return method;
      }
      const method = mcpMethodHandledAt(node, context);
      if (method?.startsWith('tasks/') && !evidence.mcpTasks) return undefined;
      // The branch of a client's command router sends the method; what it computes is the caller's.
      if (method && isInClientCommandBranch(node, sourceCode)) return undefined;
      return method;
    }

    /**
     * The MCP method a returned value at `node` answers: `legacyTaskMethodHandledAt`, or, from a
     * function called from a dispatch branch or put in a dispatch table
     * (`case 'tools/call': result = await callTool(id, params)`), the method of that branch.
     */
    function methodAnsweredByReturn(node: TSESTree.Node): string | undefined {
      return legacyTaskMethodHandledAt(node) ?? gateTaskMethod(requestAnsweredByReturn(node, context));
    }

    /** The MCP method whose handler reads at `node`: like `methodAnsweredByReturn`, also from callbacks nested in the called function. */
    function methodHandledAround(node: TSESTree.Node): string | undefined {
      const handled = legacyTaskMethodHandledAt(node);
      if (handled) return handled;
      for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
        const method = gateTaskMethod(methodOfHandlerFunction(fn, context, 0));
        if (method) return method;
      }
      return undefined;
    }

    function gateTaskMethod(method: string | undefined): string | undefined {
      return method?.startsWith('tasks/') && !evidence.mcpTasks ? undefined : method;
    }

    function schemaRegisteredMethod(fn: TSESTree.FunctionLike): string | undefined {
      const call = fn.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
      if (!['setRequestHandler', 'setNotificationHandler'].includes(calleeName(call) ?? '') || !call.arguments[0]) return undefined;
      const schema = mcpExportOf(call.arguments[0], sourceCode.getScope(call));
      return schema ? legacyTaskSchemaMethods[schema.name] : undefined;
    }

    function checkTaskParamRead(member: TSESTree.MemberExpression): void {
      if (memberName(member) !== 'task' || !isRequestParams(member.object)) return;
      if (methodHandledAround(member) === 'tools/call') report(member, 'readsTaskParam');
    }

    /**
     * The params of the request being handled: `request.params`, a binding destructured as
     * `params` (`const { id, params = {} } = message`, `async ({ params }) => …`), or a parameter
     * of a local function that some call passes such params to (`callTool(id, params, session)`).
     */
    function isRequestParams(expression: TSESTree.Node, depth = 0): boolean {
      const node = unwrap(expression);
      if (memberName(node) === 'params') return true;
      if (node.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
      const def = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
      if (!def || (def.type !== 'Variable' && def.type !== 'Parameter')) return false;
      // `{ params }` and `{ params = {} }` at the top of a destructuring pattern.
      const { parent } = meaningfulParent(def.name as TSESTree.Node);
      const property = parent?.type === AST_NODE_TYPES.AssignmentPattern ? parent.parent : parent;
      if (property?.type === AST_NODE_TYPES.Property && property.parent.type === AST_NODE_TYPES.ObjectPattern) {
        const pattern = property.parent;
        const topLevel = def.type === 'Variable' ? def.node.id === pattern : pattern.parent === def.node || pattern.parent?.parent === def.node;
        return topLevel && propertyKeyName(property) === 'params';
      }
      if (def.type === 'Variable') {
        const declarator = def.node;
        return declarator.id === def.name && declarator.init !== null && isRequestParams(declarator.init, depth + 1);
      }
      const fn = def.node as TSESTree.FunctionLike;
      const index = fn.params.findIndex((p) => p === def.name || (p.type === AST_NODE_TYPES.AssignmentPattern && p.left === def.name));
      if (index < 0) return false;
      return callsOf(fn).some((call) => {
        const inner = unwrap(call);
        const callExpression = inner.type === AST_NODE_TYPES.AwaitExpression ? unwrap(inner.argument) : inner;
        const argument = callExpression.type === AST_NODE_TYPES.CallExpression ? callExpression.arguments[index] : undefined;
        return argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement && isRequestParams(argument, depth + 1);
      });
    }

    function checkCancelReturn(returned: TSESTree.Node | null | undefined, at: TSESTree.Node): void {
      if (!returned || !returnsTask(unwrap(returned))) return;
      if (methodAnsweredByReturn(at) !== tasksCancelMethod || isReportedByHandler(at)) return;
      report(returned, 'cancelReturnsTask');
    }

    /**
     * A helper (`cancelReceiverTask(id)`) whose task the tasks/cancel handler returns as it is
     * (`async (params) => this.cancelReceiverTask(params.taskId)`): the handler's return is
     * reported, and stands for the helper's.
     */
    function isReportedByHandler(at: TSESTree.Node): boolean {
      const fn = enclosingFunction(at);
      if (!fn || legacyTaskMethodHandledAt(at) === tasksCancelMethod) return false;
      return callSitesOf(fn).some((call) => isReturnedValue(call) && legacyTaskMethodHandledAt(call) === tasksCancelMethod && returnsTask(unwrap(call)));
    }

    /** The calls of a local function, or of a class method through `this.method(…)`, with their awaits. */
    function callSitesOf(fn: TSESTree.FunctionLike): TSESTree.Node[] {
      const method = fn.parent;
      if (method?.type !== AST_NODE_TYPES.MethodDefinition && method?.type !== AST_NODE_TYPES.PropertyDefinition) return callsOf(fn);
      const name = method.computed ? undefined : propertyKeyName(method);
      if (!name) return [];
      const calls: TSESTree.Node[] = [];
      walk(method.parent, sourceCode.visitorKeys, (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return;
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression || unwrap(callee.object).type !== AST_NODE_TYPES.ThisExpression || memberName(callee) !== name) return;
        const outer = meaningfulParent(node);
        calls.push(outer.parent?.type === AST_NODE_TYPES.AwaitExpression ? outer.parent : node);
      });
      return calls;
    }

    /** `case 'tasks/cancel': result = toTask(job); break;` with `result` sent as the response's result. */
    function checkCancelAssignment(assignment: TSESTree.AssignmentExpression): void {
      if (assignment.operator !== '=' || assignment.left.type !== AST_NODE_TYPES.Identifier || !returnsTask(unwrap(assignment.right))) return;
      if (legacyTaskMethodHandledAt(assignment) !== tasksCancelMethod || !isAnswerVariable(assignment.left)) return;
      report(assignment.right, 'cancelReturnsTask');
    }

    /** A variable whose value is read as a handler's answer: returned, a response's `result`, a reply helper's last argument. */
    function isAnswerVariable(identifier: TSESTree.Identifier): boolean {
      const references = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.references ?? [];
      return references.some((reference) => {
        if (reference.isWrite()) return false;
        const { parent, child } = meaningfulParent(reference.identifier as TSESTree.Node);
        if (!parent) return false;
        if (parent.type === AST_NODE_TYPES.ReturnStatement) return true;
        if (parent.type === AST_NODE_TYPES.Property) return parent.value === child && propertyKeyName(parent) === 'result';
        return parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.length >= 2 && parent.arguments.at(-1) === child && replyHelperName.test(calleeName(parent) ?? '');
      });
    }

    function returnsTask(value: TSESTree.Node, depth = 0): boolean {
      if (value.type === AST_NODE_TYPES.AwaitExpression) return returnsTask(unwrap(value.argument), depth);
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        const keys = objectKeyNames(value);
        return keys.has('taskId') || keys.has('status') || keys.has('task') || value.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement);
      }
      if (value.type === AST_NODE_TYPES.Identifier) return taskValueName.test(value.name);
      if (value.type !== AST_NODE_TYPES.CallExpression) return false;
      // A function or method written here answers by what it returns (`cancelTask()` of an
      // extension runtime returns `{ resultType: 'complete' }`); others by their name.
      const fn = depth < 3 ? calledFunctionOf(value) : undefined;
      if (fn) return returnedValues(fn, sourceCode.visitorKeys).some((returned) => returnsTask(unwrap(returned), depth + 1));
      return taskValueName.test(calleeName(value) ?? '');
    }

    /** The one function of this file a call runs: `toTask(job)`, or `runtime.cancelTask(id)` when one method of that name is declared here. */
    function calledFunctionOf(call: TSESTree.CallExpression): TSESTree.FunctionLike | undefined {
      const callee = unwrap(call.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const def = ASTUtils.findVariable(sourceCode.getScope(callee), callee)?.defs[0];
        if (def?.type === 'FunctionName') return def.node as TSESTree.FunctionLike;
        const init = def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init ? unwrap(def.node.init) : undefined;
        return init && isFunction(init) ? init : undefined;
      }
      const name = memberName(callee);
      const methods = name ? methodsNamed().get(name) : undefined;
      return methods?.length === 1 ? methods[0] : undefined;
    }

    let methodsByName: Map<string, TSESTree.FunctionLike[]> | undefined;

    /** The class and object-literal methods declared in this file, by name. */
    function methodsNamed(): Map<string, TSESTree.FunctionLike[]> {
      if (methodsByName) return methodsByName;
      const byName = new Map<string, TSESTree.FunctionLike[]>();
      walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
        if (node.type !== AST_NODE_TYPES.MethodDefinition && node.type !== AST_NODE_TYPES.PropertyDefinition && node.type !== AST_NODE_TYPES.Property) return;
        const value = node.value && unwrap(node.value);
        const name = node.computed ? undefined : propertyKeyName(node);
        if (!name || !value || !isFunction(value)) return;
        byName.set(name, [...(byName.get(name) ?? []), value]);
      });
      methodsByName = byName;
      return byName;
    }


    // ------------------------------------------------------------------ reading results (T6)

    function checkNestedTaskRead(member: TSESTree.MemberExpression): void {
      if (memberName(member) !== 'task' || !isToolCallResult(member.object)) return;
      if (isInAssertion(member) || !firstReadOfResult(member.object)) return;
      const field = memberReadOf(member);
      const reportAt = field && taskHandleFields.has(memberName(field) ?? '') ? field : member;
      report(reportAt, 'readsNestedTask', { path: text(reportAt) });
    }

    /**
     * A value that is the result of an MCP tools/call: `await client.callTool(…)`,
     * `client.request({ method: 'tools/call', … })`, a constant holding one, or a hand-rolled
     * JSON-RPC response's `.result` in MCP code.
     */
    function isToolCallResult(expression: TSESTree.Node, depth = 0): boolean {
      let node = unwrap(expression);
      if (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrap(node.argument);
      if (node.type === AST_NODE_TYPES.CallExpression) return isToolCallRequest(node);
      if (node.type === AST_NODE_TYPES.MemberExpression) return memberName(node) === 'result' && evidence.mcpTasks;
      if (node.type !== AST_NODE_TYPES.Identifier || depth > 3) return false;
      const def = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
      if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init || def.node.id !== def.name) return false;
      return isToolCallResult(def.node.init, depth + 1);
    }

    function isToolCallRequest(call: TSESTree.CallExpression): boolean {
      const sdkCall = sdkMethodCall(call, sourceCode, { methods: taskAugmentableClientMethods, side: 'client', distinctive: callToolMethod });
      if (sdkCall?.method === 'callTool') return true;
      const first = call.arguments[0] && objectOf(call.arguments[0]);
      return sdkCall?.method === 'request' && first !== undefined && mcpMessageLiteral(first, sourceCode)?.method === 'tools/call';
    }

    // ------------------------------------------------------------------ destructuring (T4, T6, T15)

    function checkPattern(pattern: TSESTree.ObjectPattern, source: TSESTree.Node): void {
      const contextPath = handlerContextPath(source, sourceCode);
      for (const property of pattern.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        const key = propertyKeyName(property) ?? '';
        if (contextPath?.length === 0 && legacyTaskContextFields.has(key)) {
          report(property, 'usesSdkTasksApi', { api: `\`${key}\` of the handler context` });
        } else if (key === 'task' && isToolCallResult(source)) {
          if (firstReadOfResult(source)) report(property, 'readsNestedTask', { path: `${text(source)}.task` });
        } else if (key === 'task' && isRequestParams(source) && methodHandledAround(source) === 'tools/call') {
          report(property, 'readsTaskParam');
        }
      }
    }

    function checkHandlerContextPattern(fn: TSESTree.FunctionLike): void {
      const parameter = handlerContextParameter(fn, sourceCode);
      if (parameter?.type !== AST_NODE_TYPES.ObjectPattern) return;
      for (const property of parameter.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        const key = propertyKeyName(property) ?? '';
        if (legacyTaskContextFields.has(key)) report(property, 'usesSdkTasksApi', { api: `\`${key}\` of the handler context` });
      }
    }

    function checkContextField(member: TSESTree.MemberExpression): void {
      const name = memberName(member);
      if (!name || !legacyTaskContextFields.has(name)) return;
      const path = handlerContextPath(member, sourceCode);
      if (path?.length !== 1) return;
      // `extra.taskStore.getTask(extra.taskId)`: one report per statement.
      const statement = statementOf(member);
      if (reportedContextStatements.has(statement)) return;
      reportedContextStatements.add(statement);
      report(member, 'usesSdkTasksApi', { api: `\`${text(member)}\`` });
    }

    /**
     * One report per tool-call result: `created.task == null` and `created.task as Task` two
     * lines apart read the same handle. Results that are not a local binding count each time.
     */
    function firstReadOfResult(result: TSESTree.Node): boolean {
      const node = unwrap(result);
      const variable = node.type === AST_NODE_TYPES.Identifier ? ASTUtils.findVariable(sourceCode.getScope(node), node) : undefined;
      if (!variable) return true;
      if (reportedResultBindings.has(variable)) return false;
      reportedResultBindings.add(variable);
      return true;
    }

    // ------------------------------------------------------------------ SDK v1 experimental API (T15)

    /** `server.experimental.tasks.registerToolTask(…)`, `client.experimental.tasks.getTaskResult(…)`. */
    function checkExperimentalTasks(member: TSESTree.MemberExpression): void {
      const experimental = unwrap(member.object);
      if (memberName(member) !== 'tasks' || experimental.type !== AST_NODE_TYPES.MemberExpression || memberName(experimental) !== 'experimental') return;
      if (mcpSideOf(experimental.object, sourceCode) === undefined && !importsMcp) return;
      // `expect(server.experimental.tasks.registerToolTask).toHaveBeenCalled()` on a mock.
      if (isInAssertion(member)) return;
      const method = memberReadOf(member);
      if (method && memberName(method)) {
        const called = meaningfulParent(method).parent?.type === AST_NODE_TYPES.CallExpression;
        report(method, 'usesSdkTasksApi', { api: `\`${text(method)}${called ? '()' : ''}\`` });
      } else {
        report(member, 'usesSdkTasksApi', { api: `\`${text(member)}\`` });
      }
    }

    function checkExperimentalModule(source: TSESTree.Node | null | undefined): void {
      const specifier = source ? stringLiteralValue(source) : undefined;
      if (source && specifier !== undefined && experimentalTasksModule.test(specifier)) {
        report(source, 'usesSdkTasksApi', { api: `The \`${specifier}\` module` });
      }
    }

    /** Every use of a 2025 Tasks export imported (or required) from an MCP package. */
    function checkImportedBindings(declaration: TSESTree.Node): void {
      for (const variable of sourceCode.getDeclaredVariables(declaration)) {
        const identifier = variable.identifiers[0];
        const binding = identifier && importedBindingOf(identifier, sourceCode.getScope(identifier));
        if (!binding || !isMcpModuleSpecifier(binding.source)) continue;
        for (const reference of variable.references) {
          if (reference.init) continue;
          if (binding.imported === '*') checkNamespaceUse(reference.identifier as TSESTree.Identifier, reference.isTypeReference);
          else checkExportUse(reference.identifier as TSESTree.Node, binding.imported, reference.isTypeReference);
        }
      }
    }

    function checkNamespaceUse(namespace: TSESTree.Identifier, isType: boolean): void {
      const parent = namespace.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === namespace && !parent.computed && parent.property.type === AST_NODE_TYPES.Identifier) {
        checkExportUse(parent, parent.property.name, isType);
      } else if (parent?.type === AST_NODE_TYPES.TSQualifiedName && parent.left === namespace) {
        checkExportUse(parent, parent.right.name, true);
      }
    }

    function checkExportUse(use: TSESTree.Node, name: string, isType: boolean): void {
      const topic = legacyTaskExports[name];
      if (!topic) return;
      const interop = legacyTaskInteropExports.has(name);
      const typeOnly = isType || isInTypeQuery(use);
      // SDK v2 still ships the 2025 wire types: a parameter, prop or return typed with one sends
      // nothing (the handler or request that does is reported). A 2025 message built here under
      // its type (`const reply: CreateTaskResult = { task }`) is the exception.
      if (typeOnly && interop && !typesBuiltMessage(use, name)) return;
      // Reading the related-task key of a message that came in, or asserting on one, sends nothing.
      if (topic === 'relatedTask' && isKeyRead(use)) return;
      if (isInAssertion(use)) return;
      if (isType) {
        if (reportedTypeNames.has(name)) return;
        reportedTypeNames.add(name);
      }
      const { parent, child } = meaningfulParent(use);
      const node = parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === child ? parent : use;
      const messageId = topic === 'sdk' && interop ? 'usesLegacyTaskShape' : topicMessages[topic];
      const label = node === use ? `\`${name}\`` : `\`new ${name}()\``;
      const data: Record<string, string> = messageId === 'usesSdkTasksApi' || messageId === 'usesLegacyTaskShape' ? { api: label } : { what: label };
      // `setRequestHandler('tasks/list', { params: ListTasksRequestSchema.shape.params }, …)`,
      // `client.request({ method: 'tasks/list' }, ListTasksResultSchema)`: one report per call.
      const call = typeOnly ? undefined : callHolding(node);
      if (call) schemaUses.push({ node, messageId, data, call });
      else report(node, messageId, data);
    }

    /** `typeof GetTaskResultSchema` inside a type: a use of its type, not of the value. */
    function isInTypeQuery(use: TSESTree.Node): boolean {
      let current = use;
      while (current.parent?.type === AST_NODE_TYPES.TSQualifiedName || (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current)) {
        current = current.parent;
      }
      return current.parent?.type === AST_NODE_TYPES.TSTypeQuery;
    }

    /**
     * A 2025 message type annotating an object literal built here, which is not only a UI
     * fixture: `const reply: CreateTaskResult = { task: record.task }`, `{ … } satisfies GetTaskResult`.
     */
    function typesBuiltMessage(use: TSESTree.Node, name: string): boolean {
      if (!legacyTaskMessageType.test(name)) return false;
      const reference = use.parent?.type === AST_NODE_TYPES.TSQualifiedName ? use.parent.parent : use.parent;
      if (reference?.type !== AST_NODE_TYPES.TSTypeReference) return false;
      let value: TSESTree.Node | undefined;
      const holder = reference.parent;
      if ((holder?.type === AST_NODE_TYPES.TSAsExpression || holder?.type === AST_NODE_TYPES.TSSatisfiesExpression) && holder.typeAnnotation === reference) {
        value = unwrap(holder.expression);
      } else if (holder?.type === AST_NODE_TYPES.TSTypeAnnotation && holder.parent.type === AST_NODE_TYPES.Identifier) {
        const declarator = holder.parent.parent;
        if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id === holder.parent && declarator.init) value = unwrap(declarator.init);
      }
      return value?.type === AST_NODE_TYPES.ObjectExpression && !reachesOnlyComponentProps(value, sourceCode, context.filename);
    }

    /**
     * The call a schema is handed to or called on, seen through member reads (`.shape.params`),
     * objects and arrays: `setRequestHandler(…, { params: X.shape.params }, …)`, `X.parse({ method })`,
     * `client.request(msg, X)`.
     */
    function callHolding(use: TSESTree.Node): TSESTree.CallExpression | undefined {
      let current = use;
      for (;;) {
        const { parent, child } = meaningfulParent(current);
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) current = parent;
        else if (parent?.type === AST_NODE_TYPES.Property && parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression) current = parent.parent;
        else if (parent?.type === AST_NODE_TYPES.ArrayExpression) current = parent;
        else return parent?.type === AST_NODE_TYPES.CallExpression ? parent : undefined;
      }
    }

    /**
     * The schema uses whose call got no report of its own: a method name among its arguments
     * (`setRequestHandler('tasks/list', …)`, `X.parse({ method: 'notifications/tasks/status' })`),
     * or a task its tasks/cancel handler returns.
     */
    function reportSchemaUses(): void {
      for (const use of schemaUses) {
        const [start, end] = use.call.range;
        const level = enclosingFunction(use.call);
        const covered = methodReports.some(({ node, messageId }) => {
          if (node.range[0] < start || end < node.range[1]) return false;
          const fn = enclosingFunction(node);
          if (fn === level) return true;
          return messageId === 'cancelReturnsTask' && fn !== undefined && use.call.arguments.includes(fn as TSESTree.CallExpressionArgument);
        });
        if (!covered) report(use.node, use.messageId, use.data);
      }
    }

    // ------------------------------------------------------------------ method names and _meta keys (T7, T8, T10, T11, T16)

    function checkString(node: TSESTree.Node, value: unknown): void {
      if (value === relatedTaskMetaKey) {
        if (isKeyRead(node) || isInAssertion(node)) return;
        return report(node, 'usesRelatedTaskMeta', { what: 'the `_meta` key' });
      }
      if (value === immediateResponseMetaKey) return report(node, 'usesImmediateResponseMeta');
      if (typeof value !== 'string') return;
      const messageId = removedMethodMessages[value];
      if (!messageId || !methodNameIsMcps(value)) return;
      const role = methodNameRole(node, sourceCode);
      if (role.kind === 'other' || (role.kind === 'handles' && role.rejects)) return;
      // A client's command router (a CLI `--method` switch, a UI replaying a logged request)
      // issues the request through the client, where it is reported as sent.
      if (role.kind === 'handles' && (isClientCommandRoute(node, sourceCode) || isInClientCommandChain(node))) return;
      if (role.kind === 'handles' && interceptsOutgoingRequest(node)) return;
      if (role.kind === 'sends') {
        const peer = recipientOfMethodName(node);
        if (!peer) return;
        // A server polling a task it asked the client to host (`extra.sendRequest({ method: 'tasks/result' })`).
        if (peer === 'client' && value !== taskStatusNotificationMethod) return report(node, 'pollsClientTask', { method: value });
      }
      report(node, messageId, { what: role.kind === 'handles' ? 'handled here' : 'sent here' });
    }

    /**
     * A comparison in an if-chain of a client's command router that repeats a method an earlier
     * chain of the same router already tests (`if (args.method === 'tasks/list') state = …` to
     * prepare, then `else if (args.method === 'tasks/list') result = …` to print): its neighbours
     * are routes, and so is it.
     */
    function isInClientCommandChain(node: TSESTree.Node): boolean {
      let child: TSESTree.Node = node;
      let parent = node.parent;
      while (parent && parent.type !== AST_NODE_TYPES.IfStatement) {
        if (parent.type !== AST_NODE_TYPES.BinaryExpression && parent.type !== AST_NODE_TYPES.LogicalExpression && parent.type !== AST_NODE_TYPES.UnaryExpression) return false;
        child = parent;
        parent = parent.parent;
      }
      if (parent?.type !== AST_NODE_TYPES.IfStatement || parent.test !== child) return false;
      let head: TSESTree.IfStatement = parent;
      while (head.parent.type === AST_NODE_TYPES.IfStatement && head.parent.alternate === head) head = head.parent;
      for (let current: TSESTree.Node | null = head; current?.type === AST_NODE_TYPES.IfStatement; current = current.alternate) {
        if (current === parent) continue;
        let routed = false;
        walk(current.test, sourceCode.visitorKeys, (inner) => {
          if (!routed && (inner.type === AST_NODE_TYPES.Literal || inner.type === AST_NODE_TYPES.TemplateLiteral)) routed = isClientCommandRoute(inner, sourceCode);
        });
        if (routed) return true;
      }
      return false;
    }

    /**
     * `client.request = (req, schema, opts) => req.method === 'tasks/result' ? fake() : original(req, schema, opts)`:
     * a function put in place of a sending method looks at what its own side sends, which is
     * reported where that request is made; it answers nothing.
     */
    function interceptsOutgoingRequest(node: TSESTree.Node): boolean {
      const { parent: comparison, child } = meaningfulParent(node);
      if (comparison?.type !== AST_NODE_TYPES.BinaryExpression) return false;
      const other = unwrap(comparison.left === child ? comparison.right : comparison.left);
      const holder = other.type === AST_NODE_TYPES.MemberExpression ? unwrap(other.object) : other;
      if (holder.type !== AST_NODE_TYPES.Identifier) return false;
      const def = ASTUtils.findVariable(sourceCode.getScope(holder), holder)?.defs[0];
      if (def?.type !== 'Parameter') return false;
      const { parent: assignment, child: fn } = meaningfulParent(def.node as TSESTree.Node);
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== fn) return false;
      return outgoingMethodNames.has(memberName(unwrap(assignment.left)) ?? '');
    }

    /**
     * Where a method name `methodNameRole` takes for sent really goes: nowhere (undefined), the
     * server, or the client (a server-to-client request). It is on its way as the first argument
     * of a call that sends (`rpc.request('tasks/list')`, not `isOneShot('tasks/list')` or
     * `screen.getByText('tasks/list')`), or as the `method` of an object shaped like a JSON-RPC
     * message that is not a copy in a message log. A bare `{ method }` counts only when it is
     * handed to a sending call or checked by an assertion; a CLI's `{ method, taskId }` options
     * are no message, and a test harness injecting a request into the code under test
     * (`transport.injectRequest('tasks/list', 1)`) plays the peer, whose handler is reported.
     */
    function recipientOfMethodName(node: TSESTree.Node): 'server' | 'client' | undefined {
      const { parent, child } = meaningfulParent(node);
      if (parent?.type === AST_NODE_TYPES.CallExpression) {
        if (!isSendingCall(parent) || parent.arguments[0] !== child || isIncomingCall(parent)) return undefined;
        return isServerToClientCall(parent, node) ? 'client' : 'server';
      }
      if (parent?.type !== AST_NODE_TYPES.Property || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return 'server';
      const object = parent.parent;
      const keys = objectKeyNames(object);
      if ([...keys].some((key) => !messageKeys.has(key)) || isRecordedMessage(object, sourceCode)) return undefined;
      const outer = meaningfulParent(object);
      const call = outer.parent?.type === AST_NODE_TYPES.CallExpression && outer.parent.arguments[0] === outer.child ? outer.parent : undefined;
      if (call && isIncomingCall(call)) return undefined;
      if (call && isServerToClientCall(call, node)) return 'client';
      if (keys.size > 1) return 'server';
      return call !== undefined && (isSendingCall(call) || assertionName.test(calleeName(call) ?? '')) ? 'server' : undefined;
    }

    function isIncomingCall(call: TSESTree.CallExpression): boolean {
      return incomingCallName.test(calleeName(call) ?? '');
    }

    /**
     * A request a server sends to its client: what `pushRequestOfCall` traces (`extra.sendRequest`
     * in an SDK handler), or `extra.sendRequest` on the context of a 2025 task handler
     * (`extra: CreateTaskRequestHandlerExtra`), which only servers have.
     */
    function isServerToClientCall(call: TSESTree.CallExpression, methodName: TSESTree.Node): boolean {
      if (pushRequestOfCall(call, sourceCode)?.node === methodName) return true;
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'sendRequest' || !importsMcp) return false;
      const context = unwrap(callee.object);
      const def = context.type === AST_NODE_TYPES.Identifier ? ASTUtils.findVariable(sourceCode.getScope(context), context)?.defs[0] : undefined;
      const type = def?.type === 'Parameter' && def.name.type === AST_NODE_TYPES.Identifier ? def.name.typeAnnotation?.typeAnnotation : undefined;
      return type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && taskHandlerContextTypes.has(type.typeName.name);
    }

    function isSendingCall(call: TSESTree.CallExpression): boolean {
      const callee = unwrap(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && mcpSideOf(callee.object, sourceCode) !== undefined) return true;
      return sendingCallName.test(calleeName(call) ?? '');
    }

    /**
     * `tasks/list` is A2A's too, so it needs a file whose task code is MCP's; `tasks/result` and
     * `notifications/tasks/status` are MCP's own names, unless the file shows A2A signs.
     */
    function methodNameIsMcps(method: string): boolean {
      return method === tasksListMethod ? evidence.mcpTasks : importsMcp || !evidence.speaksA2a;
    }

    /** A method name held in a constant, where the code routes or sends it: `case TASKS_LIST:`. */
    function checkIndirectString(node: TSESTree.Node | null | undefined): void {
      if (!node || node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral) return;
      if (node.type === AST_NODE_TYPES.SpreadElement || node.type === AST_NODE_TYPES.PrivateIdentifier) return;
      if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return;
      const value = staticValue(node, sourceCode.getScope(node))?.value;
      if (typeof value === 'string' && removedMethodMessages[value]) checkString(node, value);
    }

    function checkRelatedTaskOption(property: TSESTree.Property): void {
      if (propertyKeyName(property) !== relatedTaskOptionKey || property.computed || !importsMcp) return;
      const object = property.parent;
      const { parent, child } = meaningfulParent(object);
      const isCallArgument = parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(child as TSESTree.CallExpressionArgument);
      // `expect.objectContaining({ relatedTask: { taskId } })` describes what a test expects to be sent.
      if (isCallArgument && !isInExpectation(object)) report(property, 'usesRelatedTaskMeta', { what: 'the SDK `relatedTask` option' });
    }

    // ------------------------------------------------------------------ outcomes (T13)

    /** `storeTaskResult(id, 'failed', { …, isError: true })`, `storeTaskResult(id, result.isError ? 'failed' : 'completed', result)`. */
    function checkTaskOutcome(call: TSESTree.CallExpression): void {
      if (!taskOutcomeMethods.has(calleeName(call) ?? '') || !evidence.mcpTasks) return;
      const status = call.arguments[1] && unwrap(call.arguments[1]);
      if (!status) return;
      if (status.type === AST_NODE_TYPES.ConditionalExpression && failsOnIsError(status)) return report(status, 'failsTaskOnToolError');
      if (stringLiteralValue(status) !== 'failed') return;
      const result = call.arguments[2] && objectOf(call.arguments[2]);
      const carriesIsError = result !== undefined && isTrue(propertyNamed(result, 'isError')?.value);
      if (carriesIsError || insideIsErrorBranch(call)) report(status, 'failsTaskOnToolError');
    }

    /** A hand-rolled store: `tasks.set(id, { ...task, status: result.isError ? 'failed' : 'completed' })`. */
    function checkStatusField(property: TSESTree.Property): void {
      const value = unwrap(property.value);
      if (propertyKeyName(property) !== 'status' || value.type !== AST_NODE_TYPES.ConditionalExpression || !evidence.mcpTasks) return;
      if (failsOnIsError(value)) report(value, 'failsTaskOnToolError');
    }

    /**
     * A task-status helper: `function taskStatus(job) { … return job.result?.isError ? 'failed' : 'completed'; }`
     * whose result is the `status` of a task object (`{ taskId, status: taskStatus(job), … }`).
     */
    function checkReturnedStatus(returned: TSESTree.Node | null | undefined): void {
      const value = returned && unwrap(returned);
      if (value?.type !== AST_NODE_TYPES.ConditionalExpression || !failsOnIsError(value) || !evidence.mcpTasks) return;
      const fn = enclosingFunction(value);
      const feedsTaskStatus = fn !== undefined && callsOf(fn).some((call) => {
        const { parent } = meaningfulParent(call);
        return isValueOf(call, 'status') && parent?.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression && objectKeyNames(parent.parent).has('taskId');
      });
      if (feedsTaskStatus) report(value, 'failsTaskOnToolError');
    }

    function failsOnIsError(conditional: TSESTree.ConditionalExpression): boolean {
      return testsIsError(conditional.test) && stringLiteralValue(unwrap(conditional.consequent)) === 'failed';
    }

    function insideIsErrorBranch(node: TSESTree.Node): boolean {
      let child = node;
      for (let parent = node.parent; parent && !isFunction(parent); child = parent, parent = parent.parent) {
        if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child && testsIsError(parent.test)) return true;
      }
      return false;
    }

    // ------------------------------------------------------------------ helpers

    function objectOf(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
      const def = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
      const init = def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator ? def.node.init : undefined;
      const value = init ? unwrap(init) : undefined;
      return value?.type === AST_NODE_TYPES.ObjectExpression ? value : undefined;
    }

    return {
      'Program:exit'() {
        reportSchemaUses();
      },
      ObjectExpression(node) {
        checkCapabilities(node);
        checkConstructorOptions(node);
        checkTaskAugmentedMessage(node);
        checkNestedTaskResult(node);
      },
      'ObjectExpression:exit'(node: TSESTree.ObjectExpression) {
        checkRenamedFields(node);
      },
      Property(node) {
        checkTaskSupport(node);
        checkRelatedTaskOption(node);
        checkStatusField(node);
        if (node.computed) checkIndirectString(node.key);
        else if (propertyKeyName(node) === 'method') checkIndirectString(node.value);
      },
      MemberExpression(node) {
        checkExperimentalTasks(node);
        checkContextField(node);
        checkTaskParamRead(node);
        checkNestedTaskRead(node);
      },
      CallExpression(node) {
        checkCallToolArguments(node);
        checkTaskOutcome(node);
        checkIndirectString(node.arguments[0]);
        if (isRequireCall(node)) checkExperimentalModule(node.arguments[0]);
      },
      SwitchCase(node) {
        checkIndirectString(node.test);
      },
      BinaryExpression(node) {
        checkIndirectString(node.left);
        checkIndirectString(node.right);
      },
      Literal(node) {
        if (typeof node.value === 'string') checkString(node, node.value);
      },
      TemplateLiteral(node) {
        if (node.expressions.length === 0) checkString(node, node.quasis[0]?.value.cooked);
      },
      ReturnStatement(node) {
        checkCancelReturn(node.argument, node);
        checkReturnedStatus(node.argument);
      },
      AssignmentExpression(node) {
        checkCancelAssignment(node);
      },
      'ArrowFunctionExpression, FunctionExpression'(node: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression) {
        checkHandlerContextPattern(node);
        if (node.type === AST_NODE_TYPES.ArrowFunctionExpression && node.expression) {
          checkCancelReturn(node.body, node.body);
          checkReturnedStatus(node.body);
        }
      },
      VariableDeclarator(node) {
        if (node.id.type === AST_NODE_TYPES.ObjectPattern && node.init) checkPattern(node.id, node.init);
        if (node.init) checkImportedBindings(node);
      },
      ImportDeclaration(node) {
        checkExperimentalModule(node.source);
        checkImportedBindings(node);
      },
      ImportExpression(node) {
        checkExperimentalModule(node.source);
      },
      'ExportNamedDeclaration, ExportAllDeclaration'(node: TSESTree.ExportNamedDeclaration | TSESTree.ExportAllDeclaration) {
        checkExperimentalModule(node.source);
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) checkExperimentalModule(node.moduleReference.expression);
        checkImportedBindings(node);
      },
    };
  },
});

function propertyNamed(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  return object.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === name);
}

/** `object.x` when `object` is read as the object of a member expression (through `?.`, `!` and `as`). */
function memberReadOf(object: TSESTree.Node): TSESTree.MemberExpression | undefined {
  const { parent, child } = meaningfulParent(object);
  return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child ? parent : undefined;
}

function objectLiteral(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.ObjectExpression ? inner : undefined;
}

function memberName(node: TSESTree.Node): string | undefined {
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
}

/** `result.isError`, `isError`, `!!res.isError`. */
function testsIsError(test: TSESTree.Node): boolean {
  const inner = unwrap(test);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === 'isError';
  if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator === '&&') return testsIsError(inner.left) || testsIsError(inner.right);
  return memberName(inner) === 'isError';
}

function isTrue(node: TSESTree.Node | undefined): boolean {
  const inner = node && unwrap(node);
  return inner?.type === AST_NODE_TYPES.Literal && inner.value === true;
}

function isReturnedValue(object: TSESTree.Node): boolean {
  const { parent, child } = meaningfulParent(object);
  if (parent?.type === AST_NODE_TYPES.ReturnStatement) return true;
  return parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === child;
}

/** `{ result: object }`: the object is the value of a property named `key`. */
function isValueOf(object: TSESTree.Node, key: string): boolean {
  const { parent, child } = meaningfulParent(object);
  return parent?.type === AST_NODE_TYPES.Property && parent.value === child && propertyKeyName(parent) === key;
}

function isRequireCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'require';
}

/**
 * A `_meta` key read off a message (`request.params?._meta?.[RELATED_TASK_META_KEY]`,
 * `const { [KEY]: related } = meta`, `KEY in meta`): what a 2025 peer sent is looked at, and
 * nothing is put on the wire. Writing the key (`_meta: { [KEY]: … }`, `meta[KEY] = …`) is.
 */
function isKeyRead(key: TSESTree.Node): boolean {
  const { parent, child } = meaningfulParent(key);
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.computed && parent.property === child) {
    const outer = meaningfulParent(parent);
    return !(outer.parent?.type === AST_NODE_TYPES.AssignmentExpression && outer.parent.left === outer.child);
  }
  if (parent?.type === AST_NODE_TYPES.Property && parent.computed && parent.key === child) return parent.parent.type === AST_NODE_TYPES.ObjectPattern;
  return parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === 'in' && parent.left === child;
}

/** A value, or a member read off one, inside a test expectation: `expect(event._meta?.[KEY]).toBeDefined()`. */
function isInAssertion(node: TSESTree.Node): boolean {
  let current = node;
  for (;;) {
    const { parent, child } = meaningfulParent(current);
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || (parent.object !== child && parent.property !== child)) break;
    current = parent;
  }
  return isInExpectation(current);
}

/** The statement `node` is part of, or the expression body of the arrow function it is in. */
function statementOf(node: TSESTree.Node): TSESTree.Node {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (isFunction(parent) || /(?:Statement|Declaration)$/.test(parent.type)) return isFunction(parent) ? child : parent;
  }
  return child;
}
