import { describe, expect, it } from 'vitest';
import { compare } from '../../src/engine/clocks/vectorClock';
import { runScenario } from '../../src/engine/runs/runScenario';
import { parseScenario } from '../../src/engine/scenario';
import { KIND } from '../../src/engine/trace/events';
import type { TraceColumns } from '../../src/engine/trace/trace';
import { replaySteps, traceWindow } from '../../src/store/inspectors/actions';
import { inspectApi } from '../../src/worker/api/inspect';
import type { SpaceTimeModel } from '../../src/worker/api/inspect/spaceTimeModel';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

function replicatedRun(seed: number, crdtType: string, faults: object[] = [], extra: object = {}) {
  return runScenario(
    parseScenario({
      format: 'swarm-playground/scenario',
      version: 1,
      seed,
      topology: { agentCount: 4, builder: { kind: 'mesh' } },
      network: {
        latencyMsMin: 5,
        latencyMsMax: 40,
        lossProbability: 0.1,
        duplicationProbability: 0.1,
        faults,
        ...extra,
      },
      run: { kind: 'replicated-state', crdtType, operations: 30 },
    }),
  );
}

const ids = ['agent-1', 'agent-2', 'agent-3', 'agent-4'];
const clockAt = (m: SpaceTimeModel, d: number) =>
  Object.fromEntries(m.agentIds.map((id, k) => [id, m.clocks[d * m.agentIds.length + k]]));

/** True happened-before by search over program order and message edges. */
function reachable(m: SpaceTimeModel): boolean[][] {
  const next: number[][] = Array.from({ length: m.count }, () => []);
  const last = new Map<number, number>();
  for (let d = 0; d < m.count; d++) {
    const prev = last.get(m.agent[d]);
    if (prev !== undefined) next[prev].push(d);
    last.set(m.agent[d], d);
  }
  for (const a of m.arrows) if (a.to >= 0) next[a.from].push(a.to);
  return Array.from({ length: m.count }, (_, s) => {
    const seen = new Array<boolean>(m.count).fill(false);
    const stack = [...next[s]];
    while (stack.length) {
      const d = stack.pop() as number;
      if (seen[d]) continue;
      seen[d] = true;
      stack.push(...next[d]);
    }
    return seen;
  });
}

describe('inspect API: resolve with explanation', () => {
  it('the seed vector-clock example is concurrent, then LWW picks agent-2', () => {
    const out = inspectApi.resolveVersions({
      stateKey: 'document',
      strategy: 'vector',
      versions: [
        {
          stateKey: 'document',
          value: 'Version A',
          version: 1,
          timestamp: T0 + 1000,
          agentId: 'agent-1',
          metadata: { vectorClock: { 'agent-1': 5, 'agent-2': 3 } },
        },
        {
          stateKey: 'document',
          value: 'Version B',
          version: 2,
          timestamp: T0 + 2000,
          agentId: 'agent-2',
          metadata: { vectorClock: { 'agent-1': 4, 'agent-2': 6 } },
        },
      ],
    });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.result.value).toBe('Version B');
    expect(out.result.metadata.resolutionStrategy).toBe('vector_concurrent_lww');
    expect(out.result.metadata.explanation?.map((s) => s.step)).toEqual([
      'vector-clocks',
      'vector-compare',
      'vector-maximal',
      'lww-compare',
      'lww-result',
    ]);
  });

  it('compares strategies and forces the chosen CRDT type; a duplicate keeps the G-Counter at 87', () => {
    const v = (agentId: string, value: number, version: number) => ({
      stateKey: 'n',
      value,
      version,
      timestamp: T0,
      agentId,
    });
    const out = inspectApi.compareStrategies({
      stateKey: 'n',
      crdtType: 'counter',
      versions: [v('agent-1', 42, 1), v('agent-2', 45, 2), v('agent-1', 42, 1)],
    });
    expect(out.crdt.ok && out.crdt.result.value).toBe(87);
    expect(out.lww.ok && out.lww.result.value).toBe(45);
    const step = out.crdt.ok
      ? out.crdt.result.metadata.explanation?.find((s) => s.step === 'counter-merge')
      : undefined;
    expect(step?.step === 'counter-merge' && step.comparison.naiveSum).toBe(129);
  });

  it('returns failures as data naming the field', () => {
    const out = inspectApi.resolveVersions({
      stateKey: 'n',
      strategy: 'crdt',
      crdtType: 'counter',
      versions: [{ stateKey: 'n', value: 'x', version: 1, timestamp: 0, agentId: 'agent-1' }],
    });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.issues[0].field).toBe('conflicts[0].value');
  });
});

