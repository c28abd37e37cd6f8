import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-dcr-application-type.js';
import { caseBuilders, code } from '../helpers/rule-cases.js';

/**
 * Tests for `require-dcr-application-type` (reference §15.12 rows A2 and A7; design.md
 * principle 3 for OAuth client metadata that is not an MCP client's registration).
 *
 * Each expected report names the exact source text it must cover (see test/helpers/rule-cases.ts).
 */

const { invalid, valid } = caseBuilders(rule);
const ruleTester = new RuleTester();

const native = { suggestion: "`application_type: 'native'`" };
const web = { suggestion: "`application_type: 'web'`" };
const either = { suggestion: '`application_type`' };

ruleTester.run('require-dcr-application-type', rule, {
  valid: [
    // ---------------------------------------------------------------------------------
    // Clients that do not register dynamically, or leave it to SDK v2.
    // ---------------------------------------------------------------------------------
    valid(
      'SDK v2 provider with a Client ID Metadata Document (registration only as a fallback)',
      code`
        import type { OAuthClientMetadata, OAuthClientProvider } from '@modelcontextprotocol/client';

        export class CliAuthProvider implements OAuthClientProvider {
          clientMetadataUrl = 'https://cli.example.com/oauth/client.json';
          get redirectUrl() { return 'http://127.0.0.1:8090/callback'; }
          get clientMetadata(): OAuthClientMetadata {
            return { client_name: 'example-cli', redirect_uris: ['http://127.0.0.1:8090/callback'] };
          }
          clientInformation() { return this.saved; }
          saveClientInformation(info) { this.saved = info; }
          tokens() { return this.stored; }
          saveTokens(tokens) { this.stored = tokens; }
          redirectToAuthorization(url: URL) { open(url.href); }
          saveCodeVerifier(v: string) { this.verifier = v; }
          codeVerifier() { return this.verifier; }
        }
      `,
    ),
    valid(
      'SDK v1 provider with pre-registered credentials (no saveClientInformation)',
      code`
        import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';

        export const provider: OAuthClientProvider = {
          get redirectUrl() { return 'http://localhost:3000/callback'; },
          get clientMetadata() { return { client_name: 'Desk', redirect_uris: ['http://localhost:3000/callback'] }; },
          clientInformation: () => ({ client_id: process.env.CLIENT_ID! }),
          tokens: () => store.tokens,
          saveTokens: (tokens) => { store.tokens = tokens; },
          redirectToAuthorization: (url) => shell.openExternal(url.href),
          saveCodeVerifier: (v) => { store.verifier = v; },
          codeVerifier: () => store.verifier,
        };
      `,
    ),
    valid(
      'SDK v2 typed client metadata without application_type: auth() derives it from redirect_uris',
      code`
        import type { OAuthClientMetadata } from '@modelcontextprotocol/client';

        export const clientMetadata: OAuthClientMetadata = {
          client_name: 'Notes desktop',
          redirect_uris: ['http://127.0.0.1:33418/callback'],
          grant_types: ['authorization_code', 'refresh_token'],
        };
      `,
    ),

    // ---------------------------------------------------------------------------------
    // Lookalikes: server-side registration endpoints and non-MCP OAuth apps.
    // ---------------------------------------------------------------------------------
    valid(
      'an SDK v1 server-side clients store receives registrations',
      code`
        import type { OAuthRegisteredClientsStore } from '@modelcontextprotocol/sdk/server/auth/clients.js';
        import type { OAuthClientInformationFull } from '@modelcontextprotocol/sdk/shared/auth.js';

        export class DbClientsStore implements OAuthRegisteredClientsStore {
          async getClient(clientId: string) { return db.clients.find(clientId); }
          async registerClient(client: OAuthClientInformationFull) {
            await db.clients.insert(client);
            return { ...client, client_id_issued_at: Math.floor(Date.now() / 1000) };
          }
        }
      `,
    ),
    valid(
      'a hand-rolled registration endpoint answers with the registered client',
      code`
        import { McpServer } from '@modelcontextprotocol/server';

        app.post('/register', express.json(), async (req, res) => {
          const client = { client_id: randomUUID(), redirect_uris: req.body.redirect_uris, client_name: req.body.client_name };
          await clients.save(client);
          res.status(201).json(client);
        });
      `,
    ),
    valid(
      'a non-MCP app registering itself with its identity provider',
      code`
        export async function registerWithIdp(registrationEndpoint: string) {
          const response = await fetch(registrationEndpoint, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ client_name: 'Intranet', redirect_uris: ['https://intranet.example.com/cb'] }),
          });
          return response.json();
        }
      `,
    ),
    valid(
      'client metadata for a generic OAuth library in a file without MCP',
      code`
        import { Issuer } from 'openid-client';

        const issuer = await Issuer.discover('https://accounts.example.com');
        const client = await issuer.Client.register({ client_name: 'Reports', redirect_uris: ['https://reports.example.com/cb'] });
      `,
    ),
  ],
  invalid: [
    // ---------------------------------------------------------------------------------
    // A2: registrations without application_type; A7 once it is there.
    // ---------------------------------------------------------------------------------
    invalid(
      'SDK v1 registerClient with metadata lacking application_type, and with it',
      code`
        import { registerClient } from '@modelcontextprotocol/sdk/client/auth.js';

        export async function register(asUrl: URL, metadata) {
          return registerClient(asUrl, {
            metadata,
            clientMetadata: { client_name: 'notes-cli', redirect_uris: ['http://localhost:8090/callback'], grant_types: ['authorization_code'] },
          });
        }

        export async function registerWeb(asUrl: URL) {
          return registerClient(asUrl, {
            clientMetadata: { client_name: 'notes-web', redirect_uris: ['https://notes.example.com/cb'], application_type: 'web' },
          });
        }
      `,
      [
        {
          messageId: 'missingApplicationType',
          at: "{ client_name: 'notes-cli', redirect_uris: ['http://localhost:8090/callback'], grant_types: ['authorization_code'] }",
          data: native,
        },
        {
          messageId: 'usesDynamicRegistration',
          at: code`
            registerClient(asUrl, {
                clientMetadata: { client_name: 'notes-web', redirect_uris: ['https://notes.example.com/cb'], application_type: 'web' },
              })
          `,
        },
      ],
    ),
    invalid(
      'an aliased SDK v1 import through require()',
      code`
        const { registerClient: register } = require('@modelcontextprotocol/sdk/client/auth.js');

        async function ensureClient(asUrl) {
          return register(asUrl, { clientMetadata: { client_name: 'sync', redirect_uris: ['http://localhost:9000/cb', 'https://sync.example.com/cb'] } });
        }
      `,
      [{ messageId: 'missingApplicationType', at: "{ client_name: 'sync', redirect_uris: ['http://localhost:9000/cb', 'https://sync.example.com/cb'] }", data: either }],
      { filename: 'file.js' },
    ),
    invalid(
      'SDK v2 registerClient with metadata in a constant; namespace import',
      code`
        import * as client from '@modelcontextprotocol/client';

        const registration = { client_name: 'Notes', redirect_uris: ['https://notes.example.com/oauth/cb'], token_endpoint_auth_method: 'none' };
        const info = await client.registerClient(authServerUrl, { metadata, clientMetadata: registration });
      `,
      [{ messageId: 'missingApplicationType', at: "{ client_name: 'Notes', redirect_uris: ['https://notes.example.com/oauth/cb'], token_endpoint_auth_method: 'none' }", data: web }],
    ),
    invalid(
      'a hand-rolled registration POSTed to registration_endpoint (JavaScript, custom-scheme redirect)',
      code`
        export async function register(serverUrl) {
          const prm = await (await fetch(new URL('/.well-known/oauth-protected-resource', serverUrl))).json();
          const as = await (await fetch(\`\${prm.authorization_servers[0]}/.well-known/oauth-authorization-server\`)).json();
          const response = await fetch(as.registration_endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ client_name: 'Notes mobile', redirect_uris: ['com.example.notes:/oauth'], grant_types: ['authorization_code'] }),
          });
          return response.json();
        }
      `,
      [{ messageId: 'missingApplicationType', at: "{ client_name: 'Notes mobile', redirect_uris: ['com.example.notes:/oauth'], grant_types: ['authorization_code'] }", data: native }],
      { filename: 'file.js' },
    ),
    invalid(
      'a hand-rolled registration with application_type is still DCR (axios, MCP client import)',
      code`
        import axios from 'axios';
        import { Client } from '@modelcontextprotocol/client';

        const registrationUrl = new URL(metadata.registration_endpoint);
        const { data } = await axios.post(registrationUrl.href, {
          client_name: 'Notes',
          redirect_uris: [redirectUri],
          application_type: 'native',
        });
      `,
      [
        {
          messageId: 'usesDynamicRegistration',
          at: code`
            axios.post(registrationUrl.href, {
              client_name: 'Notes',
              redirect_uris: [redirectUri],
              application_type: 'native',
            })
          `,
        },
      ],
    ),

    // ---------------------------------------------------------------------------------
    // SDK providers: v1 sends clientMetadata as written; v2 fills application_type in.
    // ---------------------------------------------------------------------------------
    invalid(
      'SDK v1 provider class that registers dynamically, metadata without application_type (one finding)',
      code`
        import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';

        export class DesktopAuth implements OAuthClientProvider {
          get redirectUrl() { return 'http://127.0.0.1:7777/cb'; }
          get clientMetadata() {
            return { client_name: 'Notes desktop', redirect_uris: ['http://127.0.0.1:7777/cb'], grant_types: ['authorization_code', 'refresh_token'] };
          }
          clientInformation() { return keychain.get('client'); }
          saveClientInformation(info) { keychain.set('client', info); }
          tokens() { return keychain.get('tokens'); }
          saveTokens(tokens) { keychain.set('tokens', tokens); }
          redirectToAuthorization(url: URL) { shell.openExternal(url.href); }
          saveCodeVerifier(v: string) { this.v = v; }
          codeVerifier() { return this.v; }
        }
      `,
      [
        {
          messageId: 'missingApplicationType',
          at: "{ client_name: 'Notes desktop', redirect_uris: ['http://127.0.0.1:7777/cb'], grant_types: ['authorization_code', 'refresh_token'] }",
          data: native,
        },
      ],
    ),
    invalid(
      'SDK v2 provider that registers dynamically and has no metadata document',
      code`
        import { type OAuthClientProvider } from '@modelcontextprotocol/client';

        export const provider: OAuthClientProvider = {
          redirectUrl: 'http://localhost:4000/cb',
          clientMetadata: { client_name: 'Agent', redirect_uris: ['http://localhost:4000/cb'] },
          clientInformation: () => store.client,
          saveClientInformation: (info) => { store.client = info; },
          tokens: () => store.tokens,
          saveTokens: (tokens) => { store.tokens = tokens; },
          redirectToAuthorization: (url) => open(url.href),
          saveCodeVerifier: (v) => { store.verifier = v; },
          codeVerifier: () => store.verifier,
        };
      `,
      [{ messageId: 'usesDynamicRegistration', at: 'saveClientInformation', nth: 1 }],
    ),
    invalid(
      'SDK v1 example client: typed OAuthClientMetadata handed to a provider from another file',
      code`
        import type { OAuthClientMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
        import { InMemoryOAuthClientProvider } from './simpleOAuthClientProvider.js';

        const clientMetadata: OAuthClientMetadata = {
          client_name: 'Simple OAuth MCP Client',
          redirect_uris: [CALLBACK_URL],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        };
        const oauthProvider = new InMemoryOAuthClientProvider(CALLBACK_URL, clientMetadata);
      `,
      [
        {
          messageId: 'missingApplicationType',
          at: code`
            {
              client_name: 'Simple OAuth MCP Client',
              redirect_uris: [CALLBACK_URL],
              grant_types: ['authorization_code', 'refresh_token'],
              response_types: ['code'],
              token_endpoint_auth_method: 'client_secret_post',
            }
          `,
          data: either,
        },
      ],
    ),
    invalid(
      'SDK v1 in JavaScript: metadata literal passed to a provider constructor',
      code`
        const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
        const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
        const { FileOAuthProvider } = require('./auth-provider');

        const authProvider = new FileOAuthProvider('http://localhost:5173/oauth/callback', {
          client_name: 'notes-js',
          redirect_uris: ['http://localhost:5173/oauth/callback'],
        });
        const transport = new StreamableHTTPClientTransport(new URL(url), { authProvider });
      `,
      [
        {
          messageId: 'missingApplicationType',
          at: code`
            {
              client_name: 'notes-js',
              redirect_uris: ['http://localhost:5173/oauth/callback'],
            }
          `,
          data: native,
        },
      ],
      { filename: 'file.js' },
    ),
  ],
});
