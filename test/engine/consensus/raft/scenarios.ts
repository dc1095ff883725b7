import { type RaftParams, type RaftSummary, runRaft, validateRaftParams } from '../../../../src/engine/consensus/raft';
import { Prng } from '../../../../src/engine/core/prng';
import type { TopologyBuilder } from '../../../../src/engine/core/topology';
import type { NetworkConfig } from '../../../../src/engine/network/faults';
import { contextFor } from './harness';

/** One seeded Raft experiment: the swarm, the network and the run's parameters. */
export interface RaftCase {
  n: number;
  topology: TopologyBuilder;
  config: NetworkConfig;
  params: RaftParams;
}

/**
 * A chaotic case for `seed`: 3–7 servers, any of a few topologies, latency, loss, duplication
 * and reordering, 3–10 commands, and crashes and partitions drawn from the seed until
 * `untilMs` (sometimes also the leader isolated as it takes a command), after which the network
 * is whole again and stays so for `stableMs`.
 */
export function chaosCase(seed: number, overrides: Partial<RaftParams> = {}, stableMs = 2_000): RaftCase {
  const rng = new Prng(seed ^ 0x4af7);
  const n = rng.range(3, 6);
  const topology = rng.pick<TopologyBuilder>([{ kind: 'mesh' }, { kind: 'mesh' }, { kind: 'ring' }, { kind: 'star' }]);
  const latencyMsMax = rng.range(10, 40);
  const config: NetworkConfig = {
    latencyMsMin: rng.range(1, 10),
    latencyMsMax,
    lossProbability: rng.chance(0.5) ? rng.float() * 0.1 : 0,
    duplicationProbability: rng.chance(0.5) ? rng.float() * 0.2 : 0,
    reorderProbability: rng.chance(0.5) ? rng.float() * 0.3 : 0,
  };
  const untilMs = 3_000;
  const commands = Array.from({ length: rng.range(3, 10) }, (_, i) => ({
    atMs: rng.range(100, untilMs),
    value: `cmd-${i}`,
  }));
  const params = validateRaftParams({
    electionTimeoutMsMin: 150,
    electionTimeoutMsMax: 300,
    heartbeatMs: 50,
    durationMs: untilMs + stableMs,
    commands,
    randomFaults: {
      crashes: rng.range(0, 5),
      partitions: rng.range(0, 4),
      untilMs,
      downMsMin: 100,
      downMsMax: 1_500,
      isolateLeaderProbability: rng.chance(0.3) ? 0.3 : 0,
    },
  });
  return { n, topology, config, params: { ...params, ...overrides } };
}

export function runCase(seed: number, c: RaftCase, record = false): { summary: RaftSummary; traceHash: string } {
  const ctx = contextFor(seed, { n: c.n, topology: c.topology, config: c.config }, record);
  const summary = runRaft(ctx, c.params);
  return { summary, traceHash: ctx.trace.hash() };
}

/** A small case in which a broken rule shows: 3–5 servers, frequent faults, few commands. */
export function teachingCase(seed: number, teaching: Partial<RaftParams['teaching']>): RaftCase {
  const rng = new Prng(seed ^ 0x7eac);
  const figure8 = teaching.commitPreviousTermsByCounting === true;
  const doubleVote = teaching.doubleVoter != null;
  const n = figure8 || doubleVote ? 3 : rng.range(3, 5);
  const untilMs = 3_000;
  const params = validateRaftParams({
    // Close timeouts make candidates collide, which a double vote needs.
    electionTimeoutMsMin: 150,
    electionTimeoutMsMax: doubleVote ? 170 : 300,
    durationMs: 4_000,
    commands: Array.from({ length: figure8 ? 10 : 5 }, (_, i) => ({ atMs: rng.range(100, untilMs), value: `c${i}` })),
    // Figure 8 needs a leader cut off right after it takes a command, twice: the isolating nemesis.
    randomFaults: figure8
      ? { untilMs, isolateLeaderProbability: 0.5 }
      : { untilMs, crashes: 3, partitions: 3, downMsMin: 100, downMsMax: 800 },
    teaching,
  });
  const config: NetworkConfig = {
    latencyMsMin: 5,
    latencyMsMax: 30,
    lossProbability: 0,
    duplicationProbability: 0,
    reorderProbability: 0,
  };
  return { n, topology: { kind: 'mesh' }, config, params };
}
