import { type Version, wrongDigest } from './behaviours';
import { type PbftCluster, SEQ_WINDOW } from './cluster';
import { addVote, slotKey, voteKey } from './replica';
import {
  NULL_DIGEST,
  NULL_REQUEST,
  PBFT_TAGS,
  type PbftRequest,
  type PrePrepareMessage,
  requestDigest,
  type VoteMessage,
} from './types';

/** The client's request reaches replica `r`: a primary orders it, a backup starts its timer. */
export function receiveRequest(c: PbftCluster, r: number, request: PbftRequest): void {
  const rep = c.replicas[r];
  if (rep.behaviour === 'silent' || rep.executedIds.has(request.id)) return;
  const primary = c.primaryOf(rep.view) === r;
  if (!rep.follows) {
    // A lying replica has no view changes: it is primary of view 0 at most.
    if (primary && !rep.assigned.has(request.id)) lieAsPrimary(c, r, request);
    return;
  }
  if (!rep.pending.has(request.id)) {
    rep.pending.set(request.id, request);
    c.emit({ name: 'requestReceived', agent: r, detail: { request: request.id, digest: requestDigest(request) } });
  }
  if (rep.status === 'normal' && primary) {
    if (!rep.assigned.has(request.id)) assign(c, r, request);
  } else if (!rep.timerRunning) c.armTimer(r);
}

/** An honest primary gives the request the next sequence number and multicasts PRE-PREPARE. */
export function assign(c: PbftCluster, p: number, request: PbftRequest): void {
  const rep = c.replicas[p];
  const seq = rep.nextSeq++;
  rep.assigned.add(request.id);
  const digest = requestDigest(request);
  c.signatures.signPrePrepare(p, rep.view, seq, digest);
  const message: PrePrepareMessage = { view: rep.view, seq, digest, request };
  c.multicast(p, PBFT_TAGS.prePrepare, message);
  acceptPrePrepare(c, p, rep.view, seq, digest, request);
  c.onAssigned(p);
}

export function handlePrePrepare(c: PbftCluster, r: number, from: number, m: PrePrepareMessage): void {
  const rep = c.replicas[r];
  if (!rep.follows) {
    lieAsBackup(c, r, m.view, m.seq, { digest: m.digest, request: m.request });
    return;
  }
  if (from !== c.primaryOf(m.view) || !c.inView(r, from, PBFT_TAGS.prePrepare, m, m.view)) return;
  // The digest must be the request's, the request a client's, the number inside the watermarks.
  if (m.digest !== requestDigest(m.request) || !(m.request.id < 0 || c.issued(m.request))) return;
  if (m.seq < 1 || m.seq > rep.lastExecuted + SEQ_WINDOW) return;
  acceptPrePrepare(c, r, m.view, m.seq, m.digest, m.request);
}

/**
 * Logs a pre-prepare (from the primary, or from a NEW-VIEW); a backup multicasts its PREPARE.
 * The first pre-prepare of a slot wins: a second, different one is the primary's equivocation.
 */
export function acceptPrePrepare(
  c: PbftCluster,
  r: number,
  view: number,
  seq: number,
  digest: string,
  request: PbftRequest,
): void {
  const rep = c.replicas[r];
  const slot = slotKey(view, seq);
  if (rep.prePrepared.has(slot)) return;
  rep.prePrepared.set(slot, { digest, request });
  c.emit({ name: 'prePrepared', agent: r, detail: { view, seq, digest } });
  if (r !== c.primaryOf(view)) {
    c.signatures.signPrepare(r, view, seq, digest);
    const message: VoteMessage = { view, seq, digest };
    c.multicast(r, PBFT_TAGS.prepare, message);
    addVote(rep.prepares, voteKey(view, seq, digest), r);
  }
  checkPrepared(c, r, view, seq);
}

export function handlePrepare(c: PbftCluster, r: number, from: number, m: VoteMessage): void {
  const rep = c.replicas[r];
  if (!rep.follows || from === c.primaryOf(m.view)) return; // a primary does not prepare
  if (!c.inView(r, from, PBFT_TAGS.prepare, m, m.view)) return;
  addVote(rep.prepares, voteKey(m.view, m.seq, m.digest), from);
  checkPrepared(c, r, m.view, m.seq);
}

export function handleCommit(c: PbftCluster, r: number, from: number, m: VoteMessage): void {
  const rep = c.replicas[r];
  if (!rep.follows || !c.inView(r, from, PBFT_TAGS.commit, m, m.view)) return;
  addVote(rep.commits, voteKey(m.view, m.seq, m.digest), from);
  checkCommitted(c, r, m.view, m.seq);
}

/** prepared(m, v, n, i): the pre-prepare and 2f matching prepares from distinct backups. */
function checkPrepared(c: PbftCluster, r: number, view: number, seq: number): void {
  const rep = c.replicas[r];
  const slot = slotKey(view, seq);
  const pp = rep.prePrepared.get(slot);
  if (pp === undefined || rep.preparedSlots.has(slot)) return;
  if ((rep.prepares.get(voteKey(view, seq, pp.digest))?.size ?? 0) < c.quorums.prepare) return;
  rep.preparedSlots.add(slot);
  const proof = rep.proofs.get(seq);
  if (proof === undefined || proof.view < view)
    rep.proofs.set(seq, { seq, view, digest: pp.digest, request: pp.request });
  c.emit({ name: 'prepared', agent: r, detail: { view, seq, digest: pp.digest } });
  const message: VoteMessage = { view, seq, digest: pp.digest };
  c.multicast(r, PBFT_TAGS.commit, message);
  addVote(rep.commits, voteKey(view, seq, pp.digest), r);
  checkCommitted(c, r, view, seq);
}

