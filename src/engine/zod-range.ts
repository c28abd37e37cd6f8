import semver from 'semver';
import { v2ZodRange } from '../mcp/packages.js';
import { dependencyFields } from './package-changes.js';
import { escapeRegExp } from './regexp.js';

export type ZodRangeChange =
  | { raised: true; text: string; section: string; from: string }
  | { raised: false; reason?: string };

/**
 * Raises a manifest's zod range to the one SDK v2 needs when the declared range cannot reach it
 * (`^3.25.0`: v2's own zod 4 is then installed beside the project's zod 3, see {@link v2ZodRange}).
 * The official codemod only warns about this; `--upgrade-sdk` promises a project that builds on v2,
 * so it makes the change and says so in a note. A range semver cannot read (`workspace:*`,
 * `catalog:`, a git URL) is left alone with the reason.
 *
 * `text` is the manifest as the codemod wrote it (JSON.stringify with the file's indentation), so
 * replacing one value keeps everything else byte for byte.
 */
export function raiseZodRange(text: string): ZodRangeChange {
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { raised: false };
  }
  for (const section of dependencyFields) {
    const dependencies = manifest[section];
    if (typeof dependencies !== 'object' || dependencies === null) continue;
    const range = (dependencies as Record<string, unknown>).zod;
    if (typeof range !== 'string') continue;
    if (semver.validRange(range) === null) return { raised: false, reason: `zod's range "${range}" is not a semver range; make sure it resolves to zod ${v2ZodRange}` };
    if (semver.intersects(range, v2ZodRange)) return { raised: false };
    const entry = new RegExp(`("${section}"\\s*:\\s*\\{[^}]*?"zod"\\s*:\\s*)"${escapeRegExp(range)}"`);
    if (!entry.test(text)) return { raised: false, reason: `could not find zod's range in ${section}; set it to ${v2ZodRange}` };
    return { raised: true, text: text.replace(entry, `$1"${v2ZodRange}"`), section, from: range };
  }
  return { raised: false };
}
