import { describe, expect, it } from 'vitest';
import { jsonReport, runCli } from '../helpers/cli.js';
import { validateSarif } from '../helpers/sarif-schema.js';

const projectDir = 'test/fixtures/projects/legacy-streamable-http';

describe('report formats of the CLI', () => {
  it('prints SARIF 2.1.0 that validates and that GitHub code scanning accepts', () => {
    const run = runCli(['audit', '--format', 'sarif', projectDir]);
    const sarif = JSON.parse(run.stdout) as {
      runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }[] }[] }[];
    };
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.runs).toHaveLength(1);
    const [sarifRun] = sarif.runs;
    const ruleIds = sarifRun!.tool.driver.rules.map((rule) => rule.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(sarifRun!.results.length).toBeGreaterThan(0);
    for (const result of sarifRun!.results) {
      expect(ruleIds).toContain(result.ruleId);
      const location = result.locations[0]!.physicalLocation;
      // Repository-relative: this repository's root is the git top level.
      expect(location.artifactLocation.uri.startsWith(`${projectDir}/src/`)).toBe(true);
      expect(location.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(location.region.startLine).toBeGreaterThanOrEqual(1);
    }
  });

  const counts = jsonReport(runCli(['audit', '--format', 'json', projectDir])).summary.findings;

  it('prints GitHub workflow annotations, one per finding', () => {
    const run = runCli(['audit', '--format', 'github', projectDir]);
    const lines = run.stdout.trim().split('\n');
    expect(counts.error).toBeGreaterThan(0);
    expect(lines.filter((line) => line.startsWith('::error file=')).length).toBe(counts.error);
    expect(lines.filter((line) => line.startsWith('::warning file=')).length).toBe(counts.warning);
    expect(lines.at(-1)).toMatch(/^::notice::/);
  });

  it('prints a Markdown summary with the per-rule table', () => {
    const run = runCli(['audit', '--format', 'markdown', projectDir]);
    expect(run.stdout).toContain('## mcp-migrate audit: MCP 2026-07-28');
    expect(run.stdout).toMatch(/\| \[`no-session-id-header`\]\(https:\/\/github\.com\/mcp-migrate\/mcp-migrate\/blob\/v[\d.]+\/rules\/no-session-id-header\.md\) \|/);
  });

  it('prints the pretty report without colour codes when asked, grouped by file', () => {
    const run = runCli(['audit', '--no-color', projectDir]);
    expect(run.stdout).not.toMatch(/\x1b\[/);
    expect(run.stdout).toContain(`${projectDir}/src/server.ts\n`);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`✖ ${counts.total} problems (${counts.error} errors, ${counts.warning} warnings) in 4 files`);
  });
});
