/**
 * A fingerprint of a scenario's content: equal for two drafts that say the same
 * thing (whatever their key order or object identity), different as soon as any
 * value differs. The run remembers the fingerprint of the scenario it ran, so the
 * view can tell when the swarm on screen is no longer the one the trace belongs to.
 */
import type { ScenarioDraft } from './scenarioSlice';

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` read the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Two independent 32-bit FNV-1a style hashes of a string, as 16 hex digits (collisions: ~2⁻⁶⁴). */
function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

// Drafts are immutable: each edit makes a new object, so one fingerprint per object is enough.
const cache = new WeakMap<ScenarioDraft, string>();

export function scenarioFingerprint(draft: ScenarioDraft): string {
  let fp = cache.get(draft);
  if (fp === undefined) {
    fp = hash64(canonicalJson(draft));
    cache.set(draft, fp);
  }
  return fp;
}
