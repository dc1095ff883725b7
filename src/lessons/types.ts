import type { ScenarioDraft } from '../store/scenarioSlice';
import type { RunSummary } from '../worker/protocol';

/** What a step promises the learner will see, and how the panel checks the run shows it. */
export interface LessonObservation {
  /** In words, shown before the run. */
  text: string;
  /** True when the run's summary shows it. */
  seen: (summary: RunSummary) => boolean;
  /** What the learner's own run measured, in words (every number read from the summary); shown after a run. */
  measured?: (summary: RunSummary) => string | null;
}

export interface LessonStep {
  title: string;
  /** The explanation, a few sentences of plain text. */
  text: string;
  /** Loaded (as one undoable step) when the step opens; a step without one keeps the scenario as it is. */
  scenario?: ScenarioDraft;
  /** The accessible name of the control the step points at (it gets an outline). */
  highlight?: string;
  observe?: LessonObservation;
  /** Off-script ideas: the learner can try them and come back with “Back to the lesson”. */
  tryThis?: string[];
}

export interface Lesson {
  id: string;
  title: string;
  /** One sentence for the list of lessons. */
  summary: string;
  steps: LessonStep[];
}
