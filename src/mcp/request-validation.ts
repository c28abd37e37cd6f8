/**
 * What a 2026-07-28 server validates on every Streamable HTTP POST (reference §1.2, §2.2, §2.3;
 * catalogue H9, H10, H11, L5). Header names are compared lower-cased.
 */

import { lookupTable } from './lookup-table.js';

export const protocolVersionHeader = 'mcp-protocol-version';
export const methodHeader = 'mcp-method';
export const nameHeader = 'mcp-name';
/** `Mcp-Param-{Name}` mirrors a tool argument whose schema says `"x-mcp-header": "{Name}"`. */
export const paramHeaderPrefix = 'mcp-param-';
export const headerSchemaKey = 'x-mcp-header';

export const protocolVersionMetaKey = 'io.modelcontextprotocol/protocolVersion';
export const clientCapabilitiesMetaKey = 'io.modelcontextprotocol/clientCapabilities';

/** SDK v2 constants (`@modelcontextprotocol/core`) that name the same `_meta` keys. */
export const metaKeyConstants: Readonly<Record<string, string>> = lookupTable({
  PROTOCOL_VERSION_META_KEY: protocolVersionMetaKey,
  CLIENT_CAPABILITIES_META_KEY: clientCapabilitiesMetaKey,
});

/** Requests that carry `Mcp-Name` (`params.name`, `params.uri`, or the Tasks extension's `params.taskId`). */
export const namedRequestMethods: readonly string[] = ['tools/call', 'prompts/get', 'resources/read', 'tasks/get', 'tasks/update', 'tasks/cancel'];

/** The JSON-RPC errors a server answers invalid requests with, all with HTTP 400. */
export const headerMismatchCode = -32020;
export const unsupportedProtocolVersionCode = -32022;
export const invalidParamsCode = -32602;

/**
 * SDK exports that serve MCP themselves; a file that uses one is an SDK server, and SDK v2's
 * `createMcpHandler` validates headers and `_meta` for it.
 */
export const sdkServingExports: readonly string[] = [
  'McpServer',
  'Server',
  'createMcpHandler',
  'StreamableHTTPServerTransport',
  'NodeStreamableHTTPServerTransport',
  'WebStandardStreamableHTTPServerTransport',
  'SSEServerTransport',
  'toNodeHandler',
  'serveStdio',
];
