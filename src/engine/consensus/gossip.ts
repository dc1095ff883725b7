import { check, checkLimit } from '../core/errors';
import { MAX_AGGREGATE_AGENTS, MAX_ROUNDS } from '../core/limits';
import { Prng } from '../core/prng';
import { type Csr, maxDegree, pickDistinct, toCsr } from './sampling';
import { atLeast, tallyVotes } from './tally';
import type { ConsensusAlgorithm, ConsensusResult, EvaluateInput, GossipVoteValue, Vote } from './types';

export interface GossipOptions {
  /** Peers each agent asks per round. Default 3. */
  fanout?: number;
  /** Most rounds. Default 5. */
  rounds?: number;
  /** Share of the leading vote among non-abstainers that ends the gossip. Default 0.95. */
  convergenceThreshold?: number;
  /** Share of `for` needed to approve when used through the manager. Default 0.66. */
  threshold?: number;
  /**
   * Through the manager, rounds run as messages on the network: simulated ms per round.
   * Default 2 × the network's latencyMsMax + 1 (a pull and its reply fit in a round).
   */
  roundMs?: number;
}

export interface GossipRoundStats {
  round: number;
  for: number;
  against: number;
  abstain: number;
  agreementRatio: number;
}

/** Where the randomness and the topology of one gossip decision come from. */
export interface GossipRunOptions {
  rng?: Prng;
  /** Used when no `rng` is given. Default 1. */
  seed?: number;
  /** Neighbour agent ids per agent id; a full mesh when absent. */
  neighbours?: Record<string, readonly string[]> | ((agentId: string) => readonly string[]);
  /** Called for every contact (small swarms: the UI animates them). */
  onContact?: (round: number, from: number, to: number) => void;
  onRound?: (stats: GossipRoundStats) => void;
  /** Agents that never change their vote (the `stubborn` behaviour). */
  stubborn?: (agentId: string) => boolean;
  onChange?: (round: number, agent: number, vote: 'for' | 'against') => void;
}

/** Gossip's vote encoding in typed arrays. */
export const GOSSIP_FOR = 1;
export const GOSSIP_AGAINST = -1;
export const GOSSIP_ABSTAIN = 0;

export interface GossipMajorityParams {
  fanout: number;
  rounds: number;
  convergenceThreshold: number;
  rng: Prng;
  /** Topology as compressed neighbour lists; a full mesh when absent. */
  graph?: Csr;
  /** Agents (1) that never change their vote: the `stubborn` behaviour. */
  stubborn?: Uint8Array;
  /** Called after each round for every agent whose vote changed (1 for, −1 against). */
  onChange?: (round: number, agent: number, vote: number) => void;
  onContact?: (round: number, from: number, to: number) => void;
  onRound?: (stats: GossipRoundStats) => void;
}

export interface GossipMajorityOutcome {
  votes: Int8Array;
  history: GossipRoundStats[];
  roundsCompleted: number;
  converged: boolean;
}

/** A round's vote counts and the leading vote's share among non-abstainers. */
export function gossipRoundStats(round: number, votes: Int8Array): GossipRoundStats {
  let f = 0;
  let a = 0;
  for (let i = 0; i < votes.length; i++) {
    if (votes[i] > 0) f++;
    else if (votes[i] < 0) a++;
  }
  const voting = f + a;
  return {
    round,
    for: f,
    against: a,
    abstain: votes.length - voting,
    agreementRatio: voting ? Math.max(f, a) / voting : 0,
  };
}

/**
 * Synchronous majority gossip over typed arrays (the hot path of `GossipProtocol`).
 * Every round each voting agent reads the previous-round votes of `min(fanout,
 * degree)` distinct random neighbours and adopts the strict majority of its own and
 * their votes; a tie keeps its own; abstainers neither push nor count. Stops when
 * the leading vote's share among non-abstainers reaches `convergenceThreshold`.
 * @example gossipMajority(Int8Array.of(1, 1, -1), { fanout: 2, rounds: 5, convergenceThreshold: 1, rng: new Prng(1) }).votes // [1, 1, 1]
 */
