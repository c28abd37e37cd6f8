import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { transformIds } from '../../transforms/index.js';
import { loadConfig } from '../config.js';
import { targetRevision, toolName, toolVersion } from '../package-info.js';
import type { SkippedPath } from '../report/finding.js';
import { UsageError } from '../usage-error.js';
import { DirtyTreeError, fix, selectTransforms, type FixResult } from './fix.js';
import { git, runCommand } from './git-run.js';
import { describeDirtyFiles, gitDirtyFiles, gitTopLevel } from './git.js';
import { markersInTree } from './markers-in-tree.js';
import { dependencyChanges, type DependencyChange } from './package-changes.js';
import { upgradeSdkId, type MarkerLocation } from './transform-runner.js';

export const defaultPrBranch = `mcp-migrate/${targetRevision}`;

/** The directory, under the working directory, for `pr`'s files; `.git/info/exclude` keeps git from seeing it. */
export const prFilesDirectory = '.mcp-migrate';

/** Commits made where git has no identity (a fresh CI runner) carry this one. */
export const fallbackIdentity = { name: 'mcp-migrate', email: 'mcp-migrate@users.noreply.github.com' };

const upgradeSdkDescription = 'Move SDK v1 code and package.json to the v2 packages with the official @modelcontextprotocol/codemod';

export interface PrOptions {
  cwd?: string;
  paths?: string[];
  branch?: string;
  transforms?: string[];
  skipTransforms?: string[];
  upgradeSdk?: boolean;
  config?: string | false;
}

/** One commit of the migration branch: one transform's edits. */
export interface PrCommit {
  sha: string;
  transform: string;
  description: string;
  /** The subject line. */
  message: string;
  /** Relative to the working directory. */
  files: string[];
  edits: number;
  markersAdded: number;
}

export interface PrResult {
  cwd: string;
  /** The work tree's top directory. */
  top: string;
  branch: string;
  /** Where the branch starts: the branch checked out (null when HEAD was detached) and its commit. */
  base: { ref: string | null; sha: string };
  /** The branch's commit after the run; undefined when there was nothing to migrate. */
  head: string | undefined;
  /** The tree of `head` (or of the base): equal trees mean equal migrations. */
  tree: string;
  /** The branch's commit before the run, if it existed. */
  previousHead: string | undefined;
  /** Transforms run, in order (`upgrade-sdk` first when asked). */
  transforms: string[];
  commits: PrCommit[];
  failed: FixResult['failed'];
  skipped: SkippedPath[];
  notes: FixResult['notes'];
  /** Every marker in the migrated files, relative to the working directory. */
  markers: MarkerLocation[];
  packageChanges: DependencyChange[];
  identity: 'configured' | 'fallback';
  summary: { filesChanged: number; edits: number; markers: number; markersAdded: number; failed: number; skipped: number };
}

/**
 * `mcp-migrate pr`: runs the transforms one at a time from the current commit, committing each one's
 * edits on its own (reviewers can revert a single transform), then points the migration branch at
 * the last commit and checks out what was checked out before. The commits carry the base commit's
 * date, so a re-run from the same base makes the same commits and pushing them changes nothing.
 */
