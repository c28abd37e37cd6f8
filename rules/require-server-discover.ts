import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import type { DispatchSite } from '../src/ast/dispatch.js';
import { fileEvidence } from '../src/ast/evidence.js';
import { handRolledServerSites, serverRequestMethodsOf } from '../src/ast/hand-rolled-server.js';
import { meaningfulParent, unwrap } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import { discoverMethod, discoverResultShape } from '../src/mcp/server-wire.js';
import { distinctiveMcpMethods } from '../src/mcp/methods.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'missingServerDiscover';

/**
 * A dispatch that routes fewer requests than this (and not `initialize`) may be one helper of
 * a server spread over several files, so it is no evidence that the file is the whole server.
 */
const minimumRequestsRouted = 3;
/** How many routed methods the message names before it elides the rest. */
const methodsNamed = 4;

/**
 * Where to point at a dispatch site: what it routes on, not its whole body. A node rather than
 * a location, so that the legacy gate (which re-reports at the node) keeps the same span.
 */
function reportedNode(site: DispatchSite): { node: TSESTree.Node; loc?: TSESTree.SourceLocation } {
  const node = site.node;
  switch (node.type) {
    case AST_NODE_TYPES.SwitchStatement:
      return { node: node.discriminant };
    case AST_NODE_TYPES.IfStatement:
      return { node: node.test };
    case AST_NODE_TYPES.CallExpression:
      return { node: unwrap(node.callee) };
    case AST_NODE_TYPES.ObjectExpression:
      return tableName(node) ?? { node };
    default:
      return { node };
  }
}

/** The name a dispatch table is bound to: `handlers` in `const handlers: Handlers = { … }`. */
function tableName(table: TSESTree.ObjectExpression): { node: TSESTree.Node; loc?: TSESTree.SourceLocation } | undefined {
  const { parent, child } = meaningfulParent(table);
  let name: TSESTree.Node | undefined;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child) name = parent.id;
  else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === child) name = parent.left;
  else if ((parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.PropertyDefinition) && parent.value === child) name = parent.key;
  if (!name) return undefined;
  // An identifier's range includes its type annotation; point at the name alone.
  if (name.type === AST_NODE_TYPES.Identifier && name.typeAnnotation) {
    const { start } = name.loc;
    return { node: name, loc: { start, end: { line: start.line, column: start.column + name.name.length } } };
  }
  return { node: name };
}

function describeRouting(site: DispatchSite): string | undefined {
  const requests = [...site.methods.keys()].filter((method) => !method.startsWith('notifications/'));
  const routesInitialize = serverRequestMethodsOf(site).includes('initialize');
  if (!routesInitialize && requests.length < minimumRequestsRouted) return undefined;
  const named = requests.slice(0, methodsNamed).map((method) => `\`${method}\``);
  return requests.length > methodsNamed ? `${named.join(', ')}, …` : named.join(', ');
}

export default createRule<[], MessageIds>({
  name: 'require-server-discover',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require hand-rolled MCP servers to handle server/discover, which every MCP 2026-07-28 server must implement',
      spec: specUrls.discover,
      catalogue: ['L1'],
      findings: { missingServerDiscover: { severity: 'error', fix: 'manual' } },
      // Every report needs an MCP dispatch site, which routes a method only MCP has. Whole names:
      // the prefilter matches the longest token at each place, so a prefix such as 'tools/'
      // would be hidden wherever another rule lists 'tools/list'.
      prefilter: [...distinctiveMcpMethods],
    },
    messages: {
      missingServerDiscover: `This hand-rolled MCP server routes {{methods}} but never handles \`server/discover\`, which every 2026-07-28 server MUST implement. Add a \`server/discover\` handler that returns \`${discoverResultShape}\` (no top-level \`serverInfo\`), or serve through SDK v2 (\`createMcpHandler\`, \`serveStdio\`), which answers it for you.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    return {
      'Program:exit'() {
        if (fileEvidence(sourceCode).mcpMethods.has(discoverMethod)) return;
        for (const site of handRolledServerSites(sourceCode)) {
          const methods = describeRouting(site);
          if (!methods) continue;
          context.report({ ...reportedNode(site), messageId: 'missingServerDiscover', data: { methods } });
        }
      },
    };
  },
});
