import { check, checkLimit } from '../core/errors';
import { canonicalJson } from '../core/hash';
import { MAX_AGENTS, MAX_LATENCY_MS, MAX_SIM_TIME_MS } from '../core/limits';
import type { Prng } from '../core/prng';
import type { Trace } from '../trace/trace';
import { EventQueue } from './eventQueue';
import type { Fault, NetworkConfig } from './faults';
import { Routes } from './routes';

/** What an engine plugs into the network: called as events come due. */
export interface NetworkHandlers {
  /** `tagId`: this network's number for `tag` (stable for the network's life), to key tables by instead of the string. */
  deliver(to: number, from: number, tag: string, payload: unknown, msg: number, tagId: number): void;
  timer?(agent: number, timer: number): void;
}

/** A message on its way between agents that are not neighbours: its path and how far copies got. */
interface Route {
  origin: number;
  dest: number;
  path: Int32Array;
  /** Furthest position on the path already forwarded: a relay forwards each message once. */
  forwarded: number;
  /** Copies still in the queue; the route is forgotten when none is left. */
  copies: number;
}

const DELIVER = 0;
const TIMER = 1;
const FAULT = 2;

/**
 * A discrete-event simulation of point-to-point messages between `agentCount`
 * agents in simulated milliseconds. Every random choice (latency, loss,
 * duplication, reordering) draws from the run's PRNG in a fixed order, and
 * simultaneous events keep their scheduling order, so a run is a pure function of
 * (configuration, seed, what the engine sends).
 */
export class Network {
  now = 0;
  private readonly queue: EventQueue;
  /** Payloads of queued messages by payload id (the event's `e`); ids are reused through `freePayloads`. */
  private readonly payloads: unknown[] = [];
  /** Each queued payload's canonical JSON, made once at its send and hashed again at its delivery. */
  private readonly payloadJsons: (string | undefined)[] = [];
  private readonly freePayloads: number[] = [];
  private readonly tags: string[] = [];
  /** Each tag's index in the trace's strings, by tag id. */
  private readonly traceTags: number[] = [];
  private readonly tagIds = new Map<string, number>();
  private lastTag = '';
  private lastTagId = -1;
  private readonly faults: Fault[] = [];
  private readonly crashed: Uint8Array;
  /** Silent agents (the behaviour): whatever an engine asks them to send or relay is dropped. */
  private readonly silent: Uint8Array;
  private readonly group: Int32Array;
  private cuts: { from: Uint8Array; to: Uint8Array }[] = [];
  /** Whether a partition or a one-way cut is in force (else every arrival passes `canReach`). */
  private split = false;
  private groupsDescription: number[][] = [];
  private nextMsg = 0;
  /** Set when the network follows a topology (see `followTopology`); absent, every agent reaches every other directly. */
  private routes: Routes | undefined;
  private readonly inFlight = new Map<number, Route>();
  handlers: NetworkHandlers = { deliver: () => {} };

  constructor(
    readonly agentCount: number,
    readonly config: NetworkConfig,
    private readonly rng: Prng,
    readonly trace: Trace,
  ) {
    // Typed arrays are sized by it: a bad count was a RangeError, a huge one a huge allocation.
    check(Number.isInteger(agentCount) && agentCount >= 0, 'network.agentCount', 'must be a whole number ≥ 0');
    checkLimit('MAX_AGENTS', MAX_AGENTS, agentCount);
    check(config.latencyMsMin >= 0, 'network.latencyMsMin', 'must be ≥ 0');
    check(config.latencyMsMax >= config.latencyMsMin, 'network.latencyMsMax', 'must be ≥ latencyMsMin');
    check(Number.isInteger(config.latencyMsMin), 'network.latencyMsMin', 'latencies are whole ms');
    check(Number.isInteger(config.latencyMsMax), 'network.latencyMsMax', 'latencies are whole ms');
    // Out of range (or NaN), Prng.chance silently treats a probability as 0 or 1.
    for (const key of ['lossProbability', 'duplicationProbability', 'reorderProbability'] as const) {
      check(config[key] >= 0 && config[key] <= 1, `network.${key}`, 'must be between 0 and 1');
    }
    // The wheel is sized from latencyMsMax: unbounded, a huge latency allocated gigabytes instead of failing.
    checkLimit('MAX_LATENCY_MS', MAX_LATENCY_MS, config.latencyMsMax);
    // The wheel covers a message's longest possible flight (latency plus reordering delay).
    this.queue = new EventQueue(2 ** Math.ceil(Math.log2(Math.max(1024, 2 * config.latencyMsMax + 2))));
    this.crashed = new Uint8Array(agentCount);
    this.silent = new Uint8Array(agentCount);
    this.group = new Int32Array(agentCount);
  }

