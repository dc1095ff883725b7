/**
 * The behaviours a run kind does not model, said before the run: each kind's meta lists what the
 * behaviours it models do (`RunKindMeta.behaviours`); an agent set to any other behaviour takes
 * part as an honest one, and this warning names it, so a behaviour the user set is never
 * ignored unsaid.
 */
import type { MaliciousBehaviour } from '../core/agent';
import type { SwarmCoordinator } from '../core/swarmCoordinator';
import type { Scenario } from '../scenario';
import type { Warning } from './advice';
import { behaviourWordsOf, metaOf, runName } from './catalogue';
import { agentNames } from './reachability';

/** Agents whose behaviour the scenario's run kind does not model, grouped by behaviour. */
export function unmodelledBehaviours(scenario: Scenario, swarm: SwarmCoordinator): Map<MaliciousBehaviour, string[]> {
  const words = behaviourWordsOf(scenario.run);
  const out = new Map<MaliciousBehaviour, string[]>();
  if (!words) return out;
  for (const agent of swarm.agents) {
    if (agent.behaviour === 'honest' || words[agent.behaviour] !== undefined) continue;
    const ids = out.get(agent.behaviour) ?? [];
    ids.push(agent.id);
    out.set(agent.behaviour, ids);
  }
  return out;
}

export function behaviourWarnings(scenario: Scenario, swarm: SwarmCoordinator): Warning[] {
  const unmodelled = unmodelledBehaviours(scenario, swarm);
  if (unmodelled.size === 0) return [];
  const meta = metaOf(scenario.run.kind);
  const groups = [...unmodelled].map(([behaviour, ids]) => `${agentNames(ids)} (${behaviour})`);
  const count = [...unmodelled.values()].reduce((n, ids) => n + ids.length, 0);
  const hint = meta?.unmodelledHint ? ` ${meta.unmodelledHint}` : '';
  return [
    {
      field: 'topology.agents',
      message: `${runName(scenario.run)} does not model ${unmodelled.size === 1 ? 'this behaviour' : 'these behaviours'}: ${groups.join('; ')} ${count === 1 ? 'takes' : 'take'} part as ${count === 1 ? 'an honest agent' : 'honest agents'}.${hint}`,
    },
  ];
}
