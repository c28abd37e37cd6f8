import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-info.js';
import { runRule } from '../../src/transforms/rule-findings.js';
import { transforms } from '../../transforms/index.js';
import { applyTransform } from './apply.js';

/**
 * Every `<case>.input.ts` under `test/fixtures/transforms/<id>/` is run through transform <id>:
 * with a `<case>.output.ts` beside it, the output must match it exactly; without one, the input
 * must come back unchanged (lookalikes, already-migrated code, SDK v1 where v2 is needed).
 * Every output is transformed again and must not change (idempotence), and the rules the
 * transform resolves (only its `findings`, when it names them) must no longer report there,
 * except where a marker stands.
 */
const fixtureRoot = join(packageRoot, 'test', 'fixtures', 'transforms');

describe.each(transforms.map((t) => [t.id, t] as const))('%s', (id, descriptor) => {
  const dir = join(fixtureRoot, id);
  const cases = readdirSync(dir).filter((name) => name.endsWith('.input.ts')).map((name) => name.slice(0, -'.input.ts'.length));

  it('has fixture pairs and must-not-change fixtures', () => {
    expect(cases.filter((name) => existsSync(join(dir, `${name}.output.ts`))).length).toBeGreaterThan(1);
    expect(cases.filter((name) => !existsSync(join(dir, `${name}.output.ts`))).length).toBeGreaterThan(0);
  });

  it.each(cases)('%s', async (name) => {
    const inputPath = join(dir, `${name}.input.ts`);
    const input = readFileSync(inputPath, 'utf8');
    const outputPath = join(dir, `${name}.output.ts`);
    const expected = existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : input;

    const first = await applyTransform(descriptor, inputPath, input);
    expect(first.output).toBe(expected);

    const second = await applyTransform(descriptor, inputPath, first.output);
    expect(second.output, 'a second run changes nothing').toBe(first.output);
    expect(second.stats.markers ?? 0, 'a second run adds no marker').toBe(0);

    if (expected === input) return;
    const markedLines = new Set(first.output.split('\n').flatMap((line, index) => (line.includes('/* mcp-migrate(') ? [index + 2] : [])));
    for (const ruleId of descriptor.resolves) {
      const left = runRule(ruleId, first.output, inputPath).messages.filter(
        (m) => !markedLines.has(m.line) && (!descriptor.findings || descriptor.findings.includes(m.messageId ?? '')),
      );
      expect(left.map((m) => `${m.line}: ${m.message}`), `${ruleId} still reports without a marker`).toEqual([]);
    }
  });
});
