import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { packageRoot, toolVersion } from '../../src/package-info.js';
import { binPath, git, tempProject } from '../helpers/cli.js';
import { runCompositeAction, type ActionRun } from '../helpers/composite-action.js';

const source = readFileSync(join(packageRoot, 'action.yml'), 'utf8');
// Strict: duplicate keys and other YAML errors throw, as GitHub rejects such an action.
const action = parseYaml(source, { strict: true, uniqueKeys: true, prettyErrors: true }) as {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  runs: { using: string; steps: { name: string; id?: string; shell?: string; run?: string; uses?: string; env?: Record<string, string> }[] };
};
const runSteps = action.runs.steps.filter((step) => step.run !== undefined);
const ranSteps = new Set<string>();

const work = mkdtempSync(join(tmpdir(), 'mcp-migrate-action-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const notFound = "import { McpError } from '@modelcontextprotocol/sdk/types.js';\nexport function missing(uri: string) {\n  throw new McpError(-32002, `Resource not found: ${uri}`, { uri });\n}\n";
const constant = "import { McpError } from '@modelcontextprotocol/sdk/types.js';\nconst NOT_FOUND = -32002;\nexport function f(uri: string) {\n  throw new McpError(NOT_FOUND, `Resource not found: ${uri}`);\n}\n";

/** `npx` and `gh` stand-ins: npx records its arguments and runs this checkout's CLI; gh records its arguments and its token. */
function fakeTools(): { bin: string; npxLog: string; ghLog: string } {
  const bin = mkdtempSync(join(work, 'bin-'));
  const npxLog = join(bin, 'npx.log');
  const ghLog = join(bin, 'gh.log');
  writeFileSync(
    join(bin, 'npx'),
    `#!/bin/sh
printf '%s\\n' "$*" >> '${npxLog}'
[ "$1" = "--yes" ] || { echo "fake npx: --yes must come first" >&2; exit 9; }
case "$2" in mcp-migrate@*) ;; *) echo "fake npx: unexpected package $2" >&2; exit 9 ;; esac
shift 2
exec '${process.execPath}' '${binPath}' "$@"
`,
  );
  writeFileSync(
    join(bin, 'gh'),
    `#!/bin/sh
printf '%s GH_TOKEN=%s\\n' "$*" "$GH_TOKEN" >> '${ghLog}'
case "$1 $2" in
  "pr view") echo "no pull requests found for branch \\"$3\\"" >&2; exit 1 ;;
  "pr create") echo "https://github.com/octo/server/pull/9" ;;
esac
`,
  );
  chmodSync(join(bin, 'npx'), 0o755);
  chmodSync(join(bin, 'gh'), 0o755);
  return { bin, npxLog, ghLog };
}

function run(workspace: string, inputs: Record<string, string>, tools = fakeTools()): ActionRun & { npx: string[]; gh: string[] } {
  const result = runCompositeAction(action as never, { workspace, inputs, env: { PATH: `${tools.bin}:${process.env.PATH}`, CI: 'true', GITHUB_REPOSITORY: 'octo/server' }, githubToken: 'github-token-of-the-run' });
  for (const step of result.steps) if (step.exitCode !== undefined) ranSteps.add(step.name);
  const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []);
  return { ...result, npx: lines(tools.npxLog), gh: lines(tools.ghLog) };
}

function step(result: ActionRun, name: string) {
  const found = result.steps.find((s) => s.name === name);
  if (!found) throw new Error(`no step ${name}`);
  return found;
}

describe('action.yml', () => {
  it('is a composite action whose inputs are documented and whose scripts take them from the environment', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.inputs.version!.default).toBe(toolVersion);
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toBeTruthy();
    for (const s of action.runs.steps) {
      expect(s.run === undefined ? s.uses : s.shell, s.name).toBeTruthy();
      // An input pasted into a script could inject shell code; they go through env.
      if (s.run) expect(s.run, s.name).not.toContain('${{');
    }
    expect(runSteps.map((s) => s.name)).toEqual(['Check the inputs', 'Audit', 'Fail on findings', 'Migrate']);
  });
});

