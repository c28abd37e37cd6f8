/**
 * The codemod transforms of `mcp-migrate fix`, each resolving the findings of the rules it
 * names (design.md "Transforms"). This version ships none yet: every finding is either fixed
 * by the rule's own ESLint autofix (fix level `safe`) or left to a person (`manual`).
 */
export interface TransformDescriptor {
  id: string;
  description: string;
  /** Rule ids whose findings it resolves. */
  resolves: string[];
}

export const transforms: readonly TransformDescriptor[] = [];
