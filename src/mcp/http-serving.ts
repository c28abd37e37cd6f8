/**
 * How MCP servers are hosted and reached over HTTP and stdio: the SDK entries, the 2025
 * Streamable HTTP mechanisms that 2026-07-28 removed (the GET stream, DELETE, SSE
 * resumption; reference §2.1, §15.2, §15.3) and the deprecated HTTP+SSE transport of
 * 2024-11-05 (§8). Names checked against the installed SDK (v1 1.32, v2 2.4) `.d.ts` files.
 */

/** HTTP+SSE (2024-11-05) transports: v1 `server/sse.js`, `client/sse.js`; v2 `server-legacy/sse`, `client`. */
export const sseServerTransports: readonly string[] = ['SSEServerTransport'];
export const sseClientTransports: readonly string[] = ['SSEClientTransport'];

/** The HTTP+SSE server transport's POST entry (`/messages?sessionId=…`). */
export const ssePostMethod = 'handlePostMessage';

/** The query parameter HTTP+SSE clients name their connection with. */
export const sseSessionQueryParameter = 'sessionId';

/** The stdio server transport (v1 `server/stdio.js`, v2 `@modelcontextprotocol/server/stdio`). */
export const stdioServerTransports: readonly string[] = ['StdioServerTransport'];

/**
 * The v2 entries that serve 2026-07-28: `createMcpHandler(factory)` (HTTP, answers GET and
 * DELETE with 405 itself), `legacyStatelessFallback`, and `toNodeHandler(handler)`, which adapts
 * such a handler to Node's `(req, res)`.
 */
export const modernHttpEntries: readonly string[] = ['createMcpHandler', 'legacyStatelessFallback'];
export const nodeHandlerAdapters: readonly string[] = ['toNodeHandler'];

/** The method of a Streamable HTTP server transport that serves a request (POST, GET and DELETE alike). */
export const transportRequestMethod = 'handleRequest';

/** Method names of hand-rolled (or copied) transports that serve the removed GET stream and DELETE. */
export const getStreamHandlerNames: readonly string[] = ['handleGetRequest'];
export const sessionDeleteHandlerNames: readonly string[] = ['handleDeleteRequest'];

/** The status a 2026-07-28 modern-only server SHOULD answer GET and DELETE with (reference §2.3). */
export const methodNotAllowedStatus = 405;

/** Names of status constants for 405 (`StatusCodes.METHOD_NOT_ALLOWED`, `HTTP_STATUS_METHOD_NOT_ALLOWED`). */
export const methodNotAllowedName = /method_?not_?allowed/i;

/** SSE resumption (changelog Major 9): the request header, the SDK interface and its example store. */
export const lastEventIdHeader = 'last-event-id';
export const eventStoreInterface = 'EventStore';
export const inMemoryEventStoreClass = 'InMemoryEventStore';
/** The methods of the SDK's `EventStore` interface. */
export const eventStoreMethods: readonly string[] = ['storeEvent', 'replayEventsAfter'];

/** Options of the SDK's Streamable HTTP server transports that configure resumption. */
export const serverResumptionOptions: readonly string[] = ['eventStore', 'retryInterval'];

/** Send options of the SDK client and its transport that resume a broken stream. */
export const clientResumptionSendOptions: readonly string[] = ['resumptionToken', 'onresumptiontoken'];
/** The option of `StreamableHTTPClientTransport` that reconnects and replays a broken stream. */
export const clientReconnectionOption = 'reconnectionOptions';
/** The v2 client transport's method that reopens a stream from a `Last-Event-ID`. */
export const clientResumeMethod = 'resumeStream';

/**
 * Methods of the SDK `Client` (v1 and v2) whose last argument takes request options, where
 * `resumptionToken`/`onresumptiontoken` go; `send` is the transport's.
 */
export const clientRequestMethods: ReadonlySet<string> = new Set([
  'request',
  'notification',
  'callTool',
  'readResource',
  'getPrompt',
  'listTools',
  'listPrompts',
  'listResources',
  'listResourceTemplates',
  'complete',
  'send',
]);

/** The SSE response header a 2026-07-28 server SHOULD send so that proxies do not buffer (H18). */
export const accelBufferingHeader = 'x-accel-buffering';
export const eventStreamContentType = 'text/event-stream';

/**
 * Request headers only MCP's Streamable HTTP has: a route or `fetch` that names one talks to an
 * MCP endpoint.
 */
export const mcpOnlyHeaders: readonly string[] = ['mcp-session-id', 'mcp-protocol-version', 'mcp-method', 'mcp-name'];

/** The v2 client option that opts into 2026-07-28 (`'legacy'` is the default). */
export const versionNegotiationOption = 'versionNegotiation';
/** The v1 SDK's package: its `Client` and server entries cannot speak 2026-07-28 at all. */
export const v1SdkPackage = '@modelcontextprotocol/sdk';
