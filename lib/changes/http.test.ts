import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const request = await vi.hoisted(async () =>
  (await import('@/test/support/next-request')).demoRequest(),
);
vi.mock('next/headers', async () =>
  (await import('@/test/support/next-request')).nextHeadersOf(request),
);

import {
  changeActionRoutes,
  changeBatchRoutes,
  changeCollectionRoutes,
  changeItemRoutes,
} from './http';
import { startHarness, type Harness } from '@/test/support/change-harness';

let h: Harness;
let collection: ReturnType<typeof changeCollectionRoutes>;
let item: ReturnType<typeof changeItemRoutes>;
let actions: ReturnType<typeof changeActionRoutes>;
let batch: ReturnType<typeof changeBatchRoutes>;

beforeAll(async () => {
  h = await startHarness('sqlite');
  const source = async () => h.context;
  collection = changeCollectionRoutes(source);
  item = changeItemRoutes(source);
  actions = changeActionRoutes(source);
  // Each tier on its own job: the small tier on the thumbnail job, every other on the reel job.
  const tiers = h.context.tierPolicy.tiers.map((tier) => ({
    ...tier,
    jobName: tier.id === 'small' ? 'thumbnail-job' : 'reel-stitching-job',
  }));
  batch = changeBatchRoutes(async () => ({ ...h.context, tierPolicy: { tiers } }));
});
afterAll(() => h.close());
beforeEach(() => signInAs('viewer'));

function signInAs(role: string) {
  request.cookies.set('tierwise-demo-user', role);
}

