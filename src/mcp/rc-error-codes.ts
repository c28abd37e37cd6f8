/**
 * Error codes of the 2026-07-28 allocation policy (reference §6, §14, §15.9 rows X5–X8, L6):
 * the release candidate's numbers that the final revision moved, the range MCP reserves, and
 * the legacy range no new code may use.
 */

export interface RcErrorCode {
  /** The final 2026-07-28 code. */
  modern: number;
  name: string;
  /** Words in the message, constant name or data beside the code that say it is this error. */
  evidence: RegExp;
  /** -32001 is also SDK v1's local `ErrorCode.RequestTimeout`: only evidence makes it HeaderMismatch. */
  needsEvidence: boolean;
  /** What else to send with the modern code. */
  advice: string;
}

/** The release candidate (tag 2026-07-28-RC) numbered these errors differently. */
export const rcErrorCodes: ReadonlyMap<number, RcErrorCode> = new Map([
  [
    -32001,
    {
      modern: -32020,
      name: 'HeaderMismatch',
      evidence: /header|mismatch/i,
      needsEvidence: true,
      advice: ' and HTTP 400 (SDK v2 exports no constant for it: write the number)',
    },
  ],
  [
    -32003,
    {
      modern: -32021,
      name: 'MissingRequiredClientCapability',
      evidence: /capabilit/i,
      needsEvidence: false,
      advice: ' with `data.requiredCapabilities` keyed by capability and HTTP 400 (SDK v2: `new MissingRequiredClientCapabilityError({ requiredCapabilities })`)',
    },
  ],
  [
    -32004,
    {
      modern: -32022,
      name: 'UnsupportedProtocolVersion',
      evidence: /protocol[\s_-]*version|unsupported[\s_-]*version/i,
      needsEvidence: false,
      advice: ' with `data: { supported, requested }` and HTTP 400 (SDK v2: `new UnsupportedProtocolVersionError({ supported, requested })`)',
    },
  ],
]);

/** The codes 2026-07-28 allocates in the range it reserves. */
export const definedMcpCodes: readonly number[] = [-32020, -32021, -32022];

/** `-32020 … -32099`: only the specification may allocate here. */
export const reservedMcpRange = { from: -32099, to: -32020 } as const;

/** `-32000 … -32019`: legacy and implementation-defined; new implementations SHOULD NOT use it. */
export const legacyImplementationRange = { from: -32019, to: -32000 } as const;

/**
 * Codes other rules own (-32002 resource not found, -32042 URL elicitation) and the SDK's own
 * local codes, which 2026-07-28 grandfathers and SDK transports still send (-32000
 * ConnectionClosed / "No valid session ID", -32001 RequestTimeout / "Session not found").
 */
export const codesNotOursToReport: readonly number[] = [-32000, -32001, -32002, -32042];

/** -32602 and -32022: the 2025 and the 2026-07-28 answer to an unsupported protocol version. */
export const invalidParams = -32602;
export const unsupportedProtocolVersion = -32022;

/** An unsupported-version error's message ("Unsupported protocol version"). */
export const unsupportedVersionMessage = /unsupported[\s_-]*protocol[\s_-]*version|protocol[\s_-]*version[\s\S]*not[\s_-]*supported/i;

/**
 * Meanings other protocols give these numbers: EIP-1474 wallets (-32003 "Transaction
 * rejected", -32004 "Method not supported", -32005 "Limit exceeded"), SDK sessions and
 * timeouts, application codes.
 */
export const otherErrorMeaning =
  /transaction|rejected|method[\s_-]*not[\s_-]*(?:supported|found)|limit[\s_-]*exceeded|rate[\s_-]*limit|quota|unauthori[sz]ed|forbidden|denied|time[sd]?[\s_-]*out|not[\s_-]*found|unavailable|pending|session|invalid[\s_-]*input|insufficient|not[\s_-]*initiali[sz]ed/i;
