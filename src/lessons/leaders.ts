/**
 * Leader-based consensus: Raft elects a leader, splits votes and tries again, keeps a leader cut
 * off in a minority from committing, and breaks when a rule is broken (Figure 8, a double vote);
 * PBFT changes view when its primary is faulty, and breaks with quorums too small. Every
 * observation is checked on the learner's own run and quotes its numbers.
 */
import { scheduledCommands } from '../store/consensus/leaderRunDraft';
import type { ScenarioDraft } from '../store/scenarioSlice';
import { type Behaviour, type RunSummary, resultOf } from '../worker/protocol';
import { count, holds, lessonScenario, names } from './build';
import type { Lesson } from './types';

const raftOf = (s: RunSummary) => resultOf(s, 'raft');
const pbftOf = (s: RunSummary) => resultOf(s, 'pbft');
const ms = (t: number) => `${count(t)} ms`;
const candidacies = (n: number) => `${n} ${n === 1 ? 'candidacy' : 'candidacies'}`;

const RAFT_SAFETY = [
  'election-safety',
  'leader-append-only',
  'log-matching',
  'leader-completeness',
  'state-machine-safety',
];
const safe = (s: RunSummary) => RAFT_SAFETY.every((id) => holds(s, id) === true);

/** Five Raft servers on a full mesh (the default network: 10–50 ms a message). */
const raft = (name: string, seed: number, run: Record<string, unknown>, faults: unknown[] = [], agents = 5) =>
  lessonScenario(name, seed, { agentCount: agents, builder: { kind: 'mesh' } }, { kind: 'raft', ...run }, { faults });

/** A violated Raft property's words and witnesses, as the learner's run found them. */
function violationWords(s: RunSummary, id: string): string | null {
  const v = s.properties.find((p) => p.id === id)?.violation;
  if (!v) return null;
  const who = v.witnesses.map((w) => `${w.agentId} ${w.detail}`).join('; ');
  return `Your run: ${v.message}${who ? ` Witnesses: ${who}.` : ''}`;
}

/** PBFT's broken agreement in words: who executed what under which number, in which views (digests left out). */
function disagreement(s: RunSummary): string | null {
  const w = pbftOf(s)?.properties.find((p) => p.name === 'agreement')?.witness;
  if (!w) return null;
  const [a, b] = w.agents;
  const [va, vb] = w.views;
  return `Your run: ${a} (in view ${va}) and ${b} (in view ${vb}) executed different requests as number ${w.sequences[0]}, at ${ms(w.atMs)}.`;
}

/** Who led, in which term and when, as the learner's run elected them. */
function elections(s: RunSummary): string | null {
  const r = raftOf(s);
  if (!r) return null;
  if (r.leaders.length === 0) return `Your run: ${candidacies(r.candidacies)} and no leader.`;
  const list = r.leaders.map((l) => `${l.agentId} won term ${l.term} at ${ms(l.atMs)}`).join(', then ');
  const terms = [...new Set(r.serverStates.map((x) => x.term))];
  const end =
    terms.length === 1 ? `every server ends in term ${terms[0]}` : `the servers end in terms ${terms.join(', ')}`;
  return `Your run: ${candidacies(r.candidacies)}; ${list}; ${end}.`;
}

/** Exactly one leader at the end, every server in its term, and no property broken. */
function oneLeaderFollowed(s: RunSummary): boolean {
  const r = raftOf(s);
  const leaders = r?.serverStates.filter((x) => x.up && x.role === 'leader') ?? [];
  return leaders.length === 1 && r !== undefined && r.serverStates.every((x) => x.term === leaders[0].term) && safe(s);
}

// ---- 1. A leader is elected ----

/** The server seed 1 elects (a property of the scenario, checked by test/views/library/lessons.test.ts). */
const FIRST_LEADER = 'agent-4';

