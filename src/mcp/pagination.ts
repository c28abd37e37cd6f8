/**
 * Paginated MCP list requests (reference §5, `S26/server/utilities/pagination.mdx`): the result
 * carries `nextCursor?: string`, and an empty string is a valid cursor, so only its absence ends
 * the list.
 */

/** The paginated list methods on the wire. */
export const paginatedListMethods: ReadonlySet<string> = new Set(['tools/list', 'prompts/list', 'resources/list', 'resources/templates/list']);

/** SDK `Client` methods (v1 and v2) that send one of them and resolve to its result. */
export const sdkListMethods: ReadonlySet<string> = new Set(['listTools', 'listPrompts', 'listResources', 'listResourceTemplates']);

/** The result field that holds the cursor of the next page. */
export const nextCursorField = 'nextCursor';
