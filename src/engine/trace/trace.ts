import { checkLimit, invariant } from '../core/errors';
import { canonicalJson, Hasher } from '../core/hash';
import { MAX_TRACE_EVENTS } from '../core/limits';
import type { EngineEvent, EngineEventDetails, EngineEventName } from './engineEvents';
import { DROP_REASONS, type DropReason, KIND, KIND_CODES, type PartitionDescription, type TraceEvent } from './events';
import { type DescribedTag, fixedMeaning, type TagMeaning } from './messageTags';

/**
 * The compact, transferable form of a trace: one typed-array column per field
 * (no object per event), plus the interned strings and the JSON values that
 * payload-carrying events refer to by index.
 */
export interface TraceColumns {
  length: number;
  hash: string;
  kind: Uint8Array;
  t: Float64Array;
  a: Int32Array;
  b: Int32Array;
  c: Int32Array;
  d: Int32Array;
  e: Int32Array;
  strings: string[];
  /** Per interned string: its meaning when it is a message tag (what a message is, without parsing its tag). */
  tagMeanings: (TagMeaning | null)[];
  values: unknown[];
}

const NONE = -1;

/** Kinds whose `e` column indexes `values` (payloads, details, partition descriptions). */
const E_IS_VALUE = KIND_CODES.map(
  (k) => k === 'messageSent' || k === 'messageDelivered' || k === 'partitionChanged' || k === 'engine',
);

/**
 * Records a run's events append-only, keeping a rolling hash of everything
 * appended. With `record: false` only the count and the hash are kept, which is
 * what benchmarks and seed searches need: the hash is identical either way.
 */
export class Trace {
  private kind: Uint8Array;
  private t: Float64Array;
  private a: Int32Array;
  private b: Int32Array;
  private c: Int32Array;
  private d: Int32Array;
  private e: Int32Array;
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly values: unknown[] = [];
  private readonly hasher = new Hasher();
  private count = 0;
  private readonly drops = new Array<number>(DROP_REASONS.length).fill(0);
  private readonly described = new Map<string, TagMeaning>();
  private lastString = '';
  private lastTime = 0;
  private lastStringIndex = -1;

  constructor(
    readonly record = true,
    private readonly maxEvents = MAX_TRACE_EVENTS,
  ) {
    const cap = record ? 1024 : 0;
    this.kind = new Uint8Array(cap);
    this.t = new Float64Array(cap);
    this.a = new Int32Array(cap);
    this.b = new Int32Array(cap);
    this.c = new Int32Array(cap);
    this.d = new Int32Array(cap);
    this.e = new Int32Array(cap);
  }

  get length(): number {
    return this.count;
  }

  hash(): string {
    return this.hasher.hex();
  }

  /**
   * A tag made at run time, with what it means (fixed tags have theirs in MESSAGE_TAGS). Not
   * hashed: the meaning is a function of the tag.
   */
  describeTag(tag: string, meaning: TagMeaning): DescribedTag {
    this.described.set(tag, meaning);
    return tag as DescribedTag;
  }

  /** Time of the last event appended (0 before any), recorded or not. */
  get lastTimeMs(): number {
    return this.lastTime;
  }

  /** Drops so far by reason, recorded or not. */
  dropCounts(): Partial<Record<DropReason, number>> {
    const out: Partial<Record<DropReason, number>> = {};
    this.drops.forEach((count, code) => {
      if (count > 0) out[DROP_REASONS[code]] = count;
    });
    return out;
  }

  messageSent(t: number, from: number, to: number, msg: number, tag: string, payload?: unknown): void {
    this.push(KIND.messageSent, t, from, to, msg, this.intern(tag), payload === undefined ? NONE : this.value(payload));
  }

  messageDelivered(t: number, from: number, to: number, msg: number, tag: string, payload?: unknown): void {
    this.push(
      KIND.messageDelivered,
      t,
      from,
      to,
      msg,
      this.intern(tag),
      payload === undefined ? NONE : this.value(payload),
    );
  }

