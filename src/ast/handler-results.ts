import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { mcpMethodNames } from '../mcp/methods.js';
import { replyHelperName } from '../mcp/server-wire.js';
import { enclosingFunction, mcpMethodHandledAt } from './handlers.js';
import { calleeName, meaningfulParent, propertyKeyName, unwrap, walk } from './nodes.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;


/** How many wrapper functions to follow from a handler to the function that builds its result. */
const maxWrapperDepth = 2;

/**
 * The MCP request whose result a function returns at `node` (a returned expression or an
 * arrow's body): a dispatch branch in the same function (`case 'tools/list': return …`), or
 * the function itself being the handler of a dispatch table, a registry or a branch
 * (`{ 'tools/list': listTools }`, `rpc.addMethod('tools/list', fn)`,
 * `case 'tools/list': return listTools(params)`, `return this.listTools()`). Returns of helpers
 * nested inside a handler (`tools.map((t) => ({ … }))`) are not the handler's result.
 */
export function requestAnsweredByReturn(node: TSESTree.Node, context: Context): string | undefined {
  const fn = enclosingFunction(node);
  const method = mcpMethodHandledAt(node, context);
  if (!fn) return method;
  // A branch inside `fn` routes the method when the answer differs from the one above `fn`.
  if (method !== undefined && method !== mcpMethodHandledAt(fn, context)) return method;
  return methodOfHandlerFunction(fn, context, 0);
}

/**
 * The MCP request a response message or reply at `node` answers: the dispatch branch it is
 * sent from (also from a callback inside that branch), or the handler function it sits in.
 */
export function requestAnsweredBySend(node: TSESTree.Node, context: Context): string | undefined {
  const method = mcpMethodHandledAt(node, context);
  if (method !== undefined) return method;
  const fn = enclosingFunction(node);
  return fn ? methodOfHandlerFunction(fn, context, 0) : undefined;
}

/** Answers per function, since every `return` of a handler asks about the same function. */
const handledMethodCache = new WeakMap<TSESTree.Node, string | null>();

/** The MCP request a function handles, from where it is put or how it is called. */
export function methodOfHandlerFunction(fn: TSESTree.FunctionLike, context: Context, depth: number): string | undefined {
  const cached = depth === 0 ? handledMethodCache.get(fn) : undefined;
  if (cached !== undefined) return cached ?? undefined;
  let found: string | undefined;
  for (const use of usesOf(fn, context)) {
    found = methodOfUse(use, context, depth);
    if (found) break;
  }
  if (depth === 0) handledMethodCache.set(fn, found ?? null);
  return found;
}

/** The expressions that stand for `fn`: itself, and every reference to its name or `this.<method>`. */
function usesOf(fn: TSESTree.FunctionLike, context: Context): TSESTree.Node[] {
  const uses: TSESTree.Node[] = fn.type === AST_NODE_TYPES.FunctionDeclaration ? [] : [fn];
  const name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : declaredName(fn);
  if (name) {
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(fn.parent ?? fn), name);
    for (const reference of variable?.references ?? []) {
      if (reference.identifier !== name && !reference.init) uses.push(reference.identifier as TSESTree.Node);
    }
  }
  const method = fn.parent?.type === AST_NODE_TYPES.MethodDefinition ? fn.parent : undefined;
  if (method && method.parent.type === AST_NODE_TYPES.ClassBody) {
    const methodName = propertyKeyName(method);
    if (methodName !== undefined) uses.push(...thisMemberReads(method.parent, methodName, context));
  }
  return uses;
}

function declaredName(fn: TSESTree.FunctionLike): TSESTree.Identifier | undefined {
  const { parent, child } = meaningfulParent(fn);
  return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier
    ? parent.id
    : undefined;
}

function thisMemberReads(body: TSESTree.ClassBody, name: string, context: Context): TSESTree.MemberExpression[] {
  const found: TSESTree.MemberExpression[] = [];
  walk(body, context.sourceCode.visitorKeys, (node) => {
    if (
      node.type === AST_NODE_TYPES.MemberExpression &&
      node.object.type === AST_NODE_TYPES.ThisExpression &&
      !node.computed &&
      node.property.type === AST_NODE_TYPES.Identifier &&
      node.property.name === name
    ) {
      found.push(node);
    }
  });
  return found;
}

