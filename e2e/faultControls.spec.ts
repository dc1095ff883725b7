import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

test('a heal at or before its fault is named next to the heal field and nothing is scheduled', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('img', { name: /Swarm of \d+ agents/ })).toBeVisible();
  await page.getByRole('heading', { name: 'Swarm Playground' }).click();
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'agent-1', level: 3 })).toBeVisible();
  const faultAt = page.getByRole('spinbutton', { name: 'Fault at (ms)' });
  const healAt = page.getByRole('spinbutton', { name: 'Heal / recover at (ms)' });
  const crash = page.getByRole('button', { name: 'Crash 1 selected then recover' });
  const cut = page.getByRole('button', { name: 'Cut off 1 selected then heal' });
  await faultAt.fill('500');
  await healAt.fill('100');
  await expect(healAt).toHaveAttribute('aria-invalid', 'true');
  await expect(healAt).toHaveAccessibleDescription('Must be after the fault (500 ms)');
  await expect(crash).toBeDisabled();
  await expect(cut).toBeDisabled();
  await expect(crash).toHaveAccessibleDescription(/Nothing is scheduled until the heal comes after the fault/);
  await expect(page.getByText('No faults scheduled.')).toBeVisible();
  await healAt.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: 'test-results/screenshots/fault-heal-before-fault.png' });
  // Equal is as wrong as before; the typed times are kept.
  await healAt.fill('500');
  await expect(crash).toBeDisabled();
  await expect(faultAt).toHaveValue('500');
  await expect(healAt).toHaveValue('500');
  // After the fault: scheduled with its recovery.
  await healAt.fill('900');
  await crash.click();
  const list = page.getByRole('list', { name: 'Scheduled faults' });
  await expect(list).toContainText('t = 500 ms: crash agent-1');
  await expect(list).toContainText('t = 900 ms: recover agent-1');
  // Unticked, the fault is for good and the button says so.
  await page.getByRole('checkbox', { name: 'Heal / recover afterwards' }).uncheck();
  await expect(healAt).toBeDisabled();
  await page.getByRole('button', { name: 'Cut off 1 selected', exact: true }).click();
  await expect(list).toContainText('t = 500 ms: cut off agent-1');
  await expect(list.getByRole('listitem')).toHaveCount(3);
});

test('when Run is off, the line next to it names the first problem and goes to its field', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('img', { name: /Swarm of \d+ agents/ })).toBeVisible();
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await expect(run).toBeEnabled();
  await expect(page.getByTestId('run-blocked')).toHaveCount(0);
  const latencyMax = page.getByRole('spinbutton', { name: 'Latency max (ms)' });
  await latencyMax.fill('1e12');
  await expect(run).toBeDisabled();
  const why = page.getByTestId('run-blocked');
  await expect(why).toContainText(/Run is off until 1 problem is fixed: Network → Latency max \(ms\): must be/);
  await expect(run).toHaveAccessibleDescription(/^Run is off until 1 problem is fixed: Network → Latency max/);
  await run.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/run-blocked-why.png' });
  await why.getByRole('button', { name: 'Go to the field' }).click();
  await expect(latencyMax).toBeFocused();
  await latencyMax.fill('50');
  await expect(run).toBeEnabled();
  await expect(why).toHaveCount(0);
});
