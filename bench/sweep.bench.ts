/**
 * A 10,000-seed Byzantine sweep (13 agents, f = 3, four equivocators: agreement breaks on most
 * seeds, not all) with the CLI's own machinery (src/cli/sweep.ts on a Tinypool of threads),
 * timed by the wall clock with 1 and with 2 workers: prints both times, the speed-up, and
 * checks that both give the same rows (the same seeds found violating, the same trace hashes).
 *
 * Run alone: `npx tsx bench/sweep.bench.ts` (SEEDS=N for another size). `npm run bench` loads
 * every *.bench.ts; this file adds no harness case (the harness times one thread's CPU, this
 * is wall time over threads) and runs itself there only with SWEEP=1, so the usual bench stays
 * short.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sweep } from '../src/cli/sweep';
import { createSweepPool } from '../src/cli/sweepPool';
import type { SeedPlan } from '../src/worker/api/sweep';

/** No harness case: see above. */
export const cases: never[] = [];

/** Byzantine agreement on 13 agents with 4 equivocators (one more than f = 3 tolerates). */
function tooManyLiars(): string {
  const s = JSON.parse(readFileSync(new URL('../public/scenarios/byzantine-13.json', import.meta.url), 'utf8'));
  s.topology.agents = Array.from({ length: 13 }, (_, i) => ({
    id: `agent-${i + 1}`,
    behaviour: i >= 9 ? 'equivocate' : 'honest',
    policy: { kind: 'fixed', vote: i >= 4 && i < 8 ? 'against' : 'for' },
  }));
  return JSON.stringify(s);
}

interface Timed {
  wallMs: number;
  violated: number;
  firstViolated: number | null;
  /** SHA-256 of the output: equal outputs, equal findings. */
  digest: string;
}

/** Sweeps `plan` on `jobs` threads, after a warm-up sweep that starts the threads and compiles the engine. */
async function timedSweep(text: string, plan: SeedPlan, jobs: number): Promise<Timed> {
  const pool = createSweepPool(jobs);
  try {
    const warm = { first: plan.first + plan.count, step: 1, count: 50 * jobs };
    await sweep({ text, plan: warm, jobs, runChunk: (t) => pool.run(t), write: () => {} });
    const hash = createHash('sha256');
    const started = performance.now();
    const end = await sweep({
      text,
      plan,
      jobs,
      runChunk: (t) => pool.run(t),
      write: (lines) => void hash.update(lines),
    });
    const wallMs = performance.now() - started;
    if (end.kind !== 'done') throw new Error(`the sweep on ${jobs} workers ended ${end.kind}`);
    return {
      wallMs,
      violated: end.totals.violated,
      firstViolated: end.totals.firstViolated,
      digest: hash.digest('hex'),
    };
  } finally {
    await pool.destroy();
  }
}

export async function sweepBench(seeds = Number(process.env.SEEDS ?? 10_000)): Promise<void> {
  const text = tooManyLiars();
  const plan: SeedPlan = { first: 1, step: 1, count: seeds };
  const load = os.loadavg().map((x) => x.toFixed(2));
  console.log(`Byzantine sweep, 13 agents, 4 equivocators, seeds 1..${seeds}; ${os.cpus().length} cores`);
  console.log(`load average at start: ${load.join(' / ')} (1 / 5 / 15 min)`);
  const one = await timedSweep(text, plan, 1);
  const two = await timedSweep(text, plan, 2);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`1 worker:  ${s(one.wallMs)} (${((one.wallMs * 1000) / seeds).toFixed(0)} µs per seed)`);
  console.log(`2 workers: ${s(two.wallMs)} (${((two.wallMs * 1000) / seeds).toFixed(0)} µs per seed)`);
  console.log(`speed-up: ${(one.wallMs / two.wallMs).toFixed(2)}× (target ≥ 1.7× on 2 cores)`);
  const same = one.digest === two.digest;
  console.log(
    `findings: ${one.violated} seeds violate agreement, first ${one.firstViolated}; ` +
      `2 workers: ${two.violated}, first ${two.firstViolated}; outputs ${same ? 'identical' : 'DIFFER'} (sha256 ${one.digest.slice(0, 16)})`,
  );
  console.log(
    `load average at end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ')}`,
  );
  if (!same) process.exitCode = 1;
}

const alone = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (alone || process.env.SWEEP === '1') await sweepBench();
