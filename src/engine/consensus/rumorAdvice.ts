import type { Warning } from '../runs/advice';
import type { Scenario } from '../scenario/types';

/**
 * Before a rumor run: the aggregate mode (`run.agentCount`) models a well-mixed
 * population in memory and has no network, so it ignores the scenario's loss,
 * duplication, reordering and faults. Say so rather than ignore them silently.
 * @example wellMixedAdvice(scenarioWithLossAndAgentCount)[0].field // 'run.agentCount'
 */
export function wellMixedAdvice(scenario: Pick<Scenario, 'run' | 'network'>): Warning[] {
  const { run, network } = scenario;
  if (run.kind !== 'rumor' || run.agentCount === undefined) return [];
  const ignored: string[] = [];
  if (network.lossProbability > 0) ignored.push('loss');
  if (network.duplicationProbability > 0) ignored.push('duplication');
  if (network.reorderProbability > 0) ignored.push('reordering');
  const faults = network.faults.length;
  if (faults > 0) ignored.push(faults === 1 ? 'the scheduled fault' : `the ${faults} scheduled faults`);
  if (ignored.length === 0) return [];
  const what = ignored.length === 1 ? ignored[0] : `${ignored.slice(0, -1).join(', ')} and ${ignored.at(-1)}`;
  return [
    {
      field: 'run.agentCount',
      message: `Aggregate mode models a well-mixed population in memory, with no network: ${what} will not be applied. Clear the aggregate agent count to run the rumor on the swarm and its network.`,
    },
  ];
}
