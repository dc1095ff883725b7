import { check, invariant } from '../core/errors';
import type { SwarmCoordinator } from '../core/swarmCoordinator';
import type { Network } from '../network/network';
import type { Trace } from '../trace/trace';
import { ConsistentHashRing } from './consistentHashRing';
import { type DelegationStrategy, type PickContext, pickAgent, type Task } from './strategies';

export interface TaskDelegatorOptions {
  strategy: DelegationStrategy;
  /** Index of the agent that delegates (the hierarchy's root); it takes no tasks itself. */
  delegator?: number;
  /** How often workers send heartbeats and the delegator checks for silence. */
  heartbeatIntervalMs?: number;
  /** Silence after which the delegator declares a worker down and reassigns its tasks. */
  detectionTimeoutMs?: number;
  /** Points per agent on the consistent-hash ring. */
  virtualNodes?: number;
}

/** Per-run results of a delegation (JSON-serialisable). */
export interface DelegationReport {
  strategy: DelegationStrategy;
  tasks: number;
  completed: number;
  /** Tasks without a recorded result when the run ended. */
  tasksLost: number;
  /** From the first arrival to the last recorded result, simulated ms. */
  makespanMs: number;
  /** max / mean of the workers' busy time (1 = perfectly even, also when nothing ran). */
  imbalance: number;
  /** Tasks moved off a worker declared down. */
  reassignments: number;
  /** Assignments sent again because the worker's heartbeat showed it never got them (message loss). */
  resends: number;
  /**
   * Tasks finished more than once whose results both reached the delegator: a worker declared
   * down kept working (cut off, not crashed), its task was reassigned, and both finished. Each
   * such task counts once however many times it was done; its result is aggregated once.
   */
  duplicateResults: number;
  /**
   * Copies of a result the delegator had already recorded from the same completion: results are
   * re-sent with every heartbeat until acknowledged, and the network may duplicate messages.
   * Retransmissions, not extra work.
   */
  resultRetransmissions: number;
  /** Sum of the results, aggregated at the delegator; equals `expectedResultSum` when nothing is lost. */
  resultSum: number;
  expectedResultSum: number;
  detections: { agent: string; atMs: number }[];
  perAgent: { agent: string; tasksFinished: number; busyMs: number }[];
  messages: number;
}

/** Heartbeat period when the run does not set one, simulated ms. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 100;

const HEARTBEAT = 0;
const CHECK = 1;
const FINISH = 2;
const ARRIVAL = 3;

/** A finished task as a worker reports it: task, output, and which completion produced it. */
type ResultEntry = [task: number, output: number, completion: number];

interface HeartbeatPayload {
  held: number[];
  results: ResultEntry[];
  sentAtMs: number;
}

/**
 * Hands tasks to the swarm's agents over the simulated network (the seed's
 * hierarchical pattern: one delegator, workers, results aggregated back). Workers
 * process their queue one task at a time over simulated time, send each result
 * (re-sent with every heartbeat until acknowledged), and heartbeat every
 * `heartbeatIntervalMs`. A worker silent for `detectionTimeoutMs` is declared
 * down and its unfinished tasks are reassigned by the same strategy; a worker
 * whose heartbeat does not list a task it was sent long ago gets it again. A
 * crash wipes a worker's queue (noticed at its next timer), so only a worker that
 * was cut off, not crashed, can finish a task that was reassigned meanwhile: each
 * result names its completion, so the delegator aggregates a task once and tells a
 * second finishing (`duplicateResults`) from a re-sent copy (`resultRetransmissions`).
 * The delegator itself is assumed to stay up: while it is down nothing is assigned or recorded.
 * @example
 * const d = new TaskDelegator(swarm, network, trace, { strategy: 'least-loaded' });
 * d.submit([{ id: 't1', cost: 50, requires: [], arrivalMs: 0, input: 1 }]);
 * d.run().tasksLost // 0
 */
