import { describe, expect, it } from 'vitest';
import type { protos } from '@google-cloud/run';
import { REEL_JOB_NAME, THUMBNAIL_JOB_NAME } from './fixture-world';
import { changed } from './job-changes';
import { emulatorForTests } from '@/test/support/emulator';

type Job = protos.google.cloud.run.v2.IJob;

const gcp = emulatorForTests();

async function readJob(name = REEL_JOB_NAME): Promise<Job> {
  const [job] = await gcp.clients.jobs.getJob({ name });
  return job;
}

const HOUR = 3600;

describe('UpdateJob and RunJob', () => {
  it('refuses a stale etag with ABORTED and changes nothing', async () => {
    const job = await readJob(THUMBNAIL_JOB_NAME);
    const stale = { ...changed(job, { cpu: '2', memory: '2Gi' }), etag: '"thumbnail-job-g0"' };
    await expect(gcp.clients.jobs.updateJob({ job: stale })).rejects.toMatchObject({
      code: 10,
      details: expect.stringMatching(
        /the job changed since it was read: etag "thumbnail-job-g0" is stale.*re-read and retry/,
      ),
    });
    const after = await readJob(THUMBNAIL_JOB_NAME);
    expect(after.etag).toBe(job.etag);
    expect(after.template?.template?.containers?.[0]?.resources?.limits?.memory).toBe('512Mi');
  });

  it('applies new limits through a long-running operation and runs with them', async () => {
    const job = await readJob();
    const [operation] = await gcp.clients.jobs.updateJob({
      job: changed(job, { cpu: '4', memory: '8Gi', timeoutSeconds: 900 }),
    });
    expect(operation.name).toMatch(
      /^projects\/tierwise-demo\/locations\/europe-west1\/operations\/[0-9a-f-]{36}$/,
    );
    expect(operation.done).toBeFalsy();
    const [updated] = await operation.promise();
    expect(updated.generation?.toString()).toBe('2');

    const after = await readJob();
    expect(after.generation?.toString()).toBe('2');
    expect(after.etag).not.toBe(job.etag);
    expect(after.template?.template?.containers?.[0]?.resources?.limits).toEqual({
      cpu: '4',
      memory: '8Gi',
    });
    expect(Number(after.template?.template?.timeout?.seconds)).toBe(900);

    const [run] = await gcp.clients.jobs.runJob({
      name: REEL_JOB_NAME,
      etag: after.etag ?? '',
      overrides: {
        containerOverrides: [{ env: [{ name: 'JOB_PAYLOAD', value: '{"clips":9}' }] }],
        taskCount: 2,
        timeout: { seconds: 1200 },
      },
    });
    const [execution] = await run.promise();
    const [read] = await gcp.clients.executions.getExecution({ name: execution.name ?? '' });
    expect(read.taskCount).toBe(2);
    const container = read.template?.containers?.[0];
    expect(container?.resources?.limits).toEqual({ cpu: '4', memory: '8Gi' });
    expect(container?.env).toContainEqual(
      expect.objectContaining({ name: 'JOB_PAYLOAD', value: '{"clips":9}' }),
    );
    expect(Number(read.template?.timeout?.seconds)).toBe(1200);
    const [latest] = await gcp.clients.jobs.getJob({ name: REEL_JOB_NAME });
    expect(latest.latestCreatedExecution?.name).toBe(read.name);
  });

  it('refuses a run whose timeout override is above 168 h', async () => {
    const overrides = { timeout: { seconds: 168 * HOUR + 1 } };
    await expect(gcp.clients.jobs.runJob({ name: REEL_JOB_NAME, overrides })).rejects.toMatchObject(
      {
        code: 3,
        details: expect.stringContaining('overrides.timeout'),
      },
    );
  });

  it('refuses a run with a stale etag', async () => {
    await expect(
      gcp.clients.jobs.runJob({ name: REEL_JOB_NAME, etag: '"reel-stitching-job-g1"' }),
    ).rejects.toMatchObject({ code: 10 });
  });

  it('answers NOT_FOUND when the job to update does not exist', async () => {
    const job = {
      ...(await readJob()),
      name: REEL_JOB_NAME.replace('reel-stitching-job', 'ghost'),
      etag: '',
    };
    await expect(gcp.clients.jobs.updateJob({ job })).rejects.toMatchObject({ code: 5 });
  });
});
