/**
 * Dense clocks agree with the plain ones: for random clocks over a set of agents, converting,
 * merging, comparing and incrementing densely gives what vectorClock.ts gives on the records.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockIds, compareDense, incrementDense, mergeDense } from '../../../src/engine/clocks/denseClock';
import { compare, increment, merge, type VectorClock } from '../../../src/engine/clocks/vectorClock';
import { ValidationError } from '../../../src/engine/core/errors';

const AGENTS = ['agent-1', 'agent-2', 'agent-10', '__proto__', 'b'];
const ids = new ClockIds(AGENTS);

/** A plain clock over some of AGENTS (small counts, so that equal entries are common). */
const clock = fc
  .array(fc.tuple(fc.constantFrom(...AGENTS), fc.integer({ min: 0, max: 3 })), { maxLength: 6 })
  .map((entries) => {
    const c: Record<string, number> = {};
    for (const [k, v] of entries)
      Object.defineProperty(c, k, { value: v, enumerable: true, writable: true, configurable: true });
    return c as VectorClock;
  });

/** Equal as clocks (a missing entry counts as 0). */
const same = (a: VectorClock, b: VectorClock) => compare(a, b) === 'equal';

describe('dense vector clocks', () => {
  it('merge, compare and increment as the plain clocks do (fast-check)', () => {
    fc.assert(
      fc.property(clock, clock, fc.nat(AGENTS.length - 1), (a, b, agent) => {
        const da = ids.fromRecord(a);
        const db = ids.fromRecord(b);
        expect(same(ids.toRecord(da), a)).toBe(true);
        expect(same(ids.toRecord(mergeDense(da, db)), merge(a, b))).toBe(true);
        expect(compareDense(da, db)).toBe(compare(a, b));
        const inc = ids.toRecord(incrementDense(ids.fromRecord(a), agent));
        expect(same(inc, increment(a, AGENTS[agent]))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps an agent called __proto__ as data and refuses agents it does not know', () => {
    const d = ids.fromRecord(JSON.parse('{"__proto__": 4}'));
    expect(Object.keys(ids.toRecord(d))).toEqual(['__proto__']);
    expect(() => ids.fromRecord({ stranger: 1 })).toThrow(ValidationError);
    expect(() => new ClockIds(['a', 'a'])).toThrow(ValidationError);
    expect(() => mergeDense(ids.zero(), new Float64Array(2))).toThrow(ValidationError);
  });
});
