import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { buildProject, copyFixtureProject, expectOnlyMarkedManualFindings, installDependencies } from '../helpers/migrated-project.js';
import { jsonReport, runCli } from '../helpers/cli.js';
import { startServerPair } from '../helpers/round-robin.js';

/**
 * The migration of the hand-rolled legacy example (no SDK: `node:http` and a `switch` on the
 * method), with its own dependencies installed from the npm registry: plain `fix` (it imports
 * no SDK, so there is nothing for `--upgrade-sdk` to do), its own build, `audit`, then two instances behind a round-robin balancer driven by a client pinned
 * to 2026-07-28. Where the migrated server still fails that client because the fix is a
 * person's job, the test asserts the marker that says so, and what the client sees, so that it
 * cannot pass by accident.
 */
const work = mkdtempSync(join(tmpdir(), 'mcp-migrate-e2e-hand-rolled-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const marker = (ruleId: string) => `/* mcp-migrate(${ruleId}):`;

/** The line after a marker for `ruleId` that contains `text`: the marker sits on the line before the code it is about. */
function markedLine(source: string, ruleId: string, text: string): boolean {
  const lines = source.split('\n');
  return lines.some((line, index) => line.includes(marker(ruleId)) && lines.slice(index + 1, index + 4).some((next) => next.includes(text)));
}

describe('fix on the hand-rolled legacy example (no SDK)', () => {
  const project = copyFixtureProject('legacy-hand-rolled', work, 'project');
  // The workspace the server serves: one npm script, so one `run_hello` tool that needs no language server.
  const workspace = join(work, 'workspace');
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'package.json'), JSON.stringify({ name: 'ws', private: true, scripts: { hello: 'echo hello from the workspace' } }));
  writeFileSync(join(workspace, 'index.ts'), 'export const answer = 42;\n');
  let server = '';

  it('is a working project before the migration: it installs its dependencies and builds', () => {
    installDependencies(project);
    const tsc = buildProject(project);
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('adds server/discover beside initialize, narrows the session gate and moves the tasks fields', () => {
    expect(readFileSync(join(project, 'src', 'server.ts'), 'utf8')).not.toMatch(/@modelcontextprotocol\/sdk/);
    const run = runCli(['fix', '--format', 'json'], { cwd: project });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { files: { file: string; edits: Record<string, number> }[]; failed: unknown[] };
    expect(report.failed).toEqual([]);
    const edits = report.files.find((f) => f.file === 'src/server.ts')?.edits ?? {};
    expect(edits).toHaveProperty('initialize-to-discover');
    expect(edits).toHaveProperty('tasks-extension');
    expect(edits).toHaveProperty('resource-not-found-code');
    expect(edits).toHaveProperty('get-stream-405');
    server = readFileSync(join(project, 'src', 'server.ts'), 'utf8');
    expect(server).toContain(`case 'server/discover': {`);
    expect(server).toContain(`supportedVersions: ['2026-07-28']`);
    expect(server).toContain(`'io.modelcontextprotocol/serverInfo': SERVER_INFO`);
    // The gate that refused every request without a session now lets 2026-07-28 requests through, with a marker to check what follows.
    expect(server).toContain(`if (message.method !== 'initialize' && Object(Object(message.params)._meta)['io.modelcontextprotocol/protocolVersion'] === undefined)`);
    expect(markedLine(server, 'no-initialize-handshake', `message.method !== 'initialize' &&`)).toBe(true);
    // Tasks: the renamed fields and the extension capability; tasks/list is gone.
    expect(server).toContain('ttlMs: job.retainMs');
    expect(server).toContain('pollIntervalMs: TASK_POLL_INTERVAL_MS');
    expect(server).toContain(`extensions: { 'io.modelcontextprotocol/tasks': {} }`);
    expect(server).not.toContain(`case 'tasks/list'`);
    // The file's own error table sends -32602 for a missing resource; its other entries are untouched.
    expect(server).toMatch(/^  ResourceNotFound: -32602, \/\/ /m);
    expect(server).toContain('  InvalidParams: -32602,\n');
    // GET and DELETE without a live session answer 405; the 2025 stream and session end stay, marked.
    expect(server).toContain(`res.writeHead(405, { 'Content-Type': 'text/plain', Allow: 'POST' }).end('Invalid or missing session ID');`);
    expect(server).toContain(`res.writeHead(405, { Allow: 'POST' }).end();`);
    expect(markedLine(server, 'no-standalone-get-stream', `case 'GET':`)).toBe(true);
    expect(markedLine(server, 'no-standalone-get-stream', `case 'DELETE':`)).toBe(true);
  });

  it('type-checks and builds with its own tsconfig and TypeScript', () => {
    const tsc = buildProject(project);
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('leaves only manual findings, each error and warning at a marker', () => {
    expectOnlyMarkedManualFindings(jsonReport(runCli(['audit', '--format', 'json', '--fail-on', 'none'], { cwd: project })));
  });

  it('serves a client pinned to 2026-07-28 from two instances, as far as the fix goes', async () => {
    const { balancer, stop } = await startServerPair(project, (port) => ({ PORT: String(port), TSINTEL_ROOT: workspace }));
    const client = new Client({ name: 'e2e', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    /** A 2026-07-28 request sent by hand: the headers and `_meta` envelope the client sends, declaring the Tasks extension. */
    const post = async (method: string, params: Record<string, unknown> = {}, name?: string) => {
      const answer = await fetch(`${balancer.url}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2026-07-28',
          'mcp-method': method,
          ...(name ? { 'mcp-name': name } : {}),
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method,
          params: {
            ...params,
            _meta: {
              'io.modelcontextprotocol/protocolVersion': '2026-07-28',
              'io.modelcontextprotocol/clientCapabilities': { extensions: { 'io.modelcontextprotocol/tasks': {} } },
            },
          },
        }),
      });
      return { status: answer.status, body: (await answer.json()) as { result?: Record<string, unknown>; error?: { code: number; data?: unknown } } };
    };
    try {
      // connect() sends server/discover (the route initialize-to-discover added) and fails unless it offers 2026-07-28.
      await client.connect(new StreamableHTTPClientTransport(new URL(`${balancer.url}/mcp`)));
      const discovered = await post('server/discover');
      expect(discovered.body.result).toMatchObject({
        resultType: 'complete',
        supportedVersions: ['2026-07-28'],
        ttlMs: 0,
        cacheScope: 'private',
        capabilities: { extensions: { 'io.modelcontextprotocol/tasks': {} } },
        _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'tsintel' } },
      });
      expect(discovered.body.result).not.toHaveProperty('serverInfo');

      // tools/list: require-result-fields' safe fix added resultType and the conservative cache hints.
      const tools = (await client.listTools()) as Awaited<ReturnType<Client['listTools']>> & { ttlMs?: unknown; cacheScope?: unknown };
      expect(tools.tools.map((tool) => tool.name)).toContain('run_hello');
      expect(tools).toMatchObject({ ttlMs: 0, cacheScope: 'private' });

      // A tool call works on both instances: tools/call results got `resultType: 'complete'` (a safe rule fix).
      for (let i = 0; i < 2; i++) {
        const called = await client.callTool({ name: 'run_hello', arguments: {} });
        expect(JSON.stringify(called.content)).toContain('hello from the workspace');
        expect(called.isError).toBe(false);
      }
      const calls = balancer.forwarded.filter((request) => request.method === 'POST');
      expect(new Set(calls.map((request) => request.instance))).toEqual(new Set([0, 1]));

      // A missing resource answers -32602 with the uri: resource-not-found-code changed the file's own `ErrorCode` table entry.
      const missingUri = pathToFileURL(join(workspace, 'missing.ts')).href;
      const missing = await post('resources/read', { uri: missingUri }, missingUri);
      expect(missing.body.error).toMatchObject({ code: -32602, data: { uri: missingUri } });
      await expect(client.readResource({ uri: missingUri })).rejects.toMatchObject({ code: -32602 });

      // Tasks, as far as tasks-extension goes: tasks/list is gone (-32601), an unknown taskId is -32602,
      // and the server never creates a task for a 2026-07-28 client (it still reads `params.task`; the marker says to decide there).
      expect((await post('tasks/list')).body.error?.code).toBe(-32601);
      expect((await post('tasks/get', { taskId: 'no-such-task' }, 'no-such-task')).body.error?.code).toBe(-32602);
      const untasked = await post('tools/call', { name: 'run_hello', arguments: {} }, 'run_hello');
      expect(untasked.body.result).toMatchObject({ resultType: 'complete', isError: false });
      expect(markedLine(server, 'no-legacy-tasks-api', 'const task = params.task')).toBe(true);
      expect(markedLine(server, 'no-legacy-tasks-api', `case 'tasks/result'`)).toBe(true);

      // GET and DELETE /mcp: a 2026-07-28 client names no session, so both answer 405 with Allow: POST
      // (the 2025 event stream and session end stay for 2025 clients, which always send their session id).
      const get = await fetch(`${balancer.url}/mcp`, { headers: { accept: 'text/event-stream', 'mcp-protocol-version': '2026-07-28' } });
      await get.body?.cancel();
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toBe('POST');
      const del = await fetch(`${balancer.url}/mcp`, { method: 'DELETE', headers: { 'mcp-protocol-version': '2026-07-28' } });
      await del.body?.cancel();
      expect(del.status).toBe(405);
      expect(del.headers.get('allow')).toBe('POST');

      // No response carries Mcp-Session-Id: only the 2025 `initialize` route mints one.
      expect(balancer.forwarded.filter((request) => 'mcp-session-id' in request.responseHeaders)).toEqual([]);
    } finally {
      await client.close();
      await stop();
    }
  });

  it('changes nothing on a second run', () => {
    const run = runCli(['fix', '--check', '--format', 'json'], { cwd: project });
    expect(run.status, run.stdout).toBe(0);
    expect((JSON.parse(run.stdout) as { files: unknown[] }).files).toEqual([]);
  });
});
