import { availableParallelism } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { defaultJobs } from '../../src/engine/pool.js';

vi.mock('node:os', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:os')>()), availableParallelism: vi.fn() }));

describe('the default --jobs', () => {
  it('leaves a core to the main thread: one thread on 1 or 2 cores, at most 8 workers', () => {
    const cores = vi.mocked(availableParallelism);
    const jobsFor = (n: number) => (cores.mockReturnValue(n), defaultJobs());
    expect([1, 2, 3, 4, 9, 16, 64].map(jobsFor)).toEqual([1, 1, 2, 3, 8, 8, 8]);
  });
});
