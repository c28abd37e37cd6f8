import { describe, expect, it } from 'vitest';
import { defaultMarkdownMaxLength, renderMarkdown } from '../../src/report/markdown.js';
import { cellText, codeSpan } from '../../src/report/markdown-text.js';
import { emptyResult, makeFinding, makeResult, manyFindings, sampleErrors, sampleResult, sampleSkipped } from './sample-result.js';

const totalsLine = (markdown: string) => markdown.split('\n')[2]!;

/** A table row's cells as GitHub splits them: on every `|` that is not escaped. */
const cellsOf = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());

const findingRows = (markdown: string) => markdown.split('\n').filter((line) => /^\| `+src\//.test(line));

describe('renderMarkdown', () => {
  it('opens with the title and a one-line total', () => {
    const markdown = renderMarkdown(sampleResult());
    expect(markdown.startsWith('## mcp-migrate audit: MCP 2026-07-28\n\n')).toBe(true);
    expect(totalsLine(markdown)).toBe(
      '**6 findings** (3 errors, 2 warnings, 1 info) in 3 files · 40 files scanned, 12 parsed · 1 file error · 1 skipped path',
    );
  });

  it('tables each rule with a docs link, severities, counts and fix levels, most severe first', () => {
    const markdown = renderMarkdown(sampleResult());
    const ruleRows = markdown.split('\n').filter((line) => line.startsWith('| [`'));
    expect(ruleRows.map((row) => cellsOf(row)[0]!.match(/`([^`]+)`/)![1])).toEqual([
      'no-legacy-resource-not-found-code',
      'no-session-id-header',
      'no-session-state',
      'unused-disable-directive',
      'no-deprecated-roots',
    ]);
    expect(cellsOf(ruleRows[1]!)).toEqual([
      '[`no-session-id-header`](https://github.com/mcp-migrate/mcp-migrate/blob/v0.1.0/rules/no-session-id-header.md)',
      'error, warning',
      '2',
      '1',
      'manual',
    ]);
  });

  it('groups findings by rule in collapsible blocks with location, severity and message', () => {
    const markdown = renderMarkdown(sampleResult());
    expect(markdown).toContain('<details><summary><code>no-session-id-header</code>: 2 findings</summary>');
    expect(markdown.match(/<details>/g)).toHaveLength(5);
    expect(markdown.match(/<\/details>/g)).toHaveLength(5);
    expect(markdown).toContain('| `src/server.ts:40:3` | warning | Lists `Mcp-Session-Id` in the CORS exposed headers. |');
    expect(markdown).toContain('| `src/transport/http handler.ts:7:1` | error | Transports are kept in a map keyed by the session id. |');
  });

  it('lists file errors and skipped paths after the findings', () => {
    const markdown = renderMarkdown(sampleResult());
    const errors = markdown.indexOf('### Files that could not be checked');
    const skipped = markdown.indexOf('### Skipped paths');
    expect(markdown.lastIndexOf('</details>')).toBeLessThan(errors);
    expect(errors).toBeLessThan(skipped);
    expect(markdown).toContain('| `src/broken.ts:4:3` | Unexpected token. A constructor, method, accessor, or property was expected. |');
    expect(markdown).toContain('| `vendor/linked` | symbolic link that leaves the audited root |');
  });

  it('says plainly when nothing was found, without empty tables', () => {
    const markdown = renderMarkdown(emptyResult());
    expect(totalsLine(markdown)).toBe(
      '**No MCP 2026-07-28 problems found** · 7 files scanned, 0 parsed · 0 file errors · 0 skipped paths',
    );
    expect(markdown).not.toContain('|');
    expect(markdown).not.toContain('<details>');
    expect(markdown).not.toContain('explain');
  });

  describe('escaping table cells', () => {
    const hostile = makeFinding({
      ruleId: 'no-session-state',
      file: 'src/we|rd `name`.ts',
      message: 'Keyed by `Map<string, Transport>` | see <script>alert(1)</script> & ping @modelcontextprotocol/sdk, stray ` tick\nsecond line',
    });
    const markdown = renderMarkdown(makeResult({ findings: [hostile] }));
    const row = findingRows(markdown)[0]!;

    it('keeps three cells however many pipes the text holds', () => {
      expect(cellsOf(row)).toHaveLength(3);
    });

    it('shows HTML as text and keeps code spans as code', () => {
      expect(row).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp;');
      expect(row).toContain('`Map<string, Transport>`');
      expect(row).not.toContain('<script>');
    });

    it('escapes stray backticks, line breaks and mentions', () => {
      expect(row).toContain('stray \\` tick second line');
      expect(row).toContain('`@modelcontextprotocol/sdk`');
      expect(markdown.split('\n').filter((line) => line.includes('second line'))).toHaveLength(1);
    });

    it('fences a location that holds backticks with longer backtick runs', () => {
      expect(cellsOf(row)[0]).toBe('``src/we\\|rd `name`.ts:1:1``');
    });
  });

  it('escapes helpers as documented', () => {
    expect(cellText('a | b')).toBe('a \\| b');
    expect(cellText('use `x || y`')).toBe('use `x \\|\\| y`');
    expect(cellText('C:\\path')).toBe('C:\\\\path');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`a')).toBe('`` `a ``');
  });

  describe('length limit', () => {
    const huge = makeResult({ findings: manyFindings(5000), errors: sampleErrors, skipped: sampleSkipped });
    const markdown = renderMarkdown(huge);
    const shownRows = findingRows(markdown).filter((row) => row.includes('handler-'));

    it(`stays under ${defaultMarkdownMaxLength.toLocaleString('en-US')} characters by default`, () => {
      expect(markdown.length).toBeLessThanOrEqual(defaultMarkdownMaxLength);
      // Close to the limit: rows are only dropped when they must be.
      expect(markdown.length).toBeGreaterThan(defaultMarkdownMaxLength - 200);
    });

    it('keeps the totals and the per-rule table intact', () => {
      expect(totalsLine(markdown)).toBe(
        '**5,000 findings** (5,000 errors, 0 warnings, 0 infos) in 50 files · 40 files scanned, 12 parsed · 1 file error · 1 skipped path',
      );
      expect(markdown).toContain('| error | 5000 | 50 | manual |');
    });

    it('drops rows from the end and says how many, pointing to the full report', () => {
      expect(shownRows.length).toBeGreaterThan(100);
      expect(shownRows[0]).toContain('Finding number 1:');
      expect(shownRows.at(-1)).toContain(`Finding number ${shownRows.length}:`);
      const omitted = (5000 - shownRows.length).toLocaleString('en-US');
      // Findings take the room before skipped paths do, so the skipped path is left out too.
      expect(markdown).toContain(`> **Left out: ${omitted} findings, 1 skipped path**, to keep this under 60,000 characters.`);
      expect(markdown).toMatch(/full list is in the JSON or SARIF report/);
    });

    it('keeps file errors ahead of findings, and still closes every block', () => {
      expect(markdown).toContain('| `src/broken.ts:4:3` |');
      expect(markdown.match(/<details>/g)?.length).toBe(markdown.match(/<\/details>/g)?.length);
      expect(markdown.endsWith('</sub>\n')).toBe(true);
    });

    it('honours a smaller limit across several rules', () => {
      const findings = [...manyFindings(2000), ...manyFindings(2000, 'no-session-state')];
      const small = renderMarkdown(makeResult({ findings }), { maxLength: 10_000 });
      expect(small.length).toBeLessThanOrEqual(10_000);
      expect(small).toContain('**4,000 findings**');
      expect(small).toContain('[`no-session-state`]');
      expect(small).toMatch(/Left out: [\d,]+ findings/);
    });

    it('never drops the totals or the rule table, even below their own length', () => {
      const tiny = renderMarkdown(sampleResult(), { maxLength: 100 });
      expect(totalsLine(tiny)).toContain('**6 findings**');
      expect(tiny).toContain('[`no-deprecated-roots`]');
      expect(findingRows(tiny)).toEqual([]);
      expect(tiny).toContain('Left out: 6 findings, 1 file error, 1 skipped path');
    });

    it('adds no notice when everything fits', () => {
      expect(renderMarkdown(sampleResult())).not.toContain('Left out');
    });
  });
});
