import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolVersion } from '../package-info.js';
import { writeFileAtomically } from './atomic-write.js';
import type { SourceFile } from './discover.js';
import { gitDirectory } from './git.js';
import type { LintOutcome } from './lint.js';

/**
 * What one file gave the last audit: its size and modification time when it was listed, the
 * hash of its text, and the outcome (for a file the prefilter dropped, only its marker count).
 */
interface CachedFile {
  size: number;
  mtimeMs: number;
  sha1?: string;
  outcome: LintOutcome;
}

interface CacheFile {
  /** Everything besides a file's own text that decides its outcome (see `cacheKey`). */
  key: string;
  files: Record<string, CachedFile>;
}

/** Whether the cache could be used, for the summary and the report. */
export interface CacheStatus {
  location: string;
  /** Files whose outcome came from the cache. */
  hits: number;
  /** Why the previous cache was not used, when there was one. */
  discarded?: string;
  /** Why the new cache could not be written. */
  writeError?: string;
}

/**
 * Somewhere no `git status` shows, so `fix` and `pr` never see a dirty tree because of it:
 * `node_modules/.cache/mcp-migrate` (the find-cache-dir convention) when there is a
 * node_modules, else the git directory, else a dot file in `cwd`.
 */
export async function defaultCacheLocation(cwd: string): Promise<string> {
  if (existsSync(join(cwd, 'node_modules'))) return join(cwd, 'node_modules', '.cache', 'mcp-migrate', 'audit-cache.json');
  const gitDir = await gitDirectory(cwd);
  return gitDir ? join(gitDir, 'mcp-migrate', 'audit-cache.json') : join(cwd, '.mcp-migrate-cache.json');
}

/**
 * The audit's results cache (`--cache`), like ESLint's: a file whose size and modification time
 * are unchanged is not even read, and a file whose text hashes as before is neither prefiltered
 * nor parsed. Every input besides the text is in the key, and any difference drops the whole
 * cache: the tool's version and build, ESLint's, the parser's and TypeScript's versions, the rule
 * levels, the size limit and the directory paths are reported relative to.
 */
export class AuditCache {
  private readonly previous: Record<string, CachedFile>;
  private readonly next: Record<string, CachedFile> = {};
  readonly status: CacheStatus;

  private constructor(
    private readonly location: string,
    private readonly key: string,
  ) {
    const loaded = loadCacheFile(location, key);
    this.previous = loaded.files;
    this.status = { location, hits: 0, ...(loaded.discarded ? { discarded: loaded.discarded } : {}) };
  }

  static open(location: string, inputs: Record<string, unknown>): AuditCache {
    return new AuditCache(location, cacheKey(inputs));
  }

  /** The outcome of an unchanged file, without reading it: same size, same modification time. */
  unchanged(file: SourceFile): LintOutcome | undefined {
    const entry = this.previous[file.relative];
    if (!entry || file.size === undefined || entry.size !== file.size || entry.mtimeMs !== file.mtimeMs) return undefined;
    this.hit(file, entry);
    return entry.outcome;
  }

  /** The outcome of a file whose text is what was parsed last time (a fresh checkout has new modification times). */
  sameText(file: SourceFile, sha1: string): LintOutcome | undefined {
    const entry = this.previous[file.relative];
    if (entry?.sha1 !== sha1) return undefined;
    this.hit(file, entry);
    return entry.outcome;
  }

  record(file: SourceFile, outcome: LintOutcome, sha1?: string): void {
    if (file.size === undefined || file.mtimeMs === undefined) return;
    this.next[file.relative] = { size: file.size, mtimeMs: file.mtimeMs, ...(sha1 ? { sha1 } : {}), outcome };
  }

  /**
   * Writes the files of this run, and keeps the entries of files it did not look at that still
   * exist (an audit of one folder leaves the rest of the cache), so deleted files leave the cache.
   * A failure is reported, never fatal.
   */
  async save(stillExists: (relative: string) => boolean): Promise<void> {
    const files = { ...this.next };
    for (const [relative, entry] of Object.entries(this.previous)) if (!Object.hasOwn(files, relative) && stillExists(relative)) files[relative] = entry;
    const content: CacheFile = { key: this.key, files };
    try {
      await mkdir(dirname(this.location), { recursive: true });
      await writeFileAtomically(this.location, JSON.stringify(content));
    } catch (error) {
      this.status.writeError = (error as Error).message;
    }
  }

  private hit(file: SourceFile, entry: CachedFile): void {
    this.status.hits++;
    this.next[file.relative] = { ...entry, size: file.size ?? entry.size, mtimeMs: file.mtimeMs ?? entry.mtimeMs };
  }
}

export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function loadCacheFile(location: string, key: string): { files: Record<string, CachedFile>; discarded?: string } {
  let text: string;
  try {
    text = readFileSync(location, 'utf8');
  } catch {
    return { files: {} };
  }
  try {
    const parsed = JSON.parse(text) as Partial<CacheFile>;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.files !== 'object' || parsed.files === null) return { files: {}, discarded: 'it is not an mcp-migrate audit cache' };
    if (parsed.key !== key) return { files: {}, discarded: 'the tool, its dependencies, the rules or the options changed' };
    return { files: parsed.files };
  } catch {
    return { files: {}, discarded: 'it is not valid JSON' };
  }
}

const require = createRequire(import.meta.url);

/** The versions and build of what parses and checks: a rebuilt engine or another ESLint invalidates the cache. */
function engineIdentity(): Record<string, unknown> {
  const version = (name: string) => (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  const built = statSync(fileURLToPath(import.meta.url));
  return { tool: toolVersion, build: built.mtimeMs, eslint: version('eslint'), parser: version('@typescript-eslint/parser'), typescript: version('typescript') };
}

function cacheKey(inputs: Record<string, unknown>): string {
  return createHash('sha1').update(JSON.stringify({ ...engineIdentity(), ...inputs })).digest('hex');
}
