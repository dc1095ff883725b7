import { check, checkLimit } from '../core/errors';

/** The most seeds one search may try. */
export const MAX_SEARCH_SEEDS = 10_000_000;

export interface CounterexampleSearch<R, V> {
  /** Runs the scenario for one seed (a pure function of the seed). */
  run: (seed: number) => R;
  /** The property's violation in a result, or undefined when it holds. */
  violation: (result: R) => V | undefined;
  /** First seed tried. Default 1. */
  firstSeed?: number;
  /** Seeds to try, in order. */
  maxSeeds: number;
  /** Fraction done, called every `progressEvery` seeds. */
  onProgress?: (fraction: number) => void;
  progressEvery?: number;
  /** Polled before every seed; true ends the search early. */
  shouldStop?: () => boolean;
}

export type CounterexampleOutcome<R, V> =
  | { found: true; seed: number; result: R; violation: V; tried: number }
  | { found: false; tried: number; stopped: boolean };

/**
 * Tries seeds `firstSeed, firstSeed + 1, …` and returns the first whose run
 * violates the property, with the run and the violation (its witnesses), so that
 * the failure can be replayed from its seed alone.
 * @example
 * findCounterexample({ run: (seed) => runScenario(seed), violation: (r) => r.agreement.witnesses, maxSeeds: 1000 })
 */
export function findCounterexample<R, V>(search: CounterexampleSearch<R, V>): CounterexampleOutcome<R, V> {
  const first = search.firstSeed ?? 1;
  check(Number.isInteger(search.maxSeeds) && search.maxSeeds >= 1, 'maxSeeds', 'must be a whole number ≥ 1');
  checkLimit('MAX_SEARCH_SEEDS', MAX_SEARCH_SEEDS, search.maxSeeds);
  const every = search.progressEvery ?? 100;
  for (let k = 0; k < search.maxSeeds; k++) {
    if (search.shouldStop?.()) return { found: false, tried: k, stopped: true };
    const seed = first + k;
    const result = search.run(seed);
    const violation = search.violation(result);
    if (violation !== undefined) return { found: true, seed, result, violation, tried: k + 1 };
    if ((k + 1) % every === 0) search.onProgress?.((k + 1) / search.maxSeeds);
  }
  search.onProgress?.(1);
  return { found: false, tried: search.maxSeeds, stopped: false };
}
