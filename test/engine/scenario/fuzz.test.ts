/**
 * Seeded fuzz: valid documents broken by random mutations (wrong types, missing
 * and extra fields, truncated text, huge numbers, deep nesting, hostile strings).
 * Every one must come back as ValidationErrors with field paths — never a crash,
 * never a hang. FULL=1 runs 10,000 cases; a failure names its seed and mutations.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError, ValidationErrors } from '../../../src/engine/core/errors';
import * as LIMITS from '../../../src/engine/core/limits';
import { Prng } from '../../../src/engine/core/prng';
import { parseScenario, serializeScenario, validateScenario } from '../../../src/engine/scenario';
import { type Doc, HOSTILE_TEXT, randomValidDoc } from './generate';

/** Names of the code's bounds: a refusal says the bound in words, never by these names. */
const LIMIT_NAMES = new RegExp(`\\b(${Object.keys(LIMITS).join('|')})\\b`);

const CASES = process.env.FULL === '1' ? 10_000 : 1_000;
const BASE_SEED = 0x5ce7a210;
/** Seeds that once found a bug stay here as regression tests. */
const PINNED: number[] = [];

const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  -1,
  -0,
  0.5,
  1e308,
  2 ** 53 + 1,
  -(2 ** 31),
  '',
  '0',
  'x'.repeat(70),
  'y'.repeat(250),
  '\u0000\u0007',
  '\u202Eevil',
  '\uDC00',
  [],
  [[]],
  {},
  { kind: 'mesh' },
  ['agent-1', 'agent-1'],
  ...HOSTILE_TEXT,
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'extra', 'kind', 'id', '', 'toString', 'hasOwnProperty'];
const RAW_INSERTS = [
  '1e999',
  '-1e400',
  '123456789012345678901234567890',
  '[[[[[[[[',
  ']]]',
  '}',
  '"',
  '\\',
  ',',
  'NaN',
  'undefined',
  '\u0000',
];

/** Every [container, key] pair in a document, so a mutation can target any field. */
function slots(doc: Doc): [Doc, string | number][] {
  const out: [Doc, string | number][] = [];
  const visit = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      const k = Array.isArray(node) ? Number(key) : key;
      out.push([node as Doc, k]);
      visit((node as Doc)[key]);
    }
  };
  visit(doc);
  return out;
}

function mutateData(rng: Prng, doc: Doc, log: string[]): void {
  const all = slots(doc);
  const [holder, key] = rng.pick(all);
  switch (rng.int(6)) {
    case 0:
      log.push(`delete ${String(key)}`);
      if (Array.isArray(holder)) holder.splice(key as number, 1);
      else delete holder[key];
      break;
    case 1:
    case 2: {
      const value = rng.pick(HOSTILE_VALUES);
      log.push(`set ${String(key)} = ${JSON.stringify(value)?.slice(0, 40)}`);
      holder[key] = structuredClone(value);
      break;
    }
    case 3: {
      const target = rng.pick(
        all.filter(([h, k]) => h[k] !== null && typeof h[k] === 'object' && !Array.isArray(h[k])),
      );
      const extra = rng.pick(HOSTILE_KEYS);
      log.push(`add key ${extra}`);
      if (target)
        Object.defineProperty(target[0][target[1]], extra, {
          // A copy: the shared hostile values must never be mutated by a later case (it made cases depend on each other).
          value: structuredClone(rng.pick(HOSTILE_VALUES)),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      break;
    }
    case 4:
      log.push(`wrap ${String(key)} in an array`);
      holder[key] = [holder[key]];
      break;
    default: {
      // Swap two values of the document: right shapes in the wrong places.
      const [other, otherKey] = rng.pick(all);
      log.push(`swap ${String(key)} <-> ${String(otherKey)}`);
      const tmp = holder[key];
      holder[key] = structuredClone(other[otherKey]);
      other[otherKey] = tmp;
    }
  }
}

function mutateText(rng: Prng, text: string, log: string[]): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(5)) {
    case 0:
      log.push(`truncate at ${at}`);
      return text.slice(0, at);
    case 1: {
      const insert = rng.pick(RAW_INSERTS);
      log.push(`insert ${JSON.stringify(insert)} at ${at}`);
      return text.slice(0, at) + insert + text.slice(at);
    }
    case 2: {
      const value = rng.pick(['1e999', '-1e999', '1e-400', '99999999999999999999']);
      log.push(`numbers -> ${value}`);
      return text.replace(/(?<=:)-?\d+(\.\d+)?/g, (m) => (rng.chance(0.3) ? value : m));
    }
    case 3: {
      const depth = rng.range(20, 200);
      log.push(`nest ${depth} deep at a value`);
      return text.replace(/:(\d+)/, `:${'['.repeat(depth)}1${']'.repeat(depth)}`);
    }
    default:
      log.push(`delete char ${at}`);
      return text.slice(0, at) + text.slice(at + 1);
  }
}

/** One malformed input: a mutated document, given as data or as (possibly mutated) text. */
function malformedCase(seed: number): { input: unknown; log: string[] } {
  const rng = new Prng(seed);
  const doc = randomValidDoc(rng.u32());
  const log: string[] = [];
  for (let i = rng.range(1, 3); i > 0; i--) mutateData(rng, doc, log);
  if (rng.chance(0.3)) return { input: doc, log };
  const text = JSON.stringify(doc);
  return { input: rng.chance(0.5) ? mutateText(rng, text, log) : text, log };
}

function checkCase(seed: number): 'accepted' | 'rejected' {
  const { input, log } = malformedCase(seed);
  const where = `seed ${seed} after [${log.join('; ')}]`;
  let result: ReturnType<typeof validateScenario>;
  try {
    result = validateScenario(input);
  } catch (e) {
    throw new Error(`validateScenario crashed for ${where}: ${(e as Error).stack}`);
  }
  if (result.ok) {
    // A mutation can leave the file valid (a label replaced by another label); then it must round-trip.
    expect(parseScenario(serializeScenario(result.scenario)), where).toStrictEqual(result.scenario);
    return 'accepted';
  }
  expect(result.errors.length, where).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(error, where).toBeInstanceOf(ValidationError);
    expect(error.field.length, where).toBeGreaterThan(0);
    expect(error.rule.length, where).toBeGreaterThan(0);
    expect(error.field, where).not.toMatch(LIMIT_NAMES);
    expect(error.rule, where).not.toMatch(LIMIT_NAMES);
  }
  expect(() => parseScenario(input), where).toThrow(ValidationErrors);
  return 'rejected';
}

describe('scenario fuzz', () => {
  it(`${CASES} seeded malformed scenarios: 0 crashes, every rejection has field paths, under 60 s`, () => {
    const started = process.hrtime.bigint();
    const counts = { accepted: 0, rejected: 0 };
    for (const seed of PINNED) checkCase(seed);
    for (let i = 0; i < CASES; i++) counts[checkCase(BASE_SEED + i)]++;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(seconds).toBeLessThan(60);
    // The mutations must mostly break files, or the test proves little.
    expect(counts.rejected).toBeGreaterThan(CASES * 0.7);
    console.log(`fuzz: ${counts.rejected} rejected, ${counts.accepted} still valid, ${seconds.toFixed(1)} s`);
  });
});
