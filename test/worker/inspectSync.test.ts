import { describe, expect, it } from 'vitest';
import { ConflictResolver } from '../../src/engine/conflict/conflictResolver';
import type { StateVersion } from '../../src/engine/conflict/stateVersion';
import { InMemoryProvider } from '../../src/engine/memory/inMemoryProvider';
import { runScenario } from '../../src/engine/runs/runScenario';
import { parseScenario } from '../../src/engine/scenario';
import { contentKey, lean } from '../../src/engine/sync/replica';
import { StateSynchronizer } from '../../src/engine/sync/stateSynchronizer';
import type { TraceColumns } from '../../src/engine/trace/trace';
import { syncKeys, syncReplaySteps } from '../../src/store/inspectors/syncSteps';
import { inspectApi } from '../../src/worker/api/inspect';
import { makeContext } from '../engine/delegation/helpers';

const S = 'swarm-001';
const ids = ['agent-1', 'agent-2', 'agent-3', 'agent-4', 'agent-5'];
const job = () => ({ cancelled: false });

async function replicasAt(trace: TraceColumns, cursor: number, key: string, strategy: 'lww' | 'vector' | 'crdt') {
  const steps = await syncReplaySteps(trace, cursor, key, S, ids, job());
  if (!steps) throw new Error('cancelled');
  const out = inspectApi.replaySyncReplicas({ stateKey: key, swarmId: S, strategy, agentIds: ids, steps });
  if (!out.ok) throw new Error(out.message);
  return out.value;
}

type Snapshot = { at: number; label: string; held: (StateVersion | undefined)[][] };

/**
 * A history touching every way a replica changes: commits, a full sync, local
 * writes at two agents (one of them cut off), the six-step sync of one key,
 * anti-entropy after healing, then delta and version-query modes; lossy,
 * duplicating, reordering links. Snapshots of the synchroniser's own replicas
 * are taken along the way, each with the trace position it corresponds to.
 */
async function history(seed: number, strategy: 'lww' | 'vector' | 'crdt') {
  const ctx = makeContext(5, seed, {
    latencyMsMin: 5,
    latencyMsMax: 30,
    lossProbability: 0.1,
    duplicationProbability: 0.1,
    reorderProbability: 0.1,
  });
  const sync = new StateSynchronizer(ctx.coordinator, new InMemoryProvider(), new ConflictResolver({ strategy }), {
    rng: ctx.rng,
    defaultTimeoutMs: 200,
  });
  const keys = ['k0', 'k1'];
  const snapshots: Snapshot[] = [];
  const snap = (label: string) =>
    snapshots.push({
      label,
      at: ctx.trace.length - 1,
      held: keys.map((k) => ids.map((_, a) => sync.replicaOf(a, S, k))),
    });
  const meta = strategy === 'crdt' ? { crdtType: 'set' as const } : {};
  await sync.commit(S, 'k0', ['base-0'], meta);
  await sync.commit(S, 'k1', ['base-1'], meta);
  snap('after the commits');
  sync.fullSync(S);
  snap('after the full sync');
  ctx.network.partition([
    [0, 1, 2],
    [3, 4],
  ]);
  sync.write('agent-3', S, 'k0', ['x'], meta);
  sync.write('agent-5', S, 'k0', ['y'], meta);
  snap('after two local writes');
  await sync.syncKey(S, 'k0');
  snap('after the six steps, partitioned');
  ctx.network.heal();
  sync.antiEntropy({ swarmId: S });
  snap('after anti-entropy');
  await sync.commit(S, 'k1', ['changed-1'], meta);
  sync.deltaSyncAgents(S);
  sync.versionQuery(S);
  snap('after delta and version query');
  return { trace: ctx.trace.columns(), snapshots, keys };
}

describe('inspect API: a sync run’s replicas of one key', () => {
  for (const strategy of ['lww', 'vector', 'crdt'] as const)
    for (const seed of [1, 2, 3])
      it(`replaying the trace gives the synchroniser's own replicas at every snapshot (${strategy}, seed ${seed})`, async () => {
        const { trace, snapshots, keys } = await history(seed, strategy);
        let compared = 0;
        for (const s of snapshots)
          for (const [j, key] of keys.entries()) {
            const out = await replicasAt(trace, s.at, key, strategy);
            const byId = new Map(out.rows.map((r) => [r.agentId, r]));
            ids.forEach((id, a) => {
              const want = s.held[j][a];
              const got = byId.get(id);
              const where = `${s.label}, ${key}, ${id}`;
              expect(got === undefined, where).toBe(want === undefined);
              expect(out.without.includes(id), where).toBe(want === undefined);
              if (!want || !got) return;
              // A value the trace never carried is unknown; its clock is still the replica's.
              if (got.valueRecorded === false)
                expect(got.version.metadata?.vectorClock, where).toEqual(want.metadata.vectorClock);
              else {
                expect(contentKey(lean(got.version as StateVersion)), where).toBe(contentKey(want));
                compared++;
              }
            });
          }
        expect(compared).toBeGreaterThan(20);
      });

  it('a measured sync run: keys listed, a changed key differs across replicas mid-run and the resolver picks the new value', async () => {
    const { trace, summary } = await runScenario(
      parseScenario({
        format: 'swarm-playground/scenario',
        version: 1,
        seed: 4,
        topology: { agentCount: 5, builder: { kind: 'mesh' } },
        network: { latencyMsMin: 5, latencyMsMax: 20 },
        run: { kind: 'sync', mode: 'delta', keys: 12, changedKeys: 3 },
      }),
    );
    const keys = await syncKeys(trace, S, job());
    expect(keys?.size).toBe(12);
    const changed = [...(keys ?? [])].filter(([, n]) => n === 2).map(([k]) => k);
    expect(changed).toHaveLength(3);
    const key = changed[0];
    // Where the delta mode starts: the coordinator holds the change, the others the baseline.
    const deltaAt = [...trace.kind.keys()].find(
      (i) => trace.kind[i] === 8 && trace.strings[trace.d[i]] === 'delta' && trace.e[i] >= 0,
    ) as number;
    const mid = await replicasAt(trace, deltaAt, key, 'lww');
    expect(mid.without).toEqual([]);
    const values = mid.rows.map((r) => (r.version.value as { n: number }).n);
    expect(values).toEqual([1, 0, 0, 0, 0]);
    const resolved = inspectApi.resolveVersions({
      stateKey: key,
      strategy: 'vector',
      versions: mid.rows.map((r) => r.version),
    });
    expect(resolved.ok && (resolved.result.value as { n: number }).n).toBe(1);
    const end = await replicasAt(trace, trace.length - 1, key, 'lww');
    expect(end.rows.map((r) => (r.version.value as { n: number }).n)).toEqual([1, 1, 1, 1, 1]);
    expect((summary.result as { ok: boolean }).ok).toBe(true);
    // Before anything happened nobody holds the key.
    expect((await replicasAt(trace, -1, key, 'lww')).without).toEqual(ids);
  });

  it('names a missing key as a field', () => {
    const out = inspectApi.replaySyncReplicas({ stateKey: '', swarmId: S, strategy: 'lww', agentIds: ids, steps: [] });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.issues[0].field).toBe('stateKey');
  });
});
