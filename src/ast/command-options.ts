import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { propertyKeyName } from './nodes.js';

/** Keys that make an object a JSON-RPC message, or the `{ method, params }` of an SDK request. */
const messageKeys: ReadonlySet<string> = new Set(['jsonrpc', 'id', 'params']);

/**
 * Whether an object that names an MCP method is a command's options rather than a message:
 * it has no `jsonrpc`, `id` or `params`, and no spread that could bring them
 * (`runMethod(client, { method: 'logging/setLevel', logLevel: 'info' })`, a CLI's
 * `{ method: 'resources/subscribe', uri }`). Callers ask only about methods whose requests
 * cannot go without params (`logging/setLevel` needs `level`, `resources/subscribe` a `uri`),
 * so such an object cannot be that request: it tells the project's own code which SDK call to
 * make, and that call is what sends (or does not send) the request.
 */
export function isCommandOptions(object: TSESTree.ObjectExpression): boolean {
  return object.properties.every((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const key = propertyKeyName(property);
    return key !== undefined && !messageKeys.has(key);
  });
}
