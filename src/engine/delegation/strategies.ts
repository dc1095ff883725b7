import type { Agent } from '../core/agent';
import type { ConsistentHashRing } from './consistentHashRing';

/** How the delegator picks an agent for a task (string values as the issue names them). */
export type DelegationStrategy = 'round-robin' | 'least-loaded' | 'capability' | 'weighted' | 'consistent-hash';

export const DELEGATION_STRATEGIES: readonly DelegationStrategy[] = [
  'round-robin',
  'least-loaded',
  'capability',
  'weighted',
  'consistent-hash',
];

/** A unit of work: `cost` ms of work at speed 1 (an agent of weight w takes cost / w ms). */
export interface Task {
  id: string;
  cost: number;
  /** Capabilities the agent must advertise (all of them). */
  requires: string[];
  /** Simulated ms at which the task reaches the delegator. */
  arrivalMs: number;
  /** What the task computes on; its result is `input * input`, summed by the delegator. */
  input: number;
}

/** What the delegator knows when it chooses: the agents, which it may use, and their queued work. */
export interface PickContext {
  agents: readonly Agent[];
  /** True for agents the delegator believes alive and that may take tasks. */
  usable: (index: number) => boolean;
  /** Outstanding work (ms) the delegator has given each agent and not yet seen finished. */
  loadMs: Float64Array;
  ring: ConsistentHashRing;
  /** Mutable strategy state (the round-robin cursor, the weighted credits). */
  state: { cursor: number; credit: Float64Array };
}

/**
 * Whether `agent` advertises every capability `task` requires.
 * @example isCapable(makeAgent('a', { capabilities: ['gpu', 'io'] }), { ...task, requires: ['gpu'] }) // true
 */
export function isCapable(agent: Agent, task: Task): boolean {
  return task.requires.every((c) => agent.capabilities.includes(c));
}

/**
 * The agent index `strategy` gives `task` to, or -1 when no usable agent is
 * capable. Every strategy honours `requires`; they differ in how they choose
 * among the capable:
 * - round-robin: the next capable agent after the last one chosen.
 * - least-loaded: the least outstanding work (ms), then the lowest index.
 * - capability: the closest match (fewest capabilities beyond those required, keeping
 *   generalists free for tasks only they can do), then least-loaded.
 * - weighted: smooth weighted round-robin, so shares are proportional to weight.
 * - consistent-hash: the task id's owner on the ring, walking on past unusable agents.
 * @example pickAgent('least-loaded', task, ctx) // 3
 */
export function pickAgent(strategy: DelegationStrategy, task: Task, ctx: PickContext): number {
  const ok = (i: number) => ctx.usable(i) && isCapable(ctx.agents[i], task);
  switch (strategy) {
    case 'round-robin':
      return roundRobin(ctx, ok);
    case 'least-loaded':
      return best(ctx.agents.length, ok, (i) => ctx.loadMs[i]);
    case 'capability':
      return best(
        ctx.agents.length,
        ok,
        (i) => ctx.agents[i].capabilities.length - task.requires.length,
        (i) => ctx.loadMs[i],
      );
    case 'weighted':
      return weighted(ctx, ok);
    case 'consistent-hash':
      return ctx.ring.lookup(task.id, ok);
  }
}

function roundRobin(ctx: PickContext, ok: (i: number) => boolean): number {
  const n = ctx.agents.length;
  for (let step = 0; step < n; step++) {
    const i = (ctx.state.cursor + step) % n;
    if (ok(i)) {
      ctx.state.cursor = (i + 1) % n;
      return i;
    }
  }
  return -1;
}

/** The index with the smallest key (then second key, then index); -1 when none is ok. */
function best(n: number, ok: (i: number) => boolean, key: (i: number) => number, then?: (i: number) => number): number {
  let chosen = -1;
  for (let i = 0; i < n; i++) {
    if (!ok(i)) continue;
    if (chosen < 0) {
      chosen = i;
      continue;
    }
    const d = key(i) - key(chosen);
    if (d < 0 || (d === 0 && then !== undefined && then(i) < then(chosen))) chosen = i;
  }
  return chosen;
}

/** nginx's smooth weighted round-robin over the usable agents: deterministic, interleaved, exact shares. */
function weighted(ctx: PickContext, ok: (i: number) => boolean): number {
  const { credit } = ctx.state;
  let total = 0;
  let chosen = -1;
  for (let i = 0; i < ctx.agents.length; i++) {
    if (!ok(i)) continue;
    const w = ctx.agents[i].weight;
    credit[i] += w;
    total += w;
    if (chosen < 0 || credit[i] > credit[chosen]) chosen = i;
  }
  if (chosen >= 0) credit[chosen] -= total;
  return chosen;
}
