import { expect, snap, test } from './fixtures';

test.use({ viewport: { width: 1400, height: 1300 } });

test('delegation: the tasks of a crashed agent are reassigned and none is lost', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Topology' }).selectOption('mesh');
  await page.getByRole('spinbutton', { name: 'Agents', exact: true }).fill('10');
  await expect(page.getByRole('img', { name: /Swarm of 10 agents/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'What to run' }).selectOption('delegation');
  await page.getByRole('spinbutton', { name: 'Tasks', exact: true }).fill('100');
  // Crash agent-3 at 200 ms for good.
  await page.getByRole('application').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('N');
  await expect(page.getByRole('heading', { name: 'agent-3', level: 3 })).toBeVisible();
  await page.getByRole('spinbutton', { name: 'Fault at (ms)' }).fill('200');
  await page.getByRole('checkbox', { name: 'Heal / recover afterwards' }).uncheck();
  await page.getByRole('button', { name: 'Crash 1 selected', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Scheduled faults' })).toContainText('t = 200 ms: crash agent-3');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible();
  await page.getByRole('tab', { name: 'Delegation' }).click();
  const view = page.locator('.delegation-view');
  await expect(view).toContainText('100/100 tasks done, 0 lost');
  await expect(page.getByRole('heading', { name: /Reassignments up to the cursor \([1-9]\d*\)/ })).toBeVisible();
  await snap(page, 'delegation-crash');
});

test('sync: the three modes measured side by side, delta cheaper than full', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Topology' }).selectOption('mesh');
  await page.getByRole('spinbutton', { name: 'Agents', exact: true }).fill('12');
  await page.getByRole('combobox', { name: 'What to run' }).selectOption('sync');
  await page.getByRole('spinbutton', { name: 'Keys', exact: true }).fill('200');
  await page.getByRole('spinbutton', { name: 'Changed keys', exact: true }).fill('5');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible();
  await page.getByRole('tab', { name: 'Sync' }).click();
  await expect(page.getByRole('table', { name: 'Versions applied per agent' })).toBeVisible();
  await page.getByRole('button', { name: 'Measure all three modes' }).click();
  const bytes = page.getByRole('img', { name: /^Bytes on the wire per mode/ });
  await expect(bytes).toBeVisible({ timeout: 30_000 });
  const label = (await bytes.getAttribute('aria-label')) ?? '';
  const of = (mode: string) => Number(new RegExp(`${mode} (\\d+)`).exec(label)?.[1]);
  expect(of('delta')).toBeLessThan(of('full'));
  await snap(page, 'sync-modes');
});
