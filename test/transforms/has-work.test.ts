import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-info.js';
import { hasWork, type TransformDescriptor, transforms } from '../../transforms/index.js';
import { applyTransform } from './apply.js';

/**
 * `hasWork` asks a transform's own tokens and then whether one of the rules it resolves can
 * report in the file (the rules' prefilter): a monorepo's lookalikes are never parsed for it.
 */
const gated = transforms.filter((t) => t.resolves.length > 0);
const byId = (id: string) => transforms.find((t) => t.id === id)!;
const tokensMatch = (descriptor: TransformDescriptor, text: string) =>
  typeof descriptor.prefilter === 'function' ? descriptor.prefilter(text) : descriptor.prefilter.some((token) => text.includes(token));

const lookalikes: Record<string, { text: string; tokensOf: string[] }> = {
  'an HttpClient with ping() and a Client class': {
    text: `export class HttpClient {
  constructor(private readonly baseUrl: string) {}
  async ping(): Promise<boolean> {
    const res = await fetch(\`\${this.baseUrl}/health\`, { method: 'GET' });
    return res.ok;
  }
  async remove(path: string): Promise<void> {
    await fetch(this.baseUrl + path, { method: 'DELETE' });
  }
}

export class Client {
  constructor(readonly http = new HttpClient('https://api.example.com')) {}
}
`,
    tokensOf: ['get-stream-405', 'client-negotiation'],
  },
  "a job queue's Task": {
    text: `export interface Task {
  id: string;
  run(): Promise<void>;
}

export class TaskQueue {
  private readonly tasks: Task[] = [];
  enqueue(task: Task): void {
    this.tasks.push(task);
  }
  async drain(): Promise<void> {
    for (const task of this.tasks.splice(0)) await task.run();
  }
}
`,
    tokensOf: ['tasks-extension'],
  },
  "a chat session's initialize()": {
    text: `export class ChatSession {
  private capabilities: string[] = [];
  constructor(readonly sessionId: string) {}
  async initialize(capabilities: string[]): Promise<void> {
    this.capabilities = capabilities;
  }
  has(capability: string): boolean {
    return this.capabilities.includes(capability);
  }
}
`,
    tokensOf: ['session-state-handles', 'session-header', 'client-info-meta', 'initialize-to-discover', 'hand-rolled-client'],
  },
  "a logger's logging: config": {
    text: `export const config = {
  port: 8080,
  logging: { level: 'info', pretty: process.env.NODE_ENV !== 'production' },
};
`,
    tokensOf: ['logging-to-request-log'],
  },
};

describe('hasWork', () => {
  it.each(Object.entries(lookalikes))('hands %s to no transform that resolves rules', (_, { text, tokensOf }) => {
    // The transforms' own tokens match: the rules' prefilter is what keeps the file from being parsed.
    expect(transforms.filter((t) => t.resolves.length > 0 && tokensMatch(t, text)).map((t) => t.id).sort()).toEqual([...tokensOf].sort());
    expect(gated.filter((t) => hasWork(t, text)).map((t) => t.id)).toEqual([]);
  });

  it('still hands an MCP server and client to their transforms', () => {
    const server = `import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { Client } from '@modelcontextprotocol/client';

const server = new McpServer({ name: 'demo', version: '1.0.0' }, { capabilities: { logging: {} } });
server.registerTool('run', { description: 'Runs a task' }, async (_args, extra) => {
  await server.server.sendLoggingMessage({ level: 'info', data: extra.sessionId });
  return { content: [] };
});
await server.connect(new StdioServerTransport());
export const client = new Client({ name: 'probe', version: '1.0.0' });
`;
    expect(gated.filter((t) => hasWork(t, server)).map((t) => t.id)).toEqual(
      expect.arrayContaining(['stdio-serve', 'session-state-handles', 'session-header', 'tasks-extension', 'logging-to-request-log', 'client-negotiation']),
    );
  });

  it('honours the rules the configuration enables', () => {
    const text = `import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';\nawait server.connect(new StdioServerTransport());\n`;
    expect(hasWork(byId('stdio-serve'), text)).toBe(true);
    expect(hasWork(byId('stdio-serve'), text, ['require-modern-sdk-entry'])).toBe(true);
    expect(hasWork(byId('stdio-serve'), text, ['no-session-state'])).toBe(false);
  });

  it('leaves the passes that run every rule to their own test', () => {
    for (const id of ['rule-fixes', 'mark-remaining']) expect(hasWork(byId(id), 'const x = 1;\n')).toBe(false);
    expect(hasWork(byId('mark-remaining'), `import { Client } from '@modelcontextprotocol/client';\n`)).toBe(true);
  });

  // Every fixture a gated transform is not handed must be one it leaves alone: no edit, marker or note.
  const fixtureRoot = join(packageRoot, 'test', 'fixtures', 'transforms');
  const skipped = gated.flatMap((descriptor) =>
    readdirSync(join(fixtureRoot, descriptor.id))
      .filter((name) => name.endsWith('.input.ts'))
      .map((name) => ({ descriptor, path: join(fixtureRoot, descriptor.id, name) }))
      .filter(({ descriptor, path }) => !hasWork(descriptor, readFileSync(path, 'utf8'))),
  );

  it.each(skipped.map((s) => [`${s.descriptor.id}/${s.path.slice(s.path.lastIndexOf('/') + 1)}`, s] as const))('%s: not handed over, and nothing to do', async (_, { descriptor, path }) => {
    const input = readFileSync(path, 'utf8');
    const result = await applyTransform(descriptor, path, input);
    expect({ output: result.output, stats: result.stats, reports: result.reports }).toEqual({ output: input, stats: {}, reports: [] });
  });
});
