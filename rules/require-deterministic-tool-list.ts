import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { methodOfHandlerFunction } from '../src/ast/handler-results.js';
import { mcpMethodHandledAt } from '../src/ast/handlers.js';
import { importedBindingOf } from '../src/ast/imports.js';
import { calleeName, isFunction, unwrap, walk } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'nondeterministicToolList';

const toolsList = 'tools/list';

/** Array methods whose callback decides order or membership. */
const orderingMethods: ReadonlySet<string> = new Set(['sort', 'toSorted']);
const filteringMethods: ReadonlySet<string> = new Set(['filter', 'find', 'findIndex', 'some', 'every']);
/** Shuffles by name: `shuffle(tools)`, `_.shuffle(tools)`, `shuffleArray(tools)`. */
const shuffleName = /^shuffle|shuffled?$/i;
/** Random picks of utility libraries. */
const samplingNames: ReadonlySet<string> = new Set(['sample', 'sampleSize']);
const utilityLibraries = /^(?:lodash(?:-es)?(?:\/.*)?|underscore|radash|remeda|es-toolkit(?:\/.*)?)$/;

export default createRule<[], MessageIds>({
  name: 'require-deterministic-tool-list',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require tools/list handlers to return tools in a deterministic order, as MCP 2026-07-28 recommends',
      spec: specUrls.tools,
      catalogue: ['K5'],
      findings: {
        nondeterministicToolList: { severity: 'info', fix: 'manual' },
      },
      // Reports sit in a `tools/list` handler: hand-rolled by name, or SDK v1 `ListToolsRequestSchema`.
      prefilter: [toolsList, 'ListToolsRequestSchema'],
    },
    messages: {
      nondeterministicToolList:
        'The `tools/list` handler {{how}}, so the same request lists tools in a different order (or a different set) each time; MCP 2026-07-28 says servers SHOULD list tools deterministically, which lets clients cache the list (`ttlMs`) and keeps model prompts stable. Return the tools in a fixed order (registration order, or sorted by name).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;

    function shortText(node: TSESTree.Node): string {
      const text = sourceCode.getText(node).replace(/\s+/g, ' ');
      return text.length > 60 ? `${text.slice(0, 57)}...` : text;
    }

    function inToolsListHandler(node: TSESTree.Node): boolean {
      if (mcpMethodHandledAt(node, context) === toolsList) return true;
      for (let current = node.parent; current; current = current.parent) {
        if (isFunction(current) && methodOfHandlerFunction(current, context, 0) === toolsList) return true;
      }
      return false;
    }

    /** `Math.random()` of the global `Math`. */
    function isMathRandom(node: TSESTree.Node): boolean {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = unwrap(node.callee);
      return (
        callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed &&
        callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Math' &&
        callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'random' &&
        isGlobal(callee.object)
      );
    }

    function isGlobal(identifier: TSESTree.Identifier): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      return variable === null || variable.defs.length === 0;
    }

    function callsMathRandom(root: TSESTree.Node): boolean {
      let found = false;
      walk(root, sourceCode.visitorKeys, (node) => (found ||= isMathRandom(node)));
      return found;
    }

    /** What a call does to the list, when it makes it nondeterministic. */
    function randomisation(call: TSESTree.CallExpression): string | undefined {
      const name = calleeName(call);
      if (!name) return undefined;
      const callee = unwrap(call.callee);
      const callback = call.arguments[0] && unwrap(call.arguments[0]);
      if (callee.type === AST_NODE_TYPES.MemberExpression && callback && isFunction(callback) && callsMathRandom(callback)) {
        if (orderingMethods.has(name)) return `sorts with a random comparator (\`${name}(() => Math.random() …)\`)`;
        if (filteringMethods.has(name)) return `picks tools at random (\`${name}(() => Math.random() …)\`)`;
      }
      const libraryName = utilityLibraryExport(callee);
      if (shuffleName.test(name) || shuffleName.test(libraryName ?? '')) return `shuffles the tools (\`${shortText(call.callee)}(…)\`)`;
      if (libraryName && samplingNames.has(libraryName)) return `picks tools at random (\`${shortText(call.callee)}(…)\`)`;
      return undefined;
    }

    /** The export of lodash and its kin a callee is: `sampleSize`, `_.sampleSize`, `pick as sampleSize`. */
    function utilityLibraryExport(callee: TSESTree.Node): string | undefined {
      const root = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : callee;
      if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
      const binding = importedBindingOf(root, sourceCode.getScope(root));
      if (!binding || !utilityLibraries.test(binding.source)) return undefined;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return binding.imported;
      return !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
    }

    /** `tools[Math.floor(Math.random() * tools.length)]`, `tools.splice(Math.random() * n, 1)`. */
    function randomIndexUse(random: TSESTree.CallExpression): TSESTree.Node | undefined {
      let child: TSESTree.Node = random;
      for (let parent: TSESTree.Node | undefined = random.parent; parent; child = parent, parent = parent.parent) {
        if (parent.type === AST_NODE_TYPES.MemberExpression && parent.computed && parent.property === child) return parent;
        if (parent.type === AST_NODE_TYPES.CallExpression && calleeName(parent) === 'splice' && parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return parent;
        if (parent.type.endsWith('Statement') || isFunction(parent) || parent.type === AST_NODE_TYPES.VariableDeclarator) return undefined;
      }
      return undefined;
    }

    return {
      CallExpression(node) {
        const how = randomisation(node);
        if (how && inToolsListHandler(node)) {
          context.report({ node, messageId: 'nondeterministicToolList', data: { how } });
          return;
        }
        if (!isMathRandom(node)) return;
        const use = randomIndexUse(node);
        if (use && inToolsListHandler(node)) {
          context.report({ node: use, messageId: 'nondeterministicToolList', data: { how: `picks tools at random (\`${shortText(use)}\`)` } });
        }
      },
    };
  },
});
