import { parse } from '@typescript-eslint/parser';

/**
 * Parses a transform's output with the audit's parser: a rewrite that does not parse is never
 * written (design.md principle 5). Returns the parser's message, or undefined when it parses.
 */
export function parseError(code: string, filename: string): string | undefined {
  try {
    parse(code, {
      ecmaVersion: 'latest',
      sourceType: filename.endsWith('.cjs') ? 'script' : 'module',
      ecmaFeatures: { jsx: /\.[jt]sx$/.test(filename) },
      filePath: filename,
      range: false,
      loc: true,
    });
    return undefined;
  } catch (error) {
    const { message, lineNumber, column } = error as { message: string; lineNumber?: number; column?: number };
    return lineNumber ? `${message} (line ${lineNumber}, column ${column})` : message;
  }
}
