import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { jsonReport, runCli } from '../helpers/cli.js';
import { buildProject, copyFixtureProject, expectOnlyMarkedManualFindings, installDependencies } from '../helpers/migrated-project.js';
import { startServerPair } from '../helpers/round-robin.js';

/**
 * The whole migration of the bundled legacy example (the one `npm run demo` audits), on a copy
 * with its own dependencies installed from the npm registry (SDK v1 from its lockfile, then the
 * v2 packages `fix --upgrade-sdk` puts in package.json): the official SDK codemod, our transforms, the safe fixes and the markers, then the two promises of issue 4:
 * the result type-checks against the installed v2 packages, and what `audit` still reports is
 * all `manual`, each finding with a marker. Then the migrated server runs: two instances behind a
 * round-robin balancer serve a client pinned to 2026-07-28 (issue 5): discovery, cached tool
 * lists, the -32602 of a missing resource, the per-session draft flow on a minted handle across
 * both instances, the delete confirmation through input_required and a retry, 405 on GET and
 * DELETE, and no Mcp-Session-Id anywhere.
 */
const work = mkdtempSync(join(tmpdir(), 'mcp-migrate-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('fix --upgrade-sdk on the bundled legacy example', () => {
  const project = copyFixtureProject('legacy-streamable-http', work);

  it('is a working SDK v1 project before the migration: it installs and builds', () => {
    installDependencies(project);
    const tsc = buildProject(project);
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);
    expect(JSON.parse(readFileSync(join(project, 'node_modules', '@modelcontextprotocol', 'sdk', 'package.json'), 'utf8'))).toMatchObject({ version: expect.stringMatching(/^1\./) });
  }, 120_000);

  it('moves package.json and the code to the v2 packages', () => {
    const run = runCli(['fix', '--upgrade-sdk', '--format', 'json'], { cwd: project });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { files: { file: string; edits: Record<string, number> }[]; failed: unknown[] };
    expect(report.failed).toEqual([]);
    expect(report.files.map((f) => f.file)).toContain('package.json');
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toEqual(expect.arrayContaining(['@modelcontextprotocol/server', '@modelcontextprotocol/node', '@modelcontextprotocol/client']));
    expect(manifest.dependencies).not.toHaveProperty('@modelcontextprotocol/sdk');
    // zod 3 cannot serve SDK v2's schemas: the official codemod only warns, --upgrade-sdk raises the range and says so.
    expect(manifest.dependencies.zod).toBe('^4.2.0');
    expect(run.stdout).toMatch(/zod \^3\.25\.0 → \^4\.2\.0 in dependencies/);
    const server = readFileSync(join(project, 'src', 'server.ts'), 'utf8');
    expect(server).not.toContain('@modelcontextprotocol/sdk');
  });

  it('installs the v2 packages it now names, type-checks against them, and builds', () => {
    installDependencies(project);
    for (const name of ['server', 'node', 'client']) {
      const installed = JSON.parse(readFileSync(join(project, 'node_modules', '@modelcontextprotocol', name, 'package.json'), 'utf8')) as { version: string };
      expect(installed.version, name).toMatch(/^2\./);
    }
    // Its own build with its own TypeScript: the type-check, and the code the next test runs.
    const tsc = buildProject(project);
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('leaves only manual findings, each at a marker', () => {
    expectOnlyMarkedManualFindings(jsonReport(runCli(['audit', '--format', 'json', '--fail-on', 'none'], { cwd: project })));
  });

  it('serves a client pinned to 2026-07-28 from two instances behind a round-robin balancer', async () => {
    // Both instances share one store (the example's stand-in for Redis), as a deployment's instances do.
    const store = join(work, 'shared-store.json');
    const { balancer, stop } = await startServerPair(project, (port) => ({ PORT: String(port), NOTES_STORE_FILE: store }));
    const client = new Client(
      { name: 'e2e', version: '1.0.0' },
      { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    // The user's answers to delete_note's confirmation: the client fulfils an input_required result through this handler, then retries.
    const asked: string[] = [];
    let confirm = false;
    client.setRequestHandler('elicitation/create', async (request) => {
      asked.push(request.params.message);
      return { action: 'accept', content: { confirm } };
    });
    try {
      // connect() sends server/discover and fails unless the server offers 2026-07-28.
      await client.connect(new StreamableHTTPClientTransport(new URL(`${balancer.url}/mcp`)));
      const tools = (await client.listTools()) as Awaited<ReturnType<Client['listTools']>> & { ttlMs?: unknown; cacheScope?: unknown };
      expect(tools.tools.map((tool) => tool.name)).toContain('add_note');
      expect(tools.ttlMs).toEqual(expect.any(Number));
      expect(['public', 'private']).toContain(tools.cacheScope);

      const saved = await client.callTool({ name: 'add_note', arguments: { title: 'e2e', body: 'through the balancer' } });
      expect(JSON.stringify(saved.content)).toContain('Saved notes://');
      // A missing resource answers -32602 (Invalid params), no longer -32002.
      await expect(client.readResource({ uri: 'notes://no-such-note' })).rejects.toMatchObject({ code: -32602 });

      // The draft flow kept its state under the session id; now start_draft mints a handle that
      // the later calls pass back, and the state sits in the shared store, so it holds even though
      // each call lands on the other instance.
      const callsOf = (tools: string[]) => balancer.forwarded.filter((request) => tools.includes(String(request.requestHeaders['mcp-name'])));
      const started = await client.callTool({ name: 'start_draft', arguments: { title: 'Across instances' } });
      const { draftId } = started.structuredContent as { draftId: string };
      expect(draftId).toMatch(/^[0-9a-f-]{36}$/);
      const firstLine = await client.callTool({ name: 'draft_note', arguments: { draftId, text: 'one' } });
      expect(firstLine.content).toEqual([{ type: 'text', text: 'Draft "Across instances": 3 characters' }]);
      const secondLine = await client.callTool({ name: 'draft_note', arguments: { draftId, text: 'two' } });
      expect(secondLine.content).toEqual([{ type: 'text', text: 'Draft "Across instances": 7 characters' }]);
      const published = await client.callTool({ name: 'publish_draft', arguments: { draftId } });
      expect(published.isError).toBeFalsy();
      expect(JSON.stringify(published.content)).toContain('Published notes://');
      const republished = await client.callTool({ name: 'publish_draft', arguments: { draftId } });
      expect(republished.isError).toBe(true);
      const draftCalls = callsOf(['start_draft', 'draft_note', 'publish_draft']).map((request) => request.instance);
      expect(draftCalls).toHaveLength(5);
      draftCalls.slice(1).forEach((instance, index) => expect(instance, `call ${index + 2} of the draft flow`).not.toBe(draftCalls[index]));

      // delete_note asked the user with a server-to-client elicitation; now it answers input_required,
      // the client asks its user and retries the call with the answer, and the retry lands on the
      // other instance, which reads the answer from the retry itself. Declined first, then accepted.
      const kept = await client.callTool({ name: 'delete_note', arguments: { id: 'welcome' } });
      expect(kept.content).toEqual([{ type: 'text', text: 'Kept notes://welcome' }]);
      confirm = true;
      const deleted = await client.callTool({ name: 'delete_note', arguments: { id: 'welcome' } });
      expect(deleted.content).toEqual([{ type: 'text', text: 'Deleted notes://welcome' }]);
      expect(asked).toEqual(['Delete "Welcome"? This cannot be undone.', 'Delete "Welcome"? This cannot be undone.']);
      const deleteCalls = callsOf(['delete_note']).map((request) => request.instance);
      expect(deleteCalls, 'each delete_note is the call and its retry').toHaveLength(4);
      expect(deleteCalls[1]).not.toBe(deleteCalls[0]);
      expect(deleteCalls[3]).not.toBe(deleteCalls[2]);

      for (const method of ['GET', 'DELETE']) {
        const answer = await fetch(`${balancer.url}/mcp`, { method, headers: { accept: 'application/json, text/event-stream' } });
        expect(answer.status, `${method} /mcp`).toBe(405);
      }
      const posts = balancer.forwarded.filter((request) => request.method === 'POST');
      expect(new Set(posts.map((request) => request.instance))).toEqual(new Set([0, 1]));
      expect(posts.every((request) => request.status === 200)).toBe(true);
      expect(balancer.forwarded.filter((request) => 'mcp-session-id' in request.responseHeaders)).toEqual([]);
    } finally {
      await client.close();
      await stop();
    }
  });

  it('changes nothing on a second run', () => {
    const run = runCli(['fix', '--upgrade-sdk', '--check', '--format', 'json'], { cwd: project });
    expect(run.status, run.stdout).toBe(0);
    expect((JSON.parse(run.stdout) as { files: unknown[] }).files).toEqual([]);
  });
});
