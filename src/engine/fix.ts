import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { transformIds, transforms, type TransformDescriptor } from '../../transforms/index.js';
import { loadConfig } from '../config.js';
import { didYouMean } from '../did-you-mean.js';
import type { SkippedPath } from '../report/finding.js';
import { UsageError } from '../usage-error.js';
import { resolveSeverities } from './audit.js';
import { discoverFiles } from './discover.js';
import { describeDirtyFiles, gitDirtyFiles, gitTopLevel } from './git.js';
import { ChangedOnDiskError, replaceFileIfUnchanged } from './atomic-write.js';
import { fixFile, upgradeSdkId, type FileFixOutcome, type MarkerLocation } from './transform-runner.js';
import { upgradeSdk } from './upgrade-sdk.js';
import { toPosix } from './walk.js';

export type FixMode = 'write' | 'dry-run' | 'check';

export interface FixOptions {
  cwd?: string;
  paths?: string[];
  mode: FixMode;
  /** Run only these transforms (ids as in `mcp-migrate list`). */
  transforms?: string[];
  skipTransforms?: string[];
  /** Rewrite even when the git work tree has uncommitted changes. */
  allowDirty?: boolean;
  /** `false` ignores config files; the config's `include`/`exclude` apply as in `audit`. */
  config?: string | false;
  /** Run the official `@modelcontextprotocol/codemod` v1-to-v2 migration first. */
  upgradeSdk?: boolean;
}

export interface FixResult {
  cwd: string;
  mode: FixMode;
  transforms: string[];
  /** `outside` when the directory is not in a git work tree (nothing to fall back on). */
  git: 'clean' | 'dirty' | 'outside';
  /** Files a transform changed (or would change). */
  changed: FileFixOutcome[];
  failed: { file: string; reason: string; transform?: string }[];
  skipped: SkippedPath[];
  markers: MarkerLocation[];
  notes: { file: string; transform: string; message: string }[];
  summary: FixSummary;
}

export interface FixSummary {
  filesDiscovered: number;
  filesChanged: number;
  edits: number;
  byTransform: Record<string, number>;
  markers: number;
  markersAdded: number;
  failed: number;
  skipped: number;
  durationMs: number;
}

/** Refusal to rewrite a work tree with uncommitted changes: a usage error (exit 2). */
export class DirtyTreeError extends UsageError {}

/**
 * `mcp-migrate fix`: discover files as `audit` does, then run each file through the selected
 * transforms as a transaction of its own. Usage problems (unknown transform, dirty tree) throw
 * `UsageError`; problems with single files end up in `failed` or `skipped`.
 */
