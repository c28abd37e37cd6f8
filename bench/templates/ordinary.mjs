import { capitalize } from '../random.mjs';

/**
 * Ordinary TypeScript of a product monorepo: services, utilities, types, tests, config. Some
 * kinds are lookalikes that use the words MCP rules look for in other meanings (a chat
 * session's `initialize()`, a logger's `logging:` config, a job queue's tasks, an HTTP client,
 * LLM sampling parameters). They hold the rules' tokens, so `grep` over the tokens matches
 * them and the prefilter must tell them apart by its second condition (evidence of MCP), and
 * `audit` must stay silent on them: the honest case, not a tree where every ordinary file
 * trivially lacks every token.
 */

const entities = ['order', 'invoice', 'customer', 'product', 'shipment', 'account', 'report', 'coupon', 'review', 'warehouse', 'refund', 'vendor', 'employee', 'project', 'budget', 'lead'];
const fields = ['name', 'status', 'total', 'createdAt', 'updatedAt', 'ownerId', 'currency', 'region', 'priority', 'notes', 'quantity', 'email', 'score', 'label'];

function fieldList(rng, count) {
  return [...new Set(Array.from({ length: count }, () => rng.pick(fields)))];
}

function fieldType(field) {
  if (['total', 'quantity', 'score'].includes(field)) return 'number';
  if (['createdAt', 'updatedAt'].includes(field)) return 'Date';
  return 'string';
}

function service(rng) {
  const entity = rng.pick(entities);
  const E = capitalize(entity);
  const props = fieldList(rng, rng.int(3, 7));
  const methods = Array.from({ length: rng.int(3, 12) }, (_, i) => {
    const field = rng.pick(props);
    return `
  /** Finds ${entity}s whose ${field} matches, newest first. */
  async findBy${capitalize(field)}${i}(value: ${E}['${field}'], limit = ${rng.int(10, 200)}): Promise<${E}[]> {
    const rows = await this.repository.query({ where: { ${field}: value }, limit });
    if (rows.length === 0) this.metrics.increment('${entity}.${field}.miss');
    return rows.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  }`;
  }).join('\n');
  return `import type { Metrics } from '../metrics.js';
import type { Repository } from '../repository.js';

export interface ${E} {
  id: string;
${props.map((p) => `  ${p}: ${fieldType(p)};`).join('\n')}
  updatedAt: Date;
}

export class ${E}Service {
  constructor(
    private readonly repository: Repository<${E}>,
    private readonly metrics: Metrics,
  ) {}

  async get(id: string): Promise<${E}> {
    const row = await this.repository.byId(id);
    if (!row) throw new NotFoundError(\`${entity} \${id} does not exist\`);
    return row;
  }

  async save(${entity}: ${E}): Promise<void> {
    const existing = await this.repository.byId(${entity}.id);
    await this.repository.put({ ...existing, ...${entity}, updatedAt: new Date() });
    this.metrics.increment('${entity}.saved');
  }
${methods}
}

export class NotFoundError extends Error {
  readonly status = 404;
}
`;
}

function util(rng) {
  const helpers = [
    `export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}`,
    `export function debounce<A extends unknown[]>(fn: (...args: A) => void, waitMs = ${rng.int(50, 500)}): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => fn(...args), waitMs);
  };
}`,
    `export async function retry<T>(fn: () => Promise<T>, attempts = ${rng.int(2, 6)}): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 2 ** i * 100));
    }
  }
  throw last;
}`,
    `export function formatMoney(cents: number, currency = '${rng.pick(['EUR', 'USD', 'GBP', 'JPY'])}'): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(cents / 100);
}`,
    `export function groupBy<T, K extends string>(items: readonly T[], key: (item: T) => K): Record<K, T[]> {
  const groups = {} as Record<K, T[]>;
  for (const item of items) (groups[key(item)] ??= []).push(item);
  return groups;
}`,
    `export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\\u0300-\\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}`,
    `export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}`,
    `export function parseDuration(text: string): number | undefined {
  const match = /^(\\d+)(ms|s|m|h)$/.exec(text.trim());
  if (!match) return undefined;
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * factor;
}`,
  ];
  const count = rng.int(2, helpers.length);
  const start = rng.int(0, helpers.length - 1);
  return `${Array.from({ length: count }, (_, i) => helpers[(start + i) % helpers.length]).join('\n\n')}\n`;
}

function types(rng) {
  const entity = rng.pick(entities);
  const E = capitalize(entity);
  const props = fieldList(rng, rng.int(4, 10));
  return `export type ${E}Status = ${['draft', 'active', 'archived', 'deleted'].slice(0, rng.int(2, 4)).map((s) => `'${s}'`).join(' | ')};

export interface ${E}Record {
  id: string;
${props.map((p) => `  ${p}${rng.next() < 0.3 ? '?' : ''}: ${fieldType(p)};`).join('\n')}
  status: ${E}Status;
}

export interface ${E}Page {
  items: ${E}Record[];
  next?: string;
  totalCount: number;
}

export type ${E}Patch = Partial<Omit<${E}Record, 'id'>>;
`;
}

