/**
 * A seed sweep: the scenario run for every seed of a plan (no trace kept), each run reduced to
 * one row — its seed, its trace hash and every property of its kind, held or violated. The
 * CLI's `sweep` command runs chunks of a plan on worker threads and prints the rows in seed
 * order; a row depends on the scenario and its seed alone, so any split of the seeds over
 * workers, processes or machines gives the same rows.
 */
import { runScenario } from '../../engine/runs/runScenario';
import { parseScenario, type Scenario } from '../../engine/scenario';
import type { RunFailure, RunSummary } from '../protocol';
import { toFailure } from './runs';

/** Seeds `first, first + step, …` (`count` of them): a range, or one shard of a range. */
export interface SeedPlan {
  first: number;
  step: number;
  count: number;
}

export type Verdict = 'held' | 'violated';

/** One seed's run, as a line of the sweep's output. */
export interface SweepRow {
  seed: number;
  traceHash: string;
  /** Every property of the run kind by id (the first is the one its lessons are about). */
  properties: Record<string, Verdict>;
  /** 'violated' when any property is. */
  verdict: Verdict;
}

/** The rows of a chunk, up to the first seed whose run was refused or failed (then `failure` says why). */
export interface SweepChunkResult {
  rows: SweepRow[];
  failure?: { seed: number; failure: RunFailure };
}

/** The k-th seed of a plan. */
export const planSeedAt = (plan: SeedPlan, k: number): number => plan.first + k * plan.step;

/** A run's summary as a sweep row. */
export function sweepRowOf(summary: RunSummary): SweepRow {
  const properties: Record<string, Verdict> = {};
  for (const p of summary.properties) properties[p.id] = p.held ? 'held' : 'violated';
  const verdict = summary.properties.every((p) => p.held) ? 'held' : 'violated';
  return { seed: summary.seed, traceHash: summary.traceHash, properties, verdict };
}

/**
 * Runs seeds `from … from + count − 1` of `plan` (indices into the plan) and returns their rows,
 * stopping at the first seed that is refused or fails. Never throws.
 * @example await sweepChunk(text, { first: 0, step: 3, count: 1000 }, 100, 50) // rows for seeds 300, 303, … 447
 */
export async function sweepChunk(
  input: unknown,
  plan: SeedPlan,
  from: number,
  count: number,
): Promise<SweepChunkResult> {
  const rows: SweepRow[] = [];
  let scenario: Scenario;
  try {
    scenario = parseScenario(input);
  } catch (error) {
    return { rows, failure: { seed: planSeedAt(plan, from), failure: toFailure(error) } };
  }
  for (let k = from; k < Math.min(from + count, plan.count); k++) {
    const seed = planSeedAt(plan, k);
    try {
      const { summary } = await runScenario(scenario, { seed, record: false });
      rows.push(sweepRowOf(summary));
    } catch (error) {
      return { rows, failure: { seed, failure: toFailure(error) } };
    }
  }
  return { rows };
}
