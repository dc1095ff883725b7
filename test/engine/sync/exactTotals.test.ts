/**
 * CRDT state through the synchroniser stays a CRDT: across seeded histories of
 * local writes, six-step syncs, swarm-wide modes and anti-entropy on a network
 * with loss, duplication, reordering, partitions and crashes (the coordinator
 * included), a final sync after healing stores every counter at the exact sum
 * of its writes and every map key at its latest write. Nothing is counted
 * twice, nothing is lost.
 */
import { describe, expect, it } from 'vitest';
import { ConflictResolver } from '../../../src/engine/conflict';
import { Prng } from '../../../src/engine/core/prng';
import { InMemoryProvider } from '../../../src/engine/memory';
import type { Network } from '../../../src/engine/network/network';
import { contentKey, StateSynchronizer } from '../../../src/engine/sync';
import { makeContext } from '../delegation/helpers';

const SEEDS = process.env.FULL === '1' ? 1000 : 200;
/** Seeds that once failed stay here as regressions. */
const PINNED: number[] = [];
const S = 'swarm-001';
const MAP_KEYS = ['mode', 'retries', 'owner', '__proto__'];

/** What the history wrote, kept by the test (never read back from the synchroniser). */
class Written {
  /** Each agent's own count (counter) and own increments/decrements (pn-counter). */
  readonly own = new Map<number, { count: number; inc: number; dec: number }>();
  counter = 0;
  pn = 0;
  /** Per map key, the value of its latest write (writes get distinct simulated times). */
  readonly latest = new Map<string, string>();
  /** The state keys written at least once. */
  readonly keys = new Set<string>();

  ownOf(agent: number) {
    let o = this.own.get(agent);
    if (!o) {
      o = { count: 0, inc: 0, dec: 0 };
      this.own.set(agent, o);
    }
    return o;
  }
}

function randomFaults(rng: Prng, net: Network, n: number, log: string[]): void {
  if (rng.chance(0.35)) {
    const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    const cut = 1 + rng.int(n - 1);
    net.partition([order.slice(0, cut), order.slice(cut)]);
    log.push(`t=${net.now} partition ${JSON.stringify([order.slice(0, cut), order.slice(cut)])}`);
  } else if (rng.chance(0.3)) {
    net.heal();
    log.push(`t=${net.now} heal`);
  }
  for (const [p, what] of [
    [0.3, 'crash'],
    [0.4, 'recover'],
  ] as const)
    if (rng.chance(p)) {
      const agent = rng.int(n);
      if (what === 'crash') net.crash(agent);
      else net.recover(agent);
      log.push(`t=${net.now} ${what} ${agent}`);
    }
}

/** One local write by a live agent to one of the three keys. */
function randomWrite(rng: Prng, sync: StateSynchronizer, net: Network, agent: number, w: Written, log: string[]) {
  // Distinct times: "latest write" of a map key is then plain.
  net.run(net.now + 1);
  const o = w.ownOf(agent);
  const amount = rng.range(1, 5);
  const pick = rng.int(3);
  w.keys.add(['tasks', 'balance', 'config'][pick]);
  if (pick === 0) {
    o.count += amount;
    w.counter += amount;
    sync.write(agent, S, 'tasks', o.count, { crdtType: 'counter' });
    log.push(`t=${net.now} agent ${agent} counts +${amount} (own ${o.count})`);
  } else if (pick === 1) {
    const up = rng.chance(0.6);
    if (up) o.inc += amount;
    else o.dec += amount;
    w.pn += up ? amount : -amount;
    sync.write(agent, S, 'balance', { increments: o.inc, decrements: o.dec }, { crdtType: 'pn-counter' });
    log.push(`t=${net.now} agent ${agent} balance ${up ? '+' : '-'}${amount}`);
  } else {
    const key = rng.pick(MAP_KEYS);
    const value = `${key}@${net.now}`;
    w.latest.set(key, value);
    sync.write(agent, S, 'config', { [key]: value }, { crdtType: 'map' });
    log.push(`t=${net.now} agent ${agent} sets ${key} = ${value}`);
  }
}

