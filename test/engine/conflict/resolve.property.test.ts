import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictResolver, type StateVersionInput } from '../../../src/engine/conflict';
import type { CRDTType } from '../../../src/engine/crdt';

// ≥ 1,000 runs per property by default; FULL=1 for 10,000.
const RUNS = process.env.FULL === '1' ? 10_000 : 1_000;
const AGENTS = ['agent-1', 'agent-2', 'agent-3', 'agent-10', '__proto__'];

const clockArb = fc.dictionary(fc.constantFrom(...AGENTS), fc.integer({ min: 0, max: 4 }), { maxKeys: 4 });

function versionArb(value: fc.Arbitrary<unknown>, crdtType?: CRDTType): fc.Arbitrary<StateVersionInput> {
  return fc.record({
    stateKey: fc.constant('k'),
    value,
    // Small ranges make ties in timestamp, version and agent frequent.
    version: fc.integer({ min: 0, max: 3 }),
    timestamp: fc.integer({ min: 0, max: 3 }),
    agentId: fc.constantFrom(...AGENTS),
    metadata: fc.option(clockArb, { nil: undefined }).map((vectorClock) => ({
      ...(vectorClock ? { vectorClock } : {}),
      ...(crdtType ? { crdtType } : {}),
    })),
  });
}

const VALUES: [string, CRDTType | undefined, fc.Arbitrary<unknown>][] = [
  ['register', undefined, fc.oneof(fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null))],
  ['counter', 'counter', fc.integer({ min: 0, max: 50 })],
  ['pn-counter', 'pn-counter', fc.record({ increments: fc.nat(20), decrements: fc.nat(20) })],
  ['set', 'set', fc.array(fc.oneof(fc.string({ maxLength: 2 }), fc.integer({ min: 0, max: 5 })), { maxLength: 4 })],
  [
    'map',
    'map',
    fc.dictionary(fc.constantFrom('a', 'b', 'c', '__proto__'), fc.integer({ min: 0, max: 3 }), { maxKeys: 3 }),
  ],
];

/** Shuffled copies of `vs` (a seeded Fisher–Yates driven by fast-check's indices). */
const withPermutation = (vs: fc.Arbitrary<StateVersionInput[]>) =>
  vs.chain((list) =>
    fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }).map((p) => [list, p]),
  );

describe('resolve is the same for every permutation of its input', () => {
  for (const strategy of ['lww', 'vector', 'crdt'] as const)
    for (const [name, crdtType, value] of VALUES) {
      if (strategy !== 'crdt' && name !== 'register') continue;
      it(`${strategy} (${name} values)`, () => {
        const resolver = new ConflictResolver({ strategy });
        fc.assert(
          fc.property(
            withPermutation(fc.array(versionArb(value, crdtType), { minLength: 1, maxLength: 6 })),
            ([a, b]) => {
              expect(JSON.stringify(resolver.resolve('k', b))).toBe(JSON.stringify(resolver.resolve('k', a)));
            },
          ),
          { numRuns: RUNS },
        );
      });
    }
});

describe('resolve laws', () => {
  it('lww: the winner is never beaten by a discarded version', () => {
    const resolver = new ConflictResolver({ strategy: 'lww' });
    fc.assert(
      fc.property(fc.array(versionArb(fc.string({ maxLength: 2 })), { minLength: 1, maxLength: 6 }), (vs) => {
        const out = resolver.resolve('k', vs);
        for (const d of out.metadata.discardedVersions ?? []) {
          const later = d.timestamp < out.timestamp;
          const sameTs = d.timestamp === out.timestamp;
          const ok =
            later ||
            (sameTs && d.version < out.version) ||
            (sameTs && d.version === out.version && d.agentId <= out.agentId);
          expect(ok).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('vector: a causal winner dominates every other clock; concurrent maxima are pairwise not ordered', () => {
    const resolver = new ConflictResolver({ strategy: 'vector' });
    fc.assert(
      fc.property(fc.array(versionArb(fc.nat(9)), { minLength: 2, maxLength: 6 }), (vs) => {
        const out = resolver.resolve('k', vs);
        const steps = out.metadata.explanation ?? [];
        const maximal = steps.find((s) => s.step === 'vector-maximal');
        expect(maximal).toBeDefined();
        if (out.metadata.resolutionStrategy === 'vector_causal') expect(out.metadata.concurrentAgents).toBeUndefined();
        else expect(out.metadata.concurrentAgents?.length).toBeGreaterThan(1);
        for (const s of steps)
          if (s.step === 'vector-compare' && s.outcome.order === 'before')
            throw new Error('left is always the dominant side');
      }),
      { numRuns: RUNS },
    );
  });

  it('crdt counter: duplicating any version never changes the result value', () => {
    const resolver = new ConflictResolver({ strategy: 'crdt' });
    fc.assert(
      fc.property(fc.array(versionArb(fc.nat(50), 'counter'), { minLength: 1, maxLength: 6 }), fc.nat(), (vs, pick) => {
        const dup = [...vs, vs[pick % vs.length]];
        expect(resolver.resolve('k', dup).value).toBe(resolver.resolve('k', vs).value);
      }),
      { numRuns: RUNS },
    );
  });
});
