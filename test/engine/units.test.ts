import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Prefilter } from '../../src/engine/prefilter.js';
import { parseSize, readSourceSync } from '../../src/engine/read-source.js';
import { tempProject } from '../helpers/cli.js';

describe('Prefilter', () => {
  const prefilter = new Prefilter(new Map([
    ['a', { anyOf: ['mcp-session-id', '@modelcontextprotocol/'] }],
    ['b', { anyOf: ['32002'] }],
  ]));

  it('names the rules whose tokens a file holds, in any case', () => {
    expect(prefilter.scan("h.get('Mcp-Session-Id')")).toEqual({ ruleIds: ['a'], hasDirective: false });
    expect(prefilter.scan('code === -32002 // @ModelContextProtocol/sdk')).toEqual({ ruleIds: ['a', 'b'], hasDirective: false });
    expect(prefilter.scan('const x = 1;')).toEqual({ ruleIds: [], hasDirective: false });
  });

  it('credits every token a longer match contains, and tokens overlapping a match', () => {
    const nested = new Prefilter(new Map([
      ['short', { anyOf: ['tools/'] }],
      ['long', { anyOf: ['tools/list'] }],
      ['overlap', { anyOf: ['list_changed'] }],
    ]));
    expect(nested.scan("case 'tools/list':").ruleIds).toEqual(['long', 'short']);
    expect(nested.scan("'notifications/tools/list_changed'").ruleIds).toEqual(['long', 'overlap', 'short']);
  });

  it('runs a rule with a second condition only on files that meet both', () => {
    const gated = new Prefilter(new Map([['no-ping', { anyOf: ['ping'], alsoOneOf: ['@modelcontextprotocol/', 'tools/list'] }]]));
    expect(gated.scan('class HttpClient { ping() { return fetch(this.url); } }').ruleIds).toEqual([]);
    expect(gated.scan("import { Client } from '@modelcontextprotocol/sdk/client/index.js'; await client.ping();").ruleIds).toEqual(['no-ping']);
    expect(gated.scan("switch (msg.method) { case 'ping': case 'tools/list': }").ruleIds).toEqual(['no-ping']);
    expect(gated.scan("const methods = ['tools/list'];").ruleIds).toEqual([]);
  });

  it('answers the same text again from its last scan, and a new text afresh', () => {
    const first = prefilter.scan("h.get('Mcp-Session-Id')");
    expect(prefilter.scan("h.get('Mcp-Session-Id')")).toBe(first);
    expect(prefilter.scan('code === -32002').ruleIds).toEqual(['b']);
    expect(prefilter.scan("h.get('Mcp-Session-Id')")).toEqual(first);
  });

  it('notices our disable directives, which must be parsed to be reported when unused', () => {
    expect(prefilter.scan('// eslint-disable-next-line mcp-migrate/no-session-id-header')).toEqual({ ruleIds: [], hasDirective: true });
  });
});

describe('readSourceSync', () => {
  it('drops a byte-order mark and reads the text', () => {
    const dir = tempProject({ 'a.ts': '\uFEFFconst a = 1;\n' });
    expect(readSourceSync(join(dir, 'a.ts'))).toEqual({ ok: true, text: 'const a = 1;\n', bytes: 16, bom: true, raw: Buffer.from('\uFEFFconst a = 1;\n') });
  });

  it('says which line holds the first invalid UTF-8 byte', () => {
    const dir = tempProject({});
    writeFileSync(join(dir, 'a.ts'), Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0xc3, 0x28, 0x0a]));
    expect(readSourceSync(join(dir, 'a.ts'))).toEqual({ ok: false, message: expect.stringContaining('first bad byte on line 3') });
  });

  it('reports a missing file instead of throwing', () => {
    expect(readSourceSync('/nonexistent/file.ts')).toEqual({ ok: false, message: expect.stringContaining('cannot read the file') });
  });

  it('refuses a directory (or FIFO, socket, device) where a file was listed, without blocking on it', () => {
    const dir = tempProject({ 'sub/a.ts': '' });
    expect(readSourceSync(join(dir, 'sub'))).toEqual({ ok: false, message: 'not a regular file; exclude it' });
  });
});

describe('parseSize', () => {
  it.each([
    ['1048576', 1048576],
    ['2mb', 2 * 1024 * 1024],
    ['512KB', 512 * 1024],
    ['1.5m', 1.5 * 1024 * 1024],
    ['big', undefined],
    ['-1', undefined],
  ])('%s → %s', (text, bytes) => expect(parseSize(text)).toBe(bytes));
});
