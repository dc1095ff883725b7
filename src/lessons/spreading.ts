import { type RunSummary, resultOf } from '../worker/protocol';
import { lessonScenario } from './build';
import type { Lesson } from './types';

const rumor = (n: number) =>
  lessonScenario(
    `Push-pull rumor, ${n.toLocaleString('en-US')} agents`,
    5,
    { agentCount: 1, builder: { kind: 'mesh' } },
    { kind: 'rumor', mode: 'push-pull', agentCount: n },
  );

/** log₂ n + ln n: the push rumor bound (Frieze–Grimmett, Pittel); push-pull does better. */
const bound = (n: number) => Math.log2(n) + Math.log(n);

const within = (n: number) => (s: RunSummary) => {
  const r = resultOf(s, 'rumor');
  return r !== undefined && r.agents === n && r.allInformed && r.rounds <= bound(n);
};

export const gossipLogN: Lesson = {
  id: 'gossip-log-n',
  title: 'Gossip spreads in O(log n) rounds',
  summary: 'Multiply the swarm by 100 and the rumor needs only a few more rounds.',
  steps: [
    {
      title: '1,000 agents',
      text: 'Each round every agent calls one random agent; informed callers push the rumor, uninformed ones pull it. The Results show informedPerRound: slow start, explosive middle, quick finish.',
      scenario: rumor(1_000),
      highlight: 'Run',
      observe: {
        text: `Everyone is informed within log₂n + ln n ≈ ${bound(1_000).toFixed(1)} rounds.`,
        seen: within(1_000),
      },
    },
    {
      title: '10,000 agents',
      text: 'Ten times more agents. Rounds grow with log n, not with n: a few more, not ten times more.',
      scenario: rumor(10_000),
      highlight: 'Aggregate agents (no topology; blank = the swarm)',
      observe: { text: `All informed within ≈ ${bound(10_000).toFixed(1)} rounds.`, seen: within(10_000) },
    },
    {
      title: '100,000 agents',
      text: 'A hundred times the first swarm. Compare informedPerRound with meanField, the expected curve: slow start, explosive middle, quick finish.',
      scenario: rumor(100_000),
      highlight: 'Aggregate agents (no topology; blank = the swarm)',
      observe: { text: `All informed within ≈ ${bound(100_000).toFixed(1)} rounds.`, seen: within(100_000) },
      tryThis: [
        'Set the aggregate agents to 1,000,000: still only a few more rounds.',
        'Switch the mode to “push”: the end phase slows down.',
        'Raise the fanout to 3.',
      ],
    },
  ],
};
