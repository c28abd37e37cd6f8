/**
 * A problem with how mcp-migrate was called or configured: an unknown rule id, a bad flag, an
 * invalid config file, a path that does not exist. The CLI prints it and exits with 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
