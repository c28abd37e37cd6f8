import { describe, expect, it } from 'vitest';
import { raiseZodRange } from '../../src/engine/zod-range.js';

const manifest = (section: string, range: string) =>
  `{\n  "name": "notes",\n  "${section}": {\n    "express": "^5.1.0",\n    "zod": "${range}",\n    "@modelcontextprotocol/server": "^2.3.1"\n  }\n}\n`;

describe('raiseZodRange (fix --upgrade-sdk)', () => {
  it('raises a zod 3 range to the one SDK v2 needs, changing nothing else in the file', () => {
    const change = raiseZodRange(manifest('dependencies', '^3.25.0'));
    expect(change).toEqual({ raised: true, section: 'dependencies', from: '^3.25.0', text: manifest('dependencies', '^4.2.0') });
  });

  it('raises zod 4.0/4.1 ranges (they predate the JSON Schema the SDK reads) and looks in devDependencies too', () => {
    expect(raiseZodRange(manifest('devDependencies', '~4.1.0'))).toMatchObject({ raised: true, section: 'devDependencies', from: '~4.1.0' });
  });

  it('leaves ranges that can already resolve to zod >= 4.2', () => {
    for (const range of ['^4.2.0', '^4.3.1', '>=3.25.0', '^3.25.0 || ^4.2.0', '*']) expect(raiseZodRange(manifest('dependencies', range)), range).toEqual({ raised: false });
  });

  it('leaves a range semver cannot read, and says what to check', () => {
    const change = raiseZodRange(manifest('dependencies', 'workspace:*'));
    expect(change.raised).toBe(false);
    expect(change).toMatchObject({ reason: expect.stringContaining('"workspace:*" is not a semver range') });
  });

  it('does nothing for a manifest without zod, or one that is not JSON', () => {
    expect(raiseZodRange('{ "name": "x", "dependencies": { "express": "^5.1.0" } }')).toEqual({ raised: false });
    expect(raiseZodRange('{ not json')).toEqual({ raised: false });
  });
});
