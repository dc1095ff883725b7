import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures';

/** A small page object over the playground's roles and accessible names. */
const ui = (page: Page) => ({
  async build(topology: string, agents: number) {
    await page.getByRole('combobox', { name: 'Topology' }).selectOption(topology);
    await page.getByRole('spinbutton', { name: 'Agents', exact: true }).fill(String(agents));
    await expect(page.getByRole('img', { name: new RegExp(`Swarm of ${agents} agents`) })).toBeVisible();
  },
  async tab(name: string) {
    await page.getByRole('tab', { name, exact: true }).click();
  },
  async select(id: string, add = false) {
    await page.locator(`[data-agent="${id}"]`).click({ modifiers: add ? ['Shift'] : [] });
  },
  async vote(id: string, vote: 'for' | 'against' | 'abstain') {
    await this.tab('Inspector');
    await this.select(id);
    await expect(page.locator('.inspector h3')).toHaveText(id);
    await page.getByRole('combobox', { name: 'Vote', exact: true }).selectOption(vote);
  },
  async behaviour(ids: string[], behaviour: string) {
    await this.tab('Inspector');
    for (const [i, id] of ids.entries()) await this.select(id, i > 0);
    await page.getByRole('combobox', { name: 'Behaviour', exact: true }).selectOption(behaviour);
  },
  async choose(run: string) {
    await page.getByRole('combobox', { name: 'What to run' }).selectOption(run);
  },
  async run() {
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Run finished\.$/ })).toBeVisible();
  },
});

/** A tall viewport for the screenshot, so the right-hand column shows the whole tab without scrolling. */
async function shot(page: Page, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1400, height: 1700 });
  await snap(page, name);
  if (size) await page.setViewportSize(size);
}

const cli = (file: string, ...args: string[]) =>
  JSON.parse(execFileSync('npx', ['tsx', 'src/cli/main.ts', file, ...args], { encoding: 'utf8' }));

test('journey 3: supermajority on 9 agents, flip one vote, then weighted experts', async ({ page }) => {
  const p = ui(page);
  await page.goto('/');
  await p.build('mesh', 9);
  await page.getByRole('spinbutton', { name: 'Seed', exact: true }).fill('3');
  for (const id of ['agent-6', 'agent-7', 'agent-8', 'agent-9']) await p.vote(id, 'against');
  await p.choose('quorum');
  await page.getByRole('combobox', { name: 'Quorum' }).selectOption('supermajority');
  await p.run();
  await p.tab('Consensus');
  const decision = page.getByTestId('decision');
  await expect(decision).toContainText('Decision: rejected');
  // 5/9 < 2/3: the outcome is certain before the last vote arrives.
  await expect(page.getByTestId('decided-early')).toContainText('with 7 of 9 votes in (3 for, 4 against)');
  await expect(page.getByText(/at least 2\/3 of 9/)).toBeVisible();
  await shot(page, 'consensus-quorum-rejected');

  // Step back to the start: nothing counted, no decision yet; forward to the decision again.
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await expect(page.getByTestId('tally-text')).toContainText('0 of 9 votes counted');
  await expect(decision).toContainText('Not decided yet');
  await page.getByRole('button', { name: 'Jump to the decision' }).click();
  await expect(decision).toContainText('Decision: rejected');

  // Flip one vote: 6 for, 3 against reaches 2/3.
  await p.vote('agent-6', 'for');
  await p.run();
  await p.tab('Consensus');
  await expect(decision).toContainText('Decision: approved');
  await expect(page.getByTestId('tally-for')).toHaveText('6');
  await shot(page, 'consensus-quorum-approved');

  // The seed's weighted example: expert-1 2.0 and expert-2 1.5 for, junior-1 1.0 against, threshold 0.6.
  await p.build('mesh', 3);
  await p.tab('Inspector');
  const weights: [string, string, number, 'for' | 'against'][] = [
    ['agent-1', 'expert-1', 2, 'for'],
    ['agent-2', 'expert-2', 1.5, 'for'],
    ['agent-3', 'junior-1', 1, 'against'],
  ];
  for (const [id, label, weight, vote] of weights) {
    await p.vote(id, vote);
    await page.getByRole('spinbutton', { name: 'Weight', exact: true }).fill(String(weight));
    const name = page.getByRole('textbox', { name: 'Label', exact: true });
    await name.fill(label);
    await name.press('Enter');
  }
  await p.choose('weighted');
  await page.getByRole('spinbutton', { name: 'Threshold (share of weight)' }).fill('0.6');
  await p.run();
  await p.tab('Consensus');
  const seed = cli('public/scenarios/weighted-experts.json').result.result;
  await expect(decision).toContainText(`Decision: ${seed.decision}`);
  const table = page.getByTestId('weights-table');
  await expect(table).toContainText('Weights (total 4.5)');
  await expect(table.getByRole('row', { name: /agent-1 expert-1 2 44 % for/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /agent-2 expert-2 1.5 33 % for/ })).toBeVisible();
  await p.tab('Results');
  const result = JSON.parse((await page.getByTestId('result-json').textContent()) ?? '{}').result;
  expect(result.metadata.weightFor).toBe(seed.metadata.weightFor);
  expect(result.metadata.totalWeight).toBe(seed.metadata.totalWeight);
  await p.tab('Consensus');
  await shot(page, 'consensus-weighted-experts');
});

