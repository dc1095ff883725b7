import { checkLimit, invariant } from '../core/errors';
import { MAX_PENDING_EVENTS } from '../core/limits';

/** Int32s per event record (32 bytes: half a cache line) and the offsets of its fields. */
const STRIDE = 8;
const SHIFT = 3;
const TIME = 0;
const TYPE = 1;
const A = 2;
const B = 3;
const C = 4;
const D = 5;
const E = 6;
/** Records per chunk (512 bytes): a bucket's events sit side by side in chunks of this many. */
const CHUNK = 16;
const CHUNK_SHIFT = 4;
const LAST_IN_CHUNK = CHUNK - 1;
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
 * reaches them. An event is one 32-byte record (time, type, a, b, c, d, e) in one Int32Array,
 * and a bucket's records sit side by side in 16-record chunks: a pop reads the record after
 * the last one popped, which the processor has usually fetched already (with a million events
 * in flight, a free-list slot per event made every pop a cache miss). No object per event.
 *
 * A popped event's fields are read (`timeOf`, `aOf`, …) before the next push or pop, then
 * its slot is released.
 */
export class EventQueue {
  /** Wheel records: chunk `k` holds records `k·CHUNK … k·CHUNK + CHUNK − 1`. */
  private events: Int32Array;
  private chunkNext: Int32Array;
  private freeChunks: Int32Array;
  private freeChunkCount = 0;
  private usedChunks = 0;
  /** Per bucket: the record to pop next and the last record written (-1: none). */
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly mask: number;
  private onWheel = 0;
  /** Start of the wheel's window: the time of the last pop. */
  private base = 0;
  /** A lower bound of the earliest time on the wheel (≥ base). */
  private hint = 0;
  /** Far events: records of their own, a heap of their indices ordered by (time, insertion order). */
  private far: Int32Array;
  private farSeq: Float64Array;
  private farFree: Int32Array;
  private farFreeCount = 0;
  private farUsed = 0;
  private heap: Int32Array;
  private heapSize = 0;
  private nextSeq = 0;
  /** Events that may still be pushed before MAX_PENDING_EVENTS. */
  private room: number;

  constructor(
    wheelSize = 4096,
    private readonly maxPending = MAX_PENDING_EVENTS,
  ) {
    invariant(wheelSize > 0 && (wheelSize & (wheelSize - 1)) === 0, 'wheel size is a power of two');
    this.mask = wheelSize - 1;
    this.room = maxPending;
    this.head = new Int32Array(wheelSize).fill(-1);
    this.tail = new Int32Array(wheelSize).fill(-1);
    this.events = new Int32Array(64 * CHUNK * STRIDE);
    this.chunkNext = new Int32Array(64);
    this.freeChunks = new Int32Array(64);
    this.far = new Int32Array(64 * STRIDE);
    this.farSeq = new Float64Array(64);
    this.farFree = new Int32Array(64);
    this.heap = new Int32Array(64);
  }

  get length(): number {
    return this.onWheel + this.heapSize;
  }

  timeOf(slot: number): number {
    return this.events[(slot << SHIFT) + TIME];
  }

  typeOf(slot: number): number {
    return this.events[(slot << SHIFT) + TYPE];
  }

  aOf(slot: number): number {
    return this.events[(slot << SHIFT) + A];
  }

  bOf(slot: number): number {
    return this.events[(slot << SHIFT) + B];
  }

  cOf(slot: number): number {
    return this.events[(slot << SHIFT) + C];
  }

  dOf(slot: number): number {
    return this.events[(slot << SHIFT) + D];
  }

  eOf(slot: number): number {
    return this.events[(slot << SHIFT) + E];
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    if (this.onWheel > 0) return this.earliestOnWheel();
    return this.heapSize > 0 ? this.far[(this.heap[0] << SHIFT) + TIME] : Number.POSITIVE_INFINITY;
  }

  /** Schedules an event at a whole millisecond ≥ the last popped time. */
  push(time: number, type: number, a: number, b: number, c: number, d: number, e = -1): void {
    // (time | 0) === time: a whole number, for times within int32 (checked first).
    if (!(time >= this.base && time <= MAX_TIME && (time | 0) === time))
      invariant(false, 'events are scheduled at whole ms, never in the past');
    if (this.room === 0) checkLimit('MAX_PENDING_EVENTS', this.maxPending, this.maxPending + 1);
    this.room--;
    const seq = this.nextSeq++;
    if (time - this.base <= this.mask) this.append(time, type, a, b, c, d, e);
    else this.farPush(time, type, a, b, c, d, e, seq);
  }

