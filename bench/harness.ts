/**
 * A small benchmark harness built for a shared, noisy machine. A case is never timed alone: each
 * round runs the case, the calibration kernel for about as long, and every peer (the library a
 * user would pick instead) doing the same work, one after the other and in alternating order
 * (A B P, P B A, …). Each round gives two ratios — ours ÷ calibration op and ours ÷ peer — taken
 * under the same load, and the figures reported are the medians of those ratios. Load that
 * comes and goes slows both sides of a pair alike, so it cancels; absolute times are printed
 * beside the calibration figure they were measured at. Times are CPU time (see `time`).
 */
import { performance } from 'node:perf_hooks';

export interface BenchOutcome {
  /** Units of work done, e.g. messages delivered. */
  ops: number;
  /** Name of the unit, e.g. "msg". */
  unit: string;
  /** Extra figures to print (messages per decision, bytes, …). */
  note?: string;
  /** A fingerprint of the result (a trace hash, a final value): ours and a peer must agree when both give one. */
  check?: string;
}

/** What a case is judged against; judged on medians, printed as met or MISSED (never fails the run). */
export type Target =
  /** Time per unit of work ÷ the calibration op's time, at most. */
  | { kind: 'calibration'; atMost: number; label: string }
  /** Our time ÷ the named peer's time for the same work, at most (0.5 = twice as fast). */
  | { kind: 'peer'; peer: string; atMost: number; label: string }
  /**
   * Milliseconds per run on a quiet machine, at most: judged on the time scaled to the run's
   * quietest calibration figure (ms × quietest ns per op ÷ the ns per op measured beside it).
   */
  | { kind: 'ms'; atMost: number; label: string };

export interface Contender<S = unknown> {
  name: string;
  /** Untimed preparation before each timed run (may be async: the memory provider is). */
  prepare?: () => S | Promise<S>;
  run: (prepared: S) => BenchOutcome;
}

export interface BenchCase<S = unknown> {
  /** What is measured, e.g. "network: 10,000-agent mesh, 1 M deliveries". */
  name: string;
  /** Ours. */
  ours: Contender<S>;
  /** What a user would pick instead, doing the same work. */
  peers?: Contender[];
  /** Rounds of (ours, calibration, peers); the median ratio is reported. Default 5. */
  rounds?: number;
  targets?: Target[];
}

export interface PeerRatio {
  peer: string;
  /** Median over rounds of ours ÷ peer (time for the same work). */
  ratio: number;
  peerMs: number;
  note: string;
}

