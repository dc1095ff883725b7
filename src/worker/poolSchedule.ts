/**
 * Hands chunks 0, 1, 2, … to a fixed number of lanes (one per worker) in index order and
 * collects what each gives. The same scheduler drives the page's pool of Web Workers
 * (pool.ts) and the CLI's pool of worker threads (src/cli/sweep.ts); it knows nothing of
 * workers, only of promises, so it is tested in plain Node.
 *
 * - `done` is called once per chunk in the order chunks finish (any order); it may return a
 *   promise (a slow writer), which holds that lane back until it settles.
 * - `limit` may shrink while the chunks run (a search that found a seed needs no chunk after it):
 *   chunks at or past it are not started, and the schedule settles as soon as every chunk below
 *   it has finished, without waiting for the chunks past it still running (the caller stops
 *   their workers).
 * - No chunk starts more than `window` chunks ahead of the lowest unfinished one, so a caller
 *   that puts results back in order holds at most `window` of them.
 */

export interface Schedule<R> {
  /** Chunks to run: 0 … chunks − 1. */
  chunks: number;
  /** Chunks running at once (the workers). */
  lanes: number;
  /** How far ahead of the lowest unfinished chunk a chunk may start (≥ lanes). Default: 4 × lanes. */
  window?: number;
  run(chunk: number, lane: number): Promise<R>;
  done(chunk: number, result: R): void | Promise<void>;
  /** Chunks at or past this are not needed (read before each start); default: all. */
  limit?(): number;
}

/** Runs the schedule; rejects with the first error a chunk's run (or `done`) throws, and starts nothing after it. */
export function runSchedule<R>(s: Schedule<R>): Promise<void> {
  const lanes = Math.max(1, Math.min(s.lanes, s.chunks));
  const window = Math.max(lanes, s.window ?? 4 * lanes);
  const limit = () => Math.min(s.chunks, s.limit?.() ?? s.chunks);
  let next = 0;
  let lowestOpen = 0;
  const finished = new Set<number>();
  let waiting: (() => void)[] = [];
  let over = false;
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: unknown) => {
      if (over) return;
      over = true;
      for (const wake of waiting.splice(0)) wake();
      if (error === undefined) resolve();
      else reject(error);
    };
    const wakeAll = () => {
      const all = waiting;
      waiting = [];
      for (const wake of all) wake();
    };
    const lane = async (id: number): Promise<void> => {
      while (!over) {
        if (lowestOpen >= limit()) return settle();
        if (next >= limit()) return; // nothing left to start: the lanes still running will settle
        if (next >= lowestOpen + window) {
          await new Promise<void>((wake) => waiting.push(wake));
          continue;
        }
        const chunk = next++;
        const result = await s.run(chunk, id);
        if (over) return;
        finished.add(chunk);
        while (finished.delete(lowestOpen)) lowestOpen++;
        await s.done(chunk, result);
        wakeAll();
      }
    };
    for (let id = 0; id < lanes; id++) lane(id).catch(settle);
  });
}
