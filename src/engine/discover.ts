import { lstatSync, Stats } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import type { SkippedPath } from '../report/finding.js';
import { UsageError } from '../usage-error.js';
import { gitListFiles } from './git.js';
import { alwaysSkippedDirectories, toPosix, walkFiles } from './walk.js';

export const sourceExtensions: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

const declarationFile = /\.d\.[cm]?ts$/;

export interface DiscoverOptions {
  /** Paths are reported relative to it, and `include`/`exclude` globs match against that. */
  cwd: string;
  /** Files or directories to audit; directories are searched. */
  paths: readonly string[];
  include: readonly string[];
  exclude: readonly string[];
}

export interface SourceFile {
  absolute: string;
  /** Relative to `cwd`, with `/` separators. */
  relative: string;
  /** From discovery's own `lstat`, when it made one: what the audit cache compares. */
  size?: number;
  mtimeMs?: number;
}

export interface Discovery {
  files: SourceFile[];
  skipped: SkippedPath[];
}

/**
 * Finds the source files to audit. Inside a git work tree: what git tracks plus untracked
 * files it does not ignore; elsewhere a walk that honours every `.gitignore`. Never
 * `node_modules`, declaration files, or symbolic links: a link inside the audited directory
 * is audited under its target's own path, a link leaving it is skipped and reported.
 */
export async function discoverFiles(options: DiscoverOptions): Promise<Discovery> {
  const isIncluded = options.include.length > 0 ? picomatch([...options.include], { dot: true }) : () => true;
  const isExcluded = options.exclude.length > 0 ? picomatch([...options.exclude], { dot: true }) : () => false;
  const files = new Map<string, SourceFile>();
  const skipped: SkippedPath[] = [];
  const display = (absolute: string) => toPosix(relative(options.cwd, absolute)) || '.';

  const accept = (absolute: string, info?: Stats) => {
    const relativePath = display(absolute);
    if (!isIncluded(relativePath) || isExcluded(relativePath)) return;
    if (!files.has(absolute)) files.set(absolute, { absolute, relative: relativePath, ...(info ? { size: info.size, mtimeMs: info.mtimeMs } : {}) });
  };

  for (const path of options.paths) {
    const absolute = resolve(options.cwd, path);
    const info = await lstat(absolute).catch(() => undefined);
    if (!info) throw new UsageError(`${path}: no such file or directory`);
    if (info.isDirectory()) {
      for (const candidate of await filesUnder(absolute)) {
        const verdict = await judge(absolute, candidate);
        if (verdict instanceof Stats) accept(candidate, verdict);
        else if (verdict) skipped.push({ file: display(candidate), reason: verdict.reason });
      }
      continue;
    }
    // A file named on the command line is audited even through a symbolic link: the user chose it.
    const target = info.isSymbolicLink() ? await realpath(absolute).catch(() => undefined) : absolute;
    const targetInfo = target ? await stat(target).catch(() => undefined) : undefined;
    if (!targetInfo?.isFile()) skipped.push({ file: display(absolute), reason: 'not a regular file' });
    else if (!isSourceFile(absolute)) skipped.push({ file: display(absolute), reason: `not a source file (${sourceExtensions.join(' ')}; declaration files excluded)` });
    else accept(absolute, info.isSymbolicLink() ? undefined : info);
  }

  return {
    files: [...files.values()].sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0)),
    skipped,
  };
}

export function isSourceFile(path: string): boolean {
  return sourceExtensions.some((extension) => path.endsWith(extension)) && !declarationFile.test(path);
}

async function filesUnder(directory: string): Promise<string[]> {
  const listed = (await gitListFiles(directory)) ?? (await walkFiles(directory));
  return listed
    .filter((path) => isSourceFile(path) && !path.split('/').some((segment) => alwaysSkippedDirectories.has(segment)))
    .map((path) => join(directory, path));
}

/** A source file's `Stats`; a skip reason worth reporting; or undefined to drop silently (gone, a directory, an in-tree link). */
async function judge(root: string, path: string): Promise<Stats | SkippedPath | undefined> {
  const info = lstatOrUndefined(path);
  if (!info) return undefined; // tracked by git but deleted from the work tree
  if (!info.isSymbolicLink()) return info.isFile() ? info : undefined;
  const target = await realpath(path).catch(() => undefined);
  if (!target) return { file: path, reason: 'broken symbolic link' };
  const realRoot = await realpath(root);
  const inside = !isAbsolute(relative(realRoot, target)) && !relative(realRoot, target).startsWith('..');
  if (inside) return undefined;
  return { file: path, reason: `symbolic link to ${target}, outside ${root}; not followed` };
}

/**
 * Synchronous on purpose: discovery checks every listed file, and an `fs/promises` round trip
 * through the thread pool costs several times the `lstat` itself (a monorepo lists tens of
 * thousands of files, and nothing else runs while they are listed).
 */
function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