const electionRun = { durationMs: 3_000 };
const leaderCrash = [
  { kind: 'crash', atMs: 1_000, agent: FIRST_LEADER },
  { kind: 'recover', atMs: 2_000, agent: FIRST_LEADER },
];

export const raftElection: Lesson = {
  id: 'raft-election',
  title: 'Raft: a leader is elected',
  summary: 'Randomised timeouts, a vote per term, a majority: one leader; when it crashes, another in a new term.',
  steps: [
    {
      title: 'Five servers, one leader',
      text: 'Five agents run Raft. Each waits a random election timeout (150 to 300 ms); the first to run out stands as candidate for term 1, votes for itself and asks the others for their votes. Three of five is a majority: that candidate becomes leader and sends heartbeats that keep the others following. Open the Consensus tab and play the run: roles and terms change at the moment they do.',
      scenario: raft('Raft on five agents, a mesh', 1, electionRun),
      highlight: 'Run',
      focus: {
        look: 'The leader is outlined on the stage once your run has elected it; its row in the Consensus tab says Leader.',
        fromRun: (s) =>
          raftOf(s)
            ?.leaders.slice(0, 1)
            .map((l) => l.agentId) ?? [],
        messages: ['raft-request-vote', 'raft-vote'],
      },
      observe: {
        text: 'One server is elected leader, and every server ends in its term, following it.',
        seen: oneLeaderFollowed,
        measured: elections,
      },
      tryThis: ['Step through the first few hundred milliseconds with the arrow keys and read each server’s vote.'],
    },
    {
      title: 'The leader crashes',
      text: 'The leader of the first run crashes at one second and comes back at two. Its followers stop hearing heartbeats; the first whose timeout runs out stands for the next term and wins. The crashed server keeps its term, vote and log through the crash; back, it hears the new leader’s higher term and follows.',
      scenario: raft(
        `Raft on five agents: ${FIRST_LEADER} crashes at 1000 ms, back at 2000 ms`,
        1,
        electionRun,
        leaderCrash,
      ),
      highlight: 'Run',
      focus: {
        look: 'The crashed leader and its successor are outlined.',
        fromRun: (s) =>
          raftOf(s)
            ?.leaders.slice(0, 2)
            .map((l) => l.agentId) ?? [],
        messages: ['raft-request-vote', 'raft-vote'],
      },
      observe: {
        text: 'A second leader is elected in a later term while the first is down; back, the old leader follows it.',
        seen: (s) => {
          const r = raftOf(s);
          const [first, second] = r?.leaders ?? [];
          const old = r?.serverStates.find((x) => x.agentId === first?.agentId);
          return (
            second !== undefined &&
            second.term > first.term &&
            second.agentId !== first.agentId &&
            old?.role === 'follower' &&
            old.term === second.term &&
            oneLeaderFollowed(s)
          );
        },
        measured: elections,
      },
      tryThis: [
        'Select another server on the stage while the run is replayed and press Crash under the player: the run is computed again with that crash at the moment shown.',
      ],
    },
  ],
};

// ---- 2. Split votes ----

const SPLIT_SEED = 267;
const narrow = { durationMs: 3_000, electionTimeoutMsMin: 150, electionTimeoutMsMax: 170 };

