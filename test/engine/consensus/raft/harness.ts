import type { Behaviour } from '../../../../src/engine/core/agent';
import { Prng } from '../../../../src/engine/core/prng';
import { makeAgent, SwarmCoordinator } from '../../../../src/engine/core/swarmCoordinator';
import type { TopologyBuilder } from '../../../../src/engine/core/topology';
import type { Fault, NetworkConfig } from '../../../../src/engine/network/faults';
import { Network } from '../../../../src/engine/network/network';
import type { RunContext } from '../../../../src/engine/runs/context';
import { Trace } from '../../../../src/engine/trace/trace';

export interface Setup {
  n: number;
  topology?: TopologyBuilder;
  config?: Partial<NetworkConfig>;
  faults?: Fault[];
  behaviours?: Behaviour[];
}

export const QUIET: NetworkConfig = {
  latencyMsMin: 5,
  latencyMsMax: 20,
  lossProbability: 0,
  duplicationProbability: 0,
  reorderProbability: 0,
};

/**
 * A run context as runScenario builds it: swarm, network following the topology, the
 * scenario's faults, independent streams for topology, network and engine.
 */
export function contextFor(seed: number, setup: Setup, record = false): RunContext {
  const root = new Prng(seed);
  const agents = Array.from({ length: setup.n }, (_, i) =>
    makeAgent(`agent-${i + 1}`, { behaviour: setup.behaviours?.[i] ?? 'honest' }),
  );
  const coordinator = SwarmCoordinator.fromTopology(setup.topology ?? { kind: 'mesh' }, setup.n, root.fork(1), agents);
  const trace = new Trace(record);
  const network = new Network(setup.n, { ...QUIET, ...setup.config }, root.fork(2), trace);
  network.followTopology(coordinator.agents.map((_, i) => coordinator.neighbourIndices(i)));
  for (const f of setup.faults ?? []) network.scheduleFault(f);
  coordinator.attach(network);
  return { coordinator, network, rng: root.fork(3), trace };
}