  /** Messages sent so far (duplicates not counted). */
  get messagesSent(): number {
    return this.nextMsg;
  }

  get pending(): number {
    return this.queue.length;
  }

  isAlive(agent: number): boolean {
    return this.crashed[agent] === 0;
  }

  /** Whether a message from `from` to `to` would get through right now (ignoring loss). */
  canReach(from: number, to: number): boolean {
    if (this.group[from] !== this.group[to]) return false;
    const cuts = this.cuts;
    for (let i = 0; i < cuts.length; i++) if (cuts[i].from[from] === 1 && cuts[i].to[to] === 1) return false;
    return true;
  }

  /**
   * Makes messages follow the swarm's links: a message to a neighbour is one hop; to any other
   * agent it travels hop by hop along a shortest path, each hop a delivery of its own (latency,
   * loss, duplication, partitions, crashed relays); with no path it is dropped as `no-route`.
   * `adjacency` holds sorted neighbour lists. A full mesh needs no routing and keeps none.
   */
  followTopology(adjacency: readonly (readonly number[])[]): void {
    check(adjacency.length === this.agentCount, 'network.topology', `must list ${this.agentCount} agents`);
    const n = this.agentCount;
    const fullMesh = adjacency.every((list) => list.length === n - 1);
    this.routes = fullMesh ? undefined : new Routes(adjacency);
  }

  /** Whether a path of links joins two agents (always, without a topology); partitions aside. */
  hasRoute(from: number, to: number): boolean {
    return from === to || this.routes === undefined || this.routes.connected(from, to);
  }

  /**
   * Sends one message; returns its id (duplicates share it). `payloadJson`, when the caller has
   * it, is `canonicalJson(payload)`: a payload sent to many agents is then serialised once.
   */
  send(from: number, to: number, tag: string, payload?: unknown, payloadJson?: string): number {
    const msg = this.nextMsg++;
    const tagId = this.tagId(tag);
    const json = payload === undefined ? undefined : (payloadJson ?? canonicalJson(payload));
    this.trace.messageSentAt(this.now, from, to, msg, this.traceTags[tagId], payload, json);
    if (this.crashed[from] === 1) {
      this.trace.messageDropped(this.now, from, to, msg, tag, 'sender-crashed');
      return msg;
    }
    if (this.silent[from] === 1) {
      this.trace.messageDropped(this.now, from, to, msg, tag, 'silent');
      return msg;
    }
    const routes = this.routes;
    if (routes === undefined || from === to || routes.areNeighbours(from, to)) {
      this.hop(from, to, msg, tagId, payload, json);
      return msg;
    }
    const path = routes.path(from, to);
    if (path === null) {
      this.trace.messageDropped(this.now, from, to, msg, tag, 'no-route');
      return msg;
    }
    const route: Route = { origin: from, dest: to, path, forwarded: 0, copies: 0 };
    this.inFlight.set(msg, route);
    route.copies += this.hop(from, path[1], msg, tagId, payload, json);
    if (route.copies === 0) this.inFlight.delete(msg);
    return msg;
  }

  /** One hop over one link: lost, or scheduled once or twice (duplicated). Returns the copies scheduled. */
  private hop(
    from: number,
    to: number,
    msg: number,
    tagId: number,
    payload: unknown,
    json: string | undefined,
  ): number {
    if (this.rng.chance(this.config.lossProbability)) {
      this.trace.messageDropped(this.now, from, to, msg, this.tags[tagId], 'loss');
      return 0;
    }
    this.schedule(from, to, msg, tagId, payload, json);
    if (!this.rng.chance(this.config.duplicationProbability)) return 1;
    this.trace.messageDuplicated(this.now, from, to, msg, this.tags[tagId]);
    this.schedule(from, to, msg, tagId, payload, json);
    return 2;
  }

