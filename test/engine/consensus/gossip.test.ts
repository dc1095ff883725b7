import { describe, expect, it } from 'vitest';
import { GossipProtocol, gossipMajority } from '../../../src/engine/consensus/gossip';
import type { GossipVoteValue } from '../../../src/engine/consensus/types';
import { ValidationError } from '../../../src/engine/core/errors';
import { Prng } from '../../../src/engine/core/prng';

const seedVotes = Object.fromEntries(
  Array.from({ length: 10 }, (_, i) => [`agent-${i + 1}`, i + 1 <= 7 ? 'approve' : 'reject']),
) as Record<string, GossipVoteValue>;

describe('GossipProtocol.decide', () => {
  const gossip = new GossipProtocol({ fanout: 3, rounds: 5, convergenceThreshold: 0.95 });

  it('the seed example: agents 1–7 approve, 8–10 reject, threshold 0.66 ⇒ approved, converged, 100 % agreement (seed 42)', () => {
    const r = gossip.decide(seedVotes, 0.66, { seed: 42 });
    expect(r.decision).toBe('approved');
    expect(r.metadata).toMatchObject({ roundsCompleted: 2, converged: true, agreementRatio: 1 });
    expect(r.votesFor).toBe(7);
    expect(r.votesAgainst).toBe(3);
    expect((r.metadata.history as unknown[])[0]).toEqual({
      round: 0,
      for: 7,
      against: 3,
      abstain: 0,
      agreementRatio: 0.7,
    });
  });

  it('is deterministic per seed; a 7–3 start ends approved in at least 95 % of 200 seeds', () => {
    let approved = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const a = gossip.decide(seedVotes, 0.66, { seed });
      expect(gossip.decide(seedVotes, 0.66, { seed })).toEqual(a);
      if (a.decision === 'approved') approved++;
      expect(a.metadata.roundsCompleted as number).toBeLessThanOrEqual(5);
    }
    // Majority dynamics can still flip a 10-agent swarm by bad luck (about 0.5 % of seeds).
    expect(approved).toBeGreaterThanOrEqual(190);
  });

  it('a tie keeps the own vote: two agents that disagree never move', () => {
    const r = gossip.decide({ a: 'for', b: 'against' }, 0.5, { seed: 3 });
    expect(r.metadata).toMatchObject({ converged: false, roundsCompleted: 5, agreementRatio: 0.5 });
    expect(r.decision).toBe('approved');
    expect(gossip.decide({ a: 'for', b: 'against' }, 0.51, { seed: 3 }).decision).toBe('rejected');
  });

  it('abstainers neither push nor count: 2 for among 10 abstainers converges at once', () => {
    const votes: Record<string, GossipVoteValue> = { a: 'for', b: 'for' };
    for (let i = 0; i < 10; i++) votes[`x${i}`] = 'abstain';
    const r = gossip.decide(votes, 0.66, { seed: 1 });
    expect(r.metadata).toMatchObject({ roundsCompleted: 1, converged: true, agreementRatio: 1 });
    expect(r.decision).toBe('approved');
    expect(gossip.decide({ a: 'abstain', b: 'abstain' }, 0.5, { seed: 1 }).decision).toBe('rejected');
  });

  it('follows the topology: on a path a–b–c, a only ever asks b', () => {
    const contacts: [number, number][] = [];
    const neighbours = { a: ['b'], b: ['a', 'c'], c: ['b'] };
    new GossipProtocol({ fanout: 3, rounds: 2, convergenceThreshold: 1 }).decide(
      { a: 'for', b: 'abstain', c: 'against' },
      0.5,
      { seed: 1, neighbours, onContact: (_r, from, to) => contacts.push([from, to]) },
    );
    expect(contacts.filter(([from]) => from === 0).every(([, to]) => to === 1)).toBe(true);
    // b abstains, so it asks nobody; a and c each ask their single neighbour, twice (a tie never moves).
    expect(contacts).toEqual([
      [0, 1],
      [2, 1],
      [0, 1],
      [2, 1],
    ]);
  });

  it('stubborn agents never change their vote', () => {
    const initial = Int8Array.from([1, 1, 1, 1, -1]);
    const stubborn = Uint8Array.from([0, 0, 0, 0, 1]);
    const out = gossipMajority(initial, { fanout: 4, rounds: 3, convergenceThreshold: 1, rng: new Prng(2), stubborn });
    expect(out.votes[4]).toBe(-1);
    expect(out.converged).toBe(false);
  });

  it('majority dynamics on 20,000 agents with a 60/40 split converge to the majority', () => {
    const rng = new Prng(11);
    const initial = Int8Array.from({ length: 20_000 }, () => (rng.chance(0.6) ? 1 : -1));
    const out = gossipMajority(initial, { fanout: 3, rounds: 30, convergenceThreshold: 0.99, rng });
    expect(out.converged).toBe(true);
    expect(out.history.at(-1)!.for).toBeGreaterThan(19_000);
  });

  it('invalid options and votes are ValidationErrors', () => {
    expect(() => new GossipProtocol({ fanout: 0 })).toThrow(ValidationError);
    expect(() => new GossipProtocol({ convergenceThreshold: 2 })).toThrow(/convergenceThreshold/);
    expect(() => gossip.decide({ a: 'maybe' as GossipVoteValue }, 0.5)).toThrow(/votes\.a/);
  });
});