  /**
   * Removes the earliest event and returns its slot, or -1 when empty or when the earliest
   * event is after `untilMs` (one search for the earliest bucket instead of a peek and a pop).
   */
  pop(untilMs = Number.POSITIVE_INFINITY): number {
    let t: number;
    if (this.onWheel === 0) {
      if (this.heapSize === 0) return -1;
      t = this.far[(this.heap[0] << SHIFT) + TIME];
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
    if (slot === this.tail[bucket]) {
      // The bucket is empty now; a full chunk goes back on release, a partial one takes the next appends.
      this.head[bucket] = -1;
      if ((slot & LAST_IN_CHUNK) === LAST_IN_CHUNK) this.tail[bucket] = -1;
    } else if ((slot & LAST_IN_CHUNK) === LAST_IN_CHUNK) {
      this.head[bucket] = this.chunkNext[slot >> CHUNK_SHIFT] << CHUNK_SHIFT;
    } else this.head[bucket] = slot + 1;
    this.onWheel--;
    this.room++;
    return slot;
  }

  /** Done with a popped slot: a chunk whose last record it was goes back to the free list. */
  release(slot: number): void {
    if ((slot & LAST_IN_CHUNK) === LAST_IN_CHUNK) this.freeChunks[this.freeChunkCount++] = slot >> CHUNK_SHIFT;
  }

  private earliestOnWheel(): number {
    let t = this.hint;
    while (this.head[t & this.mask] === -1) t++;
    this.hint = t;
    return t;
  }

  private append(time: number, type: number, a: number, b: number, c: number, d: number, e: number): void {
    const bucket = time & this.mask;
    const last = this.tail[bucket];
    let slot: number;
    if (last === -1 || (last & LAST_IN_CHUNK) === LAST_IN_CHUNK) {
      const chunk = this.allocateChunk();
      if (last !== -1) this.chunkNext[last >> CHUNK_SHIFT] = chunk;
      slot = chunk << CHUNK_SHIFT;
    } else slot = last + 1;
    this.tail[bucket] = slot;
    if (this.head[bucket] === -1) this.head[bucket] = slot;
    const ev = this.events;
    const o = slot << SHIFT;
    ev[o + TIME] = time;
    ev[o + TYPE] = type;
    ev[o + A] = a;
    ev[o + B] = b;
    ev[o + C] = c;
    ev[o + D] = d;
    ev[o + E] = e;
    this.onWheel++;
    if (time < this.hint) this.hint = time;
  }

  private allocateChunk(): number {
    if (this.freeChunkCount > 0) return this.freeChunks[--this.freeChunkCount];
    if (this.usedChunks === this.chunkNext.length) {
      const cap = this.chunkNext.length * 2;
      this.events = grown(this.events, cap * CHUNK * STRIDE);
      this.chunkNext = grown(this.chunkNext, cap);
      this.freeChunks = grown(this.freeChunks, cap);
    }
    return this.usedChunks++;
  }

  /** Moves every far event now inside the window onto the wheel, in (time, insertion) order. */
  private migrate(): void {
    const far = this.far;
    while (this.heapSize > 0) {
      const f = this.heap[0];
      const o = f << SHIFT;
      if (far[o + TIME] - this.base > this.mask) break;
      this.heapPop();
      this.append(far[o + TIME], far[o + TYPE], far[o + A], far[o + B], far[o + C], far[o + D], far[o + E]);
      this.farFree[this.farFreeCount++] = f;
    }
  }

  private farPush(
    time: number,
    type: number,
    a: number,
    b: number,
    c: number,
    d: number,
    e: number,
    seq: number,
  ): void {
    const f = this.allocateFar();
    const o = f << SHIFT;
    const far = this.far;
    far[o + TIME] = time;
    far[o + TYPE] = type;
    far[o + A] = a;
    far[o + B] = b;
    far[o + C] = c;
    far[o + D] = d;
    far[o + E] = e;
    this.farSeq[f] = seq;
    this.heapPush(f);
  }

  private allocateFar(): number {
    if (this.farFreeCount > 0) return this.farFree[--this.farFreeCount];
    if (this.farUsed === this.farSeq.length) {
      const cap = this.farSeq.length * 2;
      this.far = grown(this.far, cap * STRIDE);
      this.farSeq = grown(this.farSeq, cap);
      this.farFree = grown(this.farFree, cap);
      this.heap = grown(this.heap, cap);
    }
    return this.farUsed++;
  }

  private less(x: number, y: number): boolean {
    const tx = this.far[(x << SHIFT) + TIME];
    const ty = this.far[(y << SHIFT) + TIME];
    return tx < ty || (tx === ty && this.farSeq[x] < this.farSeq[y]);
  }

  private heapPush(f: number): void {
    const heap = this.heap;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(f, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = f;
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
}

/** A copy of `old` in a larger array of the same kind. */
function grown<T extends Int32Array | Float64Array>(old: T, length: number): T {
  const fresh = new (old.constructor as new (n: number) => T)(length);
  fresh.set(old);
  return fresh;
}
