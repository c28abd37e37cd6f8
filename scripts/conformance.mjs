#!/usr/bin/env node
/**
 * Runs the official MCP conformance suite (`@modelcontextprotocol/conformance`, the server
 * scenarios a protocol revision requires) against the bundled legacy example after
 * `mcp-migrate fix --upgrade-sdk`, and, for contrast, against the same example unmigrated.
 *
 *   npm run conformance [-- --write-doc] [-- --no-v1] [-- --keep]
 *
 * The example is copied to a temporary directory, committed to a fresh git repository, migrated
 * with our CLI (needs dist/: `npm run conformance` builds it first), given its own dependencies
 * from the npm registry (`npm install`: SDK v1 from its lockfile, or the v2 packages the migrated
 * package.json names), built with its own tsconfig and TypeScript, and started on a free
 * loopback port. The suite needs Node 22 (its build imports `globSync` from `fs`) and is an
 * alpha, so neither is a dependency of this package: both are installed from the npm registry
 * into a cache directory under the OS temp directory on the first run and reused after that.
 * This script is not part of `npm test` or CI.
 *
 * Prints one line per scenario and one per failed (or warned) check, with the reason the check
 * gave and the cause we assign it (see `classify`). `--write-doc` regenerates the results part of
 * docs/conformance.md (between its `results:begin`/`results:end` comments); the prose around it is
 * written by hand. `--no-v1` skips the unmigrated run; `--keep` keeps the temporary directory.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONFORMANCE_VERSION = '0.2.0-alpha.12';
export const NODE_VERSION = '22.23.3';
export const REVISION = '2026-07-28';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'test', 'fixtures', 'projects', 'legacy-streamable-http');
const docPath = join(root, 'docs', 'conformance.md');
const flags = new Set(process.argv.slice(2));

// --- toolchain: Node 22 and the suite, from the npm registry, cached ---

/** The Node 22 binary and the suite's entry point, installed into a cache directory once. */
function toolchain() {
  const nodePackage = `node-${process.platform}-${process.arch}`;
  const cache = join(tmpdir(), 'mcp-migrate-conformance', `conformance-${CONFORMANCE_VERSION}-node-${NODE_VERSION}`);
  const node = join(cache, 'node_modules', nodePackage, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  const cli = join(cache, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
  if (!existsSync(node) || !existsSync(cli)) {
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, 'package.json'), '{ "private": true }\n');
    console.error(`Installing ${nodePackage}@${NODE_VERSION} and @modelcontextprotocol/conformance@${CONFORMANCE_VERSION} into ${cache}`);
    // No install scripts: the platform package carries the binary itself, and the suite needs none.
    const npm = spawnSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel=error', `${nodePackage}@${NODE_VERSION}`, `@modelcontextprotocol/conformance@${CONFORMANCE_VERSION}`],
      { cwd: cache, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' },
    );
    if (npm.status !== 0 || !existsSync(node) || !existsSync(cli)) throw new Error(`npm install in ${cache} failed`);
  }
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  return { node, cli, nodeVersion: version };
}

/** Scenario name → how the revision counts it: `required`, or why it is run but not scored. */
function scenarioKinds(tools) {
  const listing = execFileSync(tools.node, [tools.cli, 'list', '--requirements', REVISION], { encoding: 'utf8' });
  const kinds = new Map();
  let section;
  let group;
  for (const line of listing.split('\n')) {
    if (/^Server scenarios/.test(line)) section = 'server';
    else if (/^Client scenarios/.test(line)) section = 'client';
    else if (/never scored/.test(line)) section = 'unscored';
    const heading = /^ {2}([a-z-]+) \(\d+\):$/.exec(line);
    if (heading) group = heading[1];
    const required = /^ {2}- (\S+)$/.exec(line);
    if (required && section === 'server') kinds.set(required[1], 'required');
    const unscored = /^ {4}- (\S+) \[server\]$/.exec(line);
    if (unscored && section === 'unscored') kinds.set(unscored[1], group ?? 'unscored');
  }
  return kinds;
}

