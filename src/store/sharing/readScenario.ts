/**
 * Reading untrusted scenario text and validating the editor's draft, in the
 * scenario reader's own worker (see src/worker/api/scenarioIo.ts for the rules),
 * apart from the simulation worker: an import, a save or an autosave never waits
 * behind a run, and cancelling a run never drops one. Nothing is applied here:
 * callers replace the current scenario only when the outcome is ok.
 */
import type { ReadOutcome } from '../../worker/api/scenarioIo';

export type { ReadOutcome } from '../../worker/api/scenarioIo';

import { createScenarioIoWorker, type ScenarioIoWorker } from '../../worker/scenarioIoClient';
import type { ScenarioDraft } from '../scenarioSlice';
import { errorText, type Problem, problem } from './problems';

/** A read's outcome; `unchecked` when the reader could not finish (not a verdict on the scenario). */
export type ReadResult = ReadOutcome | { ok: false; problem: Problem; unchecked: true };

let io: ScenarioIoWorker | undefined;

function reader(): ScenarioIoWorker {
  io ??= createScenarioIoWorker();
  return io;
}

/** A read that could not finish (its worker stopped or ran past its budget) as a problem: never a throw. */
function unread(source: string) {
  return (error: unknown): ReadResult => ({
    ok: false,
    problem: problem(`${source} could not be checked: ${errorText(error)}`),
    unchecked: true,
  });
}

/** Validates untrusted text (a file, a decompressed link, a stored save) and returns its canonical form. */
export function readScenarioText(text: string, source: string): Promise<ReadResult> {
  return reader().call('readScenario', [text, source], { what: 'Reading the scenario' }).catch(unread(source));
}

/** Validates the editor's draft (for export, share and save), which may be mid-edit and invalid. */
export function readDraft(draft: ScenarioDraft, source: string): Promise<ReadResult> {
  return reader().call('readDraft', [draft, source], { what: 'Checking the scenario' }).catch(unread(source));
}
