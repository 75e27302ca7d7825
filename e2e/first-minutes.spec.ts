import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Runs on `npm run demo` (playwright.config.ts): what a new user meets first — the overview's
// picture of where the money goes, and a change form that shows what it will do.
const JOB = 'reel-stitching-job';

/** Every response the browser got with status 400 or more while the page loaded. */
function watchFailures(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  return failed;
}

async function drawEverything(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 45_000 });
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y < height; y += 500) await page.mouse.wheel(0, 500);
  await expect(page.locator('.animate-pulse')).toHaveCount(0, { timeout: 30_000 });
}

test('the overview opens on cost per day by job, waste and failure cost, and the largest savings', async ({
  page,
}) => {
  const failed = watchFailures(page);
  await page.goto('/');
  const opening = page.getByTestId('cost-over-time');
  await expect(opening).toBeVisible({ timeout: 45_000 });
  // It comes before the headline cards and the jobs table.
  const order = await page.evaluate(() => {
    const at = (selector: string) => {
      const found = document.querySelector(selector);
      return found ? found.getBoundingClientRect().top : Number.NaN;
    };
    return [at('[data-testid="cost-over-time"]'), at('[data-testid="project-totals"]')];
  });
  expect(order[0]).toBeLessThan(order[1]!);

  // Drawn with the page (SVG from the server): stacked bars, one series per job in the legend.
  const figure = page.getByRole('figure', { name: 'Cost per day by job' });
  await expect(figure.getByRole('img', { name: /Cost per day by job, stacked/ })).toBeVisible();
  await expect(figure.locator('[data-chart-bar]').first()).toBeVisible();
  expect(await figure.locator('[data-chart-bar]').count()).toBeGreaterThan(28);
  for (const job of [JOB, 'thumbnail-refresh-job']) {
    await expect(figure.locator('[data-chart-legend]')).toContainText(job);
  }
  // Each bar names its day, job and cost in cents on hover.
  expect(await figure.locator('[data-chart-bar] title').first().textContent()).toMatch(
    /^\d{4}-\d\d-\d\d · .+: (\$\d[\d,]*\.\d\d|<\$0\.01)$/,
  );

  // Its table one click away, in cents.
  await figure.getByText('Table view: Cost per day by job').click();
  const table = figure.getByRole('region', { name: 'Cost per day by job, as a table' });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(28);
  await expect(table.locator('thead')).toContainText(JOB);
  const cells = await table.locator('tbody td').allInnerTexts();
  for (const cell of cells.filter((text) => text.includes('$'))) {
    expect(cell).toMatch(/^(\$\d[\d,]*\.\d\d|<\$0\.01)$/);
  }

  await expect(opening.getByRole('heading', { name: /Waste and failure cost/ })).toBeVisible();
  await expect(opening).toContainText(/Waste \(paid for, not used\)\s*\$\d/);
  await expect(opening).toContainText(/Failure cost \(failed attempts\)\s*\$\d/);

  // No figure on the page reads like a float.
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\$\d+\.\d{3,}/);
  expect(text).not.toMatch(/-\$/);

  // The largest saving first, one click to its report.
  const savings = page.getByTestId('largest-savings').getByRole('listitem');
  await expect(savings.first()).toBeVisible();
  const amounts = (await savings.allInnerTexts()).map((line) =>
    Number(/\$([\d,.]+)\/mo/.exec(line)?.[1]?.replace(/,/g, '') ?? Number.NaN),
  );
  expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  const first = savings.first().getByRole('link');
  const job = await first.innerText();
  await first.click();
  await expect(page.getByRole('heading', { name: `Cost report: ${job}` })).toBeVisible();

  // The app's icon is there: no page asks for a file that is missing.
  expect(failed).toEqual([]);
});

test('the overview has no serious or critical accessibility violations, chart drawn', async ({
  page,
}) => {
  await page.goto('/');
  await drawEverything(page);
  await expect(
    page.getByRole('figure', { name: 'Cost per day by job' }).locator('[data-chart-bar]').first(),
  ).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`);
  expect(blocking).toEqual([]);
});

test('the change form projects exactly the limits in it: prefilled from the report, then on every edit', async ({
  page,
  context,
  baseURL,
}) => {
  await context.addCookies([
    { name: 'tierwise-demo-user', value: 'requester', url: baseURL ?? '' },
  ]);
  await page.goto(`/jobs/${JOB}`);
  const card = page.locator('article[data-tier="small"]');
  await expect(card).toBeVisible({ timeout: 45_000 });
  const recommended = (await card.locator('dt:text-is("Recommended") + dd').innerText()).trim();
  const monthly = await card.locator('dt:text-is("Monthly cost") + dd').innerText();
  const recommendedCost = /→\s*(\$[\d,.]+|<\$0\.01)/.exec(monthly)?.[1];
  expect(recommendedCost).toBeTruthy();
  await card.getByRole('link', { name: 'Propose these limits for review' }).click();

  await expect(page.getByLabel('CPU (vCPU)')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByLabel('Tier')).toHaveValue('small');
  const effect = page.getByTestId('projected-effect');
  const limits = effect.getByTestId('projected-limits');
  // On load: the report's recommendation, its limits and its cost, before any edit.
  await expect(limits).toHaveText(`At ${recommended}`);
  await expect(effect.getByTestId('projected-cost')).toHaveText(recommendedCost!);
  // The failure budget and the projected failures at these limits, judged at their upper end.
  await expect(effect.getByTestId('failure-budget')).toContainText(/^At most .+ of executions/);
  await expect(effect.getByTestId('projected-failures')).toContainText(/a month \(up to /);
  await expect(effect.getByTestId('budget-verdict')).toContainText(
    /(Within|Over) the failure budget/,
  );
  await expect(effect.getByTestId('projected-confidence')).toContainText(
    /confidence|Not enough data/,
  );
  const [vcpu] = recommended.split(' vCPU');
  await expect(page.getByLabel('CPU (vCPU)')).toHaveValue(vcpu!);

  const edits: [string, string, RegExp][] = [
    ['Memory', '3Gi', / 3 GiB · /],
    ['CPU (vCPU)', '2', /^At 2 vCPU · 3 GiB · /],
    ['Task timeout (seconds)', '1200', / 20 min timeout · /],
    ['Max retries', '1', / 1 retry$/],
  ];
  let previousCost = recommendedCost!;
  for (const [field, value, expected] of edits) {
    await page.getByLabel(field).fill(value);
    await expect(limits).toHaveText(expected);
    await expect(effect).toHaveAttribute('aria-busy', 'false');
    const cost = await effect.getByTestId('projected-cost').innerText();
    expect(cost).toMatch(/^(\$\d[\d,]*\.\d\d|<\$0\.01)$/);
    if (field === 'Memory') expect(cost).not.toBe(previousCost);
    await expect(effect.getByTestId('budget-verdict')).toContainText(/the failure budget/);
    previousCost = cost;
  }
  await expect(limits).toHaveText('At 2 vCPU · 3 GiB · 20 min timeout · 1 retry');

  // A value Cloud Run refuses gets no figures, and says why.
  await page.getByLabel('Memory').fill('lots');
  await expect(effect).toContainText(/not a valid memory quantity/);
  await expect(effect.getByTestId('projected-cost')).toHaveCount(0);
});
