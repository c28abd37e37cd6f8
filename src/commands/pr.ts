import { mkdir } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { writeFileAtomically } from '../engine/atomic-write.js';
import { CommandError, redact } from '../engine/git-run.js';
import { installCommand, packageManagerOf, runScriptCommand, verifyScriptsOf } from '../engine/package-changes.js';
import { commandLine, openPr, shellQuote, type OpenPrResult } from '../engine/pr-open.js';
import { defaultPrBranch, preparePr, prFilesDirectory, type PrResult } from '../engine/pr.js';
import { toPosix } from '../engine/walk.js';
import { toolName, toolVersion } from '../package-info.js';
import { isDraft, prTitle, renderPrBody } from '../report/pr/body.js';
import { plural } from '../report/wording.js';
import { UsageError } from '../usage-error.js';

export interface PrCommandOptions {
  branch?: string;
  bodyFile?: string;
  open?: boolean;
  remote?: string;
  repo?: string;
  json?: boolean;
  upgradeSdk?: boolean;
  transform: string[];
  skipTransform: string[];
  /** A path, or `false` from `--no-config`. */
  config?: string | false;
}

export const defaultBodyFile = `${prFilesDirectory}/pr-body.md`;

/**
 * `mcp-migrate pr`: the migration as a branch of one commit per transform, a pull request body,
 * and with `--open` the pull request itself. Returns the exit code: 0 done (or nothing to do), 1 a
 * file could not be rewritten; usage problems, a dirty tree and a failed push throw (exit 2).
 */
