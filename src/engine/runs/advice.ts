import { byzantineSizeRule } from '../consensus/byzantine';
import { plannedParticipants, validateConsensusParams, validateRumorParams } from '../consensus/runs';
import { ValidationError } from '../core/errors';
import type { SwarmCoordinator } from '../core/swarmCoordinator';
import { validateDelegationParams } from '../delegation/runDelegation';
import type { Scenario } from '../scenario';
import { validateSyncParams } from '../sync/runSync';
import { reachabilityWarnings } from './reachability';
import { validateReplicatedStateParams } from './replicatedState';

/** A remark on a scenario that does not stop it from running — often the very lesson. */
export interface Warning {
  field: string;
  message: string;
}

/**
 * Checks what only the engines know (a Byzantine swarm too small for f, run
 * parameters out of range) before anything runs, so the editor can say it next
 * to the field; throws the first ValidationError. Returns the warnings: more
 * malicious agents than f, agents with no path of links to where the run starts.
 */
export function adviseScenario(scenario: Scenario, swarm: SwarmCoordinator): Warning[] {
  const run = scenario.run;
  const { kind: _kind, ...params } = run;
  const warnings: Warning[] = [];
  switch (run.kind) {
    case 'consensus': {
      validateConsensusParams(params, { participants: plannedParticipants(scenario) });
      if (run.algorithm === 'byzantine') warnings.push(...byzantineAdvice(scenario, run.faultTolerance ?? 1));
      break;
    }
    case 'rumor':
      validateRumorParams(params);
      break;
    case 'replicated-state':
      validateReplicatedStateParams(params);
      break;
    case 'sync':
      validateSyncParams(params);
      break;
    case 'delegation':
      validateDelegationParams(params);
      break;
    case 'flood':
      break;
  }
  const aggregate = run.kind === 'rumor' && run.agentCount !== undefined;
  if (!aggregate) warnings.push(...reachabilityWarnings(scenario, swarm));
  return warnings;
}

function byzantineAdvice(scenario: Scenario, f: number): Warning[] {
  const run = scenario.run as Extract<Scenario['run'], { kind: 'consensus' }>;
  const crashedAtStart = new Set(
    scenario.network.faults
      .filter((x) => x.kind === 'crash' && x.atMs === 0)
      .map((x) => (x as { agent: string }).agent),
  );
  const ids = run.participants ?? scenario.topology.agents.map((a) => a.id).filter((id) => !crashedAtStart.has(id));
  const n = ids.length;
  if (n < 3 * f + 1) throw new ValidationError('run.faultTolerance', byzantineSizeRule(f, n));
  const byId = new Map(scenario.topology.agents.map((a) => [a.id, a]));
  const malicious = ids.filter((id) => (byId.get(id)?.behaviour ?? 'honest') !== 'honest').length;
  if (malicious <= f) return [];
  return [
    {
      field: 'run.faultTolerance',
      message: `${malicious} of ${n} agents are malicious: more than f = ${f}; safety is not guaranteed (try "Find a counterexample").`,
    },
  ];
}
