/** The counterexample search's seed budget: shared by the worker, the pool and the form. */

/** The most seeds one search may try (each is a full run). */
export const MAX_SEARCH_SEEDS = 100_000;

/** Seeds a search tries when the request does not say. */
export const DEFAULT_SEARCH_SEEDS = 1000;
