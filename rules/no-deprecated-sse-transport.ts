import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { staticValue } from '../src/ast/constants.js';
import { enclosingRoute, type HttpRoute } from '../src/ast/http-routes.js';
import { importedBindingOf, mcpExportOf } from '../src/ast/imports.js';
import { fileNamesMcpExport, mcpClassOfValue } from '../src/ast/mcp-http-endpoint.js';
import { calleeName, propertyKeyName, unwrap } from '../src/ast/nodes.js';
import { mcpInstanceClassOf } from '../src/ast/transports.js';
import { createRule } from '../src/create-rule.js';
import { sseClientTransports, ssePostMethod, sseServerTransports, sseSessionQueryParameter } from '../src/mcp/http-serving.js';
import { isMcpModuleSpecifier } from '../src/mcp/packages.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'servesSseRoute' | 'usesSseServerTransport' | 'usesSseClientTransport' | 'importsSseTransport';

const sseClasses = [...sseServerTransports, ...sseClientTransports];

export default createRule<[], MessageIds>({
  name: 'no-deprecated-sse-transport',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow the HTTP+SSE transport of 2024-11-05, which MCP 2026-07-28 lists as deprecated',
      spec: specUrls.deprecated,
      catalogue: ['H19'],
      findings: {
        servesSseRoute: { severity: 'warning', fix: 'manual' },
        usesSseServerTransport: { severity: 'warning', fix: 'manual' },
        usesSseClientTransport: { severity: 'warning', fix: 'manual' },
        importsSseTransport: { severity: 'warning', fix: 'manual' },
      },
      // Every report traces an SDK SSE transport class, imported under its own name.
      prefilter: sseClasses,
    },
    messages: {
      servesSseRoute:
        '`{{route}}` serves the HTTP+SSE transport of 2024-11-05, which MCP 2026-07-28 lists as deprecated. Serve one Streamable HTTP endpoint instead: `createMcpHandler(() => buildServer())` from `@modelcontextprotocol/server`, mounted with `toNodeHandler` (SDK v2).',
      usesSseServerTransport:
        '{{what}} belongs to the HTTP+SSE transport of 2024-11-05, which MCP 2026-07-28 lists as deprecated. Serve Streamable HTTP instead: `createMcpHandler(() => buildServer())` from `@modelcontextprotocol/server` (SDK v2).',
      usesSseClientTransport:
        '`SSEClientTransport` speaks the HTTP+SSE transport of 2024-11-05, which MCP 2026-07-28 lists as deprecated. Connect with `StreamableHTTPClientTransport` instead (SDK v2: and `versionNegotiation: { mode: \'auto\' }` on the `Client`).',
      importsSseTransport:
        'Imports `{{className}}`, the HTTP+SSE transport of 2024-11-05, which MCP 2026-07-28 lists as deprecated. Move to Streamable HTTP: `createMcpHandler` on SDK v2 servers, `StreamableHTTPClientTransport` on clients.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const reportedRoutes = new Set<HttpRoute>();
    const usedClasses = new Set<string>();

    /** Server-side uses are reported at the route that serves them, once per route, when there is one. */
    function reportServerUse(node: TSESTree.Node, what: string): void {
      usedClasses.add(sseServerTransports[0]!);
      const routed = enclosingRoute(node, sourceCode);
      if (!routed) return context.report({ node, messageId: 'usesSseServerTransport', data: { what } });
      if (reportedRoutes.has(routed.route)) return;
      reportedRoutes.add(routed.route);
      context.report({ node: routed.route.reportNode, messageId: 'servesSseRoute', data: { route: `${routed.route.method} ${routed.route.path}` } });
    }

    function checkNew(node: TSESTree.NewExpression): void {
      const exported = mcpExportOf(node.callee, sourceCode.getScope(node));
      if (!exported || !sseClasses.includes(exported.name)) return;
      if (sseClientTransports.includes(exported.name)) {
        usedClasses.add(exported.name);
        return context.report({ node, messageId: 'usesSseClientTransport' });
      }
      reportServerUse(node, `\`new ${exported.name}()\``);
    }

    /** `transport.handlePostMessage(req, res, body)` on an HTTP+SSE server transport. */
    function checkPostMessage(node: TSESTree.CallExpression): void {
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || calleeName(node) !== ssePostMethod) return;
      const traced = mcpClassOfValue(callee.object, sseServerTransports, sourceCode);
      if (traced || fileNamesMcpExport(sourceCode, sseServerTransports)) reportServerUse(node, `\`${ssePostMethod}()\``);
    }

    /** `transports[req.query.sessionId]`, `transports.get(url.searchParams.get('sessionId'))` of HTTP+SSE transports. */
    function checkSessionLookup(node: TSESTree.MemberExpression | TSESTree.CallExpression, key: TSESTree.Node | undefined): void {
      if (!key || !readsSessionQuery(key, 0)) return;
      if (mcpInstanceClassOf(node, sseServerTransports, sourceCode)) reportServerUse(node, 'Looking a transport up by the `sessionId` query parameter');
    }

    function readsSessionQuery(expression: TSESTree.Node, depth: number): boolean {
      if (depth > 3) return false;
      const node = unwrap(expression);
      switch (node.type) {
        case AST_NODE_TYPES.CallExpression: {
          const name = calleeName(node);
          if ((name === 'get' || name === 'query') && node.arguments[0] && staticValue(node.arguments[0], sourceCode.getScope(node))?.value === sseSessionQueryParameter) return true;
          return name === 'String' && node.arguments[0] !== undefined && readsSessionQuery(node.arguments[0], depth + 1);
        }
        case AST_NODE_TYPES.MemberExpression:
          return memberName(node) === sseSessionQueryParameter && isQueryObject(node.object);
        case AST_NODE_TYPES.Identifier:
          return identifierReadsSessionQuery(node, depth);
        case AST_NODE_TYPES.LogicalExpression:
          // `url.searchParams.get('sessionId') ?? ''`
          return readsSessionQuery(node.left, depth + 1);
        default:
          return false;
      }
    }

    function identifierReadsSessionQuery(identifier: TSESTree.Identifier, depth: number): boolean {
      const def = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
      if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
      if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
        // const { sessionId } = req.query
        return isQueryObject(def.node.init) && def.node.id.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === sseSessionQueryParameter);
      }
      return readsSessionQuery(def.node.init, depth + 1);
    }

    function memberName(member: TSESTree.MemberExpression): string | undefined {
      if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
      const value = staticValue(member.property, sourceCode.getScope(member))?.value;
      return typeof value === 'string' ? value : undefined;
    }

    /** `req.query`, `request.query`, `url.searchParams` (whose `.sessionId` would be a mistake anyway). */
    function isQueryObject(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      return inner.type === AST_NODE_TYPES.MemberExpression && ['query', 'searchParams'].includes(memberName(inner) ?? '');
    }

    /** Imports of the SSE transports that the file never constructs or serves: type-only uses, re-exports. */
    function reportUnusedImports(): void {
      const moduleScope = sourceCode.scopeManager?.globalScope?.childScopes.find((scope) => scope.type === 'module') ?? sourceCode.scopeManager?.globalScope;
      for (const variable of moduleScope?.variables ?? []) checkImportedVariable(variable);
    }

    function checkImportedVariable(variable: TSESLint.Scope.Variable): void {
      const def = variable.defs[0];
      if (!def || def.name.type !== AST_NODE_TYPES.Identifier) return;
      const binding = importedBindingOf(def.name, sourceCode.getScope(def.name));
      if (!binding || !isMcpModuleSpecifier(binding.source) || !sseClasses.includes(binding.imported) || usedClasses.has(binding.imported)) return;
      const node = def.type === 'ImportBinding' ? def.node : def.name;
      context.report({ node, messageId: 'importsSseTransport', data: { className: binding.imported } });
    }

    return {
      NewExpression: checkNew,
      CallExpression(node) {
        checkPostMessage(node);
        if (calleeName(node) === 'get') checkSessionLookup(node, node.arguments[0]);
      },
      'MemberExpression[computed=true]'(node: TSESTree.MemberExpression) {
        checkSessionLookup(node, node.property);
      },
      'Program:exit': reportUnusedImports,
    };
  },
});
