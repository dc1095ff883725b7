#!/usr/bin/env node
/**
 * `npm test`: type-check, lint, then every test — Vitest (unit, property) and
 * Playwright (e2e in real Chromium) — and a closing `N passed, N failed` line
 * counted from both runners' JSON reports. Exits non-zero if anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

mkdirSync('reports', { recursive: true });
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;

const steps = [
  ['typecheck', () => run('npm', ['run', '--silent', 'typecheck'])],
  ['lint', () => run('npx', ['biome', 'check', '.'])],
  [
    'vitest',
    () =>
      run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json']),
  ],
  ['playwright', () => run('npx', ['playwright', 'test'])],
];

const failedSteps = [];
for (const [name, step] of steps) {
  console.log(`\n=== ${name} ===`);
  if (step() !== 0) failedSteps.push(name);
}

function counts(file, read) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0, missing: true };
  return read(JSON.parse(readFileSync(file, 'utf8')));
}
const vitest = counts('reports/vitest.json', (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
  skipped: r.numPendingTests + r.numTodoTests,
}));
const playwright = counts('reports/playwright.json', (r) => ({
  passed: r.stats.expected + r.stats.flaky,
  failed: r.stats.unexpected,
  skipped: r.stats.skipped,
}));

const passed = vitest.passed + playwright.passed;
const failed = vitest.failed + playwright.failed + (failedSteps.some((s) => s === 'typecheck' || s === 'lint') ? 1 : 0);
const skipped = vitest.skipped + playwright.skipped;
console.log(
  `\nvitest: ${vitest.passed} passed, ${vitest.failed} failed; playwright: ${playwright.passed} passed, ${playwright.failed} failed`,
);
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
