import { compare, increment, merge, type VectorClock } from '../clocks/vectorClock';
import { check, checkLimit } from '../core/errors';
import { MAX_CRDT_OPERATIONS, MAX_ROUNDS, MAX_SIM_TIME_MS } from '../core/limits';
import type { Prng } from '../core/prng';
import type { GCounter } from '../crdt/gCounter';
import { isPlainObject, type Json, jsonKey } from '../crdt/json';
import type { LwwStamp } from '../crdt/lww';
import type { PNCounter } from '../crdt/pnCounter';
import { type AnyReplica, createReplica, mergeState } from '../crdt/replica';
import { CRDT_TYPES, type CRDTType } from '../crdt/types';
import type { RunContext } from './context';

/** How replicas talk: full states every time, or deltas with a full state every `ANTI_ENTROPY_EVERY` syncs. */
export type ReplicaSync = 'state' | 'delta';

/** The `replicated-state` run's parameters (the scenario's `run` object, defaults filled in). */
export interface ReplicatedStateParams {
  crdtType: CRDTType;
  /** Local operations across the swarm (a crashed agent's turn is skipped but counted). */
  operations: number;
  /** Each agent's gossip period, simulated ms. */
  syncIntervalMs: number;
  /** Mean gap between one agent's operations, simulated ms. */
  opIntervalMs: number;
  sync: ReplicaSync;
  /** Peers each sync goes to. */
  fanout: number;
  /** Distinct keys (map) or elements (sets) the random operations draw from. */
  keySpace: number;
  /** Chance that an operation removes (pn-counter decrement, or-set remove, map delete). */
  removeProbability: number;
  /** Heal partitions and recover crashed agents before the final flush. */
  healAtEnd: boolean;
  /** Anti-entropy rounds at most in the final flush. */
  maxFlushRounds: number;
}

export const REPLICATED_STATE_DEFAULTS: Omit<ReplicatedStateParams, 'crdtType' | 'operations'> = {
  syncIntervalMs: 100,
  opIntervalMs: 20,
  sync: 'delta',
  fanout: 2,
  keySpace: 8,
  removeProbability: 0.3,
  // The scenario's faults are the user's: a partition that never heals stays. Opt in to heal at the end.
  healAtEnd: false,
  maxFlushRounds: 32,
};

/** In delta mode, every this-many syncs a full state goes out, repairing lost deltas. */
export const ANTI_ENTROPY_EVERY = 5;
/** Largest key space of the random operations. */
export const MAX_KEY_SPACE = 1_000_000;

const FIELDS = new Set(['kind', 'crdtType', 'operations', ...Object.keys(REPLICATED_STATE_DEFAULTS)]);

function intIn(x: unknown, lo: number, hi: number, field: string): number {
  check(typeof x === 'number' && Number.isSafeInteger(x), field, 'must be an integer');
  check(x >= lo && x <= hi, field, `must be between ${lo} and ${hi.toLocaleString('en-US')}`);
  return x;
}

/**
 * Checks a `replicated-state` run object and fills in the defaults. Throws
 * ValidationError naming the field (`run.operations`, …).
 *
 * @example validateReplicatedStateParams({ crdtType: 'counter', operations: 100 }).sync // 'delta'
 */
