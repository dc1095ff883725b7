/**
 * A stable 64-bit streaming hash (two 32-bit lanes of multiply–xorshift mixing),
 * used for trace hashes. Not cryptographic; stable across engines and versions of
 * this file, so a trace hash printed by the CLI matches the one shown in the browser.
 */
export class Hasher {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193;

  /** Mixes one 32-bit integer (negative values and floats are folded to 32 bits). */
  int(x: number): this {
    const v = x | 0;
    this.h1 = Math.imul(this.h1 ^ v, 0x01000193);
    this.h1 ^= this.h1 >>> 15;
    this.h2 = Math.imul(this.h2 ^ v, 0x5bd1e995);
    this.h2 ^= this.h2 >>> 13;
    this.h2 = (this.h2 + this.h1) | 0;
    return this;
  }

  /**
   * Mixes one trace event's six 32-bit fields: each goes through the first lane,
   * the second lane folds once per event (half the multiplications of six `int`
   * calls, on the simulator's hottest path). A fractional time falls back to `float`.
   */
  fields(kind: number, t: number, a: number, b: number, c: number, d: number): this {
    if ((t | 0) !== t) return this.int(kind).float(t).int(a).int(b).int(c).int(d);
    let h = this.h1;
    h = Math.imul(h ^ kind, 0x01000193);
    h = Math.imul(h ^ (h >>> 15) ^ t, 0x01000193);
    h = Math.imul(h ^ (h >>> 15) ^ a, 0x01000193);
    h = Math.imul(h ^ (h >>> 15) ^ b, 0x01000193);
    h = Math.imul(h ^ (h >>> 15) ^ c, 0x01000193);
    h = Math.imul(h ^ (h >>> 15) ^ d, 0x01000193);
    this.h1 = h ^ (h >>> 15);
    const g = Math.imul(this.h2 ^ this.h1, 0x5bd1e995);
    this.h2 = (g ^ (g >>> 13)) + this.h1;
    this.h2 |= 0;
    return this;
  }

  /** Mixes a float exactly (its two 32-bit halves). */
  float(x: number): this {
    if ((x | 0) === x) return this.int(x);
    FLOAT_VIEW[0] = x;
    return this.int(0x7ff80001).int(INT_VIEW[0]).int(INT_VIEW[1]);
  }

  /**
   * Mixes a string (length, then UTF-16 code units): the same as `int` per code unit, with the
   * lanes kept in locals (payloads of hundreds of kB are hashed at every send and delivery).
   */
  string(s: string): this {
    this.int(s.length);
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const v = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ v, 0x01000193);
      h1 ^= h1 >>> 15;
      h2 = Math.imul(h2 ^ v, 0x5bd1e995);
      h2 ^= h2 >>> 13;
      h2 = (h2 + h1) | 0;
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  /** 16 lowercase hex digits. */
  hex(): string {
    let a = this.h1;
    let b = this.h2;
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35);
    a ^= b >>> 7;
    b ^= a >>> 11;
    return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  }
}

const FLOAT_VIEW = new Float64Array(1);
const INT_VIEW = new Int32Array(FLOAT_VIEW.buffer);

/**
 * Canonical JSON: object keys sorted, so equal values hash equally whatever their key order.
 * Keys sort as a JavaScript object enumerates them once sorted: array-index keys ('0', '7',
 * '10') first in numeric order, then the others by code units. Plain objects and arrays are
 * written here directly (the trace hashes every payload and detail, and replicas' keys);
 * anything JSON.stringify treats specially (toJSON, Map, Set, class instances, bigint) goes
 * through `canonicalJsonReference`, which is the definition.
 */
export function canonicalJson(value: unknown): string {
  return write(value, false) as string;
}

/** `undefined` where JSON.stringify leaves the value out (undefined, functions, symbols). */
function write(v: unknown, inArray: boolean): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return inArray ? 'null' : undefined;
    case 'object':
      if (v === null) return 'null';
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') break;
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) === Array.prototype) return writeArray(v);
      } else if (isPlain(v)) return writeObject(v as Record<string, unknown>);
  }
  return canonicalJsonReference(v) ?? (inArray ? 'null' : undefined);
}

function writeArray(a: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < a.length; i++) out += (i > 0 ? ',' : '') + write(a[i], true);
  return `${out}]`;
}

function writeObject(o: Record<string, unknown>): string {
  const keys = Object.keys(o);
  // Object.keys lists array-index keys first, ascending: only the rest needs sorting.
  let named = 0;
  while (named < keys.length && isArrayIndex(keys[named])) named++;
  if (named < keys.length - 1) {
    const rest = keys.slice(named).sort();
    for (let i = 0; i < rest.length; i++) keys[named + i] = rest[i];
  }
  let out = '{';
  let first = true;
  for (const k of keys) {
    const text = write(o[k], false);
    if (text === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${text}`;
    first = false;
  }
  return `${out}}`;
}

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** What V8 enumerates first: a canonical numeric string below 2^32 − 1. */
function isArrayIndex(k: string): boolean {
  if (k.length === 0 || k.length > 10 || (k.charCodeAt(0) === 48 && k.length > 1)) return false;
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return Number(k) < 4294967295;
}

/**
 * The definition of canonical JSON, by JSON.stringify with a replacer that sorts every
 * object's keys; `canonicalJson` gives the same text faster (property-tested against this).
 */
export function canonicalJsonReference(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set)) {
      // A null prototype, so a hostile `__proto__` key is copied as data, not as a prototype.
      const sorted: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(v as object).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    if (v instanceof Set) return [...v].sort();
    if (v instanceof Map) return Object.fromEntries([...v.entries()].sort());
    return v;
  });
}
