import { check } from '../core/errors';
import type { Prng } from '../core/prng';
import type { Network } from '../network/network';
import {
  checkOralM,
  defaultOralM,
  judgeOrders,
  majority,
  OM_DEFAULT_ORDER,
  type Order,
  type OrdersVerdict,
  oralMessageCount,
  strategyOf,
  type TraitorChoice,
  type TraitorStrategy,
} from './oralMessages';

/** Message tags of OM(m) on the network: the commander's order (round 0), then the relays. */
export const OM_ORDER_TAG = 'om-order';
export const OM_RELAY_TAG = 'om-relay';

/** The payload of an OM message: `path` is the relay chain (network addresses, commander first, sender last). */
export interface OralMessagePayload {
  proposalId: string;
  round: number;
  path: number[];
  value: Order;
}

export interface OralMessagesNetworkInput {
  net: Network;
  proposalId: string;
  /** Network addresses of the generals, the commander first; indices into this list are general numbers. */
  generals: readonly number[];
  /** Rounds of relaying; default ⌊(n − 1) / 3⌋, at most n − 2. */
  m?: number;
  /** General numbers (indices into `generals`) of the traitors; 0 is the commander. */
  traitors?: readonly number[];
  /** The commander's order. Default 'attack'. */
  commanderOrder?: Order;
  /** As in `OralMessages`: 'flip' (default), 'split', 'random' (needs `rng`) or a function. */
  traitorStrategy?: TraitorStrategy;
  /** The run's PRNG, for the 'random' strategy: drawn once per traitor message, in send order. */
  rng?: Prng;
  /** Length of a relay round in simulated ms. Default `defaultOralRoundMs(net)`. */
  roundMs?: number;
  /** Simulated time at which round 0 starts (≥ `net.now`). Default `net.now`. */
  startAtMs?: number;
}

export interface OralMessagesNetworkOutcome extends OrdersVerdict {
  generals: number;
  m: number;
  traitors: number[];
  commanderOrder: Order;
  /** The order each loyal lieutenant alive at the end obeys, by general number. */
  decisions: Record<number, Order>;
  /** Loyal lieutenants crashed at the end: they decide nothing and are left out of IC1/IC2. */
  crashed: number[];
  /** 'approved' iff a strict majority of the deciding loyal lieutenants obeys 'attack' (none: the loyal commander's order). */
  decision: 'approved' | 'rejected';
  /** Messages sent (equals M(n, m) when no general is crashed). */
  messages: number;
  /** M(n, m), what the classic algorithm sends. */
  expectedMessages: number;
  /** Messages counted in their round. */
  delivered: number;
  /** Expected receipts that had not arrived at their round's end, counted as 'retreat'. */
  missing: number;
  /** Messages that arrived after their round ended (ignored; already counted as missing). */
  late: number;
  /** Second copies of a message already counted (ignored). */
  duplicates: number;
  roundMs: number;
  startedAtMs: number;
  endedAtMs: number;
}

/**
 * A relay is one trip, so a round must cover the longest flight the network can
 * produce: `latencyMsMax`, plus up to `latencyMsMax` more when reordering is on
 * (the network delays a reordered message by up to that much). One ms more puts
 * the round boundary strictly after the latest arrival, so on a network without
 * loss, partitions or crashes every message counts in its round.
 */
export function defaultOralRoundMs(net: Network): number {
  const { latencyMsMax, reorderProbability } = net.config;
  return (reorderProbability > 0 ? 2 : 1) * latencyMsMax + 1;
}

/** Timer ids of the round clock (on the commander): the start, then the end of round r is ROUND_TIMER + r. */
const START_TIMER = 0x0a1000;
const ROUND_TIMER = START_TIMER + 1;

const keyOf = (path: readonly number[]) => path.join(',');

/**
 * Lamport, Shostak and Pease's OM(m) as real messages on the simulated network,
 * in m + 1 synchronous rounds of `roundMs` (a network timer on the commander).
 * Round 0: the commander sends its order to every lieutenant (`om-order`).
 * Round r ≥ 1: every live lieutenant relays each value it holds from round r − 1,
 * with path p, to every lieutenant not on p (`om-relay`, path p + [itself]) — the
 * OM(m − r) sub-instances all at once. Traitors choose each value they send by the
 * strategy (so a traitor may tell different recipients different things); the
 * 'random' strategy draws in send order. At a round's end, every message of that
 * round that has not arrived (loss, partition, crash, lateness) counts as
 * 'retreat', as in the classic algorithm, and is relayed as such. After round m
 * each live loyal lieutenant decides by the recursive majority of `OralMessages`
 * over what it received. Traces `roundEnd` at each boundary, then the overall
 * `decided` (commander) and one `decided` per deciding lieutenant; the network
 * traces every message.
 * @example
 * runOralMessagesOnNetwork({ net, proposalId: 'p', generals: [0, 1, 2, 3], traitors: [2] }).agreement // true
 */
