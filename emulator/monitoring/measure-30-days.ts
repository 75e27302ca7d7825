/**
 * Times ListTimeSeries on 30 days of one job at 60 s alignment: `npx tsx emulator/monitoring/measure-30-days.ts`.
 * The job runs a few times an hour for ~5 minutes, so about 4,000 of the 43,200 minutes hold data.
 */
import { performance } from 'node:perf_hooks';
import { StaticWorld } from '../world/static-world';
import type { SimDistribution, SimPoint, SimSeries } from '../world/types';
import { listTimeSeries } from './metric-service';
import type { ListTimeSeriesRequestShape } from './request';

const DAY_MS = 86_400_000;
const END_MS = Date.UTC(2025, 1, 1);
const START_MS = END_MS - 30 * DAY_MS;
const resourceLabels = {
  project_id: 'bench',
  job_name: 'reel-stitching-job',
  location: 'us-central1',
};

function busyMinutes(): number[] {
  const minutes: number[] = [];
  for (let m = 0; m < 30 * 1440; m++) if (m % 60 < 10 && (m * 7919) % 11 < 6) minutes.push(m);
  return minutes;
}

function utilization(m: number): SimDistribution {
  const counts = Array.from({ length: 22 }, (_, i): number =>
    (m + i) % 5 === 0 ? 3 : i % 7 === 0 ? 1 : 0,
  );
  const count = counts.reduce((a, b) => a + b, 0);
  return {
    count,
    mean: 0.3,
    sumOfSquaredDeviation: 0.01 * count,
    bucketOptions: { exponential: { numFiniteBuckets: 20, growthFactor: 1.4, scale: 0.01 } },
    bucketCounts: counts,
  };
}

function series(metricType: string, value: (m: number) => SimPoint['value']): SimSeries {
  const distribution = metricType.endsWith('utilizations');
  return {
    metricType,
    metricLabels: {},
    resourceType: 'cloud_run_job',
    resourceLabels,
    metricKind: 'DELTA',
    valueType: distribution ? 'DISTRIBUTION' : 'DOUBLE',
    unit: distribution ? '10^2.%' : 's{vCPU}',
    points: busyMinutes().map((m) => ({
      startMs: START_MS + m * 60_000,
      endMs: START_MS + (m + 1) * 60_000,
      value: value(m),
    })),
  };
}

const CPU = 'run.googleapis.com/container/cpu/utilizations';
const ALLOCATION = 'run.googleapis.com/container/cpu/allocation_time';
const world = new StaticWorld({
  project: 'bench',
  region: 'us-central1',
  now: END_MS,
  jobs: [],
  series: [series(CPU, utilization), series(ALLOCATION, (m) => 60 + (m % 13))],
});

const stamp = (ms: number) => ({ seconds: String(ms / 1000) });
function request(metricType: string, aggregation?: object): ListTimeSeriesRequestShape {
  return {
    name: 'projects/bench',
    filter: `metric.type = "${metricType}" AND resource.labels.job_name = "reel-stitching-job"`,
    interval: { startTime: stamp(START_MS), endTime: stamp(END_MS) },
    aggregation,
  };
}

const cases: [string, ListTimeSeriesRequestShape][] = [
  ['utilizations raw', request(CPU)],
  [
    'utilizations ALIGN_SUM 60 s',
    request(CPU, { alignmentPeriod: { seconds: '60' }, perSeriesAligner: 'ALIGN_SUM' }),
  ],
  [
    'utilizations ALIGN_PERCENTILE_99 60 s',
    request(CPU, { alignmentPeriod: { seconds: '60' }, perSeriesAligner: 'ALIGN_PERCENTILE_99' }),
  ],
  [
    'allocation ALIGN_SUM 60 s + REDUCE_SUM',
    request(ALLOCATION, {
      alignmentPeriod: { seconds: '60' },
      perSeriesAligner: 'ALIGN_SUM',
      crossSeriesReducer: 'REDUCE_SUM',
    }),
  ],
];

for (const [label, body] of cases) {
  listTimeSeries(world, body);
  const runs = 5;
  const started = performance.now();
  let points = 0;
  for (let i = 0; i < runs; i++) {
    points = listTimeSeries(world, body).timeSeries.reduce(
      (n, s) => n + (s.points as unknown[]).length,
      0,
    );
  }
  const ms = (performance.now() - started) / runs;
  console.log(`${label}: ${points} points, ${ms.toFixed(1)} ms per request`);
}
