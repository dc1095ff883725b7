import { compare, increment, merge, type VectorClock } from '../clocks/vectorClock';
import type { ConflictResolver } from '../conflict/conflictResolver';
import { detectCrdtType } from '../conflict/crdtType';
import { createStateVersion, type StateMetadata, type StateVersion } from '../conflict/stateVersion';
import { check, ValidationError } from '../core/errors';
import { canonicalJson, Hasher } from '../core/hash';
import { Prng } from '../core/prng';
import type { SwarmCoordinator } from '../core/swarmCoordinator';
import { utf8Bytes } from '../memory/jsonValue';
import { checkName, type MemoryProvider } from '../memory/memoryProvider';
import type { Network } from '../network/network';
import type { FixedTag } from '../trace/messageTags';
import type { Trace } from '../trace/trace';
import { crdtWrite } from './crdtWrite';
import { clockOf, contentKey, lean, ReplicaSet, sameContent } from './replica';
import { StoredSwarm } from './storedState';
import {
  type AntiEntropyReport,
  COST_BUCKETS,
  type CostBucket,
  type MissedAgent,
  type MissReason,
  type ModeReport,
  type SyncCost,
  type SyncMode,
  type SyncReport,
} from './syncTypes';

export interface StateSynchronizerOptions {
  /** How long each phase of a sync waits for answers, in simulated ms (> 0). */
  defaultTimeoutMs?: number;
  /** The agent id that runs the synchroniser (default: the first agent). */
  coordinatorAgent?: string;
  /** Period of the background anti-entropy gossip; off when absent. */
  antiEntropyIntervalMs?: number;
  /** Draws the anti-entropy peers (use the run's PRNG). */
  rng?: Prng;
}

/** The operation in progress; handlers read it to know what an answer belongs to. */
type Op =
  | {
      kind: 'collect';
      id: number;
      phase: 'collect' | 'ack';
      responses: Map<number, StateVersion | null>;
      acks: Set<number>;
    }
  | { kind: 'mode'; id: number; mode: SyncMode; expected: Set<number>; done: Set<number>; versionsSent: number }
  | { kind: 'idle'; id: number };

type DigestEntry = { c: VectorClock; h: string };
const AE_TIMER = 1;

/**
 * The seed's `StateSynchronizer`, run message by message on the simulated
 * network. Every agent keeps its own replica of each state key (StateVersions
 * with vector clocks); the synchroniser runs on one agent, the coordinator.
 *
 * Time: the network is simulated, so each call *runs the simulation* — it sends
 * its messages, then steps the network until the exchange completes or its
 * simulated deadline passes — and returns when that is done. Seed-style calls
 * therefore read as sequential code: `await s.synchronizeState('swarm-001', 'counter')`.
 * The swarm-wide modes (`fullSync`, `deltaSyncAgents`, `versionQuery`) and
 * `antiEntropy` only touch the network and are synchronous; the methods that
 * store or read the memory provider are async because it is. Each phase of a call
 * waits at most `timeoutMs`, so `synchronizeState` takes at most 2 × timeoutMs.
 *
 * @example
 * const s = new StateSynchronizer(swarm, new InMemoryProvider(), new ConflictResolver({ strategy: 'crdt' }));
 * s.write('agent-2', 'swarm-001', 'tags', ['a']);
 * s.write('agent-3', 'swarm-001', 'tags', ['b']);
 * await s.synchronizeState('swarm-001', 'tags'); // true
 * (await s.getState('swarm-001', 'tags'))?.value; // ['a', 'b']
 */
export class StateSynchronizer {
  readonly defaultTimeoutMs: number;
  readonly coordinatorIndex: number;
  private readonly net: Network;
  private readonly trace: Trace;
  private readonly rng: Prng;
  private readonly replicas: ReplicaSet;
  private readonly stored = new Map<string, StoredSwarm>();
  private readonly costs = new Map<CostBucket, SyncCost>(COST_BUCKETS.map((b) => [b, { messages: 0, bytes: 0 }]));
  private op: Op = { kind: 'idle', id: 0 };
  private readonly antiEntropyMs: number | undefined;

