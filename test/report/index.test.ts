import { describe, expect, it } from 'vitest';
import { formats, render } from '../../src/report/index.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderPretty } from '../../src/report/pretty.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderGithub } from '../../src/report/github.js';
import { repoRoot, sampleResult } from './sample-result.js';

describe('render', () => {
  const result = sampleResult();
  const options = { color: false, srcRoot: repoRoot };

  it('offers the five formats of the CLI', () => {
    expect(formats).toEqual(['pretty', 'json', 'sarif', 'markdown', 'github']);
  });

  it('dispatches each format to its renderer', async () => {
    expect(await render('json', result, options)).toBe(renderJson(result));
    expect(await render('sarif', result, options)).toBe(renderSarif(result, { srcRoot: repoRoot }));
    expect(await render('markdown', result, options)).toBe(renderMarkdown(result));
    expect(await render('github', result, options)).toBe(renderGithub(result, { srcRoot: repoRoot }));
    expect(await render('pretty', result, options)).toBe(renderPretty(result, { color: false }));
    expect(await render('pretty', result, { ...options, color: true })).toMatch(/\x1b\[/);
  });
});
