import { describe, expect, it } from 'vitest';
import type { FixResult } from '../../src/engine/fix.js';
import { renderFixMarkdown } from '../../src/report/fix/markdown.js';

function result(markerCount: number): FixResult {
  const markers = Array.from({ length: markerCount }, (_, i) => ({
    ruleId: 'no-session-state',
    file: `src/tool-${i}.ts`,
    line: 10 + i,
    text: 'State is kept per session: key it by an explicit handle in the tool arguments. https://example.com/rules/no-session-state.md',
  }));
  return {
    cwd: '/repo',
    mode: 'write',
    transforms: ['resource-not-found-code', 'mark-remaining'],
    git: 'clean',
    changed: [{ file: 'src/a.ts', status: 'changed', edits: { 'resource-not-found-code': 2 }, markersAdded: 0, markers: [], notes: [] }],
    failed: [{ file: 'src/broken.ts', reason: 'the rewritten file would not parse; left unchanged', transform: 'http-handler' }],
    skipped: [],
    markers,
    notes: [{ file: '.', transform: 'upgrade-sdk', message: 'run npm install' }],
    summary: { filesDiscovered: 900, filesChanged: 1, edits: 2, byTransform: { 'resource-not-found-code': 2 }, markers: markerCount, markersAdded: markerCount, failed: 1, skipped: 0, durationMs: 5 },
  } as FixResult;
}

describe('fix --format markdown', () => {
  it('lists every changed file, marker, unchanged file and note when it fits', () => {
    const text = renderFixMarkdown(result(2));
    expect(text).toContain('1 file(s) changed, 2 edit(s) applied, 2 marker(s) for a person (2 new), 1 failed, 0 skipped.');
    expect(text).toContain('| `src/a.ts` | resource-not-found-code ×2 |');
    expect(text).toContain('| `src/tool-1.ts:11` | `no-session-state` |');
    expect(text).toContain('### Left unchanged\n\n- `src/broken.ts`: the rewritten file would not parse; left unchanged');
    expect(text).toContain('> run npm install');
    expect(text).not.toContain('Left out');
  });

  it('stays under the length limit by leaving out marker rows, keeping the totals, the unchanged files and the notes', () => {
    const text = renderFixMarkdown(result(2_000), 20_000);
    expect(text.length).toBeLessThanOrEqual(20_000);
    expect(text).toContain('2000 marker(s) for a person');
    expect(text).toContain('- `src/broken.ts`');
    expect(text).toContain('> run npm install');
    const kept = text.split('\n').filter((line) => line.startsWith('| `src/tool-')).length;
    expect(kept).toBeGreaterThan(50);
    expect(text).toContain(`> **Left out: ${(2_000 - kept).toLocaleString('en-US')} markers**, to keep this under 20,000 characters.`);
  });
});
