import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, renderGithub } from '../../src/report/github.js';
import { emptyResult, makeFinding, makeResult, packageDir, repoRoot, sampleResult } from './sample-result.js';

const linesOf = (text: string) => text.split('\n').slice(0, -1);

describe('renderGithub', () => {
  it('writes one annotation per finding, by severity, sorted by file and line', () => {
    const lines = linesOf(renderGithub(sampleResult()));
    expect(lines.filter((line) => line.startsWith('::error file=src/server.ts'))).toEqual([
      '::error file=src/server.ts,line=12,col=5,endLine=12,endColumn=41,title=no-session-id-header::' +
        "Reads the `Mcp-Session-Id` header; MCP 2026-07-28 has no sessions, so it's never sent. " +
        '(https://github.com/mcp-migrate/mcp-migrate/blob/v0.1.0/rules/no-session-id-header.md)',
    ]);
    expect(lines.map((line) => line.match(/^::(\w+)/)![1])).toEqual([
      'notice',
      'error',
      'warning',
      'error',
      'warning',
      'error',
      'error',
      'notice',
    ]);
    expect(lines[0]).toMatch(/^::notice file=src\/resources.ts,line=3,col=9,endLine=3,endColumn=18,title=no-deprecated-roots::/);
  });

  it('writes file errors with a line only when one is known', () => {
    const result = makeResult({
      errors: [
        { file: 'src/broken.ts', message: 'Unexpected token', line: 4, column: 3 },
        { file: 'src/huge.js', message: 'File is larger than 2 MB' },
      ],
    });
    const lines = linesOf(renderGithub(result));
    expect(lines[0]).toBe('::error file=src/broken.ts,line=4,col=3::Unexpected token');
    expect(lines[1]).toBe('::error file=src/huge.js::File is larger than 2 MB');
  });

  it('ends with a notice that carries the totals', () => {
    expect(linesOf(renderGithub(sampleResult())).at(-1)).toBe(
      '::notice::mcp-migrate: 6 problems (3 errors, 2 warnings, 1 info) in 3 files; 40 files scanned; 1 file could not be checked',
    );
    expect(renderGithub(emptyResult())).toBe('::notice::mcp-migrate: no MCP 2026-07-28 problems; 7 files scanned\n');
  });

  it('escapes messages so they cannot break out of their command', () => {
    const finding = makeFinding({
      ruleId: 'no-session-state',
      message: '100% sure\r\n::error file=x::injected',
      docsUrl: '',
    });
    const lines = linesOf(renderGithub(makeResult({ findings: [finding] })));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/::100%25 sure%0D%0A::error file=x::injected$/);
  });

  it('escapes property values, where `:` and `,` would end them', () => {
    const finding = makeFinding({ ruleId: 'no-session-state', file: 'src/a,b:c%.ts' });
    const [line] = linesOf(renderGithub(makeResult({ findings: [finding] })));
    expect(line).toMatch(/^::error file=src\/a%2Cb%3Ac%25.ts,line=1,/);
  });

  it('escapes as @actions/core does', () => {
    expect(escapeData('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad:e,f');
    expect(escapeProperty('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad%3Ae%2Cf');
  });

  it('rewrites paths relative to the repository root when given one', () => {
    const [line] = linesOf(renderGithub(sampleResult(), { srcRoot: repoRoot }));
    expect(line).toMatch(/^::notice file=packages\/server\/src\/resources.ts,/);
    const [same] = linesOf(renderGithub(sampleResult(), { srcRoot: packageDir }));
    expect(same).toMatch(/^::notice file=src\/resources.ts,/);
  });
});
