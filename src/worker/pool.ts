/**
 * The page's pool of seed-search workers: one per spare core (navigator.hardwareConcurrency
 * minus the one the page and the simulation worker share, at least one). A search starts its
 * workers, hands them chunks of seeds (poolSearch.ts: the same outcome as the one-core search,
 * whatever order the workers finish in) and terminates them when it ends — found, not found,
 * failed or cancelled. The simulation worker is not used, so the player and edits go on
 * during a search. With sim.worker.ts and client.ts, this file and pool.worker.ts are the only
 * ones that import Comlink.
 */
import { wrap } from 'comlink';
import { type SearchOutcome, type SearchRequest, seedsToTry } from './api/search';
import { type CallOptions, WorkerAbortedError } from './client';
import type { PoolApi } from './poolApi';
import { chunking } from './poolChunks';
import { searchInChunks } from './poolSearch';

/** The most workers one search starts, however many cores the machine reports. */
export const MAX_POOL_WORKERS = 32;

/** A search worker died (out of memory, a load error): the search is stopped with it. */
export class SearchWorkerError extends Error {
  override readonly name = 'SearchWorkerError';
  constructor(detail: string) {
    super(`A search worker stopped unexpectedly (${detail}); the search was stopped. Your scenario is intact.`);
  }
}

/**
 * Workers for a machine reporting `cores` logical cores: all but one, at least one.
 * @example poolSizeFor(8) // 7
 */
export function poolSizeFor(cores: number | undefined): number {
  return Math.max(1, Math.min(MAX_POOL_WORKERS, Math.floor(cores || 2) - 1));
}

type WorkerFactory = () => Worker;

const defaultFactory: WorkerFactory = () =>
  new Worker(new URL('./pool.worker.ts', import.meta.url), { type: 'module', name: 'seed-search' });

export class SearchPool {
  /** Workers started so far, over all searches (tests and diagnostics read it). */
  started = 0;

  constructor(
    readonly size: number = poolSizeFor(globalThis.navigator?.hardwareConcurrency),
    private readonly makeWorker: WorkerFactory = defaultFactory,
  ) {}

  /** Workers a search of `request` starts: the pool's size, or fewer when the seeds make fewer chunks. */
  workersFor(request: SearchRequest): number {
    return Math.min(this.size, chunking(seedsToTry(request), this.size).chunks);
  }

  /**
   * Searches seeds for a run that breaks the scenario's property, on `workersFor(request)`
   * workers; `onProgress` gets (fraction, seeds tried). Aborting terminates the workers and
   * rejects with WorkerAbortedError.
   */
  search(
    input: unknown,
    request: SearchRequest,
    onProgress?: (fraction: number, tried: number) => void,
    options: CallOptions = {},
  ): Promise<SearchOutcome> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new WorkerAbortedError());
    const workers = Array.from({ length: this.workersFor(request) }, () => this.makeWorker());
    this.started += workers.length;
    const remotes = workers.map((worker) => wrap<PoolApi>(worker));
    return new Promise<SearchOutcome>((resolve, reject) => {
      let settled = false;
      const end = (settle: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        for (const worker of workers) worker.terminate();
        settle();
      };
      const onAbort = () => end(() => reject(new WorkerAbortedError()));
      signal?.addEventListener('abort', onAbort, { once: true });
      for (const worker of workers) {
        worker.addEventListener('error', (event) => {
          event.preventDefault?.();
          end(() => reject(new SearchWorkerError(event.message || 'error')));
        });
        worker.addEventListener('messageerror', () =>
          end(() => reject(new SearchWorkerError('a message could not be read'))),
        );
      }
      searchInChunks({
        total: seedsToTry(request),
        workers: workers.length,
        runChunk: (chunk, lane) => remotes[lane].searchChunk(input, request, chunk.from, chunk.count),
        onProgress: (fraction, tried) => {
          if (!settled) onProgress?.(fraction, tried);
        },
      }).then(
        (outcome) => end(() => resolve(outcome)),
        (error: unknown) => end(() => reject(error instanceof Error ? error : new Error(String(error)))),
      );
    });
  }
}
