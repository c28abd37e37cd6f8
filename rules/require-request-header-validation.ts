import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { staticValue } from '../src/ast/constants.js';
import type { DispatchSite } from '../src/ast/dispatch.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { delegationOf, postHandlers, reachableFunctions, servingSites, sitesReachedFrom, type Delegation } from '../src/ast/mcp-post-handlers.js';

import { calleeName, meaningfulParent, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { mcpSideOf } from '../src/ast/sdk.js';
import { isTestModule } from '../src/ast/test-module.js';
import { createRule } from '../src/create-rule.js';
import { corsHeaderListKeys } from '../src/mcp/headers.js';
import { distinctiveMcpMethods } from '../src/mcp/methods.js';
import {
  clientCapabilitiesMetaKey,
  headerMismatchCode,
  headerSchemaKey,
  invalidParamsCode,
  metaKeyConstants,
  methodHeader,
  nameHeader,
  namedRequestMethods,
  paramHeaderPrefix,
  protocolVersionHeader,
  protocolVersionMetaKey,
  sdkServingExports,
  unsupportedProtocolVersionCode,
} from '../src/mcp/request-validation.js';
import { specUrls } from '../src/mcp/spec.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What the file checks anywhere: header names read, `_meta` keys read, and whether tools declare `x-mcp-header`. */
interface Checks {
  headers: Set<string>;
  readsParamHeaders: boolean;
  metaKeys: Set<string>;
  declaresHeaderParams: boolean;
}

const standardHeaders = [protocolVersionHeader, methodHeader, nameHeader];
const toolCallMethod = 'tools/call';
const headerWriters = new Set(['setheader', 'set', 'append', 'appendheader', 'writehead']);
/** Objects whose keys are headers being sent, not checked: `{ headers: { … } }`, `new Headers({ … })`, `res.writeHead(200, { … })`. */
const headerObjectCallees = new Set(['Headers', 'writeHead', 'setHeaders', 'set']);

export default createRule<[], 'unvalidatedRequests'>({
  name: 'require-request-header-validation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require hand-rolled MCP HTTP servers to validate the MCP-Protocol-Version, Mcp-Method, Mcp-Name and Mcp-Param-* headers and the `_meta` envelope, as MCP 2026-07-28 does',
      spec: specUrls.streamableHttp,
      catalogue: ['H9', 'H10', 'H11', 'L5'],
      findings: { unvalidatedRequests: { severity: 'error', fix: 'manual' } },
      // Reports need hand-rolled MCP dispatch, which routes at least one method only MCP has.
      prefilter: [...distinctiveMcpMethods],
    },
    messages: {
      unvalidatedRequests: `This hand-rolled MCP endpoint never validates {{missing}}. Under MCP 2026-07-28 a server must answer a missing header, or one that disagrees with the body (MCP-Protocol-Version with \`_meta\` protocolVersion, Mcp-Method with \`method\`, Mcp-Name with the tool or prompt name or resource URI), with HTTP 400 and ${headerMismatchCode}, a missing \`_meta\` protocolVersion or clientCapabilities with 400 and ${invalidParamsCode}, and an unsupported version with 400 and ${unsupportedProtocolVersionCode}; SDK v2's \`createMcpHandler\` does all of this.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    return {
      'Program:exit'() {
        if (servesThroughSdk(sourceCode)) return;
        // A server a test module starts is a double for the client under test; nobody deploys it.
        if (isTestModule(sourceCode.ast)) return;
        const checks = checksIn(sourceCode);
        const reportedHandlers = new Set<TSESTree.Node>();
        for (const handler of postHandlers(sourceCode)) {
          if (reportedHandlers.has(handler.fn)) continue;
          const functions = reachableFunctions(handler, sourceCode);
          const sites = servingSites(sitesReachedFrom(functions, sourceCode, true)).filter((site) => !isSdkRegistry(site, sourceCode));
          if (sites.length === 0) continue;
          const missing = missingChecks(checks, sites, delegationOf(handler, functions, sourceCode));
          if (missing.length === 0) continue;
          reportedHandlers.add(handler.fn);
          context.report({ node: handler.anchor, messageId: 'unvalidatedRequests', data: { missing: joinAlternatives(missing) } });
        }
      },
    };
  },
});

function missingChecks(checks: Checks, sites: readonly DispatchSite[], delegation: Delegation): string[] {
  const missing: string[] = [];
  if (!delegation.headers) {
    if (!checks.headers.has(protocolVersionHeader)) missing.push('the MCP-Protocol-Version header');
    if (!checks.headers.has(methodHeader)) missing.push('the Mcp-Method header');
    const routesNamedRequests = sites.some((site) => namedRequestMethods.some((method) => site.methods.has(method)));
    if (routesNamedRequests && !checks.headers.has(nameHeader)) missing.push('the Mcp-Name header');
    // Mcp-Param-* headers carry `tools/call` arguments: an endpoint that only lists such tools receives none.
    const routesToolCalls = sites.some((site) => site.methods.has(toolCallMethod));
    if (checks.declaresHeaderParams && routesToolCalls && !checks.readsParamHeaders) missing.push(`the Mcp-Param-* headers of its \`${headerSchemaKey}\` tool arguments`);
  }
  if (!delegation.body) {
    const version = checks.metaKeys.has(protocolVersionMetaKey);
    const capabilities = checks.metaKeys.has(clientCapabilitiesMetaKey);
    if (!version && !capabilities) missing.push('the `_meta` protocolVersion and clientCapabilities');
    else if (!version) missing.push('the `_meta` protocolVersion');
    else if (!capabilities) missing.push('the `_meta` clientCapabilities');
  }
  return missing;
}

