import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { constantDeclarationName, constantOrigin, staticValue } from '../src/ast/constants.js';
import { acceptBothFix, codeRoleOf, comparisonAlsoAccepts, dataKeysBesideCode, isCodeSlot, messageBesideCode, type CodeRole } from '../src/ast/error-code-sites.js';
import { fileEvidence } from '../src/ast/evidence.js';
import { enclosingFunction, mcpMethodHandledAt } from '../src/ast/handlers.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { isFunction, negativeNumberLiteral, unwrap, walk } from '../src/ast/nodes.js';
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

const legacy = String(legacyResourceNotFoundCode);
const modern = String(invalidParamsCode);

/** Words of an error message or constant name that tie "not found" to a resource. */
const resourceWord = /resource|uri/i;
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
    function isMcpResourceNotFound(node: TSESTree.Node, role: CodeRole | undefined, name: string | undefined): boolean {
      if (isSdkResourceNotFound(node)) return true;
      const message = messageBesideCode(role, sourceCode);
      const texts = [message, name].filter((text): text is string => text !== undefined);
      const saysNotFound = (message !== undefined && notFoundMessagePattern.test(message)) || (name !== undefined && notFoundNamePattern.test(name));
      const saysOther = texts.some((text) => otherMeaningPattern.test(text));
      if (saysOther && !saysNotFound) return false;
      // A message that names neither a missing thing nor a resource says what this error is instead ("User ID required"),
      // except in a resource read, where -32002 is the not-found code whatever the message says.
      if (message !== undefined && !saysNotFound && !resourceWord.test(message) && !nearResourceRead(node)) return false;
      if (evidence.speaksMcp && evidence.lookalikes.size === 0) return true;
      // No MCP evidence, or lookalike signs too: only "resource not found" beside the code will do.
      if (saysNotFound && texts.some((text) => resourceWord.test(text))) return true;
      if (dataKeysBesideCode(role).has('uri')) return true;
      return evidence.speaksMcp && nearResourceRead(node);
    }

    function reportCompare(expression: TSESTree.Node, role: Extract<CodeRole, { kind: 'compare' }>, via: string): void {
      const descriptor = { node: expression, messageId: 'comparesLegacyCode' as const, data: { conflict: '', via } };
      if (role.binary) {
        if (comparisonAlsoAccepts(role.binary, expression, isModernCode, sourceCode)) return;
        const fix = isIndirect(expression) ? undefined : acceptBothFix(role.binary, expression, modernText(expression), sourceCode);
        return report({ ...descriptor, ...(fix ? { fix } : {}) });
      }
      if (role.switchCase) {
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
      if (role.array?.elements.some((element) => element && element.type !== AST_NODE_TYPES.SpreadElement && isModernCode(element))) return;
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
      context.report(descriptor);
    }

    function check(expression: TSESTree.Node): void {
      if (!isLegacyCode(expression)) return;
      const indirect = isIndirect(expression);
      const origin = indirect ? constantOrigin(expression, scopeOf(expression)) : undefined;
      const role = codeRoleOf(expression, sourceCode);
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
        if (isCodeSlot(node) && !isSdkResourceNotFound(node)) check(node);
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

