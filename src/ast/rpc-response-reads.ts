import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { isJsonStringify, meaningfulParent, propertyKeyName } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

/** How far a message may be wrapped (`fetch(url, { body: JSON.stringify(msg) })`) before the call that sends it. */
const maxWrapping = 6;

/**
 * The call that sends a JSON-RPC message object (a literal, or a builder's call that returns
 * one): the first call it is an argument of, seen through `JSON.stringify(…)` and the option
 * objects around it, and through a `const` the message is bound to first
 * (`const init = {…}; await rpc(init)`).
 */
export function sendingCallsOf(message: TSESTree.Node, sourceCode: SourceCode): TSESTree.CallExpression[] {
  const direct = callAround(message);
  if (direct) return [direct];
  const { parent, child } = meaningfulParent(message);
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = ASTUtils.findVariable(sourceCode.getScope(parent), parent.id);
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable?.references ?? []) {
    const call = reference.isRead() ? callAround(reference.identifier) : undefined;
    if (call) calls.push(call);
  }
  return calls;
}

function callAround(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  let child: TSESTree.Node = node;
  for (let depth = 0; depth < maxWrapping; depth++) {
    const { parent, child: wrapped } = meaningfulParent(child);
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(wrapped as TSESTree.CallExpressionArgument)) {
      if (!isJsonStringify(parent)) return parent;
    } else if (parent.type !== AST_NODE_TYPES.Property && parent.type !== AST_NODE_TYPES.ObjectExpression) {
      return undefined;
    }
    child = parent;
  }
  return undefined;
}

/**
 * Reads of `fields` on what a sending call answers: the awaited value, its `.json()` body and
 * that body's `.result`, through the variables they are stored in (`const init = await rpc(…);
 * init.result.serverInfo`, `const { result } = await res.json()`, `const { serverInfo } = init`).
 * Returns the member expressions and destructuring properties that read a field.
 */
export function resultFieldReads(call: TSESTree.CallExpression, fields: readonly string[], sourceCode: SourceCode): TSESTree.Node[] {
  return new ResponseReads(fields, sourceCode).from(call);
}

class ResponseReads {
  private readonly found: TSESTree.Node[] = [];
  private readonly seen = new Set<Variable>();

  constructor(
    private readonly fields: readonly string[],
    private readonly sourceCode: SourceCode,
  ) {}

  from(call: TSESTree.CallExpression): TSESTree.Node[] {
    this.follow(call, 0);
    return this.found;
  }

  /** A value that is the response, its body or its result: see where it goes. */
  private follow(value: TSESTree.Node, depth: number): void {
    if (depth > 4) return;
    const { parent, child } = meaningfulParent(value);
    if (!parent) return;
    if (parent.type === AST_NODE_TYPES.AwaitExpression) return this.follow(parent, depth);
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child) return this.bind(parent.id, depth);
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child || parent.computed) return;
    const name = parent.property.type === AST_NODE_TYPES.Identifier ? parent.property.name : undefined;
    if (name && this.fields.includes(name)) {
      this.found.push(parent);
      return;
    }
    if (name === 'result') return this.follow(parent, depth + 1);
    const call = parent.parent;
    if (name === 'json' && call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) this.follow(call, depth + 1);
  }

  /** `const x = value` follows `x`; `const { serverInfo, result } = value` reports and follows the parts. */
  private bind(pattern: TSESTree.Node, depth: number): void {
    if (pattern.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(this.sourceCode.getScope(pattern), pattern);
      if (!variable || this.seen.has(variable)) return;
      this.seen.add(variable);
      for (const reference of variable.references) if (reference.isRead()) this.follow(reference.identifier, depth + 1);
      return;
    }
    if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return;
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyKeyName(property);
      if (key && this.fields.includes(key)) this.found.push(property);
      else if (key === 'result') this.bind(property.value, depth + 1);
    }
  }
}
