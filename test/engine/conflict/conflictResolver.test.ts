import { describe, expect, it } from 'vitest';
import { ConflictResolver, createStateVersion, type StateVersionInput } from '../../../src/engine/conflict';
import { deepFreeze, expectValidation, permutations, sv } from './helpers';

const T0 = Date.UTC(2025, 0, 1);

describe('createStateVersion', () => {
  it('normalises a Date to epoch milliseconds and copies the value', () => {
    const value = { a: [1, 2] };
    const v = createStateVersion(sv('k', value, 0, new Date(T0), 'agent-1'));
    expect(v.timestamp).toBe(T0);
    value.a.push(3);
    expect(v.value).toEqual({ a: [1, 2] });
  });

  it('rejects an empty key, a bad version, a non-finite timestamp, an empty agent, a bad clock', () => {
    expectValidation(() => createStateVersion(sv('', 1, 1, T0, 'a')), 'stateVersion.stateKey');
    expectValidation(() => createStateVersion(sv('k', 1, -1, T0, 'a')), 'stateVersion.version');
    expectValidation(() => createStateVersion(sv('k', 1, 1.5, T0, 'a')), 'stateVersion.version');
    expectValidation(() => createStateVersion(sv('k', 1, 1, Number.NaN, 'a')), 'stateVersion.timestamp');
    expectValidation(() => createStateVersion(sv('k', 1, 1, Number.POSITIVE_INFINITY, 'a')), 'stateVersion.timestamp');
    expectValidation(() => createStateVersion(sv('k', 1, 1, new Date(Number.NaN), 'a')), 'stateVersion.timestamp');
    expectValidation(() => createStateVersion(sv('k', 1, 1, T0, '')), 'stateVersion.agentId');
    expectValidation(
      () => createStateVersion(sv('k', 1, 1, T0, 'a', { vectorClock: { a: -1 } })),
      'stateVersion.metadata.vectorClock.a',
    );
    expectValidation(
      () => createStateVersion(sv('k', 1, 1, T0, 'a', { crdtType: 'tree' as never })),
      'stateVersion.metadata.crdtType',
    );
  });
});