export class TaskDelegator {
  readonly delegator: number;
  private readonly heartbeatMs: number;
  private readonly detectionMs: number;
  private readonly n: number;
  private tasks: Task[] = [];
  // Delegator's view.
  private assignee: number[] = [];
  private assignedAt: number[] = [];
  private doneAt: number[] = [];
  /** The completion whose result was recorded first, per task (-1 while none). */
  private recordedCompletion: number[] = [];
  /** Further completions seen for a task already done, only for tasks finished more than once. */
  private readonly extraCompletions = new Map<number, Set<number>>();
  private waiting: number[] = [];
  private readonly outstanding: Set<number>[];
  private readonly lastHeard: Float64Array;
  private readonly suspected: Uint8Array;
  private readonly pick: PickContext;
  private delegatorDown = false;
  // Workers' own state.
  private readonly queue: number[][];
  private readonly running: Int32Array;
  private readonly runningEndsAt: Float64Array;
  /** Finished tasks a worker has not had acknowledged: task → [output, completion]. */
  private readonly unacked: Map<number, [number, number]>[];
  private readonly finished: Set<number>[];
  private readonly down: Uint8Array;
  private readonly busyMs: Float64Array;
  private readonly finishedCount: Int32Array;
  private readonly report: Omit<DelegationReport, 'tasks' | 'completed' | 'tasksLost' | 'makespanMs' | 'imbalance'>;
  private completed = 0;
  /** Numbers each time any worker finishes a task, so two finishings of one task are told apart. */
  private nextCompletion = 0;
  private started = false;
  private readonly firstMessage: number;

  constructor(
    private readonly swarm: SwarmCoordinator,
    private readonly net: Network,
    private readonly trace: Trace,
    readonly options: TaskDelegatorOptions,
  ) {
    const n = swarm.size;
    this.n = n;
    this.delegator = options.delegator ?? 0;
    this.heartbeatMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
    this.detectionMs = options.detectionTimeoutMs ?? 3 * this.heartbeatMs + 50;
    check(this.delegator >= 0 && this.delegator < n, 'run.delegator', 'must be an agent of the swarm');
    check(net.agentCount === n, 'network', `has ${net.agentCount} agents, the swarm ${n}`);
    check(this.heartbeatMs >= 1, 'run.heartbeatIntervalMs', 'must be ≥ 1 ms');
    check(this.detectionMs > this.heartbeatMs, 'run.detectionTimeoutMs', 'must be longer than heartbeatIntervalMs');
    const ring = new ConsistentHashRing(options.virtualNodes ?? 64);
    swarm.agents.forEach((a, i) => {
      if (i !== this.delegator) ring.add(a.id, i);
    });
    this.outstanding = Array.from({ length: n }, () => new Set<number>());
    this.lastHeard = new Float64Array(n).fill(net.now);
    this.suspected = new Uint8Array(n);
    this.pick = {
      agents: swarm.agents,
      usable: (i) => i !== this.delegator && this.suspected[i] === 0 && swarm.agents[i].weight > 0,
      loadMs: new Float64Array(n),
      ring,
      state: { cursor: 0, credit: new Float64Array(n) },
    };
    this.queue = Array.from({ length: n }, () => []);
    this.running = new Int32Array(n).fill(-1);
    this.runningEndsAt = new Float64Array(n);
    this.unacked = Array.from({ length: n }, () => new Map<number, [number, number]>());
    this.finished = Array.from({ length: n }, () => new Set<number>());
    this.down = new Uint8Array(n);
    this.busyMs = new Float64Array(n);
    this.finishedCount = new Int32Array(n);
    this.report = {
      strategy: options.strategy,
      reassignments: 0,
      resends: 0,
      duplicateResults: 0,
      resultRetransmissions: 0,
      resultSum: 0,
      expectedResultSum: 0,
      detections: [],
      perAgent: [],
      messages: 0,
    };
    this.firstMessage = net.messagesSent;
    net.handlers = {
      deliver: (to, from, tag, payload) => this.deliver(to, from, tag, payload),
      timer: (agent, timer) => this.timer(agent, timer),
    };
  }

