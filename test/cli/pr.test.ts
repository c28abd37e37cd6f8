import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformIds } from '../../transforms/index.js';
import { git, runCli, tempProject, type CliRun } from '../helpers/cli.js';
import { copyFixtureProject } from '../helpers/migrated-project.js';

interface PrJson {
  schemaVersion: number;
  branch: string;
  base: { ref: string | null; sha: string };
  head: string | null;
  commits: { sha: string; transform: string; message: string; files: number; edits: number; markersAdded: number }[];
  bodyFile: string | null;
  title: string;
  draft: boolean;
  markers: number;
  failed: { file: string; transform: string; reason: string }[];
  opened: 'created' | 'updated' | null;
  url?: string;
  pushed?: boolean;
  reason?: string;
  commands?: string[];
  note?: string;
}

const branch = 'mcp-migrate/2026-07-28';
const notFound = "import { McpError } from '@modelcontextprotocol/sdk/types.js';\nexport function missing(uri: string) {\n  throw new McpError(-32002, `Resource not found: ${uri}`, { uri });\n}\n";
const constant = "import { McpError } from '@modelcontextprotocol/sdk/types.js';\nconst NOT_FOUND = -32002;\nexport function f(uri: string) {\n  throw new McpError(NOT_FOUND, `Resource not found: ${uri}`);\n}\n";