// --- the example: copy, migrate, build, start ---

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** A copy of the example in `work/<name>`, committed, migrated if asked, built into dist/. */
function prepare(work, name, migrate) {
  const project = join(work, name);
  cpSync(example, project, { recursive: true });
  run('git', ['init', '-q'], project);
  run('git', ['add', '-A'], project);
  run('git', ['-c', 'user.email=conformance@example.com', '-c', 'user.name=conformance', 'commit', '-qm', 'v1 server'], project);
  let fix;
  if (migrate) {
    const report = JSON.parse(run(process.execPath, [join(root, 'bin', 'mcp-migrate.js'), 'fix', '--upgrade-sdk', '--format', 'json'], project));
    if (report.failed.length > 0) throw new Error(`fix failed on ${JSON.stringify(report.failed)}`);
    fix = report;
  }
  run(npmCommand, [migrate ? 'install' : 'ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], project);
  run(process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], project);
  return { project, fix };
}

async function freePort() {
  const probe = createServer();
  await new Promise((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address();
  await new Promise((done) => probe.close(done));
  return port;
}

/** `node dist/server.js` on `port`, resolved once it prints "listening on". */
function startServer(project, port) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['dist/server.js'], { cwd: project, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      fail(new Error(`the server did not start within 20 s:\n${output}`));
    }, 20_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/listening on/.test(output)) {
        clearTimeout(timer);
        done(child);
      }
    });
    child.stderr.on('data', (chunk) => void (output += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited with ${code} before it listened:\n${output}`));
    });
  });
}

function stop(child) {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

// --- the suite ---

/** Runs the suite's server scenarios for REVISION against `url`; returns each scenario's checks. */
function conformance(tools, url, outDir) {
  const args = [tools.cli, 'server', '--url', url, '--requirements', REVISION, '--output-dir', outDir];
  // It exits non-zero when a scenario fails; the results are in outDir either way.
  const result = spawnSync(tools.node, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 });
  if (!existsSync(outDir)) throw new Error(`the conformance run wrote no results:\n${result.stdout}${result.stderr}`);
  const scenarios = new Map();
  for (const entry of readdirSync(outDir).sort()) {
    const name = /^server-(.+)-\d{4}-\d\d-\d\dT[\d-]+Z$/.exec(entry)?.[1];
    const file = join(outDir, entry, 'checks.json');
    if (name && existsSync(file)) scenarios.set(name, JSON.parse(readFileSync(file, 'utf8')));
  }
  return { scenarios, exitCode: result.status };
}

// --- why a check failed ---

/**
 * The cause we assign to a failed or warned check, from its id and message. The categories:
 *   transform  (a) our transforms should fix it
 *   marker     (b) a manual marker the migration leaves
 *   sdk        (c) the SDK v2 runtime
 *   suite      (d) the test suite (an alpha)
 *   fixture    (e) the scenario drives the suite's reference server: tools, resources and prompts
 *                  named test_* / test://… , or a feature (prompts, completions, tasks) this server
 *                  does not offer; nothing to migrate
 *   example    (f) how the example itself is written, the same before the migration
 *   v1         the unmigrated v1 server: it does not speak 2026-07-28 (expected)
 */
export function classify(scenario, check, migrated) {
  const message = check.errorMessage ?? '';
  if (!migrated) return { cause: 'v1', note: 'the v1 server does not speak 2026-07-28' };
  const byId = {
    'localhost-host-rebinding-rejected': {
      cause: 'example',
      note: 'the example listens on every interface for a load balancer and never validated Host/Origin (v1 neither); SDK v2 createMcpHandler validates nothing by design',
    },
    'sep-2549-prompts-list-caching-hints': { cause: 'suite', note: 'calls prompts/list although server/discover declares no prompts capability' },
    'sep-2663-tasks-methods-non-declaring': { cause: 'sdk', note: 'SDK 2.4 answers tasks/* with -32601 when the tasks extension is not declared; the suite wants -32021' },
    'sep-2663-tasks-get-invalid-task-id-32602': { cause: 'sdk', note: 'SDK 2.4 answers tasks/get with -32601 when the tasks extension is not declared' },
    'tasks-extension-advertised': { cause: 'fixture', note: 'the example offers no tasks, so it declares no tasks extension' },
    'sep-2663-server-returns-missing-capability-when-required': { cause: 'fixture', note: 'calls the suite tool failing_job, unknown here (-32602)' },
    'sep-2575-server-sends-tools-list-changed-on-subscription': { cause: 'fixture', note: 'mutates the tool list through the suite tool test_trigger_tool_change, unknown here' },
    'sep-2322-multi-round-r1': { cause: 'fixture', note: 'calls the suite tool test_input_required_result_multi_round, unknown here' },
    'sep-2322-missing-response-rerequests': { cause: 'fixture', note: 'calls a suite test_input_required_result_* tool, unknown here' },
  };
  if (byId[check.id]) return byId[check.id];
  const tool = /Tool (\S+) not found/.exec(message) ?? /diagnostic tool '([^']+)'/.exec(message);
  if (tool) return { cause: 'fixture', note: `calls the suite tool ${tool[1]}, unknown here` };
  const resource = /Resource not found: (test:\/\/\S+)/.exec(message);
  if (resource) return { cause: 'fixture', note: `reads the suite resource ${resource[1]}, unknown here` };
  if (/x-mcp-header/.test(message)) return { cause: 'fixture', note: 'needs a tool with x-mcp-header annotations; the example has none' };
  if (/^(Not testable: no task was created|Prerequisite failed|routing-task fixture)/.test(message)) return { cause: 'fixture', note: 'follows a step that needed a suite tool' };
  if (/Method not found/.test(message) && /^prompts-|^completion-|non-tool/.test(scenario)) {
    return { cause: 'fixture', note: `${scenario.startsWith('completion') ? 'completions' : 'prompts'}: the example offers none` };
  }
  return { cause: 'unclassified', note: 'not classified yet: read its checks.json' };
}

const causeLabels = {
  transform: '(a) transform',
  marker: '(b) marker',
  sdk: '(c) SDK runtime',
  suite: '(d) test suite',
  fixture: '(e) suite fixture',
  example: '(f) example',
  v1: 'v1 (expected)',
  unclassified: 'unclassified',
};

function summarize(scenarios, kinds, migrated) {
  const rows = [];
  // In the suite's own order: the required scenarios first, then those run but not scored.
  for (const name of [...kinds.keys(), ...[...scenarios.keys()].filter((name) => !kinds.has(name))]) {
    const checks = scenarios.get(name);
    if (!checks) {
      rows.push({ name, kind: kinds.get(name) ?? 'unlisted', passed: false, counts: { success: 0, failure: 0, warning: 0, skipped: 0 }, problems: [{ id: '(no checks.json)', status: 'FAILURE', message: 'the scenario wrote no results', ...classify(name, { id: '', errorMessage: '' }, migrated) }] });
      continue;
    }
    const failed = checks.filter((check) => check.status === 'FAILURE');
    const warned = checks.filter((check) => check.status === 'WARNING');
    rows.push({
      name,
      kind: kinds.get(name) ?? 'unlisted',
      passed: failed.length === 0,
      counts: { success: checks.filter((c) => c.status === 'SUCCESS').length, failure: failed.length, warning: warned.length, skipped: checks.filter((c) => c.status === 'SKIPPED').length },
      problems: [...failed, ...warned].map((check) => ({ id: check.id, status: check.status, message: check.errorMessage ?? '', ...classify(name, check, migrated) })),
    });
  }
  return rows;
}

// --- output ---

function printRows(title, rows, detailed) {
  console.log(`\n${title}`);
  for (const row of rows) {
    const { success, failure, warning } = row.counts;
    const first = row.problems.find((problem) => problem.status === 'FAILURE');
    console.log(`${row.passed ? 'PASS' : 'FAIL'}  ${row.name.padEnd(48)} ${row.kind.padEnd(9)} ${success} ok, ${failure} failed${warning ? `, ${warning} warning` : ''}${!detailed && first ? `: ${first.message.slice(0, 90)}` : ''}`);
    for (const problem of detailed ? row.problems : []) {
      console.log(`        ${problem.status === 'WARNING' ? 'warn' : 'fail'} ${problem.id}: ${causeLabels[problem.cause]}: ${problem.note}`);
    }
  }
  const required = rows.filter((row) => row.kind === 'required');
  console.log(`Required scenarios: ${required.filter((row) => row.passed).length} of ${required.length} pass; all scenarios run: ${rows.filter((row) => row.passed).length} of ${rows.length}.`);
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdown(meta, migratedRows, v1Rows) {
  const lines = [];
  const required = migratedRows.filter((row) => row.kind === 'required');
  lines.push(
    `Run on ${meta.date} with \`@modelcontextprotocol/conformance@${CONFORMANCE_VERSION}\` under Node ${meta.nodeVersion}, against the bundled`,
    `legacy example after \`mcp-migrate fix --upgrade-sdk\` (mcp-migrate ${meta.version}, \`@modelcontextprotocol/server\` ${meta.serverVersion}):`,
    '',
    '```',
    `conformance server --url http://127.0.0.1:<port>/mcp --requirements ${REVISION} --output-dir <dir>`,
    '```',
    '',
    `**Migrated server:** ${required.filter((row) => row.passed).length} of ${required.length} required scenarios pass` +
      ` (${required.reduce((n, row) => n + row.counts.success, 0)} checks pass, ${required.reduce((n, row) => n + row.counts.failure, 0)} fail);` +
      ` of the ${migratedRows.length - required.length} scenarios run but not scored for ${REVISION}, ${migratedRows.filter((row) => row.kind !== 'required' && row.passed).length} pass.`,
  );
  if (v1Rows) {
    const v1Required = v1Rows.filter((row) => row.kind === 'required');
    lines.push(
      '',
      `**Unmigrated v1 server:** ${v1Required.filter((row) => row.passed).length} of ${v1Required.length} required scenarios pass` +
        ` (${v1Required.reduce((n, row) => n + row.counts.success, 0)} checks pass, ${v1Required.reduce((n, row) => n + row.counts.failure, 0)} fail).`,
    );
  }
  lines.push('', '| Scenario | Counted for 2026-07-28 | Migrated | Checks passed / failed |' + (v1Rows ? ' Unmigrated v1 |' : ''), '|---|---|---|---|' + (v1Rows ? '---|' : ''));
  for (const row of migratedRows) {
    const v1 = v1Rows?.find((other) => other.name === row.name);
    lines.push(
      `| \`${row.name}\` | ${row.kind === 'required' ? 'required' : `no (${row.kind})`} | ${row.passed ? 'pass' : '**fail**'} | ${row.counts.success} / ${row.counts.failure}${row.counts.warning ? ` (+${row.counts.warning} warning)` : ''} |` +
        (v1Rows ? ` ${v1 ? (v1.passed ? 'pass' : 'fail') : 'not run'} |` : ''),
    );
  }
  lines.push('', '### Failed checks of the migrated server', '', '| Scenario | Check | Suite says | Cause |', '|---|---|---|---|');
  for (const row of migratedRows) {
    for (const problem of row.problems) {
      lines.push(`| \`${row.name}\` | \`${problem.id}\`${problem.status === 'WARNING' ? ' (warning)' : ''} | ${cell(problem.message.length > 160 ? `${problem.message.slice(0, 159)}…` : problem.message)} | ${causeLabels[problem.cause]}: ${cell(problem.note)} |`);
    }
  }
  const counts = {};
  for (const problem of migratedRows.flatMap((row) => row.problems)) counts[problem.cause] = (counts[problem.cause] ?? 0) + 1;
  lines.push('', `By cause: ${Object.entries(counts).map(([cause, n]) => `${causeLabels[cause]} ${n}`).join(', ')}.`);
  if (v1Rows) {
    const messages = new Map();
    for (const problem of v1Rows.flatMap((row) => row.problems.filter((p) => p.status === 'FAILURE' && p.id !== 'wire-schema-valid'))) {
      const key = problem.message.replace(/\s+/g, ' ').replace(/^(Failed|JSON-RPC error): /, '').slice(0, 120);
      messages.set(key, (messages.get(key) ?? 0) + 1);
    }
    lines.push('', '### What the unmigrated v1 server answers', '', '| Failed checks | Most common messages |', '|---|---|');
    for (const [message, n] of [...messages].sort((a, b) => b[1] - a[1]).slice(0, 6)) lines.push(`| ${n} | ${cell(message || '(no message)')} |`);
  }
  return lines.join('\n');
}

