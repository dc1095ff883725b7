import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/engine/core/errors';
import {
  ConsistentHashRing,
  DELEGATION_STRATEGIES,
  runDelegation,
  type Task,
  TaskDelegator,
  validateDelegationParams,
} from '../../../src/engine/delegation';
import { decodeAll } from '../../../src/engine/trace/trace';
import { engineEvents, makeContext } from './helpers';

const FULL = process.env.FULL === '1';

function tasks(costs: number[], requires: (i: number) => string[] = () => []): Task[] {
  return costs.map((cost, i) => ({ id: `task-${i + 1}`, cost, requires: requires(i), arrivalMs: 0, input: i + 1 }));
}

function finishedBy(ctx: ReturnType<typeof makeContext>): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of engineEvents(ctx, 'taskFinished')) {
    out.set((e.detail as { task: string }).task, ctx.coordinator.agents[e.agent].id);
  }
  return out;
}

describe('round-robin', () => {
  it('deals equal tasks evenly, in turn, skipping the delegator', () => {
    const ctx = makeContext(5);
    const d = new TaskDelegator(ctx.coordinator, ctx.network, ctx.trace, { strategy: 'round-robin' });
    d.submit(tasks(Array(40).fill(20)));
    const r = d.run();
    expect(r.tasksLost).toBe(0);
    expect(r.perAgent.map((a) => a.tasksFinished)).toEqual([10, 10, 10, 10]);
    expect(r.imbalance).toBe(1);
    const order = engineEvents(ctx, 'taskAssigned')
      .slice(0, 5)
      .map((e) => e.agent);
    expect(order).toEqual([1, 2, 3, 4, 1]);
    expect(r.resultSum).toBe(r.expectedResultSum);
    expect(r.makespanMs).toBeGreaterThanOrEqual(10 * 20);
  });
});

describe('least-loaded', () => {
  it('balances skewed costs that round-robin piles onto one agent', () => {
    // Every 4th task is heavy: round-robin gives all of them to the same worker.
    const costs = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 200 : 10));
    const run = (strategy: 'round-robin' | 'least-loaded') => {
      const ctx = makeContext(5);
      const d = new TaskDelegator(ctx.coordinator, ctx.network, ctx.trace, { strategy });
      d.submit(tasks(costs));
      return d.run();
    };
    const rr = run('round-robin');
    const ll = run('least-loaded');
    expect(rr.imbalance).toBeGreaterThan(2.5);
    expect(ll.imbalance).toBeLessThan(1.2);
    expect(ll.makespanMs).toBeLessThan(rr.makespanMs / 2);
    expect(ll.tasksLost + rr.tasksLost).toBe(0);
  });
});

describe('capability', () => {
  const agents = [
    {},
    { capabilities: ['gpu'] },
    { capabilities: ['gpu', 'cpu', 'io'] },
    { capabilities: ['cpu'] },
    { capabilities: [] },
  ];

  it('gives a task only to agents that advertise everything it requires, the closest match first', () => {
    const ctx = makeContext(agents);
    const d = new TaskDelegator(ctx.coordinator, ctx.network, ctx.trace, { strategy: 'capability' });
    d.submit(tasks([10, 10, 10, 10], (i) => [['gpu'], ['cpu'], ['gpu', 'io'], []][i]));
    expect(d.run().tasksLost).toBe(0);
    expect(Object.fromEntries(finishedBy(ctx))).toEqual({
      'task-1': 'agent-2', // gpu: the gpu-only specialist, not the generalist
      'task-2': 'agent-4', // cpu: the cpu-only specialist
      'task-3': 'agent-3', // gpu + io: only the generalist has both
      'task-4': 'agent-5', // nothing required: the agent with no capabilities
    });
  });

  it('every strategy honours required capabilities; a task nobody can do is lost', () => {
    for (const strategy of DELEGATION_STRATEGIES) {
      const ctx = makeContext(agents, 7);
      const d = new TaskDelegator(ctx.coordinator, ctx.network, ctx.trace, { strategy });
      d.submit(
        tasks(Array(30).fill(15), (i) => (i === 29 ? ['quantum'] : i % 3 === 0 ? ['gpu'] : i % 3 === 1 ? ['cpu'] : [])),
      );
      const r = d.run({ maxTimeMs: 5_000 });
      expect(r.tasksLost, strategy).toBe(1);
      for (const [task, agent] of finishedBy(ctx)) {
        const i = Number(task.slice(5)) - 1;
        const need = i % 3 === 0 ? 'gpu' : i % 3 === 1 ? 'cpu' : undefined;
        if (need) expect(ctx.coordinator.agent(agent).capabilities, `${strategy} ${task}`).toContain(need);
      }
      expect(engineEvents(ctx, 'taskLost').map((e) => (e.detail as { task: string }).task)).toEqual(['task-30']);
    }
  });
});

