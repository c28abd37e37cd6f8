/** Links into the 2026-07-28 specification, cited by rules and their documentation. */
const base = 'https://modelcontextprotocol.io/specification/2026-07-28';

export const specUrls = {
  streamableHttp: `${base}/basic/transports/streamable-http`,
  statelessness: `${base}/basic#statelessness`,
  errorCodes: `${base}/basic#error-codes`,
  resources: `${base}/server/resources#error-handling`,
  changelog: `${base}/changelog`,
} as const;
