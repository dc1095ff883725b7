import type { Behaviour } from '../../core/agent';
import type { PbftRequest, PreparedProof, ViewChangeMessage } from './types';

export type PbftStatus = 'normal' | 'view-change';

/** A message of a view the replica has not entered yet, kept until it does. */
export interface BufferedMessage {
  from: number;
  tag: string;
  payload: unknown;
  view: number;
}

/**
 * One replica's state. Keys: `view:seq` for a slot, `view:seq:digest` for the votes on one
 * digest in a slot (a Byzantine sender may vote for several). Everything survives a crash
 * (PBFT replicas keep their log); only timers that fired while crashed are lost.
 */
export class PbftReplica {
  /** The current view; during a view change, the view being moved to. */
  view = 0;
  status: PbftStatus = 'normal';
  /** Primary only: the next sequence number to assign. */
  nextSeq = 1;
  readonly prePrepared = new Map<string, { digest: string; request: PbftRequest }>();
  readonly prepares = new Map<string, Set<number>>();
  readonly commits = new Map<string, Set<number>>();
  /** Slots this replica prepared (and so sent its COMMIT for). */
  readonly preparedSlots = new Set<string>();
  /** Highest-view prepared certificate per sequence number: what a VIEW-CHANGE reports. */
  readonly proofs = new Map<number, PreparedProof>();
  /** Committed-local, per sequence number. */
  readonly committed = new Map<number, { digest: string; request: PbftRequest }>();
  lastExecuted = 0;
  readonly executedIds = new Set<number>();
  /** The state machine: request values executed, in order. */
  readonly machine: string[] = [];
  /** Requests received from the client and not executed yet. */
  readonly pending = new Map<number, PbftRequest>();
  /** Primary only: request ids given a sequence number in the current view. */
  readonly assigned = new Set<number>();
  /** View → sender → the (verified) VIEW-CHANGE it sent for that view. */
  readonly viewChanges = new Map<number, Map<number, ViewChangeMessage>>();
  readonly newViewSent = new Set<number>();
  readonly future: BufferedMessage[] = [];
  timerGen = 0;
  timerRunning = false;
  /** A timer fired while the replica was crashed: re-armed when it comes back. */
  timerLost = false;
  /** View changes started since a request last executed: the timeout doubles with each. */
  failedViewChanges = 0;

  constructor(
    readonly index: number,
    readonly behaviour: Behaviour,
  ) {}

  get honest(): boolean {
    return this.behaviour === 'honest';
  }

  /** Replicas that follow the protocol's normal case (honest and stubborn ones). */
  get follows(): boolean {
    return this.behaviour === 'honest' || this.behaviour === 'stubborn';
  }
}

export const slotKey = (view: number, seq: number): string => `${view}:${seq}`;
export const voteKey = (view: number, seq: number, digest: string): string => `${view}:${seq}:${digest}`;

/** Adds `from` to the voters of `key`; returns how many there are now. */
export function addVote(votes: Map<string, Set<number>>, key: string, from: number): number {
  let set = votes.get(key);
  if (set === undefined) {
    set = new Set();
    votes.set(key, set);
  }
  set.add(from);
  return set.size;
}
