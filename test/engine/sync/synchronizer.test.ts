import { describe, expect, it } from 'vitest';
import { ConflictResolver } from '../../../src/engine/conflict';
import { ValidationError } from '../../../src/engine/core/errors';
import { InMemoryProvider } from '../../../src/engine/memory';
import { runSync, StateSynchronizer, validateSyncParams } from '../../../src/engine/sync';
import { engineEvents, makeContext } from '../delegation/helpers';

function setup(
  agents = 5,
  strategy: 'lww' | 'vector' | 'crdt' = 'crdt',
  seed = 1,
  memory = new InMemoryProvider(),
  config: Parameters<typeof makeContext>[2] = {},
) {
  const ctx = makeContext(agents, seed, config);
  const sync = new StateSynchronizer(ctx.coordinator, memory, new ConflictResolver({ strategy }), { rng: ctx.rng });
  return { ctx, sync, memory };
}

describe('synchronizeState (the seed examples)', () => {
  it('full sync returns true and every answering agent holds the resolved value', async () => {
    const { ctx, sync } = setup(5, 'crdt');
    sync.write('agent-2', 'swarm-001', 'task_queue', ['task1', 'task2'], { crdtType: 'set' });
    sync.write('agent-3', 'swarm-001', 'task_queue', ['task2', 'task3'], { crdtType: 'set' });
    expect(await sync.synchronizeState('swarm-001', 'task_queue', { timeoutMs: 10_000 })).toBe(true);
    const state = await sync.getState('swarm-001', 'task_queue');
    expect(state?.value).toEqual(['task1', 'task2', 'task3']);
    expect(await sync.getStateVersion('swarm-001', 'task_queue')).toBe(1);
    for (let a = 0; a < 5; a++) expect(sync.replicaOf(a, 'swarm-001', 'task_queue')?.value).toEqual(state?.value);
    // It ran on the network, message by message: 4 requests, 4 responses, 4 updates, 4 acks.
    expect(sync.cost('collect').messages).toBe(16);
    expect(ctx.network.now).toBeGreaterThan(0);
    const names = engineEvents(ctx).map((e) => e.name);
    for (const n of ['request', 'response', 'conflict', 'resolved', 'broadcast', 'stored']) expect(names).toContain(n);
  });

  it('after a sync every answering agent holds exactly the stored version, renumbered with the swarm version', async () => {
    const { sync } = setup(4, 'lww');
    for (let i = 0; i < 5; i++) sync.write('agent-2', 'swarm-001', 'config', { retries: i });
    expect(sync.replicaOf(1, 'swarm-001', 'config')?.version).toBe(5);
    expect(await sync.synchronizeState('swarm-001', 'config')).toBe(true);
    const stored = await sync.getState('swarm-001', 'config');
    expect(stored?.version).toBe(1);
    for (let a = 0; a < 4; a++) expect(sync.replicaOf(a, 'swarm-001', 'config'), `agent ${a}`).toEqual(stored);
  });

  it("the seed's counter: agent-1 42 and agent-2 45 resolve to 87 (G-Counter), and a duplicate does not count twice", async () => {
    // Every message is delivered twice: a duplicated response must not be counted again.
    const { sync } = setup(3, 'crdt', 1, new InMemoryProvider(), { duplicationProbability: 1 });
    sync.write('agent-1', 'swarm-001', 'task_count', 42, { crdtType: 'counter' });
    sync.write('agent-2', 'swarm-001', 'task_count', 45, { crdtType: 'counter' });
    const report = await sync.syncKey('swarm-001', 'task_count');
    expect(report.ok).toBe(true);
    expect(report.conflict).toBe(true);
    expect(report.resolved?.value).toBe(87);
    expect(report.answered).toEqual(['agent-1', 'agent-2', 'agent-3']);
  });

  it('lww and vector strategies give the winner to every agent', async () => {
    for (const strategy of ['lww', 'vector'] as const) {
      const { ctx, sync } = setup(4, strategy);
      sync.write('agent-2', 'swarm-001', 'config', 'A');
      ctx.network.run(ctx.network.now + 5);
      sync.write('agent-3', 'swarm-001', 'config', 'B');
      expect(await sync.synchronizeState('swarm-001', 'config')).toBe(true);
      for (let a = 0; a < 4; a++) expect(sync.replicaOf(a, 'swarm-001', 'config')?.value, strategy).toBe('B');
    }
  });

  it('crashed and partitioned agents do not answer; the rest still sync; the report says who and why', async () => {
    const { ctx, sync } = setup(6, 'crdt');
    for (let a = 1; a < 6; a++) sync.write(a, 'swarm-001', 'tags', [`t${a}`]);
    ctx.network.crash(4);
    ctx.network.partition([[0, 1, 2, 3], [5]]);
    const report = await sync.syncKey('swarm-001', 'tags', { timeoutMs: 500 });
    expect(report.ok).toBe(true);
    expect(report.answered).toEqual(['agent-1', 'agent-2', 'agent-3', 'agent-4']);
    expect(report.missed).toEqual([
      { agent: 'agent-5', reason: 'crashed' },
      { agent: 'agent-6', reason: 'partitioned' },
    ]);
    expect(report.resolved?.value).toEqual(['t1', 't2', 't3']);
    expect(sync.replicaOf(5, 'swarm-001', 'tags')?.value).toEqual(['t5']);
    expect(engineEvents(ctx, 'missed').map((e) => e.peer)).toEqual([4, 5]);
    // The collection waited for the deadline (500 ms), not forever.
    expect(report.finishedAtMs - report.startedAtMs).toBeLessThanOrEqual(1000);
  });

  it('returns false when an answering agent never acknowledges the result', async () => {
    // A fixed 20 ms latency makes the timeline exact: request at 0 arrives at 20, answers are in at 40,
    // the resolved state leaves then and arrives at 60. agent-3 crashes at 50, after answering.
    const { ctx, sync } = setup(4, 'lww', 1, new InMemoryProvider(), { latencyMsMin: 20, latencyMsMax: 20 });
    sync.write(1, 'swarm-001', 'k', 1);
    ctx.network.scheduleFault({ kind: 'crash', atMs: ctx.network.now + 50, agent: 2 });
    const report = await sync.syncKey('swarm-001', 'k', { timeoutMs: 100 });
    expect(report.answered).toContain('agent-3');
    expect(report.stored).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.missed).toEqual([{ agent: 'agent-3', reason: 'crashed' }]);
  });

  it('returns false with the reason when nobody holds the key, or the store fails', async () => {
    const { sync } = setup(3);
    const none = await sync.syncKey('swarm-001', 'missing');
    expect(none.ok).toBe(false);
    expect(none.error).toContain('no agent');
    const full = setup(3, 'lww', 1, new InMemoryProvider({ quotaBytes: 10 }));
    full.sync.write(1, 'swarm-001', 'k', 'a long enough value');
    const r = await full.sync.syncKey('swarm-001', 'k');
    expect(r.ok).toBe(false);
    expect(r.stored).toBe(false);
    expect(r.error).toContain('StorageError');
  });

  it('validates its timeouts', () => {
    const ctx = makeContext(2);
    const make = (defaultTimeoutMs: number) =>
      new StateSynchronizer(ctx.coordinator, new InMemoryProvider(), new ConflictResolver(), { defaultTimeoutMs });
    expect(() => make(0)).toThrow(ValidationError);
    expect(() => make(-5)).toThrow('defaultTimeoutMs');
    return expect(make(10).synchronizeState('s', 'k', { timeoutMs: 0 })).rejects.toThrow('timeoutMs');
  });
});

