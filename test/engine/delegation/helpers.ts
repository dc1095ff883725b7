import type { Agent } from '../../../src/engine/core/agent';
import { Prng } from '../../../src/engine/core/prng';
import { makeAgent, SwarmCoordinator } from '../../../src/engine/core/swarmCoordinator';
import { DEFAULT_NETWORK, type NetworkConfig } from '../../../src/engine/network/faults';
import { Network } from '../../../src/engine/network/network';
import type { RunContext } from '../../../src/engine/runs/context';
import { decodeAll, Trace } from '../../../src/engine/trace/trace';

/** A run context over `agents` (index 0 delegates by default) on a fresh network. */
export function makeContext(
  agents: number | Partial<Agent>[],
  seed = 1,
  config: Partial<NetworkConfig> = {},
  record = true,
): RunContext {
  const list: Partial<Agent>[] = typeof agents === 'number' ? Array.from({ length: agents }, () => ({})) : agents;
  const swarm = new SwarmCoordinator(list.map((a, i) => makeAgent(a.id ?? `agent-${i + 1}`, a)));
  const rng = new Prng(seed);
  const trace = new Trace(record);
  const network = new Network(swarm.size, { ...DEFAULT_NETWORK, ...config }, rng.fork(2), trace);
  swarm.attach(network);
  return { coordinator: swarm, network, rng: rng.fork(3), trace };
}

/** The engine events of a run, by name. */
export function engineEvents(ctx: RunContext, name?: string) {
  return decodeAll(ctx.trace.columns()).filter(
    (e): e is Extract<typeof e, { kind: 'engine' }> => e.kind === 'engine' && (name === undefined || e.name === name),
  );
}
