import type { Behaviour, VoteType } from '../core/agent';
import { check, checkLimit } from '../core/errors';
import type { Prng } from '../core/prng';
import type { Network } from '../network/network';
import type { DescribedTag, MessageKind } from '../trace/messageTags';
import type { Trace } from '../trace/trace';
import { byzantineSizeRule } from './byzantine';
import { VOTE_TYPES } from './types';

/** Participants of one reliable-broadcast decision: its state is n³ bytes per relay phase. */
export const MAX_BRACHA_PARTICIPANTS = 256;

const SEND = 0;
const ECHO = 1;
const READY = 2;
const PHASES = ['send', 'echo', 'ready'] as const;
/** What each phase's messages are, for the trace's tag meanings (a SEND carries the owner's own vote). */
const KIND_OF_PHASE = { send: 'vote', echo: 'echo', ready: 'ready' } as const satisfies Record<
  (typeof PHASES)[number],
  MessageKind
>;

/**
 * Message tags name the phase, the vote and the address of the vote's owner
 * (`echo:for:12`), with no payload: at n = 100 a decision sends about 2 million
 * messages, and a payload would be serialised and hashed twice per message.
 */
function tagsFor(owners: readonly number[], trace: Trace): { tags: DescribedTag[]; codes: Map<string, number> } {
  const tags: DescribedTag[] = [];
  const codes = new Map<string, number>();
  PHASES.forEach((p, phase) => {
    VOTE_TYPES.forEach((v, vote) => {
      owners.forEach((addr, s) => {
        const code = (phase * 3 + vote) * owners.length + s;
        tags[code] = trace.describeTag(`${p}:${v}:${addr}`, { kind: KIND_OF_PHASE[p], phase: p, vote: v, owner: addr });
        codes.set(tags[code], code);
      });
    });
  });
  return { tags, codes };
}
const FOR = 0;
const REQUEST = 'consensus_request';
/** A tag that is not one of this broadcast's. */
const NOT_OURS = -1;

export type FlagReason =
  | 'equivocation seen in echoes'
  | 'different votes sent to me directly'
  | 'vote changed between rounds'
  | 'conflicting relays'
  | 'silence';

export interface FlagRecord {
  agentId: string;
  reason: FlagReason;
  evidence: Record<string, unknown>;
}

/** What one agent saw and did in a reliable-broadcast decision. */
export interface AgentRecord {
  agentId: string;
  behaviour: Behaviour;
  honest: boolean;
  /** The vote it broadcast (what an honest agent's policy gave; the base value of a malicious one). */
  vote: VoteType;
  /** The vote each agent sent it directly (SEND). */
  received: Record<string, VoteType>;
  /** The votes reliable broadcast delivered to it, by owner. */
  delivered: Record<string, VoteType>;
  flags: FlagRecord[];
  decision: 'approved' | 'rejected' | 'undecided' | 'crashed';
  decidedAtMs?: number;
}

/** Whether honest agents agree; when not, two of them and the votes they delivered differently. */
export interface AgreementVerdict {
  agreed: boolean;
  approved: string[];
  rejected: string[];
  undecided: string[];
  witnesses?: {
    approvedBy: string;
    rejectedBy: string;
    differingVotes: { owner: string; approvedSide: VoteType | null; rejectedSide: VoteType | null }[];
  };
}

export interface ReliableBroadcastInput {
  network: Network;
  trace: Trace;
  rng: Prng;
  /** Network addresses of the participants. */
  participants: readonly number[];
  ids: readonly string[];
  votes: readonly VoteType[];
  behaviours: readonly Behaviour[];
  faultTolerance: number;
  /** Absolute simulated time at which undecided agents give up. */
  deadlineMs: number;
  shouldStop?: () => boolean;
  /** Local index of the agent that sends `consensus_request`; without one, everyone starts at once. */
  requester?: number;
  proposalId?: string;
}

export interface ReliableBroadcastOutcome {
  records: AgentRecord[];
  agreement: AgreementVerdict;
  messages: number;
  startedAtMs: number;
  endedAtMs: number;
  timedOut: boolean;
}

/** Malicious behaviours that lie in the protocol (stubborn agents follow it; silent ones are crashed). */
const LYING: ReadonlySet<Behaviour> = new Set(['equivocate', 'flip', 'random', 'lie-in-relay']);