export async function preparePr(options: PrOptions): Promise<PrResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const paths = options.paths ?? [];
  const branch = options.branch ?? defaultPrBranch;
  // Usage errors first, before git is touched.
  const selected = selectTransforms(options.transforms ?? [], options.skipTransforms ?? []);
  if (options.config !== false) await loadConfig(cwd, options.config);
  const top = await gitTopLevel(cwd);
  if (!top) throw new UsageError(`${cwd} is not in a git work tree. pr commits the migration on a branch: run it in a git repository with at least one commit.`);
  await checkBranchName(cwd, branch);
  const baseSha = await git(cwd, ['rev-parse', '--verify', '-q', 'HEAD^{commit}']).catch(() => {
    throw new UsageError('the repository has no commit yet. pr starts the migration branch from the current commit: commit your code first.');
  });
  const baseRef = (await runCommand('git', ['symbolic-ref', '-q', '--short', 'HEAD'], { cwd, okCodes: [1] })).stdout.trim() || null;
  if (baseRef === branch) {
    throw new UsageError(`the migration branch ${branch} is checked out. pr starts it anew from the branch to migrate: check that one out first (git checkout main), then run pr again.`);
  }
  await excludePrFiles(cwd);
  await refuseDirtyTree(cwd, top);

  const previousHead = await git(cwd, ['rev-parse', '--verify', '-q', `refs/heads/${branch}`]).catch(() => undefined);
  const baseDate = await git(cwd, ['log', '-1', '--format=%cI', baseSha]);
  const identity = await commitIdentity(cwd);
  const steps = [...(options.upgradeSdk ? [{ id: upgradeSdkId, description: upgradeSdkDescription }] : []), ...selected.map(({ id, description }) => ({ id, description }))];

  const commits: PrCommit[] = [];
  const failed = new Map<string, FixResult['failed'][number]>();
  const skipped = new Map<string, SkippedPath>();
  const notes = new Map<string, FixResult['notes'][number]>();
  let markers: MarkerLocation[] = [];
  // A detached HEAD at the base: the commits go nowhere until the branch is pointed at them, and no branch of the user's moves.
  await git(cwd, ['checkout', '-q', '--detach', baseSha]);
  try {
    for (const step of steps) {
      const result = await fix({
        cwd,
        paths,
        mode: 'write',
        ...(step.id === upgradeSdkId ? { upgradeSdk: true, skipTransforms: [...transformIds] } : { transforms: [step.id] }),
        ...(options.config !== undefined ? { config: options.config } : {}),
      });
      for (const f of result.failed) failed.set(`${f.file}\0${f.transform ?? step.id}`, { ...f, transform: f.transform ?? step.id });
      for (const s of result.skipped) skipped.set(`${s.file}\0${s.reason}`, s);
      for (const n of result.notes) notes.set(`${n.file}\0${n.transform}\0${n.message}`, n);
      if (result.changed.length === 0) continue;
      commits.push(await commitStep(cwd, step, result, { baseDate, identity }));
    }
    if (commits.length > 0) await git(cwd, ['branch', '-f', branch, 'HEAD']);
    // Read while the migrated files are checked out (the base's, when nothing changed).
    markers = await markersInTree(cwd, paths, options.config);
  } catch (error) {
    // Nothing of the user's is lost: the tree was clean, and everything here is the migration's own.
    await git(cwd, ['reset', '-q', '--hard']).catch(() => undefined);
    throw error;
  } finally {
    await git(cwd, ['checkout', '-q', baseRef ?? baseSha]);
  }

  const head = commits.at(-1)?.sha;
  const files = new Set(commits.flatMap((c) => c.files));
  return {
    cwd,
    top,
    branch,
    base: { ref: baseRef, sha: baseSha },
    head,
    tree: await git(cwd, ['rev-parse', `${head ?? baseSha}^{tree}`]),
    previousHead,
    transforms: steps.map((s) => s.id),
    commits,
    failed: [...failed.values()],
    skipped: [...skipped.values()],
    notes: [...notes.values()],
    markers,
    packageChanges: head ? await dependencyChanges(top, baseSha, head) : [],
    identity: identity ? 'fallback' : 'configured',
    summary: {
      filesChanged: files.size,
      edits: commits.reduce((sum, c) => sum + c.edits, 0),
      markers: markers.length,
      markersAdded: commits.reduce((sum, c) => sum + c.markersAdded, 0),
      failed: failed.size,
      skipped: skipped.size,
    },
  };
}

