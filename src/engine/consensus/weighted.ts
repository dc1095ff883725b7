import { check } from '../core/errors';
import { atLeast, tallyResult, tallyVotes } from './tally';
import type { ConsensusAlgorithm, ConsensusResult, EvaluateInput } from './types';

export interface WeightedOptions {
  /** Share of the participants' total weight that `for` votes must reach. Default 0.6. */
  threshold?: number;
  /** Weight per agent id; overrides the vote's own weight and the agent's weight in the swarm. */
  agentWeights?: Record<string, number>;
}

/**
 * Priority voting (the seed's `WeightedAlgorithm`): approve iff the weight of
 * `for` votes ≥ threshold × the total weight of all participants (silent ones
 * included, so staying away cannot lower the bar). A participant's weight is
 * `agentWeights[id]`, else its vote's weight, else its weight in the swarm, else 1.
 * @example
 * const w = new WeightedAlgorithm({ threshold: 0.6, agentWeights: { 'expert-1': 2, 'expert-2': 1.5, 'junior-1': 1 } });
 * w.evaluate({ proposalId: 'p', participants: ['expert-1', 'expert-2', 'junior-1'],
 *   votes: [{ agentId: 'expert-1', vote: 'for' }, { agentId: 'junior-1', vote: 'for' }] }).decision // 'approved' (3 of 4.5)
 */
export class WeightedAlgorithm implements ConsensusAlgorithm {
  readonly name = 'weighted';
  readonly monotone = true;
  readonly threshold: number;
  readonly agentWeights: Readonly<Record<string, number>>;

  constructor(options: WeightedOptions = {}) {
    this.threshold = options.threshold ?? 0.6;
    check(
      Number.isFinite(this.threshold) && this.threshold > 0 && this.threshold <= 1,
      'threshold',
      'must be a number in (0, 1]',
    );
    const weights = options.agentWeights ?? {};
    for (const [id, w] of Object.entries(weights)) checkWeight(w, `agentWeights.${id}`);
    this.agentWeights = { ...weights };
  }

  evaluate(input: EvaluateInput): ConsensusResult {
    const t = tallyVotes(input.participants, input.votes);
    const weightOf = (id: string): number => {
      const own = Object.hasOwn(this.agentWeights, id) ? this.agentWeights[id] : undefined;
      const w = own ?? t.counted.get(id)?.weight ?? input.swarmWeight?.(id) ?? 1;
      checkWeight(w, `weight of ${id}`);
      return w;
    };
    let total = 0;
    const byVote = { for: 0, against: 0, abstain: 0 };
    for (const id of input.participants) {
      const w = weightOf(id);
      total += w;
      const v = t.counted.get(id);
      if (v) byVote[v.vote] += w;
    }
    const approved = total > 0 && atLeast(byVote.for, this.threshold * total);
    return tallyResult(input, t, approved ? 'approved' : 'rejected', this.threshold, this.name, {
      totalWeight: total,
      weightFor: byVote.for,
      weightAgainst: byVote.against,
      weightAbstain: byVote.abstain,
      weightedApproval: total > 0 ? byVote.for / total : 0,
    });
  }
}

function checkWeight(w: unknown, field: string): void {
  check(typeof w === 'number' && Number.isFinite(w) && w > 0, field, 'must be a finite number > 0');
}
