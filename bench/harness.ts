/**
 * A tiny benchmark harness: every case is timed in this process next to a
 * calibration kernel, so figures can be compared across machines as ratios.
 */
import { performance } from 'node:perf_hooks';

export interface BenchCase {
  /** What is measured, e.g. "network: deliveries, 10,000-agent mesh". */
  name: string;
  /** Runs the workload once and says how much work it did. */
  run: () => BenchOutcome;
  /** Repetitions (the best is kept). */
  repeat?: number;
}

export interface BenchOutcome {
  /** Units of work done, e.g. messages delivered. */
  ops: number;
  /** Name of the unit, e.g. "msg". */
  unit: string;
  /** Extra figures to print (messages per decision, makespan, …). */
  note?: string;
  /** A target, checked and printed as met or missed (never fails the run). */
  target?: { perSecondAtLeast?: number; msAtMost?: number; label: string };
}

export interface BenchRow {
  name: string;
  ms: number;
  ops: number;
  unit: string;
  perSecond: number;
  /** Time per op relative to the calibration kernel's time per op (1 = as fast as the kernel). */
  ratio: number;
  note: string;
  target: string;
}

// 4 MiB: big enough to miss the caches, small enough to stay within the TLB's reach. A 16 MiB
// array measured anywhere from 3 to 13 ns per op between runs of this same machine, depending
// on whether the kernel backed it with huge pages; a reference that moves is no reference.
const CAL_SIZE = 1 << 20;

/** The calibration kernel's array, allocated and touched once so page faults are not measured. */
let calArray: Int32Array | undefined;

/** Random reads and writes in a 4 MiB typed array: the machine's speed for simple memory-bound work. */
export function calibrationKernel(ops: number): number {
  calArray ??= new Int32Array(CAL_SIZE).fill(1);
  const a = calArray;
  let x = 0x9e3779b9 | 0;
  let acc = 0;
  for (let i = 0; i < ops; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = x & (CAL_SIZE - 1);
    acc = (acc + a[j]) | 0;
    a[(j + 1) & (CAL_SIZE - 1)] = acc;
  }
  return acc;
}

export function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

/** Nanoseconds per calibration op (best of 5 runs of 20 million ops, after a warm-up). */
export function calibrate(): number {
  calibrationKernel(1_000_000);
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 5; r++) {
    const ops = 20_000_000;
    const { ms } = time(() => calibrationKernel(ops));
    best = Math.min(best, (ms * 1e6) / ops);
  }
  return best;
}

export function runCase(c: BenchCase, calNsPerOp: number): BenchRow {
  let best: { ms: number; value: BenchOutcome } | undefined;
  for (let r = 0; r < (c.repeat ?? 1); r++) {
    const m = time(c.run);
    if (!best || m.ms < best.ms) best = m;
  }
  const { ms, value } = best as { ms: number; value: BenchOutcome };
  const perSecond = (value.ops / ms) * 1000;
  const nsPerOp = (ms * 1e6) / value.ops;
  let target = '';
  if (value.target) {
    const t = value.target;
    const met =
      (t.perSecondAtLeast === undefined || perSecond >= t.perSecondAtLeast) &&
      (t.msAtMost === undefined || ms <= t.msAtMost);
    target = `${met ? 'met' : 'MISSED'}: ${t.label}`;
  }
  return {
    name: c.name,
    ms,
    ops: value.ops,
    unit: value.unit,
    perSecond,
    ratio: nsPerOp / calNsPerOp,
    note: value.note ?? '',
    target,
  };
}

export function formatRows(rows: BenchRow[]): string {
  const fmt = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const header = ['case', 'time ms', 'work', 'per second', '× calibration', 'target', 'notes'];
  const body = rows.map((r) => [
    r.name,
    fmt(r.ms, 1),
    `${fmt(r.ops)} ${r.unit}`,
    `${fmt(r.perSecond)} ${r.unit}/s`,
    fmt(r.ratio, 1),
    r.target,
    r.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}
