import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { meaningfulParent, propertyKeyName } from './nodes.js';

/**
 * Keys of an entry that records an HTTP exchange rather than makes one: a network panel's or a
 * traffic log's request/response headers and bodies, its status, when it happened and how long
 * it took. No request options or response init has them.
 */
const exchangeRecordKeys: ReadonlySet<string> = new Set([
  'requestheaders',
  'requestbody',
  'responseheaders',
  'responsebody',
  'responsestatus',
  'responsestatustext',
  'timestamp',
  'duration',
  'direction',
  'receivedat',
  'sentat',
]);

/**
 * Whether an object of headers is recorded data: the value of a property of an entry that also
 * has another record key (`{ requestHeaders: { … }, responseStatus: 200, duration: 26 }`). Such
 * headers are shown in a UI or compared in a test; nothing sends them.
 */
export function isRecordedHeaders(headers: TSESTree.ObjectExpression): boolean {
  const { parent, child } = meaningfulParent(headers);
  if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return parent.parent.properties.some((property) => {
    if (property === parent || property.type !== AST_NODE_TYPES.Property) return false;
    const key = propertyKeyName(property);
    return key !== undefined && exchangeRecordKeys.has(key.toLowerCase());
  });
}
