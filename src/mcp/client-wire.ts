/**
 * What a 2026-07-28 client puts on the wire with every request (reference §1.2, §1.4, §2.2):
 * the per-request `_meta` envelope, the standard HTTP request headers, and the protocol
 * version both of them carry.
 */

import { lookupTable } from './lookup-table.js';

/** The revision this tool migrates to. Header and `_meta` must both carry it, and match. */
export const modernProtocolVersion = '2026-07-28';

/** Revisions that use the `initialize` handshake ("legacy", reference §0). */
export const legacyProtocolVersions: readonly string[] = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '2024-10-07'];

/**
 * SDK constants that still name 2025 revisions, in v1 (`@modelcontextprotocol/sdk/types.js`)
 * and in v2 (`@modelcontextprotocol/core`, re-exported by `/server` and `/client`):
 * typescript-sdk-v1-v2.md §0.4. v2 keeps its modern list private.
 */
export const legacyVersionConstants: Readonly<Record<string, string>> = lookupTable({
  LATEST_PROTOCOL_VERSION: "'2025-11-25'",
  DEFAULT_NEGOTIATED_PROTOCOL_VERSION: "'2025-03-26'",
  SUPPORTED_PROTOCOL_VERSIONS: "['2025-11-25', …, '2024-10-07']",
});

/** v1's `spec.types.js` declares its own `LATEST_PROTOCOL_VERSION` (a draft name), not the 2025 one. */
export const draftSpecTypesModule = /\/spec\.types(?:\.js)?$/;

/** The `_meta` keys of a client request (T26 `RequestMetaObject`). */
export const protocolVersionMetaKey = 'io.modelcontextprotocol/protocolVersion';
export const clientCapabilitiesMetaKey = 'io.modelcontextprotocol/clientCapabilities';
export const clientInfoMetaKey = 'io.modelcontextprotocol/clientInfo';

/** Required on every client request; a request without them is malformed (-32602, HTTP 400). */
export const requiredRequestMetaKeys: readonly string[] = [protocolVersionMetaKey, clientCapabilitiesMetaKey];

/** v2's exported names for those keys (`@modelcontextprotocol/core`, `/server`, `/client`). */
export const sdkMetaKeyConstants: Readonly<Record<string, string>> = lookupTable({
  PROTOCOL_VERSION_META_KEY: protocolVersionMetaKey,
  CLIENT_CAPABILITIES_META_KEY: clientCapabilitiesMetaKey,
  CLIENT_INFO_META_KEY: clientInfoMetaKey,
});

/**
 * The Tasks extension's methods, which A2A's JSON-RPC also uses (`tasks/get`, `tasks/cancel`
 * with `params.id`): they count as MCP's only when their params name a `taskId`.
 */
export const taskMethods: readonly string[] = ['tasks/get', 'tasks/update', 'tasks/cancel'];

/** The handshake messages: no-initialize-handshake reports them, and no header or envelope can save them. */
export const handshakeMethods: readonly string[] = ['initialize', 'notifications/initialized'];

/** Standard request headers (reference §2.2), lower-cased: names are case-insensitive. */
export const protocolVersionHeader = 'mcp-protocol-version';
export const methodHeader = 'mcp-method';
export const nameHeader = 'mcp-name';

/** How each header is spelled in messages and docs. */
export const headerSpelling: Readonly<Record<string, string>> = lookupTable({
  [protocolVersionHeader]: 'MCP-Protocol-Version',
  [methodHeader]: 'Mcp-Method',
  [nameHeader]: 'Mcp-Name',
});

/** Requests that also need `Mcp-Name`, with the param whose value it carries. */
export const nameHeaderParams: Readonly<Record<string, string>> = lookupTable({
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
  'tasks/get': 'taskId',
  'tasks/update': 'taskId',
  'tasks/cancel': 'taskId',
});
