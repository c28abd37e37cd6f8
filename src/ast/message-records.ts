import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { jsonStringifyArgument } from './client-requests.js';
import { calleeName, meaningfulParent, unwrap } from './nodes.js';
import { noBindings, type ValueReader } from './object-keys.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/*
 * JSON-RPC message literals that are not sent: entries of a message log or a network panel
 * (what an inspector shows, what a history test renders), and fixtures that only describe a
 * message. Rules about what a client or server puts on the wire stay silent on them.
 */

/**
 * Keys of an entry that records an exchange rather than makes one: when it happened, which way
 * it went, how long it took, and what came back.
 */
const recordKeys: ReadonlySet<string> = new Set([
  'timestamp',
  'direction',
  'duration',
  'response',
  'responseBody',
  'responseStatus',
  'receivedAt',
  'sentAt',
]);

/**
 * Keys of the time a pending item was queued or is due (`queuedAt: Date.now()`, `retryAt`,
 * `expiresAt`): an outbox or retry queue, whose message still goes out.
 */
const pendingTimeKey = /^(queued|enqueued|scheduled|retry|next|expires|deadline|due)/i;

/**
 * Whether a message literal is held by a record of an exchange: it is the value of a property
 * of an object (directly, or as `JSON.stringify(…)` of it, as a logged request body) that also
 * has a record key (`timestamp`, `direction`, `duration`, `response`, `responseBody`, …) or a
 * value made by `new Date(…)`/`Date.now()` (other than a queueing time, `queuedAt`), seen
 * through spreads of local objects and builders (`{ ...baseEntry, message: { … } }`). Such an
 * entry is shown or compared, not sent.
 */
export function isRecordedMessage(message: TSESTree.ObjectExpression, reader: ValueReader): boolean {
  let value: TSESTree.Node = message;
  let { parent, child } = meaningfulParent(value);
  if (parent?.type === AST_NODE_TYPES.CallExpression && jsonStringifyArgument(parent) === child) {
    value = parent;
    ({ parent, child } = meaningfulParent(value));
  }
  if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const container = parent.parent;
  const shape = reader.objectShape({ node: container, bindings: noBindings });
  if (!shape || shape === 'absent') return false;
  return shape.entries.some((entry) => {
    if (recordKeys.has(entry.key)) return true;
    const resolved = entry.value ? reader.resolve(entry.value) : undefined;
    return resolved?.kind === 'value' && isDateValue(resolved.node) && !pendingTimeKey.test(entry.key);
  });
}

/** `new Date(…)`, `Date.now()`. */
function isDateValue(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.NewExpression) return inner.callee.type === AST_NODE_TYPES.Identifier && inner.callee.name === 'Date';
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(inner.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Date' && calleeName(inner) === 'now';
}

/**
 * Whether a message literal only describes a message: it initialises a variable that is read
 * only for its fields (`expect(request.method).toBe('tools/list')`), so the object itself is
 * never sent, passed, returned or stored anywhere.
 */
export function isDescribedOnly(message: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  const { parent, child } = meaningfulParent(message);
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
  if (!variable) return false;
  const uses = variable.references.filter((reference) => reference.identifier !== parent.id);
  return (
    uses.length > 0 &&
    uses.every((reference) => {
      const { parent: user, child: used } = meaningfulParent(reference.identifier);
      return user?.type === AST_NODE_TYPES.MemberExpression && user.object === used && !isCalledMember(user) && !isWritten(user);
    })
  );
}

/** `x.method()`: calling something on the message may send it. */
function isCalledMember(member: TSESTree.MemberExpression): boolean {
  const { parent, child } = meaningfulParent(member);
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === child;
}

/** `x.params = …`: a message being completed before it is used. */
function isWritten(member: TSESTree.MemberExpression): boolean {
  const { parent, child } = meaningfulParent(member);
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === child;
}
