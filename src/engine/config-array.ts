import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';

/**
 * How every run of our rules parses, the audit's and the transforms' alike: typescript-estree,
 * the latest syntax, no type information. No rule reads JSDoc, and TypeScript's JSDoc parsing is
 * about a quarter of the parse (comments are still tokens). Each run adds its `sourceType`.
 */
export const rulesLanguageOptions = {
  parser: tsParser,
  ecmaVersion: 'latest',
  parserOptions: { jsDocParsingMode: 'none' },
} as const satisfies Linter.LanguageOptions;

/** ESLint's `FlatConfigArray`, as far as we use it. */
interface FlatConfigArrayLike extends Array<Linter.Config> {
  normalizeSync(): void;
  getConfig(filePath: string): unknown;
}

type FlatConfigArrayClass = new (configs: Linter.Config[], options: { basePath: string }) => FlatConfigArrayLike;

let flatConfigArray: FlatConfigArrayClass | null | undefined;

/**
 * ESLint's own `FlatConfigArray` class, or null. ESLint does not export it, so it is loaded from
 * its file in the installed package; should a future ESLint move it, callers get null and fall
 * back to plain arrays, which only costs speed.
 */
function flatConfigArrayClass(): FlatConfigArrayClass | null {
  if (flatConfigArray === undefined) {
    try {
      const require = createRequire(import.meta.url);
      const eslintRoot = dirname(require.resolve('eslint/package.json'));
      const loaded = (require(join(eslintRoot, 'lib/config/flat-config-array.js')) as { FlatConfigArray?: unknown }).FlatConfigArray;
      flatConfigArray = typeof loaded === 'function' ? (loaded as FlatConfigArrayClass) : null;
    } catch {
      flatConfigArray = null;
    }
  }
  return flatConfigArray;
}

/**
 * `configs` in the form `Linter#verify` can reuse from one file to the next. Given a plain array,
 * `verify` builds and normalizes a new `FlatConfigArray` on every call, and merges the matching
 * config objects again: a fifth of the time it takes to lint a small file. Given a normalized
 * `FlatConfigArray` (ESLint recognises one by its `getConfig` method), it uses that array and
 * its cache of merged configs. `basePath` must be the `cwd` the `Linter` was made with.
 */
export function reusableConfig(configs: Linter.Config[], basePath: string): Linter.Config[] {
  const FlatConfigArray = flatConfigArrayClass();
  if (!FlatConfigArray) return configs;
  try {
    const array = new FlatConfigArray(configs, { basePath });
    array.normalizeSync();
    return array;
  } catch {
    // Let `verify` report whatever is wrong with the config, as it always has.
    return configs;
  }
}
