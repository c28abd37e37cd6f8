import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogEntry, ruleIds } from '../../src/engine/catalog.js';
import { fix } from '../../src/engine/fix.js';
import { audit } from '../../src/index.js';
import { tempProject } from '../helpers/cli.js';

/**
 * An MCP server and client that use the names of Object's own members (`constructor`,
 * `toString`, `__proto__`, …) wherever code can: as method names, handler schemas, member calls,
 * header names and object keys. A rule that looks such a name up in a plain object gets one of
 * Object's members back: `'constructor'` once made no-legacy-tasks-api report a function as its
 * message id, and ESLint gave up on the whole file.
 */
const source = readFileSync(new URL('../fixtures/prototype-names/server.ts', import.meta.url), 'utf8');

/** Every rule's tokens in a comment, so that the prefilter lets every rule run on the file. */
const everyToken = ruleIds().flatMap((id) => {
  const entry = catalogEntry(id)!;
  return [...entry.prefilter, ...(entry.prefilterAlso ?? [])];
});
const text = `${source}\n/* ${[...new Set(everyToken)].join(' ').replaceAll('*/', '* /')} */\n`;

describe("names of Object's own members in audited code", () => {
  it('are audited like any other name: every rule runs, none fails, no finding names a function', async () => {
    const dir = tempProject({ 'src/server.ts': text });
    const result = await audit({ cwd: dir, jobs: 1, config: false });
    expect(result.errors).toEqual([]);
    expect(result.summary.filesParsed).toBe(1);
    expect(result.findings.length).toBeGreaterThan(0);
    for (const finding of result.findings) expect(finding.message).not.toMatch(/native code|function Object|\[object /);
  });

  it('leave fix working on the file', async () => {
    const dir = tempProject({ 'src/server.ts': text });
    const result = await fix({ cwd: dir, mode: 'dry-run', config: false });
    expect(result.failed).toEqual([]);
  });
});
