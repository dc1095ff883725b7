import type { SwarmCoordinator } from '../core/swarmCoordinator';
import type { Scenario } from '../scenario';
import { behaviourWarnings } from './behaviourAdvice';
import { reachabilityWarnings } from './reachability';
import { adviseRun, isAggregateRun } from './registry';

/** A remark on a scenario that does not stop it from running — often the very lesson. */
export interface Warning {
  field: string;
  message: string;
}

/**
 * Checks what only the engines know (a Byzantine swarm too small for f, run
 * parameters out of range) before anything runs, so the editor can say it next
 * to the field; throws the first ValidationError. Returns the warnings: the run
 * kind's own (more malicious agents than f, …), then agents with no path of links
 * to where the run starts.
 */
export function adviseScenario(scenario: Scenario, swarm: SwarmCoordinator): Warning[] {
  const warnings = [...adviseRun(scenario, swarm), ...behaviourWarnings(scenario, swarm)];
  if (!isAggregateRun(scenario)) warnings.push(...reachabilityWarnings(scenario, swarm));
  return warnings;
}