  /**
   * The index of `tag` in the trace's strings, interned (and its text hashed) now if new: the
   * network looks a tag up once, then records its messages by index with `messageSentAt` and
   * `messageDeliveredAt`, which hash exactly as `messageSent` and `messageDelivered`. They take
   * the payload's canonical JSON when the caller has it (`canonicalJson(payload)`), so a payload
   * sent to many agents, or sent and later delivered, is serialised once.
   */
  tagIndex(tag: string): number {
    return this.intern(tag);
  }

  messageSentAt(
    t: number,
    from: number,
    to: number,
    msg: number,
    tagIndex: number,
    payload?: unknown,
    payloadJson?: string,
  ): void {
    const e = payload === undefined ? NONE : this.value(payload, payloadJson);
    this.push(KIND.messageSent, t, from, to, msg, tagIndex, e);
  }

  messageDeliveredAt(
    t: number,
    from: number,
    to: number,
    msg: number,
    tagIndex: number,
    payload?: unknown,
    payloadJson?: string,
  ): void {
    const e = payload === undefined ? NONE : this.value(payload, payloadJson);
    this.push(KIND.messageDelivered, t, from, to, msg, tagIndex, e);
  }

  messageDropped(t: number, from: number, to: number, msg: number, tag: string, reason: DropReason): void {
    const code = DROP_REASONS.indexOf(reason);
    this.drops[code]++;
    this.push(KIND.messageDropped, t, from, to, msg, this.intern(tag), code);
  }

  messageDuplicated(t: number, from: number, to: number, msg: number, tag: string): void {
    this.push(KIND.messageDuplicated, t, from, to, msg, this.intern(tag), NONE);
  }

  messageRelayed(t: number, from: number, to: number, msg: number, tag: string): void {
    this.push(KIND.messageRelayed, t, from, to, msg, this.intern(tag), NONE);
  }

  agentCrashed(t: number, agent: number): void {
    this.push(KIND.agentCrashed, t, agent, NONE, NONE, NONE, NONE);
  }

  agentRecovered(t: number, agent: number): void {
    this.push(KIND.agentRecovered, t, agent, NONE, NONE, NONE, NONE);
  }

  partitionChanged(t: number, description: PartitionDescription): void {
    this.push(KIND.partitionChanged, t, NONE, NONE, NONE, NONE, this.value(description));
  }

  timerFired(t: number, agent: number, timer: number): void {
    this.push(KIND.timerFired, t, agent, NONE, timer, NONE, NONE);
  }

  /** An engine-specific step (vote, echo, flagged, decided, merge…), with its typed, serialisable detail. */
  engine<N extends EngineEventName>(
    t: number,
    name: N,
    agent: number,
    peer = NONE,
    detail?: EngineEventDetails[N],
  ): void {
    this.push(KIND.engine, t, agent, peer, NONE, this.intern(name), detail === undefined ? NONE : this.value(detail));
  }

  /** Copies the recorded columns out (trimmed to length), ready to transfer. */
  columns(): TraceColumns {
    const n = this.count;
    const rec = this.record;
    return {
      length: n,
      hash: this.hash(),
      kind: rec ? this.kind.slice(0, n) : new Uint8Array(0),
      t: rec ? this.t.slice(0, n) : new Float64Array(0),
      a: rec ? this.a.slice(0, n) : new Int32Array(0),
      b: rec ? this.b.slice(0, n) : new Int32Array(0),
      c: rec ? this.c.slice(0, n) : new Int32Array(0),
      d: rec ? this.d.slice(0, n) : new Int32Array(0),
      e: rec ? this.e.slice(0, n) : new Int32Array(0),
      strings: [...this.strings],
      tagMeanings: this.strings.map((s) => this.described.get(s) ?? fixedMeaning(s) ?? null),
      values: [...this.values],
    };
  }

