import { MALICIOUS_BEHAVIOURS } from '../../core/agent';
import type { RunKindMeta } from '../kind';
import { narrateSpread } from './spread.narrate';

/**
 * A default k for "informed within k rounds": the mean-field rounds for a full mesh of n
 * (push-pull ≈ log₃ n, push ≈ log₂ n + ln n), plus slack for sparse topologies.
 */
function defaultRounds(run: Record<string, unknown>, agents: number): number {
  const n = Math.max(2, typeof run.agentCount === 'number' ? run.agentCount : agents);
  const base = run.mode === 'push-pull' ? Math.log(n) / Math.log(3) : Math.log2(n) + Math.log(n);
  return Math.ceil(base * 1.5) + 2;
}

/** Rumor spreading by push, pull or push-pull gossip: on the swarm, or on a well-mixed population. */
export const rumorMeta: RunKindMeta<'rumor'> = {
  kind: 'rumor',
  label: 'Rumor spreading',
  presets: [{ id: 'rumor', label: 'Rumor spreading', run: { kind: 'rumor', mode: 'push-pull', fanout: 1 } }],
  presetOf: () => 'rumor',
  properties: (run, agents) => [
    {
      id: 'all-informed',
      label: 'every live agent is informed',
      sort: 'liveness',
      roundBound: defaultRounds(run, agents),
    },
  ],
  events: ['informed', 'roundEnd', 'gossipContact'],
  behaviours: () => ({
    silent: 'takes no part: never passes the rumor on and never answers a pull',
    ...Object.fromEntries(
      MALICIOUS_BEHAVIOURS.filter((b) => b !== 'silent').map((b) => [b, 'learns the rumor but never passes it on']),
    ),
  }),
  narrate: narrateSpread,
};
