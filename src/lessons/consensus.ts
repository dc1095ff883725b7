import { consensusOf, holds, lessonScenario, voters } from './build';
import type { Lesson } from './types';

const decision = (summary: Parameters<typeof consensusOf>[0]) => consensusOf(summary)?.decision;
const quorum = (mode: string) =>
  lessonScenario(
    `Quorum: ${mode}`,
    3,
    { agents: voters('ffffffaaaa'), builder: { kind: 'mesh' } },
    { kind: 'consensus', algorithm: 'quorum', mode },
  );

export const quorumRules: Lesson = {
  id: 'quorum-rules',
  title: 'Majority, supermajority, unanimous',
  summary: 'The same ten votes, three rules, different outcomes.',
  steps: [
    {
      title: 'Simple majority',
      text: 'Ten agents vote on one proposal: six for, four against. Agent 1 asks; the others answer over the network. A simple majority needs more than half of the votes.',
      scenario: quorum('simple'),
      highlight: 'Run',
      observe: {
        text: 'The proposal is approved (6 of 10 is more than half).',
        seen: (s) => decision(s) === 'approved',
      },
      tryThis: [
        'Look at “decidedEarly” in Results: the requester stopped listening once the outcome could not change.',
      ],
    },
    {
      title: 'Supermajority',
      text: 'Same votes, but now at least two thirds must agree. 6/10 = 0.6 is below 2/3.',
      scenario: quorum('supermajority'),
      highlight: 'Quorum',
      observe: { text: 'The proposal is rejected.', seen: (s) => decision(s) === 'rejected' },
      tryThis: ['Change one “against” agent to “for” in the inspector: 7/10 passes 2/3.'],
    },
    {
      title: 'Unanimous',
      text: 'Unanimity gives every agent a veto: the first “against” decides.',
      scenario: quorum('unanimous'),
      highlight: 'Quorum',
      observe: {
        text: 'Rejected, and decided before every vote arrived.',
        seen: (s) => decision(s) === 'rejected' && consensusOf(s)?.metadata.decidedEarly === true,
      },
    },
  ],
};

const weighted = (algorithm: 'quorum' | 'weighted') =>
  lessonScenario(
    `Experts and juniors (${algorithm})`,
    5,
    {
      agents: [
        { id: 'expert-1', label: 'Expert 1', weight: 3, policy: { kind: 'fixed', vote: 'for' } },
        { id: 'expert-2', label: 'Expert 2', weight: 3, policy: { kind: 'fixed', vote: 'for' } },
        { id: 'junior-1', label: 'Junior 1', weight: 1, policy: { kind: 'fixed', vote: 'against' } },
        { id: 'junior-2', label: 'Junior 2', weight: 1, policy: { kind: 'fixed', vote: 'against' } },
        { id: 'junior-3', label: 'Junior 3', weight: 1, policy: { kind: 'fixed', vote: 'against' } },
      ],
      builder: { kind: 'mesh' },
    },
    algorithm === 'quorum'
      ? { kind: 'consensus', algorithm, mode: 'simple' }
      : { kind: 'consensus', algorithm, threshold: 0.6 },
  );

export const weightedExperts: Lesson = {
  id: 'weighted-experts',
  title: 'Weighted experts',
  summary: 'Two experts with weight 3 overrule three juniors with weight 1.',
  steps: [
    {
      title: 'One agent, one vote',
      text: 'Two experts vote for, three juniors against. Counted one vote each, the juniors win 3 to 2.',
      scenario: weighted('quorum'),
      highlight: 'Run',
      observe: { text: 'Rejected by the junior majority.', seen: (s) => decision(s) === 'rejected' },
    },
    {
      title: 'Weighted by expertise',
      text: 'Now each vote counts with the agent’s weight: experts 3, juniors 1. Weight for = 6 of 9 ≈ 0.67, above the 0.6 threshold.',
      scenario: weighted('weighted'),
      highlight: 'Threshold (share of weight)',
      observe: {
        text: 'Approved: the weighted approval is about 0.67.',
        seen: (s) =>
          decision(s) === 'approved' && Math.abs(Number(consensusOf(s)?.metadata.weightedApproval) - 6 / 9) < 1e-9,
      },
      tryThis: ['Raise the threshold to 0.7 and run again.', 'Select an expert and lower its weight to 1.'],
    },
  ],
};

