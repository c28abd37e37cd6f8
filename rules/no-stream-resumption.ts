import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { assertionAbout, assertsAbsence } from '../src/ast/assertions.js';
import { constantOrigin, staticValue } from '../src/ast/constants.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { fileNamesMcpExport, inMcpHttpContext, mcpClassOfValue } from '../src/ast/mcp-http-endpoint.js';
import { calleeName, isFunction, meaningfulParent, propertyKeyName, stringLiteralValue, templateText, unwrap, walk } from '../src/ast/nodes.js';
import { mcpSideOf } from '../src/ast/sdk.js';
import { isRecordedHeaders } from '../src/ast/recorded-headers.js';
import { isTestModule } from '../src/ast/test-module.js';
import { mcpInstanceClassOf } from '../src/ast/transports.js';
import { createRule } from '../src/create-rule.js';
import { corsHeaderListKeys, headerMethods } from '../src/mcp/headers.js';
import {
  accelBufferingHeader,
  clientReconnectionOption,
  clientRequestMethods,
  clientResumeMethod,
  clientResumptionSendOptions,
  eventStoreInterface,
  eventStoreMethods,
  eventStreamContentType,
  inMemoryEventStoreClass,
  lastEventIdHeader,
  mcpOnlyHeaders,
  serverResumptionOptions,
} from '../src/mcp/http-serving.js';
import { streamableHttpClientTransports, streamableHttpServerTransports } from '../src/mcp/packages.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds =
  | 'readsLastEventId'
  | 'sendsLastEventId'
  | 'listsLastEventIdInCors'
  | 'usesEventStore'
  | 'configuresResumption'
  | 'resumesClientStream'
  | 'writesSseEventId'
  | 'missingAccelBuffering';

/** An SSE `id:` or `retry:` field line, as hand-rolled servers write them (`id: 42\n`). */
const sseFieldLine = /(?:^|\n)(id|retry):[^\n]*\n/;
/** Hono's `stream.writeSSE({ id, retry, data })`. */
const writeSseMethod = 'writeSSE';

