import type { RaftCluster } from './cluster';
import { type AppendMessage, type AppendReplyMessage, RAFT_TAGS } from './types';

/** AppendEntries from leader `a` to `b`, starting at nextIndex[b] (empty: a heartbeat). */
export function sendAppend(c: RaftCluster, a: number, b: number): void {
  const s = c.servers[a];
  const prev = s.nextIndex[b] - 1;
  const entries = s.log.slice(prev, prev + c.params.maxEntriesPerAppend);
  if (entries.length > 0) c.counts.appendWithEntries++;
  const message: AppendMessage = {
    term: s.currentTerm,
    prevLogIndex: prev,
    prevLogTerm: s.termAt(prev),
    entries,
    leaderCommit: s.commitIndex,
  };
  c.send(a, b, RAFT_TAGS.append, message);
}

export function broadcastAppend(c: RaftCluster, a: number): void {
  for (let b = 0; b < c.servers.length; b++) if (b !== a) sendAppend(c, a, b);
}

/** A leader takes a client command: appends it to its own log and replicates it at once. */
export function acceptCommand(c: RaftCluster, a: number, command: number, value: string): void {
  const s = c.servers[a];
  const entry = c.newEntry(a, command, value);
  c.appendToLog(a, entry);
  s.matchIndex[a] = s.lastIndex;
  c.emit({
    name: 'commandAccepted',
    agent: a,
    detail: { command, index: s.lastIndex, term: s.currentTerm, value },
  });
  advanceCommit(c, a); // a cluster of one commits alone
  for (let b = 0; b < c.servers.length; b++) if (b !== a && s.nextIndex[b] <= s.lastIndex) sendAppend(c, a, b);
}

/** AppendEntries receiver (Figure 2): term check, consistency check, conflict repair, commit. */
export function handleAppend(c: RaftCluster, a: number, leader: number, m: AppendMessage): void {
  c.observeTerm(a, m.term);
  const s = c.servers[a];
  const reply: AppendReplyMessage = {
    term: s.currentTerm,
    success: false,
    prevLogIndex: m.prevLogIndex,
    matchIndex: 0,
  };
  if (m.term < s.currentTerm) {
    c.send(a, leader, RAFT_TAGS.appendReply, reply);
    return;
  }
  // Same term: a candidate has lost to this leader. (A leader hearing another leader of its own term
  // happens only with a broken rule; it gives way too, so the rest of the run stays defined.)
  if (s.role !== 'follower') c.becomeFollower(a);
  c.armElection(a);
  if (m.prevLogIndex > s.lastIndex || s.termAt(m.prevLogIndex) !== m.prevLogTerm) {
    c.send(a, leader, RAFT_TAGS.appendReply, reply);
    return;
  }
  mergeEntries(c, a, leader, m);
  const lastNew = m.prevLogIndex + m.entries.length;
  if (m.leaderCommit > s.commitIndex) c.commitUpTo(a, Math.min(m.leaderCommit, lastNew));
  c.send(a, leader, RAFT_TAGS.appendReply, { ...reply, success: true, matchIndex: lastNew });
}

/**
 * "If an existing entry conflicts with a new one (same index but different terms), delete the
 * existing entry and all that follow it. Append any new entries not already in the log." Entries
 * that match are kept, so a stale AppendEntries never cuts entries a later one added.
 */
function mergeEntries(c: RaftCluster, a: number, leader: number, m: AppendMessage): void {
  const s = c.servers[a];
  let fromIndex = -1;
  let truncatedFrom = -1;
  m.entries.forEach((entry, i) => {
    const index = m.prevLogIndex + 1 + i;
    if (index <= s.lastIndex) {
      if (s.termAt(index) === entry.term) return;
      truncatedFrom = index;
      c.truncateLog(a, index);
    }
    c.appendToLog(a, entry);
    if (fromIndex < 0) fromIndex = index;
  });
  if (fromIndex < 0) return;
  const detail = { term: m.term, fromIndex, count: s.lastIndex - fromIndex + 1 };
  c.emit({
    name: 'entriesAppended',
    agent: a,
    peer: leader,
    detail: truncatedFrom < 0 ? detail : { ...detail, truncatedFrom },
  });
}

/** The leader's side: advance matchIndex and commit, or back nextIndex off by one and retry (log repair). */
export function handleAppendReply(c: RaftCluster, a: number, b: number, m: AppendReplyMessage): void {
  c.observeTerm(a, m.term);
  const s = c.servers[a];
  if (s.role !== 'leader' || m.term !== s.currentTerm) return;
  if (m.success) {
    // A stale or duplicated reply tells nothing new; answering it would multiply messages.
    if (m.matchIndex <= s.matchIndex[b]) return;
    s.matchIndex[b] = m.matchIndex;
    s.nextIndex[b] = Math.max(s.nextIndex[b], m.matchIndex + 1);
    advanceCommit(c, a);
    if (s.nextIndex[b] <= s.lastIndex) sendAppend(c, a, b);
    return;
  }
  if (m.prevLogIndex !== s.nextIndex[b] - 1) return; // answers an older probe
  s.nextIndex[b] = Math.max(s.matchIndex[b] + 1, s.nextIndex[b] - 1);
  sendAppend(c, a, b);
}

/**
 * "If there exists an N > commitIndex such that a majority of matchIndex[i] ≥ N, and
 * log[N].term == currentTerm: set commitIndex = N" (§5.3, §5.4). The teaching switch drops
 * the term condition, which is what the paper's Figure 8 shows to be unsafe.
 */
export function advanceCommit(c: RaftCluster, a: number): void {
  const s = c.servers[a];
  const anyTerm = c.params.teaching.commitPreviousTermsByCounting;
  for (let n = s.lastIndex; n > s.commitIndex; n--) {
    if (!anyTerm && s.termAt(n) !== s.currentTerm) return; // terms only fall further down the log
    let count = 0;
    for (let i = 0; i < c.servers.length; i++) if (s.matchIndex[i] >= n) count++;
    if (count < c.majority) continue;
    const from = s.commitIndex + 1;
    const entries = s.log.slice(from - 1, n);
    c.history.committed(a, s.currentTerm, from, entries, c.now);
    entries.forEach((e, i) => {
      c.onCommitted(e.command, from + i, c.now);
    });
    c.commitUpTo(a, n);
    return;
  }
}
