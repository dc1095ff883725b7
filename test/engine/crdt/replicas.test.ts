import { describe, expect, it } from 'vitest';
import {
  type AnyReplica,
  GCounter,
  GSet,
  LWWMap,
  LWWRegister,
  mergeState,
  ORSet,
  PNCounter,
  replicaFromState,
} from '../../../src/engine/crdt';
import { expectValidation } from '../conflict/helpers';

describe('GCounter', () => {
  it("counts the seed's 42 + 45 = 87, and a duplicate delivery changes nothing", () => {
    const a = new GCounter('agent-1');
    a.apply({ type: 'increment', amount: 42 });
    const b = new GCounter('agent-2');
    b.apply({ type: 'increment', amount: 45 });
    expect(a.merge(b.state())).toBe(true);
    expect(a.merge(b.state())).toBe(false);
    expect(a.value()).toBe(87);
    expect(a.state()).toEqual({ type: 'counter', counts: { 'agent-1': 42, 'agent-2': 45 } });
  });

  it('sends only what changed as a delta', () => {
    const a = new GCounter('agent-1');
    a.apply({ type: 'increment' });
    expect(a.takeDelta()).toEqual({ type: 'counter', counts: { 'agent-1': 1 } });
    expect(a.takeDelta()).toBeUndefined();
    a.merge({ type: 'counter', counts: { 'agent-2': 4 } });
    expect(a.takeDelta()).toBeUndefined();
    a.merge({ type: 'counter', counts: { 'agent-3': 4 } }, { keepAsDelta: true });
    expect(a.takeDelta()).toEqual({ type: 'counter', counts: { 'agent-3': 4 } });
  });

  it('rejects malformed states and ops, naming the field', () => {
    expectValidation(() => new GCounter('a').merge({ type: 'counter', counts: { b: -1 } }), 'state.counts.b');
    expectValidation(() => GCounter.fromState('a', { type: 'set', counts: {} }, 'msg'), 'msg.type');
    expectValidation(() => new GCounter('a').apply({ type: 'increment', amount: -1 }), 'op.amount');
    expectValidation(() => new GCounter(''), 'replicaId');
  });
});

describe('PNCounter', () => {
  it('goes up and down and merges both halves', () => {
    const a = new PNCounter('agent-1');
    a.apply({ type: 'increment', amount: 5 });
    a.apply({ type: 'decrement', amount: 2 });
    const b = new PNCounter('agent-2');
    b.apply({ type: 'decrement', amount: 4 });
    a.merge(b.state());
    b.merge(a.state());
    expect(a.value()).toBe(-1);
    expect(b.state()).toEqual(a.state());
  });
});

describe('GSet', () => {
  it('unions, identifying elements by their canonical JSON', () => {
    const a = new GSet('agent-1');
    a.apply({ type: 'add', element: { x: 1, y: 2 } });
    a.apply({ type: 'add', element: 'tag1' });
    a.merge({ type: 'set', elements: [{ y: 2, x: 1 }, 'tag2', 10, 9] });
    expect(a.value()).toEqual([9, 10, 'tag1', 'tag2', { x: 1, y: 2 }]);
    expectValidation(() => a.merge({ type: 'set', elements: [Number.NaN] }), 'state.elements[0]');
  });
});

describe('ORSet', () => {
  it('add wins over a concurrent remove; an observed remove removes', () => {
    const a = new ORSet('agent-1');
    a.apply({ type: 'add', element: 'x' });
    const b = ORSet.fromState('agent-2', a.state());
    b.apply({ type: 'remove', element: 'x' });
    expect(b.value()).toEqual([]);
    a.apply({ type: 'add', element: 'x' });
    a.merge(b.state());
    b.merge(a.state());
    expect(a.value()).toEqual(['x']);
    expect(b.state()).toEqual(a.state());
    b.apply({ type: 'remove', element: 'x' });
    a.merge(b.takeDelta() as never);
    expect(a.value()).toEqual([]);
  });

  it('a replica rebuilt from its own state never reuses a tag', () => {
    const a = new ORSet('agent-1');
    a.apply({ type: 'add', element: 'x' });
    const again = ORSet.fromState('agent-1', a.state());
    again.apply({ type: 'add', element: 'y' });
    expect(again.state().entries.map((e) => e.tags)).toEqual([['1@agent-1'], ['2@agent-1']]);
  });
});

