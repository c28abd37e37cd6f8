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
      byFix: { safe: 1, transform: 0, manual: 1 },
      byRule: { 'no-session-id-header': { error: 1, warning: 0, info: 0, files: 1 } },
    });
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
