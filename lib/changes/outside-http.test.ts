import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const request = await vi.hoisted(async () =>
  (await import('@/test/support/next-request')).demoRequest(),
);
vi.mock('next/headers', async () =>
  (await import('@/test/support/next-request')).nextHeadersOf(request),
);

import { updateJobLimits } from '@/lib/gcp';
import { approveChange } from './decide';
import { changeItemRoutes } from './http';
import { appliedOutsideRoutes } from './outside-http';
import { proposeChange } from './propose';
import {
  approver,
  proposalFor,
  requester,
  startHarness,
  type Harness,
} from '@/test/support/change-harness';

let h: Harness;
let routes: ReturnType<typeof appliedOutsideRoutes>;

beforeAll(async () => {
  h = await startHarness('sqlite');
  routes = appliedOutsideRoutes(async () => h.context);
});
afterAll(() => h.close());
beforeEach(() => request.cookies.set('tierwise-demo-user', 'approver'));

const post = (id: string, body: string, headers: Record<string, string> = {}) =>
  routes.POST(
    new Request(`http://127.0.0.1/api/changes/${id}/applied-outside`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    }),
    { params: Promise.resolve({ id }) },
  );

describe('POST /api/changes/{id}/applied-outside', () => {
  it('refuses viewers, cross-site posts and bodies that are not JSON', async () => {
    const change = await proposeChange(h.context, requester, proposalFor(await h.job()));
    await approveChange(h.context, approver, change.id, {});
    const note = JSON.stringify({ note: 'by hand' });
    request.cookies.set('tierwise-demo-user', 'viewer');
    expect((await post(change.id, note)).status).toBe(403);
    request.cookies.set('tierwise-demo-user', 'admin');
    expect((await post(change.id, note, { origin: 'http://evil.example' })).status).toBe(403);
    const broken = await post(change.id, '{"note":');
    expect(broken.status).toBe(400);
    const missing = await post(change.id, '{}');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ errors: { note: expect.any(String) } });
    // The job still runs the old limits: 409 with what Cloud Run runs.
    const early = await post(change.id, note);
    expect(early.status).toBe(409);
    expect(await early.json()).toEqual({ error: expect.stringMatching(/still runs/) });
  });

  it('treats a change applied outside as applied: GET carries its verification', async () => {
    const change = await proposeChange(h.context, requester, proposalFor(await h.job()));
    await approveChange(h.context, approver, change.id, {});
    const job = await h.job();
    await updateJobLimits(h.clients, {
      project: h.context.project,
      region: h.context.region,
      job: job.name,
      limits: change.limitsAfter,
      etag: job.etag,
      validateOnly: false,
    });
    const recorded = await post(change.id, JSON.stringify({ note: 'gcloud from the runbook' }));
    expect(recorded.status).toBe(200);
    expect(await recorded.json()).toMatchObject({ state: 'applied' });
    request.cookies.set('tierwise-demo-user', 'viewer');
    const read = await changeItemRoutes(async () => h.context).GET(
      new Request(`http://127.0.0.1/api/changes/${change.id}`),
      { params: Promise.resolve({ id: change.id }) },
    );
    const body = (await read.json()) as { state: string; verification: Record<string, unknown> };
    expect(body.state).toBe('applied');
    // No executions have run at the new limits yet.
    expect(body.verification).toMatchObject({
      verdict: 'too-early',
      executionsNeeded: 30,
      rollback: { rollbackId: null, note: null },
    });
    expect(body.verification.appliedAt).toEqual(expect.any(String));
  });
});
