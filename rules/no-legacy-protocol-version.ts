import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { constantOrigin, staticValue } from '../src/ast/constants.js';
import { constructionsOf } from '../src/ast/constructed-classes.js';
import { fileEvidence, speaksMcpTokens } from '../src/ast/evidence.js';
import { mcpMethodHandledAt } from '../src/ast/handlers.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { calleeName, meaningfulParent, propertyKeyName, stringLiteralValue, unwrap, walk } from '../src/ast/nodes.js';
import { isInDeliberateTest, isInExpectation } from '../src/ast/test-intent.js';
import { isTestModule } from '../src/ast/test-module.js';
import { createRule } from '../src/create-rule.js';
import {
  draftSpecTypesModule,
  legacyProtocolVersions,
  legacyVersionConstants,
  modernProtocolVersion,
  protocolVersionHeader,
  protocolVersionMetaKey,
  sdkMetaKeyConstants,
} from '../src/mcp/client-wire.js';
import { invalidParamsCode } from '../src/mcp/error-codes.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'sendsLegacyVersion' | 'advertisesLegacyVersions' | 'comparesWithLegacyConstant' | 'detectsVersionErrorByMessage';

/** Where a version value goes, when it goes on the wire (or is compared with one that did). */
type Role = { kind: 'sent'; where: string } | { kind: 'compared' };

/** Code of UnsupportedProtocolVersion in 2026-07-28 (reference §1.4). */
const unsupportedVersionCode = -32022;
/** SDK names for -32602 (v1 `ErrorCode`, v2 `ProtocolErrorCode`) and for -32022 (v2). */
const invalidParamsMembers = new Set(['InvalidParams']);
const invalidParamsConstants = new Set(['INVALID_PARAMS']);
const unsupportedVersionNames = /UnsupportedProtocolVersion/;

/** Error messages about the protocol version ("Unsupported protocol version"). */
const versionMessage = /protocol[\s_-]?version/i;
const headerWriters = new Set(['set', 'append', 'setheader', 'appendheader', 'header']);
/** Array methods that look a value up in `SUPPORTED_PROTOCOL_VERSIONS`. */
const lookups = new Set(['includes', 'indexOf', 'lastIndexOf', 'some', 'find', 'findIndex', 'every']);
/** Keys that mark an object as an initialize request's params or an InitializeResult. */
const handshakeKeys = new Set(['capabilities', 'clientInfo', 'serverInfo']);
const comparisons = new Set(['===', '==', '!==', '!=', '<', '<=', '>', '>=']);

const where = {
  header: 'the `MCP-Protocol-Version` header',
  meta: `\`_meta['${protocolVersionMetaKey}']\``,
  field: 'a `protocolVersion` field',
  pin: 'the `versionNegotiation` pin',
  transport: '`setProtocolVersion()` (the transport sends it as the `MCP-Protocol-Version` header)',
};

