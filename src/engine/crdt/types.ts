/** The CRDT kinds of the seed (`counter`, `set`, `map`, `register`) plus the two with removal. */
export type CRDTType = 'counter' | 'pn-counter' | 'set' | 'or-set' | 'map' | 'register';

export const CRDT_TYPES: readonly CRDTType[] = ['counter', 'pn-counter', 'set', 'or-set', 'map', 'register'];

/** Options of `merge`: with `keepAsDelta`, what changed joins the delta buffer (so it is relayed on). */
export interface MergeOptions {
  keepAsDelta?: boolean;
}

/**
 * What every replica offers. States and deltas are plain JSON of the same
 * shape, so a delta is merged exactly like a state; `merge` returns whether
 * anything changed. All merges are commutative, associative and idempotent.
 */
export interface Replica<Op, State, Value> {
  readonly type: CRDTType;
  readonly replicaId: string;
  apply(op: Op): void;
  merge(other: Replica<Op, State, Value> | State, options?: MergeOptions): boolean;
  value(): Value;
  state(): State;
  /** The changes since the last call (local ops, and merges with `keepAsDelta`), or undefined. */
  takeDelta(): State | undefined;
}
