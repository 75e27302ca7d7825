import { expect, test, type Page, type TestInfo } from '@playwright/test';

const JOB = 'reel-stitching-job';

/** Every CSP complaint the browser logs while the test runs. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
}

function dollars(text: string): number {
  return Number(text.replace(/[^0-9.]/g, ''));
}

test('the overview lists both demo jobs with their cost, verdicts and a link to each report', async ({
  page,
}, testInfo) => {
  const csp = watchCsp(page);
  await page.goto('/');
  for (const job of [JOB, 'thumbnail-refresh-job']) {
    const row = page.locator(`tr[data-job="${job}"]`);
    await expect(row).toBeVisible();
    expect(dollars(await row.locator('td').last().innerText())).toBeGreaterThan(0);
    await expect(row.locator('[data-verdict]').first()).toBeVisible();
  }
  await expect(page.getByTestId('project-totals')).toContainText('Month to date');
  await expect(page.getByTestId('project-totals')).toContainText(/Projected this month\s*\$[1-9]/);
  // Sorted by the saving the recommendations would bring, biggest first.
  const savings = await page.locator('tr[data-job] td:nth-last-child(2)').allInnerTexts();
  expect(savings.map(dollars)).toEqual([...savings.map(dollars)].sort((a, b) => b - a));
  await attachScreenshot(page, testInfo, 'overview');
  await page.getByRole('region', { name: 'Jobs' }).getByRole('link', { name: JOB }).click();
  // The link names the job's region: one name can be a job in two regions.
  await expect(page).toHaveURL(new RegExp(`/jobs/${JOB}\\?region=[a-z]+-[a-z]+\\d+$`));
  await expect(page.getByRole('heading', { name: `Cost report: ${JOB}` })).toBeVisible();
  expect(csp).toEqual([]);
});

test('the job report shows four tiers with verdicts, charts, recommendations and its partial data', async ({
  page,
}, testInfo) => {
  const csp = watchCsp(page);
  await page.goto(`/jobs/${JOB}`);
  const rows = page.getByTestId('tier-figures').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const tier of ['small', 'medium', 'large', 'xlarge']) {
    await expect(page.locator(`tr[data-tier="${tier}"] [data-verdict]`)).toHaveCount(1);
  }
  const verdicts = await page
    .locator('[data-tier-section] h2 [data-verdict]')
    .evaluateAll((badges) => badges.map((badge) => badge.getAttribute('data-verdict')));
  expect(verdicts).toHaveLength(4);
  // The default scenario's large and extra-large uploads OOM and time out at 4 GiB / 15 min, while
  // small reels peak near 1 GiB of the 4 GiB every execution gets.
  expect(verdicts).toContain('under-provisioned');
  expect(verdicts).toContain('over-provisioned');
  await expect(page.locator('[data-tier-section="small"] h2 [data-verdict]')).toHaveAttribute(
    'data-verdict',
    'over-provisioned',
  );
  await expect(page.locator('[data-tier-section="small"]')).toContainText(
    /executions measured alone/,
  );
  // The table shows the figure the verdict judged beside the upper bounds over every execution.
  await expect(
    page.locator('[data-tier="small"] [data-measured-alone="memory-low"]'),
  ).toContainText(/p95 \d+(\.\d)?% in the [\d,]+ measured alone/);
  await expect(page.locator('[data-tier-section="small"]')).toContainText(/Recommended\s*\d vCPU/);
  // Charts draw when scrolled near.
  await page.getByRole('heading', { name: 'Cost per day by tier' }).scrollIntoViewIfNeeded();
  const costChart = page.getByRole('figure', { name: 'Cost per day by tier' });
  await expect(costChart.getByRole('application')).toBeVisible();
  expect(await costChart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(4);
  const partial = page.getByRole('status').filter({ hasText: 'Partial data' });
  await expect(partial).toBeVisible();
  // The demo replays the month into the ledger: no executions missing, no history cut short.
  await expect(partial).not.toContainText('no record of');
  await expect(partial).not.toContainText('History starts');
  await page.getByText('Table view: Cost per day by tier').click();
  const days = page
    .getByRole('region', { name: 'Cost per day by tier, as a table' })
    .locator('tbody tr');
  await expect(days).toHaveCount(31);
  // Every whole day of the window has its small reels' cost (the first and last are partial).
  const smallCosts = await days.evaluateAll((rows) =>
    rows.map((row) => (row as HTMLTableRowElement).cells[1]?.textContent ?? ''),
  );
  expect(smallCosts.slice(1, -1).filter((text) => !(dollars(text) > 0))).toEqual([]);
  await attachScreenshot(page, testInfo, 'job-report');
  expect(csp).toEqual([]);
});

test('changing the window changes the URL and the figures, and the link reproduces the view', async ({
  page,
}) => {
  await page.goto(`/jobs/${JOB}`);
  const totals = page.getByTestId('report-totals');
  const cost = totals.locator('div.text-2xl').first();
  const executions = async () =>
    Number(/([\d,]+) executions/.exec(await totals.innerText())![1]!.replace(/,/g, ''));
  await expect(totals).toContainText('Cost, 30 days');
  const monthExecutions = await executions();
  const monthCost = await cost.innerText();

  await page.getByRole('button', { name: '7 days' }).click();
  await expect(page).toHaveURL(/[?&]days=7/);
  await expect(totals).toContainText('Cost, 7 days');
  // A week of the month in the ledger: about 7/30 of its executions, and another cost.
  const weekShare = (await executions()) / monthExecutions;
  expect(weekShare).toBeGreaterThan(0.15);
  expect(weekShare).toBeLessThan(0.35);
  expect(await cost.innerText()).not.toBe(monthCost);

  // Yesterday alone (UTC): a custom range holds fewer executions than the month.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('From (UTC)').fill(yesterday);
  await page.getByLabel('To (UTC)').fill(yesterday);
  await page.getByRole('button', { name: 'Show range' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${yesterday}&to=${yesterday}`));
  await expect(totals).toContainText('Cost, 1 day');
  const dayExecutions = await executions();
  expect(dayExecutions).toBeGreaterThan(0);
  expect(dayExecutions).toBeLessThan(monthExecutions);
  expect(await cost.innerText()).not.toBe(monthCost);

  await page.getByLabel('Price book').selectOption('services-request');
  await expect(page).toHaveURL(/book=services-request/);
  await expect(page.getByTestId('report-inputs')).toContainText('Request-based services, Tier 1');
  const dayCost = await cost.innerText();

  // A copied link opens the same view.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('report-totals').locator('div.text-2xl').first()).toHaveText(
    dayCost,
  );
  await expect(other.getByLabel('From (UTC)')).toHaveValue(yesterday);
  await expect(other.getByLabel('Price book')).toHaveValue('services-request');
  await other.close();
});

test('an unknown job answers 404 with the not-found page', async ({ page }, testInfo) => {
  const response = await page.goto('/jobs/no-such-job');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'No such job' })).toBeVisible();
  await attachScreenshot(page, testInfo, 'unknown-job');
});

test('settings: a viewer can read them, an admin saves custom rates that reports then use', async ({
  browser,
  baseURL,
}, testInfo) => {
  const viewer = await browser.newContext({ baseURL });
  const viewerPage = await viewer.newPage();
  await viewerPage.goto('/settings');
  await expect(viewerPage.getByRole('button', { name: 'Save price book' })).toBeDisabled();
  await viewer.close();

  const admin = await browser.newContext({ baseURL });
  await admin.addCookies([{ name: 'tierwise-demo-user', value: 'admin', url: baseURL as string }]);
  const page = await admin.newPage();
  const csp = watchCsp(page);
  await page.goto('/settings');
  // A tier that no workload can reach is refused in the browser, before anything is sent.
  const medium = page.locator('[data-tier-row="1"]');
  await medium.getByLabel('At most clips').fill('2');
  await medium.getByLabel('Below MB').fill('50');
  await page.getByRole('button', { name: 'Propose tier policy' }).click();
  await expect(medium).toContainText('No workload would reach this tier: "Small" comes first');
  await expect(page.getByText('Some fields need fixing; nothing was sent.')).toBeVisible();
  await page.getByLabel('Our own rates').check();
  await page.getByLabel('Name of these rates').fill('Negotiated');
  await page.getByLabel('As of (YYYY-MM-DD)').fill('2026-02-30');
  await page.getByLabel('USD per vCPU-second').fill('0.00001');
  await page.getByLabel('USD per GiB-second').fill('0.000001');
  await page.getByRole('button', { name: 'Save price book' }).click();
  await expect(page.getByText('Write the date as YYYY-MM-DD.')).toBeVisible();
  await page.getByLabel('As of (YYYY-MM-DD)').fill('2026-02-01');
  await page.getByRole('button', { name: 'Save price book' }).click();
  await expect(page.getByText(/Saved the price book as version \d+/)).toBeVisible();
  await attachScreenshot(page, testInfo, 'settings');
  await page.goto(`/jobs/${JOB}`);
  await expect(page.getByTestId('report-inputs')).toContainText('Negotiated, as of 2026-02-01');
  expect(csp).toEqual([]);
  // Put the published book back for the specs that run after this one on the same server.
  await page.goto('/settings');
  await page.getByLabel(/^Cloud Run jobs, Tier 1/).check();
  await page.getByRole('button', { name: 'Save price book' }).click();
  await expect(page.getByText(/Saved the price book as version \d+/)).toBeVisible();
  await admin.close();
});
