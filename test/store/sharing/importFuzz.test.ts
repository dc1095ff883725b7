/**
 * Seeded fuzz of the whole untrusted-input path the library owns: scenario text
 * and share links, broken at every layer (the JSON data, the text, the
 * compressed bytes, the base64url data). Every case must come back as a
 * Problem naming at least one field with a rule in words, or as a valid
 * scenario — never a throw. 10,000 cases (FULL=1: 50,000) in under 60 s.
 */
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/engine/core/prng';
import { decodeShareData, fromBase64Url, toBase64Url } from '../../../src/store/sharing/shareLink';
import { readScenarioInput as readScenarioText } from '../../../src/worker/api/scenarioIo';
import { type Doc, HOSTILE_TEXT, randomValidDoc } from '../../engine/scenario/generate';

const CASES = process.env.FULL === '1' ? 50_000 : 10_000;
const BASE_SEED = 0x11b7a7e5;
/** Seeds that once found a bug stay here as regression tests. */
const PINNED: number[] = [];

const VALUES: unknown[] = [null, true, -1, 1e308, 2 ** 53 + 1, '', 'x'.repeat(300), [], {}, [[[]]], ...HOSTILE_TEXT];
const KEYS = ['__proto__', 'constructor', 'prototype', 'extra', 'kind', ''];

function breakData(rng: Prng, doc: Doc, log: string[]): void {
  const holders: [Doc, string][] = [];
  const visit = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    for (const k of Object.keys(node)) {
      holders.push([node as Doc, k]);
      visit((node as Doc)[k]);
    }
  };
  visit(doc);
  const [holder, key] = rng.pick(holders);
  switch (rng.int(4)) {
    case 0:
      log.push(`delete ${key}`);
      delete holder[key];
      break;
    case 1: {
      const value = rng.pick(VALUES);
      log.push(`set ${key}`);
      holder[key] = structuredClone(value);
      break;
    }
    case 2: {
      const extra = rng.pick(KEYS);
      log.push(`add key ${extra}`);
      Object.defineProperty(holder, extra, { value: rng.pick(VALUES), enumerable: true, writable: true });
      break;
    }
    default: {
      const depth = rng.range(2, 60);
      log.push(`nest ${key} ${depth} deep`);
      for (let i = 0; i < depth; i++) holder[key] = [holder[key]];
    }
  }
}

function breakText(rng: Prng, text: string, log: string[]): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(4)) {
    case 0:
      log.push(`truncate ${at}`);
      return text.slice(0, at);
    case 1:
      log.push(`insert at ${at}`);
      return text.slice(0, at) + rng.pick(['1e999', '"', '}', '[[[[', '\u0000', '\\u']) + text.slice(at);
    case 2:
      log.push(`deep at ${at}`);
      return `${text.slice(0, at)}${'['.repeat(rng.range(30, 300))}${text.slice(at)}`;
    default:
      log.push(`delete ${at}`);
      return text.slice(0, at) + text.slice(at + 1);
  }
}

async function deflate(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function breakLink(rng: Prng, data: string, log: string[]): string {
  const at = rng.int(data.length + 1);
  switch (rng.int(4)) {
    case 0:
      log.push(`cut link at ${at}`);
      return data.slice(0, at);
    case 1: {
      const bytes = fromBase64Url(data) ?? new Uint8Array(0);
      const i = rng.int(Math.max(1, bytes.length));
      log.push(`flip byte ${i}`);
      if (bytes.length > 0) bytes[i] ^= 1 << rng.int(8);
      return toBase64Url(bytes);
    }
    case 2:
      log.push(`bad char at ${at}`);
      return `${data.slice(0, at)}${rng.pick(['%', '+', '/', '=', ' ', '#'])}${data.slice(at)}`;
    default:
      log.push(`swap chars at ${at}`);
      return data.slice(0, at) + rng.pick(['A', 'z', '-', '_']) + data.slice(at + 1);
  }
}

/** Runs one case through the same path Import and share links use; returns what happened. */
async function runCase(seed: number): Promise<'accepted' | 'rejected'> {
  const rng = new Prng(seed);
  const doc = randomValidDoc(rng.u32());
  const log: string[] = [];
  if (rng.chance(0.7)) breakData(rng, doc, log);
  let text = JSON.stringify(doc);
  if (rng.chance(0.5)) text = breakText(rng, text, log);
  const where = `seed ${seed}: [${log.join('; ')}]`;
  let outcome: { ok: boolean; problem?: { message: string; issues: { field: string; rule: string }[] } };
  try {
    if (rng.chance(0.5)) outcome = readScenarioText(text, 'The file');
    else {
      let data = toBase64Url(await deflate(text));
      if (rng.chance(0.5)) data = breakLink(rng, data, log);
      const decoded = await decodeShareData(data);
      outcome = decoded.ok ? readScenarioText(decoded.text, 'The share link') : decoded;
    }
  } catch (error) {
    throw new Error(`crashed for ${where}: ${(error as Error).stack}`);
  }
  if (outcome.ok) return 'accepted';
  expect(outcome.problem?.message.length, where).toBeGreaterThan(0);
  expect(outcome.problem?.issues.length, where).toBeGreaterThan(0);
  for (const issue of outcome.problem?.issues ?? []) {
    expect(issue.field.length, where).toBeGreaterThan(0);
    expect(issue.rule.length, where).toBeGreaterThan(0);
  }
  return 'rejected';
}

describe('import fuzz', () => {
  it(`${CASES} seeded malformed files and links: 0 crashes, every refusal names a field, under 60 s`, async () => {
    const started = performance.now();
    const counts = { accepted: 0, rejected: 0 };
    for (const seed of PINNED) await runCase(seed);
    for (let i = 0; i < CASES; i++) counts[await runCase(BASE_SEED + i)]++;
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(60);
    expect(counts.rejected).toBeGreaterThan(CASES * 0.6);
    // Prototype pollution would show up here after thousands of __proto__ keys.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    console.log(`import fuzz: ${counts.rejected} refused, ${counts.accepted} valid, ${seconds.toFixed(1)} s`);
  });
});
