import { StaticWorld } from '@/emulator/world/static-world';
import type { SimDistribution, SimSeries } from '@/emulator/world/types';

/**
 * Hand-made Monitoring data for the adapter tests; every expected figure is computed by hand.
 * Minute m's DELTA point covers (T0 + (m-1) min, T0 + m min].
 */
export const PROJECT = 'tierwise-demo';
export const T0_MS = Date.UTC(2025, 0, 1);
export const MINUTE_MS = 60_000;
export const at = (minute: number) => T0_MS + minute * MINUTE_MS;
export const SMALL = 'reel-small';
export const LARGE = 'reel-large';
/** Two hours of allocation, one point a minute. */
export const ALLOCATION_MINUTES = 120;

const resource = (job: string) => ({ project_id: PROJECT, job_name: job, location: 'us-central1' });

function series(
  metricType: string,
  job: string,
  valueType: SimSeries['valueType'],
  values: Record<number, number | SimDistribution>,
  metricLabels: Record<string, string> = {},
): SimSeries {
  const points = Object.entries(values)
    .map(([minute, value]) => ({
      startMs: at(Number(minute) - 1),
      endMs: at(Number(minute)),
      value,
    }))
    .sort((a, b) => a.endMs - b.endMs);
  return {
    metricType,
    metricLabels,
    resourceType: 'cloud_run_job',
    resourceLabels: resource(job),
    metricKind: 'DELTA',
    valueType,
    unit: '1',
    points,
  };
}

const utilisation = (count: number, mean: number, bucketCounts: number[]): SimDistribution => ({
  count,
  mean,
  sumOfSquaredDeviation: 0,
  bucketOptions: { linear: { numFiniteBuckets: 10, width: 0.1, offset: 0 } },
  bucketCounts,
});

/** A log-based distribution point: one task's exit line, so count 1 and mean = the value. */
const logged = (value: number): SimDistribution => ({
  count: 1,
  mean: value,
  sumOfSquaredDeviation: 0,
  bucketOptions: { exponential: { numFiniteBuckets: 40, growthFactor: 2, scale: 1 } },
  bucketCounts: [
    0,
    ...Array.from({ length: 41 }, (_, i) => (i === Math.floor(Math.log2(value)) ? 1 : 0)),
  ],
});

const perMinute = (value: number) =>
  Object.fromEntries(Array.from({ length: ALLOCATION_MINUTES }, (_, i) => [i + 1, value]));

export const GiB = 2 ** 30;

export function monitoringSeries(): SimSeries[] {
  const cpu = 'run.googleapis.com/container/cpu/utilizations';
  const peak = 'logging.googleapis.com/user/execution_peak_memory_bytes';
  const cpuSeconds = 'logging.googleapis.com/user/execution_cpu_seconds';
  const completed = 'run.googleapis.com/job/completed_execution_count';
  return [
    series(cpu, SMALL, 'DISTRIBUTION', {
      1: utilisation(2, 0.25, [0, 0, 0, 2]),
      2: utilisation(2, 0.35, [0, 0, 0, 0, 2]),
    }),
    series(cpu, LARGE, 'DISTRIBUTION', { 2: utilisation(4, 0.85, [0, 0, 0, 0, 0, 0, 0, 0, 0, 4]) }),
    // 2 vCPU and 4 GiB for small, 4 vCPU and 8 GiB for large: per minute ×60 seconds.
    series('run.googleapis.com/container/cpu/allocation_time', SMALL, 'DOUBLE', perMinute(120)),
    series('run.googleapis.com/container/memory/allocation_time', SMALL, 'DOUBLE', perMinute(240)),
    series('run.googleapis.com/container/cpu/allocation_time', LARGE, 'DOUBLE', perMinute(240)),
    series('run.googleapis.com/container/memory/allocation_time', LARGE, 'DOUBLE', perMinute(480)),
    series(completed, SMALL, 'INT64', { 10: 3, 70: 2 }, { result: 'succeeded' }),
    series(completed, SMALL, 'INT64', { 20: 1 }, { result: 'failed' }),
    // Execution a ran two tasks; b one. Peaks are per task, CPU seconds add up.
    series(
      peak,
      SMALL,
      'DISTRIBUTION',
      { 3: logged(1.5 * GiB), 4: logged(2.5 * GiB) },
      { execution_name: 'reel-small-a' },
    ),
    series(peak, SMALL, 'DISTRIBUTION', { 9: logged(1 * GiB) }, { execution_name: 'reel-small-b' }),
    series(
      cpuSeconds,
      SMALL,
      'DISTRIBUTION',
      { 3: logged(40), 4: logged(50) },
      { execution_name: 'reel-small-a' },
    ),
    series(
      cpuSeconds,
      SMALL,
      'DISTRIBUTION',
      { 9: logged(30) },
      { execution_name: 'reel-small-b' },
    ),
  ];
}

export function monitoringWorld(): StaticWorld {
  return new StaticWorld({
    project: PROJECT,
    region: 'us-central1',
    now: at(240),
    jobs: [],
    series: monitoringSeries(),
  });
}
