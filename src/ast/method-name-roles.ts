import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isNegatedMatcherCall } from './assertions.js';
import { calleeName, isFunction, meaningfulParent, negativeNumberLiteral, propertyKeyName, unwrap, walk } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * What code does with a JSON-RPC method name it spells: `handles` it (a `case`, an `===` test,
 * a dispatch-table key, a handler registration), `sends` it (the `method` of a message object,
 * the first argument of a request call), or something else (a list, a log line, a negated
 * test assertion). `rejects` is set when the handling branch answers -32601 Method not found,
 * which is how a 2026-07-28 server is meant to treat a removed method.
 */
export type MethodNameRole = { kind: 'handles'; rejects: boolean } | { kind: 'sends' } | { kind: 'other' };

/** Registry calls that attach a handler to a method name: `setRequestHandler`, `addMethod`, `on`, `register`, `map.set`. */
const registrationName = /^(?:set\w*Handler|add\w*|on|once|register\w*|handle\w*|route|method|set|use|expose)$/;
/** Test matchers (`toContain('x')`, `assert.equal(m, 'x')`): what a test expects, not what the code does. */
const assertionMatcherName = /^(?:to[A-Z]\w*|(?:deep|strict|deepStrict|notStrict|notDeep)?[Ee]qual|include|contains?)$/;
const methodNotFoundName = /method_?not_?found/i;
const methodNotFoundCode = -32601;

export function methodNameRole(node: TSESTree.Node, sourceCode: SourceCode): MethodNameRole {
  const { parent, child } = meaningfulParent(node);
  switch (parent?.type) {
    case AST_NODE_TYPES.SwitchCase:
      return parent.test === child ? { kind: 'handles', rejects: caseRejects(parent, sourceCode) } : { kind: 'other' };
    case AST_NODE_TYPES.BinaryExpression:
      return ['===', '==', '!==', '!='].includes(parent.operator) ? { kind: 'handles', rejects: comparisonRejects(parent, sourceCode) } : { kind: 'other' };
    case AST_NODE_TYPES.Property:
      return propertyRole(parent, child, sourceCode);
    case AST_NODE_TYPES.CallExpression:
      return callRole(parent, child, sourceCode);
    default:
      return { kind: 'other' };
  }
}

function propertyRole(property: TSESTree.Property, child: TSESTree.Node, sourceCode: SourceCode): MethodNameRole {
  if (property.key === child) {
    const value = unwrap(property.value);
    const isHandler = isFunction(value) || value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression;
    return isHandler ? { kind: 'handles', rejects: containsMethodNotFound(value, sourceCode) } : { kind: 'other' };
  }
  if (propertyKeyName(property) !== 'method' || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return { kind: 'other' };
  return insideNegatedAssertion(property.parent) ? { kind: 'other' } : { kind: 'sends' };
}

function callRole(call: TSESTree.CallExpression, child: TSESTree.Node, sourceCode: SourceCode): MethodNameRole {
  if (call.arguments[0] !== child || assertionMatcherName.test(calleeName(call) ?? '')) return { kind: 'other' };
  const handler = call.arguments.slice(1).map(unwrap).find((arg) => isFunction(arg) || arg.type === AST_NODE_TYPES.Identifier);
  if (handler && registrationName.test(calleeName(call) ?? '')) {
    return { kind: 'handles', rejects: containsMethodNotFound(handler, sourceCode) };
  }
  return { kind: 'sends' };
}

/** A `case` whose body (or the body it falls through to) answers -32601. */
function caseRejects(switchCase: TSESTree.SwitchCase, sourceCode: SourceCode): boolean {
  const cases = switchCase.parent.cases;
  for (let i = cases.indexOf(switchCase); i < cases.length; i++) {
    const body = cases[i]!.consequent;
    if (body.length > 0) return body.some((statement) => containsMethodNotFound(statement, sourceCode));
  }
  return false;
}

/** `if (method === 'x' || method === 'y') return methodNotFound(id)`. */
function comparisonRejects(comparison: TSESTree.BinaryExpression, sourceCode: SourceCode): boolean {
  let test: TSESTree.Node = comparison;
  while (test.parent?.type === AST_NODE_TYPES.LogicalExpression) test = test.parent;
  const statement = test.parent;
  if (statement?.type === AST_NODE_TYPES.IfStatement && statement.test === test) return containsMethodNotFound(statement.consequent, sourceCode);
  if (statement?.type === AST_NODE_TYPES.ConditionalExpression && statement.test === test) return containsMethodNotFound(statement.consequent, sourceCode);
  return false;
}

/** -32601, `METHOD_NOT_FOUND`, `ErrorCode.MethodNotFound`, `new MethodNotFoundError()` anywhere below `node`. */
function containsMethodNotFound(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  let found = false;
  walk(node, sourceCode.visitorKeys, (inner) => {
    if (found) return;
    if (negativeNumberLiteral(inner) === methodNotFoundCode) found = true;
    else if (inner.type === AST_NODE_TYPES.Identifier && methodNotFoundName.test(inner.name)) found = true;
  });
  return found;
}

/** `expect(sent).not.toContainEqual({ method: 'x' })`: a test that checks the method is gone. */
function insideNegatedAssertion(object: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = object.parent; current; current = current.parent) {
    if (isFunction(current) || current.type.endsWith('Statement')) return false;
    if (current.type === AST_NODE_TYPES.CallExpression && isNegatedMatcherCall(current)) return true;
  }
  return false;
}
