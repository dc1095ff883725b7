import { check } from '../core/errors';
import type { RunContext } from './context';

export interface FloodParams {
  /** Agent index that starts the flood. */
  origin: number;
}

export interface FloodSummary {
  kind: 'flood';
  origin: string;
  informed: number;
  agents: number;
  /** Agents alive when the flood ended: the most it could inform. */
  live: number;
  /** Simulated ms at which the last agent was informed (0 when only the origin knows). */
  lastInformedAtMs: number;
  messages: number;
}

/**
 * Flooding: the origin sends to its neighbours; every agent forwards the first
 * copy it receives to all its neighbours but the sender, and ignores later copies.
 * Silent (malicious) and crashed agents forward nothing.
 */
export function runFlood(ctx: RunContext, params: FloodParams): FloodSummary {
  const { coordinator: swarm, network: net, trace } = ctx;
  const n = swarm.size;
  check(params.origin >= 0 && params.origin < n, 'run.origin', 'must be an agent of the swarm');
  const informed = new Uint8Array(n);
  let count = 1;
  let lastInformedAtMs = 0;
  const forward = (agent: number, except: number) => {
    if (!net.isAlive(agent) || swarm.agents[agent].behaviour === 'silent') return;
    for (const to of swarm.neighbourIndices(agent)) if (to !== except) net.send(agent, to, 'flood');
  };
  net.handlers = {
    deliver(to, from) {
      if (informed[to] === 1) return;
      informed[to] = 1;
      count++;
      lastInformedAtMs = net.now;
      trace.engine(net.now, 'informed', to, from);
      ctx.onProgress?.(count / n);
      forward(to, from);
    },
  };
  informed[params.origin] = 1;
  trace.engine(net.now, 'informed', params.origin);
  forward(params.origin, -1);
  while (!ctx.shouldStop?.() && net.step()) {}
  return {
    kind: 'flood',
    origin: swarm.agents[params.origin].id,
    informed: count,
    agents: n,
    live: swarm.agents.filter((_, i) => net.isAlive(i)).length,
    lastInformedAtMs,
    messages: net.messagesSent,
  };
}
