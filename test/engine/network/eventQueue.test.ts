import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LimitError } from '../../../src/engine/core/errors';
import { Prng } from '../../../src/engine/core/prng';
import { EventQueue } from '../../../src/engine/network/eventQueue';

const FULL = process.env.FULL === '1';

/** Pops everything, returning each event's (time, a) where `a` carries the insertion number. */
function drain(q: EventQueue): [number, number][] {
  const out: [number, number][] = [];
  for (let slot = q.pop(); slot >= 0; slot = q.pop()) {
    out.push([q.timeOf(slot), q.aOf(slot)]);
    q.release(slot);
  }
  return out;
}

/** The reference: a plain array kept sorted by (time, insertion number). */
class SortedModel {
  private items: [number, number][] = [];
  push(time: number, id: number): void {
    let i = this.items.length;
    while (i > 0 && this.items[i - 1][0] > time) i--;
    this.items.splice(i, 0, [time, id]);
  }
  pop(): [number, number] | undefined {
    return this.items.shift();
  }
  get length(): number {
    return this.items.length;
  }
  peekTime(): number {
    return this.items.length > 0 ? this.items[0][0] : Number.POSITIVE_INFINITY;
  }
}

type Op = { kind: 'push'; delay: number; count: number } | { kind: 'pop'; count: number };

