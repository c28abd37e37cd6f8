import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { assertionAbout, assertsAbsence } from '../src/ast/assertions.js';
import { constantDeclarationName, constantOrigin, staticValue } from '../src/ast/constants.js';
import { enclosingFunction } from '../src/ast/handlers.js';
import { isReadOnlyLocalLiteral, objectLiteralBehind } from '../src/ast/local-fixtures.js';
import { calleeName, isFunction, meaningfulParent, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { isRecordedHeaders } from '../src/ast/recorded-headers.js';
import { mcpInstanceClassOf } from '../src/ast/transports.js';
import { createRule } from '../src/create-rule.js';
import { corsHeaderListKeys, headerMethods, modernRequestHeaders, sessionIdHeader } from '../src/mcp/headers.js';
import { streamableHttpClientTransports, streamableHttpServerTransports } from '../src/mcp/packages.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds =
  | 'readsHeader'
  | 'writesHeader'
  | 'listsHeaderInCors'
  | 'namesHeader'
  | 'readsTransportSessionId'
  | 'passesClientSessionId'
  | 'terminatesSession';

type Report = { messageId: MessageIds; data?: Record<string, string> };

const allTransports = [...streamableHttpServerTransports, ...streamableHttpClientTransports];

/** An RFC 9110 token: what each entry of a comma-separated header list must be. */
const headerToken = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** `exact` for the header name itself, `list` for a comma-separated list of header names that includes it. */
function headerNameKind(value: unknown): 'exact' | 'list' | undefined {
  if (typeof value !== 'string' || !value.toLowerCase().includes(sessionIdHeader)) return undefined;
  if (value.trim().toLowerCase() === sessionIdHeader) return 'exact';
  const parts = value.split(',').map((part) => part.trim());
  const isList = parts.every((part) => headerToken.test(part)) && parts.some((part) => part.toLowerCase() === sessionIdHeader);
  return isList ? 'list' : undefined;
}

function corsKeyOf(property: TSESTree.Node | undefined): string | undefined {
  if (property?.type !== AST_NODE_TYPES.Property) return undefined;
  const key = propertyKeyName(property);
  return key !== undefined && corsHeaderListKeys.includes(key.toLowerCase()) ? key : undefined;
}

export default createRule<[], MessageIds>({
  name: 'no-session-id-header',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow the Mcp-Session-Id header and transport session ids, which MCP 2026-07-28 removed',
      spec: specUrls.streamableHttp,
      catalogue: ['H1', 'H2', 'H17', 'C1'],
      findings: {
        readsHeader: { severity: 'error', fix: 'transform', transform: 'http-handler' },
        writesHeader: { severity: 'error', fix: 'transform', transform: 'session-header' },
        listsHeaderInCors: { severity: 'warning', fix: 'transform', transform: 'session-header' },
        namesHeader: { severity: 'warning', fix: 'manual' },
        readsTransportSessionId: { severity: 'error', fix: 'transform', transform: 'http-handler' },
        passesClientSessionId: { severity: 'error', fix: 'transform', transform: 'session-header' },
        terminatesSession: { severity: 'error', fix: 'transform', transform: 'session-header' },
      },
      // The header name, or an SDK import (transport session ids need one in the same file).
      prefilter: [sessionIdHeader, '@modelcontextprotocol/'],
    },
    messages: {
      readsHeader:
        'Reads the Mcp-Session-Id header, which MCP 2026-07-28 removed: no 2026-07-28 client or server sends it, and any request may reach any server instance. Drop the read; state a server tied to the session goes under an explicit handle passed as a tool argument.',
      writesHeader:
        'Sets the Mcp-Session-Id header, which MCP 2026-07-28 removed: a 2026-07-28 server never mints or echoes a session id, and a 2026-07-28 client never sends one. Remove it, or keep it only on a path that talks to 2025 peers.',
      listsHeaderInCors: `Lists Mcp-Session-Id in CORS {{key}}; 2026-07-28 has no session header. Allow ${modernRequestHeaders.join(', ')} instead.`,
      namesHeader:
        'Names the Mcp-Session-Id header ({{how}}), which MCP 2026-07-28 removed; session plumbing around it is dead for 2026-07-28 requests.',
      readsTransportSessionId:
        '`{{object}}.sessionId` is the 2025 Mcp-Session-Id of a {{className}}; 2026-07-28 has no sessions, so it is undefined for modern requests. Route requests and key state without it.',
      passesClientSessionId:
        'The `sessionId` option of {{className}} resumes a 2025 session (Mcp-Session-Id); 2026-07-28 servers have none. Remove it.',
      terminatesSession:
        '`terminateSession()` sends the 2025 session DELETE; 2026-07-28 servers answer DELETE with 405 and have no session to end. Remove the call.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    /** Constant initialisers whose header name was reported where the constant is used. */
    const consumed = new Set<TSESTree.Node>();
    /** Literals naming the header outside any header operation (constants, mostly). */
    const pending: { node: TSESTree.Node; how: string }[] = [];

    /** Findings made per expression or function, so a repeated spelling or read is one finding. */
    const reportedOnce = new Set<string>();

    function report(node: TSESTree.Node, { messageId, data }: Report): void {
      const scope = foldScopeOf(node, messageId);
      if (scope) {
        const key = `${scope}|${messageId}`;
        if (reportedOnce.has(key)) return;
        reportedOnce.add(key);
      }
      context.report({ node, messageId, ...(data ? { data } : {}) });
    }

    /**
     * What several findings of one kind count as one in: the logical expression that spells the
     * header twice (`h['mcp-session-id'] ?? h['Mcp-Session-Id']`), and, for `transport.sessionId`,
     * the function that reads it from the same transport again and again
     * (`if (transport.sessionId) { counter.clear(transport.sessionId); delete transports[transport.sessionId]; }`).
     */
    function foldScopeOf(node: TSESTree.Node, messageId: MessageIds): string | undefined {
      if (messageId === 'readsTransportSessionId' && node.type === AST_NODE_TYPES.MemberExpression) {
        const fn = enclosingFunction(node) ?? sourceCode.ast;
        return `${fn.range[0]}:${fn.range[1]}|${sourceCode.getText(unwrap(node.object))}`;
      }
      let outermost: TSESTree.LogicalExpression | undefined;
      for (let current = node.parent; current && !/Statement$|Declaration$/.test(current.type) && !isFunction(current); current = current.parent) {
        if (current.type === AST_NODE_TYPES.LogicalExpression) outermost = current;
      }
      return outermost ? `${outermost.range[0]}:${outermost.range[1]}` : undefined;
    }

    function isCorsHeaderName(node: TSESTree.Node | undefined): string | undefined {
      if (!node) return undefined;
      const value = staticValue(node, sourceCode.getScope(node))?.value;
      return typeof value === 'string' && corsHeaderListKeys.includes(value.toLowerCase()) ? value : undefined;
    }

    /**
     * What the code does with a value naming the header, from where the value sits. Undefined
     * for positions that are not an operation on it (a constant's initialiser, a type).
     */
    function roleOf(expression: TSESTree.Node): Report | undefined {
      const { parent, child } = meaningfulParent(expression);
      if (!parent || parent.type.startsWith('TS')) return undefined;
      switch (parent.type) {
        case AST_NODE_TYPES.MemberExpression: {
          if (!parent.computed || parent.property !== child) return undefined;
          const outer = meaningfulParent(parent);
          if (outer.parent?.type === AST_NODE_TYPES.AssignmentExpression && outer.parent.left === outer.child) {
            return { messageId: 'writesHeader' };
          }
          if (outer.parent?.type === AST_NODE_TYPES.UnaryExpression && outer.parent.operator === 'delete') {
            return { messageId: 'namesHeader', data: { how: 'deleted from a set of headers' } };
          }
          // Reading back an object literal the code built itself reads no request.
          if (objectLiteralBehind(parent.object, sourceCode)) return undefined;
          return readUnlessAssertedAbsent(parent);
        }
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression: {
          const index = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
          if (index < 0) return undefined;
          const name = calleeName(parent);
          if (index === 0 && name !== undefined) {
            const kind = headerMethods[name.toLowerCase()];
            if (kind === 'read' || (kind === 'read-or-write' && parent.arguments.length === 1)) return readUnlessAssertedAbsent(parent);
            if (kind === 'write' || kind === 'read-or-write') return { messageId: 'writesHeader' };
            if (kind === 'remove') return { messageId: 'namesHeader', data: { how: 'removed from a set of headers' } };
          }
          if (index === 1) {
            const corsHeader = isCorsHeaderName(parent.arguments[0]);
            if (corsHeader) return { messageId: 'listsHeaderInCors', data: { key: corsHeader } };
          }
          return { messageId: 'namesHeader', data: { how: name ? `passed to ${name}()` : 'passed to a function' } };
        }
        case AST_NODE_TYPES.Property: {
          if (constantDeclarationName(child)) return undefined;
          if (parent.key === child) {
            if (parent.parent.type === AST_NODE_TYPES.ObjectPattern) return { messageId: 'readsHeader' };
            // A traffic panel's record of the headers a request carried is shown, not sent; a mock
            // request that the function only reads back itself is not sent either.
            if (isRecordedHeaders(parent.parent) || isReadOnlyLocalLiteral(parent.parent, sourceCode)) return undefined;
            return { messageId: 'writesHeader' };
          }
          const corsKey = corsKeyOf(parent);
          if (corsKey) return { messageId: 'listsHeaderInCors', data: { key: corsKey } };
          const key = propertyKeyName(parent);
          return { messageId: 'namesHeader', data: { how: key ? `as the value of \`${key}\`` : 'as a property value' } };
        }
        case AST_NODE_TYPES.ArrayExpression: {
          const outer = meaningfulParent(parent);
          // A `[name, value]` entry: `new Headers([['mcp-session-id', id]])`, `Object.fromEntries(...)`.
          if (parent.elements.length === 2 && parent.elements[0] === child && outer.parent?.type === AST_NODE_TYPES.ArrayExpression) {
            return { messageId: 'writesHeader' };
          }
          const corsKey = corsKeyOf(outer.parent);
          if (corsKey) return { messageId: 'listsHeaderInCors', data: { key: corsKey } };
          if (
            (outer.parent?.type === AST_NODE_TYPES.CallExpression || outer.parent?.type === AST_NODE_TYPES.NewExpression) &&
            outer.parent.arguments[1] === outer.child
          ) {
            const corsHeader = isCorsHeaderName(outer.parent.arguments[0]);
            if (corsHeader) return { messageId: 'listsHeaderInCors', data: { key: corsHeader } };
          }
          return { messageId: 'namesHeader', data: { how: 'in a list of header names' } };
        }
        case AST_NODE_TYPES.BinaryExpression:
        case AST_NODE_TYPES.SwitchCase:
          return { messageId: 'namesHeader', data: { how: 'compared with a header name' } };
        case AST_NODE_TYPES.VariableDeclarator:
        case AST_NODE_TYPES.ImportDeclaration:
        case AST_NODE_TYPES.ExportNamedDeclaration:
        case AST_NODE_TYPES.ExportAllDeclaration:
          return undefined;
        default:
          return { messageId: 'namesHeader', data: { how: 'as a string' } };
      }
    }

    /**
     * A read, unless a test asserts the header is absent (`expect(res.headers.get('mcp-session-id')).toBeNull()`):
     * that is how migrated code proves it no longer sends one.
     */
    function readUnlessAssertedAbsent(read: TSESTree.Node): Report | undefined {
      return assertedAbsent(read) ? undefined : { messageId: 'readsHeader' };
    }

    /**
     * Whether a test asserts that the value read is absent: directly
     * (`assert.strictEqual(transport.sessionId, undefined)`), or through a constant that is used
     * only in such assertions (`const id = req.headers['mcp-session-id']; expect(id).toBeUndefined()`).
     */
    function assertedAbsent(read: TSESTree.Node): boolean {
      const assertion = assertionAbout(read);
      if (assertion) return assertsAbsence(assertion);
      const { parent, child } = meaningfulParent(read);
      if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
      if (parent.parent.kind !== 'const') return false;
      const uses = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id)?.references.filter((reference) => !reference.init) ?? [];
      return uses.length > 0 && uses.every((reference) => {
        const used = assertionAbout(reference.identifier as TSESTree.Node);
        return used !== undefined && assertsAbsence(used);
      });
    }

    /** A header operation whose name comes from a constant or expression rather than a literal. */
    function checkIndirect(expression: TSESTree.Node | null | undefined): void {
      if (!expression || expression.type === AST_NODE_TYPES.Literal || expression.type === AST_NODE_TYPES.TemplateLiteral) return;
      if (expression.type === AST_NODE_TYPES.SpreadElement || expression.type === AST_NODE_TYPES.PrivateIdentifier) return;
      const scope = sourceCode.getScope(expression);
      if (!headerNameKind(staticValue(expression, scope)?.value)) return;
      const role = roleOf(expression);
      if (!role) return;
      report(expression, role);
      const origin = constantOrigin(expression, scope);
      if (origin) consumed.add(origin.node);
    }

    /** Reports a string naming the header, or keeps it for `Program:exit` when it initialises a constant. True when it did either. */
    function checkLiteral(node: TSESTree.Literal | TSESTree.TemplateLiteral, value: unknown): boolean {
      if (!headerNameKind(value)) return false;
      const role = roleOf(node);
      if (role) {
        report(node, role);
        return true;
      }
      const name = constantDeclarationName(node);
      if (name) pending.push({ node: unwrap(node), how: `bound to \`${name}\`` });
      return name !== undefined;
    }

    /** The constants a template spells the header through (`${SESSION_HEADER.toLowerCase()}`) are covered by the template's own finding. */
    function consumeConstantsIn(template: TSESTree.TemplateLiteral): void {
      for (const expression of template.expressions) {
        walk(expression, sourceCode.visitorKeys, (node) => {
          if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return;
          const origin = constantOrigin(node, sourceCode.getScope(node));
          if (origin) consumed.add(origin.node);
        });
      }
    }

    function transportClassOf(node: TSESTree.Node, classes: readonly string[]): string | undefined {
      return mcpInstanceClassOf(node, classes, sourceCode);
    }

    function shortText(node: TSESTree.Node): string {
      const text = sourceCode.getText(node).replace(/\s+/g, ' ');
      return text.length > 40 ? `${text.slice(0, 37)}...` : text;
    }

    return {
      Literal(node) {
        if (typeof node.value === 'string') checkLiteral(node, node.value);
      },
      TemplateLiteral(node) {
        if (node.expressions.length === 0) {
          checkLiteral(node, node.quasis[0]?.value.cooked);
          return;
        }
        // `${SESSION_HEADER}`, `Content-Type, ${SESSION_HEADER}`: getStaticValue folds constants into templates.
        if (node.parent.type === AST_NODE_TYPES.TaggedTemplateExpression) return;
        const value = staticValue(node, sourceCode.getScope(node))?.value;
        if (checkLiteral(node, value)) consumeConstantsIn(node);
      },
      'MemberExpression[computed=true]'(node: TSESTree.MemberExpression) {
        checkIndirect(node.property);
      },
      'CallExpression, NewExpression'(node: TSESTree.CallExpression | TSESTree.NewExpression) {
        checkIndirect(node.arguments[0]);
        checkIndirect(node.arguments[1]);
      },
      Property(node) {
        if (node.computed) checkIndirect(node.key);
        if (node.parent.type === AST_NODE_TYPES.ObjectExpression) checkIndirect(node.value);
      },
      ArrayExpression(node) {
        for (const element of node.elements) checkIndirect(element);
      },
      BinaryExpression(node) {
        if (['===', '==', '!==', '!='].includes(node.operator)) {
          checkIndirect(node.left);
          checkIndirect(node.right);
        }
      },
      SwitchCase(node) {
        checkIndirect(node.test);
      },

      'MemberExpression[computed=false][property.name="sessionId"]'(node: TSESTree.MemberExpression) {
        const className = transportClassOf(node.object, allTransports);
        // Tests of stateless hosting assert that there is no session id.
        if (className && !assertedAbsent(node)) report(node, { messageId: 'readsTransportSessionId', data: { object: shortText(node.object), className } });
      },
      'VariableDeclarator[id.type="ObjectPattern"]'(node: TSESTree.VariableDeclarator) {
        if (!node.init || node.id.type !== AST_NODE_TYPES.ObjectPattern) return;
        const sessionIdProperty = node.id.properties.find(
          (p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'sessionId',
        );
        if (!sessionIdProperty) return;
        const className = transportClassOf(node.init, allTransports);
        if (className) {
          report(sessionIdProperty, { messageId: 'readsTransportSessionId', data: { object: shortText(node.init), className } });
        }
      },
      NewExpression(node) {
        const className = transportClassOf(node, streamableHttpClientTransports);
        const optionsArgument = node.arguments[1];
        if (!className || !optionsArgument) return;
        const options = unwrap(optionsArgument);
        const object =
          options.type === AST_NODE_TYPES.ObjectExpression ? options : constantOrigin(options, sourceCode.getScope(options))?.node;
        if (object?.type !== AST_NODE_TYPES.ObjectExpression) return;
        for (const property of object.properties) {
          if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'sessionId') {
            report(property, { messageId: 'passesClientSessionId', data: { className } });
          }
        }
      },
      'CallExpression[callee.type="MemberExpression"][callee.property.name="terminateSession"]'(node: TSESTree.CallExpression) {
        const callee = node.callee as TSESTree.MemberExpression;
        if (transportClassOf(callee.object, streamableHttpClientTransports)) report(node, { messageId: 'terminatesSession' });
      },

      'Program:exit'() {
        for (const { node, how } of pending) {
          if (!consumed.has(node)) report(node, { messageId: 'namesHeader', data: { how } });
        }
      },
    };
  },
});
