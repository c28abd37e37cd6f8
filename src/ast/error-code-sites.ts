import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { isNegatedMatcherCall } from './assertions.js';
import { constantDeclarationName, staticValue } from './constants.js';
import { mcpExportOf } from './imports.js';
import { calleeName, isRepeatableReference, meaningfulParent, propertyKeyName, templateText, unwrap } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * What code does with a JSON-RPC error-code value, seen from where the value sits. Rules about
 * retired or renumbered codes (-32002, the release candidate's -32003/-32004) share it.
 */
export type CodeRole =
  | {
      kind: 'emit';
      /** `{ code, message, data }`, when the code is a property of an object literal. */
      errorObject?: TSESTree.ObjectExpression;
      /** `new McpError(code, …)`, `reply(id, code, …)`, when the code is a call argument. */
      call?: TSESTree.CallExpression | TSESTree.NewExpression;
      /** An error object with a message, the `error` of a response, or an error call: not a bare number returned. */
      errorLike: boolean;
    }
  | { kind: 'compare'; binary?: TSESTree.BinaryExpression; switchCase?: TSESTree.SwitchCase; array?: TSESTree.ArrayExpression }
  | { kind: 'assert' }
  | { kind: 'other' };

/** Calls that build, throw or send an error: `new McpError(…)`, `createError(…)`, `sendError(…)`, `reply(…)`. */
const errorBuilderName = /error|exception|fail|reject|respond|reply|send/i;

/**
 * Test assertions: vitest/jest `expect(x).toBe(…)`/`.rejects.toMatchObject(…)`, node:assert
 * `strictEqual`/`rejects`/`throws`, chai `.to.equal(…)`/`.property('code', …)`/`.include(…)`.
 */
const assertionName =
  /^(?:to[A-Z]\w*|(?:deep|strict|notStrict|notDeep|deepStrict)?[Ee]qual|equals?|match\w*|objectContaining|is|rejects|throws|doesNotReject|doesNotThrow|property|include|contain|oneOf|members|deepInclude)$/;

const lookupMethodName = /^(?:includes|indexOf|has|lastIndexOf)$/;

/**
 * The role of a code value, or undefined where it plays none: a constant's own declaration
 * (its uses decide), a type, or a negated assertion (`expect(code).not.toBe(-32002)` checks the
 * old code is gone).
 */
export function codeRoleOf(expression: TSESTree.Node, sourceCode: SourceCode): CodeRole | undefined {
  const { parent, child } = meaningfulParent(expression);
  if (!parent) return undefined;
  // `{ code: -32002, message }` is an error, even when the object itself is a named constant.
  if (parent.type === AST_NODE_TYPES.Property && parent.value === child && propertyKeyName(parent) === 'code') {
    const object = parent.parent;
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    const assertion = assertionWith(object);
    if (assertion) return isNegatedMatcherCall(assertion) ? undefined : { kind: 'assert' };
    return { kind: 'emit', errorObject: object, errorLike: isErrorObject(object) };
  }
  if (constantDeclarationName(expression)) return undefined;
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (!parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return { kind: 'other' };
      if (isAssertionCall(parent)) return isNegatedMatcherCall(parent) ? undefined : { kind: 'assert' };
      return isErrorBuilder(parent, sourceCode) ? { kind: 'emit', call: parent, errorLike: true } : { kind: 'other' };
    }
    case AST_NODE_TYPES.AssignmentExpression: {
      const target = unwrap(parent.left);
      const isCodeField =
        target.type === AST_NODE_TYPES.MemberExpression && !target.computed &&
        target.property.type === AST_NODE_TYPES.Identifier && target.property.name === 'code';
      return parent.right === child && isCodeField ? { kind: 'emit', errorLike: true } : { kind: 'other' };
    }
    case AST_NODE_TYPES.BinaryExpression:
      return ['===', '==', '!==', '!='].includes(parent.operator) ? { kind: 'compare', binary: parent } : { kind: 'other' };
    case AST_NODE_TYPES.SwitchCase:
      return parent.test === child ? { kind: 'compare', switchCase: parent } : { kind: 'other' };
    case AST_NODE_TYPES.ArrayExpression: {
      const outer = meaningfulParent(parent).parent;
      const isLookup =
        outer?.type === AST_NODE_TYPES.MemberExpression && !outer.computed &&
        outer.property.type === AST_NODE_TYPES.Identifier && lookupMethodName.test(outer.property.name);
      const isSet = outer?.type === AST_NODE_TYPES.NewExpression && calleeName(outer) === 'Set';
      return isLookup || isSet ? { kind: 'compare', array: parent } : { kind: 'other' };
    }
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ReturnStatement:
      return { kind: 'emit', errorLike: false };
    default:
      return parent.type.startsWith('TS') ? undefined : { kind: 'other' };
  }
}

function isAssertionCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  return assertionName.test(calleeName(call) ?? '');
}

/** `new McpError(…)`, `reply(…)`, or an SDK error class under another name (`import { ProtocolError as PE }`). */
function isErrorBuilder(call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: SourceCode): boolean {
  if (errorBuilderName.test(calleeName(call) ?? '')) return true;
  return /Error$/.test(mcpExportOf(call.callee, sourceCode.getScope(call))?.name ?? '');
}

/** `{ code, message }`, or the `error` member of a JSON-RPC response. */
function isErrorObject(object: TSESTree.ObjectExpression): boolean {
  if (object.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'message')) return true;
  const holder = meaningfulParent(object).parent;
  return holder?.type === AST_NODE_TYPES.Property && propertyKeyName(holder) === 'error';
}

/** The assertion call the object is an argument of, directly or inside an object or array argument. */
function assertionWith(object: TSESTree.Node): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  let { parent, child } = meaningfulParent(object);
  while (parent && (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.ObjectExpression || parent.type === AST_NODE_TYPES.ArrayExpression)) {
    ({ parent, child } = meaningfulParent(parent));
  }
  if (parent?.type !== AST_NODE_TYPES.CallExpression && parent?.type !== AST_NODE_TYPES.NewExpression) return undefined;
  return parent.arguments.includes(child as TSESTree.CallExpressionArgument) && isAssertionCall(parent) ? parent : undefined;
}

