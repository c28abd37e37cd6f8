/**
 * HTTP header knowledge. Header names are case-insensitive on the wire (RFC 9110), so every
 * comparison here is on lower-cased names.
 */

import { lookupTable } from './lookup-table.js';

/** Removed by 2026-07-28 (SEP-2567; streamable-http "Session Management" is gone). */
export const sessionIdHeader = 'mcp-session-id';

/** Headers a 2026-07-28 client sends on every POST (reference §2.2); the CORS advice names them. */
export const modernRequestHeaders: readonly string[] = ['MCP-Protocol-Version', 'Mcp-Method', 'Mcp-Name'];

/**
 * Keys under which CORS middleware takes header lists: `cors` (Express) uses
 * `allowedHeaders`/`exposedHeaders`, Hono's `cors()` uses `allowHeaders`/`exposeHeaders`,
 * and raw responses use the `Access-Control-*` headers themselves.
 */
export const corsHeaderListKeys: readonly string[] = [
  'allowedheaders',
  'exposedheaders',
  'allowheaders',
  'exposeheaders',
  'access-control-allow-headers',
  'access-control-expose-headers',
];

/**
 * Methods whose first argument is a header name, by what they do with it. Covers Node `http`
 * (`getHeader`/`setHeader`/`removeHeader`/`hasHeader`/`appendHeader`), Express (`req.get`,
 * `req.header`, `res.set`, `res.header`, `res.append`), Hono (`c.req.header`, `c.header`) and
 * the Fetch `Headers` object (`get`/`has`/`set`/`append`/`delete`). `header` reads with one
 * argument and writes with two.
 */
export const headerMethods: Readonly<Record<string, 'read' | 'write' | 'remove' | 'read-or-write'>> = lookupTable({
  get: 'read',
  has: 'read',
  getheader: 'read',
  hasheader: 'read',
  set: 'write',
  append: 'write',
  setheader: 'write',
  appendheader: 'write',
  header: 'read-or-write',
  delete: 'remove',
  removeheader: 'remove',
});
