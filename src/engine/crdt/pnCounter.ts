import { check } from '../core/errors';
import { checkAmount, countsObject, joinCounts, readCounts, sumCounts } from './counts';
import type { MergeOptions, Replica } from './types';

export interface PNCounterState {
  type: 'pn-counter';
  /** Increments per agent. */
  p: Record<string, number>;
  /** Decrements per agent. */
  n: Record<string, number>;
}

export type PNCounterOp = { type: 'increment' | 'decrement'; amount?: number };

/**
 * A counter that also goes down: two grow-only counters, increments `p` and
 * decrements `n`; the value is sum(p) − sum(n).
 *
 * @example
 * const c = new PNCounter('agent-1');
 * c.apply({ type: 'increment', amount: 5 });
 * c.apply({ type: 'decrement', amount: 2 });
 * c.value(); // 3
 */
export class PNCounter implements Replica<PNCounterOp, PNCounterState, number> {
  readonly type = 'pn-counter';
  private readonly p = new Map<string, number>();
  private readonly n = new Map<string, number>();
  private dirtyP = new Set<string>();
  private dirtyN = new Set<string>();

  constructor(readonly replicaId: string) {
    check(typeof replicaId === 'string' && replicaId.length > 0, 'replicaId', 'must be a non-empty string');
  }

  static fromState(replicaId: string, state: unknown, field = 'state'): PNCounter {
    const c = new PNCounter(replicaId);
    c.mergeMaps(PNCounter.read(state, field), false);
    return c;
  }

  private static read(state: unknown, field: string): { p: Map<string, number>; n: Map<string, number> } {
    check(typeof state === 'object' && state !== null, field, 'must be a pn-counter state');
    const s = state as Partial<PNCounterState>;
    check(s.type === 'pn-counter', `${field}.type`, "must be 'pn-counter'");
    return { p: readCounts(s.p, `${field}.p`), n: readCounts(s.n, `${field}.n`) };
  }

  apply(op: PNCounterOp): void {
    check(op?.type === 'increment' || op?.type === 'decrement', 'op.type', "must be 'increment' or 'decrement'");
    const amount = checkAmount(op.amount, 'op.amount');
    const [map, dirty] = op.type === 'increment' ? [this.p, this.dirtyP] : [this.n, this.dirtyN];
    map.set(this.replicaId, (map.get(this.replicaId) ?? 0) + amount);
    dirty.add(this.replicaId);
  }

  merge(other: PNCounter | PNCounterState, options?: MergeOptions): boolean {
    const from = other instanceof PNCounter ? { p: other.p, n: other.n } : PNCounter.read(other, 'state');
    return this.mergeMaps(from, options?.keepAsDelta === true);
  }

  private mergeMaps(from: { p: ReadonlyMap<string, number>; n: ReadonlyMap<string, number> }, keep: boolean): boolean {
    const gp = joinCounts(this.p, from.p);
    const gn = joinCounts(this.n, from.n);
    if (keep) {
      for (const k of gp) this.dirtyP.add(k);
      for (const k of gn) this.dirtyN.add(k);
    }
    return gp.length + gn.length > 0;
  }

  value(): number {
    return sumCounts(this.p) - sumCounts(this.n);
  }

  /** One agent's increments and decrements (0 when it has none). */
  countsOf(agentId: string): { increments: number; decrements: number } {
    return { increments: this.p.get(agentId) ?? 0, decrements: this.n.get(agentId) ?? 0 };
  }

  state(): PNCounterState {
    return { type: 'pn-counter', p: countsObject(this.p), n: countsObject(this.n) };
  }

  takeDelta(): PNCounterState | undefined {
    if (this.dirtyP.size + this.dirtyN.size === 0) return undefined;
    const delta: PNCounterState = {
      type: 'pn-counter',
      p: countsObject(this.p, this.dirtyP),
      n: countsObject(this.n, this.dirtyN),
    };
    this.dirtyP = new Set();
    this.dirtyN = new Set();
    return delta;
  }
}
