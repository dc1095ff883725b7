import { check, checkLimit } from '../core/errors';
import { MAX_SIM_TIME_MS, MAX_TASKS } from '../core/limits';
import type { RunContext } from '../runs/context';
import { MAX_VIRTUAL_NODES } from './consistentHashRing';
import { DELEGATION_STRATEGIES, type DelegationStrategy, type Task } from './strategies';
import { type DelegationReport, TaskDelegator } from './taskDelegator';

/** A delegation run as a scenario describes it (`run.kind: 'delegation'`). */
export interface DelegationParams {
  strategy: DelegationStrategy;
  /** How many tasks; they all arrive at the start. */
  tasks: number;
  /** Each task's cost is drawn uniformly from [min, max] ms (default [10, 100]). */
  taskCostMs?: [number, number];
  /** Crash one agent (by id) at a simulated time. */
  crash?: { agent: string; atMs: number };
  /** The delegating agent's id (default: the first agent). */
  delegator?: string;
  /** Probability that a task requires one of the capabilities the swarm advertises (default 0). */
  capabilityDemand?: number;
  heartbeatIntervalMs?: number;
  detectionTimeoutMs?: number;
  /** Simulated time after which unfinished tasks count as lost (default 600,000 ms). */
  maxTimeMs?: number;
  virtualNodes?: number;
}

export interface DelegationSummary extends DelegationReport {
  kind: 'delegation';
  delegator: string;
}

const isInt = (x: unknown, lo: number, hi: number): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;

/**
 * Checks delegation parameters, throwing a ValidationError whose field is the
 * path in the scenario (`run.strategy`, `run.taskCostMs[1]`, …).
 * @example validateDelegationParams({ strategy: 'weighted', tasks: 100 })
 */
export function validateDelegationParams(params: unknown): DelegationParams {
  check(typeof params === 'object' && params !== null, 'run', 'must be an object');
  const p = params as Record<string, unknown>;
  check(
    DELEGATION_STRATEGIES.includes(p.strategy as DelegationStrategy),
    'run.strategy',
    `must be one of ${DELEGATION_STRATEGIES.join(', ')}`,
  );
  check(isInt(p.tasks, 0, Number.MAX_SAFE_INTEGER), 'run.tasks', 'must be a whole number ≥ 0');
  checkLimit('MAX_TASKS', MAX_TASKS, p.tasks);
  if (p.taskCostMs !== undefined) {
    const c = p.taskCostMs as unknown[];
    check(Array.isArray(c) && c.length === 2, 'run.taskCostMs', 'must be a pair [minMs, maxMs]');
    check(isInt(c[0], 0, MAX_SIM_TIME_MS), 'run.taskCostMs[0]', 'must be a whole number of ms ≥ 0');
    check(isInt(c[1], c[0], MAX_SIM_TIME_MS), 'run.taskCostMs[1]', `must be a whole number of ms ≥ ${c[0]}`);
  }
  if (p.crash !== undefined) {
    const c = p.crash as Record<string, unknown>;
    check(typeof c === 'object' && c !== null, 'run.crash', 'must be { agent, atMs }');
    check(typeof c.agent === 'string' && c.agent.length > 0, 'run.crash.agent', 'must be an agent id');
    check(isInt(c.atMs, 0, MAX_SIM_TIME_MS), 'run.crash.atMs', 'must be a whole number of ms ≥ 0');
  }
  if (p.delegator !== undefined) check(typeof p.delegator === 'string', 'run.delegator', 'must be an agent id');
  if (p.capabilityDemand !== undefined) {
    const d = p.capabilityDemand;
    check(typeof d === 'number' && d >= 0 && d <= 1, 'run.capabilityDemand', 'must be a probability in [0, 1]');
  }
  const hb = p.heartbeatIntervalMs;
  if (hb !== undefined) check(isInt(hb, 1, MAX_SIM_TIME_MS), 'run.heartbeatIntervalMs', 'must be a whole number ≥ 1');
  if (p.detectionTimeoutMs !== undefined) {
    const min = (hb as number | undefined) ?? 100;
    check(isInt(p.detectionTimeoutMs, min + 1, MAX_SIM_TIME_MS), 'run.detectionTimeoutMs', `must be > ${min} ms`);
  }
  if (p.maxTimeMs !== undefined) check(isInt(p.maxTimeMs, 1, MAX_SIM_TIME_MS), 'run.maxTimeMs', 'must be ≥ 1 ms');
  if (p.virtualNodes !== undefined) {
    check(isInt(p.virtualNodes, 1, MAX_VIRTUAL_NODES), 'run.virtualNodes', `must be 1 to ${MAX_VIRTUAL_NODES}`);
  }
  return p as unknown as DelegationParams;
}

/**
 * `params.tasks` tasks with costs and (sometimes) a required capability drawn from the run's PRNG.
 * @example generateTasks(ctx, { strategy: 'weighted', tasks: 2 }) // [{ id: 'task-1', cost: 57, requires: [], arrivalMs: 0, input: 1 }, …]
 */
export function generateTasks(ctx: RunContext, params: DelegationParams): Task[] {
  const [lo, hi] = params.taskCostMs ?? [10, 100];
  const offered = [...new Set(ctx.coordinator.agents.flatMap((a) => a.capabilities))].sort();
  const demand = params.capabilityDemand ?? 0;
  return Array.from({ length: params.tasks }, (_, i) => ({
    id: `task-${i + 1}`,
    cost: ctx.rng.range(lo, hi),
    requires: offered.length > 0 && ctx.rng.chance(demand) ? [ctx.rng.pick(offered)] : [],
    arrivalMs: ctx.network.now,
    input: i + 1,
  }));
}

/**
 * Runs a delegation on the scenario's swarm and network (its fault plan already
 * scheduled): generates the tasks, optionally crashes `params.crash.agent`, and
 * runs until every task has a result or `maxTimeMs`.
 * @example runDelegation(ctx, { strategy: 'least-loaded', tasks: 1000, crash: { agent: 'agent-3', atMs: 500 } }).tasksLost // 0
 */
export function runDelegation(ctx: RunContext, params: DelegationParams): DelegationSummary {
  validateDelegationParams(params);
  const { coordinator: swarm, network: net } = ctx;
  check(swarm.size >= 2, 'topology.agentCount', 'a delegation needs a delegator and at least one worker');
  const delegator = params.delegator === undefined ? 0 : swarm.index(params.delegator);
  if (params.crash) {
    const agent = swarm.index(params.crash.agent);
    check(agent !== delegator, 'run.crash.agent', 'must not be the delegator (it is the one reliable agent)');
    net.scheduleFault({ kind: 'crash', atMs: Math.max(net.now, params.crash.atMs), agent });
  }
  const delegatorObj = new TaskDelegator(swarm, net, ctx.trace, {
    strategy: params.strategy,
    delegator,
    heartbeatIntervalMs: params.heartbeatIntervalMs,
    detectionTimeoutMs: params.detectionTimeoutMs,
    virtualNodes: params.virtualNodes,
  });
  delegatorObj.submit(generateTasks(ctx, params));
  const report = delegatorObj.run({
    maxTimeMs: params.maxTimeMs,
    shouldStop: ctx.shouldStop,
    onProgress: ctx.onProgress,
  });
  return { kind: 'delegation', delegator: swarm.agents[delegator].id, ...report };
}
