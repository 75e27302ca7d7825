import { describe, expect, it } from 'vitest';
import { FIXTURE_PARENT, REEL_JOB_NAME } from './fixture-world';
import { emulatorForTests } from '@/test/support/emulator';

const gcp = emulatorForTests();

describe('GetJob and ListJobs', () => {
  it('returns the job with its limits, timeout, retries and etag', async () => {
    const [job] = await gcp.clients.jobs.getJob({ name: REEL_JOB_NAME });
    expect(job.name).toBe(REEL_JOB_NAME);
    expect(String(job.generation)).toBe('1');
    expect(job.etag).toBe('"reel-stitching-job-g1"');
    const task = job.template?.template;
    expect(task?.containers?.[0]?.resources?.limits).toEqual({ cpu: '2', memory: '4Gi' });
    expect(Number(task?.timeout?.seconds)).toBe(600);
    expect(task?.maxRetries).toBe(3);
    expect(job.executionCount).toBe(7);
    expect(job.latestCreatedExecution?.name).toBe(
      `${REEL_JOB_NAME}/executions/reel-stitching-job-00007`,
    );
    expect(job.latestCreatedExecution?.completionStatus).toBe('EXECUTION_RUNNING');
  });

  it('lists every job of the project, one page at a time', async () => {
    const [first, , firstResponse] = await gcp.clients.jobs.listJobs(
      { parent: FIXTURE_PARENT, pageSize: 1 },
      { autoPaginate: false },
    );
    expect(first.map((j) => j.name)).toEqual([REEL_JOB_NAME]);
    const [second, , secondResponse] = await gcp.clients.jobs.listJobs(
      { parent: FIXTURE_PARENT, pageSize: 1, pageToken: firstResponse?.nextPageToken ?? '' },
      { autoPaginate: false },
    );
    expect(second.map((j) => j.name)).toEqual([`${FIXTURE_PARENT}/jobs/thumbnail-job`]);
    expect(secondResponse?.nextPageToken).toBe('');
    const [all] = await gcp.clients.jobs.listJobs({ parent: FIXTURE_PARENT });
    expect(all).toHaveLength(2);
  });
});

describe('names', () => {
  it.each([
    [
      'an unknown job',
      `${FIXTURE_PARENT}/jobs/nope`,
      'job projects/tierwise-demo/locations/europe-west1/jobs/nope was not found',
    ],
    [
      'another project',
      'projects/x/locations/europe-west1/jobs/reel-stitching-job',
      'job projects/x/locations/europe-west1/jobs/reel-stitching-job was not found',
    ],
    [
      'another region',
      'projects/tierwise-demo/locations/us-central1/jobs/reel-stitching-job',
      'was not found',
    ],
  ])('answers NOT_FOUND for %s', async (_case, name, message) => {
    await expect(gcp.clients.jobs.getJob({ name })).rejects.toMatchObject({
      code: 5,
      details: expect.stringContaining(message),
    });
  });

  it.each([
    ['no jobs segment', 'projects/tierwise-demo/locations/europe-west1/reel-stitching-job'],
    ['an empty name', ''],
    ['a wildcard job', `${FIXTURE_PARENT}/jobs/-`],
  ])('answers INVALID_ARGUMENT for %s', async (_case, name) => {
    await expect(gcp.clients.jobs.getJob({ name })).rejects.toMatchObject({ code: 3 });
  });

  it('answers NOT_FOUND for a list in another project', async () => {
    await expect(
      gcp.clients.jobs.listJobs({ parent: 'projects/other/locations/europe-west1' }),
    ).rejects.toMatchObject({ code: 5 });
  });

  it('answers UNIMPLEMENTED for a call the emulator does not serve, naming it', async () => {
    await expect(gcp.clients.jobs.deleteJob({ name: REEL_JOB_NAME })).rejects.toMatchObject({
      code: 12,
      details: expect.stringContaining('DeleteJob'),
    });
  });
});
