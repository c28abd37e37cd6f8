import { describe, expect, it } from 'vitest';
import { transforms } from '../../transforms/index.js';
import { rules } from '../../rules/index.js';
import { runCli } from '../helpers/cli.js';

describe('mcp-migrate list', () => {
  it('lists every rule with its level, fix levels and docs link', () => {
    const run = runCli(['list']);
    expect(run.status).toBe(0);
    for (const id of Object.keys(rules)) expect(run.stdout).toContain(id);
    expect(run.stdout).toMatch(/no-legacy-resource-not-found-code\s+error\s+fix: safe, manual/);
    expect(run.stdout).toContain('unused-disable-directive');
    expect(run.stdout).toContain('Transforms');
  });

  it('prints the same catalogue as JSON', () => {
    const list = JSON.parse(runCli(['list', '--json']).stdout) as { rules: { id: string; docsUrl: string; fixLevels: string[] }[]; checks: unknown[]; transforms: unknown[] };
    expect(list.rules.map((rule) => rule.id).sort()).toEqual(Object.keys(rules).sort());
    for (const rule of list.rules) expect(rule.docsUrl).toMatch(new RegExp(`/rules/${rule.id}\\.md$`));
    expect(list.checks).toHaveLength(1);
    // The order they run in: hosting first, then what depends on it, the two passes over every rule last.
    expect((list.transforms as { id: string }[]).map((t) => t.id)).toEqual([
      'resource-not-found-code',
      'stdio-serve',
      'http-handler',
      'get-stream-405',
      'session-state-handles',
      'session-header',
      'client-info-meta',
      'initialize-to-discover',
      'tasks-extension',
      'push-to-input-required',
      'logging-to-request-log',
      'client-negotiation',
      'hand-rolled-client',
      'rule-fixes',
      'mark-remaining',
    ]);
    expect(list.transforms).toEqual(transforms.map(({ id, description, resolves }) => ({ id, description, resolves })));
  });
});

describe('mcp-migrate explain', () => {
  it("prints the rule's documentation for a terminal", () => {
    const run = runCli(['explain', 'no-session-id-header', '--no-color']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no-session-id-header');
    expect(run.stdout).toContain('What it flags');
    expect(run.stdout).toContain("    const sessionId = req.headers['mcp-session-id'] as string | undefined;");
    expect(run.stdout).not.toContain('```');
    expect(run.stdout).toMatch(/Online: https:\/\/github\.com\/.*\/rules\/no-session-id-header\.md/);
  });

  it('explains the engine check too', () => {
    expect(runCli(['explain', 'unused-disable-directive']).stdout).toContain('eslint-disable comments');
  });

  it('exits 2 with a suggestion for an unknown id', () => {
    const run = runCli(['explain', 'no-legacy-resource-not-found']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('(did you mean "no-legacy-resource-not-found-code"?)');
  });
});