const generals = (n: number) =>
  lessonScenario(
    `${n} generals, a traitorous commander`,
    1,
    { agents: voters('f'.repeat(n), (i) => (i === 0 ? { behaviour: 'equivocate' } : {})), builder: { kind: 'mesh' } },
    { kind: 'consensus', algorithm: 'oral-messages' },
  );

export const byzantineGenerals: Lesson = {
  id: 'byzantine-generals',
  title: 'The Byzantine generals',
  summary: 'With one traitor, three generals cannot agree; four can (oral messages).',
  steps: [
    {
      title: 'Three generals',
      text: 'The commander (agent 1) is a traitor: it tells one lieutenant “attack” and the other “retreat”. With 3 generals, OM(m) can use m = 0 rounds of relaying, so each lieutenant just obeys what it heard.',
      scenario: generals(3),
      highlight: 'Run',
      observe: {
        text: 'The loyal lieutenants decide differently (rule IC1 broken).',
        seen: (s) => (consensusOf(s)?.metadata.violation as { rule?: string } | undefined)?.rule === 'IC1',
      },
    },
    {
      title: 'Four generals',
      text: 'Add one general. Now m = 1: each lieutenant relays what it heard to the others and takes the majority, which exposes the commander’s two stories.',
      scenario: generals(4),
      highlight: 'Run',
      observe: {
        text: 'All three loyal lieutenants decide the same order.',
        seen: (s) =>
          holds(s, 'interactive-consistency') === true &&
          new Set(Object.values((consensusOf(s)?.metadata.decisions as object) ?? {})).size === 1,
      },
      tryThis: ['Make a lieutenant the traitor instead (select agent 4, behaviour “equivocate”; agent 1 “honest”).'],
    },
  ],
};

const broadcast = (bad: number) =>
  lessonScenario(
    `Reliable broadcast, n = 4, ${bad} malicious`,
    5,
    { agents: voters('ffff', (i) => (i >= 4 - bad ? { behaviour: 'equivocate' } : {})), builder: { kind: 'mesh' } },
    { kind: 'consensus', algorithm: 'byzantine', faultTolerance: 1 },
  );

export const threeFPlusOne: Lesson = {
  id: 'three-f-plus-one',
  title: 'Why n ≥ 3f + 1',
  summary: 'Byzantine reliable broadcast holds with f malicious agents and breaks with f + 1.',
  steps: [
    {
      title: 'f = 1 of 4',
      text: 'Four agents run Bracha’s reliable broadcast, built to tolerate f = 1 liar (n = 4 ≥ 3·1 + 1). Agent 4 equivocates: it tells different peers different votes.',
      scenario: broadcast(1),
      highlight: 'Run',
      observe: {
        text: 'Every honest agent reaches the same decision.',
        seen: (s) => holds(s, 'honest-agreement') === true,
      },
    },
    {
      title: 'f + 1 = 2 of 4',
      text: 'Now agents 3 and 4 both equivocate: two liars, but the protocol was sized for one. Find the counterexample in Results → agreement.witnesses: two honest agents decided differently, and the votes they saw differ.',
      scenario: broadcast(2),
      highlight: 'Run',
      observe: {
        text: 'Agreement breaks: honest agents decide differently.',
        seen: (s) => holds(s, 'honest-agreement') === false,
      },
      tryThis: ['Add three honest agents (n = 7) and set fault tolerance to 2: the same two liars are tolerated.'],
    },
  ],
};