describe('the action in audit mode', () => {
  it('writes SARIF, uploads it, then fails the job on findings', () => {
    const dir = tempProject({ 'src/a.ts': notFound }, { git: true });
    const result = run(dir, {});
    expect(result.npx).toEqual([`--yes mcp-migrate@${toolVersion} audit --format sarif --output mcp-migrate.sarif --fail-on error`]);
    expect(step(result, 'Audit')).toMatchObject({ status: 'success' });
    expect(result.outputs['audit-exit-code']).toBe('1');
    const upload = step(result, 'Upload to code scanning');
    expect(upload).toMatchObject({ status: 'success', uses: 'github/codeql-action/upload-sarif@v3', with: { sarif_file: './mcp-migrate.sarif', category: 'mcp-migrate' } });
    const sarif = JSON.parse(readFileSync(join(dir, upload.with!.sarif_file!), 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain('no-legacy-resource-not-found-code');
    expect(step(result, 'Fail on findings')).toMatchObject({ status: 'failure', exitCode: 1 });
    expect(step(result, 'Fail on findings').stdout).toContain("::error title=mcp-migrate::mcp-migrate audit found code at or above 'error'");
    expect(step(result, 'Set up Node.js').status).toBe('skipped');
    expect(step(result, 'Migrate').status).toBe('skipped');
    expect(result.status).toBe('failure');
  });

  it('passes with fail-on none, in a sub-directory, with its own SARIF name and category, after setting up Node.js when asked', () => {
    const dir = tempProject({ 'server/src/a.ts': notFound }, { git: true });
    const result = run(dir, { path: 'server', 'fail-on': 'none', 'sarif-file': 'out.sarif', category: 'mcp-server', 'node-version': '20' });
    expect(result.npx).toEqual([`--yes mcp-migrate@${toolVersion} audit --format sarif --output out.sarif --fail-on none`]);
    expect(step(result, 'Set up Node.js')).toMatchObject({ status: 'success', uses: 'actions/setup-node@v4', with: { 'node-version': '20' } });
    expect(step(result, 'Upload to code scanning').with).toEqual({ sarif_file: 'server/out.sarif', category: 'mcp-server' });
    expect(existsSync(join(dir, 'server/out.sarif'))).toBe(true);
    expect(step(result, 'Fail on findings').status).toBe('skipped');
    expect(result.status).toBe('success');
  });

  it('stops before the upload when the audit itself fails (exit 2), and rejects a bad mode', () => {
    const dir = tempProject({ 'src/a.ts': notFound }, { git: true });
    const result = run(dir, { 'fail-on': 'critical' });
    expect(step(result, 'Audit')).toMatchObject({ status: 'failure', exitCode: 2 });
    expect(step(result, 'Audit').stderr).toContain('critical');
    expect(step(result, 'Upload to code scanning').status).toBe('skipped');
    expect(result.status).toBe('failure');

    const badMode = run(dir, { mode: 'fix' });
    expect(step(badMode, 'Check the inputs')).toMatchObject({ status: 'failure', exitCode: 2 });
    expect(step(badMode, 'Check the inputs').stdout).toContain("mode must be audit or migrate, not 'fix'");
    expect(badMode.npx).toEqual([]);
    const badFlag = run(dir, { mode: 'migrate', 'upgrade-sdk': 'yes' });
    expect(step(badFlag, 'Check the inputs').stdout).toContain("upgrade-sdk must be true or false, not 'yes'");
    expect(step(badFlag, 'Migrate').status).toBe('skipped');
  });
});

describe('the action in migrate mode', () => {
  function repoWithOrigin(files: Record<string, string>): string {
    const dir = tempProject(files);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'base');
    git(dir, 'init', '-q', '--bare', join(dir, '..', `${dir.split('/').pop()}-origin.git`));
    git(dir, 'remote', 'add', 'origin', join(dir, '..', `${dir.split('/').pop()}-origin.git`));
    return dir;
  }

  it('runs pr --open with the token for gh, and reports the pull request and the body in the job summary', () => {
    const dir = repoWithOrigin({ 'src/a.ts': notFound, 'src/c.ts': constant });
    const result = run(dir, { mode: 'migrate', token: 'app-token-123' });
    expect(step(result, 'Migrate').status, step(result, 'Migrate').stderr).toBe('success');
    expect(result.npx).toEqual([`--yes mcp-migrate@${toolVersion} pr --open --json --branch mcp-migrate/2026-07-28`]);
    expect(result.gh).toContain('pr create --head mcp-migrate/2026-07-28 --base main --title Migrate to MCP 2026-07-28 (mcp-migrate) --body-file ' + join(dir, '.mcp-migrate/pr-body.md') + ' --draft --repo octo/server GH_TOKEN=app-token-123');
    expect(result.outputs).toMatchObject({ 'pull-request-url': 'https://github.com/octo/server/pull/9', 'pull-request-operation': 'created', draft: 'true' });
    expect(result.summary).toContain('## Migrate to MCP 2026-07-28 (mcp-migrate)');
    // GITHUB_REPOSITORY makes the marker locations links.
    expect(result.summary).toMatch(/\[`src\/c\.ts:4`\]\(https:\/\/github\.com\/octo\/server\/blob\/[0-9a-f]{40}\/src\/c\.ts#L4\)/);
    expect(git(dir, 'ls-remote', 'origin').trim()).toMatch(/\trefs\/heads\/mcp-migrate\/2026-07-28$/);
    expect(step(result, 'Audit').status).toBe('skipped');
    expect(result.status).toBe('success');
  });

  it('passes the branch and upgrade-sdk inputs, defaults the token to the run\'s, and says when there is nothing to migrate', () => {
    const dir = repoWithOrigin({ 'src/clean.ts': "export const greeting = 'hello';\n" });
    const result = run(dir, { mode: 'migrate', branch: 'bots/mcp', 'upgrade-sdk': 'true' });
    expect(result.npx).toEqual([`--yes mcp-migrate@${toolVersion} pr --open --json --branch bots/mcp --upgrade-sdk`]);
    expect(step(result, 'Migrate').env).toMatchObject({ GH_TOKEN: 'github-token-of-the-run' });
    expect(result.outputs).toMatchObject({ 'pull-request-url': '', 'pull-request-operation': 'none', draft: 'false' });
    expect(result.summary).toBe('mcp-migrate: nothing to migrate.\n');
    expect(result.status).toBe('success');
  });

  it('fails the job when pr fails, with its error in the log', () => {
    const dir = repoWithOrigin({ 'src/a.ts': notFound });
    writeFileSync(join(dir, 'src/a.ts'), `${notFound}// uncommitted\n`);
    const result = run(dir, { mode: 'migrate' });
    expect(step(result, 'Migrate')).toMatchObject({ status: 'failure', exitCode: 2 });
    expect(step(result, 'Migrate').stderr).toContain('uncommitted changes (src/a.ts)');
    expect(result.status).toBe('failure');
  });

  it('every script of the action ran in these tests', () => {
    expect([...ranSteps].sort()).toEqual(runSteps.map((s) => s.name).sort());
  });
});
