import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

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
