/**
 * The 2025-11-25 experimental Tasks API (reference §7.1, typescript-sdk-v1-v2.md §1d) that
 * MCP 2026-07-28 removed from the core and replaced with the `io.modelcontextprotocol/tasks`
 * extension (reference §7.2, EXT-TASKS). The two are not wire-compatible, and SDK v2 ships no
 * runtime for the extension (checked against @modelcontextprotocol/server 2.4.0).
 */

import { lookupTable } from './lookup-table.js';

/** Which catalogue row a 2025 Tasks name belongs to, when it is more specific than "the SDK Tasks API" (T15). */
export type LegacyTaskTopic = 'tasksResult' | 'tasksList' | 'statusNotification' | 'relatedTask' | 'sdk';

/** Methods the 2025 API had and 2026-07-28 dropped without a same-named successor. */
export const tasksResultMethod = 'tasks/result';
export const tasksListMethod = 'tasks/list';
export const taskStatusNotificationMethod = 'notifications/tasks/status';
/** Exist in the extension too, with new shapes: only their 2025 shapes are legacy. */
export const tasksGetMethod = 'tasks/get';
export const tasksCancelMethod = 'tasks/cancel';

/** `_meta` keys of the 2025 API (T11, T16). */
export const relatedTaskMetaKey = 'io.modelcontextprotocol/related-task';
export const immediateResponseMetaKey = 'io.modelcontextprotocol/model-immediate-response';

/**
 * SDK exports (v1 `@modelcontextprotocol/sdk/types.js` and `/experimental/**`; v2 keeps the
 * types and schemas as deprecated interop) that exist only for the 2025 Tasks API.
 */
export const legacyTaskExports: Readonly<Record<string, LegacyTaskTopic>> = lookupTable({
  // tasks/result (T7)
  GetTaskPayloadRequestSchema: 'tasksResult',
  GetTaskPayloadResultSchema: 'tasksResult',
  GetTaskPayloadRequest: 'tasksResult',
  GetTaskPayloadResult: 'tasksResult',
  // tasks/list (T8)
  ListTasksRequestSchema: 'tasksList',
  ListTasksResultSchema: 'tasksList',
  ListTasksRequest: 'tasksList',
  ListTasksResult: 'tasksList',
  // notifications/tasks/status (T10)
  TaskStatusNotificationSchema: 'statusNotification',
  TaskStatusNotificationParamsSchema: 'statusNotification',
  TaskStatusNotification: 'statusNotification',
  TaskStatusNotificationParams: 'statusNotification',
  // related-task _meta (T11)
  RELATED_TASK_META_KEY: 'relatedTask',
  RelatedTaskMetadataSchema: 'relatedTask',
  RelatedTaskMetadata: 'relatedTask',
  // Runtime classes, helpers, interfaces, schemas and types (T15)
  InMemoryTaskStore: 'sdk',
  InMemoryTaskMessageQueue: 'sdk',
  ExperimentalClientTasks: 'sdk',
  ExperimentalServerTasks: 'sdk',
  ExperimentalMcpServerTasks: 'sdk',
  isTerminal: 'sdk',
  assertToolsCallTaskCapability: 'sdk',
  assertClientRequestTaskCapability: 'sdk',
  takeResult: 'sdk',
  toArrayAsync: 'sdk',
  isTaskAugmentedRequestParams: 'sdk',
  TaskStore: 'sdk',
  TaskMessageQueue: 'sdk',
  RequestTaskStore: 'sdk',
  TaskRequestOptions: 'sdk',
  CreateTaskOptions: 'sdk',
  QueuedMessage: 'sdk',
  BaseQueuedMessage: 'sdk',
  QueuedRequest: 'sdk',
  QueuedNotification: 'sdk',
  QueuedResponse: 'sdk',
  QueuedError: 'sdk',
  CreateTaskRequestHandlerExtra: 'sdk',
  TaskRequestHandlerExtra: 'sdk',
  CreateTaskRequestHandler: 'sdk',
  TaskRequestHandler: 'sdk',
  ToolTaskHandler: 'sdk',
  TaskToolExecution: 'sdk',
  ResponseMessage: 'sdk',
  TaskStatusMessage: 'sdk',
  TaskCreatedMessage: 'sdk',
  TaskCreationParamsSchema: 'sdk',
  TaskMetadataSchema: 'sdk',
  TaskStatusSchema: 'sdk',
  TaskSchema: 'sdk',
  CreateTaskResultSchema: 'sdk',
  GetTaskRequestSchema: 'sdk',
  GetTaskResultSchema: 'sdk',
  CancelTaskRequestSchema: 'sdk',
  CancelTaskResultSchema: 'sdk',
  ClientTasksCapabilitySchema: 'sdk',
  ServerTasksCapabilitySchema: 'sdk',
  TaskAugmentedRequestParamsSchema: 'sdk',
  ToolExecutionSchema: 'sdk',
  Task: 'sdk',
  TaskStatus: 'sdk',
  TaskMetadata: 'sdk',
  TaskCreationParams: 'sdk',
  CreateTaskResult: 'sdk',
  GetTaskRequest: 'sdk',
  GetTaskResult: 'sdk',
  CancelTaskRequest: 'sdk',
  CancelTaskResult: 'sdk',
  TaskAugmentedRequestParams: 'sdk',
  ToolExecution: 'sdk',
});

/**
 * The 2025 Tasks exports SDK v2 still ships (`@modelcontextprotocol/client`, `/server` and
 * `/core` 2.4, marked `@deprecated … kept importable for interoperability only`): the wire
 * types and schemas, the related-task key and `isTaskAugmentedRequestParams`. A type
 * annotation with one of them sends nothing, and "SDK v2 removed it" is not true of them; the
 * runtime (`TaskStore`, `ToolTaskHandler`, `InMemoryTaskStore`, `experimental.tasks`) is gone.
 */
