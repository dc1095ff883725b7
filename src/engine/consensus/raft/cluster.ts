import type { Prng } from '../../core/prng';
import type { Network } from '../../network/network';
import type { Trace } from '../../trace/trace';
import { handleRequestVote, handleVote, startElection } from './election';
import { type RaftTraceEvent, traceRaft } from './events';
import type { RaftParams } from './params';
import { extendPrefixHash, RaftHistory } from './properties';
import { broadcastAppend, handleAppend, handleAppendReply } from './replication';
import { RaftServer } from './server';
import {
  type AppendMessage,
  type AppendReplyMessage,
  RAFT_TAGS,
  type RaftEntry,
  type RaftRole,
  type RaftTag,
  type RequestVoteMessage,
  type VoteMessage,
} from './types';

const COUNT_OF: Record<RaftTag, keyof RaftMessageCounts> = {
  [RAFT_TAGS.requestVote]: 'requestVote',
  [RAFT_TAGS.vote]: 'vote',
  [RAFT_TAGS.append]: 'append',
  [RAFT_TAGS.appendReply]: 'appendReply',
};

const ELECTION = 0;
const HEARTBEAT = 1;

/** Messages sent, by kind. `appendWithEntries` counts the AppendEntries that carried at least one entry. */
export interface RaftMessageCounts {
  requestVote: number;
  vote: number;
  append: number;
  appendWithEntries: number;
  appendReply: number;
}

/**
 * The servers of one Raft run and the state changes they share (term, role, log, commit,
 * apply, timers). The RPC handlers live in `election.ts` and `replication.ts`; every
 * random choice (election timeouts) is drawn from `rng`.
 */
export class RaftCluster {
  readonly servers: RaftServer[];
  readonly majority: number;
  readonly history: RaftHistory;
  readonly counts: RaftMessageCounts = { requestVote: 0, vote: 0, append: 0, appendWithEntries: 0, appendReply: 0 };
  readonly leaders: { term: number; agent: number; atMs: number }[] = [];
  candidacies = 0;
  private nextUid = 1;
  /** Called when a server applies a command (the client hears the first reply). */
  onApplied: (command: number, atMs: number) => void = () => {};
  /** Called when a leader commits a command (first time only is what the client tracks). */
  onCommitted: (command: number, index: number, atMs: number) => void = () => {};

  constructor(
    readonly net: Network,
    readonly trace: Trace,
    readonly rng: Prng,
    readonly params: RaftParams,
    readonly ids: readonly string[],
    /** Index of the teaching double voter, or −1. */
    readonly doubleVoter: number,
  ) {
    const n = ids.length;
    this.servers = Array.from({ length: n }, (_, i) => new RaftServer(i, n));
    this.majority = Math.floor(n / 2) + 1;
    this.history = new RaftHistory(ids, (property, agent) =>
      this.emit({ name: 'propertyViolated', agent, detail: { property } }),
    );
  }

  get now(): number {
    return this.net.now;
  }

  start(): void {
    for (const s of this.servers) if (this.net.isAlive(s.index)) this.armElection(s.index);
  }

  emit(event: RaftTraceEvent): void {
    traceRaft(this.trace, this.net.now, event);
  }

  send(from: number, to: number, tag: RaftTag, payload: unknown): void {
    this.counts[COUNT_OF[tag]]++;
    this.net.send(from, to, tag, payload);
  }

  armElection(a: number): void {
    const s = this.servers[a];
    s.electionGen++;
    const { electionTimeoutMsMin: lo, electionTimeoutMsMax: hi } = this.params;
    this.net.setTimer(a, this.rng.range(lo, hi), s.electionGen * 2 + ELECTION);
  }

  armHeartbeat(a: number): void {
    const s = this.servers[a];
    s.heartbeatGen++;
    this.net.setTimer(a, this.params.heartbeatMs, s.heartbeatGen * 2 + HEARTBEAT);
  }

  setRole(a: number, role: RaftRole): void {
    const s = this.servers[a];
    s.role = role;
    this.emit({ name: 'roleChanged', agent: a, detail: { role, term: s.currentTerm } });
  }

  /** "If RPC request or response contains term T > currentTerm: set currentTerm = T, convert to follower." */
  observeTerm(a: number, term: number): void {
    const s = this.servers[a];
    if (term <= s.currentTerm) return;
    s.currentTerm = term;
    s.votedFor = -1;
    s.secondVote = -1;
    if (s.role !== 'follower') this.becomeFollower(a);
  }

