import { expect, test } from '@playwright/test';

// `npm run demo` is started by playwright.config.ts's webServer: the real command a user runs.
test('the demo answers 200 and lists the reel-stitching job with its figures', async ({
  page,
  request,
}) => {
  const response = await request.get('/');
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('reel-stitching-job');

  await page.goto('/');
  const row = page.locator('tr[data-job="reel-stitching-job"]');
  await expect(row).toBeVisible();
  // About 210 a day: the month the demo replayed into the ledger, far more than the 1,000 Cloud
  // Run itself still lists; a non-zero cost.
  // Cells after the job's name: region, limits, executions, …
  const executions = Number((await row.locator('td').nth(2).innerText()).replace(/,/g, ''));
  expect(executions).toBeGreaterThan(4_000);
  await expect(row.locator('td').last()).toHaveText(/\$[1-9]/);
  await expect(page.locator('tr[data-job]')).toHaveCount(2);
});

test('health check answers without touching Google', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
});
