import type { Behaviour, VoteType } from '../core/agent';
import { check, checkLimit } from '../core/errors';
import { MAX_PENDING_EVENTS, MAX_ROUNDS } from '../core/limits';
import type { Prng } from '../core/prng';
import type { Network } from '../network/network';
import {
  GOSSIP_ABSTAIN,
  GOSSIP_AGAINST,
  GOSSIP_FOR,
  type GossipProtocol,
  type GossipRoundStats,
  gossipRoundStats,
} from './gossip';
import { type Csr, pickDistinct, toCsr } from './sampling';
import { atLeast } from './tally';
import type { ConsensusResult } from './types';

/** Message tags of a gossip vote on the network. */
export const GOSSIP_PULL_TAG = 'gossip-pull';
export const GOSSIP_VOTE_TAG = 'gossip-vote';

/** What one gossip vote on the network needs (participants by network address). */
export interface GossipNetworkInput {
  net: Network;
  /** The run's PRNG: contacts (in participant order at each round start) and random answers. */
  rng: Prng;
  proposalId: string;
  /** Network addresses of the participants, in the order of `ids`. */
  participants: readonly number[];
  ids: readonly string[];
  /** Each participant's vote at round 0. */
  initial: readonly VoteType[];
  behaviours: readonly Behaviour[];
  /** Topology neighbours of an address; a full mesh among participants when absent. */
  neighbours?: (address: number) => readonly number[];
  /** Address that stamps `roundEnd` events and owns the round timer. */
  reporter: number;
  /** Simulated time at which round 1 starts (≥ `net.now`). Default `net.now`. */
  startAtMs?: number;
}

export interface GossipNetworkOutcome {
  votes: Int8Array;
  /** Round 0 (the initial votes) then one entry per completed round. */
  history: GossipRoundStats[];
  roundsCompleted: number;
  converged: boolean;
  roundMs: number;
  startedAtMs: number;
  endedAtMs: number;
  /** `gossip-pull` messages sent. */
  requests: number;
  /** `gossip-vote` messages sent (duplicated requests are answered again). */
  replies: number;
  /** Replies counted at a round boundary. */
  repliesCounted: number;
  /** Replies that arrived after their round ended (ignored). */
  lateReplies: number;
}

// What an agent does in the gossip: honest agents pull and adopt; the others only answer.
const HONEST = 0;
const STUBBORN = 1;
const SILENT = 2;
const EQUIVOCATE = 3;
const RANDOM = 4;
const FLIP = 5;
const LIAR = 6;
const ROLE: Record<Behaviour, number> = {
  honest: HONEST,
  stubborn: STUBBORN,
  silent: SILENT,
  equivocate: EQUIVOCATE,
  random: RANDOM,
  flip: FLIP,
  'lie-in-relay': LIAR,
};
/** `got` entry of a contact that has not answered (yet). */
const NONE = 2;
/** Timer ids of the round clock: the start, then the end of round r is ROUND_TIMER + r. */
const START_TIMER = 0x60551d;
const ROUND_TIMER = START_TIMER + 1;

const encode = (v: VoteType) => (v === 'for' ? GOSSIP_FOR : v === 'against' ? GOSSIP_AGAINST : GOSSIP_ABSTAIN);
const decode = (v: number): VoteType => (v > 0 ? 'for' : v < 0 ? 'against' : 'abstain');

/** The default round: a pull and its reply (two flights of at most latencyMsMax, without reordering) fit in it. */
export function defaultGossipRoundMs(net: Network): number {
  return 2 * net.config.latencyMsMax + 1;
}

