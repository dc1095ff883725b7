import type { Behaviour } from '../../core/agent';
import type { Prng } from '../../core/prng';
import type { Network } from '../../network/network';
import type { Trace } from '../../trace/trace';
import { Adversary } from './behaviours';
import { type PbftTraceEvent, tracePbft } from './events';
import { handleCommit, handlePrePrepare, handlePrepare } from './normalCase';
import type { PbftParams } from './params';
import { PbftHistory } from './properties';
import { type BufferedMessage, PbftReplica } from './replica';
import { Signatures } from './signatures';
import {
  type NewViewMessage,
  PBFT_TAGS,
  type PbftRequest,
  type PbftTag,
  type PrePrepareMessage,
  type ViewChangeMessage,
  type VoteMessage,
} from './types';
import { handleNewView, handleViewChange, startViewChange } from './viewChange';

/** Messages sent, by phase. */
export interface PbftMessageCounts {
  prePrepare: number;
  prepare: number;
  commit: number;
  viewChange: number;
  newView: number;
}

/**
 * How many matching messages each step needs. The paper's 2f + 1 assumes n = 3f + 1; for any
 * n ≥ 3f + 1 the quorum is ⌈(n + f + 1)/2⌉ (2f + 1 when n = 3f + 1), the least for which two
 * quorums share f + 1 replicas, one of them honest. The teaching switch uses f + 1.
 */
export interface PbftQuorums {
  /** Prepares from distinct backups (besides the pre-prepare) to be prepared: the quorum − 1 (2f). */
  prepare: number;
  /** Commits (own included) to be committed-local: the quorum (2f + 1). */
  commit: number;
  /** VIEW-CHANGE messages for a NEW-VIEW. */
  viewChange: number;
  /** VIEW-CHANGE messages for higher views that make a replica join (f + 1: one is honest). */
  join: number;
  /** Matching replies the client needs (f + 1: one is honest). */
  reply: number;
}

/** Buffered messages of views not entered yet, per replica. */
export const MAX_BUFFERED_MESSAGES = 10_000;
/** How far above its last executed number a replica accepts a pre-prepare (PBFT's high watermark). */
export const SEQ_WINDOW = 10_000;

/**
 * The replicas of one PBFT run and what they share: the network, the signatures, the
 * colluding adversary, the properties, timers and counts. Handlers live in
 * `normalCase.ts` and `viewChange.ts`.
 */
export class PbftCluster {
  readonly n: number;
  readonly replicas: PbftReplica[];
  readonly quorums: PbftQuorums;
  readonly signatures = new Signatures();
  readonly adversary: Adversary;
  readonly history: PbftHistory;
  readonly counts: PbftMessageCounts = { prePrepare: 0, prepare: 0, commit: 0, viewChange: 0, newView: 0 };
  /** The first time an honest replica entered each view. */
  readonly views: { view: number; primary: number; atMs: number }[] = [{ view: 0, primary: 0, atMs: 0 }];
  /** A replica executed a request: the client hears its reply. */
  onReply: (replica: number, request: number, seq: number) => void = () => {};
  /** The primary took a request (the leader-isolating nemesis listens). */
  onAssigned: (primary: number) => void = () => {};

  constructor(
    readonly net: Network,
    readonly trace: Trace,
    readonly params: PbftParams,
    readonly ids: readonly string[],
    behaviours: readonly Behaviour[],
    readonly f: number,
    adversaryRng: Prng,
  ) {
    this.n = ids.length;
    this.replicas = behaviours.map((b, i) => new PbftReplica(i, b));
    const quorum = params.teaching.weakQuorums ? f + 1 : byzantineQuorum(this.n, f);
    this.quorums = {
      prepare: quorum - 1,
      commit: quorum,
      viewChange: quorum,
      join: f + 1,
      reply: f + 1,
    };
    this.adversary = new Adversary(this.n, adversaryRng);
    this.history = new PbftHistory(
      ids,
      (r) => this.issued(r),
      (property, agent) => this.emit({ name: 'propertyViolated', agent, detail: { property } }),
    );
  }

  get now(): number {
    return this.net.now;
  }

  primaryOf(view: number): number {
    return view % this.n;
  }

  /** Client requests are signed by the client: a replica accepts only those it issued. */
  issued(request: PbftRequest): boolean {
    const c = this.params.commands[request.id];
    return c !== undefined && c.value === request.value;
  }

  emit(event: PbftTraceEvent): void {
    tracePbft(this.trace, this.net.now, event);
  }

