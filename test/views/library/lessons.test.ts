/**
 * Every lesson promises observations; this runs each step's scenario through the
 * same runner the worker uses and checks the promise holds, so a change in an
 * engine that breaks a lesson fails here, not in front of a class.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario, validateScenario } from '../../../src/engine/scenario';
import { LESSONS } from '../../../src/lessons/index';
import { isOffScript, lessonScenarioAt } from '../../../src/lessons/progress';

describe('lessons', () => {
  it('have unique ids, and every lesson has steps with text', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const lesson of LESSONS) {
      expect(lesson.steps.length).toBeGreaterThan(1);
      expect(lesson.steps[0].scenario, `${lesson.id} starts with a scenario`).toBeDefined();
      for (const step of lesson.steps) expect(step.text.length).toBeGreaterThan(20);
    }
  });

  for (const lesson of LESSONS)
    describe(lesson.title, () => {
      lesson.steps.forEach((step, i) => {
        it(`step ${i + 1}, ${step.title}: ${step.observe?.text ?? 'no observation'}`, async () => {
          const draft = lessonScenarioAt(lesson, i);
          if (!draft) throw new Error('no scenario');
          const valid = validateScenario(draft);
          expect(valid.ok ? [] : valid.errors.map((e) => e.message)).toEqual([]);
          if (!step.observe) return;
          const { summary } = await runScenario(parseScenario(draft));
          expect(step.observe.seen(summary), JSON.stringify(summary.result).slice(0, 800)).toBe(true);
          // The previous step's run must not already show this step's observation, or the step teaches nothing.
          const previous = i > 0 ? lessonScenarioAt(lesson, i - 1) : undefined;
          if (previous && previous !== draft) {
            const before = await runScenario(parseScenario(previous));
            expect(step.observe.seen(before.summary)).toBe(false);
          }
        });
      });
    });

  it('the G-Counter ends at the same value with and without duplicate delivery', async () => {
    const lesson = LESSONS.find((l) => l.id === 'counter-duplicates');
    const [clean, duplicated] = (lesson?.steps ?? []).map((s) => s.scenario);
    if (!clean || !duplicated) throw new Error('lesson changed');
    const a = await runScenario(parseScenario(clean));
    const b = await runScenario(parseScenario(duplicated));
    expect((b.summary.result as { value: number }).value).toBe((a.summary.result as { value: number }).value);
  });

  it('off-script means the scenario differs from the step’s, by value not identity', () => {
    const lesson = LESSONS[0];
    const s = lessonScenarioAt(lesson, 0);
    if (!s) throw new Error('no scenario');
    expect(isOffScript(s, lesson, 0)).toBe(false);
    expect(isOffScript(structuredClone(s), lesson, 0)).toBe(false);
    expect(isOffScript({ ...s, seed: s.seed + 1 }, lesson, 0)).toBe(true);
  });
});
