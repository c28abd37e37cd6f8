import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { constantOrigin } from '../src/ast/constants.js';
import { importsMcpTokens } from '../src/ast/evidence.js';
import { enclosingFunction } from '../src/ast/handlers.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { mcpClassOfValue } from '../src/ast/mcp-http-endpoint.js';
import { calleeName, functionBindingName, meaningfulParent, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { mcpSideOf } from '../src/ast/sdk.js';
import { createRule } from '../src/create-rule.js';
import { sseClientTransports, stdioServerTransports, v1SdkPackage, versionNegotiationOption } from '../src/mcp/http-serving.js';
import { streamableHttpServerTransports } from '../src/mcp/packages.js';
import { clientClasses } from '../src/mcp/sdk-api.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'connectsStdioTransport' | 'hostsStatelessHttpTransport' | 'hostsHttpTransport' | 'clientWithoutNegotiation' | 'v1Client';

/** Appended to server messages when the transport comes from SDK v1, which cannot serve 2026-07-28 at all. */
const upgradeHint = ' SDK v1 cannot serve 2026-07-28: upgrade to SDK v2 first.';
/** `Client#setVersionNegotiation`: the v2 way to choose the era after construction. */
const lateNegotiationMethod = 'setVersionNegotiation';
const pinAdvice = "a CLI that spawns a server per call may prefer a pin, `{ mode: { pin: '2026-07-28' } }`";
/** The `type` an MCP server config (mcp.json, a client's settings) gives the 2024-11-05 HTTP+SSE transport. */
const sseConfigType = 'sse';

export default createRule<[], MessageIds>({
  name: 'require-modern-sdk-entry',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the SDK entry points that serve and speak MCP 2026-07-28 (serveStdio, createMcpHandler, versionNegotiation)',
      spec: specUrls.versioning,
      catalogue: ['P11', 'L12'],
      findings: {
        connectsStdioTransport: { severity: 'error', fix: 'transform', transform: 'stdio-serve' },
        hostsStatelessHttpTransport: { severity: 'error', fix: 'transform', transform: 'http-handler' },
        hostsHttpTransport: { severity: 'error', fix: 'transform', transform: 'http-handler' },
        clientWithoutNegotiation: { severity: 'error', fix: 'transform', transform: 'client-negotiation' },
        v1Client: { severity: 'error', fix: 'manual' },
      },
      // Every report traces `StdioServerTransport`, a `…StreamableHTTPServerTransport` or `Client`
      // (namespace imports spell the name too); short tokens hide fewer of other rules' tokens.
      prefilter: ['stdio', 'StreamableHTTP', ...clientClasses],
      // Every report resolves its class (a transport, `Client`) with mcpExportOf, through an import
      // from an MCP package: the file must spell `@modelcontextprotocol/`. No extras.
      prefilterAlso: importsMcpTokens,
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
        // A raw stdio forwarder: after connect() it takes the transport's messages for itself.
        if (!takesOverMessages(call, argument)) context.report({ node: call, messageId: 'connectsStdioTransport', data: { upgrade } });
        return;
      }
      const className = mcpClassOfValue(argument, streamableHttpServerTransports, sourceCode);
      if (!className) return;
      const messageId = isStateless(construction) ? 'hostsStatelessHttpTransport' : 'hostsHttpTransport';
      context.report({ node: call, messageId, data: { className, upgrade } });
    }

    /**
     * `server.connect(transport)` followed by `server.transport.onmessage = …` or
     * `transport.onmessage = …`: the code forwards raw lines itself, and the SDK server never sees
     * a request. The stdio transport checks no protocol version, so nothing here serves an era;
     * the forwarder's own handshake is what must change (no-initialize-handshake).
     */
    function takesOverMessages(call: TSESTree.CallExpression, transport: TSESTree.Node): boolean {
      const server = unwrap((unwrap(call.callee) as TSESTree.MemberExpression).object);
      let found = false;
      walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
        if (found || node.type !== AST_NODE_TYPES.AssignmentExpression || node.range[0] < call.range[1]) return;
        const target = unwrap(node.left);
        if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || target.property.type !== AST_NODE_TYPES.Identifier || target.property.name !== 'onmessage') return;
        const holder = unwrap(target.object);
        if (sameValue(holder, transport)) found = true;
        else if (holder.type === AST_NODE_TYPES.MemberExpression && !holder.computed && holder.property.type === AST_NODE_TYPES.Identifier && holder.property.name === 'transport') {
          found = sameValue(unwrap(holder.object), server);
        }
      });
      return found;
    }

    /** The same variable (or the same `this.x` path) in two places. */
    function sameValue(a: TSESTree.Node, b: TSESTree.Node): boolean {
      const left = unwrap(a);
      const right = unwrap(b);
      if (left.type === AST_NODE_TYPES.Identifier && right.type === AST_NODE_TYPES.Identifier) {
        const variable = ASTUtils.findVariable(sourceCode.getScope(left), left);
        return variable !== null && variable === ASTUtils.findVariable(sourceCode.getScope(right), right);
      }
      return left.type === AST_NODE_TYPES.MemberExpression && right.type === AST_NODE_TYPES.MemberExpression && sourceCode.getText(left) === sourceCode.getText(right);
    }

    /**
     * The `connect(…)` calls of a client built by `new Client(…)`: on the variable it initialises
     * or is assigned to, or, when a local factory returns it, on the variables given that
     * factory's result (`client = newClient(message); await client.connect(transport)`).
     */
    function connectsOf(client: TSESTree.NewExpression): TSESTree.CallExpression[] {
      const holders: TSESTree.Identifier[] = [];
      const collect = (value: TSESTree.Node, depth: number) => {
        const { parent, child } = meaningfulParent(value);
        if (!parent || depth > 2) return;
        if (parent.type === AST_NODE_TYPES.AwaitExpression) return collect(parent, depth);
        if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier) holders.push(parent.id);
        if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === child && parent.left.type === AST_NODE_TYPES.Identifier) holders.push(parent.left);
        const fn = parent.type === AST_NODE_TYPES.ReturnStatement ? enclosingFunction(parent) : parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === child ? parent : undefined;
        const name = fn && functionBindingName(fn);
        if (!name) return;
        for (const reference of ASTUtils.findVariable(sourceCode.getScope(name), name)?.references ?? []) {
          const { parent: call, child: callee } = meaningfulParent(reference.identifier as TSESTree.Node);
          if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === callee) collect(call, depth + 1);
        }
      };
      collect(client, 0);
      const calls: TSESTree.CallExpression[] = [];
      for (const holder of holders) {
        for (const reference of ASTUtils.findVariable(sourceCode.getScope(holder), holder)?.references ?? []) {
          const { parent: member, child } = meaningfulParent(reference.identifier as TSESTree.Node);
          if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== child) continue;
          const { parent: call, child: callee } = meaningfulParent(member);
          if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === callee && calleeName(call) === 'connect' && !calls.includes(call)) calls.push(call);
        }
      }
      return calls;
    }

    /**
     * Every `connect()` of the client either goes over the 2024-11-05 HTTP+SSE transport (an
     * `SSEClientTransport`, or what a transport factory makes from a `{ type: 'sse' }` server
     * config), which no 2026-07-28 server offers and no-deprecated-sse-transport reports, or is
     * asserted to fail (`await expect(client.connect(t)).rejects…`), so no server is ever reached.
     * Version negotiation changes nothing for such a client.
     */
    function speaksNoModernServer(client: TSESTree.NewExpression): boolean {
      const connects = connectsOf(client);
      return connects.length > 0 && connects.every((call) => expectedToReject(call) || (call.arguments[0] !== undefined && overSse(call.arguments[0])));
    }

    function overSse(transport: TSESTree.Node): boolean {
      if (mcpClassOfValue(transport, sseClientTransports, sourceCode) || destructuredParameterClass(transport, sseClientTransports)) return true;
      // `createTransport({ type: 'sse', url }).transport`
      let node = unwrap(transport);
      if (node.type === AST_NODE_TYPES.MemberExpression) node = unwrap(node.object);
      if (node.type === AST_NODE_TYPES.Identifier) node = initOf(node) ?? node;
      if (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrap(node.argument);
      return node.type === AST_NODE_TYPES.CallExpression && node.arguments.some((argument) => configType(argument) === sseConfigType);
    }

    /** `({ sseTransport }: { sseTransport: SSEClientTransport }) => …`: the class a destructured parameter's type names. */
    function destructuredParameterClass(expression: TSESTree.Node, classNames: readonly string[]): boolean {
      const node = unwrap(expression);
      if (node.type !== AST_NODE_TYPES.Identifier) return false;
      const def = ASTUtils.findVariable(sourceCode.getScope(node), node)?.defs[0];
      const property = def?.type === 'Parameter' ? def.name.parent : undefined;
      const pattern = property?.parent;
      if (property?.type !== AST_NODE_TYPES.Property || pattern?.type !== AST_NODE_TYPES.ObjectPattern) return false;
      const literal = pattern.typeAnnotation?.typeAnnotation;
      if (literal?.type !== AST_NODE_TYPES.TSTypeLiteral) return false;
      const key = propertyKeyName(property);
      return literal.members.some((member) => {
        if (member.type !== AST_NODE_TYPES.TSPropertySignature || member.key.type !== AST_NODE_TYPES.Identifier || member.key.name !== key) return false;
        const type = member.typeAnnotation?.typeAnnotation;
        if (type?.type !== AST_NODE_TYPES.TSTypeReference) return false;
        const exported = mcpExportOf(type.typeName, sourceCode.getScope(type));
        return exported !== undefined && classNames.includes(exported.name);
      });
    }

    function initOf(identifier: TSESTree.Identifier): TSESTree.Node | undefined {
      const def = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)?.defs[0];
      return def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init ? unwrap(def.node.init) : undefined;
    }

    function configType(argument: TSESTree.Node): unknown {
      const config = objectOf(argument);
      const type = config?.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'type');
      return type && ASTUtils.getStaticValue(type.value, sourceCode.getScope(type.value))?.value;
    }

    /** `expect(client.connect(t)).rejects.toThrow()`. */
    function expectedToReject(call: TSESTree.CallExpression): boolean {
      const { parent, child } = meaningfulParent(call);
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== child) return false;
      const callee = unwrap(parent.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'expect') return false;
      const member = parent.parent;
      return member?.type === AST_NODE_TYPES.MemberExpression && member.object === parent && member.property.type === AST_NODE_TYPES.Identifier && member.property.name === 'rejects';
    }

    /** `new Client(info, options)` of the SDK: v1 always, v2 without `versionNegotiation`. */
    function checkClient(node: TSESTree.NewExpression): void {
      const exported = mcpExportOf(node.callee, sourceCode.getScope(node));
      if (!exported || !clientClasses.includes(exported.name)) return;
      if (speaksNoModernServer(node)) return;
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
