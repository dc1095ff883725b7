import { compareJson, compareStrings, type Json } from './json';

/** What orders two last-writer-wins writes. `timestamp` is epoch (or simulated) milliseconds. */
export interface LwwStamp {
  timestamp: number;
  version: number;
  agentId: string;
}

/** A last-writer-wins cell. `deleted` marks a map key's removal (a tombstone that still wins by stamp). */
export interface LwwEntry extends LwwStamp {
  value: Json;
  deleted?: boolean;
}

/** The field that decided an LWW comparison, for explanations. */
export type LwwDecidedBy = 'timestamp' | 'version' | 'agentId' | 'value' | 'identical';

/**
 * Orders two stamps: positive when `a` wins. The rule (documented in the
 * conflict resolver too): later timestamp, then higher version, then the agent
 * id that sorts last in code-unit order. It never depends on argument order.
 */
export function compareStamps(a: LwwStamp, b: LwwStamp): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  if (a.version !== b.version) return a.version - b.version;
  return compareStrings(a.agentId, b.agentId);
}

/** Which field decides `compareStamps(a, b)` (then the value, for two writes with the same stamp). */
export function decidedBy(a: LwwEntry, b: LwwEntry): LwwDecidedBy {
  if (a.timestamp !== b.timestamp) return 'timestamp';
  if (a.version !== b.version) return 'version';
  if (a.agentId !== b.agentId) return 'agentId';
  return compareEntries(a, b) === 0 ? 'identical' : 'value';
}

/**
 * A total order on entries: the stamp, then (only for two different writes
 * with the same stamp, which a well-behaved replica never makes) a tombstone
 * after a value, then the value's canonical order — so merge stays commutative.
 */
export function compareEntries(a: LwwEntry, b: LwwEntry): number {
  const s = compareStamps(a, b);
  if (s !== 0) return s;
  const d = Number(a.deleted === true) - Number(b.deleted === true);
  if (d !== 0) return d;
  return compareJson(a.value, b.value);
}
