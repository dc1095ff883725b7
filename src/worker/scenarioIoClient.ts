/**
 * The scenario reader's worker (scenarioIo.worker.ts): imports, links, saves
 * and the autosave are validated there, never queued behind a run in the
 * simulation worker. A read that runs past its budget is stopped and reported.
 */
import type { scenarioIoApi } from './api/scenarioIo';
import { TaskWorker } from './taskWorker';

/** Time one read may take; the validator reads MAX_SCENARIO_BYTES in far less. */
export const SCENARIO_IO_BUDGET_MS = 30_000;

export type ScenarioIoWorker = TaskWorker<typeof scenarioIoApi>;

/** A fresh client of the scenario reader's worker (the worker starts on first use). */
export function createScenarioIoWorker(budgetMs = SCENARIO_IO_BUDGET_MS): ScenarioIoWorker {
  return new TaskWorker(
    () => new Worker(new URL('./scenarioIo.worker.ts', import.meta.url), { type: 'module', name: 'scenario-io' }),
    budgetMs,
  );
}