export interface BenchRow {
  name: string;
  /** Median of our CPU times. */
  ms: number;
  /** Median of our wall-clock times (longer than `ms` when other processes held the core). */
  wallMs: number;
  ops: number;
  unit: string;
  /** Median over rounds of (our ns per unit) ÷ (calibration ns per op in the same round). */
  calRatio: number;
  /** Calibration ns per op, median of those measured beside this case. */
  calNs: number;
  peers: PeerRatio[];
  note: string;
  targets: string[];
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

/** CPU time of this process so far, in ms (user + system, every thread: the GC's helpers too). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Times `fn` by the CPU time it used (`ms`) and by the wall clock (`wallMs`). On a machine
 * shared with other work the wall clock also counts the time other processes held the core;
 * CPU time does not, so the figures and ratios below are CPU time.
 */
export function time<T>(fn: () => T): { ms: number; wallMs: number; value: T } {
  const cpu = cpuMs();
  const start = performance.now();
  const value = fn();
  const wallMs = performance.now() - start;
  return { ms: cpuMs() - cpu, wallMs, value };
}

/** Calibration state for the whole process: the last and the quietest ns per op seen. */
export const calibration = { lastNs: Number.NaN, quietestNs: Number.POSITIVE_INFINITY };

/** Runs the kernel for about `ms` (at least 2 M ops, at most 250 M) and returns ns per op. */
export function calibrateFor(ms: number): number {
  if (Number.isNaN(calibration.lastNs)) {
    calibrationKernel(2_000_000); // warm-up: compiled before it is timed
    calibration.lastNs = (time(() => calibrationKernel(5_000_000)).ms * 1e6) / 5_000_000;
  }
  const ops = Math.round(Math.min(250_000_000, Math.max(2_000_000, (ms * 1e6) / calibration.lastNs)));
  const ns = (time(() => calibrationKernel(ops)).ms * 1e6) / ops;
  calibration.lastNs = ns;
  calibration.quietestNs = Math.min(calibration.quietestNs, ns);
  return ns;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function timed<S>(c: Contender<S>): Promise<{ ms: number; wallMs: number; value: BenchOutcome }> {
  const prepared = (c.prepare ? await c.prepare() : undefined) as S;
  return time(() => c.run(prepared));
}

/** One case: `rounds` rounds of ours, calibration and peers, alternating their order. */
export async function runCase(c: BenchCase): Promise<BenchRow> {
  const rounds = c.rounds ?? 5;
  const peers = c.peers ?? [];
  const ours: { ms: number; wallMs: number; value: BenchOutcome }[] = [];
  const cal: number[] = [];
  const theirs: { ms: number; wallMs: number; value: BenchOutcome }[][] = peers.map(() => []);
  await timed(c.ours); // warm-up: the first run compiles what the others reuse
  for (const p of peers) await timed(p);
  for (let r = 0; r < rounds; r++) {
    const steps: (() => Promise<void>)[] = [
      async () => void ours.push(await timed(c.ours)),
      async () => void cal.push(calibrateFor(ours.at(-1)?.ms ?? 100)),
      ...peers.map((p, i) => async () => void theirs[i].push(await timed(p))),
    ];
    if (r % 2 === 1) steps.reverse();
    for (const step of steps) await step();
  }
  const first = ours[0].value;
  const nsPerUnit = (m: { ms: number; value: BenchOutcome }) => (m.ms * 1e6) / m.value.ops;
  const calRatio = median(ours.map((m, r) => nsPerUnit(m) / cal[r]));
  const peerRows = peers.map((p, i): PeerRatio => {
    const mine = first.check;
    const other = theirs[i][0].value.check;
    if (mine !== undefined && other !== undefined && mine !== other)
      throw new Error(`${c.name}: ${p.name} gave ${other}, ours ${mine}: not the same work`);
    return {
      peer: p.name,
      ratio: median(ours.map((m, r) => nsPerUnit(m) / nsPerUnit(theirs[i][r]))),
      peerMs: median(theirs[i].map((m) => m.ms)),
      note: theirs[i][0].value.note ?? '',
    };
  });
  const ms = median(ours.map((m) => m.ms));
  const calNs = median(cal);
  const row: BenchRow = {
    name: c.name,
    ms,
    wallMs: median(ours.map((m) => m.wallMs)),
    ops: first.ops,
    unit: first.unit,
    calRatio,
    calNs,
    peers: peerRows,
    note: first.note ?? '',
    targets: [],
  };
  row.targets = (c.targets ?? []).map((t) => judge(t, row, ours, cal));
  return row;
}

function judge(t: Target, row: BenchRow, ours: { ms: number }[], cal: number[]): string {
  let value: number;
  if (t.kind === 'calibration') value = row.calRatio;
  else if (t.kind === 'peer') {
    const p = row.peers.find((x) => x.peer === t.peer);
    if (!p) throw new Error(`${row.name}: no peer ${t.peer}`);
    value = p.ratio;
  } else value = median(ours.map((m, r) => (m.ms * calibration.quietestNs) / cal[r]));
  const shown = t.kind === 'ms' ? `${fmt(value, 1)} ms at the quietest calibration` : fmt(value, 2);
  return `${value <= t.atMost ? 'met' : 'MISSED'}: ${t.label} (${shown})`;
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** 0.4 → '2.5× faster', 3 → '3.0× slower'. */
const speed = (ratio: number) => (ratio <= 1 ? `${fmt(1 / ratio, 1)}× faster` : `${fmt(ratio, 1)}× slower`);

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

/** Ratios first (what survives a noisy machine), then absolute figures with their calibration. */
export function formatRows(rows: BenchRow[]): string {
  const ratios = table(
    ['case', '× calibration op per unit', 'ours ÷ peer (time, same work)', 'targets'],
    rows.map((r) => [
      r.name,
      `${fmt(r.calRatio, 1)} per ${r.unit}`,
      r.peers.map((p) => `${fmt(p.ratio, 3)} vs ${p.peer} (${speed(p.ratio)})`).join('; '),
      r.targets.join('; '),
    ]),
  );
  const absolute = table(
    ['case', 'CPU ms (wall ms)', 'work', 'per second', 'calibration ns/op beside it', 'peer CPU ms', 'notes'],
    rows.map((r) => [
      r.name,
      `${fmt(r.ms, r.ms < 10 ? 3 : 1)} (${fmt(r.wallMs, r.wallMs < 10 ? 3 : 1)})`,
      `${fmt(r.ops)} ${r.unit}`,
      `${fmt((r.ops / r.ms) * 1000)} ${r.unit}/s`,
      fmt(r.calNs, 2),
      r.peers.map((p) => `${p.peer} ${fmt(p.peerMs, p.peerMs < 10 ? 3 : 1)}`).join('; '),
      [r.note, ...r.peers.filter((p) => p.note).map((p) => `${p.peer}: ${p.note}`)].join('; '),
    ]),
  );
  return `Ratios (median of the rounds' ratios):\n${ratios}\n\nAbsolute (median of the rounds):\n${absolute}`;
}
