import { check, checkLimit } from '../core/errors';
import { MAX_CRDT_ENTRIES } from '../crdt/counts';
import { checkJson, cloneJson, isPlainObject, type Json } from '../crdt/json';
import type { LwwEntry } from '../crdt/lww';
import { LWWMap } from '../crdt/lwwMap';
import type { StateVersion } from './stateVersion';

/**
 * One agent's map write, read from its version's value: the keys and their values (`values[i]` is
 * `keys[i]`'s), checked and not copied. Every key is a cell stamped with the version. Kept as two
 * arrays rather than a replica because the map join reads each write once (a replica per version
 * cost a Map and a cell object per write, ~30 % of a 64-version × 256-key resolve).
 */
export interface MapWrite {
  keys: string[];
  values: Json[];
}

/** Reads and checks `value` as a map write (`f` names it in errors, `agentId` is its writer). */
export function readMapWrite(value: unknown, f: string, agentId: string): MapWrite {
  let write: MapWrite;
  if (isPlainObject(value)) {
    // The common case, read without building [key, value] pairs; checked as mapEntries checks.
    const keys = Object.keys(value);
    const values: Json[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const x = value[keys[i]];
      if (!isJsonPrimitive(x)) checkJson(x, `${f}.${keys[i]}`);
      values[i] = x as Json;
    }
    write = { keys, values };
  } else {
    const entries = mapEntries(value, f, agentId);
    write = { keys: entries.map(([k]) => k), values: entries.map(([, x]) => x) };
  }
  checkLimit('MAX_CRDT_ENTRIES', MAX_CRDT_ENTRIES, write.keys.length);
  return write;
}

/** The write as a replica (copied): each key a cell stamped with the version. */
export function replicaOfWrite(v: StateVersion, write: MapWrite): LWWMap {
  const { timestamp, version, agentId } = v;
  const cells = new Map<string, LwwEntry>();
  write.keys.forEach((key, i) => {
    cells.set(key, { value: cloneJson(write.values[i]), timestamp, version, agentId });
  });
  return LWWMap.fromCells(agentId, cells);
}

export function isJsonPrimitive(x: unknown): boolean {
  return x === null || typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));
}

/** A map value's entries (a plain object's or a Map's), checked: string keys, JSON values. */
export function mapEntries(value: unknown, f: string, agentId: string): [string, Json][] {
  let entries: [unknown, unknown][];
  if (value instanceof Map) entries = [...value.entries()];
  else {
    check(isPlainObject(value), f, `${agentId}: a map value is a plain object or a Map`);
    entries = Object.keys(value).map((k) => [k, value[k]]);
  }
  entries.forEach(([k, x], i) => {
    check(typeof k === 'string', `${f}[${i}]`, `${agentId}: map keys must be strings`);
    // A primitive needs no walk (and no field name built for it).
    if (!isJsonPrimitive(x)) checkJson(x, `${f}.${k}`);
  });
  return entries as [string, Json][];
}
