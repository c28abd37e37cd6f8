import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { calledFromBackground } from '../src/ast/background-callers.js';
import { isCommandOptions } from '../src/ast/command-options.js';
import { staticValue } from '../src/ast/constants.js';
import { mcpCapabilitiesOf } from '../src/ast/declared-capabilities.js';
import { fileEvidence, speaksMcpTokens } from '../src/ast/evidence.js';
import { enclosingFunction, mcpMethodHandledAt } from '../src/ast/handlers.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { mcpMessageLiteral } from '../src/ast/json-rpc.js';
import { methodNameRole } from '../src/ast/method-name-roles.js';
import { calleeName, meaningfulParent, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { requestScopeOf } from '../src/ast/request-scope.js';
import { isAssertedToFail } from '../src/ast/rejection-assertions.js';
import { mcpSideOf, sdkMethodCall } from '../src/ast/sdk.js';
import { stdioServerKind, writesJsonLine } from '../src/ast/stdio-server.js';
import { insideExpectation } from '../src/ast/test-expectations.js';
import { isTestModule } from '../src/ast/test-module.js';
import { isDeliveredInbound, isHandedToTransport, isInTransportSendMethod } from '../src/ast/transport-test-data.js';
import {
  isClientCommandRouting,
  isDisplayOnlyValue,
  isReturnedByUnusedFunction,
  isSchemaCheckInput,
  isTrafficRecordValue,
} from '../src/ast/unsent-values.js';
import { createRule } from '../src/create-rule.js';
import {
  logLevelMetaKey,
  logNotificationMethod,
  loggingCapability,
  sendLoggingMethods,
  setLevelMethod,
  setLevelRequestSchema,
  setLoggingLevelMethods,
  stdioServerExports,
  stdoutConsoleMethods,
} from '../src/mcp/deprecated-logging.js';
import { specUrls } from '../src/mcp/spec.js';

/** The stdout console methods whose output `console.error` prints the same way, on stderr. */
const stderrEquivalentConsoleMethods: ReadonlySet<string> = new Set(['log', 'info', 'debug']);

type MessageIds =
  | 'handlesSetLevel'
  | 'storesLogLevel'
  | 'sendsSetLevel'
  | 'sendsLogNotification'
  | 'sendsUnsolicitedLog'
  | 'declaresLoggingCapability'
  | 'consumesLogNotifications'
  | 'consoleLogInStdioServer';

/** The SDK schema a client registers to receive `notifications/message` (v1; v2 takes the method name). */
const logNotificationSchema = 'LoggingMessageNotificationSchema';
/** SDK v2's name for the `_meta` key a request asks for logs with. */
const logLevelMetaKeyExport = 'LOG_LEVEL_META_KEY';
const perRequestLevel = `\`params._meta['${logLevelMetaKey}']\``;
/** What a stored level looks like on the right of an assignment: `request.params.level`, `level`. */
const levelText = /level/i;
/** Calls that ask about a method name rather than send it: `isOneShotMethod('logging/setLevel')`, `allowed.has(m)`. */
const predicateName = /^(?:is|has|can|should|supports?|allows?|includes|contains)(?:[A-Z_]\w*)?$/;

export default createRule<[], MessageIds>({
  name: 'no-deprecated-logging',
  meta: {
    type: 'problem',
    fixable: 'code',
    docs: {
      description: 'Disallow logging/setLevel, which MCP 2026-07-28 removed, and flag the rest of MCP Logging, which it deprecated',
      spec: specUrls.logging,
      catalogue: ['G1', 'G2', 'G3', 'G4', 'G5', 'P3'],
      findings: {
        handlesSetLevel: { severity: 'error', fix: 'transform', transform: 'logging-to-request-log' },
        storesLogLevel: { severity: 'error', fix: 'transform', transform: 'logging-to-request-log' },
        sendsSetLevel: { severity: 'error', fix: 'manual' },
        sendsLogNotification: { severity: 'warning', fix: 'transform', transform: 'logging-to-request-log' },
        sendsUnsolicitedLog: { severity: 'error', fix: 'transform', transform: 'logging-to-request-log' },
        declaresLoggingCapability: { severity: 'warning', fix: 'manual' },
        consumesLogNotifications: { severity: 'warning', fix: 'manual' },
        consoleLogInStdioServer: { severity: 'warning', fix: 'safe' },
      },
      // `logging` covers logging/setLevel, setLoggingLevel, sendLoggingMessage and the capability;
      // stdio servers are found by `StdioServerTransport`/`serveStdio` or `process.stdin`.
      prefilter: [loggingCapability, setLevelRequestSchema, logNotificationMethod, 'stdio', 'stdin'],
      // Every report needs the file to speak MCP: an MCP import (SDK calls, schemas, capabilities,
      // `StdioServerTransport`), `logging/setLevel` spelled out, or a hand-rolled stdio server's
      // dispatch on a distinctive method; a logger's `logging:` config has none of them.
      prefilterAlso: speaksMcpTokens,
    },
    messages: {
      handlesSetLevel: `Handles \`logging/setLevel\`, which MCP 2026-07-28 removed (a 2026-07-28 server answers it with -32601). Read the level of each request from ${perRequestLevel} instead, rejecting an invalid one with -32602 (SDK v2's \`ctx.mcpReq.log()\` does this for you).`,
      storesLogLevel: `Keeps the level set by \`logging/setLevel\` for later requests; 2026-07-28 removed that method, and a server must not carry state from one request to the next. Read ${perRequestLevel} on each request and log only at or above it.`,
      sendsSetLevel: `{{what}} sends \`logging/setLevel\`, which MCP 2026-07-28 removed (servers answer -32601; SDK v2 throws on a modern connection). Put \`_meta: { '${logLevelMetaKey}': 'debug' }\` (SDK v2: \`LOG_LEVEL_META_KEY\`) on each request whose logs you want.`,
      sendsLogNotification: `{{what}} sends \`notifications/message\` whatever the request asked for: MCP 2026-07-28 deprecates Logging and allows it only on the response stream of a request that set ${perRequestLevel}, at or above that level. On SDK v2 call \`ctx.mcpReq.log(level, data)\` from the handler, which does exactly that, or log to stderr (stdio) or OpenTelemetry.`,
      sendsUnsolicitedLog: `{{what}} sends \`notifications/message\` outside any request (a timer, an event listener or module code); 2026-07-28 has no channel for it, since log notifications may only answer a request that set ${perRequestLevel} and never go on the listen stream. Log to stderr or OpenTelemetry instead, or call \`ctx.mcpReq.log(level, data)\` inside a request handler (SDK v2).`,
      declaresLoggingCapability:
        'Declares the `logging` capability, which MCP 2026-07-28 deprecates along with `notifications/message` (earliest removal 2027-07-28). Keep it only while the server still sends log notifications to requests that ask for them; prefer stderr (stdio) or OpenTelemetry.',
      consumesLogNotifications: `This client consumes MCP Logging (\`notifications/message\`), which 2026-07-28 deprecates; a 2026-07-28 server sends log messages only for a request that sets \`_meta: { '${logLevelMetaKey}': level }\` (SDK v2: \`${logLevelMetaKeyExport}\`), so add it to each request whose logs you want, or none arrive. Better, have the server log to stderr (stdio) or OpenTelemetry.`,
      consoleLogInStdioServer:
        '`{{method}}` writes to stdout, which this stdio MCP server shares with the protocol, so clients read it as a malformed message. Use `console.error` (stderr), which 2026-07-28 recommends in place of the deprecated MCP Logging.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const report = (node: TSESTree.Node, messageId: MessageIds, data?: Record<string, string>) =>
      context.report({ node, messageId, ...(data ? { data } : {}) });

    function text(node: TSESTree.Node): string {
      const oneLine = sourceCode.getText(node).replace(/\s+/g, ' ');
      return oneLine.length > 50 ? `${oneLine.slice(0, 47)}...` : oneLine;
    }

    // ------------------------------------------------------------------ logging/setLevel (G1, G2)

    function checkSetLevelName(node: TSESTree.Node): void {
      const role = methodNameRole(node, sourceCode);
      // A client's command router picks the SDK call per method; that call is reported itself.
      // A fake transport's `send()` compares what the client under test sends; it serves nothing.
      if (role.kind === 'handles' && !role.rejects && !isClientCommandRouting(node, sourceCode) && !isInTransportSendMethod(node, sourceCode)) {
        report(node, 'handlesSetLevel');
      }
      if (role.kind === 'sends' && !isUnsentName(node)) report(node, 'sendsSetLevel', { what: 'This request' });
    }

    /**
     * A method name that the `sends` role sees but nothing sends: the argument of a predicate
     * (`isOneShotMethod('logging/setLevel')`), the `method` of a message kept in a traffic
     * record or handed to a schema check, or of a command's options
     * (`runMethod(client, { method: 'logging/setLevel', logLevel })`): a setLevel request
     * without `params` has no level to set, so the object only picks the SDK call, which is
     * reported where it is made.
     */
    function isUnsentName(node: TSESTree.Node): boolean {
      const { parent } = meaningfulParent(node);
      if (parent?.type === AST_NODE_TYPES.CallExpression) return predicateName.test(calleeName(parent) ?? '');
      const message = parent?.type === AST_NODE_TYPES.Property ? parent.parent : undefined;
      return message?.type === AST_NODE_TYPES.ObjectExpression && (isUnsentMessage(message) || isCommandOptions(message));
    }

    function isUnsentMessage(message: TSESTree.ObjectExpression): boolean {
      return isTrafficRecordValue(message, sourceCode) || isSchemaCheckInput(message);
    }

    /** `case SET_LEVEL:`, `method === Methods.SetLevel`: the name held in a constant. */
    function checkIndirectName(node: TSESTree.Node | null | undefined): void {
      if (!node || (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression)) return;
      if (staticValue(node, sourceCode.getScope(node))?.value === setLevelMethod) checkSetLevelName(node);
    }

    /** `server.setRequestHandler(SetLevelRequestSchema, …)`. */
    function checkSchemaRegistration(call: TSESTree.CallExpression): void {
      const schema = call.arguments[0];
      if (calleeName(call) !== 'setRequestHandler' || !schema) return;
      if (mcpExportOf(schema, sourceCode.getScope(schema))?.name === setLevelRequestSchema) report(schema, 'handlesSetLevel');
    }

    function checkSetLoggingLevel(call: TSESTree.CallExpression): void {
      // `await expect(client.setLoggingLevel('info')).rejects.toThrow(…)`: a test of a guard that refuses it.
      if (isAssertedToFail(call, sourceCode)) return;
      if (sdkMethodCall(call, sourceCode, { methods: setLoggingLevelMethods, side: 'client', distinctive: setLoggingLevelMethods })) {
        report(call.callee, 'sendsSetLevel', { what: `\`${text(call.callee)}()\`` });
      }
    }

    /** `currentLevel = request.params.level`, `this.levels.set(sessionId, level)` in a setLevel handler. */
    function checkStoredLevel(node: TSESTree.AssignmentExpression | TSESTree.CallExpression): void {
      const value = node.type === AST_NODE_TYPES.AssignmentExpression ? node.right : node.arguments[1];
      const target = node.type === AST_NODE_TYPES.AssignmentExpression ? node.left : storeTarget(node);
      if (!value || !target || !levelText.test(sourceCode.getText(value)) || !outlivesHandler(target, node)) return;
      if (mcpMethodHandledAt(node, context) === setLevelMethod) report(node, 'storesLogLevel');
    }

    /** The collection of `levels.set(key, value)`. */
    function storeTarget(call: TSESTree.CallExpression): TSESTree.Node | undefined {
      const callee = unwrap(call.callee);
      return calleeName(call) === 'set' && call.arguments.length === 2 && callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
    }

    /** Whether a write target is state that lives beyond the function doing the write (a field, a module variable). */
    function outlivesHandler(target: TSESTree.Node, at: TSESTree.Node): boolean {
      const inner = unwrap(target);
      if (inner.type === AST_NODE_TYPES.MemberExpression) return true;
      if (inner.type !== AST_NODE_TYPES.Identifier) return false;
      const declaration = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0]?.node;
      const fn = enclosingFunction(at);
      return declaration !== undefined && (!fn || !contains(fn, declaration));
    }

    // ------------------------------------------------------------------ notifications/message (G3)

    function checkSendLoggingMessage(call: TSESTree.CallExpression): void {
      if (!sdkMethodCall(call, sourceCode, { methods: sendLoggingMethods, side: 'server', distinctive: sendLoggingMethods })) return;
      reportLogSend(call.callee, `\`${text(call.callee)}()\``);
    }

    /** `{ method: 'notifications/message', params }` sent by hand or through `extra.sendNotification()`. */
    function checkLogMessage(object: TSESTree.ObjectExpression): void {
      const message = mcpMessageLiteral(object, sourceCode);
      if (message?.method !== logNotificationMethod || message.isRequest || !fileEvidence(sourceCode).speaksMcp) return;
      if (methodNameRole(message.methodNode, sourceCode).kind !== 'sends' || isUnsentMessage(object) || isNeverSent(object)) return;
      reportLogSend(message.methodNode, 'This notification');
    }

    /**
     * A log notification that no server sends: built by a function nobody calls, compared in
     * a test's expectation, delivered to the code under test (`transport.onmessage(…)`), or, in
     * a test, handed straight to a transport's `send()` as a sample to route.
     */
    function isNeverSent(object: TSESTree.ObjectExpression): boolean {
      if (isReturnedByUnusedFunction(object, sourceCode) || isDeliveredInbound(object, sourceCode)) return true;
      return isTestModule(sourceCode.ast) && (insideExpectation(object) || isHandedToTransport(object, sourceCode));
    }

    function reportLogSend(node: TSESTree.Node, what: string): void {
      let scope = requestScopeOf(node, context);
      // A helper the file calls from a timer (`setInterval(() => sendSimulatedLog(), 5000)`).
      if (scope === 'unknown' && calledFromBackground(node, context)) scope = 'background';
      report(node, scope === 'background' ? 'sendsUnsolicitedLog' : 'sendsLogNotification', { what });
    }

    // ------------------------------------------------------------------ client log handlers

    /**
     * `client.setNotificationHandler(LoggingMessageNotificationSchema | 'notifications/message', …)`:
     * the schema is MCP's, or the receiver an MCP client, or the file imports MCP. Servers never
     * receive log messages, so a server receiver stays silent, and so does a client that already
     * asks for logs the 2026-07-28 way (the `logLevel` key in a request's `_meta`).
     */
    function checkLogHandler(call: TSESTree.CallExpression): void {
      const callee = unwrap(call.callee);
      const first = call.arguments[0];
      if (calleeName(call) !== 'setNotificationHandler' || callee.type !== AST_NODE_TYPES.MemberExpression || !first) return;
      const side = mcpSideOf(callee.object, sourceCode);
      if (side === 'server') return;
      const scope = sourceCode.getScope(first);
      const schema = mcpExportOf(first, scope)?.name;
      const handlesLogs =
        schema !== undefined
          ? schema === logNotificationSchema
          : staticValue(first, scope)?.value === logNotificationMethod && (side === 'client' || fileEvidence(sourceCode).importsMcp);
      if (handlesLogs && !requestsLogLevel()) report(first, 'consumesLogNotifications');
    }

    let logLevelRequested: boolean | undefined;

    /** Whether the file puts `'io.modelcontextprotocol/logLevel'` (SDK v2: `[LOG_LEVEL_META_KEY]`) on its requests. */
    function requestsLogLevel(): boolean {
      if (logLevelRequested !== undefined) return logLevelRequested;
      logLevelRequested = false;
      walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
        if (logLevelRequested || node.type !== AST_NODE_TYPES.Property || node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
        const scope = sourceCode.getScope(node.key);
        const key = node.computed ? staticValue(node.key, scope)?.value : propertyKeyName(node);
        logLevelRequested = key === logLevelMetaKey || (node.computed && mcpExportOf(node.key, scope)?.name === logLevelMetaKeyExport);
      });
      return logLevelRequested;
    }

    // ------------------------------------------------------------------ capability (G4, P3)

    function checkCapability(object: TSESTree.ObjectExpression): void {
      const logging = object.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === loggingCapability);
      if (!logging) return;
      const declaration = mcpCapabilitiesOf(object, sourceCode);
      // A client's fixture of a server's answer (story args, component props, a fake transport's
      // reply to the client under test) declares nothing.
      if (!declaration || declaration.side === 'client' || isDisplayOnlyValue(object, sourceCode, [loggingCapability])) return;
      if (isDeliveredInbound(object, sourceCode)) return;
      report(logging, 'declaresLoggingCapability');
    }

    // ------------------------------------------------------------------ stdout in stdio servers (G5)

    function checkConsole(call: TSESTree.CallExpression): void {
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return;
      const object = unwrap(callee.object);
      if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'console' || !stdoutConsoleMethods.has(callee.property.name)) return;
      if (isShadowed(object)) return;
      const kind = stdioServerKind(sourceCode);
      // A hand-rolled server's `console.log(JSON.stringify(response))` is its protocol channel.
      if (!kind || (kind === 'hand-rolled' && writesJsonLine(call))) return;
      // `if (mode === 'stdio') serve over stdio; else app.listen(…, () => console.log(…))`.
      if (excludesStdio(call, kind)) return;
      const method = callee.property;
      context.report({
        node: callee,
        messageId: 'consoleLogInStdioServer',
        data: { method: `console.${method.name}` },
        // `log`, `info` and `debug` print as `error` does, on stderr; `dir` and `table` format
        // differently (options, columns), so they stay for a person.
        ...(stderrEquivalentConsoleMethods.has(method.name) ? { fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(method, 'error') } : {}),
      });
    }

    let stdioNodes: TSESTree.Node[] | undefined;

    /** Where the file serves over stdio: the SDK transport or `serveStdio` call, or its `process.stdin` reads. */
    function stdioServingNodes(kind: 'sdk' | 'hand-rolled'): TSESTree.Node[] {
      if (stdioNodes) return stdioNodes;
      const found: TSESTree.Node[] = [];
      walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
        if (kind === 'sdk' && (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression)) {
          const exported = mcpExportOf(node.callee, sourceCode.getScope(node));
          if (exported && stdioServerExports.has(exported.name)) found.push(node);
        }
        if (kind === 'hand-rolled' && node.type === AST_NODE_TYPES.MemberExpression && !node.computed) {
          const object = unwrap(node.object);
          if (object.type === AST_NODE_TYPES.Identifier && object.name === 'process' && node.property.type === AST_NODE_TYPES.Identifier && node.property.name === 'stdin') {
            found.push(node);
          }
        }
      });
      stdioNodes = found;
      return found;
    }

    /** The call runs only in branches where the file does not serve over stdio (the other arm of an `if` or `?:`). */
    function excludesStdio(call: TSESTree.Node, kind: 'sdk' | 'hand-rolled'): boolean {
      const serving = stdioServingNodes(kind);
      return serving.length > 0 && serving.every((node) => inOtherBranch(node, call));
    }

    function inOtherBranch(a: TSESTree.Node, b: TSESTree.Node): boolean {
      const ancestorsOfA = new Map<TSESTree.Node, TSESTree.Node>();
      for (let child: TSESTree.Node = a, current = a.parent; current; child = current, current = current.parent) ancestorsOfA.set(current, child);
      for (let child: TSESTree.Node = b, current = b.parent; current; child = current, current = current.parent) {
        const childOfA = ancestorsOfA.get(current);
        if (!childOfA) continue;
        if (current.type !== AST_NODE_TYPES.IfStatement && current.type !== AST_NODE_TYPES.ConditionalExpression) return false;
        return childOfA !== child && childOfA !== current.test && child !== current.test;
      }
      return false;
    }

    function isShadowed(identifier: TSESTree.Identifier): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      return (variable?.defs.length ?? 0) > 0;
    }

    return {
      Literal(node) {
        if (node.value === setLevelMethod) checkSetLevelName(node);
      },
      TemplateLiteral(node) {
        if (node.expressions.length === 0 && node.quasis[0]?.value.cooked === setLevelMethod) checkSetLevelName(node);
      },
      SwitchCase(node) {
        checkIndirectName(node.test);
      },
      BinaryExpression(node) {
        checkIndirectName(node.left);
        checkIndirectName(node.right);
      },
      Property(node) {
        if (node.computed) checkIndirectName(node.key);
        else if (propertyKeyName(node) === 'method') checkIndirectName(node.value);
      },
      CallExpression(node) {
        checkIndirectName(node.arguments[0]);
        checkSchemaRegistration(node);
        checkSetLoggingLevel(node);
        checkSendLoggingMessage(node);
        checkLogHandler(node);
        checkStoredLevel(node);
        checkConsole(node);
      },
      AssignmentExpression(node) {
        checkStoredLevel(node);
      },
      ObjectExpression(node) {
        checkLogMessage(node);
        checkCapability(node);
      },
    };
  },
});

function contains(root: TSESTree.Node, node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) if (current === root) return true;
  return false;
}
