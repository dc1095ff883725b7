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

/** A number as the lessons print it: whole numbers with thousands separators (1,250,604). */
export const count = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Ids in a sentence: “agent-1”, “agent-1 and agent-2”, “agent-1, agent-2 and agent-3”. */
export function names(ids: readonly string[]): string {
  if (ids.length <= 1) return ids[0] ?? 'nobody';
  return `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
}

/** Ids `prefix-from` … `prefix-to`, for a step's focus. */
export const agentRange = (from: number, to: number, prefix = 'agent'): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}-${from + i}`);

const FRACTIONS: [number, string][] = [
  [1 / 10, 'about a tenth of'],
  [1 / 5, 'about a fifth of'],
  [1 / 4, 'about a quarter of'],
  [1 / 3, 'about a third of'],
  [2 / 5, 'about two fifths of'],
  [1 / 2, 'about half of'],
  [3 / 5, 'about three fifths of'],
  [2 / 3, 'about two thirds of'],
  [3 / 4, 'about three quarters of'],
  [4 / 5, 'about four fifths of'],
  [9 / 10, 'about nine tenths of'],
  [1, 'about as much as'],
];

/** A share in words (0.58 ⇒ “about three fifths of”), so a sentence compares two numbers without a third. */
export function shareInWords(share: number): string {
  if (!Number.isFinite(share)) return 'nothing comparable to';
  if (share > 1.05) return 'more than';
  if (share < 0.05) return 'almost none of';
  return FRACTIONS.reduce((best, f) => (Math.abs(f[0] - share) < Math.abs(best[0] - share) ? f : best))[1];
}

/** A consensus run's metadata entry `key` when it is a number. */
export const metaNumber = (summary: RunSummary, key: string): number | undefined => {
  const v = consensusOf(summary)?.metadata[key];
  return typeof v === 'number' ? v : undefined;
};

/** The agents a property's violation names as its witnesses (who disagreed), in order. */
export const witnessesOf = (summary: RunSummary, property: string): { agentId: string; detail: string }[] =>
  summary.properties.find((p) => p.id === property)?.violation?.witnesses ?? [];
