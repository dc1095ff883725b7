/**
 * Vector clocks, CRDTs and conflict resolution, each beside what a user would pick instead:
 * clocks against a plain object and a Map merged the textbook way, the LWW map against yjs
 * and automerge on dmonad/crdt-benchmarks B3.1.
 */
import * as Automerge from '@automerge/automerge';
import * as Y from 'yjs';
import { ClockIds, merge, mergeDense, type VectorClock } from '../src/engine/clocks';
import { ConflictResolver } from '../src/engine/conflict';
import { Prng } from '../src/engine/core/prng';
import { GCounter, LWWMap } from '../src/engine/crdt';
import type { BenchCase, BenchOutcome } from './harness';

const CLOCK_ENTRIES = 1_024;
const CLOCK_MERGES = 5_000;
const COUNTER_ENTRIES = 1_000_000;
/** dmonad/crdt-benchmarks B3.1: ⌊20·√6000⌋ = 1,549 clients concurrently set a number in a map, then sync. */
const B3_CLIENTS = Math.floor(20 * Math.sqrt(6000));
const fmt = (n: number) => n.toLocaleString('en-US');

function randomClock(rng: Prng): Record<string, number> {
  const c: Record<string, number> = {};
  for (let i = 0; i < CLOCK_ENTRIES; i++) c[`agent-${i + 1}`] = rng.int(1_000);
  return c;
}

const clockRng = new Prng(1);
const clockA = randomClock(clockRng);
const clockB = randomClock(clockRng);

/** The same loop for every contender: 5,000 merges, alternately of the last result and of `a`, with `b`. */
function mergeLoop<C>(a: C, b: C, mergeFn: (x: C, y: C) => C, sum: (c: C) => number): BenchOutcome {
  let m = a;
  for (let i = 0; i < CLOCK_MERGES; i++) m = mergeFn(i % 2 === 0 ? m : a, b);
  return { ops: CLOCK_MERGES, unit: 'merge', check: `sum ${sum(m)}` };
}

const sumRecord = (c: VectorClock) => Object.values(c).reduce((s, v) => s + v, 0);

/** What a user writes with a plain object: spread one, take the max per key of the other. */
function textbookObjectMerge(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const k in b) out[k] = Math.max(out[k] ?? 0, b[k]);
  return out;
}

/** … and with a Map. */
function textbookMapMerge(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, Math.max(out.get(k) ?? 0, v));
  return out;
}

const mapA = new Map(Object.entries(clockA));
const mapB = new Map(Object.entries(clockB));
const sumMap = (c: Map<string, number>) => [...c.values()].reduce((s, v) => s + v, 0);

const clockPeers = [
  { name: 'textbook object', run: () => mergeLoop(clockA, clockB, textbookObjectMerge, sumRecord) },
  { name: 'textbook Map', run: () => mergeLoop(mapA, mapB, textbookMapMerge, sumMap) },
];

const clockIds = new ClockIds(Object.keys(clockA));
const denseA = clockIds.fromRecord(clockA);
const denseB = clockIds.fromRecord(clockB);
const sumDense = (c: Float64Array) => c.reduce((s, v) => s + v, 0);

const denseClocks: BenchCase = {
  name: `clocks: merge two ${fmt(CLOCK_ENTRIES)}-entry vector clocks (dense: mergeDense)`,
  ours: { name: 'ours', run: () => mergeLoop(denseA, denseB, (x, y) => mergeDense(x, y), sumDense) },
  peers: clockPeers,
  targets: [{ kind: 'ms', atMost: (10 * CLOCK_MERGES) / 1000, label: '≤ 10 µs per merge' }],
};

/** The plain-object form (messages, trace details, the inspector): V8 keeps 1,024-key objects as dictionaries. */
const recordClocks: BenchCase = {
  name: `clocks: merge two ${fmt(CLOCK_ENTRIES)}-entry vector clocks (plain objects: merge)`,
  rounds: 3,
  ours: { name: 'ours', run: () => mergeLoop<VectorClock>(clockA, clockB, merge, sumRecord) },
  peers: clockPeers,
};

let counters: { a: GCounter; b: GCounter } | undefined;

/** Two 1,000,000-agent G-Counters (built once, outside the timing). */
function bigCounters(): { a: GCounter; b: GCounter } {
  if (counters) return counters;
  const counts: Record<string, number> = {};
  const other: Record<string, number> = {};
  for (let i = 0; i < COUNTER_ENTRIES; i++) {
    counts[`agent-${i}`] = i % 1_000;
    other[`agent-${i}`] = (i * 7) % 1_000;
  }
  counters = {
    a: GCounter.fromState('a', { type: 'counter', counts }),
    b: GCounter.fromState('b', { type: 'counter', counts: other }),
  };
  return counters;
}

