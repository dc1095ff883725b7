/**
 * `npm run sim -- sweep <scenario.json> --seeds A..B [--shard i/n] [--jobs N]`: the process
 * around sweep.ts. stdout gets one JSON line per seed, in seed order, and nothing else (so the
 * outputs of shards concatenate and sort into the unsharded output); stderr gets the summary
 * as one JSON line at the end (and, on a terminal, the progress). Exit codes: 0 swept (whatever
 * the verdicts), 1 the file or a run was refused, 2 bad arguments, 130 cancelled (Ctrl-C).
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { simApi } from '../worker/simApi';
import { readScenarioFile } from './files';
import { describeFailure, fileRefusal } from './runFile';
import { type SweepEnd, sweep } from './sweep';
import { MAX_SWEEP_JOBS, parseSweepArgs, planOf, SweepArgError, type SweepArgs } from './sweepArgs';
import { createSweepPool } from './sweepPool';

/** Writes to stdout, waiting for it to drain when its buffer is full (a slow pipe holds the sweep back). */
function writeOut(lines: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(lines)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

/** The summary line (stderr): what was swept, what held, and how long it took. */
function summaryLine(args: SweepArgs, jobs: number, end: SweepEnd, wallMs: number): string {
  const { runs, held, violated, firstViolated } = end.totals;
  return JSON.stringify({
    summary: {
      file: args.file,
      seeds: `${args.first}..${args.last}`,
      shard: `${args.shard.index}/${args.shard.count}`,
      jobs,
      end: end.kind,
      runs,
      held,
      violated,
      firstViolated,
      wallMs: Math.round(wallMs),
    },
  });
}

export async function sweepMain(argv: string[]): Promise<number> {
  let args: SweepArgs;
  try {
    args = parseSweepArgs(argv);
  } catch (error) {
    if (!(error instanceof SweepArgError)) throw error;
    console.error(error.message);
    return 2;
  }
  const read = readScenarioFile(args.file);
  if (!read.ok) {
    console.error(read.kind === 'io' ? read.message : fileRefusal(args.file, read.rule));
    return 1;
  }
  // Checked once here, so a bad file is one message, not one per thread.
  const valid = simApi.validate(read.text);
  if (!valid.ok) {
    console.error(describeFailure(args.file, { kind: 'validation', message: '', issues: valid.issues }));
    return 1;
  }
  const plan = planOf(args);
  const jobs = Math.max(1, Math.min(args.jobs ?? availableParallelism(), MAX_SWEEP_JOBS));
  const pool = createSweepPool(jobs);
  let destroyed: Promise<void> | undefined;
  const stopThreads = () => (destroyed ??= pool.destroy());
  const controller = new AbortController();
  const cancel = () => {
    controller.abort();
    void stopThreads();
  };
  process.once('SIGINT', cancel);
  // A closed pipe (`| head`) stops the sweep quietly.
  process.stdout.on('error', cancel);
  const progress = process.stderr.isTTY
    ? (written: number, total: number) => process.stderr.write(`\r${written} of ${total} seeds`)
    : undefined;
  const started = performance.now();
  try {
    const end = await sweep({
      text: read.text,
      plan,
      jobs,
      runChunk: (task) => pool.run(task),
      write: writeOut,
      onProgress: progress,
      signal: controller.signal,
    });
    if (progress) process.stderr.write('\n');
    if (end.kind === 'failed') console.error(describeFailure(`${args.file} (seed ${end.seed})`, end.failure));
    console.error(summaryLine(args, jobs, end, performance.now() - started));
    return end.kind === 'done' ? 0 : end.kind === 'failed' ? 1 : 130;
  } finally {
    process.off('SIGINT', cancel);
    await stopThreads();
  }
}
