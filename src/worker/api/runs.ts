/**
 * Scenario runs: validate, describe (build + lay out the swarm), run. Every
 * result is serialisable and every failure comes back as data the UI can show
 * next to the field it names.
 */
import { LimitError, ValidationError, ValidationErrors } from '../../engine/core/errors';
import { describeScenario, runScenario } from '../../engine/runs/runScenario';
import { parseScenario } from '../../engine/scenario';
import { layoutSwarmWithNote } from '../layout';
import type { DrawnTopology, FieldIssue, RunFailure, RunOptions, RunSummary, TraceColumns } from '../protocol';

export type DescribeOutcome =
  | { ok: true; topology: DrawnTopology; issues: FieldIssue[] }
  | { ok: false; issues: FieldIssue[] };

export type ValidateOutcome = { ok: true } | { ok: false; issues: FieldIssue[] };

export type RunOutcome = { ok: true; summary: RunSummary; trace: TraceColumns } | { ok: false; failure: RunFailure };

/** Progress is reported at most this often (fraction of the run), so messages never flood the page. */
const PROGRESS_STEP = 0.01;

export const runsApi = {
  /** Checks a scenario (text or parsed JSON) and lists every problem by field. */
  validate(input: unknown): ValidateOutcome {
    try {
      parseScenario(input);
      return { ok: true };
    } catch (error) {
      return { ok: false, issues: toFailure(error).issues };
    }
  },

  /** Builds the scenario's swarm and lays it out, for drawing. */
  describe(input: unknown): DescribeOutcome {
    try {
      const { problem, ...topology } = describeScenario(parseScenario(input));
      const issues = problem ? toFailure(problem).issues : [];
      const { positions, note } = layoutSwarmWithNote(topology);
      const warnings = note ? [...topology.warnings, note] : topology.warnings;
      return { ok: true, topology: { ...topology, warnings, positions }, issues };
    } catch (error) {
      return { ok: false, issues: toFailure(error).issues };
    }
  },

  /** Runs a scenario to the end; `onProgress` receives fractions in [0, 1]. */
  async run(input: unknown, options: RunOptions = {}, onProgress?: (fraction: number) => void): Promise<RunOutcome> {
    try {
      let reported = 0;
      const report = (fraction: number) => {
        if (onProgress && (fraction - reported >= PROGRESS_STEP || fraction >= 1)) {
          reported = fraction;
          onProgress(fraction);
        }
      };
      const { summary, trace } = await runScenario(parseScenario(input), { ...options, onProgress: report });
      return { ok: true, summary, trace };
    } catch (error) {
      return { ok: false, failure: toFailure(error) };
    }
  },
};

/** Any thrown error as a RunFailure; only engine bugs become kind 'engine'. */
export function toFailure(error: unknown): RunFailure {
  const issue = (e: ValidationError): FieldIssue => ({ field: e.field, rule: e.rule, message: e.message });
  if (error instanceof ValidationErrors)
    return { kind: 'validation', message: error.message, issues: error.issues.map(issue) };
  if (error instanceof ValidationError) return { kind: 'validation', message: error.message, issues: [issue(error)] };
  if (error instanceof LimitError) {
    const field = (error as LimitError & { field?: string }).field ?? error.limit;
    return { kind: 'limit', message: error.message, issues: [{ field, rule: error.message, message: error.message }] };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'engine', message: `The engine failed: ${message}`, issues: [] };
}