  constructor(
    readonly coordinator: SwarmCoordinator,
    readonly memory: MemoryProvider,
    readonly conflictResolver: ConflictResolver,
    options: StateSynchronizerOptions = {},
  ) {
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 10_000;
    checkTimeout(this.defaultTimeoutMs, 'defaultTimeoutMs');
    if (!coordinator.network) throw new ValidationError('network', 'attach a network to the swarm first');
    this.net = coordinator.network;
    this.trace = this.net.trace;
    this.rng = options.rng ?? new Prng(1);
    this.coordinatorIndex = options.coordinatorAgent === undefined ? 0 : coordinator.index(options.coordinatorAgent);
    check(coordinator.size >= 1, 'topology.agentCount', 'must be ≥ 1');
    this.replicas = new ReplicaSet(coordinator.size);
    this.antiEntropyMs = options.antiEntropyIntervalMs;
    this.net.handlers = {
      deliver: (to, from, tag, p) => this.deliver(to, from, tag, p),
      timer: (a) => this.onTimer(a),
    };
    if (this.antiEntropyMs !== undefined) {
      checkTimeout(this.antiEntropyMs, 'antiEntropyIntervalMs');
      for (let i = 0; i < coordinator.size; i++) this.net.setTimer(i, 1 + (i % this.antiEntropyMs), AE_TIMER);
    }
  }

  // ---------------------------------------------------------------- local state

  /**
   * A local write at `agent`: its replica of `stateKey` gets `value`, the next
   * local version, the current simulated time and its clock ticked. With the
   * crdt strategy the write is applied to the replica's CRDT state (see
   * `crdtWrite`: a counter's value is the agent's own count, a map's the keys
   * it sets), so what the agent merged before is kept, and the version's value
   * is read from the new state.
   * @example s.write('agent-2', 'swarm-001', 'config', { retries: 3 })
   */
  write(agent: string | number, swarmId: string, stateKey: string, value: unknown, metadata: StateMetadata = {}) {
    const i = typeof agent === 'number' ? agent : this.coordinator.index(agent);
    check(i >= 0 && i < this.coordinator.size, 'agent', 'must be an agent of the swarm');
    check(this.net.isAlive(i), 'agent', `${this.idOf(i)} is crashed and cannot write`);
    checkName(swarmId, 'namespace');
    const old = this.replicas.get(i, swarmId, stateKey);
    const clock = increment(old ? clockOf(old) : {}, this.idOf(i));
    const crdt = this.conflictResolver.strategy === 'crdt';
    const crdtType = metadata.crdtType ?? old?.metadata.crdtType ?? (crdt ? detectCrdtType(value) : undefined);
    const written =
      crdt && crdtType
        ? crdtWrite(old, { agentId: this.idOf(i), crdtType, value, timestampMs: this.net.now })
        : { value, crdtState: undefined };
    const v = createStateVersion({
      stateKey,
      value: written.value,
      version: (old?.version ?? 0) + 1,
      timestamp: this.net.now,
      agentId: this.idOf(i),
      metadata: {
        ...metadata,
        ...(crdtType ? { crdtType } : {}),
        ...(written.crdtState ? { crdtState: written.crdtState } : {}),
        vectorClock: clock,
      },
    });
    this.replicas.swarm(i, swarmId).states.set(stateKey, lean(v));
    this.trace.engine(this.net.now, 'localWrite', i, -1, { swarmId, stateKey, version: v.version, clock });
    return lean(v);
  }

  /**
   * A change made at the coordinator and stored at once (no messages): the next
   * swarm version. Agents learn of it through any of the sync modes.
   */
  async commit(swarmId: string, stateKey: string, value: unknown, metadata: StateMetadata = {}): Promise<StateVersion> {
    const local = this.write(this.coordinatorIndex, swarmId, stateKey, value, metadata);
    const stored = this.stamp(swarmId, local);
    await this.memory.store(swarmId, stateKey, stored);
    return stored;
  }

  /** Agent `agent`'s current replica of a key (undefined when it holds none). */
  replicaOf(agent: string | number, swarmId: string, stateKey: string): StateVersion | undefined {
    const i = typeof agent === 'number' ? agent : this.coordinator.index(agent);
    return this.replicas.get(i, swarmId, stateKey);
  }

  /** Every key agent `agent` holds for the swarm, sorted. */
  replicaKeys(agent: number, swarmId: string): string[] {
    return [...this.replicas.swarm(agent, swarmId).states.keys()].sort();
  }

