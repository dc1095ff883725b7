import AxeBuilder from '@axe-core/playwright';
import { expect, snap, test } from './fixtures';

test('keyboard only: build, select, make malicious, run, play, step', async ({ page }) => {
  await page.goto('/');
  const topology = page.getByRole('combobox', { name: 'Topology' });
  await topology.focus();
  await page.keyboard.press('Home'); // first option: full mesh
  await expect(topology).toHaveValue('mesh');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('spinbutton', { name: 'Agents', exact: true })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('8');
  await expect(page.getByRole('img', { name: /Swarm of 8 agents and 28 links/ })).toBeVisible();

  // Into the swarm editor: add an agent, select one and make it malicious.
  await page.getByRole('application').focus();
  await page.keyboard.press('A');
  await expect(page.getByRole('img', { name: /Swarm of 9 agents and 28 links/ })).toBeVisible();
  await page.keyboard.press('N');
  await expect(page.getByRole('heading', { name: 'agent-1', level: 3 })).toBeVisible();
  await page.keyboard.press('N');
  await expect(page.getByRole('heading', { name: 'agent-2', level: 3 })).toBeVisible();
  await page.keyboard.press('M');
  await expect(page.getByRole('combobox', { name: 'Behaviour' })).toHaveValue('equivocate');

  // Run, then play from the start, pause and step.
  await page.keyboard.press('R');
  await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('playback-event')).toHaveText(/^event 0 \//);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const before = await page.getByTestId('playback-event').textContent();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('playback-event')).not.toHaveText(before ?? '');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await snap(page, 'playground-keyboard-help');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
  await snap(page, 'playground-keyboard');
});

test('undo and redo restore the swarm exactly', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Topology' }).selectOption('ring');
  await page.getByRole('spinbutton', { name: 'Agents', exact: true }).fill('6');
  await expect(page.getByRole('img', { name: /Swarm of 6 agents and 6 links/ })).toBeVisible();
  await page.getByRole('application').dblclick({ position: { x: 40, y: 40 } });
  await expect(page.getByRole('img', { name: /Swarm of 7 agents and 6 links/ })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('img', { name: /Swarm of 6 agents and 6 links/ })).toBeVisible();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.getByRole('img', { name: /Swarm of 7 agents and 6 links/ })).toBeVisible();
  // The same from the keyboard.
  await page.getByRole('application').focus();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByRole('img', { name: /Swarm of 6 agents and 6 links/ })).toBeVisible();
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect(page.getByRole('img', { name: /Swarm of 7 agents and 6 links/ })).toBeVisible();
});

test('a 1,000,000-agent rumor run completes with progress while the page stays responsive', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'What to run' }).selectOption('rumor');
  await page.getByRole('spinbutton', { name: /Aggregate agents/ }).fill('1000000');
  // Record every main-thread task over 50 ms while the worker runs.
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Run progress' })).toBeVisible();
  // Another control answers while the worker runs: the dialog opens while the run is still in progress
  // (state, not a stopwatch: a loaded CI machine must not fail this).
  await page.getByRole('button', { name: 'Shortcuts (?)' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Run progress' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible({ timeout: 60_000 });
  // The longest main-thread task is reported (the 50 ms goal is measured by npm run bench:e2e on a quiet
  // machine); here only a run computed on the page itself, which blocks for seconds, fails the test.
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  test
    .info()
    .annotations.push({ type: 'longest main-thread task (ms)', description: String(Math.max(0, ...longTasks)) });
  expect(Math.max(0, ...longTasks), `main-thread tasks: ${longTasks.join(', ')} ms`).toBeLessThan(1_000);
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByTestId('result-json')).toContainText('"agents": 1000000');
  await expect(page.getByTestId('result-json')).toContainText('"allInformed": true');
  await snap(page, 'playground-million-rumor');
});

test('the main screen has no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('img', { name: /Swarm of/ })).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible();
  await page.getByRole('application').focus();
  await page.keyboard.press('N');
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test('every right-hand panel has no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'What to run' }).selectOption('byzantine');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible();
  for (const name of ['Inspector', 'Results', 'Library', 'Lessons', 'Consensus', 'Spread', 'Counterexample']) {
    await page.getByRole('tab', { name, exact: true }).click();
    await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText('Loading…')).toHaveCount(0);
    const results = await new AxeBuilder({ page }).include('.details').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${name}: ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  }
});

test('a long run can be cancelled, and the next run works', async ({ page }) => {
  await page.goto('/');
  // Two million agents, push only: a run of a few seconds in the worker.
  await page.getByRole('combobox', { name: 'What to run' }).selectOption('rumor');
  await page.getByRole('combobox', { name: 'Mode' }).selectOption('push');
  await page.getByRole('spinbutton', { name: /Aggregate agents/ }).fill('2000000');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Run progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Run cancelled.' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Run progress' })).toBeHidden();
  // The worker was restarted: the next run goes through.
  await page.getByRole('spinbutton', { name: /Aggregate agents/ }).fill('1000');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible();
  await page.getByRole('tab', { name: 'Results' }).click();
  await expect(page.getByTestId('result-json')).toContainText('"agents": 1000');
});
