/**
 * PBFT at the player's cursor: each replica's view, whether it is changing view, and how far
 * each client request got at it — received, pre-prepared, prepared, committed, executed — read
 * from what the engine traces (src/engine/consensus/pbft/events.ts). A request is recognised by
 * its digest (`requestReceived` names both); a slot whose digest names no client request (a
 * null request filling a gap, a forged digest) is not a request's phase. Phases only grow: a
 * request re-ordered in a new view keeps the furthest phase it reached at the replica.
 */
import { KIND } from '../../engine/trace/events';
import type { TraceColumns } from '../../worker/protocol';
import { buildReplay, engineName, type Replay, type ReplayRules, stateAt, valueAt } from './replay';

/** Phases of a request at a replica, in the order the normal case goes through them. */
export const PBFT_PHASES = ['waiting', 'received', 'pre-prepared', 'prepared', 'committed', 'executed'] as const;
export type PbftPhase = (typeof PBFT_PHASES)[number];

export interface PbftReplicaView {
  up: boolean;
  view: number;
  /** Changing to `view + 1` or later (it sent VIEW-CHANGE and has not entered a view since). */
  changingTo: number | null;
  /** Per request (its index in the run's commands): the furthest phase, as an index into PBFT_PHASES. */
  phase: Uint8Array;
}

export interface PbftMoment {
  replicas: PbftReplicaView[];
  /** The highest view a replica has entered, and its primary (address). */
  view: number;
  primary: number;
  /** Per request: committed at the client (f + 1 matching replies) by now. */
  committed: boolean[];
  violated: string[];
}

interface ReplayState extends PbftMoment {
  /** Digest → request index, learnt from `requestReceived`: shared by every copy (a digest names one request for the whole run). */
  requestOf: Map<string, number>;
}

const PHASE_OF: Record<string, number> = { prePrepared: 2, prepared: 3, committed: 4, executed: 5 };

type Detail = Record<string, unknown>;

function applyEngine(st: ReplayState, name: string, r: number, d: Detail): void {
  const rep = st.replicas[r];
  const digest = typeof d.digest === 'string' ? d.digest : '';
  switch (name) {
    case 'requestReceived': {
      const request = d.request as number;
      if (request >= 0 && request < st.committed.length) {
        st.requestOf.set(digest, request);
        rep.phase[request] = Math.max(rep.phase[request], 1);
      }
      break;
    }
    case 'viewChangeStarted':
      rep.changingTo = d.view as number;
      break;
    case 'viewEntered':
      rep.view = d.view as number;
      rep.changingTo = null;
      if (rep.view >= st.view) {
        st.view = rep.view;
        st.primary = d.primary as number;
      }
      break;
    case 'requestCommitted':
      if ((d.request as number) < st.committed.length) st.committed[d.request as number] = true;
      break;
    case 'propertyViolated':
      if (!st.violated.includes(String(d.property))) st.violated.push(String(d.property));
      break;
    default: {
      const request = st.requestOf.get(digest);
      if (request !== undefined) rep.phase[request] = Math.max(rep.phase[request], PHASE_OF[name]);
    }
  }
}

const NAMES = new Set([
  'requestReceived',
  'prePrepared',
  'prepared',
  'committed',
  'executed',
  'viewChangeStarted',
  'viewEntered',
  'requestCommitted',
  'propertyViolated',
]);

function rules(replicas: number, requests: number): ReplayRules<ReplayState> {
  return {
    initial: () => ({
      replicas: Array.from({ length: replicas }, () => ({
        up: true,
        view: 0,
        changingTo: null,
        phase: new Uint8Array(requests),
      })),
      view: 0,
      primary: 0,
      committed: Array(requests).fill(false),
      violated: [],
      requestOf: new Map(),
    }),
    clone: (st) => ({
      replicas: st.replicas.map((r) => ({ ...r, phase: r.phase.slice() })),
      view: st.view,
      primary: st.primary,
      committed: [...st.committed],
      violated: [...st.violated],
      requestOf: st.requestOf,
    }),
    relevant(trace, i) {
      const kind = trace.kind[i];
      if (kind === KIND.agentCrashed || kind === KIND.agentRecovered) return trace.a[i] < replicas;
      return NAMES.has(engineName(trace, i, KIND.engine)) && trace.a[i] >= 0 && trace.a[i] < replicas;
    },
    apply(st, trace, i) {
      const kind = trace.kind[i];
      if (kind === KIND.agentCrashed) st.replicas[trace.a[i]].up = false;
      else if (kind === KIND.agentRecovered) st.replicas[trace.a[i]].up = true;
      else applyEngine(st, engineName(trace, i, KIND.engine), trace.a[i], valueAt<Detail>(trace, i) ?? {});
    },
  };
}

const cache = new WeakMap<TraceColumns, Replay<ReplayState>>();

/** PBFT's replay of `trace` (built once per trace and kept with it). */
export function pbftReplay(trace: TraceColumns, replicas: number, requests: number): Replay<ReplayState> {
  let replay = cache.get(trace);
  if (!replay) {
    replay = buildReplay(trace, rules(replicas, requests));
    cache.set(trace, replay);
  }
  return replay;
}

/** Every replica's state after trace position `cursor`; the same object until something changes. */
export function pbftAt(trace: TraceColumns, replicas: number, requests: number, cursor: number): PbftMoment {
  return stateAt(pbftReplay(trace, replicas, requests), cursor);
}
