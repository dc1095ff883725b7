/**
 * A gossip vote runs on the swarm the user built: zero links are zero neighbours
 * (never a full mesh), faults cut its pulls and replies, and what nobody could
 * hear never approves a proposal for everyone. Contact buffers are sized by
 * min(fanout, degree), never by the fanout alone.
 */
import { describe, expect, it } from 'vitest';
import { ConsensusManager } from '../../../src/engine/consensus/consensusManager';
import { type GossipOptions, GossipProtocol } from '../../../src/engine/consensus/gossip';
import { gossipNetworkResult, runGossipOnNetwork } from '../../../src/engine/consensus/gossipNetwork';
import type { Behaviour, VoteType } from '../../../src/engine/core/agent';
import { Prng } from '../../../src/engine/core/prng';
import { SwarmCoordinator } from '../../../src/engine/core/swarmCoordinator';
import type { TopologyBuilder } from '../../../src/engine/core/topology';
import { DEFAULT_NETWORK, type Fault, type NetworkConfig } from '../../../src/engine/network/faults';
import { Network } from '../../../src/engine/network/network';
import type { TraceEvent } from '../../../src/engine/trace/events';
import { decodeAll, Trace } from '../../../src/engine/trace/trace';

interface Setup {
  n: number;
  builder?: TopologyBuilder;
  /** Agent i votes against when i is listed, for otherwise. */
  against?: number[];
  gossip?: GossipOptions;
  network?: Partial<NetworkConfig>;
  faults?: Fault[];
  behaviours?: Record<number, Behaviour>;
  seed?: number;
}

function vote(s: Setup) {
  const seed = s.seed ?? 1;
  const c = SwarmCoordinator.fromTopology(s.builder ?? { kind: 'mesh' }, s.n, new Prng(seed));
  c.agents.forEach((a, i) => {
    const v: VoteType = s.against?.includes(i) ? 'against' : 'for';
    c.updateAgent(a.id, { policy: { kind: 'fixed', vote: v }, behaviour: s.behaviours?.[i] ?? 'honest' });
  });
  const trace = new Trace(true);
  const net = new Network(s.n, { ...DEFAULT_NETWORK, ...s.network }, new Prng(seed + 1000), trace);
  for (const f of s.faults ?? []) net.scheduleFault(f);
  c.attach(net);
  const manager = new ConsensusManager(c, { rng: new Prng(seed + 2000) });
  manager.registerAlgorithm('gossip', new GossipProtocol({ rounds: 6, threshold: 0.66, ...s.gossip }));
  const result = manager.requestConsensus({ proposalId: 'p' }, { algorithm: 'gossip', timeoutMs: 2_000 });
  return { result, m: result.metadata, events: decodeAll(trace.columns()), hash: trace.hash() };
}

const GOSSIP_TAGS = new Set(['gossip-pull', 'gossip-vote']);
const gossipDelivered = (events: TraceEvent[]) =>
  events.filter(
    (e): e is Extract<TraceEvent, { kind: 'messageDelivered' }> =>
      e.kind === 'messageDelivered' && GOSSIP_TAGS.has(e.tag),
  );
const gossipSent = (events: TraceEvent[]) =>
  events.filter(
    (e): e is Extract<TraceEvent, { kind: 'messageSent' }> => e.kind === 'messageSent' && GOSSIP_TAGS.has(e.tag),
  );
const changed = (events: TraceEvent[]) =>
  new Set(events.flatMap((e) => (e.kind === 'engine' && e.name === 'voteChanged' ? [e.agent] : [])));

