import { parentPort, workerData } from 'node:worker_threads';
import { LintRunner, type LintSettings, type LintTask } from './lint.js';

/** A worker thread of the pool: one `LintRunner` (one ESLint, one parser) for its lifetime. */
const runner = new LintRunner(workerData as LintSettings);

parentPort?.on('message', ({ id, task }: { id: number; task: LintTask }) => {
  parentPort?.postMessage({ id, outcome: runner.lint(task) });
});
