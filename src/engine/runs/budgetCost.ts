/**
 * The vocabulary of a run's work budget: what is measured, the limits, and one
 * estimated cost as a product of named factors, so a refusal can say in words
 * which field drives it ("run.keys (1,000,000) × agents (100) × …").
 */
import { fmt } from '../scenario/rules';

/**
 * What the budget measures. Time goes into trace events (every message is sent,
 * delivered and hashed), into serialising payloads and details (each is written
 * as canonical JSON and hashed, recorded or not) and into the engines' inner
 * loops; memory into what the run keeps.
 */
export type BudgetMeasure = 'events' | 'bytes' | 'steps' | 'memory';

export interface BudgetLimit {
  /** The bound, in the measure's unit. */
  max: number;
  /** The unit in words, plural. */
  unit: string;
  /** The bound's name, for code and tests (never part of a message a person reads). */
  name: string;
}

/**
 * The limits. Each alone keeps a run in the CLI to a few seconds on a 2-core
 * machine (measured in CPU time, see test/engine/runs/budget.test.ts), so one
 * inside every limit finishes in under ~10 s and 2 GB.
 */
export const RUN_BUDGET: Readonly<Record<BudgetMeasure, BudgetLimit>> = {
  events: { max: 10_000_000, unit: 'trace events', name: 'MAX_RUN_EVENTS' },
  bytes: { max: 100_000_000, unit: 'bytes of messages and details to serialise', name: 'MAX_RUN_SERIALISED_BYTES' },
  steps: { max: 300_000_000, unit: 'engine steps', name: 'MAX_RUN_STEPS' },
  memory: { max: 1_000_000_000, unit: 'bytes of memory', name: 'MAX_RUN_MEMORY_BYTES' },
};

/** Links a partial mesh shuffles (ten swaps each) before any run: the build's own budget. */
export const MAX_SHUFFLED_LINKS = 300_000;

/** One factor of a cost: a field's value (`field` set) or a derived count. */
export interface Factor {
  label: string;
  value: number;
  /** The scenario field this factor is, when it is one. */
  field?: string;
  /** The field's default (or a small value): if the field were this, would the run fit? */
  fallback?: number;
}

/** One part of a measure's estimate. */
export interface Cost {
  measure: BudgetMeasure;
  amount: number;
  factors: Factor[];
  /** Why the constants are what they are, in words. */
  note?: string;
}

/** A factor that is a scenario field. */
export const field = (label: string, value: number, path: string, fallback = 1): Factor => ({
  label,
  value,
  field: path,
  fallback: Math.min(fallback, value),
});

/** A derived factor (a constant, a count the engine derives). */
export const derived = (label: string, value: number): Factor => ({ label, value });

/** The product of `factors` as a cost of `measure`. */
export function cost(measure: BudgetMeasure, factors: (Factor | number)[], note?: string): Cost {
  const fs = factors.map((f) => (typeof f === 'number' ? derived(fmt(f), f) : f));
  const amount = fs.reduce((p, f) => p * Math.max(0, f.value), 1);
  return { measure, amount: Number.isFinite(amount) ? amount : Number.MAX_VALUE, factors: fs, note };
}

/** `run.keys (1,000) × agents (100) × 6` */
export function formula(c: Cost): string {
  return c.factors.map((f) => (f.label === fmt(f.value) ? f.label : `${f.label} (${fmt(round(f.value))})`)).join(' × ');
}

const round = (x: number) => (x >= 100 ? Math.round(x) : Math.round(x * 10) / 10);

/** Sums the costs of each measure. */
export function totals(costs: readonly Cost[]): Record<BudgetMeasure, number> {
  const out: Record<BudgetMeasure, number> = { events: 0, bytes: 0, steps: 0, memory: 0 };
  for (const c of costs) out[c.measure] = Math.min(Number.MAX_VALUE, out[c.measure] + c.amount);
  return out;
}

/**
 * The field that drives an over-budget measure: among the factors of its largest
 * cost, the first field that alone brings the total within the limit when set
 * to its fallback; else the first field of that cost; else `run`.
 */
export function drivingField(costs: readonly Cost[], total: number, max: number): { field: string; cost: Cost } {
  const biggest = costs.reduce((a, b) => (b.amount > a.amount ? b : a));
  for (const f of biggest.factors) {
    if (f.field === undefined || f.fallback === undefined || f.value <= 0) continue;
    if (total - biggest.amount + (biggest.amount * f.fallback) / f.value <= max)
      return { field: f.field, cost: biggest };
  }
  return { field: biggest.factors.find((f) => f.field !== undefined)?.field ?? 'run', cost: biggest };
}
