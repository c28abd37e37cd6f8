import type { TSESLint } from '@typescript-eslint/utils';
import type { McpRuleDocs } from '../src/create-rule.js';
import noLegacyResourceNotFoundCode from './no-legacy-resource-not-found-code.js';
import noSessionIdHeader from './no-session-id-header.js';
import noPing from './no-ping.js';
import preferExtensionsCapability from './prefer-extensions-capability.js';
import noReservedMetaKeys from './no-reserved-meta-keys.js';
import noInitializeHandshake from './no-initialize-handshake.js';
import requireAuthorizationIssuer from './require-authorization-issuer.js';
import requireDcrApplicationType from './require-dcr-application-type.js';
import noLegacyTasksApi from './no-legacy-tasks-api.js';
import noDeprecatedLogging from './no-deprecated-logging.js';
import noCursorTruthiness from './no-cursor-truthiness.js';
import noSessionState from './no-session-state.js';
import noDynamicToolList from './no-dynamic-tool-list.js';
import noDeprecatedRoots from './no-deprecated-roots.js';
import noDeprecatedSampling from './no-deprecated-sampling.js';
import noServerToClientRequests from './no-server-to-client-requests.js';
import requireRequestHeaderValidation from './require-request-header-validation.js';
import requireServerDiscover from './require-server-discover.js';
import requireResultFields from './require-result-fields.js';
import noLegacySubscriptions from './no-legacy-subscriptions.js';
import requireHttpStatusCodes from './require-http-status-codes.js';
import noLegacyCancellation from './no-legacy-cancellation.js';
import validMcpHeaderSchema from './valid-mcp-header-schema.js';
import noStandaloneGetStream from './no-standalone-get-stream.js';
import noStreamResumption from './no-stream-resumption.js';
import noDeprecatedSseTransport from './no-deprecated-sse-transport.js';
import requireModernSdkEntry from './require-modern-sdk-entry.js';
import noRemoteSchemaRefs from './no-remote-schema-refs.js';
import requireSealedRequestState from './require-sealed-request-state.js';
import requireHttpRequestHeaders from './require-http-request-headers.js';
import requireRequestMeta from './require-request-meta.js';
import noLegacyProtocolVersion from './no-legacy-protocol-version.js';
import noLegacyErrorCodes from './no-legacy-error-codes.js';
import validInputRequiredResult from './valid-input-required-result.js';
import validInputResponse from './valid-input-response.js';
import requireResultTypeCheck from './require-result-type-check.js';
import noRequestStateTampering from './no-request-state-tampering.js';
import requireDeterministicToolList from './require-deterministic-tool-list.js';
import noBlanketLegacyFallback from './no-blanket-legacy-fallback.js';

/** A rule as the engine and the plugin see it: an ESLint rule whose docs carry mcp-migrate's metadata. */
export type McpRule = TSESLint.RuleModule<string, readonly unknown[], McpRuleDocs>;

/** Every rule, by id. The id is also the file name and the docs page name (`rules/<id>.md`). */
export const rules: Readonly<Record<string, McpRule>> = {
  'no-session-id-header': noSessionIdHeader,
  'no-legacy-resource-not-found-code': noLegacyResourceNotFoundCode,
  'no-ping': noPing,
  'prefer-extensions-capability': preferExtensionsCapability,
  'no-reserved-meta-keys': noReservedMetaKeys,
  'no-initialize-handshake': noInitializeHandshake,
  'require-authorization-issuer': requireAuthorizationIssuer,
  'require-dcr-application-type': requireDcrApplicationType,
  'no-legacy-tasks-api': noLegacyTasksApi,
  'no-deprecated-logging': noDeprecatedLogging,
  'no-cursor-truthiness': noCursorTruthiness,
  'no-session-state': noSessionState,
  'no-dynamic-tool-list': noDynamicToolList,
  'no-deprecated-roots': noDeprecatedRoots,
  'no-deprecated-sampling': noDeprecatedSampling,
  'no-server-to-client-requests': noServerToClientRequests,
  'require-request-header-validation': requireRequestHeaderValidation,
  'require-server-discover': requireServerDiscover,
  'require-result-fields': requireResultFields,
  'no-legacy-subscriptions': noLegacySubscriptions,
  'require-http-status-codes': requireHttpStatusCodes,
  'no-legacy-cancellation': noLegacyCancellation,
  'valid-mcp-header-schema': validMcpHeaderSchema,
  'no-standalone-get-stream': noStandaloneGetStream,
  'no-stream-resumption': noStreamResumption,
  'no-deprecated-sse-transport': noDeprecatedSseTransport,
  'require-modern-sdk-entry': requireModernSdkEntry,
  'no-remote-schema-refs': noRemoteSchemaRefs,
  'require-sealed-request-state': requireSealedRequestState,
  'require-http-request-headers': requireHttpRequestHeaders,
  'require-request-meta': requireRequestMeta,
  'no-legacy-protocol-version': noLegacyProtocolVersion,
  'no-legacy-error-codes': noLegacyErrorCodes,
  'valid-input-required-result': validInputRequiredResult,
  'valid-input-response': validInputResponse,
  'require-result-type-check': requireResultTypeCheck,
  'no-request-state-tampering': noRequestStateTampering,
  'require-deterministic-tool-list': requireDeterministicToolList,
  'no-blanket-legacy-fallback': noBlanketLegacyFallback,
};
