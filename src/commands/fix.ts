import { resolve } from 'node:path';
import { writeFileAtomically } from '../engine/atomic-write.js';
import { fix, type FixMode, type FixResult } from '../engine/fix.js';
import { unifiedDiff } from '../report/fix/diff.js';
import { renderFixJson } from '../report/fix/json.js';
import { renderFixMarkdown } from '../report/fix/markdown.js';
import { renderFixPretty } from '../report/fix/pretty.js';

export const fixFormats = ['pretty', 'json', 'markdown'] as const;
export type FixFormat = (typeof fixFormats)[number];

export interface FixCommandOptions {
  dryRun?: boolean;
  check?: boolean;
  allowDirty?: boolean;
  upgradeSdk?: boolean;
  transform: string[];
  skipTransform: string[];
  format?: FixFormat;
  report?: string;
  /** A path, or `false` from `--no-config`. */
  config?: string | false;
}

/**
 * `mcp-migrate fix`: returns the exit code (design.md "Exit codes"): 0 done, 1 a file failed or
 * `--check` found something to change, 2 usage errors (thrown, handled by the CLI).
 */
export async function runFix(paths: string[], options: FixCommandOptions): Promise<number> {
  const mode: FixMode = options.check ? 'check' : options.dryRun ? 'dry-run' : 'write';
  const result = await fix({
    paths,
    mode,
    transforms: options.transform,
    skipTransforms: options.skipTransform,
    allowDirty: options.allowDirty ?? false,
    upgradeSdk: options.upgradeSdk ?? false,
    ...(options.config !== undefined ? { config: options.config } : {}),
  });
  if (result.git === 'outside' && mode === 'write') {
    process.stderr.write('mcp-migrate: warning: not inside a git work tree, so there is no easy way to review or revert these rewrites; keep a copy.\n');
  }

  const format = options.format ?? 'pretty';
  const report = render(format, result);
  if (options.report) {
    await writeFileAtomically(resolve(options.report), report);
    // The terminal still gets the diffs (dry run) and the summary; the file gets the chosen format.
    process.stdout.write(terminalOutput(result));
    process.stderr.write(`mcp-migrate: wrote the ${format} report to ${options.report}\n`);
  } else {
    process.stdout.write(format === 'pretty' ? terminalOutput(result) : report);
  }
  if (result.failed.length > 0) return 1;
  if (mode === 'check' && result.changed.length > 0) return 1;
  return 0;
}

function render(format: FixFormat, result: FixResult): string {
  if (format === 'json') return renderFixJson(result);
  if (format === 'markdown') return renderFixMarkdown(result);
  return renderFixPretty(result);
}

function terminalOutput(result: FixResult): string {
  const diffs = result.mode === 'dry-run' ? result.changed.map(unifiedDiff).join('\n') : '';
  return `${diffs ? `${diffs}\n` : ''}${renderFixPretty(result)}`;
}