test('journey 2: rumor push-pull on a 200-agent small world, played, paused, stepped and scrubbed to round 2', async ({
  page,
}) => {
  const p = ui(page);
  await page.goto('/');
  await p.build('small-world', 200);
  await p.choose('rumor');
  await expect(page.getByRole('combobox', { name: 'Mode' })).toHaveValue('push-pull');
  await p.run();
  await p.tab('Spread');
  await expect(page.getByTestId('spread-chart')).toBeVisible();

  const event = page.getByTestId('playback-event');
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await expect(event).toContainText('event 0 /');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(event).not.toContainText('event 0 /');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const paused = await event.textContent();
  await page.waitForTimeout(300);
  await expect(event).toHaveText(paused ?? '');
  await page.getByRole('button', { name: 'Step one event forward' }).click();
  await expect(event).not.toHaveText(paused ?? '');

  // Rumor rounds are messages on the network: a round lasts 2 × latencyMsMax + 1 = 101 ms, round 2 ends at t = 202 ms.
  await page.getByRole('slider', { name: 'Timeline (simulated ms)' }).fill('202');
  await expect(page.getByTestId('playback-round')).toHaveText('round 2');
  const readout = page.getByTestId('chart-readout');
  await expect(readout).toHaveAttribute('data-round', '2');
  const count = Number(await readout.getAttribute('data-count'));
  expect(count).toBeGreaterThan(1);
  // The chart's point, the trace's round-end record and the agents drawn as informed all agree.
  await expect(readout).toHaveAttribute('data-trace-informed', String(count));
  await expect(readout).toContainText(`Round 2: ${count} of 200 informed`);
  await expect(page.locator('[data-testid="topology-svg"] [data-mark="informed"]')).toHaveCount(count);
  await page.getByText('Chart data as a table').click();
  await expect(page.getByTestId('spread-table').getByRole('row', { name: new RegExp(`^2 ${count} `) })).toHaveAttribute(
    'aria-current',
    'step',
  );
  await shot(page, 'consensus-rumor-round-2');
});

test('journey 1: Byzantine size rule, agreement with f malicious, a counterexample with more, reproduced by the CLI', async ({
  page,
}) => {
  const p = ui(page);
  await page.goto('/');
  await p.build('mesh', 12);
  await p.behaviour(['agent-10', 'agent-11', 'agent-12'], 'equivocate');
  await p.choose('byzantine');
  const f = page.getByRole('spinbutton', { name: 'Fault tolerance f' });
  // 3f + 1 = 13 agents are needed to tolerate f = 4: the run is refused and the rule is spelled out.
  await f.fill('4');
  await p.tab('Consensus');
  await expect(page.getByTestId('byzantine-size-rule')).toHaveText('12 < 3·4+1 = 13');
  await expect(page.getByTestId('byzantine-check')).toContainText('the run is refused');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await shot(page, 'consensus-byzantine-too-small');

  // 13 agents, f = 3, three equivocators; honest votes split 6 for / 4 against.
  await page.getByRole('spinbutton', { name: 'Agents', exact: true }).fill('13');
  await expect(page.getByRole('img', { name: /Swarm of 13 agents/ })).toBeVisible();
  await f.fill('3');
  // The count change kept agent-10…12 malicious: agent-10 turns honest, agent-13 joins the equivocators.
  await p.behaviour(['agent-10'], 'honest');
  await p.behaviour(['agent-11', 'agent-12', 'agent-13'], 'equivocate');
  for (const id of ['agent-5', 'agent-6', 'agent-7', 'agent-8']) await p.vote(id, 'against');
  await p.tab('Consensus');
  await expect(page.getByTestId('byzantine-size-rule')).toHaveText('13 ≥ 3·3+1 = 10');
  await p.run();
  await expect(page.getByTestId('agreement-banner')).toContainText('All honest agents agree');
  await expect(page.getByTestId('byzantine-matrix').getByRole('row')).toHaveCount(11);
  await shot(page, 'consensus-byzantine-agree');
  await matrixFollowsTheCursor(page);

  // Two more equivocators: 5 > f = 3, and safety is no longer guaranteed.
  await p.behaviour(['agent-9', 'agent-10'], 'equivocate');
  await p.tab('Consensus');
  await expect(page.getByTestId('byzantine-check')).toContainText('5 > f = 3');
  await p.tab('Counterexample');
  await expect(page.getByTestId('property')).toHaveText('all honest agents decide the same');
  await page.getByRole('button', { name: 'Find a counterexample' }).click();
  const found = page.getByTestId('search-result');
  await expect(found).toContainText('Counterexample: seed');
  await expect(found).toContainText('It is open in the player.');
  const banner = page.getByTestId('disagreement-banner').first();
  await expect(banner).toContainText('Honest agents disagree');
  const approvedBy = (await banner.getByTestId('witness-approved').textContent()) ?? '';
  const rejectedBy = (await banner.getByTestId('witness-rejected').textContent()) ?? '';
  expect(approvedBy).toMatch(/^agent-\d+$/);
  const seed = Number(await page.getByRole('spinbutton', { name: 'Seed', exact: true }).inputValue());
  await expect(found).toContainText(`seed ${seed}`);
  const hash = (await page.getByTestId('trace-hash').textContent())?.trim();
  await shot(page, 'consensus-byzantine-counterexample');

  // The exported scenario and the seed reproduce the same run in Node.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download scenario JSON' }).click(),
  ]);
  const file = await download.path();
  expect(JSON.parse(readFileSync(file, 'utf8')).seed).toBe(seed);
  const out = cli(file, '--seed', String(seed));
  expect(out.traceHash).toBe(hash);
  expect(out.result.agreement.agreed).toBe(false);
  expect(out.result.agreement.witnesses.approvedBy).toBe(approvedBy);
  expect(out.result.agreement.witnesses.rejectedBy).toBe(rejectedBy);
  await p.tab('Consensus');
  await shot(page, 'consensus-byzantine-disagree-tally');
  await page.getByTestId('byzantine-matrix').scrollIntoViewIfNeeded();
  await shot(page, 'consensus-byzantine-matrix-disagree');

  // Early in the counterexample run the witnesses have not decided: no disagreement banner yet.
  await page.getByRole('slider', { name: 'Timeline (simulated ms)' }).fill('25');
  const consensusTab = page.getByRole('tabpanel', { name: 'Consensus' });
  await expect(consensusTab.getByTestId('verdict-pending')).toContainText('0 of 8 so far');
  await expect(consensusTab.getByTestId('disagreement-banner')).toHaveCount(0);
  await shot(page, 'consensus-byzantine-disagree-early');
  await page.getByRole('button', { name: 'Jump to end', exact: true }).click();
  await expect(consensusTab.getByTestId('disagreement-banner')).toContainText(`${approvedBy} approved`);
  await expect(consensusTab.getByTestId('verdict-pending')).toHaveCount(0);
});