export async function runPr(paths: string[], options: PrCommandOptions): Promise<number> {
  const repo = options.repo ?? process.env.GITHUB_REPOSITORY;
  if (repo !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new UsageError(`--repo: "${repo}" is not a GitHub repository name such as octo-org/server`);
  const result = await preparePr({
    paths,
    ...(options.branch !== undefined ? { branch: options.branch } : {}),
    transforms: options.transform,
    skipTransforms: options.skipTransform,
    upgradeSdk: options.upgradeSdk ?? false,
    ...(options.config !== undefined ? { config: options.config } : {}),
  });
  const exitCode = result.failed.length > 0 ? 1 : 0;
  if (!result.head) {
    write(options, nothingToDo(result), () => `${toolName} pr: nothing to migrate${result.failed.length > 0 ? ' (some files could not be rewritten, see below)' : ''}; ${result.previousHead ? `${result.branch} was left as it was` : `no branch ${result.branch} was made`}.\n${failedLines(result)}`);
    return exitCode;
  }

  const bodyFile = resolve(result.cwd, options.bodyFile ?? defaultBodyFile);
  const pm = packageManagerOf(result.cwd, result.top);
  const body = renderPrBody(result, {
    ...(repo ? { repo } : {}),
    ...(process.env.GITHUB_SERVER_URL ? { serverUrl: process.env.GITHUB_SERVER_URL } : {}),
    cwdPrefix: toPosix(relative(result.top, result.cwd)),
    reproduce: reproduceCommand(paths, options),
    installCommand: installCommand(pm),
    verifyCommands: verifyScriptsOf(result.cwd, result.top).map((script) => runScriptCommand(pm, script)),
  });
  await mkdir(dirname(bodyFile), { recursive: true });
  await writeFileAtomically(bodyFile, body);
  const draft = isDraft(result);
  const shownBodyFile = toPosix(relative(result.cwd, bodyFile)) || bodyFile;

  let opened: OpenPrResult | undefined;
  if (options.open) {
    try {
      opened = await openPr({ cwd: result.cwd, branch: result.branch, base: result.base.ref ?? undefined, remote: options.remote ?? 'origin', repo, title: prTitle, bodyFile, draft });
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      throw new UsageError(
        `${error.message}\nThe branch ${result.branch} and the body (${shownBodyFile}) are ready; fix the problem above and run pr --open again, or push and open it by hand:\n  ${handCommands(result, options, shownBodyFile, draft, repo).join('\n  ')}`,
      );
    }
  }
  write(options, jsonOutput(result, shownBodyFile, draft, opened), () => prettyOutput(result, shownBodyFile, draft, opened, options, repo));
  return exitCode;
}

function write(options: PrCommandOptions, json: object, pretty: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(json, null, 2)}\n` : pretty());
}

function nothingToDo(result: PrResult): object {
  return { ...jsonOutput(result, null, false, undefined), note: 'nothing to migrate' };
}

function jsonOutput(result: PrResult, bodyFile: string | null, draft: boolean, opened: OpenPrResult | undefined): object {
  return {
    schemaVersion: 1,
    tool: { name: toolName, version: toolVersion },
    branch: result.branch,
    base: result.base,
    head: result.head ?? null,
    commits: result.commits.map(({ sha, transform, message, files, edits, markersAdded }) => ({ sha, transform, message, files: files.length, edits, markersAdded })),
    bodyFile,
    title: prTitle,
    draft,
    markers: result.markers.length,
    failed: result.failed,
    skipped: result.skipped,
    opened: opened?.opened ?? null,
    ...(opened?.url ? { url: opened.url } : {}),
    ...(opened ? { pushed: opened.pushed } : {}),
    ...(opened?.reason ? { reason: opened.reason } : {}),
    ...(opened?.commands ? { commands: opened.commands } : {}),
    summary: result.summary,
  };
}

function prettyOutput(result: PrResult, bodyFile: string, draft: boolean, opened: OpenPrResult | undefined, options: PrCommandOptions, repo: string | undefined): string {
  const s = result.summary;
  const from = result.base.ref ?? result.base.sha.slice(0, 12);
  const lines = [
    `${toolName} pr: ${plural(result.commits.length, 'commit')} on ${result.branch} (from ${from} at ${result.base.sha.slice(0, 12)}), one per transform:`,
    ...result.commits.map((c) => `  ${c.sha.slice(0, 12)} ${c.message}`),
    `${plural(s.filesChanged, 'file')} changed, ${plural(s.edits, 'edit')}, ${plural(s.markers, 'marker')} for a person${draft ? ' (so a draft pull request)' : ''}.`,
  ];
  if (result.identity === 'fallback') lines.push(`git has no user.name/user.email here, so the commits are by ${'mcp-migrate <mcp-migrate@users.noreply.github.com>'}.`);
  const failed = failedLines(result);
  if (failed) lines.push(failed.trimEnd());
  lines.push(`Pull request body: ${bodyFile}`);
  lines.push(`You are still on ${from}. See the branch with: git log --oneline ${result.base.ref ?? result.base.sha.slice(0, 12)}..${result.branch}  (or git checkout ${result.branch})`);
  if (!options.open) {
    lines.push(`To open the pull request: ${toolName} pr --open, or:`, ...handCommands(result, options, bodyFile, draft, repo).map((c) => `  ${c}`));
  } else if (opened?.opened) {
    lines.push(`${opened.opened === 'created' ? 'Opened' : 'Updated'} the pull request${opened.url ? `: ${opened.url}` : ''}${opened.pushed ? '' : ' (the branch on the remote already had these commits)'}.`);
  } else if (opened) {
    lines.push(`${opened.pushed ? 'Pushed the branch, but ' : ''}${opened.reason}.`.replace(/\.\.$/, '.'));
    if (opened.commands) lines.push('Open it with:', ...opened.commands.map((c) => `  ${c}`));
  }
  return `${lines.join('\n')}\n`;
}

function failedLines(result: PrResult): string {
  if (result.failed.length === 0) return '';
  return `${plural(result.failed.length, 'file')} could not be rewritten and ${result.failed.length === 1 ? 'is' : 'are'} left as ${result.failed.length === 1 ? 'it was' : 'they were'}:\n${result.failed.map((f) => `  ${f.file}: ${redact(f.reason)}`).join('\n')}\n`;
}

function handCommands(result: PrResult, options: PrCommandOptions, bodyFile: string, draft: boolean, repo: string | undefined): string[] {
  const remote = options.remote ?? 'origin';
  return [
    commandLine('git', ['push', '--force-with-lease', '-u', remote, result.branch]),
    commandLine('gh', ['pr', 'create', '--head', result.branch, ...(result.base.ref ? ['--base', result.base.ref] : []), '--title', prTitle, '--body-file', bodyFile, ...(draft ? ['--draft'] : []), ...(repo ? ['--repo', repo] : [])]),
  ];
}

/** The command that makes the same branch: the options that change its content, not where the output goes. */
function reproduceCommand(paths: string[], options: PrCommandOptions): string {
  const args = [
    ...paths,
    ...(options.upgradeSdk ? ['--upgrade-sdk'] : []),
    ...options.transform.flatMap((id) => ['--transform', id]),
    ...options.skipTransform.flatMap((id) => ['--skip-transform', id]),
    ...(options.config === false ? ['--no-config'] : options.config ? ['--config', options.config] : []),
    ...(options.branch && options.branch !== defaultPrBranch ? ['--branch', options.branch] : []),
  ];
  return [`npx ${toolName}@${toolVersion} pr`, ...args.map(shellQuote)].join(' ');
}

