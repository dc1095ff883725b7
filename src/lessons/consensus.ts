import { type RunSummary, resultOf } from '../worker/protocol';
import { agentRange, consensusOf, count, holds, lessonScenario, metaNumber, names, voters, witnessesOf } from './build';
import type { Lesson } from './types';

const decision = (summary: RunSummary) => consensusOf(summary)?.decision;
const quorum = (mode: string) =>
  lessonScenario(
    `Quorum: ${mode}`,
    3,
    { agents: voters('ffffffaaaa'), builder: { kind: 'mesh' } },
    { kind: 'consensus', algorithm: 'quorum', mode },
  );

/** Who decided what, when, on which votes, and whether the requester stopped listening early: the run's own tally. */
function tally(s: RunSummary): string | null {
  const r = consensusOf(s);
  if (!r) return null;
  const requester = typeof r.metadata.requester === 'string' ? r.metadata.requester : 'the requester';
  const abstained = r.votesAbstain > 0 ? `, ${r.votesAbstain} abstaining` : '';
  const silent = metaNumber(s, 'silent');
  const missing = silent === undefined ? 'votes' : `${silent} ${silent === 1 ? 'vote' : 'votes'}`;
  const end =
    r.metadata.decidedEarly === true
      ? `it stopped listening with ${missing} still to come, which could not change the outcome.`
      : 'it waited for every vote.';
  return `Your run: ${requester} decided “${r.decision}” at ${count(r.durationMs)} ms, having heard ${r.votesFor} for and ${r.votesAgainst} against${abstained} of ${r.participants.length} agents; ${end}`;
}

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
      focus: {
        look: 'agent-1, outlined on the stage, asks; watch the votes fly back to it, then show the moment it decides.',
        agents: ['agent-1'],
        messages: ['vote'],
        moment: 'decision',
      },
      observe: {
        text: 'The proposal is approved: six of ten is more than half.',
        seen: (s) => decision(s) === 'approved',
        measured: tally,
      },
      tryThis: ['Select agent-6 and change its vote to “against” in the inspector: five of ten is not more than half.'],
    },
    {
      title: 'Supermajority',
      text: 'Same votes, but now at least two thirds must agree, and six of ten is less than two thirds.',
      scenario: quorum('supermajority'),
      highlight: 'Quorum',
      focus: {
        look: 'The six “for” voters, agent-1 to agent-6, are outlined: fewer than two thirds of the ten.',
        agents: agentRange(1, 6),
      },
      observe: { text: 'The proposal is rejected.', seen: (s) => decision(s) === 'rejected', measured: tally },
      tryThis: ['Change one “against” agent to “for” in the inspector: seven of ten passes two thirds.'],
    },
    {
      title: 'Unanimous',
      text: 'Unanimity gives every agent a veto: the first “against” decides.',
      scenario: quorum('unanimous'),
      highlight: 'Quorum',
      focus: {
        look: 'The four “against” voters, agent-7 to agent-10, are outlined: the first of their votes to reach agent-1 decides. Show the moment of the decision and see how many votes were still on their way.',
        agents: agentRange(7, 10),
        moment: 'decision',
      },
      observe: {
        text: 'Rejected, and decided before every vote arrived.',
        seen: (s) => decision(s) === 'rejected' && consensusOf(s)?.metadata.decidedEarly === true,
        measured: tally,
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

/** The weight each side had gathered when the requester decided, against the threshold: the run's own. */
function weighed(s: RunSummary): string | null {
  const r = consensusOf(s);
  const [forW, againstW, total] = ['weightFor', 'weightAgainst', 'totalWeight'].map((k) => metaNumber(s, k));
  if (!r || forW === undefined || againstW === undefined || total === undefined) return null;
  const side = forW / total > r.threshold ? 'more' : 'no more';
  return `Your run: when ${String(r.metadata.requester)} decided “${r.decision}” at ${count(r.durationMs)} ms, weight ${count(forW)} had voted for and ${count(againstW)} against, of ${count(total)} in all: ${side} than the ${r.threshold} threshold.`;
}

export const weightedExperts: Lesson = {
  id: 'weighted-experts',
  title: 'Weighted experts',
  summary: 'Two experts with weight 3 overrule three juniors with weight 1.',
  steps: [
    {
      title: 'One agent, one vote',
      text: 'Two experts vote for, three juniors against. Counted one vote each, the juniors win three to two.',
      scenario: weighted('quorum'),
      highlight: 'Run',
      focus: {
        look: 'The three juniors are outlined: one vote each, and there are more of them.',
        agents: ['junior-1', 'junior-2', 'junior-3'],
      },
      observe: { text: 'Rejected by the junior majority.', seen: (s) => decision(s) === 'rejected', measured: tally },
    },
    {
      title: 'Weighted by expertise',
      text: 'Now each vote counts with the agent’s weight: experts 3, juniors 1. The experts’ weight is 6 of 9, about two thirds, above the 0.6 threshold.',
      scenario: weighted('weighted'),
      highlight: 'Threshold (share of weight)',
      focus: {
        look: 'The two experts are outlined: weight 3 each against the juniors’ 1.',
        agents: ['expert-1', 'expert-2'],
      },
      observe: {
        text: 'Approved: the experts’ weight carries it.',
        seen: (s) =>
          decision(s) === 'approved' && Math.abs(Number(consensusOf(s)?.metadata.weightedApproval) - 6 / 9) < 1e-9,
        measured: weighed,
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

/** Each lieutenant's order in the learner's run, grouped: “agent-2 decided retreat, agent-3 decided attack”. */
function orders(s: RunSummary): string | null {
  const decisions = consensusOf(s)?.metadata.decisions;
  if (!decisions || typeof decisions !== 'object') return null;
  const byOrder = new Map<string, string[]>();
  for (const [agent, order] of Object.entries(decisions as Record<string, string>))
    byOrder.set(order, [...(byOrder.get(order) ?? []), agent]);
  const said = [...byOrder].map(([order, who]) =>
    who.length === 1 ? `${who[0]} decided ${order}` : `${names(who)} all decided ${order}`,
  );
  const messages = metaNumber(s, 'messages');
  return `Your run: ${said.join(', ')}${messages === undefined ? '' : `, after ${messages} messages`}.`;
}

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
      focus: {
        look: 'The traitorous commander, agent-1, is outlined: watch its two orders leave. After the run the two lieutenants who decided differently are outlined too.',
        agents: ['agent-1'],
        fromRun: (s) => witnessesOf(s, 'interactive-consistency').map((w) => w.agentId),
        messages: ['om-order'],
      },
      observe: {
        text: 'The loyal lieutenants decide differently: interactive consistency is broken.',
        seen: (s) => (consensusOf(s)?.metadata.violation as { rule?: string } | undefined)?.rule === 'IC1',
        measured: orders,
      },
    },
    {
      title: 'Four generals',
      text: 'Add one general. Now m = 1: each lieutenant relays what it heard to the others and takes the majority, which exposes the commander’s two stories.',
      scenario: generals(4),
      highlight: 'Run',
      focus: {
        look: 'The commander, agent-1, is outlined: after its orders, watch the second wave, the lieutenants relaying to each other.',
        agents: ['agent-1'],
        messages: ['om-order', 'om-relay'],
      },
      observe: {
        text: 'All three loyal lieutenants decide the same order.',
        seen: (s) =>
          holds(s, 'interactive-consistency') === true &&
          new Set(Object.values((consensusOf(s)?.metadata.decisions as object) ?? {})).size === 1,
        measured: orders,
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

const agreementOf = (s: RunSummary) => resultOf(s, 'consensus')?.agreement;

/** What the honest agents decided in the learner's run, and, when they disagree, the votes they saw differently. */
function honestOutcome(s: RunSummary): string | null {
  const a = agreementOf(s);
  if (!a) return null;
  const sides = [
    a.approved.length ? `${names(a.approved)} approved` : '',
    a.rejected.length ? `${names(a.rejected)} rejected` : '',
    a.undecided.length ? `${names(a.undecided)} never decided` : '',
  ].filter(Boolean);
  const head = `Your run: of the honest agents, ${sides.join('; ')}, after ${count(s.messages)} messages.`;
  const w = a.witnesses;
  if (!w) return head;
  const saw = (side: 'approvedSide' | 'rejectedSide') =>
    w.differingVotes.map((d) => `“${d[side] ?? 'nothing'}” from ${d.owner}`).join(' and ');
  return `${head} ${w.approvedBy} delivered ${saw('approvedSide')}; ${w.rejectedBy} delivered ${saw('rejectedSide')}.`;
}

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
      focus: {
        look: 'The liar, agent-4, is outlined: its messages carry “for” to some peers and “against” to others.',
        agents: ['agent-4'],
      },
      observe: {
        text: 'Every honest agent reaches the same decision.',
        seen: (s) => holds(s, 'honest-agreement') === true,
        measured: honestOutcome,
      },
    },
    {
      title: 'f + 1 = 2 of 4',
      text: 'Now agents 3 and 4 both equivocate: two liars, but the protocol was sized for one. After the run, the two honest agents that decided differently are outlined on the stage, and the panel names the votes each of them delivered.',
      scenario: broadcast(2),
      highlight: 'Run',
      focus: {
        look: 'The two liars, agent-3 and agent-4, are outlined; after the run, so are the two honest agents that disagree.',
        agents: ['agent-3', 'agent-4'],
        fromRun: (s) => {
          const w = agreementOf(s)?.witnesses;
          return w ? [w.approvedBy, w.rejectedBy] : [];
        },
      },
      observe: {
        text: 'Agreement breaks: honest agents decide differently.',
        seen: (s) => holds(s, 'honest-agreement') === false,
        measured: honestOutcome,
      },
      tryThis: ['Add three honest agents (n = 7) and set fault tolerance to 2: the same two liars are tolerated.'],
    },
  ],
};