const url = (path: string) => `http://127.0.0.1/api/changes${path}`;
const post = (path: string, body: unknown) =>
  new Request(url(path), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function act(id: string, action: string, body: unknown = {}) {
  return actions.POST(post(`/${id}/${action}`, body), {
    params: Promise.resolve({ id, action }),
  });
}

async function propose(limits = { cpu: '4', memory: '8Gi' }) {
  signInAs('requester');
  const response = await collection.POST(
    post('', {
      job: 'reel-stitching-job',
      tier: 'small',
      limits,
      reason: 'CPU-bound at 2 vCPU: p95 92%',
    }),
    {},
  );
  return { response, body: (await response.json()) as { id: string; state: string } };
}

describe('the change requests HTTP API', () => {
  it('proposes with 201 and the change, answering in the API shape', async () => {
    const { response, body } = await propose();
    expect(response.status).toBe(201);
    expect(response.headers.get('Location')).toBe(`/api/changes/${body.id}`);
    expect(body).toMatchObject({
      id: expect.any(String),
      state: 'proposed',
      requester: 'requester@demo.tierwise',
      limitsBefore: { cpu: '2', memory: '4Gi', timeoutSeconds: 600, maxRetries: 3 },
      limitsAfter: { cpu: '4', memory: '8Gi', timeoutSeconds: 600, maxRetries: 3 },
    });
  });

  it('answers invalid input with 400 and one message per field', async () => {
    signInAs('requester');
    const response = await collection.POST(
      post('', {
        job: 'reel-stitching-job',
        limits: { cpu: '3', memory: '2Gi' },
        reason: 'too small?',
      }),
      {},
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: expect.stringMatching(/limits\.cpu/),
      fieldErrors: { 'limits.cpu': [expect.stringMatching(/1, 2, 4, 6 or 8/)] },
      errors: { 'limits.cpu': expect.stringMatching(/1, 2, 4, 6 or 8/) },
    });
    const broken = await collection.POST(post('', '{"job": '), {});
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ errors: { body: expect.stringMatching(/JSON/) } });
  });

  it('refuses a cross-site text/plain post with 403 and stores nothing', async () => {
    signInAs('requester');
    const count = async () =>
      ((await (await collection.GET(new Request(url('')), {})).json()) as { changes: [] }).changes
        .length;
    const before = await count();
    const body = JSON.stringify({
      job: 'reel-stitching-job',
      reason: 'Posted from another site',
      limits: { cpu: '1', memory: '512Mi', timeoutSeconds: 600 },
    });
    const crossSite = (headers: Record<string, string>) =>
      new Request(url(''), { method: 'POST', headers, body });
    const foreign = await collection.POST(
      crossSite({ origin: 'http://evil.example', 'content-type': 'text/plain' }),
      {},
    );
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({ error: expect.stringMatching(/evil\.example/) });
    const nullOrigin = crossSite({ origin: 'null', 'content-type': 'application/json' });
    expect((await collection.POST(nullOrigin, {})).status).toBe(403);
    const plain = await collection.POST(crossSite({ 'content-type': 'text/plain' }), {});
    expect(plain.status).toBe(415);
    const fetched = crossSite({
      'sec-fetch-site': 'cross-site',
      'content-type': 'application/json',
    });
    expect((await batch.POST(fetched, {})).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('answers 403 to a viewer proposing and to a requester approving', async () => {
    signInAs('viewer');
    const refused = await collection.POST(post('', { job: 'reel-stitching-job' }), {});
    expect(refused.status).toBe(403);
    const { body } = await propose();
    signInAs('requester');
    expect((await act(body.id, 'approve')).status).toBe(403);
  });

  it('refuses an admin approving their own change with 403', async () => {
    signInAs('admin');
    const created = await collection.POST(
      post('', {
        job: 'reel-stitching-job',
        limits: { cpu: '1', memory: '2Gi' },
        reason: 'Memory peaks at 900 MiB',
      }),
      {},
    );
    const { id } = (await created.json()) as { id: string };
    const response = await act(id, 'approve', { comment: 'fine by me' });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: expect.stringMatching(/You proposed this change/),
    });
  });

  it('approves, applies and shows the job with the new limits; an illegal move is 409', async () => {
    const { body } = await propose({ cpu: '2', memory: '8Gi' });
    signInAs('approver');
    const rejected = await act(body.id, 'reject', {});
    expect(rejected.status).toBe(400);
    expect(await rejected.json()).toMatchObject({ errors: { comment: expect.any(String) } });
    const approved = await act(body.id, 'approve', { comment: 'Agreed' });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ state: 'approved', decisionComment: 'Agreed' });
    expect((await act(body.id, 'approve', { comment: 'again' })).status).toBe(409);
    const applied = await act(body.id, 'apply');
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({ outcome: 'applied', state: 'applied' });
    expect((await act(body.id, 'apply')).status).toBe(409);

    signInAs('viewer');
    const shown = await item.GET(new Request(url(`/${body.id}`)), {
      params: Promise.resolve({ id: body.id }),
    });
    expect(await shown.json()).toMatchObject({
      state: 'applied',
      jobNow: { limits: { cpu: '2', memory: '8Gi' } },
      drift: [],
      history: expect.arrayContaining([expect.objectContaining({ action: 'change.verified' })]),
    });
    const listed = await collection.GET(
      new Request(url('?state=applied&job=reel-stitching-job')),
      {},
    );
    const { changes } = (await listed.json()) as { changes: { id: string }[] };
    expect(changes.map((change) => change.id)).toContain(body.id);
    expect((await collection.GET(new Request(url('?state=done')), {})).status).toBe(400);
  });

  it('answers 404 for an unknown change or action', async () => {
    signInAs('approver');
    expect((await act('no-such-change', 'approve')).status).toBe(404);
    const { body } = await propose();
    signInAs('approver');
    expect((await act(body.id, 'delete')).status).toBe(404);
  });

  it('proposes a change per tier job with 201, or answers 400 naming each item field and stores none', async () => {
    signInAs('requester');
    const listed = async () =>
      ((await (await collection.GET(new Request(url('')), {})).json()) as { changes: [] }).changes
        .length;
    const before = await listed();
    const refused = await batch.POST(
      post('/batch', {
        reason: 'Each tier job at a third of its limits',
        items: [
          { job: 'thumbnail-job', tier: 'small', limits: { cpu: '1', memory: '1Gi' } },
          { job: 'reel-stitching-job', tier: 'large', limits: { cpu: '8', memory: '2Gi' } },
        ],
      }),
      {},
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      errors: { 'items.1.limits.memory': expect.stringMatching(/at least 4Gi/) },
    });
    expect(await listed()).toBe(before);

    const created = await batch.POST(
      post('/batch', {
        reason: 'Each tier job at a third of its limits',
        items: [
          { job: 'thumbnail-job', tier: 'small', limits: { cpu: '1', memory: '1Gi' } },
          { job: 'reel-stitching-job', tier: 'large', limits: { cpu: '8', memory: '16Gi' } },
        ],
      }),
      {},
    );
    expect(created.status).toBe(201);
    const { changes } = (await created.json()) as { changes: Record<string, unknown>[] };
    expect(changes).toEqual([
      expect.objectContaining({
        job: 'thumbnail-job',
        tier: 'small',
        state: 'proposed',
        limitsAfter: { cpu: '1', memory: '1Gi', timeoutSeconds: 600, maxRetries: 3 },
      }),
      expect.objectContaining({ job: 'reel-stitching-job', tier: 'large', state: 'proposed' }),
    ]);
    expect(await listed()).toBe(before + 2);

    signInAs('viewer');
    expect((await batch.POST(post('/batch', { reason: 'x', items: [] }), {})).status).toBe(403);
    signInAs('requester');
    expect((await batch.POST(post('/batch', '{"items": '), {})).status).toBe(400);
  });
});