function test(rng) {
  const entity = rng.pick(entities);
  const cases = Array.from({ length: rng.int(2, 8) }, (_, i) => {
    const a = rng.int(1, 99);
    const b = rng.int(1, 99);
    return `
  it('adds up the ${entity} lines (case ${i + 1})', () => {
    const lines = [{ amount: ${a} }, { amount: ${b} }];
    assert.equal(lines.reduce((sum, line) => sum + line.amount, 0), ${a + b});
  });`;
  }).join('\n');
  return `import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

describe('${entity} totals', () => {${cases}
});
`;
}

function config(rng) {
  const name = rng.pick(entities);
  return `export const ${name}Config = {
  port: Number(process.env.PORT ?? ${rng.int(3000, 9000)}),
  database: { url: process.env.DATABASE_URL ?? 'postgres://localhost/${name}s', poolSize: ${rng.int(2, 20)} },
  cache: { ttlSeconds: ${rng.int(30, 900)}, maxEntries: ${rng.int(100, 5000)} },
  features: { bulkExport: ${rng.next() < 0.5}, newCheckout: ${rng.next() < 0.5} },
} as const;
`;
}

// Lookalikes: each one holds at least one prefilter token in a non-MCP meaning.

function chatSession(rng) {
  const store = rng.pick(['ConversationStore', 'ChatMemory', 'SessionHistory']);
  return `/** Chat memory per user session, for the support bot. Nothing to do with MCP. */
export class ${store} {
  private readonly sessions = new Map<string, { role: 'user' | 'assistant'; text: string }[]>();
  private ready = false;

  async initialize(): Promise<void> {
    this.ready = true;
  }

  append(sessionId: string, role: 'user' | 'assistant', text: string): void {
    if (!this.ready) throw new Error('call initialize() first');
    const history = this.sessions.get(sessionId) ?? [];
    history.push({ role, text });
    this.sessions.set(sessionId, history.slice(-${rng.int(10, 100)}));
  }

  history(sessionId: string) {
    return this.sessions.get(sessionId) ?? [];
  }
}
`;
}

function loggerConfig(rng) {
  return `import pino from 'pino';

export const settings = {
  logging: { level: process.env.LOG_LEVEL ?? '${rng.pick(['info', 'debug', 'warn'])}', pretty: process.stdout.isTTY },
};

export const logger = pino({ level: settings.logging.level });

export function setLevel(level: string): void {
  logger.level = level;
}
`;
}

function jobQueue(rng) {
  return `export interface Task<T> {
  id: string;
  run: () => Promise<T>;
  attempts: number;
}

/** A small in-process job queue with bounded concurrency. */
export class TaskQueue<T> {
  private readonly pending: Task<T>[] = [];
  private running = 0;

  constructor(private readonly concurrency = ${rng.int(1, 8)}) {}

  push(task: Task<T>): void {
    this.pending.push(task);
    this.drain();
  }

  private drain(): void {
    while (this.running < this.concurrency && this.pending.length > 0) {
      const task = this.pending.shift()!;
      this.running++;
      task
        .run()
        .catch(() => task.attempts < 3 && this.push({ ...task, attempts: task.attempts + 1 }))
        .finally(() => {
          this.running--;
          this.drain();
        });
    }
  }
}
`;
}

function httpClient(rng) {
  const api = rng.pick(['Billing', 'Search', 'Geo', 'Payments', 'Crm']);
  return `/** A thin client for the ${api} REST API. */
export class ${api}Client {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async get<T>(path: string): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), { headers: { Authorization: \`Bearer \${this.token}\` } });
    if (!response.ok) throw new Error(\`${api} API \${response.status} on \${path}\`);
    return (await response.json()) as T;
  }

  async ping(): Promise<boolean> {
    return (await fetch(new URL('/health', this.baseUrl))).ok;
  }
}
`;
}

function llmParams(rng) {
  return `/** Sampling parameters for the summarizer model (temperature, top-p). */
export const sampling = {
  temperature: ${(rng.int(0, 10) / 10).toFixed(1)},
  topP: ${(rng.int(5, 10) / 10).toFixed(1)},
  maxTokens: ${rng.int(256, 4096)},
};

export function withSampling<T extends object>(request: T) {
  return { ...request, ...sampling };
}
`;
}

export const ordinaryKinds = [
  ['service', service, 24],
  ['util', util, 20],
  ['types', types, 16],
  ['test', test, 18],
  ['config', config, 6],
  ['chat-session', chatSession, 3],
  ['logger-config', loggerConfig, 3],
  ['job-queue', jobQueue, 4],
  ['http-client', httpClient, 4],
  ['llm-params', llmParams, 2],
];

export function ordinaryFile(rng) {
  const [kind, render] = rng.weighted(ordinaryKinds.map(([kind, render, weight]) => [[kind, render], weight]));
  return { kind, text: render(rng) };
}
