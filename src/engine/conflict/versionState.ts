import { check } from '../core/errors';
import { checkJson, isPlainObject, type Json, setOwn } from '../crdt/json';
import type { LWWMap } from '../crdt/lwwMap';
import { type AnyReplica, type CrdtState, replicaFromState } from '../crdt/replica';
import { CRDT_TYPES, type CRDTType } from '../crdt/types';
import { type MapWrite, mapEntries, readMapWrite, replicaOfWrite } from './mapWrite';
import type { StateVersion } from './stateVersion';

/**
 * One input of a crdt merge and the CRDT state it brings. A version that
 * carries `metadata.crdtState` (a resolver's output, a replica's copy) brings
 * that state: its value is only the view of it. A version without one is one
 * agent's write, and its value is read as that agent's contribution: a
 * counter's count, a set's elements, a map's keys stamped with the version's
 * (timestamp, version, agentId), a register's value with the same stamp.
 */
export interface StatedVersion {
  v: StateVersion;
  /** Holds the version's state (validated). */
  replica: AnyReplica;
  /** Where the state came from: `metadata.crdtState`, or the value as one agent's write. */
  source: 'state' | 'value';
  /** A map write's keys and values (`source` 'value'), which the map join reads instead of the replica. */
  mapWrite?: MapWrite;
}

/** The type a version's `metadata.crdtState` declares, when it declares a known one. */
export function declaredStateType(v: StateVersion): CRDTType | null {
  const s = v.metadata.crdtState as { type?: unknown } | undefined;
  const type = isPlainObject(s) ? s.type : undefined;
  return CRDT_TYPES.includes(type as CRDTType) ? (type as CRDTType) : null;
}

/**
 * The state `v` brings to a merge of `type`; `field` names the version in
 * errors (`conflicts[1]`). Throws ValidationError naming the field and agent.
 *
 * @example statedVersion('counter', { ...v, agentId: 'agent-1', value: 42 }, 'conflicts[0]').replica.state()
 * // { type: 'counter', counts: { 'agent-1': 42 } }
 */
export function statedVersion(type: CRDTType, v: StateVersion, field: string): StatedVersion {
  const state = v.metadata.crdtState;
  if (state !== undefined) {
    const f = `${field}.metadata.crdtState`;
    check(isPlainObject(state), f, `${v.agentId}: must be a CRDT state object`);
    check(state.type === type, `${f}.type`, `${v.agentId}: must be '${type}', the type of this merge`);
    return { v, replica: replicaFromState(v.agentId, state, f), source: 'state' };
  }
  const f = `${field}.value`;
  if (type === 'map') {
    const write = readMapWrite(v.value, f, v.agentId);
    let replica: LWWMap | undefined;
    // The replica only when asked for (a single version's value and state): the join reads `mapWrite`.
    return {
      v,
      source: 'value',
      mapWrite: write,
      get replica() {
        replica ??= replicaOfWrite(v, write);
        return replica;
      },
    };
  }
  return { v, replica: replicaFromState(v.agentId, stateOfWrite(type, v, f), f), source: 'value' };
}

/** The state of one agent's write, read from its value (the seed's versions carry no state). */
function stateOfWrite(type: CRDTType, v: StateVersion, f: string): CrdtState {
  const own = (n: number) => {
    const out: Record<string, number> = {};
    setOwn(out, v.agentId, n);
    return out;
  };
  switch (type) {
    case 'counter':
      return { type, counts: own(counterValue(v.value, f, v.agentId)) };
    case 'pn-counter': {
      const { increments, decrements } = pnValue(v.value, f, v.agentId);
      return { type, p: own(increments), n: own(decrements) };
    }
    case 'set':
      return { type, elements: setElements(v.value, f, v.agentId) };
    case 'or-set':
      check(isPlainObject(v.value), f, `${v.agentId}: an or-set value is { entries, tombstones }`);
      // `type` last: a value's own `type` key must not pass for the state's.
      return { ...(v.value as object), type } as CrdtState;
    case 'map': {
      const { timestamp, version, agentId } = v;
      return {
        type,
        entries: mapEntries(v.value, f, agentId).map(([key, value]) => ({ key, value, timestamp, version, agentId })),
      };
    }
    case 'register':
      checkJson(v.value, f);
      return { type, entry: { value: v.value, timestamp: v.timestamp, version: v.version, agentId: v.agentId } };
  }
}

function counterValue(v: unknown, field: string, agentId: string): number {
  check(
    typeof v === 'number' && Number.isFinite(v) && v >= 0,
    field,
    `${agentId}: a counter value is that agent's count, a finite number ≥ 0`,
  );
  return v;
}

function pnValue(value: unknown, f: string, agentId: string): { increments: number; decrements: number } {
  check(isPlainObject(value), f, `${agentId}: a pn-counter value is { increments, decrements }`);
  const inc = value.increments ?? 0;
  const dec = value.decrements ?? 0;
  check(typeof inc === 'number' && Number.isFinite(inc) && inc >= 0, `${f}.increments`, `${agentId}: must be ≥ 0`);
  check(typeof dec === 'number' && Number.isFinite(dec) && dec >= 0, `${f}.decrements`, `${agentId}: must be ≥ 0`);
  return { increments: inc, decrements: dec };
}

function setElements(value: unknown, f: string, agentId: string): Json[] {
  const elements = value instanceof Set ? [...value] : value;
  check(Array.isArray(elements), f, `${agentId}: a set value is an array or a Set`);
  elements.forEach((e, i) => {
    checkJson(e, `${f}[${i}]`);
  });
  return elements as Json[];
}