export const raftSplitVote: Lesson = {
  id: 'raft-split-vote',
  title: 'Raft: split votes and new terms',
  summary:
    'Timeouts drawn too close together split the vote, term after term; a wide range cures it; a server voting twice breaks it.',
  steps: [
    {
      title: 'Nearly equal timeouts',
      text: 'All five servers now draw their election timeout between 150 and 170 ms, while a message takes 10 to 50 ms, so they run out almost together. Several stand for the same term, each votes for itself, and none gathers three votes: the term ends without a leader. Their timers run out again and they try once more, in a new term.',
      scenario: raft('Raft on five agents, timeouts of 150 to 170 ms', SPLIT_SEED, narrow),
      highlight: 'Election timeout max (ms)',
      focus: {
        look: 'Watch the terms climb in the Consensus tab while nobody leads.',
        messages: ['raft-request-vote'],
      },
      observe: {
        text: 'The first terms end without a leader (split votes); a later term finally elects one.',
        seen: (s) => {
          const first = raftOf(s)?.leaders[0];
          return first !== undefined && first.term > 1 && safe(s);
        },
        measured: (s) => {
          const r = raftOf(s);
          const first = r?.leaders[0];
          if (!r || !first) return elections(s);
          return `Your run: no leader until term ${first.term}, which ${first.agentId} won at ${ms(first.atMs)}; ${candidacies(r.candidacies)} in all.`;
        },
      },
    },
    {
      title: 'Randomised timeouts',
      text: 'Raft’s cure is the randomness itself: draw each timeout from a wide range, here 150 to 300 ms, so one server usually runs out well before the others and has won before anyone else stands.',
      scenario: raft('Raft on five agents, timeouts of 150 to 300 ms', SPLIT_SEED, {
        ...narrow,
        electionTimeoutMsMax: 300,
      }),
      highlight: 'Election timeout max (ms)',
      focus: {
        look: 'The first leader is outlined.',
        fromRun: (s) =>
          raftOf(s)
            ?.leaders.slice(0, 1)
            .map((l) => l.agentId) ?? [],
      },
      observe: {
        text: 'A leader is elected in the very first term.',
        seen: (s) => raftOf(s)?.leaders[0]?.term === 1 && safe(s),
        measured: elections,
      },
    },
    {
      title: 'A server that votes twice',
      text: 'One vote per server per term is what makes a leader unique: two majorities of five always share a server, and that server voted for only one of them. Here agent-1 breaks the rule — a teaching switch — and grants a second vote in a term to another candidate. With the timeouts close together again, two candidates can each count three votes in the same term.',
      scenario: raft('Raft on five agents, agent-1 votes twice in a term (teaching switch)', SPLIT_SEED, {
        ...narrow,
        teaching: { doubleVoter: 'agent-1' },
      }),
      highlight: 'Teaching switch: a server votes twice in a term (agent-1)',
      focus: {
        look: 'The two leaders of one term are outlined.',
        fromRun: (s) =>
          s.properties.find((p) => p.id === 'election-safety')?.violation?.witnesses.map((w) => w.agentId) ?? [],
        moment: 'end',
      },
      observe: {
        text: 'Two leaders in one term: Election Safety is violated, and the Consensus tab names both.',
        seen: (s) => holds(s, 'election-safety') === false,
        measured: (s) => violationWords(s, 'election-safety'),
      },
      tryThis: [
        'Untick the teaching switch and open the Counterexample tab: “Find a counterexample” tries seed after seed and finds no second leader.',
      ],
    },
  ],
};

// ---- 3. A leader cut off in a minority ----

/** The scenario's first leader (FIRST_LEADER) and one follower are cut off from the other three. */
const MINORITY = [FIRST_LEADER, 'agent-1'];
const minorityRun = {
  durationMs: 4_000,
  commands: [
    { atMs: 400, value: 'x=1' },
    { atMs: 1_200, value: 'x=2' },
  ],
};
const cutOff = [
  { kind: 'partition', atMs: 800, groups: [MINORITY] },
  { kind: 'heal', atMs: 2_500 },
];

/** The second command went first to the cut-off leader, was committed by another in a later term, and every log agrees. */
function overwritten(s: RunSummary): boolean {
  const r = raftOf(s);
  const [first, second] = r?.leaders ?? [];
  const command = r?.commands[1];
  if (!r || !second || !command || command.index === null || command.committedAtMs === null) return false;
  const old = r.serverStates.find((x) => x.agentId === first.agentId);
  const entry = old?.log[command.index - 1];
  const logs = new Set(r.serverStates.map((x) => JSON.stringify(x.log)));
  return (
    second.term > first.term &&
    command.attempts >= 2 &&
    entry?.value === command.value &&
    entry.term > first.term &&
    logs.size === 1 &&
    r.allCommitted &&
    safe(s)
  );
}

