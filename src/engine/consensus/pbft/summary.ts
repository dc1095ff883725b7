import type { Behaviour } from '../../core/agent';
import type { NamedFault } from '../raft/summary';
import type { PbftRequestOutcome } from './client';
import type { PbftCluster, PbftMessageCounts, PbftQuorums } from './cluster';
import type { PbftTeaching } from './params';
import type { PbftVerdict } from './properties';
import type { PbftStatus } from './replica';

/** Executed values listed per replica in the summary. */
export const MAX_EXECUTED_IN_SUMMARY = 200;

export interface PbftReplicaSummary {
  agentId: string;
  behaviour: Behaviour;
  view: number;
  status: PbftStatus;
  lastExecuted: number;
  /** The state machine: values executed, in order (the first MAX_EXECUTED_IN_SUMMARY). */
  executed: string[];
}

/** Messages of one phase per committed request, measured and in theory (Castro & Liskov's normal case). */
export interface PbftPhaseCount {
  phase: 'pre-prepare' | 'prepare' | 'commit';
  measured: number | null;
  /** pre-prepare n − 1; prepare (n − 1)²: every backup to every other replica; commit n(n − 1). */
  theory: number;
}

export interface PbftMessageSummary extends PbftMessageCounts {
  total: number;
  perCommittedRequest: number | null;
  theoryPerRequest: number;
  phases: PbftPhaseCount[];
}

/** The result of a `pbft` run (JSON-serialisable). */
export interface PbftSummary {
  kind: 'pbft';
  replicas: number;
  faultTolerance: number;
  quorums: PbftQuorums;
  durationMs: number;
  stopped: boolean;
  teaching: PbftTeaching;
  /** Agreement and validity among honest replicas, each held or violated with its first witness. */
  properties: PbftVerdict[];
  safe: boolean;
  /** Views entered by an honest replica, the first time, with their primaries. */
  views: { view: number; primaryId: string; atMs: number }[];
  /** The highest view an honest replica entered (0: no view change). */
  viewChanges: number;
  requests: PbftRequestOutcome[];
  committedRequests: number;
  allCommitted: boolean;
  commitLatencyMs: { mean: number; max: number } | null;
  messages: PbftMessageSummary;
  replicaStates: PbftReplicaSummary[];
  /** The malicious replicas and what their behaviour does in PBFT. */
  faulty: { agentId: string; behaviour: Behaviour; does: string }[];
  drawnFaults: NamedFault[];
}

export function pbftMessageSummary(c: PbftCluster, committed: number): PbftMessageSummary {
  const k = c.counts;
  const n = c.n;
  const per = (x: number) => (committed > 0 ? x / committed : null);
  const theory = { prePrepare: n - 1, prepare: (n - 1) ** 2, commit: n * (n - 1) };
  const total = k.prePrepare + k.prepare + k.commit + k.viewChange + k.newView;
  return {
    ...k,
    total,
    perCommittedRequest: per(total),
    theoryPerRequest: theory.prePrepare + theory.prepare + theory.commit,
    phases: [
      { phase: 'pre-prepare', measured: per(k.prePrepare), theory: theory.prePrepare },
      { phase: 'prepare', measured: per(k.prepare), theory: theory.prepare },
      { phase: 'commit', measured: per(k.commit), theory: theory.commit },
    ],
  };
}

export function replicaSummaries(c: PbftCluster): PbftReplicaSummary[] {
  return c.replicas.map((r) => ({
    agentId: c.ids[r.index],
    behaviour: r.behaviour,
    view: r.view,
    status: r.status,
    lastExecuted: r.lastExecuted,
    executed: r.machine.slice(0, MAX_EXECUTED_IN_SUMMARY),
  }));
}
