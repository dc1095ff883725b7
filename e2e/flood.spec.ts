import { expect, snap, test } from './fixtures';

/**
 * The first thing a new user does: press Run on the default flood. The view that opens beside the
 * stage charts this run (informed agents per hop), and the narration speaks of a flood, not a rumor.
 */
test('Run on the default flood opens a Spread tab that charts the flood, narrated as a flood', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('combobox', { name: 'What to run' })).toHaveValue('flood');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Run finished\.$/ })).toBeVisible();

  const details = page.getByRole('tablist', { name: 'Details' });
  await expect(details.getByRole('tab', { name: 'Spread' })).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByTestId('flood-spread');
  await expect(panel.getByRole('heading', { name: 'Informed share per hop from agent-1 (flood)' })).toBeVisible();
  await expect(page.getByText(/chart how it spreads/)).toHaveCount(0);
  await expect(panel.getByRole('img', { name: /hops observed/ })).toBeVisible();

  // The readout follows the player: the origin alone at the first event, everyone at the end.
  const narration = page.getByTestId('narration');
  const readout = panel.getByTestId('chart-readout');
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await page.getByRole('button', { name: 'Step one event forward' }).click();
  await expect(narration.locator('li.latest')).toHaveText(
    'agent-1 started the flood: it broadcasts the message to its neighbours',
  );
  await expect(readout).toHaveText(/^Hop 0: 1 of (\d+) live agents informed/);
  await page.getByRole('button', { name: 'Jump to end' }).click();
  const end = (await readout.textContent()) ?? '';
  const [, informed, live] = /^Hop \d+: (\d+) of (\d+) live agents informed/.exec(end) ?? [];
  expect(Number(informed)).toBeGreaterThan(1);
  expect(informed).toBe(live);
  await expect(narration).not.toContainText(/rumou?r/);
  await page.setViewportSize({ width: 1280, height: 800 });
  await snap(page, 'flood-spread-1280');
});
