import { execFileSync } from 'node:child_process';
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runOnce } from './measure.mjs';

/**
 * The tools the benchmark runs side by side on one tree, each as a command line plus a reader
 * of its output that says how many files it looked at and what it found, so the table can show
 * that they did comparable work.
 *
 * `context`: { repoRoot, tree, scratch, sourceFiles (relative to tree, as audit discovers them), tokens }.
 */
export const sourceGlob = '*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

function cli(context) {
  return [process.execPath, join(context.repoRoot, 'bin/mcp-migrate.js')];
}

function auditCommand(context, extra) {
  return [...cli(context), 'audit', '--format', 'json', '--fail-on', 'none', '--no-progress', ...extra];
}

function auditTool(id, label, extra, hooks = {}) {
  return {
    id,
    label,
    ...hooks,
    command: (context) => auditCommand(context, typeof extra === 'function' ? extra(context) : extra),
    read(result) {
      const report = JSON.parse(result.stdout);
      const { findings, filesDiscovered, filesParsed, errors, cache } = report.summary;
      const notes = [errors > 0 ? `${errors} file errors` : '', cache ? `${cache.hits} from the cache` : ''];
      return {
        files: filesDiscovered,
        parsed: filesParsed,
        findings: findings.total,
        // ESLint's recommended config drops what the audit reports at `info` (code gated to 2025 clients).
        comparableFindings: findings.error + findings.warning,
        note: notes.filter(Boolean).join('; '),
      };
    },
  };
}

/**
 * `audit --cache` after one untimed audit filled the cache: on an unchanged tree (an editor's or
 * a pre-commit re-run), and with every file's modification time moved before each run, as in a
 * CI job that restores the cache into a fresh checkout (every file is read and hashed again).
 */
const cacheFile = (context) => join(context.scratch, 'audit-cache.json');
const cacheOption = (context) => ['--cache-location', cacheFile(context)];
const fillCache = {
  async setup(context) {
    rmSync(cacheFile(context), { force: true });
    await runOnce(auditCommand(context, cacheOption(context)), context.tree);
  },
};
function touchEverySourceFile(context) {
  const now = new Date();
  for (const file of context.sourceFiles) utimesSync(join(context.tree, file), now, now);
}

/** A flat config outside the tree that loads our built plugin's recommended config with the typescript-eslint parser. */
function writeEslintConfig(context) {
  const require = createRequire(join(context.repoRoot, 'package.json'));
  const parser = pathToFileURL(require.resolve('@typescript-eslint/parser')).href;
  const plugin = pathToFileURL(join(context.repoRoot, 'dist/src/plugin.js')).href;
  const path = join(context.scratch, 'eslint.config.mjs');
  writeFileSync(
    path,
    `import tsParser from ${JSON.stringify(parser)};
import mcpMigrate from ${JSON.stringify(plugin)};

export default [
  { files: ['**/${sourceGlob}'], languageOptions: { parser: tsParser } },
  mcpMigrate.configs.recommended,
];
`,
  );
  return path;
}

/** Linux allows about 2 MB of arguments; keep well below it. */
const maxArgumentBytes = 1_000_000;

const eslintTool = {
  id: 'eslint',
  label: 'eslint CLI + our plugin (recommended)',
  slow: true,
  command(context) {
    const require = createRequire(join(context.repoRoot, 'package.json'));
    const eslintBin = join(dirname(require.resolve('eslint/package.json')), 'bin/eslint.js');
    const config = writeEslintConfig(context);
    // The same files audit lints: its own discovery's list, so .gitignore'd files are out for both.
    const bytes = context.sourceFiles.reduce((sum, file) => sum + file.length + 1, 0);
    const files = bytes < maxArgumentBytes ? context.sourceFiles : ['.'];
    this.listedFiles = files !== context.sourceFiles ? 'the directory (file list too long for one command line)' : undefined;
    return [process.execPath, eslintBin, '-c', config, '--format', 'json', '--no-warn-ignored', ...files];
  },
  read(result) {
    if (result.status === 2) return { note: `eslint failed: ${result.stderr.trim().split('\n')[0]}` };
    const results = JSON.parse(result.stdout);
    let findings = 0;
    let fatal = 0;
    for (const file of results) for (const message of file.messages) message.fatal ? fatal++ : findings++;
    const notes = [fatal > 0 ? `${fatal} parse errors` : '', this.listedFiles ? `given ${this.listedFiles}` : ''].filter(Boolean);
    return { files: results.length, parsed: results.length, findings, comparableFindings: findings, note: notes.join('; ') };
  },
};

