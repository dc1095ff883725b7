import type { Prng } from '../core/prng';
import type { SwarmCoordinator } from '../core/swarmCoordinator';
import type { Network } from '../network/network';
import type { Trace } from '../trace/trace';

/**
 * Everything a run of an engine gets: the swarm, the network it talks over
 * (already configured with latency, loss and the scenario's fault schedule), the
 * run's PRNG and its trace. Engines draw every random choice from `rng` and
 * report progress as a fraction in [0, 1]; `shouldStop()` is polled so that a
 * long run can be cancelled between steps.
 */
export interface RunContext {
  coordinator: SwarmCoordinator;
  network: Network;
  rng: Prng;
  trace: Trace;
  onProgress?: (fraction: number) => void;
  shouldStop?: () => boolean;
}