  send(from: number, to: number, tag: PbftTag, payload: unknown): void {
    if (this.replicas[from].behaviour === 'silent') return;
    this.counts[COUNT_OF[tag]]++;
    this.net.send(from, to, tag, payload);
  }

  multicast(from: number, tag: PbftTag, payload: unknown): void {
    for (let to = 0; to < this.n; to++) if (to !== from) this.send(from, to, tag, payload);
  }

  /** Restarts replica `r`'s view-change timer: the base timeout, doubled for each failed view change. */
  armTimer(r: number): void {
    const rep = this.replicas[r];
    rep.timerGen++;
    rep.timerRunning = true;
    const timeout = this.params.viewChangeTimeoutMs * 2 ** Math.min(rep.failedViewChanges, 16);
    this.net.setTimer(r, timeout, rep.timerGen);
  }

  cancelTimer(r: number): void {
    const rep = this.replicas[r];
    rep.timerGen++;
    rep.timerRunning = false;
  }

  onTimer(r: number, gen: number): void {
    const rep = this.replicas[r];
    if (gen !== rep.timerGen) return;
    rep.timerRunning = false;
    if (!this.net.isAlive(r)) {
      rep.timerLost = true;
      return;
    }
    if (rep.status === 'normal' && rep.pending.size === 0) return;
    startViewChange(this, r, rep.view + 1);
  }

  /**
   * Whether a normal-case message of `view` is for now: messages of a view not entered yet
   * are kept (a NEW-VIEW can arrive after the new primary's first pre-prepares), older ones dropped.
   */
  inView(r: number, from: number, tag: string, payload: unknown, view: number): boolean {
    const rep = this.replicas[r];
    if (rep.status === 'normal' && view === rep.view) return true;
    if (
      (view > rep.view || (view === rep.view && rep.status === 'view-change')) &&
      rep.future.length < MAX_BUFFERED_MESSAGES
    ) {
      rep.future.push({ from, tag, payload, view });
    }
    return false;
  }

  /** Replays the kept messages of view `view` (just entered); drops those of older views. */
  replayFuture(r: number, view: number): void {
    const rep = this.replicas[r];
    const due: BufferedMessage[] = [];
    const keep = rep.future.filter((m) => {
      if (m.view === view) due.push(m);
      return m.view > view;
    });
    rep.future.length = 0;
    rep.future.push(...keep);
    for (const m of due) this.onMessage(r, m.from, m.tag, m.payload);
  }

  onMessage(to: number, from: number, tag: string, payload: unknown): void {
    switch (tag as PbftTag) {
      case PBFT_TAGS.prePrepare:
        handlePrePrepare(this, to, from, payload as PrePrepareMessage);
        break;
      case PBFT_TAGS.prepare:
        handlePrepare(this, to, from, payload as VoteMessage);
        break;
      case PBFT_TAGS.commit:
        handleCommit(this, to, from, payload as VoteMessage);
        break;
      case PBFT_TAGS.viewChange:
        handleViewChange(this, to, from, payload as ViewChangeMessage);
        break;
      case PBFT_TAGS.newView:
        handleNewView(this, to, from, payload as NewViewMessage);
        break;
    }
  }

  /** Back from a crash: a timer lost meanwhile, or requests still waiting, restart the timer. */
  recovered(r: number): void {
    const rep = this.replicas[r];
    if (!rep.follows) return;
    if (rep.timerLost || (rep.pending.size > 0 && !rep.timerRunning)) this.armTimer(r);
    rep.timerLost = false;
  }

  /** The first time an honest replica enters a view. */
  noteView(view: number, r: number): void {
    if (!this.replicas[r].honest || this.views.some((v) => v.view === view)) return;
    this.views.push({ view, primary: this.primaryOf(view), atMs: this.now });
  }
}

/** ⌈(n + f + 1)/2⌉: any two such sets of n replicas share at least f + 1. */
export function byzantineQuorum(n: number, f: number): number {
  return Math.ceil((n + f + 1) / 2);
}

const COUNT_OF: Record<PbftTag, keyof PbftMessageCounts> = {
  [PBFT_TAGS.prePrepare]: 'prePrepare',
  [PBFT_TAGS.prepare]: 'prepare',
  [PBFT_TAGS.commit]: 'commit',
  [PBFT_TAGS.viewChange]: 'viewChange',
  [PBFT_TAGS.newView]: 'newView',
};
