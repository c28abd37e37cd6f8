/**
 * The npm packages of the MCP TypeScript SDK: v1 is `@modelcontextprotocol/sdk` (deep paths such
 * as `@modelcontextprotocol/sdk/server/streamableHttp.js`), v2 is split into
 * `@modelcontextprotocol/{server,client,core,node,express,hono,fastify,server-legacy}`.
 * An import from any of them is evidence that a file speaks MCP (design.md principle 3).
 */
export function isMcpModuleSpecifier(specifier: string): boolean {
  return specifier === '@modelcontextprotocol/sdk' || specifier.startsWith('@modelcontextprotocol/');
}

/**
 * Streamable HTTP transport classes whose `sessionId` is the `Mcp-Session-Id` of a 2025 session
 * (typescript-sdk-v1-v2.md §1a; v2 renamed the Node one to `NodeStreamableHTTPServerTransport`).
 */
export const streamableHttpServerTransports: readonly string[] = [
  'StreamableHTTPServerTransport',
  'WebStandardStreamableHTTPServerTransport',
  'NodeStreamableHTTPServerTransport',
];

export const streamableHttpClientTransports: readonly string[] = ['StreamableHTTPClientTransport'];