describe('weighted', () => {
  it('shares tasks in proportion to weight, and beats round-robin on uneven speeds', () => {
    const agents = [{}, { weight: 1 }, { weight: 2 }, { weight: 3 }];
    const ctx = makeContext(agents);
    const d = new TaskDelegator(ctx.coordinator, ctx.network, ctx.trace, { strategy: 'weighted' });
    d.submit(tasks(Array(60).fill(30)));
    const r = d.run();
    expect(r.perAgent.map((a) => a.tasksFinished)).toEqual([10, 20, 30]);
    const rrCtx = makeContext(agents);
    const rr = new TaskDelegator(rrCtx.coordinator, rrCtx.network, rrCtx.trace, { strategy: 'round-robin' });
    rr.submit(tasks(Array(60).fill(30)));
    expect(r.makespanMs).toBeLessThan(rr.run().makespanMs * 0.7);
  });
});

describe('consistent-hash', () => {
  it('a joining agent takes ~1/n of the keys, and every moved key moves to it', () => {
    for (const n of [5, 10, 20]) {
      const ring = new ConsistentHashRing(64);
      for (let i = 0; i < n; i++) ring.add(`agent-${i + 1}`, i);
      const keys = Array.from({ length: 5000 }, (_, k) => `task-${k + 1}`);
      const before = keys.map((k) => ring.lookup(k));
      ring.add(`agent-${n + 1}`, n);
      const after = keys.map((k) => ring.lookup(k));
      const moved = keys.filter((_, k) => before[k] !== after[k]);
      for (let k = 0; k < keys.length; k++) if (before[k] !== after[k]) expect(after[k]).toBe(n);
      const share = moved.length / keys.length;
      expect(share, `n = ${n}`).toBeGreaterThan(0.5 / (n + 1));
      expect(share, `n = ${n}`).toBeLessThan(1.6 / (n + 1));
      ring.remove(`agent-${n + 1}`);
      expect(keys.map((k) => ring.lookup(k))).toEqual(before);
    }
  });

  it('the ring does not depend on join order', () => {
    const a = new ConsistentHashRing(16);
    const b = new ConsistentHashRing(16);
    for (let i = 0; i < 8; i++) a.add(`agent-${i}`, i);
    for (let i = 7; i >= 0; i--) b.add(`agent-${i}`, i);
    for (let k = 0; k < 500; k++) expect(a.lookup(`k${k}`)).toBe(b.lookup(`k${k}`));
  });

  it('in the delegator: one more agent moves only its share of the tasks, all to the newcomer', () => {
    const assign = (n: number) => {
      const ctx = makeContext(n + 1);
      const d = new TaskDelegator(ctx.coordinator, ctx.network, ctx.trace, { strategy: 'consistent-hash' });
      d.submit(tasks(Array(400).fill(5)));
      expect(d.run().tasksLost).toBe(0);
      return finishedBy(ctx);
    };
    const before = assign(10);
    const after = assign(11);
    const moved = [...before.keys()].filter((t) => before.get(t) !== after.get(t));
    expect(moved.every((t) => after.get(t) === 'agent-12')).toBe(true);
    expect(moved.length / 400).toBeGreaterThan(0.04);
    expect(moved.length / 400).toBeLessThan(0.16);
  });
});

