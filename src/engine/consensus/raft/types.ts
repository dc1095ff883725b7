/** Raft's wire format and state shapes (Ongaro & Ousterhout, extended paper, Figure 2). */

export type RaftRole = 'follower' | 'candidate' | 'leader';

/** One log entry. `uid` names the entry a leader created, so properties can tell entries apart. */
export interface RaftEntry {
  term: number;
  /** The client command's id (its position in the run's `commands`). */
  command: number;
  value: string;
  uid: number;
}

/** Message tags: one per RPC and reply. */
export const RAFT_TAGS = {
  requestVote: 'raft-request-vote',
  vote: 'raft-vote',
  append: 'raft-append',
  appendReply: 'raft-append-reply',
} as const;
export type RaftTag = (typeof RAFT_TAGS)[keyof typeof RAFT_TAGS];

export interface RequestVoteMessage {
  term: number;
  lastLogIndex: number;
  lastLogTerm: number;
}

export interface VoteMessage {
  term: number;
  granted: boolean;
}

export interface AppendMessage {
  term: number;
  prevLogIndex: number;
  prevLogTerm: number;
  entries: RaftEntry[];
  leaderCommit: number;
}

export interface AppendReplyMessage {
  term: number;
  success: boolean;
  /** The probe this answers, so a stale or duplicated failure does not back nextIndex off twice. */
  prevLogIndex: number;
  /** On success, the index of the last entry the follower now matches. */
  matchIndex: number;
}
