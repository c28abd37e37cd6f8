import type { AuditResult } from './finding.js';

export const formats = ['pretty', 'json', 'sarif', 'markdown', 'github'] as const;

export type Format = (typeof formats)[number];

export interface RenderOptions {
  /** Colour for `pretty`; the caller decides from the terminal, `NO_COLOR` and `--color`. */
  color: boolean;
  /** Terminal width for `pretty` to wrap messages at, when writing to a terminal. */
  width?: number;
  /** The absolute directory `sarif` URIs and `github` annotation paths are relative to, usually the git top-level. */
  srcRoot: string;
}

/** Each format's module is imported on demand, so a run loads only the renderer it prints with. */
export async function render(format: Format, result: AuditResult, options: RenderOptions): Promise<string> {
  switch (format) {
    case 'pretty':
      return (await import('./pretty.js')).renderPretty(result, { color: options.color, ...(options.width ? { width: options.width } : {}) });
    case 'json':
      return (await import('./json.js')).renderJson(result);
    case 'sarif':
      return (await import('./sarif.js')).renderSarif(result, { srcRoot: options.srcRoot });
    case 'markdown':
      return (await import('./markdown.js')).renderMarkdown(result);
    case 'github':
      return (await import('./github.js')).renderGithub(result, { srcRoot: options.srcRoot });
  }
}
