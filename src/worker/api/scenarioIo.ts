import { LimitError } from '../../engine/core/errors';
import { type Scenario, serializeScenario, validateScenario } from '../../engine/scenario';
import { errorText, fromValidation, type Problem, problem } from '../problems';
import type { ScenarioDraft } from '../scenarioDraft';

export type ReadOutcome =
  | { ok: true; scenario: Scenario; draft: ScenarioDraft; text: string }
  | { ok: false; problem: Problem };

/**
 * Reads untrusted scenario text (a file, a decompressed link, a stored save)
 * through the scenario validator — limits before parsing, then syntax, reserved
 * keys, version, schema and ids — and returns the canonical form: the text
 * `serializeScenario` writes and the draft the editor holds. Nothing is applied:
 * callers replace the current scenario only when this says ok, so a bad input
 * leaves the current work untouched.
 *
 * @example
 * const read = readScenarioInput(await file.text(), 'The file');
 * if (read.ok) useStore.getState().setScenario(read.draft, 'Import');
 */
export function readScenarioInput(text: string, source: string): ReadOutcome {
  const result = validateScenario(text);
  if (!result.ok)
    return { ok: false, problem: fromValidation(`${source} is not a scenario this app can open:`, result.errors) };
  return canonicalOf(result.scenario, source);
}

/** The canonical text and draft of a validated scenario. */
export function canonicalOf(scenario: Scenario, source: string): ReadOutcome {
  try {
    const text = serializeScenario(scenario);
    // The canonical text is ours and already validated; parsing it gives plain data with no shared objects.
    return { ok: true, scenario, draft: JSON.parse(text) as ScenarioDraft, text };
  } catch (error) {
    if (error instanceof LimitError)
      return {
        ok: false,
        problem: problem(`${source} is too large to keep: ${error.message}`, '(file)', error.message),
      };
    return { ok: false, problem: problem(`${source} could not be read: ${errorText(error)}`) };
  }
}

/** Validates the editor's draft (for export, share and save), which may be mid-edit and invalid. */
export function readDraftInput(draft: ScenarioDraft, source: string): ReadOutcome {
  const result = validateScenario(draft);
  if (!result.ok) return { ok: false, problem: fromValidation(`${source}: fix these first:`, result.errors) };
  return canonicalOf(result.scenario, source);
}

/** Scenario files in and out, validated in the worker (the validator stays off the main thread and out of its bundle). */
export const scenarioIoApi = {
  readScenario: readScenarioInput,
  readDraft: readDraftInput,
};
