/**
 * The grammar of `_meta` keys and extension ids (reference §11, §12; `S26/basic/index.mdx`
 * §`_meta`): an optional prefix of dot-separated labels followed by a slash, then a name. A
 * prefix whose second label is `modelcontextprotocol` or `mcp` is reserved for the
 * specification (`io.modelcontextprotocol/…`, `dev.mcp/…`); `traceparent`, `tracestate` and
 * `baggage` are reserved bare, as the one exception to the prefix rule.
 */

import { lookupTable } from './lookup-table.js';

/** One label of a prefix: starts with a letter, ends with a letter or digit, hyphens inside. */
const label = '[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?';

/** `com.example/feature`, `io.modelcontextprotocol/ui`: a prefix of labels, a slash, a name. */
const prefixedKey = new RegExp(`^(${label}(?:\\.${label})*)/([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)$`);

/** Second labels that make a prefix the specification's own. */
const reservedSecondLabels: ReadonlySet<string> = new Set(['modelcontextprotocol', 'mcp']);

/**
 * The `io.modelcontextprotocol/*` `_meta` keys a specification defines, by the name after the
 * prefix. 2026-07-28 defines the first six; `related-task` and `model-immediate-response` are
 * the 2025-11-25 Tasks keys, which `no-legacy-tasks-api` reports.
 */
export const specDefinedMetaKeyNames: ReadonlySet<string> = new Set([
  'protocolVersion',
  'clientCapabilities',
  'clientInfo',
  'logLevel',
  'serverInfo',
  'subscriptionId',
  'related-task',
  'model-immediate-response',
]);

/**
 * Extensions the MCP project publishes under `io.modelcontextprotocol/` (reference §11; the v2
 * SDK's `ext/skills`). An extension may key its own `_meta` entries by its id, so these names
 * are not application inventions either.
 */
export const officialExtensionNames: ReadonlySet<string> = new Set(['tasks', 'ui', 'skills', 'oauth-client-credentials']);

/** W3C Trace Context and Baggage: reserved `_meta` keys that take no prefix (SEP-414). */
export const traceContextKeys: readonly string[] = ['traceparent', 'tracestate', 'baggage'];

/** The v2 SDK constants for the trace keys (`@modelcontextprotocol/core`). */
export const traceContextKeyConstants: Readonly<Record<string, string>> = lookupTable({
  traceparent: 'TRACEPARENT_META_KEY',
  tracestate: 'TRACESTATE_META_KEY',
  baggage: 'BAGGAGE_META_KEY',
});

export interface PrefixedKey {
  prefix: string;
  name: string;
}

/** The prefix and name of `prefix/name`, or undefined for a key without a valid prefix. */
export function parsePrefixedKey(key: string): PrefixedKey | undefined {
  const match = prefixedKey.exec(key);
  return match ? { prefix: match[1]!, name: match[2]! } : undefined;
}

/** Whether a prefix is reserved for the specification: its second label is `mcp` or `modelcontextprotocol`. */
export function isReservedPrefix(prefix: string): boolean {
  const second = prefix.split('.')[1];
  return second !== undefined && reservedSecondLabels.has(second.toLowerCase());
}

/**
 * The bare trace key a namespaced variant stands for: `otel.traceparent`, `otel/traceparent`,
 * `io.modelcontextprotocol/traceparent` and `io.modelcontextprotocol.tracestate` all end in a
 * trace key after a `.` or `/`. Undefined for the bare keys themselves and anything else.
 */
export function namespacedTraceKey(key: string): string | undefined {
  const match = /^(.+)[./]([A-Za-z]+)$/.exec(key);
  if (!match) return undefined;
  const last = match[2]!.toLowerCase();
  return traceContextKeys.find((trace) => trace === last);
}