const codemodTool = {
  id: 'codemod',
  label: 'official @modelcontextprotocol/codemod v1-to-v2 --dry-run',
  slow: true,
  command(context) {
    const require = createRequire(join(context.repoRoot, 'package.json'));
    // The package exports no package.json; its bin sits next to the entry point.
    const bin = join(dirname(require.resolve('@modelcontextprotocol/codemod')), 'cli.mjs');
    return [process.execPath, bin, 'v1-to-v2', '--dry-run', '.'];
  },
  read(result) {
    const changes = /Changes: (\d+) across (\d+) file/.exec(result.stdout);
    const note = [
      result.status !== 0 ? `exited with ${result.status}: ${(result.stderr || result.stdout).trim().split('\n').at(-1)}` : '',
      changes ? `${changes[1]} changes in ${changes[2]} files` : '',
      'walks the directory itself (skips node_modules, dist)',
    ].filter(Boolean);
    return { note: note.join('; ') };
  },
};

const fixTool = {
  id: 'fix',
  label: 'mcp-migrate fix --dry-run',
  // Close to a minute on 10,000 files: one run keeps the whole bench within minutes.
  slow: true,
  command: (context) => [...cli(context), 'fix', '--dry-run', '--format', 'json'],
  read(result) {
    if (result.status === 2) return { note: `fix failed: ${result.stderr.trim().split('\n')[0]}` };
    const { summary } = JSON.parse(result.stdout);
    return { files: summary.filesDiscovered, note: `${summary.filesChanged} files would change, ${summary.edits} edits, ${summary.markersAdded} markers` };
  },
};

function hasRipgrep() {
  try {
    execFileSync('rg', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const floorTool = {
  id: 'grep',
  label: 'floor: grep -rl over the prefilter tokens',
  command(context) {
    const patterns = join(context.scratch, 'tokens.txt');
    writeFileSync(patterns, `${context.tokens.join('\n')}\n`);
    if (hasRipgrep()) {
      this.label = 'floor: rg -l over the prefilter tokens';
      // rg honours .gitignore itself, as audit does.
      return ['rg', '-l', '-i', '-F', '-f', patterns, '-g', sourceGlob, '-g', '!*.d.ts', '.'];
    }
    const includes = sourceGlob.slice(3, -1).split(',').map((extension) => `--include=*.${extension}`);
    return ['grep', '-rliIF', '-f', patterns, ...includes, '--exclude=*.d.ts', '--exclude-dir=node_modules', '--exclude-dir=.git', '.'];
  },
  read(result) {
    // Exit 1 means "no file matched", not a failure.
    if (result.status > 1) return { note: `failed: ${result.stderr.trim()}` };
    const matched = result.stdout.split('\n').filter(Boolean).length;
    return { parsed: matched, note: `${matched} files hold a token` };
  },
};

export const tools = [
  auditTool('audit', 'mcp-migrate audit', []),
  auditTool('audit-jobs-1', 'mcp-migrate audit --jobs 1', ['--jobs', '1']),
  auditTool('audit-cache', 'mcp-migrate audit --cache (unchanged tree)', cacheOption, fillCache),
  auditTool('audit-cache-checkout', 'mcp-migrate audit --cache (fresh checkout: new mtimes)', cacheOption, {
    ...fillCache,
    before: touchEverySourceFile,
  }),
  eslintTool,
  codemodTool,
  fixTool,
  floorTool,
];
