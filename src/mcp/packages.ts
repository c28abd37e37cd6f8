import { v1SdkPackage } from './http-serving.js';

/**
 * The npm packages of the MCP TypeScript SDK: v1 is `@modelcontextprotocol/sdk` (deep paths such
 * as `@modelcontextprotocol/sdk/server/streamableHttp.js`), v2 is split into
 * `@modelcontextprotocol/{server,client,core,node,express,hono,fastify,server-legacy}`.
 * An import from any of them is evidence that a file speaks MCP (design.md principle 3).
 */
export function isMcpModuleSpecifier(specifier: string): boolean {
  return specifier === '@modelcontextprotocol/sdk' || specifier.startsWith('@modelcontextprotocol/');
}

/**
 * Streamable HTTP transport classes whose `sessionId` is the `Mcp-Session-Id` of a 2025 session
 * (typescript-sdk-v1-v2.md §1a; v2 renamed the Node one to `NodeStreamableHTTPServerTransport`).
 */
export const streamableHttpServerTransports: readonly string[] = [
  'StreamableHTTPServerTransport',
  'WebStandardStreamableHTTPServerTransport',
  'NodeStreamableHTTPServerTransport',
];

export const streamableHttpClientTransports: readonly string[] = ['StreamableHTTPClientTransport'];

/** SDK v2 packages that export the error classes (`ProtocolError`, `ResourceNotFoundError`). */
export const v2ErrorPackages: readonly string[] = ['@modelcontextprotocol/server', '@modelcontextprotocol/client'];

/** The v2 entry that exports `serveStdio` (checked in the installed 2.4 `.d.ts`). */
export const v2StdioEntry = '@modelcontextprotocol/server/stdio';

/** The v2 entry that exports `createMcpHandler` (checked in the installed `.d.ts`). */
export const v2ServerEntry = '@modelcontextprotocol/server';

/** The v2 entry that exports `toNodeHandler`, the Node `(req, res, parsedBody?)` adapter of a fetch-shaped handler. */
export const v2NodeEntry = '@modelcontextprotocol/node';

/**
 * The zod range SDK v2 needs: `@modelcontextprotocol/server` and `/client` 2.x depend on
 * `zod ^4.2.0`, because their tool and prompt schemas need `~standard.jsonSchema` (zod 4.2). A
 * project that keeps zod 3 gets a second zod under the SDK, and its own schemas no longer
 * type-check against `registerTool` (TS2769) or fail on the first `tools/list`.
 */
export const v2ZodRange = '^4.2.0';

/**
 * Which SDK major a file's imports show: `1` for `@modelcontextprotocol/sdk`, `2` for the split
 * v2 packages, undefined when it imports neither. A file that imports v2 and keeps only v1's
 * experimental modules (the 2025 Tasks API, which v2 does not have and the official codemod
 * leaves in place, marked) is on v2: its other code can take the v2 rewrites in the same run.
 * A regular-expression scan, because it runs before any parse to decide which transforms apply.
 */
export function sdkMajorOfSource(source: string): 1 | 2 | undefined {
  const specifiers = [...source.matchAll(/(?:from|import|require\()\s*['"](@modelcontextprotocol\/[^'"]+)['"]/g)].map((m) => m[1]!);
  const v1 = specifiers.filter((s) => s === v1SdkPackage || s.startsWith(`${v1SdkPackage}/`));
  if (v1.length === 0) return specifiers.length > 0 ? 2 : undefined;
  const onlyExperimental = v1.every((s) => s.startsWith(`${v1SdkPackage}/experimental`));
  return onlyExperimental && v1.length < specifiers.length ? 2 : 1;
}
