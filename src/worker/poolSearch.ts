/**
 * The counterexample search spread over several workers, reporting exactly what the one-core
 * search (api/search.ts) reports: chunks of seeds run in any order, but the seed reported is
 * the lowest in the range that breaks the property (or fails), and `tried` counts the seeds up
 * to it, as if they had been tried one after the other. Once a chunk finds one, no chunk after
 * it starts, and the answer is given as soon as every chunk before it has come back clean.
 */
import type { SearchChunkResult, SearchOutcome } from './api/search';
import { chunkAt, chunking, type SeedChunk } from './poolChunks';
import { runSchedule } from './poolSchedule';

export interface PoolSearch {
  /** Seeds to try (already within MAX_SEARCH_SEEDS). */
  total: number;
  /** Workers (lanes); chunks run on `lane`. */
  workers: number;
  runChunk(chunk: SeedChunk, lane: number): Promise<SearchChunkResult>;
  /** Fraction of `total` and seeds tried so far (by all workers, in any order). */
  onProgress?(fraction: number, tried: number): void;
}

/**
 * Searches the seeds chunk by chunk on `workers` lanes.
 * @example await searchInChunks({ total: 1000, workers: 3, runChunk: (c, lane) => remotes[lane].searchChunk(s, r, c.from, c.count) })
 */
export async function searchInChunks(p: PoolSearch): Promise<SearchOutcome> {
  const { size, chunks } = chunking(p.total, p.workers);
  const results = new Map<number, SearchChunkResult>();
  // The first chunk that broke the property or failed, as known so far: chunks after it are not needed.
  let stop = chunks;
  let tried = 0;
  await runSchedule({
    chunks,
    lanes: p.workers,
    limit: () => stop,
    run: (index, lane) => p.runChunk(chunkAt(index, p.total, size), lane),
    done: (index, result) => {
      results.set(index, result);
      if (result.kind !== 'clean' && index < stop) stop = index + 1;
      tried += chunkAt(index, p.total, size).count;
      if (p.total > 0) p.onProgress?.(Math.min(1, tried / p.total), Math.min(tried, p.total));
    },
  });
  return outcomeOf(results, stop, p.total);
}

/** The one-core outcome, from the chunks' results: the lowest chunk that did not come back clean decides. */
function outcomeOf(results: Map<number, SearchChunkResult>, stop: number, total: number): SearchOutcome {
  const last = results.get(stop - 1);
  if (!last) throw new Error(`chunk ${stop - 1} of the search never reported`);
  if (last.kind === 'found') {
    const { seed, violation, summary, index } = last;
    return { ok: true, found: true, seed, tried: index + 1, violation, summary };
  }
  if (last.kind === 'failed') return { ok: false, failure: last.failure };
  return { ok: true, found: false, tried: total, firstSeed: last.firstSeed, property: last.property };
}