  /** Adds tasks; each reaches the delegator at its `arrivalMs` (now, if that is past). */
  submit(tasks: readonly Task[]): void {
    for (const task of tasks) {
      const t = this.tasks.length;
      this.tasks.push({ ...task, requires: [...task.requires] });
      this.assignee.push(-1);
      this.assignedAt.push(-1);
      this.doneAt.push(-1);
      this.recordedCompletion.push(-1);
      this.report.expectedResultSum += task.input * task.input;
      this.net.setTimer(this.delegator, Math.max(0, task.arrivalMs - this.net.now), t * 4 + ARRIVAL);
    }
  }

  /** The id of the agent a task is currently assigned to (undefined while unassigned). */
  assignmentOf(taskIndex: number): string | undefined {
    const a = this.assignee[taskIndex];
    return a >= 0 ? this.swarm.agents[a].id : undefined;
  }

  /**
   * Runs the network until every task has a result, `maxTimeMs` of simulated
   * time has passed, or `shouldStop()` says so; then reports.
   */
  run(options: { maxTimeMs?: number; shouldStop?: () => boolean; onProgress?: (f: number) => void } = {}) {
    this.start();
    const until = options.maxTimeMs ?? 600_000;
    let steps = 0;
    while (this.completed < this.tasks.length && this.net.step(until)) {
      if ((++steps & 1023) === 0) {
        options.onProgress?.(this.completed / this.tasks.length);
        if (options.shouldStop?.()) break;
      }
    }
    return this.finish();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    for (let w = 0; w < this.n; w++) {
      // Staggered first beats, so 1,000 workers do not all speak in the same millisecond.
      if (w !== this.delegator) this.net.setTimer(w, (w * 7) % this.heartbeatMs, HEARTBEAT);
    }
    this.net.setTimer(this.delegator, this.heartbeatMs, CHECK);
  }

  private timer(agent: number, timer: number): void {
    const kind = timer & 3;
    const value = timer >> 2;
    if (kind === ARRIVAL) this.arrive(value);
    else if (kind === CHECK) this.check();
    else if (!this.workerUp(agent)) {
      if (kind === HEARTBEAT) this.net.setTimer(agent, this.heartbeatMs, HEARTBEAT);
    } else if (kind === HEARTBEAT) this.heartbeat(agent);
    else if (kind === FINISH) this.finishTask(agent, value);
  }

  /** False while the worker is crashed; the first time it is seen crashed its volatile state is lost. */
  private workerUp(w: number): boolean {
    if (this.net.isAlive(w)) {
      this.down[w] = 0;
      return true;
    }
    if (this.down[w] === 0) {
      this.down[w] = 1;
      this.queue[w] = [];
      this.running[w] = -1;
      this.unacked[w].clear();
      this.finished[w].clear();
      this.trace.engine(this.net.now, 'workerStateLost', w);
    }
    return false;
  }

  private deliver(to: number, from: number, tag: string, payload: unknown): void {
    if (to === this.delegator) {
      this.lastHeard[from] = this.net.now;
      if (this.suspected[from] === 1) this.rejoin(from);
      if (tag === 'task_result') {
        const { task, output, completion } = payload as { task: number; output: number; completion: number };
        this.record(task, output, completion, from);
        this.net.send(this.delegator, from, 'result_ack', { tasks: [task] });
      } else if (tag === 'heartbeat') this.onHeartbeat(from, payload as HeartbeatPayload);
      return;
    }
    if (tag === 'task_assign') this.accept(to, (payload as { task: number }).task);
    else if (tag === 'result_ack' || tag === 'heartbeat_ack') {
      for (const t of (payload as { tasks: number[] }).tasks) this.unacked[to].delete(t);
    }
  }

  // ---- delegator side ----

  private arrive(t: number): void {
    this.waiting.push(t);
    if (this.net.isAlive(this.delegator)) this.assignWaiting();
  }

  private assignWaiting(): void {
    const still: number[] = [];
    for (const t of this.waiting) {
      if (this.doneAt[t] >= 0) continue;
      const to = pickAgent(this.options.strategy, this.tasks[t], this.pick);
      if (to < 0) still.push(t);
      else this.assign(t, to);
    }
    this.waiting = still;
  }

