import { describe, expect, it } from 'vitest';
import { policyVote } from '../../../src/engine/consensus/votingPolicy';
import { Prng } from '../../../src/engine/core/prng';

describe('policyVote', () => {
  it('fixed', () => {
    expect(policyVote({ kind: 'fixed', vote: 'abstain' }, {}, new Prng(1))).toBe('abstain');
  });

  it('rule on a proposal field; a missing field or a type mismatch gives otherwise', () => {
    const rule = { kind: 'rule', field: 'risk', op: '<=', value: 3, then: 'for', otherwise: 'against' } as const;
    expect(policyVote(rule, { risk: 3 }, new Prng(1))).toBe('for');
    expect(policyVote(rule, { risk: 4 }, new Prng(1))).toBe('against');
    expect(policyVote(rule, {}, new Prng(1))).toBe('against');
    expect(policyVote(rule, { risk: '2' }, new Prng(1))).toBe('against');
    const eq = { kind: 'rule', field: 'action', op: '==', value: 'deploy', then: 'for', otherwise: 'abstain' } as const;
    expect(policyVote(eq, { action: 'deploy' }, new Prng(1))).toBe('for');
  });

  it('probability: frequencies follow pFor and pAbstain, deterministically per seed', () => {
    const policy = { kind: 'probability', pFor: 0.5, pAbstain: 0.2 } as const;
    const rng = new Prng(9);
    const counts = { for: 0, against: 0, abstain: 0 };
    for (let i = 0; i < 20_000; i++) counts[policyVote(policy, {}, rng)]++;
    expect(counts.for / 20_000).toBeCloseTo(0.5, 1);
    expect(counts.abstain / 20_000).toBeCloseTo(0.2, 1);
    const a = Array.from({ length: 10 }, (_, i) => policyVote(policy, {}, new Prng(i)));
    const b = Array.from({ length: 10 }, (_, i) => policyVote(policy, {}, new Prng(i)));
    expect(a).toEqual(b);
  });
});
