import { expect, test, type BrowserContext } from '@playwright/test';

// Runs on `npm run demo` (playwright.config.ts): the reel-stitching job serves every tier, as the
// default scenario and the built-in tier policy have it. This spec moves every tier to its own
// job, so it runs after the specs that read the reel job's tiers.
test.describe.configure({ mode: 'serial' });

const JOB = 'reel-stitching-job';
const SPLIT = `/jobs/${JOB}/changes/split`;
const TIERS = ['small', 'medium', 'large', 'xlarge'];

async function actAs(context: BrowserContext, baseURL: string | undefined, role: string) {
  await context.addCookies([{ name: 'tierwise-demo-user', value: role, url: baseURL ?? '' }]);
}

test('splitting the reel job into one job per tier: propose, approve, apply, route', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await actAs(context, baseURL, 'requester');
  await page.goto(SPLIT);
  const rows = page.getByRole('table', { name: 'New job per tier' }).locator('tbody tr');
  await expect(rows).toHaveCount(4, { timeout: 60_000 });
  for (const tier of TIERS) {
    await expect(page.getByLabel(`${tierLabel(tier)} job name`, { exact: true })).toHaveValue(
      `${JOB}-${tier}`,
    );
  }
  const before = ((await (await page.request.get('/api/changes')).json()) as { changes: [] })
    .changes.length;

  // Bad values: each shows its inline error, and nothing is stored.
  await page.getByLabel('Small Memory', { exact: true }).fill('lots');
  await page.getByLabel('Extra large job name', { exact: true }).fill('Bad_Name');
  await page.getByLabel('Medium CPU (vCPU)', { exact: true }).fill('3');
  await page.getByLabel('Reason', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Dry run and propose the split' }).click();
  await expect(page.locator('[id="tiers.0.memory-error"]')).toHaveText(/not a valid memory/);
  await expect(page.locator('[id="tiers.3.jobName-error"]')).toHaveText(/Cloud Run job id/);
  await expect(page.locator('[id="tiers.1.cpu-error"]')).toHaveText(/1, 2, 4, 6 or 8/);
  await expect(page.locator('#reason-error')).toHaveText(/at least 10 characters/);
  await expect(page).toHaveURL(new RegExp(`${SPLIT}$`));
  const after = ((await (await page.request.get('/api/changes')).json()) as { changes: [] }).changes
    .length;
  expect(after).toBe(before);

  await page.getByLabel('Small Memory', { exact: true }).fill('2Gi');
  await page.getByLabel('Extra large job name', { exact: true }).fill(`${JOB}-xlarge`);
  await page.getByLabel('Medium CPU (vCPU)', { exact: true }).fill('2');
  await page
    .getByLabel('Reason')
    .fill('Small reels use a fifth of 4 GiB; xlarge ones run out of it');
  await page.getByRole('button', { name: 'Dry run and propose the split' }).click();
  await expect(page).toHaveURL(/\/changes\/[\w-]{22}$/, { timeout: 60_000 });
  const id = page.url().split('/').pop() ?? '';
  await expect(page.getByRole('heading', { name: /split into one job per tier/ })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Jobs the split creates' }).locator('tbody tr'),
  ).toHaveCount(4);
  await page.screenshot({ path: test.info().outputPath('split-proposed.png'), fullPage: true });

  await actAs(context, baseURL, 'approver');
  await page.reload();
  await page.getByLabel('Approval comment (optional)').fill('One job per tier, as planned');
  await page.getByRole('button', { name: 'Approve' }).click();
  const apply = page.getByRole('button', { name: 'Apply to Cloud Run' });
  await expect(apply).toBeVisible({ timeout: 30_000 });
  await apply.click();
  await expect(page.getByText('applied', { exact: true })).toBeVisible({ timeout: 90_000 });

  const shown = (await (await page.request.get(`/api/changes/${id}`)).json()) as {
    state: string;
    split: { jobs: { tier: string; job: string; limits: { memory: string } }[] };
  };
  expect(shown.state).toBe('applied');
  expect(shown.split.jobs.map((job) => job.job)).toEqual(TIERS.map((tier) => `${JOB}-${tier}`));
  expect(shown.split.jobs[0]?.limits.memory).toBe('2Gi');

  const policy = await page.request.get('/api/tier-policy');
  expect(policy.status()).toBe(200);
  const served = (await policy.json()) as { tiers: { id: string; jobName?: string }[] };
  expect(served.tiers.map((tier) => [tier.id, tier.jobName])).toEqual(
    TIERS.map((tier) => [tier, `${JOB}-${tier}`]),
  );

  // The new job exists in Cloud Run: its report opens (no executions yet).
  await page.goto(`/jobs/${JOB}-small`);
  await expect(
    page.getByRole('heading', { name: `Cost report: ${JOB}-small`, level: 1 }),
  ).toBeVisible({
    timeout: 60_000,
  });

  await page.goto(`/audit?change=${id}`);
  const actions = page
    .getByRole('table', { name: 'Audit log' })
    .locator('tbody tr td:nth-child(3)');
  await expect(actions.filter({ hasText: 'change.job-created' })).toHaveCount(4);
  await expect(actions.first()).toHaveText('change.applied');
});

function tierLabel(tier: string): string {
  return tier === 'xlarge' ? 'Extra large' : tier[0]?.toUpperCase() + tier.slice(1);
}
