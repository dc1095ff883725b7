import { type DelegationSummary, runDelegation, validateDelegationParams } from '../../delegation/runDelegation';
import { estimateDelegation } from '../budgetKinds';
import type { RunKindDescriptor } from '../kind';
import { delegationMeta } from './delegation.meta';
import { paramsOf } from './params';
import { plain } from './violation';

export const delegationKind: RunKindDescriptor<'delegation', DelegationSummary> = {
  meta: delegationMeta,
  estimate: estimateDelegation,
  advise(scenario) {
    validateDelegationParams(paramsOf(scenario.run));
    return [];
  },
  run: (ctx, scenario) => runDelegation(ctx, validateDelegationParams(paramsOf(scenario.run))),
  check(_id, r) {
    if (r.tasksLost === 0 && r.completed === r.tasks) return undefined;
    return plain('no task is lost', `${r.tasksLost} tasks lost; ${r.completed} of ${r.tasks} completed.`);
  },
};