  becomeFollower(a: number): void {
    const s = this.servers[a];
    const wasLeader = s.role === 'leader';
    this.setRole(a, 'follower');
    s.votes.clear();
    s.heartbeatGen++;
    // A leader ran no election timer: a deposed leader needs one to ever stand again.
    if (wasLeader) this.armElection(a);
  }

  /** A leader creates an entry for a client command (a uid that names it for the properties). */
  newEntry(a: number, command: number, value: string): RaftEntry {
    return { term: this.servers[a].currentTerm, command, value, uid: this.nextUid++ };
  }

  /** The one place a log grows: keeps the prefix hashes and tells the Log Matching check. */
  appendToLog(a: number, entry: RaftEntry): void {
    const s = this.servers[a];
    const prev = s.prefix.length === 0 ? 0 : s.prefix[s.prefix.length - 1];
    const hash = extendPrefixHash(prev, entry.uid);
    s.log.push(entry);
    s.prefix.push(hash);
    this.history.entryWritten(a, s.log.length, entry, hash, this.now);
  }

  /** The one place a log shrinks: removes entries `fromIndex`… (Leader Append-Only is checked here). */
  truncateLog(a: number, fromIndex: number): void {
    const s = this.servers[a];
    this.history.logTruncated(a, fromIndex, s.role === 'leader', s.currentTerm, this.now);
    s.log.length = fromIndex - 1;
    s.prefix.length = fromIndex - 1;
  }

  /** Raises the commit index (never lowers it) and applies what became committed. */
  commitUpTo(a: number, index: number): void {
    const s = this.servers[a];
    if (index <= s.commitIndex) return;
    s.commitIndex = index;
    this.emit({ name: 'commitAdvanced', agent: a, detail: { term: s.currentTerm, commitIndex: index } });
    this.applyCommitted(a);
  }

  /** "If commitIndex > lastApplied: increment lastApplied, apply log[lastApplied] to the state machine." */
  private applyCommitted(a: number): void {
    const s = this.servers[a];
    while (s.lastApplied < s.commitIndex) {
      s.lastApplied++;
      const entry = s.log[s.lastApplied - 1];
      // Retried commands can sit in the log twice (§8): the state machine runs each command once.
      const duplicate = s.appliedCommands.has(entry.command);
      if (!duplicate) {
        s.appliedCommands.add(entry.command);
        s.machine.push(entry.value);
      }
      const detail = { index: s.lastApplied, term: entry.term, command: entry.command, value: entry.value };
      this.emit({ name: 'entryApplied', agent: a, detail: duplicate ? { ...detail, duplicate: true } : detail });
      this.history.applied(a, s.lastApplied, entry, this.now);
      this.onApplied(entry.command, this.now);
    }
  }

  onTimer(a: number, timer: number): void {
    const s = this.servers[a];
    if (!s.up) return;
    const kind = timer % 2;
    const gen = (timer - kind) / 2;
    if (kind === ELECTION && gen === s.electionGen && s.role !== 'leader') startElection(this, a);
    else if (kind === HEARTBEAT && gen === s.heartbeatGen && s.role === 'leader') {
      broadcastAppend(this, a);
      this.armHeartbeat(a);
    }
  }

  onMessage(to: number, from: number, tag: string, payload: unknown): void {
    if (!this.servers[to].up) return;
    switch (tag as RaftTag) {
      case RAFT_TAGS.requestVote:
        handleRequestVote(this, to, from, payload as RequestVoteMessage);
        break;
      case RAFT_TAGS.vote:
        handleVote(this, to, from, payload as VoteMessage);
        break;
      case RAFT_TAGS.append:
        handleAppend(this, to, from, payload as AppendMessage);
        break;
      case RAFT_TAGS.appendReply:
        handleAppendReply(this, to, from, payload as AppendReplyMessage);
        break;
    }
  }

  /** The network crashed `a`: it stops, and its volatile state is gone. */
  crashed(a: number): void {
    const s = this.servers[a];
    s.loseVolatileState();
    s.up = false;
  }

  /** The network brought `a` back: it restarts as a follower from its persistent state. */
  recovered(a: number): void {
    const s = this.servers[a];
    s.up = true;
    this.emit({ name: 'serverRestarted', agent: a, detail: { term: s.currentTerm, logLength: s.log.length } });
    this.armElection(a);
  }
}