function joinAlternatives(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** A file that serves MCP through the SDK (`McpServer`, `createMcpHandler`, an SDK transport). */
function servesThroughSdk(sourceCode: SourceCode): boolean {
  let found = false;
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (found) return;
    if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return;
    const name = node.type === AST_NODE_TYPES.Identifier ? node.name : !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
    if (!name || !sdkServingExports.includes(name)) return;
    const parent = node.parent;
    if (!parent || parent.type.startsWith('TS') || parent.type.startsWith('Import') || parent.type === AST_NODE_TYPES.ExportSpecifier) return;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node) return;
    if (parent.type === AST_NODE_TYPES.Property && parent.key === node && parent.parent.type === AST_NODE_TYPES.ObjectPattern) return;
    found = mcpExportOf(node, sourceCode.getScope(node)) !== undefined;
  });
  return found;
}

/** `server.setRequestHandler('tools/list', …)` on an SDK server is the SDK's dispatch, not a hand-rolled one. */
function isSdkRegistry(site: DispatchSite, sourceCode: SourceCode): boolean {
  if (site.kind !== 'registry' || site.node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(site.node.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && mcpSideOf(callee.object, sourceCode) !== undefined;
}

const checksCache = new WeakMap<object, Checks>();

function checksIn(sourceCode: SourceCode): Checks {
  const cached = checksCache.get(sourceCode.ast);
  if (cached) return cached;
  const checks: Checks = { headers: new Set(), readsParamHeaders: false, metaKeys: new Set(), declaresHeaderParams: false };
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier && metaKeyConstants[node.name]) checks.metaKeys.add(metaKeyConstants[node.name]!);
    if (node.type !== AST_NODE_TYPES.Literal && node.type !== AST_NODE_TYPES.TemplateLiteral) return;
    const text = textOf(node, sourceCode);
    if (text === undefined) return;
    const lower = text.toLowerCase();
    if (lower === headerSchemaKey) checks.declaresHeaderParams = true;
    if ((text === protocolVersionMetaKey || text === clientCapabilitiesMetaKey) && !isObjectKey(node)) checks.metaKeys.add(text);
    if (!isHeaderRead(node, sourceCode)) return;
    if (standardHeaders.includes(lower)) checks.headers.add(lower);
    if (lower.startsWith(paramHeaderPrefix)) checks.readsParamHeaders = true;
  });
  checksCache.set(sourceCode.ast, checks);
  return checks;
}

/** A string's text; for a template with substitutions, the text before the first one (`mcp-param-${name}`). */
function textOf(node: TSESTree.Literal | TSESTree.TemplateLiteral, sourceCode: SourceCode): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : undefined;
  if (node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  const value = staticValue(node, sourceCode.getScope(node))?.value;
  return typeof value === 'string' ? value : (node.quasis[0]?.value.cooked ?? undefined);
}

function isObjectKey(node: TSESTree.Node): boolean {
  return node.parent?.type === AST_NODE_TYPES.Property && node.parent.key === node && node.parent.parent.type === AST_NODE_TYPES.ObjectExpression;
}

/**
 * Whether a header name is read or compared rather than sent or allow-listed: `req.headers['mcp-method']`,
 * `headers.get('Mcp-Name')`, `{ 'mcp-method': m } = req.headers`, a list of names to check. Writes
 * (`res.setHeader`, `{ headers: { … } }`) and CORS lists are not validation.
 */
function isHeaderRead(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const { parent, child } = meaningfulParent(node);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (parent.arguments[0] !== child) return true;
      const name = (calleeName(parent) ?? '').toLowerCase();
      return !(headerWriters.has(name) || (name === 'header' && parent.arguments.length > 1));
    }
    case AST_NODE_TYPES.Property: {
      if (parent.key === child) return parent.parent.type === AST_NODE_TYPES.ObjectPattern || !isHeaderObject(parent.parent);
      return !isCorsProperty(parent);
    }
    case AST_NODE_TYPES.ArrayExpression: {
      const outer = meaningfulParent(parent).parent;
      return !(outer?.type === AST_NODE_TYPES.Property && isCorsProperty(outer)) && !isCorsCallArgument(outer, sourceCode);
    }
    default:
      return true;
  }
}

function isCorsProperty(property: TSESTree.Property): boolean {
  return corsHeaderListKeys.includes((propertyKeyName(property) ?? '').toLowerCase());
}

/** `res.setHeader('Access-Control-Allow-Headers', [...])`. */
function isCorsCallArgument(node: TSESTree.Node | undefined, sourceCode: SourceCode): boolean {
  if (node?.type !== AST_NODE_TYPES.CallExpression || !node.arguments[0]) return false;
  const name = staticValue(node.arguments[0], sourceCode.getScope(node.arguments[0]))?.value;
  return typeof name === 'string' && corsHeaderListKeys.includes(name.toLowerCase());
}

function isHeaderObject(object: TSESTree.Node): boolean {
  const { parent, child } = meaningfulParent(object);
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === child) return propertyKeyName(parent)?.toLowerCase() === 'headers';
  if ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(child as TSESTree.CallExpressionArgument)) {
    return headerObjectCallees.has(calleeName(parent) ?? '');
  }
  return false;
}
