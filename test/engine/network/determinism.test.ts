import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/engine/core/prng';
import { SwarmCoordinator } from '../../../src/engine/core/swarmCoordinator';
import type { NetworkConfig } from '../../../src/engine/network/faults';
import { Network } from '../../../src/engine/network/network';
import type { RunContext } from '../../../src/engine/runs/context';
import { runFlood } from '../../../src/engine/runs/flood';
import { decodeAll, Trace } from '../../../src/engine/trace/trace';

const FULL = process.env.FULL === '1';
const SEEDS = FULL ? 1000 : 100;
const AGENTS = 40;

const LOSSY: NetworkConfig = {
  latencyMsMin: 5,
  latencyMsMax: 60,
  lossProbability: 0.1,
  duplicationProbability: 0.1,
  reorderProbability: 0.2,
};

/**
 * A flood over a random topology on a lossy, duplicating, reordering network that
 * is partitioned at t=20 and healed at t=120, built by hand as the runner would.
 */
function floodRun(seed: number, recordEvents = true) {
  const rng = new Prng(seed);
  const coordinator = SwarmCoordinator.fromTopology({ kind: 'random', p: 0.15 }, AGENTS, rng);
  const trace = new Trace(recordEvents);
  const network = new Network(AGENTS, LOSSY, rng, trace);
  coordinator.attach(network);
  network.scheduleFault({
    kind: 'partition',
    atMs: 20,
    groups: [
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [10, 11, 12],
    ],
  });
  network.scheduleFault({ kind: 'crash', atMs: 30, agent: 13 });
  network.scheduleFault({ kind: 'heal', atMs: 120 });
  network.scheduleFault({ kind: 'recover', atMs: 150, agent: 13 });
  const ctx: RunContext = { coordinator, network, rng, trace };
  const summary = runFlood(ctx, { origin: seed % AGENTS });
  return { summary, hash: trace.hash(), trace, links: coordinator.links() };
}

describe('determinism', () => {
  it(`${SEEDS} seeds: each flood run twice (and once unrecorded) gives the identical trace hash; seeds give different hashes`, () => {
    const hashes = new Map<string, number>();
    for (let seed = 1; seed <= SEEDS; seed++) {
      const a = floodRun(seed);
      const again = floodRun(seed);
      const unrecorded = floodRun(seed, false);
      expect(again.hash, `seed ${seed}`).toBe(a.hash);
      expect(again.summary, `seed ${seed}`).toEqual(a.summary);
      expect(again.trace.length, `seed ${seed}`).toBe(a.trace.length);
      expect(unrecorded.hash, `seed ${seed} without recording`).toBe(a.hash);
      const clash = hashes.get(a.hash);
      expect(clash, `seed ${seed} hashes like seed ${clash}`).toBeUndefined();
      hashes.set(a.hash, seed);
    }
    expect(hashes.size).toBe(SEEDS);
  });

  it('the run is not trivial: faults, loss, duplication and drops all happen', () => {
    const counts = new Map<string, number>();
    for (let seed = 1; seed <= 10; seed++) {
      for (const e of decodeAll(floodRun(seed).trace.columns())) {
        const key = e.kind === 'messageDropped' ? `dropped:${e.reason}` : e.kind;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    for (const key of [
      'messageSent',
      'messageDelivered',
      'messageDuplicated',
      'dropped:loss',
      'dropped:partition',
      'dropped:crashed',
      'partitionChanged',
      'agentCrashed',
      'agentRecovered',
      'engine',
    ])
      expect(counts.get(key) ?? 0, key).toBeGreaterThan(0);
  });

  it('identical runs give identical decoded traces, event for event', () => {
    for (const seed of [3, 17, 42]) {
      const a = decodeAll(floodRun(seed).trace.columns());
      const b = decodeAll(floodRun(seed).trace.columns());
      expect(b).toEqual(a);
    }
  });

  it('a flood on a healthy, connected network informs every agent', () => {
    const rng = new Prng(9);
    const coordinator = SwarmCoordinator.fromTopology({ kind: 'partial-mesh', k: 4 }, 60, rng);
    expect(coordinator.isConnected()).toBe(true);
    const trace = new Trace();
    const network = new Network(60, { ...LOSSY, lossProbability: 0, duplicationProbability: 0 }, rng, trace);
    coordinator.attach(network);
    const summary = runFlood({ coordinator, network, rng, trace }, { origin: 0 });
    expect(summary.informed).toBe(60);
    // Each informed agent forwards to its neighbours but the sender: 4 + 59·3 messages.
    expect(summary.messages).toBe(4 + 59 * 3);
  });
});
