import type { VoteType } from '../core/agent';
import { check } from '../core/errors';
import type { ConsensusResult, Decision, EvaluateInput } from './types';
import { type IgnoredVote, VOTE_TYPES, type Vote } from './types';

/** Votes reduced to one per participant: the first vote of each participant counts. */
export interface Tally {
  counted: Map<string, Vote>;
  ignored: IgnoredVote[];
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

/**
 * Counts one vote per participant. Later votes of the same agent and votes of
 * agents that are not participants are returned in `ignored` (the seed's
 * implementation counted both, which lets one agent outvote everyone).
 * @example tallyVotes(['a', 'b'], [{ agentId: 'a', vote: 'for' }]).votesFor // 1
 */
export function tallyVotes(participants: readonly string[], votes: readonly Vote[]): Tally {
  const members = new Set(participants);
  check(members.size === participants.length, 'participants', 'must not contain the same agent twice');
  const counted = new Map<string, Vote>();
  const ignored: IgnoredVote[] = [];
  const counts = { for: 0, against: 0, abstain: 0 };
  votes.forEach((v, i) => {
    check(VOTE_TYPES.includes(v.vote), `votes[${i}].vote`, "must be 'for', 'against' or 'abstain'");
    if (!members.has(v.agentId)) ignored.push({ agentId: v.agentId, vote: v.vote, reason: 'not a participant' });
    else if (counted.has(v.agentId)) ignored.push({ agentId: v.agentId, vote: v.vote, reason: 'duplicate' });
    else {
      counted.set(v.agentId, v);
      counts[v.vote]++;
    }
  });
  return { counted, ignored, votesFor: counts.for, votesAgainst: counts.against, votesAbstain: counts.abstain };
}

/** `a ≥ b` for shares computed in floating point (0.7 × 10 is 7.000000000000001). */
export function atLeast(a: number, b: number): boolean {
  return a >= b - 1e-9 * Math.max(1, Math.abs(b));
}

export function isVoteType(v: unknown): v is VoteType {
  return typeof v === 'string' && (VOTE_TYPES as readonly string[]).includes(v);
}

/** A counting algorithm's result: the tally's counts, its decision, and its own metadata (ignored votes added). */
export function tallyResult(
  input: EvaluateInput,
  t: Tally,
  decision: Decision,
  threshold: number,
  algorithmUsed: string,
  metadata: Record<string, unknown>,
): ConsensusResult {
  return {
    proposalId: input.proposalId,
    decision,
    votesFor: t.votesFor,
    votesAgainst: t.votesAgainst,
    votesAbstain: t.votesAbstain,
    threshold,
    participants: [...input.participants],
    algorithmUsed,
    durationMs: 0,
    metadata: { ...metadata, ignoredVotes: t.ignored },
  };
}