export function validateReplicatedStateParams(input: unknown): ReplicatedStateParams {
  check(isPlainObject(input), 'run', 'must be an object');
  for (const k of Object.keys(input)) check(FIELDS.has(k), `run.${k}`, 'is not a replicated-state parameter');
  check(input.kind === undefined || input.kind === 'replicated-state', 'run.kind', "must be 'replicated-state'");
  const p = { ...REPLICATED_STATE_DEFAULTS, ...input } as Record<string, unknown>;
  check(CRDT_TYPES.includes(p.crdtType as CRDTType), 'run.crdtType', `must be one of ${CRDT_TYPES.join(', ')}`);
  check(p.sync === 'state' || p.sync === 'delta', 'run.sync', "must be 'state' or 'delta'");
  check(typeof p.healAtEnd === 'boolean', 'run.healAtEnd', 'must be true or false');
  const removeProbability = p.removeProbability;
  check(
    typeof removeProbability === 'number' && removeProbability >= 0 && removeProbability <= 1,
    'run.removeProbability',
    'must be a number between 0 and 1',
  );
  return {
    crdtType: p.crdtType as CRDTType,
    operations: intIn(p.operations, 0, MAX_CRDT_OPERATIONS, 'run.operations'),
    syncIntervalMs: intIn(p.syncIntervalMs, 1, MAX_SIM_TIME_MS, 'run.syncIntervalMs'),
    opIntervalMs: intIn(p.opIntervalMs, 1, MAX_SIM_TIME_MS, 'run.opIntervalMs'),
    sync: p.sync as ReplicaSync,
    fanout: intIn(p.fanout, 1, 100_000, 'run.fanout'),
    keySpace: intIn(p.keySpace, 1, MAX_KEY_SPACE, 'run.keySpace'),
    removeProbability,
    healAtEnd: p.healAtEnd as boolean,
    maxFlushRounds: intIn(p.maxFlushRounds, 1, MAX_ROUNDS, 'run.maxFlushRounds'),
  };
}

export interface ReplicaSummary {
  agentId: string;
  value: Json;
  clock: VectorClock;
}

export interface ReplicatedStateSummary {
  kind: 'replicated-state';
  crdtType: CRDTType;
  agents: number;
  operations: number;
  skippedOperations: number;
  messages: number;
  merges: number;
  /** Merges that changed the receiver's state. */
  effectiveMerges: number;
  /**
   * Counters (counter, pn-counter): the exact sum of every write that was applied
   * (increments minus decrements), what a converged counter must equal; null for the other types.
   */
  writtenTotal: number | null;
  /**
   * Counters: what the duplicate deliveries would have added again to a counter that sums every
   * incoming update (each copy re-adding what its first copy added); the CRDT's join adds nothing.
   * null for the other types.
   */
  recountedByDuplicates: number | null;
  /** Merges whose incoming clock was concurrent with the receiver's: concurrent writes, detected by vector clocks. */
  concurrentMerges: number;
  /** Copies of a message delivered again (network duplication); CRDT merges absorb them. */
  duplicateDeliveries: number;
  flushRounds: number;
  healedAtEnd: boolean;
  stopped: boolean;
  converged: boolean;
  /** The common value when converged, else null. */
  value: Json | null;
  replicas: ReplicaSummary[];
  endMs: number;
}

/** What a sync message carries: the sender's vector clock and a CRDT state or delta. */
export interface ReplicaMessage {
  clock: VectorClock;
  state: unknown;
}

const OP_TIMER = 0;
const SYNC_TIMER = 1;
const FLUSH_TIMER = 2;

/** One random local operation for a replica of `type` (drawn from `rng`), stamped with the simulated time. */
export function randomOp(replica: AnyReplica, rng: Prng, params: ReplicatedStateParams, nowMs: number): unknown {
  const remove = rng.chance(params.removeProbability);
  const key = `key-${rng.int(params.keySpace)}`;
  const item = `item-${rng.int(params.keySpace)}`;
  switch (replica.type) {
    case 'counter':
      return { type: 'increment', amount: rng.range(1, 5) };
    case 'pn-counter':
      return { type: remove ? 'decrement' : 'increment', amount: rng.range(1, 5) };
    case 'set':
      return { type: 'add', element: item };
    case 'or-set': {
      const present = replica.value();
      return remove && present.length > 0
        ? { type: 'remove', element: rng.pick(present) }
        : { type: 'add', element: item };
    }
    case 'map':
      return remove
        ? { type: 'delete', key, timestamp: nowMs }
        : { type: 'set', key, value: rng.int(1000), timestamp: nowMs };
    case 'register':
      return { type: 'set', value: rng.int(1000), timestamp: nowMs };
  }
}

