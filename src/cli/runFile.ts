import { decodeAll } from '../engine/trace/trace';
import type { RunFailure, RunSummary, TraceEvent } from '../worker/protocol';
import { simApi } from '../worker/simApi';

export interface CliArgs {
  file: string;
  seed?: number;
  trace?: string;
}

const USAGE = 'usage: npm run sim -- <scenario.json> [--seed N] [--trace out.json]';

export function parseArgs(argv: string[]): CliArgs {
  const args: Partial<CliArgs> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--seed') {
      const seed = Number(argv[++i]);
      if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
        throw new Error(`--seed must be a whole number from 0 to 4294967295\n${USAGE}`);
      args.seed = seed;
    } else if (arg === '--trace') {
      args.trace = argv[++i];
      if (!args.trace) throw new Error(`--trace needs a file name\n${USAGE}`);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else if (args.file) throw new Error(`one scenario file at a time\n${USAGE}`);
    else args.file = arg;
  }
  if (!args.file) throw new Error(USAGE);
  return args as CliArgs;
}

export type FileOutcome =
  | { ok: true; summary: RunSummary; traceJson: { summary: RunSummary; events: TraceEvent[] } }
  | { ok: false; failure: RunFailure };

/** Runs scenario text exactly as the worker does (same API object), for the CLI and its tests. */
export async function runFile(text: string, args: Pick<CliArgs, 'seed' | 'trace'>): Promise<FileOutcome> {
  const outcome = await simApi.run(text, { seed: args.seed, record: args.trace !== undefined });
  if (!outcome.ok) return outcome;
  const events = args.trace ? decodeAll(outcome.trace) : [];
  return { ok: true, summary: outcome.summary, traceJson: { summary: outcome.summary, events } };
}

export function describeFailure(file: string, failure: RunFailure): string {
  const lines = failure.issues.map((i) => `  ${i.field}: ${i.rule}`);
  const head = failure.kind === 'engine' ? failure.message : `${file}: the scenario is not valid`;
  return [head, ...lines].join('\n');
}
