import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/** `npm run bench:e2e`: frame-rate measurements in real Chromium (reported, never gating CI). */
export default defineConfig({
  ...base,
  testDir: 'e2e/perf',
  testMatch: '**/*.perf.ts',
  reporter: [['list']],
  timeout: 300_000,
});