describe('inspect API: space-time model of a run', () => {
  for (const seed of [1, 2, 3]) {
    it(`clocks match the true happened-before on a lossy, duplicating, partitioned run (seed ${seed})`, async () => {
      const { trace } = await replicatedRun(seed, 'counter', [
        { kind: 'partition', atMs: 40, groups: [['agent-1'], ['agent-2', 'agent-3', 'agent-4']] },
        { kind: 'heal', atMs: 300 },
      ]);
      const out = inspectApi.spaceTime(traceWindow(trace, 0, 1500), ids);
      expect(out.ok).toBe(true);
      if (!out.ok) return;
      const m = out.value;
      expect(m.arrows.some((a) => a.dropped)).toBe(true);
      expect(m.arrows.some((a) => a.duplicate)).toBe(true);
      expect(m.intervals.filter((i) => i.kind === 'partition')).toHaveLength(1);
      const hb = reachable(m);
      for (let s = 0; s < m.count; s += 7)
        for (let d = 0; d < m.count; d += 5) {
          if (s === d) continue;
          const order = compare(clockAt(m, d), clockAt(m, s));
          const expected = hb[d][s] ? 'before' : hb[s][d] ? 'after' : 'concurrent';
          expect(order, `dots ${d} vs ${s}`).toBe(expected);
          if (hb[d][s]) expect(m.lamport[d]).toBeLessThan(m.lamport[s]);
        }
    });
  }

  it('a window keeps its trace positions and remaps payload values', async () => {
    const { trace } = await replicatedRun(4, 'set');
    const w = traceWindow(trace, 200, 100);
    expect(trace.length).toBeGreaterThan(100);
    expect(w.firstIndex).toBe(Math.min(150, trace.length - 100));
    expect(w.length).toBe(100);
    expect(w.kind[0]).toBe(trace.kind[w.firstIndex]);
    const m = inspectApi.spaceTime(w, ids);
    if (!m.ok) throw new Error(m.message);
    expect(Math.min(...m.value.index)).toBeGreaterThanOrEqual(w.firstIndex);
    const localWrite = m.value.label.indexOf('localWrite');
    if (localWrite >= 0) expect(m.value.engineClock[localWrite]).not.toBeNull();
  });
});

describe('inspect API: replaying replicas', () => {
  for (const crdtType of ['counter', 'pn-counter', 'set', 'or-set', 'map', 'register']) {
    it(`${crdtType}: replaying the whole trace gives each agent's final replica`, async () => {
      const { trace, summary } = await replicatedRun(9, crdtType);
      const result = summary.result as { replicas: { agentId: string; value: unknown; clock: object }[] };
      const out = inspectApi.replayReplicas(
        crdtType as 'counter',
        'k',
        ids,
        replaySteps(trace as TraceColumns, trace.length - 1),
      );
      if (!out.ok) throw new Error(out.message);
      expect(out.value.map((r) => r.value)).toEqual(result.replicas.map((r) => r.value));
      expect(out.value.map((r) => r.version.metadata?.vectorClock)).toEqual(result.replicas.map((r) => r.clock));
      // The resolver merges the four versions into the converged value.
      const merged = inspectApi.resolveVersions({
        stateKey: 'k',
        strategy: 'crdt',
        crdtType: crdtType as 'counter',
        versions: out.value.map((r) => r.version),
      });
      if (crdtType === 'counter' || crdtType === 'set')
        expect(merged.ok && merged.result.value).toEqual(result.replicas[0].value);
    });
  }

  it('at the start every counter is 0', async () => {
    const { trace } = await replicatedRun(9, 'counter');
    const out = inspectApi.replayReplicas('counter', 'k', ids, replaySteps(trace, -1));
    expect(out.ok && out.value.map((r) => r.value)).toEqual([0, 0, 0, 0]);
    expect(trace.kind.includes(KIND.engine)).toBe(true);
  });
});

describe('inspect API: importing a clock log', () => {
  it('draws a log with a gap, a bad line and a missing sender, naming each problem', () => {
    const log = [
      '{"agent":"a","clock":{"a":1},"event":"x"}',
      '{"agent":"b","clock":{"a":1,"b":1},"event":"recv"}',
      'not json',
      '{"agent":"b","clock":{"a":1,"b":3},"event":"jump"}',
      '{"agent":"c","clock":{"c":1,"d":2},"event":"from nowhere"}',
      '{"agent":"a","clock":{"a":1},"event":"stuck"}',
    ].join('\n');
    const out = inspectApi.parseLog(log);
    if (!out.ok) throw new Error(out.message);
    const m = out.value;
    expect(m.count).toBe(5);
    expect(m.arrows).toHaveLength(1);
    expect(m.problems.map((p) => p.message)).toEqual([
      'line 3 is not JSON; skipped',
      "gap: b's own entry jumps from 1 to 3 at line 4 (1 event of b missing)",
      "missing event: line 5 (c) has seen d's event 2, which is not in the log",
      "inconsistent: a's own entry does not grow (1 → 1) at line 6",
    ]);
  });

  it('an entry learnt transitively is not drawn as a message', () => {
    const log = [
      '{"agent":"a","clock":{"a":1},"event":"send"}',
      '{"agent":"b","clock":{"a":1,"b":1},"event":"recv, send"}',
      '{"agent":"c","clock":{"a":1,"b":1,"c":1},"event":"recv from b"}',
    ].join('\n');
    const out = inspectApi.parseLog(log);
    if (!out.ok) throw new Error(out.message);
    expect(out.value.arrows.map((a) => [a.from, a.to])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(out.value.problems).toEqual([]);
  });
});
