import { expect } from 'vitest';
import type { StateVersionInput } from '../../../src/engine/conflict';
import { ValidationError } from '../../../src/engine/core/errors';

/** Asserts that `fn` throws a ValidationError for `field` (and, optionally, a rule matching `rule`). */
export function expectValidation(fn: () => unknown, field: string, rule?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  expect((caught as ValidationError).field).toBe(field);
  if (rule) expect((caught as ValidationError).rule).toMatch(rule);
}

export function sv(
  stateKey: string,
  value: unknown,
  version: number,
  timestamp: number | Date,
  agentId: string,
  metadata: StateVersionInput['metadata'] = {},
): StateVersionInput {
  return { stateKey, value, version, timestamp, agentId, metadata };
}

/** Freezes a value and everything inside it, so that a mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const k of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[k]);
  }
  return value;
}

/** Every ordering of `items` (for small lists). */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}
