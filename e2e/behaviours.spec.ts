import { expect, snap, test } from './fixtures';

/**
 * A behaviour set in the inspector is never ignored unsaid: the inspector says what it does in
 * the run the form holds, or that this kind does not model it; the run's warnings name the
 * agents that take part honestly; and a silent agent's messages are dropped in every kind.
 */
test('the inspector and the warnings say what a behaviour does in this run, or that it runs honestly', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Topology' }).selectOption('ring');
  await page.getByRole('spinbutton', { name: 'Agents', exact: true }).fill('6');
  await expect(page.getByRole('img', { name: /Swarm of 6 agents/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'What to run' }).selectOption('flood');
  await page.getByRole('tab', { name: 'Inspector', exact: true }).click();
  await page.locator('g[data-agent="agent-3"]').click();
  await expect(page.locator('.inspector h3')).toHaveText('agent-3');
  await page.getByRole('combobox', { name: 'Behaviour', exact: true }).selectOption('flip');

  const said = page.getByTestId('behaviour-in-run');
  await expect(said).toHaveText('Flood (broadcast) does not model “flip”: it takes part as an honest agent.');
  const warnings = page.getByTestId('run-warnings');
  await expect(warnings).toContainText(
    'Flood (broadcast) does not model this behaviour: agent-3 (flip) takes part as an honest agent.',
  );

  await page.setViewportSize({ width: 1280, height: 800 });
  await snap(page, 'behaviour-unmodelled-1280');
  // The same agent in a quorum vote: flipping is modelled there, and the warning goes.
  await page.getByRole('combobox', { name: 'What to run' }).selectOption('quorum');
  await expect(said).toHaveText('In this run (Consensus: quorum) it casts the opposite of its vote, then its vote.');
  await expect(page.getByText(/does not model this behaviour/)).toHaveCount(0);

  // Silent, in a kind whose engine gives it no part of its own: the network drops what it sends.
  await page.getByRole('combobox', { name: 'Behaviour', exact: true }).selectOption('silent');
  await page.getByRole('combobox', { name: 'What to run' }).selectOption('replicated-state');
  await expect(said).toHaveText(
    'In this run (Replicated CRDT state) it sends and relays nothing (the network drops every message it would send), so its writes never reach the others.',
  );
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Run finished\.$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Skip to end' }).click();
  // The merge inspector shows this run's replicas, not the hand-typed example; agent-3's writes reached no one.
  await page.getByRole('tab', { name: 'Merge inspector', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Versions from' })).toHaveValue('run');
  const versions = page.locator('table').filter({ hasText: 'Timestamp' });
  for (let i = 1; i <= 6; i++) await expect(versions.getByText(`agent-${i}`, { exact: true })).toBeVisible();
  await page.getByRole('tab', { name: 'Message log', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Text' }).fill('is silent');
  await expect(
    page
      .getByRole('table', { name: 'Message log' })
      .getByText(/agent-3 is silent and sends nothing/)
      .first(),
  ).toBeVisible();
});