export function gossipMajority(initial: Int8Array, p: GossipMajorityParams): GossipMajorityOutcome {
  const n = initial.length;
  checkLimit('MAX_AGGREGATE_AGENTS', MAX_AGGREGATE_AGENTS, n);
  checkLimit('MAX_ROUNDS', MAX_ROUNDS, p.rounds);
  let prev = Int8Array.from(initial);
  let next = new Int8Array(n);
  // Nobody samples more peers than it has: sized by min(fanout, largest degree), not by the fanout alone.
  const picked = new Int32Array(Math.max(1, Math.min(p.fanout, p.graph ? maxDegree(p.graph) : n - 1)));
  const history: GossipRoundStats[] = [];
  let converged = false;
  let round = 0;
  while (round < p.rounds && !converged) {
    round++;
    for (let i = 0; i < n; i++) {
      const own = prev[i];
      next[i] = own;
      if (own === 0 || p.stubborn?.[i] === 1) continue;
      const base = p.graph ? p.graph.offsets[i] : 0;
      const degree = p.graph ? p.graph.offsets[i + 1] - base : n - 1;
      const k = Math.min(p.fanout, degree);
      pickDistinct(p.rng, degree, k, picked);
      let sum = own;
      for (let q = 0; q < k; q++) {
        const pos = picked[q];
        const j = p.graph ? p.graph.targets[base + pos] : pos >= i ? pos + 1 : pos;
        sum += prev[j];
        p.onContact?.(round, i, j);
      }
      if (sum !== 0) next[i] = sum > 0 ? 1 : -1;
    }
    const swap = prev;
    prev = next;
    next = swap;
    // Reported after the round, so a trace of contacts and changes stays in time order.
    if (p.onChange) for (let i = 0; i < n; i++) if (prev[i] !== next[i]) p.onChange(round, i, prev[i]);
    const s = gossipRoundStats(round, prev);
    history.push(s);
    p.onRound?.(s);
    converged = s.for + s.against > 0 && atLeast(s.agreementRatio, p.convergenceThreshold);
  }
  return { votes: prev, history, roundsCompleted: round, converged };
}

function encode(v: GossipVoteValue, field: string): number {
  if (v === 'for' || v === 'approve') return GOSSIP_FOR;
  if (v === 'against' || v === 'reject') return GOSSIP_AGAINST;
  check(v === 'abstain', field, "must be 'for', 'against', 'abstain', 'approve' or 'reject'");
  return GOSSIP_ABSTAIN;
}

/**
 * Gossip-based consensus (the seed's `GossipProtocol`), seeded: the same votes,
 * options and seed give the same result every time.
 * @example
 * const votes = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`agent-${i + 1}`, i < 7 ? 'approve' : 'reject']));
 * new GossipProtocol({ fanout: 3, rounds: 5 }).decide(votes, 0.66, { seed: 7 }).decision // 'approved'
 */
export class GossipProtocol implements ConsensusAlgorithm {
  readonly name = 'gossip';
  /** Majority dynamics stop at the first converged round, so more `for` votes can end it earlier: not monotone. */
  readonly monotone = false;
  /** Gossip tolerates failures: at the deadline, agents that never answered abstain. */
  readonly decidesAtDeadline = true;
  readonly fanout: number;
  readonly rounds: number;
  readonly convergenceThreshold: number;
  readonly threshold: number;
  readonly roundMs?: number;

  constructor(options: GossipOptions = {}) {
    this.fanout = options.fanout ?? 3;
    this.rounds = options.rounds ?? 5;
    this.convergenceThreshold = options.convergenceThreshold ?? 0.95;
    this.threshold = options.threshold ?? 0.66;
    check(Number.isInteger(this.fanout) && this.fanout >= 1, 'fanout', 'must be a whole number ≥ 1');
    check(Number.isInteger(this.rounds) && this.rounds >= 1, 'rounds', 'must be a whole number ≥ 1');
    checkLimit('MAX_ROUNDS', MAX_ROUNDS, this.rounds);
    const ct = this.convergenceThreshold;
    check(Number.isFinite(ct) && ct > 0 && ct <= 1, 'convergenceThreshold', 'must be a number in (0, 1]');
    check(this.threshold > 0 && this.threshold <= 1, 'threshold', 'must be a number in (0, 1]');
    this.roundMs = options.roundMs;
    if (this.roundMs !== undefined)
      check(Number.isInteger(this.roundMs) && this.roundMs >= 1, 'roundMs', 'must be a whole number of ms ≥ 1');
  }

