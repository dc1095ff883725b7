/** What an agent does when it is not honest. The scenario, the engines and the UI share these names. */
export type MaliciousBehaviour = 'equivocate' | 'flip' | 'silent' | 'random' | 'lie-in-relay' | 'stubborn';
export const MALICIOUS_BEHAVIOURS: readonly MaliciousBehaviour[] = [
  'equivocate',
  'flip',
  'silent',
  'random',
  'lie-in-relay',
  'stubborn',
];
export type Behaviour = 'honest' | MaliciousBehaviour;

export type VoteType = 'for' | 'against' | 'abstain';

/**
 * How an honest agent votes on a proposal: always the same, at random, or by a
 * rule on one of the proposal's fields (`risk <= 3` ⇒ for, else against).
 */
export type VotingPolicy =
  | { kind: 'fixed'; vote: VoteType }
  | { kind: 'probability'; pFor: number; pAbstain?: number }
  | {
      kind: 'rule';
      field: string;
      op: '==' | '!=' | '<' | '<=' | '>' | '>=';
      value: string | number | boolean;
      then: VoteType;
      otherwise: VoteType;
    };

/** One simulated node of the swarm. Its position in `SwarmCoordinator.agents` is its network address. */
export interface Agent {
  id: string;
  label: string;
  weight: number;
  capabilities: string[];
  behaviour: Behaviour;
  policy: VotingPolicy;
  /** Pinned layout position, kept in the scenario. */
  position?: { x: number; y: number };
}

export const DEFAULT_POLICY: VotingPolicy = { kind: 'fixed', vote: 'for' };

export function isMalicious(agent: Agent): boolean {
  return agent.behaviour !== 'honest';
}
