import { parse as parsePath } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter, type SourceCode } from 'eslint';
import { pluginNamespace } from '../engine/catalog.js';
import { reusableConfig, rulesLanguageOptions } from '../engine/config-array.js';
import plugin from '../plugin.js';

export interface RuleRun {
  /** The rules' reports (fatal parse errors throw instead). */
  messages: Linter.LintMessage[];
  /** The parsed file (typescript-estree, the audit's parser), for locating statements. Shared by every run on the same text: read it, never change it. */
  sourceCode: SourceCode;
}

/**
 * Runs one of our rules on `source` exactly as the audit does, so a transform touches only
 * what the rule reports (design.md principle 3: lookalike -32002s, stdio clients and the like
 * stay untouched). Code gated to 2025 clients is not reported (the editor default), so
 * transforms leave a deliberate 2025 leg alone.
 */
export function runRule(ruleId: string, source: string, filename: string): RuleRun {
  return runRules([ruleId], source, filename);
}

/** {@link runRule} for several rules at once: one parse. */
export function runRules(ruleIds: readonly string[], source: string, filename: string): RuleRun {
  const linter = sharedLinter();
  const key = `${filename}\0${source}`;
  const messages = linter.verify(recentParses.take(key) ?? source, configFor(ruleIds, filename), { filename: filenameForLinter(filename) });
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`cannot parse: ${fatal.message} (${fatal.line}:${fatal.column})`);
  const sourceCode = linter.getSourceCode();
  if (!sourceCode) throw new Error(`not a source file mcp-migrate reads: ${filename}`);
  recentParses.keep(key, sourceCode);
  const ours = new Set(ruleIds.map((id) => `${pluginNamespace}/${id}`));
  return { messages: messages.filter((message) => message.ruleId !== null && ours.has(message.ruleId)), sourceCode };
}

/**
 * Applies the rules' own fixes, as `eslint --fix` would (up to ESLint's 10 passes); `messages`
 * are the reports left on the output.
 */
export function fixWithRules(ruleIds: readonly string[], source: string, filename: string): { output: string; fixed: boolean; messages: Linter.LintMessage[] } {
  const result = sharedLinter().verifyAndFix(source, configFor(ruleIds, filename), { filename: filenameForLinter(filename) });
  const fatal = result.messages.find((message) => message.fatal);
  if (fatal) throw new Error(`cannot parse: ${fatal.message} (${fatal.line}:${fatal.column})`);
  return { output: result.output, fixed: result.fixed, messages: result.messages };
}

/**
 * The parses of the last few texts, by file name and text. A transform asks the rules about one
 * text several times (before its edit, about related rules, after it), and the next transform
 * starts from the text the previous one left: on the bench tree, `fix` ran the rules 1,645 times
 * over 377 distinct texts. ESLint's `verify` takes a `SourceCode` in place of the text and then
 * does not parse; it never changes the AST (it caches its traversal on the SourceCode for that
 * reason), so one parse serves every run. A handful is enough: the repeats come one after another.
 */
class RecentParses {
  private readonly parses = new Map<string, SourceCode>();

  constructor(private readonly limit: number) {}

  take(key: string): SourceCode | undefined {
    const sourceCode = this.parses.get(key);
    if (sourceCode) this.parses.delete(key);
    return sourceCode;
  }

  /** Kept as the most recent; the oldest goes beyond the limit. */
  keep(key: string, sourceCode: SourceCode): void {
    this.parses.set(key, sourceCode);
    for (const oldest of this.parses.keys()) {
      if (this.parses.size <= this.limit) break;
      this.parses.delete(oldest);
    }
  }
}

const recentParses = new RecentParses(4);

/**
 * One Linter and one normalized config per rule set for every transform of a run: `fix` asks the
 * rules about a file once per transform, and building the Linter and normalizing its config each
 * time was a fifth of that (the audit's LintRunner does the same). Safe to share: each call
 * verifies and reads its result before returning, and a SourceCode stays valid after the next verify.
 */
const linterBase = parsePath(process.cwd()).root;
let linter: Linter | undefined;
const configs = new Map<string, Linter.Config[]>();

function sharedLinter(): Linter {
  linter ??= new Linter({ cwd: linterBase });
  return linter;
}

function configFor(ruleIds: readonly string[], filename: string): Linter.Config[] {
  const sourceType = filename.endsWith('.cjs') ? 'commonjs' : 'module';
  const key = `${sourceType} ${ruleIds.join(',')}`;
  let config = configs.get(key);
  if (!config) {
    config = reusableConfig(
      [
        {
          files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
          languageOptions: { ...rulesLanguageOptions, sourceType },
          plugins: { [pluginNamespace]: plugin as never },
          rules: Object.fromEntries(ruleIds.map((id) => [`${pluginNamespace}/${id}`, 'warn' as const])),
        },
      ],
      linterBase,
    );
    configs.set(key, config);
  }
  return config;
}

/** ESLint needs an absolute-looking name whose extension picks the parser's JSX mode. */
function filenameForLinter(filename: string): string {
  return filename.startsWith('/') || /^[A-Za-z]:[\\/]/.test(filename) ? filename : `/${filename}`;
}

/** The 0-based offset of a 1-based line and column in `sourceCode`. */
export function offsetOf(sourceCode: SourceCode, line: number, column: number): number {
  return sourceCode.getIndexFromLoc({ line, column: column - 1 });
}

/** The 0-based range a rule's report covers. */
export function messageRange(sourceCode: SourceCode, message: Linter.LintMessage): [number, number] {
  return [offsetOf(sourceCode, message.line, message.column), offsetOf(sourceCode, message.endLine ?? message.line, message.endColumn ?? message.column)];
}

/** The node whose range is exactly `range`: the node a rule reported, from its report. */
export function nodeAt(code: Readonly<TSESLint.SourceCode>, range: readonly [number, number]): TSESTree.Node | undefined {
  let node = code.getNodeByRangeIndex(range[0]) as TSESTree.Node | null;
  while (node && !(node.range[0] === range[0] && node.range[1] === range[1])) node = node.parent ?? null;
  return node ?? undefined;
}
