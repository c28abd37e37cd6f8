import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot, toolVersion } from '../../src/package-info.js';
import { jsonReport, runCli } from '../helpers/cli.js';

const projectsDir = 'test/fixtures/projects';
const legacyProjects = readdirSync(join(packageRoot, projectsDir)).filter((name) => name.startsWith('legacy-'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.[cm]?[jt]sx?$/.test(name) ? [path] : [];
  });
}

/** `file:line:rule` for every `// expect: <rule-id>[, <rule-id>]` comment in a project's sources. */
function expectedFindings(project: string): string[] {
  const expected: string[] = [];
  for (const path of sourceFiles(join(packageRoot, projectsDir, project))) {
    const file = relative(packageRoot, path).split('\\').join('/');
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const marker = /\/\/ expect: ([\w\-, ]+)$/.exec(line);
        for (const id of marker?.[1]?.split(',') ?? []) expected.push(`${file}:${index + 1}:${id.trim()}`);
      });
  }
  return expected.sort();
}

describe.each(legacyProjects)('audit of the bundled legacy example %s', (project) => {
  const run = runCli(['audit', '--format', 'json', `${projectsDir}/${project}`]);
  const report = jsonReport(run);

  it('reports exactly the lines marked in the example, and none of its lookalikes', () => {
    const actual = report.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`).sort();
    expect(actual).toEqual(expectedFindings(project));
  });

  it('checks every file and exits with 1', () => {
    expect(report.errors).toEqual([]);
    expect(run.status).toBe(1);
  });
});

describe('audit of the bundled migrated v2 project', () => {
  const report = jsonReport(runCli(['audit', '--format', 'json', `${projectsDir}/migrated-v2`]));

  it('gets no error-level finding', () => {
    expect(report.errors).toEqual([]);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reports the 2025 leg its dual-era server keeps behind isLegacyRequest() as info, naming the gate', () => {
    const dualEra = report.findings.filter((f) => f.file.endsWith('src/dual-era.ts'));
    expect(dualEra.length).toBeGreaterThan(0);
    for (const finding of dualEra) {
      expect(finding.severity).toBe('info');
      expect(finding.message).toContain('isLegacyRequest(');
    }
  });
});

describe('the JSON report', () => {
  const projectDir = `${projectsDir}/legacy-streamable-http`;
  const run = runCli(['audit', '--format', 'json', projectDir]);
  const report = jsonReport(run);

  it('prints the JSON contract of design.md on stdout', () => {
    expect(run.stderr).toBe('');
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'target', 'findings', 'errors', 'skipped', 'summary']);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'mcp-migrate', version: toolVersion });
    expect(report.target).toBe('2026-07-28');
    for (const finding of report.findings) {
      const keys = ['ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'docsUrl', 'fix'];
      expect(Object.keys(finding)).toEqual(finding.transform ? [...keys, 'transform'] : keys);
      expect(['error', 'warning', 'info']).toContain(finding.severity);
      expect(['safe', 'transform', 'manual']).toContain(finding.fix);
      expect(finding.file).not.toContain('\\');
      expect(finding.line).toBeGreaterThanOrEqual(1);
      expect(finding.column).toBeGreaterThanOrEqual(1);
      expect(finding.endLine).toBeGreaterThanOrEqual(finding.line);
      expect(finding.docsUrl).toBe(`https://github.com/mcp-migrate/mcp-migrate/blob/v${toolVersion}/rules/${finding.ruleId}.md`);
    }
  });

  it('locates a finding on the exact source span', () => {
    const read = report.findings.find((f) => f.file.endsWith('server.ts') && f.message.startsWith('Reads the Mcp-Session-Id header'));
    const source = readFileSync(join(packageRoot, read!.file), 'utf8').split('\n')[read!.line - 1]!;
    expect(source.slice(read!.column - 1, read!.endColumn - 1)).toBe("'mcp-session-id'");
  });

  it('summarises what it scanned', () => {
    expect(report.summary.filesDiscovered).toBe(8);
    expect(report.summary.filesParsed).toBeGreaterThanOrEqual(4);
    expect(report.summary.findings.total).toBe(report.findings.length);
  });
});
