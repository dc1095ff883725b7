import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** A small page object over the roles and names the stale-run journeys use. */
const ui = (page: Page) => ({
  agents: page.getByRole('spinbutton', { name: 'Agents', exact: true }),
  banner: page.getByTestId('stale-banner'),
  event: page.getByTestId('playback-event'),
  swarm: (agents: number, links?: number) =>
    page.getByRole('img', {
      name: new RegExp(`Swarm of ${agents} agents${links === undefined ? '' : ` and ${links} links`}`),
    }),
  async build(topology: string, agents: number) {
    await page.getByRole('combobox', { name: 'Topology' }).selectOption(topology);
    await this.agents.fill(String(agents));
    await expect(this.swarm(agents)).toBeVisible();
  },
  async choose(run: string) {
    await page.getByRole('combobox', { name: 'What to run' }).selectOption(run);
  },
  async run() {
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Run finished\.$/ })).toBeVisible();
  },
  async skipToEnd() {
    await page.getByRole('button', { name: 'Skip to end' }).click();
    await expect(page.getByTestId('autoplay-state')).toHaveText('At the end of the run.');
  },
  /** The agents the stage draws with a run's mark (anything but idle). */
  marked: page.locator('g[data-agent]:not([data-mark="idle"])'),
});

/** "event 12 / 40" → [12, 40]. */
async function eventCount(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('playback-event').textContent()) ?? '';
  const [, at, of] = /event ([\d,]+) \/ ([\d,]+)/.exec(text) ?? [];
  return [Number(at?.replace(/,/g, '')), Number(of?.replace(/,/g, ''))];
}

test('a run goes stale when the swarm changes: banner, no replay over the new swarm, R reruns, undo restores', async ({
  page,
}) => {
  const p = ui(page);
  await page.goto('/');
  await p.build('ring', 8);
  await p.choose('quorum');
  await p.run();
  await p.skipToEnd();
  await expect(page.getByTestId('summary-agents')).toHaveText('8');
  await expect(p.marked.first()).toBeVisible();
  const hash8 = await page.getByTestId('trace-hash').textContent();

  await p.agents.fill('20');
  await expect(p.swarm(20)).toBeVisible();
  await expect(p.banner).toContainText('The swarm changed since this run — press R or Rerun');
  // The summary says whose numbers these are; the current-run fields are gone.
  await expect(page.getByTestId('summary-previous')).toContainText('From the previous swarm (8 agents)');
  await expect(page.getByTestId('summary-agents')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'The swarm changed since the last run.' })).toBeVisible();
  // Nothing of the old run is drawn or playable over the new swarm.
  await expect(p.marked).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeDisabled();
  await page.getByRole('application').focus();
  await page.keyboard.press('Space');
  await expect(p.event).toHaveText('event 0 / 0');
  await expect(p.marked).toHaveCount(0);
  await page.getByRole('tab', { name: 'Results', exact: true }).click();
  await expect(page.getByTestId('results-stale')).toBeVisible();
  await expect(page.getByTestId('result-json')).toHaveCount(0);

  // Undo back to the exact scenario of the run: it is fresh again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(p.swarm(8)).toBeVisible();
  await expect(p.banner).toBeHidden();
  await expect(page.getByTestId('summary-agents')).toHaveText('8');
  await expect(page.getByTestId('trace-hash')).toHaveText(hash8 ?? '');
  await expect(page.getByTestId('result-json')).toBeVisible();

  // Redo the edit, then R reruns: the summary matches the new swarm.
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(p.banner).toBeVisible();
  await page.getByRole('application').focus();
  await page.keyboard.press('R');
  await expect(p.banner).toBeHidden();
  await expect(page.getByTestId('summary-agents')).toHaveText('20');
  await expect(page.getByTestId('trace-hash')).not.toHaveText(hash8 ?? '');
  await expect(page.getByRole('status').filter({ hasText: /^Run finished\.$/ })).toBeVisible();

  // The Rerun button does the same after another edit.
  await page.getByRole('spinbutton', { name: 'Seed', exact: true }).fill('7');
  await expect(p.banner).toBeVisible();
  await page.getByRole('button', { name: 'Rerun' }).click();
  await expect(p.banner).toBeHidden();
  await expect(page.getByTestId('run-summary')).toContainText('7');
});

