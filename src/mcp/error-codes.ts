/**
 * JSON-RPC error codes that changed meaning in 2026-07-28 (reference §6, SEP-2164).
 */

import { lookupTable } from './lookup-table.js';

/** Resource not found up to 2025-11-25. Retired: servers MUST NOT emit it; clients SHOULD still accept it. */
export const legacyResourceNotFoundCode = -32002;

/** Invalid params: what a 2026-07-28 server answers for a missing resource, with `data: { uri }`. */
export const invalidParamsCode = -32602;

/**
 * SDK enum members that stand for -32002. v1's `ErrorCode` has none (its `McpServer` already
 * answers -32602); v2's `ProtocolErrorCode.ResourceNotFound` is receive-only and the v2 SDK
 * rewrites a thrown one to -32602 on the wire.
 */
export const resourceNotFoundEnumMembers: Readonly<Record<string, string>> = lookupTable({
  ProtocolErrorCode: 'ResourceNotFound',
  ErrorCode: 'ResourceNotFound',
});

/** What a v2 server should throw instead: `new ResourceNotFoundError(uri)` (code -32602, `data.uri`). */
export const v2ResourceNotFoundError = 'ResourceNotFoundError';

/** Error messages that say "resource not found" (how real servers phrase it). */
export const notFoundMessagePattern =
  /not[\s_-]*found|no[\s_-]+such[\s_-]+(?:resource|uri|file)|unknown[\s_-]+(?:resource|uri)|does[\s_-]*n[o']?t[\s_-]+exist|missing[\s_-]+resource|resource[\s_-]+(?:\S+[\s_-]+)?(?:missing|unknown)/i;

/**
 * Names of constants that say "resource not found"; anything else bound to -32002 in a file
 * without other MCP evidence is somebody else's code.
 */
export const notFoundNamePattern = /resource.?not.?found|not.?found|no.?such.?resource|unknown.?(?:resource|uri)|missing.?resource/i;

/**
 * Words that give -32002 another meaning: EIP-1474 wallets ("Resource unavailable",
 * MetaMask "Request ... already pending"), LSP `ServerNotInitialized`, and application codes.
 */
export const otherMeaningPattern =
  /pending|unavailable|not.?initiali[sz]ed|initiali[sz]ing|unauthori[sz]ed|forbidden|denied|quota|rate.?limit|limit.?exceeded|timeout|timed.?out|conflict|already.?exists|busy|rejected/i;
