import { check, checkLimit } from '../core/errors';
import { compareStrings, isPlainObject, setOwn } from './json';

/** Entries of one counter or set state (the benchmark merges 1,000,000). */
export const MAX_CRDT_ENTRIES = 4_000_000;

/** Reads a `Record<agentId, count>` of a state into a Map, validating each count. */
export function readCounts(value: unknown, field: string): Map<string, number> {
  check(isPlainObject(value), field, 'must be an object of agent id → count');
  const keys = Object.keys(value);
  checkLimit('MAX_CRDT_ENTRIES', MAX_CRDT_ENTRIES, keys.length);
  const out = new Map<string, number>();
  for (const k of keys) {
    const v = value[k];
    check(typeof v === 'number' && Number.isFinite(v) && v >= 0, `${field}.${k}`, 'must be a finite number ≥ 0');
    out.set(k, v);
  }
  return out;
}

/** Joins `from` into `into` (entrywise max); returns the keys that grew. */
export function joinCounts(into: Map<string, number>, from: ReadonlyMap<string, number>): string[] {
  const grown: string[] = [];
  for (const [k, v] of from) {
    const mine = into.get(k);
    if (mine === undefined || mine < v) {
      into.set(k, v);
      grown.push(k);
    }
  }
  checkLimit('MAX_CRDT_ENTRIES', MAX_CRDT_ENTRIES, into.size);
  return grown;
}

/** A plain object with sorted keys (own data properties, so `__proto__` stays data). */
export function countsObject(counts: ReadonlyMap<string, number>, only?: Iterable<string>): Record<string, number> {
  const keys = only ? [...only] : [...counts.keys()];
  keys.sort(compareStrings);
  const out: Record<string, number> = {};
  for (const k of keys) setOwn(out, k, counts.get(k) ?? 0);
  return out;
}

export function sumCounts(counts: ReadonlyMap<string, number>): number {
  let s = 0;
  for (const v of counts.values()) s += v;
  return s;
}

export function checkAmount(amount: unknown, field: string): number {
  const a = amount ?? 1;
  check(typeof a === 'number' && Number.isFinite(a) && a >= 0, field, 'must be a finite number ≥ 0');
  return a;
}
