import type { ScenarioDraft } from '../store/scenarioSlice';
import type { RunSummary } from '../worker/protocol';

/** What a step promises the learner will see, and how the panel checks the run shows it. */
export interface LessonObservation {
  /** In words, shown before the run; no number the run could contradict (the run's own come in `measured`). */
  text: string;
  /** True when the run's summary shows it. */
  seen: (summary: RunSummary) => boolean;
  /** What the learner's own run measured, in words (every number read from the summary); shown after a run. */
  measured?: (summary: RunSummary) => string | null;
}

/** A moment of the run the step is about; the panel offers to show it (the player jumps there). */
export type LessonMoment = 'decision' | 'end';

/** What a step points at on the stage: agents outlined there, and what to look at, in words. */
export interface LessonFocus {
  /** What to look at, in words, shown in the panel (“the commander, agent-1, outlined on the stage”). */
  look: string;
  /** Agents the step is about, by id: outlined on the stage as soon as the step opens. */
  agents?: readonly string[];
  /**
   * Agents the learner's own run picked out (the two who disagreed, the one found crashed),
   * by id: after a run they are outlined too, so the stage never points at a canned answer.
   */
  fromRun?: (summary: RunSummary) => readonly string[];
  /** Message tags the step is about (the trace's tags, e.g. 'om-order'): drawn out on the stage where it can. */
  messages?: readonly string[];
  /** The moment to look at: after a run the panel offers to show it. */
  moment?: LessonMoment;
}

export interface LessonStep {
  title: string;
  /** The explanation, a few sentences of plain text: words a person reads, never a field name. */
  text: string;
  /** Loaded (as one undoable step) when the step opens; a step without one keeps the scenario as it is. */
  scenario?: ScenarioDraft;
  /** The accessible name of the control the step points at (it gets an outline). */
  highlight?: string;
  /** The agents (and messages, and moment) the step is about, shown on the stage. */
  focus?: LessonFocus;
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
