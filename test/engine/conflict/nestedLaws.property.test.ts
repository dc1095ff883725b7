/**
 * The crdt strategy is a join on states, so its laws hold over resolver
 * outputs too: a merged version merged again (with its own inputs, with other
 * merges, in any grouping) gives the state the flat merge gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictResolver, type StateVersion, type StateVersionInput } from '../../../src/engine/conflict';
import { CRDT_TYPES, type CRDTType, jsonKey, replicaFromState } from '../../../src/engine/crdt';

// 200 runs per law and type by default (30 laws); FULL=1 for 5,000.
const RUNS = process.env.FULL === '1' ? 5_000 : 200;
const AGENTS = ['agent-1', 'agent-2', 'agent-3', '__proto__'];
const TAGS = ['1@agent-1', '2@agent-1', '1@agent-2', '1@agent-3'];
const resolver = new ConflictResolver({ strategy: 'crdt' });

const VALUES: Record<CRDTType, fc.Arbitrary<unknown>> = {
  counter: fc.integer({ min: 0, max: 50 }),
  'pn-counter': fc.record({ increments: fc.nat(20), decrements: fc.nat(20) }),
  set: fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 3 })), { maxLength: 4 }),
  'or-set': fc.record({
    entries: fc.array(fc.record({ element: fc.constantFrom('x', 'y', '__proto__'), tags: fc.subarray(TAGS) }), {
      maxLength: 3,
    }),
    tombstones: fc.subarray(TAGS),
  }),
  map: fc.dictionary(fc.constantFrom('a', 'b', 'c', '__proto__'), fc.integer({ min: 0, max: 3 }), { maxKeys: 3 }),
  register: fc.oneof(fc.string({ maxLength: 2 }), fc.integer({ min: 0, max: 3 }), fc.constant(null)),
};

/** One agent's write. Small ranges make ties in timestamp, version and agent frequent. */
const writeArb = (type: CRDTType): fc.Arbitrary<StateVersionInput> =>
  fc.record({
    stateKey: fc.constant('k'),
    value: VALUES[type],
    version: fc.integer({ min: 0, max: 3 }),
    timestamp: fc.integer({ min: 0, max: 3 }),
    agentId: fc.constantFrom(...AGENTS),
    metadata: fc.constant({ crdtType: type }),
  });

const resolve = (vs: readonly (StateVersion | StateVersionInput)[]) => resolver.resolve('k', vs);

/** What a crdt result is, as opposed to its bookkeeping (version number, writer label, explanation). */
const content = (v: StateVersion) =>
  jsonKey({ type: v.metadata.crdtType, state: v.metadata.crdtState, value: v.value, timestamp: v.timestamp });

describe.each(CRDT_TYPES)('crdt resolve laws over resolver outputs: %s', (type) => {
  const writes = fc.array(writeArb(type), { minLength: 1, maxLength: 4 });
  /** A version as the resolver may meet it: a write, or the result of resolving some writes. */
  const operand = fc.oneof(
    writeArb(type).map((w) => ({ leaves: [w], v: w as StateVersion | StateVersionInput })),
    writes.map((ws) => ({ leaves: ws, v: resolve(ws) as StateVersion | StateVersionInput })),
  );

  it('the value is read from the state the result carries', () => {
    fc.assert(
      fc.property(writes, (ws) => {
        const r = resolve(ws);
        expect(jsonKey(replicaFromState('reader', r.metadata.crdtState).value())).toBe(jsonKey(r.value));
      }),
      { numRuns: RUNS },
    );
  });

  it('commutative: resolve([x, y]) = resolve([y, x]) for writes and results alike', () => {
    fc.assert(
      fc.property(operand, operand, (x, y) => {
        expect(content(resolve([x.v, y.v]))).toBe(content(resolve([y.v, x.v])));
      }),
      { numRuns: RUNS },
    );
  });

  it('associative: resolve([resolve([a, b]), c]) = resolve([a, resolve([b, c])]) = resolve([a, b, c])', () => {
    fc.assert(
      fc.property(operand, operand, operand, (a, b, c) => {
        const left = content(resolve([resolve([a.v, b.v]), c.v]));
        expect(content(resolve([a.v, resolve([b.v, c.v])]))).toBe(left);
        expect(content(resolve([...a.leaves, ...b.leaves, ...c.leaves]))).toBe(left);
      }),
      { numRuns: RUNS },
    );
  });

  it('idempotent: resolve([r, r]) = resolve([r]) = r, and resolve([r, a]) = r for every a ≤ r', () => {
    fc.assert(
      fc.property(writes, fc.nat(), (ws, pick) => {
        const r = resolve(ws);
        expect(content(resolve([r, r]))).toBe(content(r));
        expect(content(resolve([r]))).toBe(content(r));
        const a = ws[pick % ws.length];
        expect(content(resolve([r, a]))).toBe(content(r));
        expect(content(resolve([a, r]))).toBe(content(r));
        // A result of fewer of the same writes is ≤ r too.
        expect(content(resolve([resolve(ws.slice(0, 1 + (pick % ws.length))), r]))).toBe(content(r));
      }),
      { numRuns: RUNS },
    );
  });

  it('any bracketing of nested resolves, with stale copies merged in again, equals the flat resolve', () => {
    fc.assert(
      fc.property(
        fc.array(writeArb(type), { minLength: 2, maxLength: 6 }),
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        (ws, choices) => {
          let items: (StateVersion | StateVersionInput)[] = [...ws];
          let c = 0;
          while (items.length > 1) {
            const i = choices[c++ % choices.length] % (items.length - 1);
            const merged = resolve([items[i], items[i + 1]]);
            // Now and then a write the merge already holds comes back (an agent that missed the update).
            const stale = choices[c % choices.length] % 3 === 0 ? [ws[c % ws.length]] : [];
            items = [...items.slice(0, i), merged, ...stale, ...items.slice(i + 2)];
            if (c > 40) items = [resolve(items)];
          }
          expect(content(resolve([items[0]]))).toBe(content(resolve(ws)));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