export function runOralMessagesOnNetwork(input: OralMessagesNetworkInput): OralMessagesNetworkOutcome {
  const { net } = input;
  const n = input.generals.length;
  check(n >= 1, 'generals', 'must name at least the commander');
  check(new Set(input.generals).size === n, 'generals', 'must not name the same address twice');
  for (const g of input.generals)
    check(Number.isInteger(g) && g >= 0 && g < net.agentCount, 'generals', 'must be network addresses');
  const m = input.m ?? defaultOralM(n);
  checkOralM(m, n, 'm');
  for (const t of input.traitors ?? [])
    check(Number.isInteger(t) && t >= 0 && t < n, 'traitors', `must be general indices in [0, ${n})`);
  const roundMs = input.roundMs ?? defaultOralRoundMs(net);
  check(Number.isInteger(roundMs) && roundMs >= 1, 'roundMs', 'must be a whole number of ms ≥ 1');
  const startAt = input.startAtMs ?? net.now;
  check(startAt >= net.now, 'startAtMs', 'must not be in the past');
  const run = new OralRun(input, n, m, roundMs);
  const previous = net.handlers;
  net.handlers = {
    deliver: (to, from, tag, payload, msg) => run.deliver(to, from, tag, payload, msg),
    timer: (agent, timer) => run.timer(agent, timer),
  };
  try {
    net.setTimer(input.generals[0], startAt - net.now, START_TIMER);
    while (!run.finished && net.step()) {}
  } finally {
    net.handlers = previous;
  }
  return run.outcome(startAt);
}

/** One OM(m) run's state; the network's handlers call into it. */
class OralRun {
  finished = false;
  private round = -1;
  private readonly traitors: ReadonlySet<number>;
  private readonly commanderOrder: Order;
  private readonly choose: TraitorChoice;
  /** General number by network address (−1: not a general). */
  private readonly position: Int32Array;
  /** What each general received, by path key (index 0, the commander, stays empty). */
  private readonly got: Map<string, Order>[];
  /** Every relay path of round r (general numbers, commander first, r lieutenants after it). */
  private readonly paths: number[][][] = [];
  private readonly firstMsg: number;
  private messages = 0;
  private delivered = 0;
  private missing = 0;
  private late = 0;
  private duplicates = 0;
  private result?: Omit<OralMessagesNetworkOutcome, 'startedAtMs' | 'endedAtMs'>;

  constructor(
    private readonly input: OralMessagesNetworkInput,
    private readonly n: number,
    private readonly m: number,
    private readonly roundMs: number,
  ) {
    this.traitors = new Set(input.traitors ?? []);
    this.commanderOrder = input.commanderOrder ?? 'attack';
    this.choose = strategyOf(input.traitorStrategy ?? 'flip', input.rng);
    this.position = new Int32Array(input.net.agentCount).fill(-1);
    input.generals.forEach((a, i) => {
      this.position[a] = i;
    });
    this.got = Array.from({ length: n }, () => new Map<string, Order>());
    this.firstMsg = input.net.messagesSent;
  }

  timer(agent: number, timer: number): void {
    if (agent !== this.input.generals[0] || this.finished) return;
    if (timer === START_TIMER && this.round < 0) this.startRound(0);
    else if (timer === ROUND_TIMER + this.round) this.endRound();
  }

  deliver(to: number, from: number, tag: string, payload: unknown, msg: number): void {
    if (msg < this.firstMsg || this.finished || (tag !== OM_ORDER_TAG && tag !== OM_RELAY_TAG)) return;
    const p = payload as Partial<OralMessagePayload> | undefined;
    if (p?.proposalId !== this.input.proposalId || typeof p.round !== 'number' || !Array.isArray(p.path)) return;
    const j = this.position[to];
    if (j <= 0 || this.position[from] < 0) return;
    if (p.round !== this.round) {
      this.late++;
      return;
    }
    // A well-formed path: round + 1 distinct generals, the commander first, the sender last, not the receiver.
    const path = p.path.map((a) => (Number.isInteger(a) && a >= 0 && a < this.position.length ? this.position[a] : -1));
    if (path.length !== p.round + 1 || path[0] !== 0 || path[path.length - 1] !== this.position[from]) return;
    if (path.includes(-1) || path.includes(j) || new Set(path).size !== path.length) return;
    const key = keyOf(path);
    if (this.got[j].has(key)) {
      this.duplicates++;
      return;
    }
    this.got[j].set(key, p.value === 'attack' ? 'attack' : 'retreat');
    this.delivered++;
  }

  /** Lieutenants not on `path`, in general order. */
  private outside(path: readonly number[]): number[] {
    const out: number[] = [];
    for (let g = 1; g < this.n; g++) if (!path.includes(g)) out.push(g);
    return out;
  }