  /** The seed's `decide(votes, threshold)`: votes by agent id (or a `Vote[]`), every key an agent. */
  decide(
    votes: Record<string, GossipVoteValue> | ReadonlyMap<string, GossipVoteValue> | readonly Vote[],
    threshold = this.threshold,
    options: GossipRunOptions = {},
  ): ConsensusResult {
    check(Number.isFinite(threshold) && threshold > 0 && threshold <= 1, 'threshold', 'must be a number in (0, 1]');
    const entries: [string, GossipVoteValue][] = Array.isArray(votes)
      ? (votes as Vote[]).map((v) => [v.agentId, v.vote])
      : votes instanceof Map
        ? [...votes.entries()]
        : Object.entries(votes as Record<string, GossipVoteValue>);
    const ids = entries.map(([id]) => id);
    const initial = Int8Array.from(entries.map(([id, v]) => encode(v, `votes.${id}`)));
    return this.run(ids, initial, threshold, options, []);
  }

  /**
   * In memory, from the votes that reached the decider: silent participants abstain; the topology is
   * the swarm's, among participants. (`ConsensusManager` runs the rounds on the network instead: gossipNetwork.ts.)
   */
  evaluate(input: EvaluateInput): ConsensusResult {
    const t = tallyVotes(input.participants, input.votes);
    const ids = [...input.participants];
    const initial = Int8Array.from(ids.map((id) => encode(t.counted.get(id)?.vote ?? 'abstain', `votes.${id}`)));
    const rng = input.rng ?? new Prng(1);
    const onRound = input.onRound;
    const result = this.run(
      ids,
      initial,
      this.threshold,
      {
        rng,
        neighbours: input.neighbours,
        stubborn: input.stubborn,
        onChange: input.onVoteChange,
        onContact: input.onContact,
        onRound: onRound ? (s) => onRound(s.round, { ...s }) : undefined,
      },
      t.ignored,
    );
    return { ...result, proposalId: input.proposalId };
  }

  private run(
    ids: string[],
    initial: Int8Array,
    threshold: number,
    options: GossipRunOptions,
    ignoredVotes: unknown[],
  ): ConsensusResult {
    check(new Set(ids).size === ids.length, 'votes', 'must hold one vote per agent');
    const rng = options.rng ?? new Prng(options.seed ?? 1);
    const graph = options.neighbours ? graphOf(ids, options.neighbours) : undefined;
    const start = gossipRoundStats(0, initial);
    const out = gossipMajority(initial, {
      fanout: this.fanout,
      rounds: this.rounds,
      convergenceThreshold: this.convergenceThreshold,
      rng,
      graph,
      stubborn: options.stubborn ? Uint8Array.from(ids, (id) => (options.stubborn?.(id) ? 1 : 0)) : undefined,
      onChange: options.onChange ? (r, i, v) => options.onChange?.(r, i, v > 0 ? 'for' : 'against') : undefined,
      onContact: options.onContact,
      onRound: options.onRound,
    });
    const last = out.history[out.history.length - 1];
    const voting = last.for + last.against;
    const shareFor = voting ? last.for / voting : 0;
    return {
      proposalId: 'gossip',
      decision: voting > 0 && atLeast(shareFor, threshold) ? 'approved' : 'rejected',
      votesFor: start.for,
      votesAgainst: start.against,
      votesAbstain: start.abstain,
      threshold,
      participants: ids,
      algorithmUsed: this.name,
      durationMs: 0,
      metadata: {
        roundsCompleted: out.roundsCompleted,
        converged: out.converged,
        agreementRatio: last.agreementRatio,
        finalShareFor: shareFor,
        fanout: this.fanout,
        convergenceThreshold: this.convergenceThreshold,
        history: [start, ...out.history],
        ignoredVotes,
      },
    };
  }
}

/** Neighbour lists by id → compressed index lists, keeping only agents in `ids`. */
function graphOf(ids: string[], neighbours: NonNullable<GossipRunOptions['neighbours']>): Csr {
  const index = new Map(ids.map((id, i) => [id, i]));
  const of = typeof neighbours === 'function' ? neighbours : (id: string) => neighbours[id] ?? [];
  const lists = ids.map((id) => {
    const out: number[] = [];
    for (const nb of of(id)) {
      const j = index.get(nb);
      if (j !== undefined && nb !== id) out.push(j);
    }
    return out;
  });
  return toCsr(lists);
}
