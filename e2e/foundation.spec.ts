import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, snap, test } from './fixtures';

test('build a 50-agent swarm, run a flood in the worker, and match the CLI hash', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Swarm Playground' })).toBeVisible();

  await page.getByRole('combobox', { name: 'Topology' }).selectOption('partial-mesh');
  await page.getByRole('spinbutton', { name: 'Agents', exact: true }).fill('50');
  await page.getByRole('spinbutton', { name: 'Degree k', exact: true }).fill('3');
  await page.getByRole('spinbutton', { name: 'Seed', exact: true }).fill('1234');
  await expect(page.getByRole('img', { name: /Swarm of 50 agents and 75 links/ })).toBeVisible();

  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible();
  const hash = (await page.getByTestId('trace-hash').textContent())?.trim() ?? '';
  expect(hash).toMatch(/^[0-9a-f]{16}$/);
  await snap(page, 'foundation-flood-50');

  // The same scenario through the CLI in Node must give the same trace hash.
  const dir = mkdtempSync(join(tmpdir(), 'swarm-'));
  const file = join(dir, 'scenario.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'swarm-playground/scenario',
      version: 1,
      seed: 1234,
      topology: { agentCount: 50, builder: { kind: 'partial-mesh', k: 3 } },
      run: { kind: 'flood', origin: 'agent-1' },
    }),
  );
  const out = execFileSync('npx', ['tsx', 'src/cli/main.ts', file], { encoding: 'utf8' });
  expect(JSON.parse(out).traceHash).toBe(hash);
});

test('an invalid parameter is explained next to its field and nothing is lost', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Topology' }).selectOption('small-world');
  await page.getByRole('spinbutton', { name: 'Agents', exact: true }).fill('20');
  await page.getByRole('spinbutton', { name: 'Neighbours k (even)', exact: true }).fill('3');
  await expect(page.getByRole('alert').first()).toContainText('Topology → neighbours per agent (k)');
  await expect(page.getByRole('button', { name: 'Run' })).toBeDisabled();
  await page.getByRole('spinbutton', { name: 'Neighbours k (even)', exact: true }).fill('4');
  await expect(page.getByRole('button', { name: 'Run' })).toBeEnabled();
  await expect(page.getByRole('spinbutton', { name: 'Agents', exact: true })).toHaveValue('20');
});
