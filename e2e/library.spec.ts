import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures';

/** The Library tab of the right-hand column. */
async function openLibrary(page: Page) {
  await page.getByRole('tab', { name: 'Library' }).click();
}

const agentsField = (page: Page) => page.getByRole('spinbutton', { name: 'Agents', exact: true });
const seedField = (page: Page) => page.getByRole('spinbutton', { name: 'Seed', exact: true });

async function waitSaved(page: Page) {
  await expect(page.getByTestId('autosave-status')).toHaveText('All changes saved in this browser.');
}

async function runAndHash(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible();
  const hash = (await page.getByTestId('trace-hash').textContent())?.trim() ?? '';
  expect(hash).toMatch(/^[0-9a-f]{16}$/);
  return hash;
}

/** A scenario file's text, as a user might write it. */
function scenarioText(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: 'swarm-playground/scenario',
    version: 1,
    name: 'Imported ring',
    seed: 9,
    topology: { agentCount: 7, builder: { kind: 'ring' } },
    run: { kind: 'flood' },
    ...overrides,
  });
}

test('edit → reload → the scenario and the open tab are still there', async ({ page }) => {
  await page.goto('/');
  await agentsField(page).fill('23');
  await seedField(page).fill('4242');
  await openLibrary(page);
  await waitSaved(page);
  await page.reload();
  await expect(agentsField(page)).toHaveValue('23');
  await expect(seedField(page)).toHaveValue('4242');
  await expect(page.getByRole('tab', { name: 'Library' })).toHaveAttribute('aria-selected', 'true');
  // Undo history starts fresh after a reload: the restore is not an edit.
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
});

test('a share link opened in a fresh browser context reproduces the run: same trace hash', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Topology' }).selectOption('random');
  await agentsField(page).fill('40');
  await seedField(page).fill('777');
  const hash = await runAndHash(page);
  await openLibrary(page);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link', exact: true }).inputValue();
  expect(link).toMatch(/#scenario=[A-Za-z0-9_-]+$/);
  await snap(page, 'library-share-link');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const errors: string[] = [];
  other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await other.goto(link);
  await expect(other.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible();
  await expect(other.getByTestId('trace-hash')).toHaveText(hash);
  await expect(agentsField(other)).toHaveValue('40');
  // The link is consumed: a reload shows the (autosaved) work, not the link again.
  expect(new URL(other.url()).hash).toBe('');
  expect(errors).toEqual([]);
  await fresh.close();
});

test('export → import round-trips the scenario file exactly, and the CLI runs it to the same hash', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Topology' }).selectOption('star');
  await agentsField(page).fill('9');
  await seedField(page).fill('31');
  await openLibrary(page);
  const [first] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Scenario JSON' }).click(),
  ]);
  const path = await first.path();
  const text = readFileSync(path, 'utf8');
  expect(JSON.parse(text).seed).toBe(31);

  await agentsField(page).fill('5');
  await expect(agentsField(page)).toHaveValue('5');
  await page.getByLabel('Open a scenario file').setInputFiles(path);
  await expect(page.getByTestId('import-notice')).toContainText('Opened');
  await expect(agentsField(page)).toHaveValue('9');

  const [second] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Scenario JSON' }).click(),
  ]);
  expect(readFileSync(await second.path(), 'utf8')).toBe(text);
  // The exported file runs in the CLI to the same trace hash as in the browser.
  const hash = await runAndHash(page);
  const cli = JSON.parse(execFileSync('npx', ['tsx', 'src/cli/main.ts', path], { encoding: 'utf8' }));
  expect(cli.traceHash).toBe(hash);
  // The import is one undoable step.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(agentsField(page)).toHaveValue('5');
});