describe('ConflictResolver', () => {
  it('rejects an unknown strategy, listing the valid ones', () => {
    expectValidation(
      () => new ConflictResolver({ strategy: 'newest' as never }),
      'strategy',
      /'lww', 'vector', 'crdt'/,
    );
  });

  it('rejects an empty list, a mismatched key and an invalid version (naming its index)', () => {
    const r = new ConflictResolver({ strategy: 'lww' });
    expectValidation(() => r.resolve('k', []), 'conflicts');
    expectValidation(() => r.resolve('', [sv('k', 1, 1, T0, 'a')]), 'stateKey');
    expectValidation(
      () => r.resolve('k', [sv('k', 1, 1, T0, 'a'), sv('other', 1, 1, T0, 'b')]),
      'conflicts[1].stateKey',
    );
    expectValidation(() => r.resolve('k', [sv('k', 1, 1, T0, 'a'), sv('k', 1, -2, T0, 'b')]), 'conflicts[1].version');
  });

  it('rejects versions whose crdtType disagree, and a value of the wrong shape (naming agent and field)', () => {
    const r = new ConflictResolver({ strategy: 'crdt' });
    expectValidation(
      () =>
        r.resolve('k', [
          sv('k', 1, 1, T0, 'agent-1', { crdtType: 'counter' }),
          sv('k', [1], 1, T0, 'agent-2', { crdtType: 'set' }),
        ]),
      'conflicts[1].metadata.crdtType',
      /agent-2 declares 'set' but agent-1 declares 'counter'/,
    );
    expectValidation(
      () => r.resolve('k', [sv('k', 1, 1, T0, 'agent-1', { crdtType: 'counter' }), sv('k', 'x', 1, T0, 'agent-2')]),
      'conflicts[1].value',
      /agent-2/,
    );
    expectValidation(
      () => r.resolve('k', [sv('k', -3, 1, T0, 'agent-1', { crdtType: 'counter' })]),
      'conflicts[0].value',
      /agent-1/,
    );
    expectValidation(
      () => r.resolve('k', [sv('k', 1, 1, T0, 'agent-1'), sv('k', 'x', 1, T0, 'agent-2')]),
      'conflicts[1].value',
    );
    expectValidation(
      () => r.resolve('k', [sv('k', { a: 1 }, 1, T0, 'agent-1', { crdtType: 'set' })]),
      'conflicts[0].value',
      /agent-1: a set value is an array or a Set/,
    );
    expectValidation(
      () => r.resolve('k', [sv('k', { increments: -1 }, 1, T0, 'agent-7', { crdtType: 'pn-counter' })]),
      'conflicts[0].value.increments',
      /agent-7/,
    );
  });

  it('never mutates its inputs (deeply frozen inputs resolve, and equal their copies after)', () => {
    for (const strategy of ['lww', 'vector', 'crdt'] as const) {
      const inputs = [
        sv('m', { a: 1, b: [1, 2] }, 1, T0, 'agent-1', { vectorClock: { 'agent-1': 2 }, crdtType: 'map' }),
        sv('m', { b: [3], c: { d: 1 } }, 2, T0 + 1, 'agent-2', { vectorClock: { 'agent-2': 1 }, crdtType: 'map' }),
      ];
      const copy = JSON.parse(JSON.stringify(inputs));
      deepFreeze(inputs);
      const out = new ConflictResolver({ strategy }).resolve('m', inputs);
      expect(inputs).toEqual(copy);
      // And the result shares nothing mutable with the inputs.
      (out.value as Record<string, unknown>).z = 1;
      expect(inputs).toEqual(copy);
    }
  });

  it('gives back a single version unchanged in value (crdt: the value read from its state)', () => {
    for (const strategy of ['lww', 'vector', 'crdt'] as const) {
      const out = new ConflictResolver({ strategy }).resolve('k', [sv('k', ['b', 'a', 'a'], 4, T0, 'agent-1')]);
      expect(out.value).toEqual(strategy === 'crdt' ? ['a', 'b'] : ['b', 'a', 'a']);
      expect(out.version).toBe(4);
      expect(out.metadata.explanation?.at(-1)?.step).toBe('single');
      if (strategy === 'crdt') expect(out.metadata.crdtState).toEqual({ type: 'set', elements: ['a', 'b'] });
    }
  });

  it('checks a carried crdtState like a state from the network, naming the field', () => {
    const r = new ConflictResolver({ strategy: 'crdt' });
    expectValidation(
      () =>
        r.resolve('k', [
          sv('k', 1, 1, T0, 'agent-1', { crdtType: 'counter' }),
          sv('k', 3, 2, T0, 'coordinator', { crdtType: 'counter', crdtState: { type: 'counter', counts: { a: -1 } } }),
        ]),
      'conflicts[1].metadata.crdtState.counts.a',
    );
    expectValidation(
      () =>
        r.resolve('k', [
          sv('k', 1, 1, T0, 'agent-1', { crdtType: 'counter' }),
          sv('k', [1], 2, T0, 'coordinator', { crdtType: 'counter', crdtState: { type: 'set', elements: [1] } }),
        ]),
      'conflicts[1].metadata.crdtState.type',
      /coordinator: must be 'counter'/,
    );
    // Without crdtType, a carried state's type is the declared type.
    const pn = { type: 'pn-counter' as const, p: { 'agent-1': 5 }, n: { 'agent-2': 2 } };
    const out = r.resolve('k', [sv('k', 3, 2, T0, 'coordinator', { crdtState: pn })]);
    expect(out.metadata.crdtType).toBe('pn-counter');
    expect(out.value).toBe(3);
  });

  it('the state decides, not the value: a merged version whose value was edited still merges by its state', () => {
    const r = new ConflictResolver({ strategy: 'crdt' });
    const state = { type: 'counter' as const, counts: { 'agent-1': 42, 'agent-2': 45 } };
    const edited = sv('k', 1000, 3, T0, 'coordinator', { crdtType: 'counter', crdtState: state });
    expect(r.resolve('k', [edited, sv('k', 50, 1, T0, 'agent-2', { crdtType: 'counter' })]).value).toBe(92);
  });

  it('breaks LWW ties by higher version, then by the agent id that sorts last, in every input order', () => {
    const r = new ConflictResolver({ strategy: 'lww' });
    const byVersion = [
      sv('k', 'v3', 3, T0, 'agent-1'),
      sv('k', 'v2', 2, T0, 'agent-9'),
      sv('k', 'v1', 1, T0, 'agent-5'),
    ];
    const byAgent = [sv('k', 'a', 1, T0, 'agent-1'), sv('k', 'b', 1, T0, 'agent-2'), sv('k', 'c', 1, T0, 'agent-10')];
    const first = (vs: StateVersionInput[]) => JSON.stringify(r.resolve('k', vs));
    for (const p of permutations(byVersion)) {
      expect(r.resolve('k', p).value).toBe('v3');
      expect(JSON.stringify(r.resolve('k', p))).toBe(first(byVersion));
    }
    for (const p of permutations(byAgent)) {
      // 'agent-2' sorts after 'agent-10' in code-unit order.
      expect(r.resolve('k', p).value).toBe('b');
      expect(JSON.stringify(r.resolve('k', p))).toBe(first(byAgent));
    }
    const steps = r.resolve('k', byAgent).metadata.explanation ?? [];
    expect(steps[0]).toMatchObject({ comparison: { decidedBy: 'agentId', left: 'agent-2', right: 'agent-10' } });
  });

  it('stores a __proto__ map key as data and does not touch Object.prototype', () => {
    const r = new ConflictResolver({ strategy: 'crdt' });
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
    const out = r.resolve('m', [sv('m', hostile, 1, T0, 'agent-1'), sv('m', { other: 2 }, 2, T0 + 1, 'agent-2')]);
    const value = out.value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'ok', 'other']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(value))).toEqual(
      JSON.parse('{"__proto__": {"polluted": true}, "ok": 1, "other": 2}'),
    );
  });

  it('merges pn-counters and or-sets (add wins over a concurrent remove)', () => {
    const r = new ConflictResolver({ strategy: 'crdt' });
    const pn = r.resolve('pn', [
      sv('pn', { increments: 10, decrements: 3 }, 1, T0, 'agent-1', { crdtType: 'pn-counter' }),
      sv('pn', { increments: 4, decrements: 1 }, 1, T0, 'agent-2', { crdtType: 'pn-counter' }),
      sv('pn', { increments: 10, decrements: 3 }, 1, T0, 'agent-1', { crdtType: 'pn-counter' }),
    ]);
    expect(pn.value).toBe(10);
    const removedByAgent1 = { entries: [{ element: 'x', tags: ['1@agent-1'] }], tombstones: ['1@agent-1'] };
    const reAddedByAgent2 = { entries: [{ element: 'x', tags: ['1@agent-1', '1@agent-2'] }], tombstones: [] };
    const or = r.resolve('or', [
      sv('or', removedByAgent1, 2, T0, 'agent-1', { crdtType: 'or-set' }),
      sv('or', reAddedByAgent2, 2, T0, 'agent-2', { crdtType: 'or-set' }),
    ]);
    expect(or.value).toEqual(['x']);
    expect(or.metadata.explanation?.[1]).toMatchObject({
      step: 'or-set-merge',
      comparison: {
        elements: [{ element: 'x', tags: ['1@agent-1', '1@agent-2'], removedTags: ['1@agent-1'], present: true }],
      },
    });
    const removedOnly = r.resolve('or', [
      sv('or', removedByAgent1, 2, T0, 'agent-1', { crdtType: 'or-set' }),
      sv('or', { entries: [{ element: 'x', tags: ['1@agent-1'] }], tombstones: [] }, 1, T0, 'agent-2', {
        crdtType: 'or-set',
      }),
    ]);
    expect(removedOnly.value).toEqual([]);
  });

  it('explanations are JSON-serialisable data', () => {
    const r = new ConflictResolver({ strategy: 'vector' });
    const out = r.resolve('d', [
      sv('d', 'a', 1, T0, 'agent-1', { vectorClock: { 'agent-1': 2, 'agent-2': 0 } }),
      sv('d', 'b', 1, T0 + 1, 'agent-2', { vectorClock: { 'agent-1': 1, 'agent-2': 1 } }),
    ]);
    const steps = out.metadata.explanation ?? [];
    expect(JSON.parse(JSON.stringify(steps))).toEqual(steps);
    for (const s of steps) expect(Object.keys(s).sort()).toEqual(['comparison', 'inputs', 'outcome', 'reason', 'step']);
  });
});
