import { check, checkLimit } from '../core/errors';
import { type ClockOrder, MAX_CLOCK_ENTRIES, type VectorClock } from './vectorClock';

/**
 * Vector clocks over a fixed set of agents as typed arrays: entry `i` counts agent `ids[i]`'s
 * events. A swarm's agents are numbered, so an engine that merges a clock per delivered message
 * can keep them dense: merging two 1,024-entry clocks is a loop over two arrays (about a
 * microsecond) where plain objects of that size are dictionaries (hundreds of µs). The plain
 * `VectorClock` stays the JSON form (messages, trace details, the inspector): `toRecord` and
 * `fromRecord` convert, and every function here agrees with its `vectorClock.ts` counterpart.
 *
 * @example
 * const ids = new ClockIds(['agent-1', 'agent-2']);
 * const a = ids.fromRecord({ 'agent-1': 2 });
 * const b = ids.fromRecord({ 'agent-2': 3 });
 * ids.toRecord(mergeDense(a, b)) // { 'agent-1': 2, 'agent-2': 3 }
 */
export type DenseClock = Float64Array;

/** The agents of dense clocks, in entry order. */
export class ClockIds {
  readonly ids: readonly string[];
  private readonly index = new Map<string, number>();

  constructor(ids: readonly string[]) {
    checkLimit('MAX_CLOCK_ENTRIES', MAX_CLOCK_ENTRIES, ids.length);
    this.ids = [...ids];
    this.ids.forEach((id, i) => {
      check(!this.index.has(id), `ids[${i}]`, `must be unique (${id} appears twice)`);
      this.index.set(id, i);
    });
  }

  get size(): number {
    return this.ids.length;
  }

  /** The entry of `id`, or −1 when it is not one of these agents. */
  indexOf(id: string): number {
    return this.index.get(id) ?? -1;
  }

  /** A zero clock. */
  zero(): DenseClock {
    return new Float64Array(this.ids.length);
  }

  /** The dense form of a plain clock; an entry for an agent not listed here is a ValidationError. */
  fromRecord(clock: VectorClock, field = 'clock'): DenseClock {
    const out = this.zero();
    for (const k of Object.keys(clock)) {
      const i = this.indexOf(k);
      check(i >= 0, `${field}.${k}`, 'must name one of the clock’s agents');
      out[i] = clock[k];
    }
    return out;
  }

  /** The plain form: zero entries are left out (a missing entry counts as 0), keys in entry order. */
  toRecord(clock: DenseClock): VectorClock {
    const out: Record<string, number> = {};
    for (let i = 0; i < clock.length; i++) {
      if (clock[i] === 0) continue;
      const id = this.ids[i];
      // An id such as `__proto__` stays data.
      if (id === '__proto__')
        Object.defineProperty(out, id, { value: clock[i], enumerable: true, writable: true, configurable: true });
      else out[id] = clock[i];
    }
    return out;
  }
}

/** The entrywise maximum of two clocks of the same agents: a new clock, or written into `out` when one is given. */
export function mergeDense(a: DenseClock, b: DenseClock, out: DenseClock = new Float64Array(a.length)): DenseClock {
  check(a.length === b.length && out.length === a.length, 'clock', 'dense clocks of different agents');
  for (let i = 0; i < a.length; i++) out[i] = Math.max(a[i], b[i]);
  return out;
}

/** The clock after one more local event of agent `i` (by `by` events): a new clock. */
export function incrementDense(a: DenseClock, i: number, by = 1): DenseClock {
  check(Number.isInteger(i) && i >= 0 && i < a.length, 'agent', 'must be an entry of the clock');
  check(Number.isSafeInteger(by) && by >= 0, 'by', 'must be an integer ≥ 0');
  const out = a.slice();
  out[i] += by;
  return out;
}

/** How `a` relates to `b` under happened-before, as `compare` in vectorClock.ts. */
export function compareDense(a: DenseClock, b: DenseClock): ClockOrder {
  check(a.length === b.length, 'clock', 'dense clocks of different agents');
  let less = false;
  let greater = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) less = true;
    else if (a[i] > b[i]) greater = true;
  }
  if (less && greater) return 'concurrent';
  if (less) return 'before';
  if (greater) return 'after';
  return 'equal';
}