/** What merging a counter `state` (a received state or delta) would add to `replica`'s value. */
function counterGain(replica: GCounter | PNCounter, state: unknown): number {
  const gained = (counts: unknown, mine: (agent: string) => number) => {
    if (!isPlainObject(counts)) return 0;
    let sum = 0;
    for (const k of Object.keys(counts)) {
      const v = counts[k];
      if (typeof v === 'number' && v > mine(k)) sum += v - mine(k);
    }
    return sum;
  };
  const s = (isPlainObject(state) ? state : {}) as Record<string, unknown>;
  if (replica.type === 'counter') return gained(s.counts, (k) => replica.countOf(k));
  return gained(s.p, (k) => replica.countsOf(k).increments) - gained(s.n, (k) => replica.countsOf(k).decrements);
}

/**
 * The LWW stamp a map or register write got (timestamp, the cell's version, the writer), so a
 * reader of the trace can tell which write of a key is the latest; undefined for the other types.
 */
function writeStamp(replica: AnyReplica, key: string | undefined): LwwStamp | undefined {
  if (replica.type === 'map' && key !== undefined) return replica.stampOf(key);
  if (replica.type === 'register') return replica.stamp();
  return undefined;
}

/**
 * The `replicated-state` run: every agent holds a CRDT replica, applies random
 * local operations and gossips states (or deltas) to `fanout` neighbours over
 * the simulated network, with its loss, duplication, reordering and faults.
 * When the event queue drains (every scheduled fault has happened), the network
 * is healed (only when `healAtEnd` asks for it) and an anti-entropy flush runs until
 * all replicas are equal or `maxFlushRounds` pass. Engine events: `localWrite`
 * (the op, the replica's value, and for maps and registers the write's LWW
 * stamp), `merge`, `converged`; each detail carries the agent's vector clock then.
 *
 * @example
 * const summary = runReplicatedState(ctx, validateReplicatedStateParams({ crdtType: 'or-set', operations: 200 }));
 * summary.converged // true
 */
export function runReplicatedState(ctx: RunContext, params: ReplicatedStateParams): ReplicatedStateSummary {
  return new ReplicatedStateRun(ctx, params).run();
}

class ReplicatedStateRun {
  private readonly n: number;
  private readonly ids: string[];
  private readonly replicas: AnyReplica[];
  private readonly clocks: VectorClock[];
  private readonly syncs: Uint32Array;
  private readonly forwardPending: Uint8Array;
  private opsFired = 0;
  private skipped = 0;
  private merges = 0;
  private effective = 0;
  private concurrent = 0;
  private duplicates = 0;
  private writtenTotal = 0;
  /** Counters: per message id, what its first copy added to the receiver's value (when not 0). */
  private readonly firstGain = new Map<number, number>();
  private recounted = 0;
  /** Message ids each agent has merged, to count duplicate deliveries. */
  private readonly seen = new Set<number>();
  private flushing = false;
  private stopped = false;

  constructor(
    private readonly ctx: RunContext,
    private readonly params: ReplicatedStateParams,
  ) {
    this.n = ctx.coordinator.size;
    check(this.n > 0, 'agents', 'a replicated-state run needs at least one agent');
    checkLimit('MAX_CRDT_OPERATIONS', MAX_CRDT_OPERATIONS, params.operations);
    this.ids = ctx.coordinator.agents.map((a) => a.id);
    this.replicas = this.ids.map((id) => createReplica(params.crdtType, id));
    this.clocks = this.ids.map(() => ({}));
    this.syncs = new Uint32Array(this.n);
    this.forwardPending = new Uint8Array(this.n);
  }

