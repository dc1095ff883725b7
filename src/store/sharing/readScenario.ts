/**
 * Reading untrusted scenario text and validating the editor's draft, in the
 * worker (see src/worker/api/scenarioIo.ts for the rules). Nothing is applied
 * here: callers replace the current scenario only when the outcome is ok.
 */
import type { ReadOutcome } from '../../worker/api/scenarioIo';
import type { ScenarioDraft } from '../scenarioSlice';
import { simClient } from '../simClient';

export type { ReadOutcome } from '../../worker/api/scenarioIo';

/** Validates untrusted text (a file, a decompressed link, a stored save) and returns its canonical form. */
export function readScenarioText(text: string, source: string): Promise<ReadOutcome> {
  return simClient().call((api) => api.readScenario(text, source) as Promise<ReadOutcome>);
}

/** Validates the editor's draft (for export, share and save), which may be mid-edit and invalid. */
export function readDraft(draft: ScenarioDraft, source: string): Promise<ReadOutcome> {
  return simClient().call((api) => api.readDraft(draft, source) as Promise<ReadOutcome>);
}
