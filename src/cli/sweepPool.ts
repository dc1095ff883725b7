/**
 * The sweep's worker threads: a Tinypool of `jobs` threads, each running chunks of the plan
 * (sweepTask.ts). Destroying the pool terminates the threads (cancel, or the sweep is over).
 */
import { Tinypool } from 'tinypool';
import type { SweepChunkResult } from '../worker/api/sweep';
import type { SweepTask } from './sweepTask';

export interface SweepPool {
  run(task: SweepTask): Promise<SweepChunkResult>;
  destroy(): Promise<void>;
}

/** A pool of `jobs` worker threads, all started at once (a sweep keeps every one busy). */
export function createSweepPool(jobs: number): SweepPool {
  const pool = new Tinypool({
    filename: new URL('./sweepWorker.mjs', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
  });
  return {
    run: (task) => pool.run(task) as Promise<SweepChunkResult>,
    destroy: () => pool.destroy(),
  };
}
