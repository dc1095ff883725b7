/**
 * The run's only source of randomness: sfc32 (Chris Doty-Humphrey's Small Fast
 * Counter, 128-bit state, passes PractRand to 2^32+ bytes), seeded through
 * splitmix32 so that nearby seeds give unrelated streams. Same seed ⇒ same numbers
 * on every JavaScript engine, since it uses only 32-bit integer arithmetic.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @example const rng = new Prng(42); rng.int(6) // 0..5 */
  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1) with 32 bits of randomness. */
  float(): number {
    return this.u32() / 4294967296;
  }

  /**
   * A uniform integer in [0, n), unbiased. For n < 2^21 (every agent count and
   * latency here) Lemire's multiply-and-reject: x·n is exact in a double, and
   * the rare rejection keeps it unbiased without a division per draw. Larger n
   * use plain rejection sampling.
   */
  int(n: number): number {
    if (n <= 1) return 0;
    if (n < 2097152) {
      let m = this.u32() * n;
      let low = m >>> 0; // ToUint32: exactly m mod 2^32 for integers below 2^53
      if (low < n) {
        const threshold = (4294967296 - n) % n;
        while (low < threshold) {
          m = this.u32() * n;
          low = m >>> 0;
        }
      }
      return (m - low) / 4294967296;
    }
    const limit = 4294967296 - (4294967296 % n);
    let x = this.u32();
    while (x >= limit) x = this.u32();
    return x % n;
  }

  /** A uniform integer in [lo, hi] (both inclusive). */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. Draws nothing when p is 0 or 1, so fault-free runs stay cheap. */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.float() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /**
   * k distinct integers from [0, n) in draw order (Floyd's algorithm for small k,
   * partial shuffle otherwise). k is clamped to n.
   */
  sample(n: number, k: number): number[] {
    const count = Math.min(k, n);
    const chosen = new Set<number>();
    const out: number[] = [];
    for (let j = n - count; j < n; j++) {
      const t = this.int(j + 1);
      const v = chosen.has(t) ? j : t;
      chosen.add(v);
      out.push(v);
    }
    return out;
  }

  /** An independent generator for a sub-stream (e.g. one per agent), derived deterministically. */
  fork(stream: number): Prng {
    return new Prng((this.u32() ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0);
  }

  /** The state, to save and restore a generator exactly. */
  snapshot(): [number, number, number, number] {
    return [this.a, this.b, this.c, this.d];
  }

  restore(state: readonly [number, number, number, number]): void {
    [this.a, this.b, this.c, this.d] = state;
  }
}