  private assign(t: number, to: number): void {
    const task = this.tasks[t];
    this.assignee[t] = to;
    this.assignedAt[t] = this.net.now;
    this.outstanding[to].add(t);
    this.pick.loadMs[to] += this.durationMs(t, to);
    this.trace.engine(this.net.now, 'taskAssigned', to, this.delegator, { task: task.id, cost: task.cost });
    this.sendAssignment(t, to);
  }

  private sendAssignment(t: number, to: number): void {
    const { id, cost, requires, input } = this.tasks[t];
    this.net.send(this.delegator, to, 'task_assign', { task: t, id, cost, requires, input });
  }

  private unassign(t: number): number {
    const from = this.assignee[t];
    if (from < 0) return from;
    this.outstanding[from].delete(t);
    this.pick.loadMs[from] -= this.durationMs(t, from);
    this.assignee[t] = -1;
    return from;
  }

  private check(): void {
    if (!this.net.isAlive(this.delegator)) {
      this.delegatorDown = true;
    } else {
      // Back from its own crash: the silence it saw was its own, not the workers'.
      if (this.delegatorDown) this.lastHeard.fill(this.net.now);
      this.delegatorDown = false;
      for (let w = 0; w < this.n; w++) {
        if (w === this.delegator || this.suspected[w] === 1) continue;
        if (this.net.now - this.lastHeard[w] > this.detectionMs) this.suspect(w);
      }
      this.assignWaiting();
    }
    if (this.completed < this.tasks.length) this.net.setTimer(this.delegator, this.heartbeatMs, CHECK);
  }

  private suspect(w: number): void {
    this.suspected[w] = 1;
    this.report.detections.push({ agent: this.swarm.agents[w].id, atMs: this.net.now });
    this.trace.engine(this.net.now, 'agentSuspected', this.delegator, w, {
      silentMs: this.net.now - this.lastHeard[w],
    });
    for (const t of [...this.outstanding[w]].sort((a, b) => a - b)) {
      this.unassign(t);
      this.report.reassignments++;
      const to = pickAgent(this.options.strategy, this.tasks[t], this.pick);
      this.trace.engine(this.net.now, 'taskReassigned', to, w, { task: this.tasks[t].id });
      if (to < 0) this.waiting.push(t);
      else this.assign(t, to);
    }
  }

  private rejoin(w: number): void {
    this.suspected[w] = 0;
    this.trace.engine(this.net.now, 'agentRejoined', this.delegator, w);
    this.assignWaiting();
  }

  private onHeartbeat(w: number, hb: HeartbeatPayload): void {
    const reported = new Set(hb.held);
    for (const [t, output, completion] of hb.results) {
      reported.add(t);
      this.record(t, output, completion, w);
    }
    if (hb.results.length > 0)
      this.net.send(this.delegator, w, 'heartbeat_ack', { tasks: hb.results.map((r) => r[0]) });
    // An assignment that had time to arrive (latency plus a reordering delay) but is not held was lost.
    const slackMs = 2 * this.net.config.latencyMsMax + 1;
    for (const t of this.outstanding[w]) {
      if (reported.has(t) || this.assignedAt[t] + slackMs >= hb.sentAtMs) continue;
      this.assignedAt[t] = this.net.now;
      this.report.resends++;
      this.trace.engine(this.net.now, 'taskResent', w, this.delegator, { task: this.tasks[t].id });
      this.sendAssignment(t, w);
    }
  }

  private record(t: number, output: number, completion: number, from: number): void {
    invariant(output === this.tasks[t].input * this.tasks[t].input, `result of ${this.tasks[t].id} is its input²`);
    if (this.doneAt[t] >= 0) {
      this.recordAgain(t, completion, from);
      return;
    }
    this.unassign(t);
    this.doneAt[t] = this.net.now;
    this.recordedCompletion[t] = completion;
    this.completed++;
    this.report.resultSum += output;
    this.trace.engine(this.net.now, 'resultRecorded', this.delegator, from, { task: this.tasks[t].id, output });
  }

