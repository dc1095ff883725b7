import { lessonScenario, resultAt } from './build';
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

const within = (n: number) => (s: Parameters<typeof resultAt>[0]) =>
  resultAt(s, 'agents') === n && resultAt(s, 'allInformed') === true && Number(resultAt(s, 'rounds')) <= bound(n);

export const gossipLogN: Lesson = {
  id: 'gossip-log-n',
  title: 'Gossip spreads in O(log n) rounds',
  summary: 'Multiply the swarm by 1,000 and the rumor needs only a few more rounds.',
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
      title: '100,000 agents',
      text: 'A hundred times more agents. Rounds grow with log n, not with n.',
      scenario: rumor(100_000),
      highlight: 'Aggregate agents (no topology; blank = the swarm)',
      observe: { text: `All informed within ≈ ${bound(100_000).toFixed(1)} rounds.`, seen: within(100_000) },
    },
    {
      title: '1,000,000 agents',
      text: 'A million agents, in the worker, in about a second. Compare informedPerRound with meanField, the expected curve.',
      scenario: rumor(1_000_000),
      highlight: 'Run',
      observe: { text: `All informed within ≈ ${bound(1_000_000).toFixed(1)} rounds.`, seen: within(1_000_000) },
      tryThis: ['Switch the mode to “push”: the end phase slows down.', 'Raise the fanout to 3.'],
    },
  ],
};
