import { check } from '../core/errors';
import { MAX_SIM_TIME_MS, MAX_TASKS } from '../core/limits';
import type { RunContext } from '../runs/context';
import { MAX_VIRTUAL_NODES } from './consistentHashRing';
import { DELEGATION_STRATEGIES, type DelegationStrategy, type Task } from './strategies';
import { DEFAULT_HEARTBEAT_INTERVAL_MS, type DelegationReport, TaskDelegator } from './taskDelegator';

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
  /** How often workers heartbeat and the delegator checks for silence (default 100 ms). */
  heartbeatIntervalMs?: number;
  /** Silence after which a worker is declared down; longer than the heartbeat (default 3 × heartbeat + 50 ms). */
  detectionTimeoutMs?: number;
  /** Simulated time after which unfinished tasks count as lost (default 600,000 ms). */
  maxTimeMs?: number;
  /** Points per worker on the consistent-hash ring (default 64). */
  virtualNodes?: number;
}

export interface DelegationSummary extends DelegationReport {
  kind: 'delegation';
  delegator: string;
}

/** Every parameter of a delegation run block; validateDelegationParams refuses any other key. */
export const DELEGATION_PARAMS = [
  'strategy',
  'tasks',
  'taskCostMs',
  'crash',
  'delegator',
  'capabilityDemand',
  'heartbeatIntervalMs',
  'detectionTimeoutMs',
  'maxTimeMs',
  'virtualNodes',
] as const satisfies readonly (keyof DelegationParams)[];

const KNOWN = new Set<string>(['kind', ...DELEGATION_PARAMS]);

const isInt = (x: unknown, lo: number, hi: number): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;

const isId = (x: unknown): x is string => typeof x === 'string' && x.length > 0;

/** `1000000` ⇒ `1,000,000`, the same on every machine. */
const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Checks delegation parameters, throwing a ValidationError whose field is the
 * path in the scenario (`run.strategy`, `run.taskCostMs[1]`, …). Unknown keys are
 * refused, so a misspelt parameter is never silently ignored.
 * @example validateDelegationParams({ strategy: 'weighted', tasks: 100 })
 */
export function validateDelegationParams(params: unknown): DelegationParams {
  check(typeof params === 'object' && params !== null && !Array.isArray(params), 'run', 'must be an object');
  const p = params as Record<string, unknown>;
  for (const key of Object.keys(p)) check(KNOWN.has(key), `run.${key}`, 'is not a delegation parameter');
  check(p.kind === undefined || p.kind === 'delegation', 'run.kind', "must be 'delegation'");
  check(
    DELEGATION_STRATEGIES.includes(p.strategy as DelegationStrategy),
    'run.strategy',
    `must be one of ${DELEGATION_STRATEGIES.join(', ')}`,
  );
  check(isInt(p.tasks, 0, MAX_TASKS), 'run.tasks', `must be a whole number from 0 to ${fmt(MAX_TASKS)}`);
  if (p.taskCostMs !== undefined) {
    const c = p.taskCostMs as unknown[];
    check(Array.isArray(c) && c.length === 2, 'run.taskCostMs', 'must be a pair [minMs, maxMs]');
    const ms = `ms, at most ${fmt(MAX_SIM_TIME_MS)}`;
    check(isInt(c[0], 0, MAX_SIM_TIME_MS), 'run.taskCostMs[0]', `must be a whole number of ${ms}`);
    check(isInt(c[1], c[0], MAX_SIM_TIME_MS), 'run.taskCostMs[1]', `must be a whole number ≥ ${c[0]} ${ms}`);
  }
  if (p.delegator !== undefined) check(isId(p.delegator), 'run.delegator', 'must be an agent id');
  if (p.crash !== undefined) {
    const c = p.crash as Record<string, unknown>;
    check(typeof c === 'object' && c !== null && !Array.isArray(c), 'run.crash', 'must be { agent, atMs }');
    for (const key of Object.keys(c)) check(key === 'agent' || key === 'atMs', `run.crash.${key}`, 'is not a field');
    check(isId(c.agent), 'run.crash.agent', 'must be an agent id');
    check(c.agent !== p.delegator, 'run.crash.agent', 'must not be the delegator (it is the one reliable agent)');
    check(
      isInt(c.atMs, 0, MAX_SIM_TIME_MS),
      'run.crash.atMs',
      `must be a whole number of ms ≤ ${fmt(MAX_SIM_TIME_MS)}`,
    );
  }
  if (p.capabilityDemand !== undefined) {
    const d = p.capabilityDemand;
    check(typeof d === 'number' && d >= 0 && d <= 1, 'run.capabilityDemand', 'must be a probability in [0, 1]');
  }
  checkTimes(p);
  if (p.virtualNodes !== undefined) {
    check(isInt(p.virtualNodes, 1, MAX_VIRTUAL_NODES), 'run.virtualNodes', `must be 1 to ${fmt(MAX_VIRTUAL_NODES)}`);
  }
  return p as unknown as DelegationParams;
}

/** Heartbeat period, detection timeout (longer than the period) and the run's time limit. */
function checkTimes(p: Record<string, unknown>): void {
  const upTo = `ms, at most ${fmt(MAX_SIM_TIME_MS)}`;
  const hb = p.heartbeatIntervalMs;
  if (hb !== undefined) check(isInt(hb, 1, MAX_SIM_TIME_MS), 'run.heartbeatIntervalMs', `must be 1 to ${upTo}`);
  if (p.detectionTimeoutMs !== undefined) {
    const min = (hb as number | undefined) ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
    const rule = `must be longer than the heartbeat interval (${fmt(min)} ms): ${fmt(min + 1)} to ${upTo}`;
    check(isInt(p.detectionTimeoutMs, min + 1, MAX_SIM_TIME_MS), 'run.detectionTimeoutMs', rule);
  }
  if (p.maxTimeMs !== undefined) check(isInt(p.maxTimeMs, 1, MAX_SIM_TIME_MS), 'run.maxTimeMs', `must be 1 to ${upTo}`);
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

/** The swarm index of agent `id`, refused with the field that named it. */
function agentIndex(ctx: RunContext, id: string, field: string): number {
  check(ctx.coordinator.has(id), field, `is not the id of any agent ("${id}")`);
  return ctx.coordinator.index(id);
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
  const delegator = params.delegator === undefined ? 0 : agentIndex(ctx, params.delegator, 'run.delegator');
  if (params.crash) {
    const agent = agentIndex(ctx, params.crash.agent, 'run.crash.agent');
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
