import { check, checkLimit } from '../core/errors';

/**
 * A vector clock: for each agent id, how many of that agent's events this
 * state has seen. Missing entries count as 0. Clocks are plain JSON objects so
 * they travel in trace details and messages unchanged; every function here
 * returns a new clock and never mutates its inputs.
 */
export type VectorClock = Readonly<Record<string, number>>;

/** How two clocks relate: `'before'` means the left one happened before the right one. */
export type ClockOrder = 'before' | 'after' | 'equal' | 'concurrent';

/** One cell of a comparison, for the inspector to highlight: `left` vs `right` for `agent`. */
export interface ClockEntryComparison {
  agent: string;
  left: number;
  right: number;
  cmp: '<' | '=' | '>';
}

/** Entries in one clock (the benchmark merges 1,024-entry clocks; a swarm has at most MAX_AGENTS). */
export const MAX_CLOCK_ENTRIES = 100_000;

/** A fresh, empty clock. Own-property writes only, so an agent id like `__proto__` is stored as data. */
function emptyClock(): Record<string, number> {
  return {};
}

function setEntry(clock: Record<string, number>, agent: string, value: number): void {
  // Only `__proto__` has a setter on Object.prototype; defining every key would make clocks slow dictionaries.
  if (agent === '__proto__')
    Object.defineProperty(clock, agent, { value, enumerable: true, writable: true, configurable: true });
  else clock[agent] = value;
}

function entry(clock: VectorClock, agent: string): number {
  return Object.hasOwn(clock, agent) ? clock[agent] : 0;
}

/**
 * Checks that `value` is a clock (an object of non-negative safe integers) and
 * returns a copy with sorted keys. Throws ValidationError naming `field`.
 *
 * @example validateVectorClock({ 'agent-1': 5 }, 'metadata.vectorClock') // { 'agent-1': 5 }
 */
export function validateVectorClock(value: unknown, field: string): VectorClock {
  check(
    typeof value === 'object' && value !== null && !Array.isArray(value),
    field,
    'must be an object of agent id → count',
  );
  const keys = Object.keys(value).sort();
  checkLimit('MAX_CLOCK_ENTRIES', MAX_CLOCK_ENTRIES, keys.length);
  const out = emptyClock();
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    check(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0, `${field}.${k}`, 'must be an integer ≥ 0');
    setEntry(out, k, v);
  }
  return out;
}

/**
 * The clock after one more local event of `agent` (by `by` events).
 *
 * @example increment({ a: 1 }, 'a') // { a: 2 }
 */
export function increment(clock: VectorClock, agent: string, by = 1): VectorClock {
  check(Number.isSafeInteger(by) && by >= 0, 'by', 'must be an integer ≥ 0');
  // Spread copies with CreateDataProperty, so an own `__proto__` entry stays data.
  const out: Record<string, number> = { ...clock };
  setEntry(out, agent, entry(clock, agent) + by);
  return out;
}

/**
 * The least upper bound of two clocks: the entrywise maximum.
 *
 * @example merge({ a: 2, b: 1 }, { b: 3 }) // { a: 2, b: 3 }
 */
export function merge(left: VectorClock, right: VectorClock): VectorClock {
  const out: Record<string, number> = { ...left };
  for (const k of Object.keys(right)) {
    const r = right[k];
    if (!Object.hasOwn(out, k) || out[k] < r) setEntry(out, k, r);
  }
  return out;
}

/**
 * How `left` relates to `right` under happened-before.
 *
 * @example compare({ a: 1 }, { a: 2 }) // 'before'
 * @example compare({ a: 5, b: 3 }, { a: 4, b: 6 }) // 'concurrent'
 */
export function compare(left: VectorClock, right: VectorClock): ClockOrder {
  let less = false;
  let greater = false;
  for (const k of Object.keys(left)) {
    const l = left[k];
    const r = entry(right, k);
    if (l < r) less = true;
    else if (l > r) greater = true;
  }
  for (const k of Object.keys(right)) {
    if (Object.hasOwn(left, k)) continue;
    if (right[k] > 0) less = true;
  }
  if (less && greater) return 'concurrent';
  if (less) return 'before';
  if (greater) return 'after';
  return 'equal';
}

/**
 * Every entry of the two clocks side by side, sorted by agent id (numbers within ids in
 * numeric order: agent-2 before agent-10), so an inspector can show which cells decided the order.
 *
 * @example compareEntries({ a: 5 }, { a: 4, b: 1 }) // [{ agent: 'a', left: 5, right: 4, cmp: '>' }, { agent: 'b', left: 0, right: 1, cmp: '<' }]
 */
export function compareEntries(left: VectorClock, right: VectorClock): ClockEntryComparison[] {
  const agents = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort(BY_ID.compare);
  return agents.map((agent) => {
    const l = entry(left, agent);
    const r = entry(right, agent);
    return { agent, left: l, right: r, cmp: l < r ? '<' : l > r ? '>' : '=' };
  });
}

const BY_ID = new Intl.Collator('en', { numeric: true });

/** @example happenedBefore({ a: 1 }, { a: 1, b: 1 }) // true */
export function happenedBefore(left: VectorClock, right: VectorClock): boolean {
  return compare(left, right) === 'before';
}

/** @example isConcurrent({ a: 1 }, { b: 1 }) // true */
export function isConcurrent(left: VectorClock, right: VectorClock): boolean {
  return compare(left, right) === 'concurrent';
}

/** `{a:5,b:3}` — the short form used in explanation sentences. */
export function formatClock(clock: VectorClock): string {
  const keys = Object.keys(clock).sort();
  return `{${keys.map((k) => `${k}:${clock[k]}`).join(',')}}`;
}
