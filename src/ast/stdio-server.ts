import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { stdioServerExports } from '../mcp/deprecated-logging.js';
import { distinctiveMcpMethods } from '../mcp/methods.js';
import { dispatchSites } from './dispatch.js';
import { fileEvidence } from './evidence.js';
import { mcpExportOf } from './imports.js';
import { unwrap, walk } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * How a file serves MCP over its own stdin and stdout, if it does: `sdk` when it constructs
 * the SDK's `StdioServerTransport` or calls `serveStdio` (both imported from an MCP package),
 * `hand-rolled` when it uses no SDK, routes MCP requests by method name, reads `process.stdin`
 * and writes `process.stdout` (or JSON lines with `console.log`). A stdio *client* (which spawns the server) is neither.
 */
export type StdioServerKind = 'sdk' | 'hand-rolled';

const cache = new WeakMap<object, StdioServerKind | null>();

export function stdioServerKind(sourceCode: SourceCode): StdioServerKind | undefined {
  const cached = cache.get(sourceCode.ast);
  if (cached !== undefined) return cached ?? undefined;
  const kind = findStdioServer(sourceCode);
  cache.set(sourceCode.ast, kind ?? null);
  return kind;
}

function findStdioServer(sourceCode: SourceCode): StdioServerKind | undefined {
  let usesSdk = false;
  let readsStdin = false;
  let writesStdout = false;
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if ((node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) && isStdioServerExport(node.callee, sourceCode)) {
      usesSdk = true;
    }
    if (node.type === AST_NODE_TYPES.CallExpression && writesJsonLine(node)) writesStdout = true;
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      if (isProcessStream(node, 'stdin')) readsStdin = true;
      if (isProcessStream(node, 'stdout')) writesStdout = true;
    }
  });
  if (usesSdk) return 'sdk';
  const handRolled = readsStdin && writesStdout && !fileEvidence(sourceCode).importsMcp && routesMcpRequests(sourceCode);
  return handRolled ? 'hand-rolled' : undefined;
}

/**
 * A switch, if-chain or dispatch table that routes MCP *requests* (`tools/list`,
 * `resources/read`): what a server does with its stdin. A CLI client that reads the
 * user's input from stdin and sends MCP requests does not route them.
 */
function routesMcpRequests(sourceCode: SourceCode): boolean {
  return dispatchSites(sourceCode).some(
    (site) => site.kind !== 'registry' && [...site.methods.keys()].some((method) => distinctiveMcpMethods.has(method) && !method.startsWith('notifications/')),
  );
}

function isStdioServerExport(callee: TSESTree.Node, sourceCode: SourceCode): boolean {
  const exported = mcpExportOf(callee, sourceCode.getScope(callee));
  return exported !== undefined && stdioServerExports.has(exported.name);
}

/**
 * `console.log(JSON.stringify(message))`: how many hand-rolled stdio servers write their
 * JSON-RPC lines. In such a server it is the protocol channel, not a diagnostic.
 */
export function writesJsonLine(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const argument = call.arguments.length === 1 ? unwrap(call.arguments[0]!) : undefined;
  return (
    isMember(callee, 'console', 'log') &&
    argument?.type === AST_NODE_TYPES.CallExpression &&
    isMember(unwrap(argument.callee), 'JSON', 'stringify')
  );
}

function isMember(node: TSESTree.Node, object: string, property: string): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === object &&
    node.property.type === AST_NODE_TYPES.Identifier &&
    node.property.name === property
  );
}

/** `process.stdin` / `process.stdout`. */
function isProcessStream(member: TSESTree.MemberExpression, stream: 'stdin' | 'stdout'): boolean {
  const object = unwrap(member.object);
  return (
    !member.computed &&
    member.property.type === AST_NODE_TYPES.Identifier &&
    member.property.name === stream &&
    object.type === AST_NODE_TYPES.Identifier &&
    object.name === 'process'
  );
}
