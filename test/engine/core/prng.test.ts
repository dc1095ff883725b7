import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/engine/core/prng';

const FULL = process.env.FULL === '1';

function draws(rng: Prng, count: number): number[] {
  return Array.from({ length: count }, () => rng.u32());
}

/** Pearson's chi-square statistic of observed bucket counts against a uniform expectation. */
function chiSquare(counts: readonly number[]): number {
  const total = counts.reduce((s, c) => s + c, 0);
  const expected = total / counts.length;
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

describe('Prng', () => {
  it('is deterministic: the same seed gives the same stream', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        expect(draws(new Prng(seed), 50)).toEqual(draws(new Prng(seed), 50));
      }),
      { numRuns: 200 },
    );
  });

  it('gives unrelated streams for nearby seeds', () => {
    const firsts = new Set<number>();
    for (let seed = 0; seed < 1000; seed++) firsts.add(new Prng(seed).u32());
    expect(firsts.size).toBe(1000);
    const a = draws(new Prng(1), 100);
    const b = draws(new Prng(2), 100);
    expect(a.filter((x, i) => x === b[i]).length).toBe(0);
  });

  it('u32 is an unsigned 32-bit integer and float is in [0, 1)', () => {
    const rng = new Prng(5);
    for (let i = 0; i < 10_000; i++) {
      const x = rng.u32();
      expect(Number.isInteger(x) && x >= 0 && x <= 0xffffffff).toBe(true);
      const f = rng.float();
      expect(f >= 0 && f < 1).toBe(true);
    }
  });

  it('int(n) stays in [0, n) for any n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 2 ** 32 }), (seed, n) => {
        const rng = new Prng(seed);
        for (let i = 0; i < 20; i++) {
          const x = rng.int(n);
          if (!(Number.isInteger(x) && x >= 0 && x < n)) return false;
        }
        return true;
      }),
      { numRuns: 500 },
    );
    expect(new Prng(1).int(1)).toBe(0);
  });

  it('int(n) is roughly uniform (chi-square over 10 and 37 buckets)', () => {
    const rng = new Prng(2024);
    for (const n of [10, 37]) {
      const counts = new Array(n).fill(0);
      const samples = FULL ? 1_000_000 : 200_000;
      for (let i = 0; i < samples; i++) counts[rng.int(n)]++;
      // 99.9th percentile of chi-square with 9 and 36 degrees of freedom: 27.9 and 67.0.
      expect(chiSquare(counts)).toBeLessThan(n === 10 ? 27.9 : 67.0);
    }
  });

  it('int(n) is unbiased where plain modulo would not be (n just over 2^31)', () => {
    // With x % n, values below 2^32 − n would be twice as likely: the lower half would get 2/3 of draws.
    const n = 2 ** 31 + 2 ** 30;
    const rng = new Prng(9);
    let low = 0;
    const samples = 60_000;
    for (let i = 0; i < samples; i++) if (rng.int(n) < n / 2) low++;
    expect(Math.abs(low / samples - 0.5)).toBeLessThan(0.015);
  });

  it('range(lo, hi) is inclusive on both ends and hits both', () => {
    const rng = new Prng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = rng.range(-2, 3);
      expect(x >= -2 && x <= 3).toBe(true);
      seen.add(x);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(rng.range(7, 7)).toBe(7);
  });

  it('chance(p) is exact at 0 and 1 (drawing nothing) and ≈ p in between', () => {
    const rng = new Prng(4);
    const state = rng.snapshot();
    for (let i = 0; i < 100; i++) {
      expect(rng.chance(0)).toBe(false);
      expect(rng.chance(1)).toBe(true);
    }
    expect(rng.snapshot()).toEqual(state);
    let hits = 0;
    const samples = 100_000;
    for (let i = 0; i < samples; i++) if (rng.chance(0.3)) hits++;
    expect(Math.abs(hits / samples - 0.3)).toBeLessThan(0.006);
  });

  it('sample(n, k) gives k distinct values in [0, n), clamps k to n', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 250 }),
        (seed, n, k) => {
          const s = new Prng(seed).sample(n, k);
          expect(s.length).toBe(Math.min(n, k));
          expect(new Set(s).size).toBe(s.length);
          for (const x of s) expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sample(n, k) chooses every element equally often', () => {
    const rng = new Prng(11);
    const n = 12;
    const k = 4;
    const counts = new Array(n).fill(0);
    const rounds = FULL ? 200_000 : 30_000;
    for (let r = 0; r < rounds; r++) for (const x of rng.sample(n, k)) counts[x]++;
    // 99.9th percentile of chi-square with 11 degrees of freedom is 31.3.
    expect(chiSquare(counts)).toBeLessThan(31.3);
  });

  it('shuffle is a permutation and every first position is equally likely', () => {
    const rng = new Prng(12);
    const counts = new Array(6).fill(0);
    for (let r = 0; r < 30_000; r++) {
      const xs = rng.shuffle([0, 1, 2, 3, 4, 5]);
      expect([...xs].sort()).toEqual([0, 1, 2, 3, 4, 5]);
      counts[xs[0]]++;
    }
    expect(chiSquare(counts)).toBeLessThan(20.5);
  });

  it('pick returns an element of the array', () => {
    const rng = new Prng(13);
    const items = ['a', 'b', 'c'];
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(rng.pick(items));
    expect([...seen].sort()).toEqual(items);
  });

  it('fork is deterministic, differs per stream and from the parent', () => {
    const a = new Prng(77);
    const b = new Prng(77);
    expect(draws(a.fork(1), 20)).toEqual(draws(b.fork(1), 20));
    const parent = new Prng(77);
    const s1 = draws(parent.fork(1), 20);
    const parent2 = new Prng(77);
    const s2 = draws(parent2.fork(2), 20);
    expect(s1).not.toEqual(s2);
    expect(s1).not.toEqual(draws(new Prng(77), 20));
  });

  it('snapshot and restore replay the stream exactly', () => {
    const rng = new Prng(8);
    draws(rng, 17);
    const state = rng.snapshot();
    const next = draws(rng, 30);
    rng.restore(state);
    expect(draws(rng, 30)).toEqual(next);
  });

  it('is stable across versions: the first draws of seeds 42 and 0 are pinned', () => {
    // A changed generator changes every trace hash users have saved; change these on purpose only.
    expect(draws(new Prng(42), 4)).toEqual([1028872839, 2516511472, 400437680, 853279530]);
    expect(draws(new Prng(0), 2)).toEqual([4205396811, 3543653536]);
  });
});
