/**
 * The consensus view's reading of a run's trace: the vote, decision and round
 * events in trace order, extracted once per trace, and the tallies at any cursor
 * computed from them. Counting follows the engines' tally rules (the first vote
 * per sender counts; later ones are duplicates), so what fills against the
 * threshold line is what the decider counted. Oral messages have no votes to
 * count: their tally is the orders the loyal lieutenants decided, as in the result.
 */
import { KIND } from '../../engine/trace/events';
import type { TraceColumns } from '../../worker/protocol';

export type VoteValue = 'for' | 'against' | 'abstain';

/** One event the consensus view cares about, by its position in the trace. */
export interface VoteStep {
  index: number;
  t: number;
  name: 'voteSent' | 'voteDelivered' | 'decided' | 'roundEnd' | 'flagged';
  /** voteSent: the voter; voteDelivered/flagged/decided: the receiving (deciding) agent. */
  agent: number;
  /** voteSent: the requester (or −1 when broadcast); voteDelivered: the voter/owner; flagged: the suspect. */
  peer: number;
  vote?: VoteValue;
  decision?: string;
  /** decided (oral messages): the order a loyal lieutenant obeys. */
  order?: 'attack' | 'retreat';
  /** roundEnd (gossip vote): opinions after the round. */
  round?: number;
  counts?: Record<VoteValue, number>;
  reason?: string;
}

const NAMES = new Set(['voteSent', 'voteDelivered', 'decided', 'roundEnd', 'flagged']);
const isVote = (v: unknown): v is VoteValue => v === 'for' || v === 'against' || v === 'abstain';

/** Upper bound on steps kept, so a huge trace cannot make the view allocate without limit. */
export const MAX_VOTE_STEPS = 2_000_000;

/** Extracts the consensus steps of a trace (engine events only), in trace order. */
export function voteSteps(trace: TraceColumns): VoteStep[] {
  const out: VoteStep[] = [];
  for (let i = 0; i < trace.length && out.length < MAX_VOTE_STEPS; i++) {
    if (trace.kind[i] !== KIND.engine) continue;
    const name = trace.strings[trace.d[i]];
    if (!NAMES.has(name)) continue;
    const detail = (trace.e[i] >= 0 ? trace.values[trace.e[i]] : undefined) as Record<string, unknown> | undefined;
    const step: VoteStep = {
      index: i,
      t: trace.t[i],
      name: name as VoteStep['name'],
      agent: trace.a[i],
      peer: trace.b[i],
    };
    if (detail) {
      if (isVote(detail.vote)) step.vote = detail.vote;
      if (typeof detail.decision === 'string') step.decision = detail.decision;
      if (detail.order === 'attack' || detail.order === 'retreat') step.order = detail.order;
      if (typeof detail.reason === 'string') step.reason = detail.reason;
      if (typeof detail.round === 'number') step.round = detail.round;
      if (typeof detail.for === 'number')
        step.counts = {
          for: detail.for,
          against: Number(detail.against ?? 0),
          abstain: Number(detail.abstain ?? 0),
        };
    }
    out.push(step);
  }
  return out;
}

export interface Tally {
  for: number;
  against: number;
  abstain: number;
  /** Same, in weight (weighted runs); equal to the counts otherwise. */
  weightFor: number;
  weightAgainst: number;
  weightAbstain: number;
  /** Voters counted so far. */
  voters: number;
  /** Votes seen again from a voter already counted (equivocation, duplicates): shown, never counted. */
  duplicates: number;
  /** The counted vote of each voter, by address. */
  byVoter: Map<number, VoteValue>;
  /** The gossip round whose opinions these are, when rounds have started. */
  round?: number;
  /** Index of the decision event the tally is read against, if the cursor has passed it. */
  decidedIndex: number;
  decision?: string;
}

export interface TallyOptions {
  /** Direct protocols: the requester's address (votes delivered to it count). */
  requester?: number;
  /** Byzantine: the agent whose delivered votes are shown. */
  perspective?: number;
  byzantine?: boolean;
  /** Oral messages: the tally is the loyal lieutenants' decided orders (attack = for, retreat = against). */
  oral?: boolean;
  weightOf?: (agent: number) => number;
}

/** The tally after event `cursor` (inclusive), from one agent's point of view. */
export function tallyAt(steps: readonly VoteStep[], cursor: number, options: TallyOptions): Tally {
  const weightOf = options.weightOf ?? (() => 1);
  const tally: Tally = {
    for: 0,
    against: 0,
    abstain: 0,
    weightFor: 0,
    weightAgainst: 0,
    weightAbstain: 0,
    voters: 0,
    duplicates: 0,
    byVoter: new Map(),
    decidedIndex: -1,
  };
  const counted = tally.byVoter;
  const count = (voter: number, vote: VoteValue) => {
    if (counted.has(voter)) {
      tally.duplicates++;
      return;
    }
    counted.set(voter, vote);
    tally.voters++;
    tally[vote]++;
    const w = weightOf(voter);
    if (vote === 'for') tally.weightFor += w;
    else if (vote === 'against') tally.weightAgainst += w;
    else tally.weightAbstain += w;
  };
  const me = options.byzantine ? options.perspective : options.requester;
  for (const s of steps) {
    if (s.index > cursor) break;
    if (s.name === 'decided' && tally.decidedIndex < 0 && (!options.byzantine || s.agent === me)) {
      tally.decidedIndex = s.index;
      tally.decision = s.decision;
    }
    if (options.oral) {
      if (s.name === 'decided' && s.order) count(s.agent, s.order === 'attack' ? 'for' : 'against');
      continue;
    }
    if (!s.vote && s.name !== 'roundEnd') continue;
    if (s.name === 'voteDelivered' && s.agent === me && s.vote) count(s.peer, s.vote);
    else if (!options.byzantine && s.name === 'voteSent' && s.agent === me && s.peer === me && s.vote)
      count(s.agent, s.vote);
    else if (s.name === 'roundEnd' && s.counts && !options.byzantine) {
      tally.round = s.round;
      tally.for = s.counts.for;
      tally.against = s.counts.against;
      tally.abstain = s.counts.abstain;
      tally.weightFor = s.counts.for;
      tally.weightAgainst = s.counts.against;
      tally.weightAbstain = s.counts.abstain;
    }
  }
  return tally;
}

/** Each agent's own decision event (Byzantine: every honest agent decides), by agent address. */
export function decisionsAt(steps: readonly VoteStep[], cursor: number): Map<number, string> {
  const out = new Map<number, string>();
  for (const s of steps) {
    if (s.index > cursor) break;
    if (s.name === 'decided' && s.decision && !out.has(s.agent)) out.set(s.agent, s.decision);
  }
  return out;
}
