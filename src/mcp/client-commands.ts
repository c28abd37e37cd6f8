/**
 * Methods of the SDK `Client` (v1 and v2) that send one MCP request to the server each. Code
 * that calls them per method name (`case 'tools/call': await client.callTool(…)`) issues
 * requests: it is a client's command router, a CLI or a replay tool, not a server's dispatch.
 * Generic senders (`request`, `send`) are left out: a server's dispatch may forward with them.
 */
export const sdkClientRequestMethods: ReadonlySet<string> = new Set([
  'callTool',
  'listTools',
  'getPrompt',
  'listPrompts',
  'readResource',
  'listResources',
  'listResourceTemplates',
  'subscribeResource',
  'unsubscribeResource',
  'setLoggingLevel',
  'complete',
]);
