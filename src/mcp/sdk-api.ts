/**
 * The MCP TypeScript SDK objects rules look at (typescript-sdk-v1-v2.md §1, §2). Names are
 * the same in v1 (`@modelcontextprotocol/sdk/...`) and v2 (`@modelcontextprotocol/{server,client}`).
 */

import { lookupTable } from './lookup-table.js';

/** Classes whose instances are an MCP server. `McpServer#server` is the low-level `Server`. */
export const serverClasses: readonly string[] = ['McpServer', 'Server'];

/** Classes whose instances are an MCP client. */
export const clientClasses: readonly string[] = ['Client'];

/**
 * Server methods that register a handler, with where the handler's context parameter
 * (`extra` in v1, `ctx` in v2) sits among the callback's parameters.
 */
export const handlerRegistrations: Readonly<Record<string, 'request' | 'tool' | 'prompt' | 'resource'>> = lookupTable({
  setRequestHandler: 'request',
  setNotificationHandler: 'request',
  registerTool: 'tool',
  tool: 'tool',
  registerPrompt: 'prompt',
  prompt: 'prompt',
  registerResource: 'resource',
  resource: 'resource',
});
