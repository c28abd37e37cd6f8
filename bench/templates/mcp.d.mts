/** Types for the MCP file templates (mcp.mjs), for the tests. */
export const mcpShapes: readonly [kind: string, render: (rng: unknown) => string, weight: number][];
export function mcpFile(rng: unknown): { kind: string; text: string };
