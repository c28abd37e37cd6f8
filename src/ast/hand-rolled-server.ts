import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { serverAnsweredRequests } from '../mcp/methods.js';
import { sdkServingExports } from '../mcp/server-wire.js';
import { dispatchSites, isMcpSite, type DispatchSite } from './dispatch.js';
import { fileEvidence } from './evidence.js';
import { mcpExportOf } from './imports.js';
import { calleeName, walk } from './nodes.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** SDK handler registrations: a file that calls them has its requests routed by the SDK. */
const sdkRegistrations: ReadonlySet<string> = new Set(['setRequestHandler']);

const servedCache = new WeakMap<object, boolean>();
const sitesCache = new WeakMap<object, DispatchSite[]>();

/**
 * Whether the SDK serves this file's MCP server, so that it writes `resultType`, cache hints,
 * `server/discover` and HTTP statuses for it: the file creates or types an `McpServer`/`Server`,
 * uses an SDK server transport or serving entry (`createMcpHandler`, `serveStdio`,
 * `toNodeHandler`), or registers handlers with `setRequestHandler` (a server passed in untyped).
 */
export function servedBySdk(sourceCode: SourceCode): boolean {
  const cached = servedCache.get(sourceCode.ast);
  if (cached !== undefined) return cached;
  let served = false;
  if (fileEvidence(sourceCode).importsMcp || sourceCode.text.includes('setRequestHandler')) {
    walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
      if (!served) served = isSdkServingNode(node, sourceCode);
    });
  }
  servedCache.set(sourceCode.ast, served);
  return served;
}

function isSdkServingNode(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.NewExpression:
      return isSdkServingExport(node.callee, sourceCode);
    case AST_NODE_TYPES.CallExpression: {
      const name = calleeName(node);
      if (name && sdkRegistrations.has(name) && node.callee.type === AST_NODE_TYPES.MemberExpression) return true;
      return isSdkServingExport(node.callee, sourceCode);
    }
    case AST_NODE_TYPES.TSTypeReference:
      return isSdkServingExport(node.typeName, sourceCode);
    default:
      return false;
  }
}

function isSdkServingExport(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const exported = mcpExportOf(node, sourceCode.getScope(node));
  return exported !== undefined && sdkServingExports.has(exported.name);
}

/** The methods of a dispatch site that only a server receives (`tools/list`, `initialize`, ...). */
export function serverRequestMethodsOf(site: DispatchSite): string[] {
  return [...site.methods.keys()].filter((method) => serverAnsweredRequests.has(method));
}

/**
 * The hand-rolled MCP dispatch sites of a file that are a server's: they route at least one
 * method only MCP has (`isMcpSite`, so LSP's and A2A's `initialize` and `tasks/*` stay out)
 * and at least one request only a server receives (so a client's switch over incoming
 * notifications stays out). Empty when the SDK serves the file (`servedBySdk`).
 */
export function handRolledServerSites(sourceCode: SourceCode): DispatchSite[] {
  const cached = sitesCache.get(sourceCode.ast);
  if (cached) return cached;
  const sites = servedBySdk(sourceCode) ? [] : serverSitesOf(sourceCode);
  sitesCache.set(sourceCode.ast, sites);
  return sites;
}

function serverSitesOf(sourceCode: SourceCode): DispatchSite[] {
  return dispatchSites(sourceCode).filter((site) => isMcpSite(site) && serverRequestMethodsOf(site).length > 0);
}

/** The file speaks MCP as a server by itself: it routes MCP requests without an SDK server. */
export function isHandRolledServer(sourceCode: SourceCode): boolean {
  return handRolledServerSites(sourceCode).length > 0;
}

/**
 * Every MCP dispatch site of a file, SDK or hand-rolled, restricted to the methods it hands to
 * handlers: switches, if-chains and tables on MCP method names, and registrations such as
 * v2's `server.setRequestHandler('resources/subscribe', fn)`.
 */
export function mcpHandlerSites(sourceCode: SourceCode): DispatchSite[] {
  return dispatchSites(sourceCode).filter(isMcpSite);
}
