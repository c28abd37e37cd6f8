/**
 * MCP method names (2025-11-25 and 2026-07-28 schemas, reference §0). `distinctive` names are
 * evidence on their own that a file speaks MCP; generic ones (`initialize`, `ping`) are shared
 * with LSP, esbuild, agent frameworks and others, so they never are.
 */
export interface McpMethod {
  name: string;
  distinctive: boolean;
}

const distinctive = [
  'notifications/initialized',
  'tools/list',
  'tools/call',
  'prompts/list',
  'prompts/get',
  'resources/list',
  'resources/read',
  'resources/templates/list',
  'resources/subscribe',
  'resources/unsubscribe',
  'logging/setLevel',
  'sampling/createMessage',
  'elicitation/create',
  'roots/list',
  'completion/complete',
  'server/discover',
  'subscriptions/listen',
  'tasks/result',
  'tasks/list',
  'notifications/tools/list_changed',
  'notifications/prompts/list_changed',
  'notifications/resources/list_changed',
  'notifications/resources/updated',
  'notifications/roots/list_changed',
  'notifications/elicitation/complete',
  'notifications/tasks/status',
  'notifications/subscriptions/acknowledged',
];

const generic = ['initialize', 'ping', 'notifications/cancelled', 'notifications/progress', 'notifications/message', 'tasks/get', 'tasks/cancel'];

export const mcpMethods: readonly McpMethod[] = [
  ...distinctive.map((name) => ({ name, distinctive: true })),
  ...generic.map((name) => ({ name, distinctive: false })),
];

export const distinctiveMcpMethods: ReadonlySet<string> = new Set(distinctive);

/** The request whose handlers answer for a missing resource. */
export const readResourceMethod = 'resources/read';

/** v1 request schemas, by the method they register a handler for (typescript-sdk-v1-v2.md §4). */
export const requestSchemaMethods: Readonly<Record<string, string>> = {
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
};

/** Methods of an SDK server that register a resource read callback (v1 `resource`, v1/v2 `registerResource`). */
export const resourceRegistrationMethods: readonly string[] = ['registerResource', 'resource'];