test('a count change keeps the behaviours of the agents that remain', async ({ page }) => {
  const p = ui(page);
  await page.goto('/');
  await p.build('ring', 8);
  for (const id of ['agent-2', 'agent-7']) {
    await page.locator(`[data-agent="${id}"]`).click();
    await expect(page.getByRole('heading', { name: id, level: 3 })).toBeVisible();
    await page.getByRole('combobox', { name: 'Behaviour', exact: true }).selectOption('equivocate');
    await expect(page.locator(`g[data-agent="${id}"].malicious`)).toHaveCount(1);
  }
  await p.agents.fill('12');
  await expect(p.swarm(12, 12)).toBeVisible();
  await expect(page.locator('g.agent.malicious')).toHaveCount(2);
  await expect(page.locator('g[data-agent="agent-2"].malicious')).toHaveCount(1);
  await expect(page.locator('g[data-agent="agent-7"].malicious')).toHaveCount(1);
  // Fewer agents: agent-7 goes, agent-2 stays malicious; a ring is still a ring.
  await p.agents.fill('5');
  await expect(p.swarm(5, 5)).toBeVisible();
  await expect(page.locator('g.agent.malicious')).toHaveCount(1);
  await expect(page.locator('g[data-agent="agent-2"].malicious')).toHaveCount(1);
});

test('"Custom" starts from the drawn links, and a count change there keeps them (no full mesh)', async ({ page }) => {
  const p = ui(page);
  await page.goto('/');
  await p.build('ring', 6);
  await expect(p.swarm(6, 6)).toBeVisible();
  await page.getByRole('combobox', { name: 'Topology' }).selectOption('custom');
  await expect(p.swarm(6, 6)).toBeVisible();
  // Four agents: the ring's path 1–2–3–4 remains (3 links), not the 6 links of a mesh of 4.
  await p.agents.fill('4');
  await expect(p.swarm(4, 3)).toBeVisible();
  // Seven: agents 5 and 6 come back with their links (count changes in a row start from before the first),
  // agent-7 is new and unlinked; a mesh of 7 would have 21 links.
  await p.agents.fill('7');
  await expect(p.swarm(7, 6)).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Topology' })).toHaveValue('custom');
});

test('a run plays from t = 0 by itself, can be skipped to the end, and can always jump there', async ({ page }) => {
  const p = ui(page);
  await page.goto('/');
  await p.build('small-world', 30);
  // Every value the event readout takes, recorded in the page (state, not timing).
  await page.evaluate(() => {
    const w = window as unknown as { seen: string[] };
    w.seen = [];
    const el = document.querySelector('[data-testid="playback-event"]');
    if (!el) throw new Error('no playback readout');
    new MutationObserver(() => w.seen.push(el.textContent ?? '')).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await p.run();
  // Playing without anyone pressing Play: the button offers Pause, and the cursor moves on its own.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(async () => (await eventCount(page))[0]).toBeGreaterThan(0);
  const [first, total] = await eventCount(page);
  expect(first).toBeLessThan(total);
  await expect.poll(async () => (await eventCount(page))[0]).toBeGreaterThan(first);
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  // The run arrived at its start (event 0 of many), then the cursor climbed by itself.
  expect(seen[0]).toBe(`event 0 / ${total.toLocaleString('en-US')}`);
  expect(new Set(seen).size).toBeGreaterThan(2);

  // Skip to end.
  await p.skipToEnd();
  expect(await eventCount(page)).toEqual([total, total]);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

  // The setting: every run shows its end at once, and the choice survives a reload.
  const always = page.getByRole('checkbox', { name: 'Always jump to the end after a run' });
  await always.check();
  await page.reload();
  await expect(always).toBeChecked();
  await p.run();
  await expect(page.getByTestId('autoplay-state')).toHaveText('At the end of the run.');
  const [at, of] = await eventCount(page);
  expect(at).toBe(of);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

test('with live reruns on, a small swarm reruns by itself after an edit and shows the result', async ({ page }) => {
  const p = ui(page);
  await page.goto('/');
  await p.build('ring', 8);
  await p.choose('quorum');
  await page.getByRole('checkbox', { name: /Rerun by itself after each edit/ }).check();
  await p.run();
  await expect(page.getByTestId('summary-agents')).toHaveText('8');
  await p.agents.fill('12');
  await expect(page.getByTestId('summary-agents')).toHaveText('12');
  await expect(p.banner).toBeHidden();
  // The result is on screen at once: the player is at the end, not replaying.
  await expect(page.getByTestId('autoplay-state')).toHaveText('At the end of the run.');
  const [at, of] = await eventCount(page);
  expect(at).toBe(of);
});

test('screenshots of the stale banner at 1280×800 and 1920×1080', async ({ page }) => {
  const p = ui(page);
  mkdirSync('docs/screens', { recursive: true });
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await p.build('ring', 8);
    await p.choose('quorum');
    await p.run();
    await p.skipToEnd();
    await p.agents.fill('20');
    await expect(p.banner).toBeVisible();
    await expect(p.swarm(20)).toBeVisible();
    await page.screenshot({ path: `docs/screens/stale-run-${width}.png` });
    const axe = await new AxeBuilder({ page }).analyze();
    const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  }
});