/**
 * Majority gossip as real messages on the simulated network, in synchronous
 * rounds of `roundMs`. At each round start every live honest agent with a vote
 * sends `gossip-pull` to `min(fanout, degree)` distinct random neighbours; a
 * receiver answers `gossip-vote` with its vote as of the round start (stubborn:
 * its own, and it never changes; silent: never; equivocate: alternating;
 * random: a coin; flip: its own in even rounds, the opposite in odd ones;
 * lie-in-relay: the opposite of its own). At the round boundary (a network
 * timer) each honest agent adopts the strict majority of its own vote and the
 * replies that arrived in that round; lost, late or partitioned replies are
 * simply missing and a tie keeps its own. Loss, duplication, reordering,
 * partitions and crashes of the network therefore shape the rounds.
 * Stops at convergence (leading share among non-abstainers ≥
 * `convergenceThreshold`) or after `rounds`. Traces `voteChanged` and `roundEnd`
 * at each boundary; the network traces every message.
 * @example
 * const out = runGossipOnNetwork(new GossipProtocol({ fanout: 2 }), { net, rng, proposalId: 'p', participants: [0, 1, 2],
 *   ids: ['a', 'b', 'c'], initial: ['for', 'for', 'against'], behaviours: ['honest', 'honest', 'honest'], reporter: 0 });
 * out.requests + out.replies // messages this vote sent
 */
export function runGossipOnNetwork(protocol: GossipProtocol, input: GossipNetworkInput): GossipNetworkOutcome {
  const { net, participants } = input;
  const n = participants.length;
  check(input.ids.length === n && input.initial.length === n, 'participants', 'must match ids and initial votes');
  checkLimit('MAX_ROUNDS', MAX_ROUNDS, protocol.rounds);
  const roundMs = protocol.roundMs ?? defaultGossipRoundMs(net);
  const startAt = input.startAtMs ?? net.now;
  check(startAt >= net.now, 'startAtMs', 'must not be in the past');
  const run = new GossipRun(protocol, input, roundMs);
  const previous = net.handlers;
  net.handlers = {
    deliver: (to, from, tag, payload, msg) => run.deliver(to, from, tag, payload, msg),
    timer: (agent, timer) => run.timer(agent, timer),
  };
  try {
    net.setTimer(input.reporter, startAt - net.now, START_TIMER);
    while (!run.finished && net.step()) {}
  } finally {
    net.handlers = previous;
  }
  return run.outcome(startAt);
}

/** One gossip vote's state; the network's handlers call into it. */
class GossipRun {
  readonly votes: Int8Array;
  readonly history: GossipRoundStats[];
  finished = false;
  round = 0;
  converged = false;
  requests = 0;
  replies = 0;
  repliesCounted = 0;
  lateReplies = 0;
  private readonly fanout: number;
  /** Agent i's contact slots in `asked` / `got` are [slots[i], slots[i + 1]): min(fanout, its degree). */
  private readonly slots: Int32Array;
  private readonly position: Int32Array;
  private readonly role: Uint8Array;
  private readonly graph?: Csr;
  private readonly asked: Int32Array;
  private readonly got: Int8Array;
  private readonly picked: Int32Array;
  private readonly answersGiven: Int32Array;
  private readonly firstMsg: number;

  constructor(
    private readonly protocol: GossipProtocol,
    private readonly input: GossipNetworkInput,
    private readonly roundMs: number,
  ) {
    const { net, participants } = input;
    const n = participants.length;
    this.votes = Int8Array.from(input.initial, encode);
    this.history = [gossipRoundStats(0, this.votes)];
    this.position = new Int32Array(net.agentCount).fill(-1);
    participants.forEach((a, i) => {
      this.position[a] = i;
    });
    this.role = Uint8Array.from(input.behaviours, (b) => ROLE[b] ?? HONEST);
    this.graph = input.neighbours ? this.graphOf(input.neighbours) : undefined;
    // Nobody asks more neighbours than it has: agent i gets min(fanout, degree i) contact slots, so memory
    // is O(Σ min(fanout, degree)) — agents × fanout once asked for 200,000,000,000 entries.
    this.fanout = Math.max(1, protocol.fanout);
    this.slots = new Int32Array(n + 1);
    let widest = 0;
    for (let i = 0; i < n; i++) {
      const k = Math.min(this.fanout, this.degree(i));
      this.slots[i + 1] = this.slots[i] + k;
      widest = Math.max(widest, k);
    }
    // Every slot is a pull in flight at once in a round.
    checkLimit('MAX_PENDING_EVENTS', MAX_PENDING_EVENTS, this.slots[n]);
    this.asked = new Int32Array(this.slots[n]).fill(-1);
    this.got = new Int8Array(this.slots[n]).fill(NONE);
    this.picked = new Int32Array(widest);
    this.answersGiven = new Int32Array(n);
    this.firstMsg = net.messagesSent;
  }

