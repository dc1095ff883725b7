/**
 * The one binary search of the engine and the worker (the page uses d3-array's `bisect*`).
 * @example bisectRight([1, 2, 2, 5], 2) // 3: entries ≤ 2
 */

/** The first index in [lo, hi) where `before(i)` is false, for a predicate true on a prefix. */
export function partitionPoint(lo: number, hi: number, before: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many entries of an ascending array are < x (where x would go, before its equals). */
export const bisectLeft = (sorted: ArrayLike<number>, x: number): number =>
  partitionPoint(0, sorted.length, (i) => sorted[i] < x);

/** How many entries of an ascending array are ≤ x (where x would go, after its equals). */
export const bisectRight = (sorted: ArrayLike<number>, x: number): number =>
  partitionPoint(0, sorted.length, (i) => sorted[i] <= x);