/** The human-readable message next to an emitted code: the error object's `message`, or a string argument of the call. */
export function messageBesideCode(role: CodeRole | undefined, sourceCode: SourceCode): string | undefined {
  if (role?.kind !== 'emit') return undefined;
  const candidates = role.errorObject
    ? role.errorObject.properties
        .filter((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'message')
        .map((p) => p.value)
    : (role.call?.arguments ?? []);
  for (const node of candidates) {
    const text = templateText(unwrap(node)) ?? stringConstant(node, sourceCode);
    if (text !== undefined) return text;
  }
  return undefined;
}

function stringConstant(node: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  const value = staticValue(node, sourceCode.getScope(node))?.value;
  return typeof value === 'string' ? value : undefined;
}

/** The keys of the error data beside the code: `{ code, data: { … } }`, or an object argument of the builder. */
export function dataKeysBesideCode(role: CodeRole | undefined): Set<string> {
  const keys = new Set<string>();
  if (role?.kind !== 'emit') return keys;
  const objects = role.errorObject
    ? role.errorObject.properties
        .filter((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'data')
        .map((p) => unwrap(p.value))
    : (role.call?.arguments ?? []).map((argument) => unwrap(argument));
  for (const object of objects) {
    if (object.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const property of object.properties) {
      const key = property.type === AST_NODE_TYPES.Property ? propertyKeyName(property) : undefined;
      if (key) keys.add(key);
    }
  }
  return keys;
}

/**
 * Whether an identifier or member expression sits where an error code is used (`code: NOT_FOUND`,
 * `new McpError(NOT_FOUND, …)`, `x === Codes.NOT_FOUND`, `case NOT_FOUND:`, a list of codes, an
 * assignment, a throw or return), so a rule looks at its constant value there.
 */
export function isCodeSlot(node: TSESTree.Identifier | TSESTree.MemberExpression): boolean {
  const { parent, child } = meaningfulParent(node);
  if (!parent || child !== node) return false;
  return (
    (parent.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) ||
    ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.includes(node as TSESTree.CallExpressionArgument)) ||
    (parent.type === AST_NODE_TYPES.BinaryExpression && (parent.left === node || parent.right === node)) ||
    (parent.type === AST_NODE_TYPES.SwitchCase && parent.test === node) ||
    parent.type === AST_NODE_TYPES.ArrayExpression ||
    (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) ||
    parent.type === AST_NODE_TYPES.ThrowStatement ||
    parent.type === AST_NODE_TYPES.ReturnStatement
  );
}

/** The other side of `code === -32002`: what is compared with the code. */
export function comparedOperand(binary: TSESTree.BinaryExpression, code: TSESTree.Node): TSESTree.Node {
  return unwrap(binary.left) === unwrap(code) ? binary.right : binary.left;
}

/**
 * `code === -32002 || code === -32602` (or `!==` joined with `&&`): the comparison already
 * accepts a code `isAccepted` recognises, on the same operand, in the same logical chain.
 */
export function comparisonAlsoAccepts(
  binary: TSESTree.BinaryExpression,
  code: TSESTree.Node,
  isAccepted: (node: TSESTree.Node) => boolean,
  sourceCode: SourceCode,
): boolean {
  const joiner = binary.operator.startsWith('!') ? '&&' : '||';
  const operandText = sourceCode.getText(comparedOperand(binary, code));
  let top: TSESTree.Node = binary;
  while (top.parent?.type === AST_NODE_TYPES.LogicalExpression && top.parent.operator === joiner) top = top.parent;
  const leaves: TSESTree.Node[] = [];
  const collect = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === joiner) {
      collect(node.left);
      collect(node.right);
    } else leaves.push(node);
  };
  collect(top);
  return leaves.some(
    (leaf) =>
      leaf.type === AST_NODE_TYPES.BinaryExpression &&
      leaf.operator === binary.operator &&
      ((sourceCode.getText(leaf.left) === operandText && isAccepted(leaf.right)) ||
        (sourceCode.getText(leaf.right) === operandText && isAccepted(leaf.left))),
  );
}

/**
 * `code === -32002` → `code === -32002 || code === -32602` (`!==` joined with `&&`), in
 * parentheses only where the context needs them. Undefined when the operand cannot safely be
 * evaluated twice (a call, an assignment).
 */
export function acceptBothFix(
  binary: TSESTree.BinaryExpression,
  code: TSESTree.Node,
  acceptedText: string,
  sourceCode: SourceCode,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined {
  const operand = comparedOperand(binary, code);
  if (!isRepeatableReference(operand)) return undefined;
  const joiner = binary.operator.startsWith('!') ? '&&' : '||';
  const both = `${sourceCode.getText(binary)} ${joiner} ${sourceCode.getText(operand)} ${binary.operator} ${acceptedText}`;
  const text = needsParentheses(binary, joiner) && !ASTUtils.isParenthesized(binary, sourceCode) ? `(${both})` : both;
  return (fixer) => fixer.replaceText(binary, text);
}

/** Whether `a === b || a === c` needs parentheses where `a === b` stood. */
function needsParentheses(binary: TSESTree.BinaryExpression, joiner: '||' | '&&'): boolean {
  const parent = binary.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.LogicalExpression:
      return parent.operator !== joiner;
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return false;
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== binary;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return !parent.arguments.includes(binary);
    default:
      return true;
  }
}
