import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { mcpMethodNames } from '../mcp/methods.js';
import { propertyKeyName, unwrap } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;


/** A JSON-RPC message object literal that names an MCP method. */
export interface McpMessageLiteral {
  object: TSESTree.ObjectExpression;
  method: string;
  methodNode: TSESTree.Node;
  /** It has an `id`: a request (a notification has none). */
  isRequest: boolean;
  /** It has `jsonrpc: '2.0'`, so it is a whole wire message rather than a `{ method, params }` part. */
  hasJsonRpc: boolean;
  params: TSESTree.Node | undefined;
}

/**
 * `{ jsonrpc: '2.0', id, method: 'tools/call', params }` and `{ method: 'ping' }`-style objects
 * whose `method` is an MCP method name (a literal or a constant). Callers decide from context
 * whether the object is sent by a client, written by a server, or embedded in another message.
 */
export function mcpMessageLiteral(object: TSESTree.ObjectExpression, sourceCode: SourceCode): McpMessageLiteral | undefined {
  let method: string | undefined;
  let methodNode: TSESTree.Node | undefined;
  let isRequest = false;
  let hasJsonRpc = false;
  let params: TSESTree.Node | undefined;
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKeyName(property);
    if (key === 'method') {
      const value = ASTUtils.getStaticValue(property.value, sourceCode.getScope(property.value))?.value;
      if (typeof value === 'string' && mcpMethodNames.has(value)) {
        method = value;
        methodNode = property.value;
      }
    } else if (key === 'id') isRequest = true;
    else if (key === 'jsonrpc') hasJsonRpc = true;
    else if (key === 'params') params = unwrap(property.value);
  }
  return method && methodNode ? { object, method, methodNode, isRequest, hasJsonRpc, params } : undefined;
}