/**
 * Bracha's reliable broadcast (1987) of every participant's vote over the
 * simulated network: SEND to all; ECHO the first SEND; READY after
 * ⌈(n+f+1)/2⌉ matching ECHOs or f+1 matching READYs; deliver after 2f+1 matching
 * READYs. With at most f malicious agents, no two honest agents deliver different
 * votes for the same owner, so deciding "approve iff ≥ 2f+1 delivered votes are
 * for, reject once that can no longer happen" gives agreement. Messages: about
 * 2n³, since each of the n votes is echoed and readied by every agent to every agent.
 * Flags are evidence for the UI, never used to exclude votes: honest agents hold
 * different evidence, and excluding on it would break agreement.
 * @example runReliableBroadcast({ network, trace, rng, participants: [0, 1, 2, 3], ids, votes, behaviours, faultTolerance: 1, deadlineMs: 30_000 })
 */
export function runReliableBroadcast(input: ReliableBroadcastInput): ReliableBroadcastOutcome {
  return new BrachaSession(input).run();
}

class BrachaSession {
  private readonly n: number;
  private readonly f: number;
  private readonly echoNeed: number;
  private readonly local: Int32Array;
  private readonly malicious: Uint8Array;
  /** 1 for an agent whose behaviour lies (LYING): asked per message, so looked up once. */
  private readonly liar: Uint8Array;
  private readonly side: Uint8Array;
  private readonly sendFrom: Uint8Array;
  private readonly echoFrom: Uint8Array;
  private readonly readyFrom: Uint8Array;
  private readonly echoCount: Int32Array;
  private readonly readyCount: Int32Array;
  private readonly sentEcho: Uint8Array;
  private readonly sentReady: Uint8Array;
  private readonly delivered: Uint8Array;
  private readonly deliveredCount: Int32Array;
  private readonly forCount: Int32Array;
  private readonly decision: Uint8Array;
  private readonly decidedAt: Float64Array;
  private readonly flags: Map<number, FlagRecord>[];
  private readonly started: Uint8Array;
  private readonly tags: DescribedTag[];
  private readonly codes: Map<string, number>;
  /** `codes` by the network's tag number, filled as tags arrive. */
  private readonly codeOfTag: number[] = [];
  private undecidedHonest = 0;
  private firstMsg = 0;

  constructor(private readonly in_: ReliableBroadcastInput) {
    const n = in_.participants.length;
    const f = in_.faultTolerance;
    check(n >= 3 * f + 1, 'participants', byzantineSizeRule(f, n));
    checkLimit('MAX_BRACHA_PARTICIPANTS', MAX_BRACHA_PARTICIPANTS, n);
    this.n = n;
    this.f = f;
    this.echoNeed = Math.ceil((n + f + 1) / 2);
    this.local = new Int32Array(in_.network.agentCount).fill(-1);
    in_.participants.forEach((addr, p) => {
      this.local[addr] = p;
    });
    this.malicious = Uint8Array.from(in_.behaviours, (b) => (b === 'honest' ? 0 : 1));
    this.liar = Uint8Array.from(in_.behaviours, (b) => (b !== 'honest' && LYING.has(b) ? 1 : 0));
    // The adversary's split of the agents for equivocation: one side hears for, the other against.
    this.side = Uint8Array.from({ length: n }, () => in_.rng.int(2));
    this.sendFrom = new Uint8Array(n * n);
    this.echoFrom = new Uint8Array(n * n * n);
    this.readyFrom = new Uint8Array(n * n * n);
    this.echoCount = new Int32Array(n * n * 3);
    this.readyCount = new Int32Array(n * n * 3);
    this.sentEcho = new Uint8Array(n * n);
    this.sentReady = new Uint8Array(n * n);
    this.delivered = new Uint8Array(n * n);
    this.deliveredCount = new Int32Array(n);
    this.forCount = new Int32Array(n);
    this.decision = new Uint8Array(n);
    this.decidedAt = new Float64Array(n);
    this.flags = Array.from({ length: n }, () => new Map());
    this.started = new Uint8Array(n);
    ({ tags: this.tags, codes: this.codes } = tagsFor(in_.participants, in_.trace));
  }