describe('crash and reassignment', () => {
  it.each(DELEGATION_STRATEGIES)('%s: a crashed worker is detected, its tasks reassigned, 0 tasks lost', (strategy) => {
    const ctx = makeContext(8, 3);
    const r = runDelegation(ctx, {
      strategy,
      tasks: 300,
      taskCostMs: [10, 60],
      crash: { agent: 'agent-3', atMs: 400 },
    });
    expect(r.tasksLost).toBe(0);
    expect(r.completed).toBe(300);
    expect(r.resultSum).toBe(r.expectedResultSum);
    expect(r.reassignments).toBeGreaterThan(0);
    expect(r.detections.map((x) => x.agent)).toEqual(['agent-3']);
    // Detected after the timeout and within one more check interval.
    expect(r.detections[0].atMs).toBeGreaterThan(400 + 350 - 100);
    expect(r.detections[0].atMs).toBeLessThanOrEqual(400 + 350 + 100 + 50);
    const reassigned = engineEvents(ctx, 'taskReassigned');
    expect(reassigned.length).toBe(r.reassignments);
    expect(reassigned.every((e) => e.peer === 2 && e.agent !== 2 && e.agent >= 1)).toBe(true);
    // Nothing the crashed agent finished after its crash counts.
    const late = engineEvents(ctx, 'taskFinished').filter((e) => e.agent === 2 && e.t > 400);
    expect(late).toEqual([]);
  });

  it('tasks of the only capable agent wait for it and are lost only if it never returns', () => {
    const agents = [{}, { capabilities: ['gpu'] }, {}, {}];
    const gpuTasks = (i: number) => (i % 2 === 0 ? ['gpu'] : []);
    const run = (recoverAtMs?: number) => {
      const ctx = makeContext(agents, 5);
      ctx.network.scheduleFault({ kind: 'crash', atMs: 100, agent: 1 });
      if (recoverAtMs !== undefined) ctx.network.scheduleFault({ kind: 'recover', atMs: recoverAtMs, agent: 1 });
      const d = new TaskDelegator(ctx.coordinator, ctx.network, ctx.trace, { strategy: 'least-loaded' });
      d.submit(tasks(Array(20).fill(40), gpuTasks));
      return d.run({ maxTimeMs: 20_000 });
    };
    const never = run();
    expect(never.tasksLost).toBeGreaterThan(0);
    expect(never.completed + never.tasksLost).toBe(20);
    const back = run(3_000);
    expect(back.tasksLost).toBe(0);
    expect(back.resultSum).toBe(back.expectedResultSum);
  });

  it('survives loss, duplication, reordering and a crash: 0 lost, results aggregated exactly once', () => {
    const seeds = FULL ? 200 : 25;
    for (let seed = 1; seed <= seeds; seed++) {
      const strategy = DELEGATION_STRATEGIES[seed % DELEGATION_STRATEGIES.length];
      const ctx = makeContext(
        6 + (seed % 10),
        seed,
        {
          lossProbability: 0.1,
          duplicationProbability: 0.05,
          reorderProbability: 0.1,
        },
        false,
      );
      const r = runDelegation(ctx, {
        strategy,
        tasks: 120,
        taskCostMs: [5, 50],
        crash: { agent: `agent-${2 + (seed % 4)}`, atMs: 50 + ((seed * 37) % 400) },
      });
      expect(r.tasksLost, `seed ${seed} ${strategy}`).toBe(0);
      expect(r.resultSum, `seed ${seed} ${strategy}`).toBe(r.expectedResultSum);
    }
  });
});

/**
 * Read from the network's record, not from the engine: every result that reached the delegator,
 * as `task:completion` (a task_result message or an entry of a heartbeat). Tasks with two
 * distinct completions were finished twice; the other deliveries are retransmissions.
 */
