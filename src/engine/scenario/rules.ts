/**
 * Small valibot builders whose every issue carries one rule in words
 * ("must be an integer from 0 to 100"), so an error reads the same whatever
 * check of the pipe failed.
 */
import * as v from 'valibot';
import { MAX_ID_LENGTH } from '../core/limits';
import { RESERVED_NAMES } from './format';

/** `1234567` ⇒ `1,234,567`, fixed to en-US so messages do not depend on the machine's locale. */
export function fmt(n: number): string {
  // Beyond 15 digits the grouped form is long and its last digits are not exact anyway.
  return Math.abs(n) >= 1e15 && Number.isFinite(n) ? n.toPrecision(3) : n.toLocaleString('en-US');
}

/** -0 survives JSON.parse but not JSON.stringify; folding it keeps serialise ∘ parse exact. */
function noNegativeZero(n: number): number {
  return n === 0 ? 0 : n;
}

/** An integer in [min, max]. The rule states the bounds' values, never the names of the constants behind them. */
export function int(min: number, max: number) {
  const rule = `must be an integer from ${fmt(min)} to ${fmt(max)}`;
  return v.pipe(
    v.number(rule),
    v.integer(rule),
    v.minValue(min, rule),
    v.maxValue(max, rule),
    v.transform(noNegativeZero),
  );
}

/** A finite number in [min, max], or in (min, max] when `minExclusive`. */
export function num(min: number, max: number, minExclusive = false) {
  const rule = `must be a number ${minExclusive ? '>' : '≥'} ${fmt(min)} and ≤ ${fmt(max)}`;
  const lower = minExclusive
    ? v.gtValue<number, number, string>(min, rule)
    : v.minValue<number, number, string>(min, rule);
  return v.pipe(v.number(rule), v.finite(rule), lower, v.maxValue(max, rule), v.transform(noNegativeZero));
}

/** A probability in [0, 1]. */
export function probability() {
  return num(0, 1);
}

const ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/;
const ID_RULE = `must be an id: 1 to ${MAX_ID_LENGTH} of A-Z a-z 0-9 _ . : - (not __proto__, constructor or prototype)`;

/** An identifier: agent ids, capabilities, proposal field names. Never one of RESERVED_NAMES. */
export function id() {
  return v.pipe(
    v.string(ID_RULE),
    v.minLength(1, ID_RULE),
    v.maxLength(MAX_ID_LENGTH, ID_RULE),
    v.regex(ID_PATTERN, ID_RULE),
    v.check((s) => !RESERVED_NAMES.has(s), ID_RULE),
  );
}

/**
 * True when `s` is plain text: no control characters (tab and newlines only when
 * `multiline`), no bidirectional overrides (they can make text display as
 * something else) and no lone UTF-16 surrogates.
 */
export function isPlainText(s: string, multiline: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (!multiline || (c !== 0x09 && c !== 0x0a && c !== 0x0d)) return false;
    } else if (c === 0x7f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return false;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** Plain text of `min`..`max` UTF-16 units. */
export function text(min: number, max: number, multiline = false) {
  const rule = `must be plain text of ${fmt(min)} to ${fmt(max)} characters${multiline ? '' : ' on one line'} (no control characters)`;
  return v.pipe(
    v.string(rule),
    v.minLength(min, rule),
    v.maxLength(max, rule),
    v.check((s) => isPlainText(s, multiline), rule),
  );
}

/** One of a fixed set of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(options: T) {
  return v.picklist(options, `must be one of ${options.map((o) => `"${o}"`).join(', ')}`);
}

/**
 * `body` behind a guard that refuses arrays and null with "must be an object".
 * valibot's object schemas take an array for an object: where that leaves a
 * required field missing, issues.ts reports the array ("topology: must be an
 * object"); where every field is optional (records, the network) nothing would
 * be reported, so those need this guard. It carries `body` as `jsonSchemaOf` so
 * scripts/scenarioJsonSchema.ts describes the body, not the guard.
 */
export function objectOnly<TInput, TOutput, TIssue extends v.BaseIssue<unknown>>(
  body: v.BaseSchema<TInput, TOutput, TIssue>,
) {
  const guard = v.custom<TInput>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'must be an object');
  return v.pipe(Object.assign(guard, { jsonSchemaOf: body }), body);
}

/** A JSON object (not an array, not null) whose values are checked by `value`. */
export function record<T extends v.GenericSchema>(key: v.GenericSchema<string>, value: T) {
  return objectOnly(v.record(key, value));
}

/** True for data JSON can carry exactly: strings, finite numbers, booleans, null, arrays and objects of them. */
export function isJsonData(x: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return true;
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every((item) => isJsonData(item, depth + 1));
  if (typeof x === 'object') return Object.values(x).every((item) => isJsonData(item, depth + 1));
  return false;
}
