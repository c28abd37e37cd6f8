import { describe, expect, it } from 'vitest';
import { formatCount, plural } from '../../src/report/wording.js';

describe('formatCount', () => {
  it('groups thousands as en-US does', () => {
    for (const count of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 1_234_567_890]) {
      expect(formatCount(count)).toBe(count.toLocaleString('en-US'));
    }
  });
});

describe('plural', () => {
  it('counts with the right noun form', () => {
    expect(plural(1, 'error')).toBe('1 error');
    expect(plural(10_000, 'file')).toBe('10,000 files');
    expect(plural(2, 'info')).toBe('2 infos');
  });
});
