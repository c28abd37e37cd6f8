import { lookupTable } from './lookup-table.js';
/**
 * MCP method names of the 2025-11-25 and 2026-07-28 schemas and the Tasks extension
 * (reference §0, §7), one row each:
 * - `distinctive`: evidence on its own that a file speaks MCP. Generic names (`initialize`,
 *   `ping`, `tasks/get`) are shared with LSP, esbuild, A2A and others, so they never are.
 * - `answeredBy`: who serves the request. `server` requests come from a client, so a
 *   dispatch routing one of them is a server's; `client` requests are server-to-client
 *   (2025 only, embedded input requests in 2026); `both` went both ways in 2025.
 * - `removed`: gone in 2026-07-28 (reference §0 "Methods removed").
 */
export interface McpMethod {
  name: string;
  kind: 'request' | 'notification';
  distinctive: boolean;
  answeredBy?: 'server' | 'client' | 'both';
  removed?: true;
  /** Defined by the Tasks extension rather than the core revision. */
  tasksExtension?: true;
}

const request = (name: string, answeredBy: 'server' | 'client' | 'both', extra: Partial<McpMethod> = {}): McpMethod => ({
  name,
  kind: 'request',
  distinctive: true,
  answeredBy,
  ...extra,
});
const notification = (name: string, extra: Partial<McpMethod> = {}): McpMethod => ({ name, kind: 'notification', distinctive: true, ...extra });

export const mcpMethods: readonly McpMethod[] = [
  request('initialize', 'server', { distinctive: false, removed: true }),
  request('ping', 'both', { distinctive: false, removed: true }),
  request('server/discover', 'server'),
  request('tools/list', 'server'),
  request('tools/call', 'server'),
  request('prompts/list', 'server'),
  request('prompts/get', 'server'),
  request('resources/list', 'server'),
  request('resources/read', 'server'),
  request('resources/templates/list', 'server'),
  request('resources/subscribe', 'server', { removed: true }),
  request('resources/unsubscribe', 'server', { removed: true }),
  request('completion/complete', 'server'),
  request('logging/setLevel', 'server', { removed: true }),
  request('subscriptions/listen', 'server'),
  request('sampling/createMessage', 'client'),
  request('elicitation/create', 'client'),
  request('roots/list', 'client'),
  request('tasks/result', 'both', { removed: true }),
  request('tasks/list', 'both', { removed: true }),
  request('tasks/get', 'both', { distinctive: false }),
  request('tasks/cancel', 'both', { distinctive: false }),
  request('tasks/update', 'server', { distinctive: false, tasksExtension: true }),
  notification('notifications/initialized', { removed: true }),
  notification('notifications/cancelled', { distinctive: false }),
  notification('notifications/progress', { distinctive: false }),
  notification('notifications/message', { distinctive: false }),
  notification('notifications/tools/list_changed'),
  notification('notifications/prompts/list_changed'),
  notification('notifications/resources/list_changed'),
  notification('notifications/resources/updated'),
  notification('notifications/roots/list_changed', { removed: true }),
  notification('notifications/elicitation/complete', { removed: true }),
  notification('notifications/tasks/status', { removed: true }),
  notification('notifications/subscriptions/acknowledged'),
];

const names = (filter: (method: McpMethod) => boolean): ReadonlySet<string> => new Set(mcpMethods.filter(filter).map((m) => m.name));

export const mcpMethodNames: ReadonlySet<string> = names(() => true);

export const distinctiveMcpMethods: ReadonlySet<string> = names((m) => m.distinctive);

/**
 * Requests a client sends and a server answers, in either revision: a dispatch routing one of
 * them is a server's. `ping` and `tasks/*` are left out because 2025 clients answered them too.
 */
export const serverAnsweredRequests: ReadonlySet<string> = names((m) => m.answeredBy === 'server' && !m.tasksExtension);

/**
 * Requests only an MCP server answers: the distinctive ones of `serverAnsweredRequests`, plus
 * the removed `tasks/result` and `tasks/list`, which no other protocol has.
 */
export const distinctiveServerRequests: ReadonlySet<string> = names(
  (m) => m.distinctive && m.kind === 'request' && (m.answeredBy === 'server' || m.answeredBy === 'both'),
);

/**
 * Requests a 2026-07-28 client sends, each of which carries the `_meta` envelope, the Tasks
 * extension's included (reference §16.2: treat the envelope as required there too).
 */
export const envelopeRequests: ReadonlySet<string> = names(
  (m) => m.kind === 'request' && !m.removed && (m.answeredBy === 'server' || (m.answeredBy === 'both' && m.name.startsWith('tasks/'))),
);

/** The request whose handlers answer for a missing resource. */
export const readResourceMethod = 'resources/read';

/** v1 request schemas, by the method they register a handler for (typescript-sdk-v1-v2.md §4). */
export const requestSchemaMethods: Readonly<Record<string, string>> = lookupTable({
  ReadResourceRequestSchema: 'resources/read',
  ListResourcesRequestSchema: 'resources/list',
  ListResourceTemplatesRequestSchema: 'resources/templates/list',
  CallToolRequestSchema: 'tools/call',
  ListToolsRequestSchema: 'tools/list',
  GetPromptRequestSchema: 'prompts/get',
  ListPromptsRequestSchema: 'prompts/list',
  InitializeRequestSchema: 'initialize',
  PingRequestSchema: 'ping',
  SetLevelRequestSchema: 'logging/setLevel',
  SubscribeRequestSchema: 'resources/subscribe',
  UnsubscribeRequestSchema: 'resources/unsubscribe',
  CompleteRequestSchema: 'completion/complete',
});

/** Methods of an SDK server that register a resource read callback (v1 `resource`, v1/v2 `registerResource`). */
export const resourceRegistrationMethods: readonly string[] = ['registerResource', 'resource'];
