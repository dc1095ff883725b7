import { check } from '../core/errors';
import { GCounter, type GCounterState } from './gCounter';
import { GSet, type GSetState } from './gSet';
import { LWWMap, type LWWMapState } from './lwwMap';
import { LWWRegister, type LWWRegisterState } from './lwwRegister';
import { ORSet, type ORSetState } from './orSet';
import { PNCounter, type PNCounterState } from './pnCounter';
import { CRDT_TYPES, type CRDTType } from './types';

/** Any of the six replicas. */
export type AnyReplica = GCounter | PNCounter | GSet | ORSet | LWWMap | LWWRegister;

/** Any of the six serialised states (what `state()` gives and `merge` takes), discriminated by `type`. */
export type CrdtState = GCounterState | PNCounterState | GSetState | ORSetState | LWWMapState | LWWRegisterState;

/**
 * An empty replica of `type` owned by `replicaId`.
 *
 * @example createReplica('counter', 'agent-1') // a GCounter
 */
export function createReplica(type: CRDTType, replicaId: string): AnyReplica {
  switch (type) {
    case 'counter':
      return new GCounter(replicaId);
    case 'pn-counter':
      return new PNCounter(replicaId);
    case 'set':
      return new GSet(replicaId);
    case 'or-set':
      return new ORSet(replicaId);
    case 'map':
      return new LWWMap(replicaId);
    case 'register':
      return new LWWRegister(replicaId);
  }
  check(false, 'type', `must be one of ${CRDT_TYPES.join(', ')}`);
}

/**
 * A replica rebuilt from a serialised state (its `type` field picks the class);
 * throws ValidationError naming the field when the state is malformed.
 *
 * @example replicaFromState('agent-2', { type: 'counter', counts: { 'agent-1': 3 } }).value() // 3
 */
export function replicaFromState(replicaId: string, state: unknown, field = 'state'): AnyReplica {
  check(typeof state === 'object' && state !== null, field, 'must be a CRDT state object');
  const type = (state as { type?: unknown }).type;
  check(CRDT_TYPES.includes(type as CRDTType), `${field}.type`, `must be one of ${CRDT_TYPES.join(', ')}`);
  switch (type as CRDTType) {
    case 'counter':
      return GCounter.fromState(replicaId, state, field);
    case 'pn-counter':
      return PNCounter.fromState(replicaId, state, field);
    case 'set':
      return GSet.fromState(replicaId, state, field);
    case 'or-set':
      return ORSet.fromState(replicaId, state, field);
    case 'map':
      return LWWMap.fromState(replicaId, state, field);
    case 'register':
      return LWWRegister.fromState(replicaId, state, field);
  }
}

/**
 * Joins `other` (a replica of the same type) into `into`: the semilattice join,
 * so the order of joins never matters. Returns whether `into` changed.
 */
export function joinReplica(into: AnyReplica, other: AnyReplica): boolean {
  check(other.type === into.type, 'state.type', `must be '${into.type}'`);
  // Same class (the type field says so): the instance merge reads the other's entries without re-validating.
  return (into.merge as (o: AnyReplica) => boolean).call(into, other);
}

/** Merges a serialised state or delta into a replica of the same type (the run's message handler). */
export function mergeState(replica: AnyReplica, state: unknown, keepAsDelta = false): boolean {
  check(typeof state === 'object' && state !== null, 'state', 'must be a CRDT state object');
  check((state as { type?: unknown }).type === replica.type, 'state.type', `must be '${replica.type}'`);
  // The class checks the shape; the cast only tells TypeScript what the type field already proved.
  return (replica.merge as (s: unknown, o: { keepAsDelta: boolean }) => boolean).call(replica, state, { keepAsDelta });
}
