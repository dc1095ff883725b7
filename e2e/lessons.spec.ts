import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { runScenario } from '../src/engine/runs/runScenario';
import { parseScenario } from '../src/engine/scenario';
import { LESSONS, type LessonStep } from '../src/lessons/index';
import { lessonScenarioAt } from '../src/lessons/script';
import type { ScenarioDraft } from '../src/worker/protocol';
import { expect, test } from './fixtures';

/** README screenshots: one per lesson, taken at its last step once the observation is confirmed. */
const SHOTS = 'docs/lessons';

async function openLessons(page: Page) {
  await page.getByRole('tab', { name: 'Lessons' }).click();
}

const panel = (page: Page) => page.locator('[data-lesson-panel]');

async function runAndWait(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible({ timeout: 60_000 });
  // Runs play from t = 0 by themselves; the README shots show the outcome the observation is about.
  await page.getByRole('button', { name: 'Skip to end' }).click();
}

/** The agents the stage rings for the open lesson step (SVG renderer), by id. */
const ringed = (page: Page) =>
  page
    .getByTestId('topology-svg')
    .locator('[data-lesson-focus="true"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-agent') ?? '').sort());

/**
 * The agents a step rings: its own before a run; after it, also those its run picked out, found
 * by running the same scenario through the engine here (runs are deterministic, the same in Node
 * and in the browser's worker).
 */
async function expectedRing(step: LessonStep, draft: ScenarioDraft | undefined, afterRun: boolean) {
  const own = step.focus?.agents ?? [];
  if (!afterRun || !step.focus?.fromRun || !draft) return { ring: [...own].sort(), fromRun: [] };
  const { summary } = await runScenario(parseScenario(draft));
  const fromRun = step.focus.fromRun(summary).filter((id) => !own.includes(id));
  return { ring: [...new Set([...own, ...fromRun])].sort(), fromRun };
}

async function expectRinged(page: Page, step: LessonStep, draft: ScenarioDraft | undefined, afterRun: boolean) {
  const { ring, fromRun } = await expectedRing(step, draft, afterRun);
  await expect.poll(() => ringed(page)).toEqual(ring);
  // The ring is drawn in the lessons' colour, not hidden under the page's agent stroke.
  if (ring.length > 0)
    await expect(page.getByTestId('topology-svg').locator('.lesson-focus-ring').first()).toHaveCSS(
      'stroke',
      'rgb(230, 159, 0)',
    );
  if (fromRun.length > 0)
    await expect(panel(page).getByText(`Outlined from your run: ${fromRun.join(', ')}.`)).toBeVisible();
}

for (const lesson of LESSONS) {
  test(`lesson: ${lesson.title} — every step walked, every observation seen`, async ({ page }) => {
    await page.goto('/');
    await openLessons(page);
    await page.getByRole('button', { name: lesson.title, exact: true }).click();
    for (const [i, step] of lesson.steps.entries()) {
      await expect(panel(page).getByText(`Step ${i + 1} of ${lesson.steps.length}`)).toBeVisible();
      await expect(panel(page).getByText(step.title, { exact: true })).toBeVisible();
      if (step.highlight) {
        // The step points at a real control, by the name a person sees.
        const highlighted = page.locator('[data-lesson-highlight="true"]');
        await expect(highlighted).toHaveCount(1);
        await expect(highlighted).toHaveAccessibleName(step.highlight);
      }
      if (step.focus) {
        // The step says in words what to look at, and rings those agents on the stage.
        await expect(panel(page).getByTestId('lesson-focus')).toContainText(step.focus.look);
        if (step.focus.agents?.length) await expectRinged(page, step, lessonScenarioAt(lesson, i), false);
      }
      if (step.observe) {
        const observation = page.getByTestId('lesson-observation');
        await expect(observation).toHaveAttribute('data-seen', 'pending');
        await expect(observation.getByTestId('lesson-measured')).toHaveCount(0);
        await runAndWait(page);
        await expect(observation).toHaveAttribute('data-seen', 'yes');
        await expect(observation.getByRole('status')).toHaveText('✓ Seen in your run.');
        // What this run measured, in words: numbers of its own, no field names.
        const measured = observation.getByTestId('lesson-measured');
        await expect(measured).toContainText(/^Your run/);
        expect(await measured.textContent()).not.toMatch(/[A-Za-z_]\.[A-Za-z_]|\b[a-z]+[A-Z][A-Za-z]*\b/);
        if (step.focus?.agents?.length) await expectRinged(page, step, lessonScenarioAt(lesson, i), true);
        if (step.focus?.moment)
          await expect(panel(page).getByRole('button', { name: /^Show the (decision|end of the run)$/ })).toBeVisible();
      }
      if (i === lesson.steps.length - 1) {
        mkdirSync(SHOTS, { recursive: true });
        await page.getByTestId('lesson-observation').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SHOTS}/${lesson.id}.png` });
        await page.getByRole('button', { name: 'Finish' }).click();
      } else await panel(page).getByRole('button', { name: 'Next' }).click();
    }
    await expect(page.getByRole('button', { name: lesson.title, exact: true })).toBeVisible();
  });
}

test('a learner can go back, explore off-script, come back, and find the lesson again after a reload', async ({
  page,
}) => {
  await page.goto('/');
  await openLessons(page);
  await page.getByRole('button', { name: LESSONS[0].title, exact: true }).click();
  await panel(page).getByRole('button', { name: 'Next' }).click();
  await expect(panel(page).getByText('Step 2 of 3')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Quorum' })).toHaveValue('supermajority');

  // Off-script: change the rule, run, and the panel says so instead of checking the observation.
  await page.getByRole('combobox', { name: 'Quorum' }).selectOption('simple');
  await expect(panel(page).getByText('You have changed the lesson’s scenario')).toBeVisible();
  await runAndWait(page);
  await expect(page.getByTestId('lesson-observation')).toHaveAttribute('data-seen', 'pending');
  await page.getByRole('button', { name: 'Back to the lesson' }).click();
  await expect(page.getByRole('combobox', { name: 'Quorum' })).toHaveValue('supermajority');

  await panel(page).getByRole('button', { name: 'Back' }).click();
  await expect(panel(page).getByText('Step 1 of 3')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Quorum' })).toHaveValue('simple');
  await panel(page).getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('autosave-status')).toHaveCount(0);
  await page.waitForTimeout(600);
  await page.reload();
  await expect(panel(page).getByText('Step 2 of 3')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Quorum' })).toHaveValue('supermajority');
});
