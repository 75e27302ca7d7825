import { describe, expect, it, vi } from 'vitest';
import { FIXTURE_PROJECT, FIXTURE_REGION, fixtureWorld } from '@/emulator/run/fixture-world';
import { startEmulator } from '@/emulator/server';
import { appEnvironmentForTests } from '@/test/support/emulator';

// Every call to this emulator fails as an unreachable Google would (UNAVAILABLE).
appEnvironmentForTests('job-check-faults', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const emulator = await startEmulator({
    world: fixtureWorld(),
    port: 0,
    faults: { unavailableRate: 1, exhaustedRate: 0, latencyMs: 0 },
  });
  return {
    emulator,
    env: { GOOGLE_CLOUD_PROJECT: FIXTURE_PROJECT, TIERWISE_REGION: FIXTURE_REGION },
  };
});

describe('the check a page needs before it streams, Google failing', () => {
  it('says Cloud Run could not be read, in plain words, for a job page and the overview', async () => {
    const { pageCheck } = await import('./job-check');
    const expected = {
      kind: 'unavailable',
      problem: 'Google Cloud did not answer; try again in a minute',
    };
    expect(await pageCheck('/jobs/no-such-job')).toEqual(expected);
    expect(await pageCheck('/jobs/reel-stitching-job/changes/split')).toEqual(expected);
    expect(await pageCheck('/')).toEqual(expected);
  }, 60_000);
});
