/**
 * The narration for the store's current run at its cursor: the run's agent names, its kind's
 * wording from the run catalogue, and the per-trace progress computed once and kept with the trace.
 */
import { RUN_CATALOGUE, type RunSummary, type TraceColumns } from '../worker/protocol';
import type { Store } from './index';
import { type Narration, type NarrationProgress, narrate, narrationProgress } from './narration';
import type { Narrate, Speaker } from './narrationWords';

const progressOf = new WeakMap<TraceColumns, NarrationProgress>();

/** The run kind's wording, if its catalogue entry has one (a kind may leave it out). */
export function narrateOf(summary: RunSummary): Narrate | undefined {
  const meta = (RUN_CATALOGUE as Record<string, { narrate?: Narrate }>)[summary.runKind];
  return meta?.narrate;
}

export function speakerOf(summary: RunSummary): Speaker {
  return { ids: summary.agentIds, narrate: narrateOf(summary) };
}

/** The narration at the cursor, or null with no current run. */
export function currentNarration(s: Pick<Store, 'summary' | 'trace' | 'traceIndex'>, cursor: number): Narration | null {
  const { summary, trace, traceIndex } = s;
  if (!summary || !trace) return null;
  let progress = progressOf.get(trace);
  if (!progress) {
    progress = narrationProgress(trace);
    progressOf.set(trace, progress);
  }
  const total = summary.aggregateAgents ?? summary.agents;
  return narrate(trace, traceIndex, progress, cursor, total, speakerOf(summary));
}
