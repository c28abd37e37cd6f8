import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { enclosingFunction } from './handlers.js';
import { calledLocalFunction, functionBindingName, meaningfulParent, propertyKeyName } from './nodes.js';
import { isExportedFunction, readsOf } from './unsent-values.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/*
 * Protocol-shaped fixtures a client UI renders: a `Tool` with `execution.taskSupport` for a
 * tool panel, the `InitializeResult` of a story, capabilities that make a tab appear. They go
 * into component props (JSX attributes, `{...props}` spreads, Storybook `args`) and nowhere
 * else; a server never sees them. Unlike `isDisplayOnlyValue` (unsent-values.ts), no property
 * key ends the road by itself: `{ tools }` is a component prop in a story and a `tools/list`
 * result in a server, so the value is followed until it meets JSX or a story's `args`.
 * The two walks differ in where they stop, so they stay two; what they share (reads of a
 * binding, builder functions, exported functions) comes from unsent-values.ts and nodes.ts.
 */

/** Storybook's Component Story Format: stories and the default export live in `*.stories.*`. */
const storyFile = /\.stories\.[cm]?[jt]sx?$/;
/** How many hops (bindings, containers, calls) to follow before giving up. */
const maxDepth = 16;

/**
 * Whether a value only ever becomes props of a UI component: every path from it, through
 * `const` bindings, enclosing objects and arrays, spreads, conditionals, the returns of local
 * builder functions (`toolWith('optional')`, `makeProps({ … })`) and their parameters, ends in
 * a JSX attribute or spread (`<ToolPanel tool={tool} />`, `<View {...makeProps()} />`) or in
 * the `args` of a story (`export const Optional = { args: { tool } }`). A value that is
 * exported, passed to any other call, returned to an unknown caller or assigned is not.
 */
export function reachesOnlyComponentProps(node: TSESTree.Node, sourceCode: SourceCode, filename: string): boolean {
  return new PropsFlow(sourceCode, storyFile.test(filename)).value(node, 0);
}

class PropsFlow {
  private readonly verdicts = new Map<TSESTree.Node, boolean>();

  constructor(
    private readonly sourceCode: SourceCode,
    private readonly isStoryFile: boolean,
  ) {}

  /** Every use of the value at `node` ends in component props. */
  value(node: TSESTree.Node, depth: number): boolean {
    const known = this.verdicts.get(node);
    if (known !== undefined) return known;
    if (depth > maxDepth) return false;
    // A cycle (a builder that calls itself) is no evidence either way: assume the worst while inside it.
    this.verdicts.set(node, false);
    const verdict = this.use(node, depth);
    this.verdicts.set(node, verdict);
    return verdict;
  }

  private use(node: TSESTree.Node, depth: number): boolean {
    const { parent, child } = meaningfulParent(node);
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.JSXExpressionContainer:
        return parent.parent.type === AST_NODE_TYPES.JSXAttribute;
      case AST_NODE_TYPES.JSXSpreadAttribute:
        return true;
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.init === child && this.binding(parent, depth);
      case AST_NODE_TYPES.Property: {
        if (parent.value !== child || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return false;
        if (!parent.computed && propertyKeyName(parent) === 'args' && this.isStory(parent.parent)) return true;
        return this.value(parent.parent, depth + 1);
      }
      case AST_NODE_TYPES.ArrayExpression:
        return this.value(parent, depth + 1);
      case AST_NODE_TYPES.SpreadElement:
        return (parent.parent.type === AST_NODE_TYPES.ObjectExpression || parent.parent.type === AST_NODE_TYPES.ArrayExpression) && this.value(parent.parent, depth + 1);
      case AST_NODE_TYPES.ConditionalExpression:
        return parent.test !== child && this.value(parent, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
        return this.value(parent, depth + 1);
      case AST_NODE_TYPES.ReturnStatement: {
        const fn = enclosingFunction(parent);
        return fn !== undefined && this.callers(fn, depth);
      }
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === child && this.callers(parent, depth);
      case AST_NODE_TYPES.CallExpression:
        return parent.callee !== child && this.argument(parent, child, depth);
      default:
        return false;
    }
  }

  /** `const tool = { … }` (not exported): every read of the binding ends in props. */
  private binding(declarator: TSESTree.VariableDeclarator, depth: number): boolean {
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
    if (declarator.parent.type === AST_NODE_TYPES.VariableDeclaration && declarator.parent.kind !== 'const' && this.isReassigned(declarator.id)) return false;
    const reads = readsOf(declarator.id, this.sourceCode);
    return reads.length > 0 && reads.every((read) => this.value(read, depth + 1));
  }

  /** Every call of a local builder (`toolWith('optional')`) is itself a value that ends in props. */
  private callers(fn: TSESTree.FunctionLike, depth: number): boolean {
    const name = functionBindingName(fn);
    if (!name || isExportedFunction(fn)) return false;
    const reads = readsOf(name, this.sourceCode);
    return (
      reads.length > 0 &&
      reads.every((read) => {
        const { parent, child } = meaningfulParent(read);
        return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === child && this.value(parent, depth + 1);
      })
    );
  }

  /** An argument of a local function (`makeProps({ initializeResult })`): what its parameter becomes. */
  private argument(call: TSESTree.CallExpression, argument: TSESTree.Node, depth: number): boolean {
    const fn = calledLocalFunction(call.callee, this.sourceCode);
    const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    const parameter = fn && index >= 0 ? fn.params[index] : undefined;
    const name = parameter?.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
    if (name?.type !== AST_NODE_TYPES.Identifier) return false;
    const reads = readsOf(name, this.sourceCode);
    return reads.length > 0 && reads.every((read) => this.value(read, depth + 1));
  }

  /** The object holding `args` is a story: in a `*.stories.*` file, or exported as one (`export const Optional = { args }`). */
  private isStory(object: TSESTree.ObjectExpression): boolean {
    if (this.isStoryFile) return true;
    const { parent } = meaningfulParent(object);
    if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
    return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
  }

  private isReassigned(identifier: TSESTree.Identifier): boolean {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier);
    return (variable?.references ?? []).some((reference) => reference.isWrite() && !reference.init);
  }
}
