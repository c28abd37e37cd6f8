/**
 * JSON Schema tooling that can dereference `$ref`s over the network (reference §9, SEP-2106):
 * 2026-07-28 says implementations MUST NOT automatically dereference network `$ref`s, SHOULD
 * reject schemas with unresolved external `$ref`s, and SHOULD bound schema depth.
 */

/** Ajv's packages; `compileAsync` fetches missing `$ref`s through the `loadSchema` option. */
export const ajvModules: readonly RegExp[] = [/^ajv(?:\/|$)/, /^ajv-draft-04$/];

/** The MCP SDK re-exports `Ajv` from its validator entry (`@modelcontextprotocol/client/validators/ajv`). */
export const mcpAjvExport = 'Ajv';

/** `@apidevtools/json-schema-ref-parser` (and its old name): resolves `http(s)` `$ref`s unless told not to. */
export const refParserModules: ReadonlySet<string> = new Set(['@apidevtools/json-schema-ref-parser', 'json-schema-ref-parser']);

/** Ref-parser entry points that resolve external `$ref`s, as static or instance methods and named exports. */
export const refParserResolvingMethods: ReadonlySet<string> = new Set(['dereference', 'resolve', 'bundle']);

/** Names the ref-parser class is imported under. */
export const refParserClassExports: ReadonlySet<string> = new Set(['default', '*', '$RefParser']);

/** Tool definition fields that hold JSON Schemas. */
export const toolSchemaFields: ReadonlySet<string> = new Set(['inputSchema', 'outputSchema']);

/** Functions and clients that make network requests, as callees (`fetch(…)`) or receivers (`axios.get(…)`). */
export const networkCallees: ReadonlySet<string> = new Set(['fetch', 'got', 'ky', 'axios', 'request', 'needle', 'superagent', 'undici', 'http', 'https']);
