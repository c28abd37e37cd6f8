import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toolVersion } from '../../src/package-info.js';
import type { AuditResult } from '../../src/report/finding.js';
import { pascalCase, renderSarif } from '../../src/report/sarif.js';
import { validateSarif } from '../helpers/sarif-schema.js';
import { emptyResult, makeFinding, makeResult, packageDir, repoRoot, sampleResult } from './sample-result.js';


const sarifOf = (result: AuditResult, srcRoot = repoRoot) => JSON.parse(renderSarif(result, { srcRoot })) as Record<string, any>;
const runOf = (result: AuditResult, srcRoot?: string) => sarifOf(result, srcRoot).runs[0];

function expectValidSarif(text: string): void {
  const valid = validateSarif(JSON.parse(text));
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

describe('renderSarif against the OASIS SARIF 2.1.0 schema', () => {
  it('validates a run with findings, a file error and a skipped path', () => {
    expectValidSarif(renderSarif(sampleResult(), { srcRoot: repoRoot }));
  });

  it('validates an empty run', () => {
    expectValidSarif(renderSarif(emptyResult(), { srcRoot: repoRoot }));
  });

  it('validates a run whose files lie outside the source root', () => {
    expectValidSarif(renderSarif(sampleResult(), { srcRoot: resolve(repoRoot, 'docs') }));
  });

  it('is a real check: a zero start line fails it', () => {
    const sarif = sarifOf(sampleResult());
    sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validateSarif(sarif)).toBe(false);
  });
});

