import { expect, test } from '@playwright/test';

const JOB = 'reel-stitching-job';

// Crafted as another site's page would send them: the built app must refuse each without storing.
test('cross-site posts to the API and to server actions are refused with 403, bad numbers with 400, unknown jobs with 404', async ({
  playwright,
  baseURL,
}) => {
  const origin = baseURL as string;
  const api = await playwright.request.newContext({
    baseURL: origin,
    extraHTTPHeaders: { cookie: 'tierwise-demo-user=requester' },
  });
  const count = async () =>
    ((await (await api.get(`/api/changes?job=${JOB}`)).json()) as { changes: unknown[] }).changes
      .length;
  const before = await count();
  const change = JSON.stringify({
    job: JOB,
    reason: 'Posted from another site',
    limits: { cpu: '1', memory: '512Mi' },
  });

  const evil = await api.post('/api/changes', {
    headers: { origin: 'http://evil.example', 'content-type': 'text/plain' },
    data: change,
  });
  expect(evil.status()).toBe(403);
  const port = Number(new URL(origin).port) + 1;
  for (const foreign of ['null', `http://127.0.0.1:${port}`]) {
    const refused = await api.post('/api/changes', {
      headers: { origin: foreign, 'content-type': 'application/json' },
      data: change,
    });
    expect(refused.status()).toBe(403);
  }
  const plain = await api.post('/api/changes', {
    headers: { 'content-type': 'text/plain' },
    data: change,
  });
  expect(plain.status()).toBe(415);
  const action = await api.post('/changes', {
    headers: {
      origin: 'http://evil.example',
      'next-action': '00'.repeat(21),
      'content-type': 'text/plain;charset=UTF-8',
    },
    data: '[]',
  });
  expect(action.status()).toBe(403);
  expect(await count()).toBe(before);

  for (const days of [true, [30], '0x1e']) {
    const share = await api.post('/api/reports', { data: { job: JOB, days } });
    expect(share.status()).toBe(400);
  }
  const future = await api.post('/api/reports', {
    data: { job: JOB, startMs: Date.now() + 86_400_000, endMs: Date.now() + 2 * 86_400_000 },
  });
  expect(future.status()).toBe(400);
  for (const page of ['changes/new', 'changes/split']) {
    expect((await api.get(`/jobs/no-such-job/${page}`)).status()).toBe(404);
    expect((await api.get(`/jobs/${JOB}/${page}`)).status()).toBe(200);
  }
  await api.dispose();
});
