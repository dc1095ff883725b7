/**
 * A fingerprint of the resolver's full output (value, conflicts, explanation steps and their
 * text, key order included) over a fixed set of inputs, pinned from the code before the
 * issue-14 speed work: any change to what the merge inspector or the worker receives moves the
 * hash. A deliberate change of output re-pins it (print `fingerprint()` and say why).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConflictResolver, type ResolutionStrategy, type StateVersionInput } from '../../../src/engine/conflict';
import { ValidationError } from '../../../src/engine/core/errors';
import { Prng } from '../../../src/engine/core/prng';
import { ORSet } from '../../../src/engine/crdt';
import { deepFreeze, sv } from './helpers';

const T0 = Date.UTC(2025, 0, 1);

/** Map writes with clashing stamps, strings, nulls, nested values, a `__proto__` key and a Map value. */
function mapWrites(rng: Prng, n: number, keys: number): StateVersionInput[] {
  const out: StateVersionInput[] = [];
  for (let i = 0; i < n; i++) {
    const value: Record<string, unknown> = {};
    for (let k = 0; k < keys; k++) {
      if (!rng.chance(0.6)) continue;
      const pick = rng.int(5);
      const x =
        pick === 0 ? `s${rng.int(4)}` : pick === 1 ? null : pick === 2 ? { n: rng.int(3), l: [1, 'a'] } : rng.int(9);
      Object.defineProperty(value, k === 0 ? '__proto__' : `key${k}`, { value: x, enumerable: true, writable: true });
    }
    // Few distinct timestamps and versions: ties decided by version, then agent id.
    const ts = rng.chance(0.5) ? T0 + rng.int(3) : rng.int(4);
    out.push(sv('config', value, rng.int(3), ts, `agent-${rng.int(6)}`));
  }
  out.push(
    sv(
      'config',
      new Map<string, unknown>([
        ['key1', 'from a Map'],
        ['key2', 7],
      ]),
      9,
      T0 + 9,
      'agent-map',
    ),
  );
  return out;
}

/** The bench's input: 64 versions of a 256-key config. */
function benchWrites(): StateVersionInput[] {
  const rng = new Prng(3);
  return Array.from({ length: 64 }, (_, i) => {
    const value: Record<string, number> = {};
    for (let k = 0; k < 256; k++) if (rng.chance(0.5)) value[`key${k}`] = rng.int(100);
    return sv('config', value, i, rng.int(10_000), `agent-${i}`);
  });
}

function orSetState(): unknown {
  const a = new ORSet('agent-1');
  const b = new ORSet('agent-2');
  a.apply({ type: 'add', element: 'x' });
  a.apply({ type: 'add', element: 'y' });
  b.merge(a.state());
  b.apply({ type: 'remove', element: 'x' });
  a.apply({ type: 'add', element: 'x' });
  return { a: a.state(), b: b.state() };
}

type Case = [string, ResolutionStrategy, StateVersionInput[]];

function cases(): Case[] {
  const rng = new Prng(14);
  const writes = mapWrites(rng, 14, 12);
  const crdt = new ConflictResolver({ strategy: 'crdt' });
  // A merged result brought back with stale copies and a later write: inputs that carry state.
  const merged = crdt.resolve('config', writes.slice(0, 8));
  const tomb = {
    type: 'map',
    entries: [{ key: 'key3', value: null, deleted: true, timestamp: T0 + 5, version: 1, agentId: 'agent-9' }],
  };
  const orSets = orSetState() as { a: unknown; b: unknown };
  const clocked = (v: string, ver: number, ts: number, agent: string, clock: Record<string, number>) =>
    sv('document', v, ver, ts, agent, { vectorClock: clock });
  return [
    ['map writes', 'crdt', writes],
    [
      'map merged + stale + tombstone',
      'crdt',
      [merged, ...writes.slice(3, 11), sv('config', {}, 4, T0, 'agent-9', { crdtState: tomb as never })],
    ],
    ['map bench', 'crdt', benchWrites()],
    ['map single', 'crdt', [writes[0]]],
    ['map single merged', 'crdt', [merged]],
    ['counter', 'crdt', [sv('c', 42, 1, 0, 'agent-1'), sv('c', 45, 2, 0, 'agent-2'), sv('c', 40, 3, 1, 'agent-1')]],
    [
      'pn-counter',
      'crdt',
      [
        sv('c', { increments: 5, decrements: 2 }, 1, 0, 'agent-1', { crdtType: 'pn-counter' }),
        sv('c', { increments: 3 }, 1, 0, 'agent-2', { crdtType: 'pn-counter' }),
      ],
    ],
    ['set', 'crdt', [sv('s', ['a', 'b'], 1, 0, 'agent-1'), sv('s', new Set(['b', { c: 1 }]), 1, 0, 'agent-2')]],
    [
      'or-set',
      'crdt',
      [
        sv('o', null, 1, 0, 'agent-1', { crdtState: orSets.a as never }),
        sv('o', null, 2, 0, 'agent-2', { crdtState: orSets.b as never }),
      ],
    ],
    [
      'register',
      'crdt',
      [sv('r', 'x', 1, T0, 'agent-1'), sv('r', 'y', 1, T0, 'agent-2'), sv('r', true, 2, 5, 'agent-3')],
    ],
    ['lww', 'lww', writes.slice(0, 9)],
    ['lww single', 'lww', [writes[2]]],
    ['lww identical stamps', 'lww', [sv('d', 'b', 1, T0, 'agent-1'), sv('d', 'a', 1, T0, 'agent-1', { x: 1 })]],
    [
      'vector causal',
      'vector',
      [
        clocked('A', 1, T0 + 1000, 'agent-1', { 'agent-1': 5, 'agent-2': 3 }),
        clocked('C', 3, T0, 'agent-1', { 'agent-1': 6, 'agent-2': 7 }),
      ],
    ],
    [
      'vector concurrent',
      'vector',
      [
        clocked('A', 1, T0 + 1000, 'agent-1', { 'agent-1': 5, 'agent-2': 3 }),
        clocked('B', 2, T0 + 2000, 'agent-2', { 'agent-1': 4, 'agent-2': 6 }),
        sv('document', 'D', 2, T0 + 2000, 'agent-3'),
      ],
    ],
  ];
}

