import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

interface Measurement {
  agents: number;
  renderer: string;
  run: string;
  fps: number;
  frames: number;
  worstFrameMs: number;
}

const results: Measurement[] = [];

/** Plays the run and counts animation frames from requestAnimationFrame timestamps for `seconds`. */
async function measure(page: import('@playwright/test').Page, seconds: number) {
  return page.evaluate(
    (ms) =>
      new Promise<{ frames: number; fps: number; worst: number }>((resolve) => {
        const stamps: number[] = [];
        const tick = (t: number) => {
          stamps.push(t);
          if (t - stamps[0] < ms) requestAnimationFrame(tick);
          else {
            const gaps = stamps.slice(1).map((s, i) => s - stamps[i]);
            resolve({ frames: gaps.length, fps: (gaps.length * 1000) / (t - stamps[0]), worst: Math.max(...gaps) });
          }
        };
        requestAnimationFrame(tick);
      }),
    seconds * 1000,
  );
}

for (const agents of [100, 500, 2000, 5000]) {
  for (const run of ['flood', 'rumor'] as const) {
    test(`${run} on ${agents} agents`, async ({ page }) => {
      await page.goto('/');
      await page.getByRole('combobox', { name: 'Topology' }).selectOption('small-world');
      await page.getByRole('spinbutton', { name: 'Agents', exact: true }).fill(String(agents));
      await expect(page.getByRole('img', { name: new RegExp(`Swarm of ${agents} agents`) })).toBeVisible({
        timeout: 60_000,
      });
      await page.getByRole('combobox', { name: 'What to run' }).selectOption(run);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible({ timeout: 120_000 });
      await page.getByRole('combobox', { name: 'Speed' }).selectOption(run === 'flood' ? '0.25' : '1');
      await page.getByRole('button', { name: 'Jump to start' }).click();
      await page.getByRole('button', { name: 'Play' }).click();
      const m = await measure(page, 3);
      const renderer = (await page.getByTestId('topology-canvas').count()) > 0 ? 'canvas' : 'svg';
      results.push({ agents, renderer, run, fps: m.fps, frames: m.frames, worstFrameMs: m.worst });
      console.log(
        `${run.padEnd(6)} ${String(agents).padStart(5)} agents (${renderer}): ${m.fps.toFixed(1)} fps, worst frame ${m.worst.toFixed(1)} ms`,
      );
    });
  }
}

test.afterAll(() => {
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/fps.json', `${JSON.stringify(results, null, 2)}\n`);
});
