/**
 * "Find a counterexample": model checking by sampling. Runs the scenario for
 * seed after seed (without recording the trace) until one run breaks the
 * property the run kind is about, and returns that seed, its summary and the
 * violation with its witnesses, so the player can open the run and the CLI can
 * replay it from the scenario and the seed alone.
 */
import { propertiesOf } from '../../engine/runs/catalogue';
import type { Violation } from '../../engine/runs/kind';
import { checkProperty } from '../../engine/runs/registry';
import { runScenario } from '../../engine/runs/runScenario';
import { parseScenario } from '../../engine/scenario';
import type { RunFailure, RunSummary } from '../protocol';
import { toFailure } from './runs';

/** The most seeds one search may try (each is a full run). */
export const MAX_SEARCH_SEEDS = 100_000;

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

export const searchApi = {
  /**
   * Tries seeds `firstSeed, firstSeed + 1, …` and stops at the first run that
   * breaks the scenario's property. Cancelled by the client (the worker is
   * terminated); progress is reported as a fraction of `maxSeeds`.
   * @example await searchApi.searchCounterexample(byzantine13With5Equivocators, { maxSeeds: 200 }) // { found: true, seed: … }
   */
  async searchCounterexample(
    input: unknown,
    request: SearchRequest = {},
    onProgress?: (fraction: number, tried: number) => void,
  ): Promise<SearchOutcome> {
    try {
      const scenario = parseScenario(input);
      // The property the kind's lessons are about, with the user's "within k rounds" when it has a bound.
      const [first] = propertiesOf(scenario.run, scenario.topology.agents.length);
      if (!first)
        return {
          ok: false,
          failure: { kind: 'validation', message: 'This run kind has no property to break.', issues: [] },
        };
      const bound = first.roundBound === undefined ? undefined : (request.withinRounds ?? first.roundBound);
      const property = { ...first, roundBound: bound };
      const name = bound === undefined ? property.label : `${property.label} within ${bound} rounds`;
      const firstSeed = request.firstSeed ?? scenario.seed;
      const max = Math.min(request.maxSeeds ?? 1000, MAX_SEARCH_SEEDS);
      const every = Math.max(1, Math.floor(max / 100));
      for (let k = 0; k < max; k++) {
        const seed = (firstSeed + k) % 2 ** 32;
        const { summary } = await runScenario(scenario, { seed, record: false });
        const violation = checkProperty(summary.runKind, property, summary.result, bound);
        if (violation) return { ok: true, found: true, seed, tried: k + 1, violation, summary };
        if ((k + 1) % every === 0) onProgress?.((k + 1) / max, k + 1);
      }
      return { ok: true, found: false, tried: max, firstSeed, property: name };
    } catch (error) {
      return { ok: false, failure: toFailure(error) };
    }
  },
};