  run(): ReliableBroadcastOutcome {
    const { network: net, deadlineMs } = this.in_;
    const startedAtMs = net.now;
    this.firstMsg = net.messagesSent;
    const previous = net.handlers;
    net.handlers = {
      deliver: (to, from, tag, _payload, msg, tagId) => this.onMessage(to, from, tag, msg, tagId),
    };
    for (let p = 0; p < this.n; p++) {
      if (this.in_.behaviours[p] === 'silent') net.crash(this.in_.participants[p]);
      else if (this.in_.behaviours[p] === 'honest') this.undecidedHonest++;
    }
    const r = this.in_.requester;
    if (r === undefined) {
      for (let p = 0; p < this.n; p++) if (net.isAlive(this.in_.participants[p])) this.start(p);
    } else {
      // The requester asks everyone; each agent starts broadcasting its vote when the request reaches it.
      for (let p = 0; p < this.n; p++)
        if (p !== r) net.send(this.in_.participants[r], this.in_.participants[p], REQUEST, this.in_.proposalId ?? '');
      this.start(r);
    }
    while (this.undecidedHonest > 0 && !this.in_.shouldStop?.() && net.step(deadlineMs)) {}
    net.handlers = previous;
    const timedOut = this.undecidedHonest > 0;
    const endedAtMs = timedOut ? Math.max(net.now, deadlineMs) : this.lastDecisionMs(startedAtMs);
    this.flagSilence();
    const records = this.records();
    return {
      records,
      agreement: agreementOf(records),
      messages: net.messagesSent - this.firstMsg,
      startedAtMs,
      endedAtMs,
      timedOut,
    };
  }

  private start(p: number): void {
    if (this.started[p] === 1 || !this.in_.network.isAlive(this.in_.participants[p])) return;
    this.started[p] = 1;
    const v = VOTE_TYPES.indexOf(this.in_.votes[p]);
    this.in_.trace.engine(this.in_.network.now, 'voteSent', this.in_.participants[p], -1, { vote: VOTE_TYPES[v] });
    this.sendAll(p, SEND, p, v);
    if (this.lies(p)) this.eager(p, p, v);
  }

  private lies(p: number): boolean {
    return this.liar[p] === 1;
  }

  private onMessage(to: number, from: number, tag: string, msg: number, tagId: number): void {
    if (msg < this.firstMsg) return; // a late message of an earlier decision
    const a = this.local[to];
    const j = this.local[from];
    if (tag === REQUEST && a >= 0) {
      this.start(a);
      return;
    }
    // By the network's tag number: a string-keyed lookup per message was 5 % of a decision at n = 100.
    let packed = this.codeOfTag[tagId];
    if (packed === undefined) {
      packed = this.codes.get(tag) ?? NOT_OURS;
      this.codeOfTag[tagId] = packed;
    }
    if (packed === NOT_OURS) return;
    if (a < 0 || j < 0) return;
    const s = packed % this.n;
    const code = (packed - s) / this.n;
    const phase = (code / 3) | 0;
    const v = code % 3;
    if (this.lies(a)) this.eager(a, s, v);
    else if (phase === SEND) this.onSend(a, j, s, v);
    else if (phase === ECHO) this.onEcho(a, j, s, v);
    else this.onReady(a, j, s, v);
  }

  /** A lying agent echoes and readies every vote it hears of at once, so that its lies can win races. */
  private eager(a: number, s: number, v: number): void {
    const k = a * this.n + s;
    if (this.sentEcho[k] === 1) return;
    this.sentEcho[k] = 1;
    this.sentReady[k] = 1;
    const base = s === a ? VOTE_TYPES.indexOf(this.in_.votes[a]) : v;
    this.sendAll(a, ECHO, s, base);
    this.sendAll(a, READY, s, base);
  }

  private onSend(a: number, j: number, s: number, v: number): void {
    if (j !== s) return; // only the owner can SEND its vote
    const k = a * this.n + s;
    if (this.sendFrom[k] !== 0) {
      if (this.sendFrom[k] !== v + 1) {
        this.flag(a, s, 'different votes sent to me directly', {
          first: VOTE_TYPES[this.sendFrom[k] - 1],
          second: VOTE_TYPES[v],
        });
      }
      return;
    }
    this.sendFrom[k] = v + 1;
    if (this.sentEcho[k] === 1) return;
    this.sentEcho[k] = 1;
    this.traceStep('echo', a, s, v);
    this.sendAll(a, ECHO, s, v);
  }