  /** Sends to every agent but the sender, in id order (the seed's broadcast). */
  broadcast(from: number, tag: string, payload?: unknown): void {
    const json = payload === undefined ? undefined : canonicalJson(payload);
    for (let to = 0; to < this.agentCount; to++) if (to !== from) this.send(from, to, tag, payload, json);
  }

  /** Calls `handlers.timer(agent, timer)` after `delayMs` (timers of crashed agents still fire; engines decide). */
  setTimer(agent: number, delayMs: number, timer: number): void {
    check(delayMs >= 0, 'timer.delayMs', 'must be ≥ 0');
    this.enqueue(this.now + Math.ceil(delayMs), TIMER, agent, -1, timer, -1);
  }

  /** Schedules a network change; faults at the current time apply when the run reaches them. */
  scheduleFault(fault: Fault): void {
    check(fault.atMs >= this.now, 'fault.atMs', `must not be in the past (now is ${this.now} ms)`);
    check(Number.isInteger(fault.atMs), 'fault.atMs', 'must be a whole number of ms');
    this.faults.push(fault);
    this.enqueue(fault.atMs, FAULT, -1, -1, this.faults.length - 1, -1);
  }

  /** Processes the next event; false when nothing is left or the next event is after `untilMs`. */
  step(untilMs = MAX_SIM_TIME_MS): boolean {
    const q = this.queue;
    const slot = q.pop(untilMs);
    if (slot < 0) return false;
    this.now = q.timeOf(slot);
    const type = q.typeOf(slot);
    const a = q.aOf(slot);
    const b = q.bOf(slot);
    const c = q.cOf(slot);
    const d = q.dOf(slot);
    const id = q.eOf(slot);
    q.release(slot);
    // Most messages carry no payload: only touch the payload table for those that do.
    let payload: unknown;
    let json: string | undefined;
    if (id >= 0) {
      payload = this.payloads[id];
      json = this.payloadJsons[id];
      this.payloads[id] = undefined;
      this.payloadJsons[id] = undefined;
      this.freePayloads.push(id);
    }
    if (type === DELIVER) this.arrive(a, b, c, d, payload, json);
    else if (type === TIMER) {
      this.trace.timerFired(this.now, a, c);
      this.handlers.timer?.(a, c);
    } else this.apply(this.faults[c]);
    return true;
  }

  /** Runs until the queue is empty or the next event is after `untilMs`; returns events processed. */
  run(untilMs = MAX_SIM_TIME_MS): number {
    let n = 0;
    while (this.step(untilMs)) n++;
    if (untilMs < MAX_SIM_TIME_MS && this.now < untilMs) this.now = untilMs;
    return n;
  }

  /**
   * Makes an agent silent for the whole run: it still receives, but sends and relays nothing
   * (dropped as `silent`), whatever the engine running on it does. One rule for every run kind,
   * so no engine can forget the behaviour the user set.
   */
  silence(agent: number): void {
    this.silent[agent] = 1;
  }

  crash(agent: number): void {
    if (this.crashed[agent] === 1) return;
    this.crashed[agent] = 1;
    this.trace.agentCrashed(this.now, agent);
  }

  recover(agent: number): void {
    if (this.crashed[agent] === 0) return;
    this.crashed[agent] = 0;
    this.trace.agentRecovered(this.now, agent);
  }

  /** Splits the agents into groups that cannot reach each other; unlisted agents form one more group. */
  partition(groups: number[][]): void {
    this.group.fill(groups.length);
    groups.forEach((members, g) => {
      for (const agent of members) this.group[agent] = g;
    });
    this.groupsDescription = groups.map((g) => [...g]);
    this.split = true;
    this.recordPartition();
  }

  /** Cuts the direction `from` → `to` only; replies the other way still get through. */
  oneWay(from: number[], to: number[]): void {
    const cut = { from: new Uint8Array(this.agentCount), to: new Uint8Array(this.agentCount) };
    for (const agent of from) cut.from[agent] = 1;
    for (const agent of to) cut.to[agent] = 1;
    this.cuts.push(cut);
    this.split = true;
    this.recordPartition();
  }

