import { describe, expect, it } from 'vitest';
import { compare, type VectorClock } from '../../../src/engine/clocks';
import { Prng } from '../../../src/engine/core/prng';
import { SwarmCoordinator } from '../../../src/engine/core/swarmCoordinator';
import type { TopologyBuilder } from '../../../src/engine/core/topology';
import { CRDT_TYPES, jsonKey } from '../../../src/engine/crdt';
import type { NetworkConfig } from '../../../src/engine/network/faults';
import { Network } from '../../../src/engine/network/network';
import {
  REPLICATED_STATE_DEFAULTS,
  type ReplicatedStateParams,
  type ReplicatedStateSummary,
  runReplicatedState,
  validateReplicatedStateParams,
} from '../../../src/engine/runs/replicatedState';
import { decodeAll, Trace } from '../../../src/engine/trace/trace';
import { expectValidation } from '../conflict/helpers';

// yjs-style: 1,000 of 1,000 seeds must converge. FULL=1 runs 5,000.
const SEEDS = process.env.FULL === '1' ? 5_000 : 1_000;

interface Setup {
  n: number;
  topology: TopologyBuilder;
  config: NetworkConfig;
  params: ReplicatedStateParams;
  faults: { partitionAtMs: number; healAtMs: number; groups: number[][] }[];
  crash?: { agent: number; atMs: number; recoverAtMs: number };
}

/** A random scenario for `seed`: 5–20 replicas, any CRDT, lossy/duplicating/reordering network, partitions that heal. */
function randomSetup(seed: number): Setup {
  const rng = new Prng(seed ^ 0x5eed);
  const n = rng.range(5, 20);
  const topology: TopologyBuilder = rng.pick<TopologyBuilder>([
    { kind: 'mesh' },
    { kind: 'ring' },
    { kind: 'random', p: 0.3 },
    { kind: 'small-world', k: 2, beta: 0.2 },
    { kind: 'star' },
  ]);
  const config: NetworkConfig = {
    latencyMsMin: rng.range(0, 10),
    latencyMsMax: rng.range(10, 80),
    lossProbability: rng.float() * 0.3,
    duplicationProbability: rng.float() * 0.3,
    reorderProbability: rng.float() * 0.5,
  };
  const operations = rng.range(10, 60);
  const params = validateReplicatedStateParams({
    crdtType: rng.pick(CRDT_TYPES),
    operations,
    sync: rng.chance(0.5) ? 'delta' : 'state',
    fanout: rng.range(1, 3),
    keySpace: rng.range(1, 6),
    syncIntervalMs: rng.range(20, 120),
    opIntervalMs: rng.range(5, 40),
    // The law under test is convergence once everyone can talk again: ask for the final heal.
    healAtEnd: true,
  });
  const horizon = Math.ceil((operations / n) * 2 * params.opIntervalMs) + 50;
  const faults = Array.from({ length: rng.range(0, 3) }, () => {
    const partitionAtMs = rng.range(0, horizon);
    const members = rng.sample(n, rng.range(1, n - 1));
    return { partitionAtMs, healAtMs: partitionAtMs + rng.range(1, 2 * horizon), groups: [members] };
  });
  const crash = rng.chance(0.3)
    ? { agent: rng.int(n), atMs: rng.range(0, horizon), recoverAtMs: horizon + rng.range(0, horizon) }
    : undefined;
  return { n, topology, config, params, faults, crash };
}

function execute(seed: number, setup: Setup, record: boolean) {
  const rng = new Prng(seed);
  const coordinator = SwarmCoordinator.fromTopology(setup.topology, setup.n, rng);
  const trace = new Trace(record);
  const network = new Network(setup.n, setup.config, rng, trace);
  for (const f of setup.faults) {
    network.scheduleFault({ kind: 'partition', atMs: f.partitionAtMs, groups: f.groups });
    network.scheduleFault({ kind: 'heal', atMs: f.healAtMs });
  }
  if (setup.crash) {
    network.scheduleFault({ kind: 'crash', atMs: setup.crash.atMs, agent: setup.crash.agent });
    network.scheduleFault({ kind: 'recover', atMs: setup.crash.recoverAtMs, agent: setup.crash.agent });
  }
  network.followTopology(coordinator.agents.map((_, i) => coordinator.neighbourIndices(i)));
  const summary = runReplicatedState({ coordinator, network, rng, trace }, setup.params);
  return { summary, trace, connected: coordinator.isConnected() };
}

