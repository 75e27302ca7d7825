import { StaticWorld } from '../world/static-world';
import type {
  SimBucketOptions,
  SimDistribution,
  SimMetricKind,
  SimPoint,
  SimSeries,
  SimValueType,
} from '../world/types';

/**
 * Hand-made Monitoring data for the ListTimeSeries conformance tests: every expected aggregate in
 * those tests is computed by hand from the values here. Minute m's DELTA point covers
 * (T0 + (m-1) min, T0 + m min].
 */
export const PROJECT = 'tierwise-demo';
export const T0_MS = Date.UTC(2025, 0, 1);
export const MINUTE_MS = 60_000;
export const at = (minute: number) => T0_MS + minute * MINUTE_MS;

export const METRIC = {
  cpuUtilizations: 'run.googleapis.com/container/cpu/utilizations',
  cpuAllocation: 'run.googleapis.com/container/cpu/allocation_time',
  completedExecutions: 'run.googleapis.com/job/completed_execution_count',
  runningExecutions: 'run.googleapis.com/job/running_executions',
} as const;

export const SMALL_JOB = 'reel-small';
export const LARGE_JOB = 'reel-large';

/** Linear buckets of width 0.1 over [0, 1): bucket i (1–10) is [0.1(i-1), 0.1i). */
export const UTILIZATION_BUCKETS: SimBucketOptions = {
  linear: { numFiniteBuckets: 10, width: 0.1, offset: 0 },
};

export function utilization(
  count: number,
  mean: number,
  sumOfSquaredDeviation: number,
  bucketCounts: number[],
): SimDistribution {
  return { count, mean, sumOfSquaredDeviation, bucketOptions: UTILIZATION_BUCKETS, bucketCounts };
}

function series(
  metricType: string,
  jobName: string,
  shape: { metricKind: SimMetricKind; valueType: SimValueType; unit: string },
  values: Record<number, number | SimDistribution>,
  metricLabels: Record<string, string> = {},
): SimSeries {
  const points: SimPoint[] = Object.entries(values).map(([minute, value]) => {
    const endMs = at(Number(minute));
    const startMs = shape.metricKind === 'GAUGE' ? endMs : endMs - MINUTE_MS;
    return { startMs, endMs, value };
  });
  points.sort((a, b) => a.endMs - b.endMs);
  return {
    metricType,
    metricLabels,
    resourceType: 'cloud_run_job',
    resourceLabels: { project_id: PROJECT, job_name: jobName, location: 'us-central1' },
    ...shape,
    points,
  };
}

const deltaDouble = { metricKind: 'DELTA', valueType: 'DOUBLE', unit: 's{vCPU}' } as const;
const deltaInt = { metricKind: 'DELTA', valueType: 'INT64', unit: '1' } as const;
const deltaDistribution = {
  metricKind: 'DELTA',
  valueType: 'DISTRIBUTION',
  unit: '10^2.%',
} as const;
const gaugeInt = { metricKind: 'GAUGE', valueType: 'INT64', unit: '1' } as const;

export function fixtureSeries(): SimSeries[] {
  return [
    series(METRIC.cpuAllocation, SMALL_JOB, deltaDouble, {
      1: 10,
      2: 20,
      3: 30,
      4: 40,
      5: 50,
      6: 60,
    }),
    series(METRIC.cpuAllocation, LARGE_JOB, deltaDouble, { 2: 5, 3: 7, 4: 9 }),
    series(METRIC.cpuUtilizations, SMALL_JOB, deltaDistribution, {
      // {0.25, 0.25}, {0.35, 0.35}, {0.35, 0.45}
      1: utilization(2, 0.25, 0, [0, 0, 0, 2]),
      2: utilization(2, 0.35, 0, [0, 0, 0, 0, 2]),
      3: utilization(2, 0.4, 0.005, [0, 0, 0, 0, 1, 1]),
    }),
    series(METRIC.cpuUtilizations, LARGE_JOB, deltaDistribution, {
      // four values of 0.85
      2: utilization(4, 0.85, 0, [0, 0, 0, 0, 0, 0, 0, 0, 0, 4]),
    }),
    series(
      METRIC.completedExecutions,
      SMALL_JOB,
      deltaInt,
      { 1: 1, 2: 2, 4: 1 },
      { result: 'succeeded' },
    ),
    series(METRIC.completedExecutions, SMALL_JOB, deltaInt, { 2: 1 }, { result: 'failed' }),
    series(METRIC.runningExecutions, SMALL_JOB, gaugeInt, { 1: 1, 2: 2, 3: 0 }),
  ];
}

export function fixtureWorld(): StaticWorld {
  return new StaticWorld({
    project: PROJECT,
    region: 'us-central1',
    now: at(60),
    jobs: [],
    series: fixtureSeries(),
  });
}
