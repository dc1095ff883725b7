import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compare,
  compareEntries,
  happenedBefore,
  increment,
  isConcurrent,
  LamportClock,
  merge,
  type VectorClock,
  validateVectorClock,
} from '../../../src/engine/clocks';
import { expectValidation } from '../conflict/helpers';

const RUNS = process.env.FULL === '1' ? 10_000 : 1_000;
const AGENTS = ['a', 'b', 'c', 'd', '__proto__'];
const clockArb: fc.Arbitrary<VectorClock> = fc
  .dictionary(fc.constantFrom(...AGENTS), fc.integer({ min: 0, max: 3 }), { maxKeys: 5 })
  .map((c) => validateVectorClock(c, 'clock'));

const leq = (x: VectorClock, y: VectorClock) => {
  const o = compare(x, y);
  return o === 'before' || o === 'equal';
};

describe('vector clock functions', () => {
  it('increment, merge and compare on the seed clocks', () => {
    const a = { 'agent-1': 5, 'agent-2': 3 };
    const b = { 'agent-1': 4, 'agent-2': 6 };
    expect(compare(a, b)).toBe('concurrent');
    expect(isConcurrent(a, b)).toBe(true);
    expect(merge(a, b)).toEqual({ 'agent-1': 5, 'agent-2': 6 });
    expect(compare(b, merge(a, b))).toBe('before');
    expect(happenedBefore(b, merge(a, b))).toBe(true);
    expect(compare(merge(a, b), a)).toBe('after');
    expect(increment(a, 'agent-2')).toEqual({ 'agent-1': 5, 'agent-2': 4 });
    expect(increment({}, 'x', 3)).toEqual({ x: 3 });
    expect(a).toEqual({ 'agent-1': 5, 'agent-2': 3 });
  });

  it('treats a missing entry as 0', () => {
    expect(compare({ a: 0 }, {})).toBe('equal');
    expect(compare({}, { a: 1 })).toBe('before');
    expect(compareEntries({ a: 5 }, { a: 4, b: 1 })).toEqual([
      { agent: 'a', left: 5, right: 4, cmp: '>' },
      { agent: 'b', left: 0, right: 1, cmp: '<' },
    ]);
  });

  it('keeps an agent called __proto__ as data', () => {
    const c = increment({}, '__proto__');
    expect(Object.keys(c)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
    expect(compare(c, {})).toBe('after');
    const m = merge(c, JSON.parse('{"__proto__": 3}'));
    expect(Object.getOwnPropertyDescriptor(m, '__proto__')?.value).toBe(3);
    expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
  });

  it('validates clocks, naming the entry', () => {
    expectValidation(() => validateVectorClock({ a: 1.5 }, 'metadata.vectorClock'), 'metadata.vectorClock.a');
    expectValidation(() => validateVectorClock([1], 'c'), 'c');
  });

  it('the Lamport clock ticks and jumps past received times', () => {
    const a = new LamportClock();
    const b = new LamportClock(5);
    expect(a.tick()).toBe(1);
    expect(b.receive(a.time)).toBe(6);
    expect(a.receive(b.tick())).toBe(8);
    expectValidation(() => a.receive(-1), 'remote');
  });
});

describe('vector clocks form a partial order; merge is the least upper bound', () => {
  it('reflexive, antisymmetric, transitive', () => {
    fc.assert(
      fc.property(clockArb, clockArb, clockArb, (x, y, z) => {
        expect(compare(x, x)).toBe('equal');
        if (leq(x, y) && leq(y, x)) expect(compare(x, y)).toBe('equal');
        if (leq(x, y) && leq(y, z)) expect(leq(x, z)).toBe(true);
        const o = compare(x, y);
        const back = compare(y, x);
        expect(back).toBe(o === 'before' ? 'after' : o === 'after' ? 'before' : o);
      }),
      { numRuns: RUNS },
    );
  });

  it('merge is an upper bound, the least one, commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(clockArb, clockArb, clockArb, (x, y, z) => {
        const m = merge(x, y);
        expect(leq(x, m) && leq(y, m)).toBe(true);
        if (leq(x, z) && leq(y, z)) expect(leq(m, z)).toBe(true);
        expect(compare(m, merge(y, x))).toBe('equal');
        expect(compare(merge(merge(x, y), z), merge(x, merge(y, z)))).toBe('equal');
        expect(compare(merge(x, x), x)).toBe('equal');
      }),
      { numRuns: RUNS },
    );
  });
});

/** A generated distributed history: each step is a local event, a send, or a receive of a pending message. */
type Step = { kind: 'local'; p: number } | { kind: 'send'; p: number; to: number } | { kind: 'recv'; pick: number };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('local' as const), p: fc.nat(3) }),
  fc.record({ kind: fc.constant('send' as const), p: fc.nat(3), to: fc.nat(3) }),
  fc.record({ kind: fc.constant('recv' as const), pick: fc.nat() }),
);

/**
 * Replays a history twice: once with vector clocks, once as an explicit event
 * graph (program order + message edges) whose reachability is the true
 * happened-before relation.
 */
function replay(steps: Step[]) {
  const P = 4;
  const ids = ['p0', 'p1', 'p2', 'p3'];
  const clocks: VectorClock[] = ids.map(() => ({}));
  const last: number[] = ids.map(() => -1);
  const events: { clock: VectorClock; preds: number[] }[] = [];
  const inFlight: { to: number; clock: VectorClock; event: number }[] = [];
  const record = (p: number, extraPred: number | undefined, clock: VectorClock) => {
    const preds = [last[p], ...(extraPred === undefined ? [] : [extraPred])].filter((e) => e >= 0);
    events.push({ clock, preds });
    last[p] = events.length - 1;
    return last[p];
  };
  for (const s of steps) {
    if (s.kind === 'local' || s.kind === 'send') {
      const p = s.p % P;
      clocks[p] = increment(clocks[p], ids[p]);
      const e = record(p, undefined, clocks[p]);
      if (s.kind === 'send') inFlight.push({ to: s.to % P, clock: clocks[p], event: e });
    } else if (inFlight.length > 0) {
      const [m] = inFlight.splice(s.pick % inFlight.length, 1);
      clocks[m.to] = increment(merge(clocks[m.to], m.clock), ids[m.to]);
      record(m.to, m.event, clocks[m.to]);
    }
  }
  // reach[i] = the events that happened before event i (transitive closure, events are in a topological order).
  const reach: Set<number>[] = [];
  events.forEach((e, i) => {
    const r = new Set<number>();
    for (const p of e.preds) {
      r.add(p);
      for (const q of reach[p]) r.add(q);
    }
    reach[i] = r;
  });
  return { events, reach };
}

describe('compare matches the true happened-before of generated histories', () => {
  it('for every pair of events', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        const { events, reach } = replay(steps);
        for (let i = 0; i < events.length; i++)
          for (let j = 0; j < events.length; j++) {
            const truth = i === j ? 'equal' : reach[j].has(i) ? 'before' : reach[i].has(j) ? 'after' : 'concurrent';
            expect(compare(events[i].clock, events[j].clock)).toBe(truth);
          }
      }),
      { numRuns: RUNS },
    );
  });
});
