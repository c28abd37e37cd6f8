import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { staticValue } from '../src/ast/constants.js';
import { fileEvidence } from '../src/ast/evidence.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { containsNode } from '../src/ast/mcp-method-sites.js';
import { calleeName, isFunction, meaningfulParent, propertyKeyName, unwrap } from '../src/ast/nodes.js';
import { mcpSideOf } from '../src/ast/sdk.js';
import { type SessionIdSource, mcpSessionIdSource, sessionIdIn } from '../src/ast/session-id.js';
import { collectionElementClass } from '../src/ast/transport-collections.js';
import { mcpInstanceClassOf } from '../src/ast/transports.js';
import { createRule } from '../src/create-rule.js';
import { sessionIdHeader } from '../src/mcp/headers.js';
import { streamableHttpServerTransports } from '../src/mcp/packages.js';
import { handlerRegistrations } from '../src/mcp/sdk-api.js';
import {
  collectionWrites,
  correlationMethods,
  keyedAccessMethods,
  recordQueryMethods,
  sessionIdGeneratorOption,
  sessionLifecycleOptions,
  stdioServerEntries,
} from '../src/mcp/session-state.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds =
  | 'generatesSessionIds'
  | 'sessionLifecycleCallback'
  | 'sessionKeyedTransports'
  | 'sessionKeyedState'
  | 'sessionIdForCorrelation'
  | 'processStateAsSession';

type Action = 'Declares' | 'Stores into' | 'Looks up in' | 'Removes from';

const transportClasses = streamableHttpServerTransports;

/** How a message names where the session id came from. */
const sourceWords: Readonly<Record<SessionIdSource, string>> = {
  context: "the handler context's `sessionId`",
  transport: "the transport's `sessionId`",
  header: 'the `Mcp-Session-Id` header',
  lifecycle: 'the id a session callback receives',
  written: 'the id it sends as the `Mcp-Session-Id` header',
};

const handles =
  'Key it by an explicit, server-minted handle that a tool returns and later calls pass as a tool argument (or by the auth principal), stored where every server instance can read it';

/** `transports[id] = t` stores, `delete transports[id]` removes, anything else reads. */
function accessAction(member: TSESTree.MemberExpression): Action {
  const { parent, child } = meaningfulParent(member);
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === child) return 'Stores into';
  if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') return 'Removes from';
  return 'Looks up in';
}

