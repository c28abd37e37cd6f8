/** Links into the 2026-07-28 specification, cited by rules and their documentation. */
const base = 'https://modelcontextprotocol.io/specification/2026-07-28';

export const specUrls = {
  changelog: `${base}/changelog`,
  deprecated: `${base}/deprecated`,
  basic: `${base}/basic`,
  statelessness: `${base}/basic#statelessness`,
  requestMeta: `${base}/basic#_meta`,
  resultType: `${base}/basic#resulttype`,
  errorCodes: `${base}/basic#error-codes`,
  jsonSchema: `${base}/basic#json-schema-usage`,
  versioning: `${base}/basic/versioning`,
  streamableHttp: `${base}/basic/transports/streamable-http`,
  stdio: `${base}/basic/transports/stdio`,
  authorization: `${base}/basic/authorization`,
  mrtr: `${base}/basic/patterns/mrtr`,
  subscriptions: `${base}/basic/patterns/subscriptions`,
  cancellation: `${base}/basic/patterns/cancellation`,
  discover: `${base}/server/discover`,
  tools: `${base}/server/tools`,
  resources: `${base}/server/resources#error-handling`,
  caching: `${base}/server/utilities/caching`,
  pagination: `${base}/server/utilities/pagination`,
  logging: `${base}/server/utilities/logging`,
  roots: `${base}/client/roots`,
  sampling: `${base}/client/sampling`,
  elicitation: `${base}/client/elicitation`,
  /** The Tasks extension (io.modelcontextprotocol/tasks) is specified outside the core revision. */
  tasksExtension: 'https://github.com/modelcontextprotocol/ext-tasks/blob/main/specification/draft/tasks.md',
} as const;