describe('renderSarif for GitHub code scanning', () => {
  it('states the final 2.1.0 schema and version, not a draft or the tool version', () => {
    const sarif = sarifOf(sampleResult());
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
  });

  it('writes exactly one run, even with zero results', () => {
    const sarif = sarifOf(emptyResult());
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].results).toEqual([]);
    expect(sarif.runs[0].tool.driver.rules.map((rule: any) => rule.id)).toContain('no-session-state');
  });

  it('names mcp-migrate as the driver', () => {
    const { driver } = runOf(sampleResult()).tool;
    expect(driver.name).toBe('mcp-migrate');
    expect(driver.version).toBe(toolVersion);
    expect(driver.informationUri).toBe('https://github.com/mcp-migrate/mcp-migrate');
  });

  it('describes each rule once, including ids no descriptor names', () => {
    const result = sampleResult();
    result.rules = [...result.rules, result.rules[0]!];
    const rules = runOf(result).tool.driver.rules as any[];
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...result.rules.slice(0, -1).map((rule) => rule.id), 'unused-disable-directive']);
    const unused = rules.find((rule) => rule.id === 'unused-disable-directive');
    expect(unused.shortDescription.text).toBe('Findings reported as unused-disable-directive');
    expect(unused.helpUri).toBe('https://github.com/mcp-migrate/mcp-migrate/blob/v0.1.0/README.md#disable-comments');
    expect(unused.defaultConfiguration.level).toBe('warning');
  });

  it('gives every rule a name, descriptions, help, a docs link, a level and tags', () => {
    const rule = (runOf(sampleResult()).tool.driver.rules as any[]).find((entry) => entry.id === 'no-session-state');
    expect(rule).toMatchObject({
      name: 'NoSessionState',
      shortDescription: { text: 'Disallow application state keyed by the MCP session' },
      helpUri: 'https://github.com/mcp-migrate/mcp-migrate/blob/v0.1.0/rules/no-session-state.md',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['mcp', 'migration', '2026-07-28'], fixLevels: ['transform', 'manual'] },
    });
    expect(rule.fullDescription.text).toMatch(/^Disallow application state keyed by the MCP session\./);
    expect(rule.help.text).toContain('mcp-migrate explain no-session-state');
    expect(rule.help.text).toContain('session-state-handles');
  });

  it('points each result at its rule by id and index, with the mapped level', () => {
    const run = runOf(sampleResult());
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    const levelByRule = Object.fromEntries(run.results.map((result: any) => [result.ruleId, result.level]));
    expect(levelByRule['no-session-state']).toBe('error');
    expect(levelByRule['no-deprecated-roots']).toBe('note');
    expect(levelByRule['unused-disable-directive']).toBe('warning');
  });

  it('locates results by percent-encoded URIs relative to %SRCROOT%, with a trailing-slash base', () => {
    const run = runOf(sampleResult());
    const uris = run.results.map((result: any) => result.locations[0].physicalLocation.artifactLocation);
    expect(uris).toContainEqual({ uri: 'packages/server/src/server.ts', uriBaseId: '%SRCROOT%' });
    expect(uris).toContainEqual({ uri: 'packages/server/src/transport/http%20handler.ts', uriBaseId: '%SRCROOT%' });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(repoRoot).href}/`);
  });

  it('percent-encodes the source root itself', () => {
    const root = resolve('/work/my repo#1');
    const result = makeResult({ findings: [makeFinding({ ruleId: 'no-session-state' })], cwd: root });
    const run = runOf(result, root);
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toMatch(/\/my%20repo%231\/$/);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('src/server.ts');
  });

  it('uses an absolute file URI without a base for files outside the source root', () => {
    const run = runOf(sampleResult(), resolve(repoRoot, 'docs'));
    const location = run.results[0].locations[0].physicalLocation.artifactLocation;
    expect(location.uriBaseId).toBeUndefined();
    expect(location.uri).toBe(pathToFileURL(resolve(packageDir, 'src/resources.ts')).href);
  });

  it('writes 1-based regions with the end never before the start', () => {
    const broken = makeFinding({ ruleId: 'no-session-state', line: 0, column: 0, endLine: 0, endColumn: 0 });
    const run = runOf(makeResult({ findings: [broken, ...sampleResult().findings] }));
    for (const result of run.results) {
      const { startLine, startColumn, endLine, endColumn } = result.locations[0].physicalLocation.region;
      expect(Math.min(startLine, startColumn, endLine, endColumn)).toBeGreaterThanOrEqual(1);
      expect(endLine).toBeGreaterThanOrEqual(startLine);
      if (endLine === startLine) expect(endColumn).toBeGreaterThanOrEqual(startColumn);
    }
    const sessionState = run.results.find((result: any) => result.ruleId === 'no-session-state' && result.message.text.startsWith('Transports'));
    expect(sessionState.locations[0].physicalLocation.region).toEqual({ startLine: 7, startColumn: 1, endLine: 9, endColumn: 2 });
  });

  it('writes no fixes, and carries the fix level and transform as properties', () => {
    const text = renderSarif(sampleResult(), { srcRoot: repoRoot });
    expect(text).not.toContain('"fixes"');
    const results = JSON.parse(text).runs[0].results as any[];
    expect(results.find((result) => result.ruleId === 'no-session-state').properties).toEqual({
      fix: 'transform',
      transform: 'session-state-handles',
    });
    expect(results.find((result) => result.ruleId === 'no-legacy-resource-not-found-code').properties).toEqual({ fix: 'safe' });
  });

  describe('fingerprints', () => {
    const fingerprintsOf = (result: AuditResult) =>
      runOf(result).results.map((entry: any) => entry.partialFingerprints['mcpMigrate/v1'] as string);
    const finding = makeFinding({ ruleId: 'no-session-id-header', line: 10, endLine: 10, message: 'Reads Mcp-Session-Id.' });

    it('stay the same when unrelated edits move a finding to another line', () => {
      const moved = { ...finding, line: 25, endLine: 25, column: 9, endColumn: 30 };
      expect(fingerprintsOf(makeResult({ findings: [moved] }))).toEqual(fingerprintsOf(makeResult({ findings: [finding] })));
    });

    it('differ by rule, file and message', () => {
      const variants = [
        finding,
        { ...finding, ruleId: 'no-session-state' },
        { ...finding, file: 'src/other.ts' },
        { ...finding, message: 'Writes Mcp-Session-Id.' },
      ];
      const fingerprints = variants.flatMap((variant) => fingerprintsOf(makeResult({ findings: [variant] })));
      expect(new Set(fingerprints).size).toBe(variants.length);
    });

    it('tell identical findings in one file apart', () => {
      const twin = { ...finding, line: 30, endLine: 30 };
      const fingerprints = fingerprintsOf(makeResult({ findings: [twin, finding] }));
      expect(fingerprints[0]).not.toBe(fingerprints[1]);
      expect(fingerprints[0]).toMatch(/^[0-9a-f]{64}:1$/);
    });
  });

  it('reports file errors as failed-execution notifications at the file', () => {
    const invocation = runOf(sampleResult()).invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'Unexpected token. A constructor, method, accessor, or property was expected.' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'packages/server/src/broken.ts', uriBaseId: '%SRCROOT%' },
              region: { startLine: 4, startColumn: 3 },
            },
          },
        ],
      },
    ]);
  });

  it('marks a run without file errors as successful', () => {
    expect(runOf(emptyResult()).invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('turns kebab-case ids into PascalCase names', () => {
    expect(pascalCase('no-legacy-resource-not-found-code')).toBe('NoLegacyResourceNotFoundCode');
  });
});