  run(): ReplicatedStateSummary {
    const { network: net, rng } = this.ctx;
    net.handlers = {
      deliver: (to, from, tag, payload, msg) => {
        // A message goes to one receiver, so its id alone tells a duplicate copy.
        const again = this.seen.has(msg);
        if (again) this.duplicates++;
        else this.seen.add(msg);
        this.countGain(to, msg, again, (payload as ReplicaMessage).state);
        this.deliver(to, from, tag, payload as ReplicaMessage);
      },
      timer: (agent, timer) => this.timer(agent, timer),
    };
    if (this.params.operations > 0)
      for (let i = 0; i < this.n; i++) {
        net.setTimer(i, rng.range(1, 2 * this.params.opIntervalMs), OP_TIMER);
        net.setTimer(i, rng.range(1, this.params.syncIntervalMs), SYNC_TIMER);
      }
    this.drain();
    const healed = !this.stopped && this.params.healAtEnd;
    if (healed) this.healEverything();
    const flushRounds = this.stopped ? 0 : this.flush();
    return this.summary(flushRounds, healed);
  }

  /** Runs the network until its queue is empty or the caller asks to stop. */
  private drain(): void {
    const { network: net, shouldStop } = this.ctx;
    while (net.step()) {
      if (shouldStop?.()) {
        this.stopped = true;
        return;
      }
    }
  }

  private healEverything(): void {
    const net = this.ctx.network;
    net.heal();
    for (let i = 0; i < this.n; i++) net.recover(i);
  }

  private timer(agent: number, timer: number): void {
    if (timer === OP_TIMER) this.operate(agent);
    else if (timer === SYNC_TIMER) this.sync(agent);
    else {
      this.forwardPending[agent] = 0;
      this.sendState(agent, -1);
    }
  }

  private operate(agent: number): void {
    const { network: net, rng, trace } = this.ctx;
    if (this.opsFired >= this.params.operations) return;
    this.opsFired++;
    if (this.opsFired < this.params.operations)
      net.setTimer(agent, rng.range(1, 2 * this.params.opIntervalMs), OP_TIMER);
    this.ctx.onProgress?.((0.9 * this.opsFired) / this.params.operations);
    if (!net.isAlive(agent)) {
      this.skipped++;
      return;
    }
    const replica = this.replicas[agent];
    const op = randomOp(replica, rng, this.params, net.now) as { type: string; amount?: number; key?: string };
    (replica.apply as (op: unknown) => void).call(replica, op);
    if (op.amount !== undefined) this.writtenTotal += op.type === 'decrement' ? -op.amount : op.amount;
    this.tick(agent);
    const stamp = writeStamp(replica, op.key);
    const detail = { clock: this.clocks[agent], op, value: replica.value(), ...(stamp ? { stamp } : {}) };
    trace.engine(net.now, 'localWrite', agent, -1, detail);
  }

  private tick(agent: number): void {
    this.clocks[agent] = increment(this.clocks[agent], this.ids[agent]);
  }

  /** Gossip: a delta (or every ANTI_ENTROPY_EVERY-th time the full state) to `fanout` random peers. */
  private sync(agent: number): void {
    const { network: net, rng } = this.ctx;
    if (this.opsFired < this.params.operations) net.setTimer(agent, this.params.syncIntervalMs, SYNC_TIMER);
    if (!net.isAlive(agent)) return;
    const replica = this.replicas[agent];
    const full = this.params.sync === 'state' || this.syncs[agent]++ % ANTI_ENTROPY_EVERY === ANTI_ENTROPY_EVERY - 1;
    const state = full ? replica.state() : replica.takeDelta();
    if (state === undefined) return;
    const peers = this.peers(agent);
    if (peers.length === 0) return;
    this.tick(agent);
    const message: ReplicaMessage = { clock: this.clocks[agent], state };
    for (const k of rng.sample(peers.length, this.params.fanout))
      net.send(agent, peers[k], full ? 'state' : 'delta', message);
  }

  /** Neighbours in the topology: replicas gossip along the links the user drew, and only those. */
  private peers(agent: number): readonly number[] {
    return this.ctx.coordinator.neighbourIndices(agent);
  }