  /** The swarm version up to which `agent` has applied every stored change. */
  appliedVersion(agent: number, swarmId: string): number {
    return this.replicas.swarm(agent, swarmId).appliedVersion;
  }

  /** Messages and bytes sent so far, per bucket or in total. */
  cost(bucket?: CostBucket): SyncCost {
    if (bucket) return { ...(this.costs.get(bucket) as SyncCost) };
    let messages = 0;
    let bytes = 0;
    for (const c of this.costs.values()) {
      messages += c.messages;
      bytes += c.bytes;
    }
    return { messages, bytes };
  }

  // ---------------------------------------------------------------- the seed's API

  /**
   * The seed's six steps for one key: broadcast `state_request`; collect the
   * agents' versions until every agent answered or `timeoutMs` passed; detect
   * conflicts; resolve; broadcast the resolved state and collect acknowledgements;
   * store it. True when it was stored and every agent that answered acknowledged
   * it; `syncKey` returns the full report.
   */
  async synchronizeState(swarmId: string, stateKey: string, options: { timeoutMs?: number } = {}): Promise<boolean> {
    return (await this.syncKey(swarmId, stateKey, options)).ok;
  }

  /** `synchronizeState` with its report: who answered, who missed it and why, what it cost. */
  async syncKey(swarmId: string, stateKey: string, options: { timeoutMs?: number } = {}): Promise<SyncReport> {
    checkName(swarmId, 'namespace');
    checkName(stateKey, 'key');
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    checkTimeout(timeoutMs, 'timeoutMs');
    const before = this.cost('collect');
    const report: SyncReport = {
      swarmId,
      stateKey,
      ok: false,
      stored: false,
      answered: [],
      missed: [],
      conflict: false,
      resolved: null,
      cost: { messages: 0, bytes: 0 },
      startedAtMs: this.net.now,
      finishedAtMs: this.net.now,
    };
    if (!this.net.isAlive(this.coordinatorIndex))
      report.error = `the coordinator ${this.idOf(this.coordinatorIndex)} is crashed`;
    else await this.runSixSteps(report, timeoutMs);
    const after = this.cost('collect');
    report.cost = { messages: after.messages - before.messages, bytes: after.bytes - before.bytes };
    report.finishedAtMs = this.net.now;
    this.op = { kind: 'idle', id: this.op.id };
    return report;
  }

  private async runSixSteps(report: SyncReport, timeoutMs: number): Promise<void> {
    const { swarmId, stateKey } = report;
    const c = this.coordinatorIndex;
    const op: Op = { kind: 'collect', id: this.op.id + 1, phase: 'collect', responses: new Map(), acks: new Set() };
    this.op = op;
    const others = this.coordinator.size - 1;
    // 1. Broadcast the request.
    this.trace.engine(this.net.now, 'request', c, -1, { swarmId, stateKey, syncId: op.id });
    this.sendToOthers('collect', 'state_request', { syncId: op.id, swarmId, stateKey });
    // 2. Collect versions until everyone answered or the deadline.
    this.runUntil(() => op.responses.size === others, this.net.now + timeoutMs);
    const held = this.collected(op, swarmId, stateKey);
    report.answered = [c, ...[...op.responses.keys()].sort((a, b) => a - b)].map((i) => this.idOf(i));
    if (held.size === 0) {
      report.error = `no agent that answered holds ${stateKey}`;
      report.missed = this.missing(new Set(op.responses.keys()), 'no-answer');
      return;
    }
    // 3. Detect conflicts. 4. Resolve.
    const states = Object.fromEntries([...held].map(([i, v]) => [this.idOf(i), v]));
    report.conflict = this.conflictResolver.detectConflicts(states).includes(stateKey);
    if (report.conflict) this.trace.engine(this.net.now, 'conflict', c, -1, { stateKey, agents: Object.keys(states) });
    const resolved = this.resolveCollected(stateKey, [...held.values()]);
    const stored = this.stamp(swarmId, resolved);
    report.resolved = stored;
    // 5. Broadcast the resolved state and wait for acknowledgements from those who answered.
    op.phase = 'ack';
    this.trace.engine(this.net.now, 'broadcast', c, -1, { stateKey, version: stored.version });
    this.sendToOthers('collect', 'state_update', { syncId: op.id, swarmId, change: stored });
    const answered = [...op.responses.keys()];
    this.runUntil(() => answered.every((a) => op.acks.has(a)), this.net.now + timeoutMs);
    report.missed = [
      ...this.missing(new Set(op.responses.keys()), 'no-answer'),
      ...answered.filter((a) => !op.acks.has(a)).map((a) => this.missedAgent(a, 'no-ack')),
    ].sort((x, y) => this.coordinator.index(x.agent) - this.coordinator.index(y.agent));
    for (const m of report.missed) this.trace.engine(this.net.now, 'missed', c, this.coordinator.index(m.agent), m);
    // 6. Store.
    report.stored = await this.persist(swarmId, stored, report);
    report.ok = report.stored && answered.every((a) => op.acks.has(a));
  }

