import { execFileSync } from 'node:child_process';
import { expect, test, type BrowserContext } from '@playwright/test';

const JOB = 'reel-stitching-job';

async function actAs(context: BrowserContext, role: string, baseURL: string): Promise<void> {
  await context.addCookies([{ name: 'tierwise-demo-user', value: role, url: baseURL }]);
}

test('a report shared by one user opens for another, prints to a PDF with its tier table, and can be revoked', async ({
  browser,
  baseURL,
}) => {
  const origin = baseURL as string;
  const requester = await browser.newContext({ baseURL: origin });
  await actAs(requester, 'requester', origin);
  const created = await requester.request.post('/api/reports', { data: { job: JOB, days: 30 } });
  expect(created.status()).toBe(201);
  const { id, url } = (await created.json()) as { id: string; url: string };
  expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(url).toBe(`/r/${id}`);

  const viewer = await browser.newContext({ baseURL: origin });
  await actAs(viewer, 'viewer', origin);
  const first = await (await viewer.request.get(`/api/reports/${id}`)).text();
  expect(JSON.parse(first)).toMatchObject({
    id,
    takenBy: 'requester@demo.tierwise',
    report: { inputs: { job: JOB } },
  });
  expect(await (await viewer.request.get(`/api/reports/${id}`)).text()).toBe(first);

  const csv = await viewer.request.get(`/r/${id}.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toMatch(/text\/csv/);
  expect(await csv.text()).toMatch(/^tier,label,executions,/);
  const perExecution = await (await viewer.request.get(`/r/${id}.csv?rows=executions`)).text();
  // One row per execution of the month in the ledger, which the demo replays: about 210 a day,
  // far more than the 1,000 Cloud Run itself still lists.
  expect(perExecution.split('\r\n').length).toBeGreaterThan(4_000);

  const page = await viewer.newPage();
  await page.goto(url);
  await expect(page.getByRole('heading', { name: `Cost report: ${JOB}` })).toBeVisible();
  await expect(page.getByText('taken', { exact: false }).first()).toContainText(
    'by requester@demo.tierwise',
  );
  await expect(page.getByTestId('tier-table')).toContainText('Small');
  await expect(page.getByRole('button', { name: 'Revoke this link' })).toHaveCount(0);

  const pdfPath = test.info().outputPath('shared-report.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
  expect(text).toContain(`Cost report: ${JOB}`);
  expect(text).toContain('Cost per tier');
  expect(text).toMatch(/Small[\s\S]*Medium[\s\S]*Large/);
  expect(text).not.toContain('Revoke this link');

  const authorPage = await requester.newPage();
  await authorPage.goto(url);
  await authorPage.getByRole('button', { name: 'Revoke this link' }).click();
  await expect(
    authorPage.getByRole('heading', { name: 'This shared report is no longer available' }),
  ).toBeVisible();
  const gone = await viewer.request.get(url);
  expect(gone.status()).toBe(410);
  expect(await gone.text()).toMatch(/revoked on .* UTC/);
  expect((await viewer.request.get(`/api/reports/${id}`)).status()).toBe(410);
  await requester.close();
  await viewer.close();
});

test('an unknown shared link answers 404 with a plain message', async ({ request }) => {
  const page = await request.get('/r/AAAAAAAAAAAAAAAAAAAAAA');
  expect(page.status()).toBe(404);
  expect(await page.text()).toContain('There is no shared report at this link');
  const api = await request.get('/api/reports/AAAAAAAAAAAAAAAAAAAAAA');
  expect(api.status()).toBe(404);
});

test('a viewer cannot share, and a bad share request names its field', async ({
  playwright,
  baseURL,
}) => {
  const viewer = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: 'tierwise-demo-user=viewer' },
  });
  expect((await viewer.post('/api/reports', { data: { job: JOB } })).status()).toBe(403);
  const requester = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: 'tierwise-demo-user=requester' },
  });
  const bad = await requester.post('/api/reports', { data: { job: JOB, days: 0 } });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ fieldErrors: { days: [expect.any(String)] } });
  await viewer.dispose();
  await requester.dispose();
});

test('the Share button on a job report freezes the view on screen and links to it', async ({
  browser,
  baseURL,
}) => {
  const origin = baseURL as string;
  const requester = await browser.newContext({ baseURL: origin });
  await actAs(requester, 'requester', origin);
  const page = await requester.newPage();
  await page.goto(`/jobs/${JOB}?days=7`);
  await page.getByRole('button', { name: 'Share' }).click();
  const link = page.locator('[data-snapshot-link]');
  await expect(link).toHaveText(/^\/r\/[A-Za-z0-9_-]{22}$/, { timeout: 60_000 });
  const href = (await link.getAttribute('href')) as string;
  const frozen = (await (await requester.request.get(`/api/reports/${href.slice(3)}`)).json()) as {
    report: { inputs: { job: string; window: { startMs: number; endMs: number } } };
  };
  expect(frozen.report.inputs.job).toBe(JOB);
  const { startMs, endMs } = frozen.report.inputs.window;
  expect(Math.round((endMs - startMs) / 86_400_000)).toBe(7);
  await requester.close();
});