/** On failure: the seed, the setup and the operations that led there. */
function explainFailure(seed: number, setup: Setup): string {
  const { trace } = execute(seed, setup, true);
  const writes = decodeAll(trace.columns())
    .filter((e) => e.kind === 'engine' && e.name === 'localWrite')
    .map((e) =>
      e.kind === 'engine' ? `t=${e.t} agent ${e.agent}: ${JSON.stringify((e.detail as { op: unknown }).op)}` : '',
    );
  return `seed ${seed} did not converge\nsetup: ${JSON.stringify(setup)}\noperations:\n${writes.join('\n')}`;
}

describe('replicated-state parameters', () => {
  it('fills in the defaults', () => {
    expect(validateReplicatedStateParams({ kind: 'replicated-state', crdtType: 'map', operations: 5 })).toEqual({
      crdtType: 'map',
      operations: 5,
      ...REPLICATED_STATE_DEFAULTS,
    });
  });

  it('names the field of every mistake', () => {
    expectValidation(() => validateReplicatedStateParams(null), 'run');
    expectValidation(() => validateReplicatedStateParams({ crdtType: 'tree', operations: 1 }), 'run.crdtType');
    expectValidation(() => validateReplicatedStateParams({ crdtType: 'set', operations: -1 }), 'run.operations');
    expectValidation(() => validateReplicatedStateParams({ crdtType: 'set', operations: 1.5 }), 'run.operations');
    expectValidation(() => validateReplicatedStateParams({ crdtType: 'set', operations: 2_000_000 }), 'run.operations');
    expectValidation(() => validateReplicatedStateParams({ crdtType: 'set', operations: 1, sync: 'x' }), 'run.sync');
    expectValidation(() => validateReplicatedStateParams({ crdtType: 'set', operations: 1, fanout: 0 }), 'run.fanout');
    expectValidation(() => validateReplicatedStateParams({ crdtType: 'set', operations: 1, oops: 1 }), 'run.oops');
    expectValidation(
      () => validateReplicatedStateParams({ crdtType: 'set', operations: 1, removeProbability: 2 }),
      'run.removeProbability',
    );
  });
});

