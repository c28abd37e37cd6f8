import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Directories never worth entering, wherever they are. */
export const alwaysSkippedDirectories: ReadonlySet<string> = new Set(['node_modules', '.git']);

interface IgnoreLevel {
  base: string;
  rules: Ignore;
}

/**
 * Lists the files under `root` the way git would outside a repository: every `.gitignore` on
 * the way down applies to its own directory and below. Paths are relative to `root` with `/`
 * separators; symbolic links are returned as entries for the caller to judge, never followed.
 */
export async function walkFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  await walkDirectory(root, root, [], out);
  return out;
}

async function walkDirectory(root: string, dir: string, levels: IgnoreLevel[], out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // unreadable directory: nothing we can list in it
  }
  const here = await readGitignore(dir);
  const active = here ? [...levels, { base: dir, rules: here }] : levels;
  for (const entry of entries) {
    const absolute = join(dir, entry.name);
    if (entry.isDirectory() && alwaysSkippedDirectories.has(entry.name)) continue;
    if (isIgnored(active, absolute, entry.isDirectory())) continue;
    if (entry.isDirectory()) await walkDirectory(root, absolute, active, out);
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(toPosix(relative(root, absolute)));
  }
}

async function readGitignore(dir: string): Promise<Ignore | undefined> {
  try {
    return ignore().add(await readFile(join(dir, '.gitignore'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** As in git, the deepest `.gitignore` with a matching pattern decides, so `!pattern` can re-include. */
function isIgnored(levels: IgnoreLevel[], absolute: string, isDirectory: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const { base, rules } = levels[i]!;
    const path = toPosix(relative(base, absolute));
    const verdict = rules.test(isDirectory ? `${path}/` : path);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

export function toPosix(path: string): string {
  return path.split('\\').join('/');
}
