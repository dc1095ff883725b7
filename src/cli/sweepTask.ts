/**
 * What one of the sweep's worker threads does with a task: one chunk of the plan
 * (src/worker/api/sweep.ts). Loaded by sweepWorker.mjs, which Tinypool starts.
 */
import { type SeedPlan, type SweepChunkResult, sweepChunk } from '../worker/api/sweep';

export interface SweepTask {
  /** The scenario file's text (checked by the main thread before any thread starts). */
  text: string;
  plan: SeedPlan;
  from: number;
  count: number;
}

export function runSweepTask(task: SweepTask): Promise<SweepChunkResult> {
  return sweepChunk(task.text, task.plan, task.from, task.count);
}
