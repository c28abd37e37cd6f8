import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isNegatedMatcherCall } from '../src/ast/assertions.js';
import { constantDeclarationName, constantOrigin, staticValue } from '../src/ast/constants.js';
import { fileEvidence } from '../src/ast/evidence.js';
import { enclosingFunction, mcpMethodHandledAt } from '../src/ast/handlers.js';
import { mcpExportOf } from '../src/ast/imports.js';
import {
  calleeName,
  isFunction,
  isRepeatableReference,
  meaningfulParent,
  negativeNumberLiteral,
  propertyKeyName,
  templateText,
  unwrap,
  walk,
} from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import {
  invalidParamsCode,
  legacyResourceNotFoundCode,
  notFoundMessagePattern,
  notFoundNamePattern,
  otherMeaningPattern,
  resourceNotFoundEnumMembers,
  v2ResourceNotFoundError,
} from '../src/mcp/error-codes.js';
import { readResourceMethod } from '../src/mcp/methods.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds =
  | 'emitsLegacyCode'
  | 'comparesLegacyCode'
  | 'assertsLegacyCode'
  | 'bindsLegacyCode'
  | 'usesLegacyCode'
  | 'returnsEmptyContents';

/** What the code does with a value that is -32002. */
type Role =
  | { kind: 'emit'; errorObject?: TSESTree.ObjectExpression; call?: TSESTree.CallExpression | TSESTree.NewExpression }
  | { kind: 'compare'; binary: TSESTree.BinaryExpression }
  | { kind: 'case'; switchCase: TSESTree.SwitchCase }
  | { kind: 'list'; array: TSESTree.ArrayExpression }
  | { kind: 'assert' }
  | { kind: 'other' };

const legacy = String(legacyResourceNotFoundCode);
const modern = String(invalidParamsCode);

/** Calls that build, throw or send an error: `new McpError(…)`, `createError(…)`, `sendError(…)`, `reply(…)`. */
const errorBuilderName = /error|exception|fail|reject|respond|reply|send/i;
/**
 * Test assertions: vitest/jest `expect(x).toBe(…)`/`.rejects.toMatchObject(…)`, node:assert
 * `strictEqual`/`rejects`/`throws`, chai `.to.equal(…)`/`.property('code', …)`/`.include(…)`.
 */
const assertionName =
  /^(?:to[A-Z]\w*|(?:deep|strict|notStrict|notDeep|deepStrict)?[Ee]qual|equals?|match\w*|objectContaining|is|rejects|throws|doesNotReject|doesNotThrow|property|include|contain|oneOf|members|deepInclude)$/;
/** Words of an error message or constant name that tie "not found" to a resource. */
const resourceWord = /resource|uri/i;
const lookupMethodName = /^(?:includes|indexOf|has|lastIndexOf)$/;
/** Reading a resource through an SDK client or a hand-rolled request. */
const readResourceMention = /^(?:readResource|resources\/read|ReadResourceRequestSchema|ReadResourceResultSchema)$/;