export default createRule<[], MessageIds>({
  name: 'no-session-state',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow application state keyed by the MCP session, which MCP 2026-07-28 removed',
      spec: specUrls.statelessness,
      catalogue: ['H3', 'H4', 'M9', 'P10'],
      findings: {
        generatesSessionIds: { severity: 'error', fix: 'transform', transform: 'http-handler' },
        sessionLifecycleCallback: { severity: 'error', fix: 'transform', transform: 'http-handler' },
        sessionKeyedTransports: { severity: 'error', fix: 'transform', transform: 'http-handler' },
        sessionKeyedState: { severity: 'error', fix: 'transform', transform: 'session-state-handles' },
        sessionIdForCorrelation: { severity: 'warning', fix: 'manual' },
        processStateAsSession: { severity: 'warning', fix: 'manual' },
      },
      // Every session id comes from an SDK object or from the Mcp-Session-Id header.
      prefilter: ['@modelcontextprotocol/', sessionIdHeader],
    },
    messages: {
      generatesSessionIds:
        '`sessionIdGenerator` makes this {{className}} mint 2025 session ids (Mcp-Session-Id), which MCP 2026-07-28 removed: any request may reach any server instance. Serve each request on its own: `createMcpHandler(() => buildServer())` on SDK v2, or `sessionIdGenerator: undefined` on SDK v1.',
      sessionLifecycleCallback:
        '`{{name}}` runs when a 2025 session opens or closes; 2026-07-28 has no sessions, so it never runs for modern clients. Build per-request objects in the server factory (`createMcpHandler(() => buildServer())` on SDK v2) and keep long-lived ones outside it, keyed by explicit handles.',
      sessionKeyedTransports:
        '{{action}} a collection of MCP transports keyed by session id; 2026-07-28 requests carry no session id to find a transport by, and may reach any server instance. Serve each request with a fresh server instead: `createMcpHandler(() => buildServer())` with `toNodeHandler` on SDK v2.',
      sessionKeyedState: `Keys application state by the MCP session id ({{source}}), which 2026-07-28 removed: modern requests have none and may reach any server instance. ${handles}.`,
      sessionIdForCorrelation:
        "Uses the MCP session id to correlate logs or traces; 2026-07-28 has no sessions, so it is undefined for modern requests. Use the request's id instead (`ctx.mcpReq.id` on SDK v2), or a handle of your own.",
      processStateAsSession: `\`{{name}}\` is set by one MCP request and read by others, so this stdio server treats its process as a session; 2026-07-28 servers should not. Return a handle from the tool that creates the state (for example \`connection_id\`) and take it as an argument of the tools that use it.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    let servesStdio = false;

    /** The statements, collections and findings reported so far, so one statement gets one finding per collection. */
    const reportedAccesses = new Set<string>();

    function report(node: TSESTree.Node, messageId: MessageIds, data?: Record<string, string>): void {
      const access = accessKey(node);
      if (access) {
        const key = `${access}|${messageId}|${JSON.stringify(data ?? {})}`;
        if (reportedAccesses.has(key)) return;
        reportedAccesses.add(key);
      }
      context.report({ node, messageId, ...(data ? { data } : {}) });
    }

    /**
     * The statement and the collection of a keyed access (`subs.has(sid)`, `prefs[sid]`), so that
     * `if (subs.has(sid)) subs.delete(sid);` is one finding: the guard and the write are one change.
     * A guarded statement on its own (no braces) belongs to its `if` or loop.
     */
    function accessKey(node: TSESTree.Node): string | undefined {
      const callee = node.type === AST_NODE_TYPES.CallExpression ? unwrap(node.callee) : undefined;
      const collection =
        callee?.type === AST_NODE_TYPES.MemberExpression ? callee.object : node.type === AST_NODE_TYPES.MemberExpression ? node.object : undefined;
      if (!collection) return undefined;
      let statement: TSESTree.Node | undefined = node;
      while (statement && !/Statement$|Declaration$/.test(statement.type)) {
        if (isFunction(statement)) return undefined;
        statement = statement.parent;
      }
      if (!statement) return undefined;
      const holder = statement.parent;
      const guarded =
        statement.type !== AST_NODE_TYPES.IfStatement &&
        statement.type !== AST_NODE_TYPES.BlockStatement &&
        (holder?.type === AST_NODE_TYPES.IfStatement ||
          holder?.type === AST_NODE_TYPES.ForStatement ||
          holder?.type === AST_NODE_TYPES.ForOfStatement ||
          holder?.type === AST_NODE_TYPES.ForInStatement ||
          holder?.type === AST_NODE_TYPES.WhileStatement);
      const at = guarded ? holder! : statement;
      return `${at.range[0]}:${at.range[1]}|${sourceCode.getText(unwrap(collection))}`;
    }

    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);

    // ---- Streamable HTTP transport options -------------------------------------------

    function checkTransportOptions(node: TSESTree.NewExpression): void {
      const className = mcpInstanceClassOf(node, transportClasses, sourceCode);
      const options = node.arguments[0];
      if (!className || !options) return;
      for (const property of optionProperties(options, 0)) {
        const key = propertyKeyName(property);
        if (key === sessionIdGeneratorOption && !isUndefined(property.value)) report(property, 'generatesSessionIds', { className });
        if (key && sessionLifecycleOptions.includes(key)) report(property, 'sessionLifecycleCallback', { name: key });
      }
    }

    /** The properties of an options object, written inline, held in a variable, or spread in. */
    function optionProperties(node: TSESTree.Node, depth: number): TSESTree.Property[] {
      const object = objectBehind(node);
      if (!object || depth > 2) return [];
      return object.properties.flatMap((property) => {
        if (property.type === AST_NODE_TYPES.Property) return [property];
        return property.type === AST_NODE_TYPES.SpreadElement ? optionProperties(property.argument, depth + 1) : [];
      });
    }

    function objectBehind(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
      const def = ASTUtils.findVariable(scopeOf(inner), inner)?.defs[0];
      const init = def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name ? def.node.init : undefined;
      const object = init ? unwrap(init) : undefined;
      return object?.type === AST_NODE_TYPES.ObjectExpression ? object : undefined;
    }

    function isUndefined(value: TSESTree.Node): boolean {
      const found = staticValue(value, scopeOf(value));
      return found !== null && found.value === undefined;
    }

    /** `transport.onsessioninitialized = (id) => …` after construction. */
    function checkLifecycleAssignment(node: TSESTree.AssignmentExpression): void {
      const left = unwrap(node.left);
      if (left.type !== AST_NODE_TYPES.MemberExpression || left.computed || left.property.type !== AST_NODE_TYPES.Identifier) return;
      const name = left.property.name;
      if (sessionLifecycleOptions.includes(name) && mcpInstanceClassOf(left.object, transportClasses, sourceCode)) {
        report(left, 'sessionLifecycleCallback', { name });
      }
    }

    // ---- Collections of transports -----------------------------------------------------

    function checkCollectionDeclaration(node: TSESTree.VariableDeclarator | TSESTree.PropertyDefinition): void {
      const collection = node.type === AST_NODE_TYPES.VariableDeclarator ? node.id : node;
      if (collection.type !== AST_NODE_TYPES.Identifier && collection.type !== AST_NODE_TYPES.PropertyDefinition) return;
      if (collectionElementClass(collection, transportClasses, sourceCode)) report(node, 'sessionKeyedTransports', { action: 'Declares' });
    }

    /** `transports[id]`: writes always, reads when the key is the session id. True when it is such a collection. */
    function checkTransportAccess(member: TSESTree.MemberExpression): boolean {
      if (!mcpInstanceClassOf(member, transportClasses, sourceCode)) return false;
      const action = accessAction(member);
      if (action !== 'Looks up in' || sessionKey(member.property)) report(member, 'sessionKeyedTransports', { action });
      return true;
    }

    /** `transports.set(id, t)`, `.delete(id)`; `.get(sid)`/`.has(sid)` by the session id. */
    function checkTransportCall(call: TSESTree.CallExpression, receiver: TSESTree.Node, method: string): boolean {
      const holdsTransports =
        (method === 'get' && mcpInstanceClassOf(call, transportClasses, sourceCode)) ||
        (method === 'set' && call.arguments[1] && mcpInstanceClassOf(call.arguments[1], transportClasses, sourceCode)) ||
        collectionElementClass(unwrap(receiver), transportClasses, sourceCode);
      if (!holdsTransports) return false;
      const write = collectionWrites[method];
      const action: Action = write === 'store' ? 'Stores into' : write === 'remove' ? 'Removes from' : 'Looks up in';
      if (write || (call.arguments[0] && sessionKey(call.arguments[0]))) report(call, 'sessionKeyedTransports', { action });
      return true;
    }

    // ---- State keyed by the session id -------------------------------------------------

    /**
     * What makes `key` a session key: the id itself (the finding goes on the access), or a key
     * built from it (`` `cart:${sid}` ``, also through a constant; the finding goes on the template).
     */
    function sessionKey(key: TSESTree.Node): { source: SessionIdSource; built?: TSESTree.Node } | undefined {
      const direct = mcpSessionIdSource(key, sourceCode);
      if (direct) return { source: direct };
      const inner = unwrap(key);
      const built = inner.type === AST_NODE_TYPES.Identifier ? constantInitializer(inner) : inner;
      const source = built && sessionIdIn(built, sourceCode);
      return source && built ? { source, built } : undefined;
    }

    function constantInitializer(identifier: TSESTree.Identifier): TSESTree.Node | undefined {
      const def = ASTUtils.findVariable(scopeOf(identifier), identifier)?.defs[0];
      return def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init
        ? unwrap(def.node.init)
        : undefined;
    }

    function checkStateKey(key: TSESTree.Node | undefined, access: TSESTree.Node): void {
      const found = key && sessionKey(key);
      if (found) report(found.built ?? access, 'sessionKeyedState', { source: sourceWords[found.source] });
    }

    /** `db.carts.findOne({ sessionId: extra.sessionId })`, `prisma.cart.upsert({ where: { sessionId } })`. */
    function checkRecordFilter(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      for (const argument of call.arguments) checkRecordObject(argument, 0);
    }

    function checkRecordObject(node: TSESTree.Node, depth: number): void {
      const object = unwrap(node);
      if (object.type !== AST_NODE_TYPES.ObjectExpression || depth > 2) return;
      for (const property of object.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        // `new Request(url, { headers: { 'mcp-session-id': sid } })` sends the header (no-session-id-header's finding); it keys nothing.
        if (propertyKeyName(property)?.toLowerCase() === sessionIdHeader) continue;
        const source = mcpSessionIdSource(property.value, sourceCode);
        if (source) report(property, 'sessionKeyedState', { source: sourceWords[source] });
        else checkRecordObject(property.value, depth + 1);
      }
    }

    /** `new ChatMemory(extra.sessionId)`, `new SessionStore({ sessionId: ctx.sessionId })`: a store made per session. */
    function checkPerSessionStore(node: TSESTree.NewExpression): void {
      if (/Error$/.test(calleeName(node) ?? '')) return;
      const byId = node.arguments.find((argument) => mcpSessionIdSource(argument, sourceCode));
      const source = byId && mcpSessionIdSource(byId, sourceCode);
      if (source) return report(node, 'sessionKeyedState', { source: sourceWords[source] });
      checkRecordFilter(node);
    }

    // ---- Correlation only ------------------------------------------------------------------

    /** The handler-context session ids inside a logged value (`extra.sessionId`, `{ sessionId }`, `` `[${sid}]` ``). */
    function checkCorrelation(value: TSESTree.Node | undefined): void {
      if (!value) return;
      const inner = unwrap(value);
      if (isFunction(inner)) return;
      if ((inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.MemberExpression) && mcpSessionIdSource(inner, sourceCode) === 'context') {
        return report(inner, 'sessionIdForCorrelation');
      }
      for (const key of sourceCode.visitorKeys[inner.type] ?? []) {
        if (isNameOnly(inner, key)) continue;
        const child = (inner as unknown as Record<string, unknown>)[key];
        for (const item of Array.isArray(child) ? child : [child]) {
          if (item && typeof item === 'object' && 'type' in item) checkCorrelation(item as TSESTree.Node);
        }
      }
    }

    /** Property names that are not values: `a.name`, the key of `{ name: v }`. */
    function isNameOnly(node: TSESTree.Node, key: string): boolean {
      if (node.type === AST_NODE_TYPES.MemberExpression) return key === 'property' && !node.computed;
      if (node.type === AST_NODE_TYPES.Property) return key === 'key' && !node.computed;
      return node.type.startsWith('TS');
    }

    // ---- stdio process state (P10) ---------------------------------------------------------

    function noteStdioEntry(callee: TSESTree.Node): void {
      const exported = mcpExportOf(callee, scopeOf(callee));
      if (exported && stdioServerEntries.includes(exported.name)) servesStdio = true;
    }

    /** The SDK handler callback (`registerTool(…, fn)`, `setRequestHandler(…, fn)`) that `node` runs in. */
    function sdkHandlerOf(node: TSESTree.Node): TSESTree.Node | undefined {
      for (let current = node.parent; current; current = current.parent) {
        const call = current.parent;
        if (!isFunction(current) || call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(current as TSESTree.CallExpressionArgument)) continue;
        const name = calleeName(call);
        const callee = unwrap(call.callee);
        if (!name || !(name in handlerRegistrations) || callee.type !== AST_NODE_TYPES.MemberExpression) continue;
        if (mcpSideOf(callee.object, sourceCode) === 'server' || fileEvidence(sourceCode).importsMcp) return current;
      }
      return undefined;
    }

    /** `let` variables one request handler writes and another reads. */
    function checkProcessState(): void {
      for (const scope of sourceCode.scopeManager?.scopes ?? []) {
        for (const variable of scope.variables) checkSharedLet(variable);
      }
    }

    function checkSharedLet(variable: TSESLint.Scope.Variable): void {
      const def = variable.defs[0];
      if (def?.type !== 'Variable' || def.parent?.type !== AST_NODE_TYPES.VariableDeclaration || def.parent.kind !== 'let') return;
      const readers = variable.references.filter((r) => r.isRead()).map((r) => sdkHandlerOf(r.identifier as TSESTree.Node));
      for (const write of variable.references) {
        if (!write.isWrite() || write.init) continue;
        const handler = sdkHandlerOf(write.identifier as TSESTree.Node);
        const assignment = write.identifier.parent;
        // A plain `=` replaces the value (a connection, a selection); `+=` and `++` update shared counters.
        if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') continue;
        if (!handler || containsNode(handler, def.name as TSESTree.Node)) continue;
        if (readers.some((reader) => reader && reader !== handler)) report(assignment, 'processStateAsSession', { name: variable.name });
      }
    }

    return {
      NewExpression(node) {
        noteStdioEntry(node.callee);
        checkTransportOptions(node);
        checkPerSessionStore(node);
      },
      AssignmentExpression: checkLifecycleAssignment,
      VariableDeclarator: checkCollectionDeclaration,
      PropertyDefinition: checkCollectionDeclaration,
      'MemberExpression[computed=true]'(node: TSESTree.MemberExpression) {
        if (!checkTransportAccess(node)) checkStateKey(node.property, node);
      },
      'Property[computed=true]'(node: TSESTree.Property) {
        if (node.parent.type === AST_NODE_TYPES.ObjectExpression) checkStateKey(node.key, node);
      },
      CallExpression(node) {
        noteStdioEntry(node.callee);
        const name = calleeName(node);
        const callee = unwrap(node.callee);
        if (!name) return;
        if (keyedAccessMethods.has(name) && callee.type === AST_NODE_TYPES.MemberExpression) {
          if (!checkTransportCall(node, callee.object, name)) checkStateKey(node.arguments[0], node);
        }
        if (recordQueryMethods.has(name)) checkRecordFilter(node);
        // `sendLoggingMessage(params, extra.sessionId)` routes the log to a session rather than
        // correlating it; no-deprecated-logging reports the call, whose fix (`ctx.mcpReq.log`) drops both.
        if (correlationMethods.has(name)) for (const argument of node.arguments) checkCorrelation(argument);
      },
      'Program:exit'() {
        if (servesStdio) checkProcessState();
      },
    };
  },
});
