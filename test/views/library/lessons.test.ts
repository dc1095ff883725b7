/**
 * Every lesson promises observations; this runs each step's scenario through the
 * same runner the worker uses and checks the promise holds, so a change in an
 * engine that breaks a lesson fails here, not in front of a class.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario, validateScenario } from '../../../src/engine/scenario';
import { focusedAgents } from '../../../src/lessons/focus';
import { LESSONS, type LessonStep } from '../../../src/lessons/index';
import { isOffScript, lessonScenarioAt } from '../../../src/lessons/progress';
import type { RunSummary } from '../../../src/worker/protocol';

/** A field name or path in prose: `a.b`, `list[]`, `list[3]`, or a camelCase identifier. */
const PATHLIKE = /[A-Za-z_]\.[A-Za-z_]|\w\[\d*\]|\b[a-z]+[A-Z][A-Za-z]*\b/;

/** Every sentence a step shows a learner before a run. */
const wordsOf = (step: LessonStep) => [
  step.title,
  step.text,
  step.highlight ?? '',
  step.focus?.look ?? '',
  step.observe?.text ?? '',
  ...(step.tryThis ?? []),
];

/**
 * The numbers a summary holds: every numeric value, every list's length, and every position in a
 * list of numbers (a round is a position in a per-round count). A measured sentence may quote only these.
 */
function numbersIn(value: unknown, out = new Set<number>()): Set<number> {
  if (typeof value === 'number') out.add(value);
  else if (Array.isArray(value)) {
    out.add(value.length);
    if (value.every((v) => typeof v === 'number')) for (let i = 0; i < value.length; i++) out.add(i);
    for (const v of value) numbersIn(v, out);
  } else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, out);
  return out;
}

/** The numbers a sentence quotes (“1,250,604”, “0.6”), leaving out those inside ids such as agent-3. */
const quoted = (text: string) =>
  (text.match(/(?<![\w-])\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) => Number(n.replaceAll(',', '')));

/** What the learner's run measured: quotes at least one number, and only the run's own. */
function expectMeasuredFrom(step: LessonStep, summary: RunSummary) {
  const text = step.observe?.measured?.(summary);
  expect(text, 'every observation says what the run measured').toBeTruthy();
  if (!text) return;
  expect(text).not.toMatch(PATHLIKE);
  const numbers = quoted(text);
  expect(numbers.length, text).toBeGreaterThan(0);
  const held = numbersIn(summary);
  for (const n of numbers) expect(held.has(n), `${n} in “${text}” is not one of the run's numbers`).toBe(true);
}

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
          expectMeasuredFrom(step, summary);
          // The stage outlines agents of this swarm, and a step that reads them off the run finds some.
          for (const id of focusedAgents(step, summary)) expect(summary.agentIds).toContain(id);
          if (step.focus?.fromRun) expect(step.focus.fromRun(summary).length).toBeGreaterThan(0);
          // The previous step's run must not already show this step's observation, or the step teaches nothing.
          const previous = i > 0 ? lessonScenarioAt(lesson, i - 1) : undefined;
          if (previous && previous !== draft) {
            const before = await runScenario(parseScenario(previous));
            expect(step.observe.seen(before.summary)).toBe(false);
          }
        });
      });
    });

  it('speak in words: no field name, path or camelCase identifier in any text a learner reads', () => {
    for (const lesson of LESSONS)
      for (const w of [lesson.title, lesson.summary, ...lesson.steps.flatMap(wordsOf)])
        expect(w, `${lesson.id}: ${w}`).not.toMatch(PATHLIKE);
  });

  it('the numbers check refuses a number the run does not hold', async () => {
    const step = LESSONS[0].steps[0];
    const draft = lessonScenarioAt(LESSONS[0], 0);
    if (!draft || !step.observe) throw new Error('lesson changed');
    const { summary } = await runScenario(parseScenario(draft));
    const canned = { ...step, observe: { ...step.observe, measured: () => 'Your run: 87 against 129.' } };
    expect(() => expectMeasuredFrom(canned, summary)).toThrow(/87/);
  });

  it('the words check catches the old field-name prose', () => {
    for (const old of ['compare informedPerRound with meanField', 'Results → agreement.witnesses', 'replicas[].clock'])
      expect(old).toMatch(PATHLIKE);
    expect('agent-4…agent-6 decided “approved” at 64 ms; G-Counter, log₂ n + ln n').not.toMatch(PATHLIKE);
  });

  it('every step with agents on the stage points at some: its own, or its run’s', () => {
    for (const lesson of LESSONS)
      for (const step of lesson.steps) {
        if (!step.focus) continue;
        expect(step.focus.look.length, `${lesson.id}: ${step.title}`).toBeGreaterThan(20);
      }
    const withAgents = LESSONS.flatMap((l) => l.steps).filter((s) => (s.focus?.agents?.length ?? 0) > 0);
    expect(withAgents.length).toBeGreaterThan(15);
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
