/**
 * Multi round-trip requests (MRTR) as the two ends see them (reference §3.2, §5, §15.4, §15.5;
 * T26 `InputRequiredResult`, `InputRequests`, `InputResponses`).
 */
import { elicitationMethod, rootsMethod, samplingMethod } from './client-features.js';
import { lookupTable } from './lookup-table.js';

/** The only requests whose result may be `input_required` (reference §3.2). */
export const inputRequiredMethods: ReadonlySet<string> = new Set(['tools/call', 'prompts/get', 'resources/read']);

/**
 * The client capability each embedded input request needs in the request's own
 * `_meta['io.modelcontextprotocol/clientCapabilities']` (reference §3.2: no `elicitation/create`
 * without `elicitation`, no `sampling/createMessage` without `sampling`, no `roots/list` without `roots`).
 */
export const capabilityOfInputRequest: Readonly<Record<string, string>> = lookupTable({
  [elicitationMethod]: 'elicitation',
  [samplingMethod]: 'sampling',
  [rootsMethod]: 'roots',
});

/** The 2026-07-28 error a server answers when it cannot go on without an undeclared capability. */
export const missingCapabilityCode = -32021;

/**
 * The keys of the result a client gives for each embedded input request (`ElicitResult`,
 * `CreateMessageResult`, `ListRootsResult`): an object with one of them is that answer, not
 * the request. In 2026-07-28 none of them extends `Result`, so none carries `resultType` or `_meta`.
 */
export const inputResponseKeys: Readonly<Record<string, readonly string[]>> = lookupTable({
  [elicitationMethod]: ['action', 'content'],
  [samplingMethod]: ['role', 'content', 'model', 'stopReason'],
  [rootsMethod]: ['roots'],
});

/** Keys an input response must not carry in 2026-07-28 (reference §1.2, "the embedded request and response objects"). */
export const resultOnlyKeys: readonly string[] = ['resultType', '_meta'];

/**
 * What a client reads from the result of each MRTR-capable request when it takes the result
 * to be complete: fields an `input_required` result does not have.
 */
export const completeResultFields: Readonly<Record<string, readonly string[]>> = lookupTable({
  'tools/call': ['content', 'structuredContent'],
  'prompts/get': ['messages'],
  'resources/read': ['contents'],
});

/** Reads that show a client tells an `input_required` (or task) result from a complete one. */
export const resultKindFields: readonly string[] = ['resultType', 'inputRequests', 'requestState'];

/** SDK client methods whose result may carry a `requestState` (v2 with `allowInputRequired`). */
export const sdkMrtrClientMethods: ReadonlySet<string> = new Set(['callTool', 'getPrompt', 'readResource', 'request']);
