import { describe, expect, it } from 'vitest';
import { findCounterexample } from '../../../../src/engine/consensus/counterexample';
import type { RaftPropertyName, RaftSummary, RaftTeaching } from '../../../../src/engine/consensus/raft';
import { runCase, teachingCase } from './scenarios';

/** The seed budget within which the search must find each broken rule's violation. */
const BUDGET = 500;
/** Seeds the same search runs with the rule kept, finding nothing (the rule is what protects). */
const KEPT = process.env.FULL === '1' ? BUDGET : 100;

function search(teaching: Partial<RaftTeaching>, properties: readonly RaftPropertyName[], maxSeeds: number) {
  return findCounterexample({
    run: (seed) => runCase(seed, teachingCase(seed, teaching)).summary,
    violation: (s: RaftSummary) => s.properties.find((p) => !p.held && properties.includes(p.name)),
    maxSeeds,
  });
}

const RULES: {
  rule: string;
  broken: Partial<RaftTeaching>;
  kept: Partial<RaftTeaching>;
  breaks: RaftPropertyName[];
}[] = [
  {
    rule: 'RequestVote without the up-to-date check',
    broken: { skipUpToDateCheck: true },
    kept: {},
    breaks: ['leaderCompleteness', 'stateMachineSafety'],
  },
  {
    rule: 'committing an entry of an earlier term by counting replicas (Figure 8)',
    broken: { commitPreviousTermsByCounting: true },
    kept: {},
    breaks: ['leaderCompleteness', 'stateMachineSafety'],
  },
  {
    rule: 'a voter that votes twice in a term',
    broken: { doubleVoter: 'agent-1' },
    kept: {},
    breaks: ['electionSafety'],
  },
];

describe('raft teaching switches: the seed search finds what each broken rule breaks', () => {
  for (const { rule, broken, kept, breaks } of RULES) {
    it(`${rule}: a violation within ${BUDGET} seeds, with witnesses; none with the rule kept`, () => {
      const found = search(broken, breaks, BUDGET);
      expect(found.found).toBe(true);
      if (!found.found) return;
      const w = found.violation.witness;
      expect(breaks).toContain(found.violation.name);
      expect(w?.agents.length).toBeGreaterThanOrEqual(2);
      expect(w?.terms.length).toBeGreaterThanOrEqual(1);
      // The same seed without the switch is safe: the rule, not the schedule, made the difference.
      const same = runCase(found.seed, teachingCase(found.seed, kept)).summary;
      expect(same.safe).toBe(true);
      expect(search(kept, breaks, KEPT)).toMatchObject({ found: false, tried: KEPT });
    });
  }

  // Pinned: the first seed each search finds, and what it shows (a change that moves them is worth a look).
  const PINNED: [Partial<RaftTeaching>, number, string][] = [
    [
      { skipUpToDateCheck: true },
      2,
      'agent-3 committed the entry at index 2 (of term 1) in term 1, but agent-2 became leader of term 4 without it',
    ],
    [
      { commitPreviousTermsByCounting: true },
      5,
      'agent-2 committed the entry at index 1 (of term 1) in term 4, but agent-1 became leader of term 8 without it',
    ],
    [
      { doubleVoter: 'agent-1' },
      6,
      'two leaders in term 8: agent-1 (votes of agent-1, agent-3) and agent-2 (votes of agent-1, agent-2)',
    ],
  ];
  for (const [teaching, seed, explanation] of PINNED) {
    it(`pinned seed ${seed} with ${JSON.stringify(teaching)}: ${explanation}`, () => {
      const { summary } = runCase(seed, teachingCase(seed, teaching));
      expect(summary.properties.find((p) => !p.held)?.witness?.explanation).toBe(explanation);
    });
  }
});
