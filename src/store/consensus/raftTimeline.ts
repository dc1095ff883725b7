/**
 * Raft at the player's cursor: each server's role, term, vote, log and commit index, rebuilt
 * from what the engine traces (src/engine/consensus/raft/events.ts): `roleChanged`, `voteGranted`,
 * `commandAccepted` (a leader's new entry), `entriesAppended` (a follower's log repaired or grown:
 * the entries are those of the AppendEntries just delivered to it), `commitAdvanced`,
 * `serverRestarted`, `propertyViolated`; the term a server learns from any Raft message it is
 * delivered (Figure 2: a higher term makes it a follower with no vote); crashes lose the
 * volatile state (role, commit index). At the last event the logs equal the engine's
 * `serverStates` (tested).
 */
import { KIND } from '../../engine/trace/events';
import type { TraceColumns } from '../../worker/protocol';
import { buildReplay, engineName, type Replay, type ReplayRules, stateAt, valueAt } from './replay';

export type RaftRole = 'follower' | 'candidate' | 'leader';

export interface RaftEntryView {
  term: number;
  command: number;
  value: string;
}

export interface RaftServerView {
  up: boolean;
  role: RaftRole;
  term: number;
  /** The candidate it voted for in `term` (its address), or −1. */
  votedFor: number;
  log: RaftEntryView[];
  commitIndex: number;
}

export interface RaftMoment {
  servers: RaftServerView[];
  /** Engine names of the properties violated so far (`leaderCompleteness`, …), in the order they broke. */
  violated: string[];
}

interface AppendPayload {
  term: number;
  prevLogIndex: number;
  entries: RaftEntryView[];
}

interface ReplayState extends RaftMoment {
  /** Per server: the last AppendEntries delivered to it and from whom (its entries make the next append). */
  lastAppend: ({ from: number; message: AppendPayload } | null)[];
}

const RAFT_TAG = /^raft-/;
const NAMES = new Set([
  'roleChanged',
  'voteGranted',
  'commandAccepted',
  'entriesAppended',
  'commitAdvanced',
  'serverRestarted',
  'propertyViolated',
]);

const server = (): RaftServerView => ({ up: true, role: 'follower', term: 0, votedFor: -1, log: [], commitIndex: 0 });

/** A delivered Raft message: a higher term makes the receiver a follower of that term, with no vote yet. */
function observeTerm(s: RaftServerView, term: number): void {
  if (term <= s.term) return;
  s.term = term;
  s.votedFor = -1;
  s.role = 'follower';
}

type Detail = Record<string, unknown> & { term?: number };

function applyEngine(state: ReplayState, name: string, a: number, peer: number, d: Detail): void {
  const s = state.servers[a];
  switch (name) {
    case 'roleChanged':
      s.role = d.role as RaftRole;
      s.term = d.term ?? s.term;
      if (s.role === 'candidate') s.votedFor = a;
      break;
    case 'voteGranted':
      observeTerm(s, d.term ?? 0);
      if (d.second !== true) s.votedFor = peer;
      break;
    case 'commandAccepted':
      s.log = [
        ...s.log.slice(0, (d.index as number) - 1),
        { term: d.term ?? s.term, command: d.command as number, value: String(d.value) },
      ];
      break;
    case 'entriesAppended':
      appendFromLeader(state, a, peer, d.fromIndex as number, d.count as number);
      break;
    case 'commitAdvanced':
      s.commitIndex = d.commitIndex as number;
      break;
    case 'serverRestarted':
      s.up = true;
      break;
    case 'propertyViolated':
      if (!state.violated.includes(String(d.property))) state.violated.push(String(d.property));
      break;
  }
}

/** The follower's log from `fromIndex` on is the entries the leader's AppendEntries carried there. */
function appendFromLeader(state: ReplayState, a: number, leader: number, fromIndex: number, count: number): void {
  const stash = state.lastAppend[a];
  if (!stash || stash.from !== leader) return;
  const m = stash.message;
  const start = fromIndex - (m.prevLogIndex + 1);
  const s = state.servers[a];
  const copied = m.entries.slice(start, start + count).map(({ term, command, value }) => ({ term, command, value }));
  s.log = [...s.log.slice(0, fromIndex - 1), ...copied];
}

function rules(agents: number): ReplayRules<ReplayState> {
  return {
    initial: () => ({
      servers: Array.from({ length: agents }, server),
      violated: [],
      lastAppend: Array.from({ length: agents }, () => null),
    }),
    clone: (st) => ({
      servers: st.servers.map((s) => ({ ...s })),
      violated: [...st.violated],
      lastAppend: [...st.lastAppend],
    }),
    relevant(trace, i) {
      const kind = trace.kind[i];
      if (kind === KIND.agentCrashed || kind === KIND.agentRecovered) return trace.a[i] < agents;
      if (kind === KIND.messageDelivered) return trace.b[i] < agents && RAFT_TAG.test(trace.strings[trace.d[i]]);
      return NAMES.has(engineName(trace, i, KIND.engine)) && trace.a[i] >= 0 && trace.a[i] < agents;
    },
    apply(st, trace, i) {
      const kind = trace.kind[i];
      const a = trace.kind[i] === KIND.messageDelivered ? trace.b[i] : trace.a[i];
      const s = st.servers[a];
      if (kind === KIND.agentCrashed) {
        s.up = false;
        s.role = 'follower';
        s.commitIndex = 0;
      } else if (kind === KIND.agentRecovered) s.up = true;
      else if (kind === KIND.messageDelivered) {
        const payload = valueAt<AppendPayload>(trace, i);
        if (payload && typeof payload.term === 'number') observeTerm(s, payload.term);
        if (payload && trace.strings[trace.d[i]] === 'raft-append')
          st.lastAppend[a] = { from: trace.a[i], message: payload };
      } else applyEngine(st, engineName(trace, i, KIND.engine), a, trace.b[i], valueAt<Detail>(trace, i) ?? {});
    },
  };
}

const cache = new WeakMap<TraceColumns, Replay<ReplayState>>();

/** Raft's replay of `trace` (built once per trace and kept with it). */
export function raftReplay(trace: TraceColumns, agents: number): Replay<ReplayState> {
  let replay = cache.get(trace);
  if (!replay) {
    replay = buildReplay(trace, rules(agents));
    cache.set(trace, replay);
  }
  return replay;
}

/** Every server's state after trace position `cursor`; the same object until something changes. */
export function raftAt(trace: TraceColumns, agents: number, cursor: number): RaftMoment {
  return stateAt(raftReplay(trace, agents), cursor);
}

/** The leaders at a moment: servers up whose role is leader, highest term first. */
export function leadersAt(moment: RaftMoment): number[] {
  return moment.servers
    .map((s, a) => ({ s, a }))
    .filter(({ s }) => s.up && s.role === 'leader')
    .sort((x, y) => y.s.term - x.s.term)
    .map(({ a }) => a);
}
