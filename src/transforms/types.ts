import type { API, FileInfo } from 'jscodeshift';

/** What our runner passes as jscodeshift's `options`; the jscodeshift CLI passes its own flags instead. */
export interface TransformOptions {
  /** `'` or `"`: the file's quote style, for any string literal a transform writes. Detected when absent. */
  quote?: 'single' | 'double';
  /** The rule ids the configuration enables (`rule-fixes`, `mark-remaining`); all rules when absent. */
  rules?: readonly string[];
  [flag: string]: unknown;
}

/** The standard jscodeshift signature (design.md principle 7): the new source, or undefined for "no change". */
export type Transform = (file: FileInfo, api: API, options: TransformOptions) => string | undefined;

/** A transform module: `transforms/<id>.ts`. */
export interface TransformModule {
  default: Transform;
  /** jscodeshift CLI reads this to pick its parser when the transform is run with `npx jscodeshift -t`. */
  parser?: string;
}
