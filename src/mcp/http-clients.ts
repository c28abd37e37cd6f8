/**
 * HTTP client libraries whose POSTs hand-rolled MCP clients (and server tests) send, and how
 * each takes its body and headers. Not MCP knowledge, but the tables rules read to find the
 * requests they check (reference §2.2).
 */

import { lookupTable } from './lookup-table.js';

/** Modules whose fetch behaves like the global one: `fetch(url, { method, headers, body })`. */
export const fetchModules: readonly string[] = ['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici'];

/** undici's `request(url, { method, headers, body })` has fetch's options. */
export const undiciModule = 'undici';

/**
 * Libraries called as `lib.post(url, payload?, options)` or `lib(options | url, options)`,
 * with instances made by `lib.create(defaults)` / `lib.extend(defaults)`:
 * - axios: `post(url, data, config)`, `request(config)`, `axios(config)`; the payload is `data`;
 * - ky and got: `post(url, options)`, `lib(url, options)`; the payload is `json` (or a `body` string).
 */
export const httpClientLibraries: Readonly<Record<string, 'axios' | 'ky' | 'got'>> = lookupTable({
  axios: 'axios',
  ky: 'ky',
  got: 'got',
});

/** supertest: `request(app).post('/mcp').set(name, value).send(payload)`. */
export const supertestModules: readonly string[] = ['supertest'];

/** Methods that make an instance carrying its defaults (headers included). */
export const instanceFactories: readonly string[] = ['create', 'extend'];