  private collected(
    op: Extract<Op, { kind: 'collect' }>,
    swarmId: string,
    stateKey: string,
  ): Map<number, StateVersion> {
    const held = new Map<number, StateVersion>();
    const own = this.replicas.get(this.coordinatorIndex, swarmId, stateKey);
    if (own) held.set(this.coordinatorIndex, own);
    for (const [i, v] of [...op.responses].sort((a, b) => a[0] - b[0])) if (v) held.set(i, v);
    return held;
  }

  /** Resolves the collected versions; the result's clock joins theirs, so it supersedes every one. */
  private resolveCollected(stateKey: string, versions: StateVersion[]): StateVersion {
    const r = this.conflictResolver.resolve(stateKey, versions);
    const clock = versions.map(clockOf).reduce((a, b) => merge(a, b));
    this.trace.engine(this.net.now, 'resolved', this.coordinatorIndex, -1, {
      stateKey,
      strategy: r.metadata.resolutionStrategy,
      explanation: r.metadata.explanation ?? [],
    });
    return lean(r, clock);
  }

  private async persist(swarmId: string, stored: StateVersion, report: SyncReport): Promise<boolean> {
    try {
      await this.memory.store(swarmId, stored.stateKey, stored);
    } catch (error) {
      report.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.trace.engine(this.net.now, 'storeFailed', this.coordinatorIndex, -1, { error: report.error });
      return false;
    }
    this.trace.engine(this.net.now, 'stored', this.coordinatorIndex, -1, {
      swarmId,
      stateKey: stored.stateKey,
      version: stored.version,
    });
    return true;
  }

  /**
   * The seed's `delta_sync`: every stored change after swarm version
   * `sinceVersion`, oldest first — all of them, not only the latest per key, so a
   * reconnecting agent can replay what it missed.
   * @example s.deltaSync('swarm-001', 10).map((c) => c.version) // [11, 12, …]
   */
  deltaSync(swarmId: string, sinceVersion: number): StateVersion[] {
    checkName(swarmId, 'namespace');
    check(Number.isInteger(sinceVersion) && sinceVersion >= 0, 'sinceVersion', 'must be a whole number ≥ 0');
    return this.stored.get(swarmId)?.since(sinceVersion) ?? [];
  }

  /** The stored version of a key (its swarm version), or null. */
  async getStateVersion(swarmId: string, stateKey: string): Promise<number | null> {
    return (await this.getState(swarmId, stateKey))?.version ?? null;
  }

  /** The stored state of a key, read back from the memory provider, or null. */
  async getState(swarmId: string, stateKey: string): Promise<StateVersion | null> {
    const v = await this.memory.retrieve(swarmId, stateKey);
    return v === undefined ? null : (v as StateVersion);
  }

  /** The swarm-wide version counter (0 before anything was stored). */
  currentVersion(swarmId: string): number {
    return this.stored.get(swarmId)?.version ?? 0;
  }

  /**
   * Forgets stored state: one key, or the whole swarm when `stateKey` is absent
   * (memory provider, latest states and change log; the version counter never
   * goes back). Agents' replicas are theirs and stay. Resolves to keys removed.
   */
  async clearState(swarmId: string, stateKey?: string): Promise<number> {
    checkName(swarmId, 'namespace');
    const s = this.stored.get(swarmId);
    if (stateKey === undefined) {
      if (s) {
        s.states.clear();
        s.log = [];
      }
      return this.memory.clearNamespace(swarmId);
    }
    checkName(stateKey, 'key');
    s?.remove(stateKey);
    return (await this.memory.delete(swarmId, stateKey)) ? 1 : 0;
  }

