/**
 * How a range of seeds is cut into chunks for a pool of workers: small enough that every
 * worker gets many (they finish at different times, and a search that finds a seed early
 * stops soon), large enough that a message per chunk costs nothing beside the runs in it.
 */

/** A contiguous slice of a seed range: indices `from … from + count − 1` (index 0 is the range's first seed). */
export interface SeedChunk {
  index: number;
  from: number;
  count: number;
}

/** The most seeds in one chunk (a Byzantine run of 13 agents takes about 10 ms: 100 seeds ≈ 1 s). */
export const MAX_CHUNK_SEEDS = 100;

/** Chunks per worker when the range allows: the spread that evens out workers finishing at different times. */
export const CHUNKS_PER_WORKER = 16;

/**
 * The chunking of `total` seeds over `workers` workers.
 * @example chunking(10_000, 2) // { size: 100, chunks: 100 }
 */
export function chunking(total: number, workers: number): { size: number; chunks: number } {
  const size = Math.max(1, Math.min(MAX_CHUNK_SEEDS, Math.ceil(total / (Math.max(1, workers) * CHUNKS_PER_WORKER))));
  // Even an empty range has one (empty) chunk: it is what says whether the scenario can be searched at all.
  return { size, chunks: Math.max(1, Math.ceil(total / size)) };
}

/** Chunk `index` of `total` seeds cut in chunks of `size`. */
export function chunkAt(index: number, total: number, size: number): SeedChunk {
  const from = index * size;
  return { index, from, count: Math.max(0, Math.min(size, total - from)) };
}
