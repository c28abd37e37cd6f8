import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import {
  clientAuthEvidence,
  comparesIssuer,
  isCallbackQuery,
  isUrlBuilding,
  literalText,
  mcpClientExportOf,
  passesQueryOn,
  readsIssuerParameter,
  redirectParameterRead,
} from '../src/ast/client-auth.js';
import { staticValue } from '../src/ast/constants.js';
import { fileEvidence } from '../src/ast/evidence.js';
import { enclosingFunction } from '../src/ast/handlers.js';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { calleeName, isFunction, meaningfulParent, propertyKeyName, stringLiteralValue, unwrap, walk } from '../src/ast/nodes.js';
import { insideExpectation } from '../src/ast/test-expectations.js';
import { mcpInstanceClassOf } from '../src/ast/transports.js';
import { createRule } from '../src/create-rule.js';
import {
  authorizationServerMetadataPaths,
  clientTransportsWithAuth,
  codeRedeemingFunctions,
  issuerCheckOptOuts,
  offlineAccessScope,
  resourceScopeOptions,
  uncheckedV1MetadataDiscovery,
} from '../src/mcp/client-auth.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds =
  | 'callbackIgnoresIssuer'
  | 'redeemsCodeWithoutIssuer'
  | 'v1RedeemsCodeWithoutIssuer'
  | 'metadataIssuerNotCompared'
  | 'skipsIssuerValidation'
  | 'advertisesOfflineAccess';

