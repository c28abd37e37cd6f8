import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import type { McpRule } from '../../rules/index.js';
import { docsOf, ruleTokensOf } from '../../src/engine/catalog.js';
import { Prefilter } from '../../src/engine/prefilter.js';

/**
 * Builders for RuleTester cases whose expected reports name the exact source text they must
 * cover (`at`, made unique with `inside` or `nth` when the text repeats): line, column,
 * endLine and endColumn are computed from that text, so a report on a neighbouring node fails.
 */
export interface Expected<MessageIds extends string> {
  messageId: MessageIds;
  /** The source text the report must span exactly. */
  at: string;
  /** A unique stretch of the code that contains `at` (when `at` alone repeats). */
  inside?: string;
  /** Which occurrence of `at` (1-based), as an alternative to `inside`. */
  nth?: number;
  data?: Record<string, string>;
}

/** Removes the blank first and last lines of a template and the indentation common to the rest. */
export function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, part, i) => out + part + (i < values.length ? String(values[i]) : ''), '');
  const lines = text.split('\n');
  if (lines[0]?.trim() === '') lines.shift();
  if (lines.at(-1)?.trim() === '') lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) found.push(i);
  return found;
}

function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function locate(source: string, { at, inside, nth }: Expected<string>): { line: number; column: number; endLine: number; endColumn: number } {
  let start: number | undefined;
  if (inside !== undefined) {
    const containers = occurrences(source, inside);
    if (containers.length !== 1) throw new Error(`\`${inside}\` occurs ${containers.length} times in the test code`);
    const within = occurrences(inside, at);
    if (within.length !== 1) throw new Error(`\`${at}\` occurs ${within.length} times in \`${inside}\``);
    start = containers[0]! + within[0]!;
  } else {
    const all = occurrences(source, at);
    if (nth === undefined && all.length !== 1) throw new Error(`\`${at}\` occurs ${all.length} times in the test code; give nth or inside`);
    start = all[(nth ?? 1) - 1];
    if (start === undefined) throw new Error(`\`${at}\` has no occurrence ${nth}`);
  }
  const begin = positionOf(source, start);
  const end = positionOf(source, start + at.length);
  return { line: begin.line, column: begin.column, endLine: end.line, endColumn: end.column };
}

export interface CaseOptions {
  filename?: string;
  /** The autofix result; null when the rule must offer no fix; omitted when the test does not care. */
  output?: string | null;
}

/** The audit's prefilter for this one rule, from the rule's own docs (the generated catalog is checked against them elsewhere). */
export function rulePrefilter(rule: RuleModule<string, []>): Prefilter {
  const id = (rule as { name?: string }).name ?? '';
  return new Prefilter(new Map([[id, ruleTokensOf(docsOf(rule as McpRule))]]));
}

/**
 * Every report's code must pass the rule's prefilter, or the audit would never run the rule on
 * it: each invalid case checks that (the tokens must be a necessary condition of every report).
 */
function assertPrefilterSelects(rule: RuleModule<string, []>, name: string, source: string): void {
  const id = (rule as { name?: string }).name;
  if (!id) return;
  if (!rulePrefilter(rule).scan(source).ruleIds.includes(id)) {
    const { anyOf, alsoOneOf } = ruleTokensOf(docsOf(rule as McpRule));
    throw new Error(`${name}: the code of this invalid case does not pass the prefilter of ${id} (one of ${anyOf.join(', ')}${alsoOneOf ? `, and one of ${alsoOneOf.join(', ')}` : ''})`);
  }
}

export function caseBuilders<MessageIds extends string>(rule: RuleModule<MessageIds, []>) {
  return {
    invalid(name: string, source: string, expected: Expected<MessageIds>[], options: CaseOptions = {}): InvalidTestCase<MessageIds, []> {
      assertPrefilterSelects(rule, name, source);
      for (const e of expected) {
        if (!e.data && rule.meta.messages[e.messageId].includes('{{')) throw new Error(`${name}: ${e.messageId} needs data`);
      }
      const errors = expected
        .map((e) => ({ messageId: e.messageId, ...(e.data ? { data: e.data } : {}), ...locate(source, e) }))
        .sort((a, b) => a.line - b.line || a.column - b.column);
      return { name, code: source, errors, ...options };
    },
    valid(name: string, source: string, options: { filename?: string } = {}): ValidTestCase<[]> {
      return { name, code: source, ...options };
    },
  };
}
