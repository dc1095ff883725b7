import { describe, expect, it } from 'vitest';
import { ConsensusManager } from '../../../src/engine/consensus/consensusManager';
import { type GossipOptions, GossipProtocol } from '../../../src/engine/consensus/gossip';
import type { Behaviour } from '../../../src/engine/core/agent';
import { ValidationError } from '../../../src/engine/core/errors';
import { Prng } from '../../../src/engine/core/prng';
import { SwarmCoordinator } from '../../../src/engine/core/swarmCoordinator';
import type { NetworkConfig } from '../../../src/engine/network/faults';
import { Network } from '../../../src/engine/network/network';
import { decodeAll, Trace } from '../../../src/engine/trace/trace';

const FULL = process.env.FULL === '1';
const SEEDS = FULL ? 200 : 30;

interface Setup {
  seed: number;
  n: number;
  /** The last `against` agents vote against, the others for. */
  against: number;
  gossip?: GossipOptions;
  network?: Partial<NetworkConfig>;
  behaviours?: Record<number, Behaviour>;
  /** Called before the request: faults, partitions. */
  before?: (net: Network) => void;
  record?: boolean;
}

/** A gossip vote through the manager on a mesh, with its trace. */
function gossipVote(s: Setup) {
  const { seed, n } = s;
  const c = SwarmCoordinator.fromTopology({ kind: 'mesh' }, n, new Prng(seed));
  c.agents.forEach((a, i) => {
    c.updateAgent(a.id, {
      policy: { kind: 'fixed', vote: i >= n - s.against ? 'against' : 'for' },
      behaviour: s.behaviours?.[i] ?? 'honest',
    });
  });
  const trace = new Trace(s.record ?? true);
  const net = new Network(
    n,
    {
      latencyMsMin: 10,
      latencyMsMax: 50,
      lossProbability: 0,
      duplicationProbability: 0,
      reorderProbability: 0,
      ...s.network,
    },
    new Prng(seed + 1000),
    trace,
  );
  c.attach(net);
  s.before?.(net);
  const manager = new ConsensusManager(c, { rng: new Prng(seed + 2000) });
  manager.registerAlgorithm('gossip', new GossipProtocol(s.gossip ?? {}));
  const result = manager.requestConsensus({ proposalId: 'p' }, { algorithm: 'gossip', timeoutMs: 2000 });
  const events = s.record === false ? [] : decodeAll(trace.columns());
  return { result, events, trace, net, m: result.metadata as Record<string, number | boolean | unknown[]> };
}

type Ev = ReturnType<typeof decodeAll>[number];
const engine = (events: Ev[], name: string) => events.filter((e) => e.kind === 'engine' && e.name === name);
const sent = (events: Ev[], tag: string) => events.filter((e) => e.kind === 'messageSent' && e.tag === tag);
const changedAgents = (events: Ev[]) =>
  new Set(engine(events, 'voteChanged').map((e) => (e.kind === 'engine' ? e.agent : -1)));

/** The seed's 10-agent example: agents 1–7 for, 8–10 against, threshold 0.66. */
const seedExample = (seed: number, extra: Partial<Setup> = {}) =>
  gossipVote({ seed, n: 10, against: 3, gossip: { fanout: 3, rounds: 5, threshold: 0.66 }, ...extra });

