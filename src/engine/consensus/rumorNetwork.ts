import { check, checkLimit } from '../core/errors';
import { MAX_ROUNDS } from '../core/limits';
import type { Prng } from '../core/prng';
import type { Network } from '../network/network';
import { RUMOR_MODES, type RumorMode, type RumorRoundStats } from './rumor';
import { type Csr, maxDegree, pickDistinct } from './sampling';

/** Message tags of rumor spreading on the network. */
export const RUMOR_PUSH_TAG = 'rumor-push';
export const RUMOR_PULL_TAG = 'rumor-pull';
export const RUMOR_REPLY_TAG = 'rumor-reply';

/** What an agent does with the rumor: passes it on (honest), learns it but never passes it on, or takes no part. */
export const RUMOR_HONEST = 0;
export const RUMOR_DROPPER = 1;
export const RUMOR_SILENT = 2;

/** Rounds in a row with nobody newly informed (and no rumor in flight) after which a run gives up. */
export const RUMOR_STALL_ROUNDS = 100;

export interface RumorNetworkInput {
  net: Network;
  /** The run's PRNG: contacts are drawn from it, agent by agent in address order at each round start. */
  rng: Prng;
  mode: RumorMode;
  /** Contacts per agent per round, capped by the agent's degree. */
  fanout: number;
  /** Address of the agent that knows the rumor at round 0. */
  origin: number;
  /** Neighbour lists by network address: rumor messages only ever go to a neighbour. */
  graph: Csr;
  /** Per address: RUMOR_HONEST, RUMOR_DROPPER or RUMOR_SILENT. */
  roles: Uint8Array;
  /** Default MAX_ROUNDS. */
  maxRounds?: number;
  /** Default RUMOR_STALL_ROUNDS. */
  stallRounds?: number;
  /** Default `defaultRumorRoundMs(net)`. */
  roundMs?: number;
  shouldStop?: () => boolean;
  onRound?: (s: RumorRoundStats) => void;
}

export type RumorStopReason = 'all-reachable-informed' | 'max-rounds' | 'stalled' | 'cancelled';

export interface RumorNetworkOutcome {
  /** The round in which each agent was first delivered the rumor (0: the origin), −1 if never. */
  learntAt: Int32Array;
  /** Informed agents after each round, round 0 first. */
  informedPerRound: number[];
  rounds: number;
  informed: number;
  /** Agents that could be reached over links with every message delivered (silent agents excluded). */
  reachable: number;
  /** Agents (silent excluded) that were down when round 1 started. */
  downAtStart: number;
  pushes: number;
  pulls: number;
  replies: number;
  roundMs: number;
  startedAtMs: number;
  endedAtMs: number;
  stopReason: RumorStopReason;
}

const NEVER = -1;
/** Timer ids of the round clock: the start, then the end of round r is ROUND_TIMER + r. */
const START_TIMER = 0x7275_6d00;
const ROUND_TIMER = START_TIMER + 1;

/**
 * A round lasts two flights of at most `latencyMsMax` plus 1 ms: a pull and its reply sent at the
 * round start arrive within the round (without reordering), and the round-end clock, set before the
 * round's sends, fires before anything that arrives at the very same millisecond.
 */
export function defaultRumorRoundMs(net: Network): number {
  return 2 * net.config.latencyMsMax + 1;
}

/**
 * Rumor spreading as real messages on the simulated network, in timer-driven rounds
 * of `roundMs`. At each round start every live agent that takes part contacts
 * `min(fanout, degree)` distinct random neighbours: push — an informed honest agent
 * sends `rumor-push`; pull — an uninformed agent sends `rumor-pull`, and a neighbour
 * that knows the rumor when the pull arrives answers `rumor-reply` (droppers never
 * do); push-pull — both. An agent is informed when a push or a reply is delivered
 * to it, so latency, loss, duplication, partitions (one-way too), crashes and
 * recoveries shape the spread; silent agents take no part. Stops when every live
 * agent reachable over links is informed, after `maxRounds`, or after `stallRounds`
 * quiet rounds in a row (a round counts as quiet only when no rumor is still in
 * flight). Traces `informed` ({ round }) at each delivery that informs and
 * `roundEnd` ({ round, informed, newlyInformed }) at each boundary; the network
 * traces every message.
 * @example
 * const out = runRumorOnNetwork({ net, rng, mode: 'push-pull', fanout: 1, origin: 0, graph, roles });
 * out.informedPerRound // [1, 3, 7, …]
 */
