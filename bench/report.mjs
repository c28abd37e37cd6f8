/** The benchmark's human-readable output: the machine, the tools table, the scaling figures. */

const seconds = (ms) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const mib = (value) => (value === undefined ? 'n/a' : `${value} MiB`);
const percent = (from, to) => `${to >= from ? '+' : ''}${Math.round(((to - from) / from) * 100)}%`;

function table(header, rows) {
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => `  ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd()}`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** "25.3x slower" / "4.1x faster" than audit, from the audit's point of view. */
function ratio(result, audit) {
  if (!audit || result.id === 'audit' || result.wallMs === undefined) return '';
  const r = result.wallMs / audit.wallMs;
  return r >= 1 ? `${r.toFixed(1)}x slower` : `${(1 / r).toFixed(1)}x faster`;
}

export function printReport(report) {
  const { machine, tree, results, scaling } = report;
  const audit = results.find((r) => r.id === 'audit');
  const out = [];
  out.push(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}; load average at start ${machine.loadAverageAtStart.join(' ')}`);
  out.push(
    tree.mcpFiles === undefined
      ? `Tree: ${tree.dir} (${tree.files} source files as audit discovers them)`
      : `Tree: generated, ${tree.files} source files (${tree.mcpFiles} MCP, ${tree.ordinaryFiles} ordinary) in ${tree.packages} packages, ${tree.nodeModulesFiles} git-ignored files in node_modules; seed ${tree.seed}`,
  );
  out.push(`Medians of ${report.runs} runs (eslint, the official codemod and fix: ${report.slowRuns}); wall time measured around the process${report.memoryMeasured ? ', peak RSS by GNU time' : '; peak memory not measured (no /usr/bin/time)'}.`);
  out.push('');
  out.push(
    table(
      ['tool', 'runs', 'median wall', 'vs audit', 'CPU', 'peak RSS', 'files', 'parsed', 'findings', 'notes'],
      results.map((r) => [r.label, r.runs, seconds(r.wallMs), ratio(r, audit), seconds(r.cpuMs), mib(r.peakRssMiB), r.files ?? '', r.parsed ?? '', r.findings ?? '', r.note ?? '']),
    ),
  );
  const eslint = results.find((r) => r.id === 'eslint');
  if (audit && eslint && eslint.comparableFindings !== undefined) {
    const same = audit.comparableFindings === eslint.comparableFindings && audit.files === eslint.files;
    out.push('');
    out.push(
      `Sanity: audit linted ${audit.files} files and reported ${audit.comparableFindings} errors+warnings; eslint linted ${eslint.files} files and reported ${eslint.comparableFindings}: ${same ? 'the same' : 'DIFFERENT, check the setup'}.`,
    );
  }
  if (scaling) {
    const [base] = scaling;
    out.push('');
    out.push('Scaling of audit (default jobs). Phases: CPU time of one in-thread audit (bench/phases.mjs), medians of the same runs:');
    out.push(
      table(
        ['tree', 'files', 'MCP', 'parsed', 'audit', 'growth', 'CPU', 'CPU growth', 'discover', 'read+prefilter', 'load linter', 'parse+rules', 'parse+rules growth'],
        scaling.map((row) => [
          row.label,
          row.files,
          row.mcpFiles,
          row.parsed,
          seconds(row.wallMs),
          row === base ? '' : percent(base.wallMs, row.wallMs),
          seconds(row.cpuMs),
          row === base || row.cpuMs === undefined ? '' : percent(base.cpuMs, row.cpuMs),
          seconds(row.phases.discover),
          seconds(row.phases.readAndPrefilter),
          seconds(row.phases.loadLinter),
          seconds(row.phases.parseAndRules),
          row === base ? '' : `${(row.phases.parseAndRules / base.phases.parseAndRules).toFixed(2)}x`,
        ]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
