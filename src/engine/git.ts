import { execFile } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { toPosix } from './walk.js';

const run = promisify(execFile);

/**
 * Git settings that could make a git command run a program named by the audited repository's
 * own config (an fsmonitor hook): the audit executes nothing from the tree it reads.
 */
const safeConfig = ['-c', 'core.fsmonitor=false', '-c', 'core.untrackedCache=false'];

async function git(cwd: string, args: string[]): Promise<Buffer | undefined> {
  try {
    const { stdout } = await run('git', [...safeConfig, ...args], { cwd, encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  } catch {
    // Not a repository, or git is not installed: callers fall back to walking the tree.
    return undefined;
  }
}

/** The top directory of the git work tree holding `dir`, or undefined outside one. */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  const out = await git(dir, ['rev-parse', '--show-toplevel']);
  const top = out?.toString('utf8').trim();
  return top ? top : undefined;
}

/** The git directory (`.git`, or a worktree's own) of the work tree holding `dir`, or undefined outside one. */
export async function gitDirectory(dir: string): Promise<string | undefined> {
  const out = await git(dir, ['rev-parse', '--absolute-git-dir']);
  const path = out?.toString('utf8').trim();
  return path ? path : undefined;
}

/**
 * Files under `dir` that git tracks plus untracked ones it does not ignore (every
 * `.gitignore` level, `.git/info/exclude` and the global excludes file honoured), relative to
 * `dir`. Undefined when `dir` is not in a work tree.
 */
export async function gitListFiles(dir: string): Promise<string[] | undefined> {
  const out = await git(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate']);
  if (!out) return undefined;
  return out.toString('utf8').split('\0').filter(Boolean);
}

/**
 * Paths (relative to the work tree's top) with uncommitted changes, untracked files included,
 * or undefined outside a work tree. `fix` refuses to rewrite such a tree: its edits must be
 * reviewable, and revertible, as a diff of their own.
 */
export async function gitDirtyFiles(dir: string): Promise<string[] | undefined> {
  const out = await git(dir, ['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  if (!out) return undefined;
  const entries = out.toString('utf8').split('\0').filter(Boolean);
  const files: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    files.push(entry.slice(3));
    // A rename or copy is followed by its source path as a separate entry.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return files;
}

/** `a.ts, src/b.ts and 3 more`: the first ten of `files` (relative to `top`), relative to `cwd`, for a refusal message. */
export function describeDirtyFiles(cwd: string, top: string, files: readonly string[]): string {
  const shown = files.slice(0, 10).map((file) => toPosix(relative(cwd, resolve(top, file))) || '.');
  const more = files.length > shown.length ? ` and ${files.length - shown.length} more` : '';
  return `${shown.join(', ')}${more}`;
}
