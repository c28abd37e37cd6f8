import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { responseFlowOf, responseSources } from '../src/ast/client-response-flow.js';
import { staticValue } from '../src/ast/constants.js';
import { calleeName, meaningfulParent, propertyKeyName, unwrap } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import { inputRequiredMethods, sdkMrtrClientMethods } from '../src/mcp/multi-round-trip.js';
import { plainDecoders, requestStateKey } from '../src/mcp/request-state.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'inspectsRequestState' | 'altersRequestState';

interface Tampering {
  messageId: MessageIds;
  how: string;
  node: TSESTree.Node;
}

/** Functions that decode or parse a string: what reading an opaque token looks like. */
const decoderName = /^(?:parse\w*|decode\w*|deserial\w*|unseal\w*|decrypt\w*|inflate\w*|unzip\w*|verify\w*|atob)$/i;
/** String methods that look inside a value without changing it. */
const inspectingMethods: ReadonlySet<string> = new Set(['split', 'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'match', 'matchAll', 'search', 'charAt', 'charCodeAt', 'codePointAt', 'at', 'localeCompare']);
/** String methods that make a different string. */
const alteringMethods: ReadonlySet<string> = new Set(['slice', 'substring', 'substr', 'replace', 'replaceAll', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'padStart', 'padEnd', 'concat', 'normalize', 'repeat']);
/** How many variables to follow a state through. */
const maxAliasDepth = 2;

export default createRule<[], MessageIds>({
  name: 'no-request-state-tampering',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow MCP clients parsing, inspecting or changing the requestState a server returned',
      spec: specUrls.mrtr,
      catalogue: ['CM4'],
      findings: {
        inspectsRequestState: { severity: 'error', fix: 'manual' },
        altersRequestState: { severity: 'error', fix: 'manual' },
      },
      // Every report is a read of a result's `requestState`.
      prefilter: [requestStateKey],
    },
    messages: {
      inspectsRequestState:
        '{{how}} the `requestState` of an `input_required` result; MCP 2026-07-28 makes it opaque to clients, which must not inspect it (servers seal it and may change its format at any time). Keep it as an unread string and echo it unchanged on the retry.',
      altersRequestState:
        'Changes the `requestState` of an `input_required` result ({{how}}) before sending it back; MCP 2026-07-28 requires clients to echo it byte for byte, only on that retry, and a server rejects state that fails verification with -32602. Send back exactly the string you received.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;

    function text(node: TSESTree.Node): string {
      const source = sourceCode.getText(node).replace(/\s+/g, ' ');
      return source.length > 40 ? `${source.slice(0, 37)}...` : source;
    }

    /** Whether a value ends up as the `requestState` the client sends: a `requestState:` property, or assigned to `.requestState`. */
    function isEchoedAs(node: TSESTree.Node): boolean {
      let child = node;
      for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
        if (parent.type === AST_NODE_TYPES.Property) return parent.value === child && propertyKeyName(parent) === requestStateKey;
        if (parent.type === AST_NODE_TYPES.AssignmentExpression) return parent.right === child && isStateMember(parent.left);
        if (parent.type.endsWith('Statement') || parent.type === AST_NODE_TYPES.VariableDeclarator) return false;
      }
      return false;
    }

    function isStateMember(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      return inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier && inner.property.name === requestStateKey;
    }

    function isNullish(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined') return true;
      if (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'typeof') return true;
      const value = staticValue(inner, sourceCode.getScope(inner));
      return value !== null && (value.value === null || value.value === undefined || typeof value.value !== 'string');
    }

    /** What the code does with a value holding the state, or undefined when it only stores, passes or echoes it. */
    function tamperingAt(value: TSESTree.Node, depth: number): Tampering[] {
      const found = tamperingOf(value, depth);
      return Array.isArray(found) ? found : found ? [found] : [];
    }

    function tamperingOf(value: TSESTree.Node, depth: number): Tampering | Tampering[] | undefined {
      const { parent, child } = meaningfulParent(value);
      if (!parent) return undefined;
      switch (parent.type) {
        case AST_NODE_TYPES.CallExpression: {
          if (!parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return undefined;
          const name = calleeName(parent) ?? '';
          if (decoderName.test(name) || plainDecoders.has(name) || (name === 'from' && text(parent.callee).startsWith('Buffer'))) {
            return { messageId: 'inspectsRequestState', how: `Decodes (\`${text(parent.callee)}(…)\`)`, node: parent };
          }
          return isEchoedAs(parent) ? { messageId: 'altersRequestState', how: `rewritten by \`${text(parent.callee)}(…)\``, node: parent } : undefined;
        }
        case AST_NODE_TYPES.MemberExpression: {
          const call = parent.parent;
          if (parent.object !== child || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return undefined;
          const method = calleeName(call) ?? '';
          if (inspectingMethods.has(method)) return { messageId: 'inspectsRequestState', how: `Looks inside (\`.${method}()\`)`, node: call };
          if (alteringMethods.has(method)) return { messageId: 'altersRequestState', how: `\`.${method}()\``, node: call };
          return undefined;
        }
        case AST_NODE_TYPES.BinaryExpression: {
          if (parent.operator === '+') return isEchoedAs(parent) ? { messageId: 'altersRequestState', how: 'concatenated', node: parent } : undefined;
          const other = parent.left === child ? parent.right : parent.left;
          const compares = ['===', '!==', '==', '!='].includes(parent.operator) && !isNullish(other);
          return compares ? { messageId: 'inspectsRequestState', how: 'Compares', node: parent } : undefined;
        }
        case AST_NODE_TYPES.TemplateLiteral:
          return isEchoedAs(parent) ? { messageId: 'altersRequestState', how: 'rebuilt in a template string', node: parent } : undefined;
        case AST_NODE_TYPES.AssignmentExpression:
          return parent.left === child ? { messageId: 'altersRequestState', how: 'overwritten', node: parent } : undefined;
        case AST_NODE_TYPES.VariableDeclarator:
          return parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier && depth < maxAliasDepth
            ? throughVariable(parent.id, depth + 1)
            : undefined;
        default:
          return undefined;
      }
    }

    function throughVariable(identifier: TSESTree.Identifier, depth: number): Tampering[] {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      return (variable?.references ?? []).flatMap((reference) => (reference.isRead() ? tamperingAt(reference.identifier as TSESTree.Node, depth) : []));
    }

    /** A read of `requestState`: the member expression, or a destructured binding (`const { requestState } = result`). */
    function tamperingsOfRead(read: TSESTree.Node): Tampering[] {
      if (read.type !== AST_NODE_TYPES.Property) return tamperingAt(read, 0);
      const value = read.value.type === AST_NODE_TYPES.AssignmentPattern ? read.value.left : read.value;
      return value.type === AST_NODE_TYPES.Identifier ? throughVariable(value, 0) : [];
    }

    /** One finding per place: a template inside an overwriting assignment is that assignment's finding. */
    function outermost(found: readonly Tampering[]): Tampering[] {
      return found.filter((inner) => !found.some((outer) => outer !== inner && outer.node.range[0] <= inner.node.range[0] && inner.node.range[1] <= outer.node.range[1]));
    }

    return {
      'Program:exit'() {
        const found: Tampering[] = [];
        for (const source of responseSources(context, inputRequiredMethods, sdkMrtrClientMethods)) {
          for (const read of responseFlowOf(source.call, context).reads) {
            if (read.key === requestStateKey) found.push(...tamperingsOfRead(read.node));
          }
        }
        for (const tampering of outermost(found)) {
          context.report({ node: tampering.node, messageId: tampering.messageId, data: { how: tampering.how } });
        }
      },
    };
  },
});
