import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startOwnDemo, type OwnDemo } from './own-demo';

// Runs on `npm run demo` (playwright.config.ts): a deliberately bad change — the small tier of
// reel-stitching-job lowered to 512Mi, below its peaks — is applied, the simulated project is let
// run for a day (the demo clock file moves the emulator and the app ahead together, lib/clock.ts),
// and the change page flags it and Tierwise proposes the rollback, every step in the audit log.
test.describe.configure({ mode: 'serial' });

const JOB = 'reel-stitching-job';
// A demo of its own: the clock moves a day ahead here, and no other spec's changes or tier policy
// (split routes tiers to jobs of their own) are in the way.
const PORT = Number(process.env.E2E_PORT ?? 3917) + 20;
const DEMO_CLOCK_FILE = path.join(tmpdir(), `tierwise-e2e-clock-${PORT}`);

let demo: OwnDemo;
test.use({ baseURL: `http://127.0.0.1:${PORT}` });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  writeFileSync(DEMO_CLOCK_FILE, '0\n');
  demo = await startOwnDemo({
    scenario: 'emulator/scenarios/reel-stitching.json',
    port: PORT,
    env: { TIERWISE_DEMO_CLOCK_FILE: DEMO_CLOCK_FILE },
  });
});
test.afterAll(async () => {
  await demo?.stop();
});
const HOUR_MS = 3_600_000;

async function actAs(context: BrowserContext, baseURL: string | undefined, role: string) {
  await context.addCookies([{ name: 'tierwise-demo-user', value: role, url: baseURL ?? '' }]);
}

/**
 * An earlier spec (split) may leave a tier policy that routes each tier to a job of its own; the
 * change here is on the shared job, so the policy in force is brought back to one without routes.
 */
async function routeEveryTierToTheSharedJob(
  page: Page,
  context: BrowserContext,
  baseURL: string | undefined,
) {
  await actAs(context, baseURL, 'requester');
  const served = (await (await page.request.get('/api/tier-policy')).json()) as {
    tiers: { jobName?: string }[];
  };
  if (served.tiers.every((tier) => tier.jobName === undefined)) return;
  const tiers = served.tiers.map((tier) => {
    const shared = { ...tier };
    delete shared.jobName;
    return shared;
  });
  const proposed = await page.request.post('/api/tier-policy', {
    data: { policy: { tiers }, reason: 'Every tier runs on the shared job again' },
  });
  expect(proposed.status()).toBe(201);
  const { id } = (await proposed.json()) as { id: string };
  await actAs(context, baseURL, 'approver');
  const approved = await page.request.post(`/api/tier-policy/${id}/approve`, { data: {} });
  expect(approved.status()).toBe(200);
}

async function auditActions(page: Page, id: string): Promise<string[]> {
  await page.goto(`/audit?change=${id}`);
  const cells = page.getByRole('table', { name: 'Audit log' }).locator('tbody tr td:nth-child(3)');
  await expect(cells.first()).toBeVisible();
  return cells.allTextContents();
}