describe('deltaSync, versions and clearing', () => {
  it('delta sync after version N returns exactly the later changes, every one of them', async () => {
    const { sync } = setup(3, 'lww');
    await sync.commit('swarm-001', 'a', 1);
    await sync.commit('swarm-001', 'b', 1);
    await sync.commit('swarm-001', 'a', 2);
    await sync.commit('swarm-001', 'c', 1);
    await sync.commit('swarm-001', 'a', 3);
    expect(sync.deltaSync('swarm-001', 2).map((c) => [c.stateKey, c.version, c.value])).toEqual([
      ['a', 3, 2],
      ['c', 4, 1],
      ['a', 5, 3],
    ]);
    expect(sync.deltaSync('swarm-001', 5)).toEqual([]);
    expect(sync.deltaSync('swarm-001', 0)).toHaveLength(5);
    expect(sync.deltaSync('other', 0)).toEqual([]);
    expect(await sync.getStateVersion('swarm-001', 'a')).toBe(5);
    expect(await sync.getStateVersion('swarm-001', 'b')).toBe(2);
    expect(() => sync.deltaSync('swarm-001', -1)).toThrow('sinceVersion');
  });

  it('an agent that reconnects replays what it missed', async () => {
    const { ctx, sync } = setup(4, 'lww');
    await sync.commit('swarm-001', 'a', 1);
    await sync.fullSync('swarm-001');
    ctx.network.crash(3);
    await sync.commit('swarm-001', 'a', 2);
    await sync.commit('swarm-001', 'b', 7);
    const during = await sync.deltaSyncAgents('swarm-001', { timeoutMs: 300 });
    expect(during.missed).toEqual([{ agent: 'agent-4', reason: 'crashed' }]);
    expect(sync.replicaOf(3, 'swarm-001', 'a')?.value).toBe(1);
    ctx.network.recover(3);
    const after = await sync.deltaSyncAgents('swarm-001');
    expect(after.completed).toEqual(['agent-2', 'agent-3', 'agent-4']);
    expect(after.versionsSent).toBe(2); // only agent-4 was behind, by two changes
    expect(sync.replicaOf(3, 'swarm-001', 'a')?.value).toBe(2);
    expect(sync.replicaOf(3, 'swarm-001', 'b')?.value).toBe(7);
    expect(sync.appliedVersion(3, 'swarm-001')).toBe(3);
  });

  it('version query: up-to-date agents exchange two small messages; behind ones fetch only what they lack', async () => {
    const { sync } = setup(4, 'lww');
    for (const k of ['a', 'b', 'c', 'd']) await sync.commit('swarm-001', k, 0);
    await sync.fullSync('swarm-001');
    const idle = await sync.versionQuery('swarm-001');
    expect(idle.cost.messages).toBe(2 * 3);
    expect(idle.versionsSent).toBe(0);
    await sync.commit('swarm-001', 'c', 1);
    const behind = await sync.versionQuery('swarm-001');
    // query, reply, digest request, digest, fetch, data — per agent.
    expect(behind.cost.messages).toBe(6 * 3);
    expect(behind.versionsSent).toBe(3);
    for (let a = 1; a < 4; a++) expect(sync.replicaOf(a, 'swarm-001', 'c')?.value).toBe(1);
    expect(behind.cost.bytes).toBeGreaterThan(idle.cost.bytes);
  });

  it('clears one key, then a whole swarm', async () => {
    const { sync, memory } = setup(2, 'lww');
    for (const k of ['temp_data', 'task_queue', 'counter']) await sync.commit('swarm-001', k, k);
    await sync.commit('swarm-002', 'counter', 1);
    expect(await sync.clearState('swarm-001', 'temp_data')).toBe(1);
    expect(await sync.getState('swarm-001', 'temp_data')).toBeNull();
    expect(sync.deltaSync('swarm-001', 0).map((c) => c.stateKey)).toEqual(['task_queue', 'counter']);
    expect(await sync.clearState('swarm-001')).toBe(2);
    expect(await memory.listKeys('swarm-001')).toEqual([]);
    expect(sync.deltaSync('swarm-001', 0)).toEqual([]);
    expect(await sync.getState('swarm-002', 'counter')).not.toBeNull();
    // The counter never goes back: the next change is still newer than anything an agent saw.
    expect((await sync.commit('swarm-001', 'x', 1)).version).toBe(4);
  });
});

