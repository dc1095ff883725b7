/**
 * Keeps the store's `lessonFocus` (the agents the open lesson step is about) in step with the
 * lesson, the scenario and the run, so the stage can outline them without knowing lessons.
 */
import { type Store, useStore } from '../store/index';
import type { RunSummary } from '../worker/protocol';
import { lessonById } from './index';
import { isOffScript } from './script';
import type { LessonStep } from './types';

const NONE: readonly string[] = [];

/**
 * The agents a step points at: its own, plus those its learner's run picked out (only for the
 * step's own scenario: an off-script run answers another question).
 * @example focusedAgents(step, summary) // ['agent-3', 'agent-4', 'agent-2', 'agent-1']
 */
export function focusedAgents(step: LessonStep, summary: RunSummary | null, offScript = false): readonly string[] {
  const focus = step.focus;
  if (!focus) return NONE;
  const fromRun = summary && !offScript && focus.fromRun ? focus.fromRun(summary) : NONE;
  const all = [...new Set([...(focus.agents ?? NONE), ...fromRun])];
  return all.length ? all : NONE;
}

/** The focus the store should hold for its current lesson, scenario and run. */
function focusOf(s: Store): { agents: readonly string[]; tags: readonly string[] } {
  const lesson = s.lesson && lessonById(s.lesson.id);
  const step = s.lesson && lesson ? lesson.steps[s.lesson.step] : undefined;
  if (!s.lesson || !lesson || !step) return { agents: NONE, tags: NONE };
  const offScript = isOffScript(s.scenario, lesson, s.lesson.step);
  return { agents: focusedAgents(step, s.summary, offScript), tags: step.focus?.messages ?? NONE };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

let stop: (() => void) | null = null;

/** Starts keeping the focus (once; later calls do nothing); returns the function that stops it. */
export function watchLessonFocus(): () => void {
  if (stop) return stop;
  const update = (s: Store) => {
    const next = focusOf(s);
    if (!same(next.agents, s.lessonFocus) || !same(next.tags, s.lessonFocusTags))
      s.setLessonFocus(next.agents, next.tags);
  };
  update(useStore.getState());
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.lesson !== prev.lesson || s.summary !== prev.summary || s.scenario !== prev.scenario) update(s);
  });
  stop = () => {
    unsubscribe();
    stop = null;
  };
  return stop;
}
