import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { constantOrigin } from '../src/ast/constants.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { mcpClassOfValue } from '../src/ast/mcp-http-endpoint.js';
import { calleeName, propertyKeyName, unwrap } from '../src/ast/nodes.js';
import { mcpSideOf } from '../src/ast/sdk.js';
import { createRule } from '../src/create-rule.js';
import { stdioServerTransports, v1SdkPackage, versionNegotiationOption } from '../src/mcp/http-serving.js';
import { streamableHttpServerTransports } from '../src/mcp/packages.js';
import { clientClasses } from '../src/mcp/sdk-api.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'connectsStdioTransport' | 'hostsStatelessHttpTransport' | 'hostsHttpTransport' | 'clientWithoutNegotiation' | 'v1Client';

/** Appended to server messages when the transport comes from SDK v1, which cannot serve 2026-07-28 at all. */
const upgradeHint = ' SDK v1 cannot serve 2026-07-28: upgrade to SDK v2 first.';
/** `Client#setVersionNegotiation`: the v2 way to choose the era after construction. */
const lateNegotiationMethod = 'setVersionNegotiation';
const pinAdvice = "a CLI that spawns a server per call may prefer a pin, `{ mode: { pin: '2026-07-28' } }`";

export default createRule<[], MessageIds>({
  name: 'require-modern-sdk-entry',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the SDK entry points that serve and speak MCP 2026-07-28 (serveStdio, createMcpHandler, versionNegotiation)',
      spec: specUrls.versioning,
      catalogue: ['P11', 'L12'],
      findings: {
        connectsStdioTransport: { severity: 'error', fix: 'manual' },
        hostsStatelessHttpTransport: { severity: 'error', fix: 'manual' },
        hostsHttpTransport: { severity: 'error', fix: 'manual' },
        clientWithoutNegotiation: { severity: 'error', fix: 'manual' },
        v1Client: { severity: 'error', fix: 'manual' },
      },
      // Every report traces `StdioServerTransport`, a `…StreamableHTTPServerTransport` or `Client`
      // (namespace imports spell the name too); short tokens hide fewer of other rules' tokens.
      prefilter: ['stdio', 'StreamableHTTP', ...clientClasses],
    },
    messages: {
      connectsStdioTransport:
        '`connect()` with a `StdioServerTransport` serves only 2025 clients (the `initialize` handshake), even on SDK v2. Serve with `serveStdio(() => buildServer())` from `@modelcontextprotocol/server/stdio`, which answers 2026-07-28 requests and still serves 2025 clients.{{upgrade}}',
      hostsStatelessHttpTransport:
        'A stateless {{className}} with `connect()` per request serves only 2025 clients, even on SDK v2. Replace the transport, `connect()` and `handleRequest()` with `createMcpHandler(() => buildServer())` from `@modelcontextprotocol/server` (mounted with `toNodeHandler` from `@modelcontextprotocol/node`), which serves 2026-07-28 and 2025 clients.{{upgrade}}',
      hostsHttpTransport:
        '`connect()` to a {{className}} serves only 2025 clients, even on SDK v2. Serve 2026-07-28 with `createMcpHandler(() => buildServer())` from `@modelcontextprotocol/server`; keep this sessionful leg, if you must, only for 2025 clients behind `isLegacyRequest()`.{{upgrade}}',
      clientWithoutNegotiation: `This SDK v2 \`Client\` has no \`versionNegotiation\`, so it runs the 2025 \`initialize\` handshake and never speaks 2026-07-28. Pass \`versionNegotiation: { mode: 'auto' }\` in its options (${pinAdvice}).`,
      v1Client: `The SDK v1 \`Client\` speaks only 2025 (the \`initialize\` handshake) and cannot talk to 2026-07-28-only servers. Upgrade to SDK v2 (\`Client\` from \`@modelcontextprotocol/client\`) with \`versionNegotiation: { mode: 'auto' }\` (${pinAdvice}).`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;

    /** Where the transport passed to `connect()` is created: `new X(…)`, directly or through a variable. */
    function constructionOf(expression: TSESTree.Node, depth = 0): TSESTree.NewExpression | undefined {
      const node = unwrap(expression);
      if (node.type === AST_NODE_TYPES.NewExpression) return node;
      if (node.type !== AST_NODE_TYPES.Identifier || depth > 3) return undefined;
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
      for (const def of variable?.defs ?? []) {
        if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && def.node.id === def.name) {
          const found = constructionOf(def.node.init, depth + 1);
          if (found) return found;
        }
      }
      // `let transport; … transport = new StreamableHTTPServerTransport(…)`
      for (const reference of variable?.references ?? []) {
        if (reference.writeExpr && reference.writeExpr !== node) {
          const found = constructionOf(reference.writeExpr, depth + 1);
          if (found) return found;
        }
      }
      return undefined;
    }

    /** The SDK package a transport class came from, when the construction is in view. */
    function fromSdkV1(construction: TSESTree.NewExpression | undefined): boolean {
      const exported = construction && mcpExportOf(construction.callee, sourceCode.getScope(construction));
      return exported !== undefined && isV1(exported.source);
    }

    function isV1(source: string): boolean {
      return source === v1SdkPackage || source.startsWith(`${v1SdkPackage}/`);
    }

    function objectOf(node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
      if (!node || node.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      const origin = constantOrigin(inner, sourceCode.getScope(inner))?.node;
      return origin?.type === AST_NODE_TYPES.ObjectExpression ? origin : undefined;
    }

    /** Stateless: no `sessionIdGenerator`, or `sessionIdGenerator: undefined`. Undefined when the options are out of view. */
    function isStateless(construction: TSESTree.NewExpression | undefined): boolean | undefined {
      if (!construction) return undefined;
      if (construction.arguments.length === 0) return true;
      const options = objectOf(construction.arguments[0]);
      if (!options || options.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      const generator = options.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'sessionIdGenerator');
      return !generator || (generator.value.type === AST_NODE_TYPES.Identifier && generator.value.name === 'undefined');
    }

    /** `server.connect(new StdioServerTransport())`, `buildServer().connect(transport)` with an HTTP transport. */
    function checkConnect(call: TSESTree.CallExpression): void {
      const callee = unwrap(call.callee);
      const argument = call.arguments[0];
      if (calleeName(call) !== 'connect' || callee.type !== AST_NODE_TYPES.MemberExpression || !argument) return;
      if (mcpSideOf(callee.object, sourceCode) === 'client') return;
      const construction = constructionOf(argument);
      const upgrade = fromSdkV1(construction) ? upgradeHint : '';
      if (mcpClassOfValue(argument, stdioServerTransports, sourceCode)) {
        context.report({ node: call, messageId: 'connectsStdioTransport', data: { upgrade } });
        return;
      }
      const className = mcpClassOfValue(argument, streamableHttpServerTransports, sourceCode);
      if (!className) return;
      const messageId = isStateless(construction) ? 'hostsStatelessHttpTransport' : 'hostsHttpTransport';
      context.report({ node: call, messageId, data: { className, upgrade } });
    }

    /** `new Client(info, options)` of the SDK: v1 always, v2 without `versionNegotiation`. */
    function checkClient(node: TSESTree.NewExpression): void {
      const exported = mcpExportOf(node.callee, sourceCode.getScope(node));
      if (!exported || !clientClasses.includes(exported.name)) return;
      if (isV1(exported.source)) return context.report({ node, messageId: 'v1Client' });
      if (negotiatesLater(node)) return;
      const optionsArgument = node.arguments[1];
      if (!optionsArgument) return context.report({ node, messageId: 'clientWithoutNegotiation' });
      const options = objectOf(optionsArgument);
      // Options built elsewhere or spread in may carry the setting: no guess.
      if (!options || options.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return;
      const negotiates = options.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === versionNegotiationOption);
      if (!negotiates) context.report({ node, messageId: 'clientWithoutNegotiation' });
    }

    /**
     * The era can also be chosen after construction: `client.setVersionNegotiation({ mode: 'auto' })`
     * (anywhere in the file, since the client may be a field), or a cached verdict passed to
     * `client.connect(transport, { prior })`.
     */
    function negotiatesLater(client: TSESTree.NewExpression): boolean {
      if (sourceCode.ast.tokens.some((token) => token.type === 'Identifier' && token.value === lateNegotiationMethod)) return true;
      const declarator = client.parent;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = ASTUtils.findVariable(sourceCode.getScope(declarator), declarator.id);
      return (variable?.references ?? []).some((reference) => connectsWithPrior(reference.identifier as TSESTree.Node));
    }

    function connectsWithPrior(identifier: TSESTree.Node): boolean {
      const member = identifier.parent;
      const call = member?.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return false;
      if (calleeName(call) !== 'connect') return false;
      const options = objectOf(call.arguments[1]);
      return options?.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'prior') ?? false;
    }

    return {
      CallExpression: checkConnect,
      NewExpression: checkClient,
    };
  },
});
