import { check } from '../core/errors';
import { canonicalJson } from '../core/hash';

/** A JSON value: what a replica may hold and send over the simulated network. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How deep a value may nest (a bound, so a hostile value cannot blow the stack). */
export const MAX_JSON_DEPTH = 64;

/** A plain object: `{}` literal or `Object.create(null)`, not an array, Date, Map or class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Defines an own data property, so that a key such as `__proto__` is stored as data. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  // Only `__proto__` has a setter on Object.prototype; plain assignment keeps other objects fast.
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Throws ValidationError at `field` unless `value` is finite JSON (no undefined, NaN, functions, cycles). */
export function checkJson(value: unknown, field: string, depth = 0): asserts value is Json {
  check(depth <= MAX_JSON_DEPTH, field, `must nest at most ${MAX_JSON_DEPTH} levels`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') return check(Number.isFinite(value), field, 'must be a finite number');
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkJson(value[i], `${field}[${i}]`, depth + 1);
    return;
  }
  check(isPlainObject(value), field, 'must be JSON (null, boolean, number, string, array or plain object)');
  for (const k of Object.keys(value)) checkJson(value[k], `${field}.${k}`, depth + 1);
}

/** A deep copy of a JSON value; object keys are copied as own data properties. */
export function cloneJson<T extends Json>(value: T): T {
  // −0 becomes 0: JSON cannot tell them apart, so a copy that could would not survive a save.
  if (typeof value === 'number') return (value === 0 ? 0 : value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => cloneJson(v)) as T;
  const out: Record<string, Json> = {};
  for (const k of Object.keys(value)) setOwn(out, k, cloneJson((value as Record<string, Json>)[k]));
  return out as T;
}

/** The identity of a JSON value: equal values (whatever their key order) give equal keys. */
export function jsonKey(value: unknown): string {
  return canonicalJson(value);
}

/**
 * Whether two values have the same canonical JSON (`jsonKey(a) === jsonKey(b)`), found by
 * walking both instead of serialising them: replicas compare versions this way once per
 * key and delivery. Anything JSON.stringify would treat specially (toJSON, Map, Set,
 * class instances, non-finite numbers) is compared by its canonical text, as before.
 * @example jsonEqual({ a: 1, b: [2] }, { b: [2], a: 1 }) // true
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isPlainJson(a) || !isPlainJson(b)) return canonicalJson(a) === canonicalJson(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(inArray(a[i]), inArray(b[i]))) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let present = 0;
  for (const k of Object.keys(x)) {
    if (isOmitted(x[k])) continue;
    present++;
    if (!Object.hasOwn(y, k) || !jsonEqual(x[k], y[k])) return false;
  }
  for (const k of Object.keys(y)) if (!isOmitted(y[k])) present--;
  return present === 0;
}

/** JSON.stringify leaves these out of objects (and writes null for them in arrays). */
function isOmitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function inArray(v: unknown): unknown {
  return isOmitted(v) ? null : v;
}

/** A value JSON.stringify writes as it is: no toJSON, no special object, no NaN or Infinity. */
function isPlainJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object') return false;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  return Array.isArray(v) || isPlainObject(v);
}

const RANK: Record<string, number> = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5 };

function rank(v: unknown): number {
  if (v === null) return RANK.null;
  if (Array.isArray(v)) return RANK.array;
  return RANK[typeof v] ?? RANK.object;
}

/**
 * A total order on JSON values: null < booleans < numbers < strings < arrays <
 * objects; numbers numerically, strings by UTF-16 code units (not locale), the
 * rest by canonical text. Used to sort set elements and break the last ties.
 */
export function compareJson(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (a === null) return 0;
  return compareStrings(jsonKey(a), jsonKey(b));
}

/** Code-unit order, the same on every machine (localeCompare is not). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
