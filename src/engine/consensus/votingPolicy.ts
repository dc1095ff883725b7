import type { VoteType, VotingPolicy } from '../core/agent';
import type { Prng } from '../core/prng';
import type { Proposal } from './types';

/**
 * How an honest agent votes on `proposal` under `policy`. A probability policy
 * always draws exactly one number, so the run's random stream does not depend on
 * which policy each agent has.
 * @example policyVote({ kind: 'rule', field: 'risk', op: '<=', value: 3, then: 'for', otherwise: 'against' }, { risk: 2 }, rng) // 'for'
 */
export function policyVote(policy: VotingPolicy, proposal: Proposal, rng: Prng): VoteType {
  switch (policy.kind) {
    case 'fixed':
      return policy.vote;
    case 'probability': {
      const r = rng.float();
      if (r < policy.pFor) return 'for';
      return r < policy.pFor + (policy.pAbstain ?? 0) ? 'abstain' : 'against';
    }
    case 'rule':
      return compare(proposal[policy.field], policy.op, policy.value) ? policy.then : policy.otherwise;
  }
}

type Op = Extract<VotingPolicy, { kind: 'rule' }>['op'];

/** A missing field or a comparison between different types is false (the rule's `otherwise`). */
function compare(actual: unknown, op: Op, expected: string | number | boolean): boolean {
  if (op === '==') return actual === expected;
  if (op === '!=') return actual !== expected;
  if (typeof actual !== typeof expected || typeof actual === 'boolean') return false;
  const a = actual as string | number;
  switch (op) {
    case '<':
      return a < expected;
    case '<=':
      return a <= expected;
    case '>':
      return a > expected;
    case '>=':
      return a >= expected;
  }
}

/** The opposite of a vote (abstain stays abstain), used by flipping and lying agents. */
export function oppositeVote(v: VoteType): VoteType {
  return v === 'for' ? 'against' : v === 'against' ? 'for' : 'abstain';
}
