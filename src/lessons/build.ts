import type { AgentDraft, ScenarioDraft } from '../store/scenarioSlice';
import { DEFAULT_NETWORK, type RunSummary, resultOf } from '../worker/protocol';

type Vote = 'for' | 'against' | 'abstain';

/** A lesson scenario: the file format with the network defaults filled in, so every lesson starts the same. */
export function lessonScenario(
  name: string,
  seed: number,
  topology: ScenarioDraft['topology'],
  run: ScenarioDraft['run'],
  network: Record<string, unknown> = {},
): ScenarioDraft {
  return {
    format: 'swarm-playground/scenario',
    version: 1,
    name,
    seed,
    topology,
    network: { ...DEFAULT_NETWORK, faults: [], ...network },
    run,
  };
}

/** Agents `agent-1`… voting as `votes` says: f = for, a = against, s = abstain. */
export function voters(votes: string, extra: (i: number) => Partial<AgentDraft> = () => ({})): AgentDraft[] {
  const vote: Record<string, Vote> = { f: 'for', a: 'against', s: 'abstain' };
  return [...votes].map((c, i) => ({ id: `agent-${i + 1}`, policy: { kind: 'fixed', vote: vote[c] }, ...extra(i) }));
}

/** Whether the run's property `id` held (undefined when its kind has no such property). */
export const holds = (summary: RunSummary, id: string): boolean | undefined =>
  summary.properties.find((p) => p.id === id)?.held;

/** A consensus run's outcome (the seed's ConsensusResult), or undefined for another kind. */
export const consensusOf = (summary: RunSummary) => resultOf(summary, 'consensus')?.result;
