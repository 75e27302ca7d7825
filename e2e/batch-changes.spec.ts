import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startOwnDemo, type OwnDemo } from './own-demo';

// The `tiered` scenario on a demo of its own: every tier of the reel workload runs as its own job
// (reel-stitching-job-small … -xlarge), which the approved tier policy must say before the
// new-change page offers all tiers at once.
test.describe.configure({ mode: 'serial' });

const TIERS = ['small', 'medium', 'large', 'xlarge'] as const;
const LABELS = { small: 'Small', medium: 'Medium', large: 'Large', xlarge: 'Extra large' };
const jobOf = (tier: string) => `reel-stitching-job-${tier}`;
const NEW_CHANGE = `/jobs/${jobOf('small')}/changes/new`;
const PORT = Number(process.env.E2E_PORT ?? 3917) + 10;

let demo: OwnDemo;
test.use({ baseURL: `http://127.0.0.1:${PORT}` });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  demo = await startOwnDemo({ scenario: 'emulator/scenarios/tiered.json', port: PORT });
});
test.afterAll(async () => {
  await demo?.stop();
});

async function actAs(context: BrowserContext, role: string) {
  await context.addCookies([{ name: 'tierwise-demo-user', value: role, url: demo.baseURL }]);
}

async function changeCount(page: Page): Promise<number> {
  const listed = await page.request.get('/api/changes');
  return ((await listed.json()) as { changes: unknown[] }).changes.length;
}

/** Each limit field of a tier's row, by its label. */
const field = (page: Page, tier: keyof typeof LABELS, name: string) =>
  page.getByLabel(`${LABELS[tier]} ${name}`, { exact: true });

test('the tier policy routes each tier to its own job once approved', async ({ page, context }) => {
  await actAs(context, 'requester');
  const defaults = (await (await page.request.get('/api/tier-policy')).json()) as {
    tiers: { id: string }[];
  };
  const policy = { tiers: defaults.tiers.map((tier) => ({ ...tier, jobName: jobOf(tier.id) })) };
  const proposed = await page.request.post('/api/tier-policy', {
    data: { policy, reason: 'Every tier runs as its own job in this project' },
  });
  expect(proposed.status()).toBe(201);
  const { id } = (await proposed.json()) as { id: string };
  await actAs(context, 'approver');
  const approved = await page.request.post(`/api/tier-policy/${id}/approve`, { data: {} });
  expect(approved.status()).toBe(200);
  const served = (await (await page.request.get('/api/tier-policy')).json()) as {
    tiers: { jobName?: string }[];
  };
  expect(served.tiers.map((tier) => tier.jobName)).toEqual(TIERS.map(jobOf));
});

test('all four tiers proposed at once: bad rows are named and nothing stored, then four changes', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await actAs(context, 'requester');
  await page.goto(NEW_CHANGE);
  await expect(page.getByRole('heading', { name: 'All tiers at once' })).toBeVisible();
  const rows = page.getByRole('table', { name: 'New limits per tier job' }).locator('tbody tr');
  await expect(rows).toHaveCount(4, { timeout: 120_000 });
  for (const tier of TIERS) {
    await expect(rows.filter({ hasText: jobOf(tier) })).toHaveCount(1);
    await page.getByLabel(`Include ${LABELS[tier]}`, { exact: true }).check();
  }
  const before = await changeCount(page);

  // Checked in the browser: every bad field shows its error, nothing is sent.
  await field(page, 'medium', 'CPU (vCPU)').fill('3');
  await field(page, 'large', 'Memory').fill('lots');
  await page.getByLabel("Reason for every tier's change").fill('short');
  await page.getByRole('button', { name: 'Dry run and propose every tier' }).click();
  await expect(page.locator('[id="batch-items.1.cpu-error"]')).toHaveText(/1, 2, 4, 6 or 8/);
  await expect(page.locator('[id="batch-items.2.memory-error"]')).toHaveText(/not a valid memory/);
  await expect(page.locator('#batch-reason-error')).toHaveText(/at least 10 characters/);
  expect(await changeCount(page)).toBe(before);

  // Checked by the server: the small job already has these limits, so no tier is stored.
  const limits = {
    small: ['1', '2Gi', '600', '2'],
    medium: ['2', '4Gi', '900', '2'],
    large: ['4', '6Gi', '1200', '2'],
    xlarge: ['8', '12Gi', '1800', '2'],
  } as const;
  for (const tier of TIERS) {
    const [cpu, memory, timeout, retries] = limits[tier];
    await field(page, tier, 'CPU (vCPU)').fill(cpu);
    await field(page, tier, 'Memory').fill(memory);
    await field(page, tier, 'Timeout (s)').fill(timeout);
    await field(page, tier, 'Retries').fill(retries);
  }
  await page
    .getByLabel("Reason for every tier's change")
    .fill('Each tier job peaks well under its memory limit over 30 days');
  await page.getByRole('button', { name: 'Dry run and propose every tier' }).click();
  await expect(rows.first()).toContainText(/nothing would change/, { timeout: 60_000 });
  await expect(page).toHaveURL(new RegExp(`${NEW_CHANGE}$`));
  expect(await changeCount(page)).toBe(before);

  await field(page, 'small', 'Memory').fill('1Gi');
  await page.getByRole('button', { name: 'Dry run and propose every tier' }).click();
  await expect(page).toHaveURL(/\/changes\?state=proposed$/, { timeout: 90_000 });
  const listed = page.locator('tbody tr');
  await expect(listed).toHaveCount(before + 4);
  for (const tier of TIERS) {
    await expect(listed.filter({ hasText: `${jobOf(tier)} · ${tier}` })).toContainText('proposed');
  }
  await page.screenshot({ path: test.info().outputPath('batch-proposed.png'), fullPage: true });

  const changes = (await (await page.request.get('/api/changes?state=proposed')).json()) as {
    changes: {
      job: string;
      tier: string;
      etagAtProposal: string;
      limitsAfter: { memory: string };
    }[];
  };
  expect(changes.changes.map((change) => change.tier).sort()).toEqual([...TIERS].sort());
  expect(new Set(changes.changes.map((change) => change.etagAtProposal)).size).toBe(4);
  const small = changes.changes.find((change) => change.tier === 'small');
  expect(small).toMatchObject({ job: jobOf('small'), limitsAfter: { memory: '1Gi' } });
});
