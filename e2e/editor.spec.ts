import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures';

/** Centre of an agent on screen, from its SVG group. */
async function centre(page: Page, id: string) {
  const box = await page.locator(`g[data-agent="${id}"]`).boundingBox();
  if (!box) throw new Error(`agent ${id} is not drawn`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('edit the swarm with the mouse: select, drag, link, unlink, zoom, fit, cut off', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Topology' }).selectOption('ring');
  await page.getByRole('spinbutton', { name: 'Agents', exact: true }).fill('6');
  const swarm = (links: number, agents = 6) =>
    expect(page.getByRole('img', { name: new RegExp(`Swarm of ${agents} agents and ${links} links`) })).toBeVisible();
  await swarm(6);

  // Click selects; the inspector follows.
  const a1 = await centre(page, 'agent-1');
  await page.mouse.click(a1.x, a1.y);
  await expect(page.getByRole('heading', { name: 'agent-1', level: 3 })).toBeVisible();

  // Drag moves the agent and keeps it there (the position is pinned in the scenario).
  await page.mouse.move(a1.x, a1.y);
  await page.mouse.down();
  await page.mouse.move(a1.x + 60, a1.y + 40, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await centre(page, 'agent-1')).x - a1.x)).toBeGreaterThan(30);

  // Shift-drag from one agent to another links them; again unlinks.
  const link = async (from: string, to: string) => {
    const p = await centre(page, from);
    const q = await centre(page, to);
    await page.keyboard.down('Shift');
    await page.mouse.move(p.x, p.y);
    await page.mouse.down();
    await page.mouse.move(q.x, q.y, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
  };
  await link('agent-2', 'agent-5');
  await swarm(7);
  await link('agent-5', 'agent-2');
  await swarm(6);

  // Shift-click builds a selection; C links the two selected.
  const a3 = await centre(page, 'agent-3');
  const a6 = await centre(page, 'agent-6');
  await page.mouse.click(a3.x, a3.y);
  await page.keyboard.down('Shift');
  await page.mouse.click(a6.x, a6.y);
  await page.keyboard.up('Shift');
  await expect(page.getByRole('heading', { name: '2 agents selected' })).toBeVisible();
  await page.getByRole('button', { name: 'Link / unlink' }).click();
  await swarm(7);

  // Cut the two selected off from the rest at 100 ms, healing at 500 ms.
  await page.getByRole('button', { name: 'Cut off 2 selected then heal' }).click();
  await expect(page.getByRole('list', { name: 'Scheduled faults' })).toContainText(
    't = 100 ms: cut off agent-3, agent-6',
  );
  await expect(page.getByRole('list', { name: 'Scheduled faults' })).toContainText('t = 500 ms: heal every partition');

  // Zoom with the wheel, then fit brings the swarm back into view.
  const before = await page.locator('g[data-agent="agent-4"]').boundingBox();
  const stage = await page.getByRole('application').boundingBox();
  if (!stage) throw new Error('no stage');
  await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
  await page.mouse.wheel(0, -600);
  await expect
    .poll(async () => (await centre(page, 'agent-4')).x)
    .not.toBe((before?.x ?? 0) + (before?.width ?? 0) / 2);
  await page.getByRole('button', { name: 'Fit' }).click();
  const inside = async () => {
    for (const id of ['agent-1', 'agent-2', 'agent-3', 'agent-4', 'agent-5', 'agent-6']) {
      const c = await centre(page, id);
      if (c.x < stage.x || c.x > stage.x + stage.width || c.y < stage.y || c.y > stage.y + stage.height) return id;
    }
    return 'all inside';
  };
  await expect.poll(inside).toBe('all inside');

  // Clicking empty space clears the selection; the run uses the edited swarm.
  await page.mouse.click(stage.x + 10, stage.y + 10);
  await expect(page.getByText(/Select an agent: click it/)).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible();
  await snap(page, 'editor-mouse');
});