export const legacyTaskInteropExports: ReadonlySet<string> = new Set([
  'GetTaskPayloadRequestSchema',
  'GetTaskPayloadResultSchema',
  'GetTaskPayloadRequest',
  'GetTaskPayloadResult',
  'ListTasksRequestSchema',
  'ListTasksResultSchema',
  'ListTasksRequest',
  'ListTasksResult',
  'TaskStatusNotificationSchema',
  'TaskStatusNotificationParamsSchema',
  'TaskStatusNotification',
  'TaskStatusNotificationParams',
  'RELATED_TASK_META_KEY',
  'RelatedTaskMetadataSchema',
  'RelatedTaskMetadata',
  'isTaskAugmentedRequestParams',
  'TaskCreationParamsSchema',
  'TaskMetadataSchema',
  'TaskStatusSchema',
  'TaskSchema',
  'CreateTaskResultSchema',
  'GetTaskRequestSchema',
  'GetTaskResultSchema',
  'CancelTaskRequestSchema',
  'CancelTaskResultSchema',
  'TaskAugmentedRequestParamsSchema',
  'ToolExecutionSchema',
  'Task',
  'TaskStatus',
  'TaskMetadata',
  'TaskCreationParams',
  'CreateTaskResult',
  'GetTaskRequest',
  'GetTaskResult',
  'CancelTaskRequest',
  'CancelTaskResult',
  'TaskAugmentedRequestParams',
  'ToolExecution',
]);

/**
 * Interop types that are whole 2025 messages rather than parts of one (`Task`, `TaskStatus`,
 * which a client also uses as its own model of a task): an object literal typed as one of them
 * (`const reply: CreateTaskResult = { task }`) is a 2025 message being built.
 */
export const legacyTaskMessageType = /^(?:CreateTaskResult|GetTaskResult|CancelTaskResult|ListTasksResult|GetTaskPayloadResult|GetTaskRequest|CancelTaskRequest|ListTasksRequest|GetTaskPayloadRequest|TaskStatusNotification)$/;

/**
 * Types of the context SDK v1 hands to the handlers of a task tool (`createTask`, `getTask`,
 * `getTaskResult` of `registerToolTask`): a server's, whose `sendRequest` goes to the client.
 */
export const taskHandlerContextTypes: ReadonlySet<string> = new Set(['CreateTaskRequestHandlerExtra', 'TaskRequestHandlerExtra']);

/** v1 request and notification schemas of the 2025 task methods, by the method they register a handler for. */
export const legacyTaskSchemaMethods: Readonly<Record<string, string>> = lookupTable({
  GetTaskRequestSchema: tasksGetMethod,
  GetTaskPayloadRequestSchema: tasksResultMethod,
  ListTasksRequestSchema: tasksListMethod,
  CancelTaskRequestSchema: tasksCancelMethod,
  TaskStatusNotificationSchema: taskStatusNotificationMethod,
});

/** `@modelcontextprotocol/sdk/experimental`, `/experimental/tasks`, `/experimental/tasks/stores/in-memory.js`, … */
export const experimentalTasksModule = /^@modelcontextprotocol\/sdk\/experimental(?:\/|\.js$|$)/;

/** `ProtocolOptions` of SDK v1 constructors that configure the task runtime (T15). */
export const legacyTaskOptionKeys: ReadonlySet<string> = new Set(['taskStore', 'taskMessageQueue', 'defaultTaskPollInterval', 'maxTaskQueueSize']);

/** `RequestHandlerExtra` fields of SDK v1 that exist only for tasks (T15). */
export const legacyTaskContextFields: ReadonlySet<string> = new Set(['taskStore', 'taskId', 'taskRequestedTtl']);

/** v1 `RequestOptions`/`NotificationOptions` keys that tag a message with the related task (T11). */
export const relatedTaskOptionKey = 'relatedTask';

/** Fields of the 2025 task handle, and their names in the extension (T5, T6). */
export const renamedTaskFields: Readonly<Record<string, string>> = lookupTable({ ttl: 'ttlMs', pollInterval: 'pollIntervalMs' });
export const taskHandleFields: ReadonlySet<string> = new Set(['taskId', 'status', 'statusMessage', 'createdAt', 'lastUpdatedAt', 'ttl', 'pollInterval']);

/** Requests the 2025 API let a caller augment with `task: { ttl }` (`TaskAugmentedRequestParams`, T4). */
export const taskAugmentableMethods: ReadonlySet<string> = new Set(['tools/call', 'sampling/createMessage', 'elicitation/create']);

/** SDK v1 client methods that send a task-augmentable request: `callTool(params, schema?, options?)`, `request(req, schema, options?)`. */
export const taskAugmentableClientMethods: ReadonlySet<string> = new Set(['callTool', 'request']);

/** Methods of the SDK v1 `TaskStore` that record a task's outcome (T13). */
export const taskOutcomeMethods: ReadonlySet<string> = new Set(['storeTaskResult', 'updateTaskStatus']);

/**
 * A2A (Agent2Agent) names `tasks/get`, `tasks/cancel` and, in later versions, `tasks/list` as
 * well: methods only A2A has, and its SDK, mark a file as A2A's (design.md principle 3).
 */
export const a2aOnlyMethod = /^(?:tasks\/(?:send|sendSubscribe|resubscribe|pushNotification(?:Config)?\/\w+)|message\/(?:send|stream)|agent\/getAuthenticatedExtendedCard)$/;
export const a2aModule = /^(?:@a2a-js\/|a2a-)/;
