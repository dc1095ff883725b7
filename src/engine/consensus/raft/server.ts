import type { RaftEntry, RaftRole } from './types';

/**
 * One Raft server's state, as Figure 2 divides it: persistent state survives a
 * crash (it is on stable storage before any reply), volatile state does not.
 * Log indices are 1-based as in the paper: entry i is `log[i − 1]`.
 */
export class RaftServer {
  // Persistent state.
  currentTerm = 0;
  /** The candidate voted for in `currentTerm`, or −1. */
  votedFor = -1;
  /** Only for the teaching double voter: its second vote in `currentTerm`, or −1. */
  secondVote = -1;
  readonly log: RaftEntry[] = [];
  /** Hash of the log prefix up to each entry (for the Log Matching check), parallel to `log`. */
  readonly prefix: number[] = [];

  // Volatile state.
  role: RaftRole = 'follower';
  commitIndex = 0;
  lastApplied = 0;
  /** Votes received as a candidate in `currentTerm`. */
  readonly votes = new Set<number>();
  /** Leader only: next entry to send to each server, and highest entry known replicated on it. */
  readonly nextIndex: Int32Array;
  readonly matchIndex: Int32Array;
  /** The state machine: the values of the commands applied, in order (duplicates skipped). */
  machine: string[] = [];
  appliedCommands = new Set<number>();
  /** Timers cannot be cancelled: a timer whose generation is stale is ignored when it fires. */
  electionGen = 0;
  heartbeatGen = 0;
  /** False from a crash until the restart. */
  up = true;

  constructor(
    readonly index: number,
    servers: number,
  ) {
    this.nextIndex = new Int32Array(servers);
    this.matchIndex = new Int32Array(servers);
  }

  get lastIndex(): number {
    return this.log.length;
  }

  get lastTerm(): number {
    return this.termAt(this.log.length);
  }

  /** The term of entry `index`, 0 for index 0 (the empty prefix) and past the end. */
  termAt(index: number): number {
    return index >= 1 && index <= this.log.length ? this.log[index - 1].term : 0;
  }

  /** What a crash loses: role, commit knowledge, the state machine (rebuilt by re-applying the log). */
  loseVolatileState(): void {
    this.role = 'follower';
    this.commitIndex = 0;
    this.lastApplied = 0;
    this.votes.clear();
    this.nextIndex.fill(0);
    this.matchIndex.fill(0);
    this.machine = [];
    this.appliedCommands = new Set();
    this.electionGen++;
    this.heartbeatGen++;
  }
}

/** §5.4.1: a candidate's log is at least as up-to-date as the voter's (later last term, or same and as long). */
export function isUpToDate(lastLogTerm: number, lastLogIndex: number, voter: RaftServer): boolean {
  return lastLogTerm > voter.lastTerm || (lastLogTerm === voter.lastTerm && lastLogIndex >= voter.lastIndex);
}
