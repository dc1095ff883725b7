import type { VoteType } from '../core/agent';
import type { Prng } from '../core/prng';

export type { VoteType } from '../core/agent';

/** Gossip also accepts the seed's `'approve' | 'reject'` spelling. */
export type GossipVoteValue = VoteType | 'approve' | 'reject';

/**
 * One agent's vote. `round` numbers multi-round Byzantine voting; `to` names the
 * peer a vote was sent to, so that sending different votes to different peers
 * (equivocation) can be seen.
 */
export interface Vote {
  agentId: string;
  vote: VoteType;
  weight?: number;
  round?: number;
  to?: string;
}

export type Decision = 'approved' | 'rejected' | 'timeout';

/** The outcome of one proposal (the seed's `ConsensusResult`); `durationMs` is simulated time. */
export interface ConsensusResult {
  proposalId: string;
  decision: Decision;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
  /** The fraction (or, for Byzantine, the count 2f+1 as a fraction of participants) needed to approve. */
  threshold: number;
  participants: string[];
  algorithmUsed: string;
  durationMs: number;
  metadata: Record<string, unknown>;
}

/** A proposal: any JSON object; `proposalId` names it (generated when absent). */
export interface Proposal {
  proposalId?: string;
  [field: string]: unknown;
}

/** A vote that was not counted, and why (shown in `metadata.ignoredVotes`). */
export interface IgnoredVote {
  agentId: string;
  vote: VoteType;
  reason: 'duplicate' | 'not a participant' | 'after the decision';
}

/** What an algorithm decides from: the participants and the votes that reached the decider. */
export interface EvaluateInput {
  proposalId: string;
  participants: readonly string[];
  votes: readonly Vote[];
  /** The agent's weight in the swarm, when the decider knows the swarm. */
  swarmWeight?: (agentId: string) => number | undefined;
  /** For randomised algorithms (gossip); seeded by the run. */
  rng?: Prng;
  /** Topology neighbours of a participant (gossip); a full mesh when absent. */
  neighbours?: (agentId: string) => readonly string[];
  /** Round-based algorithms report contacts (participant positions) and round ends, for the trace. */
  onContact?: (round: number, from: number, to: number) => void;
  onRound?: (round: number, detail: Record<string, unknown>) => void;
  /** Participants that never change their vote (gossip's `stubborn` behaviour). */
  stubborn?: (agentId: string) => boolean;
  /** Round-based algorithms report each participant's vote change (participant position), for the trace. */
  onVoteChange?: (round: number, participant: number, vote: 'for' | 'against') => void;
}

/**
 * The one interface every built-in and every custom algorithm implements.
 * `evaluate` must be a pure function of its input (and `rng`).
 * @example
 * const result = new QuorumAlgorithm({ mode: 'simple' }).evaluate({ proposalId: 'p', participants: ['a', 'b'], votes });
 */
export interface ConsensusAlgorithm {
  readonly name: string;
  /**
   * True when turning a missing vote into `for` can never turn `approved` into
   * `rejected` (and the reverse for `against`). The manager then decides as soon
   * as the best and the worst completion of the missing votes agree.
   */
  readonly monotone: boolean;
  /** `'reliable-broadcast'`: on the network, votes travel by Bracha's protocol and every honest agent decides. */
  readonly protocol?: 'direct' | 'reliable-broadcast';
  /** True when missing votes may simply count as abstentions at the deadline (gossip), instead of a timeout. */
  readonly decidesAtDeadline?: boolean;
  evaluate(input: EvaluateInput): ConsensusResult;
}

export const VOTE_TYPES: readonly VoteType[] = ['for', 'against', 'abstain'];