  // ---------------------------------------------------------------- swarm-wide modes

  /** Full sync: the coordinator sends every stored key to every agent ("broadcast all state"). */
  fullSync(swarmId: string, options: { timeoutMs?: number } = {}): ModeReport {
    return this.runMode('full', swarmId, options.timeoutMs, (op) => {
      const s = this.swarmState(swarmId);
      const payload = { syncId: op.id, swarmId, changes: [...s.states.values()], currentVersion: s.version };
      op.versionsSent = s.states.size * op.expected.size;
      this.sendTo('full', [...op.expected], 'state_snapshot', payload);
    });
  }

  /** Delta sync over the network: each agent asks for the changes after the version it has applied. */
  deltaSyncAgents(swarmId: string, options: { timeoutMs?: number } = {}): ModeReport {
    return this.runMode('delta', swarmId, options.timeoutMs, (op) => {
      for (const a of op.expected) {
        const since = this.replicas.swarm(a, swarmId).appliedVersion;
        this.send('delta', a, this.coordinatorIndex, 'delta_request', { syncId: op.id, swarmId, sinceVersion: since });
      }
    });
  }

  /** Version query: each agent asks for the current version, and only when behind fetches what it lacks. */
  versionQuery(swarmId: string, options: { timeoutMs?: number } = {}): ModeReport {
    return this.runMode('version-query', swarmId, options.timeoutMs, (op) => {
      for (const a of op.expected)
        this.send('version-query', a, this.coordinatorIndex, 'version_query', { syncId: op.id, swarmId });
    });
  }

  private runMode(
    mode: SyncMode,
    swarmId: string,
    timeoutMs: number | undefined,
    start: (op: Extract<Op, { kind: 'mode' }>) => void,
  ): ModeReport {
    checkName(swarmId, 'namespace');
    const timeout = timeoutMs ?? this.defaultTimeoutMs;
    checkTimeout(timeout, 'timeoutMs');
    const before = this.cost(mode);
    const startedAtMs = this.net.now;
    const live = this.others().filter((a) => this.net.isAlive(a));
    const op: Op = {
      kind: 'mode',
      id: this.op.id + 1,
      mode,
      expected: new Set(live),
      done: new Set(),
      versionsSent: 0,
    };
    this.op = op;
    this.trace.engine(this.net.now, mode, this.coordinatorIndex, -1, { swarmId, agents: live.length });
    if (this.net.isAlive(this.coordinatorIndex)) {
      start(op);
      this.runUntil(() => op.done.size === op.expected.size, this.net.now + timeout);
    }
    const missed = this.others()
      .filter((a) => !op.done.has(a))
      .map((a) => this.missedAgent(a, op.expected.has(a) ? 'no-answer' : 'crashed'));
    for (const m of missed)
      this.trace.engine(this.net.now, 'missed', this.coordinatorIndex, this.coordinator.index(m.agent), m);
    const after = this.cost(mode);
    this.op = { kind: 'idle', id: op.id };
    return {
      mode,
      swarmId,
      completed: [...op.done].sort((a, b) => a - b).map((a) => this.idOf(a)),
      missed,
      versionsSent: op.versionsSent,
      cost: { messages: after.messages - before.messages, bytes: after.bytes - before.bytes },
      startedAtMs,
      finishedAtMs: this.net.now,
    };
  }

  // ---------------------------------------------------------------- anti-entropy

  /**
   * Coordinator-free gossip: each live agent exchanges versions with one random
   * peer (push-pull), round after round, until every live agent holds identical
   * state or `maxRounds` have passed. Converges after a partition heals.
   */
  antiEntropy(options: { maxRounds?: number; swarmId?: string } = {}): AntiEntropyReport {
    const maxRounds = options.maxRounds ?? 32;
    const before = this.cost('anti-entropy');
    // A round lasts long enough for digest, reply and push, each possibly held back by reordering.
    const roundMs = 6 * this.net.config.latencyMsMax + 3;
    let rounds = 0;
    while (rounds < maxRounds && !this.converged(options.swarmId)) {
      rounds++;
      for (let a = 0; a < this.coordinator.size; a++) this.gossip(a, options.swarmId);
      this.net.run(this.net.now + roundMs);
    }
    const after = this.cost('anti-entropy');
    return {
      rounds,
      converged: this.converged(options.swarmId),
      cost: { messages: after.messages - before.messages, bytes: after.bytes - before.bytes },
    };
  }