/**
 * The per-agent matrix follows the player: scrubbed back to an early moment it
 * shows fewer delivered votes and no decisions (and no verdict yet); at the end
 * again exactly what it showed before.
 */
async function matrixFollowsTheCursor(page: Page) {
  const progress = page.getByTestId('matrix-progress');
  const matrix = page.getByTestId('byzantine-matrix');
  const picker = page.getByRole('combobox', { name: 'Matrix shows' });
  const filled = matrix.locator('tbody td.v-for, tbody td.v-against, tbody td.v-abstain');
  const decisions = matrix.locator('tbody td.decision');
  const cells = async () => (await matrix.locator('tbody td').allTextContents()).join('|');

  await expect(progress).toContainText('At the end of the run');
  const endDecided = Number(await progress.getAttribute('data-decided'));
  const endDelivered = Number(await progress.getAttribute('data-delivered'));
  expect(endDecided).toBeGreaterThan(0);
  const endReceived = await cells();
  const endDecisions = await decisions.allTextContents();
  await picker.selectOption('delivered');
  await expect(filled).toHaveCount(endDelivered);
  const endDeliveredCells = await cells();

  // 25 ms in: SENDs are arriving (latency 10–50 ms), no vote has made it through ECHO and READY.
  await page.getByRole('slider', { name: 'Timeline (simulated ms)' }).fill('25');
  await expect(progress).toContainText('At this point of the run');
  await expect(progress).toHaveAttribute('data-decided', '0');
  const earlyDelivered = Number(await progress.getAttribute('data-delivered'));
  expect(earlyDelivered).toBeLessThan(endDelivered);
  await expect(filled).toHaveCount(earlyDelivered);
  await expect(decisions.filter({ hasText: 'not decided yet' })).toHaveCount(10);
  await expect(page.getByTestId('agreement-banner')).toHaveCount(0);
  await expect(page.getByTestId('verdict-pending')).toContainText('0 of 10 so far');
  await picker.selectOption('received');
  const earlyReceived = Number(await progress.getAttribute('data-received'));
  expect(earlyReceived).toBeGreaterThan(0);
  await expect(filled).toHaveCount(earlyReceived);
  await matrix.scrollIntoViewIfNeeded();
  await shot(page, 'consensus-byzantine-matrix-early');
  const axe = await new AxeBuilder({ page }).include('.details').analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);

  // Forward to the end: the matrix, decisions and banner are what they were.
  await page.getByRole('button', { name: 'Jump to end', exact: true }).click();
  await expect(progress).toContainText('At the end of the run');
  await expect(progress).toHaveAttribute('data-decided', String(endDecided));
  expect(await cells()).toBe(endReceived);
  expect(await decisions.allTextContents()).toEqual(endDecisions);
  await picker.selectOption('delivered');
  await expect(filled).toHaveCount(endDelivered);
  expect(await cells()).toBe(endDeliveredCells);
  await picker.selectOption('received');
  await expect(page.getByTestId('agreement-banner')).toContainText('All honest agents agree');
}