/** Some synchronisation: the six steps for a key, a swarm-wide mode, or anti-entropy gossip. */
async function randomSync(rng: Prng, sync: StateSynchronizer, net: Network, log: string[]): Promise<void> {
  const what = rng.int(6);
  if (what <= 2) {
    const key = ['tasks', 'balance', 'config'][what];
    const r = await sync.syncKey(S, key, { timeoutMs: 50 + rng.int(350) });
    log.push(`t=${net.now} sync ${key}: ok=${r.ok} stored=${r.stored} value=${JSON.stringify(r.resolved?.value)}`);
  } else if (what === 3) {
    const r = sync.antiEntropy({ maxRounds: 1 + rng.int(4), swarmId: S });
    log.push(`t=${net.now} anti-entropy ${r.rounds} rounds`);
  } else {
    const mode = rng.pick(['fullSync', 'deltaSyncAgents', 'versionQuery'] as const);
    const r = sync[mode](S, { timeoutMs: 50 + rng.int(350) });
    log.push(`t=${net.now} ${mode}: ${r.completed.length} completed`);
  }
}

async function history(seed: number): Promise<{ log: string[]; problems: string[] }> {
  const rng = new Prng(seed);
  const n = 3 + rng.int(8);
  const config = {
    latencyMsMin: 5,
    latencyMsMax: 5 + rng.int(36),
    lossProbability: rng.float() * 0.3,
    duplicationProbability: rng.float() * 0.3,
    reorderProbability: rng.float() * 0.3,
  };
  const ctx = makeContext(n, seed, config, false);
  const net = ctx.network;
  const sync = new StateSynchronizer(
    ctx.coordinator,
    new InMemoryProvider(),
    new ConflictResolver({ strategy: 'crdt' }),
    {
      rng: ctx.rng,
    },
  );
  const log = [`seed ${seed}: ${n} agents, ${JSON.stringify(config)}`];
  const w = new Written();
  for (let round = 0; round < 6; round++) {
    randomFaults(rng, net, n, log);
    for (let k = 1 + rng.int(5); k > 0; k--) {
      const agent = rng.int(n);
      if (net.isAlive(agent)) randomWrite(rng, sync, net, agent, w, log);
    }
    for (let k = 1 + rng.int(3); k > 0; k--) await randomSync(rng, sync, net, log);
  }
  // Heal everything (every agent back, no more loss), then one final six-step sync per key.
  net.heal();
  net.config.lossProbability = 0;
  for (let a = 0; a < n; a++) net.recover(a);
  log.push(`t=${net.now} heal, everyone back; final sync of every key`);
  const problems: string[] = [];
  const expected: Record<string, unknown> = {
    tasks: w.counter,
    balance: w.pn,
    config: Object.fromEntries([...w.latest].sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  for (const key of ['tasks', 'balance', 'config']) {
    const r = await sync.syncKey(S, key, { timeoutMs: 2_000 });
    const stored = await sync.getState(S, key);
    if (!w.keys.has(key)) continue;
    if (!r.ok) problems.push(`final sync of ${key} failed: ${r.error ?? JSON.stringify(r.missed)}`);
    const got = JSON.stringify(stored?.value);
    const want = JSON.stringify(
      key === 'config' ? JSON.parse(JSON.stringify(expected.config)) : expected[key],
      key === 'config' ? Object.keys(expected.config as object).sort() : undefined,
    );
    if (got !== want) problems.push(`${key}: stored ${got}, written ${want}`);
    const held = new Set(Array.from({ length: n }, (_, a) => contentKey(sync.replicaOf(a, S, key))));
    if (held.size > 1) problems.push(`${key}: agents still differ after the final sync (${held.size} versions)`);
  }
  return { log, problems };
}

describe('exact totals through the synchroniser (crdt strategy)', () => {
  it(`${SEEDS} seeds with loss, duplication, partitions and crashes: after a final healed sync every counter is the exact sum of its writes and every map key its latest write`, async () => {
    const failures: string[] = [];
    for (const seed of [...PINNED, ...Array.from({ length: SEEDS }, (_, i) => i + 1)]) {
      const { log, problems } = await history(seed);
      if (problems.length > 0) failures.push([`seed ${seed}:`, ...problems, '--- operations ---', ...log].join('\n'));
      if (failures.length >= 3) break;
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  });
});

describe('a version already merged is never counted again', () => {
  /** Fixed 20 ms links: request at 0 arrives at 20, answers at 40, the resolved update at 60. */
  function setup(agents = 4) {
    const ctx = makeContext(agents, 1, { latencyMsMin: 20, latencyMsMax: 20 });
    const sync = new StateSynchronizer(
      ctx.coordinator,
      new InMemoryProvider(),
      new ConflictResolver({ strategy: 'crdt' }),
      {
        rng: ctx.rng,
      },
    );
    return { ctx, sync };
  }

  it('an agent that missed the resolved 87 does not make the next sync 129', async () => {
    const { ctx, sync } = setup();
    sync.write('agent-2', S, 'task_count', 42, { crdtType: 'counter' });
    sync.write('agent-3', S, 'task_count', 45, { crdtType: 'counter' });
    // agent-2 answers (at 20), then is down while the resolved update arrives (at 60).
    ctx.network.scheduleFault({ kind: 'crash', atMs: ctx.network.now + 50, agent: 1 });
    ctx.network.scheduleFault({ kind: 'recover', atMs: ctx.network.now + 70, agent: 1 });
    const first = await sync.syncKey(S, 'task_count', { timeoutMs: 100 });
    expect(first.resolved?.value).toBe(87);
    expect(first.missed).toEqual([{ agent: 'agent-2', reason: 'no-ack' }]);
    expect(sync.replicaOf('agent-2', S, 'task_count')?.value).toBe(42);
    const second = await sync.syncKey(S, 'task_count');
    expect(second.ok).toBe(true);
    expect(second.resolved?.value).toBe(87);
    // Its next write adds only what it adds.
    sync.write('agent-2', S, 'task_count', 50, { crdtType: 'counter' });
    expect(sync.replicaOf('agent-2', S, 'task_count')?.value).toBe(95);
    expect((await sync.syncKey(S, 'task_count')).resolved?.value).toBe(95);
    expect((await sync.getState(S, 'task_count'))?.value).toBe(95);
  });

  it('a write builds on what the agent merged: a counter write after a sync keeps the others’ counts', async () => {
    const { sync } = setup(3);
    sync.write('agent-2', S, 'n', 42, { crdtType: 'counter' });
    sync.write('agent-3', S, 'n', 45, { crdtType: 'counter' });
    await sync.syncKey(S, 'n');
    sync.write('agent-2', S, 'n', 43);
    expect(sync.replicaOf('agent-2', S, 'n')?.metadata.crdtState).toEqual({
      type: 'counter',
      counts: { 'agent-2': 43, 'agent-3': 45 },
    });
    expect(() => sync.write('agent-2', S, 'n', 40)).toThrow(expect.objectContaining({ field: 'value' }));
    await sync.syncKey(S, 'n');
    expect((await sync.getState(S, 'n'))?.value).toBe(88);
  });

  it('a map key written at t = 50 beats the same key written at t = 0 after a partial sync', async () => {
    const { ctx, sync } = setup(4);
    const net = ctx.network;
    sync.write('agent-2', S, 'config', { mode: 'old' }, { crdtType: 'map' });
    net.partition([[0, 1, 2], [3]]);
    net.run(net.now + 50);
    sync.write('agent-4', S, 'config', { mode: 'new' });
    net.run(net.now + 50);
    sync.write('agent-3', S, 'config', { retries: 3 });
    // The partial sync merges agent-2's t = 0 write with agent-3's later one, without agent-4.
    const partial = await sync.syncKey(S, 'config', { timeoutMs: 100 });
    expect(partial.resolved?.value).toEqual({ mode: 'old', retries: 3 });
    net.heal();
    await sync.syncKey(S, 'config');
    expect((await sync.getState(S, 'config'))?.value).toEqual({ mode: 'new', retries: 3 });
  });
});
