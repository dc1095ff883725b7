/**
 * Runs one corpus file through exactly the CLI's path — read the bytes (bounded),
 * decode them by the one UTF-8 rule, parse, check the work budget, run with the
 * trace not recorded (the CLI records only with --trace) — and says what came
 * of it. Never throws for a bad file: an exception escaping is itself a finding.
 */
import { readScenarioFile } from '../../src/cli/files';
import { runFile } from '../../src/cli/runFile';

export interface CaseOutcome {
  outcome: 'ran' | 'refused' | 'engine-failure' | 'threw' | 'unreadable';
  /** Field paths the refusal names, in order. */
  fields: string[];
  /** The first problem (or the failure), one line. */
  message: string;
  /** Wall-clock time, ms (it includes whatever else the machine was doing). */
  ms: number;
  /** CPU time of this process during the run, ms: the run's own cost, whatever the load. */
  cpuMs: number;
  /** RSS after the run minus before, bytes. */
  rssGrowth: number;
}

/** A field path as the refusals name them: `(file)`, `seed`, `topology.agents[3].weight`, `run.agentWeights["a-b"]`. */
export const FIELD_PATH = /^(\(file\)|[A-Za-z_$][\w$]*)(\.[A-Za-z_$][\w$]*|\[\d+\]|\["[^"\n]*"\])*$/;
/** A constant's name (MAX_LINKS): never what a refusal should name. */
export const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;

export async function runCorpusFile(path: string): Promise<CaseOutcome> {
  const rss = process.memoryUsage().rss;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const done = (o: Omit<CaseOutcome, 'ms' | 'cpuMs' | 'rssGrowth'>): CaseOutcome => {
    const used = process.cpuUsage(cpu);
    return {
      ...o,
      ms: Math.round(performance.now() - start),
      cpuMs: Math.round((used.user + used.system) / 1000),
      rssGrowth: process.memoryUsage().rss - rss,
    };
  };
  try {
    const read = readScenarioFile(path);
    if (!read.ok)
      return read.kind === 'io'
        ? done({ outcome: 'unreadable', fields: [], message: read.message })
        : done({ outcome: 'refused', fields: ['(file)'], message: `(file): ${read.rule}` });
    const out = await runFile(read.text, {});
    if (out.ok) return done({ outcome: 'ran', fields: [], message: `${out.summary.events} events` });
    const { failure } = out;
    const fields = failure.issues.map((i) => i.field);
    const message = failure.issues[0] ? `${failure.issues[0].field}: ${failure.issues[0].rule}` : failure.message;
    return done({
      outcome: failure.kind === 'engine' ? 'engine-failure' : 'refused',
      fields,
      message: message.slice(0, 400),
    });
  } catch (error) {
    const e = error as Error;
    return done({ outcome: 'threw', fields: [], message: `${e?.name}: ${e?.message}`.slice(0, 400) });
  }
}