test('a malformed file shows its problems by field and leaves the scenario and the saves untouched', async ({
  page,
}) => {
  await page.goto('/');
  await agentsField(page).fill('17');
  await openLibrary(page);
  await page.getByRole('textbox', { name: 'Save as' }).fill('Keep me');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Saves' }).getByRole('listitem')).toHaveCount(1);

  const bad = scenarioText({ seed: -3, topology: { agentCount: 'many', builder: { kind: 'ring' } } });
  await page.getByLabel('Open a scenario file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(bad),
  });
  const problem = page.getByTestId('import-problem');
  await expect(problem).toContainText('The file “broken.json” is not a scenario this app can open');
  await expect(problem).toContainText('Seed');
  await expect(problem).toContainText('Swarm → Agents');
  await problem.scrollIntoViewIfNeeded();
  await snap(page, 'library-malformed-file');

  await page.getByLabel('Open a scenario file').setInputFiles({
    name: 'cut.json',
    mimeType: 'application/json',
    buffer: Buffer.from(scenarioText().slice(0, 60)),
  });
  await expect(problem).toContainText('The file: not valid JSON');
  await expect(agentsField(page)).toHaveValue('17');
  await expect(page.getByRole('list', { name: 'Saves' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Saves' })).toContainText('Keep me');
});

test('a link asking for 10,000,000 agents is refused within 100 ms and starts no run', async ({ page }) => {
  await page.goto('/');
  await agentsField(page).fill('14');
  await openLibrary(page);
  await waitSaved(page);
  const elapsedMs = await page.evaluate(async () => {
    const text = JSON.stringify({
      format: 'swarm-playground/scenario',
      version: 1,
      seed: 1,
      topology: { agentCount: 10_000_000, builder: { kind: 'mesh' } },
      run: { kind: 'flood' },
    });
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    const data = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    const shown = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-testid="link-problem"]')) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    const started = performance.now();
    location.hash = `scenario=${data}`;
    return (await shown) - started;
  });
  expect(elapsedMs).toBeLessThan(100);
  const problem = page.getByTestId('link-problem');
  await expect(problem).toContainText('Swarm → Agents');
  await expect(problem).toContainText('100,000');
  await expect(agentsField(page)).toHaveValue('14');
  await expect(page.getByRole('status').filter({ hasText: /Running|Run finished/ })).toHaveCount(0);
  await expect(page.getByTestId('trace-hash')).toHaveCount(0);
  await snap(page, 'library-oversized-link');
});

test('a damaged or bomb-sized link is explained and changes nothing', async ({ page }) => {
  await page.goto('/');
  await agentsField(page).fill('11');
  await openLibrary(page);
  await page.evaluate(() => {
    location.hash = 'scenario=q1YqTs1JTS5RsjI0MDDR';
  });
  await expect(page.getByTestId('link-problem')).toContainText('damaged');
  // 64 MB of spaces deflate to ~64 kB; decompression must stop at MAX_SCENARIO_BYTES.
  await page.evaluate(async () => {
    const stream = new Blob([new Uint8Array(64 * 1024 * 1024).fill(32)])
      .stream()
      .pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    location.hash = `scenario=${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
  });
  await expect(page.getByTestId('link-problem')).toContainText('5,242,880 bytes, the most a scenario may hold');
  await expect(agentsField(page)).toHaveValue('11');
});

test('named saves: save, open, rename, delete', async ({ page }) => {
  await page.goto('/');
  await openLibrary(page);
  await agentsField(page).fill('21');
  await page.getByRole('textbox', { name: 'Save as' }).fill('Twenty-one');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('saves-notice')).toHaveText('Saved “Twenty-one”.');
  await agentsField(page).fill('8');
  await page.getByRole('button', { name: 'Open Twenty-one' }).click();
  await expect(agentsField(page)).toHaveValue('21');
  await page.getByRole('button', { name: 'Rename Twenty-one' }).click();
  await page.getByRole('textbox', { name: 'New name for Twenty-one' }).fill('Blackjack');
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('list', { name: 'Saves' })).toContainText('Blackjack');
  await page.reload();
  await openLibrary(page);
  await expect(page.getByRole('list', { name: 'Saves' })).toContainText('Blackjack');
  await snap(page, 'library-saves');
  await page.getByRole('button', { name: 'Delete Blackjack' }).click();
  await page.getByRole('button', { name: 'Really delete Blackjack' }).click();
  await expect(page.getByText('No saves yet.')).toBeVisible();
});

test('import by drag-and-drop and by pasting a link', async ({ page }) => {
  await page.goto('/');
  await openLibrary(page);
  const drop = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return dt;
  }, scenarioText());
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: drop });
  await expect(page.getByTestId('import-notice')).toHaveText('Opened “Imported ring”.');
  await expect(agentsField(page)).toHaveValue('7');

  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link', exact: true }).inputValue();
  await agentsField(page).fill('3');
  await page.getByRole('textbox', { name: 'Paste a share link or scenario JSON' }).fill(link);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(agentsField(page)).toHaveValue('7');
  await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Paste a share link or scenario JSON' }).fill('hello');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-problem')).toContainText('neither a share link');
});

test('hostile labels stay text: on the page and in the exported SVG; PNG and trace export', async ({ page }) => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  await page.goto('/');
  await openLibrary(page);
  await page.getByRole('textbox', { name: 'Paste a share link or scenario JSON' }).fill(
    scenarioText({
      name: evil,
      topology: {
        agents: [
          { id: 'a', label: evil },
          { id: 'b', label: '__proto__' },
          { id: 'c', label: 'constructor' },
        ],
        builder: { kind: 'ring' },
      },
    }),
  );
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-notice')).toContainText('Opened');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Topology SVG' }).click(),
  ]);
  const svg = readFileSync(await svgDownload.path(), 'utf8');
  expect(svg).not.toContain('<img');
  expect(svg).toContain('&#60;img src=x onerror=&#34;window.__pwned=1&#34;&#62;');
  expect(svg).toContain('>__proto__<');
  expect(svgDownload.suggestedFilename()).toBe('img-src-x-onerror-window-pwned-1.topology.svg');

  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Topology PNG' }).click(),
  ]);
  const png = readFileSync(await pngDownload.path());
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

  const hash = await runAndHash(page);
  await openLibrary(page);
  const [traceDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Trace JSON' }).click(),
  ]);
  const trace = JSON.parse(readFileSync(await traceDownload.path(), 'utf8'));
  expect(trace.summary.traceHash).toBe(hash);
  expect(trace.events.length).toBe(trace.summary.events);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await snap(page, 'library-exports');
});

test('the production build has a CSP without inline scripts, and nothing violates it', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
  await page.addInitScript(() => {
    (window as { __csp?: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as { __csp?: string[] }).__csp?.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/);
  expect(await page.locator('script:not([src])').count()).toBe(0);
  // Exercise the worker, a share link and the PNG export (a blob: image).
  await runAndHash(page);
  await openLibrary(page);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Topology PNG' }).click()]);
  await page.goto(await page.getByRole('textbox', { name: 'Share link', exact: true }).inputValue());
  await expect(page.getByRole('status').filter({ hasText: 'Run finished.' })).toBeVisible();
  expect(await page.evaluate(() => (window as { __csp?: string[] }).__csp)).toEqual([]);
  expect(violations).toEqual([]);
});
