import { describe, expect, it } from 'vitest';
import type { Vote } from '../../../src/engine/consensus/types';
import { WeightedAlgorithm } from '../../../src/engine/consensus/weighted';
import { ValidationError } from '../../../src/engine/core/errors';

const experts = ['expert-1', 'expert-2', 'junior-1'];
const seedWeights = { 'expert-1': 2.0, 'expert-2': 1.5, 'junior-1': 1.0 };
const w = new WeightedAlgorithm({ threshold: 0.6, agentWeights: seedWeights });
const run = (votes: Vote[], alg = w, participants = experts) => alg.evaluate({ proposalId: 'p', participants, votes });

describe('WeightedAlgorithm (the seed example: expert weights 2.0, 1.5, 1.0, threshold 0.6)', () => {
  it('both experts for: 3.5 of 4.5 ≥ 2.7 approves', () => {
    const r = run([
      { agentId: 'expert-1', vote: 'for' },
      { agentId: 'expert-2', vote: 'for' },
      { agentId: 'junior-1', vote: 'against' },
    ]);
    expect(r.decision).toBe('approved');
    expect(r.metadata).toMatchObject({ totalWeight: 4.5, weightFor: 3.5, weightAgainst: 1 });
  });

  it('expert-2 and the junior for: 2.5 < 2.7 rejects although they are the majority of heads', () => {
    const r = run([
      { agentId: 'expert-1', vote: 'against' },
      { agentId: 'expert-2', vote: 'for' },
      { agentId: 'junior-1', vote: 'for' },
    ]);
    expect(r.decision).toBe('rejected');
    expect(r.votesFor).toBe(2);
  });

  it('exactly at the threshold approves: weights 3 and 2, threshold 0.6, 3 for', () => {
    const alg = new WeightedAlgorithm({ threshold: 0.6, agentWeights: { a: 3, b: 2 } });
    expect(run([{ agentId: 'a', vote: 'for' }], alg, ['a', 'b']).decision).toBe('approved');
    expect(run([{ agentId: 'b', vote: 'for' }], alg, ['a', 'b']).decision).toBe('rejected');
  });

  it('weight falls back to the vote, then the swarm, then 1', () => {
    const alg = new WeightedAlgorithm({ threshold: 0.5 });
    const votes: Vote[] = [
      { agentId: 'a', vote: 'for', weight: 4 },
      { agentId: 'b', vote: 'against' },
    ];
    const r = alg.evaluate({
      proposalId: 'p',
      participants: ['a', 'b', 'c'],
      votes,
      swarmWeight: (id) => (id === 'b' ? 2 : undefined),
    });
    expect(r.metadata).toMatchObject({ totalWeight: 7, weightFor: 4, weightAgainst: 2 });
    expect(r.decision).toBe('approved');
  });

  it('silent participants still count in the total weight', () => {
    expect(run([{ agentId: 'expert-1', vote: 'for' }]).decision).toBe('rejected');
  });

  it('duplicates cannot add weight', () => {
    const dup = Array.from({ length: 5 }, () => ({ agentId: 'junior-1', vote: 'for' as const }));
    const r = run(dup);
    expect(r.metadata.weightFor).toBe(1);
    expect(r.metadata.ignoredVotes).toHaveLength(4);
  });

  it('a weight that is not a finite number > 0 is a ValidationError', () => {
    expect(() => new WeightedAlgorithm({ agentWeights: { a: 0 } })).toThrow(ValidationError);
    expect(() => new WeightedAlgorithm({ agentWeights: { a: Number.NaN } })).toThrow(/agentWeights\.a/);
    const alg = new WeightedAlgorithm();
    expect(() => run([{ agentId: 'a', vote: 'for', weight: -1 }], alg, ['a'])).toThrow(ValidationError);
  });
});