  /** True when every live agent holds the same content for every key of the swarm (or of every swarm). */
  converged(swarmId?: string): boolean {
    const live = this.coordinator.agents.map((_, i) => i).filter((i) => this.net.isAlive(i));
    if (live.length <= 1) return true;
    const swarms = swarmId ? [swarmId] : [...new Set(live.flatMap((i) => this.replicas.swarmIds(i)))];
    for (const s of swarms) {
      const keys = new Set(live.flatMap((i) => this.replicaKeys(i, s)));
      for (const k of keys) {
        const first = this.replicas.get(live[0], s, k);
        if (live.some((i) => !sameContent(this.replicas.get(i, s, k), first))) return false;
      }
    }
    return true;
  }

  private gossip(a: number, onlySwarm?: string): void {
    if (!this.net.isAlive(a) || this.coordinator.size < 2) return;
    let peer = this.rng.int(this.coordinator.size - 1);
    if (peer >= a) peer++;
    for (const swarmId of onlySwarm ? [onlySwarm] : this.replicas.swarmIds(a)) {
      const digest: Record<string, DigestEntry> = Object.create(null);
      for (const [k, v] of this.replicas.swarm(a, swarmId).states) digest[k] = { c: clockOf(v), h: contentHash(v) };
      this.send('anti-entropy', a, peer, 'ae_digest', { swarmId, digest });
    }
  }

  private onTimer(agent: number): void {
    this.gossip(agent);
    this.net.setTimer(agent, this.antiEntropyMs as number, AE_TIMER);
  }

  // ---------------------------------------------------------------- message handling

  private deliver(to: number, from: number, tag: string, payload: unknown): void {
    // Payload shapes are this class's own messages; each handler names the fields it reads.
    const p = payload as never;
    switch (tag) {
      case 'state_request':
        this.onStateRequest(to, from, p);
        break;
      case 'state_response':
        this.onStateResponse(from, p);
        break;
      case 'state_update':
        this.onStateUpdate(to, from, p);
        break;
      case 'state_ack':
        this.onStateAck(from, p);
        break;
      case 'state_snapshot':
      case 'delta_response':
      case 'state_data':
        this.onChanges(to, tag, p);
        break;
      case 'delta_request':
        this.onDeltaRequest(from, p);
        break;
      case 'version_query':
      case 'digest_request':
      case 'state_fetch':
        this.onVersionRequest(from, tag, p);
        break;
      case 'version_reply':
      case 'digest':
        this.onVersionReply(to, tag, p);
        break;
      case 'ae_digest':
      case 'ae_reply':
      case 'ae_push':
        this.onAntiEntropy(to, from, tag, p);
        break;
    }
  }

  private onStateAck(from: number, p: { syncId: number }): void {
    if (this.op.kind === 'collect' && this.op.id === p.syncId && this.op.phase === 'ack') this.op.acks.add(from);
  }

  private onStateRequest(to: number, from: number, p: { syncId: number; swarmId: string; stateKey: string }): void {
    const version = this.replicas.get(to, p.swarmId, p.stateKey) ?? null;
    this.send('collect', to, from, 'state_response', { syncId: p.syncId, swarmId: p.swarmId, version });
  }

  private onStateResponse(from: number, p: { syncId: number; version: StateVersion | null }): void {
    const op = this.op;
    if (op.kind !== 'collect' || op.id !== p.syncId || op.phase !== 'collect' || op.responses.has(from)) return;
    op.responses.set(from, p.version);
    this.trace.engine(this.net.now, 'response', this.coordinatorIndex, from, {
      version: p.version === null ? null : { version: p.version.version, clock: clockOf(p.version) },
    });
  }

  private onStateUpdate(to: number, from: number, p: { syncId: number; swarmId: string; change: StateVersion }): void {
    const outcome = this.replicas.applyStored(this.conflictResolver, to, p.swarmId, p.change);
    this.trace.engine(this.net.now, 'applied', to, from, {
      stateKey: p.change.stateKey,
      version: p.change.version,
      outcome,
    });
    this.send('collect', to, from, 'state_ack', { syncId: p.syncId, swarmId: p.swarmId });
  }

