import { expect, test, type BrowserContext } from '@playwright/test';

// Runs on `npm run demo` (playwright.config.ts) after the specs that read the reel job's tiers:
// it widens the small tier, so it reads the version in force first instead of assuming one.
test.describe.configure({ mode: 'serial' });

async function actAs(context: BrowserContext, baseURL: string | undefined, role: string) {
  await context.addCookies([{ name: 'tierwise-demo-user', value: role, url: baseURL ?? '' }]);
}

type Served = { version: number; tiers: { id: string; maxClipCount?: number }[] };

test('a threshold proposed in settings is served only after an approver approves it on /tier-policy', async ({
  page,
  context,
  baseURL,
}) => {
  await actAs(context, baseURL, 'admin');
  const before = await page.request.get('/api/tier-policy');
  const etagBefore = before.headers()['etag'];
  const served = (await before.json()) as Served;
  const clips = (served.tiers[0]?.maxClipCount ?? 3) + 1;

  await page.goto('/settings');
  await page.locator('[id="tiers.0.maxClipCount"]').fill(String(clips));
  await page.getByRole('button', { name: 'Propose tier policy' }).click();
  await expect(page.locator('#tier-policy-reason-error')).toHaveText(/at least 10 characters/);
  await page
    .getByLabel(/Reason for the change/)
    .fill(`Reels of ${clips} clips still fit the small job`);
  await page.getByRole('button', { name: 'Propose tier policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Proposed.' })).toBeVisible();
  const review = page.getByRole('link', { name: 'Review the proposal by admin@demo.tierwise' });
  await expect(review).toBeVisible();

  // Nothing is served until someone else approves, and the proposer cannot.
  const pending = await page.request.get('/api/tier-policy');
  expect(pending.headers()['etag']).toBe(etagBefore);
  await review.click();
  await expect(page).toHaveURL(/\/tier-policy#proposal-/);
  await expect(page.getByText('You proposed this tier policy')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  await actAs(context, baseURL, 'approver');
  await page.reload();
  const diff = page.getByRole('table', { name: 'Changes proposed by admin@demo.tierwise' });
  await expect(diff).toContainText(`At most clips${clips - 1}${clips}`);
  await page.getByLabel('Approval comment (optional)').fill('Matches the clip counts we see');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page).toHaveURL(/\/tier-policy\?decided=/);
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `Approved: version ${served.version + 1} is in force` }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Awaiting review (0)' })).toBeVisible();
  const history = page.getByRole('table', { name: 'Tier policy history' });
  await expect(history.locator('tbody tr').first()).toContainText('in force');
  await expect(history.locator('tbody tr').first()).toContainText('Matches the clip counts we see');
  await expect(
    page.getByRole('table', { name: 'Tier policy in force' }).locator('tbody tr').first(),
  ).toContainText(`≤ ${clips} clips`);

  const after = await page.request.get('/api/tier-policy');
  const etagAfter = after.headers()['etag'];
  expect(etagAfter).toBe(`"tier-policy-v${served.version + 1}"`);
  expect(etagAfter).not.toBe(etagBefore);
  expect(((await after.json()) as Served).tiers[0]?.maxClipCount).toBe(clips);
  const revalidated = await page.request.get('/api/tier-policy', {
    headers: { 'If-None-Match': etagAfter ?? '' },
  });
  expect(revalidated.status()).toBe(304);
});
