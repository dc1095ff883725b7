import { mkdirSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run bench:e2e`: frame rates and main-thread tasks in real Chromium (reported, never gating
 * CI). Playwright's trace and screenshots are off here: the e2e config keeps a trace on failure,
 * which records DOM snapshots and a screencast all along — work on the same two cores that the
 * page being measured needs (it cost a 5,000-agent replay about half its frame rate).
 */
// The perf spec writes reports/fps.json (and profiles) there; a fresh clone has no reports/.
mkdirSync('reports', { recursive: true });

export default defineConfig({
  ...base,
  testDir: 'e2e/perf',
  testMatch: '**/*.perf.ts',
  reporter: [['list']],
  timeout: 300_000,
  use: { ...base.use, trace: 'off', screenshot: 'off', video: 'off' },
});
