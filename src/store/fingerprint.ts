/**
 * A fingerprint of a scenario's content: equal for two drafts that say the same
 * thing (whatever their key order or object identity), different as soon as any
 * value differs. The run remembers the fingerprint of the scenario it ran, so the
 * view can tell when the swarm on screen is no longer the one the trace belongs to.
 *
 * Drafts are immutable and edits share what they do not change, so every object
 * and array is hashed once and its hash cached by identity: after an edit only the
 * changed path is hashed again (a 5,000-agent swarm whose seed changed costs nothing).
 */
import type { ScenarioDraft } from './scenarioSlice';

/** Two independent 32-bit FNV-1a style hashes of a string, as 16 hex digits (collisions: ~2⁻⁶⁴). */
function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const cache = new WeakMap<object, string>();
/** Below this length a node's canonical text stands for itself: hashing and caching it would cost more. */
const INLINE_MAX = 96;
const PLAIN_KEY = /^[\w.-]*$/;

/** Canonical text of a node: its JSON with sorted keys, or `#` and a hash of that text for larger nodes. */
function canon(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'u';
  const cached = cache.get(value);
  if (cached !== undefined) return cached;
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + canon(value[i]);
    text += ']';
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    text = '{';
    for (const k of keys) {
      if (record[k] === undefined) continue;
      text += `${text.length > 1 ? ',' : ''}${PLAIN_KEY.test(k) ? `"${k}"` : JSON.stringify(k)}:${canon(record[k])}`;
    }
    text += '}';
  }
  if (text.length <= INLINE_MAX) return text;
  const hash = `#${hash64(text)}`;
  cache.set(value, hash);
  return hash;
}

/** The content hash of any JSON value; objects hash their keys in sorted order, undefined members are absent. */
export function contentHash(value: unknown): string {
  const text = canon(value);
  return text.startsWith('#') ? text : `#${hash64(text)}`;
}

export function scenarioFingerprint(draft: ScenarioDraft): string {
  return contentHash(draft).slice(1);
}
