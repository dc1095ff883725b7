import { useStore } from '../store/index';
import { applyScenario } from '../store/sharing/applyScenario';
import { watchLessonFocus } from './focus';
import { lessonById } from './index';
import { isOffScript, lessonScenarioAt } from './script';
import type { Lesson } from './types';

export { isOffScript, lessonScenarioAt } from './script';

/** Loads the step's scenario unless it is already the current one (so its run is kept). */
function loadStepScenario(lesson: Lesson, step: number): void {
  const scenario = lessonScenarioAt(lesson, step);
  if (scenario && isOffScript(useStore.getState().scenario, lesson, step))
    applyScenario(scenario, `Lesson: ${lesson.steps[step].title}`);
}

/**
 * Opens a lesson at its first step (or `step`) and loads that step's scenario
 * as one undoable edit, so the learner's own work is one Undo away.
 * @example openLesson('quorum-rules');
 */
export function openLesson(id: string, step = 0): void {
  const lesson = lessonById(id);
  if (!lesson) return;
  const at = Math.max(0, Math.min(step, lesson.steps.length - 1));
  // The stage outlines the step's agents from now on (a lesson restored with the page starts it from the panel).
  watchLessonFocus();
  useStore.getState().setLesson({ id, step: at });
  loadStepScenario(lesson, at);
}

/** Moves to another step (back or next) and loads its scenario. */
export function goToStep(step: number): void {
  const progress = useStore.getState().lesson;
  if (progress) openLesson(progress.id, step);
}

/** After exploring off-script: reloads the scenario the current step is about. */
export function backToLesson(): void {
  const progress = useStore.getState().lesson;
  const lesson = progress && lessonById(progress.id);
  if (!progress || !lesson) return;
  const scenario = lessonScenarioAt(lesson, progress.step);
  if (scenario) applyScenario(scenario, `Lesson: ${lesson.steps[progress.step].title}`);
}

export function closeLesson(): void {
  useStore.getState().setLesson(null);
}