  /** Participant i's neighbours among participants (all others without a topology). */
  private degree(i: number): number {
    const g = this.graph;
    return g ? g.offsets[i + 1] - g.offsets[i] : this.input.participants.length - 1;
  }

  /** Neighbour lists by participant position, keeping only participants. */
  private graphOf(neighbours: (address: number) => readonly number[]): Csr {
    return toCsr(
      this.input.participants.map((a) => {
        const out: number[] = [];
        for (const b of neighbours(a)) if (b !== a && this.position[b] >= 0) out.push(this.position[b]);
        return out;
      }),
    );
  }

  timer(agent: number, timer: number): void {
    if (agent !== this.input.reporter || this.finished) return;
    if (timer === START_TIMER) this.startRound(1);
    else if (timer === ROUND_TIMER + this.round) this.endRound();
  }

  deliver(to: number, from: number, tag: string, payload: unknown, msg: number): void {
    if (msg < this.firstMsg || this.finished) return;
    const p = payload as { proposalId?: string; round?: number; vote?: VoteType };
    if (p?.proposalId !== this.input.proposalId || typeof p.round !== 'number') return;
    const i = this.position[to];
    const j = this.position[from];
    if (i < 0 || j < 0) return;
    if (tag === GOSSIP_PULL_TAG) {
      const vote = this.answer(i, p.round);
      if (vote === undefined) return;
      this.replies++;
      this.input.net.send(to, from, GOSSIP_VOTE_TAG, { proposalId: this.input.proposalId, round: p.round, vote });
    } else if (tag === GOSSIP_VOTE_TAG) {
      if (p.round !== this.round) {
        this.lateReplies++;
        return;
      }
      // A duplicated reply fills nothing: each asked neighbour counts once per round.
      for (let q = this.slots[i], end = this.slots[i + 1]; q < end; q++) {
        if (this.asked[q] === j && this.got[q] === NONE) {
          this.got[q] = encode(p.vote ?? 'abstain');
          break;
        }
      }
    }
  }

  /** What participant `j` answers to a pull of `round`; undefined: no answer. */
  private answer(j: number, round: number): VoteType | undefined {
    const own = decode(this.votes[j]);
    switch (this.role[j]) {
      case SILENT:
        return undefined;
      case EQUIVOCATE: {
        const first = own === 'abstain' ? 'for' : own;
        return this.answersGiven[j]++ % 2 === 0 ? first : opposite(first);
      }
      case RANDOM:
        return this.input.rng.chance(0.5) ? 'for' : 'against';
      case FLIP:
        return round % 2 === 1 ? opposite(own) : own;
      case LIAR:
        return opposite(own);
      default:
        return own;
    }
  }

  private startRound(round: number): void {
    const { net, participants, rng, proposalId } = this.input;
    this.round = round;
    this.asked.fill(-1);
    this.got.fill(NONE);
    // Set before the pulls, so that at the boundary the clock runs before same-time deliveries.
    net.setTimer(this.input.reporter, this.roundMs, ROUND_TIMER + round);
    const n = participants.length;
    const g = this.graph;
    for (let i = 0; i < n; i++) {
      if (this.role[i] !== HONEST || this.votes[i] === 0 || !net.isAlive(participants[i])) continue;
      const base = g ? g.offsets[i] : 0;
      const degree = this.degree(i);
      const k = this.slots[i + 1] - this.slots[i];
      pickDistinct(rng, degree, k, this.picked);
      for (let q = 0; q < k; q++) {
        const pos = this.picked[q];
        const j = g ? g.targets[base + pos] : pos >= i ? pos + 1 : pos;
        this.asked[this.slots[i] + q] = j;
        this.requests++;
        net.send(participants[i], participants[j], GOSSIP_PULL_TAG, { proposalId, round });
      }
    }
  }

