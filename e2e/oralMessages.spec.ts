import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** A small page object over the playground's roles and accessible names (as in consensus.spec.ts). */
const ui = (page: Page) => ({
  async build(topology: string, agents: number) {
    await page.getByRole('combobox', { name: 'Topology' }).selectOption(topology);
    await page.getByRole('spinbutton', { name: 'Agents', exact: true }).fill(String(agents));
    await expect(page.getByRole('img', { name: new RegExp(`Swarm of ${agents} agents`) })).toBeVisible();
  },
  async tab(name: string) {
    await page.getByRole('tab', { name, exact: true }).click();
  },
  async behaviour(id: string, behaviour: string) {
    await this.tab('Inspector');
    await page.locator(`[data-agent="${id}"]`).click();
    await expect(page.locator('.inspector h3')).toHaveText(id);
    await page.getByRole('combobox', { name: 'Behaviour', exact: true }).selectOption(behaviour);
  },
  m: () => page.getByRole('spinbutton', { name: 'Relay rounds m', exact: true }),
  async run() {
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Run finished\.$/ })).toBeVisible();
  },
});

/** The page at a given size with the tab scrolled to the verdict, saved where the docs point to it. */
async function screen(page: Page, name: string, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.getByTestId('ic-verdict').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `docs/screens/${name}-${width}.png` });
}

test('OM(1): three generals with a traitorous lieutenant break IC2, four generals agree', async ({ page }) => {
  const p = ui(page);
  await page.goto('/');
  await p.build('mesh', 3);
  await page.getByRole('combobox', { name: 'What to run' }).selectOption('oral-messages');
  // m is not in the file yet: the form shows the default ⌊(3 − 1) / 3⌋ = 0 and says so.
  await expect(p.m()).toHaveValue('0');
  await expect(page.getByTestId('om-m-hint')).toContainText('OM(0) among 3 generals (the default ⌊(n − 1) / 3⌋ = 0)');

  // m = 2 would relay past the last lieutenant: refused next to the field, and the run with it.
  await p.m().fill('2');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Run → Relay rounds m: must be at most n − 2 = 1 for 3 generals' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await p.m().fill('1');
  await expect(page.getByText(/Relay rounds m: must be at most/)).toHaveCount(0);

  // Lamport, Shostak and Pease's figure 1: the commander (agent-1) orders attack; lieutenant agent-3 lies about it.
  await p.behaviour('agent-3', 'equivocate');
  await p.run();
  await p.tab('Consensus');
  await expect(page.getByRole('heading', { name: 'Byzantine generals, OM(1) — 3 generals' })).toBeVisible();
  await expect(page.getByTestId('om-commander')).toContainText(
    "Commander agent-1 (loyal) ordered 'attack'. Traitors: agent-3.",
  );
  // The tally is the loyal lieutenants' decided orders, the same counts as the result.
  await expect(page.getByTestId('tally-text')).toHaveText('1 of 1 loyal lieutenant decided: 0 attack, 1 retreat.');
  await expect(page.getByTestId('tally-for')).toHaveText('0');
  await expect(page.getByTestId('tally-against')).toHaveText('1');
  await expect(page.getByTestId('decision')).toContainText('Decision: rejected');
  await expect(page.getByTestId('ic2')).toHaveText(
    "IC2 violated: the loyal commander agent-1 ordered 'attack', but agent-2 obeyed 'retreat'.",
  );
  await expect(page.getByTestId('ic1')).toHaveText(
    "IC1 held: all loyal lieutenants obey the same order: agent-2 obeyed 'retreat'.",
  );
  await expect(page.getByTestId('om-guarantee')).toContainText('no guarantee');
  await p.tab('Results');
  const result = JSON.parse((await page.getByTestId('result-json').textContent()) ?? '{}').result;
  expect([result.votesFor, result.votesAgainst, result.metadata.violation.rule]).toEqual([0, 1, 'IC2']);
  expect(result.metadata.ic2.witnesses).toEqual([{ agentId: 'agent-2', order: 'retreat' }]);
  await p.tab('Consensus');
  // At the start of the run nobody has decided; the verdict waits for the loyal lieutenants.
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await expect(page.getByTestId('tally-text')).toHaveText('0 of 1 loyal lieutenant decided: 0 attack, 0 retreat.');
  await expect(page.getByTestId('verdict-pending')).toBeVisible();
  await page.getByRole('button', { name: 'Jump to the end' }).click();
  await expect(page.getByTestId('ic2')).toContainText('IC2 violated');
  await screen(page, 'oral-messages', 1280, 800);
  await screen(page, 'oral-messages', 1920, 1080);
  await page.setViewportSize({ width: 1400, height: 900 });

  // The traitor is the commander instead: with OM(0) the lieutenants just obey two different stories (IC1)…
  await p.behaviour('agent-3', 'honest');
  await p.behaviour('agent-1', 'equivocate');
  await p.m().fill('0');
  await p.run();
  await p.tab('Consensus');
  await expect(page.getByTestId('ic1')).toHaveText(
    "IC1 violated: the loyal lieutenants obey different orders: agent-2 obeyed 'retreat', agent-3 obeyed 'attack'.",
  );
  await expect(page.getByTestId('ic2')).toContainText('IC2 holds trivially: the commander agent-1 is a traitor');
  await expect(page.getByTestId('tally-text')).toHaveText('2 of 2 loyal lieutenants decided: 1 attack, 1 retreat.');
  // …and one relay round shows each of them both stories.
  await p.m().fill('1');
  await p.run();
  await p.tab('Consensus');
  await expect(page.getByTestId('ic1')).toContainText('IC1 held');

  // Four generals, a traitorous lieutenant, OM(1): every loyal lieutenant obeys the commander.
  await p.behaviour('agent-1', 'honest');
  await page.getByRole('spinbutton', { name: 'Agents', exact: true }).fill('4');
  await expect(page.getByRole('img', { name: /Swarm of 4 agents/ })).toBeVisible();
  await p.behaviour('agent-3', 'equivocate');
  await expect(p.m()).toHaveValue('1');
  await p.run();
  await p.tab('Consensus');
  await expect(page.getByTestId('tally-text')).toHaveText('2 of 2 loyal lieutenants decided: 2 attack, 0 retreat.');
  await expect(page.getByTestId('decision')).toContainText('Decision: approved');
  await expect(page.getByTestId('ic1')).toHaveText(
    "IC1 held: all loyal lieutenants obey the same order: agent-2 obeyed 'attack', agent-4 obeyed 'attack'.",
  );
  await expect(page.getByTestId('ic2')).toHaveText(
    "IC2 held: the loyal commander agent-1 ordered 'attack' and every loyal lieutenant obeys it: agent-2 obeyed 'attack', agent-4 obeyed 'attack'.",
  );
  await expect(page.getByTestId('om-guarantee')).toContainText('OM(1) guarantees IC1 and IC2');
  await screen(page, 'oral-messages-agree', 1280, 800);
  await screen(page, 'oral-messages-agree', 1920, 1080);
});
