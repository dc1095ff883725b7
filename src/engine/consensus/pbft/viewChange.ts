import type { PbftCluster } from './cluster';
import { acceptPrePrepare, assign } from './normalCase';
import {
  type NewViewMessage,
  NULL_DIGEST,
  NULL_REQUEST,
  PBFT_TAGS,
  type PbftRequest,
  type PreparedProof,
  requestDigest,
  type ViewChangeMessage,
} from './types';

/** One pre-prepare of a NEW-VIEW's O. */
export type NewViewOrder = NewViewMessage['prePrepares'][number];

/**
 * O from V (Castro & Liskov §4.4, no checkpoints so min-s = 0): for every sequence number up
 * to the highest prepared in V, the request of the certificate with the highest view, or the
 * null request where no certificate names it. A pure function, so backups recompute and compare.
 * @example computeNewViewOrders([{ from: 1, prepared: [] }]) // []
 */
export function computeNewViewOrders(
  viewChanges: readonly { from: number; prepared: readonly PreparedProof[] }[],
): NewViewOrder[] {
  const best = new Map<number, PreparedProof>();
  let maxSeq = 0;
  for (const vc of viewChanges) {
    for (const proof of vc.prepared) {
      const current = best.get(proof.seq);
      if (current === undefined || proof.view > current.view) best.set(proof.seq, proof);
      maxSeq = Math.max(maxSeq, proof.seq);
    }
  }
  const orders: NewViewOrder[] = [];
  for (let seq = 1; seq <= maxSeq; seq++) {
    const proof = best.get(seq);
    orders.push(
      proof === undefined
        ? { seq, digest: NULL_DIGEST, request: NULL_REQUEST }
        : { seq, digest: proof.digest, request: proof.request },
    );
  }
  return orders;
}

/** A backup gives up on view `rep.view`: moves to `view`, multicasts VIEW-CHANGE with its certificates. */
export function startViewChange(c: PbftCluster, r: number, view: number): void {
  const rep = c.replicas[r];
  if (!rep.honest || view <= rep.view) return; // stubborn and lying replicas never ask for a view change
  rep.view = view;
  rep.status = 'view-change';
  rep.failedViewChanges++;
  c.armTimer(r);
  const prepared = [...rep.proofs.values()].sort((a, b) => a.seq - b.seq);
  c.signatures.signViewChange(r, view, prepared);
  const message: ViewChangeMessage = { view, prepared };
  viewChangesFor(c, r, view).set(r, message);
  c.emit({ name: 'viewChangeStarted', agent: r, detail: { view } });
  c.multicast(r, PBFT_TAGS.viewChange, message);
  maybeSendNewView(c, r, view);
}

export function handleViewChange(c: PbftCluster, r: number, from: number, m: ViewChangeMessage): void {
  const rep = c.replicas[r];
  if (!rep.follows || !validViewChange(c, from, m)) return;
  if (m.view < rep.view || (m.view === rep.view && rep.status === 'normal')) return;
  const senders = viewChangesFor(c, r, m.view);
  if (senders.has(from)) return;
  senders.set(from, m);
  if (m.view > rep.view) joinIfOthersHave(c, r);
  maybeSendNewView(c, r, m.view);
}

/** f + 1 replicas asking for views above mine include an honest one: join the smallest such view. */
function joinIfOthersHave(c: PbftCluster, r: number): void {
  const rep = c.replicas[r];
  const senders = new Set<number>();
  let smallest = Number.POSITIVE_INFINITY;
  for (const [view, byFrom] of rep.viewChanges) {
    if (view <= rep.view) continue;
    for (const from of byFrom.keys()) senders.add(from);
    smallest = Math.min(smallest, view);
  }
  if (senders.size >= c.quorums.join) startViewChange(c, r, smallest);
}

