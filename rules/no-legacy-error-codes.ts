import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { constantDeclarationName, constantOrigin, staticValue } from '../src/ast/constants.js';
import { acceptBothFix, codeRoleOf, comparisonAlsoAccepts, dataKeysBesideCode, isCodeSlot, messageBesideCode, type CodeRole } from '../src/ast/error-code-sites.js';
import { fileEvidence, speaksMcpTokens } from '../src/ast/evidence.js';
import { mcpMethodHandledAt } from '../src/ast/handlers.js';
import { mcpExportOf } from '../src/ast/imports.js';
import { calleeName, meaningfulParent, negativeNumberLiteral, propertyKeyName, unwrap } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import {
  codesNotOursToReport,
  definedMcpCodes,
  invalidParams,
  legacyImplementationRange,
  otherErrorMeaning,
  rcErrorCodes,
  reservedMcpRange,
  unsupportedProtocolVersion,
  unsupportedVersionMessage,
} from '../src/mcp/rc-error-codes.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds =
  | 'emitsRcCode'
  | 'comparesRcCode'
  | 'expectsRcCode'
  | 'bindsRcCode'
  | 'sendsVersionErrorAsInvalidParams'
  | 'emitsReservedCode'
  | 'emitsLegacyRangeCode'
  | 'listsRequiredCapabilities';

/** SDK enums (v1 `ErrorCode`, v2 `ProtocolErrorCode`) and v2's constant for -32602. */
const invalidParamsMember = 'InvalidParams';
const invalidParamsConstant = 'INVALID_PARAMS';
const identifierKey = /^[A-Za-z_$][\w$]*$/;

