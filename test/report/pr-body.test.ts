import { describe, expect, it } from 'vitest';
import type { PrResult } from '../../src/engine/pr.js';
import { isDraft, renderPrBody, type PrBodyContext } from '../../src/report/pr/body.js';

const head = 'b'.repeat(40);

function result(overrides: Partial<PrResult> = {}): PrResult {
  return {
    cwd: '/repo/packages/server',
    top: '/repo',
    branch: 'mcp-migrate/2026-07-28',
    base: { ref: 'main', sha: 'a'.repeat(40) },
    head,
    tree: 'c'.repeat(40),
    previousHead: undefined,
    transforms: ['upgrade-sdk', 'resource-not-found-code', 'mark-remaining'],
    commits: [
      { sha: head, transform: 'upgrade-sdk', description: 'Move SDK v1 code to v2', message: 'mcp-migrate(upgrade-sdk): Move SDK v1 code to v2', files: ['src/a.ts', 'package.json'], edits: 12, markersAdded: 0 },
      { sha: 'd'.repeat(40), transform: 'mark-remaining', description: 'Put a marker | at every finding', message: 'mcp-migrate(mark-remaining): Put a marker', files: ['src/a.ts'], edits: 0, markersAdded: 2 },
    ],
    failed: [{ file: 'src/broken.ts', reason: 'cannot parse <this>', transform: 'resource-not-found-code' }],
    skipped: [{ file: 'src/linked.ts', reason: 'symbolic link outside the project' }],
    notes: [
      { file: 'src/v1.ts', transform: 'stdio-serve', message: 'needs SDK v2' },
      { file: 'src/v1b.ts', transform: 'stdio-serve', message: 'needs SDK v2' },
    ],
    markers: [
      { ruleId: 'no-session-state', file: 'src/a.ts', line: 12, text: 'Key it by a handle. https://example.com/rules/no-session-state.md' },
      { ruleId: 'no-deprecated-logging', file: 'src/b.ts', line: 3, text: 'Log to stderr.' },
    ],
    packageChanges: [
      { manifest: 'packages/server/package.json', field: 'dependencies', name: '@modelcontextprotocol/sdk', before: '^1.20.0' },
      { manifest: 'packages/server/package.json', field: 'dependencies', name: '@modelcontextprotocol/server', after: '^2.0.0' },
    ],
    identity: 'configured',
    summary: { filesChanged: 2, edits: 12, markers: 2, markersAdded: 2, failed: 1, skipped: 1 },
    ...overrides,
  };
}

const context: PrBodyContext = {
  cwdPrefix: 'packages/server',
  reproduce: 'npx mcp-migrate@0.1.0 pr --upgrade-sdk',
  installCommand: 'pnpm install',
  verifyCommands: ['pnpm run build', 'pnpm run test'],
};

