/**
 * OAuth knowledge for MCP clients and protected resources (reference §10 and §15.12; SDK names
 * checked in `@modelcontextprotocol/sdk` 1.x `client/auth.d.ts` and `@modelcontextprotocol/client` 2.x).
 */

import { lookupTable } from './lookup-table.js';

/** Which SDK generation a module specifier is the MCP *client* side of, if any. */
export function mcpClientModuleGeneration(specifier: string): 'v1' | 'v2' | undefined {
  if (specifier === '@modelcontextprotocol/sdk/client' || specifier.startsWith('@modelcontextprotocol/sdk/client/')) return 'v1';
  if (specifier === '@modelcontextprotocol/client' || specifier.startsWith('@modelcontextprotocol/client/')) return 'v2';
  return undefined;
}

/** The MCP *server* side: v1 `@modelcontextprotocol/sdk/server/…`, v2 `server`, `node`, `express`, `hono`, `fastify`, `server-legacy`. */
export function isMcpServerModule(specifier: string): boolean {
  return /^@modelcontextprotocol\/(?:sdk\/server|server|server-legacy|node|express|hono|fastify)(?:\/|$)/.test(specifier);
}

/** The SDK generation of any MCP module specifier (server, client or shared). */
export function mcpModuleGeneration(specifier: string): 'v1' | 'v2' | undefined {
  if (specifier === '@modelcontextprotocol/sdk' || specifier.startsWith('@modelcontextprotocol/sdk/')) return 'v1';
  if (specifier.startsWith('@modelcontextprotocol/')) return 'v2';
  return undefined;
}

/** RFC 8414 and OIDC Discovery well-known paths an MCP client fetches authorization-server metadata from. */
export const authorizationServerMetadataPaths: readonly string[] = [
  '/.well-known/oauth-authorization-server',
  '/.well-known/openid-configuration',
];

/** RFC 9728 protected-resource metadata: how MCP clients find their authorization server. */
export const protectedResourceMetadataPath = '/.well-known/oauth-protected-resource';

/** SDK client transports whose `finishAuth(...)` redeems the authorization code of the redirect. */
export const clientTransportsWithAuth: readonly string[] = ['StreamableHTTPClientTransport', 'SSEClientTransport'];

/**
 * SDK functions that redeem an authorization code given in an options object
 * (`{ authorizationCode }`); in v2 the same object takes the callback's `iss`.
 */
export const codeRedeemingFunctions: Readonly<Record<string, { optionsIndex: number }>> = lookupTable({
  auth: { optionsIndex: 1 },
  exchangeAuthorization: { optionsIndex: 1 },
  fetchToken: { optionsIndex: 2 },
});

/** SDK v1 discovery functions, which never compare the metadata's `issuer` (v2 does, unless told not to). */
export const uncheckedV1MetadataDiscovery: readonly string[] = ['discoverAuthorizationServerMetadata', 'discoverOAuthMetadata'];

/** SDK v2 options that switch off the RFC 8414 §3.3 issuer check ("security-weakening"). */
export const issuerCheckOptOuts: readonly string[] = ['skipIssuerValidation', 'skipIssuerMetadataValidation'];

/** SDK v1 `registerClient(...)` and v2's deprecated one: Dynamic Client Registration. */
export const sdkRegisterClient = 'registerClient';

/** Members only an `OAuthClientProvider` has together. */
export const clientProviderMembers = { metadata: 'clientMetadata', saveRegistration: 'saveClientInformation', cimdUrl: 'clientMetadataUrl' } as const;

/** SDK types that mark an object as OAuth client metadata or a client provider. */
export const clientMetadataTypes: readonly string[] = ['OAuthClientMetadata'];
export const clientProviderTypes: readonly string[] = ['OAuthClientProvider'];

/**
 * Libraries whose OAuth callbacks are not an MCP client's or validate `iss` themselves:
 * web-app logins (NextAuth/Auth.js, Passport, Auth0, MSAL, Okta, Better Auth) and OIDC
 * clients that check RFC 9207 `iss` (openid-client, oidc-client-ts).
 */
export const oauthLookalikeModules: readonly RegExp[] = [
  /^next-auth(?:\/|$)/,
  /^@auth\//,
  /^passport(?:-[\w-]+)?(?:\/|$)/,
  /^@passport-[\w-]+\//,
  /^@auth0\//,
  /^openid-client(?:\/|$)/,
  /^oidc-client(?:-ts)?(?:\/|$)/,
  /^@azure\/msal-/,
  /^@okta\//,
  /^better-auth(?:\/|$)/,
];

/** The scope RFC 6749 refresh tokens are asked for with; protected resources SHOULD NOT advertise it (SEP-2207). */
export const offlineAccessScope = 'offline_access';

/** SDK v1 server helpers whose options become protected-resource metadata or `WWW-Authenticate` scopes. */
export const resourceScopeOptions: Readonly<Record<string, string>> = lookupTable({
  mcpAuthMetadataRouter: 'scopesSupported',
  mcpAuthRouter: 'scopesSupported',
  requireBearerAuth: 'requiredScopes',
});

/** `application_type` values (SEP-837, OIDC DCR): loopback or custom-scheme redirects are native apps. */
export const applicationTypeKey = 'application_type';