  private intern(s: string): number {
    if (s === this.lastString) return this.lastStringIndex;
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
      // Events hash the string's index only, so its text is hashed once, here; without this a trace
      // whose tags or engine event names differ (same shape) hashed the same.
      this.hasher.string(s);
    }
    this.lastString = s;
    this.lastStringIndex = i;
    return i;
  }

  /** Stores a JSON value and folds its canonical text into the hash. */
  private value(v: unknown, json = canonicalJson(v)): number {
    this.hasher.string(json);
    if (!this.record) return 0;
    this.values.push(JSON.parse(json));
    return this.values.length - 1;
  }

  private push(kind: number, t: number, a: number, b: number, c: number, d: number, e: number): void {
    const i = this.count;
    if (i >= this.maxEvents) checkLimit('MAX_TRACE_EVENTS', this.maxEvents, i + 1);
    // The player finds moments by binary search over time: a trace never goes back in time.
    if (t < this.lastTime) invariant(false, `trace time went back from ${this.lastTime} to ${t} (${KIND_CODES[kind]})`);
    this.lastTime = t;
    // Value indices are hashed as present/absent (the values themselves were hashed in `value`),
    // so a trace hashes the same whether or not it is recorded.
    this.hasher.fields(kind | ((E_IS_VALUE[kind] && e !== NONE ? 1 : e) << 4), t, a, b, c, d);
    this.count = i + 1;
    if (!this.record) return;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.t[i] = t;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    this.d[i] = d;
    this.e[i] = e;
  }

  private grow(): void {
    const cap = Math.min(this.kind.length * 2, this.maxEvents);
    const resize = <T extends Uint8Array | Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(cap);
      next.set(old);
      return next;
    };
    this.kind = resize(this.kind, (n) => new Uint8Array(n));
    this.t = resize(this.t, (n) => new Float64Array(n));
    this.a = resize(this.a, (n) => new Int32Array(n));
    this.b = resize(this.b, (n) => new Int32Array(n));
    this.c = resize(this.c, (n) => new Int32Array(n));
    this.d = resize(this.d, (n) => new Int32Array(n));
    this.e = resize(this.e, (n) => new Int32Array(n));
  }
}

/** Decodes event `i` of a columnar trace into its self-describing form. */
export function decodeEvent(cols: TraceColumns, i: number): TraceEvent {
  const t = cols.t[i];
  const a = cols.a[i];
  const b = cols.b[i];
  const c = cols.c[i];
  const tag = cols.d[i] >= 0 ? cols.strings[cols.d[i]] : '';
  const e = cols.e[i];
  const value = e >= 0 ? cols.values[e] : undefined;
  const kind = KIND_CODES[cols.kind[i]];
  switch (kind) {
    case 'messageSent':
    case 'messageDelivered':
      return value === undefined
        ? { kind, t, from: a, to: b, msg: c, tag }
        : { kind, t, from: a, to: b, msg: c, tag, payload: value };
    case 'messageDropped':
      return { kind, t, from: a, to: b, msg: c, tag, reason: DROP_REASONS[e] };
    case 'messageDuplicated':
    case 'messageRelayed':
      return { kind, t, from: a, to: b, msg: c, tag };
    case 'agentCrashed':
    case 'agentRecovered':
      return { kind, t, agent: a };
    case 'partitionChanged':
      return { kind, t, description: value as PartitionDescription };
    case 'timerFired':
      return { kind, t, agent: a, timer: c };
    case 'engine': {
      // Names and details were checked against the vocabulary when the engine wrote them.
      const name = tag as EngineEventName;
      return (
        value === undefined ? { kind, t, name, agent: a, peer: b } : { kind, t, name, agent: a, peer: b, detail: value }
      ) as EngineEvent;
    }
  }
}

/** All events, decoded. For tests and small traces; large ones are read by index. */
export function decodeAll(cols: TraceColumns): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (let i = 0; i < cols.length; i++) out.push(decodeEvent(cols, i));
  return out;
}