export default createRule<[], MessageIds>({
  name: 'no-legacy-protocol-version',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow pre-2026 protocol versions on the wire, which MCP 2026-07-28 servers reject',
      spec: specUrls.versioning,
      catalogue: ['L10', 'L11'],
      findings: {
        sendsLegacyVersion: { severity: 'error', fix: 'manual' },
        advertisesLegacyVersions: { severity: 'error', fix: 'manual' },
        comparesWithLegacyConstant: { severity: 'warning', fix: 'manual' },
        detectsVersionErrorByMessage: { severity: 'error', fix: 'manual' },
      },
      // Every report involves a protocol-version name: a header, a key, an SDK constant, a message.
      prefilter: ['protocolversion', 'protocol-version', 'protocol_version', 'protocol version', 'supportedversions', 'versionnegotiation', 'supported'],
      // SDK constants, v2's meta-key names and -32602's SDK names need an MCP import. Without one:
      // - `mcp-protocol-version`: the header (keys, `Headers.set`, pairs) and a bare `protocolVersion` field beside it;
      // - `io.modelcontextprotocol`: the `_meta` key (also what lets a bare field count), even when built from its prefix;
      // - `setprotocolversion`: a transport's `setProtocolVersion()`, on any receiver;
      // - `versionnegotiation`: the `pin` of `versionNegotiation.mode`;
      // - `supportedversions`: a `supportedVersions` list of 2025 revisions;
      // - `32602`: L11, an unsupported-version error recognised by the literal -32602.
      prefilterAlso: [...speaksMcpTokens, 'mcp-protocol-version', 'io.modelcontextprotocol', 'setprotocolversion', 'versionnegotiation', 'supportedversions', '32602'],
    },
    messages: {
      sendsLegacyVersion: `Sends {{version}}, a pre-2026 protocol revision, as {{where}}; a 2026-07-28-only server rejects it (-32022 UnsupportedProtocolVersion). Send '${modernProtocolVersion}' in both the \`MCP-Protocol-Version\` header and \`_meta['${protocolVersionMetaKey}']\` (they must match){{sdkHint}}.`,
      advertisesLegacyVersions: `\`supportedVersions\` lists only pre-2026 revisions{{via}}, so 2026-07-28 clients find no version to speak: include '${modernProtocolVersion}' (keep the older ones only while you still serve 2025 clients).`,
      comparesWithLegacyConstant: `\`{{name}}\` is {{value}} in SDK v1 and v2 and never becomes '${modernProtocolVersion}', so this check cannot recognise a 2026-07-28 peer; compare with '${modernProtocolVersion}', or ask SDK v2 (\`client.getProtocolEra()\`, \`ctx.mcpReq.envelope?.[PROTOCOL_VERSION_META_KEY]\`).`,
      detectsVersionErrorByMessage: `Recognises an unsupported protocol version by -32602 and its message; 2026-07-28 servers answer -32022 (UnsupportedProtocolVersion) with \`error.data.supported\`: check \`code === ${unsupportedVersionCode}\` as well (SDK v2: \`ProtocolErrorCode.UnsupportedProtocolVersion\`) and retry with a version from \`error.data.supported\`.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const sdkHint = fileEvidence(sourceCode).importsMcp ? ", or let SDK v2 negotiate it with `versionNegotiation: { mode: 'auto' }`" : '';
    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);
    let speaksMcpWire: boolean | undefined;
    /**
     * A bare `protocolVersion` field is MCP's when the file speaks MCP (imports the SDK, spells
     * its methods) or names the version's places on the wire (the header, the `_meta` key).
     */
    function fileSpeaksMcpWire(): boolean {
      speaksMcpWire ??=
        fileEvidence(sourceCode).speaksMcp ||
        sourceCode.ast.tokens.some((token) => {
          if (token.type !== 'String' && token.type !== 'Template') return false;
          const text = token.value.toLowerCase();
          return text.includes(protocolVersionHeader) || text.includes(protocolVersionMetaKey.toLowerCase());
        });
      return speaksMcpWire;
    }

    function report(node: TSESTree.Node, messageId: MessageIds, data: Record<string, string>): void {
      // Tests state what a server must answer to old clients, or what it must not receive.
      if (isInExpectation(node) || isInDeliberateTest(node)) return;
      context.report({ node, messageId, data });
    }

    function stringOf(node: TSESTree.Node): string | undefined {
      const origin = mcpExportOf(node, scopeOf(node));
      if (origin && sdkMetaKeyConstants[origin.name]) return sdkMetaKeyConstants[origin.name];
      const value = staticValue(node, scopeOf(node))?.value;
      return typeof value === 'string' ? value : undefined;
    }

    /** `LATEST_PROTOCOL_VERSION` & co. imported from the SDK (not v1's draft `spec.types.js`). */
    function legacyConstantName(node: TSESTree.Node): string | undefined {
      const origin = mcpExportOf(node, scopeOf(node));
      if (!origin || draftSpecTypesModule.test(origin.source)) return undefined;
      return legacyVersionConstants[origin.name] ? origin.name : undefined;
    }

    function keyOf(property: TSESTree.Property): string | undefined {
      return property.computed ? stringOf(property.key) : propertyKeyName(property);
    }

    function memberKeyOf(member: TSESTree.MemberExpression): string | undefined {
      if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
      return stringOf(member.property);
    }

    /** What the code does with a value, judged from where it sits. */
    function roleOf(node: TSESTree.Node): Role | undefined {
      const { parent, child } = meaningfulParent(node);
      if (!parent) return undefined;
      switch (parent.type) {
        case AST_NODE_TYPES.Property:
          return parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression ? roleOfProperty(parent, parent.parent) : undefined;
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression:
          return roleOfArgument(parent, child);
        case AST_NODE_TYPES.ArrayExpression: {
          // `[['MCP-Protocol-Version', version]]` entries of `new Headers(…)`.
          const isPair = parent.elements.length === 2 && parent.elements[1] === child && parent.elements[0];
          return isPair && isHeaderName(parent.elements[0]!) ? { kind: 'sent', where: where.header } : undefined;
        }
        case AST_NODE_TYPES.AssignmentExpression: {
          const target = unwrap(parent.left);
          if (parent.right !== child || target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
          const key = memberKeyOf(target);
          if (key?.toLowerCase() === protocolVersionHeader) return { kind: 'sent', where: where.header };
          return key === protocolVersionMetaKey ? { kind: 'sent', where: where.meta } : undefined;
        }
        case AST_NODE_TYPES.BinaryExpression:
          return comparisons.has(parent.operator) ? { kind: 'compared' } : undefined;
        case AST_NODE_TYPES.MemberExpression: {
          const call = parent.parent;
          const method = !parent.computed && parent.property.type === AST_NODE_TYPES.Identifier ? parent.property.name : '';
          return parent.object === child && call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent && lookups.has(method) ? { kind: 'compared' } : undefined;
        }
        default:
          return undefined;
      }
    }

    function roleOfProperty(property: TSESTree.Property, object: TSESTree.ObjectExpression): Role | undefined {
      const key = keyOf(property);
      if (key === undefined) return undefined;
      if (key.toLowerCase() === protocolVersionHeader) return { kind: 'sent', where: where.header };
      if (key === protocolVersionMetaKey) return { kind: 'sent', where: where.meta };
      if (key === 'pin' && isVersionNegotiationMode(object)) return { kind: 'sent', where: where.pin };
      if (key === 'protocolVersion' && fileSpeaksMcpWire() && !isHandshake(property, object)) return { kind: 'sent', where: where.field };
      return undefined;
    }

    function roleOfArgument(call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node): Role | undefined {
      const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
      const name = calleeName(call)?.toLowerCase();
      if (index === 0 && name === 'setprotocolversion' && !isNonTransportReceiver(call) && !isTestSubjectReceiver(call)) return { kind: 'sent', where: where.transport };
      if (index === 1 && name && headerWriters.has(name) && isHeaderName(call.arguments[0]!)) return { kind: 'sent', where: where.header };
      return undefined;
    }

    /**
     * `client.setProtocolVersion(v)` on an object this file creates from a class that is neither
     * the SDK's nor a transport (`new FakeInspectorClient()`): it records a version, it sends none.
     */
    function isNonTransportReceiver(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const receiver = unwrap(callee.object);
      if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
      const def = ASTUtils.findVariable(scopeOf(receiver), receiver)?.defs[0];
      if (def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name || !def.node.init) return false;
      const created = unwrap(def.node.init);
      if (created.type !== AST_NODE_TYPES.NewExpression || created.callee.type !== AST_NODE_TYPES.Identifier) return false;
      if (mcpExportOf(created.callee, scopeOf(created.callee))) return false;
      return !/Transport$/.test(created.callee.name);
    }

    /**
     * In a test module, `transport.setProtocolVersion(v)` on an object built (directly, through
     * `let`s set in a hook, or a local factory such as `makeTracked()`) only from classes that
     * are not the SDK's: the project's own transport under test or the test's fake. The test
     * checks what the object records or forwards; no peer receives the version.
     */
    function isTestSubjectReceiver(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || !isTestModule(sourceCode.ast)) return false;
      const made = constructionsOf(callee.object, sourceCode);
      return made !== undefined && made.length > 0 && made.every((construction) => !mcpExportOf(construction.callee, scopeOf(construction.callee)));
    }

    function isHeaderName(node: TSESTree.Node): boolean {
      return stringOf(node)?.toLowerCase() === protocolVersionHeader;
    }

    /** `{ versionNegotiation: { mode: { pin } } }` of an SDK v2 `Client`. */
    function isVersionNegotiationMode(object: TSESTree.ObjectExpression): boolean {
      const mode = meaningfulParent(object).parent;
      if (mode?.type !== AST_NODE_TYPES.Property || propertyKeyName(mode) !== 'mode') return false;
      const options = meaningfulParent(mode.parent).parent;
      return options?.type === AST_NODE_TYPES.Property && propertyKeyName(options) === 'versionNegotiation';
    }

    /**
     * The `initialize` handshake's own `protocolVersion` (its params, an InitializeResult,
     * anything in an initialize handler): no-initialize-handshake's business, and right where a
     * dual-era server answers 2025 clients.
     */
    function isHandshake(property: TSESTree.Property, object: TSESTree.ObjectExpression): boolean {
      const keys = object.properties.map((p) => (p.type === AST_NODE_TYPES.Property ? propertyKeyName(p) : undefined));
      if (keys.some((key) => key !== undefined && handshakeKeys.has(key))) return true;
      return mcpMethodHandledAt(property, context) === 'initialize' || isInitializeParams(object);
    }

    function isInitializeParams(object: TSESTree.ObjectExpression): boolean {
      const holder = meaningfulParent(object).parent;
      if (holder?.type !== AST_NODE_TYPES.Property || propertyKeyName(holder) !== 'params') return false;
      return holder.parent.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'method' && stringOf(p.value) === 'initialize');
    }

    function checkVersionValue(node: TSESTree.Node, version: string, via: string | undefined): void {
      const role = roleOf(node);
      if (role?.kind !== 'sent') return;
      report(node, 'sendsLegacyVersion', { version: via ? `\`${via}\` ('${version}')` : `'${version}'`, where: role.where, sdkHint });
    }

    function checkSdkConstant(node: TSESTree.Node, name: string): void {
      const value = legacyVersionConstants[name]!;
      const role = roleOf(node);
      if (role?.kind === 'sent') report(node, 'sendsLegacyVersion', { version: `\`${name}\` (${value})`, where: role.where, sdkHint });
      else if (role?.kind === 'compared') report(node, 'comparesWithLegacyConstant', { name, value });
    }

    /** A version value written here or read through a constant of this file. */
    function checkValue(node: TSESTree.Node): void {
      const literal = stringLiteralValue(node);
      if (literal !== undefined) {
        if (legacyProtocolVersions.includes(literal)) checkVersionValue(node, literal, undefined);
        return;
      }
      const name = legacyConstantName(node);
      if (name) return checkSdkConstant(node, name);
      const value = staticValue(node, scopeOf(node))?.value;
      if (typeof value !== 'string' || !legacyProtocolVersions.includes(value)) return;
      checkVersionValue(node, value, constantOrigin(node, scopeOf(node))?.name ?? sourceCode.getText(node));
    }

    /** The versions a `supportedVersions` list holds: `undefined` entries could not be read. */
    function versionsOf(node: TSESTree.Node, depth = 0): (string | undefined)[] {
      const inner = unwrap(node);
      if (depth > 3) return [undefined];
      if (legacyConstantName(inner) === 'SUPPORTED_PROTOCOL_VERSIONS') return [...legacyProtocolVersions];
      if (inner.type === AST_NODE_TYPES.ArrayExpression) {
        return inner.elements.flatMap((element) => {
          if (!element) return [];
          if (element.type === AST_NODE_TYPES.SpreadElement) return versionsOf(element.argument, depth + 1);
          const sdk = legacyConstantName(element);
          if (sdk) return sdk === 'SUPPORTED_PROTOCOL_VERSIONS' ? [...legacyProtocolVersions] : [legacyVersionConstants[sdk]!.slice(1, -1)];
          return [stringOf(element)];
        });
      }
      const origin = constantOrigin(inner, scopeOf(inner));
      return origin ? versionsOf(origin.node, depth + 1) : [undefined];
    }

    function checkSupportedVersions(property: TSESTree.Property): void {
      const versions = versionsOf(property.value);
      if (versions.includes(undefined) || versions.includes(modernProtocolVersion)) return;
      if (!versions.some((version) => version !== undefined && legacyProtocolVersions.includes(version))) return;
      const value = unwrap(property.value);
      const name = value.type === AST_NODE_TYPES.ArrayExpression ? undefined : sourceCode.getText(value);
      report(property.value, 'advertisesLegacyVersions', { via: name ? ` (\`${name}\`)` : '' });
    }

    // ---- L11: an unsupported-version error recognised by -32602 and its message ----

    function isInvalidParamsCode(node: TSESTree.Node): boolean {
      if (staticValue(node, scopeOf(node))?.value === invalidParamsCode) return true;
      const inner = unwrap(node);
      const origin = mcpExportOf(inner, scopeOf(inner));
      if (origin && invalidParamsConstants.has(origin.name)) return true;
      return inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier &&
        invalidParamsMembers.has(inner.property.name) && mcpExportOf(inner.object, scopeOf(inner)) !== undefined;
    }

    /** Whether a condition (or the branch it guards) reads the version error's message or data. */
    function mentionsVersionError(node: TSESTree.Node): boolean {
      let found = false;
      walk(node, sourceCode.visitorKeys, (child) => {
        if (child.type === AST_NODE_TYPES.Literal && 'regex' in child && child.regex) found ||= versionMessage.test(child.regex.pattern);
        else {
          const text = stringLiteralValue(child);
          if (text !== undefined) found ||= versionMessage.test(text);
        }
        if (child.type === AST_NODE_TYPES.MemberExpression && !child.computed && child.property.type === AST_NODE_TYPES.Identifier) {
          found ||= child.property.name === 'supported' && /\bdata\b/.test(sourceCode.getText(child.object));
        }
      });
      return found;
    }

    function mentionsModernCode(node: TSESTree.Node): boolean {
      let found = false;
      walk(node, sourceCode.visitorKeys, (child) => {
        if (child.type === AST_NODE_TYPES.UnaryExpression || child.type === AST_NODE_TYPES.Identifier || child.type === AST_NODE_TYPES.MemberExpression) {
          found ||= staticValue(child, scopeOf(child))?.value === unsupportedVersionCode || unsupportedVersionNames.test(sourceCode.getText(child));
        }
      });
      return found;
    }

    function checkInvalidParamsComparison(binary: TSESTree.BinaryExpression): void {
      if (!['===', '=='].includes(binary.operator) || !(isInvalidParamsCode(binary.left) || isInvalidParamsCode(binary.right))) return;
      let condition: TSESTree.Node = binary;
      while (condition.parent?.type === AST_NODE_TYPES.LogicalExpression) condition = condition.parent;
      const guarded = condition.parent?.type === AST_NODE_TYPES.IfStatement && condition.parent.test === condition ? condition.parent.consequent : undefined;
      const enclosingTests = enclosingIfTests(condition);
      const contexts = [condition, ...(guarded ? [guarded] : []), ...enclosingTests];
      if (!contexts.some(mentionsVersionError) || [condition, ...enclosingTests].some(mentionsModernCode)) return;
      report(binary, 'detectsVersionErrorByMessage', {});
    }

    return {
      Literal(node) {
        if (typeof node.value === 'string') checkValue(node);
      },
      TemplateLiteral(node) {
        if (node.expressions.length === 0) checkValue(node);
      },
      'Identifier, MemberExpression'(node: TSESTree.Identifier | TSESTree.MemberExpression) {
        const { parent, child } = meaningfulParent(node);
        // Only whole values: not `x` of `x.y`, not a key, not a declaration.
        if (!parent || child !== node) return;
        if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node && !lookups.has(memberKeyOf(parent) ?? '')) return;
        if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node) return;
        if (parent.type === AST_NODE_TYPES.Property && parent.key === node && !parent.shorthand) return;
        if (parent.type === AST_NODE_TYPES.VariableDeclarator || parent.type.startsWith('TS') || parent.type.startsWith('Import')) return;
        checkValue(node);
      },
      Property(node) {
        if (node.parent.type === AST_NODE_TYPES.ObjectExpression && propertyKeyName(node) === 'supportedVersions') checkSupportedVersions(node);
      },
      BinaryExpression(node) {
        checkInvalidParamsComparison(node);
      },
    };
  },
});

/** The tests of the `if`s whose consequent holds `node`. */
function enclosingIfTests(node: TSESTree.Node): TSESTree.Node[] {
  const tests: TSESTree.Node[] = [];
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child) tests.push(parent.test);
  }
  return tests;
}