describe('the pull request body', () => {
  it('has every section, in order', () => {
    const body = renderPrBody(result(), context);
    const headings = [...body.matchAll(/^#{2,4} .*$/gm)].map((m) => m[0]);
    expect(headings).toEqual([
      '## Migrate to MCP 2026-07-28 (mcp-migrate)',
      '### Transforms',
      '### Needs a person (2 markers)',
      '#### [`no-deprecated-logging`](https://github.com/mcp-migrate/mcp-migrate/blob/v0.1.0/rules/no-deprecated-logging.md): 1 marker',
      '#### [`no-session-state`](https://github.com/mcp-migrate/mcp-migrate/blob/v0.1.0/rules/no-session-state.md): 1 marker',
      '### Left unchanged',
      '### Skipped',
      '### Notes',
      '### package.json',
      '### Verify',
      '### Reproduce',
      '### Controls',
    ]);
    expect(body).toContain('2 files changed, 12 edits, in 2 commits');
    expect(body).toContain('from `main` at `aaaaaaaaaaaa`');
    expect(body).toContain('| [`upgrade-sdk`](https://github.com/mcp-migrate/mcp-migrate/blob/v0.1.0/README.md#--upgrade-sdk) | Move SDK v1 code to v2 | 2 | 12 | 0 | `bbbbbbbbbbbb` |');
    // Table cells cannot be broken by the text in them.
    expect(body).toContain('| Put a marker \\| at every finding |');
    // Paths are the repository's, the docs link is not repeated on every marker.
    expect(body).toContain('- `packages/server/src/a.ts:12` Key it by a handle.\n');
    expect(body).toContain('| `packages/server/src/broken.ts` | `resource-not-found-code` | cannot parse &lt;this&gt; |');
    expect(body).toContain('| `packages/server/src/linked.ts` | symbolic link outside the project |');
    expect(body).toContain('- `stdio-serve`: needs SDK v2 (`packages/server/src/v1.ts`, `packages/server/src/v1b.ts`)');
    expect(body).toContain('| `packages/server/package.json` | dependencies | `@modelcontextprotocol/sdk` | `^1.20.0` | (removed) |');
    expect(body).toContain('| `packages/server/package.json` | dependencies | `@modelcontextprotocol/server` | (added) | `^2.0.0` |');
    expect(body).toContain('Then install: `pnpm install`');
    expect(body).toContain('- [ ] `pnpm install`\n- [ ] `pnpm run build`\n- [ ] `pnpm run test`\n- [ ] `npx mcp-migrate@0.1.0 audit`');
    expect(body).toContain('```sh\nnpx mcp-migrate@0.1.0 pr --upgrade-sdk\n```');
    expect(body.trimEnd().split('\n').at(-1)).toBe(
      `<!-- mcp-migrate:{"v":1,"tool":"0.1.0","target":"2026-07-28","branch":"mcp-migrate/2026-07-28","base":"${'a'.repeat(40)}","head":"${head}","transforms":["upgrade-sdk","mark-remaining"],"markers":2,"hash":"${'c'.repeat(40)}"} -->`,
    );
    expect(isDraft(result())).toBe(true);
    expect(isDraft(result({ markers: [] }))).toBe(false);
  });

  it('links each marker to its line on the branch commit when the repository is known', () => {
    const body = renderPrBody(result(), { ...context, repo: 'octo/server', serverUrl: 'https://ghe.example.com/' });
    expect(body).toContain(`- [\`packages/server/src/a.ts:12\`](https://ghe.example.com/octo/server/blob/${head}/packages/server/src/a.ts#L12) Key it by a handle.`);
  });

  it('keeps a branch name with -- from ending the hidden comment early', () => {
    const body = renderPrBody(result({ branch: 'a-->b' }), context);
    const comment = body.slice(body.lastIndexOf('<!--'));
    expect(comment.indexOf('-->')).toBe(comment.length - 4);
    expect(JSON.parse(/^<!-- mcp-migrate:(.*) -->\n$/.exec(comment)![1]!).branch).toBe('a-->b');
  });

  it('stays under the limit by leaving out markers first, keeping the totals and saying how many were cut', () => {
    const markers = Array.from({ length: 5000 }, (_, i) => ({ ruleId: i % 2 ? 'no-session-state' : 'no-deprecated-logging', file: `src/file-${i}.ts`, line: i + 1, text: 'Do the thing that this marker says, in a sentence long enough to matter.' }));
    const body = renderPrBody(result({ markers, summary: { ...result().summary, markers: 5000 } }), context);
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(body).toContain('**5,000 markers need a person**');
    expect(body).toContain('### Needs a person (5,000 markers)');
    const listed = body.match(/^- `packages\/server\/src\/file-/gm)!.length;
    expect(listed).toBeGreaterThan(100);
    expect(body).toContain(`> **Left out: ${(5000 - listed).toLocaleString('en-US')} markers**, to keep this body under 60,000 characters.`);
    // Failed and skipped files and every section after the lists survive.
    expect(body).toContain('| `packages/server/src/broken.ts` |');
    expect(body).toContain('### Controls');
    expect(body).toMatch(/<!-- mcp-migrate:\{.*"markers":5000.*\} -->\n$/);
    const small = renderPrBody(result({ markers, summary: { ...result().summary, markers: 5000 } }), { ...context, maxLength: 8_000 });
    expect(small.length).toBeLessThanOrEqual(8_000);
  });
});
