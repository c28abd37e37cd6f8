import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { sdkMajorOfSource, v2ZodRange } from '../mcp/packages.js';
import type { SourceFile } from './discover.js';
import { toPosix } from './walk.js';
import { raiseZodRange } from './zod-range.js';

/** What the official codemod made of the files, in memory: nothing on disk is touched here. */
export interface SdkUpgrade {
  /** New text per absolute path, for source files the codemod changed. */
  sources: Map<string, { text: string; changes: number }>;
  /** `package.json` files the codemod rewrote: absolute path and new text. */
  manifests: Map<string, string>;
  /** What the codemod said that needs a person (warnings, errors, manifests it would not write). */
  notes: { file: string; message: string }[];
  /** The codemod had nothing to do: no file imports `@modelcontextprotocol/sdk`. */
  nothingToUpgrade: boolean;
}

/** The official migration's id in `@modelcontextprotocol/codemod`. */
const migrationId = 'v1-to-v2';
const stageNames = ['package.json', 'tsconfig.json'];

/**
 * `fix --upgrade-sdk`, first step (design.md principle 7): runs the official
 * `@modelcontextprotocol/codemod` v1-to-v2 migration, programmatically, on a staged copy of the
 * files `fix` discovered (plus the `package.json` and `tsconfig.json` files above them, up to
 * `cwd`). Working on a copy keeps the transaction promise: the codemod's output goes through the
 * same re-parse, unchanged-on-disk check and atomic write as our transforms' output, and
 * `--dry-run`/`--check` see the upgrade without anything being written.
 */
export async function upgradeSdk(cwd: string, files: readonly SourceFile[]): Promise<SdkUpgrade> {
  const upgrade: SdkUpgrade = { sources: new Map(), manifests: new Map(), notes: [], nothingToUpgrade: false };
  let onV1 = false;
  for (const file of files) {
    // An unreadable file counts as not on v1 here; the transaction that follows reports it.
    if (sdkMajorOfSource(await readFile(file.absolute, 'utf8').catch(() => '')) === 1) {
      onV1 = true;
      break;
    }
  }
  if (!onV1) return { ...upgrade, nothingToUpgrade: true };

  const stage = await mkdtemp(join(tmpdir(), 'mcp-migrate-upgrade-'));
  try {
    const staged = new Map<string, string>(); // staged path -> real path
    for (const file of files) staged.set(join(stage, file.relative), file.absolute);
    for (const real of configFilesAbove(cwd, files)) staged.set(join(stage, toPosix(relative(cwd, real))), real);
    // A project whose manifest sits above the working directory: the codemod edits the nearest one.
    const manifestAbove = existsSync(join(cwd, 'package.json')) ? undefined : nearestAbove(cwd, 'package.json');
    if (manifestAbove) staged.set(join(stage, 'package.json'), manifestAbove);
    for (const [copy, real] of staged) {
      await mkdir(dirname(copy), { recursive: true });
      await copyFile(real, copy);
    }

    const { getMigration, run } = await import('@modelcontextprotocol/codemod');
    const migration = getMigration(migrationId);
    if (!migration) throw new Error(`@modelcontextprotocol/codemod has no "${migrationId}" migration; reinstall mcp-migrate`);
    const result = run(migration, { targetDir: stage });

    const shown = (path: string) => {
      const real = staged.get(path) ?? path;
      return toPosix(relative(cwd, real)) || real;
    };
    for (const fileResult of result.fileResults) {
      const real = staged.get(fileResult.filePath);
      if (!real || fileResult.changes === 0) continue;
      upgrade.sources.set(real, { text: await readFile(fileResult.filePath, 'utf8'), changes: fileResult.changes });
    }
    for (const change of result.packageJsonChanges ?? []) {
      const real = staged.get(change.packageJsonPath);
      const what = [...change.added.map((name) => `add ${name}`), ...change.removed.map((name) => `remove ${name}`)].join(', ');
      let zodRaised = false;
      if (change.applied && real) {
        const text = await readFile(change.packageJsonPath, 'utf8');
        const zod = raiseZodRange(text);
        upgrade.manifests.set(real, zod.raised ? zod.text : text);
        zodRaised = zod.raised;
        if (zod.raised) upgrade.notes.push({ file: shown(change.packageJsonPath), message: zodRaisedNote(zod.section, zod.from) });
        else if (zod.reason) upgrade.notes.push({ file: shown(change.packageJsonPath), message: zod.reason });
      } else if (what) upgrade.notes.push({ file: shown(change.packageJsonPath), message: `the SDK codemod did not edit this manifest: ${what} yourself` });
      for (const warning of change.warnings ?? []) {
        // The codemod's "zod range cannot satisfy v2's floor" warning is answered by the raise above.
        if (zodRaised && /\bzod range\b/.test(warning)) continue;
        upgrade.notes.push({ file: shown(change.packageJsonPath), message: `SDK codemod: ${warning}` });
      }
    }
    for (const diagnostic of result.diagnostics) {
      if (diagnostic.level === 'info') continue;
      upgrade.notes.push({ file: shown(diagnostic.file), message: `SDK codemod ${diagnostic.level} (line ${diagnostic.line}): ${diagnostic.message}` });
    }
    if (result.commentCount > 0) {
      upgrade.notes.push({
        file: '.',
        message: `the SDK codemod left ${result.commentCount} @mcp-codemod-error comment(s) where its rename needs a person; find them with grep -rn @mcp-codemod-error`,
      });
    }
    return upgrade;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/** `package.json` and `tsconfig.json` in the directories from each file up to `cwd`. */
function configFilesAbove(cwd: string, files: readonly SourceFile[]): Set<string> {
  const found = new Set<string>();
  const visited = new Set<string>();
  for (const file of files) {
    for (let dir = dirname(file.absolute); !visited.has(dir); dir = dirname(dir)) {
      visited.add(dir);
      for (const name of stageNames) if (existsSync(join(dir, name))) found.add(join(dir, name));
      if (dir === cwd || !dir.startsWith(cwd + sep)) break;
    }
  }
  return found;
}

function nearestAbove(start: string, name: string): string | undefined {
  for (let dir = dirname(resolve(start)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}

function zodRaisedNote(section: string, from: string): string {
  return (
    `zod ${from} → ${v2ZodRange} in ${section}: SDK v2 validates tool and prompt schemas through zod >= 4.2 ` +
    `(with zod 3 they stop type-checking, or fail on the first tools/list). zod 4 changed some APIs; ` +
    `type-check after installing, and see https://zod.dev/v4/changelog`
  );
}
