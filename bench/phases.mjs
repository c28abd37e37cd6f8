/**
 * Times the phases of one in-thread audit (what `--jobs 1` does) through the built engine's own
 * modules: discovery, reading and prefiltering every file, loading ESLint + the parser, and
 * parsing and running the rules on the files the prefilter let through. Each phase is measured
 * in CPU time, which other processes on the machine disturb far less than wall time. Run as a
 * child process per measurement, so module loading is measured cold:
 *
 *   node bench/phases.mjs <repo root> <tree>   → one JSON line on stdout
 */
const [root, tree] = process.argv.slice(2);
const dist = (path) => import(new URL(`dist/${path}`, `file://${root.replace(/\/?$/, '/')}`).href);

/** CPU milliseconds of this process so far. */
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const t0 = cpu();
const [{ discoverFiles }, { prefilterFor }, { resolveSeverities }, { readSourceSync }] = await Promise.all([
  dist('src/engine/discover.js'),
  dist('src/engine/prefilter.js'),
  dist('src/engine/audit.js'),
  dist('src/engine/read-source.js'),
]);
const t1 = cpu();
const discovery = await discoverFiles({ cwd: tree, paths: ['.'], include: [], exclude: [] });
const t2 = cpu();
const severities = resolveSeverities({}, [], []);
const prefilter = prefilterFor(Object.keys(severities));
const toParse = [];
let bytes = 0;
for (const file of discovery.files) {
  const read = readSourceSync(file.absolute);
  if (!read.ok) continue;
  bytes += read.bytes;
  const { ruleIds, hasDirective } = prefilter.scan(read.text);
  if (ruleIds.length > 0 || hasDirective) toParse.push({ ...file, text: read.text, ruleIds });
}
const t3 = cpu();
const { LintRunner } = await dist('src/engine/lint.js');
const runner = new LintRunner({ severities });
const t4 = cpu();
let findings = 0;
for (const file of toParse) findings += runner.lint({ absolute: file.absolute, relative: file.relative, text: file.text, ruleIds: file.ruleIds }).findings.length;
const t5 = cpu();

process.stdout.write(
  `${JSON.stringify({
    files: discovery.files.length,
    parsed: toParse.length,
    findings,
    bytes,
    ms: {
      loadEngine: Math.round(t1 - t0),
      discover: Math.round(t2 - t1),
      readAndPrefilter: Math.round(t3 - t2),
      loadLinter: Math.round(t4 - t3),
      parseAndRules: Math.round(t5 - t4),
    },
  })}\n`,
);
