import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { merge, type VectorClock } from '../src/engine/clocks';
import { ConflictResolver } from '../src/engine/conflict';
import { Prng } from '../src/engine/core/prng';
import { GCounter, LWWMap } from '../src/engine/crdt';
import type { BenchCase, BenchOutcome } from './harness';

const CLOCK_ENTRIES = 1_024;
const CLOCK_MERGES = 5_000;
const COUNTER_ENTRIES = 1_000_000;
/** dmonad/crdt-benchmarks B3.1: ⌊20·√6000⌋ = 1,549 clients concurrently set a number in a map, then sync. */
const B3_CLIENTS = Math.floor(20 * Math.sqrt(6000));

function randomClock(rng: Prng): VectorClock {
  const c: Record<string, number> = {};
  for (let i = 0; i < CLOCK_ENTRIES; i++) c[`agent-${i + 1}`] = rng.int(1_000);
  return c;
}

/** Merging two 1,024-entry vector clocks (the inspector merges one per delivered message). */
function clockMerges(): BenchOutcome {
  const rng = new Prng(1);
  const a = randomClock(rng);
  const b = randomClock(rng);
  let m: VectorClock = a;
  for (let i = 0; i < CLOCK_MERGES; i++) m = merge(i % 2 === 0 ? m : a, b);
  if (Object.keys(m).length !== CLOCK_ENTRIES) throw new Error('merge lost entries');
  return { ops: CLOCK_MERGES, unit: 'merge', note: `${CLOCK_ENTRIES.toLocaleString('en-US')} entries per clock` };
}

let counters: { a: GCounter; b: GCounter } | undefined;

/** Two 1,000,000-agent G-Counters (built once, outside the timing of later repeats). */
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

/** G-Counter merge: a fresh replica merges one 1,000,000-entry replica, then another (max per entry). */
function counterMerge(): BenchOutcome {
  const { a, b } = bigCounters();
  const sink = new GCounter('sink');
  sink.merge(a);
  sink.merge(b);
  return { ops: 2 * COUNTER_ENTRIES, unit: 'entry', note: `value ${sink.value().toLocaleString('en-US')}` };
}

let yjsBestMs = Number.POSITIVE_INFINITY;

/** yjs on B3.1: each client's Y.Doc sets map.v, encodes its update; one doc applies them all. */
function b31Yjs(): BenchOutcome {
  const start = performance.now();
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
  const v = sink.getMap('map').get('v');
  const ms = performance.now() - start;
  if (typeof v !== 'number') throw new Error('yjs lost the key');
  yjsBestMs = Math.min(yjsBestMs, ms);
  const bytes = updates.reduce((s, u) => s + u.length, 0);
  return { ops: B3_CLIENTS, unit: 'client', note: `updates ${bytes.toLocaleString('en-US')} bytes` };
}

/** Ours on B3.1: each client's LWWMap sets v, sends its JSON state; one replica merges them all. */
function b31Ours(): BenchOutcome {
  const start = performance.now();
  const updates: string[] = [];
  for (let i = 0; i < B3_CLIENTS; i++) {
    const doc = new LWWMap(`client-${i}`);
    doc.apply({ type: 'set', key: 'v', value: i, timestamp: 0 });
    updates.push(JSON.stringify(doc.state()));
  }
  const sink = new LWWMap('sink');
  for (const u of updates) sink.merge(JSON.parse(u));
  const v = sink.get('v');
  const ms = performance.now() - start;
  if (typeof v !== 'number') throw new Error('lost the key');
  const bytes = updates.reduce((s, u) => s + u.length, 0);
  const ratio = yjsBestMs / ms;
  return {
    ops: B3_CLIENTS,
    unit: 'client',
    note: `yjs ${yjsBestMs.toFixed(1)} ms / ours ${ms.toFixed(1)} ms = ${ratio.toFixed(1)}× (JSON updates ${bytes.toLocaleString('en-US')} bytes)`,
    target: { msAtMost: yjsBestMs / 10, label: '≥ 10× faster than yjs' },
  };
}

/** The resolver on the seed's map example scaled up: 64 versions of a 256-key config. */
function resolveMap(): BenchOutcome {
  const rng = new Prng(3);
  const resolver = new ConflictResolver({ strategy: 'crdt' });
  const versions = Array.from({ length: 64 }, (_, i) => {
    const value: Record<string, number> = {};
    for (let k = 0; k < 256; k++) if (rng.chance(0.5)) value[`key${k}`] = rng.int(100);
    return { stateKey: 'config', value, version: i, timestamp: rng.int(10_000), agentId: `agent-${i}`, metadata: {} };
  });
  const rounds = 20;
  for (let r = 0; r < rounds; r++) resolver.resolve('config', versions);
  return { ops: rounds, unit: 'resolve', note: '64 versions × 256 keys, with explanation steps' };
}

export const cases: BenchCase[] = [
  {
    name: `clocks: merge two ${CLOCK_ENTRIES.toLocaleString('en-US')}-entry vector clocks`,
    run: clockMerges,
    repeat: 3,
  },
  { name: 'crdt: G-Counter merge, 1,000,000 entries (twice)', run: counterMerge, repeat: 3 },
  { name: `crdt: B3.1 ${B3_CLIENTS.toLocaleString('en-US')} clients set map key, sync — yjs`, run: b31Yjs, repeat: 5 },
  {
    name: `crdt: B3.1 ${B3_CLIENTS.toLocaleString('en-US')} clients set map key, sync — LWWMap`,
    run: b31Ours,
    repeat: 5,
  },
  { name: 'conflict: crdt resolve of a 64-version map', run: resolveMap, repeat: 3 },
];
