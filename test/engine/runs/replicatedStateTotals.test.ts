/**
 * Replicated CRDT state through the scenario runner: seeded scenarios with
 * loss, duplication, reordering, partitions and crashes; after the run's final
 * healed flush, a counter equals the exact sum of the writes the trace records
 * and a map holds, per key, its latest write (the LWW maximum of the recorded
 * write stamps; a delete removes the key). The expectation is computed from
 * the trace's `localWrite` events only, never from the replicas.
 */
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/engine/core/prng';
import { compareStamps, type LwwStamp } from '../../../src/engine/crdt';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import { decodeAll, type TraceColumns } from '../../../src/engine/trace/trace';

const SEEDS = process.env.FULL === '1' ? 1000 : 200;
/** Seeds that once failed stay here as regressions. */
const PINNED: number[] = [];
const TYPES = ['counter', 'pn-counter', 'map'] as const;

/** A random scenario for `seed`: 3–10 connected agents, a lossy, duplicating network, partitions and crashes mid-run. */
function scenarioFor(seed: number) {
  const rng = new Prng(seed ^ 0x70a1);
  const n = rng.range(3, 10);
  const ids = Array.from({ length: n }, (_, i) => `agent-${i + 1}`);
  const operations = rng.range(5, 60);
  const horizonMs = 20 * Math.ceil(operations / n) * 2;
  const faults: object[] = [];
  for (let k = rng.int(3); k > 0; k--) {
    const atMs = rng.int(horizonMs);
    const cut = rng.range(1, n - 1);
    const order = rng.shuffle(ids);
    faults.push({ kind: 'partition', atMs, groups: [order.slice(0, cut), order.slice(cut)] });
    if (rng.chance(0.7)) faults.push({ kind: 'heal', atMs: atMs + rng.range(1, horizonMs) });
  }
  for (let k = rng.int(3); k > 0; k--) {
    const agent = rng.pick(ids);
    const atMs = rng.int(horizonMs);
    faults.push({ kind: 'crash', atMs, agent });
    if (rng.chance(0.6)) faults.push({ kind: 'recover', atMs: atMs + rng.range(1, horizonMs), agent });
  }
  return {
    format: 'swarm-playground/scenario',
    version: 1,
    seed,
    // Connected swarms: messages follow links, and an agent with none can never catch up.
    topology: { agentCount: n, builder: rng.pick([{ kind: 'mesh' }, { kind: 'ring' }, { kind: 'star' }]) },
    network: {
      latencyMsMin: rng.range(0, 10),
      latencyMsMax: rng.range(10, 60),
      lossProbability: rng.float() * 0.4,
      duplicationProbability: rng.float() * 0.4,
      reorderProbability: rng.float() * 0.5,
      faults,
    },
    run: {
      kind: 'replicated-state',
      crdtType: TYPES[seed % TYPES.length],
      operations,
      syncIntervalMs: rng.range(20, 120),
      // Totals are checked after a final healed sync: the scenario asks for it.
      healAtEnd: true,
    },
  };
}

interface Write {
  t: number;
  agent: number;
  op: { type: string; amount?: number; key?: string; value?: number };
  stamp?: LwwStamp;
}

function writesOf(trace: TraceColumns): Write[] {
  return decodeAll(trace).flatMap((e) =>
    e.kind === 'engine' && e.name === 'localWrite'
      ? [{ t: e.t, agent: e.agent, ...(e.detail as object) } as Write]
      : [],
  );
}

/** What the replicas must hold: the sum of the counter's writes, or each map key's latest write. */
function expected(type: (typeof TYPES)[number], writes: Write[]): unknown {
  if (type !== 'map') return writes.reduce((s, w) => s + (w.op.type === 'decrement' ? -1 : 1) * (w.op.amount ?? 0), 0);
  const latest = new Map<string, Write>();
  for (const w of writes) {
    const key = w.op.key as string;
    const best = latest.get(key);
    if (!w.stamp) throw new Error(`map write at t=${w.t} without its stamp`);
    if (!best || compareStamps(w.stamp, best.stamp as LwwStamp) > 0) latest.set(key, w);
  }
  const out: Record<string, number> = {};
  for (const key of [...latest.keys()].sort()) {
    const w = latest.get(key) as Write;
    if (w.op.type === 'set') out[key] = w.op.value as number;
  }
  return out;
}

