import { runSync, type SyncSummary, validateSyncParams } from '../../sync/runSync';
import { estimateSync } from '../budgetKinds';
import type { RunKindDescriptor } from '../kind';
import { paramsOf } from './params';
import { syncMeta } from './sync.meta';
import { plain } from './violation';

export const syncKind: RunKindDescriptor<'sync', SyncSummary> = {
  meta: syncMeta,
  estimate: estimateSync,
  advise(scenario) {
    validateSyncParams(paramsOf(scenario.run));
    return [];
  },
  run: (ctx, scenario) => runSync(ctx, validateSyncParams(paramsOf(scenario.run))),
  check(_id, r) {
    if (r.ok) return undefined;
    return {
      ...plain('every live agent is up to date', `${r.liveAgents - r.upToDate} live agents are not up to date.`),
      witnesses: r.missed.map((m) => ({ agentId: m.agent, detail: `missed the sync (${m.reason})` })),
    };
  },
};
