import { describe, expect, it } from 'vitest';
import { audit, UsageError } from '../../src/index.js';
import { mcpSource, tempProject } from '../helpers/cli.js';

describe('the programmatic audit()', () => {
  it('returns findings, errors and a summary for a directory', async () => {
    const dir = tempProject({ 'src/a.ts': mcpSource.header, 'src/b.ts': mcpSource.code, 'src/c.ts': mcpSource.clean });
    const result = await audit({ cwd: dir, jobs: 1 });
    expect(result.findings.map((f) => `${f.file}:${f.ruleId}`)).toEqual(['src/a.ts:no-session-id-header', 'src/b.ts:no-legacy-resource-not-found-code']);
    expect(result.errors).toEqual([]);
    expect(result.summary).toMatchObject({
      filesDiscovered: 3,
      filesParsed: 2,
      filesWithFindings: 2,
      findings: { total: 2, error: 2, warning: 0, info: 0 },
      byFix: { safe: 1, transform: 1, manual: 0 },
      byRule: { 'no-session-id-header': { error: 1, warning: 0, info: 0, files: 1 } },
    });
  });

  it('reports a finding under a fix marker as manual and marked, and counts every marker', async () => {
    const marker = '/* mcp-migrate(no-session-id-header): Drop the read. https://example.test/doc */';
    const marked = mcpSource.header.replace(/^(\s*)(.*mcp-session-id.*)$/m, `$1${marker}\n$1$2`);
    const unrelated = `${marker}\nexport const nothing = 1;\n`;
    // A `safe` finding a person was asked to look at is no longer offered as a fix.
    const markedSafe = mcpSource.code.replace('throw', '/* mcp-migrate(no-legacy-resource-not-found-code): Check the callers. https://example.test/doc */\nthrow');
    const dir = tempProject({ 'src/a.ts': marked, 'src/b.ts': markedSafe, 'src/notes.ts': unrelated });
    const result = await audit({ cwd: dir, jobs: 1 });
    expect(result.findings).toEqual([
      expect.objectContaining({ file: 'src/a.ts', ruleId: 'no-session-id-header', fix: 'manual', marked: true }),
      expect.objectContaining({ file: 'src/b.ts', ruleId: 'no-legacy-resource-not-found-code', fix: 'manual', marked: true }),
    ]);
    expect(result.summary.markers).toEqual({ total: 3, findings: 2 });
    // Another rule's marker does not cover it.
    const other = tempProject({ 'src/a.ts': marked.replace('mcp-migrate(no-session-id-header)', 'mcp-migrate(no-session-state)') });
    const unmarked = await audit({ cwd: other, jobs: 1 });
    expect(unmarked.findings[0]).not.toHaveProperty('marked');
  });

  it('takes a config object and rule filters', async () => {
    const dir = tempProject({ 'src/a.ts': mcpSource.header, 'src/b.ts': mcpSource.code });
    const result = await audit({ cwd: dir, jobs: 1, config: { rules: { 'no-session-id-header': 'info' } }, skipRules: ['no-legacy-resource-not-found-code'] });
    expect(result.findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['no-session-id-header:info']);
    const ran = result.rules.map((r) => r.id);
    expect(ran).toContain('no-session-id-header');
    expect(ran).toContain('unused-disable-directive');
    expect(ran).not.toContain('no-legacy-resource-not-found-code');
  });

  it('throws a UsageError for an unknown rule or a bad config object', async () => {
    await expect(audit({ cwd: tempProject({}), rules: ['nope'] })).rejects.toBeInstanceOf(UsageError);
    await expect(audit({ cwd: tempProject({}), config: { rules: { x: 'error' } } as never })).rejects.toThrow('unknown rule "x"');
  });

  it('reports progress', async () => {
    const dir = tempProject({ 'a.ts': mcpSource.clean, 'b.ts': mcpSource.clean });
    const seen: string[] = [];
    await audit({ cwd: dir, jobs: 1, onProgress: (p) => seen.push(`${p.phase}:${p.done}/${p.total}`) });
    expect(seen).toEqual(['discover:0/0', 'scan:1/2', 'scan:2/2']);
  });
});