describe('LWWRegister and LWWMap', () => {
  it('the register keeps the latest write; equal timestamps go to the higher version, then the agent sorting last', () => {
    const r = new LWWRegister('agent-1');
    r.apply({ type: 'set', value: 'a', timestamp: 10 });
    r.apply({ type: 'set', value: 'b', timestamp: 10 });
    expect(r.value()).toBe('b');
    expect(r.merge({ type: 'register', entry: { value: 'c', timestamp: 10, version: 2, agentId: 'agent-0' } })).toBe(
      false,
    );
    expect(r.merge({ type: 'register', entry: { value: 'd', timestamp: 10, version: 2, agentId: 'agent-2' } })).toBe(
      true,
    );
    expect(r.value()).toBe('d');
  });

  it("the map is LWW per key: the seed's {key1: v1, key2: v3, key3: v4}", () => {
    const a = new LWWMap('agent-1');
    a.apply({ type: 'set', key: 'key1', value: 'v1', timestamp: 1 });
    a.apply({ type: 'set', key: 'key2', value: 'v2', timestamp: 1 });
    const b = new LWWMap('agent-2');
    b.apply({ type: 'set', key: 'key2', value: 'v3', timestamp: 2 });
    b.apply({ type: 'set', key: 'key3', value: 'v4', timestamp: 2 });
    a.merge(b.state());
    expect(a.value()).toEqual({ key1: 'v1', key2: 'v3', key3: 'v4' });
  });

  it('deletes with a tombstone that wins by stamp', () => {
    const a = new LWWMap('agent-1');
    a.apply({ type: 'set', key: 'k', value: 1, timestamp: 1 });
    const b = LWWMap.fromState('agent-2', a.state());
    b.apply({ type: 'delete', key: 'k', timestamp: 1 });
    a.merge(b.state());
    expect(a.value()).toEqual({});
    expect(a.get('k')).toBeUndefined();
  });

  it('stores __proto__ as an ordinary key', () => {
    const m = new LWWMap('agent-1');
    m.apply({ type: 'set', key: '__proto__', value: { polluted: true }, timestamp: 1 });
    m.merge(
      JSON.parse('{"type":"map","entries":[{"key":"constructor","value":1,"timestamp":1,"version":1,"agentId":"b"}]}'),
    );
    const v = m.value();
    expect(Object.keys(v)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(m.state()))).toEqual(m.state());
    expect(m.get('__proto__')).toEqual({ polluted: true });
  });
});

describe('states travel as JSON', () => {
  it('every replica rebuilds from its JSON state', () => {
    const counter = new GCounter('a');
    counter.apply({ type: 'increment', amount: 3 });
    const pn = new PNCounter('a');
    pn.apply({ type: 'decrement', amount: 3 });
    const set = new GSet('a');
    set.apply({ type: 'add', element: [1, { a: null }] });
    const orSet = new ORSet('a');
    orSet.apply({ type: 'add', element: 'x' });
    const map = new LWWMap('a');
    map.apply({ type: 'set', key: 'k', value: [true], timestamp: 5 });
    const register = new LWWRegister('a');
    register.apply({ type: 'set', value: { deep: [1] }, timestamp: 5 });
    const replicas: AnyReplica[] = [counter, pn, set, orSet, map, register];
    for (const r of replicas) {
      const wire = JSON.parse(JSON.stringify(r.state()));
      const copy = replicaFromState('b', wire);
      expect(copy.state()).toEqual(r.state());
      expect(copy.value()).toEqual(r.value());
      const empty = replicaFromState('c', { ...wire, ...emptyOf(wire.type) });
      expect(mergeState(empty, wire)).toBe(true);
      expect(empty.state()).toEqual(r.state());
    }
    expectValidation(() => replicaFromState('a', { type: 'tree' }), 'state.type');
    expectValidation(() => mergeState(new GSet('a'), { type: 'counter', counts: {} }), 'state.type');
  });

  it('names the field of a malformed LWW cell, and keeps a cell read from a state apart from the state', () => {
    const cell = { key: 'k', value: 1, timestamp: 1, version: 1, agentId: 'a' };
    const bad: [object, string][] = [
      [{ timestamp: Number.NaN }, 'state.entries[0].timestamp'],
      [{ version: -1 }, 'state.entries[0].version'],
      [{ agentId: '' }, 'state.entries[0].agentId'],
      [{ deleted: 'yes' }, 'state.entries[0].deleted'],
      [{ value: { deep: [Number.POSITIVE_INFINITY] } }, 'state.entries[0].value.deep[0]'],
    ];
    for (const [change, field] of bad)
      expectValidation(() => replicaFromState('m', { type: 'map', entries: [{ ...cell, ...change }] }), field);
    const wire = { type: 'map', entries: [{ ...cell, value: { list: [1] } }] };
    const m = replicaFromState('m', wire) as LWWMap;
    wire.entries[0].value.list.push(2);
    expect(m.get('k')).toEqual({ list: [1] });
    expect(m.stampOf('k')).toEqual({ timestamp: 1, version: 1, agentId: 'a' });
  });
});

function emptyOf(type: string): object {
  switch (type) {
    case 'counter':
      return { counts: {} };
    case 'pn-counter':
      return { p: {}, n: {} };
    case 'set':
      return { elements: [] };
    case 'or-set':
      return { entries: [], tombstones: [] };
    case 'map':
      return { entries: [] };
    default:
      return { entry: null };
  }
}
