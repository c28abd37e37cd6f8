import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { type DispatchSite, dispatchSites } from './dispatch.js';
import { servedBySdk } from './hand-rolled-server.js';
import { postHandlers } from './mcp-post-handlers.js';
import { meaningfulParent, objectKeyNames, unwrap, walk } from './nodes.js';
import { recordKeyNames } from './unsent-values.js';
import { mcpSideOf } from './sdk.js';

/*
 * Code that spells MCP method names without answering them: a client's command router (a
 * CLI's `--method` switch, a UI replaying a logged request) issues the request through a client
 * in each branch, and a message log keeps copies of messages that were already sent. Rules that
 * say "handles" or "sends" ask here before they do.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `client`, `inspectorClient`, `this.mcpClient`: a receiver named as a client. */
const clientName = /client$/i;

const routerCache = new WeakMap<object, DispatchSite[]>();

/**
 * The switches and if-chains on MCP method names that issue requests rather than answer them:
 * most of their branches (two at least) call a client or hand one on
 * (`case 'tools/list': await client.listTools(cursor)`, `new ToolsState(inspectorClient)`), in
 * a file that serves nothing (no SDK server, no HTTP handler, no JSON-RPC response written).
 */
export function clientCommandRouters(sourceCode: SourceCode): DispatchSite[] {
  const cached = routerCache.get(sourceCode.ast);
  if (cached) return cached;
  const routers = servesMessages(sourceCode)
    ? []
    : dispatchSites(sourceCode).filter((site) => (site.kind === 'switch' || site.kind === 'if-chain') && issuesThroughClient(site, sourceCode));
  routerCache.set(sourceCode.ast, routers);
  return routers;
}

/** `at` names a method (a `case` test, one side of `===`) in a client's command router. */
export function isClientCommandRoute(at: TSESTree.Node, sourceCode: SourceCode): boolean {
  return clientCommandRouters(sourceCode).some((site) => within(site.node, at) || [...site.methods.values()].includes(at));
}

/** `node` runs in a branch of a client's command router. */
export function isInClientCommandBranch(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  return clientCommandRouters(sourceCode).some(
    (site) => within(site.node, node) || [...site.methods.values()].some((at) => branchOf(at).some((statement) => within(statement, node))),
  );
}

function within(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

function issuesThroughClient(site: DispatchSite, sourceCode: SourceCode): boolean {
  const branches = new Map<TSESTree.Node, TSESTree.Node[]>();
  for (const at of site.methods.values()) {
    const branch = branchOf(at);
    if (branch.length > 0) branches.set(branch[0]!, branch);
  }
  const calling = [...branches.values()].filter((branch) => branch.some((statement) => usesClient(statement, sourceCode))).length;
  return calling >= 2 && calling * 2 >= branches.size;
}

/** The statements a method's `case` or `if` runs: through the empty cases that fall into the next. */
function branchOf(at: TSESTree.Node): TSESTree.Node[] {
  const parent = at.parent;
  if (parent?.type === AST_NODE_TYPES.SwitchCase && parent.test === at) {
    const cases = parent.parent.cases;
    for (let i = cases.indexOf(parent); i < cases.length; i++) if (cases[i]!.consequent.length > 0) return cases[i]!.consequent;
    return [];
  }
  let child: TSESTree.Node = at;
  for (let current = at.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.BinaryExpression || current.type === AST_NODE_TYPES.LogicalExpression || current.type === AST_NODE_TYPES.UnaryExpression) continue;
    if ((current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && current.test === child) return [current.consequent];
    return [];
  }
  return [];
}

/** A call on a client (`client.ping()`, `this.client.request(…)`) or one that is handed a client. */
function usesClient(statement: TSESTree.Node, sourceCode: SourceCode): boolean {
  let found = false;
  walk(statement, sourceCode.visitorKeys, (node) => {
    if (found || (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression)) return;
    const callee = unwrap(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && isClient(callee.object, sourceCode)) found = true;
    else if (node.arguments.some((argument) => isClient(argument, sourceCode))) found = true;
  });
  return found;
}

/** A value named or typed as a client (`client`, `probe: ProbeClient`, `this.mcpClient`), or an SDK `Client`. */
function isClient(expression: TSESTree.Node, sourceCode: SourceCode): boolean {
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.Identifier) return clientName.test(node.name) || isTypedAsClient(node, sourceCode) || mcpSideOf(node, sourceCode) === 'client';
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    return clientName.test(node.property.name) || mcpSideOf(node, sourceCode) === 'client';
  }
  return false;
}

function isTypedAsClient(identifier: TSESTree.Identifier, sourceCode: SourceCode): boolean {
  const declared = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0]?.name;
  const annotation = declared?.type === AST_NODE_TYPES.Identifier ? declared.typeAnnotation?.typeAnnotation : undefined;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const typeName = annotation.typeName;
  return typeName.type === AST_NODE_TYPES.Identifier ? clientName.test(typeName.name) : typeName.type === AST_NODE_TYPES.TSQualifiedName && clientName.test(typeName.right.name);
}

/** The file answers MCP messages: an SDK server, an HTTP handler, or a JSON-RPC result or error it writes. */
function servesMessages(sourceCode: SourceCode): boolean {
  if (servedBySdk(sourceCode) || postHandlers(sourceCode).length > 0) return true;
  let writesResponse = false;
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (writesResponse || node.type !== AST_NODE_TYPES.ObjectExpression) return;
    const keys = objectKeyNames(node);
    writesResponse = keys.has('jsonrpc') && (keys.has('result') || keys.has('error'));
  });
  return writesResponse;
}

/**
 * A message kept in a log entry, `{ id, timestamp, direction: 'request', message: { … } }`
 * (also when the entry's other fields come from a spread constant): a record of traffic for a
 * history view or a test of one, not a message on its way anywhere.
 */
export function isRecordedMessage(object: TSESTree.ObjectExpression, sourceCode: SourceCode): boolean {
  const { parent: property, child } = meaningfulParent(object);
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== child) return false;
  const entry = property.parent;
  if (entry.type !== AST_NODE_TYPES.ObjectExpression) return false;
  // Stricter than unsent-values' `isTrafficRecordValue` (which needs only `direction`): the
  // outbound-request rules also want the time, so a `{ direction, message }` routing hint stays reported.
  const keys = recordKeyNames(entry, sourceCode);
  return keys.has('timestamp') && keys.has('direction');
}
