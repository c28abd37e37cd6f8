#!/usr/bin/env node
/**
 * `npm run bench`: mcp-migrate audit against the other ways to do the same job, side by side,
 * on one tree. See docs/performance.md for what it measures and the figures.
 *
 *   node bench/run.mjs [options] [existing directory]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultTreeOptions, generateTree } from './generate.mjs';
import { canMeasureMemory, measure, median, runOnce } from './measure.mjs';
import { printReport } from './report.mjs';
import { tools } from './tools.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const usage = `usage: node bench/run.mjs [options] [directory]

Without a directory, generates a synthetic monorepo (a git repository) under the system
temporary directory, measures, and deletes it. With one, measures that tree as it is.

  --files N         source files in the generated tree (default ${defaultTreeOptions.files})
  --mcp-share F     share of them that are MCP servers/clients (default ${defaultTreeOptions.mcpShare})
  --seed S          generator seed (default ${defaultTreeOptions.seed})
  --dir PATH        generate into PATH (must not exist) and keep it
  --keep            keep the generated trees and print where they are
  --runs N          timed runs per tool; the median is reported (default 3)
  --slow-runs N     timed runs for eslint, the official codemod and fix (default 1)
  --only LIST       comma-separated tools: ${tools.map((t) => t.id).join(',')}
  --no-scaling      skip the doubled trees (2x non-MCP files, 2x MCP files)
  --json            print the results as JSON on stdout instead of the table
  -h, --help        this text
`;

function fail(message) {
  process.stderr.write(`bench: ${message}\n\n${usage}`);
  process.exit(2);
}

function parseOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        files: { type: 'string' },
        'mcp-share': { type: 'string' },
        seed: { type: 'string' },
        dir: { type: 'string' },
        keep: { type: 'boolean' },
        runs: { type: 'string' },
        'slow-runs': { type: 'string' },
        only: { type: 'string' },
        'no-scaling': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail(error.message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  const whole = (name, text, fallback) => {
    if (text === undefined) return fallback;
    const number = Number(text);
    if (!Number.isInteger(number) || number < 1) fail(`--${name} must be a whole number of 1 or more, not "${text}"`);
    return number;
  };
  const share = values['mcp-share'] === undefined ? defaultTreeOptions.mcpShare : Number(values['mcp-share']);
  if (!(share >= 0 && share <= 0.5)) fail(`--mcp-share must be a fraction between 0 and 0.5 (0.01 is 1%), not "${values['mcp-share']}"`);
  const known = new Set(tools.map((t) => t.id));
  const only = values.only ? values.only.split(',').map((id) => id.trim()) : [...known];
  for (const id of only) if (!known.has(id)) fail(`--only: unknown tool "${id}"; known: ${[...known].join(', ')}`);
  if (positionals.length > 1) fail(`give at most one directory, not ${positionals.length}`);
  const target = positionals[0] === undefined ? undefined : resolve(positionals[0]);
  if (target && !existsSync(target)) fail(`${positionals[0]}: no such directory`);
  if (target && (values.dir || values.files || values['mcp-share'])) fail('--dir, --files and --mcp-share are for the generated tree; a directory is measured as it is');
  if (values.dir && existsSync(values.dir)) fail(`--dir ${values.dir} already exists; name a new directory`);
  return {
    target,
    files: whole('files', values.files, defaultTreeOptions.files),
    mcpShare: share,
    seed: values.seed ?? defaultTreeOptions.seed,
    dir: values.dir ? resolve(values.dir) : undefined,
    keep: Boolean(values.keep || values.dir),
    runs: whole('runs', values.runs, 3),
    slowRuns: whole('slow-runs', values['slow-runs'], 1),
    only,
    scaling: !values['no-scaling'] && !target && only.includes('audit'),
    json: Boolean(values.json),
  };
}

const say = (text) => process.stderr.write(`bench: ${text}\n`);

async function dist(path) {
  const file = join(repoRoot, 'dist', path);
  if (!existsSync(file)) fail(`${file} is missing: run \`npm run build\` first (npm run bench does)`);
  return import(pathToFileURL(file).href);
}

/** What the tools need to know about a tree: audit's own file list and prefilter tokens. */
async function contextFor(tree, scratch) {
  const [{ discoverFiles }, { rules }, { docsOf, pluginNamespace }] = await Promise.all([dist('src/engine/discover.js'), dist('rules/index.js'), dist('src/engine/catalog.js')]);
  const discovery = await discoverFiles({ cwd: tree, paths: ['.'], include: [], exclude: [] });
  const tokens = new Set([`${pluginNamespace}/`]);
  for (const rule of Object.values(rules)) for (const token of docsOf(rule).prefilter) tokens.add(token.toLowerCase());
  return { repoRoot, tree, scratch, sourceFiles: discovery.files.map((f) => f.relative), tokens: [...tokens] };
}

function flushToDisk() {
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // No sync(1) (Windows): the figures may include writeback.
  }
}