/** Inputs the resolver must refuse: the error's field and rule are output too. */
function refused(): Case[] {
  return [
    ['bad map value', 'crdt', [sv('m', { a: 1 }, 1, 0, 'agent-1'), sv('m', { a: Number.NaN }, 1, 0, 'agent-2')]],
    ['bad nested', 'crdt', [sv('m', { a: 1 }, 1, 0, 'agent-1'), sv('m', { b: { c: [undefined] } }, 1, 0, 'agent-2')]],
    ['mixed types', 'crdt', [sv('m', { a: 1 }, 1, 0, 'agent-1'), sv('m', 3, 1, 0, 'agent-2')]],
    ['bad state', 'crdt', [sv('m', {}, 1, 0, 'agent-1', { crdtState: { type: 'map', entries: 3 } as never })]],
    ['bad key', 'lww', [sv('m', 1, 1, 0, 'agent-1'), sv('n', 1, 1, 0, 'agent-2')]],
  ];
}

function outcome([name, strategy, inputs]: Case): unknown {
  try {
    return { name, result: new ConflictResolver({ strategy }).resolve(inputs[0].stateKey, inputs) };
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return { name, error: { field: e.field, rule: e.rule } };
  }
}

/** JSON with Sets and Maps spelled out (a lww winner keeps its value's shape). */
const replacer = (_: string, x: unknown) =>
  x instanceof Set ? { set: [...x] } : x instanceof Map ? { map: [...x] } : x;

function fingerprint(): string {
  const all = [...cases(), ...refused()].map(outcome);
  return createHash('sha256').update(JSON.stringify(all, replacer)).digest('hex');
}

/** Every object reachable from `x` (through objects, arrays, Sets and Maps). */
function objectsIn(x: unknown, into = new Set<object>()): Set<object> {
  if (typeof x !== 'object' || x === null || into.has(x)) return into;
  into.add(x);
  const children = x instanceof Map ? [...x.keys(), ...x.values()] : x instanceof Set ? [...x] : Object.values(x);
  for (const c of children) objectsIn(c, into);
  return into;
}

describe('resolver output fingerprint', () => {
  it('is the one pinned before the speed work (value, conflicts, steps and their text)', () => {
    expect(fingerprint()).toBe('394c47ea076ee18dc27803cfcbc65462345c798525413a9da489b07b11e28c3e');
  });

  it('shares no object with its inputs (it reads input values without copying them)', () => {
    for (const c of cases()) {
      const inputs = objectsIn(c[2]);
      const { result } = outcome(c) as { result: unknown };
      const shared = [...objectsIn(result)].filter((o) => inputs.has(o));
      expect(shared, c[0]).toEqual([]);
    }
  });

  it('leaves frozen inputs as they were', () => {
    for (const c of cases()) {
      const before = JSON.stringify(c[2], replacer);
      deepFreeze(c[2].filter((v) => !(v.value instanceof Set || v.value instanceof Map)));
      outcome(c);
      expect(JSON.stringify(c[2], replacer)).toBe(before);
    }
  });
});
