/**
 * The sweep's command line: `sweep <scenario.json> --seeds A..B [--shard i/n] [--jobs N]`.
 * Every problem is one line naming the argument.
 */
import type { SeedPlan } from '../worker/api/sweep';

/** The most seeds one process sweeps (after sharding): beyond it, use more shards. */
export const MAX_SWEEP_SEEDS = 10_000_000;

/** The most worker threads one sweep starts. */
export const MAX_SWEEP_JOBS = 64;

const MAX_SEED = 2 ** 32 - 1;

export const SWEEP_USAGE = 'usage: npm run sim -- sweep <scenario.json> --seeds A..B [--shard i/n] [--jobs N]';

export interface SweepArgs {
  file: string;
  /** First and last seed of the whole range, both included. */
  first: number;
  last: number;
  /** This process's shard: `index` from 1 to `count` (1/1 when not sharded). */
  shard: { index: number; count: number };
  /** Worker threads; undefined: one per core. */
  jobs?: number;
}

/** A bad sweep argument: the message is one line, naming it. */
export class SweepArgError extends Error {
  override readonly name = 'SweepArgError';
}

const whole = (text: string | undefined, lo: number, hi: number): number | undefined => {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= lo && n <= hi ? n : undefined;
};

/**
 * Parses the arguments after `sweep`; throws SweepArgError.
 * @example parseSweepArgs(['s.json', '--seeds', '1..1000', '--shard', '2/3']) // { file: 's.json', first: 1, last: 1000, shard: { index: 2, count: 3 } }
 */
export function parseSweepArgs(argv: string[]): SweepArgs {
  let file: string | undefined;
  let seeds: [number, number] | undefined;
  let shard = { index: 1, count: 1 };
  let jobs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--seeds') {
      const m = /^(\d+)\.\.(\d+)$/.exec(value ?? '');
      const [a, b] = [whole(m?.[1], 0, MAX_SEED), whole(m?.[2], 0, MAX_SEED)];
      if (a === undefined || b === undefined || a > b)
        throw new SweepArgError(
          `--seeds: expected A..B, whole numbers with 0 ≤ A ≤ B ≤ ${MAX_SEED}, got ${JSON.stringify(value ?? '')}`,
        );
      seeds = [a, b];
      i++;
    } else if (arg === '--shard') {
      const m = /^(\d+)\/(\d+)$/.exec(value ?? '');
      const count = whole(m?.[2], 1, MAX_SWEEP_SEEDS);
      const index = count === undefined ? undefined : whole(m?.[1], 1, count);
      if (index === undefined || count === undefined)
        throw new SweepArgError(
          `--shard: expected i/n, whole numbers with 1 ≤ i ≤ n, got ${JSON.stringify(value ?? '')}`,
        );
      shard = { index, count };
      i++;
    } else if (arg === '--jobs') {
      jobs = whole(value, 1, MAX_SWEEP_JOBS);
      if (jobs === undefined)
        throw new SweepArgError(
          `--jobs: expected a whole number from 1 to ${MAX_SWEEP_JOBS}, got ${JSON.stringify(value ?? '')}`,
        );
      i++;
    } else if (arg.startsWith('--')) throw new SweepArgError(`${arg}: unknown option; ${SWEEP_USAGE}`);
    else if (file !== undefined) throw new SweepArgError(`${arg}: one scenario file at a time; ${SWEEP_USAGE}`);
    else file = arg;
  }
  if (file === undefined) throw new SweepArgError(`<scenario.json>: missing; ${SWEEP_USAGE}`);
  if (!seeds) throw new SweepArgError(`--seeds: missing (e.g. --seeds 1..10000); ${SWEEP_USAGE}`);
  const args: SweepArgs = { file, first: seeds[0], last: seeds[1], shard, jobs };
  const count = planOf(args).count;
  if (count > MAX_SWEEP_SEEDS)
    throw new SweepArgError(
      `--seeds: ${value(count)} seeds in this process; at most ${value(MAX_SWEEP_SEEDS)} — split the range with --shard i/n`,
    );
  return args;
}

const value = (n: number) => n.toLocaleString('en-US');

/**
 * The seeds shard i/n of A..B sweeps: those with (seed − A) mod n = i − 1, so that the shards of
 * a range are disjoint, their union is the range, and each shard has a fair share of any slow part.
 * @example planOf({ first: 10, last: 20, shard: { index: 2, count: 3 } }) // seeds 11, 14, 17, 20: { first: 11, step: 3, count: 4 }
 */
export function planOf(args: Pick<SweepArgs, 'first' | 'last' | 'shard'>): SeedPlan {
  const first = args.first + args.shard.index - 1;
  const step = args.shard.count;
  const count = first > args.last ? 0 : Math.floor((args.last - first) / step) + 1;
  return { first, step, count };
}
