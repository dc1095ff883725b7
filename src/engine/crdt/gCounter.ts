import { check } from '../core/errors';
import { checkAmount, countsObject, joinCounts, readCounts, sumCounts } from './counts';
import type { MergeOptions, Replica } from './types';

export interface GCounterState {
  type: 'counter';
  /** Each agent's own increments; the value is their sum. */
  counts: Record<string, number>;
}

export type GCounterOp = { type: 'increment'; amount?: number };

/**
 * A grow-only counter: each agent increments only its own entry; merge takes the
 * maximum per agent, so a state delivered twice is counted once.
 *
 * @example
 * const a = new GCounter('agent-1');
 * a.apply({ type: 'increment', amount: 42 });
 * const b = new GCounter('agent-2');
 * b.apply({ type: 'increment', amount: 45 });
 * a.merge(b.state());
 * a.merge(b.state()); // duplicate delivery changes nothing
 * a.value();          // 87
 */
export class GCounter implements Replica<GCounterOp, GCounterState, number> {
  readonly type = 'counter';
  private readonly counts = new Map<string, number>();
  private dirty = new Set<string>();

  constructor(readonly replicaId: string) {
    check(typeof replicaId === 'string' && replicaId.length > 0, 'replicaId', 'must be a non-empty string');
  }

  /** A replica holding `state` (validated). */
  static fromState(replicaId: string, state: unknown, field = 'state'): GCounter {
    const c = new GCounter(replicaId);
    joinCounts(c.counts, GCounter.read(state, field));
    return c;
  }

  private static read(state: unknown, field: string): Map<string, number> {
    check(typeof state === 'object' && state !== null, field, 'must be a counter state');
    const s = state as Partial<GCounterState>;
    check(s.type === 'counter', `${field}.type`, "must be 'counter'");
    return readCounts(s.counts, `${field}.counts`);
  }

  apply(op: GCounterOp): void {
    check(op?.type === 'increment', 'op.type', "must be 'increment'");
    const amount = checkAmount(op.amount, 'op.amount');
    this.counts.set(this.replicaId, (this.counts.get(this.replicaId) ?? 0) + amount);
    this.dirty.add(this.replicaId);
  }

  merge(other: GCounter | GCounterState, options?: MergeOptions): boolean {
    const from = other instanceof GCounter ? other.counts : GCounter.read(other, 'state');
    const grown = joinCounts(this.counts, from);
    if (options?.keepAsDelta) for (const k of grown) this.dirty.add(k);
    return grown.length > 0;
  }

  value(): number {
    return sumCounts(this.counts);
  }

  /** One agent's entry (0 when it has none). */
  countOf(agentId: string): number {
    return this.counts.get(agentId) ?? 0;
  }

  /** Each agent's entry (a copy). */
  entries(): Record<string, number> {
    return countsObject(this.counts);
  }

  state(): GCounterState {
    return { type: 'counter', counts: countsObject(this.counts) };
  }

  takeDelta(): GCounterState | undefined {
    if (this.dirty.size === 0) return undefined;
    const delta: GCounterState = { type: 'counter', counts: countsObject(this.counts, this.dirty) };
    this.dirty = new Set();
    return delta;
  }
}
