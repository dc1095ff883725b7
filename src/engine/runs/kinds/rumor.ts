import { wellMixedAdvice } from '../../consensus/rumorAdvice';
import { type RumorSummary, runRumor, validateRumorParams } from '../../consensus/runs';
import { estimateRumor } from '../budgetKinds';
import type { RunKindDescriptor } from '../kind';
import { paramsOf } from './params';
import { rumorMeta } from './rumor.meta';
import { plain, withinRounds } from './violation';

export const rumorKind: RunKindDescriptor<'rumor', RumorSummary> = {
  meta: rumorMeta,
  estimate: estimateRumor,
  wellMixed: (run) => run.agentCount !== undefined,
  advise(scenario) {
    validateRumorParams(paramsOf(scenario.run));
    return wellMixedAdvice(scenario);
  },
  run: (ctx, scenario) => runRumor(ctx, paramsOf(scenario.run)),
  // A well-mixed run's contacts happen in memory: they are its messages.
  messages: (r) => (r.model === 'well-mixed' ? r.contacts : undefined),
  check(_id, r, k) {
    const live = r.agents - r.crashed;
    const round = r.informedPerRound.findIndex((x) => x >= live);
    if (round >= 0 && (k === undefined || round <= k)) return undefined;
    const at = k === undefined ? r.informedPerRound.length - 1 : Math.min(k, r.informedPerRound.length - 1);
    return plain(
      withinRounds('every live agent is informed', k),
      `After ${at} rounds ${r.informedPerRound[at] ?? 0} of ${live} live agents are informed.`,
    );
  },
};
