/**
 * The `x-mcp-header` schema extension (reference §2.2, SEP-2243): a tool input property marked
 * `"x-mcp-header": "Region"` is mirrored into an `Mcp-Param-Region` request header. A client on
 * HTTP MUST drop a tool whose declarations break these rules; the constants mirror the v2 SDK's
 * own check (`scanXMcpHeaderDeclarations` in `@modelcontextprotocol/client`).
 */

import { lookupTable } from './lookup-table.js';

export const xMcpHeaderKey = 'x-mcp-header';

/** RFC 9110 `token` (`1*tchar`): no empty value, spaces, control characters (CR/LF) or delimiters such as `:`. */
export const headerNameToken = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The JSON Schema `type` values a marked property may have: not `number`, and a single type, not a list. */
export const permittedHeaderTypes: ReadonlySet<string> = new Set(['string', 'integer', 'boolean']);

/** Keywords whose value maps names to subschemas; only `properties` keeps a property reachable. */
export const namedSubschemaKeywords: ReadonlySet<string> = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions']);

/** Keywords whose subschemas a marked property must not sit under (besides the named ones above). */
export const unreachableSubschemaKeywords: ReadonlySet<string> = new Set([
  'items',
  'prefixItems',
  'contains',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'oneOf',
  'anyOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
]);

/**
 * The JSON Schema type zod 4 (`z.toJSONSchema`, `~standard.jsonSchema`, which the SDK uses)
 * writes for a schema built with `z.<name>()`. Bases not listed are not judged.
 */
export const zodBaseTypes: Readonly<Record<string, string>> = lookupTable({
  string: 'string',
  email: 'string',
  url: 'string',
  httpUrl: 'string',
  uuid: 'string',
  uuidv4: 'string',
  guid: 'string',
  cuid: 'string',
  cuid2: 'string',
  ulid: 'string',
  nanoid: 'string',
  ipv4: 'string',
  ipv6: 'string',
  base64: 'string',
  base64url: 'string',
  e164: 'string',
  jwt: 'string',
  enum: 'string',
  stringbool: 'string',
  int: 'integer',
  int32: 'integer',
  uint32: 'integer',
  number: 'number',
  float32: 'number',
  float64: 'number',
  boolean: 'boolean',
  array: 'array',
  tuple: 'array',
  set: 'array',
  object: 'object',
  strictObject: 'object',
  looseObject: 'object',
  record: 'object',
  partialRecord: 'object',
  union: 'a union (no single type)',
  discriminatedUnion: 'a union (no single type)',
  intersection: 'an intersection (no single type)',
});

/** Zod methods that turn a `number` into an `integer`. */
export const zodIntegerModifiers: ReadonlySet<string> = new Set(['int', 'safe']);

/** Zod object builders whose argument is a shape: its keys become `properties`. */
export const zodShapeBuilders: ReadonlySet<string> = new Set(['object', 'strictObject', 'looseObject', 'extend', 'safeExtend']);

/**
 * Zod methods and functions that wrap a schema in another keyword (zod 4 output): a marked
 * schema inside them is no longer reached through `properties`.
 */
export const zodWrappers: Readonly<Record<string, string>> = lookupTable({
  array: '`items`',
  set: '`items`',
  tuple: '`prefixItems`',
  record: '`additionalProperties`',
  partialRecord: '`additionalProperties`',
  union: '`anyOf`',
  xor: '`oneOf`',
  discriminatedUnion: '`anyOf`',
  or: '`anyOf`',
  intersection: '`allOf`',
  and: '`allOf`',
  nullable: '`anyOf` (with `null`)',
  nullish: '`anyOf` (with `null`)',
});

/** Zod methods that change the type to `[T, "null"]` when applied before the metadata. */
export const zodNullableModifiers: ReadonlySet<string> = new Set(['nullable', 'nullish']);

/** Zod methods whose input schema is not the chain's base type (transforms judge nothing). */
export const zodOpaqueModifiers: ReadonlySet<string> = new Set(['pipe', 'preprocess', 'catch', 'lazy']);
