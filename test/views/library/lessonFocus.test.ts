// @vitest-environment jsdom
/**
 * The store's lessonFocus follows the open step: its own agents as soon as it opens, the
 * agents its learner's run picked out once that run is in, nothing from an off-script run,
 * and nothing once the lesson is closed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import { watchLessonFocus } from '../../../src/lessons/focus';
import { lessonById } from '../../../src/lessons/index';
import { closeLesson, goToStep, lessonScenarioAt, openLesson } from '../../../src/lessons/progress';
import { useStore } from '../../../src/store/index';

afterEach(() => closeLesson());

const runOf = async (id: string, step: number) => {
  const lesson = lessonById(id);
  const draft = lesson && lessonScenarioAt(lesson, step);
  if (!draft) throw new Error(`no lesson ${id}`);
  return (await runScenario(parseScenario(draft))).summary;
};

describe('lesson focus in the store', () => {
  it('holds the step’s agents, then its run’s, and drops them off-script and on close', async () => {
    openLesson('three-f-plus-one', 1);
    expect(useStore.getState().lessonFocus).toEqual(['agent-3', 'agent-4']);

    // The run's two honest agents that disagree join the liars.
    useStore.setState({ summary: await runOf('three-f-plus-one', 1) });
    const withRun = useStore.getState().lessonFocus;
    expect(withRun.slice(0, 2)).toEqual(['agent-3', 'agent-4']);
    expect(withRun).toHaveLength(4);
    expect(withRun.slice(2).every((id) => ['agent-1', 'agent-2'].includes(id))).toBe(true);

    // Off-script, the run answers another question: only the step's own agents stay outlined.
    const scenario = useStore.getState().scenario;
    useStore.setState({ scenario: { ...scenario, seed: scenario.seed + 1 } });
    expect(useStore.getState().lessonFocus).toEqual(['agent-3', 'agent-4']);

    closeLesson();
    expect(useStore.getState().lessonFocus).toEqual([]);
  });

  it('moves with the steps and carries the step’s message tags', () => {
    openLesson('byzantine-generals', 0);
    expect(useStore.getState().lessonFocus).toEqual(['agent-1']);
    expect(useStore.getState().lessonFocusTags).toEqual(['om-order']);
    goToStep(1);
    expect(useStore.getState().lessonFocusTags).toEqual(['om-order', 'om-relay']);
    openLesson('gossip-log-n', 0);
    // A well-mixed population has no agents on the stage to outline.
    expect(useStore.getState().lessonFocus).toEqual([]);
  });

  it('follows a lesson restored into the store without openLesson', () => {
    const stop = watchLessonFocus();
    useStore.setState({ lesson: { id: 'delegation-crash', step: 1 } });
    expect(useStore.getState().lessonFocus).toEqual(['agent-3', 'agent-1']);
    stop();
  });
});
