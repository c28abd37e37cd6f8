import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Server as V1Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport as V1Transport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { jsonReport, runCli } from '../helpers/cli.js';
import { buildProjectAsync, copyFixtureProject, installDependenciesAsync, runCliAsync } from '../helpers/migrated-project.js';
import { startServerPair } from '../helpers/round-robin.js';

/**
 * Issue 5, item 3: after `fix --upgrade-sdk` (each project with its own dependencies from the npm
 * registry, before and after), the clients of the legacy-clients example talk to a
 * migrated 2026-07-28 server (the Express example, migrated the same way, two instances behind a
 * round-robin balancer) and complete a tool call without `initialize`.
 *
 * - `src/run-tool.ts`, an SDK v1 `Client`, becomes an SDK v2 `Client` with
 *   `versionNegotiation: { mode: 'auto' }` (the codemod, then `client-negotiation`): it runs here,
 *   against the migrated server and, to show that 'auto' keeps 2025 servers working, an SDK v1 one.
 * - `src/companion.ts` gets the same rewrite, but it is an interactive prompt that needs the runbook
 *   server's task tools: only its rewrite is checked.
 * - `src/call-tool.ts`, a hand-rolled `fetch` client with no SDK, is rewritten by
 *   `hand-rolled-client` (the `_meta` envelope, `Mcp-Method`/`Mcp-Name`, the 2026-07-28 version,
 *   no handshake, no session, no DELETE): it runs here against the migrated server.
 * - `src/smoke.ts`, the hand-rolled smoke check, gets the same envelope, headers and version, but
 *   its `initialize` result is read and its session id logged, so the handshake, the session, the
 *   GET stream and the cancellation keep a marker each: those markers are what is checked.
 */
const work = mkdtempSync(join(tmpdir(), 'mcp-migrate-e2e-clients-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface FixReport {
  files: { file: string; edits: Record<string, number> }[];
  failed: unknown[];
}

/** Runs `node <script> ...args` in `cwd` with `env`; resolves with its exit code and output. */
function runNode(script: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs = 20_000): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${script} did not finish within ${timeoutMs} ms:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/**
 * A 2025 server that cannot speak 2026-07-28: SDK v1, a stateless Streamable HTTP transport per
 * request, one `add_note` tool. Records the JSON-RPC method of each POST.
 */
async function startV1Server(): Promise<{ url: string; methods: string[]; close: () => Promise<void> }> {
  const methods: string[] = [];
  const http = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { method?: string }) : undefined;
    if (body?.method) methods.push(body.method);
    const server = new V1Server({ name: 'notes-2025', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: 'add_note', inputSchema: { type: 'object' as const } }] }));
    server.setRequestHandler(CallToolRequestSchema, async (request) => ({ content: [{ type: 'text' as const, text: `Saved notes://${String(request.params.arguments?.title)}` }] }));
    const transport = new V1Transport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    methods,
    close: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