export default createRule<[], MessageIds>({
  name: 'no-stream-resumption',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow SSE stream resumption (Last-Event-ID, event stores, resumption tokens), which MCP 2026-07-28 removed',
      spec: specUrls.streamableHttp,
      catalogue: ['H7', 'C4', 'H17', 'H18'],
      findings: {
        readsLastEventId: { severity: 'error', fix: 'manual' },
        sendsLastEventId: { severity: 'error', fix: 'manual' },
        listsLastEventIdInCors: { severity: 'warning', fix: 'manual' },
        usesEventStore: { severity: 'error', fix: 'transform', transform: 'http-handler' },
        configuresResumption: { severity: 'error', fix: 'transform', transform: 'http-handler' },
        resumesClientStream: { severity: 'error', fix: 'manual' },
        writesSseEventId: { severity: 'error', fix: 'manual' },
        missingAccelBuffering: { severity: 'info', fix: 'manual' },
      },
      // Every report names one of these; SSE writes and responses are checked only in files that
      // set the `text/event-stream` content type or call `writeSSE`.
      prefilter: [lastEventIdHeader, 'eventstore', ...eventStoreMethods, ...serverResumptionOptions, 'resumptiontoken', clientReconnectionOption, clientResumeMethod, eventStreamContentType, writeSseMethod],
    },
    messages: {
      readsLastEventId:
        'Reads the Last-Event-ID header to resume an SSE stream; MCP 2026-07-28 removed resumption and servers SHOULD ignore the header. Drop the replay: a client whose stream breaks re-issues the request with a new id.',
      sendsLastEventId:
        'Sends Last-Event-ID to resume a broken SSE stream; MCP 2026-07-28 removed resumption. Re-issue the request with a new JSON-RPC id instead (or give up).',
      listsLastEventIdInCors:
        'Lists Last-Event-ID in CORS {{key}}; MCP 2026-07-28 removed stream resumption, so no client sends it. Drop it and allow MCP-Protocol-Version, Mcp-Method and Mcp-Name.',
      usesEventStore:
        '{{what}} keeps SSE events so that a client can resume a broken stream with Last-Event-ID; MCP 2026-07-28 removed resumption (a broken stream loses the request, and the client re-issues it with a new id). Remove the store; SDK v2 `createMcpHandler` has none.',
      configuresResumption:
        'The `{{option}}` option of {{className}} configures SSE resumption, which MCP 2026-07-28 removed. Remove it; SDK v2 `createMcpHandler` serves 2026-07-28 requests without it.',
      resumesClientStream:
        '{{what}} resumes a broken SSE stream with Last-Event-ID, which MCP 2026-07-28 removed. On a stream break, re-issue the request with a new id (the SDK v2 client does this for 2026-07-28 servers) or give up.',
      writesSseEventId:
        'Writes an SSE `{{field}}:` field, which only serves Last-Event-ID resumption and reconnection; MCP 2026-07-28 removed both. Write `event:` and `data:` lines only (and `:` comment lines as keep-alives).',
      missingAccelBuffering:
        'An MCP SSE response without `X-Accel-Buffering: no`; 2026-07-28 servers SHOULD send it so that proxies such as nginx do not hold back events. Add the header.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const text = sourceCode.getText().toLowerCase();
    const writesSse = text.includes(eventStreamContentType) || text.includes(writeSseMethod.toLowerCase());
    /** Nodes reported here: a template inside a reported template is not reported again. */
    const reported = new Set<TSESTree.Node>();
    const report = (node: TSESTree.Node, messageId: MessageIds, data?: Record<string, string>) => {
      reported.add(node);
      context.report({ node, messageId, ...(data ? { data } : {}) });
    };

    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);
    const stringValue = (node: TSESTree.Node): string | undefined => {
      const value = staticValue(node, scopeOf(node))?.value;
      return typeof value === 'string' ? value : undefined;
    };

    // ---------------------------------------------------------------------------------
    // The Last-Event-ID header, in any case and through constants.
    // ---------------------------------------------------------------------------------

    function namesLastEventId(node: TSESTree.Node): boolean {
      return stringValue(node)?.trim().toLowerCase() === lastEventIdHeader;
    }

    /** A comma-separated header list (`'Content-Type, Last-Event-ID'`) naming the header. */
    function listsLastEventId(node: TSESTree.Node): boolean {
      const value = stringValue(node);
      return value !== undefined && value.split(',').some((part) => part.trim().toLowerCase() === lastEventIdHeader);
    }

    function corsKeyOf(node: TSESTree.Node | undefined): string | undefined {
      if (node?.type !== AST_NODE_TYPES.Property) return undefined;
      const key = propertyKeyName(node) ?? (node.computed ? stringValue(node.key) : undefined);
      return key !== undefined && corsHeaderListKeys.includes(key.toLowerCase()) ? key : undefined;
    }

    /** What the code does with a value naming the header, from where it sits. */
    function headerRole(expression: TSESTree.Node): { messageId: MessageIds; data?: Record<string, string> } | undefined {
      const { parent, child } = meaningfulParent(expression);
      if (!parent || parent.type.startsWith('TS')) return undefined;
      switch (parent.type) {
        case AST_NODE_TYPES.MemberExpression: {
          if (!parent.computed || parent.property !== child) return undefined;
          const outer = meaningfulParent(parent);
          if (outer.parent?.type === AST_NODE_TYPES.AssignmentExpression && outer.parent.left === outer.child) return { messageId: 'sendsLastEventId' };
          return readUnlessAssertedAbsent(parent);
        }
        case AST_NODE_TYPES.CallExpression: {
          if (parent.arguments[0] !== child) return undefined;
          const kind = headerMethods[(calleeName(parent) ?? '').toLowerCase()];
          if (kind === 'read' || (kind === 'read-or-write' && parent.arguments.length === 1)) return readUnlessAssertedAbsent(parent);
          if (kind === 'write' || kind === 'read-or-write') return { messageId: 'sendsLastEventId' };
          return undefined;
        }
        case AST_NODE_TYPES.Property:
          if (parent.key === child) return parent.parent.type === AST_NODE_TYPES.ObjectPattern ? { messageId: 'readsLastEventId' } : { messageId: 'sendsLastEventId' };
          return corsRole(parent);
        case AST_NODE_TYPES.ArrayExpression:
          return corsRole(meaningfulParent(parent).parent);
        default:
          return undefined;
      }
    }

    function corsRole(property: TSESTree.Node | undefined): { messageId: MessageIds; data: Record<string, string> } | undefined {
      const key = corsKeyOf(property);
      return key ? { messageId: 'listsLastEventIdInCors', data: { key } } : undefined;
    }

    /** Tests of migrated servers assert the header is ignored: `expect(req.headers.get('last-event-id')).toBeNull()`. */
    function readUnlessAssertedAbsent(read: TSESTree.Node): { messageId: MessageIds } | undefined {
      const assertion = assertionAbout(read);
      return assertion && assertsAbsence(assertion) ? undefined : { messageId: 'readsLastEventId' };
    }

    /** CORS lists need MCP evidence too: the list also names an MCP header, or the file serves MCP. */
    function corsListIsMcp(node: TSESTree.Node): boolean {
      const list = node.parent?.type === AST_NODE_TYPES.ArrayExpression ? node.parent : undefined;
      const siblings = list ? list.elements.filter((e): e is TSESTree.Expression => e !== null && e.type !== AST_NODE_TYPES.SpreadElement) : [node];
      const names = siblings.flatMap((e) => (stringValue(e) ?? '').split(',').map((part) => part.trim().toLowerCase()));
      return names.some((name) => mcpOnlyHeaders.includes(name)) || inMcpHttpContext(node, sourceCode);
    }

    function checkHeaderName(node: TSESTree.Node): void {
      const isList = !namesLastEventId(node) && listsLastEventId(node);
      if (!isList && !namesLastEventId(node)) return;
      const role = headerRole(node);
      if (!role || (isList && role.messageId !== 'listsLastEventIdInCors')) return;
      const isMcp = role.messageId === 'listsLastEventIdInCors' ? corsListIsMcp(node) : inMcpHttpContext(node, sourceCode);
      if (isMcp) report(node, role.messageId, role.data);
    }

    // ---------------------------------------------------------------------------------
    // Event stores.
    // ---------------------------------------------------------------------------------

    function isMcpExport(node: TSESTree.Node, name: string): boolean {
      return mcpExportOf(node, scopeOf(node))?.name === name;
    }

    /** An object or class body that defines both `storeEvent` and `replayEventsAfter`. */
    function definesEventStore(members: readonly TSESTree.Node[]): boolean {
      const names = new Set(
        members.flatMap((m) =>
          m.type === AST_NODE_TYPES.Property || m.type === AST_NODE_TYPES.MethodDefinition || m.type === AST_NODE_TYPES.PropertyDefinition ? [propertyKeyName(m)] : [],
        ),
      );
      return eventStoreMethods.every((method) => names.has(method));
    }

    function checkClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void {
      const implementsClause = node.implements.find((clause) => isMcpExport(clause.expression, eventStoreInterface));
      if (implementsClause) return report(implementsClause, 'usesEventStore', { what: 'A class implementing the SDK `EventStore`' });
      if (definesEventStore(node.body.body) && fileNamesMcpExport(sourceCode, [eventStoreInterface, ...streamableHttpServerTransports])) {
        report(node.id ?? node, 'usesEventStore', { what: 'An event store (`storeEvent`/`replayEventsAfter`)' });
      }
    }

    /** An object literal store is reported at its `storeEvent` key, so the finding stays one line. */
    function checkObject(node: TSESTree.ObjectExpression): void {
      if (!definesEventStore(node.properties) || !fileNamesMcpExport(sourceCode, [eventStoreInterface, ...streamableHttpServerTransports])) return;
      const storeEvent = node.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === eventStoreMethods[0]);
      if (storeEvent) report(storeEvent.key, 'usesEventStore', { what: 'An event store (`storeEvent`/`replayEventsAfter`)' });
    }

    /** `EventStore` in a type position, unless it annotates a store reported where it is created. */
    function checkEventStoreType(node: TSESTree.TSTypeReference): void {
      if (!isMcpExport(node.typeName, eventStoreInterface)) return;
      const annotated = node.parent?.type === AST_NODE_TYPES.TSTypeAnnotation ? node.parent.parent : undefined;
      const declarator = annotated?.parent?.type === AST_NODE_TYPES.VariableDeclarator ? annotated.parent : undefined;
      if (declarator?.init && createsEventStore(declarator.init)) return;
      report(node, 'usesEventStore', { what: 'The SDK `EventStore`' });
    }

    function createsEventStore(init: TSESTree.Node): boolean {
      const inner = unwrap(init);
      if (inner.type === AST_NODE_TYPES.NewExpression) return isMcpExport(inner.callee, inMemoryEventStoreClass) || definesStoreClass(inner.callee);
      return inner.type === AST_NODE_TYPES.ObjectExpression && definesEventStore(inner.properties);
    }

    function definesStoreClass(callee: TSESTree.Node): boolean {
      return callee.type === AST_NODE_TYPES.Identifier && sourceCode.ast.body.some((statement) => {
        const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
        return declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id?.name === callee.name;
      });
    }

    // ---------------------------------------------------------------------------------
    // Transport options, client send options, client resumption.
    // ---------------------------------------------------------------------------------

    function optionsObject(node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
      if (!node || node.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      const origin = constantOrigin(inner, scopeOf(inner))?.node;
      return origin?.type === AST_NODE_TYPES.ObjectExpression ? origin : undefined;
    }

    function namedProperties(object: TSESTree.ObjectExpression | undefined, names: readonly string[]): TSESTree.Property[] {
      return (object?.properties ?? []).filter(
        (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && names.includes(propertyKeyName(p) ?? '') && !isUndefined(p.value),
      );
    }

    function isUndefined(node: TSESTree.Node): boolean {
      return node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined';
    }

    function checkNew(node: TSESTree.NewExpression): void {
      if (isMcpExport(node.callee, inMemoryEventStoreClass)) report(node, 'usesEventStore', { what: '`new InMemoryEventStore()`' });
      const serverClass = mcpInstanceClassOf(node, streamableHttpServerTransports, sourceCode);
      for (const property of serverClass ? namedProperties(optionsObject(node.arguments[0]), serverResumptionOptions) : []) {
        report(property, 'configuresResumption', { option: propertyKeyName(property)!, className: serverClass! });
      }
      const clientClass = mcpInstanceClassOf(node, streamableHttpClientTransports, sourceCode);
      for (const property of clientClass ? namedProperties(optionsObject(node.arguments[1]), [clientReconnectionOption]) : []) {
        report(property, 'resumesClientStream', { what: `The \`${clientReconnectionOption}\` option of ${clientClass}` });
      }
    }

    /** `client.callTool(params, schema, { resumptionToken })`, `transport.send(message, { onresumptiontoken })`, `transport.resumeStream(id)`. */
    function checkClientCall(node: TSESTree.CallExpression): void {
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return;
      const method = callee.property.name;
      if (method === clientResumeMethod) {
        if (isMcpClientReceiver(callee.object)) report(node, 'resumesClientStream', { what: `\`${clientResumeMethod}()\`` });
        return;
      }
      if (!clientRequestMethods.has(method)) return;
      const options = node.arguments.flatMap((argument) => namedProperties(optionsObject(argument), clientResumptionSendOptions));
      if (options.length === 0 || !isMcpClientReceiver(callee.object)) return;
      for (const property of options) report(property, 'resumesClientStream', { what: `The \`${propertyKeyName(property)!}\` request option` });
    }

    function isMcpClientReceiver(receiver: TSESTree.Node): boolean {
      if (mcpSideOf(receiver, sourceCode) === 'client') return true;
      if (mcpClassOfValue(receiver, streamableHttpClientTransports, sourceCode)) return true;
      // A receiver the file cannot trace, in a file that imports the SDK client or its transport.
      return mcpSideOf(receiver, sourceCode) === undefined && fileNamesMcpExport(sourceCode, ['Client', ...streamableHttpClientTransports]);
    }

    // ---------------------------------------------------------------------------------
    // Hand-rolled SSE: `id:`/`retry:` lines, `writeSSE({ id })`, responses without X-Accel-Buffering.
    // ---------------------------------------------------------------------------------

    function checkSseText(node: TSESTree.Literal | TSESTree.TemplateLiteral): void {
      if (!writesSse) return;
      const value = node.type === AST_NODE_TYPES.TemplateLiteral ? templateText(node) : stringLiteralValue(node);
      const field = value === undefined ? undefined : sseFieldLine.exec(value)?.[1];
      if (field && !isInsideReportedText(node) && inMcpHttpContext(node, sourceCode)) report(node, 'writesSseEventId', { field });
    }

    /** A template inside a template: report the outer one only. */
    function isInsideReportedText(node: TSESTree.Node): boolean {
      for (let current = node.parent; current; current = current.parent) if (reported.has(current)) return true;
      return false;
    }

    function checkWriteSse(node: TSESTree.CallExpression): void {
      if (calleeName(node) !== writeSseMethod) return;
      const fields = namedProperties(optionsObject(node.arguments[0]), ['id', 'retry']);
      if (fields.length > 0 && inMcpHttpContext(node, sourceCode)) {
        for (const property of fields) report(property, 'writesSseEventId', { field: propertyKeyName(property)! });
      }
    }

    /** `'Content-Type': 'text/event-stream'` in response headers, or `setHeader('Content-Type', 'text/event-stream')`. */
    function checkEventStreamResponse(node: TSESTree.Node): void {
      if (stringValue(node)?.toLowerCase().split(';')[0]?.trim() !== eventStreamContentType) return;
      const { parent, child } = meaningfulParent(node);
      let headers: TSESTree.ObjectExpression | undefined;
      if (parent?.type === AST_NODE_TYPES.Property && parent.value === child && propertyKeyName(parent)?.toLowerCase() === 'content-type') {
        headers = parent.parent.type === AST_NODE_TYPES.ObjectExpression ? parent.parent : undefined;
      } else if (!(parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[1] === child && stringValue(parent.arguments[0]!)?.toLowerCase() === 'content-type')) {
        return;
      }
      if (headers?.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p)?.toLowerCase() === accelBufferingHeader)) return;
      // A network panel's record of a response, or a test double of one, is not a response a server sends.
      if ((headers && isRecordedHeaders(headers)) || isTestModule(sourceCode.ast)) return;
      if (regionNamesAccelBuffering(node) || !inMcpHttpContext(node, sourceCode)) return;
      report(node, 'missingAccelBuffering');
    }

    /** Whether the function that builds the response (or the file, at module level) sets the header anywhere. */
    function regionNamesAccelBuffering(node: TSESTree.Node): boolean {
      let region: TSESTree.Node = sourceCode.ast;
      for (let current = node.parent; current; current = current.parent) {
        if (isFunction(current)) {
          region = current;
          break;
        }
      }
      let found = false;
      walk(region, sourceCode.visitorKeys, (inner) => {
        if ((inner.type === AST_NODE_TYPES.Literal || inner.type === AST_NODE_TYPES.TemplateLiteral) && stringLiteralValue(inner)?.toLowerCase() === accelBufferingHeader) found = true;
      });
      return found;
    }

    function checkIndirectHeaderName(node: TSESTree.Node | null | undefined): void {
      if (!node || node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral || node.type === AST_NODE_TYPES.SpreadElement) return;
      if (node.type === AST_NODE_TYPES.PrivateIdentifier) return;
      checkHeaderName(node);
    }

    return {
      Literal(node) {
        if (typeof node.value !== 'string') return;
        checkHeaderName(node);
        checkSseText(node);
        checkEventStreamResponse(node);
      },
      TemplateLiteral(node) {
        if (node.expressions.length === 0) {
          checkHeaderName(node);
          checkEventStreamResponse(node);
        }
        checkSseText(node);
      },
      'MemberExpression[computed=true]'(node: TSESTree.MemberExpression) {
        checkIndirectHeaderName(node.property);
      },
      CallExpression(node) {
        checkIndirectHeaderName(node.arguments[0]);
        checkClientCall(node);
        checkWriteSse(node);
      },
      Property(node) {
        if (node.computed) checkIndirectHeaderName(node.key);
      },
      ArrayExpression(node) {
        for (const element of node.elements) checkIndirectHeaderName(element);
      },
      'ClassDeclaration, ClassExpression'(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression) {
        checkClass(node);
      },
      ObjectExpression(node) {
        checkObject(node);
      },
      TSTypeReference(node) {
        checkEventStoreType(node);
      },
      NewExpression(node) {
        checkNew(node);
      },
    };
  },
});
