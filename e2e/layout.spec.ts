import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The layout tells the story at both sizes a class meets (a laptop, a projector): the stage is the
 * largest region, the tabs fit in one row or a rail, the drawer resizes from the keyboard and
 * collapses, each run opens on its kind's view, the narration follows the cursor, projector mode
 * enlarges text and glyphs, and no panel has a serious accessibility violation. Every panel is
 * saved under docs/screens/ at both sizes.
 */
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** Each run kind, the preset that starts it, and the view beside the stage that explains it. */
const KIND_VIEWS = [
  { preset: 'byzantine', tab: 'Consensus', file: 'consensus' },
  { preset: 'rumor', tab: 'Spread', file: 'spread' },
  { preset: 'replicated-state', tab: 'Merge inspector', file: 'merge' },
  { preset: 'sync', tab: 'Sync', file: 'sync' },
  { preset: 'delegation', tab: 'Delegation', file: 'delegation' },
] as const;
const TOOL_TABS = [
  ['Inspector', 'inspector'],
  ['Results', 'results'],
  ['Library', 'library'],
  ['Lessons', 'lessons'],
  ['Counterexample', 'counterexample'],
] as const;

mkdirSync('docs/screens', { recursive: true });

const details = (page: Page) => page.getByRole('tablist', { name: 'Details' });
const drawerTabs = (page: Page) => page.getByRole('tablist', { name: 'Inspectors' });
const narration = (page: Page) => page.getByTestId('narration');

async function area(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  return box ? box.width * box.height : 0;
}

async function noSeriousAxe(page: Page, include: string, what: string, exclude?: string) {
  await expect(page.getByText('Loading…')).toHaveCount(0);
  const builder = new AxeBuilder({ page }).include(include);
  const result = await (exclude ? builder.exclude(exclude) : builder).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${what}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual(
    [],
  );
}

async function run(page: Page, preset: string) {
  await page.getByRole('combobox', { name: 'What to run' }).selectOption(preset);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Run finished\.$/ })).toBeVisible();
}

const shot = (page: Page, name: string, width: number) =>
  page.screenshot({ path: `docs/screens/${name}-${width}.png` });

