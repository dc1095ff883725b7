import { describe, expect, it } from 'vitest';
import { ByzantineConsensus } from '../../../src/engine/consensus/byzantine';
import type { Vote } from '../../../src/engine/consensus/types';
import { ValidationError } from '../../../src/engine/core/errors';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `agent-${i + 1}`);

describe('ByzantineConsensus.decide', () => {
  it('the seed example: f = 1, 4 agents, 3 for + 1 against ⇒ approved, nobody flagged for dissent', () => {
    const byz = new ByzantineConsensus({ faultTolerance: 1, numRounds: 3 });
    const id = byz.propose({ action: 'critical_update' }, ids(4));
    const r = byz.decide(id, [
      { agentId: 'agent-1', vote: 'for' },
      { agentId: 'agent-2', vote: 'for' },
      { agentId: 'agent-3', vote: 'for' },
      { agentId: 'agent-4', vote: 'against' },
    ]);
    expect(r.decision).toBe('approved');
    expect(r.metadata).toMatchObject({
      faultTolerance: 1,
      minParticipants: 4,
      agreementThreshold: 3,
      maliciousDetected: 0,
      maliciousAgents: [],
      numRounds: 3,
      byzantineSafe: true,
    });
  });

  it('n = 3f+1 is accepted and n = 3f is refused with the size message', () => {
    const byz = new ByzantineConsensus({ faultTolerance: 2 });
    expect(() => byz.propose({}, ids(7))).not.toThrow();
    expect(() => byz.propose({}, ids(6))).toThrow(ValidationError);
    expect(() => byz.propose({}, ids(5))).toThrow('Byzantine consensus with f=2 needs at least 7 participants, got 5');
  });

  it('exactly 2f+1 for approves, 2f rejects', () => {
    const byz = new ByzantineConsensus({ faultTolerance: 2 });
    const id = byz.propose({ proposalId: 'x' }, ids(7));
    expect(id).toBe('x');
    const five = ids(5).map((agentId) => ({ agentId, vote: 'for' as const }));
    expect(byz.decide(id, five).decision).toBe('approved');
    expect(byz.decide(id, five.slice(1)).decision).toBe('rejected');
  });

  it('a vote changed between rounds flags the agent and excludes all its votes', () => {
    const byz = new ByzantineConsensus({ faultTolerance: 1 });
    const id = byz.propose({}, ids(4));
    const round = (v4: 'for' | 'against'): Vote[] => [
      { agentId: 'agent-1', vote: 'for' },
      { agentId: 'agent-2', vote: 'for' },
      { agentId: 'agent-3', vote: 'against' },
      { agentId: 'agent-4', vote: v4 },
    ];
    const r = byz.decide(id, [round('for'), round('against'), round('for')]);
    expect(r.decision).toBe('rejected');
    expect(r.votesFor).toBe(2);
    expect(r.metadata.maliciousAgents).toEqual(['agent-4']);
    expect(r.metadata.flags).toEqual([
      {
        agentId: 'agent-4',
        reason: 'vote changed between rounds',
        votes: [
          { round: 1, vote: 'for' },
          { round: 2, vote: 'against' },
          { round: 3, vote: 'for' },
        ],
      },
    ]);
  });

  it('different votes to different peers in one round is equivocation', () => {
    const byz = new ByzantineConsensus({ faultTolerance: 1 });
    const id = byz.propose({}, ids(4));
    const r = byz.decide(id, [
      { agentId: 'agent-1', vote: 'for' },
      { agentId: 'agent-2', vote: 'for' },
      { agentId: 'agent-3', vote: 'for' },
      { agentId: 'agent-4', vote: 'for', to: 'agent-1' },
      { agentId: 'agent-4', vote: 'against', to: 'agent-2' },
    ]);
    expect(r.decision).toBe('approved');
    expect(r.metadata.flags).toMatchObject([{ agentId: 'agent-4', reason: 'different votes to different peers' }]);
  });

  it('duplicate identical votes do not count twice; non-participants are ignored', () => {
    const byz = new ByzantineConsensus({ faultTolerance: 1 });
    const id = byz.propose({}, ids(4));
    const r = byz.decide(id, [
      { agentId: 'agent-1', vote: 'for' },
      { agentId: 'agent-1', vote: 'for' },
      { agentId: 'agent-1', vote: 'for' },
      { agentId: 'outsider', vote: 'for' },
      { agentId: 'agent-2', vote: 'for' },
    ]);
    expect(r.decision).toBe('rejected');
    expect(r.votesFor).toBe(2);
    expect(r.metadata.ignoredVotes).toEqual([{ agentId: 'outsider', vote: 'for', reason: 'not a participant' }]);
  });

  it('more than f flagged agents makes the result not byzantineSafe', () => {
    const byz = new ByzantineConsensus({ faultTolerance: 1 });
    const id = byz.propose({}, ids(4));
    const r = byz.decide(id, [
      [
        { agentId: 'agent-1', vote: 'for' },
        { agentId: 'agent-2', vote: 'for' },
      ],
      [
        { agentId: 'agent-1', vote: 'against' },
        { agentId: 'agent-2', vote: 'against' },
      ],
    ]);
    expect(r.metadata).toMatchObject({ maliciousDetected: 2, byzantineSafe: false });
  });

  it('an unknown proposal id is a ValidationError', () => {
    expect(() => new ByzantineConsensus().decide('nope', [])).toThrow(/proposalId/);
  });
});
