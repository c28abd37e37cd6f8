import { anyRuleApplies, rulesFor } from '../src/transforms/rule-selection.js';
import type { TransformModule } from '../src/transforms/types.js';

/**
 * The codemod transforms of `mcp-migrate fix`, each resolving findings of the rules it names
 * (design.md "Transforms"), in the order they run. Modules load lazily: `list` and `audit` never
 * pay for jscodeshift.
 */
export interface TransformDescriptor {
  id: string;
  description: string;
  /** Rule ids whose findings it resolves. */
  resolves: string[];
  /** The messageIds of those rules it resolves, when it resolves only some (the rest is another transform's); all when absent. */
  findings?: string[];
  /** Case-sensitive substrings one of which a file must contain for the transform to have work, or a test of its text. */
  prefilter: readonly string[] | ((text: string) => boolean);
  load: () => Promise<TransformModule>;
}

export const transforms: readonly TransformDescriptor[] = [
  {
    id: 'resource-not-found-code',
    description: 'Send -32602 instead of -32002 for a missing resource (SDK v2: ResourceNotFoundError); client checks accept both',
    resolves: ['no-legacy-resource-not-found-code'],
    prefilter: ['32002', 'ResourceNotFound'],
    load: () => import('./resource-not-found-code.js'),
  },
  {
    id: 'stdio-serve',
    description: 'Serve stdio with serveStdio(() => server) instead of server.connect(new StdioServerTransport()) (SDK v2)',
    resolves: ['require-modern-sdk-entry'],
    prefilter: ['StdioServerTransport'],
    load: () => import('./stdio-serve.js'),
  },
  {
    id: 'http-handler',
    description:
      'Serve Streamable HTTP with createMcpHandler(factory) (toNodeHandler on Node) instead of a transport per request or a session-keyed transport map (SDK v2: Express, Node http, fetch-style routes such as Hono); other hosting is marked',
    resolves: ['require-modern-sdk-entry', 'no-session-state', 'no-standalone-get-stream', 'no-session-id-header', 'no-initialize-handshake', 'no-stream-resumption'],
    // Application state keyed by the session (`sessionKeyedState`) is session-state-handles' part.
    findings: [
      'hostsStatelessHttpTransport',
      'hostsHttpTransport',
      'generatesSessionIds',
      'sessionLifecycleCallback',
      'sessionKeyedTransports',
      'servesGetStream',
      'servesSessionDelete',
      'readsHeader',
      'readsTransportSessionId',
      'checksInitializeRequest',
      'usesEventStore',
      'configuresResumption',
    ],
    prefilter: ['StreamableHTTPServerTransport'],
    load: () => import('./http-handler.js'),
  },
  {
    id: 'get-stream-405',
    description:
      "Answer GET and DELETE with 405 (Allow: POST) where a hand-rolled Streamable HTTP server (no SDK) rejects a request without a live session, as 2026-07-28 clients expect; the 2025 stream and session end stay, marked",
    resolves: ['no-standalone-get-stream'],
    findings: ['servesGetStream', 'servesSessionDelete'],
    prefilter: ['GET', 'DELETE'],
    load: () => import('./get-stream-405.js'),
  },
  {
    id: 'session-state-handles',
    description:
      'Key tool state by an explicit handle argument (minted with randomUUID() by the tool that creates it) instead of extra.sessionId / ctx.sessionId; in-memory stores are marked for a shared store',
    resolves: ['no-session-state'],
    // The handler context's id is always read as `sessionId` (`extra.sessionId`, `ctx.sessionId`, `{ sessionId }`).
    prefilter: ['sessionId'],
    load: () => import('./session-state-handles.js'),
  },
  {
    id: 'session-header',
    description: 'Drop Mcp-Session-Id writes, CORS entries, unused reads and client session options once nothing in the file depends on the session',
    resolves: ['no-session-id-header'],
    // The header in its usual spellings (`mcp-session-id`, `Mcp-Session-Id`, `MCP-SESSION-ID`), the client option, terminateSession().
    prefilter: ['ession-id', 'ession-Id', 'ESSION-ID', 'sessionId', 'terminateSession'],
    load: () => import('./session-header.js'),
  },
  {
    id: 'client-info-meta',
    description:
      "Read the client's info, capabilities and protocol version from each request's _meta (SDK v2: ctx.mcpReq.envelope) instead of getClientVersion()/getClientCapabilities() or values stored at initialize",
    resolves: ['no-initialize-handshake'],
    findings: ['readsClientInfo', 'storesInitializeParams'],
    prefilter: ['getClientCapabilities', 'getClientVersion', 'clientInfo', 'capabilities', 'protocolVersion'],
    load: () => import('./client-info-meta.js'),
  },
  {
    id: 'initialize-to-discover',
    description:
      'Give hand-rolled servers a server/discover route built from what their initialize route answers (supportedVersions, capabilities, serverInfo in _meta, resultType, ttlMs, cacheScope); initialize stays for 2025 clients',
    resolves: ['no-initialize-handshake', 'require-server-discover'],
    prefilter: ['initialize'],
    load: () => import('./initialize-to-discover.js'),
  },
  {
    id: 'tasks-extension',
    description:
      "Move hand-rolled 2025 tasks to the io.modelcontextprotocol/tasks extension: capability under extensions, the flat { resultType: 'task', ttlMs, pollIntervalMs } handle, notifications/tasks, tasks/list branches deleted; the SDK v1 Tasks API is marked (SDK v2 has no Tasks runtime)",
    resolves: ['no-legacy-tasks-api'],
    // Every 2025 task name spells "task"; the two that do not are the experimental barrel and the immediate-response key.
    prefilter: ['task', 'Task', 'sdk/experimental', 'model-immediate-response'],
    load: () => import('./tasks-extension.js'),
  },
  {
    id: 'push-to-input-required',
    description:
      'Return inputRequired(...) from tool, prompt and resource handlers and read the answer from ctx.mcpReq.inputResponses on the retry instead of sending elicitation, sampling or roots requests (SDK v2); other shapes are marked',
    resolves: ['no-server-to-client-requests', 'no-deprecated-sampling', 'no-deprecated-roots'],
    // The push senders (elicitInput, createMessage, requestSampling, listRoots, inline methods) and -32042.
    prefilter: ['elicit', 'Elicit', 'createMessage', 'requestSampling', 'listRoots', 'roots/list', '32042'],
    load: () => import('./push-to-input-required.js'),
  },
  {
    id: 'logging-to-request-log',
    description: 'Log with ctx.mcpReq.log inside handlers (SDK v2) and to stderr elsewhere; delete logging/setLevel handlers that only store the level',
    resolves: ['no-deprecated-logging'],
    prefilter: ['sendLoggingMessage', 'logging', 'SetLevelRequestSchema'],
    load: () => import('./logging-to-request-log.js'),
  },
  {
    id: 'client-negotiation',
    description: "Give SDK v2 clients versionNegotiation: { mode: 'auto' }, so they speak 2026-07-28 (server/discover, no initialize) and still fall back to 2025 servers",
    resolves: ['require-modern-sdk-entry'],
    findings: ['clientWithoutNegotiation'],
    prefilter: ['Client'],
    load: () => import('./client-negotiation.js'),
  },
  {
    id: 'hand-rolled-client',
    description:
      "Move hand-rolled fetch MCP clients to 2026-07-28: the _meta envelope in the request builder, Mcp-Method/Mcp-Name and the 2026-07-28 version on the POST, an unused initialize and notifications/initialized deleted, the captured Mcp-Session-Id and the session DELETE deleted; the rest is marked",
    resolves: ['no-initialize-handshake', 'require-request-meta', 'require-http-request-headers', 'no-legacy-protocol-version', 'no-session-id-header', 'no-standalone-get-stream'],
    // Client-side findings only: the server-side ones are other transforms'.
    findings: [
      'sendsInitialize',
      'readsInitializeResult',
      'missingParams',
      'missingMeta',
      'missingMetaKeys',
      'missingClientInfo',
      'missingHeaders',
      'sendsLegacyVersion',
      'readsHeader',
      'writesHeader',
      'sendsSessionDelete',
    ],
    // Every finding it starts from names a request method or the handshake.
    prefilter: ['tools/', 'prompts/', 'resources/', 'completion/complete', 'initialize'],
    load: () => import('./hand-rolled-client.js'),
  },
  // The last two run every rule, so they see what the transforms above left.
  {
    id: 'rule-fixes',
    description: "Apply the rules' own safe fixes, the edits eslint --fix makes",
    resolves: [],
    prefilter: anyRuleApplies,
    load: () => import('./rule-fixes.js'),
  },
  {
    id: 'mark-remaining',
    description: 'Put a marker with what to do at every finding still left, so the pull request shows all that needs a person',
    resolves: [],
    prefilter: anyRuleApplies,
    load: () => import('./mark-remaining.js'),
  },
];

/**
 * Whether a file's text gives the transform anything to do: its own prefilter matches and one of
 * the rules it resolves (of `enabledRules`, when given) passes the rules' prefilter, a necessary
 * condition of that rule's reports. Every transform that resolves rules starts from their
 * findings and returns early without one (a transform that ever acts on code no rule of its own
 * reports must not be gated so), so a file of lookalikes (an HttpClient, a job queue's Task, a
 * logger's `logging:`) is never parsed for it.
 */
export function hasWork(descriptor: TransformDescriptor, text: string, enabledRules?: readonly string[]): boolean {
  const { prefilter, resolves } = descriptor;
  const matches = typeof prefilter === 'function' ? prefilter(text) : prefilter.some((token) => text.includes(token));
  if (!matches || resolves.length === 0) return matches;
  const applicable = rulesFor(text, enabledRules ? { rules: enabledRules } : {});
  return resolves.some((id) => applicable.includes(id));
}

export const transformIds: readonly string[] = transforms.map((t) => t.id);
