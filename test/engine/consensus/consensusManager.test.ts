import { describe, expect, it } from 'vitest';
import { ConsensusManager } from '../../../src/engine/consensus/consensusManager';
import { GossipProtocol } from '../../../src/engine/consensus/gossip';
import { WeightedAlgorithm } from '../../../src/engine/consensus/weighted';
import type { Agent, Behaviour, VotingPolicy } from '../../../src/engine/core/agent';
import { ValidationError } from '../../../src/engine/core/errors';
import { Prng } from '../../../src/engine/core/prng';
import { SwarmCoordinator } from '../../../src/engine/core/swarmCoordinator';
import { Network } from '../../../src/engine/network/network';
import { decodeAll, Trace } from '../../../src/engine/trace/trace';

const against: VotingPolicy = { kind: 'fixed', vote: 'against' };

function swarm(n: number, changes: Record<number, Partial<Agent>> = {}, seed = 1) {
  const c = SwarmCoordinator.fromTopology({ kind: 'mesh' }, n, new Prng(seed));
  for (const [i, ch] of Object.entries(changes)) c.updateAgent(`agent-${Number(i) + 1}`, ch);
  const trace = new Trace(true);
  const net = new Network(
    n,
    { latencyMsMin: 10, latencyMsMax: 50, lossProbability: 0, duplicationProbability: 0, reorderProbability: 0 },
    new Prng(seed + 1),
    trace,
  );
  c.attach(net);
  return { c, net, trace };
}