  /** A result for a task already done: a copy of a known completion, or the task finished once more. */
  private recordAgain(t: number, completion: number, from: number): void {
    const extra = this.extraCompletions.get(t);
    if (completion === this.recordedCompletion[t] || extra?.has(completion)) {
      this.report.resultRetransmissions++;
      return;
    }
    if (extra) extra.add(completion);
    else {
      this.extraCompletions.set(t, new Set([completion]));
      this.report.duplicateResults++;
    }
    this.trace.engine(this.net.now, 'resultDuplicated', this.delegator, from, { task: this.tasks[t].id });
  }

  // ---- worker side ----

  private accept(w: number, t: number): void {
    if (this.running[w] === t || this.unacked[w].has(t) || this.finished[w].has(t) || this.queue[w].includes(t)) return;
    this.queue[w].push(t);
    if (this.running[w] < 0) this.startNext(w);
  }

  private startNext(w: number): void {
    const t = this.queue[w].shift();
    if (t === undefined) return;
    const ms = this.durationMs(t, w);
    this.running[w] = t;
    this.runningEndsAt[w] = this.net.now + ms;
    this.trace.engine(this.net.now, 'taskStarted', w, this.delegator, { task: this.tasks[t].id, durationMs: ms });
    this.net.setTimer(w, ms, t * 4 + FINISH);
  }

  private finishTask(w: number, t: number): void {
    // A stale timer: the worker lost this task in a crash and may be running something else.
    if (this.running[w] !== t || this.runningEndsAt[w] !== this.net.now) return;
    const output = this.tasks[t].input * this.tasks[t].input;
    this.busyMs[w] += this.durationMs(t, w);
    this.finishedCount[w]++;
    this.running[w] = -1;
    this.finished[w].add(t);
    const completion = this.nextCompletion++;
    this.unacked[w].set(t, [output, completion]);
    this.trace.engine(this.net.now, 'taskFinished', w, this.delegator, { task: this.tasks[t].id, output });
    this.net.send(w, this.delegator, 'task_result', { task: t, output, completion });
    this.startNext(w);
  }

  private heartbeat(w: number): void {
    const held = this.running[w] >= 0 ? [this.running[w], ...this.queue[w]] : [...this.queue[w]];
    const results = [...this.unacked[w]].map(([t, [output, completion]]): ResultEntry => [t, output, completion]);
    const hb: HeartbeatPayload = { held, results, sentAtMs: this.net.now };
    this.net.send(w, this.delegator, 'heartbeat', hb);
    this.net.setTimer(w, this.heartbeatMs, HEARTBEAT);
  }

  /** Simulated ms agent `w` needs for task `t`: cost at speed = weight. */
  private durationMs(t: number, w: number): number {
    return Math.ceil(this.tasks[t].cost / this.swarm.agents[w].weight);
  }

  private finish(): DelegationReport {
    const lost = this.tasks.length - this.completed;
    for (let t = 0; t < this.tasks.length; t++) {
      if (this.doneAt[t] < 0)
        this.trace.engine(this.net.now, 'taskLost', this.assignee[t], this.delegator, { task: this.tasks[t].id });
    }
    let first = Number.POSITIVE_INFINITY;
    let last = 0;
    for (let t = 0; t < this.tasks.length; t++) {
      first = Math.min(first, this.tasks[t].arrivalMs);
      last = Math.max(last, this.doneAt[t]);
    }
    const workers = this.swarm.agents.map((_, i) => i).filter((i) => i !== this.delegator);
    const busy = workers.map((w) => this.busyMs[w]);
    const mean = busy.reduce((s, b) => s + b, 0) / Math.max(1, busy.length);
    return {
      ...this.report,
      tasks: this.tasks.length,
      completed: this.completed,
      tasksLost: lost,
      makespanMs: this.completed > 0 ? last - first : 0,
      imbalance: mean > 0 ? Math.max(...busy) / mean : 1,
      detections: [...this.report.detections],
      perAgent: workers.map((w) => ({
        agent: this.swarm.agents[w].id,
        tasksFinished: this.finishedCount[w],
        busyMs: this.busyMs[w],
      })),
      messages: this.net.messagesSent - this.firstMessage,
    };
  }
}