export function runRumorOnNetwork(input: RumorNetworkInput): RumorNetworkOutcome {
  const { net } = input;
  const run = new NetworkRumor(input);
  const previous = net.handlers;
  net.handlers = {
    deliver: (to, from, tag, _payload, msg) => run.deliver(to, from, tag, msg),
    timer: (agent, timer) => run.timer(agent, timer),
  };
  try {
    // Through a timer, so that faults scheduled for this very millisecond (a crash at t = 0) apply first.
    net.setTimer(input.origin, 0, START_TIMER);
    while (!run.finished && net.step()) {
      if (input.shouldStop?.()) run.stop('cancelled');
    }
  } finally {
    net.handlers = previous;
  }
  return run.outcome();
}

/** One rumor run's state; the network's handlers call into it. */
class NetworkRumor {
  readonly learntAt: Int32Array;
  readonly informedPerRound: number[] = [1];
  finished = false;
  stopReason: RumorStopReason = 'stalled';
  private round = 0;
  private informed = 1;
  private fresh = 0;
  private stalled = 0;
  private pushes = 0;
  private pulls = 0;
  private replies = 0;
  private downAtStart = 0;
  private lastCarrierAtMs = Number.NEGATIVE_INFINITY;
  private readonly n: number;
  private readonly fanout: number;
  private readonly picked: Int32Array;
  private readonly reachableList: Int32Array;
  private readonly roundMs: number;
  private readonly maxRounds: number;
  private readonly stallRounds: number;
  private readonly maxFlightMs: number;
  private readonly startedAtMs: number;
  private readonly firstMsg: number;

  constructor(private readonly input: RumorNetworkInput) {
    const { net, graph, roles, origin } = input;
    const n = net.agentCount;
    check(RUMOR_MODES.includes(input.mode), 'mode', "must be 'push', 'pull' or 'push-pull'");
    check(Number.isInteger(input.fanout) && input.fanout >= 1, 'fanout', 'must be a whole number ≥ 1');
    check(graph.offsets.length === n + 1 && roles.length === n, 'graph', `must describe the network's ${n} agents`);
    check(Number.isInteger(origin) && origin >= 0 && origin < n, 'origin', `must be an agent address in [0, ${n})`);
    check(roles[origin] !== RUMOR_SILENT, 'origin', 'must not be silent (it would never spread the rumor)');
    this.n = n;
    this.maxRounds = input.maxRounds ?? MAX_ROUNDS;
    checkLimit('MAX_ROUNDS', MAX_ROUNDS, this.maxRounds);
    this.stallRounds = input.stallRounds ?? RUMOR_STALL_ROUNDS;
    this.roundMs = input.roundMs ?? defaultRumorRoundMs(net);
    check(Number.isInteger(this.roundMs) && this.roundMs >= 1, 'roundMs', 'must be a whole number of ms ≥ 1');
    // Memory is O(agents + min(fanout, degree)): nothing is sized by the fanout alone.
    this.fanout = Math.min(input.fanout, maxDegree(graph));
    this.picked = new Int32Array(this.fanout);
    this.learntAt = new Int32Array(n).fill(NEVER);
    this.learntAt[origin] = 0;
    this.reachableList = reachableFrom(origin, graph, roles);
    const { latencyMsMax, reorderProbability } = net.config;
    // The longest a copy can travel: the latency, plus as much again when it is held back for reordering.
    this.maxFlightMs = latencyMsMax + (reorderProbability > 0 ? latencyMsMax : 0);
    this.startedAtMs = net.now;
    this.firstMsg = net.messagesSent;
    net.trace.engine(net.now, 'informed', origin, -1, { round: 0 });
  }

  timer(agent: number, timer: number): void {
    if (agent !== this.input.origin || this.finished) return;
    if (timer === START_TIMER) this.begin();
    else if (timer === ROUND_TIMER + this.round) this.endRound();
  }

  deliver(to: number, from: number, tag: string, msg: number): void {
    if (msg < this.firstMsg || this.finished) return;
    const { roles, net } = this.input;
    if (roles[to] === RUMOR_SILENT) return;
    if (tag === RUMOR_PULL_TAG) {
      // Answered by what the neighbour knows when the pull arrives; a dropper keeps it to itself.
      if (roles[to] !== RUMOR_HONEST || this.learntAt[to] === NEVER) return;
      this.replies++;
      this.lastCarrierAtMs = net.now;
      net.send(to, from, RUMOR_REPLY_TAG);
    } else if ((tag === RUMOR_PUSH_TAG || tag === RUMOR_REPLY_TAG) && this.learntAt[to] === NEVER) {
      this.learntAt[to] = this.round;
      this.informed++;
      this.fresh++;
      net.trace.engine(net.now, 'informed', to, from, { round: this.round });
    }
  }