const work = mkdtempSync(join(tmpdir(), 'mcp-migrate-pr-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function prJson(run: CliRun): PrJson {
  try {
    return JSON.parse(run.stdout) as PrJson;
  } catch {
    throw new Error(`stdout is not JSON (status ${run.status}).\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

/** A small git repository on `main` with one fixable file and one that gets a marker. */
function smallRepo(): string {
  const dir = tempProject({ 'src/a.ts': notFound, 'src/c.ts': constant, 'package.json': '{ "name": "x", "scripts": { "build": "tsc", "test": "vitest run" } }\n' });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'base');
  return dir;
}

describe('mcp-migrate pr on the hand-rolled example project', () => {
  let project: string;
  let run: CliRun;
  let report: PrJson;
  let baseSha: string;

  beforeAll(() => {
    project = copyFixtureProject('legacy-hand-rolled', work);
    git(project, 'branch', '-M', 'main');
    baseSha = git(project, 'rev-parse', 'HEAD').trim();
    run = runCli(['pr', '--json'], { cwd: project });
    report = prJson(run);
  }, 120_000);

  it('makes the branch from the current commit, one commit per transform that changed something, in registry order', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(report.branch).toBe(branch);
    expect(report.base).toEqual({ ref: 'main', sha: baseSha });
    const transforms = report.commits.map((c) => c.transform);
    expect(transforms).toEqual(transformIds.filter((id) => transforms.includes(id)));
    expect(transforms).toEqual(expect.arrayContaining(['initialize-to-discover', 'tasks-extension', 'mark-remaining']));
    for (const commit of report.commits) expect(commit.message).toMatch(new RegExp(`^mcp-migrate\\(${commit.transform}\\): \\S`));
    // The branch's history is exactly these commits on top of the base, newest last.
    const log = git(project, 'log', '--format=%H %s', `main..${branch}`).trim().split('\n').reverse();
    expect(log).toEqual(report.commits.map((c) => `${c.sha} ${c.message}`));
    expect(git(project, 'rev-parse', branch).trim()).toBe(report.head);
    expect(git(project, 'merge-base', 'main', branch).trim()).toBe(baseSha);
    // Each commit holds only its own transform's files, and says what it did in its body.
    const initialize = report.commits.find((c) => c.transform === 'initialize-to-discover')!;
    expect(git(project, 'show', '--format=%b', '--name-only', initialize.sha)).toContain(`1 file(s), ${initialize.edits} edit(s)`);
  });

  it('leaves the user where they were, on a clean tree, and the base branch untouched', () => {
    expect(git(project, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main');
    expect(git(project, 'rev-parse', 'main').trim()).toBe(baseSha);
    expect(git(project, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('gives the same files as one fix run', () => {
    const other = copyFixtureProject('legacy-hand-rolled', work, 'with-fix');
    expect(runCli(['fix'], { cwd: other }).status).toBe(0);
    const changed = git(other, 'diff', '--name-only').trim().split('\n');
    expect(changed.length).toBeGreaterThan(0);
    for (const file of changed) expect(git(project, 'show', `${branch}:${file}`), file).toBe(read(other, file));
  }, 120_000);

  it('writes the body under .mcp-migrate/, which git ignores, with every section', () => {
    expect(report.bodyFile).toBe('.mcp-migrate/pr-body.md');
    expect(report.title).toBe('Migrate to MCP 2026-07-28 (mcp-migrate)');
    const body = read(project, '.mcp-migrate/pr-body.md');
    expect(body).toContain('## Migrate to MCP 2026-07-28 (mcp-migrate)');
    expect(body).toMatch(/mcp-migrate\]\(https:\/\/github\.com\/[^)]+\) \d+\.\d+\.\d+ migrated this code to MCP protocol revision \*\*2026-07-28\*\*: 2 files changed, \d+ edits, in \d+ commits/);
    expect(body).toContain('### Transforms\n\n| transform | what it does | files | edits | markers added | commit |');
    for (const commit of report.commits) expect(body).toContain(`| [\`${commit.transform}\`](`);
    expect(body).toContain(`### Needs a person (${report.markers} markers)`);
    // Every marker of the branch is listed by path:line under its rule, with the rule's docs link.
    const markers = git(project, 'grep', '-n', '-o', 'mcp-migrate([a-z0-9-]*)', branch, '--', 'src').trim().split('\n');
    expect(markers).toHaveLength(report.markers);
    for (const line of markers) {
      const [, file, number, rule] = /^[^:]+:([^:]+):(\d+):mcp-migrate\(([a-z0-9-]+)\)$/.exec(line)!;
      expect(body).toContain(`- \`${file}:${number}\` `);
      expect(body).toContain(`#### [\`${rule}\`](https://github.com/mcp-migrate/mcp-migrate/blob/v`);
    }
    expect(body).toContain('### Verify\n\n- [ ] `npm run build`\n');
    expect(body).toContain('### Reproduce\n\n```sh\nnpx mcp-migrate@');
    expect(body).toContain('### Controls');
    expect(body).toContain('edits pushed to this branch by hand are overwritten');
    const hidden = /<!-- mcp-migrate:(\{.*\}) -->\n$/.exec(body);
    expect(hidden, 'the hidden block ends the body').not.toBeNull();
    expect(JSON.parse(hidden![1]!)).toMatchObject({ v: 1, base: baseSha, head: report.head, markers: report.markers, hash: git(project, 'rev-parse', `${branch}^{tree}`).trim() });
    expect(git(project, 'check-ignore', '.mcp-migrate/pr-body.md').trim()).toBe('.mcp-migrate/pr-body.md');
  });

  it('is a draft because markers remain', () => {
    expect(report.markers).toBeGreaterThan(0);
    expect(report.draft).toBe(true);
  });

  it('a re-run makes the same commits and the same body', () => {
    const body = read(project, '.mcp-migrate/pr-body.md');
    const again = runCli(['pr', '--json'], { cwd: project });
    expect(again.status, again.stderr).toBe(0);
    const second = prJson(again);
    expect(second.commits).toEqual(report.commits);
    expect(second.head).toBe(report.head);
    expect(read(project, '.mcp-migrate/pr-body.md')).toBe(body);
    expect(git(project, 'branch', '--list', 'mcp-migrate/*').trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('refuses to start from the migration branch itself', () => {
    git(project, 'checkout', '-q', branch);
    try {
      const onBranch = runCli(['pr'], { cwd: project });
      expect(onBranch.status).toBe(2);
      expect(onBranch.stderr).toContain(`the migration branch ${branch} is checked out`);
      expect(git(project, 'rev-parse', branch).trim()).toBe(report.head);
    } finally {
      git(project, 'checkout', '-q', 'main');
    }
  });
});

describe('mcp-migrate pr --upgrade-sdk on the SDK v1 example project', () => {
  it('commits the SDK move first, on its own, and lists the package.json changes with the install command', () => {
    const project = copyFixtureProject('legacy-streamable-http', work);
    writeFileSync(join(project, 'pnpm-lock.yaml'), 'lockfileVersion: 9.0\n');
    git(project, 'add', '-A');
    git(project, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'lockfile');
    const run = runCli(['pr', '--upgrade-sdk', '--json'], { cwd: project });
    expect(run.status, run.stderr).toBe(0);
    const report = prJson(run);
    expect(report.commits[0]).toMatchObject({ transform: 'upgrade-sdk', message: 'mcp-migrate(upgrade-sdk): Move SDK v1 code and package.json to the v2 packages with…' });
    expect(git(project, 'show', '--name-only', '--format=', report.commits[0]!.sha)).toContain('package.json');
    // Only the first commit touches package.json.
    for (const commit of report.commits.slice(1)) expect(git(project, 'show', '--name-only', '--format=', commit.sha), commit.transform).not.toContain('package.json');
    const body = read(project, '.mcp-migrate/pr-body.md');
    expect(body).toContain('### package.json');
    expect(body).toMatch(/\| `package\.json` \| dependencies \| `@modelcontextprotocol\/sdk` \| `[^`]+` \| \(removed\) \|/);
    expect(body).toMatch(/\| `package\.json` \| dependencies \| `@modelcontextprotocol\/server` \| \(added\) \| `[^`]+` \|/);
    expect(body).toContain('Then install: `pnpm install`');
    expect(body).toContain('- [ ] `pnpm install`\n- [ ] `pnpm run build`\n');
    expect(body).toContain('```sh\nnpx mcp-migrate@0.1.0 pr --upgrade-sdk\n```');
    expect(body).toContain('### Notes');
  }, 180_000);
});

describe('mcp-migrate pr refusals', () => {
  it('refuses a dirty tree (untracked files included), naming the files, and makes no branch', () => {
    const dir = smallRepo();
    writeFileSync(join(dir, 'src/a.ts'), `${notFound}// edited\n`);
    writeFileSync(join(dir, 'notes.txt'), 'untracked\n');
    const run = runCli(['pr'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('uncommitted changes (src/a.ts, notes.txt)');
    expect(run.stderr).toContain('commit or stash them first');
    expect(git(dir, 'branch', '--list', branch)).toBe('');
    expect(read(dir, 'src/a.ts')).toBe(`${notFound}// edited\n`);
  });

  it('refuses a directory outside git, a repository without commits, and a bad branch name', () => {
    const outside = tempProject({ 'src/a.ts': notFound });
    const noGit = runCli(['pr'], { cwd: outside });
    expect(noGit.status).toBe(2);
    expect(noGit.stderr).toContain('is not in a git work tree');

    const empty = tempProject({ 'src/a.ts': notFound });
    git(empty, 'init', '-q');
    const noCommit = runCli(['pr'], { cwd: empty });
    expect(noCommit.status).toBe(2);
    expect(noCommit.stderr).toContain('no commit yet');

    const dir = smallRepo();
    const bad = runCli(['pr', '--branch', 'bad..name'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--branch: "bad..name" is not a valid git branch name');
    const unknown = runCli(['pr', '--transform', 'resource-not-found'], { cwd: dir });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown transform "resource-not-found"');
    expect(git(dir, 'branch', '--list', '*')).toBe('* main\n');
  });

  it('says there is nothing to migrate, makes no branch and writes no body', () => {
    const dir = tempProject({ 'src/clean.ts': "export const greeting = 'hello';\n" }, { git: true });
    const run = runCli(['pr', '--json'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const report = prJson(run);
    expect(report).toMatchObject({ note: 'nothing to migrate', commits: [], head: null, bodyFile: null, draft: false });
    expect(git(dir, 'branch', '--list', branch)).toBe('');
    expect(existsSync(join(dir, '.mcp-migrate', 'pr-body.md'))).toBe(false);
    expect(runCli(['pr'], { cwd: dir }).stdout).toContain(`nothing to migrate; no branch ${branch} was made`);
  });
});

describe('mcp-migrate pr commits', () => {
  it('--branch names the branch; commits use the fallback identity where git has none; the terminal says what to do next', () => {
    const dir = smallRepo();
    const home = mkdtempSync(join(work, 'home-'));
    const run = runCli(['pr', '--branch', 'bot/mcp'], { cwd: dir, env: { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_GLOBAL: join(home, 'none'), GIT_CONFIG_NOSYSTEM: '1' } });
    expect(run.status, run.stderr).toBe(0);
    expect(git(dir, 'log', '--format=%an <%ae>|%s', 'main..bot/mcp').trim().split('\n')).toEqual([
      'mcp-migrate <mcp-migrate@users.noreply.github.com>|mcp-migrate(resource-not-found-code): Send -32602 instead of -32002 for a missing resource',
    ]);
    expect(run.stdout).toContain('1 commit on bot/mcp (from main at');
    expect(run.stdout).toContain('git has no user.name/user.email here');
    expect(run.stdout).toContain('You are still on main.');
    expect(run.stdout).toContain("gh pr create --head bot/mcp --base main --title 'Migrate to MCP 2026-07-28 (mcp-migrate)' --body-file .mcp-migrate/pr-body.md --draft");
    expect(read(dir, '.mcp-migrate/pr-body.md')).toContain('```sh\nnpx mcp-migrate@0.1.0 pr --branch bot/mcp\n```');
  });

  it('runs in a package of a repository, commits what it could, lists the file it could not rewrite, and exits 1', () => {
    const broken = "import '@modelcontextprotocol/sdk';\nconst = -32002;\n";
    const dir = tempProject({ 'packages/server/src/a.ts': notFound, 'packages/server/src/c.ts': constant, 'packages/server/src/broken.ts': broken, 'other/x.ts': notFound }, { git: true });
    const server = join(dir, 'packages/server');
    const run = runCli(['pr', '--json'], { cwd: server });
    expect(run.status, run.stderr).toBe(1);
    const report = prJson(run);
    // Each transform that tried the file says so.
    expect(report.failed).toEqual(
      ['resource-not-found-code', 'rule-fixes', 'mark-remaining'].map((transform) => ({ file: 'src/broken.ts', transform, reason: expect.stringContaining(`${transform} failed: cannot parse`) })),
    );
    expect(report.commits.map((c) => c.transform)).toEqual(['resource-not-found-code']);
    expect(git(dir, 'show', '--name-only', '--format=', branch).trim().split('\n')).toEqual(['packages/server/src/a.ts', 'packages/server/src/c.ts']);
    const body = read(server, '.mcp-migrate/pr-body.md');
    expect(body).toContain('### Left unchanged');
    expect(body).toContain('| `packages/server/src/broken.ts` | `resource-not-found-code` | resource-not-found-code failed: cannot parse');
    expect(body).toContain('- `packages/server/src/c.ts:4` ');
    expect(read(server, 'src/broken.ts')).toBe(broken);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('--body-file writes the body elsewhere, and --repo makes marker locations links to the branch commit', () => {
    const dir = smallRepo();
    const bodyFile = join(work, `body-${Date.now()}.md`);
    const run = runCli(['pr', '--json', '--body-file', bodyFile, '--repo', 'octo/server'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const report = prJson(run);
    const body = readFileSync(bodyFile, 'utf8');
    expect(body).toContain(`- [\`src/c.ts:4\`](https://github.com/octo/server/blob/${report.head}/src/c.ts#L4) `);
    expect(body).toContain('- [ ] `npm run build`\n- [ ] `npm test`\n');
    expect(runCli(['pr', '--repo', 'not a repo'], { cwd: dir }).stderr).toContain('--repo: "not a repo" is not a GitHub repository name');
  });
});

describe('mcp-migrate pr --open', () => {
  /** A `gh` that records its arguments and keeps the pull request's state in a file, like GitHub would. */
  function fakeGh(dir: string): { bin: string; log: string; state: string } {
    const log = join(dir, 'gh-calls.log');
    const state = join(dir, 'gh-pr.json');
    const script = `#!/bin/sh
{ for a in "$@"; do printf '%s\\n' "$a"; done; echo ---; } >> '${log}'
case "$1 $2" in
  "--version ") echo "gh version 2.99.0 (fake)" ;;
  "auth status") exit "\${FAKE_GH_AUTH:-0}" ;;
  "pr view")
    if [ -f '${state}' ]; then cat '${state}'; else echo "no pull requests found for branch \\"$3\\"" >&2; exit 1; fi ;;
  "pr create")
    draft=false; for a in "$@"; do [ "$a" = "--draft" ] && draft=true; done
    echo "{\\"url\\":\\"https://github.com/octo/server/pull/7\\",\\"state\\":\\"OPEN\\",\\"isDraft\\":$draft}" > '${state}'
    echo "https://github.com/octo/server/pull/7" ;;
  "pr edit"|"pr ready") ;;
  *) echo "fake gh: unexpected $*" >&2; exit 3 ;;
esac
`;
    git(dir, 'init', '-q', '--bare', join(dir, 'origin.git'));
    writeFileSync(join(dir, 'gh'), script);
    chmodSync(join(dir, 'gh'), 0o755);
    return { bin: dir, log, state };
  }

  function calls(log: string): string[][] {
    if (!existsSync(log)) return [];
    return readFileSync(log, 'utf8').split('---\n').filter(Boolean).map((call) => call.trimEnd().split('\n'));
  }

  it('pushes the branch and opens a draft pull request, then updates the same one on a re-run', () => {
    const dir = smallRepo();
    const gh = fakeGh(mkdtempSync(join(work, 'gh-')));
    git(dir, 'remote', 'add', 'origin', join(gh.bin, 'origin.git'));
    const env = { PATH: `${gh.bin}:${process.env.PATH}` };

    const first = runCli(['pr', '--open', '--json'], { cwd: dir, env });
    expect(first.status, first.stderr).toBe(0);
    const report = prJson(first);
    expect(report).toMatchObject({ opened: 'created', url: 'https://github.com/octo/server/pull/7', pushed: true, draft: true });
    expect(git(dir, 'ls-remote', 'origin', `refs/heads/${branch}`).split('\t')[0]).toBe(report.head);
    const bodyPath = join(dir, '.mcp-migrate', 'pr-body.md');
    expect(calls(gh.log)).toEqual([
      ['--version'],
      ['auth', 'status'],
      ['pr', 'view', branch, '--json', 'url,state,isDraft'],
      ['pr', 'create', '--head', branch, '--base', 'main', '--title', 'Migrate to MCP 2026-07-28 (mcp-migrate)', '--body-file', bodyPath, '--draft'],
    ]);

    // A re-run from the same base: same commits, nothing to push, the open pull request is edited, not opened again.
    rmSync(gh.log);
    const second = runCli(['pr', '--open', '--json'], { cwd: dir, env });
    expect(second.status, second.stderr).toBe(0);
    expect(prJson(second)).toMatchObject({ opened: 'updated', url: 'https://github.com/octo/server/pull/7', pushed: false, head: report.head });
    expect(calls(gh.log).slice(2)).toEqual([
      ['pr', 'view', branch, '--json', 'url,state,isDraft'],
      ['pr', 'edit', branch, '--title', 'Migrate to MCP 2026-07-28 (mcp-migrate)', '--body-file', bodyPath],
    ]);

    // New work on the base: the branch is rebuilt on it, force-pushed, and a pull request marked ready turns back into a draft.
    writeFileSync(join(dir, 'src/b.ts'), notFound);
    git(dir, 'add', '-A');
    git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'more');
    writeFileSync(gh.state, '{"url":"https://github.com/octo/server/pull/7","state":"OPEN","isDraft":false}');
    rmSync(gh.log);
    const third = runCli(['pr', '--open', '--json', '--repo', 'octo/server'], { cwd: dir, env });
    expect(third.status, third.stderr).toBe(0);
    const updated = prJson(third);
    expect(updated).toMatchObject({ opened: 'updated', pushed: true });
    expect(git(dir, 'ls-remote', 'origin', `refs/heads/${branch}`).split('\t')[0]).toBe(updated.head);
    expect(calls(gh.log).slice(3)).toEqual([
      ['pr', 'edit', branch, '--title', 'Migrate to MCP 2026-07-28 (mcp-migrate)', '--body-file', bodyPath, '--repo', 'octo/server'],
      ['pr', 'ready', branch, '--undo', '--repo', 'octo/server'],
    ]);

    // Closed without merging: not opened again.
    writeFileSync(gh.state, '{"url":"https://github.com/octo/server/pull/7","state":"CLOSED","isDraft":true}');
    rmSync(gh.log);
    const closed = runCli(['pr', '--open'], { cwd: dir, env });
    expect(closed.status, closed.stderr).toBe(0);
    expect(closed.stdout).toContain('was closed without merging, so it is not opened again');
    expect(calls(gh.log).map((call) => call.slice(0, 2).join(' '))).not.toContain('pr create');
  }, 120_000);

  it('without gh, or with gh logged out, pushes and prints the exact command; exit 0', () => {
    const dir = smallRepo();
    const gh = fakeGh(mkdtempSync(join(work, 'gh-')));
    git(dir, 'remote', 'add', 'origin', join(gh.bin, 'origin.git'));
    // A PATH with git and nothing else.
    const onlyGit = mkdtempSync(join(work, 'path-'));
    symlinkSync(spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim(), join(onlyGit, 'git'));
    const missing = runCli(['pr', '--open', '--json'], { cwd: dir, env: { PATH: onlyGit } });
    expect(missing.status, missing.stderr).toBe(0);
    const report = prJson(missing);
    expect(report).toMatchObject({ opened: null, pushed: true, reason: expect.stringContaining('(gh) is not installed') });
    expect(report.commands).toEqual([`gh pr create --head ${branch} --base main --title 'Migrate to MCP 2026-07-28 (mcp-migrate)' --body-file ${join(dir, '.mcp-migrate', 'pr-body.md')} --draft`]);

    const loggedOut = runCli(['pr', '--open'], { cwd: dir, env: { PATH: `${gh.bin}:${process.env.PATH}`, FAKE_GH_AUTH: '1' } });
    expect(loggedOut.status, loggedOut.stderr).toBe(0);
    expect(loggedOut.stdout).toContain('is not logged in (gh auth login, or set GH_TOKEN)');
    expect(loggedOut.stdout).toContain('Open it with:\n  gh pr create --head');
  });

  it('a failed push is exit 2 with git\'s reason, tokens hidden, and the commands to finish by hand', () => {
    const dir = smallRepo();
    git(dir, 'remote', 'add', 'origin', 'https://x-access-token:ghs_abcdefghijklmnopqrstuvwxyz0123@127.0.0.1:9/octo/server.git');
    const run = runCli(['pr', '--open'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('`git -c core.fsmonitor=false ls-remote origin refs/heads/mcp-migrate/2026-07-28` failed');
    expect(run.stderr).not.toContain('ghs_abcdefghijklmnopqrstuvwxyz0123');
    expect(run.stderr).toContain(`The branch ${branch} and the body (.mcp-migrate/pr-body.md) are ready`);
    expect(run.stderr).toContain(`git push --force-with-lease -u origin ${branch}`);
    expect(git(dir, 'branch', '--list', branch)).toContain(branch);
  });
});
