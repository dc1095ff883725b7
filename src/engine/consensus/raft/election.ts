import type { RaftCluster } from './cluster';
import { broadcastAppend } from './replication';
import { isUpToDate } from './server';
import { RAFT_TAGS, type RequestVoteMessage, type VoteMessage } from './types';

/**
 * "If election timeout elapses without receiving AppendEntries from the current leader or
 * granting vote to a candidate: convert to candidate" — increment currentTerm, vote for
 * self, reset the election timer, send RequestVote to all other servers.
 */
export function startElection(c: RaftCluster, a: number): void {
  const s = c.servers[a];
  s.currentTerm++;
  s.votedFor = a;
  s.secondVote = -1;
  s.votes.clear();
  s.votes.add(a);
  c.candidacies++;
  c.setRole(a, 'candidate');
  c.armElection(a);
  const message: RequestVoteMessage = { term: s.currentTerm, lastLogIndex: s.lastIndex, lastLogTerm: s.lastTerm };
  for (let b = 0; b < c.servers.length; b++) if (b !== a) c.send(a, b, RAFT_TAGS.requestVote, message);
  if (s.votes.size >= c.majority) becomeLeader(c, a);
}

/** RequestVote receiver (Figure 2), with the teaching switches that break it. */
export function handleRequestVote(c: RaftCluster, a: number, candidate: number, m: RequestVoteMessage): void {
  c.observeTerm(a, m.term);
  const s = c.servers[a];
  let granted = false;
  if (m.term === s.currentTerm && mayVoteFor(c, a, candidate)) {
    granted = c.params.teaching.skipUpToDateCheck || isUpToDate(m.lastLogTerm, m.lastLogIndex, s);
  }
  if (granted) {
    const second = s.votedFor !== -1 && s.votedFor !== candidate;
    if (second) s.secondVote = candidate;
    else s.votedFor = candidate;
    c.emit({
      name: 'voteGranted',
      agent: a,
      peer: candidate,
      detail: second ? { term: s.currentTerm, second: true } : { term: s.currentTerm },
    });
    // Granting a vote resets the election timer, so a voter does not stand against the candidate it chose.
    c.armElection(a);
  }
  const reply: VoteMessage = { term: s.currentTerm, granted };
  c.send(a, candidate, RAFT_TAGS.vote, reply);
}

/** votedFor is null or candidateId — or, for the teaching double voter, a second vote still unused. */
function mayVoteFor(c: RaftCluster, a: number, candidate: number): boolean {
  const s = c.servers[a];
  if (s.votedFor === -1 || s.votedFor === candidate) return true;
  return a === c.doubleVoter && (s.secondVote === -1 || s.secondVote === candidate);
}

export function handleVote(c: RaftCluster, a: number, voter: number, m: VoteMessage): void {
  c.observeTerm(a, m.term);
  const s = c.servers[a];
  if (s.role !== 'candidate' || m.term !== s.currentTerm || !m.granted) return;
  s.votes.add(voter);
  if (s.votes.size >= c.majority) becomeLeader(c, a);
}

/** "If votes received from majority of servers: become leader"; reinitialise nextIndex and matchIndex. */
export function becomeLeader(c: RaftCluster, a: number): void {
  const s = c.servers[a];
  s.electionGen++; // a leader runs no election timer
  c.setRole(a, 'leader');
  s.nextIndex.fill(s.lastIndex + 1);
  s.matchIndex.fill(0);
  s.matchIndex[a] = s.lastIndex;
  c.leaders.push({ term: s.currentTerm, agent: a, atMs: c.now });
  c.history.leaderElected(
    a,
    s.currentTerm,
    s.log,
    [...s.votes].sort((x, y) => x - y),
    c.now,
  );
  s.votes.clear();
  // "Upon election: send initial empty AppendEntries RPCs (heartbeat) to each server."
  broadcastAppend(c, a);
  c.armHeartbeat(a);
}
