import type { ScenarioDraft } from '../store/scenarioSlice';
import type { Lesson } from './types';

/** The scenario step `step` works on: its own, or the last one an earlier step loaded. */
export function lessonScenarioAt(lesson: Lesson, step: number): ScenarioDraft | undefined {
  for (let i = Math.min(step, lesson.steps.length - 1); i >= 0; i--) {
    const s = lesson.steps[i].scenario;
    if (s) return s;
  }
  return undefined;
}

/** True when the learner has changed the scenario the step is about (exploring off-script). */
export function isOffScript(current: ScenarioDraft, lesson: Lesson, step: number): boolean {
  const expected = lessonScenarioAt(lesson, step);
  return expected !== undefined && current !== expected && JSON.stringify(current) !== JSON.stringify(expected);
}
