import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { toolVersion } from './package-info.js';
import { formats } from './report/index.js';
import { UsageError } from './usage-error.js';

const failLevels = ['error', 'warning', 'info', 'none'];

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return number;
}

async function sizeInBytes(value: string): Promise<number> {
  const { parseSize } = await import('./engine/read-source.js');
  const size = parseSize(value);
  if (size === undefined || size < 1) throw new UsageError(`--max-file-size: "${value}" is not a size such as 2mb, 512kb or 1048576`);
  return size;
}

const program = new Command('mcp-migrate')
  .description('Find and fix the code in MCP servers and clients that breaks under MCP protocol revision 2026-07-28.')
  .version(toolVersion, '-v, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

program
  .command('audit')
  .description('Report every place that breaks, or is deprecated, under MCP 2026-07-28. Writes nothing.')
  .argument('[paths...]', 'files or directories to audit (default: the current directory)')
  .addOption(new Option('-f, --format <format>', 'report format (default: pretty)').choices([...formats]))
  .option('-o, --output <file>', 'write the report to a file instead of stdout')
  .addOption(new Option('--fail-on <level>', 'exit with 1 when a finding is at or above this level').choices(failLevels).default('error'))
  .option('--rule <id>', 'run only this rule (repeatable)', collect)
  .option('--skip-rule <id>', 'do not run this rule (repeatable)', collect)
  .option('-c, --config <file>', 'configuration file (JSON, or a JS module exporting it)')
  .option('--no-config', 'ignore mcp-migrate.config.json and package.json#mcpMigrate')
  .option('--include <glob>', 'audit only files matching this glob (repeatable)', collect)
  .option('--exclude <glob>', 'do not audit files matching this glob (repeatable)', collect)
  .option('-j, --jobs <n>', 'worker threads for parsing (default: one fewer than the CPUs, 1 to 8; 1 = no workers)', positiveInteger)
  .option('--max-file-size <size>', 'report instead of parsing MCP files larger than this (default: 2mb)')
  .option('--cache', 'reuse the outcome of files unchanged since the last cached audit, and keep this one (default location: node_modules/.cache/mcp-migrate/audit-cache.json; without node_modules, in the git directory; outside git, .mcp-migrate-cache.json)')
  .option('--cache-location <file>', 'the cache file (implies --cache)')
  .option('--no-progress', 'never show the progress line (it only shows on a terminal, outside CI)')
  .option('--color', 'force colours in the pretty format')
  .option('--no-color', 'no colours in the pretty format')
  .action(async (paths: string[], options) => {
    const { runAudit } = await import('./commands/audit.js');
    const maxFileSize = options.maxFileSize === undefined ? undefined : await sizeInBytes(options.maxFileSize as string);
    process.exitCode = await runAudit(paths, {
      ...options,
      rule: options.rule ?? [],
      skipRule: options.skipRule ?? [],
      include: options.include ?? [],
      exclude: options.exclude ?? [],
      maxFileSize,
    });
  });

program
  .command('fix')
  .description('Rewrite the code that breaks under MCP 2026-07-28, file by file, each file a transaction; markers where a person must decide.')
  .argument('[paths...]', 'files or directories to fix (default: the current directory)')
  .option('--dry-run', 'write nothing; print a unified diff of every file that would change, and the summary')
  .option('--check', 'write nothing; exit with 1 if any file would change (for CI)')
  .option('--allow-dirty', 'rewrite even when the git work tree has uncommitted changes')
  .option('--upgrade-sdk', 'first move SDK v1 code and package.json to the v2 packages with the official @modelcontextprotocol/codemod')
  .option('--transform <id>', 'run only this transform (repeatable)', collect)
  .option('--skip-transform <id>', 'do not run this transform (repeatable)', collect)
  .addOption(new Option('-f, --format <format>', 'result report format (default: pretty)').choices(['pretty', 'json', 'markdown']))
  .option('--report <file>', 'write the result report to this file; the terminal still gets the summary')
  .option('-c, --config <file>', 'configuration file (its include/exclude apply)')
  .option('--no-config', 'ignore mcp-migrate.config.json and package.json#mcpMigrate')
  .action(async (paths: string[], options) => {
    const { runFix } = await import('./commands/fix.js');
    process.exitCode = await runFix(paths, { ...options, transform: options.transform ?? [], skipTransform: options.skipTransform ?? [] });
  });

program
  .command('pr')
  .description('Commit the migration on a branch, one commit per transform, write the pull request body, and with --open push it and open or update the pull request (gh).')
  .argument('[paths...]', 'files or directories to migrate (default: the current directory)')
  .option('-b, --branch <name>', 'the migration branch, made anew from the current commit on every run (default: mcp-migrate/2026-07-28)')
  .option('--body-file <file>', 'where to write the pull request body (default: .mcp-migrate/pr-body.md, which git is told to ignore)')
  .option('--open', 'push the branch and open the pull request with gh, or update the one already open')
  .option('--remote <name>', 'the git remote --open pushes to (default: origin)')
  .option('--repo <owner/name>', 'the GitHub repository, for links to marker lines and for gh (default: $GITHUB_REPOSITORY)')
  .option('--json', 'print what it did as JSON')
  .option('--upgrade-sdk', 'first move SDK v1 code and package.json to the v2 packages (its own commit)')
  .option('--transform <id>', 'run only this transform (repeatable)', collect)
  .option('--skip-transform <id>', 'do not run this transform (repeatable)', collect)
  .option('-c, --config <file>', 'configuration file (its include/exclude apply)')
  .option('--no-config', 'ignore mcp-migrate.config.json and package.json#mcpMigrate')
  .action(async (paths: string[], options) => {
    const { runPr } = await import('./commands/pr.js');
    process.exitCode = await runPr(paths, { ...options, transform: options.transform ?? [], skipTransform: options.skipTransform ?? [] });
  });

program
  .command('list')
  .description('List the rules, engine checks and transforms with their levels, fix levels and docs.')
  .option('--json', 'print JSON')
  .action(async (options: { json?: boolean }) => {
    const { runList } = await import('./commands/list.js');
    process.exitCode = runList(options);
  });

program
  .command('explain')
  .description("Show a rule's documentation: what it flags, why, examples, and how to fix it.")
  .argument('<rule-id>', 'a rule id from `mcp-migrate list`')
  .option('--no-color', 'no colours')
  .action(async (id: string, options: { color?: boolean }) => {
    const { runExplain } = await import('./commands/explain.js');
    process.exitCode = await runExplain(id, options);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

/** 0 for `--help`/`--version`; 2 for every usage, configuration or internal error. */
function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof UsageError) {
    process.stderr.write(`mcp-migrate: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(`mcp-migrate: internal error, please report it: ${(error as Error)?.stack ?? String(error)}\n`);
  return 2;
}
