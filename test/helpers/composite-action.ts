import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs a composite action's steps the way the GitHub runner does, as far as action.yml needs:
 * inputs with their defaults, `if:` expressions (with the implicit `success()`), `${{ }}` in
 * `env`, `with` and `working-directory`, `shell: bash` as `bash --noprofile --norc -eo pipefail`,
 * and `$GITHUB_OUTPUT`. `uses:` steps are recorded, not run.
 */
export interface StepRecord {
  name: string;
  id?: string;
  status: 'success' | 'failure' | 'skipped';
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  exitCode?: number;
  stdout?: string;
  stderr?: string;
}

export interface ActionRun {
  status: 'success' | 'failure';
  steps: StepRecord[];
  outputs: Record<string, string>;
  summary: string;
}

interface ActionStep {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface ActionFile {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export function runCompositeAction(
  action: unknown,
  options: { workspace: string; inputs: Record<string, string>; env: Record<string, string>; githubToken: string },
): ActionRun {
  const file = action as unknown as ActionFile;
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(file.inputs)) inputs[name] = String(input.default ?? '');
  for (const [name, value] of Object.entries(options.inputs)) {
    if (!(name in inputs)) throw new Error(`unknown input ${name}`);
    inputs[name] = value;
  }
  const context: Context = { inputs, steps: {}, github: { token: options.githubToken, workspace: options.workspace } };
  // Defaults may themselves be expressions (`${{ github.token }}`).
  for (const name of Object.keys(inputs)) inputs[name] = interpolate(inputs[name]!, context);

  const temp = mkdtempSync(join(tmpdir(), 'mcp-migrate-action-'));
  const summaryFile = join(temp, 'summary.md');
  writeFileSync(summaryFile, '');
  let failed = false;
  const records: StepRecord[] = [];
  for (const [index, step] of file.runs.steps.entries()) {
    const condition = step.if ?? 'success()';
    const hasStatusFunction = /\b(?:always|success|failure|cancelled)\(\)/.test(condition);
    const run = evaluate(strip(condition), context, failed);
    const record: StepRecord = { name: step.name, ...(step.id ? { id: step.id } : {}), status: 'skipped' };
    records.push(record);
    if (!(hasStatusFunction ? truthy(run) : !failed && truthy(run))) continue;
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, interpolate(String(value), context)]));
    record.env = env;
    if (step.uses) {
      record.uses = step.uses;
      record.with = Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, interpolate(String(value), context)]));
      record.status = 'success';
      continue;
    }
    if (step.shell !== 'bash') throw new Error(`step ${step.name}: shell must be bash`);
    const script = join(temp, `step-${index}.sh`);
    const outputFile = join(temp, `output-${index}`);
    writeFileSync(script, step.run ?? '');
    writeFileSync(outputFile, '');
    const cwd = join(options.workspace, interpolate(step['working-directory'] ?? '.', context));
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, ...options.env, ...env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: temp, GITHUB_WORKSPACE: options.workspace },
    });
    record.exitCode = result.status ?? -1;
    record.stdout = result.stdout;
    record.stderr = result.stderr;
    record.status = result.status === 0 ? 'success' : 'failure';
    if (result.status !== 0) failed = true;
    if (step.id) context.steps[step.id] = { outputs: parseOutputs(readFileSync(outputFile, 'utf8')) };
  }
  const outputs = Object.fromEntries(Object.entries(file.outputs).map(([name, output]) => [name, interpolate(output.value, context)]));
  return { status: failed ? 'failure' : 'success', steps: records, outputs, summary: readFileSync(summaryFile, 'utf8') };
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return outputs;
}

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
  github: Record<string, string>;
}

type Value = string | boolean;

function truthy(value: Value): boolean {
  return value !== false && value !== '';
}

function strip(expression: string): string {
  const match = /^\s*\$\{\{(.*)\}\}\s*$/.exec(expression);
  return match ? match[1]! : expression;
}

function interpolate(text: string, context: Context): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => String(evaluate(expression, context, false)));
}

/** `a || b`, `a && b`, `a == b`, `a != b`, `!a`, `( )`, `'text'`, `always()`, `success()`, `failure()`, and context paths. */
function evaluate(expression: string, context: Context, failed: boolean): Value {
  const tokens = expression.match(/'(?:[^']|'')*'|\|\||&&|==|!=|!|\(\)|[()]|[\w.-]+/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];
  const or = (): Value => {
    let value = and();
    while (peek() === '||') {
      next();
      const right = and();
      value = truthy(value) ? value : right;
    }
    return value;
  };
  const and = (): Value => {
    let value = equality();
    while (peek() === '&&') {
      next();
      const right = equality();
      value = truthy(value) ? right : value;
    }
    return value;
  };
  const equality = (): Value => {
    const left = unary();
    if (peek() === '==' || peek() === '!=') {
      const operator = next();
      const right = unary();
      const equal = String(left).toLowerCase() === String(right).toLowerCase();
      return operator === '==' ? equal : !equal;
    }
    return left;
  };
  const unary = (): Value => {
    if (peek() === '!') {
      next();
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): Value => {
    const token = next();
    if (token === undefined) throw new Error(`unexpected end of expression: ${expression}`);
    if (token === '(') {
      const value = or();
      if (next() !== ')') throw new Error(`missing ) in ${expression}`);
      return value;
    }
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (token === 'true' || token === 'false') return token === 'true';
    if (peek() === '()') {
      next();
      if (token === 'always') return true;
      if (token === 'success') return !failed;
      if (token === 'failure') return failed;
      throw new Error(`unsupported function ${token}() in ${expression}`);
    }
    const [root, ...path] = token.split('.');
    let value: unknown = (context as unknown as Record<string, unknown>)[root!];
    if (value === undefined) throw new Error(`unknown context ${root} in ${expression}`);
    for (const part of path) value = (value as Record<string, unknown> | undefined)?.[part];
    return value === undefined ? '' : String(value);
  };
  const value = or();
  if (position !== tokens.length) throw new Error(`cannot read ${expression}`);
  return value;
}
