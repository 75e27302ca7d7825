import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimDistribution, SimSeries } from '../world/types';
import {
  REEL_JOB,
  TEST_NOW_MS,
  VEO_CLIP,
  payloadOf,
  quietScenario,
  shortScenario,
} from './fixtures';
import {
  DEFAULT_SCENARIO_PATH,
  METRIC,
  createWorld,
  loadScenario,
  type SimulatedWorld,
} from './index';

const GIB = 2 ** 30;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const values = (series: readonly SimSeries[]) =>
  series.flatMap((s) => s.points.map((p) => p.value as number));

/** A world where `runs` identical 6-clip reels start together, seen 10 minutes later. */
function concurrentRuns(runs: number) {
  const world = createWorld(quietScenario(), { seed: 11, now: TEST_NOW_MS });
  const payload = payloadOf(6, VEO_CLIP);
  for (let i = 0; i < runs; i += 1)
    world.runJob(REEL_JOB, { env: [{ name: 'JOB_PAYLOAD', value: payload }] });
  world.advanceTo(TEST_NOW_MS + 10 * 60_000);
  return world;
}

function utilizationAt(
  world: SimulatedWorld,
  metricType: string,
  minuteEndMs: number,
): SimDistribution {
  const point = world.timeSeries(metricType)[0]!.points.find((p) => p.endMs === minuteEndMs)!;
  return point.value as SimDistribution;
}

