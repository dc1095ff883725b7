import { checkLimit, invariant } from '../core/errors';
import { MAX_PENDING_EVENTS } from '../core/limits';

/**
 * The simulator's priority queue of events keyed by (integer simulated ms,
 * insertion order): events due at the same millisecond come out in the order
 * they were scheduled, so a run never depends on queue internals.
 *
 * A calendar queue: a wheel of `wheelSize` one-millisecond FIFO buckets covers
 * the near future [base, base + wheelSize), so pushes and pops are O(1); events
 * further out wait in a binary heap and move onto the wheel, in order, as time
 * reaches them. Fields live in typed arrays with a free list: no object per event.
 */
export class EventQueue {
  /** Per-slot fields; read them after `pop()` and before `release()`. */
  time: Float64Array;
  type: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  c: Int32Array;
  d: Int32Array;
  private seq: Float64Array;
  private next: Int32Array;
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
    this.time = new Float64Array(cap);
    this.seq = new Float64Array(cap);
    this.type = new Uint8Array(cap);
    this.a = new Int32Array(cap);
    this.b = new Int32Array(cap);
    this.c = new Int32Array(cap);
    this.d = new Int32Array(cap);
    this.next = new Int32Array(cap);
    this.free = new Int32Array(cap);
    this.heap = new Int32Array(cap);
  }

  get length(): number {
    return this.onWheel + this.heapSize;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    if (this.onWheel > 0) return this.earliestOnWheel();
    return this.heapSize > 0 ? this.time[this.heap[0]] : Number.POSITIVE_INFINITY;
  }

  /** Schedules an event at a whole millisecond ≥ the last popped time; returns its slot. */
  push(time: number, type: number, a: number, b: number, c: number, d: number): number {
    invariant(Number.isInteger(time) && time >= this.base, 'events are scheduled at whole ms, never in the past');
    const slot = this.allocate();
    this.time[slot] = time;
    this.seq[slot] = this.nextSeq++;
    this.type[slot] = type;
    this.a[slot] = a;
    this.b[slot] = b;
    this.c[slot] = c;
    this.d[slot] = d;
    if (time - this.base <= this.mask) this.append(slot);
    else this.heapPush(slot);
    return slot;
  }

  /** Removes the earliest event and returns its slot, or -1 when empty. */
  pop(): number {
    if (this.onWheel === 0) {
      if (this.heapSize === 0) return -1;
      this.base = this.hint = this.time[this.heap[0]];
      this.migrate();
    }
    const t = this.earliestOnWheel();
    if (t !== this.base) {
      this.base = t;
      this.migrate();
    }
    const bucket = t & this.mask;
    const slot = this.head[bucket];
    this.head[bucket] = this.next[slot];
    if (this.head[bucket] === -1) this.tail[bucket] = -1;
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

  private append(slot: number): void {
    const t = this.time[slot];
    const bucket = t & this.mask;
    this.next[slot] = -1;
    if (this.tail[bucket] === -1) this.head[bucket] = slot;
    else this.next[this.tail[bucket]] = slot;
    this.tail[bucket] = slot;
    this.onWheel++;
    if (t < this.hint) this.hint = t;
  }

  /** Moves every far event now inside the window onto the wheel, in (time, seq) order. */
  private migrate(): void {
    while (this.heapSize > 0 && this.time[this.heap[0]] - this.base <= this.mask) this.append(this.heapPop());
  }

  private less(x: number, y: number): boolean {
    const tx = this.time[x];
    const ty = this.time[y];
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
    if (this.used === this.time.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    checkLimit('MAX_PENDING_EVENTS', this.maxPending, this.used + 1);
    const cap = Math.min(this.time.length * 2, this.maxPending);
    const copy = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const fresh = make(cap);
      fresh.set(old);
      return fresh;
    };
    const f64 = (n: number) => new Float64Array(n);
    const i32 = (n: number) => new Int32Array(n);
    this.time = copy(this.time, f64);
    this.seq = copy(this.seq, f64);
    this.type = copy(this.type, (n) => new Uint8Array(n));
    this.a = copy(this.a, i32);
    this.b = copy(this.b, i32);
    this.c = copy(this.c, i32);
    this.d = copy(this.d, i32);
    this.next = copy(this.next, i32);
    this.free = copy(this.free, i32);
    this.heap = copy(this.heap, i32);
  }
}
