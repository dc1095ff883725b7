import { check } from '../../core/errors';

/** A plain object (not null, not an array): what a run block and its nested settings must be. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A whole number in [lo, hi], or a ValidationError naming `field`. */
export function wholeNumber(x: unknown, field: string, lo: number, hi: number): number {
  check(typeof x === 'number' && Number.isSafeInteger(x), field, 'must be a whole number');
  check(x >= lo && x <= hi, field, `must be between ${lo.toLocaleString('en-US')} and ${hi.toLocaleString('en-US')}`);
  return x;
}

/** Rejects keys a parameter block does not have, so a typo is an error instead of a silent default. */
export function onlyKeys(x: Record<string, unknown>, allowed: ReadonlySet<string>, field: string, what: string): void {
  for (const key of Object.keys(x)) check(allowed.has(key), `${field}.${key}`, `is not a ${what} parameter`);
}

export function flag(x: unknown, field: string): boolean {
  check(typeof x === 'boolean', field, 'must be true or false');
  return x;
}