describe('fix --upgrade-sdk on the legacy clients, run against a migrated server', () => {
  const clients = copyFixtureProject('legacy-clients', work);
  const server = copyFixtureProject('legacy-streamable-http', work);
  const fixes: Record<string, FixReport> = {};

  beforeAll(async () => {
    // Each project with its own dependencies from the npm registry (SDK v1, from its lockfile).
    await Promise.all([clients, server].map(installDependenciesAsync));
    // Both migrations at once: each spends much of its time in the official codemod's child process.
    const runs = await Promise.all([clients, server].map((project) => runCliAsync(['fix', '--upgrade-sdk', '--format', 'json'], project)));
    for (const [index, project] of [clients, server].entries()) {
      const run = runs[index]!;
      if (run.status !== 0) throw new Error(`fix --upgrade-sdk failed in ${project}:\n${run.stdout}\n${run.stderr}`);
      fixes[project] = JSON.parse(run.stdout) as FixReport;
    }
    // The v2 packages the migrated package.json files name now.
    await Promise.all([clients, server].map(installDependenciesAsync));
  }, 240_000);

  it('moves both SDK clients to SDK v2 with versionNegotiation', () => {
    expect(fixes[clients]!.failed).toEqual([]);
    const edited = Object.fromEntries(fixes[clients]!.files.map((file) => [file.file, file.edits]));
    expect(edited['src/run-tool.ts']).toMatchObject({ 'upgrade-sdk': expect.any(Number), 'client-negotiation': 1 });
    expect(edited['src/companion.ts']).toMatchObject({ 'client-negotiation': 1 });
    expect(edited['src/call-tool.ts']).toMatchObject({ 'hand-rolled-client': expect.any(Number) });
    expect(edited['src/smoke.ts']).toMatchObject({ 'hand-rolled-client': expect.any(Number) });
    const runTool = readFileSync(join(clients, 'src', 'run-tool.ts'), 'utf8');
    expect(runTool).not.toContain('@modelcontextprotocol/sdk');
    expect(runTool).toContain("new Client({ name: 'ops-run-tool', version: '1.4.0' }, { versionNegotiation: { mode: 'auto' } });");
    expect(readFileSync(join(clients, 'src', 'companion.ts'), 'utf8')).toMatch(/elicitation: \{ form: \{\}, url: \{\} \},\n {6}\},\n {6}versionNegotiation: \{ mode: 'auto' \},\n/);
  });

  it('builds the migrated server cleanly and the clients with only the marked Tasks API left', async () => {
    const [serverBuild, clientBuild] = await Promise.all([buildProjectAsync(server), buildProjectAsync(clients)]);
    expect(serverBuild.output).toBe('');
    expect(serverBuild.status).toBe(0);
    // SDK v2 has no Tasks runtime (`client.experimental.tasks`): tasks-extension marks those calls
    // for a person, and they are the only type errors. tsc still writes dist/.
    const errors = clientBuild.output.split('\n').filter((line) => line.includes('error TS'));
    expect(errors.length).toBeGreaterThan(0);
    const companion = readFileSync(join(clients, 'src', 'companion.ts'), 'utf8').split('\n');
    for (const error of errors) {
      const match = /^src\/companion\.ts\((\d+),\d+\): error TS2339: Property 'experimental' does not exist on type 'Client'\.$/.exec(error);
      expect(match, error).not.toBeNull();
      expect(companion[Number(match![1]) - 2], `a marker above line ${match![1]}`).toContain('/* mcp-migrate(no-legacy-tasks-api)');
    }
    expect(existsSync(join(clients, 'dist', 'run-tool.js'))).toBe(true);
  });

  it('rewrites the hand-rolled fetch clients where it is certain, with a marker at each shape left', () => {
    const report = jsonReport(runCli(['audit', '--format', 'json', '--fail-on', 'none'], { cwd: clients }));
    expect(report.errors).toEqual([]);
    // Nothing left for the SDK clients' construction: the negotiation was the transform's to add.
    expect(report.findings.filter((finding) => finding.ruleId === 'require-modern-sdk-entry')).toEqual([]);

    // call-tool.ts: all that is left is reading `content` without a `resultType` check, marked.
    const callTool = report.findings.filter((finding) => finding.file === 'src/call-tool.ts');
    expect(callTool.map((finding) => `${finding.ruleId} ${finding.fix} ${String(finding.marked)}`)).toEqual(['require-result-type-check manual true']);
    const callToolSource = readFileSync(join(clients, 'src', 'call-tool.ts'), 'utf8');
    expect(callToolSource).toContain("const PROTOCOL_VERSION = '2026-07-28';");
    expect(callToolSource).toContain('params: { ...params, _meta: requestMeta }');
    expect(callToolSource).toContain("'io.modelcontextprotocol/clientInfo': { name: 'ops-call-tool', version: '1.4.0' },");
    expect(callToolSource).toContain('...mcpRequestHeaders(message),');
    for (const gone of ["rpc('initialize'", 'notifications/initialized', 'sessionId', "'Mcp-Session-Id'", "method: 'DELETE'"]) expect(callToolSource).not.toContain(gone);

    // smoke.ts: the envelope, the headers and the version are rewritten; the rest is marked.
    const smoke = report.findings.filter((finding) => finding.file === 'src/smoke.ts');
    expect(new Set(smoke.map((finding) => finding.ruleId))).toEqual(
      new Set([
        'no-initialize-handshake',
        'no-session-id-header',
        'no-standalone-get-stream',
        'no-stream-resumption',
        'no-legacy-cancellation',
        'no-ping',
        'no-legacy-subscriptions',
      ]),
    );
    expect(smoke.filter((finding) => finding.fix !== 'manual' || !finding.marked).map((f) => `${f.line} ${f.ruleId}`)).toEqual([]);
    const source = readFileSync(join(clients, 'src', 'smoke.ts'), 'utf8');
    expect(source).toContain("return { jsonrpc: '2.0', id: nextId++, method, params: { ...params, _meta: requestMeta } };");
    expect(source).not.toContain("'2025-06-18', //");
    expect(source).toContain("request('initialize', {");
    expect(source).toMatch(/\/\* mcp-migrate\(no-initialize-handshake\): Sends the 2025 `initialize` handshake message[^\n]*\n\s*const message = request\('initialize'/);
  });

  it('completes a tool call with the rewritten hand-rolled client: no initialize, no session, no DELETE', async () => {
    const { balancer, stop } = await startServerPair(server);
    try {
      const env = { RUNBOOK_MCP_URL: `${balancer.url}/mcp` };

      // Two calls, so that they reach both instances of the round-robin pair.
      for (const title of ['hand-rolled one', 'hand-rolled two']) {
        const call = await runNode('dist/call-tool.js', ['add_note', JSON.stringify({ title, body: 'from the migrated fetch client' })], clients, env);
        expect(call.stderr).toBe('');
        expect(call.status).toBe(0);
        expect(call.stdout).toMatch(/^Saved notes:\/\/\S+\n$/);
      }

      expect(balancer.forwarded.map((request) => request.method)).toEqual(['POST', 'POST']);
      for (const request of balancer.forwarded) {
        expect(request.status).toBe(200);
        expect(request.rpcMethods).toEqual(['tools/call']);
        expect(request.requestHeaders['mcp-protocol-version']).toBe('2026-07-28');
        expect(request.requestHeaders['mcp-method']).toBe('tools/call');
        expect(request.requestHeaders['mcp-name']).toBe('add_note');
        expect(request.requestHeaders).not.toHaveProperty('mcp-session-id');
        expect(request.responseHeaders).not.toHaveProperty('mcp-session-id');
      }
      expect(new Set(balancer.forwarded.map((request) => request.instance))).toEqual(new Set([0, 1]));
    } finally {
      await stop();
    }
  });

  it('completes a tool call through the balancer with server/discover and no initialize', async () => {
    const { balancer, stop } = await startServerPair(server);
    try {
      const env = { RUNBOOK_MCP_URL: `${balancer.url}/mcp` };

      const call = await runNode('dist/run-tool.js', ['add_note', JSON.stringify({ title: 'e2e', body: 'from the migrated client' })], clients, env);
      expect(call.stderr).toBe('');
      expect(call.status).toBe(0);
      expect(call.stdout).toMatch(/^Saved notes:\/\/\S+\n$/);

      const posts = balancer.forwarded.filter((request) => request.method === 'POST');
      const methods = posts.flatMap((request) => request.rpcMethods);
      expect(methods).toContain('server/discover');
      expect(methods).toContain('tools/call');
      expect(methods).not.toContain('initialize');
      expect(methods).not.toContain('notifications/initialized');
      // Every request spoke 2026-07-28 and named its method in the header, as the revision requires.
      for (const request of posts) {
        expect(request.status, request.rpcMethods.join()).toBe(200);
        expect(request.requestHeaders['mcp-protocol-version'], request.rpcMethods.join()).toBe('2026-07-28');
        expect(request.requestHeaders['mcp-method'], request.rpcMethods.join()).toBe(request.rpcMethods[0]);
      }
      expect(new Set(posts.map((request) => request.instance))).toEqual(new Set([0, 1]));
      expect(balancer.forwarded.filter((request) => 'mcp-session-id' in request.responseHeaders)).toEqual([]);

      // The control: what the official codemod alone leaves, an SDK v2 Client with the default
      // negotiation, still runs the 2025 handshake against the same server.
      const before = balancer.forwarded.length;
      const codemodOnly = new Client({ name: 'codemod-only', version: '1.0.0' });
      try {
        await codemodOnly.connect(new StreamableHTTPClientTransport(new URL(`${balancer.url}/mcp`)));
        expect(balancer.forwarded.slice(before).flatMap((request) => request.rpcMethods)).toContain('initialize');
      } finally {
        await codemodOnly.close();
      }
    } finally {
      await stop();
    }
  });

  it("still completes the call against a 2025 server: 'auto' falls back to initialize", async () => {
    const legacy = await startV1Server();
    try {
      const call = await runNode('dist/run-tool.js', ['add_note', JSON.stringify({ title: 'fallback', body: 'to 2025' })], clients, { RUNBOOK_MCP_URL: legacy.url });
      expect(call.stderr).toBe('');
      expect(call.status).toBe(0);
      expect(call.stdout).toBe('Saved notes://fallback\n');
      expect(legacy.methods).toEqual(['server/discover', 'initialize', 'notifications/initialized', 'tools/call']);
    } finally {
      await legacy.close();
    }
  });
});

