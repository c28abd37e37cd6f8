import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LintOutcome, LintRunner, LintSettings, LintTask } from './lint.js';

/** Something that lints files: in this thread, or on a pool of worker threads. */
export interface Linting {
  lint(task: LintTask): Promise<LintOutcome>;
  close(): Promise<void>;
}

/**
 * The default `--jobs`: one fewer than the cores, at least 1 and at most 8. The main thread has
 * work of its own (discovery, reading, the prefilter), and each worker loads ESLint, the parser
 * and TypeScript again: on 2 cores, two workers took longer than one thread and used 280 MiB
 * more (docs/performance.md). Beyond 8, reading files is the limit.
 */
export function defaultJobs(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 8));
}

/** Below this many discovered files a pool cannot pay back its start-up time. */
const inBandBelow = 200;

/**
 * Files waiting, with every worker busy, before another worker starts. A worker spends about a second
 * of CPU loading ESLint, the parser and TypeScript, and a file takes a few milliseconds to
 * lint: a second worker pays back only when well over a hundred files are waiting, so a tree
 * where a few dozen files pass the prefilter is linted by one.
 */
export const backlogPerExtraWorker = 128;

export function createLinting(settings: LintSettings, jobs: number, discoveredFiles: number): Linting {
  if (jobs <= 1 || discoveredFiles < inBandBelow) return new InBandLinting(settings);
  return new WorkerPool(settings, jobs);
}

/** Loads ESLint, the parser and TypeScript only once a file needs parsing: most audits of clean trees never do. */
class InBandLinting implements Linting {
  private runner: Promise<LintRunner> | undefined;

  constructor(private readonly settings: LintSettings) {}

  async lint(task: LintTask): Promise<LintOutcome> {
    this.runner ??= import('./lint.js').then(({ LintRunner }) => new LintRunner(this.settings));
    return (await this.runner).lint(task);
  }

  async close(): Promise<void> {}
}

interface Job {
  id: number;
  task: LintTask;
  resolve: (outcome: LintOutcome) => void;
}

/**
 * A `worker_threads` pool that starts workers only when files need parsing: the first with the
 * first file, one more each time all running ones are busy and `backlogPerExtraWorker` files
 * are waiting, up to `size`. A monorepo where no file speaks MCP never starts one.
 */
class WorkerPool implements Linting {
  private readonly workerUrl = new URL('./lint-worker.js', import.meta.url);
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private nextId = 0;

  constructor(
    private readonly settings: LintSettings,
    private readonly size: number,
  ) {
    if (!existsSync(fileURLToPath(this.workerUrl))) {
      throw new Error(`worker script ${fileURLToPath(this.workerUrl)} is missing: run \`npm run build\`, or use --jobs 1`);
    }
  }

  lint(task: LintTask): Promise<LintOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, task, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.idle, ...this.busy.keys()].map((worker) => worker.terminate()));
    this.idle.length = 0;
    this.busy.clear();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.worthSpawning() ? this.spawn() : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage({ id: job.id, task: job.task });
    }
  }

  /** Called with no idle worker: every worker there is, is busy. */
  private worthSpawning(): boolean {
    const running = this.busy.size;
    return running === 0 || (running < this.size && this.queue.length >= backlogPerExtraWorker);
  }

  private spawn(): Worker {
    const worker = new Worker(this.workerUrl, { workerData: this.settings });
    worker.on('message', ({ outcome }: { outcome: LintOutcome }) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      job?.resolve(outcome);
      this.dispatch();
    });
    // A crashed worker loses only the file it was on; the pool replaces it.
    worker.on('error', (error) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      job?.resolve({
        findings: [],
        markers: 0,
        error: { file: job.task.relative, message: `mcp-migrate failed on this file (please report it): ${error.message}`, internal: true },
      });
      this.dispatch();
    });
    return worker;
  }
}
