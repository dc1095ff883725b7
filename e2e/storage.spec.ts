import { expect, test } from './fixtures';

test('IndexedDB passes the memory-provider contract in a real browser', async ({ page }) => {
  await page.goto('/storage-check.html');
  await expect(page.getByRole('status')).toHaveText(/^\d+ passed, 0 failed$/);
  const rows = page.getByRole('table', { name: 'Contract results' }).getByRole('row');
  expect(await rows.count()).toBeGreaterThan(10);
});

test('a stored value survives a reload', async ({ page }) => {
  await page.goto('/storage-check.html');
  await expect(page.getByRole('status')).toHaveText(/0 failed/);
  const marker = `m-${Math.random().toString(36).slice(2)}`;
  await page.getByLabel('Marker to store').fill(marker);
  await page.getByRole('button', { name: 'Store marker' }).click();
  await expect(page.getByTestId('stored-marker')).toHaveText(`Stored marker: ${marker}`);
  await page.reload();
  await expect(page.getByTestId('stored-marker')).toHaveText(`Stored marker: ${marker}`);
});
