import { CommandError, git, runCommand } from './git-run.js';

export interface OpenPrInput {
  cwd: string;
  branch: string;
  /** The branch the pull request merges into; undefined lets gh take the repository's default branch. */
  base: string | undefined;
  remote: string;
  /** `owner/name`, passed to gh as `--repo`; gh otherwise finds it from the git remotes. */
  repo: string | undefined;
  title: string;
  bodyFile: string;
  draft: boolean;
}

export interface OpenPrResult {
  /** `created` or `updated`; null when no pull request was opened or changed (see `reason`). */
  opened: 'created' | 'updated' | null;
  url?: string;
  /** Whether the push changed the remote branch. */
  pushed: boolean;
  /** Why nothing was opened, and the commands that would do it. */
  reason?: string;
  commands?: string[];
}

/**
 * `pr --open`: pushes the branch, then opens its pull request with gh, or updates the one already
 * open for the branch (title, body, draft state), so a re-run never opens a second one. Without
 * a usable gh, returns the exact commands instead. A failed push throws a {@link CommandError}.
 */
export async function openPr(input: OpenPrInput): Promise<OpenPrResult> {
  const pushed = await push(input);
  const repoArgs = input.repo ? ['--repo', input.repo] : [];
  const createArgs = ['pr', 'create', '--head', input.branch, ...(input.base ? ['--base', input.base] : []), '--title', input.title, '--body-file', input.bodyFile, ...(input.draft ? ['--draft'] : []), ...repoArgs];
  const unusable = await ghProblem(input.cwd);
  if (unusable) return { opened: null, pushed, reason: unusable, commands: [commandLine('gh', createArgs)] };

  const gh = (args: string[]) => runCommand('gh', args, { cwd: input.cwd });
  const existing = await findPullRequest(input, repoArgs);
  if (existing?.state === 'OPEN') {
    await gh(['pr', 'edit', input.branch, '--title', input.title, '--body-file', input.bodyFile, ...repoArgs]);
    if (input.draft !== existing.isDraft) await gh(['pr', 'ready', input.branch, ...(input.draft ? ['--undo'] : []), ...repoArgs]);
    return { opened: 'updated', url: existing.url, pushed };
  }
  if (existing?.state === 'CLOSED') {
    return {
      opened: null,
      pushed,
      url: existing.url,
      reason: `the pull request for ${input.branch} was closed without merging, so it is not opened again. To start over, delete the branch (git push ${input.remote} --delete ${input.branch}) or choose another with --branch.`,
    };
  }
  // None yet, or the last one was merged: this is new work.
  const { stdout } = await gh(createArgs);
  const url = stdout.trim().split('\n').at(-1);
  return { opened: 'created', pushed, ...(url ? { url } : {}) };
}

/** `git push --force-with-lease` of the branch, leased on what the remote has now; false when it already had this commit. */
async function push(input: OpenPrInput): Promise<boolean> {
  const ref = `refs/heads/${input.branch}`;
  const remoteHead = (await git(input.cwd, ['ls-remote', input.remote, ref])).split(/\s/)[0] ?? '';
  const localHead = await git(input.cwd, ['rev-parse', ref]);
  if (remoteHead === localHead) return false;
  // The lease names the commit just seen (empty: the branch must not exist), since a fresh CI clone has no remote-tracking ref to lease on.
  await git(input.cwd, ['push', '-q', `--force-with-lease=${ref}:${remoteHead}`, '-u', input.remote, `${ref}:${ref}`]);
  return true;
}

interface ExistingPr {
  url: string;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  isDraft: boolean;
}

async function findPullRequest(input: OpenPrInput, repoArgs: string[]): Promise<ExistingPr | undefined> {
  try {
    const { stdout } = await runCommand('gh', ['pr', 'view', input.branch, '--json', 'url,state,isDraft', ...repoArgs], { cwd: input.cwd });
    return JSON.parse(stdout) as ExistingPr;
  } catch (error) {
    // gh exits 1 with "no pull requests found for branch" when there is none.
    if (error instanceof CommandError && /no (?:open )?pull requests? found/i.test(error.output)) return undefined;
    throw error;
  }
}

/** Why gh cannot open the pull request (not installed, not logged in), or undefined when it can. */
async function ghProblem(cwd: string): Promise<string | undefined> {
  try {
    await runCommand('gh', ['--version'], { cwd });
  } catch {
    return 'the GitHub CLI (gh) is not installed, so the pull request was not opened';
  }
  try {
    await runCommand('gh', ['auth', 'status'], { cwd });
  } catch {
    return 'the GitHub CLI (gh) is not logged in (gh auth login, or set GH_TOKEN), so the pull request was not opened';
  }
  return undefined;
}

/** A command line to copy into a POSIX shell. */
export function commandLine(program: string, args: string[]): string {
  return [program, ...args].map(shellQuote).join(' ');
}

export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