describe('bandwidth', () => {
  it('for 1,000 keys with 10 changed, delta sends far fewer bytes than full, version query too', async () => {
    const results: Record<string, { bytes: number; messages: number; ok: boolean }> = {};
    for (const mode of ['full', 'delta', 'version-query'] as const) {
      const ctx = makeContext(10, 3, {}, false);
      const s = await runSync(ctx, { mode, keys: 1000, changedKeys: 10 });
      expect(s.ok, mode).toBe(true);
      expect(s.upToDate).toBe(10);
      results[mode] = s;
    }
    expect(results.delta.bytes * 20).toBeLessThan(results.full.bytes);
    expect(results['version-query'].bytes).toBeLessThan(results.full.bytes);
    expect(results.delta.bytes).toBeLessThan(results['version-query'].bytes);
  });
});

describe('anti-entropy', () => {
  it('partitioned agents converge after healing without a coordinator', () => {
    const { ctx, sync } = setup(8, 'crdt', 4);
    ctx.network.partition([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    for (let a = 0; a < 8; a++) sync.write(a, 'swarm-001', 'tags', [`w${a}`], { crdtType: 'set' });
    const split = sync.antiEntropy({ maxRounds: 12 });
    expect(split.converged).toBe(false);
    expect(sync.replicaOf(0, 'swarm-001', 'tags')?.value).toEqual(['w0', 'w1', 'w2', 'w3']);
    ctx.network.heal();
    const healed = sync.antiEntropy({ maxRounds: 20 });
    expect(healed.converged).toBe(true);
    expect(sync.replicaOf(7, 'swarm-001', 'tags')?.value).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7']);
    expect(healed.cost.messages).toBeGreaterThan(0);
  });

  it('runs periodically in the background when asked', () => {
    const ctx = makeContext(6, 9);
    const sync = new StateSynchronizer(
      ctx.coordinator,
      new InMemoryProvider(),
      new ConflictResolver({ strategy: 'lww' }),
      {
        rng: ctx.rng,
        antiEntropyIntervalMs: 200,
      },
    );
    sync.write(2, 'swarm-001', 'k', 'x');
    ctx.network.run(5_000);
    expect(sync.converged('swarm-001')).toBe(true);
    expect(sync.replicaOf(5, 'swarm-001', 'k')?.value).toBe('x');
  });
});

describe('runSync', () => {
  it('validates with scenario paths', () => {
    const bad: [unknown, string][] = [
      [{ mode: 'partial', keys: 1 }, 'run.mode'],
      [{ mode: 'full', keys: 0 }, 'run.keys'],
      [{ mode: 'full', keys: 5, changedKeys: 6 }, 'run.changedKeys'],
      [{ mode: 'full', keys: 5, timeoutMs: 0 }, 'run.timeoutMs'],
      [{ mode: 'full', keys: 5, strategy: 'newest' }, 'run.strategy'],
    ];
    for (const [p, field] of bad) {
      expect(() => validateSyncParams(p), field).toThrow(ValidationError);
      try {
        validateSyncParams(p);
      } catch (e) {
        expect((e as ValidationError).field).toBe(field);
      }
    }
  });

  it('is deterministic and JSON-serialisable', async () => {
    const go = async () => {
      const ctx = makeContext(6, 11, { lossProbability: 0.1 });
      return {
        s: await runSync(ctx, { mode: 'delta', keys: 50, changedKeys: 5, timeoutMs: 500 }),
        hash: ctx.trace.hash(),
      };
    };
    const a = await go();
    const b = await go();
    expect(a.hash).toBe(b.hash);
    expect(a.s).toEqual(b.s);
    expect(JSON.parse(JSON.stringify(a.s))).toEqual(a.s);
  });
});
