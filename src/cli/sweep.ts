/**
 * A seed sweep over a pool of worker threads: chunks of the plan run on `jobs` threads in any
 * order, and their rows are written in seed order, one JSON line per seed, as soon as every
 * chunk before them is in (at most a few chunks per thread wait, so memory stays bounded
 * however many seeds). A seed whose run is refused or fails ends the sweep there: the rows
 * before it are written, the rows after it never are, whatever order the threads finished in.
 */
import type { SeedPlan, SweepChunkResult, SweepRow } from '../worker/api/sweep';
import { chunkAt, chunking } from '../worker/poolChunks';
import { runSchedule } from '../worker/poolSchedule';
import type { RunFailure } from '../worker/protocol';

export interface SweepTotals {
  runs: number;
  held: number;
  violated: number;
  /** The lowest seed with a violated property, if any. */
  firstViolated: number | null;
}

export type SweepEnd =
  | { kind: 'done'; totals: SweepTotals }
  /** The run at `seed` was refused or failed: the sweep stopped there. */
  | { kind: 'failed'; totals: SweepTotals; seed: number; failure: RunFailure }
  | { kind: 'cancelled'; totals: SweepTotals };

export interface SweepJob {
  /** The scenario file's text. */
  text: string;
  plan: SeedPlan;
  /** Threads (lanes): chunks run on this many at once. */
  jobs: number;
  runChunk(task: { text: string; plan: SeedPlan; from: number; count: number }): Promise<SweepChunkResult>;
  /** Writes lines (each ends with a newline); a promise holds the sweep back until the output takes them. */
  write(lines: string): void | Promise<void>;
  /** Seeds written so far, after each chunk. */
  onProgress?(written: number, total: number): void;
  /** Aborting starts no more chunks; the caller stops the threads (whose chunks then reject). */
  signal?: AbortSignal;
}

/** The rows as the sweep prints them: one JSON object per line. */
export const rowLines = (rows: SweepRow[]): string => rows.map((row) => `${JSON.stringify(row)}\n`).join('');

/** Runs the sweep; never rejects for a refused run or a cancel (see SweepEnd), only for a bug or a dead thread. */
export async function sweep(job: SweepJob): Promise<SweepEnd> {
  const { size, chunks } = chunking(job.plan.count, job.jobs);
  const totals: SweepTotals = { runs: 0, held: 0, violated: 0, firstViolated: null };
  const waiting = new Map<number, SweepChunkResult>();
  let next = 0;
  let stop = chunks;
  let failed: { seed: number; failure: RunFailure } | undefined;
  const tally = (result: SweepChunkResult) => {
    for (const row of result.rows) {
      totals.runs++;
      if (row.verdict === 'held') totals.held++;
      else {
        totals.violated++;
        totals.firstViolated ??= row.seed;
      }
    }
    return rowLines(result.rows);
  };
  try {
    await runSchedule({
      chunks,
      lanes: job.jobs,
      limit: () => (job.signal?.aborted ? 0 : stop),
      run: (index) => {
        const { from, count } = chunkAt(index, job.plan.count, size);
        return job.runChunk({ text: job.text, plan: job.plan, from, count });
      },
      done: async (index, result) => {
        waiting.set(index, result);
        // Taken in chunk order, and written in one call: lanes that finish while the output is
        // busy can never write out of order, nor past a refused seed.
        let text = '';
        for (let r = waiting.get(next); r && !failed; r = waiting.get(next)) {
          waiting.delete(next++);
          text += tally(r);
          if (r.failure) {
            failed = r.failure;
            stop = next;
          }
        }
        if (text !== '') await job.write(text);
        job.onProgress?.(totals.runs, job.plan.count);
      },
    });
  } catch (error) {
    if (!job.signal?.aborted) throw error;
  }
  if (job.signal?.aborted && !failed && totals.runs < job.plan.count) return { kind: 'cancelled', totals };
  return failed ? { kind: 'failed', totals, ...failed } : { kind: 'done', totals };
}
