import { type RunSummary, resultOf } from '../worker/protocol';
import { count, holds, lessonScenario } from './build';
import type { Lesson } from './types';

const rumor = (n: number) =>
  lessonScenario(
    `Push-pull rumor, ${n.toLocaleString('en-US')} agents`,
    5,
    { agentCount: 1, builder: { kind: 'mesh' } },
    { kind: 'rumor', mode: 'push-pull', agentCount: n },
  );

/** Everyone informed, within the rounds the run's own mode allows (its property's bound: push-pull's is not push's). */
const within = (n: number) => (s: RunSummary) => {
  const r = resultOf(s, 'rumor');
  return r !== undefined && r.agents === n && r.allInformed && holds(s, 'all-informed') === true;
};

/**
 * The learner's run against the expectation for the mode it ran: rounds taken, the round the
 * expected (mean-field) curve of that mode reaches everyone, and the bound its check allowed.
 */
export function spread(s: RunSummary): string | null {
  const r = resultOf(s, 'rumor');
  if (!r) return null;
  const live = r.agents - r.crashed;
  const outcome = r.allInformed
    ? `all ${count(r.agents)} agents were informed after ${r.rounds} rounds`
    : `${count(r.informed)} of ${count(r.agents)} agents were informed after ${r.rounds} rounds`;
  const halfway = r.informedPerRound.findIndex((x) => 2 * x >= live);
  const half = halfway > 0 ? `, half of them by round ${halfway}` : '';
  const expectedAt = r.meanField.findIndex((x) => x >= live - 0.5);
  const expected =
    expectedAt >= 0
      ? `the expected curve for ${r.mode} reaches everyone in ${expectedAt} rounds`
      : `the expected curve for ${r.mode} had not reached everyone by then`;
  const bound = s.properties.find((p) => p.id === 'all-informed')?.roundBound;
  const allowed = bound === undefined ? '' : `; the check allows ${bound} rounds for ${r.mode} at this size`;
  const calls = `${r.fanout} ${r.fanout === 1 ? 'call' : 'calls'} per agent a round`;
  return `Your run (${r.mode}, ${calls}): ${outcome}${half}; ${expected}${allowed}.`;
}

const watch = {
  look: 'No links are drawn for a population this big: the stage lights one cell per informed agent, round by round, beside the curve of your run (solid) and the expected one (dashed).',
  moment: 'end',
} as const;

export const gossipLogN: Lesson = {
  id: 'gossip-log-n',
  title: 'Gossip spreads in O(log n) rounds',
  summary: 'Multiply the swarm by 100 and the rumor needs only a few more rounds.',
  steps: [
    {
      title: '1,000 agents',
      text: 'Each round every agent calls one random agent; informed callers push the rumor, uninformed ones pull it. With both, a rumor needs about log₃ n rounds plus a few (push alone needs about log₂ n + ln n): slow start, explosive middle, quick finish.',
      scenario: rumor(1_000),
      highlight: 'Run',
      focus: watch,
      observe: {
        text: 'Everyone is informed within the few rounds push-pull needs.',
        seen: within(1_000),
        measured: spread,
      },
    },
    {
      title: '10,000 agents',
      text: 'Ten times more agents. Rounds grow with log n, not with n: a few more, not ten times more.',
      scenario: rumor(10_000),
      highlight: 'Aggregate agents (no topology; blank = the swarm)',
      focus: watch,
      observe: {
        text: 'All informed, only a few rounds later than with a thousand.',
        seen: within(10_000),
        measured: spread,
      },
    },
    {
      title: '100,000 agents',
      text: 'A hundred times the first swarm. On the stage, compare your run’s curve with the dashed expected one, round by round: slow start, explosive middle, quick finish.',
      scenario: rumor(100_000),
      highlight: 'Aggregate agents (no topology; blank = the swarm)',
      focus: watch,
      observe: {
        text: 'All informed, still within a handful of rounds more than with a thousand.',
        seen: within(100_000),
        measured: spread,
      },
      tryThis: [
        'Set the aggregate agents to 1,000,000: still only a few more rounds.',
        'Switch the mode to “push”: the end phase slows down, and the expected rounds grow to about log₂ n + ln n.',
        'Raise the fanout to 3.',
      ],
    },
  ],
};
