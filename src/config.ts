import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { didYouMean } from './did-you-mean.js';
import { knownCheckIds } from './engine/catalog.js';
import { severities, type Severity } from './report/finding.js';
import { UsageError } from './usage-error.js';

/** What `mcp-migrate.config.json`, `package.json#mcpMigrate` or a `--config` file may hold. */
export interface McpMigrateConfig {
  /** Globs (relative to the working directory) a file must match to be audited. */
  include?: string[];
  /** Globs of files never to audit. */
  exclude?: string[];
  /** Per rule id (or engine check id): a severity, or `off`. */
  rules?: Record<string, Severity | 'off'>;
}

export interface LoadedConfig {
  config: McpMigrateConfig;
  /** Where it came from, for messages; undefined when no config was found. */
  source?: string;
}

export const configFileName = 'mcp-migrate.config.json';
const configKeys = ['$schema', 'include', 'exclude', 'rules'] as const;
const ruleLevels = [...severities, 'off'];

/**
 * Finds and validates the configuration. `explicit` is a `--config` path: JSON, or a JS module
 * exporting the config as default (a JS file runs only when named this way, since the audit
 * must execute nothing from the tree it reads). Otherwise `mcp-migrate.config.json` in `cwd`,
 * then the `mcpMigrate` key of `cwd`'s package.json.
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  if (explicit) {
    const path = isAbsolute(explicit) ? explicit : resolve(cwd, explicit);
    const raw = /\.(?:c|m)?js$/.test(path) ? await importConfig(path, explicit) : await readJson(path, explicit, true);
    return { config: validateConfig(raw, explicit), source: explicit };
  }
  const file = await readJson(resolve(cwd, configFileName), configFileName, false);
  if (file !== undefined) return { config: validateConfig(file, configFileName), source: configFileName };
  const pkg = await readJson(resolve(cwd, 'package.json'), 'package.json', false);
  if (pkg && typeof pkg === 'object' && 'mcpMigrate' in pkg) {
    return { config: validateConfig((pkg as { mcpMigrate: unknown }).mcpMigrate, 'package.json#mcpMigrate'), source: 'package.json#mcpMigrate' };
  }
  return { config: {} };
}

async function readJson(path: string, label: string, required: boolean): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`${label}: cannot read the config file (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${label}: not valid JSON (${(error as Error).message})`);
  }
}

async function importConfig(path: string, label: string): Promise<unknown> {
  try {
    const module = (await import(pathToFileURL(path).href)) as { default?: unknown };
    return module.default;
  } catch (error) {
    throw new UsageError(`${label}: cannot load the config module (${(error as Error).message})`);
  }
}

/** Checks every key and value, naming the bad one and, when it is close to a valid one, that one. */
export function validateConfig(raw: unknown, label: string): McpMigrateConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UsageError(`${label}: the configuration must be an object`);
  }
  for (const key of Object.keys(raw)) {
    if (!(configKeys as readonly string[]).includes(key)) {
      throw new UsageError(`${label}: unknown key "${key}"${didYouMean(key, configKeys)}. Valid keys: ${configKeys.filter((k) => k !== '$schema').join(', ')}`);
    }
  }
  const record = raw as Record<string, unknown>;
  const config: McpMigrateConfig = {};
  for (const key of ['include', 'exclude'] as const) {
    const value = record[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.length > 0)) {
      throw new UsageError(`${label}: "${key}" must be an array of glob strings`);
    }
    config[key] = value as string[];
  }
  if (record.rules !== undefined) config.rules = validateRules(record.rules, label);
  return config;
}

function validateRules(value: unknown, label: string): Record<string, Severity | 'off'> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${label}: "rules" must be an object mapping rule ids to ${ruleLevels.join(', ')}`);
  }
  const known = knownCheckIds();
  const rules: Record<string, Severity | 'off'> = {};
  for (const [id, level] of Object.entries(value)) {
    const bareId = id.startsWith('mcp-migrate/') ? id.slice('mcp-migrate/'.length) : id;
    if (!known.includes(bareId)) {
      throw new UsageError(`${label}: unknown rule "${id}" in "rules"${didYouMean(bareId, known)}. Run \`mcp-migrate list\` for the rule ids`);
    }
    if (typeof level !== 'string' || !ruleLevels.includes(level)) {
      throw new UsageError(`${label}: rules.${id} must be one of ${ruleLevels.join(', ')}, not ${JSON.stringify(level)}`);
    }
    rules[bareId] = level as Severity | 'off';
  }
  return rules;
}

