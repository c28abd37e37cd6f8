/**
 * The programmatic API of mcp-migrate. The ESLint plugin is a separate entry,
 * `mcp-migrate/eslint-plugin`.
 */
export { audit, type AuditOptions, type AuditProgress } from './engine/audit.js';
export type { McpMigrateConfig } from './config.js';
export type {
  AuditResult,
  AuditSummary,
  FileError,
  Finding,
  FixLevel,
  RuleDescriptor,
  Severity,
  SkippedPath,
} from './report/finding.js';
export { UsageError } from './usage-error.js';
