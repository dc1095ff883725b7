import type { RunFailure, RunSummary, TraceColumns } from '../worker/protocol';
import { simApi } from '../worker/simApi';
import type { CliArgs } from './args';

export { type CliArgs, parseArgs, USAGE } from './args';

export type FileOutcome = { ok: true; summary: RunSummary; trace: TraceColumns } | { ok: false; failure: RunFailure };

/**
 * Runs scenario text exactly as the worker does (same API object, so the same
 * parse, work budget and engines), for the CLI and its tests. Events are kept
 * only when a trace is to be written, as the budget assumes.
 */
export async function runFile(text: string, args: Pick<CliArgs, 'seed' | 'trace'>): Promise<FileOutcome> {
  const outcome = await simApi.run(text, { seed: args.seed, record: args.trace !== undefined });
  return outcome.ok ? { ok: true, summary: outcome.summary, trace: outcome.trace } : outcome;
}

/** A refusal as the CLI prints it: a head line, then one line per problem with its field path. */
export function describeFailure(file: string, failure: RunFailure): string {
  const lines = failure.issues.map((i) => `  ${i.field}: ${i.rule}`);
  const head = failure.kind === 'engine' ? failure.message : `${file}: the scenario is not valid`;
  return [head, ...lines].join('\n');
}

/** A refusal of the file as a whole (its bytes), worded as the scenario parser words one. */
export function fileRefusal(file: string, rule: string): string {
  return `${file}: the scenario is not valid\n  (file): ${rule}`;
}