test('a change that lowers memory below the peaks is flagged worse and its rollback proposed', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(300_000);
  writeFileSync(DEMO_CLOCK_FILE, '0\n');
  await routeEveryTierToTheSharedJob(page, context, baseURL);

  await actAs(context, baseURL, 'requester');
  await page.goto(`/jobs/${JOB}/changes/new`);
  await expect(page.getByLabel('CPU (vCPU)')).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Tier').selectOption('small');
  await page.getByLabel('CPU (vCPU)').fill('1');
  await page.getByLabel('Memory').fill('512Mi');
  await page.getByLabel('Reason').fill('Try the small tier at 512Mi to save memory');
  await page.getByRole('button', { name: 'Dry run and propose' }).click();
  await expect(page).toHaveURL(/\/changes\/[\w-]{22}$/, { timeout: 60_000 });
  const id = page.url().split('/').pop() ?? '';

  await actAs(context, baseURL, 'approver');
  await page.reload();
  await page.getByRole('button', { name: 'Approve' }).click();
  const apply = page.getByRole('button', { name: 'Apply to Cloud Run' });
  await expect(apply).toBeVisible({ timeout: 30_000 });
  await apply.click();
  await expect(page.getByText('applied', { exact: true })).toBeVisible({ timeout: 60_000 });

  // Right after the apply nothing has run at the new limits yet.
  const verification = page.getByTestId('verification');
  await expect(verification.getByText('Too early to tell').first()).toBeVisible();
  expect((await auditActions(page, id)).filter((a) => a === 'change.rollback-proposed')).toEqual(
    [],
  );

  // Let the simulated project run a day past the apply.
  writeFileSync(DEMO_CLOCK_FILE, `${24 * HOUR_MS}\n`);
  await page.goto(`/changes/${id}`);
  await expect(verification.getByText('Worse than projected').first()).toBeVisible({
    timeout: 120_000,
  });
  await expect(verification.getByRole('rowheader', { name: 'OOM rate' }).first()).toBeVisible();
  const rollbackLink = verification.getByRole('link', { name: /^change [\w-]{22}$/ });
  await expect(rollbackLink).toBeVisible();
  const rollbackId = ((await rollbackLink.textContent()) ?? '').replace('change ', '').trim();
  expect(rollbackId).not.toBe(id);

  const shown = await page.request.get(`/api/changes/${id}`);
  expect(shown.status()).toBe(200);
  const applied = (await shown.json()) as { limitsBefore: Record<string, unknown> };
  expect(applied).toMatchObject({
    state: 'applied',
    limitsAfter: { cpu: '1', memory: '512Mi' },
    verification: { verdict: 'worse', rollback: { rollbackId } },
  });

  // The rollback is a proposal back to the previous limits, marked urgent, waiting for a person.
  await rollbackLink.click();
  await expect(page).toHaveURL(new RegExp(`/changes/${rollbackId}$`));
  await expect(page.getByRole('alert').filter({ hasText: 'Urgent:' })).toContainText(id);
  await expect(page.getByText('proposed', { exact: true })).toBeVisible();
  const rollback = await page.request.get(`/api/changes/${rollbackId}`);
  expect(await rollback.json()).toMatchObject({
    state: 'proposed',
    limitsBefore: { cpu: '1', memory: '512Mi' },
    limitsAfter: applied.limitsBefore,
    evidence: { urgent: true, rollbackOf: id },
  });

  // The job report marks the apply on its cost-per-day chart, with the verdict, linked.
  await page.goto(`/jobs/${JOB}`);
  const figure = page.getByRole('figure', { name: 'Cost per day by tier' });
  const listed = figure.getByRole('link', {
    name: `Change ${id}, tier small: worse than projected`,
  });
  await expect(listed).toBeVisible({ timeout: 120_000 });
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.locator('svg a', { hasText: /: worse than projected$/ })).toHaveAttribute(
    'href',
    `/changes/${id}`,
  );

  // The overview sums what applied changes realised and names them.
  await page.goto('/');
  const realised = page.getByTestId('realised-saving');
  await expect(realised).toContainText('Realised saving since changes applied', {
    timeout: 120_000,
  });
  await expect(realised).toContainText(/\/mo/);
  await realised.getByText(/\d+ measured/).click();
  const source = realised
    .getByRole('listitem')
    .filter({ has: page.locator(`a[href="/changes/${id}"]`) });
  await expect(source).toContainText(`${JOB} · small`);
  await expect(source).toContainText('worse than projected');
  await expect(source).toContainText(/\/mo realised/);

  // Every step is in the audit log, newest first; reading the page again logs nothing twice.
  await page.goto(`/changes/${id}`);
  await expect(verification.getByText('Worse than projected').first()).toBeVisible();
  const actions = await auditActions(page, id);
  expect(actions.filter((a) => a === 'change.verdict')).toHaveLength(1);
  expect(actions.filter((a) => a === 'change.rollback-proposed')).toHaveLength(1);
  expect(actions.slice(0, 2).sort()).toEqual(['change.rollback-proposed', 'change.verdict']);
  expect(actions).toEqual(
    expect.arrayContaining([
      'change.applied',
      'change.applying',
      'change.approved',
      'change.dry-run',
      'change.proposed',
    ]),
  );
  expect(actions.at(-1)).toBe('change.proposed');
});
