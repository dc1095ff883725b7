import type { RunSummary } from '../worker/protocol';
import { agentRange, consensusOf, lessonScenario, metaNumber, voters } from './build';
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

const decision = (summary: RunSummary) => consensusOf(summary)?.decision;

interface Tally {
  round: number;
  for: number;
  against: number;
}

/** The swarm's votes at the start and at the end of the learner's run, and the outcome. */
function drift(s: RunSummary): string | null {
  const history = consensusOf(s)?.metadata.history as Tally[] | undefined;
  const first = history?.[0];
  const last = history?.at(-1);
  if (!first || !last) return null;
  const rounds = metaNumber(s, 'roundsCompleted') ?? last.round;
  return `Your run: ${first.for} for and ${first.against} against at the start; after ${rounds} rounds ${last.for} for and ${last.against} against, so the swarm decided “${decision(s)}”.`;
}

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
      focus: {
        look: 'The sixteen “against” voters, agent-1 to agent-16, are outlined: watch them change colour as they adopt the majority.',
        agents: agentRange(1, 16),
      },
      observe: {
        text: 'The swarm approves: the majority won.',
        seen: (s) => decision(s) === 'approved',
        measured: drift,
      },
      tryThis: ['Open the Spread tab: agreement climbs to everyone within a few rounds.'],
    },
    {
      title: 'Eight who never listen',
      text: 'Now 8 of the 16 “against” agents are stubborn: they answer with their vote but never adopt anyone else’s. Each honest “for” agent that meets two of them flips; nobody can flip them back. A fifth of the swarm is enough.',
      scenario: swarm(8),
      highlight: 'Run',
      focus: {
        look: 'The eight stubborn agents, agent-1 to agent-8, are outlined: they never change colour, and the swarm turns towards them.',
        agents: agentRange(1, 8),
      },
      observe: {
        text: 'The swarm rejects: the stubborn minority overturned the majority.',
        seen: (s) => decision(s) === 'rejected',
        measured: drift,
      },
      tryThis: [
        'Make only four of them stubborn (select, then choose the behaviour in the inspector) and try a few seeds: some runs hold, some fall.',
        'Raise the fanout to 3: an agent then needs three opposing peers to flip, and the stubborn agents lose their grip.',
      ],
    },
  ],
};
