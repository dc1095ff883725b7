import { check, ValidationError } from '../core/errors';
import { tallyVotes } from './tally';
import type { ConsensusAlgorithm, ConsensusResult, EvaluateInput, Proposal, Vote, VoteType } from './types';

export interface ByzantineOptions {
  /** f: how many malicious agents to tolerate. Default 1. */
  faultTolerance?: number;
  /** Voting rounds expected (SEND, ECHO, READY on the network). Default 3. */
  numRounds?: number;
}

/** Why an agent's votes were excluded. */
export interface ByzantineFlag {
  agentId: string;
  reason: 'vote changed between rounds' | 'different votes to different peers';
  votes: { round: number; vote: VoteType; to?: string }[];
}

/** The error text the UI shows next to the participant list. */
export function byzantineSizeRule(f: number, n: number): string {
  return `Byzantine consensus with f=${f} needs at least ${3 * f + 1} participants, got ${n}`;
}

/**
 * Byzantine fault-tolerant voting (the seed's `ByzantineConsensus`): needs n ≥ 3f+1
 * participants and approves iff at least 2f+1 distinct unflagged participants
 * voted for. An agent whose vote differs between rounds, or that sent different
 * votes to different peers, is flagged and all its votes are excluded. On the
 * network the manager runs Bracha's reliable broadcast instead (see
 * `runReliableBroadcast`), which gives agreement among honest agents.
 * @example
 * const byz = new ByzantineConsensus({ faultTolerance: 1 });
 * const id = byz.propose({ action: 'critical_update' }, ['agent-1', 'agent-2', 'agent-3', 'agent-4']);
 * byz.decide(id, [{ agentId: 'agent-1', vote: 'for' }, { agentId: 'agent-2', vote: 'for' },
 *   { agentId: 'agent-3', vote: 'for' }, { agentId: 'agent-4', vote: 'against' }]).decision // 'approved'
 */
export class ByzantineConsensus implements ConsensusAlgorithm {
  readonly name = 'byzantine';
  readonly monotone = true;
  readonly protocol = 'reliable-broadcast';
  readonly faultTolerance: number;
  readonly numRounds: number;
  private readonly proposals = new Map<string, string[]>();
  private nextId = 1;

  constructor(options: ByzantineOptions = {}) {
    this.faultTolerance = options.faultTolerance ?? 1;
    this.numRounds = options.numRounds ?? 3;
    check(
      Number.isInteger(this.faultTolerance) && this.faultTolerance >= 0,
      'faultTolerance',
      'must be a whole number ≥ 0',
    );
    check(Number.isInteger(this.numRounds) && this.numRounds >= 1, 'numRounds', 'must be a whole number ≥ 1');
  }

  get minParticipants(): number {
    return 3 * this.faultTolerance + 1;
  }

  get agreementThreshold(): number {
    return 2 * this.faultTolerance + 1;
  }

  /** Registers a proposal with its participants (n ≥ 3f+1) and returns its id. */
  propose(proposal: Proposal, participants: readonly string[]): string {
    this.checkSize(participants.length, 'participants');
    const id =
      typeof proposal.proposalId === 'string' && proposal.proposalId
        ? proposal.proposalId
        : `byzantine-${this.nextId++}`;
    this.proposals.set(id, [...participants]);
    return id;
  }

  /** Decides a proposed id from one round of votes (`Vote[]`) or several (`Vote[][]`). */
  decide(proposalId: string, votes: readonly Vote[] | readonly (readonly Vote[])[]): ConsensusResult {
    const participants = this.proposals.get(proposalId);
    if (!participants) throw new ValidationError('proposalId', `unknown proposal "${proposalId}"; call propose first`);
    const rounds = votes.length > 0 && Array.isArray(votes[0]) ? (votes as Vote[][]) : [votes as Vote[]];
    const flat = rounds.flatMap((round, r) => round.map((v) => ({ ...v, round: v.round ?? r + 1 })));
    return this.evaluate({ proposalId, participants, votes: flat });
  }

  checkSize(n: number, field: string): void {
    check(n >= this.minParticipants, field, byzantineSizeRule(this.faultTolerance, n));
  }

  /** Votes may carry `round` and `to`; a participant's votes must all agree or it is flagged. */
  evaluate(input: EvaluateInput): ConsensusResult {
    const n = input.participants.length;
    this.checkSize(n, 'participants');
    const flags = findInconsistent(input.participants, input.votes);
    const flagged = new Set(flags.map((f) => f.agentId));
    const firstRound = input.votes.filter((v) => !flagged.has(v.agentId));
    const t = tallyVotes(input.participants, firstRound);
    const ignoredVotes = t.ignored.filter((v) => v.reason === 'not a participant');
    const f = this.faultTolerance;
    const roundsReceived = new Set(input.votes.map((v) => v.round ?? 1)).size;
    return {
      proposalId: input.proposalId,
      decision: t.votesFor >= this.agreementThreshold ? 'approved' : 'rejected',
      votesFor: t.votesFor,
      votesAgainst: t.votesAgainst,
      votesAbstain: t.votesAbstain,
      threshold: this.agreementThreshold / n,
      participants: [...input.participants],
      algorithmUsed: this.name,
      durationMs: 0,
      metadata: {
        faultTolerance: f,
        minParticipants: this.minParticipants,
        agreementThreshold: this.agreementThreshold,
        maliciousDetected: flags.length,
        maliciousAgents: flags.map((x) => x.agentId),
        flags,
        numRounds: this.numRounds,
        roundsReceived,
        byzantineSafe: n >= this.minParticipants && flags.length <= f,
        ignoredVotes,
      },
    };
  }
}

/** Participants whose votes disagree across rounds or across recipients, with the evidence. */
function findInconsistent(participants: readonly string[], votes: readonly Vote[]): ByzantineFlag[] {
  const members = new Set(participants);
  const byAgent = new Map<string, Vote[]>();
  for (const v of votes) {
    if (!members.has(v.agentId)) continue;
    const list = byAgent.get(v.agentId);
    if (list) list.push(v);
    else byAgent.set(v.agentId, [v]);
  }
  const flags: ByzantineFlag[] = [];
  for (const id of participants) {
    const list = byAgent.get(id);
    if (!list || list.every((v) => v.vote === list[0].vote)) continue;
    const first = list[0];
    // Same round, different values: it told different peers different things.
    const sameRound = list.some((v) => (v.round ?? 1) === (first.round ?? 1) && v.vote !== first.vote);
    const splitRound = sameRound || list.some((a) => list.some((b) => a.round === b.round && a.vote !== b.vote));
    flags.push({
      agentId: id,
      reason: splitRound ? 'different votes to different peers' : 'vote changed between rounds',
      votes: list.map((v) => ({ round: v.round ?? 1, vote: v.vote, ...(v.to ? { to: v.to } : {}) })),
    });
  }
  return flags;
}
