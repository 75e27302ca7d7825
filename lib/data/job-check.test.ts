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
