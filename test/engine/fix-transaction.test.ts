import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChangedOnDiskError, replaceFileIfUnchanged } from '../../src/engine/atomic-write.js';
import { restore, strip } from '../../src/engine/source-envelope.js';
import { fixFile } from '../../src/engine/transform-runner.js';
import type { Transform } from '../../src/transforms/types.js';
import type { TransformDescriptor } from '../../transforms/index.js';

function fileWith(content: string) {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-migrate-tx-'));
  const absolute = join(dir, 'a.ts');
  writeFileSync(absolute, content);
  return { dir, absolute, relative: 'a.ts' };
}

function descriptor(transform: Transform): TransformDescriptor {
  return { id: 'test-transform', description: '', resolves: [], prefilter: ['32002'], load: async () => ({ default: transform }) };
}

const source = 'export const code = -32002;\n';

describe('a file as a transaction', () => {
  it('writes the transform output atomically, leaving no temporary file', async () => {
    const file = fileWith(source);
    const outcome = await fixFile(file, { selected: [descriptor((f) => f.source.replace('32002', '32602'))], write: true });
    expect(outcome.status).toBe('changed');
    expect(readFileSync(file.absolute, 'utf8')).toBe('export const code = -32602;\n');
    expect(readdirSync(file.dir)).toEqual(['a.ts']);
  });

  it('leaves the file untouched when the file changed on disk meanwhile', async () => {
    const file = fileWith(source);
    const meanwhile = 'export const code = -32002; // edited in an editor\n';
    const outcome = await fixFile(file, { selected: [descriptor((f) => (writeFileSync(file.absolute, meanwhile), f.source.replace('32002', '32602')))], write: true });
    expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringContaining('changed on disk') });
    expect(readFileSync(file.absolute, 'utf8')).toBe(meanwhile);
    expect(readdirSync(file.dir)).toEqual(['a.ts']);
  });

  it('leaves the file untouched when the output does not parse', async () => {
    const file = fileWith(source);
    const outcome = await fixFile(file, { selected: [descriptor(() => 'export const code = ;\n')], write: true });
    expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringContaining('would not parse') });
    expect(readFileSync(file.absolute, 'utf8')).toBe(source);
  });

  it('leaves the file untouched when a transform throws, even after an earlier one changed it', async () => {
    const file = fileWith(source);
    const first = descriptor((f) => f.source.replace('32002', '32602'));
    const second = { ...descriptor(() => { throw new Error('boom'); }), id: 'second' };
    const outcome = await fixFile(file, { selected: [first, { ...second, prefilter: ['code'] }], write: true });
    expect(outcome).toMatchObject({ status: 'failed', transform: 'second', reason: 'second failed: boom' });
    expect(readFileSync(file.absolute, 'utf8')).toBe(source);
  });

  it('asks each transform whether it has work on the text as the earlier ones left it', async () => {
    const file = fileWith(source);
    const first = descriptor((f) => f.source.replace('-32002', 'ResourceNotFound'));
    const second = { ...descriptor((f) => f.source.replace('ResourceNotFound', '-32602')), id: 'second', prefilter: ['ResourceNotFound'] };
    const outcome = await fixFile(file, { selected: [first, second], write: true });
    expect(outcome.status).toBe('changed');
    expect(readFileSync(file.absolute, 'utf8')).toBe('export const code = -32602;\n');
  });

  it('counts as added only the markers the result has and the file had not', async () => {
    const marker = (text: string) => `/* mcp-migrate(no-legacy-resource-not-found-code): ${text}. https://example.com */\n`;
    const file = fileWith(`${marker('kept from an earlier run')}${source}`);
    // One transform marks the line, a later one rewrites it and takes that marker away again, a third marks something else.
    const marks = descriptor((f) => f.source.replace('export const', `${marker('send -32602')}export const`));
    const rewrites = { ...descriptor((f) => f.source.replace(marker('send -32602'), '').replace('-32002', '-32602')), id: 'rewrites' };
    const other = { ...descriptor((f) => `${f.source}${marker('check the clients')}`), id: 'other', prefilter: ['code'] };
    const outcome = await fixFile(file, { selected: [marks, rewrites, other], write: false });
    expect(outcome.markers.map((m) => m.text)).toEqual(['kept from an earlier run. https://example.com', 'check the clients. https://example.com']);
    expect(outcome.markersAdded).toBe(1);
  });

  it('refuses to replace a file whose bytes are not the expected ones', async () => {
    const file = fileWith(source);
    await expect(replaceFileIfUnchanged(file.absolute, Buffer.from('other'), 'new')).rejects.toBeInstanceOf(ChangedOnDiskError);
    expect(readFileSync(file.absolute, 'utf8')).toBe(source);
  });
});

describe('the source envelope', () => {
  it.each([
    ['a BOM', '\ufeffconst a = 1;\n'],
    ['a shebang', '#!/usr/bin/env node\nconst a = 1;\n'],
    ['CRLF', 'const a = 1;\r\nconst b = 2;\r\n'],
    ['all three', '\ufeff#!/usr/bin/env node\r\nconst a = 1;\r\n'],
    ['mixed line endings, passed through', 'const a = 1;\r\nconst b = 2;\n'],
  ])('round-trips %s', (_, text) => {
    const { code, envelope } = strip(text);
    expect(code.startsWith('#!') || code.startsWith('\ufeff')).toBe(false);
    expect(restore(code, envelope)).toBe(text);
  });

  it('gives transforms LF text and puts CRLF back on new lines too', () => {
    const { code, envelope } = strip('a;\r\nb;\r\n');
    expect(code).toBe('a;\nb;\n');
    expect(restore(`${code}c;\n`, envelope)).toBe('a;\r\nb;\r\nc;\r\n');
  });
});