const counterMerge: BenchCase = {
  name: `crdt: G-Counter merge, ${fmt(COUNTER_ENTRIES)} entries (twice)`,
  rounds: 3,
  ours: {
    name: 'ours',
    prepare: bigCounters,
    run: ({ a, b }: { a: GCounter; b: GCounter }) => {
      const sink = new GCounter('sink');
      sink.merge(a);
      sink.merge(b);
      return { ops: 2 * COUNTER_ENTRIES, unit: 'entry', note: `value ${fmt(sink.value())}` };
    },
  },
} as BenchCase;

/** Ours on B3.1: each client's LWWMap sets v and sends its JSON state; one replica merges them all. */
function b31Ours(): BenchOutcome {
  const updates: string[] = [];
  for (let i = 0; i < B3_CLIENTS; i++) {
    const doc = new LWWMap(`client-${i}`);
    doc.apply({ type: 'set', key: 'v', value: i, timestamp: 0 });
    updates.push(JSON.stringify(doc.state()));
  }
  const sink = new LWWMap('sink');
  for (const u of updates) sink.merge(JSON.parse(u));
  if (typeof sink.get('v') !== 'number') throw new Error('lost the key');
  const bytes = updates.reduce((s, u) => s + u.length, 0);
  return { ops: B3_CLIENTS, unit: 'client', note: `JSON updates ${fmt(bytes)} bytes` };
}

/** yjs on B3.1: each client's Y.Doc sets map.v and encodes its update; one doc applies them all. */
function b31Yjs(): BenchOutcome {
  const updates: Uint8Array[] = [];
  for (let i = 0; i < B3_CLIENTS; i++) {
    const doc = new Y.Doc();
    doc.getMap('map').set('v', i);
    updates.push(Y.encodeStateAsUpdate(doc));
  }
  const sink = new Y.Doc();
  sink.transact(() => {
    for (const u of updates) Y.applyUpdate(sink, u);
  });
  if (typeof sink.getMap('map').get('v') !== 'number') throw new Error('yjs lost the key');
  const bytes = updates.reduce((s, u) => s + u.length, 0);
  return { ops: B3_CLIENTS, unit: 'client', note: `updates ${fmt(bytes)} bytes` };
}

/** automerge on B3.1: each client's document sets v and saves its changes; one document applies them all. */
function b31Automerge(): BenchOutcome {
  const updates: Uint8Array[][] = [];
  for (let i = 0; i < B3_CLIENTS; i++) {
    const doc = Automerge.change(Automerge.init<{ v?: number }>(), (d) => {
      d.v = i;
    });
    updates.push(Automerge.getAllChanges(doc));
  }
  let sink = Automerge.init<{ v?: number }>();
  sink = Automerge.applyChanges(sink, updates.flat())[0];
  if (typeof sink.v !== 'number') throw new Error('automerge lost the key');
  const bytes = updates.flat().reduce((s, u) => s + u.length, 0);
  return { ops: B3_CLIENTS, unit: 'client', note: `changes ${fmt(bytes)} bytes` };
}

const b31: BenchCase = {
  name: `crdt: B3.1 ${fmt(B3_CLIENTS)} clients set one map key, then sync (LWWMap)`,
  ours: { name: 'ours', run: b31Ours },
  peers: [
    { name: 'yjs', run: b31Yjs },
    { name: 'automerge', run: b31Automerge },
  ],
  targets: [{ kind: 'peer', peer: 'yjs', atMost: 0.1, label: '≥ 10× faster than yjs' }],
};

/** The resolver on the seed's map example scaled up: 64 versions of a 256-key config, with explanation steps. */
function resolveVersions() {
  const rng = new Prng(3);
  return Array.from({ length: 64 }, (_, i) => {
    const value: Record<string, number> = {};
    for (let k = 0; k < 256; k++) if (rng.chance(0.5)) value[`key${k}`] = rng.int(100);
    return { stateKey: 'config', value, version: i, timestamp: rng.int(10_000), agentId: `agent-${i}`, metadata: {} };
  });
}

const RESOLVES = 20;

const resolve = {
  name: 'conflict: crdt resolve of a 64-version × 256-key map',
  ours: {
    name: 'ours',
    prepare: resolveVersions,
    run: (versions: ReturnType<typeof resolveVersions>) => {
      const resolver = new ConflictResolver({ strategy: 'crdt' });
      for (let r = 0; r < RESOLVES; r++) resolver.resolve('config', versions);
      return { ops: RESOLVES, unit: 'resolve', note: 'with explanation steps' };
    },
  },
  targets: [{ kind: 'ms', atMost: 3 * RESOLVES, label: '≤ 3 ms per resolve' }],
} as BenchCase;

export const cases: BenchCase[] = [denseClocks, recordClocks, counterMerge, b31, resolve];