  stop(reason: RumorStopReason): void {
    this.finished = true;
    this.stopReason = reason;
  }

  private begin(): void {
    const { net, roles } = this.input;
    for (let i = 0; i < this.n; i++) if (roles[i] !== RUMOR_SILENT && !net.isAlive(i)) this.downAtStart++;
    if (this.allReachableInformed()) this.stop('all-reachable-informed');
    else if (this.maxRounds < 1) this.stop('max-rounds');
    else this.startRound(1);
  }

  private startRound(round: number): void {
    const { net, rng, graph, roles, mode } = this.input;
    this.round = round;
    this.fresh = 0;
    checkLimit('MAX_ROUNDS', MAX_ROUNDS, round);
    // Set before the round's sends: at the boundary the clock runs before same-time deliveries.
    net.setTimer(this.input.origin, this.roundMs, ROUND_TIMER + round);
    const push = mode !== 'pull';
    const pull = mode !== 'push';
    const { offsets, targets } = graph;
    const picked = this.picked;
    for (let i = 0; i < this.n; i++) {
      if (roles[i] === RUMOR_SILENT || !net.isAlive(i)) continue;
      const knows = this.learntAt[i] !== NEVER;
      if (knows ? !push || roles[i] === RUMOR_DROPPER : !pull) continue;
      const base = offsets[i];
      const k = Math.min(this.fanout, offsets[i + 1] - base);
      if (k === 0) continue;
      pickDistinct(rng, offsets[i + 1] - base, k, picked);
      const tag = knows ? RUMOR_PUSH_TAG : RUMOR_PULL_TAG;
      for (let q = 0; q < k; q++) net.send(i, targets[base + picked[q]], tag);
      if (knows) {
        this.pushes += k;
        this.lastCarrierAtMs = net.now;
      } else this.pulls += k;
    }
  }

  private endRound(): void {
    const { net } = this.input;
    const round = this.round;
    const s: RumorRoundStats = {
      round,
      informed: this.informed,
      newlyInformed: this.fresh,
      contacts: this.pushes + this.pulls + this.replies,
    };
    this.informedPerRound.push(this.informed);
    net.trace.engine(net.now, 'roundEnd', -1, -1, { round, informed: s.informed, newlyInformed: s.newlyInformed });
    this.input.onRound?.(s);
    // A quiet round is a stall only once no rumor can still arrive (a reordered reply may be on its way).
    const inFlight = net.now < this.lastCarrierAtMs + this.maxFlightMs;
    if (this.fresh > 0) this.stalled = 0;
    else if (!inFlight) this.stalled++;
    if (this.allReachableInformed()) this.stop('all-reachable-informed');
    else if (round >= this.maxRounds) this.stop('max-rounds');
    else if (this.stalled >= this.stallRounds) this.stop('stalled');
    else this.startRound(round + 1);
  }

  /** Every agent that links could reach and that is up right now knows the rumor. */
  private allReachableInformed(): boolean {
    const { net } = this.input;
    for (const i of this.reachableList) if (this.learntAt[i] === NEVER && net.isAlive(i)) return false;
    return true;
  }

  outcome(): RumorNetworkOutcome {
    return {
      learntAt: this.learntAt,
      informedPerRound: this.informedPerRound,
      rounds: this.round,
      informed: this.informed,
      reachable: this.reachableList.length,
      downAtStart: this.downAtStart,
      pushes: this.pushes,
      pulls: this.pulls,
      replies: this.replies,
      roundMs: this.roundMs,
      startedAtMs: this.startedAtMs,
      endedAtMs: this.input.net.now,
      stopReason: this.stopReason,
    };
  }
}

/**
 * Agents the rumor could reach over links if every message got through: breadth-first
 * from the origin; silent agents are never reached, droppers are reached but spread nothing.
 */
function reachableFrom(origin: number, g: Csr, roles: Uint8Array): Int32Array {
  const seen = new Uint8Array(roles.length);
  const queue = new Int32Array(roles.length);
  let head = 0;
  let tail = 0;
  seen[origin] = 1;
  queue[tail++] = origin;
  while (head < tail) {
    const a = queue[head++];
    if (roles[a] !== RUMOR_HONEST) continue;
    for (let q = g.offsets[a]; q < g.offsets[a + 1]; q++) {
      const b = g.targets[q];
      if (seen[b] === 1 || roles[b] === RUMOR_SILENT) continue;
      seen[b] = 1;
      queue[tail++] = b;
    }
  }
  return queue.slice(0, tail);
}
