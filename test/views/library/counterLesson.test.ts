/**
 * Lesson 8 (a CRDT counter under duplicate delivery) quotes no canned numbers:
 * its sentences are fixed words, and every number it shows after a run is read
 * from that run's summary, so another run shows other numbers.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import { LESSONS } from '../../../src/lessons/index';
import { resultOf } from '../../../src/worker/protocol';

const lesson = LESSONS.find((l) => l.id === 'counter-duplicates');
if (!lesson) throw new Error('lesson counter-duplicates is gone');

describe('lesson 8: the numbers come from the learner’s run', () => {
  it('its written text holds no number', () => {
    const words = [
      lesson.title,
      lesson.summary,
      ...lesson.steps.flatMap((s) => [s.title, s.text, s.observe?.text ?? '', ...(s.tryThis ?? [])]),
    ];
    for (const w of words) expect(w, w).not.toMatch(/\d/);
  });

  lesson.steps.forEach((step, i) => {
    it(`step ${i + 1} quotes its run's own totals, and another seed's run quotes that run's`, async () => {
      const texts: string[] = [];
      for (const seed of [step.scenario?.seed ?? 1, 41]) {
        const { summary } = await runScenario(parseScenario({ ...step.scenario, seed }));
        const r = resultOf(summary, 'replicated-state');
        if (!r) throw new Error('not a replicated-state run');
        const text = step.observe?.measured?.(summary) ?? '';
        const numbers = [r.operations, r.writtenTotal, r.value, r.messages, r.merges];
        if (i === 1) numbers.push(r.duplicateDeliveries, r.recountedByDuplicates);
        for (const n of numbers) expect(text, `${n} in ${text}`).toMatch(new RegExp(`\\b${n}\\b`));
        // Every number in the sentence is one of the run's.
        for (const m of text.match(/\d+/g) ?? []) expect(numbers.map(String)).toContain(m);
        texts.push(text);
      }
      expect(texts[1]).not.toBe(texts[0]);
    });
  });
});
