import { chmod, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file's content on disk no longer is what the transforms started from. */
export class ChangedOnDiskError extends Error {}

/**
 * Replaces `path` with `content` atomically: a temporary file in the same directory (so the
 * rename never crosses file systems) renamed over it, keeping the file's mode. Refuses, leaving
 * the file untouched, when its bytes are no longer `expected` (an editor or another tool wrote
 * it meanwhile). A reader sees the old file or the new one, never half of either.
 */
export async function replaceFileIfUnchanged(path: string, expected: Buffer, content: string): Promise<void> {
  const current = await readFile(path);
  if (!current.equals(expected)) throw new ChangedOnDiskError('the file changed on disk while mcp-migrate was working on it; run fix again');
  const { mode } = await stat(path);
  const temporary = join(dirname(path), `.${basename(path)}.mcp-migrate-${process.pid}-${Date.now()}.tmp`);
  try {
    await writeFile(temporary, content, { flag: 'wx' });
    await chmod(temporary, mode);
    // Last look right before the swap; the window left is the rename itself.
    if (!(await readFile(path)).equals(expected)) throw new ChangedOnDiskError('the file changed on disk while mcp-migrate was working on it; run fix again');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes a report or pull request body: a reader sees the old file or the complete new one,
 * never half of it (a temporary file beside it, renamed over it).
 */
export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temporary, content);
  await rename(temporary, path);
}
