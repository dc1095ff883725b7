/**
 * "Find a counterexample": model checking by sampling. Runs the scenario for
 * seed after seed (without recording the trace) until one run breaks the
 * property the run kind is about, and returns that seed, its summary and the
 * violation with its witnesses, so the player can open the run and the CLI can
 * replay it from the scenario and the seed alone.
 *
 * Two ways in, one loop: `searchCounterexample` tries every seed on one core;
 * `searchChunk` tries one contiguous slice of the same seeds, for a pool of
 * workers (src/worker/poolSearch.ts puts the slices back together so that the
 * pool reports exactly what the one-core search reports).
 */
import { propertiesOf } from '../../engine/runs/catalogue';
import type { PropertyMeta, Violation } from '../../engine/runs/kind';
import { checkProperty } from '../../engine/runs/registry';
import { runScenario } from '../../engine/runs/runScenario';
import { parseScenario, type Scenario } from '../../engine/scenario';
import type { RunFailure, RunSummary } from '../protocol';
import { toFailure } from './runs';

import { DEFAULT_SEARCH_SEEDS, MAX_SEARCH_SEEDS } from './searchLimits';

export { DEFAULT_SEARCH_SEEDS, MAX_SEARCH_SEEDS };

export interface SearchRequest {
  /** First seed tried (default: the scenario's seed). */
  firstSeed?: number;
  /** Seeds to try. Default 1,000. */
  maxSeeds?: number;
  /** Gossip vote and rumor: the property is "converges within k rounds". */
  withinRounds?: number;
}

export type { Violation };

export type SearchOutcome =
  | { ok: true; found: true; seed: number; tried: number; violation: Violation; summary: RunSummary }
  | { ok: true; found: false; tried: number; firstSeed: number; property: string }
  | { ok: false; failure: RunFailure };

/**
 * What one slice of the seeds gave: nothing broke (with what the "not found" report needs), a
 * seed broke the property (`index` counts from the first seed of the whole search), or the
 * search failed (an invalid scenario, a run refused or an engine error at a seed of the slice).
 */
export type SearchChunkResult =
  | { kind: 'clean'; firstSeed: number; property: string }
  | { kind: 'found'; index: number; seed: number; violation: Violation; summary: RunSummary }
  | { kind: 'failed'; index: number; failure: RunFailure };

/** How many seeds a request asks for, within MAX_SEARCH_SEEDS. */
export const seedsToTry = (request: SearchRequest): number =>
  Math.max(0, Math.min(request.maxSeeds ?? DEFAULT_SEARCH_SEEDS, MAX_SEARCH_SEEDS));

/** The k-th seed of a search from `firstSeed` (seeds wrap around at 2³²). */
export const searchSeedAt = (firstSeed: number, k: number): number => (firstSeed + k) % 2 ** 32;

interface PreparedSearch {
  scenario: Scenario;
  property: PropertyMeta;
  bound: number | undefined;
  /** The property in words, with "within k rounds" when it has a bound. */
  name: string;
  firstSeed: number;
}

/** Parses the scenario and picks the property; a RunFailure when there is nothing to search. */
function prepare(input: unknown, request: SearchRequest): PreparedSearch | RunFailure {
  const scenario = parseScenario(input);
  // The property the kind's lessons are about, with the user's "within k rounds" when it has a bound.
  const [first] = propertiesOf(scenario.run, scenario.topology.agents.length);
  if (!first) return { kind: 'validation', message: 'This run kind has no property to break.', issues: [] };
  const bound = first.roundBound === undefined ? undefined : (request.withinRounds ?? first.roundBound);
  const property = { ...first, roundBound: bound };
  const name = bound === undefined ? property.label : `${property.label} within ${bound} rounds`;
  return { scenario, property, bound, name, firstSeed: request.firstSeed ?? scenario.seed };
}

/** Runs seed index `k` of the search; the violation when it breaks the property. */
async function trySeed(p: PreparedSearch, k: number) {
  const seed = searchSeedAt(p.firstSeed, k);
  const { summary } = await runScenario(p.scenario, { seed, record: false });
  const violation = checkProperty(summary.runKind, p.property, summary.result, p.bound);
  return violation ? { seed, violation, summary } : undefined;
}

/**
 * Tries seed indices `from … from + count − 1` of the search and stops at the first that breaks
 * the property (or fails): the lowest such index of the slice. Never throws.
 * @example await searchChunk(scenario, { maxSeeds: 1000 }, 200, 100) // { kind: 'clean', … } or { kind: 'found', index: 237, … }
 */
export async function searchChunk(
  input: unknown,
  request: SearchRequest,
  from: number,
  count: number,
): Promise<SearchChunkResult> {
  let p: PreparedSearch | RunFailure;
  try {
    p = prepare(input, request);
  } catch (error) {
    return { kind: 'failed', index: from, failure: toFailure(error) };
  }
  if (!('scenario' in p)) return { kind: 'failed', index: from, failure: p };
  for (let k = from; k < from + count; k++) {
    try {
      const broken = await trySeed(p, k);
      if (broken) return { kind: 'found', index: k, ...broken };
    } catch (error) {
      return { kind: 'failed', index: k, failure: toFailure(error) };
    }
  }
  return { kind: 'clean', firstSeed: p.firstSeed, property: p.name };
}

export const searchApi = {
  /**
   * Tries seeds `firstSeed, firstSeed + 1, …` on this one core and stops at the first run that
   * breaks the scenario's property. Cancelled by the client (the worker is terminated); progress
   * is reported as a fraction of `maxSeeds`. The page searches on a pool (src/worker/pool.ts),
   * which reports the same outcome.
   * @example await searchApi.searchCounterexample(byzantine13With5Equivocators, { maxSeeds: 200 }) // { found: true, seed: … }
   */
  async searchCounterexample(
    input: unknown,
    request: SearchRequest = {},
    onProgress?: (fraction: number, tried: number) => void,
  ): Promise<SearchOutcome> {
    try {
      const p = prepare(input, request);
      if (!('scenario' in p)) return { ok: false, failure: p };
      const max = seedsToTry(request);
      const every = Math.max(1, Math.floor(max / 100));
      for (let k = 0; k < max; k++) {
        const broken = await trySeed(p, k);
        if (broken) return { ok: true, found: true, tried: k + 1, ...broken };
        if ((k + 1) % every === 0) onProgress?.((k + 1) / max, k + 1);
      }
      return { ok: true, found: false, tried: max, firstSeed: p.firstSeed, property: p.name };
    } catch (error) {
      return { ok: false, failure: toFailure(error) };
    }
  },
};
