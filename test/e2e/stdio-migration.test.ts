import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { buildProject, copyFixtureProject, expectOnlyMarkedManualFindings, installDependencies } from '../helpers/migrated-project.js';
import { git, jsonReport, runCli } from '../helpers/cli.js';

/**
 * The migration of the bundled stdio example (roots, sampling, logging, a 2025 task tool), run
 * the way a user runs it, on a copy with its own dependencies from the npm registry: `fix --upgrade-sdk`, the one step its markers leave to a person before
 * the code builds (the SDK Tasks API, which SDK v2 does not have), `fix` again for the
 * transforms that need SDK v2, then the build, the audit, and the built server spawned over stdio
 * by a `@modelcontextprotocol/client` 2.x client pinned to 2026-07-28 (issue 5, stdio slice).
 */
const work = mkdtempSync(join(tmpdir(), 'mcp-migrate-e2e-stdio-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface FixReport {
  files: { file: string; edits: Record<string, number> }[];
  failed: unknown[];
}

function fix(cwd: string): FixReport {
  const run = runCli(['fix', '--upgrade-sdk', '--format', 'json'], { cwd });
  expect(run.status, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout) as FixReport;
  expect(report.failed).toEqual([]);
  return report;
}

function edit(path: string, change: (source: string) => string): void {
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  expect(after, `${path} unchanged`).not.toBe(before);
  writeFileSync(path, after);
}

/**
 * What the no-legacy-tasks-api markers ask of a person, done the simplest way they offer: "register
 * the tool with `registerTool` and finish within the call", and drop the SDK task store, its import
 * and the `tasks` capability (with their markers and the SDK codemod's notes on them).
 */
function makeIndexToolSynchronous(project: string): void {
  edit(join(project, 'src', 'index.ts'), (source) =>
    source
      .split('\n')
      .filter(
        (line) =>
          !/InMemoryTaskStore|^\s*taskStore, |^\s*tasks: \{|mcp-migrate\(no-legacy-tasks-api\)/.test(line) &&
          !/@mcp-codemod-error .*(?:tasks|taskStore)/.test(line),
      )
      .join('\n'),
  );
  edit(join(project, 'src', 'tasks.ts'), (source) => {
    const start = source.indexOf('export function registerIndexTool');
    expect(start).toBeGreaterThan(0);
    return `${source.slice(0, start)}export function registerIndexTool(server: McpServer, projects: () => Promise<string[]>): void {
  server.registerTool(
    'index_workspace',
    {
      title: 'Index workspace notes',
      description: 'Rebuild .notes/INDEX.md (a table of contents of every note) in each open project.',
      inputSchema: z.object({ project: z.string().optional().describe('Only this project (folder name); all by default') }),
    },
    async ({ project }) => buildIndex((await projects()).filter((dir) => !project || projectName(dir) === project)),
  );
}
`;
  });
}

/**
 * Everything the built server writes to stdout while it answers one request and then sees stdin
 * close: the raw lines, since the v2 client's stdio transport skips lines that are not JSON.
 */
async function stdoutLines(cwd: string, request: object): Promise<string[]> {
  const child = spawn(process.execPath, ['dist/index.js'], { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
  let stdout = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const kill = setTimeout(() => child.kill(), 10_000);
  try {
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('"id":1')) resolve();
      });
      child.on('exit', () => resolve());
      child.stdin.write(`${JSON.stringify(request)}\n`);
    });
    child.stdin.end();
    await exited;
  } finally {
    clearTimeout(kill);
    child.kill();
  }
  return stdout.split('\n').filter((line) => line !== '');
}

type ToolResult = Awaited<ReturnType<Client['callTool']>>;
const textOf = (result: ToolResult) => JSON.stringify(result.content);