function writeDoc(results) {
  const begin = '<!-- results:begin (scripts/conformance.mjs --write-doc writes this part) -->';
  const end = '<!-- results:end -->';
  const current = readFileSync(docPath, 'utf8');
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${docPath} has no ${begin} … ${end} section`);
  writeFileSync(docPath, `${current.slice(0, from + begin.length)}\n${results}\n${current.slice(to)}`);
  console.log(`\nWrote ${docPath}`);
}

// --- main ---

async function main() {
  const tools = toolchain();
  const kinds = scenarioKinds(tools);
  const work = mkdtempSync(join(tmpdir(), 'mcp-migrate-conformance-'));
  const servers = [];
  try {
    const runs = {};
    let migratedProject = '';
    for (const [name, migrate] of [['migrated', true], ...(flags.has('--no-v1') ? [] : [['v1', false]])]) {
      const { project } = prepare(work, name, migrate);
      if (migrate) migratedProject = project;
      const port = await freePort();
      const server = await startServer(project, port);
      servers.push(server);
      const { scenarios } = conformance(tools, `http://127.0.0.1:${port}/mcp`, join(work, `results-${name}`));
      await stop(server);
      runs[name] = summarize(scenarios, kinds, migrate);
      printRows(`${name === 'migrated' ? 'Migrated' : 'Unmigrated v1'} server, conformance ${CONFORMANCE_VERSION}, --requirements ${REVISION}, Node ${tools.nodeVersion}:`, runs[name], migrate);
    }
    if (flags.has('--write-doc')) {
      const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
      const serverVersion = JSON.parse(readFileSync(join(migratedProject, 'node_modules', '@modelcontextprotocol', 'server', 'package.json'), 'utf8')).version;
      const date = new Date().toISOString().slice(0, 10);
      writeDoc(markdown({ date, nodeVersion: tools.nodeVersion, version, serverVersion }, runs.migrated, runs.v1));
    }
    const unclassified = Object.values(runs).flat().flatMap((row) => row.problems).filter((problem) => problem.cause === 'unclassified');
    if (unclassified.length > 0) {
      console.error(`\n${unclassified.length} failed check(s) have no cause yet: classify them in scripts/conformance.mjs`);
      process.exitCode = 1;
    }
  } finally {
    await Promise.all(servers.map(stop));
    if (flags.has('--keep')) console.error(`Kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