function minorityWords(s: RunSummary): string | null {
  const r = raftOf(s);
  const [first, second] = r?.leaders ?? [];
  const c = r?.commands[1];
  if (!r || !first || !second || !c) return elections(s);
  const committed =
    c.committedAtMs === null ? 'never committed' : `committed at ${ms(c.committedAtMs)} as entry ${c.index}`;
  return `Your run: ${first.agentId} led term ${first.term}; “${c.value}” was issued at ${ms(c.atMs)} and ${committed} after ${c.attempts} tries; ${second.agentId} became leader of term ${second.term} at ${ms(second.atMs)}; at the end all ${r.servers} logs hold the same ${r.serverStates[0].logLength} entries.`;
}

export const raftMinorityLeader: Lesson = {
  id: 'raft-minority-leader',
  title: 'Raft: a leader cut off in a minority',
  summary:
    'A leader without a majority cannot commit; the majority elects another, and the old leader’s uncommitted entry is overwritten after the heal.',
  steps: [
    {
      title: 'Two commands, one leader',
      text: 'A client sends two commands, at 0.4 and 1.2 seconds. The leader appends each to its log and sends it to the others; once a majority stores it, the entry is committed and every server applies it.',
      scenario: raft('Raft on five agents, two client commands', 1, minorityRun),
      highlight: 'Run',
      focus: {
        look: 'The leader is outlined; in the Consensus tab its log fills, and an entry turns solid when committed.',
        fromRun: (s) =>
          raftOf(s)
            ?.leaders.slice(0, 1)
            .map((l) => l.agentId) ?? [],
        messages: ['raft-append', 'raft-append-reply'],
      },
      observe: {
        text: 'Both commands are committed by the one leader of the run.',
        seen: (s) => raftOf(s)?.leaderCount === 1 && raftOf(s)?.allCommitted === true && safe(s),
        measured: (s) => {
          const r = raftOf(s);
          if (!r) return null;
          const list = r.commands
            .map((c) => `“${c.value}” committed at ${c.committedAtMs === null ? 'no time' : ms(c.committedAtMs)}`)
            .join(', ');
          return `Your run: ${r.leaders.map((l) => `${l.agentId} led term ${l.term}`).join(', ')}; ${list}.`;
        },
      },
    },
    {
      title: 'The leader cut off',
      text: 'At 0.8 seconds the leader and one follower are cut off from the other three until 2.5 seconds. The second command reaches the old leader, which appends it but can never hear a majority store it: it stays uncommitted. The three others stop hearing heartbeats and elect a leader of a higher term, to which the client sends the command again. After the heal the old leader hears the higher term, steps down, and its uncommitted entry is replaced by the new leader’s.',
      scenario: raft(`Raft on five agents: ${names(MINORITY)} are cut off, then heal`, 1, minorityRun, cutOff),
      highlight: 'Run',
      focus: {
        look: `The cut-off side, ${names(MINORITY)}, is outlined. In the Consensus tab, stop at about 2 seconds: the old leader’s last entry is not solid (uncommitted); after 2.5 seconds it changes colour.`,
        agents: MINORITY,
        messages: ['raft-append', 'raft-request-vote'],
      },
      observe: {
        text: 'The cut-off leader cannot commit; a new leader of a higher term commits the command, and after the heal every log agrees, the old leader’s uncommitted entry overwritten.',
        seen: overwritten,
        measured: minorityWords,
      },
      tryThis: ['Cut off only the leader (select it, then Partition under the player while it leads).'],
    },
  ],
};

// ---- 4. Figure 8 ----

/** A seed the search finds breaking Leader Completeness with the rule broken (test/views/library/lessons.test.ts). */
const FIGURE_8_SEED = 4;