export default createRule<[], MessageIds>({
  name: 'no-legacy-error-codes',
  meta: {
    type: 'problem',
    fixable: 'code',
    docs: {
      description: "Disallow the release candidate's error codes and error codes MCP 2026-07-28 reserves or retired",
      spec: specUrls.errorCodes,
      catalogue: ['X5', 'X6', 'X7', 'X8', 'L6'],
      findings: {
        emitsRcCode: { severity: 'error', fix: 'safe' },
        comparesRcCode: { severity: 'warning', fix: 'safe' },
        expectsRcCode: { severity: 'warning', fix: 'manual' },
        bindsRcCode: { severity: 'warning', fix: 'manual' },
        sendsVersionErrorAsInvalidParams: { severity: 'error', fix: 'safe' },
        emitsReservedCode: { severity: 'error', fix: 'manual' },
        emitsLegacyRangeCode: { severity: 'warning', fix: 'manual' },
        listsRequiredCapabilities: { severity: 'error', fix: 'safe' },
      },
      // The digits of every code reported (-32000…-32099, -32602), or the names they come through.
      prefilter: ['3200', '3201', '3202', '3203', '3204', '3205', '3206', '3207', '3208', '3209', '32602', 'InvalidParams', 'INVALID_PARAMS', 'requiredCapabilities'],
      // Every report needs speaksMcp but one: L6 (-32602 for an unsupported version) also reports
      // without it when the message says so and the data has both keys:
      // - `requested`: that data key (`{ supported, requested }`).
      prefilterAlso: [...speaksMcpTokens, 'requested'],
    },
    messages: {
      emitsRcCode:
        'Sends {{code}}{{via}}, the release-candidate number of {{name}}; the final MCP 2026-07-28 assigned {{modern}}, and 2026-07-28 clients assign {{code}} no meaning. Send {{modern}}{{advice}}.',
      comparesRcCode:
        'Recognises {{name}} only by {{code}}{{via}}, its release-candidate number; 2026-07-28 servers send {{modern}}. Accept {{modern}} (and {{code}} only for peers built on the release candidate).',
      expectsRcCode: 'Expects {{code}}{{via}}, the release-candidate number of {{name}}; a 2026-07-28 server answers {{modern}}. Update the expectation.',
      bindsRcCode: '`{{name}}` is {{code}}, the release-candidate number of {{error}}; MCP 2026-07-28 assigned {{modern}}.',
      sendsVersionErrorAsInvalidParams: `Answers an unsupported protocol version with -32602{{via}}, as 2025 did; MCP 2026-07-28 answers it with ${unsupportedProtocolVersion} (UnsupportedProtocolVersion), the same \`data: { supported, requested }\` and HTTP 400 (SDK v2: \`new UnsupportedProtocolVersionError({ supported, requested })\`).`,
      emitsReservedCode:
        'Sends {{code}}{{via}}, in -32020…-32099, which MCP 2026-07-28 reserves for codes the specification defines (only -32020, -32021 and -32022 so far); move this application code outside -32768…-32000.',
      emitsLegacyRangeCode:
        'Sends {{code}}{{via}}, a new code in -32000…-32019, the range MCP 2026-07-28 made legacy (receivers assign it no meaning); use an application code outside -32768…-32000.',
      listsRequiredCapabilities:
        '`requiredCapabilities` is a list; MCP 2026-07-28 defines it as an object keyed by capability ({{object}}), so a 2026-07-28 client cannot read which capability is missing.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const evidence = fileEvidence(sourceCode);
    const isMcpFile = evidence.speaksMcp && evidence.lookalikes.size === 0;
    const consumed = new Set<TSESTree.Node>();
    const pending: { node: TSESTree.Node; name: string; code: number }[] = [];
    const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);

    function report(descriptor: TSESLint.ReportDescriptor<MessageIds> & { node: TSESTree.Node }): void {
      context.report(descriptor);
    }

    /** The number an expression always is; -32602 also for the SDK's names of it. */
    function codeOf(node: TSESTree.Node): number | undefined {
      const value = staticValue(node, scopeOf(node))?.value;
      if (typeof value === 'number') return value;
      return isSdkInvalidParams(node) ? invalidParams : undefined;
    }

    function isSdkInvalidParams(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      const origin = mcpExportOf(inner, scopeOf(inner));
      if (origin?.name === invalidParamsConstant) return true;
      return inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier &&
        inner.property.name === invalidParamsMember && mcpExportOf(inner.object, scopeOf(inner)) !== undefined;
    }

    function saysRcError(code: number, role: CodeRole | undefined, name: string | undefined): { says: boolean; other: boolean } {
      const info = rcErrorCodes.get(code)!;
      const texts = [messageBesideCode(role, sourceCode), name].filter((text): text is string => text !== undefined);
      const data = dataKeysBesideCode(role);
      const dataSays = (code === -32003 && data.has('requiredCapabilities')) || (code === -32004 && data.has('supported') && data.has('requested'));
      return { says: dataSays || texts.some((text) => info.evidence.test(text)), other: texts.some((text) => otherErrorMeaning.test(text)) };
    }

    /**
     * Whether a release-candidate number means that RC error here (design.md principle 3): the
     * file speaks MCP, nothing beside it gives it another meaning (a wallet's "Transaction
     * rejected", an SDK timeout, a session error), and -32001 needs words that say "header".
     */
    function isRcError(code: number, role: CodeRole | undefined, name: string | undefined): { yes: boolean; certain: boolean } {
      const { says, other } = saysRcError(code, role, name);
      const info = rcErrorCodes.get(code)!;
      const yes = evidence.speaksMcp && !(other && !says) && (says || (!info.needsEvidence && evidence.lookalikes.size === 0));
      return { yes, certain: yes && says };
    }

    function check(expression: TSESTree.Node): void {
      const code = codeOf(expression);
      if (code === undefined) return;
      const literal = negativeNumberLiteral(unwrap(expression)) !== undefined;
      const origin = literal ? undefined : constantOrigin(expression, scopeOf(expression));
      const via = origin ? ` (\`${origin.name}\` is ${code})` : '';
      const role = codeRoleOf(expression, sourceCode);
      if (!role) {
        const name = constantDeclarationName(expression);
        if (name && rcErrorCodes.has(code)) pending.push({ node: unwrap(expression), name, code });
        return;
      }
      const consume = () => origin && consumed.add(origin.node);
      if (rcErrorCodes.has(code) && checkRcCode(expression, code, role, origin?.name, via, literal)) return void consume();
      if (code === invalidParams) return void (checkVersionError(expression, role, via, literal) && consume());
      if (role.kind !== 'emit' || !role.errorLike || !isMcpFile || codesNotOursToReport.includes(code)) return;
      if (code >= reservedMcpRange.from && code <= reservedMcpRange.to && !definedMcpCodes.includes(code)) {
        consume();
        return report({ node: expression, messageId: 'emitsReservedCode', data: { code: String(code), via } });
      }
      if (code >= legacyImplementationRange.from && code <= legacyImplementationRange.to) {
        consume();
        report({ node: expression, messageId: 'emitsLegacyRangeCode', data: { code: String(code), via } });
      }
    }

    /** Reports a release-candidate code; false when it is not that error here. */
    function checkRcCode(expression: TSESTree.Node, code: number, role: CodeRole, name: string | undefined, via: string, literal: boolean): boolean {
      const { yes, certain } = isRcError(code, role, name);
      if (!yes || role.kind === 'other') return false;
      const info = rcErrorCodes.get(code)!;
      const data = { code: String(code), modern: String(info.modern), name: info.name, via, advice: info.advice };
      if (role.kind === 'emit') {
        report({
          node: expression,
          messageId: 'emitsRcCode',
          data,
          ...(literal && certain ? { fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(unwrap(expression), String(info.modern)) } : {}),
        });
      } else if (role.kind === 'compare') {
        if (role.binary && comparisonAlsoAccepts(role.binary, expression, (node) => codeOf(node) === info.modern, sourceCode)) return true;
        const fix = literal && role.binary ? acceptBothFix(role.binary, expression, String(info.modern), sourceCode) : undefined;
        report({ node: expression, messageId: 'comparesRcCode', data, ...(fix ? { fix } : {}) });
      } else {
        report({ node: expression, messageId: 'expectsRcCode', data });
      }
      return true;
    }

    /** L6: `{ code: -32602, message: 'Unsupported protocol version', data: { supported, requested } }`. */
    function checkVersionError(expression: TSESTree.Node, role: CodeRole, via: string, literal: boolean): boolean {
      if (role.kind !== 'emit') return false;
      const message = messageBesideCode(role, sourceCode);
      const data = dataKeysBesideCode(role);
      const saysMessage = message !== undefined && unsupportedVersionMessage.test(message);
      const saysData = data.has('supported') && data.has('requested');
      if (!saysMessage && !saysData) return false;
      if (!evidence.speaksMcp && !(saysMessage && saysData)) return false;
      // A 2025 client's initialize still gets the 2025 answer from a dual-era server.
      if (mcpMethodHandledAt(expression, context) === 'initialize') return false;
      report({ node: expression, messageId: 'sendsVersionErrorAsInvalidParams', data: { via }, ...versionErrorFix(expression, literal) });
      return true;
    }

    function versionErrorFix(expression: TSESTree.Node, literal: boolean): { fix?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix } {
      const inner = unwrap(expression);
      if (literal) return { fix: (fixer) => fixer.replaceText(inner, String(unsupportedProtocolVersion)) };
      // v2's ProtocolErrorCode has the member; v1's ErrorCode does not.
      const owner = inner.type === AST_NODE_TYPES.MemberExpression ? mcpExportOf(inner.object, scopeOf(inner)) : undefined;
      if (owner?.name === 'ProtocolErrorCode' && inner.type === AST_NODE_TYPES.MemberExpression) {
        return { fix: (fixer) => fixer.replaceText(inner.property, 'UnsupportedProtocolVersion') };
      }
      return {};
    }

    function stringValue(node: TSESTree.Node): string | undefined {
      const value = staticValue(node, scopeOf(node))?.value;
      return typeof value === 'string' ? value : undefined;
    }

    /** X8: `requiredCapabilities: ['sampling']` in a missing-capability error. */
    function checkRequiredCapabilities(property: TSESTree.Property): void {
      if (!evidence.speaksMcp || !isErrorData(property.parent as TSESTree.ObjectExpression)) return;
      const value = unwrap(property.value);
      const list = value.type === AST_NODE_TYPES.ArrayExpression ? value : constantOrigin(value, scopeOf(value))?.node;
      if (list?.type !== AST_NODE_TYPES.ArrayExpression) return;
      const names = list.elements.map((element) => (element && element.type !== AST_NODE_TYPES.SpreadElement ? stringValue(element) : undefined));
      const known = names.every((name): name is string => name !== undefined);
      const object = known && names.length > 0 ? `{ ${names.map((name) => `${identifierKey.test(name) ? name : JSON.stringify(name)}: {}`).join(', ')} }` : undefined;
      report({
        node: property.value,
        messageId: 'listsRequiredCapabilities',
        data: { object: object ? `\`${object}\`` : 'for example `{ sampling: {} }`' },
        ...(object && list === value ? { fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(value, object) } : {}),
      });
    }

    /** The `data` of an error (`{ code, data: { … } }`), or the argument of an error's constructor. */
    function isErrorData(object: TSESTree.ObjectExpression): boolean {
      const { parent } = meaningfulParent(object);
      if (parent?.type === AST_NODE_TYPES.Property && propertyKeyName(parent) === 'data') return true;
      return (parent?.type === AST_NODE_TYPES.NewExpression || parent?.type === AST_NODE_TYPES.CallExpression) && /error|capabilit/i.test(calleeName(parent) ?? '');
    }

    return {
      'UnaryExpression[operator="-"]'(node: TSESTree.UnaryExpression) {
        check(node);
      },
      'Identifier, MemberExpression'(node: TSESTree.Identifier | TSESTree.MemberExpression) {
        if (isCodeSlot(node)) check(node);
      },
      Property(node) {
        if (node.parent.type === AST_NODE_TYPES.ObjectExpression && propertyKeyName(node) === 'requiredCapabilities') checkRequiredCapabilities(node);
      },
      'Program:exit'() {
        for (const { node, name, code } of pending) {
          if (consumed.has(node) || !isRcError(code, undefined, name).yes) continue;
          const info = rcErrorCodes.get(code)!;
          report({ node, messageId: 'bindsRcCode', data: { name, code: String(code), error: info.name, modern: String(info.modern) } });
        }
      },
    };
  },
});