describe('Monitoring series of a simulated job', () => {
  it('mixes overlapping executions of one job into one distribution per minute', () => {
    const alone = concurrentRuns(1);
    const both = concurrentRuns(2);
    // The second minute after the start is fully inside both runs.
    const minuteEnd = TEST_NOW_MS + 2 * 60_000;
    for (const metric of [METRIC.cpuUtilizations, METRIC.memoryUtilizations]) {
      const first = utilizationAt(alone, metric, minuteEnd);
      const mixed = utilizationAt(both, metric, minuteEnd);
      expect(first.count).toBe(1);
      expect(mixed.count).toBe(2);
      expect(sum(mixed.bucketCounts)).toBe(2);
      const second = 2 * mixed.mean - first.mean;
      expect(second).toBeGreaterThan(0);
      expect(second).toBeLessThanOrEqual(1);
      expect(mixed.sumOfSquaredDeviation).toBeCloseTo(2 * (first.mean - mixed.mean) ** 2, 12);
    }
    const running = both.timeSeries(METRIC.runningExecutions)[0]!.points;
    expect(Math.max(...running.map((p) => p.value as number))).toBe(2);
  });

  describe('over two days of the default scenario', () => {
    let world: SimulatedWorld;
    beforeAll(() => {
      world = createWorld(shortScenario(2), { seed: 8, now: TEST_NOW_MS });
    });
    const reelSeries = (metricType: string) =>
      world.timeSeries(metricType).filter((s) => s.resourceLabels.job_name === REEL_JOB);
    const truthAttempts = () =>
      world
        .groundTruth()
        .executions.filter((e) => e.jobId === REEL_JOB)
        .flatMap((e) => e.attempts.map((a) => ({ ...a, limits: e.limits })));

    it('allocates exactly vCPU × running seconds, GiB × running seconds and instance seconds', () => {
      const attempts = truthAttempts();
      expect(sum(values(reelSeries(METRIC.cpuAllocation)))).toBeCloseTo(
        sum(attempts.map((a) => a.limits.vcpu * a.durationSeconds)),
        6,
      );
      expect(sum(values(reelSeries(METRIC.memoryAllocation)))).toBeCloseTo(
        sum(attempts.map((a) => (a.limits.memoryBytes / GIB) * a.durationSeconds)),
        6,
      );
      expect(sum(values(reelSeries(METRIC.billableInstanceTime)))).toBeCloseTo(
        sum(attempts.map((a) => a.durationSeconds)),
        6,
      );
    });

    it('counts completed executions and attempts by result', () => {
      const truth = world.groundTruth().executions.filter((e) => e.jobId === REEL_JOB);
      const byResult = (metric: string, result: string) =>
        sum(values(reelSeries(metric).filter((s) => s.metricLabels.result === result)));
      expect(byResult(METRIC.completedExecutions, 'succeeded')).toBe(
        truth.filter((e) => e.status === 'succeeded').length,
      );
      expect(byResult(METRIC.completedExecutions, 'failed')).toBe(
        truth.filter((e) => e.status === 'failed').length,
      );
      const finished = truth.flatMap((e) => e.attempts).filter((a) => a.outcome !== 'running');
      expect(byResult(METRIC.completedAttempts, 'failed')).toBe(
        finished.filter((a) => a.outcome !== 'succeeded').length,
      );
      expect(byResult(METRIC.completedAttempts, 'failed')).toBeGreaterThan(0);
    });

    it('reports 60 s points oldest first, distributions consistent with their buckets', () => {
      for (const type of world.metricTypes()) {
        for (const series of world.timeSeries(type)) {
          expect(series.resourceLabels).toEqual({
            project_id: 'demo-project',
            job_name: series.resourceLabels.job_name,
            location: 'us-central1',
          });
          series.points.forEach((point, i) => {
            if (series.metricKind === 'DELTA') expect(point.endMs - point.startMs).toBe(60_000);
            if (i > 0) expect(point.startMs).toBeGreaterThanOrEqual(series.points[i - 1]!.endMs);
            if (typeof point.value === 'object') {
              expect(sum(point.value.bucketCounts)).toBe(point.value.count);
              expect(point.value.mean).toBeGreaterThanOrEqual(0);
              expect(point.value.mean).toBeLessThanOrEqual(1);
            }
          });
        }
      }
    });

    it('serves no per-execution metrics when the scenario does not enable them', () => {
      expect(world.metricTypes()).not.toContain(METRIC.peakMemoryBytes);
      expect(world.timeSeries(METRIC.peakMemoryBytes)).toEqual([]);
    });

    it('returns the cached series until the world changes', () => {
      const first = world.timeSeries(METRIC.cpuUtilizations);
      expect(world.timeSeries(METRIC.cpuUtilizations)).toBe(first);
    });
  });

  it('writes per-execution peak memory and CPU seconds only from attempts that exit by themselves', () => {
    const tiered = loadScenario(path.join(path.dirname(DEFAULT_SCENARIO_PATH), 'tiered.json'));
    const world = createWorld({ ...tiered, days: 1 }, { seed: 2, now: TEST_NOW_MS });
    const job = 'reel-stitching-job-small';
    const payload = payloadOf(3, { seconds: 30, width: 2160, height: 3840, mb: 30 });
    const killed = world.runJob(job, { env: [{ name: 'JOB_PAYLOAD', value: payload }] });
    world.advanceTo(TEST_NOW_MS + 60 * 60_000);
    const peaks = world.timeSeries(METRIC.peakMemoryBytes);
    const truth = world.groundTruth().executions.filter((e) => e.jobId === job);
    const selfExits = truth
      .flatMap((e) => e.attempts)
      .filter((a) => a.outcome === 'succeeded' || a.outcome === 'error');
    const samples = peaks
      .filter((s) => s.resourceLabels.job_name === job)
      .flatMap((s) => s.points.map((p) => (p.value as SimDistribution).count));
    expect(sum(samples)).toBe(selfExits.length);
    expect(
      world.getExecution(job, killed.id)?.tasks[0]?.attempts.every((a) => a.outcome === 'oom'),
    ).toBe(true);
    expect(peaks.some((s) => s.metricLabels.execution_name === killed.id)).toBe(false);
    const one = truth.find((e) => e.status === 'succeeded' && e.attempts.length === 1)!;
    const series = peaks.find((s) => s.metricLabels.execution_name === one.executionId)!;
    expect((series.points[0]!.value as SimDistribution).mean).toBe(
      one.attempts[0]!.peakMemoryBytes,
    );
    const cpu = world
      .timeSeries(METRIC.cpuSeconds)
      .find((s) => s.metricLabels.execution_name === one.executionId)!;
    expect((cpu.points[0]!.value as SimDistribution).mean).toBeCloseTo(
      one.attempts[0]!.cpuSeconds,
      9,
    );
  });
});