  /** An agent applies a batch of stored changes (snapshot, delta or fetched) and is then up to date. */
  private onChanges(
    to: number,
    tag: string,
    p: { syncId: number; swarmId: string; changes: StateVersion[]; currentVersion: number },
  ): void {
    const counts = { adopted: 0, kept: 0, merged: 0, same: 0 };
    for (const change of p.changes) counts[this.replicas.applyStored(this.conflictResolver, to, p.swarmId, change)]++;
    const r = this.replicas.swarm(to, p.swarmId);
    r.appliedVersion = Math.max(r.appliedVersion, p.currentVersion);
    this.trace.engine(this.net.now, 'applied', to, this.coordinatorIndex, {
      via: tag,
      changes: p.changes.length,
      ...counts,
    });
    this.markDone(to, p.syncId);
  }

  private markDone(agent: number, syncId: number): void {
    if (this.op.kind === 'mode' && this.op.id === syncId) this.op.done.add(agent);
  }

  private onDeltaRequest(from: number, p: { syncId: number; swarmId: string; sinceVersion: number }): void {
    const changes = this.deltaSync(p.swarmId, p.sinceVersion);
    if (this.op.kind === 'mode') this.op.versionsSent += changes.length;
    this.trace.engine(this.net.now, 'deltaRequest', this.coordinatorIndex, from, {
      sinceVersion: p.sinceVersion,
      changes: changes.length,
    });
    const reply = { syncId: p.syncId, swarmId: p.swarmId, changes, currentVersion: this.currentVersion(p.swarmId) };
    this.send('delta', this.coordinatorIndex, from, 'delta_response', reply);
  }

  private onVersionRequest(from: number, tag: string, p: { syncId: number; swarmId: string; keys?: string[] }): void {
    const s = this.swarmState(p.swarmId);
    const base = { syncId: p.syncId, swarmId: p.swarmId, currentVersion: s.version };
    const c = this.coordinatorIndex;
    if (tag === 'version_query') this.send('version-query', c, from, 'version_reply', base);
    else if (tag === 'digest_request') this.send('version-query', c, from, 'digest', { ...base, versions: s.digest() });
    else {
      const changes = (p.keys ?? []).map((k) => s.states.get(k)).filter((v): v is StateVersion => v !== undefined);
      if (this.op.kind === 'mode') this.op.versionsSent += changes.length;
      this.send('version-query', c, from, 'state_data', { ...base, changes });
    }
  }

  private onVersionReply(
    to: number,
    tag: string,
    p: { syncId: number; swarmId: string; currentVersion: number; versions?: Record<string, number> },
  ): void {
    const r = this.replicas.swarm(to, p.swarmId);
    const c = this.coordinatorIndex;
    if (tag === 'version_reply') {
      if (r.appliedVersion >= p.currentVersion) this.markDone(to, p.syncId);
      else this.send('version-query', to, c, 'digest_request', { syncId: p.syncId, swarmId: p.swarmId });
      return;
    }
    const versions = p.versions ?? {};
    const lacking = Object.keys(versions)
      .filter((k) => (r.synced.get(k) ?? 0) < versions[k])
      .sort();
    this.trace.engine(this.net.now, 'versionCompared', to, c, {
      keys: Object.keys(versions).length,
      lacking: lacking.length,
    });
    if (lacking.length === 0) {
      r.appliedVersion = Math.max(r.appliedVersion, p.currentVersion);
      this.markDone(to, p.syncId);
      return;
    }
    this.send('version-query', to, c, 'state_fetch', { syncId: p.syncId, swarmId: p.swarmId, keys: lacking });
  }

  private onAntiEntropy(
    to: number,
    from: number,
    tag: string,
    p: { swarmId: string; digest?: Record<string, DigestEntry>; versions?: StateVersion[]; want?: string[] },
  ): void {
    const r = this.replicas.swarm(to, p.swarmId);
    for (const v of p.versions ?? []) this.replicas.applyPeer(this.conflictResolver, to, p.swarmId, v);
    if (tag === 'ae_digest') {
      const { versions, want } = diffDigest(r.states, p.digest ?? {});
      this.trace.engine(this.net.now, 'antiEntropy', to, from, { send: versions.length, want: want.length });
      if (versions.length + want.length > 0)
        this.send('anti-entropy', to, from, 'ae_reply', { swarmId: p.swarmId, versions, want });
    } else if (tag === 'ae_reply' && (p.want ?? []).length > 0) {
      const versions = (p.want ?? []).map((k) => r.states.get(k)).filter((v): v is StateVersion => v !== undefined);
      this.send('anti-entropy', to, from, 'ae_push', { swarmId: p.swarmId, versions });
    }
  }

