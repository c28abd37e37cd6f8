/**
 * MCP Logging under 2026-07-28 (reference §1.2, §8, §15.7): `logging/setLevel` is removed, the
 * level travels per request in `_meta`, `notifications/message` may only answer a request that
 * asked for it, and the whole feature is deprecated (SEP-2577) in favour of stderr or
 * OpenTelemetry.
 */

/** Removed in 2026-07-28 (changelog Major 5); a modern server answers it with -32601. */
export const setLevelMethod = 'logging/setLevel';

/** The v1 schema that registers a `logging/setLevel` handler. */
export const setLevelRequestSchema = 'SetLevelRequestSchema';

/** The log notification: still defined, deprecated, and request-scoped only. */
export const logNotificationMethod = 'notifications/message';

/** The per-request `_meta` key that replaced `logging/setLevel` (SDK v2: `LOG_LEVEL_META_KEY`). */
export const logLevelMetaKey = 'io.modelcontextprotocol/logLevel';

/** The server capability that is still required to log, but deprecated (G4, P3). */
export const loggingCapability = 'logging';

/** SDK v1/v2 methods that send `notifications/message` regardless of the request (G3). */
export const sendLoggingMethods: ReadonlySet<string> = new Set(['sendLoggingMessage']);

/** SDK client method that sends `logging/setLevel` (G2). */
export const setLoggingLevelMethods: ReadonlySet<string> = new Set(['setLoggingLevel']);

/** `console` methods Node writes to stdout, which a stdio server shares with the protocol (G5). */
export const stdoutConsoleMethods: ReadonlySet<string> = new Set(['log', 'info', 'debug', 'dir', 'table']);

/** SDK exports that serve MCP over the process's stdin and stdout (v1 and v2). */
export const stdioServerExports: ReadonlySet<string> = new Set(['StdioServerTransport', 'serveStdio']);
