import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { dispatchSites } from '../src/ast/dispatch.js';
import { isHandRolledServer } from '../src/ast/hand-rolled-server.js';
import {
  objectLiteralsOf,
  objectLiteralsWrittenTo,
  requestAnsweredByReturn,
  requestAnsweredBySend,
} from '../src/ast/handler-results.js';
import { calleeName, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { staticValue } from '../src/ast/constants.js';
import { containsNode } from '../src/ast/mcp-method-sites.js';
import { isTestModule } from '../src/ast/test-module.js';
import { createRule } from '../src/create-rule.js';
import { cacheableMethods, inputRequiredKeys, replyHelperName, resultKeysByMethod } from '../src/mcp/server-wire.js';
import { distinctiveMcpMethods } from '../src/mcp/methods.js';
import { discoverMethod, initializeMethod } from '../src/mcp/handshake.js';
import { specUrls } from '../src/mcp/spec.js';
import { lookupTable } from '../src/mcp/lookup-table.js';

type MessageIds = 'missingResultType' | 'missingCacheHints' | 'missingResultTypeAndCacheHints';

/** Keys that make an object a whole JSON-RPC message or an error rather than a result. */
const messageKeys: readonly string[] = ['jsonrpc', 'error'];

const complete = "resultType: 'complete'";

/** The value of each result field that changes nothing for today's clients. */
const conservativeValues: Readonly<Record<string, string>> = lookupTable({ resultType: "'complete'", ttlMs: '0', cacheScope: "'private'" });

interface ResultSite {
  object: TSESTree.ObjectExpression;
  method: string;
}

export default createRule<[], MessageIds>({
  name: 'require-result-fields',
  meta: {
    type: 'problem',
    fixable: 'code',
    docs: {
      description: 'Require resultType on every result of a hand-rolled MCP server, and ttlMs and cacheScope on cacheable ones, as MCP 2026-07-28 does',
      spec: specUrls.resultType,
      catalogue: ['K1', 'K2'],
      findings: {
        missingResultType: { severity: 'error', fix: 'safe' },
        missingCacheHints: { severity: 'error', fix: 'safe' },
        missingResultTypeAndCacheHints: { severity: 'error', fix: 'safe' },
      },
      // Reports need a hand-rolled MCP dispatch site, which routes a method only MCP has (whole
      // names, which other rules' longer tokens cannot hide).
      prefilter: [...distinctiveMcpMethods],
    },
    messages: {
      missingResultType: `The \`{{method}}\` result has no \`resultType\`, which MCP 2026-07-28 requires on every result: add \`${complete}\` (an empty acknowledgement becomes \`{ ${complete} }\`).`,
      missingCacheHints:
        "The `{{method}}` result lacks {{missing}}, which MCP 2026-07-28 requires on cacheable results: add them; the fix adds the conservative default, `ttlMs: 0, cacheScope: 'private'` (no caching, as before); raise `ttlMs`, or use `'public'` when the result holds no per-user data.",
      missingResultTypeAndCacheHints: `The \`{{method}}\` result lacks {{missing}}, which MCP 2026-07-28 requires on this cacheable result: add them; the fix adds \`${complete}\` and the conservative cache hints, \`ttlMs: 0, cacheScope: 'private'\` (no caching, as before); raise \`ttlMs\`, or use \`'public'\` when the result holds no per-user data.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    if (!isHandRolledServer(sourceCode)) return {};
    const checked = new Set<TSESTree.ObjectExpression>();

    let wrapperKeys: ReadonlySet<string> | undefined;

    /**
     * `covered`: fields something else in the file adds to results afterwards (a wrapper such as
     * `{ resultType: 'complete', ...result }` or `result.ttlMs = 0`), which a handler's own
     * result need not carry.
     */
    function check({ object, method }: ResultSite, covered: ReadonlySet<string> = new Set()): void {
      if (checked.has(object)) return;
      checked.add(object);
      const keys = keysOf(object);
      if (!keys) return;
      const resultKeys = resultKeysByMethod[method];
      if (!resultKeys || !resultKeys.some((key) => keys.has(key))) return;
      if (messageKeys.some((key) => keys.has(key)) || inputRequiredKeys.some((key) => keys.has(key))) return;
      // `contents: []` for a resource it does not have: the fix is an error (-32602), not result fields.
      if (method === 'resources/read' && isEmptyArray(keys.get('contents'))) return;
      if (isLegacyOnlyFake(object, method)) return;
      const has = (key: string) => keys.has(key) || covered.has(key);
      const resultType = keys.get('resultType');
      // Only complete results are cacheable; an `input_required` or extension result carries no hints.
      const isComplete = !resultType || staticValue(resultType, sourceCode.getScope(resultType))?.value === 'complete';
      const lacksCacheHints = isComplete && cacheableMethods.has(method) ? ['ttlMs', 'cacheScope'].filter((key) => !has(key)) : [];
      const missing = [...(has('resultType') ? [] : ['resultType']), ...lacksCacheHints];
      if (missing.length === 0) return;
      const messageId = lacksCacheHints.length === 0 ? 'missingResultType' : has('resultType') ? 'missingCacheHints' : 'missingResultTypeAndCacheHints';
      context.report({ node: object, messageId, data: { method, missing: listOf(missing) }, fix: (fixer) => addFields(fixer, object, missing) });
    }

    /**
     * A test's fake of a 2025 server: the dispatch that answers the result's method also answers
     * `initialize` and not `server/discover`. It answers in 2025's shapes on purpose (the client
     * under test speaks to 2025 servers), and its era is what would change: no-initialize-handshake
     * reports its `initialize` route.
     */
    function isLegacyOnlyFake(object: TSESTree.ObjectExpression, method: string): boolean {
      if (!isTestModule(sourceCode.ast)) return false;
      return dispatchSites(sourceCode).some((site) => {
        if (!site.methods.has(method) || !site.methods.has(initializeMethod) || site.methods.has(discoverMethod)) return false;
        const container = site.kind === 'if-chain' ? site.node.parent : site.node;
        return container !== undefined && containsNode(container, object);
      });
    }

    /**
     * The missing fields, with the values that keep today's behaviour (`resultType: 'complete'`;
     * `ttlMs: 0, cacheScope: 'private'`: nothing is cached, reference §5's conservative default),
     * as the first properties, each on its own line when the properties are.
     */
    function addFields(fixer: TSESLint.RuleFixer, object: TSESTree.ObjectExpression, missing: readonly string[]): TSESLint.RuleFix {
      const fields = missing.map((key) => `${key}: ${conservativeValues[key]}`);
      const newline = sourceCode.text.includes('\r\n') ? '\r\n' : '\n';
      // Cache hints go right after an existing `resultType`, where a reader looks for them.
      const resultType = object.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'resultType');
      if (resultType) {
        const next = object.properties[object.properties.indexOf(resultType) + 1];
        if (!next || next.loc.start.line === resultType.loc.end.line) return fixer.insertTextAfter(resultType, fields.map((field) => `, ${field}`).join(''));
        const indent = sourceCode.lines[resultType.loc.start.line - 1]!.slice(0, resultType.loc.start.column);
        const comma = sourceCode.getTokenAfter(resultType)!;
        return fixer.insertTextAfter(comma, fields.map((field) => `${newline}${indent}${field},`).join(''));
      }
      const first = object.properties[0];
      if (!first) return fixer.replaceText(object, `{ ${fields.join(', ')} }`);
      const firstToken = sourceCode.getFirstToken(first)!;
      const openingBrace = sourceCode.getFirstToken(object)!;
      if (firstToken.loc.start.line === openingBrace.loc.end.line) return fixer.insertTextBefore(firstToken, `${fields.join(', ')}, `);
      const indent = sourceCode.lines[firstToken.loc.start.line - 1]!.slice(0, firstToken.loc.start.column);
      return fixer.insertTextBefore(firstToken, fields.map((field) => `${field},${newline}${indent}`).join(''));
    }

    /** The result fields the file adds to results generically (computed once, on the first result). */
    function fieldsAddedByWrappers(): ReadonlySet<string> {
      wrapperKeys ??= resultFieldsAddedByWrappers(sourceCode);
      return wrapperKeys;
    }

    /** Results a handler returns: `return { tools }`, `(params) => ({ tools })`. */
    function checkReturned(expression: TSESTree.Node): void {
      for (const object of objectLiteralsOf(expression)) {
        const method = requestAnsweredByReturn(object, context);
        if (method) check({ object, method }, fieldsAddedByWrappers());
      }
    }

    /** The results a response message or reply carries: an object, or a variable given objects. */
    function checkSent(value: TSESTree.Node, sentAt: TSESTree.Node, covered?: ReadonlySet<string>): void {
      const inner = unwrap(value);
      const written = inner.type === AST_NODE_TYPES.Identifier ? objectLiteralsWrittenTo(inner, context) : [];
      for (const object of [...objectLiteralsOf(value), ...written]) {
        // An object assigned in a dispatch branch answers that branch's request.
        const method = (written.includes(object) ? requestAnsweredBySend(object, context) : undefined) ?? requestAnsweredBySend(sentAt, context);
        if (method) check({ object, method }, covered);
      }
    }

    return {
      ReturnStatement(node) {
        if (node.argument) checkReturned(node.argument);
      },
      'ArrowFunctionExpression[expression=true]'(node: TSESTree.ArrowFunctionExpression) {
        checkReturned(node.body);
      },
      /** `{ jsonrpc: '2.0', id, result: { … } }` */
      ObjectExpression(node) {
        const keys = keysOf(node);
        const result = keys?.get('result');
        if (result && (keys!.has('jsonrpc') || keys!.has('id'))) checkSent(result, node);
      },
      CallExpression(node) {
        const last = node.arguments.at(-1);
        if (node.arguments.length >= 2 && last && last.type !== AST_NODE_TYPES.SpreadElement && replyHelperName.test(calleeName(node) ?? '')) {
          checkSent(last, node, fieldsAddedByWrappers());
        }
      },
    };
  },
});

const resultFields: ReadonlySet<string> = new Set(['resultType', 'ttlMs', 'cacheScope']);

/**
 * The result fields a file adds to results it did not build itself: in an object that spreads
 * another (`{ resultType: 'complete', ...result }`), through `Object.assign(result, { … })`, or
 * by assignment (`result.cacheScope = 'private'`).
 */
function resultFieldsAddedByWrappers(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlySet<string> {
  const added = new Set<string>();
  walk(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.ObjectExpression && (node.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement) || isObjectAssignSource(node))) {
      for (const property of node.properties) {
        const key = property.type === AST_NODE_TYPES.Property ? propertyKeyName(property) : undefined;
        if (key && resultFields.has(key)) added.add(key);
      }
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
      const key = !node.left.computed && node.left.property.type === AST_NODE_TYPES.Identifier ? node.left.property.name : undefined;
      if (key && resultFields.has(key)) added.add(key);
    }
  });
  return added;
}

function isObjectAssignSource(object: TSESTree.ObjectExpression): boolean {
  const parent = object.parent;
  if (parent.type !== AST_NODE_TYPES.CallExpression || parent.arguments.indexOf(object) < 1) return false;
  const callee = unwrap(parent.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Object' &&
    calleeName(parent) === 'assign'
  );
}

/** `[]`. */
function isEmptyArray(node: TSESTree.Node | undefined): boolean {
  const inner = node && unwrap(node);
  return inner?.type === AST_NODE_TYPES.ArrayExpression && inner.elements.length === 0;
}

/** `a`, `b` and `c`, as code. */
function listOf(keys: readonly string[]): string {
  const quoted = keys.map((key) => `\`${key}\``);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}` : (quoted[0] ?? '');
}

/** The object's keys with their values, or undefined when a spread may add keys nobody can see. */
function keysOf(object: TSESTree.ObjectExpression): Map<string, TSESTree.Node> | undefined {
  const keys = new Map<string, TSESTree.Node>();
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) return undefined;
    const key = propertyKeyName(property);
    if (key === undefined) return undefined;
    keys.set(key, property.value);
  }
  return keys;
}
