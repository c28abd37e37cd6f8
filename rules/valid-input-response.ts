import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { clientRequestHandlerOf } from '../src/ast/client-features.js';
import { objectLiteralsOf, objectLiteralsWrittenTo } from '../src/ast/handler-results.js';
import { enclosingFunction, mcpMethodHandledAt } from '../src/ast/handlers.js';
import { isFunction, meaningfulParent, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import { inputRequestMethods } from '../src/mcp/client-features.js';
import { inputResponseKeys, resultOnlyKeys } from '../src/mcp/multi-round-trip.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'resultFieldInInputResponse';

export default createRule<[], MessageIds>({
  name: 'valid-input-response',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow resultType and _meta in the answers an MCP client gives to elicitation, sampling and roots requests',
      spec: specUrls.mrtr,
      catalogue: ['CM3'],
      findings: {
        resultFieldInInputResponse: { severity: 'info', fix: 'manual' },
      },
      // Every report sits in a handler for one of the three requests, registered or dispatched by name or v1 schema.
      prefilter: ['elicitation/create', 'sampling/createMessage', 'roots/list', 'ElicitRequestSchema', 'CreateMessageRequestSchema', 'ListRootsRequestSchema'],
    },
    messages: {
      resultFieldInInputResponse:
        'This answer to `{{method}}` carries `{{key}}`; in MCP 2026-07-28 the answers to input requests (`ElicitResult`, `CreateMessageResult`, `ListRootsResult`) travel in the retry\'s `inputResponses` as plain objects with no `resultType` and no `_meta`. Remove `{{key}}` (SDK v2 clients return the same plain object from their `setRequestHandler` hooks).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;

    function reportResultFields(object: TSESTree.ObjectExpression, method: string): void {
      for (const property of object.properties) {
        const key = property.type === AST_NODE_TYPES.Property ? propertyKeyName(property) : undefined;
        if (key && resultOnlyKeys.includes(key)) context.report({ node: property, messageId: 'resultFieldInInputResponse', data: { method, key } });
      }
    }

    /** The function a handler argument stands for: inline, or a local function passed by name. */
    function functionOf(argument: TSESTree.Node | undefined): TSESTree.FunctionLike | undefined {
      const node = argument && unwrap(argument);
      if (!node) return undefined;
      if (isFunction(node)) return node;
      if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
      const def = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
      if (def?.type === 'FunctionName') return def.node as TSESTree.FunctionDeclaration;
      const init = def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init ? unwrap(def.node.init) : undefined;
      return init && isFunction(init) ? init : undefined;
    }

    /** The object literals a function returns: its arrow body, its own `return`s, and variables they name. */
    function returnedObjects(fn: TSESTree.FunctionLike): TSESTree.ObjectExpression[] {
      const values: TSESTree.Node[] = [];
      if (fn.body?.type !== AST_NODE_TYPES.BlockStatement) {
        if (fn.body) values.push(fn.body);
      } else {
        walk(fn.body, sourceCode.visitorKeys, (node) => {
          if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && enclosingFunction(node) === fn) values.push(node.argument);
        });
      }
      return values.flatMap((value) => {
        const inner = unwrap(value);
        return inner.type === AST_NODE_TYPES.Identifier ? objectLiteralsWrittenTo(inner, context) : objectLiteralsOf(inner);
      });
    }

    /** SDK clients: `client.setRequestHandler(ElicitRequestSchema | 'elicitation/create', handler)`. */
    function checkRegistration(call: TSESTree.CallExpression): void {
      const handled = clientRequestHandlerOf(call, sourceCode);
      const fn = handled && functionOf(call.arguments[1]);
      if (!handled || !fn) return;
      for (const object of returnedObjects(fn)) reportResultFields(object, handled.method);
    }

    /**
     * Hand-rolled clients: an answer built in a `case 'elicitation/create':` branch (or an `if` on
     * the method), returned, stored under a key (`responses[key] = …`) or sent as a response's `result`.
     */
    function checkHandRolledAnswer(object: TSESTree.ObjectExpression): void {
      if (!object.properties.some((p) => p.type === AST_NODE_TYPES.Property && resultOnlyKeys.includes(propertyKeyName(p) ?? ''))) return;
      const method = mcpMethodHandledAt(object, context);
      if (!method || !inputRequestMethods.has(method) || !isAnswerPosition(object)) return;
      const keys = inputResponseKeys[method] ?? [];
      if (object.properties.some((p) => p.type === AST_NODE_TYPES.Property && keys.includes(propertyKeyName(p) ?? ''))) reportResultFields(object, method);
    }

    function isAnswerPosition(object: TSESTree.ObjectExpression): boolean {
      let { parent, child } = meaningfulParent(object);
      while (parent?.type === AST_NODE_TYPES.AwaitExpression || (parent?.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child)) {
        ({ parent, child } = meaningfulParent(parent));
      }
      switch (parent?.type) {
        case AST_NODE_TYPES.ReturnStatement:
          return true;
        case AST_NODE_TYPES.ArrowFunctionExpression:
          return parent.body === child;
        case AST_NODE_TYPES.AssignmentExpression:
          return parent.right === child && unwrap(parent.left).type === AST_NODE_TYPES.MemberExpression;
        case AST_NODE_TYPES.Property:
          return parent.value === child && propertyKeyName(parent) === 'result';
        default:
          return false;
      }
    }

    return {
      CallExpression: checkRegistration,
      ObjectExpression: checkHandRolledAnswer,
    };
  },
});
