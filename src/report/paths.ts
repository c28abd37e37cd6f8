import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where a finding's file sits, seen from the root that reports are anchored at (usually the git top-level). */
export type RootedPath =
  | { insideRoot: true; segments: string[] }
  | { insideRoot: false; absolutePath: string };

/** `file` is relative to `cwd` (as in `Finding.file`); the answer is relative to `root` when the file is under it. */
export function locateFromRoot(cwd: string, file: string, root: string): RootedPath {
  const absolutePath = resolve(cwd, file);
  const fromRoot = relative(resolve(root), absolutePath);
  // Another drive on Windows gives an absolute path; `..` leaves the root.
  const leavesRoot = fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot);
  if (leavesRoot) return { insideRoot: false, absolutePath };
  return { insideRoot: true, segments: fromRoot === '' ? [] : fromRoot.split(sep) };
}

/** The path with `/` separators, as GitHub wants it in annotations. */
export function slashPath(cwd: string, file: string, root: string): string {
  const located = locateFromRoot(cwd, file, root);
  return located.insideRoot ? located.segments.join('/') : located.absolutePath;
}

/** A relative URI reference: each segment percent-encoded, so spaces, `#` and `%` survive. */
export function relativeUri(segments: string[]): string {
  return segments.map(encodeURIComponent).join('/');
}

export function fileUri(absolutePath: string): string {
  return pathToFileURL(absolutePath).href;
}

/** A directory's `file://` URI with the trailing slash that makes relative URIs resolve inside it. */
export function directoryUri(absoluteDir: string): string {
  const href = fileUri(resolve(absoluteDir));
  return href.endsWith('/') ? href : `${href}/`;
}