export async function fix(options: FixOptions): Promise<FixResult> {
  const started = performance.now();
  const cwd = resolve(options.cwd ?? process.cwd());
  const selected = selectTransforms(options.transforms ?? [], options.skipTransforms ?? []);
  const config = options.config === false ? {} : (await loadConfig(cwd, options.config)).config;
  const git = await gitState(cwd, options.mode === 'write' && !options.allowDirty);
  // Rules the config turns off are neither fixed nor marked.
  const enabledRules = Object.keys(resolveSeverities(config, [], []));

  const discovery = await discoverFiles({
    cwd,
    paths: options.paths && options.paths.length > 0 ? options.paths : ['.'],
    include: config.include ?? [],
    exclude: config.exclude ?? [],
  });
  const write = options.mode === 'write';
  const upgrade = options.upgradeSdk ? await upgradeSdk(cwd, discovery.files) : undefined;
  const outcomes: FileFixOutcome[] = [];
  // One file at a time: transforms are CPU-bound, and the order keeps reports reproducible.
  for (const file of discovery.files) {
    const upgraded = upgrade?.sources.get(file.absolute);
    outcomes.push(await fixFile(file, { selected, write, enabledRules, ...(upgraded ? { upgraded } : {}) }));
  }
  for (const [absolute, text] of upgrade?.manifests ?? []) outcomes.push(await replaceManifest(cwd, absolute, text, write));
  const upgradeNotes = (upgrade?.notes ?? []).map((note) => ({ ...note, transform: upgradeSdkId }));
  if (upgrade?.nothingToUpgrade) upgradeNotes.push({ file: '.', transform: upgradeSdkId, message: 'no file imports @modelcontextprotocol/sdk (v1): there was nothing for --upgrade-sdk to do' });
  if (upgrade && upgrade.manifests.size > 0) {
    upgradeNotes.push({ file: '.', transform: upgradeSdkId, message: 'package.json now names the v2 packages: run your package manager (npm install) before building' });
  }

  const changed = outcomes.filter((o) => o.status === 'changed');
  const byTransform: Record<string, number> = {};
  for (const outcome of changed) for (const [id, count] of Object.entries(outcome.edits)) byTransform[id] = (byTransform[id] ?? 0) + count;
  const failed = outcomes.filter((o) => o.status === 'failed').map((o) => ({ file: o.file, reason: o.reason ?? 'failed', ...(o.transform ? { transform: o.transform } : {}) }));
  const skipped = [...discovery.skipped, ...outcomes.filter((o) => o.status === 'skipped').map((o) => ({ file: o.file, reason: o.reason ?? 'skipped' }))];
  const markers = outcomes.flatMap((o) => o.markers);
  return {
    cwd,
    mode: options.mode,
    transforms: selected.map((t) => t.id),
    git,
    changed,
    failed,
    skipped,
    markers,
    notes: [...upgradeNotes, ...outcomes.flatMap((o) => o.notes.map((note) => ({ file: o.file, ...note })))],
    summary: {
      filesDiscovered: discovery.files.length,
      filesChanged: changed.length,
      edits: Object.values(byTransform).reduce((a, b) => a + b, 0),
      byTransform,
      markers: markers.length,
      markersAdded: changed.reduce((sum, o) => sum + o.markersAdded, 0),
      failed: failed.length,
      skipped: skipped.length,
      durationMs: Math.round(performance.now() - started),
    },
  };
}

/** The SDK codemod's `package.json` edit, written like a source file: atomically, only if unchanged on disk, only if it is still JSON. */
async function replaceManifest(cwd: string, absolute: string, text: string, write: boolean): Promise<FileFixOutcome> {
  const file = toPosix(relative(cwd, absolute)) || absolute;
  const outcome: FileFixOutcome = { file, status: 'changed', edits: { [upgradeSdkId]: 1 }, markersAdded: 0, markers: [], notes: [] };
  const raw = await readFile(absolute);
  try {
    JSON.parse(text);
  } catch (error) {
    return { ...outcome, status: 'failed', edits: {}, transform: upgradeSdkId, reason: `the SDK codemod's package.json is not JSON (${(error as Error).message}); left unchanged` };
  }
  if (write) {
    try {
      await replaceFileIfUnchanged(absolute, raw, text);
    } catch (error) {
      const reason = error instanceof ChangedOnDiskError ? error.message : `could not write the file: ${(error as Error).message}`;
      return { ...outcome, status: 'failed', edits: {}, reason };
    }
  }
  return { ...outcome, before: raw.toString('utf8'), after: text };
}

export function selectTransforms(only: readonly string[], skip: readonly string[]): TransformDescriptor[] {
  for (const id of [...only, ...skip]) {
    if (!transformIds.includes(id)) {
      throw new UsageError(`unknown transform "${id}"${didYouMean(id, transformIds)}. Valid ids: ${transformIds.join(', ')}`);
    }
  }
  return transforms.filter((t) => (only.length === 0 || only.includes(t.id)) && !skip.includes(t.id));
}

/** Refuses (when asked to) a work tree with uncommitted changes, naming them and what to do. */
async function gitState(cwd: string, refuseDirty: boolean): Promise<FixResult['git']> {
  const top = await gitTopLevel(cwd);
  if (!top) return 'outside';
  const dirty = (await gitDirtyFiles(cwd)) ?? [];
  if (dirty.length === 0) return 'clean';
  if (refuseDirty) {
    throw new DirtyTreeError(
      `the git work tree has uncommitted changes (${describeDirtyFiles(cwd, top, dirty)}). Commit or stash them first, so that fix's rewrites can be reviewed and reverted on their own, or pass --allow-dirty to rewrite anyway.`,
    );
  }
  return 'dirty';
}
