import { DueQueue, type TimedActions } from '../raft/drive';
import type { PbftCluster } from './cluster';
import { receiveRequest } from './normalCase';

/** What became of one client request. */
export interface PbftRequestOutcome {
  request: number;
  value: string;
  atMs: number;
  /** Times the client sent it to the replicas (again after `clientRetryMs` without f + 1 matching replies). */
  sends: number;
  /** The sequence number f + 1 replicas replied with, and when the last of them did; null if never. */
  seq: number | null;
  committedAtMs: number | null;
}

/**
 * The client outside the swarm: at each request's time it hands the request to every live
 * replica (PBFT's client may multicast its requests) and accepts a result once f + 1
 * replicas reply with the same sequence number — at least one of them is honest.
 */
export class PbftClient implements TimedActions {
  readonly outcomes: PbftRequestOutcome[];
  private readonly due = new DueQueue<number>();
  /** Request → sequence number → replicas that replied so. */
  private readonly replies = new Map<number, Map<number, Set<number>>>();

  constructor(private readonly cluster: PbftCluster) {
    this.outcomes = cluster.params.commands.map((c, request) => ({
      request,
      value: c.value,
      atMs: c.atMs,
      sends: 0,
      seq: null,
      committedAtMs: null,
    }));
    for (const o of this.outcomes) this.due.schedule(o.atMs, o.request);
    cluster.onReply = (replica, request, seq) => this.reply(replica, request, seq);
  }

  nextAtMs(): number {
    return this.due.nextAtMs;
  }

  fireDue(nowMs: number): void {
    for (let id = this.due.popDue(nowMs); id !== undefined; id = this.due.popDue(nowMs)) {
      const o = this.outcomes[id];
      if (o.committedAtMs !== null) continue;
      o.sends++;
      const request = { id, value: o.value };
      for (let r = 0; r < this.cluster.n; r++)
        if (this.cluster.net.isAlive(r)) receiveRequest(this.cluster, r, request);
      this.due.schedule(nowMs + this.cluster.params.clientRetryMs, id);
    }
  }

  private reply(replica: number, request: number, seq: number): void {
    const o = this.outcomes[request];
    if (o.committedAtMs !== null) return;
    let bySeq = this.replies.get(request);
    if (bySeq === undefined) {
      bySeq = new Map();
      this.replies.set(request, bySeq);
    }
    let from = bySeq.get(seq);
    if (from === undefined) {
      from = new Set();
      bySeq.set(seq, from);
    }
    from.add(replica);
    if (from.size < this.cluster.quorums.reply) return;
    o.seq = seq;
    o.committedAtMs = this.cluster.now;
    this.cluster.emit({ name: 'requestCommitted', agent: replica, detail: { request, seq } });
  }
}