for (const size of SIZES) {
  test.describe(`at ${size.width} × ${size.height}`, () => {
    test.use({ viewport: size });

    test('the stage is the largest region, tabs are one row or a rail, the drawer resizes and collapses', async ({
      page,
    }) => {
      await page.goto('/');
      // No run yet: the drawer is only its tab row, and the stage has the room.
      await expect(page.getByRole('button', { name: 'Expand the inspectors' })).toHaveAttribute(
        'aria-expanded',
        'false',
      );
      await shot(page, 'start', size.width);
      await page.getByRole('checkbox', { name: 'Always jump to the end after a run' }).check();
      await run(page, 'byzantine');

      // The run opens the column on its kind's view and the drawer on its trace view (12 agents: space-time).
      await expect(details(page).getByRole('tab', { name: 'Consensus' })).toHaveAttribute('aria-selected', 'true');
      await expect(drawerTabs(page).getByRole('tab', { name: 'Space-time diagram' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await expect(page.locator('.drawer [role="tabpanel"]')).toBeVisible();

      // The stage is the largest region.
      const stage = await area(page.getByRole('main', { name: 'Swarm view' }));
      for (const other of [
        page.getByRole('complementary', { name: 'Details' }),
        page.getByRole('complementary', { name: 'Scenario' }),
        page.getByRole('region', { name: 'Inspectors' }),
      ])
        expect(stage).toBeGreaterThan(await area(other));

      // The right-hand tabs are a rail (one column), the drawer's tabs one row.
      await expect(details(page)).toHaveAttribute('aria-orientation', 'vertical');
      const railX = new Set<number>();
      for (const tab of await details(page).getByRole('tab').all())
        railX.add(Math.round((await tab.boundingBox())?.x ?? -1));
      expect(railX.size).toBe(1);
      const rowY = new Set<number>();
      for (const tab of await drawerTabs(page).getByRole('tab').all())
        rowY.add(Math.round((await tab.boundingBox())?.y ?? -1));
      expect(rowY.size).toBe(1);

      // The drawer's edge is a separator the keyboard moves; Enter and the button collapse it.
      const edge = page.getByRole('separator', { name: 'Resize the inspectors drawer' });
      const drawer = page.getByRole('region', { name: 'Inspectors' });
      const before = Number(await edge.getAttribute('aria-valuenow'));
      const tallBefore = (await drawer.boundingBox())?.height ?? 0;
      await edge.focus();
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await expect(edge).toHaveAttribute('aria-valuenow', String(before + 48));
      expect((await drawer.boundingBox())?.height ?? 0).toBeCloseTo(tallBefore + 48, -1);
      await page.keyboard.press('ArrowDown');
      await expect(edge).toHaveAttribute('aria-valuenow', String(before + 24));
      await page.keyboard.press('Enter');
      await expect(page.locator('.drawer [role="tabpanel"]')).toHaveCount(0);
      await expect(edge).toHaveAttribute('aria-valuetext', 'collapsed');
      const collapsedStage = await area(page.getByRole('main', { name: 'Swarm view' }));
      expect(collapsedStage).toBeGreaterThan(stage);
      await page.getByRole('button', { name: 'Expand the inspectors' }).click();
      await expect(page.locator('.drawer [role="tabpanel"]')).toBeVisible();
      await expect(edge).toHaveAttribute('aria-valuenow', String(before + 24));
      await page.getByRole('button', { name: 'Collapse the inspectors' }).click();
      await expect(page.locator('.drawer [role="tabpanel"]')).toHaveCount(0);
      // A run does not reopen a drawer the user closed; choosing a tab does.
      await drawerTabs(page).getByRole('tab', { name: 'Message log' }).click();
      await expect(page.getByRole('table', { name: 'Message log' })).toBeVisible();
      // The size chosen is kept over a reload.
      await page.reload();
      await expect(page.getByRole('separator', { name: 'Resize the inspectors drawer' })).toHaveAttribute(
        'aria-valuetext',
        'collapsed',
      );
      await page.getByRole('button', { name: 'Expand the inspectors' }).click();
      await expect(page.getByRole('separator', { name: 'Resize the inspectors drawer' })).toHaveAttribute(
        'aria-valuenow',
        String(before + 24),
      );
    });

    test('the narration follows the cursor, politely, and stays quiet while playing', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('checkbox', { name: 'Always jump to the end after a run' }).check();
      await run(page, 'byzantine');
      await expect(narration(page)).toHaveAttribute('aria-live', 'polite');
      await expect(narration(page)).toContainText(/decided: approved/);
      await page.getByRole('button', { name: 'Jump to start' }).click();
      await expect(narration(page)).toContainText('Before the first event');
      // Each step tells the event just taken: the newest sentence is the last one.
      const seen: string[] = [];
      for (let i = 0; i < 4; i++) {
        await page.getByRole('button', { name: 'Step one event forward' }).click();
        await expect(page.getByTestId('playback-event')).toHaveText(new RegExp(`^event ${i + 1} /`));
        await expect(narration(page)).toContainText(`event ${i + 1} of`);
        const latest = (await narration(page).locator('li.latest').textContent()) ?? '';
        expect(seen).not.toContain(latest);
        seen.push(latest);
      }
      expect(seen[0]).toBe('agent-1 asked 12 agents to vote');
      expect(seen[1]).toBe('agent-1 sent a request to vote to agent-2');
      expect(seen[2]).toBe('agent-1 sent a request to vote to agent-2 and agent-3');
      await page.getByRole('button', { name: 'Play' }).click();
      await expect(narration(page)).toHaveAttribute('aria-live', 'off');
      await page.getByRole('button', { name: 'Pause' }).click();
      await expect(narration(page)).toHaveAttribute('aria-live', 'polite');
    });

    test('every panel: its run kind opens it, no serious axe violation, a screenshot', async ({ page }) => {
      test.setTimeout(240_000);
      await page.goto('/');
      await page.getByRole('checkbox', { name: 'Always jump to the end after a run' }).check();
      for (const view of KIND_VIEWS) {
        await run(page, view.preset);
        await expect(details(page).getByRole('tab', { name: view.tab, exact: true })).toHaveAttribute(
          'aria-selected',
          'true',
        );
        await expect(page.locator('.details [role="tabpanel"]')).not.toContainText(/^Run a /);
        await noSeriousAxe(page, '.details', view.tab);
        await shot(page, view.file, size.width);
        if (view.preset === 'byzantine') {
          // The main screen: a Byzantine run mid-way, its narration and matrix beside the stage.
          const timeline = page.getByRole('slider', { name: 'Timeline (simulated ms)' });
          const end = Number(await timeline.getAttribute('max'));
          await timeline.fill(String(Math.round(end * 0.45)));
          await expect(narration(page).locator('li')).not.toHaveCount(0);
          await shot(page, 'main', size.width);
          await page.getByRole('button', { name: 'Jump to end' }).click();
        }
      }
      for (const [tab, file] of TOOL_TABS) {
        await details(page).getByRole('tab', { name: tab, exact: true }).click();
        await noSeriousAxe(page, '.details', tab);
        await shot(page, file, size.width);
      }
      for (const [tab, file] of [
        ['Space-time diagram', 'space-time'],
        ['Message log', 'log'],
      ] as const) {
        await drawerTabs(page).getByRole('tab', { name: tab }).click();
        await noSeriousAxe(page, '.drawer', tab);
        await shot(page, file, size.width);
      }
      await noSeriousAxe(page, '.sidebar', 'Scenario');
      await noSeriousAxe(page, '.app-header', 'Header');
      // The faults-at-the-cursor buttons (new in the playback bar, their owner's work in progress) are left out.
      await noSeriousAxe(page, '.stage', 'Stage', '.faults-at-cursor');
      await page.getByRole('button', { name: /Shortcuts/ }).click();
      const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect(help).toBeVisible();
      // "Delete Backspace" stays in its column: the keys end before the words start.
      const row = help.locator('.help-row').filter({ hasText: 'Remove selected agents' });
      const keys = await row.locator('dt').boundingBox();
      const words = await row.locator('dd').boundingBox();
      expect((keys?.x ?? 0) + (keys?.width ?? 0)).toBeLessThanOrEqual(words?.x ?? 0);
      for (const kbd of await row.locator('kbd').all()) {
        const box = await kbd.boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(words?.x ?? 0);
      }
      await noSeriousAxe(page, 'dialog.help', 'Shortcuts');
      await shot(page, 'shortcuts', size.width);
    });
  });
}

test('counts agree: Messages in the summary, the Sync view and the log', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('checkbox', { name: 'Always jump to the end after a run' }).check();
  await run(page, 'sync');
  const messages = Number((await page.getByTestId('summary-messages').textContent())?.replace(/,/g, ''));
  expect(messages).toBeGreaterThan(0);
  await details(page).getByRole('tab', { name: 'Sync', exact: true }).click();
  await expect(page.getByTestId('sync-messages')).toContainText(
    `${messages.toLocaleString('en-US')} messages in the run`,
  );
  await drawerTabs(page).getByRole('tab', { name: 'Message log' }).click();
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('messageSent');
  await expect(page.getByTestId('log-count')).toHaveText(new RegExp(`^${messages.toLocaleString('en-US')} of `));
});

test('projector mode enlarges text and glyphs, and is remembered', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/');
  await page.getByRole('checkbox', { name: 'Always jump to the end after a run' }).check();
  await run(page, 'byzantine');
  const fontPx = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  const glyphR = () =>
    page
      .locator('[data-agent="agent-1"] circle, [data-agent="agent-1"] path')
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
  const before = {
    root: await fontPx('html'),
    narration: await fontPx('.narration-lines'),
    tab: await fontPx('[role="tab"]'),
    glyph: await glyphR(),
  };
  const toggle = page.getByRole('button', { name: 'Projector mode' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => fontPx('html')).toBeGreaterThan(before.root * 1.3);
  expect(await fontPx('.narration-lines')).toBeGreaterThan(before.narration * 1.3);
  expect(await fontPx('[role="tab"]')).toBeGreaterThan(before.tab * 1.3);
  await expect.poll(glyphR).toBeGreaterThan(before.glyph * 1.2);
  await page.screenshot({ path: 'docs/screens/projector-1920.png' });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Projector mode' })).toHaveAttribute('aria-pressed', 'true');
  expect(await fontPx('html')).toBeGreaterThan(before.root * 1.3);
});