/** The new primary, with 2f + 1 VIEW-CHANGE messages for its view, multicasts NEW-VIEW and enters it. */
function maybeSendNewView(c: PbftCluster, p: number, view: number): void {
  const rep = c.replicas[p];
  if (c.primaryOf(view) !== p || !rep.honest || rep.view !== view || rep.status !== 'view-change') return;
  const byFrom = rep.viewChanges.get(view);
  if (byFrom === undefined || byFrom.size < c.quorums.viewChange || rep.newViewSent.has(view)) return;
  rep.newViewSent.add(view);
  const viewChanges = [...byFrom.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([from, vc]) => ({ from, prepared: vc.prepared }));
  const prePrepares = computeNewViewOrders(viewChanges);
  for (const o of prePrepares) c.signatures.signPrePrepare(p, view, o.seq, o.digest);
  const message: NewViewMessage = { view, viewChanges, prePrepares };
  c.multicast(p, PBFT_TAGS.newView, message);
  enterView(c, p, view, prePrepares);
}

/** A backup checks NEW-VIEW: from the view's primary, 2f + 1 signed and valid VIEW-CHANGEs, and O recomputed. */
export function handleNewView(c: PbftCluster, r: number, from: number, m: NewViewMessage): void {
  const rep = c.replicas[r];
  if (!rep.follows || from !== c.primaryOf(m.view)) return;
  if (m.view < rep.view || (m.view === rep.view && rep.status === 'normal')) return;
  const senders = new Set(m.viewChanges.map((vc) => vc.from));
  if (senders.size !== m.viewChanges.length || senders.size < c.quorums.viewChange) return;
  for (const vc of m.viewChanges) {
    const message: ViewChangeMessage = { view: m.view, prepared: vc.prepared };
    if (!c.signatures.hasViewChange(vc.from, m.view, vc.prepared) || !validViewChange(c, vc.from, message)) return;
  }
  const expected = computeNewViewOrders(m.viewChanges);
  const same =
    expected.length === m.prePrepares.length &&
    expected.every((o, i) => o.seq === m.prePrepares[i].seq && o.digest === m.prePrepares[i].digest);
  if (!same) return;
  enterView(c, r, m.view, m.prePrepares);
}

/** Enters `view`: its O as pre-prepares, the kept messages of the view, and (primary) the requests still waiting. */
function enterView(c: PbftCluster, r: number, view: number, orders: readonly NewViewOrder[]): void {
  const rep = c.replicas[r];
  const primary = c.primaryOf(view);
  rep.view = view;
  rep.status = 'normal';
  c.emit({ name: 'viewEntered', agent: r, detail: { view, primary } });
  c.noteView(view, r);
  if (primary === r) {
    rep.assigned.clear();
    rep.nextSeq = orders.length + 1;
    for (const o of orders) if (o.request.id >= 0) rep.assigned.add(o.request.id);
  }
  for (const o of orders) acceptPrePrepare(c, r, view, o.seq, o.digest, o.request);
  c.replayFuture(r, view);
  if (primary === r) {
    const waiting: PbftRequest[] = [...rep.pending.values()].sort((a, b) => a.id - b.id);
    for (const request of waiting)
      if (!rep.assigned.has(request.id) && rep.pending.has(request.id)) assign(c, r, request);
  }
  if (rep.pending.size > 0) c.armTimer(r);
  else c.cancelTimer(r);
}

/** Every certificate is for an earlier view, matches its request, and is signed by a quorum. */
function validViewChange(c: PbftCluster, _from: number, m: ViewChangeMessage): boolean {
  return m.prepared.every(
    (p) =>
      p.view < m.view &&
      p.digest === requestDigest(p.request) &&
      c.signatures.provesPrepared(p, c.primaryOf(p.view), c.quorums.prepare),
  );
}

function viewChangesFor(c: PbftCluster, r: number, view: number): Map<number, ViewChangeMessage> {
  const all = c.replicas[r].viewChanges;
  let byFrom = all.get(view);
  if (byFrom === undefined) {
    byFrom = new Map();
    all.set(view, byFrom);
  }
  return byFrom;
}
