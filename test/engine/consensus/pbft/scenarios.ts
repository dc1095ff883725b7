import { type PbftParams, type PbftSummary, runPbft, validatePbftParams } from '../../../../src/engine/consensus/pbft';
import { type Behaviour, MALICIOUS_BEHAVIOURS } from '../../../../src/engine/core/agent';
import { Prng } from '../../../../src/engine/core/prng';
import type { TopologyBuilder } from '../../../../src/engine/core/topology';
import type { NetworkConfig } from '../../../../src/engine/network/faults';
import { contextFor } from '../raft/harness';

/** One seeded PBFT experiment. */
export interface PbftCase {
  n: number;
  behaviours: Behaviour[];
  topology: TopologyBuilder;
  config: NetworkConfig;
  params: PbftParams;
}

/**
 * A chaotic case for `seed`: 4–8 replicas, up to f of them malicious with any behaviour
 * (the primary of view 0 among them a third of the time), loss, duplication, reordering,
 * partitions and crashes until 3 s, 2–5 requests.
 */
export function chaosCase(seed: number, teaching: PbftParams['teaching'] = { weakQuorums: false }): PbftCase {
  const rng = new Prng(seed ^ 0xb1f7);
  const n = rng.range(4, 8);
  const f = Math.floor((n - 1) / 3);
  const behaviours: Behaviour[] = Array(n).fill('honest');
  const bad = rng.sample(n, rng.range(0, f));
  if (bad.length > 0 && rng.chance(0.33) && !bad.includes(0)) bad[0] = 0;
  for (const i of bad) behaviours[i] = rng.pick(MALICIOUS_BEHAVIOURS);
  const config: NetworkConfig = {
    latencyMsMin: rng.range(1, 10),
    latencyMsMax: rng.range(10, 40),
    lossProbability: rng.chance(0.4) ? rng.float() * 0.1 : 0,
    duplicationProbability: rng.chance(0.4) ? rng.float() * 0.2 : 0,
    reorderProbability: rng.chance(0.4) ? rng.float() * 0.3 : 0,
  };
  const untilMs = 3_000;
  const params = validatePbftParams(
    {
      viewChangeTimeoutMs: 300,
      clientRetryMs: 1_000,
      durationMs: 5_000,
      commands: Array.from({ length: rng.range(2, 5) }, (_, i) => ({ atMs: rng.range(0, untilMs), value: `op-${i}` })),
      randomFaults: {
        crashes: rng.range(0, 2),
        partitions: rng.range(0, 3),
        untilMs,
        downMsMin: 100,
        downMsMax: 1_000,
        isolateLeaderProbability: rng.chance(0.3) ? 0.3 : 0,
      },
      teaching,
    },
    { replicas: n },
  );
  const topology = rng.pick<TopologyBuilder>([{ kind: 'mesh' }, { kind: 'mesh' }, { kind: 'ring' }]);
  return { n, behaviours, topology, config, params };
}

export function runCase(seed: number, c: PbftCase, record = false): { summary: PbftSummary; traceHash: string } {
  const ctx = contextFor(seed, { n: c.n, topology: c.topology, config: c.config, behaviours: c.behaviours }, record);
  const summary = runPbft(ctx, c.params);
  return { summary, traceHash: ctx.trace.hash() };
}

/**
 * A faulty primary on a network without loss: silent (n of 4, 5, 7 or 10) or equivocating
 * (n of 7, 10 or 13, where neither half of the backups holds a quorum), up to f − 1 other
 * malicious replicas of any behaviour, 1–3 requests in the first half second.
 */
export function faultyPrimaryCase(seed: number): PbftCase & { primary: Behaviour; others: number } {
  const rng = new Prng(seed ^ 0x77);
  const primary: Behaviour = rng.chance(0.5) ? 'silent' : 'equivocate';
  const n = primary === 'silent' ? rng.pick([4, 5, 7, 10]) : rng.pick([7, 10, 13]);
  const f = Math.floor((n - 1) / 3);
  const behaviours: Behaviour[] = Array(n).fill('honest');
  behaviours[0] = primary;
  const others = rng.sample(n - 1, rng.range(0, f - 1));
  for (const i of others) behaviours[i + 1] = rng.pick(MALICIOUS_BEHAVIOURS);
  const params = validatePbftParams(
    {
      viewChangeTimeoutMs: 300,
      durationMs: 20_000,
      commands: Array.from({ length: rng.range(1, 3) }, (_, i) => ({ atMs: rng.range(0, 500), value: `op-${i}` })),
    },
    { replicas: n },
  );
  const config: NetworkConfig = {
    latencyMsMin: rng.range(1, 10),
    latencyMsMax: rng.range(10, 40),
    lossProbability: 0,
    duplicationProbability: rng.chance(0.3) ? 0.1 : 0,
    reorderProbability: rng.chance(0.3) ? 0.2 : 0,
  };
  return { n, behaviours, topology: { kind: 'mesh' }, config, params, primary, others: others.length };
}