  private onEcho(a: number, j: number, s: number, v: number): void {
    const n = this.n;
    const slot = (a * n + s) * n + j;
    const prev = this.echoFrom[slot];
    if (prev !== 0) {
      if (prev !== v + 1) this.flagRelay(a, j, s, 'echo', prev - 1, v);
      return;
    }
    this.echoFrom[slot] = v + 1;
    const k = a * n + s;
    const c = ++this.echoCount[k * 3 + v];
    if (j === s && this.sendFrom[k] !== 0 && this.sendFrom[k] !== v + 1) {
      this.flag(a, s, 'vote changed between rounds', { send: VOTE_TYPES[this.sendFrom[k] - 1], echo: VOTE_TYPES[v] });
    }
    if (c === this.f + 1) this.checkEquivocation(a, s);
    if (c >= this.echoNeed && this.sentReady[k] === 0) this.ready(a, s, v);
  }

  private onReady(a: number, j: number, s: number, v: number): void {
    const n = this.n;
    const slot = (a * n + s) * n + j;
    const prev = this.readyFrom[slot];
    if (prev !== 0) {
      if (prev !== v + 1) this.flagRelay(a, j, s, 'ready', prev - 1, v);
      return;
    }
    this.readyFrom[slot] = v + 1;
    const k = a * n + s;
    const c = ++this.readyCount[k * 3 + v];
    if (c >= this.f + 1 && this.sentReady[k] === 0) this.ready(a, s, v);
    if (c >= 2 * this.f + 1 && this.delivered[k] === 0) this.deliver(a, s, v);
  }

  private ready(a: number, s: number, v: number): void {
    this.sentReady[a * this.n + s] = 1;
    this.traceStep('ready', a, s, v);
    this.sendAll(a, READY, s, v);
  }

  /** Sends to every other participant (the lie, for a malicious sender) and handles its own copy at once. */
  private sendAll(a: number, phase: number, s: number, v: number): void {
    const { network: net, participants: addr } = this.in_;
    const from = addr[a];
    const lying = this.lies(a);
    for (let r = 0; r < this.n; r++) {
      if (r === a) continue;
      const value = lying ? this.lie(a, phase, s, v, r) : v;
      net.send(from, addr[r], this.tags[(phase * 3 + value) * this.n + s]);
    }
    if (lying) return;
    if (phase === SEND) this.onSend(a, a, s, v);
    else if (phase === ECHO) this.onEcho(a, a, s, v);
    else this.onReady(a, a, s, v);
  }

  private lie(b: number, phase: number, s: number, v: number, r: number): number {
    switch (this.in_.behaviours[b]) {
      case 'equivocate':
        return s === b || this.malicious[s] === 1 ? this.side[r] : v;
      case 'flip':
        return s === b && phase === ECHO ? opposite(v) : v;
      case 'random':
        return this.in_.rng.int(2);
      case 'lie-in-relay':
        return s === b ? v : opposite(v);
      default:
        return v;
    }
  }

  private deliver(a: number, s: number, v: number): void {
    const k = a * this.n + s;
    this.delivered[k] = v + 1;
    this.deliveredCount[a]++;
    if (v === FOR) this.forCount[a]++;
    const { trace, network: net, participants: addr } = this.in_;
    trace.engine(net.now, 'voteDelivered', addr[a], addr[s], { vote: VOTE_TYPES[v] });
    if (this.decision[a] !== 0 || this.malicious[a] === 1) return;
    const need = 2 * this.f + 1;
    if (this.forCount[a] >= need) this.decide(a, 1);
    else if (this.deliveredCount[a] - this.forCount[a] > this.n - need) this.decide(a, 2);
  }

  private decide(a: number, d: number): void {
    this.decision[a] = d;
    this.decidedAt[a] = this.in_.network.now;
    this.undecidedHonest--;
    const { trace, network: net, participants: addr } = this.in_;
    trace.engine(net.now, 'decided', addr[a], -1, {
      decision: d === 1 ? 'approved' : 'rejected',
      votesFor: this.forCount[a],
      delivered: this.deliveredCount[a],
    });
  }

  private checkEquivocation(a: number, s: number): void {
    const base = (a * this.n + s) * 3;
    const counts = [0, 1, 2].map((v) => this.echoCount[base + v]);
    // f+1 matching echoes include at least one honest agent's, so the owner really sent both values.
    if (counts.filter((c) => c > this.f).length >= 2) {
      this.flag(a, s, 'equivocation seen in echoes', {
        echoes: Object.fromEntries(VOTE_TYPES.map((t, v) => [t, counts[v]])),
      });
    }
  }