/** Three servers, a leader cut off half the times it takes a command (until 3 s), ten commands. */
const figure8 = (broken: boolean): ScenarioDraft =>
  raft(
    broken
      ? 'Raft on three agents, Figure 8: the rule broken (teaching switch)'
      : 'Raft on three agents, Figure 8: the rule kept',
    FIGURE_8_SEED,
    {
      durationMs: 4_000,
      commands: scheduledCommands({ count: 10, firstAtMs: 300, intervalMs: 270 }),
      randomFaults: { untilMs: 3_000, isolateLeaderProbability: 0.5 },
      ...(broken ? { teaching: { commitPreviousTermsByCounting: true } } : {}),
    },
    [],
    3,
  );

export const raftFigure8: Lesson = {
  id: 'raft-figure-8',
  title: 'Raft: Figure 8, the rule about old terms',
  summary: 'Committing an earlier term’s entry by counting replicas loses committed entries; Raft’s rule keeps them.',
  steps: [
    {
      title: 'The rule broken',
      text: 'A leader may count replicas to commit entries of its own term only. The teaching switch lets it commit an earlier term’s entry as soon as a majority stores it — the paper’s Figure 8. Three servers, and each time a leader takes a command it is cut off half the time, until 3 seconds. A leader counts an old entry as committed; then a server that never stored it wins a later term and overwrites it.',
      scenario: figure8(true),
      highlight: 'Teaching switch: commit earlier terms’ entries by counting replicas (Figure 8)',
      focus: {
        look: 'The witnesses — the server that committed the entry and the leader elected without it — are outlined.',
        fromRun: (s) =>
          s.properties.find((p) => p.id === 'leader-completeness')?.violation?.witnesses.map((w) => w.agentId) ?? [],
        moment: 'end',
      },
      observe: {
        text: 'Leader Completeness is violated: an entry committed in one term is missing from a later leader’s log.',
        seen: (s) => holds(s, 'leader-completeness') === false,
        measured: (s) => violationWords(s, 'leader-completeness'),
      },
      tryThis: [
        'Open the Counterexample tab and press “Find a counterexample” from seed 1: with the switch on, the search finds such a seed within a few tries.',
      ],
    },
    {
      title: 'The rule kept',
      text: 'The same servers, the same seed and the same faults, with the switch off: a leader commits an old entry only together with an entry of its own term, which a later leader must then hold — elections only go to servers whose log is at least as up to date.',
      scenario: figure8(false),
      highlight: 'Teaching switch: commit earlier terms’ entries by counting replicas (Figure 8)',
      focus: { look: 'Every property in the Consensus tab holds.', moment: 'end' },
      observe: {
        text: 'Every safety property holds, and every command is committed.',
        seen: (s) => safe(s) && raftOf(s)?.allCommitted === true,
        measured: (s) => {
          const r = raftOf(s);
          return r
            ? `Your run: ${r.leaderCount} leaders in ${r.highestTerm} terms; ${r.committedCommands} of ${r.commands.length} commands committed; every safety property held.`
            : null;
        },
      },
    },
  ],
};

// ---- 5. PBFT: a faulty primary ----

const PBFT_COMMANDS = scheduledCommands({ count: 3, firstAtMs: 100, intervalMs: 300 });

const pbft = (name: string, behaviours: Behaviour[], teaching?: Record<string, unknown>) =>
  lessonScenario(
    name,
    1,
    {
      agents: behaviours.map((behaviour, i) => ({
        id: `agent-${i + 1}`,
        ...(behaviour === 'honest' ? {} : { behaviour }),
      })),
      builder: { kind: 'mesh' },
    },
    { kind: 'pbft', viewChangeTimeoutMs: 300, commands: PBFT_COMMANDS, ...(teaching ? { teaching } : {}) },
  );

