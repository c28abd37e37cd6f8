import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { staticValue } from './constants.js';
import { meaningfulParent, propertyKeyName, unwrap } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/*
 * Objects a function builds and only reads back itself: a test's mock request
 * (`const req = { headers: { 'mcp-session-id': 'abc' } } as Partial<Request>`) whose header the
 * test then reads (`req.headers['mcp-session-id']`). Nothing receives such an object, so what it
 * holds is neither sent nor a request's.
 */

/** How deep to follow constants and nested literals. */
const maxDepth = 6;

/** The key a member expression reads, when the code spells it: `a.b`, `a['b']`, `a[KEY]`. */
function memberKey(member: TSESTree.MemberExpression, sourceCode: SourceCode): string | undefined {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  const value = staticValue(member.property, sourceCode.getScope(member.property))?.value;
  return typeof value === 'string' ? value : undefined;
}

/** The `const` declaration whose initialiser `node` is (through `as`, `satisfies` and `!`). */
function constDeclaratorOf(node: TSESTree.Node): TSESTree.VariableDeclarator | undefined {
  const { parent, child } = meaningfulParent(node);
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return parent.parent.kind === 'const' ? parent : undefined;
}

/**
 * The object literal an expression reads from, when the code shows it: the literal itself, a
 * `const` initialised with one, or a property of such a literal that is itself a literal
 * (`mockReq.headers` for `const mockReq = { headers: { … } }`).
 */
export function objectLiteralBehind(expression: TSESTree.Node, sourceCode: SourceCode, depth = 0): TSESTree.ObjectExpression | undefined {
  if (depth > maxDepth) return undefined;
  const node = unwrap(expression);
  switch (node.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return node;
    case AST_NODE_TYPES.Identifier: {
      const definition = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
      if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
      const declarator = definition.node;
      if (declarator.id !== definition.name || !declarator.init || declarator.parent.kind !== 'const') return undefined;
      return objectLiteralBehind(declarator.init, sourceCode, depth + 1);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const key = memberKey(node, sourceCode);
      const holder = key === undefined ? undefined : objectLiteralBehind(node.object, sourceCode, depth + 1);
      const property = holder?.properties.find(
        (element): element is TSESTree.Property => element.type === AST_NODE_TYPES.Property && !element.computed && propertyKeyName(element) === key,
      );
      return property ? objectLiteralBehind(property.value, sourceCode, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Whether an object literal never leaves the function that builds it: it sits (directly or as
 * a nested property value) in the initialiser of a `const` that is not exported, and every use
 * of that constant reads a property of the literal or goes past it (`mockReq.headers['x']`,
 * `mockReq.body`), never passing on the literal or what holds it (`handler(mockReq)`,
 * `fetch(url, { headers: mockReq.headers })`). A constant nothing uses does not count.
 */
export function isReadOnlyLocalLiteral(object: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  const path: string[] = [];
  let current: TSESTree.Node = object;
  for (;;) {
    const { parent, child } = meaningfulParent(current);
    if (parent?.type !== AST_NODE_TYPES.Property || parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) break;
    if (parent.computed) return false;
    const key = propertyKeyName(parent);
    if (key === undefined) return false;
    path.unshift(key);
    current = parent.parent;
  }
  const declarator = constDeclaratorOf(current);
  if (!declarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  const statement = declarator.parent.parent;
  if (statement?.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(declarator.id), declarator.id);
  const uses = (variable?.references ?? []).filter((reference) => !reference.init);
  return uses.length > 0 && uses.every((reference) => readsPast(reference.identifier as TSESTree.Node, path, sourceCode));
}

/** Whether a use of the constant reads a property of the literal at `path`, or of a sibling, without handing either on. */
function readsPast(use: TSESTree.Node, path: readonly string[], sourceCode: SourceCode): boolean {
  let node = use;
  for (let depth = 0; ; depth++) {
    const { parent, child } = meaningfulParent(node);
    // The literal, or an object that holds it, used as a value: passed, returned, spread, assigned.
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
    if (depth >= path.length) return true;
    const key = memberKey(parent, sourceCode);
    if (key === undefined) return false;
    if (key !== path[depth]) return true;
    node = parent;
  }
}
