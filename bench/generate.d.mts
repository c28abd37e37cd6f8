/** Types for the benchmark's tree generator (generate.mjs), for the tests. */
export interface TreeOptions {
  /** Source files to write (default 10,000). */
  files?: number;
  /** Share of them that are MCP servers and clients (default 0.01). */
  mcpShare?: number;
  seed?: string;
  filesPerPackage?: number;
  /** Files in the git-ignored node_modules (default twice `files`). */
  nodeModulesFiles?: number;
}

export interface GeneratedTree {
  dir: string;
  files: number;
  mcpFiles: number;
  ordinaryFiles: number;
  nodeModulesFiles: number;
  packages: number;
  /** Files written per template kind (`stdio-server`, `service`, `chat-session`, …). */
  byKind: Record<string, number>;
}

export const defaultTreeOptions: Required<Omit<TreeOptions, 'nodeModulesFiles'>>;
export function generateTree(dir: string, options?: TreeOptions): GeneratedTree;
