import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { searchApi } from '../src/worker/api/search';
import { expect, test } from './fixtures';

/** Byzantine agreement, 13 agents, f = 3, with `liars` equivocators (four break agreement on most seeds). */
function byzantine(liars: number, seed: number): string {
  const s = JSON.parse(readFileSync('public/scenarios/byzantine-13.json', 'utf8'));
  s.seed = seed;
  s.topology.agents = Array.from({ length: 13 }, (_, i) => ({
    id: `agent-${i + 1}`,
    behaviour: i >= 13 - liars ? 'equivocate' : 'honest',
    policy: { kind: 'fixed', vote: i >= 4 && i < 8 ? 'against' : 'for' },
  }));
  return JSON.stringify(s);
}

const linkTo = (text: string) => `/#scenario=${deflateRawSync(Buffer.from(text)).toString('base64url')}`;

/**
 * Before the page loads: the machine reports `cores` cores (when given), and every Web Worker
 * the page starts is recorded with its name and whether it was terminated.
 */
async function watchWorkers(page: Page, cores?: number): Promise<void> {
  await page.addInitScript((cores) => {
    if (cores !== undefined) Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => cores });
    const seen: { name: string; live: boolean }[] = [];
    (window as unknown as { seenWorkers: typeof seen }).seenWorkers = seen;
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        const record = { name: options?.name ?? '', live: true };
        seen.push(record);
        const terminate = this.terminate.bind(this);
        this.terminate = () => {
          record.live = false;
          terminate();
        };
      }
    };
  }, cores);
}

const searchWorkers = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { seenWorkers: { name: string; live: boolean }[] }).seenWorkers.filter(
      (w) => w.name === 'seed-search',
    ),
  );

async function openSearch(page: Page, scenario: string, seeds: number): Promise<void> {
  await page.goto(linkTo(scenario));
  await expect(page.getByRole('img', { name: /Swarm of 13 agents/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Counterexample', exact: true }).click();
  await page.getByRole('spinbutton', { name: 'Seeds to try' }).fill(String(seeds));
}

test('the search runs on a pool of workers and finds the seed the one-core search finds', async ({ page }) => {
  // Four cores reported: three search workers; seeds 11 and 12 keep agreement, so the pool must not report a later seed.
  await watchWorkers(page, 4);
  const scenario = byzantine(4, 11);
  const oneCore = await searchApi.searchCounterexample(scenario, { maxSeeds: 300, firstSeed: 11 });
  expect(oneCore.ok && oneCore.found).toBe(true);
  if (!oneCore.ok || !oneCore.found) return;
  expect(oneCore.seed).toBeGreaterThan(11);
  await openSearch(page, scenario, 300);
  await page.getByRole('button', { name: 'Find a counterexample' }).click();
  const found = page.getByTestId('search-result');
  await expect(found).toContainText(`Counterexample: seed ${oneCore.seed} (after ${oneCore.tried} seeds)`);
  await expect(page.getByTestId('search-status')).toHaveText('Searched on 3 workers.');
  // The pool's own workers, all stopped once the search is over; the simulation worker is not one of them.
  const workers = await searchWorkers(page);
  expect(workers).toHaveLength(3);
  expect(workers.every((w) => !w.live)).toBe(true);
  // The counterexample opens in the player: the run of that seed, with the one-core run's trace hash.
  await expect(found).toContainText('It is open in the player.');
  await expect(page.getByTestId('trace-hash')).toHaveText(oneCore.summary.traceHash);
});

test('during a search the player still runs; cancelling terminates the pool', async ({ page }) => {
  await watchWorkers(page);
  // Three equivocators: agreement always holds, so the search would go through every seed.
  await openSearch(page, byzantine(3, 1), 100_000);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const expected = Math.max(1, Math.min(32, cores - 1));
  await page.getByRole('button', { name: 'Find a counterexample' }).click();
  const status = page.getByTestId('search-status');
  await expect(status).toContainText(`Searching on ${expected} worker`);
  await expect(status).not.toContainText('… 0 of');
  // The simulation worker is free: a run goes through while the search is still going.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Run finished\.$/ })).toBeVisible();
  await expect(status).toContainText('Searching on');
  await page.getByRole('button', { name: 'Cancel search' }).click();
  await expect(status).toHaveText('Search cancelled.');
  const workers = await searchWorkers(page);
  expect(workers).toHaveLength(expected);
  expect(workers.every((w) => !w.live)).toBe(true);
});
