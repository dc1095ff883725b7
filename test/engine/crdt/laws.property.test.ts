import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRDT_TYPES, type CRDTType, createReplica, jsonKey, mergeState } from '../../../src/engine/crdt';

// ≥ 1,000 runs per property by default; FULL=1 for 10,000.
const RUNS = process.env.FULL === '1' ? 10_000 : 1_000;
const IDS = ['agent-1', 'agent-2', 'agent-3'];

/** One step of a generated history over three replicas: a local op or a merge of one replica's state into another. */
type Cmd = { replica: number; merge: boolean; from: number; remove: boolean; item: number; amount: number; t: number };
const cmdArb: fc.Arbitrary<Cmd> = fc.record({
  replica: fc.nat(2),
  merge: fc.boolean(),
  from: fc.nat(2),
  remove: fc.boolean(),
  item: fc.nat(3),
  amount: fc.integer({ min: 1, max: 5 }),
  // Few distinct timestamps: LWW ties on timestamp happen often.
  t: fc.nat(3),
});

function opOf(type: CRDTType, c: Cmd): unknown {
  const item = ['x', 'y', '__proto__', 'z'][c.item];
  switch (type) {
    case 'counter':
      return { type: 'increment', amount: c.amount };
    case 'pn-counter':
      return { type: c.remove ? 'decrement' : 'increment', amount: c.amount };
    case 'set':
      return { type: 'add', element: item };
    case 'or-set':
      return { type: c.remove ? 'remove' : 'add', element: item };
    case 'map':
      return c.remove
        ? { type: 'delete', key: item, timestamp: c.t }
        : { type: 'set', key: item, value: c.amount, timestamp: c.t };
    case 'register':
      return { type: 'set', value: c.amount, timestamp: c.t };
  }
}

/** Plays a history and returns the three replicas' states (as they would be sent). */
function play(type: CRDTType, cmds: Cmd[]): unknown[] {
  const rs = IDS.map((id) => createReplica(type, id));
  for (const c of cmds) {
    const r = rs[c.replica];
    if (c.merge) mergeState(r, rs[c.from].state());
    else (r.apply as (op: unknown) => void).call(r, opOf(type, c));
  }
  return rs.map((r) => r.state());
}

/** The state of a fresh replica after merging `states` in order. */
function join(type: CRDTType, ...states: unknown[]): string {
  const r = createReplica(type, 'observer');
  for (const s of states) mergeState(r, s);
  return jsonKey(r.state());
}

describe.each(CRDT_TYPES)('%s merge laws', (type) => {
  const histories = fc.array(cmdArb, { maxLength: 30 }).map((cmds) => play(type, cmds));

  it('commutative: a ⊔ b = b ⊔ a', () => {
    fc.assert(
      fc.property(histories, ([a, b]) => {
        expect(join(type, a, b)).toBe(join(type, b, a));
      }),
      { numRuns: RUNS },
    );
  });

  it('associative: (a ⊔ b) ⊔ c = a ⊔ (b ⊔ c)', () => {
    fc.assert(
      fc.property(histories, ([a, b, c]) => {
        const ab = createReplica(type, 'ab');
        mergeState(ab, a);
        mergeState(ab, b);
        const bc = createReplica(type, 'bc');
        mergeState(bc, b);
        mergeState(bc, c);
        expect(join(type, ab.state(), c)).toBe(join(type, a, bc.state()));
      }),
      { numRuns: RUNS },
    );
  });

  it('idempotent: a ⊔ a = a, and merging a state into itself changes nothing', () => {
    fc.assert(
      fc.property(histories, ([a]) => {
        expect(join(type, a, a)).toBe(join(type, a));
        const r = createReplica(type, 'r');
        mergeState(r, a);
        expect(mergeState(r, a)).toBe(false);
        expect(jsonKey(r.state())).toBe(join(type, a));
      }),
      { numRuns: RUNS },
    );
  });

  it('deltas: a replica fed only the deltas of another ends with the same state', () => {
    fc.assert(
      fc.property(fc.array(cmdArb, { maxLength: 30 }), (cmds) => {
        const source = createReplica(type, 'agent-1');
        const sink = createReplica(type, 'agent-2');
        for (const c of cmds) {
          (source.apply as (op: unknown) => void).call(source, opOf(type, c));
          if (c.merge) {
            const d = source.takeDelta();
            if (d) mergeState(sink, JSON.parse(JSON.stringify(d)));
          }
        }
        const d = source.takeDelta();
        if (d) mergeState(sink, d);
        expect(jsonKey(sink.state())).toBe(jsonKey(source.state()));
      }),
      { numRuns: RUNS },
    );
  });
});