  // ---------------------------------------------------------------- plumbing

  private stamp(swarmId: string, v: StateVersion): StateVersion {
    const stored = this.swarmState(swarmId).append(v);
    this.replicas.applyStored(this.conflictResolver, this.coordinatorIndex, swarmId, stored);
    return stored;
  }

  private swarmState(swarmId: string): StoredSwarm {
    let s = this.stored.get(swarmId);
    if (!s) {
      s = new StoredSwarm();
      this.stored.set(swarmId, s);
    }
    return s;
  }

  /**
   * Sends one message and counts its bytes: the UTF-8 of its JSON. The canonical JSON the trace
   * hashes is the same text with keys sorted — the same bytes — so it is made once, counted, and
   * handed to the network, which does not serialise the payload again.
   */
  private send(
    bucket: CostBucket,
    from: number,
    to: number,
    tag: FixedTag,
    payload: object,
    json = canonicalJson(payload),
    bytes = utf8Bytes(json),
  ): void {
    const c = this.costs.get(bucket) as SyncCost;
    c.messages++;
    c.bytes += bytes;
    this.net.send(from, to, tag, payload, json);
  }

  /** Sends one payload to many agents, serialising and measuring it once. */
  private sendTo(bucket: CostBucket, to: number[], tag: FixedTag, payload: object): void {
    const json = canonicalJson(payload);
    const bytes = utf8Bytes(json);
    for (const a of to) this.send(bucket, this.coordinatorIndex, a, tag, payload, json, bytes);
  }

  private sendToOthers(bucket: CostBucket, tag: FixedTag, payload: object): void {
    this.sendTo(bucket, this.others(), tag, payload);
  }

  private others(): number[] {
    return this.coordinator.agents.map((_, i) => i).filter((i) => i !== this.coordinatorIndex);
  }

  /** Steps the network until `done()` or the simulated deadline; time then stands at the deadline if not done. */
  private runUntil(done: () => boolean, deadlineMs: number): void {
    while (!done() && this.net.step(deadlineMs)) {}
    if (!done() && this.net.now < deadlineMs) this.net.run(deadlineMs);
  }

  private missing(answered: Set<number>, reason: MissReason): MissedAgent[] {
    return this.others()
      .filter((a) => !answered.has(a))
      .map((a) => this.missedAgent(a, reason));
  }

  /** Names why an agent missed out: the network's truth when it explains it, else `fallback`. */
  private missedAgent(a: number, fallback: MissReason): MissedAgent {
    const c = this.coordinatorIndex;
    let reason = fallback;
    if (!this.net.isAlive(a)) reason = 'crashed';
    else if (!this.net.canReach(c, a) || !this.net.canReach(a, c)) reason = 'partitioned';
    return { agent: this.idOf(a), reason };
  }

  private idOf(i: number): string {
    return this.coordinator.agents[i].id;
  }
}

function checkTimeout(ms: number, field: string): void {
  check(typeof ms === 'number' && Number.isFinite(ms) && ms > 0, field, 'must be > 0 ms');
}

function contentHash(v: StateVersion): string {
  return new Hasher().string(contentKey(v)).hex();
}

/** What a replica should send a peer (versions the peer has not seen) and ask for (keys it has not seen). */
function diffDigest(states: Map<string, StateVersion>, digest: Record<string, DigestEntry>) {
  const versions: StateVersion[] = [];
  const want: string[] = [];
  const keys = [...new Set([...states.keys(), ...Object.keys(digest)])].sort();
  for (const k of keys) {
    const mine = states.get(k);
    const theirs = Object.hasOwn(digest, k) ? digest[k] : undefined;
    if (!mine) want.push(k);
    else if (!theirs) versions.push(mine);
    else if (theirs.h !== contentHash(mine)) {
      const order = compare(clockOf(mine), theirs.c);
      if (order !== 'before') versions.push(mine);
      if (order !== 'after') want.push(k);
    }
  }
  return { versions, want };
}
