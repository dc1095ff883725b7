import type { Prng } from '../core/prng';

/**
 * Writes k distinct positions of [0, d) into `out` (Floyd's algorithm: exactly k
 * draws, no rejection loop, no allocation). Requires k ≤ d and `out.length` ≥ k.
 * The order is the draw order, so a run is a pure function of the seed.
 */
export function pickDistinct(rng: Prng, d: number, k: number, out: Int32Array): void {
  let filled = 0;
  for (let j = d - k; j < d; j++) {
    const t = below(rng, j + 1);
    let seen = false;
    for (let q = 0; q < filled; q++) {
      if (out[q] === t) {
        seen = true;
        break;
      }
    }
    out[filled++] = seen ? j : t;
  }
}

/** Neighbour lists in compressed form: agent i's neighbours are `targets[offsets[i] .. offsets[i+1])`. */
export interface Csr {
  offsets: Int32Array;
  targets: Int32Array;
}

/** Packs neighbour lists (indices) into a `Csr`. */
export function toCsr(lists: readonly (readonly number[])[]): Csr {
  const offsets = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) offsets[i + 1] = offsets[i] + lists[i].length;
  const targets = new Int32Array(offsets[lists.length]);
  for (let i = 0; i < lists.length; i++) targets.set(lists[i], offsets[i]);
  return { offsets, targets };
}

/** The largest neighbour count in `g`: what bounds a contact buffer, however large the fanout. */
export function maxDegree(g: Csr): number {
  let max = 0;
  for (let i = 0; i + 1 < g.offsets.length; i++) max = Math.max(max, g.offsets[i + 1] - g.offsets[i]);
  return max;
}

const TWO_32 = 4294967296;

/**
 * A uniform integer in [0, n), unbiased: Lemire's multiply-and-reject, done in
 * doubles (exact while n < 2^21, since u32 · n < 2^53), which avoids a floating
 * modulo per draw on the million-agent hot paths. Falls back to `rng.int` above.
 */
export function below(rng: Prng, n: number): number {
  if (n <= 1) return 0;
  if (n >= 2097152) return rng.int(n);
  for (;;) {
    const m = rng.u32() * n;
    const hi = Math.floor(m / TWO_32);
    const lo = m - hi * TWO_32;
    // The threshold 2^32 mod n is below n, so the modulo is needed only for the rare lo < n.
    if (lo >= n || lo >= TWO_32 % n) return hi;
  }
}