  /**
   * Counters: what the copy adds to the receiver's value (before it is merged). A duplicate copy
   * adds nothing to a G-Counter; a counter that summed every incoming update would add again what
   * the first copy added, and `recounted` keeps that.
   */
  private countGain(to: number, msg: number, again: boolean, state: unknown): void {
    const replica = this.replicas[to];
    if (replica.type !== 'counter' && replica.type !== 'pn-counter') return;
    if (again) {
      this.recounted += this.firstGain.get(msg) ?? 0;
      return;
    }
    const gain = counterGain(replica, state);
    if (gain !== 0) this.firstGain.set(msg, gain);
  }

  private deliver(to: number, from: number, tag: string, message: ReplicaMessage): void {
    const { network: net, trace } = this.ctx;
    const changed = mergeState(this.replicas[to], message.state, this.params.sync === 'delta' && !this.flushing);
    if (compare(this.clocks[to], message.clock) === 'concurrent') this.concurrent++;
    this.clocks[to] = increment(merge(this.clocks[to], message.clock), this.ids[to]);
    this.merges++;
    if (changed) this.effective++;
    trace.engine(net.now, 'merge', to, from, { clock: this.clocks[to], tag, changed });
    // During the flush a change is pushed on, so one round reaches the whole swarm; changes arriving
    // within one maximum latency are coalesced into a single send (a mesh would otherwise cost n³ messages).
    if (this.flushing && changed && this.forwardPending[to] === 0) {
      this.forwardPending[to] = 1;
      net.setTimer(to, net.config.latencyMsMax + 1, FLUSH_TIMER);
    }
  }

  private sendState(agent: number, except: number): void {
    const net = this.ctx.network;
    if (!net.isAlive(agent)) return;
    this.tick(agent);
    const message: ReplicaMessage = { clock: this.clocks[agent], state: this.replicas[agent].state() };
    for (const to of this.peers(agent)) if (to !== except) net.send(agent, to, 'flush', message);
  }

  /** Anti-entropy rounds: every live agent sends its state to its peers, until all replicas agree. */
  private flush(): number {
    this.flushing = true;
    let rounds = 0;
    while (!this.allEqual() && rounds < this.params.maxFlushRounds && !this.stopped) {
      rounds++;
      for (let i = 0; i < this.n; i++) this.sendState(i, -1);
      this.drain();
    }
    this.ctx.onProgress?.(1);
    return rounds;
  }

  private allEqual(): boolean {
    const first = jsonKey(this.replicas[0].state());
    for (let i = 1; i < this.n; i++) if (jsonKey(this.replicas[i].state()) !== first) return false;
    return true;
  }

  private summary(flushRounds: number, healedAtEnd: boolean): ReplicatedStateSummary {
    const { network: net, trace } = this.ctx;
    const counting = this.params.crdtType === 'counter' || this.params.crdtType === 'pn-counter';
    const converged = !this.stopped && this.allEqual();
    const replicas = this.replicas.map((r, i) => ({ agentId: this.ids[i], value: r.value(), clock: this.clocks[i] }));
    if (converged)
      for (let i = 0; i < this.n; i++)
        trace.engine(net.now, 'converged', i, -1, { clock: this.clocks[i], value: replicas[i].value });
    return {
      kind: 'replicated-state',
      crdtType: this.params.crdtType,
      agents: this.n,
      operations: this.opsFired - this.skipped,
      skippedOperations: this.skipped,
      messages: net.messagesSent,
      merges: this.merges,
      effectiveMerges: this.effective,
      concurrentMerges: this.concurrent,
      duplicateDeliveries: this.duplicates,
      writtenTotal: counting ? this.writtenTotal : null,
      recountedByDuplicates: counting ? this.recounted : null,
      flushRounds,
      healedAtEnd,
      stopped: this.stopped,
      converged,
      value: converged ? replicas[0].value : null,
      replicas,
      endMs: net.now,
    };
  }
}
