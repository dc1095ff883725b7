import type { StateVersion } from '../conflict/stateVersion';
import { statedVersion } from '../conflict/versionState';
import { check } from '../core/errors';
import type { GCounter } from '../crdt/gCounter';
import type { GSet } from '../crdt/gSet';
import { checkJson, isPlainObject, type Json, jsonKey } from '../crdt/json';
import type { LWWMap } from '../crdt/lwwMap';
import type { LWWRegister } from '../crdt/lwwRegister';
import type { ORSet } from '../crdt/orSet';
import type { PNCounter } from '../crdt/pnCounter';
import { type AnyReplica, type CrdtState, createReplica, mergeState, replicaFromState } from '../crdt/replica';
import type { CRDTType } from '../crdt/types';

export interface CrdtWrite {
  agentId: string;
  crdtType: CRDTType;
  value: unknown;
  timestampMs: number;
}

/**
 * A local write under the crdt strategy, applied to the agent's replica state
 * (never replacing it: what the agent merged from others stays). The value is
 * read as the resolver reads one agent's version:
 *
 * - counter: the agent's own count (its G-Counter entry, which only grows);
 * - pn-counter: `{ increments, decrements }`, the agent's own totals (each only grows);
 * - set: elements to add; or-set: the elements the agent wants visible (adds
 *   what is missing with fresh tags, removes the tags it sees of the others),
 *   or an OR-set state to join;
 * - map: the keys to set (a key whose value does not change keeps its stamp;
 *   keys left out are untouched); register: the new value.
 *
 * Returns the replica's new state and the value read from it.
 *
 * @example crdtWrite(undefined, { agentId: 'agent-2', crdtType: 'counter', value: 45, timestampMs: 0 }).value // 45
 */
export function crdtWrite(old: StateVersion | undefined, write: CrdtWrite): { value: unknown; crdtState: CrdtState } {
  const replica = old
    ? replicaFromState(write.agentId, statedVersion(write.crdtType, old, 'replica').replica.state())
    : createReplica(write.crdtType, write.agentId);
  applyWrite(replica, write);
  return { value: replica.value(), crdtState: replica.state() };
}

function applyWrite(replica: AnyReplica, w: CrdtWrite): void {
  const { agentId, value } = w;
  switch (replica.type) {
    case 'counter': {
      check(typeof value === 'number' && Number.isFinite(value) && value >= 0, 'value', 'a count is a number ≥ 0');
      const own = ownEntry((replica as GCounter).entries(), agentId);
      check(value >= own, 'value', `${agentId}'s count is ${own} and a G-Counter only grows (use a pn-counter)`);
      replica.apply({ type: 'increment', amount: value - own });
      return;
    }
    case 'pn-counter': {
      check(isPlainObject(value), 'value', 'a pn-counter write is { increments, decrements }, the agent’s own totals');
      const { p, n } = (replica as PNCounter).state();
      grow(replica as PNCounter, 'increment', value.increments, ownEntry(p, agentId), `${agentId}'s increments`);
      grow(replica as PNCounter, 'decrement', value.decrements, ownEntry(n, agentId), `${agentId}'s decrements`);
      return;
    }
    case 'set':
      for (const e of elementsOf(value)) (replica as GSet).apply({ type: 'add', element: e });
      return;
    case 'or-set':
      writeOrSet(replica as ORSet, value);
      return;
    case 'map':
      writeMap(replica as LWWMap, value, w.timestampMs);
      return;
    case 'register':
      checkJson(value, 'value');
      (replica as LWWRegister).apply({ type: 'set', value, timestamp: w.timestampMs });
      return;
  }
}

const ownEntry = (counts: Record<string, number>, agentId: string) =>
  Object.hasOwn(counts, agentId) ? counts[agentId] : 0;

function grow(c: PNCounter, type: 'increment' | 'decrement', total: unknown, own: number, what: string): void {
  const t = total ?? own;
  check(typeof t === 'number' && Number.isFinite(t), `value.${type}s`, 'must be a finite number');
  check(t >= own, `value.${type}s`, `${what} are ${own}; they only grow`);
  if (t > own) c.apply({ type, amount: t - own });
}

function elementsOf(value: unknown): Json[] {
  const elements = value instanceof Set ? [...value] : value;
  check(Array.isArray(elements), 'value', 'a set write is an array (or a Set) of elements');
  elements.forEach((e, i) => {
    checkJson(e, `value[${i}]`);
  });
  return elements as Json[];
}

function writeOrSet(s: ORSet, value: unknown): void {
  if (isPlainObject(value)) {
    mergeState(s, { ...value, type: 'or-set' });
    return;
  }
  const want = new Map(elementsOf(value).map((e) => [jsonKey(e), e]));
  for (const e of s.value()) if (!want.has(jsonKey(e))) s.apply({ type: 'remove', element: e });
  for (const e of want.values()) if (!s.has(e)) s.apply({ type: 'add', element: e });
}

function writeMap(m: LWWMap, value: unknown, timestamp: number): void {
  const entries = value instanceof Map ? [...value.entries()] : isPlainObject(value) ? Object.entries(value) : null;
  check(entries !== null, 'value', 'a map write is a plain object (or a Map) of the keys to set');
  for (const [key, v] of entries) {
    check(typeof key === 'string', 'value', 'map keys must be strings');
    checkJson(v, `value.${key}`);
    const held = m.get(key);
    if (held === undefined || jsonKey(held) !== jsonKey(v)) m.apply({ type: 'set', key, value: v, timestamp });
  }
}