export default createRule<[], MessageIds>({
  name: 'no-legacy-resource-not-found-code',
  meta: {
    type: 'problem',
    fixable: 'code',
    docs: {
      description: 'Disallow -32002 as the resource-not-found error code, which MCP 2026-07-28 replaced with -32602',
      spec: specUrls.resources,
      catalogue: ['X1', 'X2', 'X3'],
      findings: {
        emitsLegacyCode: { severity: 'error', fix: 'safe' },
        comparesLegacyCode: { severity: 'warning', fix: 'safe' },
        assertsLegacyCode: { severity: 'warning', fix: 'manual' },
        bindsLegacyCode: { severity: 'warning', fix: 'manual' },
        usesLegacyCode: { severity: 'warning', fix: 'manual' },
        returnsEmptyContents: { severity: 'error', fix: 'manual' },
      },
      prefilter: ['32002', 'ResourceNotFound', 'resources/read', '@modelcontextprotocol/'],
    },
    messages: {
      emitsLegacyCode: `Answers a missing resource with ${legacy}{{via}}, the code MCP 2026-07-28 retired: servers must reply ${modern} (Invalid params) with \`data: {{uri}}\`.{{sdkHint}}`,
      comparesLegacyCode: `Recognises a missing resource only by ${legacy}{{via}}; 2026-07-28 servers send ${modern}. Accept both, since older servers still send ${legacy}.{{conflict}}`,
      assertsLegacyCode: `Expects ${legacy}{{via}} for a missing resource; a 2026-07-28 server answers ${modern} (Invalid params) with \`data: {{uri}}\`. Update the expectation.`,
      bindsLegacyCode: `\`{{name}}\` is ${legacy}, the resource-not-found code MCP 2026-07-28 retired: servers must send ${modern}, and clients should accept both.`,
      usesLegacyCode: `Uses ${legacy}, the resource-not-found code MCP 2026-07-28 retired: servers must send ${modern}, and clients should accept both.`,
      returnsEmptyContents: `Returns an empty \`contents\` list for a resource it did not find; 2026-07-28 forbids that: reply ${modern} (Invalid params) with \`data: {{uri}}\`.{{sdkHint}}`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const evidence = fileEvidence(sourceCode);
    const sdkHint = evidence.importsMcp ? ` With SDK v2, \`throw new ${v2ResourceNotFoundError}(uri)\` does this.` : '';
    const uriData = { uri: '{ uri }' };
    const reported = new Set<TSESTree.Node>();
    const consumed = new Set<TSESTree.Node>();
    const pending: { node: TSESTree.Node; name: string }[] = [];

    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);

    function isLegacyCode(node: TSESTree.Node): boolean {
      return staticValue(node, scopeOf(node))?.value === legacyResourceNotFoundCode || isSdkResourceNotFound(node);
    }

    function isModernCode(node: TSESTree.Node): boolean {
      if (staticValue(node, scopeOf(node))?.value === invalidParamsCode) return true;
      const inner = unwrap(node);
      return inner.type === AST_NODE_TYPES.MemberExpression && mcpExportOf(inner.object, scopeOf(inner)) !== undefined &&
        !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier && inner.property.name === 'InvalidParams';
    }

    /** `ProtocolErrorCode.ResourceNotFound`, imported from an MCP package. */
    function isSdkResourceNotFound(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type !== AST_NODE_TYPES.MemberExpression || inner.computed || inner.property.type !== AST_NODE_TYPES.Identifier) {
        return false;
      }
      const owner = mcpExportOf(inner.object, scopeOf(inner));
      return owner !== undefined && resourceNotFoundEnumMembers[owner.name] === inner.property.name;
    }

    function roleOf(expression: TSESTree.Node): Role | undefined {
      const { parent, child } = meaningfulParent(expression);
      if (!parent) return undefined;
      // `{ code: -32002, message }` is an error, even when the object itself is a named constant.
      if (parent.type === AST_NODE_TYPES.Property && parent.value === child && propertyKeyName(parent) === 'code') {
        const object = parent.parent;
        if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
        const assertion = assertionWith(object);
        if (assertion) return isNegatedMatcherCall(assertion) ? undefined : { kind: 'assert' };
        return { kind: 'emit', errorObject: object };
      }
      if (constantDeclarationName(expression)) return undefined;
      switch (parent.type) {
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression: {
          if (!parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return { kind: 'other' };
          // `expect(err.code).not.toBe(-32002)` checks that the old code is gone.
          if (isAssertionCall(parent)) return isNegatedMatcherCall(parent) ? undefined : { kind: 'assert' };
          const name = calleeName(parent) ?? '';
          return errorBuilderName.test(name) ? { kind: 'emit', call: parent } : { kind: 'other' };
        }
        case AST_NODE_TYPES.AssignmentExpression: {
          const target = unwrap(parent.left);
          const isCodeField =
            target.type === AST_NODE_TYPES.MemberExpression && !target.computed &&
            target.property.type === AST_NODE_TYPES.Identifier && target.property.name === 'code';
          return parent.right === child && isCodeField ? { kind: 'emit' } : { kind: 'other' };
        }
        case AST_NODE_TYPES.BinaryExpression:
          return ['===', '==', '!==', '!='].includes(parent.operator) ? { kind: 'compare', binary: parent } : { kind: 'other' };
        case AST_NODE_TYPES.SwitchCase:
          return parent.test === child ? { kind: 'case', switchCase: parent } : { kind: 'other' };
        case AST_NODE_TYPES.ArrayExpression: {
          const outer = meaningfulParent(parent).parent;
          const isLookup =
            outer?.type === AST_NODE_TYPES.MemberExpression && !outer.computed &&
            outer.property.type === AST_NODE_TYPES.Identifier && lookupMethodName.test(outer.property.name);
          const isSet = outer?.type === AST_NODE_TYPES.NewExpression && calleeName(outer) === 'Set';
          return isLookup || isSet ? { kind: 'list', array: parent } : { kind: 'other' };
        }
        case AST_NODE_TYPES.ThrowStatement:
        case AST_NODE_TYPES.ReturnStatement:
          return { kind: 'emit' };
        default:
          return parent.type.startsWith('TS') ? undefined : { kind: 'other' };
      }
    }

    function isAssertionCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      return assertionName.test(calleeName(call) ?? '');
    }

    /** The assertion call the object is an argument of, directly or inside an object or array argument. */
    function assertionWith(object: TSESTree.Node): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
      let { parent, child } = meaningfulParent(object);
      while (parent && (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.ObjectExpression || parent.type === AST_NODE_TYPES.ArrayExpression)) {
        ({ parent, child } = meaningfulParent(parent));
      }
      if (parent?.type !== AST_NODE_TYPES.CallExpression && parent?.type !== AST_NODE_TYPES.NewExpression) return undefined;
      return parent.arguments.includes(child as TSESTree.CallExpressionArgument) && isAssertionCall(parent) ? parent : undefined;
    }

    /** The human-readable message next to an emitted code, if the code sits beside one. */
    function messageBeside(role: Role): string | undefined {
      if (role.kind !== 'emit') return undefined;
      if (role.errorObject) {
        for (const property of role.errorObject.properties) {
          if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'message') {
            return templateText(unwrap(property.value)) ?? constantText(property.value);
          }
        }
      }
      if (role.call) {
        for (const argument of role.call.arguments) {
          const text = templateText(unwrap(argument)) ?? constantText(argument);
          if (text !== undefined) return text;
        }
      }
      return undefined;
    }

    function constantText(node: TSESTree.Node): string | undefined {
      const value = staticValue(node, scopeOf(node))?.value;
      return typeof value === 'string' ? value : undefined;
    }

    function hasUriData(role: Role): boolean {
      if (role.kind !== 'emit' || !role.errorObject) return false;
      return role.errorObject.properties.some((property) => {
        if (property.type !== AST_NODE_TYPES.Property || propertyKeyName(property) !== 'data') return false;
        const value = unwrap(property.value);
        return value.type === AST_NODE_TYPES.ObjectExpression &&
          value.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'uri');
      });
    }

    /** The function around `node` reads a resource (client side) or handles resources/read. */
    function nearResourceRead(node: TSESTree.Node): boolean {
      if (mcpMethodHandledAt(node, context) === readResourceMethod) return true;
      const fn = enclosingFunction(node);
      const tokens = fn ? sourceCode.getTokens(fn) : [];
      return tokens.some((token) => readResourceMention.test(token.type === 'String' ? token.value.slice(1, -1) : token.value));
    }

    /**
     * Whether this -32002 is MCP's resource-not-found code (design.md principle 3): an SDK
     * enum member always is; otherwise nothing beside it may give it another meaning (a wallet's
     * "already pending", LSP's ServerNotInitialized, an application's own code), and either
     * something beside it says "resource not found" or the file speaks MCP and nothing else.
     */
    function isMcpResourceNotFound(node: TSESTree.Node, role: Role | undefined, name: string | undefined): boolean {
      if (isSdkResourceNotFound(node)) return true;
      const message = role ? messageBeside(role) : undefined;
      const texts = [message, name].filter((text): text is string => text !== undefined);
      const saysNotFound = (message !== undefined && notFoundMessagePattern.test(message)) || (name !== undefined && notFoundNamePattern.test(name));
      const saysOther = texts.some((text) => otherMeaningPattern.test(text));
      if (saysOther && !saysNotFound) return false;
      if (evidence.speaksMcp && evidence.lookalikes.size === 0) return true;
      // No MCP evidence, or lookalike signs too: only "resource not found" beside the code will do.
      if (saysNotFound && texts.some((text) => resourceWord.test(text))) return true;
      if (role !== undefined && hasUriData(role)) return true;
      return evidence.speaksMcp && nearResourceRead(node);
    }

    /** `code === -32002 || code === -32602` (or `!==` with `&&`) already accepts both. */
    function comparisonAcceptsBoth(binary: TSESTree.BinaryExpression, operand: TSESTree.Node): boolean {
      const joiner = binary.operator.startsWith('!') ? '&&' : '||';
      let top: TSESTree.Node = binary;
      while (top.parent?.type === AST_NODE_TYPES.LogicalExpression && top.parent.operator === joiner) top = top.parent;
      const operandText = sourceCode.getText(operand);
      const leaves: TSESTree.Node[] = [];
      const collect = (node: TSESTree.Node): void => {
        if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === joiner) {
          collect(node.left);
          collect(node.right);
        } else leaves.push(node);
      };
      collect(top);
      return leaves.some(
        (leaf) =>
          leaf.type === AST_NODE_TYPES.BinaryExpression &&
          leaf.operator === binary.operator &&
          ((sourceCode.getText(leaf.left) === operandText && isModernCode(leaf.right)) ||
            (sourceCode.getText(leaf.right) === operandText && isModernCode(leaf.left))),
      );
    }

    function reportCompare(expression: TSESTree.Node, role: Extract<Role, { kind: 'compare' | 'case' | 'list' }>, via: string): void {
      const descriptor = { node: expression, messageId: 'comparesLegacyCode' as const, data: { conflict: '', via } };
      if (role.kind === 'compare') {
        const { binary } = role;
        const operand = unwrap(binary.left) === unwrap(expression) ? binary.right : binary.left;
        if (comparisonAcceptsBoth(binary, operand)) return;
        const canRepeat = isRepeatableReference(operand) && !isIndirect(expression);
        const joiner = binary.operator.startsWith('!') ? '&&' : '||';
        const both = `${sourceCode.getText(binary)} ${joiner} ${sourceCode.getText(operand)} ${binary.operator} ${modernText(expression)}`;
        return report({
          ...descriptor,
          ...(canRepeat ? { fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(binary, needsParentheses(binary, joiner) && !ASTUtils.isParenthesized(binary, sourceCode) ? `(${both})` : both) } : {}),
        });
      }
      if (role.kind === 'case') {
        const cases = role.switchCase.parent.cases;
        const modernCase = cases.find((c) => c.test && isModernCode(c.test));
        if (modernCase && sameCaseGroup(cases, modernCase, role.switchCase)) return;
        if (modernCase) {
          return report({
            ...descriptor,
            data: { via, conflict: ` This switch already handles ${modern} in another branch: decide which branch a missing resource belongs to.` },
          });
        }
        const colon = sourceCode.getTokenAfter(role.switchCase.test!, ASTUtils.isColonToken);
        const indent = /^\s*/.exec(sourceCode.lines[role.switchCase.loc.start.line - 1] ?? '')?.[0] ?? '';
        const newline = sourceCode.text.includes('\r\n') ? '\r\n' : '\n';
        return report({
          ...descriptor,
          ...(!isIndirect(expression) && colon
            ? { fix: (fixer: TSESLint.RuleFixer) => fixer.insertTextAfter(colon, `${newline}${indent}case ${modernText(expression)}:`) }
            : {}),
        });
      }
      if (role.array.elements.some((element) => element && element.type !== AST_NODE_TYPES.SpreadElement && isModernCode(element))) return;
      return report({
        ...descriptor,
        ...(!isIndirect(expression) ? { fix: (fixer: TSESLint.RuleFixer) => fixer.insertTextAfter(expression, `, ${modernText(expression)}`) } : {}),
      });
    }

    /** Read through a constant: a fix at this spot would leave the constant wrong elsewhere. */
    function isIndirect(expression: TSESTree.Node): boolean {
      return negativeNumberLiteral(unwrap(expression)) === undefined && !isSdkResourceNotFound(expression);
    }

    function modernText(expression: TSESTree.Node): string {
      const inner = unwrap(expression);
      if (inner.type === AST_NODE_TYPES.MemberExpression && isSdkResourceNotFound(inner)) return `${sourceCode.getText(inner.object)}.InvalidParams`;
      return modern;
    }

    function report(descriptor: TSESLint.ReportDescriptor<MessageIds> & { node: TSESTree.Node }): void {
      if (reported.has(descriptor.node)) return;
      reported.add(descriptor.node);
      context.report(descriptor);
    }

    function check(expression: TSESTree.Node): void {
      if (!isLegacyCode(expression)) return;
      const indirect = isIndirect(expression);
      const origin = indirect ? constantOrigin(expression, scopeOf(expression)) : undefined;
      const role = roleOf(expression);
      if (!role) {
        const name = constantDeclarationName(expression);
        if (name) pending.push({ node: unwrap(expression), name });
        return;
      }
      if (role.kind === 'other' && indirect) return;
      if (!isMcpResourceNotFound(expression, role, origin?.name)) return;
      if (origin) consumed.add(origin.node);
      const via = origin ? ` (\`${origin.name}\` is ${legacy})` : '';
      switch (role.kind) {
        case 'emit':
          return report({
            node: expression,
            messageId: 'emitsLegacyCode',
            data: { ...uriData, sdkHint, via },
            ...(!indirect ? { fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(unwrap(expression), modernText(expression)) } : {}),
          });
        case 'compare':
        case 'case':
        case 'list':
          return reportCompare(expression, role, via);
        case 'assert':
          return report({ node: expression, messageId: 'assertsLegacyCode', data: { ...uriData, via } });
        case 'other':
          return indirect
            ? report({ node: expression, messageId: 'bindsLegacyCode', data: { name: sourceCode.getText(expression) } })
            : report({ node: expression, messageId: 'usesLegacyCode' });
      }
    }

    /**
     * Whether the object is only returned on some path: in a branch (`if (!doc) return …`, a
     * ternary, a `catch`, `x ?? {…}`), or as the fallback after an early return of the real thing.
     */
    function isConditionalReturn(object: TSESTree.Node): boolean {
      let child: TSESTree.Node = object;
      for (let parent = object.parent; parent && !isFunction(parent) && parent.type !== AST_NODE_TYPES.SwitchCase; child = parent, parent = parent.parent) {
        if (parent.type === AST_NODE_TYPES.IfStatement && child !== parent.test) return true;
        if (parent.type === AST_NODE_TYPES.ConditionalExpression && child !== parent.test) return true;
        if (parent.type === AST_NODE_TYPES.CatchClause) return true;
        if (parent.type === AST_NODE_TYPES.LogicalExpression && child === parent.right) return true;
        if (parent.type === AST_NODE_TYPES.ReturnStatement && followsEarlyReturn(parent)) return true;
      }
      return false;
    }

    function followsEarlyReturn(statement: TSESTree.ReturnStatement): boolean {
      const container = statement.parent;
      const siblings = container.type === AST_NODE_TYPES.BlockStatement ? container.body : container.type === AST_NODE_TYPES.SwitchCase ? container.consequent : [];
      const earlier = siblings.slice(0, siblings.indexOf(statement));
      return earlier.some((sibling) => {
        if (sibling.type !== AST_NODE_TYPES.IfStatement) return false;
        let returns = false;
        walk(sibling, sourceCode.visitorKeys, (node) => (returns ||= node.type === AST_NODE_TYPES.ReturnStatement));
        return returns;
      });
    }

    return {
      'UnaryExpression[operator="-"]'(node: TSESTree.UnaryExpression) {
        check(node);
      },
      'MemberExpression[computed=false][property.name="ResourceNotFound"]'(node: TSESTree.MemberExpression) {
        check(node);
      },
      'Identifier, MemberExpression'(node: TSESTree.Identifier | TSESTree.MemberExpression) {
        // Constants in a position where the code is used: `code: NOT_FOUND`, `x === Codes.NOT_FOUND`.
        const { parent, child } = meaningfulParent(node);
        if (!parent || child !== node) return;
        const inSlot =
          (parent.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) ||
          ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
            parent.arguments.includes(node as TSESTree.CallExpressionArgument)) ||
          (parent.type === AST_NODE_TYPES.BinaryExpression && (parent.left === node || parent.right === node)) ||
          (parent.type === AST_NODE_TYPES.SwitchCase && parent.test === node) ||
          parent.type === AST_NODE_TYPES.ArrayExpression ||
          (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) ||
          parent.type === AST_NODE_TYPES.ThrowStatement ||
          parent.type === AST_NODE_TYPES.ReturnStatement;
        if (inSlot && !isSdkResourceNotFound(node)) check(node);
      },
      'ObjectExpression > Property[key.name="contents"] > ArrayExpression[elements.length=0]'(node: TSESTree.ArrayExpression) {
        const object = node.parent.parent as TSESTree.ObjectExpression;
        if (mcpMethodHandledAt(object, context) !== readResourceMethod || !isConditionalReturn(object)) return;
        report({ node: node.parent, messageId: 'returnsEmptyContents', data: { ...uriData, sdkHint } });
      },
      'Program:exit'() {
        for (const { node, name } of pending) {
          if (consumed.has(node) || !isMcpResourceNotFound(node, undefined, name)) continue;
          report({ node, messageId: 'bindsLegacyCode', data: { name } });
        }
      },
    };
  },
});

function sameCaseGroup(cases: TSESTree.SwitchCase[], a: TSESTree.SwitchCase, b: TSESTree.SwitchCase): boolean {
  const [from, to] = [cases.indexOf(a), cases.indexOf(b)].sort((x, y) => x - y) as [number, number];
  for (let i = from; i < to; i++) if (cases[i]!.consequent.length > 0) return false;
  return true;
}

/** Whether `a === b || a === c` needs parentheses where `a === b` stood. */
function needsParentheses(binary: TSESTree.BinaryExpression, joiner: '||' | '&&'): boolean {
  const parent = binary.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.LogicalExpression:
      return parent.operator !== joiner;
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return false;
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== binary;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return !parent.arguments.includes(binary);
    default:
      return true;
  }
}
