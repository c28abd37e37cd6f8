import type { TSESLint } from '@typescript-eslint/utils';
import { a2aModule, a2aOnlyMethod, taskStatusNotificationMethod } from '../mcp/legacy-tasks.js';
import { fileEvidence } from './evidence.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Whether a file's task code can be MCP's (design.md principle 3). "tasks", `tasks/get`,
 * `tasks/cancel` and `tasks/list` are also A2A's JSON-RPC methods, and job queues, workflow
 * engines and todo apps all have tasks with ids and statuses.
 */
export interface TaskEvidence {
  /** It imports an MCP package, or spells MCP methods other than the task ones. */
  speaksMcp: boolean;
  /** It imports an A2A SDK or spells a method only A2A has (`tasks/send`, `message/send`, …). */
  speaksA2a: boolean;
  /**
   * Hand-rolled task code (method names, handle shapes) is MCP's: the file speaks MCP and
   * shows no A2A signs. A file with both (a bridge) is left to the SDK-traced checks.
   */
  mcpTasks: boolean;
}

const cache = new WeakMap<object, TaskEvidence>();

export function taskEvidence(sourceCode: SourceCode): TaskEvidence {
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  const evidence = fileEvidence(sourceCode);
  const beyondTasks = [...evidence.mcpMethods].some((method) => !method.startsWith('tasks/') && method !== taskStatusNotificationMethod);
  let speaksA2a = false;
  for (const token of sourceCode.ast.tokens) {
    if (token.type !== 'String') continue;
    const value = token.value.slice(1, -1);
    if (a2aModule.test(value) || a2aOnlyMethod.test(value)) speaksA2a = true;
  }
  const speaksMcp = evidence.importsMcp || beyondTasks;
  const result: TaskEvidence = { speaksMcp, speaksA2a, mcpTasks: speaksMcp && !speaksA2a };
  cache.set(sourceCode.ast, result);
  return result;
}
