import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { DispatchSite } from '../src/ast/dispatch.js';
import { fileEvidence } from '../src/ast/evidence.js';
import { handRolledServerSites, serverRequestMethodsOf } from '../src/ast/hand-rolled-server.js';
import { calleeName, meaningfulParent, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { isTestModule } from '../src/ast/test-module.js';
import { isClientCommandRouting } from '../src/ast/unsent-values.js';
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
/** Keys of what a server answers with: the fields of MCP results, and the JSON-RPC response around them. */
const answerKeys: ReadonlySet<string> = new Set([
  'jsonrpc',
  'result',
  'resultType',
  'tools',
  'prompts',
  'resources',
  'resourceTemplates',
  'contents',
  'content',
  'structuredContent',
  'isError',
  'messages',
  'completion',
  'nextCursor',
  'capabilities',
  'protocolVersion',
  'supportedVersions',
]);
/** Calls that hand an answer on: `write(id, …)`, `reply(…)`, `res.json(…)`, `resolve(…)`. */
const answerSender = /^(?:send|reply|respond|write|json|end|resolve|postMessage|emit)/i;

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

/** The code that runs for a method at a switch or if-chain: the case body (through empty cases) or the `if` branch. */
function branchOf(at: TSESTree.Node): TSESTree.Node[] {
  const parent = at.parent;
  if (parent?.type === AST_NODE_TYPES.SwitchCase && parent.test === at) {
    const cases = parent.parent.cases;
    return cases.slice(cases.indexOf(parent)).find((c) => c.consequent.length > 0)?.consequent ?? [];
  }
  let child: TSESTree.Node = at;
  for (let current = at.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.BinaryExpression || current.type === AST_NODE_TYPES.LogicalExpression) continue;
    if (current.type === AST_NODE_TYPES.IfStatement && current.test === child) return [current.consequent];
    return [];
  }
  return [];
}

/**
 * Whether a dispatch answers the requests it routes, as a server's does: a table or registry of
 * handlers, a handshake, or a branch that builds a result or response (`{ tools }`,
 * `{ jsonrpc, id, result }`), returns or stores what a handler computed (`result = await
 * callTool(params)`, answered after the chain), or hands it to a sender
 * (`write(id, …)`, `res.json(…)`). A middleware that only reads the method to check scopes, or a
 * helper that classifies a request (`return { method, target }`), answers nothing.
 */
function answersRoutedRequests(site: DispatchSite, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (site.kind === 'table' || site.kind === 'registry' || site.methods.has('initialize')) return true;
  return [...site.methods.values()].some((at) => branchOf(at).some((statement) => answers(statement, sourceCode)));
}

function answers(statement: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let found = false;
  walk(statement, sourceCode.visitorKeys, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.ObjectExpression) {
      found = node.properties.some((p) => p.type === AST_NODE_TYPES.Property && answerKeys.has(propertyKeyName(p) ?? ''));
    } else if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
      let value = unwrap(node.argument);
      if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
      found = value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression;
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      // `result = await callTool(params)`, answered once after the chain (`reply(id, result)`).
      let value = unwrap(node.right);
      if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
      found = value.type === AST_NODE_TYPES.CallExpression && isAnsweredLater(node.left, sourceCode);
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      found = answerSender.test(calleeName(node) ?? '') && node.arguments.length > 0;
    }
  });
  return found;
}

/**
 * Whether the variable an assignment stores into is handed on as an answer: an argument of a
 * sender (`reply(body.id, result)`, `res.json(result)`), a value under an answer key
 * (`{ jsonrpc: '2.0', id, result }`), or returned. A scope middleware's
 * `required = registry.tools.get(name)`, only compared with the token's scopes, is not.
 */
function isAnsweredLater(target: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(target), target);
  return (variable?.references ?? []).some((reference) => {
    if (!reference.isRead()) return false;
    const { parent, child } = meaningfulParent(reference.identifier as TSESTree.Node);
    if (parent?.type === AST_NODE_TYPES.ReturnStatement) return true;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return answerSender.test(calleeName(parent) ?? '');
    return parent?.type === AST_NODE_TYPES.Property && parent.value === child && answerKeys.has(propertyKeyName(parent) ?? '');
  });
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
      findings: { missingServerDiscover: { severity: 'error', fix: 'transform', transform: 'initialize-to-discover' } },
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
        // A test's fake server (a fetch mock, a `Transport` double) plays a peer for the client under test; nobody deploys it.
        if (fileEvidence(sourceCode).mcpMethods.has(discoverMethod) || isTestModule(sourceCode.ast)) return;
        for (const site of handRolledServerSites(sourceCode)) {
          const methods = describeRouting(site);
          if (!methods || !answersRoutedRequests(site, sourceCode)) continue;
          // A CLI's or a UI's switch that issues one client request per method serves nothing.
          if (isClientCommandRouting(site.node, sourceCode)) continue;
          context.report({ ...reportedNode(site), messageId: 'missingServerDiscover', data: { methods } });
        }
      },
    };
  },
});
