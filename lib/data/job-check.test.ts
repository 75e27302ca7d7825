import { describe, expect, it } from 'vitest';
import { FIXTURE_PROJECT, FIXTURE_REGION, fixtureWorld } from '@/emulator/run/fixture-world';
import { startEmulator } from '@/emulator/server';
import { appEnvironmentForTests } from '@/test/support/emulator';

// The data layer reads its emulator from the environment, once per process: Google answering here.
appEnvironmentForTests('job-check', async () => ({
  emulator: await startEmulator({ world: fixtureWorld(), port: 0 }),
  env: { GOOGLE_CLOUD_PROJECT: FIXTURE_PROJECT, TIERWISE_REGION: FIXTURE_REGION },
}));

describe('the check a page needs before it streams, Google answering', () => {
  it('finds a job page’s job present or missing, and lists jobs for the overview', async () => {
    const { pageCheck } = await import('./job-check');
    expect(await pageCheck('/jobs/reel-stitching-job')).toEqual({
      kind: 'present',
      job: 'reel-stitching-job',
    });
    expect(await pageCheck('/jobs/no-such-job/changes/new')).toEqual({
      kind: 'missing',
      job: 'no-such-job',
    });
    expect(await pageCheck('/jobs/Not_A_Name')).toEqual({ kind: 'missing', job: 'Not_A_Name' });
    expect(await pageCheck('/')).toEqual({ kind: 'ok' });
    expect(await pageCheck('/changes')).toBeUndefined();
    expect(await pageCheck('/jobs/%E0%A4%A')).toBeUndefined();
  });
});

describe('the job the check read, for the page behind it', () => {
  it('is the job Cloud Run returned, for a few seconds, and forgotten after Tierwise changes it', async () => {
    const { pageCheck, jobReadByProxy, forgetProxyReads } = await import('./job-check');
    const { getJob } = await import('@/lib/gcp');
    const { requestClients, projectLocation } = await import('./clients');
    const nowMs = Date.now();
    await pageCheck('/jobs/reel-stitching-job', nowMs);
    const read = jobReadByProxy('reel-stitching-job', nowMs + 1000);
    const job = await getJob(requestClients(), { ...projectLocation(), job: 'reel-stitching-job' });
    expect(read).toEqual(job);
    // Older than the check's trust, the page reads the job itself.
    expect(jobReadByProxy('reel-stitching-job', nowMs + 60_000)).toBeUndefined();
    expect(jobReadByProxy('no-such-job', nowMs)).toBeUndefined();
    forgetProxyReads(['reel-stitching-job']);
    expect(jobReadByProxy('reel-stitching-job', nowMs + 1000)).toBeUndefined();
    // The next check reads Cloud Run again instead of trusting a forgotten read.
    await pageCheck('/jobs/reel-stitching-job', nowMs + 2000);
    expect(jobReadByProxy('reel-stitching-job', nowMs + 2000)).toEqual(job);
  });
});
