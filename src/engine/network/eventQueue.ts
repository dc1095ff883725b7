import { checkLimit, invariant } from '../core/errors';
import { MAX_PENDING_EVENTS } from '../core/limits';

/** Int32s per event record (32 bytes: half a cache line) and the offsets of its fields. */
const STRIDE = 8;
const TIME = 0;
const TYPE = 1;
const A = 2;
const B = 3;
const C = 4;
const D = 5;
const NEXT = 6;
/** Times are stored as int32 (MAX_SIM_TIME_MS is below this). */
const MAX_TIME = 2 ** 31 - 1;

/**
 * The simulator's priority queue of events keyed by (integer simulated ms,
 * insertion order): events due at the same millisecond come out in the order
 * they were scheduled, so a run never depends on queue internals.
 *
 * A calendar queue: a wheel of `wheelSize` one-millisecond FIFO buckets covers
 * the near future [base, base + wheelSize), so pushes and pops are O(1); events
 * further out wait in a binary heap and move onto the wheel, in order, as time
 * reaches them. An event is one 32-byte record (time, type, a, b, c, d, next) in a single
 * Int32Array, so a push or a pop touches one cache line instead of one per field; slots are
 * reused through a free list: no object per event.
 */
export class EventQueue {
  /** Event records, `STRIDE` int32s per slot; read them with the accessors after `pop()` and before `release()`. */
  events: Int32Array;
  /** Insertion order, written only for events that wait in the heap (a wheel bucket is FIFO). */
  private seq: Float64Array;
  private free: Int32Array;
  private freeCount = 0;
  private used = 0;
  private nextSeq = 0;
  private readonly mask: number;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private onWheel = 0;
  /** Start of the wheel's window: the time of the last pop. */
  private base = 0;
  /** A lower bound of the earliest time on the wheel (≥ base). */
  private hint = 0;
  private heap: Int32Array;
  private heapSize = 0;

  constructor(
    wheelSize = 4096,
    private readonly maxPending = MAX_PENDING_EVENTS,
  ) {
    invariant(wheelSize > 0 && (wheelSize & (wheelSize - 1)) === 0, 'wheel size is a power of two');
    this.mask = wheelSize - 1;
    this.head = new Int32Array(wheelSize).fill(-1);
    this.tail = new Int32Array(wheelSize).fill(-1);
    // Never more room than the limit: with a fixed first capacity, a limit under it was never checked.
    const cap = Math.min(1024, maxPending);
    this.events = new Int32Array(cap * STRIDE);
    this.seq = new Float64Array(cap);
    this.free = new Int32Array(cap);
    this.heap = new Int32Array(cap);
  }

  get length(): number {
    return this.onWheel + this.heapSize;
  }

  timeOf(slot: number): number {
    return this.events[slot * STRIDE + TIME];
  }

  typeOf(slot: number): number {
    return this.events[slot * STRIDE + TYPE];
  }

  aOf(slot: number): number {
    return this.events[slot * STRIDE + A];
  }

  bOf(slot: number): number {
    return this.events[slot * STRIDE + B];
  }

  cOf(slot: number): number {
    return this.events[slot * STRIDE + C];
  }

  dOf(slot: number): number {
    return this.events[slot * STRIDE + D];
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    if (this.onWheel > 0) return this.earliestOnWheel();
    return this.heapSize > 0 ? this.timeOf(this.heap[0]) : Number.POSITIVE_INFINITY;
  }

  /** Schedules an event at a whole millisecond ≥ the last popped time; returns its slot. */
  push(time: number, type: number, a: number, b: number, c: number, d: number): number {
    invariant(
      Number.isInteger(time) && time >= this.base && time <= MAX_TIME,
      'events are scheduled at whole ms, never in the past',
    );
    const slot = this.allocate();
    const ev = this.events;
    const o = slot * STRIDE;
    ev[o + TIME] = time;
    ev[o + TYPE] = type;
    ev[o + A] = a;
    ev[o + B] = b;
    ev[o + C] = c;
    ev[o + D] = d;
    const seq = this.nextSeq++;
    if (time - this.base <= this.mask) this.append(slot, time);
    else {
      this.seq[slot] = seq;
      this.heapPush(slot);
    }
    return slot;
  }

  /**
   * Removes the earliest event and returns its slot, or -1 when empty or when the earliest
   * event is after `untilMs` (one search for the earliest bucket instead of a peek and a pop).
   */
  pop(untilMs = Number.POSITIVE_INFINITY): number {
    let t: number;
    if (this.onWheel === 0) {
      if (this.heapSize === 0) return -1;
      t = this.timeOf(this.heap[0]);
      if (t > untilMs) return -1;
      this.base = this.hint = t;
      this.migrate();
    } else {
      t = this.earliestOnWheel();
      if (t > untilMs) return -1;
      if (t !== this.base) {
        this.base = t;
        this.migrate();
      }
    }
    const bucket = t & this.mask;
    const slot = this.head[bucket];
    const next = this.events[slot * STRIDE + NEXT];
    this.head[bucket] = next;
    if (next === -1) this.tail[bucket] = -1;
    this.onWheel--;
    return slot;
  }

  /** Returns a popped slot to the free list. */
  release(slot: number): void {
    this.free[this.freeCount++] = slot;
  }

  private earliestOnWheel(): number {
    let t = this.hint;
    while (this.head[t & this.mask] === -1) t++;
    this.hint = t;
    return t;
  }

  private append(slot: number, t: number): void {
    const bucket = t & this.mask;
    const ev = this.events;
    ev[slot * STRIDE + NEXT] = -1;
    const last = this.tail[bucket];
    if (last === -1) this.head[bucket] = slot;
    else ev[last * STRIDE + NEXT] = slot;
    this.tail[bucket] = slot;
    this.onWheel++;
    if (t < this.hint) this.hint = t;
  }

  /** Moves every far event now inside the window onto the wheel, in (time, seq) order. */
  private migrate(): void {
    while (this.heapSize > 0) {
      const t = this.timeOf(this.heap[0]);
      if (t - this.base > this.mask) break;
      this.append(this.heapPop(), t);
    }
  }

  private less(x: number, y: number): boolean {
    const tx = this.timeOf(x);
    const ty = this.timeOf(y);
    return tx < ty || (tx === ty && this.seq[x] < this.seq[y]);
  }

  private heapPush(slot: number): void {
    const heap = this.heap;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(slot, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = slot;
  }

  private heapPop(): number {
    const heap = this.heap;
    const top = heap[0];
    const last = heap[--this.heapSize];
    const n = this.heapSize;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.less(heap[child + 1], heap[child])) child++;
      if (!this.less(heap[child], last)) break;
      heap[i] = heap[child];
      i = child;
    }
    if (n > 0) heap[i] = last;
    return top;
  }

  private allocate(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount];
    if (this.used === this.seq.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    checkLimit('MAX_PENDING_EVENTS', this.maxPending, this.used + 1);
    const cap = Math.min(this.seq.length * 2, this.maxPending);
    const copy = <T extends Float64Array | Int32Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.events = copy(this.events, new Int32Array(cap * STRIDE));
    this.seq = copy(this.seq, new Float64Array(cap));
    this.free = copy(this.free, new Int32Array(cap));
    this.heap = copy(this.heap, new Int32Array(cap));
  }
}