  /** Removes every partition and one-way cut. */
  heal(): void {
    this.group.fill(0);
    this.cuts = [];
    this.groupsDescription = [];
    this.split = false;
    this.recordPartition();
  }

  private recordPartition(): void {
    const oneWay = this.cuts.map((cut) => ({ from: members(cut.from), to: members(cut.to) }));
    this.trace.partitionChanged(this.now, { groups: this.groupsDescription, oneWay });
  }

  private apply(fault: Fault): void {
    switch (fault.kind) {
      case 'partition':
        this.partition(fault.groups);
        break;
      case 'one-way':
        this.oneWay(fault.from, fault.to);
        break;
      case 'heal':
        this.heal();
        break;
      case 'crash':
        this.crash(fault.agent);
        break;
      case 'recover':
        this.recover(fault.agent);
        break;
    }
  }

  /** A copy reaches `to` over the link from `from`: dropped, relayed on, or delivered to the engine. */
  private arrive(from: number, to: number, msg: number, tagId: number, payload: unknown, json?: string): void {
    const tag = this.tags[tagId];
    const route = this.inFlight.size > 0 ? this.inFlight.get(msg) : undefined;
    if (route !== undefined) route.copies--;
    if (this.crashed[to] === 1) this.trace.messageDropped(this.now, from, to, msg, tag, 'crashed');
    else if (this.split && !this.canReach(from, to))
      this.trace.messageDropped(this.now, from, to, msg, tag, 'partition');
    else if (route !== undefined && to !== route.dest) this.relay(route, from, to, msg, tagId, payload, json);
    else {
      // Engines see the message as sent by its origin, whichever relay brought it.
      const origin = route === undefined ? from : route.origin;
      this.trace.messageDeliveredAt(this.now, origin, to, msg, this.traceTags[tagId], payload, json);
      this.handlers.deliver(to, origin, tag, payload, msg, tagId);
    }
    if (route !== undefined && route.copies === 0) this.inFlight.delete(msg);
  }

  private relay(
    route: Route,
    from: number,
    at: number,
    msg: number,
    tagId: number,
    payload: unknown,
    json: string | undefined,
  ): void {
    const tag = this.tags[tagId];
    const position = route.path.indexOf(at);
    if (position <= route.forwarded) {
      this.trace.messageDropped(this.now, from, at, msg, tag, 'duplicate');
      return;
    }
    route.forwarded = position;
    this.trace.messageRelayed(this.now, from, at, msg, tag);
    if (this.silent[at] === 1) {
      this.trace.messageDropped(this.now, at, route.path[position + 1], msg, tag, 'silent');
      return;
    }
    route.copies += this.hop(at, route.path[position + 1], msg, tagId, payload, json);
  }

  private schedule(
    from: number,
    to: number,
    msg: number,
    tagId: number,
    payload: unknown,
    json: string | undefined,
  ): void {
    const { latencyMsMin, latencyMsMax, reorderProbability } = this.config;
    let latency = latencyMsMax > latencyMsMin ? this.rng.range(latencyMsMin, latencyMsMax) : latencyMsMin;
    if (this.rng.chance(reorderProbability)) latency += this.rng.range(0, latencyMsMax);
    let id = -1;
    if (payload !== undefined) {
      id = this.freePayloads.pop() ?? this.payloads.length;
      this.payloads[id] = payload;
      this.payloadJsons[id] = json;
    }
    this.enqueue(this.now + latency, DELIVER, from, to, msg, tagId, id);
  }

  private enqueue(time: number, type: number, a: number, b: number, c: number, d: number, e = -1): void {
    if (time > MAX_SIM_TIME_MS) checkLimit('MAX_SIM_TIME_MS', MAX_SIM_TIME_MS, time);
    this.queue.push(time, type, a, b, c, d, e);
  }

  private tagId(tag: string): number {
    if (tag === this.lastTag) return this.lastTagId;
    let id = this.tagIds.get(tag);
    if (id === undefined) {
      id = this.tags.length;
      this.tags.push(tag);
      this.traceTags.push(this.trace.tagIndex(tag));
      this.tagIds.set(tag, id);
    }
    this.lastTag = tag;
    this.lastTagId = id;
    return id;
  }
}

function members(mask: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1) out.push(i);
  return out;
}
