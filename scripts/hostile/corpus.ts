/**
 * The hostile-scenario corpus: what one case is, and the helpers every case
 * module builds files with. A case is a file (JSON text, raw bytes, or data to
 * serialise), the category it belongs to, one line saying what it probes and
 * what the CLI path must do with it: refuse it naming a field, run it, or
 * either (a clean refusal or a clean run both pass).
 */

export const CATEGORIES = [
  'prototype-keys',
  'nesting',
  'huge-arrays',
  'huge-counts',
  'unknown-agents',
  'faults',
  'numbers',
  'encoding',
  'versions',
  'types-and-text',
  'topology',
  'limits',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface HostileCase {
  /** File name without `.json`; unique, kebab-case. */
  name: string;
  category: Category;
  /** What the file probes, one line. */
  probes: string;
  expect: 'refused' | 'runs' | 'either';
  /** When refused: the field path the first problem must name (exactly, or as a prefix ending in `.`/`[`). */
  field?: string;
  /** Takes seconds: left out of the default sample (FULL=1 runs it). */
  heavy?: boolean;
  /** JSON text or raw bytes as written; anything else is serialised with JSON.stringify. */
  content: string | Uint8Array | object;
}

export const FORMAT = 'swarm-playground/scenario';

/** A small valid scenario (eight agents on a ring, a flood) with `patch` merged in at the top level. */
export function base(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: FORMAT,
    version: 1,
    seed: 7,
    topology: { agentCount: 8, builder: { kind: 'ring' } },
    run: { kind: 'flood' },
    ...patch,
  };
}

/** `base` with a topology. */
export const withTopology = (topology: object, patch: Record<string, unknown> = {}) => base({ topology, ...patch });

/** `base` with a run block. */
export const withRun = (run: object, patch: Record<string, unknown> = {}) => base({ run, ...patch });

/** `base` with a network block. */
export const withNetwork = (network: object, patch: Record<string, unknown> = {}) => base({ network, ...patch });

/** `n` agents as file objects (`a0`, `a1`, …), each patched by `extra(i)`. */
export function agents(n: number, extra: (i: number) => object = () => ({})): object[] {
  return Array.from({ length: n }, (_, i) => ({ id: `a${i}`, ...extra(i) }));
}

/** UTF-8 bytes of `s`. */
export const utf8 = (s: string) => new TextEncoder().encode(s);

/** Concatenated byte arrays. */
export function bytes(...parts: (Uint8Array | number[])[]): Uint8Array {
  const all = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `base()` as JSON text with `marker` (a quoted JSON string, e.g. a label) replaced by raw `replacement` bytes. */
export function withRawBytes(replacement: number[]): Uint8Array {
  const text = JSON.stringify(
    withTopology({ agents: [{ id: 'a0', label: '@@' }, { id: 'a1' }], builder: { kind: 'ring' } }),
  );
  const [before, after] = text.split('@@');
  return bytes(utf8(before), replacement, utf8(after));
}

/** Text nested `depth` levels deep: `[[[…]]]` (arrays) or `{"a":{"a":…}}` (objects). */
export function nested(depth: number, open: '[' | '{'): string {
  return open === '[' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
