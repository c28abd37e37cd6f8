import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { clientAuthEvidence, mcpClientExportOf } from '../src/ast/client-auth.js';
import {
  applicationTypeFor,
  clientProviderOf,
  declaredTypeOf,
  isClientMetadataLiteral,
  mcpTypeGeneration,
  namesRegistrationEndpoint,
  objectKeys,
  requestCarrying,
  usesOf,
  type ClientProvider,
} from '../src/ast/client-registration.js';
import { propertyKeyName, unwrap } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import { applicationTypeKey, clientMetadataTypes, sdkRegisterClient } from '../src/mcp/client-auth.js';
import { specUrls } from '../src/mcp/spec.js';

type MessageIds = 'missingApplicationType' | 'usesDynamicRegistration';

export default createRule<[], MessageIds>({
  name: 'require-dcr-application-type',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `application_type` in OAuth Dynamic Client Registration, which MCP 2026-07-28 requires and deprecates in favour of Client ID Metadata Documents',
      spec: specUrls.authorization,
      catalogue: ['A2', 'A7'],
      findings: {
        missingApplicationType: { severity: 'error', fix: 'manual' },
        usesDynamicRegistration: { severity: 'warning', fix: 'manual' },
      },
      // SDK registrations and providers need an SDK import; hand-rolled ones need an MCP client's evidence.
      prefilter: ['@modelcontextprotocol/', 'oauth-protected-resource'],
    },
    messages: {
      missingApplicationType:
        'OAuth client metadata sent in Dynamic Client Registration has no `application_type`, which MCP 2026-07-28 requires: add {{suggestion}} (`\'native\'` for loopback or custom-scheme redirect URIs, `\'web\'` otherwise). Registration itself is deprecated: prefer a Client ID Metadata Document (`clientMetadataUrl`) where the authorization server supports one.',
      usesDynamicRegistration:
        'Uses Dynamic Client Registration, which MCP 2026-07-28 deprecates in favour of Client ID Metadata Documents: host your client metadata at an HTTPS URL and use that URL as the `client_id` (SDK: `clientMetadataUrl`), keeping registration only as a fallback.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const evidence = clientAuthEvidence(sourceCode);
    /** Metadata literals already judged as part of a registration or a provider. */
    const judged = new Set<TSESTree.ObjectExpression>();
    const providers: ClientProvider[] = [];
    const metadataLiterals: TSESTree.ObjectExpression[] = [];

    function report(node: TSESTree.Node, messageId: MessageIds, data?: Record<string, string>): void {
      context.report({ node, messageId, ...(data ? { data } : {}) });
    }

    const lacksApplicationType = (metadata: TSESTree.ObjectExpression): boolean => {
      const keys = objectKeys(metadata);
      return !keys.has(applicationTypeKey) && !keys.has('...');
    };

    function reportMissing(metadata: TSESTree.ObjectExpression): void {
      const kind = applicationTypeFor(metadata, sourceCode);
      report(metadata, 'missingApplicationType', { suggestion: kind ? `\`${applicationTypeKey}: '${kind}'\`` : `\`${applicationTypeKey}\`` });
    }

    /** One finding per registration: the missing field when the metadata lacks it, else the deprecation. */
    function judgeRegistration(site: TSESTree.Node, metadata: TSESTree.ObjectExpression | undefined): void {
      if (metadata) judged.add(metadata);
      if (metadata && lacksApplicationType(metadata)) reportMissing(metadata);
      else report(site, 'usesDynamicRegistration');
    }

    /** The object literal an expression is, or the `const` it reads was initialised with. */
    function literalOf(expression: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
      if (!expression) return undefined;
      const inner = unwrap(expression);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
      const def = ASTUtils.findVariable(sourceCode.getScope(inner), inner)?.defs[0];
      const init = def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator ? def.node.init : undefined;
      const value = init ? unwrap(init) : undefined;
      return value?.type === AST_NODE_TYPES.ObjectExpression ? value : undefined;
    }

    /** `registerClient(asUrl, { metadata, clientMetadata })` from the MCP client SDK. */
    function checkRegisterClient(call: TSESTree.CallExpression): void {
      const options = literalOf(call.arguments[1]);
      const property = options?.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'clientMetadata');
      judgeRegistration(call, literalOf(property?.value));
    }

    /** A hand-rolled registration: the metadata POSTed to `registration_endpoint`. */
    function checkHandRolledRegistration(metadata: TSESTree.ObjectExpression): void {
      for (const use of usesOf(metadata, sourceCode)) {
        const request = requestCarrying(use);
        const url = request?.arguments[0];
        if (request && url && namesRegistrationEndpoint(url, sourceCode)) return judgeRegistration(request, metadata);
      }
    }

    function checkProvider(provider: ClientProvider): void {
      // Without `saveClientInformation` the SDK cannot register the client, so nothing is sent.
      if (!provider.saveRegistration) return;
      let missing = false;
      for (const metadata of provider.metadataLiterals) {
        judged.add(metadata);
        // SDK v2's auth() fills `application_type` in from the redirect URIs; v1 sends the metadata as written.
        if (provider.generation === 'v1' && lacksApplicationType(metadata)) {
          missing = true;
          reportMissing(metadata);
        }
      }
      if (!missing && !provider.hasMetadataDocument) report(provider.saveRegistration, 'usesDynamicRegistration');
    }

    /**
     * SDK v1 client metadata outside a provider of this file (typed `OAuthClientMetadata`, or
     * handed to a provider's constructor): v1's `auth()` registers it exactly as written.
     */
    function checkV1Metadata(metadata: TSESTree.ObjectExpression): void {
      if (judged.has(metadata) || !lacksApplicationType(metadata)) return;
      const typed = mcpTypeGeneration(declaredTypeOf(metadata), clientMetadataTypes, sourceCode);
      const toConstructor = evidence.importsMcpClient && evidence.generation === 'v1' && usesOf(metadata, sourceCode).some(isConstructorArgument);
      if (typed === 'v1' || (typed === undefined && toConstructor)) reportMissing(metadata);
    }

    return {
      'ClassDeclaration, ClassExpression, ObjectExpression'(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression | TSESTree.ObjectExpression) {
        const provider = clientProviderOf(node, sourceCode, evidence.importsMcpClient, evidence.generation);
        if (provider) providers.push(provider);
        if (node.type === AST_NODE_TYPES.ObjectExpression && isClientMetadataLiteral(node)) metadataLiterals.push(node);
      },
      CallExpression(node) {
        if (mcpClientExportOf(node.callee, sourceCode)?.name === sdkRegisterClient) checkRegisterClient(node);
      },
      'Program:exit'() {
        for (const provider of providers) checkProvider(provider);
        for (const metadata of metadataLiterals) {
          if (judged.has(metadata)) continue;
          if (evidence.isMcpClientAuth) checkHandRolledRegistration(metadata);
          checkV1Metadata(metadata);
        }
      },
    };
  },
});

function isConstructorArgument(use: TSESTree.Node): boolean {
  let node = use;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)) node = node.parent;
  return node.parent?.type === AST_NODE_TYPES.NewExpression && node.parent.arguments.includes(node as TSESTree.CallExpressionArgument);
}
