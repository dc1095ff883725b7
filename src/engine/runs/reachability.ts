import type { SwarmCoordinator } from '../core/swarmCoordinator';
import type { Scenario } from '../scenario';
import type { Warning } from './advice';

/** At most this many agents are named in a warning; the rest are counted. */
const NAMED = 6;

/**
 * The agent a run starts from (the proposer, the flood's origin, the sync coordinator, the
 * delegator), or undefined when every agent talks to every other (replicated state).
 */
function startAgent(scenario: Scenario): string | undefined {
  const run = scenario.run;
  const first = scenario.topology.agents[0]?.id;
  switch (run.kind) {
    case 'flood':
      return run.origin;
    case 'rumor':
      return run.origin ?? first;
    case 'consensus': {
      const crashedAtStart = new Set(
        scenario.network.faults.flatMap((f) => (f.kind === 'crash' && f.atMs === 0 ? [f.agent] : [])),
      );
      const ids = run.participants ?? scenario.topology.agents.map((a) => a.id);
      return ids.find((id) => !crashedAtStart.has(id));
    }
    case 'delegation':
      return (run as { delegator?: string }).delegator ?? first;
    case 'sync':
      return first;
    default:
      return undefined;
  }
}

/** A component label per agent index: agents with equal labels are joined by a path of links. */
function components(swarm: SwarmCoordinator): Int32Array {
  const label = new Int32Array(swarm.size).fill(-1);
  for (let start = 0; start < swarm.size; start++) {
    if (label[start] !== -1) continue;
    label[start] = start;
    const stack = [start];
    while (stack.length > 0) {
      const a = stack.pop() as number;
      for (const b of swarm.neighbourIndices(a)) {
        if (label[b] === -1) {
          label[b] = start;
          stack.push(b);
        }
      }
    }
  }
  return label;
}

export function agentNames(ids: readonly string[]): string {
  const shown = ids.slice(0, NAMED).join(', ');
  return ids.length > NAMED ? `${shown} and ${ids.length - NAMED} more` : shown;
}

/**
 * What the links the user drew mean for the run, said before it runs: messages travel only along
 * links, so agents with no path to the run's starting agent never hear from it and stay silent.
 */
export function reachabilityWarnings(scenario: Scenario, swarm: SwarmCoordinator): Warning[] {
  if (swarm.size <= 1 || swarm.isConnected()) return [];
  const label = components(swarm);
  const start = startAgent(scenario);
  if (start === undefined || !swarm.has(start)) {
    const groups = new Set(label).size;
    return [
      {
        field: 'topology',
        message: `The swarm falls into ${groups} groups with no links between them: their agents can never exchange messages.`,
      },
    ];
  }
  const home = label[swarm.index(start)];
  const cut = swarm.agents.filter((_, i) => label[i] !== home).map((a) => a.id);
  const verb = cut.length === 1 ? 'has' : 'have';
  return [
    {
      field: 'topology',
      message: `${agentNames(cut)} ${verb} no path of links to ${start}, where the run starts: messages only travel along links, so they will not take part.`,
    },
  ];
}
