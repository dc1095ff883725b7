import type { RunSummary } from '../../worker/protocol';

/** Whether the merge inspector can show a run's replicas at the cursor (see loadReplicas). */
export const hasReplicas = (summary: RunSummary | null): boolean =>
  summary?.runKind === 'replicated-state' || summary?.runKind === 'sync';
