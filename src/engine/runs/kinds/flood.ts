import { estimateFlood } from '../budgetKinds';
import { type FloodSummary, runFlood } from '../flood';
import type { RunKindDescriptor } from '../kind';
import { floodMeta } from './flood.meta';
import { plain } from './violation';

export const floodKind: RunKindDescriptor<'flood', FloodSummary> = {
  meta: floodMeta,
  estimate: estimateFlood,
  advise: () => [],
  run: (ctx, scenario) => runFlood(ctx, { origin: ctx.coordinator.index(scenario.run.origin) }),
  check(_id, r) {
    if (r.informed >= r.live) return undefined;
    return plain('every live agent is informed', `${r.informed} of ${r.live} live agents were informed.`);
  },
};
