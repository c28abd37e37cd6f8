import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-authorization-issuer.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `require-authorization-issuer` (reference §15.12 rows A1, A6 and A5; design.md
 * principle 3 for the OAuth code that is not an MCP client's and must stay silent).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

const asMetadataPath = 'SDK v1 `discoverAuthorizationServerMetadata()`, which does not check it';

ruleTester.run('require-authorization-issuer', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // Migrated MCP clients.
    // ---------------------------------------------------------------------------------
    valid(
      'SDK v2: the callback hands the whole query to finishAuth(searchParams)',
      code`
        import { createServer } from 'node:http';
        import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

        const transport = new StreamableHTTPClientTransport(new URL(serverUrl), { authProvider });
        createServer(async (req, res) => {
          const url = new URL(req.url ?? '/', 'http://localhost:8090');
          if (!url.searchParams.get('code')) {
            res.writeHead(400).end('missing code');
            return;
          }
          await transport.finishAuth(url.searchParams);
          res.end('Authorized, you can close this tab.');
        }).listen(8090);
      `,
    ),
    valid(
      'SDK v2: finishAuth(code, iss) and auth({ authorizationCode, iss })',
      code`
        import { auth, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

        export async function onRedirect(transport: StreamableHTTPClientTransport, callbackUrl: string) {
          const params = new URL(callbackUrl).searchParams;
          const code = params.get('code');
          const iss = params.get('iss') ?? undefined;
          if (!code) throw new Error('no code');
          await transport.finishAuth(code, iss);
        }

        export async function exchange(provider, serverUrl: URL, code: string, iss?: string) {
          return auth(provider, { serverUrl, authorizationCode: code, iss });
        }
      `,
    ),
    valid(
      'the callback resolves a promise with the whole query',
      code`
        import { createServer } from 'node:http';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

        export function waitForCallback(port: number): Promise<URLSearchParams> {
          return new Promise((resolve) => {
            const server = createServer((req, res) => {
              const url = new URL(req.url!, \`http://localhost:\${port}\`);
              if (url.searchParams.has('code')) {
                res.end('You can close this window.');
                resolve(url.searchParams);
                server.close();
              }
            });
            server.listen(port);
          });
        }
      `,
    ),
    valid(
      'a hand-rolled callback that reads iss and compares it with the recorded issuer',
      code`
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        app.get('/oauth/callback', async (req, res) => {
          const { code, state, iss } = req.query;
          const pending = pendingAuth.get(String(state));
          if (!pending || iss !== pending.issuer) return res.status(400).send('issuer mismatch');
          await redeem(pending, String(code));
          res.send('ok');
        });
      `,
    ),
    valid(
      'SDK v1 finishAuth(code) after checking iss by hand',
      code`
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

        export async function complete(transport: StreamableHTTPClientTransport, callback: URL, expectedIssuer: string) {
          const iss = callback.searchParams.get('iss');
          if (iss !== expectedIssuer) throw new Error('authorization server mix-up');
          await transport.finishAuth(callback.searchParams.get('code')!);
        }
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Lookalikes: OAuth code that is not an MCP client's auth flow.
    // ---------------------------------------------------------------------------------
    valid(
      'a web app login with GitHub (no MCP in the file)',
      code`
        import express from 'express';

        const app = express();
        app.get('/auth/github/callback', async (req, res) => {
          const { code, state } = req.query;
          if (state !== req.session.oauthState) return res.status(403).end();
          const response = await fetch('https://github.com/login/oauth/access_token', {
            method: 'POST',
            headers: { Accept: 'application/json' },
            body: new URLSearchParams({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code: String(code) }),
          });
          req.session.token = (await response.json()).access_token;
          res.redirect('/');
        });
      `,
    ),
    valid(
      'NextAuth route handler',
      code`
        import NextAuth from 'next-auth';
        import GitHub from 'next-auth/providers/github';

        const handler = NextAuth({ providers: [GitHub({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })] });
        export { handler as GET, handler as POST };
      `,
    ),
    valid(
      'a passport strategy beside an MCP client',
      code`
        import passport from 'passport';
        import { Strategy as GitHubStrategy } from 'passport-github2';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';

        passport.use(new GitHubStrategy({ clientID, clientSecret, callbackURL: '/auth/callback' }, verify));
        app.get('/auth/callback', passport.authenticate('github'), (req, res) => {
          const code = req.query.code;
          log.debug('login callback', { code: Boolean(code) });
          res.redirect('/');
        });
      `,
    ),
    valid(
      'the Auth0 SPA SDK handles its own redirect',
      code`
        import { createAuth0Client } from '@auth0/auth0-spa-js';

        const auth0 = await createAuth0Client({ domain, clientId, authorizationParams: { redirect_uri: window.location.origin } });
        if (new URLSearchParams(window.location.search).has('code')) {
          await auth0.handleRedirectCallback();
          window.history.replaceState({}, document.title, '/');
        }
      `,
    ),
    valid(
      'openid-client validates iss itself, even in an MCP client',
      code`
        import * as oidc from 'openid-client';
        import { Client } from '@modelcontextprotocol/client';

        app.get('/callback', async (req, res) => {
          if (!req.query.code) return res.status(400).end();
          const tokens = await oidc.authorizationCodeGrant(config, new URL(req.originalUrl, base), { pkceCodeVerifier, expectedState });
          res.json({ ok: Boolean(tokens.access_token) });
        });
      `,
    ),
    valid(
      'a server-side OAuth provider (SDK v1 proxy provider with an upstream callback)',
      code`
        import { mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
        import { ProxyOAuthServerProvider } from '@modelcontextprotocol/sdk/server/auth/providers/proxyProvider.js';

        app.use(mcpAuthRouter({ provider: new ProxyOAuthServerProvider(options), issuerUrl: new URL('https://auth.example.com') }));
        app.get('/upstream/callback', async (req, res) => {
          const code = req.query.code as string;
          const upstream = await exchangeWithUpstream(code);
          res.redirect(\`\${pendingRedirect(req.query.state)}?code=\${upstream.code}\`);
        });
      `,
    ),
    valid(
      'an MCP server that serves its authorization-server metadata',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        app.get('/.well-known/oauth-authorization-server', (req, res) => res.json(metadata));
        app.get('/.well-known/oauth-protected-resource', (req, res) => {
          res.json({ resource: 'https://mcp.example.com/mcp', authorization_servers: ['https://auth.example.com'], scopes_supported: ['mcp:tools'] });
        });
      `,
    ),

    valid(
      "a server's test fetches its own metadata and checks the authorize redirect",
      code`
        import supertest from 'supertest';
        import { mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';

        it('serves metadata and redirects with a code', async () => {
          const prm = await supertest(app).get('/.well-known/oauth-protected-resource');
          expect(prm.status).toBe(200);
          const response = await supertest(app).get('/authorize').query({ client_id: 'c', response_type: 'code' });
          const location = new URL(response.header.location);
          expect(location.searchParams.has('code')).toBe(true);
        });
      `,
    ),
    valid(
      'metadata URLs as data (a network log in a story), and a client test double of non-compliant metadata',
      code`
        import type { Meta } from '@storybook/react';
        import { determineScope } from '@modelcontextprotocol/client';

        export const requests = [
          { id: 'n-1', method: 'GET', url: 'https://mcp.example.com/.well-known/oauth-protected-resource', status: 200 },
          { id: 'n-2', method: 'GET', url: 'https://as.example.com/.well-known/oauth-authorization-server', status: 200 },
        ];
        const scope = determineScope({ resourceMetadata: { resource: 'https://api.example.com/', scopes_supported: ['mcp:read', 'offline_access'] } });
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Authorization-server metadata whose issuer is checked.
    // ---------------------------------------------------------------------------------
    valid(
      'hand-rolled discovery that compares metadata.issuer',
      code`
        import { Client } from '@modelcontextprotocol/client';

        export async function authorizationServerMetadata(issuer: string) {
          const response = await fetch(new URL('/.well-known/oauth-authorization-server', issuer));
          const metadata = await response.json();
          if (metadata.issuer !== issuer) throw new Error(\`metadata names \${metadata.issuer}, expected \${issuer}\`);
          return metadata;
        }
      `,
    ),
    valid(
      'SDK v2 discovery checks the issuer itself; an explicit false opt-out changes nothing',
      code`
        import { discoverAuthorizationServerMetadata } from '@modelcontextprotocol/client';

        const metadata = await discoverAuthorizationServerMetadata(authServerUrl, { skipIssuerValidation: false });
      `,
    ),
    valid(
      'a well-known path only compared, in an MCP client file',
      code`
        import { Client } from '@modelcontextprotocol/client';

        export function isDiscoveryRequest(url: URL): boolean {
          return url.pathname === '/.well-known/oauth-authorization-server' || url.pathname.startsWith('/.well-known/openid-configuration');
        }
      `,
    ),

    // ---------------------------------------------------------------------------------
    // offline_access where it belongs.
    // ---------------------------------------------------------------------------------
    valid(
      'offline_access in authorization-server metadata and in a client scope request',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        const asMetadata = {
          issuer: 'https://auth.example.com',
          authorization_endpoint: 'https://auth.example.com/authorize',
          token_endpoint: 'https://auth.example.com/token',
          scopes_supported: ['openid', 'mcp:tools', 'offline_access'],
        };
        const scope = ['mcp:tools', 'offline_access'].join(' ');
        res.setHeader('WWW-Authenticate', 'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource", scope="mcp:tools"');
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Tests that describe an opt-out or probe for missing metadata, without using either.
    // ---------------------------------------------------------------------------------
    valid(
      'a wrapper test expecting the SDK call to receive the opt-out, inside expect.objectContaining',
      code`
        import { expect, it, vi } from 'vitest';
        import type { OAuthClientProvider } from '@modelcontextprotocol/client';
        import { signIn } from '../src/sign-in';

        it('passes the caller options through to the SDK', async () => {
          const provider = fakeProvider() as OAuthClientProvider;
          await signIn(provider, callerOptions);
          expect(sdkAuthSpy).toHaveBeenLastCalledWith(provider, expect.objectContaining({ skipIssuerMetadataValidation: true }));
        });
      `,
    ),
    valid(
      'a wrapper test that passes the opt-out and expects it forwarded to the mocked SDK call',
      code`
        import { expect, it, vi } from 'vitest';
        import type { OAuthClientProvider } from '@modelcontextprotocol/client';
        import { signIn } from '../src/sign-in';

        const { sdkAuth } = vi.hoisted(() => ({ sdkAuth: vi.fn() }));
        vi.mock('@modelcontextprotocol/client', async (importOriginal) => ({ ...(await importOriginal<object>()), auth: sdkAuth }));

        it('hands the caller options to the SDK', async () => {
          sdkAuth.mockResolvedValue('REDIRECT');
          const provider = {} as OAuthClientProvider;
          await signIn(provider, { serverUrl: 'https://mcp.example.com', skipIssuerMetadataValidation: true });
          expect(sdkAuth).toHaveBeenCalledWith(provider, expect.objectContaining({ skipIssuerMetadataValidation: true }));
        });
      `,
    ),
    valid(
      'a resource-server test checking that no authorization-server metadata is served',
      code`
        import { expect, it } from 'vitest';
        import { bootDemoResource } from './support/demo-resource';

        it('sends clients to the external issuer and hosts no metadata of its own', async () => {
          const demo = await bootDemoResource({ issuer: 'https://id.example.org' });
          const prm = await fetch(\`\${demo.origin}/.well-known/oauth-protected-resource\`);
          const body = (await prm.json()) as { authorization_servers: string[] };
          expect(body.authorization_servers).toEqual(['https://id.example.org']);
          const ownMetadata = await fetch(\`\${demo.origin}/.well-known/oauth-authorization-server\`);
          expect(ownMetadata.status).toBe(404);
          expect(ownMetadata.ok).toBe(false);
          await demo.stop();
        });
      `,
    ),
  ],
  invalid: [
    // ---------------------------------------------------------------------------------
    // A1: callbacks and code redemption without iss.
    // ---------------------------------------------------------------------------------
    invalid(
      'SDK v1 example client: the callback reads only code, and finishAuth(code) cannot check iss',
      code`
        import { createServer } from 'node:http';
        import { Client } from '@modelcontextprotocol/sdk/client/index.js';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

        function waitForOAuthCallback(): Promise<string> {
          return new Promise((resolve, reject) => {
            const server = createServer((req, res) => {
              const parsedUrl = new URL(req.url || '', 'http://localhost');
              const code = parsedUrl.searchParams.get('code');
              const error = parsedUrl.searchParams.get('error');
              if (code) {
                res.end('Authorization successful');
                resolve(code);
              } else if (error) {
                reject(new Error(\`OAuth authorization failed: \${error}\`));
              }
            });
            server.listen(8090);
          });
        }

        async function connect(transport: StreamableHTTPClientTransport) {
          const authCode = await waitForOAuthCallback();
          await transport.finishAuth(authCode);
        }
      `,
      [
        { messageId: 'callbackIgnoresIssuer', at: "parsedUrl.searchParams.get('code')" },
        { messageId: 'v1RedeemsCodeWithoutIssuer', at: 'transport.finishAuth(authCode)', data: { call: 'finishAuth(authCode)' } },
      ],
    ),
    invalid(
      'SDK v2: an Express callback passing only the code to finishAuth (one finding per function)',
      code`
        import express from 'express';
        import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

        const transport = new StreamableHTTPClientTransport(new URL(process.env.MCP_URL!), { authProvider });
        const app = express();
        app.get('/oauth/callback', async (req, res) => {
          const { code, state } = req.query;
          if (state !== expectedState) return res.status(400).end();
          await transport.finishAuth(String(code));
          res.send('Connected');
        });
      `,
      [{ messageId: 'redeemsCodeWithoutIssuer', at: 'transport.finishAuth(String(code))', data: { call: 'finishAuth(String(code))' } }],
    ),
    invalid(
      'SDK v2 auth() and exchangeAuthorization() with authorizationCode but no iss; aliased and namespace imports',
      code`
        import { auth as runAuth } from '@modelcontextprotocol/client';
        import * as mcpAuth from '@modelcontextprotocol/client';

        export async function finish(provider, serverUrl: URL, code: string) {
          await runAuth(provider, { serverUrl, authorizationCode: code });
        }

        export async function lowLevel(asUrl: URL, code: string) {
          return mcpAuth.exchangeAuthorization(asUrl, { clientInformation, authorizationCode: code, codeVerifier, redirectUri });
        }
      `,
      [
        { messageId: 'redeemsCodeWithoutIssuer', at: 'runAuth(provider, { serverUrl, authorizationCode: code })', data: { call: 'runAuth(…)' } },
        {
          messageId: 'redeemsCodeWithoutIssuer',
          at: 'mcpAuth.exchangeAuthorization(asUrl, { clientInformation, authorizationCode: code, codeVerifier, redirectUri })',
          data: { call: 'exchangeAuthorization(…)' },
        },
      ],
    ),
    invalid(
      'SDK v1 through require() in a JavaScript file',
      code`
        const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

        const transport = new StreamableHTTPClientTransport(new URL(serverUrl), { authProvider });
        app.get('/callback', async (req, res) => {
          await transport.finishAuth(req.query.code);
          res.send('ok');
        });
      `,
      [{ messageId: 'v1RedeemsCodeWithoutIssuer', at: 'transport.finishAuth(req.query.code)', data: { call: 'finishAuth(req.query.code)' } }],
      { filename: 'file.js' },
    ),
    invalid(
      'a Hono callback in an MCP client',
      code`
        import { Hono } from 'hono';
        import { Client } from '@modelcontextprotocol/client';

        const app = new Hono();
        app.get('/oauth/callback', async (c) => {
          const code = c.req.query('code');
          const state = c.req.query('state');
          const tokens = await exchangeCode(code!, state!);
          return c.json({ ok: Boolean(tokens) });
        });
      `,
      [{ messageId: 'callbackIgnoresIssuer', at: "c.req.query('code')" }],
    ),
    invalid(
      'a hand-rolled client that discovers its authorization server through protected-resource metadata (JavaScript)',
      code`
        export async function handleRedirect(callbackUrl) {
          const params = new URLSearchParams(new URL(callbackUrl).search);
          const code = params.get('code');
          const state = params.get('state');
          return exchangeCode(code, state);
        }

        export async function discover(serverUrl) {
          const prm = await (await fetch(new URL('/.well-known/oauth-protected-resource', serverUrl))).json();
          return prm.authorization_servers[0];
        }
      `,
      [{ messageId: 'callbackIgnoresIssuer', at: "params.get('code')" }],
      { filename: 'file.js' },
    ),

    invalid(
      'a Next.js route handler destructuring searchParams, beside an SDK v1 namespace import',
      code`
        import * as sdk from '@modelcontextprotocol/sdk/client/streamableHttp.js';

        export async function GET(req: Request) {
          const { searchParams } = new URL(req.url);
          const code = searchParams.get('code');
          if (!code) return new Response('Missing authorization code', { status: 400 });
          await saveCode(code);
          return Response.redirect('/');
        }

        export async function resume(serverUrl: URL, code: string) {
          const transport = new sdk.StreamableHTTPClientTransport(serverUrl, { authProvider });
          await transport.finishAuth(code);
        }
      `,
      [
        { messageId: 'callbackIgnoresIssuer', at: "searchParams.get('code')" },
        { messageId: 'v1RedeemsCodeWithoutIssuer', at: 'transport.finishAuth(code)', data: { call: 'finishAuth(code)' } },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // A6: authorization-server metadata whose issuer is never compared.
    // ---------------------------------------------------------------------------------
    invalid(
      'hand-rolled RFC 8414 and OIDC discovery, one finding per function',
      code`
        import { Client } from '@modelcontextprotocol/client';

        export async function fetchAuthServerMetadata(issuer: string) {
          for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
            const response = await fetch(new URL(path, issuer));
            if (response.ok) return response.json();
          }
          throw new Error('no metadata');
        }

        export async function oidcMetadata(issuer: string) {
          return (await fetch(\`\${issuer}/.well-known/openid-configuration\`)).json();
        }
      `,
      [
        { messageId: 'metadataIssuerNotCompared', at: "'/.well-known/oauth-authorization-server'", data: { source: '`/.well-known/oauth-authorization-server`' } },
        { messageId: 'metadataIssuerNotCompared', at: '`${issuer}/.well-known/openid-configuration`', data: { source: '`/.well-known/openid-configuration`' } },
      ],
    ),
    invalid(
      'SDK v1 discovery, which does not compare the issuer',
      code`
        import { discoverAuthorizationServerMetadata, discoverOAuthProtectedResourceMetadata } from '@modelcontextprotocol/sdk/client/auth.js';

        const prm = await discoverOAuthProtectedResourceMetadata(serverUrl);
        const metadata = await discoverAuthorizationServerMetadata(prm.authorization_servers[0]);
      `,
      [{ messageId: 'metadataIssuerNotCompared', at: 'discoverAuthorizationServerMetadata(prm.authorization_servers[0])', data: { source: asMetadataPath } }],
    ),
    invalid(
      'SDK v2 options that switch the issuer check off',
      code`
        import { discoverAuthorizationServerMetadata, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

        const metadata = await discoverAuthorizationServerMetadata(authServerUrl, { skipIssuerValidation: true });
        const transport = new StreamableHTTPClientTransport(url, { authProvider, skipIssuerMetadataValidation: true });
      `,
      [
        { messageId: 'skipsIssuerValidation', at: 'skipIssuerValidation: true', data: { option: 'skipIssuerValidation' } },
        { messageId: 'skipsIssuerValidation', at: 'skipIssuerMetadataValidation: true', data: { option: 'skipIssuerMetadataValidation' } },
      ],
    ),

    invalid(
      'a test that switches the issuer check off to reach a mock authorization server',
      code`
        import { expect, it } from 'vitest';
        import { auth } from '@modelcontextprotocol/client';
        import { startMockAuthServer } from './support/mock-as';

        it('gets a token from the mock authorization server', async () => {
          const as = await startMockAuthServer();
          const result = await auth(provider, { serverUrl: as.resourceUrl, skipIssuerMetadataValidation: true });
          expect(result).toBe('AUTHORIZED');
        });
      `,
      [{ messageId: 'skipsIssuerValidation', at: 'skipIssuerMetadataValidation: true', data: { option: 'skipIssuerMetadataValidation' } }],
    ),

    // ---------------------------------------------------------------------------------
    // A5: protected resources advertising offline_access.
    // ---------------------------------------------------------------------------------
    invalid(
      'protected-resource metadata, SDK v1 routers and a WWW-Authenticate challenge',
      code`
        import { mcpAuthMetadataRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
        import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';

        app.use(mcpAuthMetadataRouter({ oauthMetadata, resourceServerUrl, scopesSupported: ['mcp:tools', 'offline_access'] }));
        app.use('/mcp', requireBearerAuth({ verifier, requiredScopes: ['mcp:tools', 'offline_access'] }));

        app.get('/.well-known/oauth-protected-resource/mcp', (req, res) => {
          res.json({
            resource: 'https://mcp.example.com/mcp',
            authorization_servers: ['https://auth.example.com'],
            scopes_supported: ['mcp:tools', 'offline_access'],
          });
        });

        export function challenge(res, prmUrl: string) {
          res.setHeader('WWW-Authenticate', \`Bearer resource_metadata="\${prmUrl}", scope="mcp:tools offline_access"\`);
          res.status(401).end();
        }
      `,
      [
        { messageId: 'advertisesOfflineAccess', at: "'offline_access'", nth: 1, data: { where: 'the `scopesSupported` of `mcpAuthMetadataRouter()`' } },
        { messageId: 'advertisesOfflineAccess', at: "'offline_access'", nth: 2, data: { where: 'the `requiredScopes` of `requireBearerAuth()`' } },
        { messageId: 'advertisesOfflineAccess', at: "'offline_access'", nth: 3, data: { where: 'protected-resource metadata `scopes_supported`' } },
        {
          messageId: 'advertisesOfflineAccess',
          at: '`Bearer resource_metadata="${prmUrl}", scope="mcp:tools offline_access"`',
          data: { where: 'the scope of a `WWW-Authenticate` challenge' },
        },
      ],
    ),
    invalid(
      'protected-resource metadata in a JavaScript file without an MCP import',
      code`
        export function GET() {
          return Response.json({ resource: process.env.MCP_URL, authorization_servers: [process.env.AUTH_URL], scopes_supported: ['read', 'offline_access'] });
        }
      `,
      [{ messageId: 'advertisesOfflineAccess', at: "'offline_access'", data: { where: 'protected-resource metadata `scopes_supported`' } }],
      { filename: 'file.js' },
    ),
  ],
});