function generate(dir, options, label) {
  say(`generating ${label}: ${options.files} files, ${Math.round(options.files * options.mcpShare)} MCP, in ${dir}`);
  const started = performance.now();
  const tree = generateTree(dir, options);
  // Tens of thousands of new files are still being written back to disk; timing during that
  // writeback measured the 2x tree up to 40% slower in wall time for the same CPU time.
  flushToDisk();
  say(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s (${tree.nodeModulesFiles} files in node_modules, git-ignored)`);
  return tree;
}

async function measureTools(context, options) {
  // Warm the file cache (the tree, and our own and ESLint's modules) so the first tool timed is not penalised.
  say('warming up (one untimed grep and audit)');
  for (const id of ['grep', 'audit']) {
    const tool = tools.find((t) => t.id === id);
    await runOnce(tool.command(context), context.tree);
  }
  const results = [];
  for (const tool of tools.filter((t) => options.only.includes(t.id))) {
    const runs = tool.slow ? options.slowRuns : options.runs;
    say(`${tool.label}: ${runs} run${runs > 1 ? 's' : ''}…`);
    await tool.setup?.(context);
    const measured = await measure(tool.command(context), context.tree, runs, tool.before ? { before: () => tool.before(context) } : {});
    let read;
    try {
      read = tool.read(measured);
    } catch (error) {
      read = { note: `could not read its output (exit ${measured.status}): ${error.message}` };
    }
    say(`  median ${(measured.wallMs / 1000).toFixed(2)} s${measured.peakRssMiB ? `, peak ${measured.peakRssMiB.toFixed(0)} MiB, CPU ${(measured.cpuMs / 1000).toFixed(2)} s` : ''} (${measured.wallMsEach.map((ms) => (ms / 1000).toFixed(2)).join(', ')})`);
    results.push({ id: tool.id, label: tool.label, measured, runs, wallMs: Math.round(measured.wallMs), wallMsEach: measured.wallMsEach, peakRssMiB: measured.peakRssMiB && Math.round(measured.peakRssMiB), cpuMs: measured.cpuMs && Math.round(measured.cpuMs), status: measured.status, ...read });
  }
  return results;
}

/** The engine's phases, in a child process per run (cold module loading), medians over `runs`. */
async function phases(tree, runs) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    const result = await runOnce([process.execPath, join(repoRoot, 'bench/phases.mjs'), repoRoot, tree], tree);
    if (result.status !== 0) throw new Error(`bench/phases.mjs failed on ${tree}: ${result.stderr}`);
    all.push(JSON.parse(result.stdout));
  }
  const ms = Object.fromEntries(Object.keys(all[0].ms).map((phase) => [phase, median(all.map((run) => run.ms[phase]))]));
  return { ...all[0], ms };
}

/** `baseAudit`: the audit already measured on the base tree, reused rather than run again. */
async function scaling(base, baseAudit, options, root) {
  const auditTool = tools.find((t) => t.id === 'audit');
  const variants = [
    { id: 'base', label: 'base tree', files: options.files, mcpShare: options.mcpShare, dir: base.tree },
    // The same MCP files among twice as many ordinary ones.
    { id: 'double-non-mcp', label: '2x non-MCP files', files: options.files * 2, mcpShare: options.mcpShare / 2 },
    // Twice the MCP files, the same number of files in all.
    { id: 'double-mcp', label: '2x MCP files', files: options.files, mcpShare: options.mcpShare * 2 },
  ];
  const rows = [];
  for (const variant of variants) {
    if (!variant.dir) {
      variant.dir = join(root, variant.id);
      generate(variant.dir, { files: variant.files, mcpShare: variant.mcpShare, seed: options.seed }, variant.label);
    }
    let measured = variant.id === 'base' ? baseAudit : undefined;
    if (!measured) {
      const context = await contextFor(variant.dir, base.scratch);
      await runOnce(auditTool.command(context), variant.dir); // warm the file cache
      say(`scaling, ${variant.label}: audit ${options.runs} runs…`);
      measured = await measure(auditTool.command(context), variant.dir, options.runs);
    }
    const read = auditTool.read(measured);
    say(`scaling, ${variant.label}: phase profile, ${options.runs} runs…`);
    rows.push({
      id: variant.id,
      label: variant.label,
      files: read.files,
      mcpFiles: Math.round(variant.files * variant.mcpShare),
      parsed: read.parsed,
      findings: read.findings,
      wallMs: Math.round(measured.wallMs),
      peakRssMiB: measured.peakRssMiB && Math.round(measured.peakRssMiB),
      cpuMs: measured.cpuMs && Math.round(measured.cpuMs),
      phases: (await phases(variant.dir, options.runs)).ms,
    });
  }
  return rows;
}

function machine() {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    os: `${platform()} ${release()}`,
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  };
}

async function main() {
  const options = parseOptions();
  const startedAt = new Date().toISOString();
  const host = machine();
  // Where generated trees go; nothing is generated when measuring a directory as it is.
  const root = options.target ? undefined : (options.dir ?? mkdtempSync(join(tmpdir(), 'mcp-migrate-bench-')));
  const scratch = mkdtempSync(join(tmpdir(), 'mcp-migrate-bench-scratch-'));
  let tree;
  try {
    if (options.target) {
      tree = { tree: options.target };
      say(`measuring ${options.target} as it is`);
    } else {
      const dir = join(root, 'base');
      tree = { tree: dir, generated: generate(dir, options, 'the tree') };
    }
    const context = await contextFor(tree.tree, scratch);
    tree.scratch = scratch;
    say(`${context.sourceFiles.length} source files as audit discovers them`);
    const results = await measureTools(context, options);
    const scalingRows = options.scaling ? await scaling(tree, results.find((r) => r.id === 'audit').measured, options, root) : undefined;
    const report = {
      startedAt,
      machine: host,
      memoryMeasured: canMeasureMemory,
      tree: options.target ? { dir: options.target, files: context.sourceFiles.length } : { ...tree.generated, seed: options.seed, mcpShare: options.mcpShare, dir: options.keep ? tree.tree : undefined },
      runs: options.runs,
      slowRuns: options.slowRuns,
      results,
      scaling: scalingRows,
    };
    if (options.json) process.stdout.write(`${JSON.stringify(report, (key, value) => (key === 'measured' ? undefined : value), 2)}\n`);
    else process.stdout.write(printReport(report));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    if (root) {
      if (options.keep) say(`kept the generated trees in ${root}`);
      else rmSync(root, { recursive: true, force: true });
    }
  }
}

await main();
