/**
 * Every engine event name and the detail it carries: `Trace.engine` accepts only these names, each
 * with its detail type, and decoded events are a union discriminated by `name`. A run kind's
 * vocabulary (its meta's `events`) is a subset of these names.
 */
import type { PbftTraceEvent } from '../consensus/pbft/events';
import type { RaftTraceEvent } from '../consensus/raft/events';

type Vote = 'for' | 'against' | 'abstain';
type Clock = Record<string, number>;
/** Details that also carry fields particular to one engine (kept, not typed one by one). */
type Open<T> = T & { [more: string]: unknown };

/** Consensus: quorum, weighted, Byzantine (Bracha), gossip votes, oral messages. */
interface ConsensusEvents {
  consensusRequest: Open<{ proposalId: string }>;
  voteSent: Open<{ vote: Vote | 'approve' | 'reject' }>;
  voteDelivered: Open<{ vote: Vote | 'approve' | 'reject' }>;
  voteChanged: Open<{ vote: Vote | 'approve' | 'reject'; round: number }>;
  decided: Open<{ decision: 'approved' | 'rejected' | 'timeout' }>;
  roundEnd: Open<{ round: number }>;
  echo: { vote: Vote };
  ready: { vote: Vote };
  flagged: Open<{ reason: string }>;
}

/** Flooding and rumor spreading. */
interface SpreadingEvents {
  informed: { round: number } | undefined;
  gossipContact: { informed: boolean } | undefined;
}

/** Replicated CRDT state and the state synchroniser. */
interface StateEvents {
  localWrite: Open<{ clock?: Clock }>;
  merge: { clock: Clock; tag: string; changed: boolean };
  converged: { clock: Clock; value: unknown };
  request: Open<{ stateKey: string }>;
  conflict: { stateKey: string; agents: string[] };
  broadcast: { stateKey: string; version: number };
  missed: { agent: string; reason: string };
  resolved: Open<{ stateKey: string }>;
  storeFailed: { error: string | undefined };
  stored: Open<{ stateKey: string; version: number }>;
  full: Open<{ agents: number }>;
  delta: Open<{ agents: number }>;
  'version-query': Open<{ agents: number }>;
  response: Open<{ version: unknown }>;
  applied: Open<Record<string, unknown>>;
  deltaRequest: Open<{ sinceVersion: number; changes: number }>;
  versionCompared: Open<{ keys: number; lacking: number }>;
  antiEntropy: { send: number; want: number };
}

/** Task delegation. */
interface DelegationEvents {
  taskAssigned: { task: string; cost: number };
  taskStarted: { task: string; durationMs: number };
  taskFinished: Open<{ task: string }>;
  taskResent: { task: string };
  taskReassigned: { task: string };
  taskLost: { task: string };
  resultRecorded: Open<{ task: string }>;
  resultDuplicated: { task: string };
  agentSuspected: { silentMs: number };
  agentRejoined: undefined;
  workerStateLost: undefined;
}

/** A vocabulary written as a union of `{ name, detail }` (Raft's, PBFT's) as a name → detail map. */
type FromUnion<U extends { name: string }> = {
  [E in U as E['name']]: E extends { detail: infer D } ? D : undefined;
};

export type EngineEventDetails = ConsensusEvents &
  SpreadingEvents &
  StateEvents &
  DelegationEvents &
  FromUnion<RaftTraceEvent | PbftTraceEvent>;

export type EngineEventName = keyof EngineEventDetails & string;

/** A decoded engine event: `detail`'s type follows `name`. */
export type EngineEvent = {
  [N in EngineEventName]: {
    kind: 'engine';
    t: number;
    name: N;
    agent: number;
    peer: number;
    detail?: EngineEventDetails[N];
  };
}[EngineEventName];
