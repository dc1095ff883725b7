import { describe, expect, it } from 'vitest';
import { QuorumAlgorithm } from '../../../src/engine/consensus/quorum';
import type { Vote, VoteType } from '../../../src/engine/consensus/types';
import { ValidationError } from '../../../src/engine/core/errors';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `agent-${i + 1}`);
const votes = (...vs: VoteType[]): Vote[] => vs.map((vote, i) => ({ agentId: `agent-${i + 1}`, vote }));
const decide = (q: QuorumAlgorithm, n: number, vs: Vote[]) =>
  q.evaluate({ proposalId: 'deploy-v2.0', participants: ids(n), votes: vs });

describe('QuorumAlgorithm', () => {
  it('the seed example: simple majority approves deploy-v2.0 and reports the counts', () => {
    const r = decide(new QuorumAlgorithm({ mode: 'simple' }), 5, votes('for', 'for', 'for', 'against', 'abstain'));
    expect(r).toMatchObject({
      proposalId: 'deploy-v2.0',
      decision: 'approved',
      votesFor: 3,
      votesAgainst: 1,
      votesAbstain: 1,
      threshold: 0.5,
      algorithmUsed: 'quorum',
    });
    expect(r.participants).toHaveLength(5);
    expect(r.metadata).toMatchObject({ participationRate: 1, approvalRate: 0.6 });
  });

  it('simple: a tie is rejected, one more vote approves', () => {
    const q = new QuorumAlgorithm({ mode: 'simple' });
    expect(decide(q, 4, votes('for', 'for', 'against', 'against')).decision).toBe('rejected');
    expect(decide(q, 4, votes('for', 'for', 'for', 'against')).decision).toBe('approved');
  });

  it('silence counts as not-for: 3 of 7 voted for, the rest silent', () => {
    const r = decide(new QuorumAlgorithm({ mode: 'simple' }), 7, votes('for', 'for', 'for'));
    expect(r.decision).toBe('rejected');
    expect(r.metadata.participationRate).toBeCloseTo(3 / 7);
  });

  it('supermajority: exactly 2/3 approves, just under rejects', () => {
    const q = new QuorumAlgorithm({ mode: 'supermajority' });
    expect(decide(q, 6, votes('for', 'for', 'for', 'for', 'against', 'against')).decision).toBe('approved');
    expect(decide(q, 7, votes('for', 'for', 'for', 'for', 'against', 'against', 'against')).decision).toBe('rejected');
  });

  it('unanimous can be met (every participant for) and one abstention breaks it', () => {
    const q = new QuorumAlgorithm({ mode: 'unanimous' });
    expect(decide(q, 3, votes('for', 'for', 'for')).decision).toBe('approved');
    expect(decide(q, 3, votes('for', 'for', 'abstain')).decision).toBe('rejected');
    expect(decide(q, 3, votes('for', 'for')).decision).toBe('rejected');
  });

  it('custom threshold: exactly at 0.7 of 10 approves despite 0.7 × 10 = 7.000000000000001', () => {
    const q = new QuorumAlgorithm({ threshold: 0.7 });
    const seven = votes(...Array<VoteType>(7).fill('for'), 'against', 'against', 'against');
    expect(decide(q, 10, seven).decision).toBe('approved');
    expect(decide(q, 10, seven.slice(1)).decision).toBe('rejected');
  });

  it('all abstain is rejected with zero approval', () => {
    const r = decide(new QuorumAlgorithm({ mode: 'simple' }), 3, votes('abstain', 'abstain', 'abstain'));
    expect(r.decision).toBe('rejected');
    expect(r.votesAbstain).toBe(3);
  });

  it('duplicates and non-participants are ignored and reported', () => {
    const vs: Vote[] = [
      { agentId: 'agent-1', vote: 'for' },
      { agentId: 'agent-1', vote: 'for' },
      { agentId: 'agent-1', vote: 'for' },
      { agentId: 'mallory', vote: 'for' },
      { agentId: 'agent-2', vote: 'against' },
    ];
    const r = decide(new QuorumAlgorithm({ mode: 'simple' }), 3, vs);
    expect(r.decision).toBe('rejected');
    expect(r.votesFor).toBe(1);
    expect(r.metadata.ignoredVotes).toEqual([
      { agentId: 'agent-1', vote: 'for', reason: 'duplicate' },
      { agentId: 'agent-1', vote: 'for', reason: 'duplicate' },
      { agentId: 'mallory', vote: 'for', reason: 'not a participant' },
    ]);
  });

  it('rejects invalid thresholds and vote values with a ValidationError naming the field', () => {
    expect(() => new QuorumAlgorithm({ threshold: 0 })).toThrow(ValidationError);
    expect(() => new QuorumAlgorithm({ threshold: 1.5 })).toThrow(/threshold/);
    const bad = [{ agentId: 'agent-1', vote: 'yes' as VoteType }];
    expect(() => decide(new QuorumAlgorithm(), 2, bad)).toThrow(/votes\[0\]\.vote/);
  });
});