function resultsDelivered(ctx: ReturnType<typeof makeContext>, delegator = 0) {
  const seen: string[] = [];
  for (const e of decodeAll(ctx.trace.columns())) {
    if (e.kind !== 'messageDelivered' || e.to !== delegator) continue;
    if (e.tag === 'task_result') {
      const { task, completion } = e.payload as { task: number; completion: number };
      seen.push(`${task}:${completion}`);
    } else if (e.tag === 'heartbeat') {
      for (const [task, , completion] of (e.payload as { results: number[][] }).results)
        seen.push(`${task}:${completion}`);
    }
  }
  const distinct = new Set(seen);
  const perTask = new Map<string, number>();
  for (const key of distinct) perTask.set(key.split(':')[0], (perTask.get(key.split(':')[0]) ?? 0) + 1);
  return {
    tasksFinishedTwice: [...perTask.values()].filter((n) => n > 1).length,
    retransmissions: seen.length - distinct.size,
  };
}

/** Tasks the trace shows finished (taskFinished) by more than one worker or more than once. */
function finishedMoreThanOnce(ctx: ReturnType<typeof makeContext>): number {
  const count = new Map<string, number>();
  for (const e of engineEvents(ctx, 'taskFinished')) {
    const task = (e.detail as { task: string }).task;
    count.set(task, (count.get(task) ?? 0) + 1);
  }
  return [...count.values()].filter((n) => n > 1).length;
}

describe('duplicate results and retransmissions', () => {
  it('a reliable network with no reassignment: 0 duplicates; re-sent results are counted as retransmissions', () => {
    for (const seed of [1, 8, 21]) {
      const ctx = makeContext(10, seed, { latencyMsMin: 5, latencyMsMax: 40 });
      const r = runDelegation(ctx, { strategy: 'least-loaded', tasks: 100 });
      expect(r.reassignments, `seed ${seed}`).toBe(0);
      expect(r.duplicateResults, `seed ${seed}`).toBe(0);
      expect(finishedMoreThanOnce(ctx), `seed ${seed}`).toBe(0);
      // Heartbeats carry each result until its ack arrives, so copies do reach the delegator.
      const delivered = resultsDelivered(ctx);
      expect(delivered.tasksFinishedTwice).toBe(0);
      expect(r.resultRetransmissions, `seed ${seed}`).toBe(delivered.retransmissions);
      expect(r.resultRetransmissions, `seed ${seed}`).toBeGreaterThan(0);
      expect(r.resultSum).toBe(r.expectedResultSum);
    }
  });

  it('network duplication adds retransmissions, never duplicates', () => {
    const ctx = makeContext(6, 4, { duplicationProbability: 0.3 });
    const r = runDelegation(ctx, { strategy: 'round-robin', tasks: 60 });
    expect(r.reassignments).toBe(0);
    expect(r.duplicateResults).toBe(0);
    expect(r.resultRetransmissions).toBe(resultsDelivered(ctx).retransmissions);
  });

  it('a worker declared down that was only cut off finishes its reassigned tasks too: counted once per task', () => {
    for (const seed of [1, 2, 3]) {
      const ctx = makeContext(4, seed);
      // agent-2 is cut off long enough to look crashed, keeps working, and comes back.
      ctx.network.scheduleFault({ kind: 'partition', atMs: 200, groups: [[1]] });
      ctx.network.scheduleFault({ kind: 'heal', atMs: 900 });
      const r = runDelegation(ctx, { strategy: 'round-robin', tasks: 120, taskCostMs: [20, 20] });
      expect(r.detections.map((d) => d.agent)).toEqual(['agent-2']);
      expect(r.reassignments).toBeGreaterThan(0);
      const delivered = resultsDelivered(ctx);
      expect(r.duplicateResults, `seed ${seed}`).toBeGreaterThan(0);
      expect(r.duplicateResults, `seed ${seed}`).toBe(delivered.tasksFinishedTwice);
      expect(r.resultRetransmissions, `seed ${seed}`).toBe(delivered.retransmissions);
      // Some second finishings had not reached the delegator when the last task was recorded.
      expect(r.duplicateResults).toBeLessThanOrEqual(finishedMoreThanOnce(ctx));
      expect(engineEvents(ctx, 'resultDuplicated').length).toBe(r.duplicateResults);
      // Aggregated once all the same.
      expect(r.completed).toBe(120);
      expect(r.resultSum).toBe(r.expectedResultSum);
    }
  });

  it('a crash followed by reassignment and recovery: the crashed worker lost its queue, so nothing is done twice', () => {
    const ctx = makeContext(4, 2);
    ctx.network.scheduleFault({ kind: 'crash', atMs: 200, agent: 1 });
    ctx.network.scheduleFault({ kind: 'recover', atMs: 700, agent: 1 });
    const r = runDelegation(ctx, { strategy: 'round-robin', tasks: 120, taskCostMs: [20, 20] });
    expect(r.detections.map((d) => d.agent)).toEqual(['agent-2']);
    expect(r.reassignments).toBeGreaterThan(0);
    expect(engineEvents(ctx, 'agentRejoined').map((e) => e.peer)).toEqual([1]);
    expect(finishedMoreThanOnce(ctx)).toBe(0);
    expect(r.duplicateResults).toBe(0);
    expect(r.resultRetransmissions).toBe(resultsDelivered(ctx).retransmissions);
  });
});