function methodOfUse(use: TSESTree.Node, context: Context, depth: number): string | undefined {
  let { parent, child } = meaningfulParent(use);
  // `listTools.bind(this)` stands for `listTools`.
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child && memberName(parent) === 'bind' && parent.parent.type === AST_NODE_TYPES.CallExpression) {
    ({ parent, child } = meaningfulParent(parent.parent));
  }
  if (!parent) return undefined;
  // A dispatch table: `{ 'tools/list': listTools }`, `{ async 'tools/list'() { … } }`.
  if (parent.type === AST_NODE_TYPES.Property && parent.value === child) return methodKey(parent, context);
  if (parent.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const index = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
  // A registry: `rpc.addMethod('tools/list', listTools)`.
  if (index >= 1) return methodString(parent.arguments[0]!, context);
  // A call whose value is the handler's answer: `case 'tools/list': return listTools(params)`.
  if (parent.callee === child && isAnswered(parent, context)) {
    const method = mcpMethodHandledAt(parent, context);
    if (method) return method;
    const caller = enclosingFunction(parent);
    return caller && depth < maxWrapperDepth ? methodOfHandlerFunction(caller, context, depth + 1) : undefined;
  }
  return undefined;
}

/**
 * A call whose value is the handler's answer, possibly awaited: returned, the `result` of a
 * response, the last argument of a reply helper (`reply(id, listTools())`), or stored in a
 * variable that is then one of those (`result = await listTools(); … send({ id, result })`).
 */
function isAnswered(call: TSESTree.CallExpression, context: Context): boolean {
  let { parent, child } = meaningfulParent(call);
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) ({ parent, child } = meaningfulParent(parent));
  if (!parent) return false;
  if (isAnswerPosition(parent, child)) return true;
  const variable =
    parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === child && parent.left.type === AST_NODE_TYPES.Identifier
      ? parent.left
      : parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier
        ? parent.id
        : undefined;
  if (!variable) return false;
  const references = ASTUtils.findVariable(context.sourceCode.getScope(variable), variable)?.references ?? [];
  return references.some((reference) => {
    if (reference.isWrite()) return false;
    const use = meaningfulParent(reference.identifier as TSESTree.Node);
    return use.parent !== undefined && isAnswerPosition(use.parent, use.child);
  });
}

/** Where a value is the answer to a request: returned, an arrow's body, a response's `result`, a reply helper's result. */
function isAnswerPosition(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.ReturnStatement:
      return true;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === child;
    case AST_NODE_TYPES.Property:
      return parent.value === child && propertyKeyName(parent) === 'result';
    case AST_NODE_TYPES.CallExpression:
      return parent.arguments.length >= 2 && parent.arguments.at(-1) === child && replyHelperName.test(calleeName(parent) ?? '');
    default:
      return false;
  }
}

function methodKey(property: TSESTree.Property, context: Context): string | undefined {
  const key = property.computed ? methodString(property.key, context) : propertyKeyName(property);
  return key !== undefined && mcpMethodNames.has(key) ? key : undefined;
}

function methodString(node: TSESTree.Node, context: Context): string | undefined {
  const value = ASTUtils.getStaticValue(node, context.sourceCode.getScope(node))?.value;
  return typeof value === 'string' && mcpMethodNames.has(value) ? value : undefined;
}

function memberName(member: TSESTree.MemberExpression): string | undefined {
  return !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
}

/**
 * The object literals an expression evaluates to: itself, both arms of a ternary, through
 * `await` and type wrappers. Anything else (calls, variables) yields nothing.
 */
export function objectLiteralsOf(expression: TSESTree.Node): TSESTree.ObjectExpression[] {
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return [node];
  if (node.type === AST_NODE_TYPES.AwaitExpression) return objectLiteralsOf(node.argument);
  if (node.type === AST_NODE_TYPES.ConditionalExpression) return [...objectLiteralsOf(node.consequent), ...objectLiteralsOf(node.alternate)];
  return [];
}

/**
 * The object literals a variable is given in this file: its initialiser and what is assigned
 * to it (`let result; … case 'tools/list': result = { tools }; break;`).
 */
export function objectLiteralsWrittenTo(identifier: TSESTree.Identifier, context: Context): TSESTree.ObjectExpression[] {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
  if (!variable || variable.defs.some((def) => def.type !== 'Variable')) return [];
  const found: TSESTree.ObjectExpression[] = [];
  for (const reference of variable.references) {
    if (reference.writeExpr && reference.isWrite()) found.push(...objectLiteralsOf(reference.writeExpr));
  }
  return found;
}