/** `scope="… offline_access …"` in a `WWW-Authenticate` challenge. */
const challengeScopeWithOfflineAccess = /\bscope="[^"]*\boffline_access\b[^"]*"/;
const wwwAuthenticate = 'www-authenticate';
/** Members of a fetch response that say whether it worked, not what it holds. */
const statusMembers: ReadonlySet<string> = new Set(['status', 'ok', 'statusText']);

export default createRule<[], MessageIds>({
  name: 'require-authorization-issuer',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require MCP clients to check the authorization server issuer (RFC 9207 `iss`, RFC 8414 metadata `issuer`), as MCP 2026-07-28 does',
      spec: specUrls.authorization,
      catalogue: ['A1', 'A6', 'A5'],
      findings: {
        callbackIgnoresIssuer: { severity: 'error', fix: 'manual' },
        redeemsCodeWithoutIssuer: { severity: 'error', fix: 'manual' },
        v1RedeemsCodeWithoutIssuer: { severity: 'error', fix: 'manual' },
        metadataIssuerNotCompared: { severity: 'error', fix: 'manual' },
        skipsIssuerValidation: { severity: 'error', fix: 'manual' },
        advertisesOfflineAccess: { severity: 'warning', fix: 'manual' },
      },
      // Client findings need an MCP client import or protected-resource discovery; server
      // findings an MCP import, protected-resource metadata or an RFC 9728 challenge.
      prefilter: ['@modelcontextprotocol/', 'oauth-protected-resource', 'authorization_servers', 'resource_metadata'],
    },
    messages: {
      callbackIgnoresIssuer:
        'This OAuth callback reads `code` from the redirect but never reads `iss`; MCP 2026-07-28 (RFC 9207) requires comparing `iss` with the issuer recorded from the authorization-server metadata, and rejecting a mismatch, before the code is redeemed. Read `iss` and compare it, or hand the whole query to SDK v2: `finishAuth(new URL(callbackUrl).searchParams)`.',
      redeemsCodeWithoutIssuer:
        '`{{call}}` redeems the authorization code without the redirect\'s `iss`, so an authorization-server mix-up (RFC 9207) goes unnoticed; MCP 2026-07-28 requires checking `iss` first. Pass the callback\'s query (`finishAuth(new URL(callbackUrl).searchParams)`) or its `iss` (`finishAuth(code, iss)`, `{ authorizationCode, iss }`).',
      v1RedeemsCodeWithoutIssuer:
        '`{{call}}` is SDK v1\'s code redemption, which never checks the redirect\'s `iss`; MCP 2026-07-28 (RFC 9207) requires comparing it with the authorization server\'s issuer. Move to `@modelcontextprotocol/client` and call `finishAuth(new URL(callbackUrl).searchParams)`, or compare `iss` yourself before this call.',
      metadataIssuerNotCompared:
        'Fetches authorization-server metadata ({{source}}) but never compares its `issuer` with the issuer the URL was built from; MCP 2026-07-28 (RFC 8414 §3.3) requires discarding metadata whose `issuer` differs. Reject it when `metadata.issuer !== issuer` (SDK v2\'s `discoverAuthorizationServerMetadata` does this).',
      skipsIssuerValidation:
        '`{{option}}: true` switches off the SDK check that authorization-server metadata names the issuer it was fetched for, which MCP 2026-07-28 (RFC 8414 §3.3) requires. Remove it, and fix the authorization server\'s metadata instead.',
      advertisesOfflineAccess:
        'Advertises `offline_access` in {{where}}; under MCP 2026-07-28 a protected resource SHOULD NOT list it (clients ask for it themselves when the authorization server offers refresh tokens). Remove it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const evidence = clientAuthEvidence(sourceCode);
    const mcpEvidence = fileEvidence(sourceCode);
    /** Functions (or the program) where an SDK code redemption was already reported. */
    const redemptionScopes = new Set<TSESTree.Node>();
    const codeReads: { node: TSESTree.Node; query: TSESTree.Node }[] = [];
    const metadataScopes = new Set<TSESTree.Node>();

    function report(node: TSESTree.Node, messageId: MessageIds, data?: Record<string, string>): void {
      context.report({ node, messageId, ...(data ? { data } : {}) });
    }

    const scopeOf = (node: TSESTree.Node): TSESTree.Node => enclosingFunction(node) ?? sourceCode.ast;

    function callText(call: TSESTree.CallExpression): string {
      const name = calleeName(call) ?? 'call';
      const args = call.arguments.map((argument) => sourceCode.getText(argument)).join(', ');
      return args.length <= 30 && !args.includes('\n') ? `${name}(${args})` : `${name}(…)`;
    }

    /** An argument that is the authorization code itself rather than the callback's whole query. */
    function isCodeString(argument: TSESTree.Node): boolean {
      const inner = unwrap(argument);
      if (stringLiteralValue(inner) !== undefined || inner.type === AST_NODE_TYPES.TemplateLiteral) return true;
      if (redirectParameterRead(inner, sourceCode)?.name === 'code') return true;
      // `String(code)`, `code.toString()`
      if (inner.type === AST_NODE_TYPES.CallExpression && calleeName(inner) === 'String' && inner.arguments[0]) return isCodeString(inner.arguments[0]);
      if (inner.type === AST_NODE_TYPES.CallExpression && calleeName(inner) === 'toString' && inner.callee.type === AST_NODE_TYPES.MemberExpression) return isCodeString(inner.callee.object);
      if (inner.type !== AST_NODE_TYPES.Identifier) return false;
      if (/code/i.test(inner.name)) return true;
      const value = staticValue(inner, sourceCode.getScope(inner));
      return typeof value?.value === 'string';
    }

    function reportRedemption(call: TSESTree.CallExpression, v1: boolean): void {
      const scope = scopeOf(call);
      if (readsIssuerParameter(scope, sourceCode)) return;
      redemptionScopes.add(scope);
      report(call, v1 ? 'v1RedeemsCodeWithoutIssuer' : 'redeemsCodeWithoutIssuer', { call: callText(call) });
    }

    /** `transport.finishAuth(code)` on an SDK client transport. */
    function checkFinishAuth(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression): void {
      const traced = mcpInstanceClassOf(callee.object, clientTransportsWithAuth, sourceCode) !== undefined;
      if (!traced && !evidence.importsMcpClient) return;
      const [argument] = call.arguments;
      if (!argument || call.arguments.length > 1 || argument.type === AST_NODE_TYPES.SpreadElement) return;
      if (isCallbackQuery(argument, sourceCode)) return;
      if (evidence.generation === 'v1') return reportRedemption(call, true);
      if (isCodeString(argument)) reportRedemption(call, false);
    }

    /** `auth(provider, { serverUrl, authorizationCode })` and the lower-level exchanges, without `iss`. */
    function checkCodeRedeemingFunction(call: TSESTree.CallExpression, name: string, v1: boolean): void {
      const spec = codeRedeemingFunctions[name];
      const options = spec ? call.arguments[spec.optionsIndex] : undefined;
      const object = options && unwrap(options);
      if (object?.type !== AST_NODE_TYPES.ObjectExpression) return;
      const keys = object.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? propertyKeyName(property) : '...'));
      if (!keys.includes('authorizationCode') || keys.includes('iss') || keys.includes('...')) return;
      reportRedemption(call, v1);
    }

    function checkOfflineAccessList(list: TSESTree.Node | undefined, where: string): void {
      const array = list && unwrap(list);
      if (array?.type !== AST_NODE_TYPES.ArrayExpression) return;
      for (const element of array.elements) {
        if (element && element.type !== AST_NODE_TYPES.SpreadElement && staticValue(element, sourceCode.getScope(element))?.value === offlineAccessScope) {
          report(element, 'advertisesOfflineAccess', { where });
        }
      }
    }

    /**
     * Protected-resource metadata (RFC 9728): `authorization_servers`, or, in a file that imports
     * MCP, a `resource` without authorization-server fields.
     */
    function isProtectedResourceMetadata(object: TSESTree.ObjectExpression): boolean {
      const keys = new Set(object.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? propertyKeyName(property) : undefined)));
      if (keys.has('authorization_servers')) return true;
      const isAuthorizationServer = keys.has('issuer') || keys.has('authorization_endpoint') || keys.has('token_endpoint');
      return keys.has('resource') && !isAuthorizationServer && mcpEvidence.importsMcp;
    }

    function isChallengeHeaderValue(literal: TSESTree.Node, text: string): boolean {
      if (/\bresource_metadata=/.test(text) && /^\s*Bearer\b/i.test(text)) return true;
      const parent = literal.parent;
      if (parent?.type === AST_NODE_TYPES.Property && parent.value === literal) return propertyKeyName(parent)?.toLowerCase() === wwwAuthenticate;
      if ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments[1] === literal) {
        const name = parent.arguments[0] && staticValue(parent.arguments[0], sourceCode.getScope(parent.arguments[0]))?.value;
        return typeof name === 'string' && name.toLowerCase() === wwwAuthenticate;
      }
      return false;
    }

    function checkLiteral(node: TSESTree.Literal | TSESTree.TemplateLiteral): void {
      if (node.parent?.type === AST_NODE_TYPES.TemplateLiteral) return;
      const text = literalText(node);
      if (text === undefined) return;
      if (challengeScopeWithOfflineAccess.test(text) && (mcpEvidence.importsMcp || text.includes('resource_metadata')) && isChallengeHeaderValue(node, text)) {
        report(node, 'advertisesOfflineAccess', { where: 'the scope of a `WWW-Authenticate` challenge' });
      }
      const path = authorizationServerMetadataPaths.find((candidate) => text.includes(candidate));
      if (!path || !evidence.isMcpClientAuth || !isUrlBuilding(node, sourceCode) || comparesIssuer(sourceCode)) return;
      if (readsOnlyStatus(node)) return;
      const scope = scopeOf(node);
      if (metadataScopes.has(scope)) return;
      metadataScopes.add(scope);
      report(node, 'metadataIssuerNotCompared', { source: `\`${path}\`` });
    }

    /**
     * `const res = await fetch(`${base}/.well-known/oauth-authorization-server`)` whose response is
     * only checked for its status (a test that a resource server does not serve the metadata):
     * no metadata is read, so there is no `issuer` to compare.
     */
    function readsOnlyStatus(literal: TSESTree.Node): boolean {
      let child: TSESTree.Node = literal;
      let parent = literal.parent;
      while (parent && (parent.type === AST_NODE_TYPES.TemplateLiteral || (parent.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+'))) {
        child = parent;
        parent = parent.parent;
      }
      ({ parent, child } = parent ? meaningfulParent(child) : { parent, child });
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== child || calleeName(parent) !== 'fetch') return false;
      let holder: TSESTree.Node = parent;
      let up = meaningfulParent(holder);
      if (up.parent?.type === AST_NODE_TYPES.AwaitExpression) {
        holder = up.parent;
        up = meaningfulParent(holder);
      }
      const declarator = up.parent;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== up.child || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
      const uses = ASTUtils.findVariable(sourceCode.getScope(declarator.id), declarator.id)?.references.filter((reference) => !reference.init) ?? [];
      return uses.length > 0 && uses.every((reference) => {
        const member = meaningfulParent(reference.identifier as TSESTree.Node);
        return (
          member.parent?.type === AST_NODE_TYPES.MemberExpression &&
          member.parent.object === member.child &&
          !member.parent.computed &&
          member.parent.property.type === AST_NODE_TYPES.Identifier &&
          statusMembers.has(member.parent.property.name)
        );
      });
    }

    /**
     * `wrapper(provider, { skipIssuerMetadataValidation: true })` in a test (`it`/`test`) that
     * also expects the same `key: true` to reach a call (`expect(sdkAuth).toHaveBeenCalledWith(…,
     * expect.objectContaining({ skipIssuerMetadataValidation: true }))`): the test checks that a
     * wrapper passes the option on; no metadata is fetched with the check off.
     */
    function isForwardedOptionCheck(property: TSESTree.Property, key: string): boolean {
      const body = enclosingTestBody(property);
      if (!body) return false;
      let asserted = false;
      walk(body, sourceCode.visitorKeys, (node) => {
        if (asserted || node === property || node.type !== AST_NODE_TYPES.Property || propertyKeyName(node) !== key) return;
        const value = unwrap(node.value);
        asserted = value.type === AST_NODE_TYPES.Literal && value.value === true && insideExpectation(node);
      });
      return asserted;
    }

    /** Calls of SDK exports: code redemption, v1 metadata discovery, v1 protected-resource scope options. */
    function checkSdkCall(call: TSESTree.CallExpression, name: string, generation: 'v1' | 'v2'): void {
      if (name in codeRedeemingFunctions) checkCodeRedeemingFunction(call, name, generation === 'v1');
      if (generation === 'v1' && uncheckedV1MetadataDiscovery.includes(name) && !comparesIssuer(sourceCode)) {
        report(call, 'metadataIssuerNotCompared', { source: `SDK v1 \`${name}()\`, which does not check it` });
      }
      const scopeOption = resourceScopeOptions[name];
      const options = call.arguments[0] && unwrap(call.arguments[0]);
      if (!scopeOption || options?.type !== AST_NODE_TYPES.ObjectExpression) return;
      for (const property of options.properties) {
        if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === scopeOption) {
          checkOfflineAccessList(property.value, `the \`${scopeOption}\` of \`${name}()\``);
        }
      }
    }

    /** A read of the redirect's `code`, judged at the end once the whole function is known. */
    function checkCodeRead(node: TSESTree.Node): void {
      if (!evidence.isMcpClientAuth || insideExpectation(node)) return;
      const read = redirectParameterRead(node, sourceCode);
      if (read?.name === 'code') codeReads.push({ node, query: read.query });
    }

    return {
      CallExpression(node) {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'finishAuth') {
          checkFinishAuth(node, callee);
        }
        const exported = mcpClientExportOf(callee, sourceCode);
        if (exported) checkSdkCall(node, exported.name, exported.generation);
        checkCodeRead(node);
      },
      'MemberExpression, Property'(node: TSESTree.MemberExpression | TSESTree.Property) {
        if (node.type === AST_NODE_TYPES.MemberExpression && node.parent.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node) return;
        checkCodeRead(node);
      },
      Property(node) {
        const key = propertyKeyName(node);
        const value = unwrap(node.value);
        const isTrue = value.type === AST_NODE_TYPES.Literal && value.value === true;
        // Inside `expect.objectContaining({ … })` the option describes what a test expects a call to receive.
        if (key && isTrue && issuerCheckOptOuts.includes(key) && evidence.importsMcpClient && !insideExpectation(node) && !isForwardedOptionCheck(node, key)) {
          report(node, 'skipsIssuerValidation', { option: key });
        }
        // A client's own files hold protected-resource metadata only as parsed data or test doubles.
        const isClientOnly = evidence.importsMcpClient && !evidence.importsMcpServer;
        if (key === 'scopes_supported' && !isClientOnly && node.parent.type === AST_NODE_TYPES.ObjectExpression && isProtectedResourceMetadata(node.parent)) {
          checkOfflineAccessList(node.value, 'protected-resource metadata `scopes_supported`');
        }
      },
      Literal(node) {
        if (typeof node.value === 'string') checkLiteral(node);
      },
      TemplateLiteral(node) {
        checkLiteral(node);
      },
      'Program:exit'() {
        const seen = new Set<TSESTree.Node>();
        for (const { node, query } of codeReads) {
          const scope = scopeOf(node);
          if (seen.has(scope) || redemptionScopes.has(scope)) continue;
          seen.add(scope);
          if (readsIssuerParameter(scope, sourceCode) || passesQueryOn(scope, query, sourceCode)) continue;
          report(node, 'callbackIgnoresIssuer');
        }
      },
    };
  },
});

/** Functions that declare one test case; their callback is the test's body. */
const testCaseFunctions: ReadonlySet<string> = new Set(['it', 'test', 'specify']);

/** The callback of the `it(…)`/`test.only(…)`/`it.each(table)(…)` call a node sits in. */
function enclosingTestBody(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current) || current.parent?.type !== AST_NODE_TYPES.CallExpression) continue;
    let callee = unwrap(current.parent.callee);
    if (callee.type === AST_NODE_TYPES.CallExpression) callee = unwrap(callee.callee);
    while (callee.type === AST_NODE_TYPES.MemberExpression) callee = unwrap(callee.object);
    if (callee.type === AST_NODE_TYPES.Identifier && testCaseFunctions.has(callee.name)) return current;
  }
  return undefined;
}
