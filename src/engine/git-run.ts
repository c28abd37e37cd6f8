import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A git (or gh) command that failed: the command, its exit code and what it printed, credentials hidden. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | undefined,
    readonly output: string,
  ) {
    super(`\`${command}\` failed${exitCode === undefined ? '' : ` (exit ${exitCode})`}${output ? `: ${output}` : ''}`);
  }
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Exit codes that are answers, not failures (`git config` exits 1 for an unset key). */
  okCodes?: number[];
}

/**
 * Runs `program args` and returns its stdout, or throws a {@link CommandError}. Prompts are
 * turned off (`pr` runs unattended in CI: a credential prompt would hang the job), and tokens in
 * the error text are replaced by `***`.
 */
export async function runCommand(program: string, args: string[], options: RunOptions): Promise<{ stdout: string; code: number }> {
  const env = { ...process.env, ...options.env, GIT_TERMINAL_PROMPT: '0', GH_PROMPT_DISABLED: '1' };
  try {
    const { stdout } = await run(program, args, { cwd: options.cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return { stdout, code: 0 };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { code?: number | string; stdout?: string; stderr?: string };
    const code = typeof failure.code === 'number' ? failure.code : undefined;
    if (code !== undefined && options.okCodes?.includes(code)) return { stdout: failure.stdout ?? '', code };
    const output = failure.code === 'ENOENT' ? `${program} is not installed (not found on the PATH)` : `${failure.stderr ?? ''}${failure.stdout ?? ''}`.trim();
    throw new CommandError(redact([program, ...args].join(' ')), code, redact(output));
  }
}

/** `git args` in `cwd`, returning stdout without its last line break. */
export async function git(cwd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await runCommand('git', ['-c', 'core.fsmonitor=false', ...args], { cwd, ...(env ? { env } : {}) });
  return stdout.replace(/\n$/, '');
}

// GitHub tokens (ghp_, gho_, ghs_, ghu_, github_pat_…), `user:token@` in URLs, and bearer/basic headers.
const secrets = [/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, /(?<=\/\/)[^/\s:@]+(?::[^/\s@]*)?@/g, /(?<=\b(?:bearer|basic|token)\s+)[A-Za-z0-9._~+/=-]{8,}/gi];

/** Text with credentials replaced by `***`, safe to print in a CI log. */
export function redact(text: string): string {
  return secrets.reduce((out, pattern) => out.replace(pattern, (match) => (match.endsWith('@') ? '***@' : '***')), text);
}