  private flagRelay(a: number, j: number, s: number, phase: string, first: number, then: number): void {
    this.flag(a, j, 'conflicting relays', {
      about: this.in_.ids[s],
      phase,
      first: VOTE_TYPES[first],
      second: VOTE_TYPES[then],
    });
  }

  private flag(a: number, who: number, reason: FlagReason, evidence: Record<string, unknown>): void {
    if (this.malicious[a] === 1 || this.flags[a].has(who)) return;
    this.flags[a].set(who, { agentId: this.in_.ids[who], reason, evidence });
    const { trace, network: net, participants: addr } = this.in_;
    trace.engine(net.now, 'flagged', addr[a], addr[who], { reason, ...evidence });
  }

  private traceStep(name: 'echo' | 'ready', a: number, s: number, v: number): void {
    this.in_.trace.engine(this.in_.network.now, name, this.in_.participants[a], this.in_.participants[s], {
      vote: VOTE_TYPES[v],
    });
  }

  /** At the end, an agent it heard nothing at all from (no SEND, ECHO or READY) is flagged as silent. */
  private flagSilence(): void {
    const n = this.n;
    for (let a = 0; a < n; a++) {
      if (this.malicious[a] === 1 || !this.in_.network.isAlive(this.in_.participants[a])) continue;
      for (let s = 0; s < n; s++) {
        if (s === a || this.sendFrom[a * n + s] !== 0) continue;
        let heard = false;
        for (let x = 0; x < n && !heard; x++) {
          const slot = (a * n + x) * n + s;
          heard = this.echoFrom[slot] !== 0 || this.readyFrom[slot] !== 0;
        }
        if (!heard) this.flag(a, s, 'silence', {});
      }
    }
  }

  private lastDecisionMs(startedAtMs: number): number {
    let last = startedAtMs;
    for (let a = 0; a < this.n; a++) if (this.decision[a] !== 0) last = Math.max(last, this.decidedAt[a]);
    return last;
  }

  private records(): AgentRecord[] {
    const { ids, behaviours, votes, participants, network: net } = this.in_;
    const n = this.n;
    return ids.map((agentId, a) => {
      const received: Record<string, VoteType> = {};
      const delivered: Record<string, VoteType> = {};
      for (let s = 0; s < n; s++) {
        if (this.sendFrom[a * n + s] !== 0) received[ids[s]] = VOTE_TYPES[this.sendFrom[a * n + s] - 1];
        if (this.delivered[a * n + s] !== 0) delivered[ids[s]] = VOTE_TYPES[this.delivered[a * n + s] - 1];
      }
      const d = this.decision[a];
      const record: AgentRecord = {
        agentId,
        behaviour: behaviours[a],
        honest: behaviours[a] === 'honest',
        vote: votes[a],
        received,
        delivered,
        flags: [...this.flags[a].values()],
        decision: d === 1 ? 'approved' : d === 2 ? 'rejected' : net.isAlive(participants[a]) ? 'undecided' : 'crashed',
      };
      if (d !== 0) record.decidedAtMs = this.decidedAt[a];
      return record;
    });
  }
}

function opposite(v: number): number {
  return v === 0 ? 1 : v === 1 ? 0 : 2;
}

/** Agreement among the honest records; the witnesses name two honest agents that decided differently. */
export function agreementOf(records: readonly AgentRecord[]): AgreementVerdict {
  const honest = records.filter((r) => r.honest);
  const approved = honest.filter((r) => r.decision === 'approved');
  const rejected = honest.filter((r) => r.decision === 'rejected');
  const verdict: AgreementVerdict = {
    agreed: approved.length === 0 || rejected.length === 0,
    approved: approved.map((r) => r.agentId),
    rejected: rejected.map((r) => r.agentId),
    undecided: honest.filter((r) => r.decision === 'undecided' || r.decision === 'crashed').map((r) => r.agentId),
  };
  if (verdict.agreed) return verdict;
  const [a, b] = [approved[0], rejected[0]];
  const owners = [...new Set([...Object.keys(a.delivered), ...Object.keys(b.delivered)])];
  verdict.witnesses = {
    approvedBy: a.agentId,
    rejectedBy: b.agentId,
    differingVotes: owners
      .filter((o) => a.delivered[o] !== b.delivered[o])
      .map((owner) => ({ owner, approvedSide: a.delivered[owner] ?? null, rejectedSide: b.delivered[owner] ?? null })),
  };
  return verdict;
}
