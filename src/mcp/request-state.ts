/**
 * Multi round-trip `requestState` (reference §3.2, SEP-2322): an opaque string a server returns
 * in an `input_required` result and the client echoes on the retry. The server must treat it as
 * attacker-controlled, protect its integrity (HMAC or AEAD) when it affects authorization or
 * business logic, and should bind it to the principal, a short TTL and the method plus a digest
 * of its params. SDK v2: `createRequestStateCodec({ key, ttlSeconds, bind })`.
 */

export const requestStateKey = 'requestState';
export const inputResponsesKey = 'inputResponses';
export const inputRequestsKey = 'inputRequests';
export const inputRequiredResultType = 'input_required';

/** SDK v2 builders and readers (`@modelcontextprotocol/server`). */
export const inputRequiredBuilder = 'inputRequired';
export const inputResponseReaders: ReadonlySet<string> = new Set(['acceptedContent', 'inputResponse']);

/** Encodings that only reshape the bytes: what they produce can be read and forged by the client. */
export const plainEncoders: ReadonlySet<string> = new Set(['btoa', 'encodeURIComponent', 'encodeURI', 'escape']);
export const plainDecoders: ReadonlySet<string> = new Set(['atob', 'decodeURIComponent', 'decodeURI', 'unescape']);

/** `Buffer#toString` encodings that are not a seal. */
export const bufferEncodings: ReadonlySet<string> = new Set(['base64', 'base64url', 'hex', 'binary', 'latin1']);

/**
 * Names of state fields that decide who may do what, or what a business operation does: when
 * unsealed state carries them, a forged retry changes an authorization or business decision.
 */
export const decisionFieldPattern =
  /user|account|role|admin|permission|scope|auth|owner|tenant|principal|grant|allow|sudo|elevat|approv|confirm|verified|paid|amount|price|total|balance|discount|quota|credit|plan|tier/i;
