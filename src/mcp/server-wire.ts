/**
 * What a hand-rolled MCP server puts on the wire itself, where SDK v2 would do it for it
 * (reference §1.2, §1.3, §2.3, §5; T26 `Result`, `CacheableResult`, `DiscoverResult`).
 */

import { lookupTable } from './lookup-table.js';

/** The method every 2026-07-28 server MUST implement (reference §1.3). */
export const discoverMethod = 'server/discover';

/** What a `server/discover` result looks like, for messages (reference §1.3; no top-level serverInfo). */
export const discoverResultShape =
  "{ resultType: 'complete', supportedVersions: ['2026-07-28'], capabilities, instructions?, ttlMs, cacheScope, _meta: { 'io.modelcontextprotocol/serverInfo': { name, version } } }";

/**
 * The keys of the result of each 2026-07-28 request a server answers (T26). An object a
 * handler returns is taken for that method's result only when it has one of them, so helper
 * objects, HTTP wrappers (`{ statusCode, body }`) and REST payloads stay out. Methods 2026-07-28
 * removed (`initialize`, `ping`, `logging/setLevel`, `resources/subscribe`) are other rules'
 * business, and `tasks/*` results belong to the Tasks extension (and to A2A, which shares the names).
 */
export const resultKeysByMethod: Readonly<Record<string, readonly string[]>> = lookupTable({
  'tools/list': ['tools', 'nextCursor'],
  'tools/call': ['content', 'structuredContent', 'isError'],
  'prompts/list': ['prompts', 'nextCursor'],
  'prompts/get': ['messages', 'description'],
  'resources/list': ['resources', 'nextCursor'],
  'resources/templates/list': ['resourceTemplates', 'nextCursor'],
  'resources/read': ['contents'],
  'completion/complete': ['completion'],
  'server/discover': ['supportedVersions', 'capabilities', 'instructions'],
  'subscriptions/listen': ['_meta'],
});

/**
 * Helpers that send a result for a request id, seen in hand-rolled servers: `reply(id, result)`,
 * `this.send(id, result)`, `rpcResult(id, result)`, `jsonRpcResult(id, result)`,
 * `sendResult(res, id, result)`. The result is their last argument, after at least the id.
 */
export const replyHelperName =
  /^_?(?:(?:(?:json)?rpc)?(?:result|response|success|ok)|(?:send|reply|respond|write)(?:result|response|success|ok|json)?|(?:reply|respond)with)$/i;

/** Results that extend `CacheableResult` and so need `ttlMs` and `cacheScope` (reference §5). */
export const cacheableMethods: ReadonlySet<string> = new Set([
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'server/discover',
]);

/** Keys that mark a result as MRTR's `input_required` rather than an ordinary complete one. */
export const inputRequiredKeys: readonly string[] = ['inputRequests', 'requestState'];

/**
 * SDK exports whose presence means the SDK serves the file's MCP server, and so writes
 * `resultType`, cache hints, `server/discover` and HTTP statuses itself (v1 classes and
 * transports, v2 serving entries).
 */
export const sdkServingExports: ReadonlySet<string> = new Set([
  'McpServer',
  'Server',
  'createMcpHandler',
  'serveStdio',
  'toNodeHandler',
  'legacyStatelessFallback',
  'StreamableHTTPServerTransport',
  'WebStandardStreamableHTTPServerTransport',
  'NodeStreamableHTTPServerTransport',
  'StdioServerTransport',
  'SSEServerTransport',
]);

/** An HTTP status a JSON-RPC error needs on 2026-07-28 Streamable HTTP (reference §2.3). */
export interface ErrorStatusRule {
  code: number;
  status: 400 | 404;
  /** How the error reads in a message. */
  meaning: string;
  /** For `-32602`: only its missing-`_meta` use needs 400, recognised by the words beside it. */
  onlyWhen?: RegExp;
}

export const errorStatusRules: readonly ErrorStatusRule[] = [
  { code: -32601, status: 404, meaning: 'method not found' },
  {
    code: -32602,
    status: 400,
    meaning: 'invalid params: a required `_meta` field is missing',
    onlyWhen: /_meta|\bmeta\b|protocol.?version|client.?capabilit|io\.modelcontextprotocol\//i,
  },
  { code: -32020, status: 400, meaning: 'header mismatch' },
  { code: -32021, status: 400, meaning: 'missing required client capability' },
  { code: -32022, status: 400, meaning: 'unsupported protocol version' },
];

/** SDK constants and enum members for those codes (v1 `ErrorCode`, v2 `ProtocolErrorCode` and constants). */
export const errorCodeExports: Readonly<Record<string, number>> = lookupTable({
  'ErrorCode.MethodNotFound': -32601,
  'ErrorCode.InvalidParams': -32602,
  'ProtocolErrorCode.MethodNotFound': -32601,
  'ProtocolErrorCode.InvalidParams': -32602,
  'ProtocolErrorCode.MissingRequiredClientCapability': -32021,
  'ProtocolErrorCode.UnsupportedProtocolVersion': -32022,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
});
