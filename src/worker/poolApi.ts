/**
 * What a pool worker serves: one chunk of a seed search at a time. Plain functions (no Comlink
 * here), so Node tests serve the same object over worker_threads; pool.worker.ts exposes it.
 */
import { searchChunk } from './api/search';

export const poolApi = {
  searchChunk,
};

export type PoolApi = typeof poolApi;
