import { lookupTable } from './lookup-table.js';
/**
 * Families of code that reuse MCP's words and numbers for something else (design.md
 * principle 3). A file that imports one of these modules needs local evidence before a rule
 * may call its `-32002` or `initialize` MCP's.
 */
export const lookalikeModules: Readonly<Record<string, readonly (string | RegExp)[]>> = lookupTable({
  /** LSP: `ServerNotInitialized = -32002`, its own `initialize`. */
  lsp: [/^vscode-(?:languageserver|languageclient|jsonrpc|ws-jsonrpc)(?:\/|$)/, /^monaco-languageclient(?:\/|$)/],
  /** EIP-1193/1474 wallets: -32002 "Resource unavailable" / "Request already pending". */
  wallet: [
    /^@metamask\//,
    /^@walletconnect\//,
    /^@wagmi\//,
    /^@solana\//,
    /^@coinbase\/wallet-sdk(?:\/|$)/,
    /^(?:ethers|web3|viem|wagmi|eth-rpc-errors|json-rpc-engine)(?:\/|$)/,
  ],
});

export function lookalikeFamilyOf(specifier: string): string | undefined {
  for (const [family, patterns] of Object.entries(lookalikeModules)) {
    if (patterns.some((p) => (typeof p === 'string' ? p === specifier : p.test(specifier)))) return family;
  }
  return undefined;
}

/** String values that mark wallet and LSP code without an import: `window.ethereum` requests, LSP methods. */
const lookalikeStrings: Readonly<Record<string, RegExp>> = lookupTable({
  wallet: /^(?:eth_|wallet_|personal_sign$)/,
  lsp: /^(?:textDocument|workspace)\//,
});

export function lookalikeFamilyOfString(value: string): string | undefined {
  for (const [family, pattern] of Object.entries(lookalikeStrings)) if (pattern.test(value)) return family;
  return undefined;
}