describe('EventQueue', () => {
  it('pops by time, then by insertion order', () => {
    const q = new EventQueue(16);
    const times = [5, 3, 5, 0, 3, 9, 0, 5];
    for (const [i, t] of times.entries()) q.push(t, 0, i, 0, 0, 0);
    expect(drain(q)).toEqual([
      [0, 3],
      [0, 6],
      [3, 1],
      [3, 4],
      [5, 0],
      [5, 2],
      [5, 7],
      [9, 5],
    ]);
    expect(q.pop()).toBe(-1);
    expect(q.length).toBe(0);
    expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps every field of an event', () => {
    const q = new EventQueue(16);
    q.push(4, 7, -1, 2, 3, 2 ** 31 - 1);
    const slot = q.pop();
    expect([q.timeOf(slot), q.typeOf(slot), q.aOf(slot), q.bOf(slot), q.cOf(slot), q.dOf(slot)]).toEqual([
      4,
      7,
      -1,
      2,
      3,
      2 ** 31 - 1,
    ]);
  });

  it('orders far-future events (beyond the wheel) with near ones, ties by insertion', () => {
    const q = new EventQueue(8);
    // Wheel covers [0, 8); the rest waits in the heap. Equal times straddle the boundary.
    const times = [100, 3, 20, 100, 7, 8, 20, 1000, 8, 3, 7, 100];
    for (const [i, t] of times.entries()) q.push(t, 0, i, 0, 0, 0);
    const expected = times.map((t, i) => [t, i] as [number, number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    expect(drain(q)).toEqual(expected);
  });

  it('events pushed after pops interleave correctly with migrated far events at the same time', () => {
    const q = new EventQueue(8);
    q.push(50, 0, 0, 0, 0, 0); // far: heap
    q.push(2, 0, 1, 0, 0, 0);
    let slot = q.pop();
    expect(q.aOf(slot)).toBe(1);
    q.release(slot);
    // Still far from base 2: heap again, after event 0.
    q.push(50, 0, 2, 0, 0, 0);
    q.push(45, 0, 3, 0, 0, 0);
    slot = q.pop(); // 45: migrates 50s onto the wheel
    expect([q.timeOf(slot), q.aOf(slot)]).toEqual([45, 3]);
    q.release(slot);
    q.push(50, 0, 4, 0, 0, 0); // now near: wheel, must still come after 0 and 2
    q.push(46, 0, 5, 0, 0, 0);
    expect(drain(q)).toEqual([
      [46, 5],
      [50, 0],
      [50, 2],
      [50, 4],
    ]);
  });

  it('peekTime reports the earliest event without removing it', () => {
    const q = new EventQueue(8);
    q.push(30, 0, 0, 0, 0, 0);
    expect(q.peekTime()).toBe(30);
    q.push(4, 0, 1, 0, 0, 0);
    expect(q.peekTime()).toBe(4);
    expect(q.length).toBe(2);
    q.release(q.pop());
    expect(q.peekTime()).toBe(30);
  });

  it('rejects events in the past or at fractional times', () => {
    const q = new EventQueue(8);
    q.push(10, 0, 0, 0, 0, 0);
    q.release(q.pop());
    expect(() => q.push(9, 0, 0, 0, 0, 0)).toThrow(/invariant/);
    expect(() => q.push(10.5, 0, 0, 0, 0, 0)).toThrow(/invariant/);
    q.push(10, 0, 0, 0, 0, 0);
    expect(q.length).toBe(1);
  });

  it('matches a sorted-array model under random pushes and pops (fast-check)', () => {
    // Delays are drawn relative to the wheel so that events land on it, just past it and far beyond.
    const opsFor = (wheel: number): fc.Arbitrary<Op[]> =>
      fc.array(
        fc.oneof(
          fc.record({
            kind: fc.constant('push' as const),
            delay: fc.oneof(
              fc.integer({ min: 0, max: wheel + 2 }),
              fc.integer({ min: 0, max: 3 * wheel }),
              fc.integer({ min: 0, max: 5000 }),
            ),
            count: fc.integer({ min: 1, max: 4 }),
          }),
          fc.record({ kind: fc.constant('pop' as const), count: fc.integer({ min: 1, max: 6 }) }),
        ),
        { maxLength: 120 },
      );
    const cases = fc.constantFrom(1, 4, 16, 64).chain((wheel) => fc.tuple(fc.constant(wheel), opsFor(wheel)));
    fc.assert(
      fc.property(cases, ([wheel, ops]) => {
        const q = new EventQueue(wheel);
        const model = new SortedModel();
        let now = 0;
        let id = 0;
        const step = (): void => {
          const want = model.pop();
          const slot = q.pop();
          if (want === undefined) {
            expect(slot).toBe(-1);
            return;
          }
          expect([q.timeOf(slot), q.aOf(slot)]).toEqual(want);
          now = want[0];
          q.release(slot);
        };
        for (const o of ops) {
          if (o.kind === 'push') {
            // Same-time pushes in a burst exercise insertion-order ties.
            for (let i = 0; i < o.count; i++) {
              q.push(now + o.delay, 0, id, 0, 0, 0);
              model.push(now + o.delay, id++);
            }
          } else for (let i = 0; i < o.count; i++) step();
          expect(q.length).toBe(model.length);
          expect(q.peekTime()).toBe(model.peekTime());
        }
        while (model.length > 0) step();
        expect(q.pop()).toBe(-1);
      }),
      { numRuns: FULL ? 5000 : 500 },
    );
  });

  it('matches the model over long seeded random walks (many ops per wheel size)', () => {
    for (const wheel of [1, 2, 4, 8, 32]) {
      const rng = new Prng(wheel);
      const q = new EventQueue(wheel);
      const model = new SortedModel();
      let now = 0;
      const steps = FULL ? 200_000 : 20_000;
      for (let id = 0; id < steps; id++) {
        // Keep about 30 events pending: push a bit more often than pop while small.
        if (rng.chance(model.length < 30 ? 0.6 : 0.4)) {
          const r = rng.float();
          const delay = r < 0.7 ? rng.int(wheel + 3) : r < 0.95 ? rng.int(4 * wheel + 4) : rng.int(1000);
          q.push(now + delay, 0, id, 0, 0, 0);
          model.push(now + delay, id);
        } else {
          const want = model.pop();
          const slot = q.pop();
          const got = slot < 0 ? undefined : [q.timeOf(slot), q.aOf(slot)];
          if (JSON.stringify(got) !== JSON.stringify(want))
            expect.fail(`wheel ${wheel}, op ${id}: popped ${JSON.stringify(got)}, model ${JSON.stringify(want)}`);
          if (want) now = want[0];
          if (slot >= 0) q.release(slot);
        }
        if (q.peekTime() !== model.peekTime()) expect.fail(`wheel ${wheel}, op ${id}: peekTime differs`);
      }
    }
  });

  it('regression: a far event comes into the window when a wheel pop advances time, before a later push', () => {
    // Wheel of 4 covers [0, 4): 5 waits in the heap. Popping 3 moves the window to [3, 7), so 5 must
    // come out before 6 pushed afterwards (fast-check found the shape of this once the wheel forgot to migrate).
    const q = new EventQueue(4);
    q.push(5, 0, 0, 0, 0, 0);
    q.push(3, 0, 1, 0, 0, 0);
    q.release(q.pop());
    q.push(6, 0, 2, 0, 0, 0);
    expect(q.peekTime()).toBe(5);
    expect(drain(q)).toEqual([
      [5, 0],
      [6, 2],
    ]);
  });

  it('keeps FIFO order within a millisecond across chunks, with a million events in flight', () => {
    // 100 events per millisecond span several 16-record chunks of one bucket; far events (heap)
    // migrate into buckets that already hold events.
    const q = new EventQueue(64);
    const n = FULL ? 1_000_000 : 100_000;
    for (let i = 0; i < n; i++) q.push((i % 1000) + (i % 7 === 0 ? 200 : 0), 0, i, 0, 0, 0);
    let last: [number, number] = [-1, -1];
    for (let slot = q.pop(); slot >= 0; slot = q.pop()) {
      const got: [number, number] = [q.timeOf(slot), q.aOf(slot)];
      if (got[0] < last[0] || (got[0] === last[0] && got[1] < last[1])) expect.fail(`popped ${got} after ${last}`);
      last = got;
      q.release(slot);
    }
    expect(q.length).toBe(0);
  });

  it('reuses released slots: a steady state does not grow', () => {
    const q = new EventQueue(16, 64);
    let t = 0;
    for (let i = 0; i < 64; i++) q.push(i, 0, i, 0, 0, 0);
    for (let i = 0; i < 10_000; i++) {
      const slot = q.pop();
      t = q.timeOf(slot);
      q.release(slot);
      q.push(t + 1 + (i % 50), 0, i, 0, 0, 0);
    }
    expect(q.length).toBe(64);
  });

  it('MAX_PENDING_EVENTS: pushing one more than maxPending throws a LimitError naming it', () => {
    for (const max of [10, 1024, 1500, 3000]) {
      const q = new EventQueue(16, max);
      for (let i = 0; i < max; i++) q.push(i % 40, 0, i, 0, 0, 0);
      let caught: unknown;
      try {
        q.push(0, 0, -1, 0, 0, 0);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(LimitError);
      expect((caught as LimitError).limit).toBe('MAX_PENDING_EVENTS');
      expect((caught as LimitError).max).toBe(max);
      expect((caught as LimitError).actual).toBe(max + 1);
      // After a pop there is room for one again.
      q.release(q.pop());
      q.push(50, 0, -2, 0, 0, 0);
      expect(q.length).toBe(max);
    }
  });
});
