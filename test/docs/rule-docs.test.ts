import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { docsOf } from '../../src/engine/catalog.js';
import { LintRunner } from '../../src/engine/lint.js';
import { packageRoot } from '../../src/package-info.js';

/** The fenced `ts` blocks under a `### ❌ Incorrect` or `### ✅ Correct` heading. */
function examples(markdown: string): { incorrect: string[]; correct: string[] } {
  const result = { incorrect: [] as string[], correct: [] as string[] };
  let section: 'incorrect' | 'correct' | undefined;
  for (const block of markdown.split(/^(?=#{2,3} )/m)) {
    if (block.startsWith('### ❌')) section = 'incorrect';
    else if (block.startsWith('### ✅')) section = 'correct';
    else if (block.startsWith('## ') || block.startsWith('### ')) section = undefined;
    if (!section) continue;
    for (const match of block.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) result[section].push(match[1]!);
  }
  return result;
}

const allRules = Object.fromEntries(Object.keys(rules).map((id) => [id, 'default' as const]));
const runner = new LintRunner({ severities: allRules });
const lint = (code: string) => runner.lint({ absolute: '/docs/example.ts', relative: 'example.ts', text: code, ruleIds: Object.keys(rules) });

describe.each(Object.keys(rules))('rules/%s.md', (id) => {
  const markdown = readFileSync(join(packageRoot, 'rules', `${id}.md`), 'utf8');
  const { incorrect, correct } = examples(markdown);

  it('starts with the id and the rule description', () => {
    const [title, , summary] = markdown.split('\n');
    expect(title).toBe(`# ${id}`);
    expect(summary).toBe(`> ${docsOf(rules[id]!).description}.`);
  });

  it('has the sections every rule page has', () => {
    for (const heading of ['## What it flags', '## Why', '## Examples', '### ❌ Incorrect', '### ✅ Correct', '## How to fix', '## Resolved by']) {
      expect(markdown).toContain(`\n${heading}\n`);
    }
    expect(incorrect.length).toBeGreaterThan(0);
    expect(correct.length).toBeGreaterThan(0);
  });

  it('gets a finding from the rule on every incorrect example', () => {
    for (const code of incorrect) {
      const outcome = lint(code);
      expect(outcome.error, code).toBeUndefined();
      expect(outcome.findings.filter((f) => f.ruleId === id).length, code).toBeGreaterThan(0);
    }
  });

  it('gets no finding from any rule on the correct examples', () => {
    for (const code of correct) {
      const outcome = lint(code);
      expect(outcome.error, code).toBeUndefined();
      expect(outcome.findings, code).toEqual([]);
    }
  });

  it('links the specification section the rule cites', () => {
    expect(markdown).toContain(docsOf(rules[id]!).spec.split('#')[0]);
  });
});
