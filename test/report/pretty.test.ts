import { describe, expect, it } from 'vitest';
import { renderPretty } from '../../src/report/pretty.js';
import { emptyResult, makeResult, sampleErrors, sampleResult } from './sample-result.js';

const ansi = /\x1b\[[0-9;]*m/g;
const stripAnsi = (text: string) => text.replace(ansi, '');

describe('renderPretty', () => {
  const plain = renderPretty(sampleResult(), { color: false });
  const lines = plain.split('\n');

  it('writes no escape codes without colour', () => {
    expect(plain).not.toMatch(ansi);
  });

  it('groups findings under their file, in file order', () => {
    const headers = lines.filter((line) => /^\S/.test(line) && line.includes('/'));
    expect(headers).toEqual(['src/resources.ts', 'src/server.ts', 'src/transport/http handler.ts']);
    const serverBlock = plain.slice(plain.indexOf('src/server.ts\n'), plain.indexOf('src/transport/'));
    expect(serverBlock).toMatch(/^ {2}12:5 {2}error {4}no-session-id-header {6}\[manual\]\n {8}Reads the `Mcp-Session-Id` header/m);
  });

  it('aligns position, severity, rule and fix level in columns within a file', () => {
    const block = lines.slice(lines.indexOf('src/server.ts') + 1, lines.indexOf('', lines.indexOf('src/server.ts')));
    const rows = block.filter((line) => /^ {2}\d+:\d+ /.test(line));
    expect(rows).toHaveLength(3);
    const startOf = (line: string, pattern: RegExp) => line.search(pattern);
    for (const pattern of [/(error|warning) /, /(no-session-id-header|unused-disable-directive) /, /\[manual\]/]) {
      expect(new Set(rows.map((row) => startOf(row, pattern))).size).toBe(1);
    }
  });

  it('puts each message on its own line under the severity, then its docs link', () => {
    const index = lines.findIndex((line) => line.includes('Transports are kept'));
    expect(lines[index]!.indexOf('Transports')).toBe(lines[index - 1]!.search(/(error|warning|info) /));
    expect(lines[index + 1]!.trim()).toBe('https://github.com/mcp-migrate/mcp-migrate/blob/v0.1.0/rules/no-session-state.md');
    expect(lines[index + 1]!.indexOf('https')).toBe(lines[index]!.indexOf('Transports'));
  });

  it('wraps long messages at the terminal width, and only when given one', () => {
    const finding = sampleResult().findings.find((f) => f.message.length > 60)!;
    const narrow = renderPretty(makeResult({ findings: [finding] }), { color: false, width: 50 }).split('\n');
    const start = narrow.findIndex((line) => line.startsWith('  ') && finding.message.startsWith(line.trim().split(' ')[0]!));
    const messageLines = narrow.slice(start, narrow.findIndex((line, i) => i > start && line.includes('https://')));
    expect(messageLines.length).toBeGreaterThan(1);
    for (const line of messageLines) expect(line.length).toBeLessThanOrEqual(50);
    expect(messageLines.map((line) => line.trim()).join(' ')).toBe(finding.message);
    expect(plain).toContain(`  ${finding.message}\n`);
  });

  it('lists file errors and skipped paths', () => {
    expect(plain).toContain('1 file could not be checked\n  src/broken.ts:4:3  Unexpected token.');
    expect(plain).toContain('Skipped 1 path\n  vendor/linked  symbolic link that leaves the audited root');
  });

  it('closes with a per-rule table, the explain hint once, and the totals last', () => {
    expect(plain).toMatch(/^ {2}Rule {2,}Severity {2,}Findings {2}Files {2}Fix levels$/m);
    expect(plain).toMatch(/^ {2}no-session-id-header {2,}error, warning {2,}2 {6}1 {2}manual$/m);
    expect(plain.match(/mcp-migrate explain <rule-id>/g)).toHaveLength(1);
    expect(lines.at(-2)).toBe('✖ 6 problems (3 errors, 2 warnings, 1 info) in 3 files (1 file could not be checked, 1 path skipped)');
    expect(plain.endsWith('\n')).toBe(true);
  });

  it('says so when nothing was found, without tables or hints', () => {
    expect(renderPretty(emptyResult(), { color: false })).toBe('✔ No MCP 2026-07-28 problems found in 7 files\n');
  });

  it('still reports files it could not check when nothing was found', () => {
    const text = renderPretty(makeResult({ errors: sampleErrors }), { color: false });
    expect(text).toMatch(/^1 file could not be checked\n/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('✔ No MCP 2026-07-28 problems found in 40 files (1 file could not be checked)');
    expect(text).not.toContain('explain');
  });

  describe('with colour', () => {
    const colored = renderPretty(sampleResult(), { color: true });

    it('paints severities, file names and the totals', () => {
      expect(colored).toContain('\x1b[4msrc/server.ts\x1b[24m');
      expect(colored).toContain('\x1b[31merror\x1b[39m');
      expect(colored).toContain('\x1b[33mwarning\x1b[39m');
      expect(colored).toMatch(/\x1b\[2mhttps:\/\/github.com\/mcp-migrate/);
    });

    it('reads the same as the plain output once the colour is removed, so columns stay aligned', () => {
      expect(stripAnsi(colored)).toBe(plain);
    });
  });
});
