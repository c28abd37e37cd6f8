import { describe, expect, it } from 'vitest';
import { toolVersion } from '../../src/package-info.js';
import { renderJson } from '../../src/report/json.js';
import { emptyResult, makeFinding, makeResult, sampleResult } from './sample-result.js';

const parse = (text: string) => JSON.parse(text) as Record<string, any>;

describe('renderJson', () => {
  it('writes the contract fields in the contract order', () => {
    const report = parse(renderJson(sampleResult()));
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'target', 'findings', 'errors', 'skipped', 'summary']);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'mcp-migrate', version: toolVersion });
    expect(report.target).toBe('2026-07-28');
  });

  it('pretty-prints with two spaces and ends with a newline', () => {
    const text = renderJson(sampleResult());
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "mcp-migrate",')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  it('orders finding keys as the contract does, whatever order the engine built them in', () => {
    const scrambled = {
      fix: 'manual',
      message: 'm',
      endColumn: 4,
      docsUrl: 'https://example.test/rule',
      column: 2,
      file: 'src/a.ts',
      severity: 'error',
      endLine: 3,
      line: 1,
      ruleId: 'no-session-state',
    } as const;
    const [finding] = parse(renderJson(makeResult({ findings: [scrambled] }))).findings;
    expect(Object.keys(finding)).toEqual([
      'ruleId',
      'severity',
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'message',
      'docsUrl',
      'fix',
    ]);
  });

  it('writes transform last, and only when the finding has one', () => {
    const report = parse(renderJson(sampleResult()));
    const withTransform = report.findings.find((finding: any) => finding.fix === 'transform');
    const withoutTransform = report.findings.filter((finding: any) => finding.fix !== 'transform');
    expect(Object.keys(withTransform).at(-1)).toBe('transform');
    expect(withTransform.transform).toBe('session-state-handles');
    expect(withoutTransform.length).toBeGreaterThan(0);
    for (const finding of withoutTransform) expect(finding).not.toHaveProperty('transform');
  });

  it('keeps every finding field as the engine reported it', () => {
    const result = sampleResult();
    expect(parse(renderJson(result)).findings).toEqual(result.findings);
  });

  it('writes file errors with line and column only when known, and skipped paths with their reason', () => {
    const result = makeResult({
      errors: [
        { file: 'src/huge.js', message: 'File is larger than 2 MB' },
        { file: 'src/broken.ts', message: 'Unexpected token', column: 3, line: 4 },
      ],
      skipped: [{ reason: 'symbolic link that leaves the audited root', file: 'vendor/linked' }],
    });
    const report = parse(renderJson(result));
    expect(report.errors[0]).toEqual({ file: 'src/huge.js', message: 'File is larger than 2 MB' });
    expect(Object.keys(report.errors[1])).toEqual(['file', 'message', 'line', 'column']);
    expect(Object.keys(report.skipped[0])).toEqual(['file', 'reason']);
  });

  it('writes the summary with stable key order', () => {
    const summary = parse(renderJson(sampleResult())).summary;
    expect(Object.keys(summary)).toEqual([
      'filesDiscovered',
      'filesParsed',
      'filesWithFindings',
      'findings',
      'byRule',
      'byFix',
      'markers',
      'errors',
      'skipped',
      'durationMs',
    ]);
    expect(Object.keys(summary.byRule)).toEqual([...Object.keys(summary.byRule)].sort());
    expect(summary.findings).toEqual({ total: 6, error: 3, warning: 2, info: 1 });
    expect(summary.byFix).toEqual({ safe: 1, transform: 1, manual: 4 });
    expect(summary.markers).toEqual({ total: 0, findings: 0 });
  });

  it('writes empty arrays, not missing keys, for a clean run', () => {
    const report = parse(renderJson(emptyResult()));
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.summary.findings.total).toBe(0);
  });

  it('does not change the data it renders', () => {
    const result = makeResult({ findings: [makeFinding({ ruleId: 'no-session-state', line: 9 })] });
    const before = structuredClone(result);
    renderJson(result);
    expect(result).toEqual(before);
  });
});