describe('fix --upgrade-sdk on the bundled legacy stdio example', () => {
  const project = copyFixtureProject('legacy-stdio', work, 'workspace-notes');

  it('is a working SDK v1 project before the migration: it installs and builds', () => {
    installDependencies(project);
    const { status, output } = buildProject(project);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 120_000);

  it('moves package.json and the code to the v2 server package', () => {
    const report = fix(project);
    expect(report.files.map((f) => f.file)).toEqual(expect.arrayContaining(['package.json', 'src/index.ts', 'src/tasks.ts']));
    // The task store's v1 import stays (v2 has none), but index.ts is on v2 now: the transforms that need v2 run in the same pass.
    const index = report.files.find((f) => f.file === 'src/index.ts');
    expect(index?.edits).toMatchObject({
      'upgrade-sdk': expect.any(Number),
      'stdio-serve': 1,
      'logging-to-request-log': expect.any(Number),
      'client-info-meta': expect.any(Number),
      // summarize_note's sampling request, and the roots request of askClientForProjects(), moved to its callers.
      'push-to-input-required': 2,
    });
    const source = readFileSync(join(project, 'src', 'index.ts'), 'utf8');
    expect(source).toContain('serveStdio(');
    expect(source).toContain('async function askClientForProjects({ roots }: { roots: Root[] }): Promise<string[]> {');
    expect(source).toContain('workspaceDirs = await askClientForProjects(rootsResponse);');
    expect(source).toContain('return inputRequired({ inputRequests: { roots: inputRequired.listRoots() } });');
    expect(source).toContain('return inputRequired({ inputRequests: { result: inputRequired.createMessage({');
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toContain('@modelcontextprotocol/server');
    expect(manifest.dependencies).not.toHaveProperty('@modelcontextprotocol/sdk');
    expect(readFileSync(join(project, 'src', 'tasks.ts'), 'utf8')).not.toContain('@modelcontextprotocol/sdk');
  });

  it('leaves the SDK Tasks API to a person, and nothing else keeps it from type-checking', () => {
    installDependencies(project); // the v2 packages package.json names now
    const index = readFileSync(join(project, 'src', 'index.ts'), 'utf8').split('\n');
    // The one v1 import left (v2 has no task store), marked.
    expect(index.filter((line) => line.includes('@modelcontextprotocol/sdk') && line.startsWith('import'))).toEqual([
      expect.stringContaining('InMemoryTaskStore'),
    ]);
    const { status, output } = buildProject(project);
    expect(status).not.toBe(0);
    const errors = output.split('\n').filter((line) => / error TS\d+/.test(line));
    expect(errors.length).toBeGreaterThan(0);
    const outsideTasks = errors.filter((line) => {
      const at = /^src\/(\w+)\.ts\((\d+),/.exec(line);
      if (at?.[1] === 'tasks') return false; // server.experimental.tasks.registerToolTask and its callbacks
      // The task store: its option, and its v1 import, which no longer resolves (package.json names only v2 now).
      return !(at?.[1] === 'index' && /^\s*taskStore, |InMemoryTaskStore.*@modelcontextprotocol\/sdk/.test(index[Number(at[2]) - 1] ?? ''));
    });
    expect(outsideTasks).toEqual([]);
  }, 120_000);

  it('builds with no tsc output once the task tool is synchronous, and a further fix finds nothing new', () => {
    makeIndexToolSynchronous(project);
    git(project, 'add', '-A');
    git(project, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'fix --upgrade-sdk, and index_workspace without the SDK Tasks API');
    expect(fix(project).files).toEqual([]);
    const source = readFileSync(join(project, 'src', 'index.ts'), 'utf8');
    expect(source).toContain('serveStdio(');
    expect(source).not.toContain('@modelcontextprotocol/sdk');

    const { status, output } = buildProject(project);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('leaves only manual findings, each at a marker', () => {
    expectOnlyMarkedManualFindings(jsonReport(runCli(['audit', '--format', 'json', '--fail-on', 'none'], { cwd: project })));
  });

  it('serves a client pinned to 2026-07-28 over stdio', async () => {
    const client = new Client(
      { name: 'e2e', version: '1.0.0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: { roots: {}, sampling: {} } },
    );
    // Handlers a 2026-07-28 client fulfils input requests with; push-style requests never reach them.
    const asked: string[] = [];
    client.setRequestHandler('roots/list', async () => {
      asked.push('roots/list');
      return { roots: [{ uri: `file://${project}`, name: 'workspace-notes' }] };
    });
    client.setRequestHandler('sampling/createMessage', async () => {
      asked.push('sampling/createMessage');
      return { role: 'assistant', model: 'e2e', content: { type: 'text', text: '- summary' } };
    });
    // A line on stdout that is not JSON-RPC reaches the client as a transport error.
    const errors: Error[] = [];
    client.onerror = (error) => errors.push(error);
    const transport = new StdioClientTransport({ command: process.execPath, args: ['dist/index.js'], cwd: project, stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      // connect() sends server/discover and fails unless the server offers 2026-07-28.
      await client.connect(transport);
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');

      const tools = (await client.listTools()) as Awaited<ReturnType<Client['listTools']>> & { ttlMs?: unknown; cacheScope?: unknown };
      expect(tools.tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['list_projects', 'summarize_note', 'unlock_editing', 'index_workspace']));
      expect(tools.ttlMs).toEqual(expect.any(Number));
      expect(['public', 'private']).toContain(tools.cacheScope);

      // Tools and resources that need neither roots nor sampling: notes of the project the server runs in.
      const unlocked = await client.callTool({ name: 'unlock_editing', arguments: { userConfirmed: true } });
      expect(textOf(unlocked)).toContain('append_note is now available');
      const saved = await client.callTool({ name: 'append_note', arguments: { title: 'E2E check', markdown: '# E2E check\nover stdio' } });
      expect(saved.isError).toBeFalsy();
      expect(textOf(saved)).toContain('Saved e2e-check.md');
      const note = await client.readResource({ uri: 'notes://workspace-notes/e2e-check.md' });
      expect(note.contents).toEqual([expect.objectContaining({ mimeType: 'text/markdown', text: '# E2E check\nover stdio\n' })]);
      await expect(client.readResource({ uri: 'notes://workspace-notes/no-such-note.md' })).rejects.toMatchObject({ code: -32602 });

      // Roots and sampling through input_required: the server answers with the request it needs, the
      // client fulfils it with its own handler and retries, and the retry completes with the answer.
      const projects = await client.callTool({ name: 'list_projects', arguments: {} });
      expect(projects.isError).toBeFalsy();
      expect(textOf(projects)).toContain(`workspace-notes (${project}): 1 notes`);
      expect(asked).toEqual(['roots/list']);
      const summary = await client.callTool({ name: 'summarize_note', arguments: { name: 'e2e-check.md' } });
      expect(summary.isError).toBeFalsy();
      expect(summary.content).toEqual([{ type: 'text', text: '- summary' }]);
      expect(asked).toEqual(['roots/list', 'sampling/createMessage']);

      expect(errors.map((error) => error.message)).toEqual([]);
    } catch (error) {
      throw new Error(`${String(error)}\nserver stderr:\n${stderr}`, { cause: error });
    } finally {
      await client.close();
    }
  });

  it('writes only JSON-RPC to stdout (fix moved its console.log to stderr)', async () => {
    // Any request will do (without the 2026-07-28 `_meta` this one gets a JSON-RPC error): what
    // matters is what else reaches stdout before and after the answer, such as a startup banner.
    const lines = await stdoutLines(project, { jsonrpc: '2.0', id: 1, method: 'server/discover', params: {} });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    expect(lines.map((line) => (JSON.parse(line) as { jsonrpc?: unknown }).jsonrpc)).toEqual(lines.map(() => '2.0'));
    expect(readFileSync(join(project, 'src', 'index.ts'), 'utf8')).toContain('console.error(`workspace-notes ${VERSION} running on stdio`)');
  });

  it('changes nothing on a further run', () => {
    const run = runCli(['fix', '--upgrade-sdk', '--check', '--format', 'json'], { cwd: project });
    expect(run.status, run.stdout).toBe(0);
    expect((JSON.parse(run.stdout) as { files: unknown[] }).files).toEqual([]);
  });
});
