import type { TSESLint } from '@typescript-eslint/utils';
import { lookalikeFamilyOf, lookalikeFamilyOfString } from '../mcp/lookalikes.js';
import { distinctiveMcpMethods } from '../mcp/methods.js';
import { isMcpModuleSpecifier } from '../mcp/packages.js';

/** What a whole file says about whether it speaks MCP (design.md principle 3). */
export interface FileEvidence {
  /** It imports, requires or mocks an `@modelcontextprotocol/*` module. */
  importsMcp: boolean;
  /** Distinctive MCP method names it spells out (a hand-rolled endpoint or client). */
  mcpMethods: ReadonlySet<string>;
  /** Lookalike families it shows signs of (`lsp`, `wallet`). */
  lookalikes: ReadonlySet<string>;
  /** `importsMcp` or any MCP method name. */
  speaksMcp: boolean;
}

/**
 * The substrings a file needs for `speaksMcp`: an MCP module specifier or a distinctive method
 * name, each a string token of the file. A rule that reports only where the file speaks MCP
 * uses them as its `prefilterAlso`.
 */
export const speaksMcpTokens: readonly string[] = ['@modelcontextprotocol/', ...distinctiveMcpMethods];

/** `importsMcp` needs this substring. */
export const importsMcpTokens: readonly string[] = ['@modelcontextprotocol/'];

const cache = new WeakMap<object, FileEvidence>();

/**
 * Computed once per file from its string tokens, so every rule asks for free: module
 * specifiers (imports, `require`, `import()`, `vi.mock`) and method names are all strings.
 */
export function fileEvidence(sourceCode: Readonly<TSESLint.SourceCode>): FileEvidence {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  let importsMcp = false;
  const mcpMethods = new Set<string>();
  const lookalikes = new Set<string>();
  for (const token of sourceCode.ast.tokens) {
    if (token.type === 'Identifier' && token.value === 'ethereum') lookalikes.add('wallet');
    if (token.type !== 'String') continue;
    const value = token.value.slice(1, -1);
    if (isMcpModuleSpecifier(value)) importsMcp = true;
    if (distinctiveMcpMethods.has(value)) mcpMethods.add(value);
    const family = lookalikeFamilyOf(value) ?? lookalikeFamilyOfString(value);
    if (family) lookalikes.add(family);
  }
  const evidence: FileEvidence = { importsMcp, mcpMethods, lookalikes, speaksMcp: importsMcp || mcpMethods.size > 0 };
  cache.set(sourceCode.ast, evidence);
  return evidence;
}
