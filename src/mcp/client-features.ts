/**
 * The client features a 2025 server reached by sending requests to its client: Elicitation,
 * Sampling and Roots (reference §3.2, §8; typescript-sdk-v1-v2.md §1e, §1f, §1h, §2). In
 * 2026-07-28 servers send no requests at all: these three survive only as requests embedded in
 * an `input_required` result (MRTR), and Sampling and Roots are deprecated besides.
 */

import { lookupTable } from './lookup-table.js';

export const elicitationMethod = 'elicitation/create';
export const samplingMethod = 'sampling/createMessage';
export const rootsMethod = 'roots/list';

/** The requests 2026-07-28 lets a server embed in `inputRequests` (T26 `InputRequest`). */
export const inputRequestMethods: ReadonlySet<string> = new Set([elicitationMethod, samplingMethod, rootsMethod]);

/** SDK `Server` methods (v1 and v2) that send one request to the client, by its method. */
export const sdkPushMethods: Readonly<Record<string, string>> = lookupTable({
  elicitInput: elicitationMethod,
  createMessage: samplingMethod,
  listRoots: rootsMethod,
});

/** SDK push methods no other library has: on an untraced receiver they still count in a file that imports the SDK. */
export const distinctiveSdkPushMethods: ReadonlySet<string> = new Set(['elicitInput', 'listRoots']);

/** v2 handler-context push methods (`ctx.mcpReq.elicitInput`, `ctx.mcpReq.requestSampling`), by the request they send. */
export const contextPushMethods: Readonly<Record<string, string>> = lookupTable({
  elicitInput: elicitationMethod,
  requestSampling: samplingMethod,
});

/** Generic senders of any request to the client: v1 `extra.sendRequest(req, schema)`, v2 `ctx.mcpReq.send(req)`. */
export const contextSendPaths: readonly (readonly string[])[] = [['sendRequest'], ['mcpReq', 'send']];

/** Generic sender of the SDK `Server` itself (`server.request(req, schema)`, `mcpServer.server.request(...)`). */
export const sdkServerSendMethod = 'request';

/** Call names that send a `{ method, params }` request when a file cannot trace the receiver. */
export const untracedSendNames: ReadonlySet<string> = new Set(['sendRequest', 'request', 'send']);

/** Types of a server handler's context parameter (v1 `RequestHandlerExtra`, v2 `ServerContext`). */
export const serverContextTypes: ReadonlySet<string> = new Set([
  'RequestHandlerExtra',
  'ServerContext',
  // SDK v1's task handlers get these instead (`getTask(request, extra: TaskRequestHandlerExtra)`).
  'CreateTaskRequestHandlerExtra',
  'TaskRequestHandlerExtra',
]);

/** v1 request schemas of the client-side handlers for these requests; v2 registers by method string. */
export const clientRequestSchemas: Readonly<Record<string, string>> = lookupTable({
  ElicitRequestSchema: elicitationMethod,
  CreateMessageRequestSchema: samplingMethod,
  ListRootsRequestSchema: rootsMethod,
});

/**
 * The v2 MRTR builder (`inputRequired` from `@modelcontextprotocol/server`) and its factories of
 * embedded requests, by the request each one builds: the 2026-07-28 way to ask.
 */
export const inputRequiredBuilder = 'inputRequired';
export const inputRequiredFactories: Readonly<Record<string, string>> = lookupTable({
  elicit: elicitationMethod,
  elicitUrl: elicitationMethod,
  createMessage: samplingMethod,
  listRoots: rootsMethod,
});

/** Removed in 2026-07-28 (changelog Major 5, Minor 11). */
export const rootsListChangedNotification = 'notifications/roots/list_changed';
export const elicitationCompleteNotification = 'notifications/elicitation/complete';

/** SDK API of those removed notifications (v1, still in v2 for 2025 clients). */
export const rootsListChangedSchema = 'RootsListChangedNotificationSchema';
export const rootsListChangedSender = 'sendRootsListChanged';
export const elicitationCompleteSchema = 'ElicitationCompleteNotificationSchema';
export const elicitationCompletionNotifier = 'createElicitationCompletionNotifier';

/** URL elicitation required (2025-11-25 only; retired, reference §6). */
export const urlElicitationRequiredCode = -32042;
export const urlElicitationRequiredError = 'UrlElicitationRequiredError';
export const urlElicitationRequiredMember = 'UrlElicitationRequired';
/** Enums that have the member: v1 `ErrorCode`, v2 `ProtocolErrorCode`. */
export const errorCodeEnums: ReadonlySet<string> = new Set(['ErrorCode', 'ProtocolErrorCode']);

/** `includeContext` values deprecated since 2025-11-25 (reference §8). */
export const deprecatedIncludeContexts: ReadonlySet<string> = new Set(['thisServer', 'allServers']);

/** Keys under which a client's capabilities travel: SDK options, `initialize` params, the 2026-07-28 `_meta` envelope. */
export const clientCapabilityKeys: ReadonlySet<string> = new Set(['capabilities', 'io.modelcontextprotocol/clientCapabilities']);
export const clientCapabilityTypes: ReadonlySet<string> = new Set(['ClientCapabilities']);
/** `client.registerCapabilities({ roots: {} })` (v1 and v2 `Client`). */
export const registerCapabilitiesMethod = 'registerCapabilities';
