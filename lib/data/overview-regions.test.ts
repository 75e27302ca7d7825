/**
 * TIERWISE_REGIONS=all against a project with one job name in two regions
 * (emulator/scenarios/two-regions.json): the overview lists both, each with its region, and a job
 * link with a region reads that region while a link without one keeps reading the default.
 */
import { describe, expect, it } from 'vitest';
import { startEmulator } from '@/emulator/server';
import { appEnvironmentForTests, lastDayView } from '@/test/support/emulator';
import { createOtherRegions, createWorld, loadScenario } from '@/emulator/sim';

const NOW_MS = Date.UTC(2025, 4, 20, 12, 0);
const JOB = 'reel-stitching-job';
appEnvironmentForTests('regions', async () => {
  const scenario = { ...loadScenario('emulator/scenarios/two-regions.json'), days: 2 };
  const world = createWorld(scenario, { seed: 6, now: NOW_MS });
  const emulator = await startEmulator({
    world,
    otherPlaces: createOtherRegions(scenario, { seed: 6, now: NOW_MS }),
    port: 0,
  });
  return {
    emulator,
    env: {
      GOOGLE_CLOUD_PROJECT: world.project,
      TIERWISE_REGION: 'us-central1',
      TIERWISE_REGIONS: 'all',
    },
  };
});

const view = lastDayView('cost');

describe('an overview of every region', () => {
  it('lists the jobs of every region, one row per name and region', async () => {
    const { getProjectOverview } = await import('./overview');
    const overview = await getProjectOverview(view, NOW_MS);
    expect(overview.regions).toEqual(['europe-west1', 'us-central1']);
    const reels = overview.rows.filter((r) => r.job === JOB);
    expect(reels.map((r) => r.region).sort()).toEqual(['europe-west1', 'us-central1']);
    expect(reels.every((r) => r.problem === null && (r.executions ?? 0) > 0)).toBe(true);
    expect(reels[0]!.executions).not.toBe(reels[1]!.executions);
    expect(overview.rows).toHaveLength(4);
  });

  it('reads the region a report names, and the default region for a link without one', async () => {
    const { loadReportView, jobExists } = await import('./report-view');
    const europe = await loadReportView({ ...view, job: JOB, region: 'europe-west1' }, NOW_MS);
    const old = await loadReportView({ ...view, job: JOB }, NOW_MS);
    const us = await loadReportView({ ...view, job: JOB, region: 'us-central1' }, NOW_MS);
    expect(europe.report.inputs.region).toBe('europe-west1');
    expect(old.report.inputs.region).toBe('us-central1');
    expect(old.report.totals).toEqual(us.report.totals);
    expect(europe.report.totals.executions).not.toBe(us.report.totals.executions);
    expect(await jobExists(JOB, NOW_MS, 'europe-west1')).toBe(true);
    expect(await jobExists(JOB, NOW_MS, 'asia-east1')).toBe(false);
  });

  it('refuses a regions setting that is neither a list of regions nor all', async () => {
    const { envSchema } = await import('@/lib/env');
    const base = { TIERWISE_EMULATOR_HOST: '127.0.0.1:1', TIERWISE_AUTH: 'demo' };
    expect(
      envSchema.safeParse({ ...base, TIERWISE_REGIONS: 'us-central1, europe-west1' }).data
        ?.TIERWISE_REGIONS,
    ).toEqual(['us-central1', 'europe-west1']);
    const bad = envSchema.safeParse({ ...base, TIERWISE_REGIONS: 'us-central1,Paris' });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('TIERWISE_REGIONS');
  });
});
