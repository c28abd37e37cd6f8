import type { TSESLint } from '@typescript-eslint/utils';
import { clientAuthEvidence } from './client-auth.js';
import { postHandlers } from './mcp-post-handlers.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Which end of MCP a whole file is written for, from its SDK imports (`clientAuthEvidence`):
 * `client` when it imports the client SDK (v1 `@modelcontextprotocol/sdk/client/…`, v2
 * `@modelcontextprotocol/client`) and no server SDK, and serves no HTTP endpoint itself;
 * `server` when it imports the server SDK and not the client one; otherwise unknown. A client
 * file that spells a server's 2025 messages (`-32042`, `elicitationId`) is handling them, or
 * is a test double standing in for a 2025 server; it never sends them. For one receiver, ask
 * `mcpSideOf` (sdk.ts) instead.
 */
export function mcpFileSide(sourceCode: SourceCode): 'client' | 'server' | undefined {
  const { importsMcpClient, importsMcpServer } = clientAuthEvidence(sourceCode);
  if (importsMcpClient && !importsMcpServer) return postHandlers(sourceCode).length === 0 ? 'client' : undefined;
  if (importsMcpServer && !importsMcpClient) return 'server';
  return undefined;
}
