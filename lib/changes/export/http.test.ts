import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const request = await vi.hoisted(async () =>
  (await import('@/test/support/next-request')).demoRequest(),
);
vi.mock('next/headers', async () =>
  (await import('@/test/support/next-request')).nextHeadersOf(request),
);

import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import { proposeChange } from '../propose';
import { proposalFor, requester, startHarness, type Harness } from '@/test/support/change-harness';
import { changeExportRoutes } from './http';

let h: Harness;
let routes: ReturnType<typeof changeExportRoutes>;
let id: string;

beforeAll(async () => {
  h = await startHarness('sqlite');
  routes = changeExportRoutes(async () => h.context);
  const job = await h.job();
  id = (await proposeChange(h.context, requester, proposalFor(job))).id;
});
afterAll(() => h.close());
beforeEach(() => request.cookies.set('tierwise-demo-user', 'viewer'));

const get = (change: string, format: string) =>
  routes.GET(new Request(`http://127.0.0.1/api/changes/${change}/as/${format}`), {
    params: Promise.resolve({ id: change, format }),
  });

describe('GET /api/changes/{id}/as/{format}', () => {
  it('gives the job read from Cloud Run as a v1 manifest with the new limits, as plain text', async () => {
    const response = await get(id, 'yaml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await response.text();
    expect(text).toMatch(/^# Job reel-stitching-job as Cloud Run has it now/);
    const manifest = parse(text);
    const job = await h.job();
    expect(manifest.metadata.name).toBe(job.name);
    expect(manifest.metadata.labels).toMatchObject(job.labels);
    const task = manifest.spec.template.spec.template.spec;
    expect(task.serviceAccountName).toBe(job.serviceAccount);
    expect(task.containers[0].image).toBe(job.image);
    expect(task.containers[0].env).toContainEqual({ name: 'LOG_LEVEL', value: 'info' });
    // The fixture job runs 2 vCPU / 4 GiB; proposalFor asks for 4 vCPU / 8 GiB.
    expect(task.containers[0].resources.limits).toEqual({ cpu: '4', memory: '8Gi' });
  });

  it('gives a gcloud line that a shell splits into the documented flags', async () => {
    const text = await (await get(id, 'gcloud')).text();
    const words = execFileSync('sh', ['-c', `printf '%s\\0' ${text.trim()}`], {
      encoding: 'utf8',
    })
      .split('\0')
      .slice(0, -1);
    expect(words).toEqual([
      'gcloud',
      'run',
      'jobs',
      'update',
      'reel-stitching-job',
      '--region=europe-west1',
      '--project=tierwise-demo',
      '--cpu=4',
      '--memory=8Gi',
      '--task-timeout=600s',
      '--max-retries=3',
    ]);
  });

  it('gives a Terraform block with the image Cloud Run has', async () => {
    const text = await (await get(id, 'terraform')).text();
    expect(text).toContain('resource "google_cloud_run_v2_job" "reel-stitching-job" {');
    expect(text).toContain(`image = "${(await h.job()).image}"`);
    expect(text).toMatch(/memory = "8Gi"/);
  });

  it('answers an unknown format with 400 and an unknown change with 404', async () => {
    const bad = await get(id, 'pulumi');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      errors: { format: expect.stringMatching(/gcloud, yaml, terraform/) },
    });
    expect((await get('nope', 'yaml')).status).toBe(404);
  });
});