async function check(seed: number): Promise<string[]> {
  const scenario = scenarioFor(seed);
  const { summary, trace } = await runScenario(parseScenario(scenario));
  const result = summary.result as {
    converged: boolean;
    value: unknown;
    writtenTotal: number | null;
    operations: number;
  };
  const type = scenario.run.crdtType;
  const writes = writesOf(trace);
  const problems: string[] = [];
  if (writes.length !== result.operations)
    problems.push(`${writes.length} writes traced, ${result.operations} reported`);
  if (!result.converged) problems.push('replicas did not converge after the healed flush');
  const want = JSON.stringify(expected(type, writes));
  if (JSON.stringify(result.value) !== want)
    problems.push(`${type}: replicas hold ${JSON.stringify(result.value)}, written ${want}`);
  if (type !== 'map' && JSON.stringify(result.writtenTotal) !== want)
    problems.push(`writtenTotal says ${result.writtenTotal}, the trace's writes add up to ${want}`);
  if (problems.length === 0) return [];
  const ops = writes.map(
    (w) => `t=${w.t} agent ${w.agent}: ${JSON.stringify(w.op)}${w.stamp ? ` ${JSON.stringify(w.stamp)}` : ''}`,
  );
  return [`seed ${seed}:`, ...problems, `scenario: ${JSON.stringify(scenario)}`, '--- writes ---', ...ops];
}

describe('replicated-state: exact totals and latest writes through the scenario runner', () => {
  it(`${SEEDS} seeds with loss, duplication, partitions and crashes: counters equal the sum of their writes, map keys their latest write`, async () => {
    const failures: string[] = [];
    for (const seed of [...PINNED, ...Array.from({ length: SEEDS }, (_, i) => i + 1)]) {
      const problems = await check(seed);
      if (problems.length > 0) failures.push(problems.join('\n'));
      if (failures.length >= 3) break;
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  });

  it('recountedByDuplicates is what duplicate copies would have added again to a counter summing every update', async () => {
    const base = scenarioFor(6);
    const counter = (duplicationProbability: number) =>
      parseScenario({
        ...base,
        topology: { agentCount: 5, builder: { kind: 'mesh' } },
        network: { ...base.network, faults: [], lossProbability: 0, duplicationProbability },
        run: { ...base.run, crdtType: 'counter', operations: 40 },
      });
    const clean = (await runScenario(counter(0))).summary.result as { recountedByDuplicates: number };
    expect(clean.recountedByDuplicates).toBe(0);
    const { summary, trace } = await runScenario(counter(1));
    const r = summary.result as { value: number; writtenTotal: number; recountedByDuplicates: number };
    expect(r.value).toBe(r.writtenTotal);
    expect(r.recountedByDuplicates).toBeGreaterThan(0);
    // Recomputed from the trace with plain maps: each delivery's first copy adds what it raises the
    // receiver's entries by; every later copy of the same message would add that again.
    const counts = Array.from({ length: 5 }, () => new Map<string, number>());
    const firstGain = new Map<number, number>();
    let recounted = 0;
    for (const e of decodeAll(trace)) {
      if (e.kind === 'engine' && e.name === 'localWrite') {
        const id = `agent-${e.agent + 1}`;
        const amount = (e.detail as { op: { amount: number } }).op.amount;
        counts[e.agent].set(id, (counts[e.agent].get(id) ?? 0) + amount);
      } else if (e.kind === 'messageDelivered') {
        if (firstGain.has(e.msg)) {
          recounted += firstGain.get(e.msg) as number;
          continue;
        }
        const mine = counts[e.to];
        let gain = 0;
        for (const [k, v] of Object.entries(
          (e.payload as { state: { counts: Record<string, number> } }).state.counts,
        )) {
          gain += Math.max(0, v - (mine.get(k) ?? 0));
          mine.set(k, Math.max(v, mine.get(k) ?? 0));
        }
        firstGain.set(e.msg, gain);
      }
    }
    expect(r.recountedByDuplicates).toBe(recounted);
  });

  it('reports writtenTotal only for counters', async () => {
    const s = scenarioFor(3);
    const run = async (crdtType: string) =>
      (await runScenario(parseScenario({ ...s, run: { ...s.run, crdtType } }))).summary.result as {
        writtenTotal: number | null;
      };
    expect((await run('set')).writtenTotal).toBeNull();
    expect(typeof (await run('pn-counter')).writtenTotal).toBe('number');
  });
});