describe('ConsensusManager', () => {
  it('the seed example: quorum over a 5-agent mesh approves deploy-v2.0 as soon as 3 votes are in', () => {
    const { c, trace } = swarm(5);
    const manager = new ConsensusManager(c, { defaultAlgorithm: 'quorum' });
    const proposal = { proposalId: 'deploy-v2.0', action: 'deploy', version: 'v2.0' };
    const result = manager.requestConsensus(proposal, { timeoutMs: 30_000 });
    expect(result.decision).toBe('approved');
    expect(result.participants).toHaveLength(5);
    expect(result.votesFor).toBeGreaterThanOrEqual(3);
    // Decided when the outcome could no longer change, long before the timeout.
    expect(result.durationMs).toBeLessThanOrEqual(100);
    expect(result.metadata.decidedEarly).toBe(result.votesFor < 5);
    const names = decodeAll(trace.columns()).flatMap((e) => (e.kind === 'engine' ? [e.name] : []));
    expect(names[0]).toBe('consensusRequest');
    expect(names).toContain('voteSent');
    expect(names).toContain('voteDelivered');
    expect(names.at(-1)).toBe('decided');
  });

  it('works without an attached network (a default one is attached)', () => {
    const c = SwarmCoordinator.fromTopology({ kind: 'ring' }, 3, new Prng(1));
    const r = new ConsensusManager(c).requestConsensus({ action: 'deploy' });
    expect(r).toMatchObject({ decision: 'approved', proposalId: 'proposal-1', algorithmUsed: 'quorum' });
  });

  it('rejects early once a majority is against', () => {
    const { c } = swarm(5, { 0: { policy: against }, 1: { policy: against }, 2: { policy: against } });
    const r = new ConsensusManager(c).requestConsensus({ proposalId: 'p' });
    expect(r.decision).toBe('rejected');
    expect(r.votesAgainst).toBeGreaterThanOrEqual(3);
  });

  it('a silent agent under unanimity ⇒ timeout with the counts so far, at the deadline', () => {
    const { c } = swarm(4, { 3: { behaviour: 'silent' } });
    const manager = new ConsensusManager(c);
    manager.registerAlgorithm(
      'unanimous',
      new (class {
        readonly name = 'unanimous';
        readonly monotone = true;
        evaluate = (input: Parameters<WeightedAlgorithm['evaluate']>[0]) =>
          new WeightedAlgorithm({ threshold: 1 }).evaluate(input);
      })(),
    );
    const r = manager.requestConsensus({ proposalId: 'u' }, { algorithm: 'unanimous', timeoutMs: 5000 });
    expect(r).toMatchObject({ decision: 'timeout', votesFor: 3, durationMs: 5000 });
  });

  it('weighted with the seed weights, registered on the manager', () => {
    const { c } = swarm(3);
    const manager = new ConsensusManager(c);
    manager.registerAlgorithm(
      'weighted',
      new WeightedAlgorithm({ threshold: 0.6, agentWeights: { 'agent-1': 2.0, 'agent-2': 1.5, 'agent-3': 1.0 } }),
    );
    c.detach();
    c.updateAgent('agent-1', { policy: against });
    const { net } = {
      net: new Network(
        3,
        { latencyMsMin: 5, latencyMsMax: 5, lossProbability: 0, duplicationProbability: 0, reorderProbability: 0 },
        new Prng(3),
        new Trace(false),
      ),
    };
    c.attach(net);
    const r = manager.requestConsensus({ proposalId: 'w' }, { algorithm: 'weighted' });
    // The requester (expert-1, weight 2) votes against at once: 2.5 of 4.5 can no longer reach 2.7.
    expect(r).toMatchObject({ decision: 'rejected', durationMs: 0 });
    expect(r.metadata).toMatchObject({ totalWeight: 4.5, weightAgainst: 2, decidedEarly: true });
  });

  it('recordVote: the first vote counts, duplicates, non-participants and late votes are reported', () => {
    const { c } = swarm(3, { 0: { policy: against }, 1: { policy: against }, 2: { policy: against } });
    const manager = new ConsensusManager(c);
    expect(manager.recordVote('pre', 'agent-1', 'for')).toBe(true);
    expect(manager.recordVote('pre', 'agent-1', 'against')).toBe(false);
    manager.recordVote('pre', 'agent-9', 'for');
    const r = manager.requestConsensus({ proposalId: 'pre' });
    // agent-1's pre-recorded 'for' counts; its network vote ('against') is a duplicate.
    expect(r.votesFor).toBe(1);
    expect(r.decision).toBe('rejected');
    const reasons = (r.metadata.ignoredVotes as { agentId: string; reason: string }[]).map(
      (v) => `${v.agentId} ${v.reason}`,
    );
    expect(reasons).toContain('agent-1 duplicate');
    expect(reasons).toContain('agent-9 not a participant');
    expect(manager.recordVote('pre', 'agent-2', 'for')).toBe(false);
  });

  it('equivocating agents vote twice; only the first vote counts', () => {
    const { c } = swarm(3, { 2: { behaviour: 'equivocate' } });
    const r = new ConsensusManager(c).requestConsensus(
      { proposalId: 'e' },
      { participants: ['agent-1', 'agent-2', 'agent-3'] },
    );
    expect(r.votesFor + r.votesAgainst).toBeLessThanOrEqual(3);
  });

  it('gossip through the manager over the swarm topology, deterministic per seed', () => {
    const run = () => {
      const { c } = swarm(10, { 7: { policy: against }, 8: { policy: against }, 9: { policy: against } });
      const manager = new ConsensusManager(c, { rng: new Prng(5) });
      manager.registerAlgorithm('gossip', new GossipProtocol({ fanout: 3, rounds: 5, threshold: 0.66 }));
      return manager.requestConsensus({ proposalId: 'g' }, { algorithm: 'gossip' });
    };
    const r = run();
    expect(r.decision).toBe('approved');
    expect(r.metadata.converged).toBe(true);
    expect(run()).toEqual(r);
  });

  it('gossip through the manager: pulls and replies are network messages, one round of 2 × latencyMsMax + 1', () => {
    const { c, trace } = swarm(10, { 7: { policy: against }, 8: { policy: against }, 9: { policy: against } });
    const manager = new ConsensusManager(c, { rng: new Prng(5) });
    const r = manager.requestConsensus({ proposalId: 'g' }, { algorithm: 'gossip' });
    const all = decodeAll(trace.columns());
    const events = all.filter((e) => e.kind === 'engine');
    const rounds = r.metadata.roundsCompleted as number;
    expect(rounds).toBeGreaterThan(0);
    expect(events.filter((e) => e.name === 'roundEnd')).toHaveLength(rounds);
    expect(events.some((e) => e.name === 'gossipContact')).toBe(false);
    const sent = (tag: string) => all.filter((e) => e.kind === 'messageSent' && e.tag === tag).length;
    // No loss on this network: round 1 alone has 3 pulls per agent, each answered.
    expect(sent('gossip-pull')).toBe(r.metadata.gossipRequests);
    expect(sent('gossip-vote')).toBe(r.metadata.gossipReplies);
    expect(sent('gossip-pull')).toBeGreaterThanOrEqual(rounds * 3);
    expect(sent('gossip-vote')).toBe(sent('gossip-pull'));
    const votesIn = Math.max(...events.filter((e) => e.name === 'voteDelivered').map((e) => e.t));
    expect(r.metadata.roundMs).toBe(101);
    expect(r.durationMs).toBe(votesIn + rounds * 101);
  });

  it('byzantine on the network: f = 1, 4 agents, one equivocator ⇒ honest agents agree and decide', () => {
    const { c } = swarm(4, { 3: { behaviour: 'equivocate' } });
    const r = new ConsensusManager(c).requestConsensus({ proposalId: 'b' }, { algorithm: 'byzantine' });
    expect(r.decision).toBe('approved');
    expect(r.metadata).toMatchObject({ faultTolerance: 1, agreementThreshold: 3, byzantineSafe: true });
    expect((r.metadata.agreement as { agreed: boolean }).agreed).toBe(true);
    expect(r.metadata.messages as number).toBeGreaterThan(40);
  });

  it('byzantine with too few participants names the size rule', () => {
    const { c } = swarm(3);
    expect(() => new ConsensusManager(c).requestConsensus({}, { algorithm: 'byzantine' })).toThrow(
      'Byzantine consensus with f=1 needs at least 4 participants, got 3',
    );
  });

  it('oral messages: 4 generals with a traitor lieutenant still obey the commander', () => {
    const { c } = swarm(4, { 2: { behaviour: 'random' as Behaviour } });
    const r = new ConsensusManager(c).requestConsensus({ proposalId: 'om' }, { algorithm: 'oral-messages' });
    expect(r).toMatchObject({ decision: 'approved', votesFor: 2 });
    expect(r.metadata).toMatchObject({ messages: 9, agreement: true, validity: true, traitors: ['agent-3'] });
  });

  it('getAlgorithmStats counts decisions per algorithm', () => {
    const { c } = swarm(5);
    const manager = new ConsensusManager(c);
    manager.requestConsensus({ proposalId: 'a' });
    manager.requestConsensus({ proposalId: 'b' }, { algorithm: 'byzantine' });
    const stats = manager.getAlgorithmStats();
    expect(stats).toMatchObject({ totalProposals: 2, approved: 2, rejected: 0, timeouts: 0, approvalRate: 1 });
    expect(stats.avgDurationMs).toBeGreaterThan(0);
    expect(Object.keys(stats.byAlgorithm)).toEqual(['quorum', 'byzantine']);
  });

  it('invalid input is a ValidationError naming the field', () => {
    const { c, net } = swarm(3);
    const m = new ConsensusManager(c);
    const field = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).field;
      }
      return 'no error';
    };
    expect(field(() => m.requestConsensus(null as never))).toBe('proposal');
    expect(field(() => m.requestConsensus({ proposalId: '' }))).toBe('proposalId');
    expect(field(() => m.requestConsensus({}, { timeoutMs: 0 }))).toBe('timeoutMs');
    expect(field(() => m.requestConsensus({}, { algorithm: 'paxos' }))).toBe('algorithm');
    expect(field(() => new ConsensusManager(c, { defaultAlgorithm: 'raft' }))).toBe('defaultAlgorithm');
    expect(field(() => m.requestConsensus({}, { participants: ['nobody'] }))).toBe('participants');
    for (let i = 0; i < 3; i++) net.crash(i);
    expect(field(() => m.requestConsensus({}))).toBe('participants');
  });
});
