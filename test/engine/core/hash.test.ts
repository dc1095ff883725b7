import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonReference, Hasher } from '../../../src/engine/core/hash';

/** The same object with its keys inserted in reverse order, recursively. */
function reversedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversedKeys);
  if (v && typeof v === 'object') {
    // A null prototype, so a `__proto__` key (fast-check makes them) stays a key.
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(v).reverse()) out[k] = reversedKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

describe('canonicalJson', () => {
  it('is independent of key insertion order and round-trips JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(reversedKeys(v))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('sorts nested keys, Map entries and Set members', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}',
    );
    expect(
      canonicalJson(
        new Map<string, unknown>([
          ['b', 1],
          ['a', { z: 1, y: 2 }],
        ]),
      ),
    ).toBe('{"a":{"y":2,"z":1},"b":1}');
    expect(canonicalJson({ s: new Set(['c', 'a', 'b']) })).toBe('{"s":["a","b","c"]}');
  });

  it('writes the same text as the reference (JSON.stringify with a sorting replacer) for any value', () => {
    // Keys chosen to hit the ordering rules: array indices ('0', '10', '4294967294') before names,
    // numeric-looking names ('01', '4294967295', '-1', '1.5') sorted as strings, and __proto__.
    const key = fc.oneof(
      fc.constantFrom('0', '10', '9', '4294967294', '4294967295', '01', '-1', '1.5', '__proto__', 'a', 'B', 'é', ''),
      fc.string({ maxLength: 3 }),
    );
    const special = fc.constantFrom(
      undefined,
      Number.NaN,
      Number.NEGATIVE_INFINITY,
      -0,
      () => 1,
      Symbol.for('s'),
      new Date(0),
      { toJSON: () => ({ b: 1, a: 2 }) },
      new Map([
        ['b', 1],
        ['a', 2],
      ]),
      new Set(['b', 'a']),
      new Uint8Array([2, 1]),
      Object.create(null),
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        special,
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(key, tie('v'), { maxKeys: 5 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(canonicalJsonReference(v));
        expect(canonicalJson(reversedKeys(v))).toBe(canonicalJsonReference(reversedKeys(v)));
      }),
      { numRuns: process.env.FULL === '1' ? 50_000 : 3_000 },
    );
  });

  it('keeps a __proto__ key as data', () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":2}'))).toBe('{"__proto__":{"x":1},"a":2}');
  });
});

describe('Hasher', () => {
  it('gives 16 hex digits and is a pure function of what was mixed in', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.string())), (xs) => {
        const mix = (h: Hasher) => {
          for (const x of xs) typeof x === 'string' ? h.string(x) : h.float(x);
          return h.hex();
        };
        const a = mix(new Hasher());
        expect(a).toMatch(/^[0-9a-f]{16}$/);
        expect(mix(new Hasher())).toBe(a);
      }),
      { numRuns: 200 },
    );
  });

  it('has no collisions over 100 000 distinct single integers and 20 000 short strings', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(new Hasher().int(i - 50_000).hex());
    expect(seen.size).toBe(100_000);
    const strings = new Set<string>();
    for (let i = 0; i < 20_000; i++) strings.add(new Hasher().string(`agent-${i}`).hex());
    expect(strings.size).toBe(20_000);
  });

  it('distinguishes a float from the integer pair that spells its bits', () => {
    const f = new Hasher().float(0.1).hex();
    expect(new Hasher().float(0.1).hex()).toBe(f);
    expect(new Hasher().float(0.1 + 2 ** -55).hex()).not.toBe(f);
    expect(new Hasher().float(-0).hex()).toBe(new Hasher().int(0).hex());
  });
});