function views(s: RunSummary): string | null {
  const r = pbftOf(s);
  if (!r) return null;
  const list = r.views.map((v) => `view ${v.view} (primary ${v.primaryId}${v.atMs > 0 ? `, from ${ms(v.atMs)}` : ''})`);
  return `Your run: ${list.join(', then ')}; ${r.committedRequests} of ${r.requests.length} requests committed with ${count(r.messages.total)} messages in all, where the normal case needs ${r.messages.theoryPerRequest} per request.`;
}

export const pbftViewChange: Lesson = {
  id: 'pbft-view-change',
  title: 'PBFT: a faulty primary and a view change',
  summary:
    'Four replicas tolerate one liar; a silent primary is replaced; quorums of f + 1 let an equivocating one split the honest replicas.',
  steps: [
    {
      title: 'An honest primary',
      text: 'Four replicas tolerate f = 1 malicious one (n ≥ 3f + 1). The primary of view 0, agent-1, orders each request (pre-prepare); every replica tells all the others it agrees (prepare), then that it is ready (commit); with a quorum of 3 matching messages at each step a replica executes the request. The Consensus tab shows each request’s phase at every replica.',
      scenario: pbft('PBFT on four agents, all honest', ['honest', 'honest', 'honest', 'honest']),
      highlight: 'Run',
      focus: {
        look: 'agent-1, the primary of view 0, is outlined.',
        agents: ['agent-1'],
        messages: ['pbft-pre-prepare', 'pbft-prepare', 'pbft-commit'],
      },
      observe: {
        text: 'Every request is committed in view 0.',
        seen: (s) => pbftOf(s)?.viewChanges === 0 && pbftOf(s)?.allCommitted === true,
        measured: views,
      },
    },
    {
      title: 'A silent primary',
      text: 'Now agent-1, the primary, is silent: it orders nothing. The backups wait for the requests to execute; when their timers run out they ask for a view change, and with a quorum of them the primary of view 1, agent-2, takes over and orders the waiting requests.',
      scenario: pbft('PBFT on four agents, agent-1 silent', ['silent', 'honest', 'honest', 'honest']),
      highlight: 'Run',
      focus: {
        look: 'agent-1, the silent primary, and agent-2, the primary of view 1, are outlined.',
        agents: ['agent-1', 'agent-2'],
        messages: ['pbft-view-change', 'pbft-new-view'],
      },
      observe: {
        text: 'The replicas change view, and the requests are still committed, by the new primary.',
        seen: (s) =>
          (pbftOf(s)?.viewChanges ?? 0) >= 1 && pbftOf(s)?.allCommitted === true && holds(s, 'agreement') === true,
        measured: views,
      },
    },
    {
      title: 'Quorums of f + 1',
      text: 'Five replicas, f = 1, and the primary equivocates: it orders each request to half the backups and a different one, under the same number, to the other half. Quorums of ⌈(n + f + 1) / 2⌉ = 4 always share an honest replica, so both versions cannot gather one. The teaching switch shrinks quorums to f + 1 = 2: each half gathers its own.',
      scenario: pbft(
        'PBFT on five agents, 1 equivocating, quorums of f + 1 (teaching switch)',
        ['equivocate', 'honest', 'honest', 'honest', 'honest'],
        { weakQuorums: true },
      ),
      highlight: 'Teaching switch: quorums of f + 1 instead of 2f + 1',
      focus: {
        look: 'The two honest replicas that executed different requests under one number are outlined.',
        fromRun: (s) =>
          s.properties.find((p) => p.id === 'agreement')?.violation?.witnesses.map((w) => w.agentId) ?? [],
        moment: 'end',
      },
      observe: {
        text: 'Agreement is violated: two honest replicas execute different requests under the same sequence number.',
        seen: (s) => holds(s, 'agreement') === false,
        measured: disagreement,
      },
      tryThis: ['Untick the switch and run again: the same equivocating primary no longer splits the honest replicas.'],
    },
  ],
};

export const LEADER_LESSONS: readonly Lesson[] = [
  raftElection,
  raftSplitVote,
  raftMinorityLeader,
  raftFigure8,
  pbftViewChange,
];
