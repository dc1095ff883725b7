/**
 * Long loops over big traces, cut into slices so that no main-thread task runs
 * longer than a frame or two: each slice works for at most SLICE_MS, then
 * yields to the event loop. A newer job of the same kind cancels the older one.
 */

/** Work per slice before yielding, in wall-clock ms (well under the 100 ms long-task line). */
export const SLICE_MS = 12;

const yieldToMain = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface Job {
  cancelled: boolean;
}

/**
 * Calls `visit(i)` for i in [0, n), in slices; `onProgress(done)` after each
 * slice. Resolves false when cancelled.
 */
export async function forEachChunked(
  n: number,
  job: Job,
  visit: (i: number) => void,
  onProgress?: (done: number) => void,
): Promise<boolean> {
  let i = 0;
  while (i < n) {
    const start = performance.now();
    // Checking the clock every 512 items keeps its cost negligible.
    while (i < n) {
      const end = Math.min(n, i + 512);
      for (; i < end; i++) visit(i);
      if (performance.now() - start > SLICE_MS) break;
    }
    onProgress?.(i);
    if (i < n) {
      await yieldToMain();
      if (job.cancelled) return false;
    }
  }
  return !job.cancelled;
}