  private endRound(): void {
    const { net, participants, proposalId, reporter } = this.input;
    const round = this.round;
    for (let i = 0; i < participants.length; i++) {
      const own = this.votes[i];
      // A crashed agent computes nothing; its asked list is empty anyway if it crashed before the round.
      if (this.role[i] !== HONEST || own === 0 || !net.isAlive(participants[i])) continue;
      let sum = own;
      for (let q = this.slots[i], end = this.slots[i + 1]; q < end; q++) {
        if (this.got[q] !== NONE) {
          sum += this.got[q];
          this.repliesCounted++;
        }
      }
      const next = sum > 0 ? 1 : sum < 0 ? -1 : own;
      if (next !== own) {
        this.votes[i] = next;
        net.trace.engine(net.now, 'voteChanged', participants[i], -1, { proposalId, vote: decode(next), round });
      }
    }
    const s = gossipRoundStats(round, this.votes);
    this.history.push(s);
    net.trace.engine(net.now, 'roundEnd', reporter, -1, { proposalId, ...s });
    this.converged = s.for + s.against > 0 && atLeast(s.agreementRatio, this.protocol.convergenceThreshold);
    if (this.converged || round >= this.protocol.rounds) this.finished = true;
    else this.startRound(round + 1);
  }

  outcome(startedAtMs: number): GossipNetworkOutcome {
    return {
      votes: this.votes,
      history: this.history,
      roundsCompleted: this.round,
      converged: this.converged,
      roundMs: this.roundMs,
      startedAtMs,
      endedAtMs: this.input.net.now,
      requests: this.requests,
      replies: this.replies,
      repliesCounted: this.repliesCounted,
      lateReplies: this.lateReplies,
    };
  }
}

function opposite(v: VoteType): VoteType {
  return v === 'for' ? 'against' : v === 'against' ? 'for' : 'abstain';
}

/**
 * A gossip vote on the network as a `ConsensusResult` (what the manager returns):
 * approved iff the final `for` votes are at least the protocol's threshold of all
 * participants. A participant without a vote (silent, or never reached: no link,
 * no route) counts as not-for, as in quorum: one agent's vote in a swarm whose
 * links carried nothing must not approve for everyone. Counts are the round-0
 * votes; `durationMs` runs from `requestedAtMs`.
 * @example gossipNetworkResult(protocol, runGossipOnNetwork(protocol, input), { proposalId: 'p', ids, requestedAtMs: 0 }).decision
 */
export function gossipNetworkResult(
  protocol: GossipProtocol,
  out: GossipNetworkOutcome,
  c: { proposalId: string; ids: readonly string[]; requestedAtMs: number },
): ConsensusResult {
  const start = out.history[0];
  const last = out.history[out.history.length - 1];
  const voting = last.for + last.against;
  const shareFor = voting ? last.for / voting : 0;
  const everyone = voting + last.abstain;
  const approvalRate = everyone ? last.for / everyone : 0;
  return {
    proposalId: c.proposalId,
    decision: last.for > 0 && atLeast(approvalRate, protocol.threshold) ? 'approved' : 'rejected',
    votesFor: start.for,
    votesAgainst: start.against,
    votesAbstain: start.abstain,
    threshold: protocol.threshold,
    participants: [...c.ids],
    algorithmUsed: protocol.name,
    durationMs: out.endedAtMs - c.requestedAtMs,
    metadata: {
      protocol: 'gossip-pull',
      roundsCompleted: out.roundsCompleted,
      converged: out.converged,
      agreementRatio: last.agreementRatio,
      finalShareFor: shareFor,
      // Final `for` votes over all participants: what the threshold is compared with.
      approvalRate,
      fanout: protocol.fanout,
      convergenceThreshold: protocol.convergenceThreshold,
      roundMs: out.roundMs,
      history: out.history,
      gossipRequests: out.requests,
      gossipReplies: out.replies,
      gossipMessages: out.requests + out.replies,
      repliesCounted: out.repliesCounted,
      lateReplies: out.lateReplies,
    },
  };
}
