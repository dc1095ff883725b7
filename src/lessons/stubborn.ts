import { consensusOf, lessonScenario, voters } from './build';
import type { Lesson } from './types';

/** 40 agents, 24 for and 16 against; the first `stubborn` of the 16 never change their mind. */
const swarm = (stubborn: number) =>
  lessonScenario(
    stubborn === 0 ? 'Majority gossip, no stubborn agents' : `Majority gossip, ${stubborn} stubborn agents`,
    1,
    {
      agents: voters(`${'a'.repeat(16)}${'f'.repeat(24)}`, (i) => (i < stubborn ? { behaviour: 'stubborn' } : {})),
      builder: { kind: 'mesh' },
    },
    { kind: 'consensus', algorithm: 'gossip', fanout: 2, rounds: 60, convergenceThreshold: 1, threshold: 0.5 },
  );

const decision = (summary: Parameters<typeof consensusOf>[0]) => consensusOf(summary)?.decision;

export const stubbornGossip: Lesson = {
  id: 'stubborn-gossip',
  title: 'Stubborn agents in majority gossip',
  summary: 'A fifth of the swarm that never changes its mind overturns a 60 % majority.',
  steps: [
    {
      title: 'An honest majority wins',
      text: 'Forty agents gossip their votes: 24 for, 16 against. Each round every agent asks two random peers and adopts the strict majority of their votes and its own, so the majority spreads and the swarm ends up agreeing on it.',
      scenario: swarm(0),
      highlight: 'Run',
      observe: { text: 'The swarm approves: the 60 % majority won.', seen: (s) => decision(s) === 'approved' },
      tryThis: ['Open the Spread tab: agreement climbs to 100 % within a few rounds.'],
    },
    {
      title: 'Eight who never listen',
      text: 'Now 8 of the 16 “against” agents are stubborn: they answer with their vote but never adopt anyone else’s. Each honest “for” agent that meets two of them flips; nobody can flip them back. A fifth of the swarm is enough.',
      scenario: swarm(8),
      highlight: 'Run',
      observe: {
        text: 'The swarm rejects: the stubborn minority overturned the majority.',
        seen: (s) => decision(s) === 'rejected',
      },
      tryThis: [
        'Make only four of them stubborn (select, then choose the behaviour in the inspector) and try a few seeds: some runs hold, some fall.',
        'Raise the fanout to 3: an agent then needs three opposing peers to flip, and the stubborn agents lose their grip.',
      ],
    },
  ],
};
