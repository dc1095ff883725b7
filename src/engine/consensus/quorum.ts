import { check } from '../core/errors';
import { atLeast, tallyResult, tallyVotes } from './tally';
import type { ConsensusAlgorithm, ConsensusResult, EvaluateInput } from './types';

export type QuorumMode = 'simple' | 'supermajority' | 'unanimous';
export type QuorumOptions = { mode: QuorumMode } | { threshold: number };

/**
 * Threshold voting over the participants (the seed's `Quorum`). One vote per
 * participant; abstentions and silence count as not-for. simple: more than half
 * (a tie is rejected); supermajority: at least 2/3; unanimous: every participant
 * voted for; a custom threshold t in (0, 1]: at least t.
 * @example
 * new QuorumAlgorithm({ mode: 'simple' }).evaluate({ proposalId: 'p', participants: ['a', 'b', 'c'],
 *   votes: [{ agentId: 'a', vote: 'for' }, { agentId: 'b', vote: 'for' }] }).decision // 'approved'
 */
export class QuorumAlgorithm implements ConsensusAlgorithm {
  readonly name = 'quorum';
  readonly monotone = true;
  readonly mode: QuorumMode | 'threshold';
  readonly threshold: number;

  constructor(options: QuorumOptions = { mode: 'simple' }) {
    if ('threshold' in options) {
      const t = options.threshold;
      check(Number.isFinite(t) && t > 0 && t <= 1, 'threshold', 'must be a number in (0, 1]');
      this.mode = 'threshold';
      this.threshold = t;
    } else {
      check(
        ['simple', 'supermajority', 'unanimous'].includes(options.mode),
        'mode',
        "must be 'simple', 'supermajority' or 'unanimous'",
      );
      this.mode = options.mode;
      this.threshold = options.mode === 'simple' ? 0.5 : options.mode === 'supermajority' ? 2 / 3 : 1;
    }
  }

  /** Whether `votesFor` of `n` participants approves under this rule. */
  approves(votesFor: number, n: number): boolean {
    if (n === 0) return false;
    switch (this.mode) {
      case 'simple':
        return 2 * votesFor > n;
      case 'supermajority':
        return 3 * votesFor >= 2 * n;
      case 'unanimous':
        return votesFor === n;
      default:
        return atLeast(votesFor, this.threshold * n);
    }
  }

  evaluate(input: EvaluateInput): ConsensusResult {
    const n = input.participants.length;
    const t = tallyVotes(input.participants, input.votes);
    const voted = t.counted.size;
    return tallyResult(input, t, this.approves(t.votesFor, n) ? 'approved' : 'rejected', this.threshold, this.name, {
      mode: this.mode,
      participationRate: n === 0 ? 0 : voted / n,
      approvalRate: n === 0 ? 0 : t.votesFor / n,
      silent: n - voted,
    });
  }
}
