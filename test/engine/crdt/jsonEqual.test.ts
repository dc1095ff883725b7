/**
 * jsonEqual is canonical-JSON equality without the serialising: for any two values (JSON, and
 * the things JSON.stringify treats specially), it agrees with comparing their canonical texts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/engine/core/hash';
import { jsonEqual } from '../../../src/engine/crdt/json';

const FULL = process.env.FULL === '1';

/** Small key and leaf sets, so that random pairs are often equal or nearly so. */
const key = fc.constantFrom('a', 'b', 'c', '__proto__', '1', '10');
const leaf = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, 1, 2.5, '', 'a', 'é', Number.NaN, Number.POSITIVE_INFINITY),
  fc.constantFrom(undefined, () => 1, Symbol.for('s')),
  fc.constant(new Date(0)),
  fc.constant({ toJSON: () => 'a' }),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(key, tie('v'), { maxKeys: 3 }),
  ),
})).v;

/** A copy with keys in reverse order: the same canonical text. */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).reverse())
    Object.defineProperty(out, k, {
      value: reordered((v as Record<string, unknown>)[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

describe('jsonEqual', () => {
  it('agrees with canonical JSON text equality (fast-check)', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(jsonEqual(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        expect(jsonEqual(a, reordered(a))).toBe(true);
      }),
      { numRuns: FULL ? 20_000 : 2_000 },
    );
  });

  it('tells apart what JSON tells apart, and only that', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([undefined], [null])).toBe(true);
    expect(jsonEqual({ a: Number.NaN }, { a: null })).toBe(true);
    expect(jsonEqual(0, -0)).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(jsonEqual('1', 1)).toBe(false);
  });
});
