import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { runRule } from '../../src/transforms/rule-findings.js';
import { isRepeatableStatement } from '../../src/transforms/repeatable-statements.js';

/**
 * The rule of thumb push-to-input-required uses for statements that run again when the client
 * retries: each case is the body of a handler, and the answer is for its last statement.
 */
const prelude = `
import { readFile, writeFile } from 'node:fs/promises';
let cache: string[] = [];
const stores = new Map<string, { read(name: string): Promise<string> }>();
async function storeFor(project: string) {
  const store = stores.get(project) ?? { read: async (name: string) => readFile(name, 'utf8') };
  return store;
}
async function remember(project: string) {
  cache = [project];
  return project;
}
async function saveDraft(text: string) { await writeFile('draft.md', text); }
declare const server: { sendLoggingMessage(params: object): Promise<void>; server: { getClientCapabilities(): { sampling?: object } | undefined } };
declare const handlers: Record<string, () => Promise<string>>;
`;

function lastStatement(body: string): { code: Readonly<TSESLint.SourceCode>; statement: TSESTree.Node } {
  const { sourceCode } = runRule('no-deprecated-sampling', `${prelude}\nexport async function handler(project: string, name: string) {\n${body}\n}\n`, '/case.ts');
  const code = sourceCode as unknown as Readonly<TSESLint.SourceCode>;
  const handler = code.ast.body.at(-1) as TSESTree.ExportNamedDeclaration;
  const fn = handler.declaration as TSESTree.FunctionDeclaration;
  return { code, statement: fn.body.body.at(-1)! };
}

const repeatable = (body: string) => {
  const { code, statement } = lastStatement(body);
  return isRepeatableStatement(code, statement);
};

describe('isRepeatableStatement', () => {
  it.each([
    ['reads through a local helper and a method', 'const store = await storeFor(project);'],
    ['an imported read', "const text = await readFile(name, 'utf8');"],
    ['a capability read', 'const canSample = Boolean(server.server.getClientCapabilities()?.sampling);'],
    ['a log line', "await server.sendLoggingMessage({ level: 'info', data: 'asking' });"],
    ['a guard that only returns', 'if (!project) { return { content: [] }; }'],
    ['a push onto its own array', 'const names = [name].map((n) => { const out: string[] = []; out.push(n); return out; });'],
    ['a GET fetch', "const page = await fetch(name, { method: 'GET' });"],
  ])('accepts %s', (_, body) => expect(repeatable(body)).toBe(true));

  it.each([
    ['a call named like a write', 'const saved = await saveDraft(name);'],
    ['an imported write', "const written = await writeFile(name, 'x');"],
    ['a local helper that assigns module state', 'const project2 = await remember(project);'],
    ['an assignment to module state', 'cache = [name];'],
    ['a statement run for its effect', 'await storeFor(project);'],
    ['a call by a computed name', 'const text = await handlers[name]();'],
    ['a POST fetch', "const page = await fetch(name, { method: 'POST', body: project });"],
    ['a loop', 'for (const n of [name]) await storeFor(n);'],
  ])('rejects %s', (_, body) => expect(repeatable(body)).toBe(false));
});
