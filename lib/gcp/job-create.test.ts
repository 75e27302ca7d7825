import { describe, expect, it } from 'vitest';
import { FIXTURE_PROJECT, FIXTURE_REGION, fixtureWorld } from '@/emulator/run/fixture-world';
import {
  GcpAlreadyExistsError,
  GcpInvalidArgumentError,
  GcpNotFoundError,
  toGcpError,
} from './errors';
import { createJobFrom } from './job-create';
import { getJob, listJobs } from './run';
import { emulatorForTests } from '@/test/support/emulator';

const GiB = 2 ** 30;
const place = { project: FIXTURE_PROJECT, region: FIXTURE_REGION };
const small = { vcpu: 1, memoryBytes: 2 * GiB, timeoutSeconds: 600, maxRetries: 1 };

const gcp = emulatorForTests(fixtureWorld, { retry: { initialDelayMs: 5, maxDelayMs: 20 } });

const copy = (jobId: string, extra: Partial<Parameters<typeof createJobFrom>[1]> = {}) =>
  createJobFrom(gcp.clients, {
    ...place,
    sourceJob: 'reel-stitching-job',
    jobId,
    limits: small,
    labels: { 'tierwise-tier': 'small' },
    validateOnly: false,
    ...extra,
  });

describe('createJobFrom', () => {
  it('copies the job with new limits and labels, telling the operation first', async () => {
    const source = await getJob(gcp.clients, { ...place, job: 'reel-stitching-job' });
    const operations: string[] = [];
    const created = await copy('reel-stitching-job-small', {
      onOperation: (name) => void operations.push(name),
    });
    expect(operations).toEqual([
      expect.stringMatching(/^projects\/tierwise-demo\/locations\/europe-west1\/operations\//),
    ]);
    expect(created).toMatchObject({
      name: 'reel-stitching-job-small',
      generation: 1,
      image: source.image,
      serviceAccount: source.serviceAccount,
      env: source.env,
      taskCount: source.taskCount,
      ...small,
      labels: { ...source.labels, 'tierwise-tier': 'small' },
    });
    expect(await getJob(gcp.clients, { ...place, job: 'reel-stitching-job-small' })).toEqual(
      created,
    );
    expect(created.etag).not.toBe(source.etag);
  });

  it('refuses to create the same job twice and leaves the first as it was', async () => {
    const first = await copy('reel-stitching-job-twice');
    const again = await copy('reel-stitching-job-twice', {
      limits: { ...small, vcpu: 2 },
    }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(GcpAlreadyExistsError);
    expect((again as Error).message).toContain('create job reel-stitching-job-twice');
    expect(await getJob(gcp.clients, { ...place, job: 'reel-stitching-job-twice' })).toEqual(first);
  });

  it('validateOnly returns the job it would create and creates nothing', async () => {
    const before = (await listJobs(gcp.clients, place)).items.length;
    const preview = await copy('reel-stitching-job-medium', {
      validateOnly: true,
      limits: { ...small, vcpu: 2, memoryBytes: 4 * GiB },
    });
    expect(preview).toMatchObject({ name: 'reel-stitching-job-medium', generation: 0, vcpu: 2 });
    expect((await listJobs(gcp.clients, place)).items).toHaveLength(before);
  });

  it('says when the name is taken, the limits are refused or the source is missing', async () => {
    await expect(copy('thumbnail-job', { validateOnly: true })).rejects.toBeInstanceOf(
      GcpAlreadyExistsError,
    );
    const refused = await copy('reel-bad', {
      validateOnly: true,
      limits: { ...small, memoryBytes: 8 * GiB },
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GcpInvalidArgumentError);
    expect((refused as GcpInvalidArgumentError).field).toBe(
      'job.template.template.containers[0].resources.limits.memory',
    );
    await expect(
      copy('reel-copy', { validateOnly: true, sourceJob: 'no-such-job' }),
    ).rejects.toBeInstanceOf(GcpNotFoundError);
  });

  it('names the roles creating a job needs when it is not allowed', () => {
    const error = toGcpError(Object.assign(new Error('denied'), { code: 7, details: 'denied' }), {
      action: 'create job reel-small',
      access: 'run.create',
    });
    expect(error.message).toContain('roles/run.developer on the project');
    expect(error.message).toContain('roles/iam.serviceAccountUser');
  });
});