describe('runDelegation', () => {
  it('is deterministic for a seed', () => {
    const go = () => {
      const ctx = makeContext(10, 42, { lossProbability: 0.05 });
      const r = runDelegation(ctx, { strategy: 'weighted', tasks: 200, crash: { agent: 'agent-4', atMs: 300 } });
      return { r, hash: ctx.trace.hash() };
    };
    const a = go();
    const b = go();
    expect(a.hash).toBe(b.hash);
    expect(a.r).toEqual(b.r);
    expect(JSON.parse(JSON.stringify(a.r))).toEqual(a.r);
  });

  it('traces every step of a task', () => {
    const ctx = makeContext(4);
    runDelegation(ctx, { strategy: 'round-robin', tasks: 3, crash: { agent: 'agent-2', atMs: 1 } });
    const names = new Set(engineEvents(ctx).map((e) => e.name));
    for (const n of [
      'taskAssigned',
      'taskStarted',
      'taskFinished',
      'taskReassigned',
      'agentSuspected',
      'resultRecorded',
    ]) {
      expect(names, n).toContain(n);
    }
  });

  it('reports an empty run sensibly', () => {
    const r = runDelegation(makeContext(3), { strategy: 'least-loaded', tasks: 0 });
    expect(r).toMatchObject({ tasks: 0, completed: 0, tasksLost: 0, makespanMs: 0, imbalance: 1 });
  });

  it('validates with scenario paths', () => {
    const bad: [unknown, string][] = [
      [{ strategy: 'random', tasks: 1 }, 'run.strategy'],
      [{ strategy: 'weighted', tasks: -1 }, 'run.tasks'],
      [{ strategy: 'weighted', tasks: 1, taskCostMs: [50, 10] }, 'run.taskCostMs[1]'],
      [{ strategy: 'weighted', tasks: 1, crash: { agent: '', atMs: 0 } }, 'run.crash.agent'],
      [{ strategy: 'weighted', tasks: 1, heartbeatIntervalMs: 100, detectionTimeoutMs: 100 }, 'run.detectionTimeoutMs'],
      [{ strategy: 'weighted', tasks: 1_000_001 }, 'run.tasks'],
      [{ strategy: 'weighted', tasks: 1, heartbeat: 50 }, 'run.heartbeat'],
      [{ strategy: 'weighted', tasks: 1, delegator: '' }, 'run.delegator'],
      [
        { strategy: 'weighted', tasks: 1, delegator: 'agent-2', crash: { agent: 'agent-2', atMs: 0 } },
        'run.crash.agent',
      ],
      [{ strategy: 'weighted', tasks: 1, virtualNodes: 1025 }, 'run.virtualNodes'],
    ];
    for (const [params, field] of bad) {
      const err = (() => {
        try {
          validateDelegationParams(params);
        } catch (e) {
          return e;
        }
      })();
      expect(err, field).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).field).toBe(field);
    }
    expect(() =>
      runDelegation(makeContext(3), { strategy: 'weighted', tasks: 1, crash: { agent: 'agent-1', atMs: 0 } }),
    ).toThrow('run.crash.agent');
    expect(() => runDelegation(makeContext(3), { strategy: 'weighted', tasks: 1, delegator: 'agent-9' })).toThrow(
      'run.delegator: is not the id of any agent',
    );
  });
});