  private send(path: number[], to: number, honest: Order): void {
    const { net, generals, proposalId } = this.input;
    const from = path[path.length - 1];
    const value = this.traitors.has(from) ? this.choose({ path, to, honest }) : honest;
    const payload: OralMessagePayload = { proposalId, round: this.round, path: path.map((g) => generals[g]), value };
    this.messages++;
    net.send(generals[from], generals[to], this.round === 0 ? OM_ORDER_TAG : OM_RELAY_TAG, payload);
  }

  private startRound(round: number): void {
    const { net, generals } = this.input;
    this.round = round;
    // Set before the sends, so that at the boundary the clock runs before same-time deliveries.
    net.setTimer(generals[0], this.roundMs, ROUND_TIMER + round);
    if (round === 0) {
      this.paths.push([[0]]);
      if (net.isAlive(generals[0])) for (let l = 1; l < this.n; l++) this.send([0], l, this.commanderOrder);
      return;
    }
    const before = this.paths[round - 1];
    const next: number[][] = [];
    for (const p of before) for (const i of this.outside(p)) next.push([...p, i]);
    this.paths.push(next);
    // Sender by sender: each relays every value it holds from the last round to the lieutenants not on its path.
    for (let i = 1; i < this.n; i++) {
      if (!net.isAlive(generals[i])) continue;
      for (const p of before) {
        if (p.includes(i)) continue;
        const honest = this.got[i].get(keyOf(p)) ?? OM_DEFAULT_ORDER;
        const path = [...p, i];
        for (const j of this.outside(path)) this.send(path, j, honest);
      }
    }
  }

  private endRound(): void {
    const { net, generals, proposalId } = this.input;
    const round = this.round;
    const before = this.missing;
    // What did not arrive in time counts as the default order (and is relayed as such).
    for (const path of this.paths[round]) {
      const key = keyOf(path);
      for (const j of this.outside(path)) {
        if (!this.got[j].has(key)) {
          this.got[j].set(key, OM_DEFAULT_ORDER);
          this.missing++;
        }
      }
    }
    net.trace.engine(net.now, 'roundEnd', generals[0], -1, { proposalId, round, missing: this.missing - before });
    if (round < this.m) this.startRound(round + 1);
    else this.decide();
  }

  /** The recursive majority of `OralMessages`, evaluated by lieutenant `j` over what it received. */
  private evaluate(j: number, path: number[], k: number): Order {
    const own = this.got[j].get(keyOf(path)) ?? OM_DEFAULT_ORDER;
    if (k === 0) return own;
    const values = [own];
    for (const i of this.outside(path)) if (i !== j) values.push(this.evaluate(j, [...path, i], k - 1));
    return majority(values);
  }

  private decide(): void {
    const { net, generals, proposalId } = this.input;
    const decisions: Record<number, Order> = {};
    const loyal: number[] = [];
    const crashed: number[] = [];
    for (let j = 1; j < this.n; j++) {
      if (this.traitors.has(j)) continue;
      if (!net.isAlive(generals[j])) crashed.push(j);
      else {
        loyal.push(j);
        decisions[j] = this.evaluate(j, [0], this.m);
      }
    }
    const commanderLoyal = !this.traitors.has(0);
    const attack = loyal.filter((g) => decisions[g] === 'attack').length;
    const decision =
      loyal.length > 0
        ? 2 * attack > loyal.length
          ? 'approved'
          : 'rejected'
        : commanderLoyal && this.commanderOrder === 'attack'
          ? 'approved'
          : 'rejected';
    this.result = {
      generals: this.n,
      m: this.m,
      traitors: [...this.traitors].sort((a, b) => a - b),
      commanderOrder: this.commanderOrder,
      decisions,
      crashed,
      ...judgeOrders(decisions, commanderLoyal, this.commanderOrder),
      decision,
      messages: this.messages,
      expectedMessages: oralMessageCount(this.n, this.m),
      delivered: this.delivered,
      missing: this.missing,
      late: this.late,
      duplicates: this.duplicates,
      roundMs: this.roundMs,
    };
    // The overall decision first: the player takes a proposal's first `decided` event as its decision.
    net.trace.engine(net.now, 'decided', generals[0], -1, { proposalId, decision });
    for (const j of loyal) {
      const order = decisions[j];
      net.trace.engine(net.now, 'decided', generals[j], -1, {
        proposalId,
        decision: order === 'attack' ? 'approved' : 'rejected',
        order,
      });
    }
    this.finished = true;
  }

  outcome(startedAtMs: number): OralMessagesNetworkOutcome {
    check(this.result !== undefined, 'oral messages', 'the run ended before its last round (the network stopped)');
    return { ...this.result, startedAtMs, endedAtMs: this.input.net.now };
  }
}