/** committed-local(m, v, n, i): prepared, and 2f + 1 matching commits (its own included). */
function checkCommitted(c: PbftCluster, r: number, view: number, seq: number): void {
  const rep = c.replicas[r];
  const slot = slotKey(view, seq);
  const pp = rep.prePrepared.get(slot);
  if (pp === undefined || !rep.preparedSlots.has(slot) || rep.committed.has(seq)) return;
  if ((rep.commits.get(voteKey(view, seq, pp.digest))?.size ?? 0) < c.quorums.commit) return;
  rep.committed.set(seq, pp);
  c.emit({ name: 'committed', agent: r, detail: { view, seq, digest: pp.digest } });
  execute(c, r);
}

/** Executes committed requests in sequence order; a request seen before under another number is skipped. */
function execute(c: PbftCluster, r: number): void {
  const rep = c.replicas[r];
  let progressed = false;
  for (
    let next = rep.committed.get(rep.lastExecuted + 1);
    next !== undefined;
    next = rep.committed.get(rep.lastExecuted + 1)
  ) {
    const seq = ++rep.lastExecuted;
    const { digest, request } = next;
    const duplicate = request.id >= 0 && rep.executedIds.has(request.id);
    if (request.id >= 0 && !duplicate) {
      rep.executedIds.add(request.id);
      rep.machine.push(request.value);
    }
    rep.pending.delete(request.id);
    const detail = { seq, digest, request: request.id, value: request.value };
    c.emit({ name: 'executed', agent: r, detail: duplicate ? { ...detail, duplicate: true } : detail });
    if (rep.honest) c.history.executed(r, seq, digest, request, rep.view, c.now);
    if (request.id >= 0 && !duplicate) c.onReply(r, request.id, seq);
    progressed = true;
  }
  if (!progressed) return;
  // "If the timer expires while waiting for a request": progress restarts it, and resets the backoff.
  rep.failedViewChanges = 0;
  if (rep.pending.size > 0) c.armTimer(r);
  else c.cancelTimer(r);
}

/** A lying primary's pre-prepares (see PBFT_BEHAVIOURS). */
function lieAsPrimary(c: PbftCluster, p: number, request: PbftRequest): void {
  const rep = c.replicas[p];
  rep.assigned.add(request.id);
  const view = rep.view;
  const seq = rep.nextSeq++;
  const honest: Version = { digest: requestDigest(request), request };
  const pair = rep.behaviour === 'equivocate' ? c.adversary.fork(view, seq, request) : undefined;
  for (let q = 0; q < c.n; q++) {
    if (q === p) continue;
    const v = pair ? pair[c.adversary.side[q]] : lieOf(c, p, honest, true);
    if (v === undefined) continue;
    c.signatures.signPrePrepare(p, view, seq, v.digest);
    c.send(p, q, PBFT_TAGS.prePrepare, { view, seq, digest: v.digest, request: v.request });
  }
  lieAsBackup(c, p, view, seq, honest);
  c.onAssigned(p);
}

/** A lying replica answers a pre-prepare with lying PREPAREs and COMMITs at once (once per slot). */
function lieAsBackup(c: PbftCluster, r: number, view: number, seq: number, seen: Version): void {
  const rep = c.replicas[r];
  const slot = slotKey(view, seq);
  if (rep.behaviour === 'silent' || rep.preparedSlots.has(slot)) return;
  rep.preparedSlots.add(slot);
  const pair = rep.behaviour === 'equivocate' ? c.adversary.versions(view, seq, seen) : undefined;
  if (pair) for (const v of pair) c.signatures.signPrepare(r, view, seq, v.digest);
  for (let q = 0; q < c.n; q++) {
    if (q === r) continue;
    for (const tag of [PBFT_TAGS.prepare, PBFT_TAGS.commit]) {
      const v = pair ? pair[c.adversary.side[q]] : lieOf(c, r, seen, false);
      if (v === undefined) continue;
      if (!pair && tag === PBFT_TAGS.prepare) c.signatures.signPrepare(r, view, seq, v.digest);
      c.send(r, q, tag, { view, seq, digest: v.digest });
    }
  }
}

/** What a flip / random / lie-in-relay replica says instead of `seen`; undefined: nothing. */
function lieOf(c: PbftCluster, r: number, seen: Version, asPrimary: boolean): Version | undefined {
  const nullVersion: Version = { digest: NULL_DIGEST, request: NULL_REQUEST };
  switch (c.replicas[r].behaviour) {
    case 'flip':
      return { digest: wrongDigest(seen.digest), request: seen.request };
    case 'lie-in-relay':
      return asPrimary ? seen : nullVersion;
    case 'random': {
      const k = c.adversary.rng.int(4);
      return k === 0
        ? seen
        : k === 1
          ? nullVersion
          : k === 2
            ? { digest: wrongDigest(seen.digest), request: seen.request }
            : undefined;
    }
    default:
      return seen;
  }
}
