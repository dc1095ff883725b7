import { checkLimit } from '../core/errors';
import { MAX_PENDING_EVENTS } from '../core/limits';

/**
 * A min-priority queue of simulation events keyed by (time, insertion order):
 * events at the same simulated millisecond come out in the order they were
 * scheduled, so a run never depends on heap internals. Struct-of-arrays storage
 * with a free list; no object is allocated per event.
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
  private heap: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  private used = 0;
  private size = 0;
  private nextSeq = 0;

  constructor(
    initialCapacity = 1024,
    private readonly maxPending = MAX_PENDING_EVENTS,
  ) {
    const cap = Math.max(16, initialCapacity);
    this.time = new Float64Array(cap);
    this.seq = new Float64Array(cap);
    this.type = new Uint8Array(cap);
    this.a = new Int32Array(cap);
    this.b = new Int32Array(cap);
    this.c = new Int32Array(cap);
    this.d = new Int32Array(cap);
    this.heap = new Int32Array(cap);
    this.free = new Int32Array(cap);
  }

  get length(): number {
    return this.size;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.size === 0 ? Number.POSITIVE_INFINITY : this.time[this.heap[0]];
  }

  /** Schedules an event and returns its slot (valid until it is popped and released). */
  push(time: number, type: number, a: number, b: number, c: number, d: number): number {
    const slot = this.allocate();
    this.time[slot] = time;
    this.seq[slot] = this.nextSeq++;
    this.type[slot] = type;
    this.a[slot] = a;
    this.b[slot] = b;
    this.c[slot] = c;
    this.d[slot] = d;
    this.siftUp(this.size++, slot);
    return slot;
  }

  /** Removes the earliest event and returns its slot, or -1 when empty. */
  pop(): number {
    if (this.size === 0) return -1;
    const top = this.heap[0];
    const last = this.heap[--this.size];
    if (this.size > 0) this.siftDown(0, last);
    return top;
  }

  /** Returns a popped slot to the free list. */
  release(slot: number): void {
    this.free[this.freeCount++] = slot;
  }

  private less(x: number, y: number): boolean {
    const tx = this.time[x];
    const ty = this.time[y];
    return tx < ty || (tx === ty && this.seq[x] < this.seq[y]);
  }

  private siftUp(pos: number, slot: number): void {
    const heap = this.heap;
    let i = pos;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (!this.less(slot, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
  }

  private siftDown(pos: number, slot: number): void {
    const heap = this.heap;
    const n = this.size;
    let i = pos;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.less(heap[child + 1], heap[child])) child++;
      const c = heap[child];
      if (!this.less(c, slot)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = slot;
  }

  private allocate(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount];
    if (this.used === this.time.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    checkLimit('MAX_PENDING_EVENTS', this.maxPending, this.used + 1);
    const cap = Math.min(this.time.length * 2, this.maxPending);
    const f64 = (old: Float64Array) => {
      const next = new Float64Array(cap);
      next.set(old);
      return next;
    };
    const i32 = (old: Int32Array) => {
      const next = new Int32Array(cap);
      next.set(old);
      return next;
    };
    this.time = f64(this.time);
    this.seq = f64(this.seq);
    const type = new Uint8Array(cap);
    type.set(this.type);
    this.type = type;
    this.a = i32(this.a);
    this.b = i32(this.b);
    this.c = i32(this.c);
    this.d = i32(this.d);
    this.heap = i32(this.heap);
    this.free = i32(this.free);
  }
}
