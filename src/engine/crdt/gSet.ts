import { check, checkLimit } from '../core/errors';
import { MAX_CRDT_ENTRIES } from './counts';
import { checkJson, cloneJson, compareJson, type Json, jsonKey } from './json';
import type { MergeOptions, Replica } from './types';

export interface GSetState {
  type: 'set';
  /** The elements, sorted by `compareJson`, each once. */
  elements: Json[];
}

export type GSetOp = { type: 'add'; element: Json };

/**
 * A grow-only set: merge is union. Elements are JSON values, identified by their
 * canonical text (so `{a:1,b:2}` and `{b:2,a:1}` are one element).
 *
 * @example
 * const a = new GSet('agent-1');
 * a.apply({ type: 'add', element: 'tag1' });
 * a.merge({ type: 'set', elements: ['tag2'] });
 * a.value(); // ['tag1', 'tag2']
 */
export class GSet implements Replica<GSetOp, GSetState, Json[]> {
  readonly type = 'set';
  private readonly elements = new Map<string, Json>();
  private dirty = new Set<string>();

  constructor(readonly replicaId: string) {
    check(typeof replicaId === 'string' && replicaId.length > 0, 'replicaId', 'must be a non-empty string');
  }

  static fromState(replicaId: string, state: unknown, field = 'state'): GSet {
    const s = new GSet(replicaId);
    s.join(GSet.read(state, field), false);
    return s;
  }

  private static read(state: unknown, field: string): Map<string, Json> {
    check(typeof state === 'object' && state !== null, field, 'must be a set state');
    const s = state as Partial<GSetState>;
    check(s.type === 'set', `${field}.type`, "must be 'set'");
    check(Array.isArray(s.elements), `${field}.elements`, 'must be an array');
    checkLimit('MAX_CRDT_ENTRIES', MAX_CRDT_ENTRIES, s.elements.length);
    const out = new Map<string, Json>();
    s.elements.forEach((e, i) => {
      checkJson(e, `${field}.elements[${i}]`);
      out.set(jsonKey(e), e);
    });
    return out;
  }

  apply(op: GSetOp): void {
    check(op?.type === 'add', 'op.type', "must be 'add'");
    checkJson(op.element, 'op.element');
    const key = jsonKey(op.element);
    if (this.elements.has(key)) return;
    this.elements.set(key, cloneJson(op.element));
    this.dirty.add(key);
  }

  merge(other: GSet | GSetState, options?: MergeOptions): boolean {
    const from = other instanceof GSet ? other.elements : GSet.read(other, 'state');
    return this.join(from, options?.keepAsDelta === true);
  }

  private join(from: ReadonlyMap<string, Json>, keep: boolean): boolean {
    let changed = false;
    for (const [k, e] of from) {
      if (this.elements.has(k)) continue;
      this.elements.set(k, cloneJson(e));
      if (keep) this.dirty.add(k);
      changed = true;
    }
    checkLimit('MAX_CRDT_ENTRIES', MAX_CRDT_ENTRIES, this.elements.size);
    return changed;
  }

  has(element: Json): boolean {
    return this.elements.has(jsonKey(element));
  }

  value(): Json[] {
    return sorted([...this.elements.values()]);
  }

  state(): GSetState {
    return { type: 'set', elements: this.value() };
  }

  takeDelta(): GSetState | undefined {
    if (this.dirty.size === 0) return undefined;
    const elements = sorted([...this.dirty].map((k) => this.elements.get(k) as Json));
    this.dirty = new Set();
    return { type: 'set', elements };
  }
}

function sorted(values: Json[]): Json[] {
  return values.map((v) => cloneJson(v)).sort(compareJson);
}
