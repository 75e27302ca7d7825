/**
 * One job name in three places — the asked project and region, another region of that project,
 * and another project of its metrics scope — served by one emulator: a read of one place holds
 * that place's series only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator/server';
import { REEL_JOB, TEST_NOW_MS, shortScenario } from '@/emulator/sim/fixtures';
import { createWorld, type SimulatedWorld } from '@/emulator/sim';
import { RUN_METRIC } from './monitoring-query';
import { createClients, type GcpClients } from './clients';
import { readAllocation, readCompletedExecutions, readUtilisation } from './monitoring';
import { listRegions } from './locations';
import { listJobs } from './run';

const HOUR_MS = 3_600_000;
const world = (project: string, region: string, seed: number) =>
  createWorld(
    shortScenario(1, (s) => ({ ...s, project, region })),
    { seed, now: TEST_NOW_MS },
  );

let home: SimulatedWorld;
let otherRegion: SimulatedWorld;
let otherProject: SimulatedWorld;
let emulator: RunningEmulator;
let clients: GcpClients;

beforeAll(async () => {
  home = world('tierwise-home', 'us-central1', 1);
  otherRegion = world('tierwise-home', 'europe-west1', 2);
  otherProject = world('tierwise-other', 'us-central1', 3);
  emulator = await startEmulator({
    world: home,
    otherPlaces: [otherRegion, otherProject],
    port: 0,
  });
  clients = createClients({ emulatorHost: emulator.host });
});

afterAll(async () => {
  await clients.close();
  await emulator.stop();
});

/** The world's own vCPU-seconds of one job in [startMs, endMs), summed from its series. */
function ownVcpuSeconds(w: SimulatedWorld, job: string, startMs: number, endMs: number): number {
  return w
    .timeSeries(RUN_METRIC.cpuAllocation)
    .filter((s) => s.resourceLabels.job_name === job)
    .flatMap((s) => s.points)
    .filter((p) => p.startMs >= startMs && p.endMs <= endMs)
    .reduce((sum, p) => sum + (p.value as number), 0);
}

describe('Monitoring reads of one place in a metrics scope', () => {
  const window = { startMs: TEST_NOW_MS - 24 * HOUR_MS, endMs: TEST_NOW_MS };

  it('sees every place through the scoping project when no place is named', async () => {
    // The scope really holds the same job name three times: otherwise the test could not fail.
    const { items } = await readAllocation(clients, {
      project: 'tierwise-home',
      ...window,
      periodSeconds: 86_400,
      job: REEL_JOB,
    });
    // Filtered to the asked project: another project's series never reach the figures.
    expect(items.map((s) => s.region).sort()).toEqual(['europe-west1', 'us-central1']);
  });

  it('keeps another region and another project out of a job’s allocation', async () => {
    const { items, warnings } = await readAllocation(clients, {
      project: 'tierwise-home',
      region: 'us-central1',
      job: REEL_JOB,
      ...window,
      periodSeconds: 86_400,
    });
    expect(warnings).toEqual([]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ job: REEL_JOB, region: 'us-central1' });
    const read = items[0]!.points.reduce((sum, p) => sum + p.vcpuSeconds, 0);
    const own = ownVcpuSeconds(home, REEL_JOB, window.startMs, window.endMs);
    const elsewhere =
      ownVcpuSeconds(otherRegion, REEL_JOB, window.startMs, window.endMs) +
      ownVcpuSeconds(otherProject, REEL_JOB, window.startMs, window.endMs);
    expect(elsewhere).toBeGreaterThan(0);
    expect(read).toBeCloseTo(own, 6);
  });

  it('reads another project’s job only when that project is asked', async () => {
    const { items } = await readAllocation(clients, {
      project: 'tierwise-other',
      region: 'us-central1',
      job: REEL_JOB,
      ...window,
      periodSeconds: 86_400,
    });
    const read = items.flatMap((s) => s.points).reduce((sum, p) => sum + p.vcpuSeconds, 0);
    expect(read).toBeCloseTo(
      ownVcpuSeconds(otherProject, REEL_JOB, window.startMs, window.endMs),
      6,
    );
  });

  it('gives one utilisation series per job of the asked region', async () => {
    const { items } = await readUtilisation(clients, {
      project: 'tierwise-home',
      region: 'europe-west1',
      ...window,
      resource: 'memory',
    });
    expect(items.map((s) => [s.job, s.region]).sort()).toEqual(
      otherRegion
        .listJobs()
        .map((j) => [j.id, 'europe-west1'])
        .sort(),
    );
    const counts = (w: SimulatedWorld) =>
      w
        .timeSeries(RUN_METRIC.memoryUtilisation)
        .filter((s) => s.resourceLabels.job_name === REEL_JOB)
        .flatMap((s) => s.points)
        .filter((p) => p.endMs > window.startMs && p.endMs <= window.endMs)
        .reduce((sum, p) => sum + (p.value as { count: number }).count, 0);
    const reel = items.find((s) => s.job === REEL_JOB)!;
    expect(reel.points.reduce((sum, p) => sum + p.count, 0)).toBe(counts(otherRegion));
  });

  it('counts completed executions of the asked place only', async () => {
    const { items } = await readCompletedExecutions(clients, {
      project: 'tierwise-home',
      region: 'us-central1',
      job: REEL_JOB,
      ...window,
    });
    const read = items.flatMap((s) => s.points).reduce((sum, p) => sum + p.value, 0);
    const finished = home
      .allExecutions(REEL_JOB)
      .filter((e) => e.completionMs !== undefined && e.completionMs > window.startMs);
    expect(read).toBe(finished.length);
  });
});

describe('Cloud Run Admin calls of one emulator serving several places', () => {
  it('answers each region with its own job of the shared name', async () => {
    const [home, europe] = await Promise.all(
      ['us-central1', 'europe-west1'].map((region) =>
        clients.jobs.getJob({
          name: `projects/tierwise-home/locations/${region}/jobs/${REEL_JOB}`,
        }),
      ),
    );
    expect(home![0].uid).toBeTruthy();
    expect(home![0].uid).not.toBe(europe![0].uid);
    expect(europe![0].name).toBe(`projects/tierwise-home/locations/europe-west1/jobs/${REEL_JOB}`);
  });

  it('lists the regions of each project through ListLocations', async () => {
    expect(await listRegions(clients, 'tierwise-home')).toEqual(['europe-west1', 'us-central1']);
    expect(await listRegions(clients, 'tierwise-other')).toEqual(['us-central1']);
  });

  it('lists each region’s jobs under its own location', async () => {
    const { items } = await listJobs(clients, { project: 'tierwise-home', region: 'europe-west1' });
    expect(items.map((job) => job.fullName)).toContain(
      `projects/tierwise-home/locations/europe-west1/jobs/${REEL_JOB}`,
    );
  });
});
