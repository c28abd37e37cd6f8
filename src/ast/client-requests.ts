import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { taskMethods } from '../mcp/client-wire.js';
import { mcpMethodNames } from '../mcp/methods.js';
import { isJsonStringify } from './nodes.js';
import { lastEntry, type Bindings, type Bound, type ObjectShape, type ValueReader } from './object-keys.js';

/**
 * MCP method names a message may carry: the shared table plus the Tasks extension's
 * `tasks/update`, which only 2026-07-28 has (reference §7.2).
 */

/** One MCP JSON-RPC message an expression builds, read under the bindings of one call. */
export interface WireMessage {
  /** The object literal that holds `method`. */
  object: TSESTree.ObjectExpression;
  bindings: Bindings;
  method: string;
  /** Where the method name is spelled: in the literal, or the argument a builder was called with. */
  methodNode: TSESTree.Node;
  /** It has an `id`: a request rather than a notification. */
  isRequest: boolean;
  hasJsonRpc: boolean;
  /** The value of `params`; undefined when the literal has no such key. */
  params: Bound | undefined;
  /** Keys of the literal that cannot be seen (a spread of something unknown). */
  open: boolean;
}

/**
 * The MCP messages an expression may be: a `{ jsonrpc, id, method, params }` literal (also
 * spread over a base object), a constant holding one, `JSON.stringify(…)` of one, a local
 * builder's return value (`makeRequest('tools/call', params)`), or a parameter of the
 * enclosing function whose callers in this file pass one. A `method` that is itself a
 * parameter (`async function rpc(method, params)`) is read once per call of that function.
 */
export function wireMessagesOf(bound: Bound, reader: ValueReader, depth = 0): WireMessage[] {
  if (depth > 6) return [];
  return reader.variants(bound).flatMap(({ resolved }) => {
    if (resolved.kind !== 'value') return [];
    const node = resolved.node;
    const at = (child: TSESTree.Node): Bound => ({ node: child, bindings: resolved.bindings });
    switch (node.type) {
      case AST_NODE_TYPES.ObjectExpression:
        return messagesOfLiteral(node, resolved.bindings, reader);
      case AST_NODE_TYPES.ConditionalExpression:
        return [...wireMessagesOf(at(node.consequent), reader, depth + 1), ...wireMessagesOf(at(node.alternate), reader, depth + 1)];
      case AST_NODE_TYPES.CallExpression: {
        const stringified = jsonStringifyArgument(node);
        if (stringified) return wireMessagesOf(at(stringified), reader, depth + 1);
        const returned = reader.callReturn(node, resolved.bindings);
        return returned ? wireMessagesOf(returned, reader, depth + 1) : [];
      }
      default:
        return [];
    }
  });
}

function messagesOfLiteral(object: TSESTree.ObjectExpression, bindings: Bindings, reader: ValueReader): WireMessage[] {
  const shape = reader.objectShape({ node: object, bindings });
  if (!shape || shape === 'absent') return [];
  const methodEntry = lastEntry(shape, 'method');
  if (!methodEntry?.value) return [];
  const messages: WireMessage[] = [];
  for (const variant of reader.variants(methodEntry.value)) {
    if (variant.resolved.kind !== 'value') continue;
    const methodNode = variant.resolved.node;
    const method = reader.stringValue({ node: methodNode, bindings: variant.bindings });
    if (method === undefined || !mcpMethodNames.has(method)) continue;
    // Read the rest of the literal under the same call, so `params` belongs to this method.
    const keys = variant.bindings === bindings ? shape : reader.objectShape({ node: object, bindings: variant.bindings });
    if (!keys || keys === 'absent') continue;
    messages.push(messageFrom(object, variant.bindings, method, methodNode, keys));
  }
  return messages;
}

function messageFrom(object: TSESTree.ObjectExpression, bindings: Bindings, method: string, methodNode: TSESTree.Node, shape: ObjectShape): WireMessage {
  const params = lastEntry(shape, 'params')?.value;
  return {
    object,
    bindings,
    method,
    methodNode,
    isRequest: lastEntry(shape, 'id') !== undefined,
    hasJsonRpc: lastEntry(shape, 'jsonrpc') !== undefined,
    params,
    open: shape.open,
  };
}

/** `JSON.stringify(x)` → `x`. */
export function jsonStringifyArgument(call: TSESTree.CallExpression): TSESTree.Node | undefined {
  return isJsonStringify(call) ? call.arguments[0] : undefined;
}

/**
 * Whether the message is MCP's: every name but the Tasks methods is; `tasks/get` and
 * `tasks/cancel` are also A2A's (with `params.id`), so they need a `taskId` in their params.
 */
export function isMcpWireMessage(message: WireMessage, reader: ValueReader): boolean {
  if (!taskMethods.includes(message.method)) return true;
  const params = message.params && reader.objectShape(message.params);
  return !!params && params !== 'absent' && lastEntry(params, 'taskId') !== undefined;
}