describe('gossip vote on the network', () => {
  it('is deterministic per seed (result and trace hash), and seeds differ', () => {
    const network = { lossProbability: 0.1, duplicationProbability: 0.1, reorderProbability: 0.2 };
    const a = seedExample(3, { network });
    const b = seedExample(3, { network });
    expect(b.result).toEqual(a.result);
    expect(b.trace.hash()).toBe(a.trace.hash());
    const hashes = new Set([1, 2, 3, 4, 5].map((seed) => seedExample(seed, { network }).trace.hash()));
    expect(hashes.size).toBe(5);
  });

  it('the seed example on a fault-free mesh converges to approved for most seeds, like the in-memory one', () => {
    const votes = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`agent-${i + 1}`, i < 7 ? 'approve' : 'reject'] as const),
    );
    let network = 0;
    let memory = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = seedExample(seed, { record: false }).result;
      if (r.decision === 'approved' && r.metadata.converged) network++;
      if (new GossipProtocol({ fanout: 3, rounds: 5 }).decide(votes, 0.66, { seed }).decision === 'approved') memory++;
    }
    expect(network).toBeGreaterThanOrEqual(Math.ceil(0.9 * SEEDS));
    expect(network).toBeGreaterThanOrEqual(memory - Math.ceil(0.1 * SEEDS));
  });

  it('a partition isolating the minority for the whole gossip prevents convergence; they keep their votes', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      // Every vote reaches the requester within 2 × 50 ms; the cut applies before the first pull arrives.
      const cut = seedExample(seed, {
        gossip: { fanout: 3, rounds: 8, threshold: 0.66 },
        before: (net) => net.scheduleFault({ kind: 'partition', atMs: 100, groups: [[7, 8, 9]] }),
      });
      expect(cut.result.metadata.converged).toBe(false);
      expect(cut.result.metadata.roundsCompleted).toBe(8);
      for (const i of [7, 8, 9]) expect(changedAgents(cut.events).has(i)).toBe(false);
      const last = (cut.m.history as { for: number; against: number }[]).at(-1);
      expect(last).toMatchObject({ for: 7, against: 3 });
      const dropped = cut.events.filter(
        (e) => e.kind === 'messageDropped' && e.reason === 'partition' && e.tag === 'gossip-pull',
      );
      expect(dropped.length).toBeGreaterThan(0);
      // Without the cut the same seed converges.
      expect(seedExample(seed, { gossip: { fanout: 3, rounds: 8, threshold: 0.66 } }).m.converged).toBe(true);
    }
  });

  it('loss slows convergence: more rounds on average over seeds', () => {
    const meanRounds = (lossProbability: number) => {
      let sum = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const r = gossipVote({
          seed,
          n: 20,
          against: 7,
          gossip: { fanout: 3, rounds: 40, convergenceThreshold: 1, threshold: 0.5 },
          network: { lossProbability },
          record: false,
        });
        sum += r.result.metadata.roundsCompleted as number;
      }
      return sum / SEEDS;
    };
    const clean = meanRounds(0);
    const lossy = meanRounds(0.3);
    expect(lossy).toBeGreaterThan(clean + 1);
  });

  it('stubborn agents never change their vote, never pull, and still answer', () => {
    const behaviours = { 7: 'stubborn', 8: 'stubborn', 9: 'stubborn' } as const;
    for (const seed of [1, 2, 3]) {
      const { events, m } = seedExample(seed, { behaviours, gossip: { fanout: 3, rounds: 6, threshold: 0.66 } });
      const changed = changedAgents(events);
      for (const i of [7, 8, 9]) expect(changed.has(i)).toBe(false);
      const pulls = sent(events, 'gossip-pull');
      expect(pulls.some((e) => e.kind === 'messageSent' && e.from >= 7)).toBe(false);
      expect(sent(events, 'gossip-vote').some((e) => e.kind === 'messageSent' && e.from >= 7)).toBe(true);
      // Three of ten hold against forever: agreement can never reach 0.95.
      expect(m.converged).toBe(false);
    }
  });

  it('silent agents never answer a pull (and abstain)', () => {
    const behaviours = { 0: 'silent', 4: 'silent' } as const;
    const { events, result } = seedExample(2, { behaviours, gossip: { fanout: 3, rounds: 6, threshold: 0.5 } });
    const replies = sent(events, 'gossip-vote');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.some((e) => e.kind === 'messageSent' && (e.from === 0 || e.from === 4))).toBe(false);
    const toSilent = sent(events, 'gossip-pull').filter((e) => e.kind === 'messageSent' && (e.to === 0 || e.to === 4));
    expect(toSilent.length).toBeGreaterThan(0);
    expect(result.votesAbstain).toBe(2);
  });

  it('equivocating and random agents answer both ways', () => {
    const behaviours = { 8: 'equivocate', 9: 'random' } as const;
    const { events } = seedExample(4, { behaviours, gossip: { fanout: 3, rounds: 6, convergenceThreshold: 1 } });
    for (const agent of [8, 9]) {
      const answers = new Set(
        sent(events, 'gossip-vote').flatMap((e) =>
          e.kind === 'messageSent' && e.from === agent ? [(e.payload as { vote: string }).vote] : [],
        ),
      );
      expect(answers).toEqual(new Set(['for', 'against']));
    }
  });

  it('message counts: requests + replies, as the network sent them (duplicated pulls are answered again)', () => {
    for (const seed of [1, 2, 3]) {
      const network = { lossProbability: 0.1, duplicationProbability: 0.3, reorderProbability: 0.2 };
      const { events, m, result } = seedExample(seed, { network, gossip: { fanout: 3, rounds: 8, threshold: 0.66 } });
      expect(m.gossipRequests).toBe(sent(events, 'gossip-pull').length);
      expect(m.gossipReplies).toBe(sent(events, 'gossip-vote').length);
      expect(m.gossipMessages).toBe((m.gossipRequests as number) + (m.gossipReplies as number));
      const all = events.filter((e) => e.kind === 'messageSent').length;
      expect(result.metadata.messages).toBe(all);
      // Duplicated pulls are delivered and answered twice, so replies can outnumber delivered-once pulls.
      const delivered = events.filter((e) => e.kind === 'messageDelivered' && e.tag === 'gossip-pull').length;
      expect(m.gossipReplies).toBe(delivered);
    }
  });

  it('trace time never goes back; round ends are one roundMs apart; decided comes last', () => {
    const network = { lossProbability: 0.2, duplicationProbability: 0.2, reorderProbability: 0.5 };
    const { events, result } = seedExample(6, { network, gossip: { fanout: 3, rounds: 10, roundMs: 70 } });
    for (let i = 1; i < events.length; i++) expect(events[i].t).toBeGreaterThanOrEqual(events[i - 1].t);
    const ends = engine(events, 'roundEnd').map((e) => e.t);
    expect(ends).toHaveLength(result.metadata.roundsCompleted as number);
    for (let i = 1; i < ends.length; i++) expect(ends[i] - ends[i - 1]).toBe(70);
    const decided = engine(events, 'decided');
    expect(decided).toHaveLength(1);
    expect(decided[0].t).toBe(ends.at(-1));
    expect(result.durationMs).toBe(ends.at(-1));
  });

  it('late replies (round shorter than a round trip) are missing, so nothing changes', () => {
    // latency ≥ 10 ms each way, round of 15 ms: no reply can arrive in its round.
    const { m, events } = seedExample(1, { gossip: { fanout: 3, rounds: 4, roundMs: 15 } });
    expect(m.repliesCounted).toBe(0);
    expect(m.lateReplies).toBeGreaterThan(0);
    expect(engine(events, 'voteChanged')).toHaveLength(0);
    expect(m.roundsCompleted).toBe(4);
  });

  it('a crashed agent stops answering and keeps its vote', () => {
    const { events } = seedExample(7, {
      gossip: { fanout: 3, rounds: 6, convergenceThreshold: 1 },
      before: (net) => net.scheduleFault({ kind: 'crash', atMs: 100, agent: 9 }),
    });
    expect(changedAgents(events).has(9)).toBe(false);
    expect(sent(events, 'gossip-vote').some((e) => e.kind === 'messageSent' && e.from === 9)).toBe(false);
    const dropped = events.filter((e) => e.kind === 'messageDropped' && e.to === 9 && e.reason === 'crashed');
    expect(dropped.length).toBeGreaterThan(0);
  });

  it('roundMs must be a whole number ≥ 1', () => {
    expect(() => new GossipProtocol({ roundMs: 0 })).toThrow(ValidationError);
    expect(() => new GossipProtocol({ roundMs: 1.5 })).toThrow(ValidationError);
  });
});
