import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { isFunction, meaningfulParent, propertyKeyName, unwrap, walk } from '../src/ast/nodes.js';
import { mcpSideOf, sdkMethodCall } from '../src/ast/sdk.js';
import { createRule } from '../src/create-rule.js';
import { nextCursorField, paginatedListMethods, sdkListMethods } from '../src/mcp/pagination.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'treatsEmptyCursorAsEnd' | 'cursorMayBeEmpty' | 'replacesEmptyCursor';

/**
 * Where a list result comes from: `sdk` when the SDK validated it (`nextCursor` is a string or
 * absent), `wire` for raw JSON a hand-rolled client parsed (it may also hold `null`).
 */
type Source = 'sdk' | 'wire';

/** What the code does with the cursor's truthiness. */
type Role =
  | { kind: 'negated'; replace: TSESTree.Node }
  | { kind: 'boolean'; replace: TSESTree.Node }
  | { kind: 'test' }
  | { kind: 'fallback' };

/** The writes a cursor variable receives, as far as the file shows them. */
interface CursorOrigin {
  source: Source;
  /** Every write is a list result's cursor, `undefined` or `null`: a presence test means the same for them. */
  onlyCursors: boolean;
}

const maxDepth = 5;

export default createRule<[], MessageIds>({
  name: 'no-cursor-truthiness',
  meta: {
    type: 'problem',
    fixable: 'code',
    docs: {
      description: 'Disallow truthiness tests on MCP list cursors, since MCP 2026-07-28 makes the empty string a valid cursor',
      spec: specUrls.pagination,
      catalogue: ['K6'],
      findings: {
        treatsEmptyCursorAsEnd: { severity: 'warning', fix: 'safe' },
        cursorMayBeEmpty: { severity: 'warning', fix: 'manual' },
        replacesEmptyCursor: { severity: 'warning', fix: 'manual' },
      },
      // Every cursor is read from a `nextCursor` field.
      prefilter: [nextCursorField],
    },
    messages: {
      treatsEmptyCursorAsEnd:
        'Treats an empty `{{cursor}}` as no cursor, but MCP 2026-07-28 makes `""` a valid cursor, so paging stops early or starts over. Test for presence instead: `{{cursor}} {{presence}}`.',
      cursorMayBeEmpty:
        'Tests `{{cursor}}` for truthiness, so an empty cursor (valid in MCP 2026-07-28) stops paging early or starts it over. Test for presence instead: `{{cursor}} !== undefined`.',
      replacesEmptyCursor:
        '`{{cursor}} {{operator}} …` replaces an empty cursor, which MCP 2026-07-28 makes valid, so the next request restarts or ends the list. Pass the cursor through unchanged (`??` keeps `""`).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;

    // ---------------------------------------------------------------------------------
    // Where a value comes from.
    // ---------------------------------------------------------------------------------

    /** The list request whose result `expression` holds (the result itself or its JSON-RPC envelope). */
    function listResultSource(expression: TSESTree.Node, depth: number): Source | undefined {
      if (depth > maxDepth) return undefined;
      const node = unwrap(expression);
      switch (node.type) {
        case AST_NODE_TYPES.AwaitExpression:
          return listResultSource(node.argument, depth + 1);
        case AST_NODE_TYPES.CallExpression:
          return listCallSource(node, depth);
        case AST_NODE_TYPES.MemberExpression:
          // `(await res.json()).result`, `response.data`
          return listResultSource(node.object, depth + 1);
        case AST_NODE_TYPES.Identifier:
          return variableWrites(node).map((write) => listResultSource(write.value, depth + 1)).find((s) => s !== undefined);
        default:
          return undefined;
      }
    }

    function listCallSource(call: TSESTree.CallExpression, depth: number): Source | undefined {
      if (sdkMethodCall(call, sourceCode, { methods: sdkListMethods, side: 'client', distinctive: sdkListMethods })) return 'sdk';
      const callee = unwrap(call.callee);
      if (namesListMethod(call)) {
        // `client.request({ method: 'tools/list', … }, ListToolsResultSchema)`: the SDK validates the result.
        const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
        return receiver && mcpSideOf(receiver, sourceCode) === 'client' ? 'sdk' : 'wire';
      }
      // `res.json()` on the response of a hand-rolled list request.
      if (callee.type === AST_NODE_TYPES.MemberExpression) return listResultSource(callee.object, depth + 1) === 'wire' ? 'wire' : undefined;
      return undefined;
    }

    /**
     * `rpc('tools/list', …)`, `send({ method: 'tools/list' })`, `fetch(url, { body: JSON.stringify({ method: 'tools/list' }) })`,
     * and a message built by a nested builder call: `call(request('tools/list', { cursor }))`.
     */
    function namesListMethod(call: TSESTree.CallExpression, depth = 0): boolean {
      let found = false;
      for (const argument of call.arguments) {
        if (isListMethod(argument)) return true;
        const inner = unwrap(argument);
        if (inner.type === AST_NODE_TYPES.CallExpression && depth < 2 && namesListMethod(inner, depth + 1)) return true;
        walk(argument, sourceCode.visitorKeys, (node) => {
          if (found || isFunction(node)) return;
          if (node.type === AST_NODE_TYPES.Property && propertyKeyName(node) === 'method' && isListMethod(node.value)) found = true;
        });
        if (found) return true;
      }
      return false;
    }

    function isListMethod(node: TSESTree.Node): boolean {
      const value = ASTUtils.getStaticValue(node, sourceCode.getScope(node))?.value;
      return typeof value === 'string' && paginatedListMethods.has(value);
    }

    /** A write to a variable: the value, and the key it was destructured from (`{ nextCursor: c } = …`). */
    interface Write {
      value: TSESTree.Node;
      key?: string;
    }

    /** What the file writes into a variable: its initialiser and assignments; `undefined` for a bare `let x;`. */
    function variableWrites(identifier: TSESTree.Identifier): Write[] {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      if (!variable || variable.defs.some((def) => def.type !== 'Variable')) return [];
      const writes: Write[] = [];
      for (const def of variable.defs) {
        if (def.node.type !== AST_NODE_TYPES.VariableDeclarator) continue;
        const key = destructuredKey(def.name);
        if (def.node.init) writes.push({ value: def.node.init, ...(key !== undefined ? { key } : {}) });
        else if (def.node.parent.parent?.type !== AST_NODE_TYPES.ForOfStatement && def.node.parent.parent?.type !== AST_NODE_TYPES.ForInStatement) {
          writes.push({ value: def.name });
        }
      }
      for (const reference of variable.references) {
        if (!reference.isWrite() || !reference.writeExpr || reference.init) continue;
        const key = destructuredKey(reference.identifier);
        writes.push({ value: reference.writeExpr, ...(key !== undefined ? { key } : {}) });
      }
      return writes;
    }

    /** `nextCursor` for the `c` of `{ nextCursor: c }` or `{ nextCursor }`; undefined outside a pattern. */
    function destructuredKey(name: TSESTree.Node): string | undefined {
      let node = name;
      if (node.parent?.type === AST_NODE_TYPES.AssignmentPattern && node.parent.left === node) node = node.parent;
      const property = node.parent;
      if (property?.type !== AST_NODE_TYPES.Property || property.value !== node || property.parent.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
      return propertyKeyName(property);
    }

    /** Where the cursor `expression` reads comes from, and whether its variable holds anything else. */
    function cursorOrigin(expression: TSESTree.Node): CursorOrigin | undefined {
      const node = unwrap(expression);
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        const source = isNextCursorMember(node) ? listResultSource(node.object, 0) : undefined;
        return source ? { source, onlyCursors: true } : undefined;
      }
      if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
      const writes = variableWrites(node);
      let source: Source | undefined;
      let holdsNull = false;
      let onlyCursors = writes.length > 0;
      for (const write of writes) {
        const written = writtenCursorSource(write);
        if (written) source = source === 'wire' || written === 'wire' ? 'wire' : 'sdk';
        else if (isAbsent(write.value)) holdsNull ||= isNull(write.value);
        else onlyCursors = false;
      }
      // A variable that starts as `null` needs the test that treats null as absent too.
      return source ? { source: holdsNull ? 'wire' : source, onlyCursors } : undefined;
    }

    function writtenCursorSource(write: Write): Source | undefined {
      if (write.key !== undefined) return write.key === nextCursorField ? listResultSource(write.value, 0) : undefined;
      const value = unwrap(write.value);
      return value.type === AST_NODE_TYPES.MemberExpression && isNextCursorMember(value) ? listResultSource(value.object, 0) : undefined;
    }

    function isNextCursorMember(member: TSESTree.MemberExpression): boolean {
      return !member.computed && member.property.type === AST_NODE_TYPES.Identifier && member.property.name === nextCursorField;
    }

    /** `let cursor;`, `= undefined`, `= null`, `= void 0`. */
    function isAbsent(value: TSESTree.Node): boolean {
      const node = unwrap(value);
      if (node.type === AST_NODE_TYPES.Identifier) return node === value && (node.name === 'undefined' || isDeclaredName(node));
      if (node.type === AST_NODE_TYPES.UnaryExpression) return node.operator === 'void';
      return isNull(node);
    }

    /** The binding identifier of a declaration without initialiser (what `variableWrites` records for `let x;`). */
    function isDeclaredName(identifier: TSESTree.Identifier): boolean {
      return identifier.parent?.type === AST_NODE_TYPES.VariableDeclarator && identifier.parent.id === identifier && !identifier.parent.init;
    }

    function isNull(value: TSESTree.Node): boolean {
      const node = unwrap(value);
      return node.type === AST_NODE_TYPES.Literal && node.value === null;
    }

    // ---------------------------------------------------------------------------------
    // What the code does with it.
    // ---------------------------------------------------------------------------------

    /** The truthiness use of `expression` (the outermost of its wrappers), if any. */
    function roleOf(expression: TSESTree.Node): Role | undefined {
      const { parent, child } = meaningfulParent(expression);
      if (!parent) return undefined;
      switch (parent.type) {
        case AST_NODE_TYPES.UnaryExpression:
          return parent.operator === '!' ? { kind: 'negated', replace: parent } : undefined;
        case AST_NODE_TYPES.CallExpression: {
          const callee = unwrap(parent.callee);
          const isBoolean = callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Boolean' && parent.arguments.length === 1 && parent.arguments[0] === child;
          return isBoolean ? { kind: 'boolean', replace: parent } : undefined;
        }
        case AST_NODE_TYPES.IfStatement:
        case AST_NODE_TYPES.WhileStatement:
        case AST_NODE_TYPES.DoWhileStatement:
        case AST_NODE_TYPES.ForStatement:
        case AST_NODE_TYPES.ConditionalExpression:
          return parent.test === child ? { kind: 'test' } : undefined;
        case AST_NODE_TYPES.LogicalExpression:
          if (parent.operator === '??') return undefined;
          if (isTruthinessPosition(parent)) return { kind: 'test' };
          // In a value position only the left operand is tested: `next || undefined`.
          return parent.left === child ? { kind: 'fallback' } : undefined;
        default:
          return undefined;
      }
    }

    /** Whether only the truthiness of `expression`'s value matters where it sits. */
    function isTruthinessPosition(expression: TSESTree.Node): boolean {
      const { parent, child } = meaningfulParent(expression);
      if (!parent) return false;
      switch (parent.type) {
        case AST_NODE_TYPES.IfStatement:
        case AST_NODE_TYPES.WhileStatement:
        case AST_NODE_TYPES.DoWhileStatement:
        case AST_NODE_TYPES.ForStatement:
        case AST_NODE_TYPES.ConditionalExpression:
          return parent.test === child;
        case AST_NODE_TYPES.UnaryExpression:
          return parent.operator === '!';
        case AST_NODE_TYPES.ExpressionStatement:
          return true;
        case AST_NODE_TYPES.LogicalExpression:
          return parent.operator !== '??' && isTruthinessPosition(parent);
        default:
          return false;
      }
    }

    // ---------------------------------------------------------------------------------
    // The fix.
    // ---------------------------------------------------------------------------------

    /** Whether `a === b` needs parentheses where `node` stood. */
    function needsParentheses(node: TSESTree.Node): boolean {
      const parent = node.parent;
      if (!parent) return false;
      switch (parent.type) {
        case AST_NODE_TYPES.UnaryExpression:
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.BinaryExpression:
        case AST_NODE_TYPES.TSNonNullExpression:
        case AST_NODE_TYPES.TSAsExpression:
        case AST_NODE_TYPES.TSSatisfiesExpression:
        case AST_NODE_TYPES.UpdateExpression:
        case AST_NODE_TYPES.TaggedTemplateExpression:
          return true;
        case AST_NODE_TYPES.MemberExpression:
          return parent.object === node;
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression:
          return parent.callee === node;
        default:
          return false;
      }
    }

    function operandText(expression: TSESTree.Node): string {
      const text = sourceCode.getText(expression);
      return expression.type === AST_NODE_TYPES.TSAsExpression || expression.type === AST_NODE_TYPES.TSSatisfiesExpression ? `(${text})` : text;
    }

    function fixFor(role: Role, cursor: TSESTree.Node, source: Source): TSESLint.ReportFixFunction | undefined {
      const [absent, present] = source === 'sdk' ? ['=== undefined', '!== undefined'] : ['== null', '!= null'];
      const text = operandText(cursor);
      const replace = (node: TSESTree.Node, replacement: string): TSESLint.ReportFixFunction => (fixer) =>
        fixer.replaceText(node, needsParentheses(node) ? `(${replacement})` : replacement);
      switch (role.kind) {
        case 'negated':
          return replace(role.replace, `${text} ${absent}`);
        case 'boolean':
          return replace(role.replace, `${text} ${present}`);
        case 'test':
          return replace(cursor, `${text} ${present}`);
        case 'fallback':
          return undefined;
      }
    }

    function check(node: TSESTree.Node): void {
      const cursor = meaningfulParent(node).child;
      const role = roleOf(node);
      if (!role) return;
      const origin = cursorOrigin(node);
      if (!origin) return;
      const text = sourceCode.getText(cursor);
      if (role.kind === 'fallback') {
        const operator = (meaningfulParent(node).parent as TSESTree.LogicalExpression).operator;
        context.report({ node: cursor, messageId: 'replacesEmptyCursor', data: { cursor: text, operator } });
        return;
      }
      if (!origin.onlyCursors) {
        context.report({ node: cursor, messageId: 'cursorMayBeEmpty', data: { cursor: text } });
        return;
      }
      const presence = origin.source === 'sdk' ? '!== undefined' : '!= null';
      context.report({ node: cursor, messageId: 'treatsEmptyCursorAsEnd', data: { cursor: text, presence }, fix: fixFor(role, cursor, origin.source) ?? null });
    }

    return {
      Identifier(node) {
        check(node);
      },
      'MemberExpression[computed=false][property.name="nextCursor"]'(node: TSESTree.MemberExpression) {
        check(node);
      },
    };
  },
});
