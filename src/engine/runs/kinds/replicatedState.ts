import { estimateReplicatedState } from '../budgetKinds';
import type { RunKindDescriptor } from '../kind';
import { type ReplicatedStateSummary, runReplicatedState, validateReplicatedStateParams } from '../replicatedState';
import { paramsOf } from './params';
import { replicatedStateMeta } from './replicatedState.meta';
import { plain } from './violation';

export const replicatedStateKind: RunKindDescriptor<'replicated-state', ReplicatedStateSummary> = {
  meta: replicatedStateMeta,
  estimate: estimateReplicatedState,
  advise(scenario) {
    validateReplicatedStateParams(paramsOf(scenario.run));
    return [];
  },
  run: (ctx, scenario) => runReplicatedState(ctx, validateReplicatedStateParams(paramsOf(scenario.run))),
  check: (_id, r) => (r.converged ? undefined : plain('the replicas converge', 'The replicas did not converge.')),
};
