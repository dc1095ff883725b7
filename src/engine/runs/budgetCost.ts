/**
 * The vocabulary of a run's work budget: what is measured, the limits, and one
 * estimated cost as a product of named factors, so a refusal can say in words
 * which field drives it ("run.keys (1,000,000) × agents (100) × …").
 */
import { MAX_SIM_TIME_MS } from '../core/limits';
import { fmt } from '../scenario/rules';

/**
 * What the budget measures. Time goes into trace events (every message is sent,
 * delivered and hashed), into serialising payloads and details (each is written
 * as canonical JSON and hashed, recorded or not) and into the engines' inner
 * loops; memory into what the run keeps. `simMs` is the last simulated
 * millisecond the run may schedule something at (the clock stops at MAX_SIM_TIME_MS).
 */
export type BudgetMeasure = 'events' | 'bytes' | 'steps' | 'memory' | 'simMs';

export interface BudgetLimit {
  /** The bound, in the measure's unit. */
  max: number;
  /** The unit in words, plural. */
  unit: string;
  /** The bound's name, for code and tests (never part of a message a person reads). */
  name: string;
  /** What going over it would mean, in words. */
  why: string;
}

const SLOW = 'so the run would take too long or too much memory';

/**
 * The limits. Each alone keeps a run in the CLI to a few seconds of CPU on a
 * loaded 2-core machine (measured with `npx tsx scripts/hostile/measure.ts`), so
 * a run inside every limit finishes in under ~10 s and well under 2 GB.
 */
export const RUN_BUDGET: Readonly<Record<BudgetMeasure, BudgetLimit>> = {
  events: { max: 10_000_000, unit: 'trace events', name: 'MAX_RUN_EVENTS', why: SLOW },
  bytes: {
    max: 100_000_000,
    unit: 'bytes of messages and details to serialise',
    name: 'MAX_RUN_SERIALISED_BYTES',
    why: SLOW,
  },
  steps: { max: 300_000_000, unit: 'engine steps', name: 'MAX_RUN_STEPS', why: SLOW },
  memory: { max: 1_000_000_000, unit: 'bytes of memory', name: 'MAX_RUN_MEMORY_BYTES', why: SLOW },
  simMs: {
    max: MAX_SIM_TIME_MS,
    unit: 'simulated milliseconds',
    name: 'MAX_SIM_TIME_MS',
    why: 'where the simulated clock stops',
  },
};

/** Links a partial mesh shuffles (ten swaps each) before any run: the build's own budget. */
export const MAX_SHUFFLED_LINKS = 300_000;

/** One factor of a cost: a field's value (`field` set) or a derived count. */
export interface Factor {
  label: string;
  value: number;
  /** The scenario field this factor is, when it is one. */
  field?: string;
  /** This factor's value were the field at its default (or a small value): would the run fit then? */
  fallback?: number;
  /** How the value is shown when not as the number itself (a divisor: `÷ run.syncIntervalMs (1)`); '' hides it. */
  shown?: string;
}

/** One part of a measure's estimate. */
export interface Cost {
  measure: BudgetMeasure;
  amount: number;
  factors: Factor[];
}

/** A factor that is a scenario field (or grows with one); `fallback` is its value at the field's default. */
export const field = (label: string, value: number, path: string, fallback = 1): Factor => ({
  label,
  value,
  field: path,
  fallback: Math.min(fallback, value),
});

/** A derived factor (a constant, a count the engine derives). */
export const derived = (label: string, value: number): Factor => ({ label, value });

/** The product of `factors` as a cost of `measure`. */
export function cost(measure: BudgetMeasure, factors: (Factor | number)[]): Cost {
  const fs = factors.map((f) => (typeof f === 'number' ? derived(fmt(f), f) : f));
  const amount = fs.reduce((p, f) => p * Math.max(0, f.value), 1);
  return { measure, amount: Number.isFinite(amount) ? amount : Number.MAX_VALUE, factors: fs };
}

/** `run.keys (1,000) × agents (100) × 6`; a divisor reads `÷ run.syncIntervalMs (1)`. */
export function formula(c: Cost): string {
  const one = (f: Factor) =>
    f.label === fmt(f.value) || f.shown === '' ? f.label : `${f.label} (${f.shown ?? fmt(round(f.value))})`;
  return c.factors.map(one).join(' × ').replaceAll('× ÷', '÷');
}

const round = (x: number) => (x >= 100 ? Math.round(x) : Math.round(x * 10) / 10);

/** Sums the costs of each measure. */
export function totals(costs: readonly Cost[]): Record<BudgetMeasure, number> {
  const out: Record<BudgetMeasure, number> = { events: 0, bytes: 0, steps: 0, memory: 0, simMs: 0 };
  for (const c of costs) out[c.measure] = Math.min(Number.MAX_VALUE, out[c.measure] + c.amount);
  return out;
}

/**
 * The field that drives an over-budget measure: among the factors of its largest
 * cost, the first field that alone brings the total within the limit when set
 * to its fallback; else the field whose fallback saves the most; else `run`.
 */
export function drivingField(costs: readonly Cost[], total: number, max: number): { field: string; cost: Cost } {
  const biggest = costs.reduce((a, b) => (b.amount > a.amount ? b : a));
  let best: { field: string; saved: number } | undefined;
  for (const f of biggest.factors) {
    if (f.field === undefined || f.fallback === undefined || f.value <= 0) continue;
    const saved = biggest.amount * (1 - f.fallback / f.value);
    if (total - saved <= max) return { field: f.field, cost: biggest };
    if (!best || saved > best.saved) best = { field: f.field, saved };
  }
  return { field: best?.field ?? 'run', cost: biggest };
}
