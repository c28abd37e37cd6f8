import { relative, resolve } from 'node:path';
import { transformIds, transforms, type TransformDescriptor } from '../../transforms/index.js';
import { loadConfig } from '../config.js';
import { didYouMean } from '../did-you-mean.js';
import type { SkippedPath } from '../report/finding.js';
import { UsageError } from '../usage-error.js';
import { resolveSeverities } from './audit.js';
import { discoverFiles } from './discover.js';
import { gitDirtyFiles, gitTopLevel } from './git.js';
import { fixFile, type FileFixOutcome, type MarkerLocation } from './transform-runner.js';
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
  const outcomes: FileFixOutcome[] = [];
  // One file at a time: transforms are CPU-bound, and the order keeps reports reproducible.
  for (const file of discovery.files) outcomes.push(await fixFile(file, selected, options.mode === 'write', enabledRules));

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
    notes: outcomes.flatMap((o) => o.notes.map((note) => ({ file: o.file, ...note }))),
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
    const shown = dirty.slice(0, 10).map((file) => toPosix(relative(cwd, resolve(top, file))) || '.');
    const more = dirty.length > shown.length ? ` and ${dirty.length - shown.length} more` : '';
    throw new DirtyTreeError(
      `the git work tree has uncommitted changes (${shown.join(', ')}${more}). Commit or stash them first, so that fix's rewrites can be reviewed and reverted on their own, or pass --allow-dirty to rewrite anyway.`,
    );
  }
  return 'dirty';
}
