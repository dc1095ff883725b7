import type { RaftEventName } from '../../consensus/raft/events';
import type { PropertyMeta, RunKindMeta } from '../kind';
import { scheduledCommands } from './leaderCommands';
import { narrateRaft } from './raft.narrate';

/** Raft's five safety properties (the extended paper's Figure 3) and liveness, by id. */
export const RAFT_PROPERTY_META = {
  'election-safety': { id: 'election-safety', label: 'at most one leader per term (Election Safety)', sort: 'safety' },
  'leader-append-only': {
    id: 'leader-append-only',
    label: 'a leader only appends to its log (Leader Append-Only)',
    sort: 'safety',
  },
  'log-matching': {
    id: 'log-matching',
    label: 'logs with the same entry at an index agree up to it (Log Matching)',
    sort: 'safety',
  },
  'leader-completeness': {
    id: 'leader-completeness',
    label: 'every committed entry is in every later leader’s log (Leader Completeness)',
    sort: 'safety',
  },
  'state-machine-safety': {
    id: 'state-machine-safety',
    label: 'no two servers apply different entries at one index (State Machine Safety)',
    sort: 'safety',
  },
  'every-command-committed': {
    id: 'every-command-committed',
    label: 'every client command is committed',
    sort: 'liveness',
  },
} as const satisfies Record<string, PropertyMeta>;

export type RaftPropertyId = keyof typeof RAFT_PROPERTY_META;

const ORDER: RaftPropertyId[] = [
  'election-safety',
  'leader-append-only',
  'log-matching',
  'leader-completeness',
  'state-machine-safety',
  'every-command-committed',
];

/** The property each teaching switch breaks: it goes first, so "Find a counterexample" looks for it. */
function brokenFirst(run: Record<string, unknown>): RaftPropertyId | null {
  const t = (run.teaching ?? {}) as Record<string, unknown>;
  if (typeof t.doubleVoter === 'string') return 'election-safety';
  if (t.commitPreviousTermsByCounting === true || t.skipUpToDateCheck === true) return 'leader-completeness';
  return null;
}

/** Every event a Raft run writes (the union `RaftTraceEvent`; the type below fails when one is missing). */
const EVENTS = [
  'roleChanged',
  'voteGranted',
  'entriesAppended',
  'commandAccepted',
  'commitAdvanced',
  'entryApplied',
  'serverRestarted',
  'propertyViolated',
] as const satisfies readonly RaftEventName[];
true satisfies Exclude<RaftEventName, (typeof EVENTS)[number]> extends never ? true : false;

/** Raft (Ongaro & Ousterhout): every agent a server; elections, a replicated log, client commands. */
export const raftMeta: RunKindMeta<'raft'> = {
  kind: 'raft',
  label: 'Raft',
  presets: [
    {
      id: 'raft',
      label: 'Raft: leader election and a replicated log',
      run: { kind: 'raft', commands: scheduledCommands({ count: 5, firstAtMs: 500, intervalMs: 400 }) },
    },
  ],
  presetOf: () => 'raft',
  properties(run) {
    const first = brokenFirst(run);
    const ids = first ? [first, ...ORDER.filter((id) => id !== first)] : ORDER;
    return ids.map((id) => ({ ...RAFT_PROPERTY_META[id] }));
  },
  events: EVENTS,
  behaviours: () => ({ silent: 'is crashed from the start: it never votes, leads or replicates' }),
  unmodelledHint: 'Raft tolerates crashes, not lies. Try PBFT for malicious replicas.',
  narrate: narrateRaft,
};
