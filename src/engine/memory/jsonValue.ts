import { check, checkLimit } from '../core/errors';

/** What a memory provider stores and a synchroniser puts on the wire: plain JSON. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Nesting depth of a stored value (a deeper one is almost certainly a cycle or a mistake). */
export const MAX_JSON_DEPTH = 64;

/**
 * Checks that `value` is plain JSON (finite numbers, no undefined, functions,
 * class instances or cycles) and returns its JSON text. Both providers accept
 * exactly these values, so the in-memory and IndexedDB providers behave alike.
 * @example toJson({ a: [1, 'x'] }, 'value') // '{"a":[1,"x"]}'
 */
export function toJson(value: unknown, field: string): string {
  assertJson(value, field, 0);
  return JSON.stringify(value);
}

function assertJson(value: unknown, field: string, depth: number): void {
  checkLimit('MAX_JSON_DEPTH', MAX_JSON_DEPTH, depth);
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    check(Number.isFinite(value), field, 'must be a finite number (JSON has no NaN or Infinity)');
    return;
  }
  check(typeof value === 'object', field, `must be JSON (got ${typeof value})`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertJson(value[i], `${field}[${i}]`, depth + 1);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  check(proto === Object.prototype || proto === null, field, 'must be a plain object, an array or a primitive');
  for (const key of Object.keys(value))
    assertJson((value as Record<string, unknown>)[key], `${field}.${key}`, depth + 1);
}

/**
 * Bytes of `text` encoded as UTF-8: what a value costs on the wire or on disk.
 * @example utf8Bytes('é') // 2
 */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The serialised size of a value in bytes (UTF-8 of its JSON), or 0 for undefined.
 * @example jsonBytes({ a: 1 }) // 7
 */
export function jsonBytes(value: unknown): number {
  if (value === undefined) return 0;
  return utf8Bytes(JSON.stringify(value));
}