describe('gossip vote on the swarm’s topology', () => {
  it('0 links: no pull or reply is sent, no vote moves, and no decision the links could not carry', () => {
    // 3 for, 2 against, threshold 0.66: only spreading the majority could approve it.
    const { result, m, events } = vote({ n: 5, builder: { kind: 'custom' }, against: [3, 4] });
    expect(gossipSent(events)).toEqual([]);
    expect(gossipDelivered(events)).toEqual([]);
    expect(changed(events).size).toBe(0);
    expect(m.converged).toBe(false);
    expect(result.decision).toBe('rejected');
    // On a full mesh the same votes spread and converge to approval: the mesh is what decided it.
    const mesh = vote({ n: 5, against: [3, 4], gossip: { rounds: 10, convergenceThreshold: 1 } });
    expect(mesh.m.converged).toBe(true);
    expect(mesh.result.decision).toBe('approved');
  });

  it('a vote nobody could hear does not approve for everyone (one voter, the rest never reached)', () => {
    const trace = new Trace(false);
    const net = new Network(5, DEFAULT_NETWORK, new Prng(1), trace);
    const protocol = new GossipProtocol({ rounds: 3, threshold: 0.66 });
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const out = runGossipOnNetwork(protocol, {
      net,
      rng: new Prng(2),
      proposalId: 'p',
      participants: [0, 1, 2, 3, 4],
      ids,
      initial: ['for', 'abstain', 'abstain', 'abstain', 'abstain'],
      behaviours: ['honest', 'honest', 'honest', 'honest', 'honest'],
      neighbours: () => [],
      reporter: 0,
    });
    expect(out.requests).toBe(0);
    const r = gossipNetworkResult(protocol, out, { proposalId: 'p', ids, requestedAtMs: 0 });
    expect(r.decision).toBe('rejected');
    expect(r.metadata.approvalRate).toBeCloseTo(0.2);
  });

  it('a partition from t = 0 that never heals: nothing crosses it and the cut-off side never changes', () => {
    const near = [0, 1, 2, 3, 4, 5, 6];
    const side = (a: number) => (near.includes(a) ? 0 : 1);
    const { result, events } = vote({
      n: 10,
      against: [7, 8, 9],
      faults: [{ kind: 'partition', atMs: 0, groups: [near] }],
      gossip: { rounds: 6, convergenceThreshold: 1 },
    });
    for (const e of events) if (e.kind === 'messageDelivered') expect(side(e.from), JSON.stringify(e)).toBe(side(e.to));
    for (const a of [7, 8, 9]) expect(changed(events).has(a)).toBe(false);
    expect(gossipSent(events).some((e) => side(e.from) !== side(e.to))).toBe(true);
    // The far side's votes never arrived: 7 for of 10 participants, not 7 of 7.
    expect(result.metadata.approvalRate).toBeCloseTo(0.7);
  });

  it('100 % loss: no gossip message is delivered, nothing changes, nothing is approved', () => {
    const { result, events, m } = vote({ n: 8, network: { lossProbability: 1 } });
    expect(gossipDelivered(events)).toEqual([]);
    expect(changed(events).size).toBe(0);
    expect(m.repliesCounted).toBe(0);
    // Only the requester's own vote is known: 1 of 8.
    expect(result.decision).toBe('rejected');
  });

  it('an agent crashed before it sends is silent: no pull, no reply, no change', () => {
    const { events } = vote({ n: 8, against: [2, 5], faults: [{ kind: 'crash', atMs: 0, agent: 2 }] });
    expect(events.filter((e) => e.kind === 'messageSent' && e.from === 2)).toEqual([]);
    expect(changed(events).has(2)).toBe(false);
  });

  it('pulls go to neighbours only: on a ring each agent asks at most its 2 neighbours per round', () => {
    const { events, m } = vote({ n: 12, builder: { kind: 'ring' }, against: [1, 5, 9], gossip: { fanout: 5 } });
    const perRound = new Map<string, number>();
    for (const e of gossipSent(events)) {
      if (e.tag !== 'gossip-pull') continue;
      expect(Math.min((e.from - e.to + 12) % 12, (e.to - e.from + 12) % 12)).toBe(1);
      perRound.set(`${e.t}:${e.from}`, (perRound.get(`${e.t}:${e.from}`) ?? 0) + 1);
    }
    expect(Math.max(...perRound.values())).toBe(2);
    expect(m.gossipRequests).toBe(gossipSent(events).filter((e) => e.tag === 'gossip-pull').length);
  });

  it('a huge fanout allocates by degree: 5,000 agents on a ring with fanout 2,000,000', () => {
    // Sized agents × fanout this asked for 10¹⁰ entries (issue 15: "Invalid typed array length").
    const { m } = vote({
      n: 5_000,
      builder: { kind: 'ring' },
      against: [1, 2, 3],
      gossip: { fanout: 2_000_000, rounds: 2 },
      network: { latencyMsMin: 1, latencyMsMax: 1 },
    });
    // Every agent asks both its neighbours each round, and no more.
    expect(m.roundsCompleted).toBeGreaterThanOrEqual(1);
    expect(m.gossipRequests).toBe((m.roundsCompleted as number) * 2 * 5_000);
  });

  it('is deterministic on a topology with faults: same seed ⇒ same trace hash', () => {
    const setup = (seed: number): Setup => ({
      n: 20,
      builder: { kind: 'small-world', k: 4, beta: 0.2 },
      against: [1, 4, 7, 10, 13],
      network: { lossProbability: 0.2, duplicationProbability: 0.2, reorderProbability: 0.3 },
      faults: [{ kind: 'crash', atMs: 150, agent: 6 }],
      seed,
    });
    const a = vote(setup(4));
    const b = vote(setup(4));
    expect(b.hash).toBe(a.hash);
    expect(b.result).toEqual(a.result);
    expect(new Set([1, 2, 3].map((seed) => vote(setup(seed)).hash)).size).toBe(3);
  });
});