async function checkBranchName(cwd: string, branch: string): Promise<void> {
  try {
    await git(cwd, ['check-ref-format', '--branch', branch]);
  } catch {
    throw new UsageError(`--branch: "${branch}" is not a valid git branch name (see git check-ref-format); for example ${defaultPrBranch}.`);
  }
}

/**
 * Adds `.mcp-migrate/` to the repository's `.git/info/exclude` (once): the body file written there
 * must neither be committed nor make the tree dirty for the next run.
 */
async function excludePrFiles(cwd: string): Promise<void> {
  const excludeFile = resolve(cwd, await git(cwd, ['rev-parse', '--git-path', 'info/exclude']));
  const pattern = `${prFilesDirectory}/`;
  const current = await readFile(excludeFile, 'utf8').catch(() => '');
  if (current.split(/\r?\n/).includes(pattern)) return;
  await mkdir(dirname(excludeFile), { recursive: true });
  await appendFile(excludeFile, `${current === '' || current.endsWith('\n') ? '' : '\n'}# mcp-migrate pr: the pull request body and other files of its own\n${pattern}\n`);
}

async function refuseDirtyTree(cwd: string, top: string): Promise<void> {
  const dirty = (await gitDirtyFiles(cwd)) ?? [];
  if (dirty.length === 0) return;
  throw new DirtyTreeError(
    `the git work tree has uncommitted changes (${describeDirtyFiles(cwd, top, dirty)}). pr checks out the migration branch and commits only the migration: commit or stash them first.`,
  );
}

/** `-c user.name=… -c user.email=…` when git has no identity to commit with; undefined when it has one. */
async function commitIdentity(cwd: string): Promise<string[] | undefined> {
  const configured = async (key: string) => (await runCommand('git', ['config', key], { cwd, okCodes: [1] })).stdout.trim();
  const hasIdentity = (await configured('user.name')) !== '' && (await configured('user.email')) !== '';
  // GIT_AUTHOR_NAME and friends also give an identity, as in some CI images.
  if (hasIdentity || (process.env.GIT_AUTHOR_NAME && process.env.GIT_AUTHOR_EMAIL && process.env.GIT_COMMITTER_NAME && process.env.GIT_COMMITTER_EMAIL)) return undefined;
  return ['-c', `user.name=${fallbackIdentity.name}`, '-c', `user.email=${fallbackIdentity.email}`];
}

async function commitStep(
  cwd: string,
  step: { id: string; description: string },
  result: FixResult,
  context: { baseDate: string; identity: string[] | undefined },
): Promise<PrCommit> {
  const files = result.changed.map((o) => o.file);
  // In slices, so that thousands of files stay under the command-line limit.
  for (let i = 0; i < files.length; i += 200) await git(cwd, ['add', '--', ...files.slice(i, i + 200).map((file) => resolve(cwd, file))]);
  const edits = result.summary.edits;
  const markersAdded = result.summary.markersAdded;
  const message = `${toolName}(${step.id}): ${subjectOf(step.description)}`;
  const body = `${step.description}.\n\n${files.length} file(s), ${edits} edit(s), ${markersAdded} marker(s) added.\n${toolName} ${toolVersion}, MCP ${targetRevision}.`;
  const env = { GIT_AUTHOR_DATE: context.baseDate, GIT_COMMITTER_DATE: context.baseDate };
  // --no-verify: the repository's hooks (formatters, lint-staged) need its dependencies installed, and would edit a mechanical commit.
  await git(cwd, [...(context.identity ?? []), 'commit', '-q', '--no-verify', '-m', message, '-m', body], env);
  return { sha: await git(cwd, ['rev-parse', 'HEAD']), transform: step.id, description: step.description, message, files, edits, markersAdded };
}

/** The description's first clause, short enough for a subject line. */
export function subjectOf(description: string): string {
  const clause = description.split(/; | \(/)[0]!.trim();
  if (clause.length <= 60) return clause;
  const cut = clause.slice(0, 59);
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[,;:]$/, '')}…`;
}
