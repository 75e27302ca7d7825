import { expect, test, type BrowserContext, type Page } from '@playwright/test';

// Runs on `npm run demo` (playwright.config.ts) with a fresh database: the reel-stitching job
// starts at 2 vCPU / 4Gi / 900 s / 2 retries, as the default scenario sets it.
test.describe.configure({ mode: 'serial' });

const JOB = 'reel-stitching-job';
const NEW_CHANGE = `/jobs/${JOB}/changes/new`;

async function actAs(context: BrowserContext, baseURL: string | undefined, role: string) {
  await context.addCookies([{ name: 'tierwise-demo-user', value: role, url: baseURL ?? '' }]);
}

async function openProposalForm(page: Page) {
  await page.goto(NEW_CHANGE);
  await expect(page.getByLabel('CPU (vCPU)')).toBeVisible({ timeout: 30_000 });
}

test('a bad value in every field shows its inline error and stores nothing', async ({
  page,
  context,
  baseURL,
}) => {
  await actAs(context, baseURL, 'requester');
  await openProposalForm(page);
  await page.getByLabel('CPU (vCPU)').fill('3');
  await page.getByLabel('Memory').fill('lots');
  await page.getByLabel('Task timeout (seconds)').fill('-5');
  await page.getByLabel('Max retries').fill('11');
  await page.getByLabel('Reason').fill('cheap');
  await page.getByRole('button', { name: 'Dry run and propose' }).click();

  await expect(page.locator('#cpu-error')).toHaveText(/1, 2, 4, 6 or 8/);
  await expect(page.locator('#memory-error')).toHaveText(/"lots" is not a valid memory quantity/);
  await expect(page.locator('#timeoutSeconds-error')).toHaveText(/more than 0 seconds/);
  await expect(page.locator('#maxRetries-error')).toHaveText(/0 to 10/);
  await expect(page.locator('#reason-error')).toHaveText(/at least 10 characters/);
  await expect(page.getByLabel('CPU (vCPU)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(new RegExp(`${NEW_CHANGE}$`));

  const listed = await page.request.get('/api/changes');
  expect(listed.status()).toBe(200);
  expect(await listed.json()).toEqual({ changes: [] });
});

test('requester proposes, approver approves and applies, the job and the audit log show it', async ({
  page,
  context,
  baseURL,
}) => {
  await actAs(context, baseURL, 'requester');
  await openProposalForm(page);
  await page.getByLabel('Tier').selectOption('small');
  await page.getByLabel('CPU (vCPU)').fill('1');
  await page.getByLabel('Memory').fill('2Gi');
  await page.getByLabel('Task timeout (seconds)').fill('600');
  await page.getByLabel('Max retries').fill('1');
  await page.getByLabel('Reason').fill('Small reels peak under 1.2 GiB and use one core');
  await page.getByRole('button', { name: 'Dry run and propose' }).click();

  await expect(page).toHaveURL(/\/changes\/[\w-]{22}$/, { timeout: 60_000 });
  const id = page.url().split('/').pop() ?? '';
  await expect(page.getByText('proposed', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  await actAs(context, baseURL, 'approver');
  await page.reload();
  await page.getByLabel('Approval comment (optional)').fill('Matches the 30-day peaks');
  await page.getByRole('button', { name: 'Approve' }).click();
  const apply = page.getByRole('button', { name: 'Apply to Cloud Run' });
  await expect(apply).toBeVisible({ timeout: 30_000 });
  await apply.click();
  await expect(page.getByText('applied', { exact: true })).toBeVisible({ timeout: 60_000 });

  const shown = await page.request.get(`/api/changes/${id}`);
  expect(await shown.json()).toMatchObject({
    state: 'applied',
    jobNow: { limits: { cpu: '1', memory: '2Gi', timeoutSeconds: 600, maxRetries: 1 } },
  });

  await page.goto(`/audit?change=${id}`);
  const actions = page
    .getByRole('table', { name: 'Audit log' })
    .locator('tbody tr td:nth-child(3)');
  await expect(actions).toHaveText([
    'change.applied',
    'change.verified',
    'change.operation',
    'change.dry-run',
    'change.applying',
    'change.approved',
    'change.dry-run',
    'change.proposed',
  ]);
  const csv = await page.request.get(`/audit/csv?change=${id}`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect((await csv.text()).trim().split('\r\n')).toHaveLength(9);
});