describe('replicated-state run', () => {
  const setup: Setup = {
    n: 8,
    topology: { kind: 'ring' },
    config: {
      latencyMsMin: 5,
      latencyMsMax: 40,
      lossProbability: 0.2,
      duplicationProbability: 0.2,
      reorderProbability: 0.3,
    },
    params: validateReplicatedStateParams({ crdtType: 'or-set', operations: 80 }),
    faults: [{ partitionAtMs: 50, healAtMs: 2_000, groups: [[0, 1, 2]] }],
  };

  it('converges after the partition heals, and says so in a JSON summary', () => {
    const { summary } = execute(1, setup, false);
    expect(summary.converged).toBe(true);
    expect(summary.operations).toBe(80);
    expect(new Set(summary.replicas.map((r) => jsonKey(r.value))).size).toBe(1);
    expect(summary.value).toEqual(summary.replicas[0].value);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('is deterministic: the same seed gives the same trace hash', () => {
    expect(execute(3, setup, false).trace.hash()).toBe(execute(3, setup, true).trace.hash());
    expect(execute(3, setup, false).trace.hash()).not.toBe(execute(4, setup, false).trace.hash());
  });

  it('every engine event carries the vector clock of its agent, which never goes backwards', () => {
    const { trace, summary } = execute(2, setup, true);
    const events = decodeAll(trace.columns()).filter((e) => e.kind === 'engine');
    const names = new Set(events.map((e) => (e.kind === 'engine' ? e.name : '')));
    expect([...names].sort()).toEqual(['converged', 'localWrite', 'merge']);
    const last = new Map<number, VectorClock>();
    let writes = 0;
    for (const e of events) {
      if (e.kind !== 'engine') continue;
      const clock = (e.detail as { clock: VectorClock }).clock;
      expect(clock).toBeTypeOf('object');
      const prev = last.get(e.agent);
      if (prev) expect(['before', 'equal']).toContain(compare(prev, clock));
      last.set(e.agent, clock);
      if (e.name === 'localWrite') writes++;
    }
    expect(writes).toBe(summary.operations);
    // The final clocks: each agent's own entry counts its own events, and it has seen everyone's writes.
    expect(Object.keys(summary.replicas[0].clock).length).toBe(8);
  });

  it('reports converged: false when a partition never heals and healAtEnd is off', () => {
    const split: Setup = {
      ...setup,
      config: { ...setup.config, lossProbability: 0 },
      params: validateReplicatedStateParams({
        crdtType: 'counter',
        operations: 60,
        healAtEnd: false,
        maxFlushRounds: 3,
      }),
      faults: [],
    };
    const rng = new Prng(9);
    const coordinator = SwarmCoordinator.fromTopology({ kind: 'mesh' }, 8, rng);
    const trace = new Trace(false);
    const network = new Network(8, split.config, rng, trace);
    network.partition([[0, 1, 2, 3]]);
    const summary = runReplicatedState({ coordinator, network, rng, trace }, split.params);
    expect(summary.converged).toBe(false);
    expect(summary.value).toBeNull();
    expect(summary.flushRounds).toBe(3);
  });

  it('stops when asked', () => {
    const rng = new Prng(5);
    const coordinator = SwarmCoordinator.fromTopology({ kind: 'mesh' }, 6, rng);
    const trace = new Trace(false);
    const network = new Network(6, setup.config, rng, trace);
    let polls = 0;
    const summary = runReplicatedState(
      { coordinator, network, rng, trace, shouldStop: () => ++polls > 10 },
      validateReplicatedStateParams({ crdtType: 'set', operations: 1_000 }),
    );
    expect(summary.stopped).toBe(true);
    expect(summary.converged).toBe(false);
  });
});

describe(`seeded convergence: ${SEEDS} of ${SEEDS} seeds`, () => {
  it('5–20 replicas, random ops, loss, duplication, reordering, partitions and crashes, heal, flush ⇒ all equal', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const setup = randomSetup(seed);
      const { summary, connected } = execute(seed, setup, false);
      const values = new Set(summary.replicas.map((r) => jsonKey(r.value)));
      // Replicas gossip along links only: a swarm in pieces cannot converge, and must not claim it did.
      const ok = connected ? summary.converged && values.size === 1 : !summary.converged || values.size === 1;
      if (!ok) failures.push(explainFailure(seed, setup));
      if (failures.length >= 3) break;
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  });
});

describe('what a replicated-state run reports about concurrency and duplicates', () => {
  it('counts concurrent merges under a partition and absorbs duplicate deliveries', async () => {
    const { parseScenario } = await import('../../../src/engine/scenario');
    const { resultOf, runScenario } = await import('../../../src/engine/runs/runScenario');
    const scenario = (duplicationProbability: number) =>
      parseScenario({
        format: 'swarm-playground/scenario',
        version: 1,
        seed: 3,
        topology: { agentCount: 4, builder: { kind: 'mesh' } },
        network: {
          latencyMsMin: 5,
          latencyMsMax: 20,
          duplicationProbability,
          faults: [
            {
              kind: 'partition',
              atMs: 10,
              groups: [
                ['agent-1', 'agent-2'],
                ['agent-3', 'agent-4'],
              ],
            },
            { kind: 'heal', atMs: 300 },
          ],
        },
        run: { kind: 'replicated-state', crdtType: 'counter', operations: 30 },
      });
    const plain = resultOf((await runScenario(scenario(0))).summary, 'replicated-state') as ReplicatedStateSummary;
    const doubled = resultOf((await runScenario(scenario(0.5))).summary, 'replicated-state') as ReplicatedStateSummary;
    expect(plain.concurrentMerges).toBeGreaterThan(0);
    expect(plain.duplicateDeliveries).toBe(0);
    expect(doubled.duplicateDeliveries).toBeGreaterThan(0);
    expect(plain.converged && doubled.converged).toBe(true);
  });
});
