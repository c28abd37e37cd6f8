/**
 * The 2025 lifecycle that MCP 2026-07-28 removed (reference §1, §15.1 rows L1–L4, L7, L9, L13):
 * the `initialize` handshake, `notifications/initialized` and `ping`, and what replaces them.
 */

import { lookupTable } from './lookup-table.js';

export const initializeMethod = 'initialize';
export const initializedNotification = 'notifications/initialized';
export const pingMethod = 'ping';
export const discoverMethod = 'server/discover';

/** SDK schemas that register a handler for a removed lifecycle method, by that method (v1 `types.js`, v2 `core`). */
export const lifecycleSchemas: Readonly<Record<string, string>> = lookupTable({
  InitializeRequestSchema: initializeMethod,
  InitializedNotificationSchema: initializedNotification,
  PingRequestSchema: pingMethod,
});

/** SDK type guards that recognise a handshake message (v1 `types.js`, v2 `@modelcontextprotocol/server|client`). */
export const handshakeGuards: Readonly<Record<string, string>> = lookupTable({
  isInitializeRequest: initializeMethod,
  isInitializedNotification: initializedNotification,
});

/** Where a 2026-07-28 request carries what `initialize` used to say once: its `_meta` key and the v2 constant naming it. */
export interface EnvelopeKey {
  metaKey: string;
  constant: string;
}

const protocolVersionKey: EnvelopeKey = { metaKey: 'io.modelcontextprotocol/protocolVersion', constant: 'PROTOCOL_VERSION_META_KEY' };
const clientCapabilitiesKey: EnvelopeKey = { metaKey: 'io.modelcontextprotocol/clientCapabilities', constant: 'CLIENT_CAPABILITIES_META_KEY' };
const clientInfoKey: EnvelopeKey = { metaKey: 'io.modelcontextprotocol/clientInfo', constant: 'CLIENT_INFO_META_KEY' };

/** SDK `Server` getters that return what the client said in `initialize` (reference §17; SDK v2 deprecates them). */
export const clientInfoGetters: Readonly<Record<string, EnvelopeKey>> = lookupTable({
  getClientCapabilities: clientCapabilitiesKey,
  getClientVersion: clientInfoKey,
});

/** The fields of `initialize` params, by the per-request `_meta` key that carries each in 2026-07-28 (L4). */
export const initializeParamKeys: Readonly<Record<string, EnvelopeKey>> = lookupTable({
  protocolVersion: protocolVersionKey,
  capabilities: clientCapabilitiesKey,
  clientInfo: clientInfoKey,
});

/** The fields of an InitializeResult (L3); `supportedVersions` marks a `server/discover` result instead. */
export const initializeResultFields: readonly string[] = ['protocolVersion', 'capabilities', 'serverInfo'];

/** Fields of an initialize result (or of the release candidate's discover result) whose shape changed (L9). */
export const changedResultFields: readonly string[] = ['serverInfo', 'protocolVersion'];

/** Where 2026-07-28 puts the server's identity on a result. */
export const serverInfoMetaKey = 'io.modelcontextprotocol/serverInfo';

/** Calls that build a validation schema from an object of fields (zod, TypeBox): a shape, not a value. */
export const schemaBuilderCalls: ReadonlySet<string> = new Set(['object', 'looseObject', 'strictObject', 'extend', 'Object']);

/** Timer functions whose callback repeats or defers a call: a ping there is a keep-alive. */
export const timerFunctions: readonly string[] = ['setInterval', 'setTimeout', 'setImmediate'];
